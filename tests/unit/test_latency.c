// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the probe latency histogram (anycastd/anycast_latency.c). */
#include <check.h>
#include <stdlib.h>

#include "unit_run.h"
#include "anycast_latency.h"

START_TEST(test_cumulative)
{
	struct anycast_latency_hist h = {0};

	anycast_latency_observe(&h, 0);	      /* <= 1 ms */
	anycast_latency_observe(&h, 1000);    /* on the bound: <= 1 ms */
	anycast_latency_observe(&h, 1001);    /* <= 5 ms */
	anycast_latency_observe(&h, 300000);  /* <= 0.5 s */
	anycast_latency_observe(&h, 9000000); /* only +Inf */
	ck_assert_uint_eq(h.le[0], 2);
	ck_assert_uint_eq(h.le[1], 3);
	ck_assert_uint_eq(h.le[5], 3);
	ck_assert_uint_eq(h.le[6], 3);
	ck_assert_uint_eq(h.le[7], 4);
	ck_assert_uint_eq(h.le[ANYCAST_LATENCY_NBOUNDS - 1], 4);
	ck_assert_uint_eq(h.count, 5);
	ck_assert_uint_eq(h.sum_us, 0 + 1000 + 1001 + 300000 + 9000000);
	for (size_t i = 1; i < ANYCAST_LATENCY_NBOUNDS; i++)
		ck_assert_uint_le(h.le[i - 1], h.le[i]);
}
END_TEST

START_TEST(test_bound_str)
{
	static const char *const want[ANYCAST_LATENCY_NBOUNDS] = {
		"0.001", "0.005", "0.01", "0.025", "0.05", "0.1",
		"0.25",	 "0.5",	  "1",	  "2.5",   "5",
	};
	char buf[16];

	for (size_t i = 0; i < ANYCAST_LATENCY_NBOUNDS; i++)
		ck_assert_str_eq(anycast_latency_bound_str(i, buf, sizeof(buf)),
				 want[i]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("latency");
	TCase *tc = tcase_create("latency");

	tcase_add_test(tc, test_cumulative);
	tcase_add_test(tc, test_bound_str);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
