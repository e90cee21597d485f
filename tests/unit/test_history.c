// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the transition history ring (anycastd/anycast_history.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_history.h"

/* realloc(3) that fails after `budget` more calls (-1: never) */
static int budget = -1;
static int reallocs;

static void *test_realloc(void *p, size_t n)
{
	if (budget == 0)
		return NULL;
	if (budget > 0)
		budget--;
	reallocs++;
	return realloc(p, n);
}

static struct anycast_history *add(struct anycast_history *h, int i)
{
	struct timeval tv = {.tv_sec = 1000 + i};
	char reason[32];

	snprintf(reason, sizeof(reason), "r%d", i);
	return anycast_history_add(h, test_realloc, &tv, "down", "up", reason);
}

/* entries newest first are r(last), r(last-1), ... r(last-n+1) */
static void check_order(const struct anycast_history *h, int last, int n)
{
	char reason[32];

	ck_assert_uint_eq(h->count, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		snprintf(reason, sizeof(reason), "r%d", last - i);
		ck_assert_str_eq(anycast_history_get(h, i)->reason, reason);
		ck_assert_int_eq(anycast_history_get(h, i)->when.tv_sec,
				 1000 + last - i);
	}
	ck_assert_ptr_null(anycast_history_get(h, n));
}

START_TEST(test_empty)
{
	ck_assert_ptr_null(anycast_history_get(NULL, 0));
}
END_TEST

START_TEST(test_order_and_wrap)
{
	struct anycast_history *h = NULL;

	budget = -1;
	reallocs = 0;
	for (int i = 0; i < 40; i++) {
		h = add(h, i);
		ck_assert_ptr_nonnull(h);
		check_order(h, i,
			    i < ANYCAST_HISTORY_LEN ? i + 1
						    : ANYCAST_HISTORY_LEN);
	}
	/* the oldest kept is #8 (40 - 32) */
	ck_assert_str_eq(
		anycast_history_get(h, ANYCAST_HISTORY_LEN - 1)->reason, "r8");
	free(h);
}
END_TEST

/* the ring starts small and doubles only when full: 2, 4, 8, 16, 32 */
START_TEST(test_grows_on_demand)
{
	struct anycast_history *h = NULL;
	uint32_t want = ANYCAST_HISTORY_MIN;

	budget = -1;
	reallocs = 0;
	for (int i = 0; i < 100; i++) {
		h = add(h, i);
		if ((uint32_t)i == want && want < ANYCAST_HISTORY_LEN)
			want *= 2;
		ck_assert_uint_eq(h->cap, want);
	}
	ck_assert_uint_eq(h->cap, ANYCAST_HISTORY_LEN);
	/* 2 -> 4 -> 8 -> 16 -> 32: five allocations in all */
	ck_assert_int_eq(reallocs, 5);
	check_order(h, 99, ANYCAST_HISTORY_LEN);
	free(h);
}
END_TEST

/* a failed allocation: no first entry; later, the oldest entry goes */
START_TEST(test_alloc_failure)
{
	struct anycast_history *h;

	budget = 0;
	ck_assert_ptr_null(add(NULL, 0));
	budget = 1;
	h = add(NULL, 0);
	ck_assert_ptr_nonnull(h);
	h = add(h, 1);
	h = add(h, 2); /* full at 2, no memory: r0 is dropped */
	ck_assert_uint_eq(h->cap, ANYCAST_HISTORY_MIN);
	check_order(h, 2, 2);
	h = add(h, 3);
	check_order(h, 3, 2);
	h = add(h, 4); /* the ring's oldest entry is now in its 2nd slot */
	check_order(h, 4, 2);
	ck_assert_uint_eq(h->next, 1);
	/* memory again: growth keeps the order of a ring that wrapped */
	budget = -1;
	h = add(h, 5);
	ck_assert_uint_eq(h->cap, 2 * ANYCAST_HISTORY_MIN);
	check_order(h, 5, 3);
	h = add(h, 6);
	check_order(h, 6, 4);
	h = add(h, 7);
	ck_assert_uint_eq(h->cap, 4 * ANYCAST_HISTORY_MIN);
	check_order(h, 7, 5);
	free(h);
}
END_TEST

START_TEST(test_long_reason)
{
	struct anycast_history *h;
	struct timeval tv = {0};
	char longr[500];

	budget = -1;
	memset(longr, 'x', sizeof(longr) - 1);
	longr[sizeof(longr) - 1] = '\0';
	h = anycast_history_add(NULL, test_realloc, &tv, "a", "b", longr);
	h = anycast_history_add(h, test_realloc, &tv, "a", "b", NULL);
	ck_assert_str_eq(anycast_history_get(h, 0)->reason, "");
	ck_assert_uint_eq(strlen(anycast_history_get(h, 1)->reason),
			  sizeof(h->e[0].reason) - 1);
	free(h);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_order_and_wrap);
	tcase_add_test(tc, test_grows_on_demand);
	tcase_add_test(tc, test_alloc_failure);
	tcase_add_test(tc, test_long_reason);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
