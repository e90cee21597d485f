// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd's configuration in-process (tests/lib/cfgenv.c: libfrr's
 * command tree and northbound with anycastd's YANG module and callbacks):
 * command sequences found by tests/fuzz/fuzz_config, and the properties
 * that harness checks, on fixed configurations.  Under tools/sanitize-check
 * this runs with ASan + UBSan.
 */
#include <zebra.h>

#include <check.h>

#include "command.h"

#include "anycast_prefix.h"

#include "cfgenv.h"
#include "unit_run.h"

/* Run lines in order from the top level; each must be accepted. */
static void run_ok(const char *const *lines)
{
	cfgenv_top();
	for (; *lines; lines++)
		ck_assert_msg(cfgenv_run(*lines) == CMD_SUCCESS, "rejected: %s",
			      *lines);
}

/*
 * Each line (in the current node) must be rejected and leave the running
 * configuration and the daemon's objects as they were.
 */
static void run_rejected(const char *const *bad)
{
	char *before = cfgenv_running(), *after;

	for (; *bad; bad++) {
		ck_assert_msg(cfgenv_run(*bad) != CMD_SUCCESS, "accepted: %s",
			      *bad);
		after = cfgenv_running();
		ck_assert_msg(strcmp(before, after) == 0, "'%s' changed it",
			      *bad);
		free(after);
	}
	free(before);
	ck_assert(cfgenv_state_ok());
}

static void setup(void)
{
	cfgenv_reset();
}

/*
 * Found by fuzz_config (UBSan: bsearch() on a NULL array): a prefix
 * without tracks looked a changed health object up in its (empty) track
 * array; any state change of any health object did so.
 */
START_TEST(test_untracked_prefix_health_change)
{
	static const char *const lines[] = {
		"anycast",  "prefix 192.0.2.0/24", "exit", "health web",
		"shutdown", "no shutdown",	   NULL,
	};
	struct prefix p;
	struct anycast_prefix *ap;

	run_ok(lines);
	str2prefix("192.0.2.0/24", &p);
	ap = anycast_prefix_find(&p);
	ck_assert_ptr_nonnull(ap);
	ck_assert_uint_eq(ap->ntracks, 0);
	ck_assert_ptr_null(anycast_prefix_track_find(ap, "web"));
	ck_assert(cfgenv_state_ok());
	ck_assert(cfgenv_round_trip());
}
END_TEST

/*
 * Found by fuzz_config: `delay down N` without `up` was applied but not
 * shown (the line was printed only on delay-up, which the northbound skips
 * at its default), so a restart lost it.
 */
START_TEST(test_delay_down_only)
{
	static const char *const lines[] = {
		"anycast", "health web",  "delay down 3601",
		"exit",	   "health dns",  "delay up 5",
		"exit",	   "health both", "delay up 7 down 9",
		NULL,
	};
	char *show;

	run_ok(lines);
	show = cfgenv_show();
	ck_assert_msg(strstr(show, "  delay down 3601\n"), "%s", show);
	ck_assert_msg(strstr(show, "  delay up 5\n"), "%s", show);
	ck_assert_msg(strstr(show, "  delay up 7 down 9\n"), "%s", show);
	free(show);
	ck_assert(cfgenv_round_trip());
}
END_TEST

/* A rejected command changes nothing. */
START_TEST(test_rejected_changes_nothing)
{
	static const char *const lines[] = {
		"anycast",	 "health web", "probe tcp 192.0.2.1 port 80",
		"interval 2000", NULL,
	};
	static const char *const bad[] = {
		"interval 5",		     /* out of range */
		"probe tcp 192.0.2.1",	     /* incomplete */
		"probe nosuchkind",	     /* unknown kind */
		"probe exec true user root", /* uid 0 */
		"probe http http://192.0.2.1/ expect-status 99",
		NULL,
	};

	run_ok(lines);
	run_rejected(bad);
}
END_TEST

/*
 * Found by fuzz_config: an invalid name in `no track` made the northbound
 * fail to edit its candidate ("% Failed to edit configuration", reported
 * as success in classic CLI mode); it is rejected with a clear message.
 */
START_TEST(test_no_track_invalid_name)
{
	static const char *const lines[] = {
		"anycast",   "health web", "exit", "prefix 192.0.2.0/24",
		"track web", NULL,
	};
	static const char *const bad[] = {"no track =", "no track a'b", NULL};

	run_ok(lines);
	run_rejected(bad);
	ck_assert_int_eq(cfgenv_run("no track web"), CMD_SUCCESS);
}
END_TEST

/* Every kind of statement reads back from `show running-config`. */
START_TEST(test_round_trip)
{
	static const char *const lines[] = {
		"anycast",
		"shutdown-drain 30",
		"health web",
		"probe http http://192.0.2.1/ expect-status 200,404 "
		"expect-body ok host www.example.com",
		"interval 1000",
		"timeout 500",
		"rise 2",
		"fall 3",
		"delay up 100 down 200",
		"dampening half-life 10",
		"exit",
		"health dns",
		"probe dns 192.0.2.53 query example.com type aaaa "
		"expect-answer 2001:db8::1 recurse",
		"exit",
		"health run",
		"probe exec /bin/true shell",
		"exit",
		"prefix 192.0.2.0/24",
		"track web weight 10",
		"track dns not",
		"policy weight up 10 down 5",
		"degraded advertise metric 100 tag 7",
		"drain-tag 99",
		"last-site-guard",
		"exit",
		"prefix 2001:db8::/48",
		"track run",
		NULL,
	};

	run_ok(lines);
	ck_assert(cfgenv_state_ok());
	ck_assert(cfgenv_round_trip());
	ck_assert(cfgenv_state_ok());
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	cfgenv_init(false);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_untracked_prefix_health_change);
	tcase_add_test(tc, test_delay_down_only);
	tcase_add_test(tc, test_rejected_changes_nothing);
	tcase_add_test(tc, test_no_track_invalid_name);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
