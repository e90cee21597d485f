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

/* A slot of type may be free: the health layer starts waiting runs. */
DECLARE_HOOK(anycast_probe_slot_free, (enum anycast_probe_type type), (type));

extern void anycast_probe_limit_vty_init(void);
extern void anycast_probe_limit_terminate(void);

#endif /* _ANYCAST_PROBE_LIMIT_H */
