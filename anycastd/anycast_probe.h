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

#include "hook.h"
#include "anycast_frr.h"
#include "ipaddr.h"
#include "prefix.h"
#include "typesafe.h"

struct anycast_probe_run;
/* finished runs waiting to be delivered */
PREDECL_DLIST(anycast_probe_doneq);
struct lyd_node;
struct vty;

enum anycast_probe_type {
	ANYCAST_PROBE_NONE = 0,
	ANYCAST_PROBE_TCP,
	ANYCAST_PROBE_HTTP,
	ANYCAST_PROBE_DNS,
	ANYCAST_PROBE_ICMP,
	ANYCAST_PROBE_EXEC,
	ANYCAST_PROBE_FILE,
	ANYCAST_PROBE_PROCESS,
	ANYCAST_PROBE_INTERFACE,
	ANYCAST_PROBE_ROUTE,
	ANYCAST_PROBE_BFD,
	ANYCAST_PROBE_MAX,
};

#define ANYCAST_PROBE_STR_LEN 256

/*
 * Probe settings, as configured.  Plain data with fixed-size strings, kept
 * zeroed outside what is set: two configurations are equal iff memcmp says
 * so, and a run can copy it.
 */
struct anycast_probe_config {
	enum anycast_probe_type type;
	/*
	 * The health object's `vrf`: tcp, http, dns and icmp probes open
	 * their sockets in it (anycast_vrf_socket()); "": the default VRF.
	 */
	char vrf[37];
	union {
		struct {
			struct ipaddr addr;
			uint16_t port;
			struct ipaddr source;		  /* IPADDR_NONE: any */
			char send[ANYCAST_PROBE_STR_LEN]; /* unescaped */
			char expect[ANYCAST_PROBE_STR_LEN]; /* unescaped */
			size_t send_len, expect_len;
		} tcp;
		struct {
			char url[512];
			bool head;
			char expect_status[128]; /* "200-399,404" */
			char expect_body[ANYCAST_PROBE_STR_LEN];
			char host[ANYCAST_PROBE_STR_LEN];
			bool insecure;
		} http;
		struct {
			struct ipaddr server;
			uint16_t port;
			char query[ANYCAST_PROBE_STR_LEN];
			uint16_t qtype; /* ns_t_* */
			uint8_t rcode;	/* expected, ns_r_* */
			char expect_answer[ANYCAST_PROBE_STR_LEN]; /* escaped */
			bool tcp;
			bool recurse; /* RD bit */
		} dns;
		struct {
			struct ipaddr addr;
			struct ipaddr source; /* IPADDR_NONE: any */
			uint8_t count;
			uint8_t loss; /* percent */
		} icmp;
		struct {
			char command[1024];
			bool shell;
			char user[33];
			/*
			 * the user, resolved when configured: no NSS look-up
			 * (possibly LDAP) in the event loop on every run
			 */
			bool user_ok;
			char user_error[160];
			uid_t uid;
			gid_t gid;
			int ngroups;
			gid_t groups[32];
			char home[256];
		} exec;
		struct {
			char path[1024];
			bool absent;
		} file;
		struct {
			char pidfile[1024]; /* or */
			char name[16];
			char exe[1024]; /* "": any; else /proc/PID/exe */
			/* user: the process's real uid must be uid */
			char user[33];
			bool user_ok; /* resolved (when configured) */
			uid_t uid;
		} process;
		struct {
			char ifname[16];
			struct prefix address; /* family 0: any */
		} interface;
		struct {
			struct prefix prefix;
			char vrf[37];
		} route;
		struct {
			struct ipaddr peer;
			struct ipaddr local; /* IPADDR_NONE: unset */
			char ifname[16];
		} bfd;
	};
};

struct anycast_probe_result {
	bool ok;
	bool timeout;
	/*
	 * No result: the run failed for a local fault (anycastd ran out of
	 * file descriptors, memory, buffers or processes: see
	 * anycast_errno_is_local()), which says nothing about the target.
	 * ok is false; the owner must not count it as a failure (the
	 * health layer feeds it to no state machine).  error says what.
	 */
	bool local;
	/*
	 * A definitive failure: the run observed the target gone or down (a
	 * process exited, an interface went down, a route or a BFD session
	 * was lost), not one sample of a service that may answer the next
	 * time.  The state machine takes one as enough to go down.
	 */
	bool lost;
	uint32_t latency_us;
	char error[128]; /* empty when ok */
	char detail[64]; /* kind-specific: "status 503", "rcode NXDOMAIN", "exit
			    1" */
};

/* extra "NAME=value" environment entries a run may pass to its command */
#define ANYCAST_PROBE_ENV_MAX 8

typedef void (*anycast_probe_done_fn)(void *arg,
				      const struct anycast_probe_result *res);

/*
 * A probe kind.  Its file holds everything about it: the check, reading its
 * configuration from the YANG data, writing it back as CLI, and its
 * `probe KIND …` command.
 */
