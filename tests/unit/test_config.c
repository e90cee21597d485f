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
#include <dlfcn.h>
#include <grp.h>
#include <pwd.h>

#include "command.h"

#include "anycast_nb.h"
#include "anycast_prefix.h"

#include "cfgenv.h"
#include "unit_run.h"

/*
 * Fake users and groups for the exec user checks, in front of the C
 * library's (the daemon's objects are linked into this program, so their
 * getpwnam() is this one); every other name and gid goes to NSS.  The
 * root-equivalent groups have gids of their own here: the check goes by
 * the group's name, not by Debian's numbers.
 */
static const struct {
	const char *name;
	uid_t uid;
	gid_t gid;
	gid_t groups[2];
	int ngroups;
} fake_users[] = {
	{"acdt-plain", 60001, 60001, {60001}, 1},
	{"acdt-gid0", 60002, 0, {0}, 1},
	{"acdt-adm", 60003, 60003, {60003, 60100}, 2},
	{"acdt-docker", 60004, 60004, {60004, 60101}, 2},
	{"acdt-root2", 60005, 60005, {60005, 0}, 2},
};
static const struct {
	gid_t gid;
	const char *name;
} fake_groups[] = {
	{60001, "acdt-plain"}, {60003, "acdt-adm"}, {60004, "acdt-docker"},
	{60005, "acdt-root2"}, {60100, "adm"},	    {60101, "docker"},
};

struct passwd *getpwnam(const char *name)
{
	static struct passwd pw;
	struct passwd *(*real)(const char *);

	for (size_t i = 0; i < array_size(fake_users); i++) {
		if (strcmp(name, fake_users[i].name))
			continue;
		memset(&pw, 0, sizeof(pw));
		pw.pw_name = (char *)fake_users[i].name;
		pw.pw_uid = fake_users[i].uid;
		pw.pw_gid = fake_users[i].gid;
		pw.pw_dir = (char *)"/nonexistent";
		pw.pw_shell = (char *)"/usr/sbin/nologin";
		return &pw;
	}
	real = (struct passwd * (*)(const char *)) dlsym(RTLD_NEXT, "getpwnam");
	return real(name);
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	int (*real)(const char *, gid_t, gid_t *, int *);

	for (size_t i = 0; i < array_size(fake_users); i++) {
		int n = fake_users[i].ngroups;

		if (strcmp(user, fake_users[i].name))
			continue;
		if (*ngroups < n) {
			*ngroups = n;
			return -1;
		}
		memcpy(groups, fake_users[i].groups, n * sizeof(gid_t));
		*ngroups = n;
		return n;
	}
	real = (int (*)(const char *, gid_t, gid_t *, int *))dlsym(
		RTLD_NEXT, "getgrouplist");
	return real(user, group, groups, ngroups);
}

struct group *getgrgid(gid_t gid)
{
	static struct group gr;
	static char *no_members[] = {NULL};
	struct group *(*real)(gid_t);

	for (size_t i = 0; i < array_size(fake_groups); i++) {
		if (fake_groups[i].gid != gid)
			continue;
		memset(&gr, 0, sizeof(gr));
		gr.gr_name = (char *)fake_groups[i].name;
		gr.gr_gid = gid;
		gr.gr_mem = no_members;
		return &gr;
	}
	real = (struct group * (*)(gid_t)) dlsym(RTLD_NEXT, "getgrgid");
	return real(gid);
}

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

/*
 * issue 15: `probe exec` and `on-change exec` refused only uid 0; a user
 * whose primary group is root, or who is in a root-equivalent group
 * (adm, docker, ...), was accepted.
 */
