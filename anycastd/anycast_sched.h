// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe scheduling: when health objects start their probe runs,
 * and how late the starts were.  Pure code (times in µs of the monotonic
 * clock); anycast_health.c arms libfrr's timers with the results.
 *
 * Starts are aligned to a grid of ANYCAST_SCHED_SLOT_US (a twentieth of
 * the interval when that is shorter), so that runs due close together
 * start in one pass of the event loop: a pass has a fixed cost (libfrr's
 * poll set, signal mask, timer bookkeeping) that starts spread evenly pay
 * once per probe.  A run on time schedules the next one an interval after
 * the time it was due, so objects keep their phase and their load stays
 * spread as it was.  A run later than one slot was held up by the work of
 * its pass (a crowded slot, or a stall: a big show, a commit): it takes a
 * new, random phase, one interval after its late start give or take half
 * the first-run window (below).  Runs that are expensive together (forks,
 * timeouts, big replies of objects configured at once) so drift apart
 * instead of meeting in the same pass at every interval; the runs a stall
 * held up spread over the window again instead of crowding the slots after
 * it; and as the window is a tenth of the interval for up to 1,000 objects
 * at 1 s, objects bunched to share passes stay bunched (doc/benchmarks.md).
 */
#ifndef _ANYCAST_SCHED_H
#define _ANYCAST_SCHED_H

#include <stdint.h>

#define ANYCAST_SCHED_SLOT_US 5000
/* first runs of objects configured at once: at most this many per ms */
#define ANYCAST_SCHED_FIRST_PER_MS 10

/* the slot width for runs every interval_ms (0: no grid) */
extern int64_t anycast_sched_slot_us(uint32_t interval_ms);

/* t_us rounded up to the grid of interval_ms */
extern int64_t anycast_sched_align(int64_t t_us, uint32_t interval_ms);

/*
 * The next start (aligned) of a run that was due at due_us and started at
 * now_us, every interval_ms.  A late run's new phase is drawn with the
 * random number rnd from a window of window_ms (0: the phase is kept).
 */
extern int64_t anycast_sched_next(int64_t due_us, int64_t now_us,
				  uint32_t interval_ms, uint32_t window_ms,
				  uint32_t rnd);

/*
 * The window (ms) in which a first run starts, when nobjects objects
 * exist: a tenth of the interval (at most 1 s), so that objects configured
 * together do not start together but still share passes; wider when that
 * would be more than ANYCAST_SCHED_FIRST_PER_MS starts per ms (never wider
 * than the interval).
 */
extern uint32_t anycast_sched_first_window(uint32_t interval_ms,
					   uint32_t nobjects);

/*
 * How late starts were against their schedule: buckets of
 * ANYCAST_SCHED_BUCKET_US, the last one is everything later.
 */
#define ANYCAST_SCHED_BUCKET_US 100
#define ANYCAST_SCHED_NBUCKETS 1001
struct anycast_sched_stats {
	uint64_t count;
	uint64_t sum_us;
	uint64_t max_us;
	uint64_t bucket[ANYCAST_SCHED_NBUCKETS];
};

/* count a start late_us late (negative: on time) */
extern void anycast_sched_observe(struct anycast_sched_stats *s,
				  int64_t late_us);

/* Lateness (us) below which a fraction q (0..1) of the starts were, to
 * bucket resolution; 0 without data. */
extern uint64_t anycast_sched_quantile(const struct anycast_sched_stats *s,
				       double q);

#endif /* _ANYCAST_SCHED_H */