struct anycast_probe_kind {
	const char *name; /* as in `probe NAME …`, the YANG container, show */
	/*
	 * Start the check.  Return 0 when started (anycast_probe_finish() will
	 * follow), -1 on immediate failure with run->result.error filled
	 * (and anycast_probe_note_errno() called when an errno says why: a
	 * local fault is then no result, not a failure).
	 */
	int (*start)(struct anycast_probe_run *run);
	/* Release the kind's resources (fds, timers, children).  No result. */
	void (*stop)(struct anycast_probe_run *run);
	/* Fill cfg (already zeroed, type set) from the kind's container. */
	void (*config_read)(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode);
	/*
	 * Northbound validation (NB_EV_VALIDATE) of the kind's container in
	 * the candidate, as a whole: everything the YANG types cannot say.
	 * Every front end (CLI, frr.conf, gRPC) goes through it.  False with
	 * the reason in errmsg (the CLI shows it after "% Configuration
	 * failed").  NULL: nothing beyond the YANG model.
	 */
	bool (*validate)(const struct lyd_node *dnode, char *errmsg,
			 size_t errmsg_len);
	/* Write the `probe KIND …` line for the kind's container. */
	void (*cli_show)(struct vty *vty, const struct lyd_node *dnode);
	/* Human-readable target, for show ("tcp 192.0.2.1 port 80"). */
	void (*describe)(const struct anycast_probe_config *cfg, char *buf,
			 size_t len);
	/* Install the kind's CLI commands (in ANYCAST_HEALTH_NODE). */
	void (*vty_init)(void);
	/*
	 * Optional, for kinds that keep something per target beyond a run
	 * (watches, zebra registrations, BFD sessions): a health object
	 * stopped using old (changed or deleted; the object's configuration
	 * already says so).  Release what was kept for it unless another
	 * object still uses the same target.
	 */
	void (*release)(const struct anycast_probe_config *old);
	/*
	 * Optional, for kinds with shared targets (anycast_probe_users.h):
	 * a health object's configuration cfg (its own copy, at the same
	 * address until detached) starts using its target / stops (cfg
	 * still holds the settings it was attached with).
	 */
	void (*attach)(const struct anycast_probe_config *cfg);
	void (*detach)(const struct anycast_probe_config *cfg);
};

