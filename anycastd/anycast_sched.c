// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe scheduling (see anycast_sched.h).
 */
#include "anycast_sched.h"

int64_t anycast_sched_slot_us(uint32_t interval_ms)
{
	int64_t twentieth = (int64_t)interval_ms * 1000 / 20;

	return twentieth < ANYCAST_SCHED_SLOT_US ? twentieth
						 : ANYCAST_SCHED_SLOT_US;
}

int64_t anycast_sched_align(int64_t t_us, uint32_t interval_ms)
{
	int64_t slot = anycast_sched_slot_us(interval_ms);
	int64_t r;

	if (slot <= 0)
		return t_us;
	r = t_us % slot;
	if (r < 0)
		r += slot;
	return r ? t_us - r + slot : t_us;
}

int64_t anycast_sched_next(int64_t due_us, int64_t now_us, uint32_t interval_ms,
			   uint32_t window_ms, uint32_t rnd)
{
	int64_t ival = (int64_t)interval_ms * 1000;
	int64_t w = (int64_t)window_ms * 1000;

	if (now_us - due_us <= anycast_sched_slot_us(interval_ms) || !w)
		return anycast_sched_align(due_us + ival, interval_ms);
	/* late: a new phase, an interval from now give or take half a window */
	return anycast_sched_align(now_us + ival - w / 2 +
					   (int64_t)(rnd % (uint64_t)w),
				   interval_ms);
}

uint32_t anycast_sched_first_window(uint32_t interval_ms, uint32_t nobjects)
{
	uint32_t tenth = interval_ms / 10 < 1000 ? interval_ms / 10 : 1000;
	uint32_t dense = nobjects / ANYCAST_SCHED_FIRST_PER_MS;

	if (dense > interval_ms)
		dense = interval_ms;
	return dense > tenth ? dense : tenth;
}

void anycast_sched_observe(struct anycast_sched_stats *s, int64_t late_us)
{
	uint64_t late = late_us > 0 ? (uint64_t)late_us : 0;
	uint64_t i = late / ANYCAST_SCHED_BUCKET_US;

	if (i >= ANYCAST_SCHED_NBUCKETS)
		i = ANYCAST_SCHED_NBUCKETS - 1;
	s->bucket[i]++;
	s->count++;
	s->sum_us += late;
	if (late > s->max_us)
		s->max_us = late;
}

uint64_t anycast_sched_quantile(const struct anycast_sched_stats *s, double q)
{
	uint64_t want = (uint64_t)(q * (double)s->count + 0.5), seen = 0;

	if (!s->count)
		return 0;
	if (!want)
		want = 1;
	for (uint64_t i = 0; i < ANYCAST_SCHED_NBUCKETS - 1; i++) {
		seen += s->bucket[i];
		if (seen >= want)
			return (i + 1) * ANYCAST_SCHED_BUCKET_US;
	}
	return s->max_us;
}
