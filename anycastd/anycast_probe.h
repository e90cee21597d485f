// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probes: the one interface every probe kind implements.
 *
 * A probe *run* is one asynchronous check.  The generic layer
 * (anycast_probe.c) owns the run: it starts the kind, enforces the timeout,
 * measures latency and reports exactly one result to the owner's callback,
 * never from inside anycast_probe_start().  A kind only starts its work
 * and calls anycast_probe_finish() once it knows the outcome.
 *
 * Adding a kind = one new file with a `struct anycast_probe_kind` and one
 * line in the registry (anycast_probe.c).
 */
#ifndef _ANYCAST_PROBE_H
#define _ANYCAST_PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/time.h>

#include "ipaddr.h"

struct anycast_probe_run;

enum anycast_probe_type {
	ANYCAST_PROBE_NONE = 0,
	ANYCAST_PROBE_TCP,
};

/* Probe settings, as configured. */
struct anycast_probe_config {
	enum anycast_probe_type type;
	union {
		struct {
			struct ipaddr addr;
			uint16_t port;
		} tcp;
	};
};

struct anycast_probe_result {
	bool ok;
	bool timeout;
	uint32_t latency_us;
	char error[128]; /* empty when ok */
};

typedef void (*anycast_probe_done_fn)(void *arg,
				      const struct anycast_probe_result *res);

struct anycast_probe_kind {
	const char *name; /* as in `probe NAME …` and show output */
	/*
	 * Start the check.  Return 0 when started (anycast_probe_finish() will
	 * follow), -1 on immediate failure with run->result.error filled.
	 */
	int (*start)(struct anycast_probe_run *run);
	/* Release the kind's resources (fds, timers).  No result. */
	void (*stop)(struct anycast_probe_run *run);
};

struct anycast_probe_run {
	const struct anycast_probe_kind *kind;
	struct anycast_probe_config cfg; /* copy: config may change meanwhile */
	struct timeval started;
	struct thread *t_timeout;
	struct thread *t_finish;
	anycast_probe_done_fn done;
	void *arg;
	struct anycast_probe_result result;
	/* kind-owned state */
	int fd;
	struct thread *t_io;
};

/* The kind implementing a probe type, or NULL. */
extern const struct anycast_probe_kind *
anycast_probe_kind(enum anycast_probe_type type);

/* Name of a probe type ("tcp"), "none" when unset. */
extern const char *anycast_probe_type_name(enum anycast_probe_type type);

/* Equal settings (a change that isn't one keeps the running probe). */
extern bool anycast_probe_config_equal(const struct anycast_probe_config *a,
				       const struct anycast_probe_config *b);

/*
 * Start a run of cfg with a timeout; done(arg, result) is called exactly
 * once, later, unless the run is cancelled first.  Never returns NULL.
 */
extern struct anycast_probe_run *
anycast_probe_start(const struct anycast_probe_config *cfg, uint32_t timeout_ms,
		    anycast_probe_done_fn done, void *arg);

/* Cancel a run: no callback; *runp is set to NULL. */
extern void anycast_probe_cancel(struct anycast_probe_run **runp);

/*
 * For kinds: the outcome is known.  err (printf format) NULL = success.
 * Stops the kind, then calls the owner's callback and frees the run.
 */
extern void anycast_probe_finish(struct anycast_probe_run *run, bool ok,
				 const char *fmt, ...) PRINTFRR(3, 4);

/* Kinds */
extern const struct anycast_probe_kind anycast_probe_tcp;

#endif /* _ANYCAST_PROBE_H */
