// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of local resource faults and the default probe budget
 * (anycastd/anycast_resource.c).
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit_run.h"
#include "anycast_resource.h"

START_TEST(test_local_errnos)
{
	const int local[] = {EMFILE, ENFILE, ENOMEM, ENOBUFS, EAGAIN};
	/* the target's answers (or silence) are never local */
	const int remote[] = {
		0,	     ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH,
		ENETUNREACH, ECONNRESET,   EPIPE,     EACCES,
		EPERM,	     EINVAL,	   ENOENT,    EADDRINUSE,
		EINPROGRESS, EINTR};

	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++)
		ck_assert_msg(anycast_errno_is_local(local[i]), "errno %d",
			      local[i]);
	for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++)
		ck_assert_msg(!anycast_errno_is_local(remote[i]), "errno %d",
			      remote[i]);
}
END_TEST

START_TEST(test_budget_small_limit)
{
	uint32_t reserved = 0;

	/* the reported case: 48 fds, a dozen open at start-up */
	ck_assert_uint_eq(anycast_budget_from_nofile(48, 12, &reserved), 10);
	ck_assert_uint_eq(reserved, 12 + ANYCAST_BUDGET_HEADROOM_MIN);
	/* the runs' fds plus what is reserved fit in the limit */
	ck_assert_uint_le(10 * ANYCAST_BUDGET_FDS_PER_RUN + reserved, 48);
}
END_TEST

START_TEST(test_budget_systemd_default)
{
	uint32_t reserved = 0;

	/* LimitNOFILE=1024 (the unit): an eighth kept free */
	ck_assert_uint_eq(anycast_budget_from_nofile(1024, 15, &reserved),
			  (1024 - 15 - 128) / 2);
	ck_assert_uint_eq(reserved, 15 + 128);
}
END_TEST

START_TEST(test_budget_never_zero)
{
	/* fewer fds than the daemon needs: still one run at a time */
	ck_assert_uint_eq(anycast_budget_from_nofile(20, 15, NULL), 1);
	ck_assert_uint_eq(anycast_budget_from_nofile(0, 0, NULL), 1);
	ck_assert_uint_eq(anycast_budget_from_nofile(10, 100, NULL), 1);
	/* exactly one run's worth over the reserve */
	ck_assert_uint_eq(
		anycast_budget_from_nofile(10 + ANYCAST_BUDGET_HEADROOM_MIN +
						   ANYCAST_BUDGET_FDS_PER_RUN,
					   10, NULL),
		1);
}
END_TEST

START_TEST(test_budget_huge_limit)
{
	uint32_t reserved = 0;

	/* RLIM_INFINITY and a million: capped, no overflow */
	ck_assert_uint_eq(anycast_budget_from_nofile(UINT64_MAX, 20, &reserved),
			  ANYCAST_BUDGET_MAX);
	ck_assert_uint_eq(reserved,
			  20 + ANYCAST_BUDGET_NOFILE_CAP /
					  ANYCAST_BUDGET_HEADROOM_DIV);
	ck_assert_uint_eq(anycast_budget_from_nofile(1048576, 20, NULL),
			  ANYCAST_BUDGET_MAX);
	/* grows with the limit below the cap */
	ck_assert_uint_lt(anycast_budget_from_nofile(4096, 20, NULL),
			  anycast_budget_from_nofile(8192, 20, NULL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("resource");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_local_errnos);
	tcase_add_test(tc, test_budget_small_limit);
	tcase_add_test(tc, test_budget_systemd_default);
	tcase_add_test(tc, test_budget_never_zero);
	tcase_add_test(tc, test_budget_huge_limit);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
