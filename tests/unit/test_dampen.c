// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of flap dampening (anycastd/anycast_dampen.c). */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "unit_run.h"
#include "anycast_dampen.h"

static const struct anycast_dampen_params P = {
	.enabled = true,
	.half_life_s = 5,
	.penalty = 1000,
	.suppress = 2000,
	.reuse = 1000,
	.max_suppress_s = 20,
};

START_TEST(test_decay_half_life)
{
	struct anycast_dampen d = {0};

	anycast_dampen_flap(&d, &P, 0);
	ck_assert(fabs(anycast_dampen_penalty(&d, &P, 5000) - 500) < 0.01);
	ck_assert(fabs(anycast_dampen_penalty(&d, &P, 10000) - 250) < 0.01);
	/* time going backwards does not grow the penalty */
	ck_assert(fabs(anycast_dampen_penalty(&d, &P, 0) - 1000) < 0.01);
}
END_TEST

START_TEST(test_suppress_and_reuse)
{
	struct anycast_dampen d = {0};
	uint64_t in;

	ck_assert(!anycast_dampen_flap(&d, &P, 0));
	ck_assert(!d.suppressed);
	/* second flap 1 s later: 1000*2^(-0.2) + 1000 = 1870 < 2000 */
	ck_assert(!anycast_dampen_flap(&d, &P, 1000));
	/* third right away: >= 2000 → suppressed */
	ck_assert(anycast_dampen_flap(&d, &P, 1000));
	ck_assert(d.suppressed);
	ck_assert_uint_eq(d.flaps, 3);
	in = anycast_dampen_reuse_in(&d, &P, 1000);
	/* 2870 → 1000 takes 5 s * log2(2.87) = 7.6 s */
	ck_assert_uint_gt(in, 7500);
	ck_assert_uint_lt(in, 7700);
	ck_assert(!anycast_dampen_update(&d, &P, 1000 + in - 100));
	ck_assert(d.suppressed);
	ck_assert(anycast_dampen_update(&d, &P, 1000 + in));
	ck_assert(!d.suppressed);
	ck_assert_uint_eq(anycast_dampen_reuse_in(&d, &P, 1000 + in), 0);
}
END_TEST

START_TEST(test_max_suppress_caps)
{
	struct anycast_dampen d = {0};

	/* a storm of flaps cannot suppress longer than max-suppress */
	for (int i = 0; i < 1000; i++)
		anycast_dampen_flap(&d, &P, 0);
	ck_assert(d.suppressed);
	ck_assert_uint_le(anycast_dampen_reuse_in(&d, &P, 0), 20001);
	ck_assert(anycast_dampen_update(&d, &P, 20001));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dampen");
	TCase *tc = tcase_create("dampen");

	tcase_add_test(tc, test_decay_half_life);
	tcase_add_test(tc, test_suppress_and_reuse);
	tcase_add_test(tc, test_max_suppress_caps);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
