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
		int64_t next = anycast_sched_next(due, due + late, 1000,
						  (uint32_t)i * 2654435761u);

		ck_assert_int_eq(next, due + SEC);
		due = next;
	}
	ck_assert_int_eq(due, 1100 * SEC + 15 * MS);
}
END_TEST

/* later than a slot: lateness plus a random part of a tenth of the
 * interval, at most 100 ms, aligned */
START_TEST(test_next_late_moves_on)
{
	int64_t due = 100 * SEC;
	int64_t lo = due + SEC + 20 * MS;

	ck_assert_int_eq(anycast_sched_next(due, due + 20 * MS, 1000, 0), lo);
	ck_assert_int_eq(anycast_sched_next(due, due + 20 * MS, 1000, 5000),
			 lo + 5 * MS);
	ck_assert_int_eq(anycast_sched_next(due, due + 20 * MS, 1000, 5001),
			 lo + 10 * MS);
	for (uint32_t rnd = 0; rnd < 400000; rnd += 997) {
		int64_t n = anycast_sched_next(due, due + 20 * MS, 1000, rnd);

		ck_assert_int_ge(n, lo);
		ck_assert_int_le(n, lo + 100 * MS);
		ck_assert_int_eq(n % (5 * MS), 0);
	}
	/* a tenth of a 200 ms interval: 20 ms */
	for (uint32_t rnd = 0; rnd < 100000; rnd += 991) {
		int64_t n = anycast_sched_next(due, due + 30 * MS, 200, rnd);

		ck_assert_int_ge(n, due + 230 * MS);
		ck_assert_int_le(n, due + 250 * MS);
	}
	/* 10 s: the window is capped at 100 ms */
	for (uint32_t rnd = 0; rnd < 400000; rnd += 997)
		ck_assert_int_le(
			anycast_sched_next(due, due + 6 * MS, 10000, rnd),
			due + 10 * SEC + 110 * MS);
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
 * each taking cost_us; returns the largest lateness of the round.
 */
static int64_t round_of(struct obj *o, int n, int64_t cost_us,
			uint32_t interval_ms)
{
	int64_t clock = 0, worst = 0;

	qsort(o, n, sizeof(*o), by_due);
	for (int i = 0; i < n; i++) {
		int64_t start = o[i].due > clock ? o[i].due : clock;

		o[i].late = start - o[i].due;
		if (o[i].late > worst)
			worst = o[i].late;
		clock = start + cost_us;
		o[i].due =
			anycast_sched_next(o[i].due, start, interval_ms, rnd());
	}
	return worst;
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
	struct obj *o = calloc(n, sizeof(*o));
	int64_t first[8];

	for (int i = 0; i < n; i++)
		o[i].due = anycast_sched_align(
			10 * SEC + (int64_t)(rnd() % 1000) * MS, 1000);
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
	tcase_add_test(tc, test_next_late_moves_on);
	tcase_add_test(tc, test_crowded_slot_spreads);
	tcase_add_test(tc, test_uniform_load_stays);
	tcase_add_test(tc, test_first_window);
	tcase_add_test(tc, test_stats);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
