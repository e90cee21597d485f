// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of policy "all" (anycastd/anycast_policy.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "anycast_policy.h"

#define IN(n, s)                                                               \
	{                                                                      \
		.name = (n), .exists = true, .state = (s)                      \
	}

START_TEST(test_nothing_tracked)
{
	struct anycast_policy_result r;

	anycast_policy_all(NULL, 0, &r);
	ck_assert(!r.announce);
	ck_assert_str_eq(r.reason, "no health object tracked");
}
END_TEST

START_TEST(test_single)
{
	struct anycast_policy_result r;

	for (int s = 0; s < ANYCAST_HS_MAX; s++) {
		struct anycast_policy_input in[] = {IN("web", s)};

		anycast_policy_all(in, 1, &r);
		ck_assert_int_eq(r.announce,
				 s == ANYCAST_HS_UP || s == ANYCAST_HS_FALLING);
		if (r.announce)
			ck_assert_str_eq(r.reason, "health web is up");
		else
			ck_assert(strstr(r.reason, anycast_fsm_state_name(s)));
	}
}
END_TEST

START_TEST(test_all_must_be_up)
{
	struct anycast_policy_input in[] = {
		IN("a", ANYCAST_HS_UP),
		IN("b", ANYCAST_HS_FALLING),
		IN("c", ANYCAST_HS_UP),
	};
	struct anycast_policy_result r;

	anycast_policy_all(in, 3, &r);
	ck_assert(r.announce);
	ck_assert_str_eq(r.reason, "all 3 tracked health objects are up");

	in[2].state = ANYCAST_HS_DOWN;
	anycast_policy_all(in, 3, &r);
	ck_assert(!r.announce);
	ck_assert_str_eq(r.reason, "health c is down");

	in[0].state = ANYCAST_HS_ADMIN_DOWN;
	anycast_policy_all(in, 3, &r);
	ck_assert(!r.announce);
	ck_assert_str_eq(
		r.reason,
		"health a is admin-down (2 of 3 tracked objects not up)");
}
END_TEST

START_TEST(test_missing_object)
{
	struct anycast_policy_input in[] = {
		IN("a", ANYCAST_HS_UP),
		{.name = "gone", .exists = false, .state = ANYCAST_HS_UP},
	};
	struct anycast_policy_result r;

	anycast_policy_all(in, 2, &r);
	ck_assert(!r.announce);
	ck_assert_str_eq(r.reason, "health gone does not exist");
}
END_TEST

START_TEST(test_reason_truncates_safely)
{
	char longname[300];
	struct anycast_policy_result r;

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	struct anycast_policy_input in[] = {
		IN(longname, ANYCAST_HS_DOWN),
		IN("b", ANYCAST_HS_DOWN),
	};
	anycast_policy_all(in, 2, &r);
	ck_assert(!r.announce);
	ck_assert_uint_eq(strlen(r.reason), sizeof(r.reason) - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("policy");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_nothing_tracked);
	tcase_add_test(tc, test_single);
	tcase_add_test(tc, test_all_must_be_up);
	tcase_add_test(tc, test_missing_object);
	tcase_add_test(tc, test_reason_truncates_safely);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
