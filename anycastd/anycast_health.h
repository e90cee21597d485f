// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd health objects: configuration, probe scheduling and the state
 * machine that turns probe results into a health state.  Health objects
 * know nothing about prefixes: they announce state changes through the
 * anycast_health_changed hook.
 */
#ifndef _ANYCAST_HEALTH_H
#define _ANYCAST_HEALTH_H

#include "hook.h"
#include "anycast_frr.h"
#include "typesafe.h"

#include "anycast_dampen.h"
#include "anycast_fsm.h"
#include "anycast_history.h"
#include "anycast_latency.h"
#include "anycast_onchange.h"
#include "anycast_probe.h"
#include "anycast_sched.h"

#define ANYCAST_NAME_LEN 64
#define ANYCAST_DEFAULT_INTERVAL 1000
#define ANYCAST_DEFAULT_TIMEOUT 1000
#define ANYCAST_DEFAULT_RISE 3
#define ANYCAST_DEFAULT_FALL 3

PREDECL_RBTREE_UNIQ(anycast_health_tree);
/* objects whose run waits for a free probe-limit slot, first come first */
PREDECL_DLIST(anycast_health_waitq);

struct anycast_health {
	struct anycast_health_tree_item item;
	char name[ANYCAST_NAME_LEN];

	/* configuration */
	struct anycast_probe_config probe;
	uint32_t interval_ms;
	uint32_t fast_interval_ms; /* 0: not set (= interval) */
	uint32_t timeout_ms; /* 0: not set, see anycast_health_timeout() */
	struct anycast_fsm_params params;
	bool shutdown;
	struct anycast_dampen_params dampen_params;
	struct anycast_onchange *onchange; /* on-change hook, NULL: none */

	/* changes of probe (see anycast_health_set_probe()) */
	uint32_t probe_gen;
	/* settings the running schedule was started with */
	struct {
		uint32_t probe_gen;
		uint32_t interval_ms;
		uint32_t timeout_ms;
	} applied;

	/* state */
	struct anycast_fsm fsm;
	/* reached up, down or admin-down since INIT (rising from INIT: no) */
	bool decided;
	struct anycast_probe_run *run;
	bool run_slot; /* run holds a probe-limit slot of run_type */
	enum anycast_probe_type run_type;
	/* in the wait queue of waitq_type (probe-limit reached) */
	struct anycast_health_waitq_item waitq;
	bool waiting;
	enum anycast_probe_type waitq_type;
	struct frr_event *t_next;
	struct frr_event *t_delay; /* delay up/down deadline */
	struct anycast_dampen dampen;
	struct frr_event *t_reuse;  /* end of a dampening suppression */
	struct timeval last_change; /* wall clock; 0 = never */
	struct timeval run_start;   /* wall clock: last probe started */
	/* wall clock start of the probe whose result made the last change
	 * (0: the change came from a timer or the configuration) */
	struct timeval change_probe_start;
	struct anycast_history *history; /* allocated at the first change */
	struct anycast_probe_result last;
	char last_error[128];
	uint64_t runs, successes, failures, timeouts, transitions;
	/* runs that waited for a probe-limit slot; scheduled runs skipped */
	uint64_t deferred, skipped;
	/* runs without a result (a local fault: no fd, memory, process) */
	uint64_t no_results;
	char last_no_result[128];
	struct anycast_latency_hist latency; /* of every finished run */
};

DECLARE_HOOK(anycast_health_changed, (struct anycast_health * h), (h));

static inline int anycast_health_cmp(const struct anycast_health *a,
				     const struct anycast_health *b)
{
	return strcmp(a->name, b->name);
}

DECLARE_RBTREE_UNIQ(anycast_health_tree, struct anycast_health, item,
		    anycast_health_cmp);

DECLARE_DLIST(anycast_health_waitq, struct anycast_health, waitq);

/* all health objects, by name */
extern struct anycast_health_tree_head anycast_healths;

extern void anycast_health_init(void);
extern void anycast_health_terminate(void);

extern struct anycast_health *anycast_health_find(const char *name);
/* A new object (defaults, state INIT, not scheduled until configured). */
extern struct anycast_health *anycast_health_new(const char *name);
extern void anycast_health_delete(struct anycast_health *h);

/*
 * Apply a configuration change (after the northbound set the fields).
 * Restarts the probe schedule when the probe or its timers changed; the
 * state and counters survive any change but shutdown.
 */
extern void anycast_health_apply(struct anycast_health *h);

/*
 * Change the probe configuration (the northbound, before
 * anycast_health_apply()): a run in flight, which uses h->probe, ends
 * first; the kind releases what it kept for the old configuration.
 * Nothing happens when cfg equals the current one.
 */
extern void anycast_health_set_probe(struct anycast_health *h,
				     const struct anycast_probe_config *cfg);

/* Run the probe now (e.g. `clear anycast health`). */
extern void anycast_health_run_now(struct anycast_health *h);

/* How many objects wait for a probe-limit slot of a kind. */
extern uint32_t anycast_health_waiting(enum anycast_probe_type type);

/* Counts as up for prefixes: UP or FALLING, and not suppressed. */
extern bool anycast_health_is_up(const struct anycast_health *h);

/* While suppressed: ms until the suppression ends. */
extern uint64_t anycast_health_reuse_in(const struct anycast_health *h);

/* Interval to the next probe: fast-interval while rising/falling. */
extern uint32_t anycast_health_next_interval(const struct anycast_health *h);

/* How late probe runs started against their schedule (all objects). */
extern const struct anycast_sched_stats *anycast_health_sched_stats(void);
/* Effective timeout: configured, else min(1000 ms, interval). */
extern uint32_t anycast_health_timeout(const struct anycast_health *h);

#endif /* _ANYCAST_HEALTH_H */
