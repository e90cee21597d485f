// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the probe concurrency limit (anycastd/anycast_limit.c). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit_run.h"
#include "anycast_limit.h"

START_TEST(test_unlimited)
{
	struct anycast_limit l = {0};

	for (int i = 0; i < 1000; i++)
		ck_assert(anycast_limit_acquire(&l));
	ck_assert_uint_eq(l.active, 1000);
	ck_assert_uint_eq(l.peak, 1000);
	ck_assert_uint_eq(anycast_limit_room(&l), UINT32_MAX);
}
END_TEST

START_TEST(test_limit_holds)
{
	struct anycast_limit l = {.max = 2};

	ck_assert_uint_eq(anycast_limit_room(&l), 2);
	ck_assert(anycast_limit_acquire(&l));
	ck_assert(anycast_limit_acquire(&l));
	ck_assert_uint_eq(anycast_limit_room(&l), 0);
	/* full: refused, nothing changes */
	ck_assert(!anycast_limit_acquire(&l));
	ck_assert_uint_eq(l.active, 2);
	anycast_limit_release(&l);
	ck_assert_uint_eq(anycast_limit_room(&l), 1);
	ck_assert(anycast_limit_acquire(&l));
	ck_assert(!anycast_limit_acquire(&l));
	ck_assert_uint_eq(l.peak, 2);
}
END_TEST

START_TEST(test_limit_lowered_below_active)
{
	struct anycast_limit l = {.max = 5};

	for (int i = 0; i < 5; i++)
		ck_assert(anycast_limit_acquire(&l));
	/* `probe-limit tcp 2` while 5 run: no new run until 1 is left */
	l.max = 2;
	ck_assert_uint_eq(anycast_limit_room(&l), 0);
	ck_assert(!anycast_limit_acquire(&l));
	anycast_limit_release(&l);
	anycast_limit_release(&l);
	ck_assert(!anycast_limit_acquire(&l));
	anycast_limit_release(&l);
	ck_assert_uint_eq(anycast_limit_room(&l), 0);
	anycast_limit_release(&l);
	ck_assert_uint_eq(anycast_limit_room(&l), 1);
	ck_assert(anycast_limit_acquire(&l));
	/* the limit removed: room again */
	l.max = 0;
	ck_assert(anycast_limit_acquire(&l));
}
END_TEST

START_TEST(test_release_never_negative)
{
	struct anycast_limit l = {.max = 1};

	anycast_limit_release(&l);
	ck_assert_uint_eq(l.active, 0);
	ck_assert(anycast_limit_acquire(&l));
	ck_assert(!anycast_limit_acquire(&l));
}
END_TEST

START_TEST(test_defer_log_rate_limited)
{
	struct anycast_limit l = {.max = 1};

	/* the first deferral is logged at once, even at time 0 */
	ck_assert_uint_eq(anycast_limit_defer(&l, 0), 1);
	/* then silence for ANYCAST_LIMIT_LOG_MS, counting */
	for (int i = 1; i <= 99; i++)
		ck_assert_uint_eq(anycast_limit_defer(&l, i * 100), 0);
	ck_assert_uint_eq(l.deferred, 100);
	ck_assert_uint_eq(anycast_limit_defer(&l, ANYCAST_LIMIT_LOG_MS - 1), 0);
	/* due: reports everything since the last line (100 + this one) */
	ck_assert_uint_eq(anycast_limit_defer(&l, ANYCAST_LIMIT_LOG_MS), 101);
	ck_assert_uint_eq(anycast_limit_defer(&l, ANYCAST_LIMIT_LOG_MS + 1), 0);
	ck_assert_uint_eq(l.deferred, 103);
	/* a long quiet time: the next one is logged alone */
	ck_assert_uint_eq(anycast_limit_defer(&l, 10 * ANYCAST_LIMIT_LOG_MS),
			  2);
}
END_TEST

START_TEST(test_defer_clock_near_wrap)
{
	struct anycast_limit l = {.max = 1};

	ck_assert_uint_eq(anycast_limit_defer(&l, UINT64_MAX - 10), 1);
	/* wrapped deadline: never stuck in "not due" forever */
	ck_assert_uint_eq(anycast_limit_defer(&l, UINT64_MAX), 1);
}
END_TEST

START_TEST(test_take_over_the_limit)
{
	struct anycast_limit l = {.max = 2};

	ck_assert(anycast_limit_acquire(&l));
	/* held whatever the limit: counted, and new runs wait for it */
	anycast_limit_take(&l);
	anycast_limit_take(&l);
	ck_assert_uint_eq(l.active, 3);
	ck_assert_uint_eq(l.peak, 3);
	ck_assert_uint_eq(anycast_limit_room(&l), 0);
	ck_assert(!anycast_limit_acquire(&l));
	anycast_limit_release(&l);
	ck_assert(!anycast_limit_acquire(&l));
	anycast_limit_release(&l);
	ck_assert(anycast_limit_acquire(&l));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("limit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_unlimited);
	tcase_add_test(tc, test_limit_holds);
	tcase_add_test(tc, test_limit_lowered_below_active);
	tcase_add_test(tc, test_release_never_negative);
	tcase_add_test(tc, test_defer_log_rate_limited);
	tcase_add_test(tc, test_defer_clock_near_wrap);
	tcase_add_test(tc, test_take_over_the_limit);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
