// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of probe scheduling (anycastd/anycast_sched.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_sched.h"

#define MS 1000
#define SEC 1000000

START_TEST(test_slot)
{
	ck_assert_int_eq(anycast_sched_slot_us(1000), 5 * MS);
	ck_assert_int_eq(anycast_sched_slot_us(60000), 5 * MS);
	/* a twentieth of a short interval */
	ck_assert_int_eq(anycast_sched_slot_us(50), 2500);
	ck_assert_int_eq(anycast_sched_slot_us(0), 0);
}
END_TEST

START_TEST(test_align)
{
	ck_assert_int_eq(anycast_sched_align(10 * SEC, 1000), 10 * SEC);
	ck_assert_int_eq(anycast_sched_align(10 * SEC + 1, 1000),
			 10 * SEC + 5 * MS);
	ck_assert_int_eq(anycast_sched_align(10 * SEC + 4999, 1000),
			 10 * SEC + 5 * MS);
	ck_assert_int_eq(anycast_sched_align(-1, 1000), 0);
	ck_assert_int_eq(anycast_sched_align(-5001, 1000), -5000);
	/* no grid */
	ck_assert_int_eq(anycast_sched_align(12345, 0), 12345);
}
END_TEST

/* on time (late up to a slot): exactly one interval after the due time */
START_TEST(test_next_keeps_phase)
{
	int64_t due = 100 * SEC + 15 * MS;

	for (int i = 0; i < 1000; i++) {
		int64_t late = (i * 7919) % (5 * MS + 1);
		int64_t next = anycast_sched_next(due, due + late, 1000, 100,
						  (uint32_t)i * 2654435761u);

		ck_assert_int_eq(next, due + SEC);
		due = next;
	}
	ck_assert_int_eq(due, 1100 * SEC + 15 * MS);
}
END_TEST

/* later than a slot: a random new phase, an interval from the late start
 * give or take half the window, aligned */
START_TEST(test_next_late_rephases)
{
	int64_t due = 100 * SEC, now = due + 20 * MS;
	int64_t lo = now + 950 * MS, hi = now + 1050 * MS, min = hi, max = lo;

	ck_assert_int_eq(anycast_sched_next(due, now, 1000, 100, 0), lo);
	ck_assert_int_eq(anycast_sched_next(due, now, 1000, 100, 1),
			 lo + 5 * MS);
	for (uint32_t rnd = 0; rnd < 400000; rnd += 997) {
		int64_t n = anycast_sched_next(due, now, 1000, 100, rnd);

		ck_assert_int_ge(n, lo);
		ck_assert_int_le(n, hi);
		ck_assert_int_eq(n % (5 * MS), 0);
		min = n < min ? n : min;
		max = n > max ? n : max;
	}
	/* the whole window is used */
	ck_assert_int_le(min, lo + 5 * MS);
	ck_assert_int_ge(max, hi - 5 * MS);
	/* a window of the whole interval: half an interval to one and a half */
	for (uint32_t rnd = 0; rnd < 4000000; rnd += 997) {
		int64_t n = anycast_sched_next(due, now, 1000, 1000, rnd);

		ck_assert_int_ge(n, now + 500 * MS);
		ck_assert_int_le(n, now + 1500 * MS);
	}
	/* no window: the phase is kept */
	ck_assert_int_eq(anycast_sched_next(due, now, 1000, 0, 12345),
			 due + SEC);
}
END_TEST

struct obj {
	int64_t due;
	int64_t late;
};

static int by_due(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	return x->due < y->due ? -1 : x->due > y->due;
}

static uint32_t lcg = 12345;

static uint32_t rnd(void)
{
	lcg = lcg * 1103515245u + 12345u;
	return lcg >> 1;
}

/*
 * A model of the event loop: one start at a time in order of due time,
 * each taking cost_us, after a stall of stall_us from the first due time
 * (0: none); returns the largest lateness of the round.
 */
static int64_t stalled_round(struct obj *o, int n, int64_t cost_us,
			     uint32_t interval_ms, int64_t stall_us)
{
	int64_t clock = 0, worst = 0;

	qsort(o, n, sizeof(*o), by_due);
	if (stall_us)
		clock = o[0].due + stall_us;
	for (int i = 0; i < n; i++) {
		int64_t start = o[i].due > clock ? o[i].due : clock;

		o[i].late = start - o[i].due;
		if (o[i].late > worst)
			worst = o[i].late;
		clock = start + cost_us;
		o[i].due = anycast_sched_next(
			o[i].due, start, interval_ms,
			anycast_sched_first_window(interval_ms, (uint32_t)n),
			rnd());
	}
	return worst;
}

static int64_t round_of(struct obj *o, int n, int64_t cost_us,
			uint32_t interval_ms)
{
	return stalled_round(o, n, cost_us, interval_ms, 0);
}

/* n objects due at random in the span_ms after 10 s, on the grid of 1 s */
static struct obj *objects(int n, uint32_t span_ms)
{
	struct obj *o = calloc(n, sizeof(*o));

	for (int i = 0; i < n; i++)
		o[i].due = anycast_sched_align(
			10 * SEC + (int64_t)(rnd() % span_ms) * MS, 1000);
	return o;
}

/* objects configured at once in one slot, expensive together: they drift
 * apart until every start is on time */
