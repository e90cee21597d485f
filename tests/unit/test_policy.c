// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the policies (anycastd/anycast_policy.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_policy.h"

#define IN(n, s)                                                               \
	{                                                                      \
		.name = (n), .exists = true, .state = (s), .weight = 1         \
	}
#define UP ANYCAST_HS_UP
#define DOWN ANYCAST_HS_DOWN

static const struct anycast_policy all = {.type = ANYCAST_POLICY_ALL};
static const struct anycast_policy any = {.type = ANYCAST_POLICY_ANY};

static enum anycast_prefix_state eval(const struct anycast_policy *pol,
				      const struct anycast_policy_input *in,
				      size_t n, enum anycast_prefix_state prev,
				      struct anycast_policy_result *r)
{
	anycast_policy_eval(pol, in, n, prev, r);
	return r->state;
}

START_TEST(test_nothing_tracked)
{
	struct anycast_policy_result r;

	ck_assert_int_eq(eval(&any, NULL, 0, ANYCAST_PS_UP, &r),
			 ANYCAST_PS_DOWN);
	ck_assert_str_eq(r.reason, "no health object tracked");
}
END_TEST

START_TEST(test_single_all_states)
{
	struct anycast_policy_result r;

	for (int s = 0; s < ANYCAST_HS_MAX; s++) {
		struct anycast_policy_input in[] = {IN("web", s)};
		bool up = s == ANYCAST_HS_UP || s == ANYCAST_HS_FALLING;

		ck_assert_int_eq(eval(&all, in, 1, ANYCAST_PS_DOWN, &r),
				 up ? ANYCAST_PS_UP : ANYCAST_PS_DOWN);
		if (up)
			ck_assert_str_eq(r.reason, "health web is up");
		else if (s != ANYCAST_HS_INIT)
			ck_assert(strstr(r.reason, anycast_fsm_state_name(s)));
	}
}
END_TEST

START_TEST(test_all_must_be_up)
{
	struct anycast_policy_input in[] = {
		IN("a", UP),
		IN("b", ANYCAST_HS_FALLING),
		IN("c", UP),
	};
	struct anycast_policy_result r;

	ck_assert_int_eq(eval(&all, in, 3, ANYCAST_PS_DOWN, &r), ANYCAST_PS_UP);
	ck_assert_str_eq(r.reason, "all 3 tracked health objects are up");

	in[2].state = DOWN;
	ck_assert_int_eq(eval(&all, in, 3, ANYCAST_PS_UP, &r), ANYCAST_PS_DOWN);
	ck_assert_str_eq(r.reason, "health c is down");

	in[0].state = ANYCAST_HS_ADMIN_DOWN;
	eval(&all, in, 3, ANYCAST_PS_UP, &r);
	ck_assert_str_eq(
		r.reason,
		"health a is admin-down (2 of 3 tracked objects not up)");
}
END_TEST

START_TEST(test_any_and_degraded)
{
	struct anycast_policy_input in[] = {IN("a", DOWN), IN("b", DOWN)};
	struct anycast_policy_result r;

	ck_assert_int_eq(eval(&any, in, 2, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DOWN);
	in[1].state = UP;
	ck_assert_int_eq(eval(&any, in, 2, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DEGRADED);
	ck_assert(strstr(r.reason, "1 of 2"));
	ck_assert(strstr(r.reason, "health a is down"));
	in[0].state = UP;
	ck_assert_int_eq(eval(&any, in, 2, ANYCAST_PS_DOWN, &r), ANYCAST_PS_UP);
}
END_TEST

START_TEST(test_at_least)
{
	struct anycast_policy pol = {.type = ANYCAST_POLICY_AT_LEAST,
				     .at_least = 2};
	struct anycast_policy_input in[] = {IN("a", UP), IN("b", DOWN),
					    IN("c", DOWN)};
	struct anycast_policy_result r;

	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DOWN);
	in[1].state = UP;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DEGRADED);
	ck_assert_uint_eq(r.satisfied, 2);
	in[2].state = UP;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r), ANYCAST_PS_UP);
}
END_TEST

