// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pure part of `probe-limit KIND N`: a counting limit on the runs of
 * one probe kind in flight, with the counters `show anycast probe-limit`
 * prints and the rate limit of its log message.  No FRR headers;
 * unit-tested (tests/unit/test_limit.c).
 *
 * What happens to a run that finds no free slot is decided by the health
 * layer (anycast_health.c): it waits, in order, for the next free slot; a
 * limit never turns into a probe failure.
 */
#ifndef _ANYCAST_LIMIT_H
#define _ANYCAST_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

/* at most one "limit reached" log line per kind in this many ms */
#define ANYCAST_LIMIT_LOG_MS 60000

struct anycast_limit {
	uint32_t max;	   /* 0: no limit */
	uint32_t active;   /* runs holding a slot */
	uint32_t peak;	   /* highest active seen */
	uint64_t deferred; /* runs that found every slot taken */
	uint64_t skipped;  /* scheduled runs dropped: still waiting */
	/* the log's rate limit */
	uint64_t next_log_ms;
	uint64_t unlogged; /* deferrals since the last log line */
};

/* Take a slot: false (nothing changed) when all max are in use. */
extern bool anycast_limit_acquire(struct anycast_limit *l);

/*
 * Take a slot whatever the limit (a slot held by something that cannot
 * wait: an on-change hook, a killed child not yet reaped).  active may
 * exceed max; acquire() then refuses until it is below again.
 */
extern void anycast_limit_take(struct anycast_limit *l);

/* Give a slot back (never below 0). */
extern void anycast_limit_release(struct anycast_limit *l);

/* How many more runs may start now (UINT32_MAX: no limit). */
extern uint32_t anycast_limit_room(const struct anycast_limit *l);

/*
 * A run found every slot taken at now_ms: counted.  Returns the number of
 * deferrals to report when a log line is due (the first one, then at most
 * one per ANYCAST_LIMIT_LOG_MS), 0 otherwise.
 */
extern uint64_t anycast_limit_defer(struct anycast_limit *l, uint64_t now_ms);

#endif /* _ANYCAST_LIMIT_H */
