// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd `probe-limit KIND N`: at most N probe runs of a kind in flight
 * (file descriptors, child processes, memory bounded whatever the targets
 * do), with counters and a rate-limited log when the limit is reached.
 *
 *   anycast
 *    probe-limit <tcp|http|dns|icmp|exec> (1-100000)
 *
 *   show anycast probe-limit [json]
 *
 * Only health objects' scheduled runs take slots (on-change hooks are
 * serialised per object already and are not limited).  A run due while
 * every slot is taken waits, first come first served, for the next free
 * slot (anycast_health.c); it is never judged a failure: with one run per
 * object in flight and every run ended by its timeout, a waiting run
 * starts within (objects waiting / N) x timeout.  Scheduled runs that come
 * while the object still waits are skipped (counted).
 *
 * The budget: without a configured probe-limit, the kinds that hold file
 * descriptors (tcp, http, dns, icmp, exec) share one limit, derived at
 * start-up from RLIMIT_NOFILE (anycast_budget_from_nofile()), so a run
 * does not find every descriptor taken.  On-change hooks running and
 * killed exec children not reaped yet (they hold a pidfd and a process)
 * take budget slots too, over the budget if they must (they cannot wait),
 * so new runs wait for them.  A kind with its own probe-limit is bounded
 * by that instead (its runs still count in the budget).  Should a run
 * still find no descriptor, memory or process, it has no result
 * (anycast_probe.h), never a failure.
 */
#ifndef _ANYCAST_PROBE_LIMIT_H
#define _ANYCAST_PROBE_LIMIT_H

#include "hook.h"

#include "anycast_limit.h"
#include "anycast_probe.h"

/* Set a kind's limit (0: none); waiting runs are started if room. */
extern void anycast_probe_limit_set(enum anycast_probe_type type, uint32_t max);

/* The counters of a kind (NULL for an unknown type). */
extern const struct anycast_limit *
anycast_probe_limit_get(enum anycast_probe_type type);

/* Take a slot for a run of type; false: all taken (nothing changed). */
extern bool anycast_probe_limit_acquire(enum anycast_probe_type type);

/* A run holding a slot ended: frees it, wakes waiters (from an event). */
extern void anycast_probe_limit_release(enum anycast_probe_type type);

/* A run of object name had to wait: counted, logged (rate-limited). */
extern void anycast_probe_limit_deferred(enum anycast_probe_type type,
					 const char *name);

/* A scheduled run was skipped: the object's run still waited or ran. */
extern void anycast_probe_limit_skipped(enum anycast_probe_type type);

/* What holds budget slots without being a health object's run. */
enum anycast_budget_holder {
	ANYCAST_BUDGET_HOOK,   /* an on-change hook running */
	ANYCAST_BUDGET_ORPHAN, /* a killed exec child, not reaped yet */
	ANYCAST_BUDGET_HOLDER_MAX,
};

/* Derive the budget from RLIMIT_NOFILE and the fds open now (start-up). */
extern void anycast_probe_budget_init(void);

/* Take a budget slot whatever the budget says / give it back. */
extern void anycast_probe_budget_hold(enum anycast_budget_holder who);
extern void anycast_probe_budget_unhold(enum anycast_budget_holder who);

/* The budget's counters (max: the budget, active: everything in flight) */
extern const struct anycast_limit *anycast_probe_budget_get(void);

/* A slot of type may be free: the health layer starts waiting runs. */
DECLARE_HOOK(anycast_probe_slot_free, (enum anycast_probe_type type), (type));

extern void anycast_probe_limit_vty_init(void);
extern void anycast_probe_limit_terminate(void);

#endif /* _ANYCAST_PROBE_LIMIT_H */