START_TEST(test_exec_user_root_equivalent)
{
	static const char *const lines[] = {
		"anycast",
		"health web",
		"probe tcp 192.0.2.1 port 80",
		NULL,
	};
	static const char *const bad[] = {
		"probe exec /bin/true user acdt-gid0",
		"probe exec /bin/true user acdt-adm",
		"probe exec /bin/true user acdt-docker",
		"probe exec /bin/true user acdt-root2",
		"on-change exec /bin/true user acdt-gid0",
		"on-change exec /bin/true user acdt-adm",
		"on-change exec /bin/true user acdt-docker",
		NULL,
	};

	run_ok(lines);
	run_rejected(bad);
	ck_assert_int_eq(cfgenv_run("probe exec /bin/true user acdt-plain"),
			 CMD_SUCCESS);
	ck_assert_int_eq(cfgenv_run("on-change exec /bin/true user acdt-plain"),
			 CMD_SUCCESS);
	ck_assert(cfgenv_state_ok());
}
END_TEST

#define HEALTH_T ANYCAST_XPATH "/health[name='t']"

/*
 * issue 15: a northbound client (gRPC) committed what the CLI refused:
 * the checks were in the DEFPYs only.  The same edits as a northbound
 * client makes them are refused by the validation, with the CLI's text,
 * and change nothing.
 */
START_TEST(test_nb_edit_validated)
{
	static const struct {
		const char *xpath[4], *value[4];
		const char *why; /* NULL: accepted */
	} cases[] = {
		{{HEALTH_T "/probe/tcp/address", HEALTH_T "/probe/tcp/port",
		  HEALTH_T "/probe/tcp/send", HEALTH_T "/probe/tcp/expect"},
		 {"192.0.2.1", "80", "GET", "200\\q"},
		 "Invalid expect string"},
		{{HEALTH_T "/probe/tcp/address", HEALTH_T "/probe/tcp/port"},
		 {"0.0.0.0", "80"},
		 "must be unicast"},
		{{HEALTH_T "/probe/http/url",
		  HEALTH_T "/probe/http/expect-body"},
		 {"http://192.0.2.1/", "\\x00ok"},
		 "Invalid expect-body string"},
		{{HEALTH_T "/probe/exec/command", HEALTH_T "/probe/exec/user"},
		 {"/bin/true", "acdt-adm"},
		 "root-equivalent"},
		{{HEALTH_T "/on-change/exec/command",
		  HEALTH_T "/on-change/exec/user"},
		 {"/bin/true", "acdt-gid0"},
		 "on-change exec commands run unprivileged"},
		{{HEALTH_T "/probe/bfd/peer"},
		 {"FE80::1"},
		 "needs an interface"},
		{{HEALTH_T "/probe/bfd/peer", HEALTH_T "/probe/bfd/interface"},
		 {"fe80::1", "eth0"},
		 NULL},
		/* the interface removed: no other leaf changes */
		{{HEALTH_T "/probe/bfd/interface"},
		 {NULL},
		 "needs an interface"},
		{{HEALTH_T "/probe/bfd", HEALTH_T "/probe/tcp/address",
		  HEALTH_T "/probe/tcp/port", HEALTH_T "/probe/tcp/expect"},
		 {NULL, "192.0.2.1", "80", "200"},
		 NULL},
	};
	char errmsg[BUFSIZ];

	for (size_t i = 0; i < array_size(cases); i++) {
		char *before = cfgenv_running(), *after;
		size_t n = 0;
		int ret;

		while (n < 4 && cases[i].xpath[n])
			n++;
		ret = cfgenv_nb_edit(cases[i].xpath, cases[i].value, n, errmsg,
				     sizeof(errmsg));
		after = cfgenv_running();
		if (cases[i].why) {
			ck_assert_msg(ret != NB_OK && ret != -1,
				      "case %zu: committed (%d)", i, ret);
			ck_assert_msg(strstr(errmsg, cases[i].why),
				      "case %zu: '%s'", i, errmsg);
			ck_assert_msg(strcmp(before, after) == 0,
				      "case %zu changed the configuration", i);
		} else {
			ck_assert_msg(ret == NB_OK, "case %zu: %d %s", i, ret,
				      errmsg);
		}
		free(before);
		free(after);
		ck_assert(cfgenv_state_ok());
	}
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
	tcase_add_test(tc, test_exec_user_root_equivalent);
	tcase_add_test(tc, test_nb_edit_validated);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