START_TEST(test_crowded_slot_spreads)
{
	struct obj o[8];
	int64_t worst;
	int r;

	for (int i = 0; i < 8; i++)
		o[i].due = 10 * SEC;
	worst = round_of(o, 8, 3 * MS, 1000);
	ck_assert_int_eq(worst, 21 * MS);
	for (r = 0; r < 50; r++)
		if (round_of(o, 8, 3 * MS, 1000) <= 5 * MS)
			break;
	ck_assert_int_lt(r, 50);
	/* and once spread, they keep their phases */
	for (int i = 0; i < 10; i++)
		ck_assert_int_le(round_of(o, 8, 3 * MS, 1000), 5 * MS);
}
END_TEST

/* 10,000 objects spread over the second, 50 us each: on time, and their
 * phases stay (no object moves) */
START_TEST(test_uniform_load_stays)
{
	int n = 10000;
	struct obj *o = objects(n, 1000);
	int64_t first[8];

	for (int r = 0; r < 20; r++) {
		ck_assert_int_le(round_of(o, n, 50, 1000), 5 * MS);
		if (r == 0)
			for (int i = 0; i < 8; i++)
				first[i] = o[i].due;
	}
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(o[i].due, first[i] + 19 * SEC);
	free(o);
}
END_TEST

/*
 * n objects due in span_ms, one round on time, one stall of stall_us (all
 * that was due in it starts at its end), then five rounds: each within the
 * 10 ms target.
 */
static struct obj *after_stall(int n, uint32_t span_ms, int64_t stall_us)
{
	struct obj *o = objects(n, span_ms);

	ck_assert_int_le(round_of(o, n, 50, 1000), 5 * MS);
	ck_assert_int_ge(stalled_round(o, n, 50, 1000, stall_us), stall_us);
	for (int r = 0; r < 5; r++)
		ck_assert_int_le(round_of(o, n, 50, 1000), 10 * MS);
	return o;
}

/* 10,000 objects, a stall of 300 ms: the runs it held up spread out again */
START_TEST(test_stall_spreads_again)
{
	free(after_stall(10000, 1000, 300 * MS));
}
END_TEST

/* 1,000 objects started in a tenth of the second (the first-run window),
 * a stall of 80 ms: the held-up runs get new phases near the old ones, so
 * the objects still share a few slots (the loop sleeps the rest of the
 * second, doc/benchmarks.md) */
START_TEST(test_stall_keeps_bunch)
{
	int n = 1000;
	struct obj *o = after_stall(n, 100, 80 * MS);

	qsort(o, n, sizeof(*o), by_due);
	ck_assert_int_le(o[n - 1].due - o[0].due, 250 * MS);
	free(o);
}
END_TEST

START_TEST(test_first_window)
{
	/* a tenth of the interval */
	ck_assert_uint_eq(anycast_sched_first_window(1000, 10), 100);
	ck_assert_uint_eq(anycast_sched_first_window(1000, 1000), 100);
	/* at most 1 s */
	ck_assert_uint_eq(anycast_sched_first_window(60000, 10), 1000);
	/* at most ANYCAST_SCHED_FIRST_PER_MS first runs per ms */
	ck_assert_uint_eq(anycast_sched_first_window(1000, 5000), 500);
	ck_assert_uint_eq(anycast_sched_first_window(1000, 10000), 1000);
	ck_assert_uint_eq(anycast_sched_first_window(60000, 50000), 5000);
	/* never wider than the interval */
	ck_assert_uint_eq(anycast_sched_first_window(1000, 100000), 1000);
	ck_assert_uint_eq(anycast_sched_first_window(50, 10000), 50);
}
END_TEST

START_TEST(test_stats)
{
	static struct anycast_sched_stats s;

	memset(&s, 0, sizeof(s));
	ck_assert_uint_eq(anycast_sched_quantile(&s, 0.99), 0);
	anycast_sched_observe(&s, -300); /* early: on time */
	ck_assert_uint_eq(s.bucket[0], 1);
	ck_assert_uint_eq(s.max_us, 0);
	for (int i = 1; i < 100; i++)
		anycast_sched_observe(&s, i * 1000 + 50);
	ck_assert_uint_eq(s.count, 100);
	ck_assert_uint_eq(s.max_us, 99050);
	/* 50 starts were below 49.1 ms, to 0.1 ms buckets */
	ck_assert_uint_eq(anycast_sched_quantile(&s, 0.5), 49100);
	ck_assert_uint_eq(anycast_sched_quantile(&s, 0.99), 98100);
	/* beyond the last bucket: the maximum */
	anycast_sched_observe(&s, 5 * SEC);
	ck_assert_uint_eq(s.bucket[ANYCAST_SCHED_NBUCKETS - 1], 1);
	ck_assert_uint_eq(anycast_sched_quantile(&s, 1.0), 5 * SEC);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("sched");

	tcase_add_test(tc, test_slot);
	tcase_add_test(tc, test_align);
	tcase_add_test(tc, test_next_keeps_phase);
	tcase_add_test(tc, test_next_late_rephases);
	tcase_add_test(tc, test_crowded_slot_spreads);
	tcase_add_test(tc, test_uniform_load_stays);
	tcase_add_test(tc, test_stall_spreads_again);
	tcase_add_test(tc, test_stall_keeps_bunch);
	tcase_add_test(tc, test_first_window);
	tcase_add_test(tc, test_stats);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