/* weight up 10 down 5: hysteresis between 6 and 9 */
START_TEST(test_weight_hysteresis)
{
	struct anycast_policy pol = {.type = ANYCAST_POLICY_WEIGHT,
				     .weight_up = 10,
				     .weight_down = 5};
	struct anycast_policy_input in[] = {IN("a", UP), IN("b", UP),
					    IN("c", DOWN)};
	struct anycast_policy_result r;

	in[0].weight = 6;
	in[1].weight = 3;
	in[2].weight = 4;
	/* 9: between: keeps the previous outcome */
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DOWN);
	ck_assert_uint_eq(r.weight, 9);
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_UP, &r),
			 ANYCAST_PS_DEGRADED);
	/* 13 >= 10: met, all up */
	in[2].state = UP;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r), ANYCAST_PS_UP);
	/* 7: still met when it was */
	in[0].state = DOWN;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_UP, &r),
			 ANYCAST_PS_DEGRADED);
	/* 4 <= 5: not met whatever it was */
	in[1].state = DOWN;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DEGRADED, &r),
			 ANYCAST_PS_DOWN);
	/* exactly 5 is down, exactly 10 is up */
	in[0].state = DOWN;
	in[1].state = UP;
	in[1].weight = 5;
	in[2].state = DOWN;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_UP, &r), ANYCAST_PS_DOWN);
	in[1].weight = 10;
	ck_assert_int_eq(eval(&pol, in, 3, ANYCAST_PS_DOWN, &r),
			 ANYCAST_PS_DEGRADED);
}
END_TEST

START_TEST(test_negate_and_unknown)
{
	struct anycast_policy_input in[] = {IN("svc", UP), IN("maint", DOWN)};
	struct anycast_policy_result r;

	/* `track maint not`: satisfied while maint is not up */
	in[1].negate = true;
	ck_assert_int_eq(eval(&all, in, 2, ANYCAST_PS_DOWN, &r), ANYCAST_PS_UP);
	in[1].state = UP;
	ck_assert_int_eq(eval(&all, in, 2, ANYCAST_PS_UP, &r), ANYCAST_PS_DOWN);
	ck_assert_str_eq(r.reason, "health maint is up (tracked with not)");
	/* no result yet: never satisfied, even with not */
	in[1].state = ANYCAST_HS_INIT;
	ck_assert(!anycast_policy_satisfied(&in[1]));
	ck_assert_int_eq(eval(&all, in, 2, ANYCAST_PS_UP, &r), ANYCAST_PS_DOWN);
	ck_assert_str_eq(r.reason, "health maint has no result yet");
	/* missing object */
	in[1].exists = false;
	eval(&all, in, 2, ANYCAST_PS_UP, &r);
	ck_assert_str_eq(r.reason, "health maint does not exist");
	/* dampening suppression counts as not up */
	in[1] = (struct anycast_policy_input)IN("x", UP);
	in[1].suppressed = true;
	ck_assert_int_eq(eval(&all, in, 2, ANYCAST_PS_UP, &r), ANYCAST_PS_DOWN);
	ck_assert_str_eq(r.reason, "health x is suppressed (dampening)");
}
END_TEST

START_TEST(test_reason_truncates_safely)
{
	char longname[300];
	struct anycast_policy_result r;

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	struct anycast_policy_input in[] = {
		IN(longname, DOWN),
		IN("b", DOWN),
	};
	eval(&all, in, 2, ANYCAST_PS_UP, &r);
	ck_assert_int_eq(r.state, ANYCAST_PS_DOWN);
	ck_assert_uint_eq(strlen(r.reason), sizeof(r.reason) - 1);
	eval(&any, in, 2, ANYCAST_PS_UP, &r);
	ck_assert_uint_lt(strlen(r.reason), sizeof(r.reason));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, test_nothing_tracked);
	tcase_add_test(tc, test_single_all_states);
	tcase_add_test(tc, test_all_must_be_up);
	tcase_add_test(tc, test_any_and_degraded);
	tcase_add_test(tc, test_at_least);
	tcase_add_test(tc, test_weight_hysteresis);
	tcase_add_test(tc, test_negate_and_unknown);
	tcase_add_test(tc, test_reason_truncates_safely);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