struct anycast_probe_run {
	const struct anycast_probe_kind *kind;
	/*
	 * the caller's: unchanged until the run is done or cancelled (a
	 * health object cancels its run before its probe changes).  Not a
	 * copy: 1,000 runs in flight held 1.5 MB of copies.
	 */
	const struct anycast_probe_config *cfg;
	struct timeval started;
	uint32_t timeout_ms; /* the run's timeout (kinds: a safety net) */
	bool extended;	     /* the timeout was extended (a late loop) */
	struct frr_event *t_timeout;
	/* finished, in the delivery queue (anycast_probe.c) */
	struct anycast_probe_doneq_item doneq;
	bool queued;
	anycast_probe_done_fn done;
	void *arg;
	struct anycast_probe_result result;
	/* extra environment (exec kind), copies owned by the run */
	char *env[ANYCAST_PROBE_ENV_MAX];
	size_t nenv;
	/* kind-owned state */
	int fd;
	struct frr_event *t_io;
	void *priv;
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
 * Read the probe configuration under a health object's "probe" container
 * (NULL or empty: no probe).
 */
extern void anycast_probe_config_read(struct anycast_probe_config *cfg,
				      const struct lyd_node *probe_dnode);

/*
 * Validate a kind's container (a child of a health object's "probe"
 * container) with its kind's validate callback.
 */
extern bool anycast_probe_validate(const struct lyd_node *kind_dnode,
				   char *errmsg, size_t errmsg_len);

/*
 * For validate callbacks.  The address in leaf (absent: fine) is one a
 * probe can send to or bind to: refused (a message naming what) when it
 * does not parse (a zone), is unspecified, multicast, broadcast,
 * IPv4-mapped, or IPv6 link-local unless link_local_ok (the probe has an
 * interface to scope it).
 */
extern bool anycast_probe_unicast_ok(const struct lyd_node *dnode,
				     const char *leaf, const char *what,
				     bool link_local_ok, char *errmsg,
				     size_t errmsg_len);

/*
 * A probe's two addresses: the one in leaf (named what) as for
 * anycast_probe_unicast_ok(), the one in leaf2 (named what2, optional) in
 * the same family (family_msg otherwise) and unicast too.
 */
extern bool anycast_probe_addrs_ok(const struct lyd_node *dnode,
				   const char *leaf, const char *what,
				   const char *leaf2, const char *what2,
				   bool link_local_ok, const char *family_msg,
				   char *errmsg, size_t errmsg_len);

/*
 * The escaped string in leaf (absent: fine) decodes (anycast_unescape)
 * to 1..ANYCAST_PROBE_STR_LEN-1 bytes, without a NUL byte unless nul_ok.
 */
extern bool anycast_probe_escaped_ok(const struct lyd_node *dnode,
				     const char *leaf, bool nul_ok);

/*
 * An interface name Linux accepts: 1-15 characters, no '/' or blank, not
 * "." or "..".
 */
extern bool anycast_probe_ifname_ok(const char *name);

/* Describe a configuration for show ("none" when unset). */
extern void anycast_probe_describe(const struct anycast_probe_config *cfg,
				   char *buf, size_t len);

/*
 * A health object no longer uses the probe configuration old (it was
 * changed or the object deleted): the kind releases what it kept for it.
 */
extern void anycast_probe_release(const struct anycast_probe_config *old);

/* Install every kind's CLI. */
extern void anycast_probe_vty_init(void);

/*
 * Start a run of cfg with a timeout; done(arg, result) is called exactly
 * once, later, unless the run is cancelled first.  Never returns NULL.
 * The run keeps a pointer to cfg: it must not change or go away before
 * done() or the cancel.
 */
extern struct anycast_probe_run *
anycast_probe_start(const struct anycast_probe_config *cfg, uint32_t timeout_ms,
		    anycast_probe_done_fn done, void *arg);

/*
 * The same with extra "NAME=value" entries (at most ANYCAST_PROBE_ENV_MAX,
 * copied) for the command's environment; kinds without a command ignore
 * them.  Used by the on-change hooks.
 */
extern struct anycast_probe_run *
anycast_probe_start_env(const struct anycast_probe_config *cfg,
			uint32_t timeout_ms, const char *const *env,
			size_t nenv, anycast_probe_done_fn done, void *arg);

/* Cancel a run: no callback; *runp is set to NULL. */
extern void anycast_probe_cancel(struct anycast_probe_run **runp);

/*
 * For kinds: the outcome is known.  err (printf format) NULL = success.
 * Stops the kind, then calls the owner's callback and frees the run.
 */
extern void anycast_probe_finish(struct anycast_probe_run *run, bool ok,
				 const char *fmt, ...) PRINTFRR(3, 4);

/*
 * For kinds: the run fails because of err (an errno).  When err is a local
 * resource fault (anycast_errno_is_local()), the run has no result
 * (result.local): call before returning -1 from start() or before
 * anycast_probe_finish(run, false, ...).  Returns whether it was local.
 */
extern bool anycast_probe_note_errno(struct anycast_probe_run *run, int err);

/* For kinds: the run failed for a local fault, whatever the errno. */
extern void anycast_probe_note_local(struct anycast_probe_run *run);

/*
 * For kinds: the run failed because the target is observed gone or down
 * (result.lost): a process that exited, an interface down, a route or BFD
 * session lost.  The event-driven kinds report these; a sampled check
 * (a connection refused, a timeout, a bad answer) never does.
 */
extern void anycast_probe_finish_lost(struct anycast_probe_run *run,
				      const char *fmt, ...) PRINTFRR(2, 3);

/* anycast_probe_note_errno(run, err), then anycast_probe_finish(). */
extern void anycast_probe_finish_errno(struct anycast_probe_run *run, int err,
				       const char *fmt, ...) PRINTFRR(3, 4);

/* Runs of a kind that had no result (local faults), since start-up. */
extern uint64_t anycast_probe_no_results(enum anycast_probe_type type);

/* Kinds (one file each; registered in anycast_probe.c) */
extern const struct anycast_probe_kind anycast_probe_tcp;
extern const struct anycast_probe_kind anycast_probe_http;
extern const struct anycast_probe_kind anycast_probe_dns;
extern const struct anycast_probe_kind anycast_probe_icmp;
extern const struct anycast_probe_kind anycast_probe_exec;
extern const struct anycast_probe_kind anycast_probe_file;
extern const struct anycast_probe_kind anycast_probe_process;
extern const struct anycast_probe_kind anycast_probe_interface;
extern const struct anycast_probe_kind anycast_probe_route;
extern const struct anycast_probe_kind anycast_probe_bfd;

/*
 * Event-driven kinds (process death, interface/route/BFD changes) call
 * this so the health objects using that kind probe again at once; the
 * probe's own run then reports the new state.
 */
DECLARE_HOOK(anycast_probe_kick, (enum anycast_probe_type type), (type));
extern void anycast_probe_kick(enum anycast_probe_type type);

/* The same for the one health object whose configuration is cfg. */
DECLARE_HOOK(anycast_probe_kick_cfg, (const struct anycast_probe_config *cfg),
	     (cfg));
extern void anycast_probe_kick_cfg(const struct anycast_probe_config *cfg);

/* A health object's configuration cfg starts / stops being used. */
extern void anycast_probe_attach(const struct anycast_probe_config *cfg);
extern void anycast_probe_detach(const struct anycast_probe_config *cfg);

#endif /* _ANYCAST_PROBE_H */
