// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the transition history ring (anycastd/anycast_history.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_history.h"

START_TEST(test_empty)
{
	struct anycast_history h = {0};

	ck_assert_ptr_null(anycast_history_get(&h, 0));
}
END_TEST

START_TEST(test_order_and_wrap)
{
	struct anycast_history h = {0};
	char reason[32];

	for (int i = 0; i < 40; i++) {
		struct timeval tv = {.tv_sec = 1000 + i};

		snprintf(reason, sizeof(reason), "r%d", i);
		anycast_history_add(&h, &tv, "down", "up", reason);
		ck_assert_uint_eq(h.count, i < ANYCAST_HISTORY_LEN
						   ? (uint32_t)i + 1
						   : ANYCAST_HISTORY_LEN);
		/* newest first */
		ck_assert_str_eq(anycast_history_get(&h, 0)->reason, reason);
	}
	/* the oldest kept is #8 (40 - 32) */
	ck_assert_str_eq(
		anycast_history_get(&h, ANYCAST_HISTORY_LEN - 1)->reason, "r8");
	ck_assert_int_eq(anycast_history_get(&h, 1)->when.tv_sec, 1038);
	ck_assert_ptr_null(anycast_history_get(&h, ANYCAST_HISTORY_LEN));
}
END_TEST

START_TEST(test_long_reason)
{
	struct anycast_history h = {0};
	struct timeval tv = {0};
	char longr[500];

	memset(longr, 'x', sizeof(longr) - 1);
	longr[sizeof(longr) - 1] = '\0';
	anycast_history_add(&h, &tv, "a", "b", longr);
	anycast_history_add(&h, &tv, "a", "b", NULL);
	ck_assert_str_eq(anycast_history_get(&h, 0)->reason, "");
	ck_assert_uint_eq(strlen(anycast_history_get(&h, 1)->reason),
			  sizeof(h.e[0].reason) - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_order_and_wrap);
	tcase_add_test(tc, test_long_reason);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
