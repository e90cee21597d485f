// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the process probe's pure parts
 * (anycastd/anycast_process_parse.c): pid files, /proc/PID/stat and comm.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_process_parse.h"

static int pf(const char *s)
{
	int pid = -42;

	if (anycast_pidfile_parse(s, strlen(s), &pid) < 0)
		return -1;
	return pid;
}

START_TEST(test_pidfile_ok)
{
	ck_assert_int_eq(pf("1234\n"), 1234);
	ck_assert_int_eq(pf("1234"), 1234);
	ck_assert_int_eq(pf("  77 \r\n"), 77);
	ck_assert_int_eq(pf("\n1\n\n"), 1);
	ck_assert_int_eq(pf("4194304\n"), 4194304);
}
END_TEST

START_TEST(test_pidfile_bad)
{
	int pid = 5;

	ck_assert_int_eq(pf(""), -1);
	ck_assert_int_eq(pf("\n"), -1);
	ck_assert_int_eq(pf("0\n"), -1);
	ck_assert_int_eq(pf("0123\n"), -1);
	ck_assert_int_eq(pf("-5\n"), -1);
	ck_assert_int_eq(pf("+5\n"), -1);
	ck_assert_int_eq(pf("12 34\n"), -1);
	ck_assert_int_eq(pf("12abc\n"), -1);
	ck_assert_int_eq(pf("abc\n"), -1);
	ck_assert_int_eq(pf("4194305\n"), -1);
	ck_assert_int_eq(pf("99999999999999999999999\n"), -1);
	ck_assert_int_eq(pf("0x10\n"), -1);
	/* an embedded NUL is not a blank */
	ck_assert_int_eq(anycast_pidfile_parse("12\0", 3, &pid), -1);
	ck_assert_int_eq(pid, 5); /* untouched on error */
	/* bounded: more than ANYCAST_PIDFILE_MAX bytes is not a pid file */
	{
		char big[ANYCAST_PIDFILE_MAX + 2];

		memset(big, ' ', sizeof(big));
		big[0] = '7';
		ck_assert_int_eq(anycast_pidfile_parse(big, sizeof(big), &pid),
				 -1);
		ck_assert_int_eq(
			anycast_pidfile_parse(big, ANYCAST_PIDFILE_MAX, &pid),
			0);
		ck_assert_int_eq(pid, 7);
	}
}
END_TEST

/* a real line of /proc/self/stat (Linux 6.x), start time 12345678 */
#define STAT_TAIL                                                              \
	" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -2 0 1 0 12345678 9 10 11 12\n"

START_TEST(test_stat_ok)
{
	const char *s;
	char state = '?';
	uint64_t st = 0;

	s = "4242 (sleep) S" STAT_TAIL;
	ck_assert_int_eq(anycast_proc_stat_parse(s, strlen(s), &state, &st), 0);
	ck_assert_int_eq(state, 'S');
	ck_assert_uint_eq(st, 12345678);

	/* comm with blanks and parentheses */
	s = "4242 (a) Z (b c)) R" STAT_TAIL;
	ck_assert_int_eq(anycast_proc_stat_parse(s, strlen(s), &state, &st), 0);
	ck_assert_int_eq(state, 'R');
	ck_assert_uint_eq(st, 12345678);

	/* start time as the last field */
	s = "1 (init) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 99";
	ck_assert_int_eq(anycast_proc_stat_parse(s, strlen(s), &state, &st), 0);
	ck_assert_uint_eq(st, 99);
}
END_TEST

START_TEST(test_stat_bad)
{
	const char *bad[] = {
		"",
		"4242 sleep S 1 2 3",
		"4242 (sleep S" STAT_TAIL,
		"4242 (sleep)S" STAT_TAIL,
		"4242 (sleep) S 1 2 3 4 5\n",
		"4242 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -2 0 1 0 x\n",
		"4242 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -2 0 1 0 "
		"12a\n",
		"4242 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -2 0 1 0 "
		"99999999999999999999999\n",
		"4242 (sleep) S  1 2 3 4 5 6 7 8 9 10 11 12 13 14 -2 0 1 0 5\n",
	};
	char state;
	uint64_t st;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(anycast_proc_stat_parse(bad[i], strlen(bad[i]),
						      &state, &st) < 0,
			      "accepted: %s", bad[i]);
}
END_TEST

START_TEST(test_state_dead)
{
	ck_assert(anycast_proc_state_dead('Z'));
	ck_assert(anycast_proc_state_dead('X'));
	ck_assert(!anycast_proc_state_dead('S'));
	ck_assert(!anycast_proc_state_dead('R'));
	ck_assert(!anycast_proc_state_dead('D'));
	ck_assert(!anycast_proc_state_dead('T'));
}
END_TEST

START_TEST(test_comm)
{
	ck_assert(anycast_comm_match("sleep\n", 6, "sleep"));
	ck_assert(anycast_comm_match("sleep", 5, "sleep"));
	ck_assert(!anycast_comm_match("sleep\n", 6, "slee"));
	ck_assert(!anycast_comm_match("slee\n", 5, "sleep"));
	ck_assert(!anycast_comm_match("Sleep\n", 6, "sleep"));
	ck_assert(!anycast_comm_match("sleep\n\n", 7, "sleep"));
	ck_assert(!anycast_comm_match("\n", 1, ""));
	ck_assert(anycast_comm_match("kworker/0:1\n", 12, "kworker/0:1"));
	ck_assert(anycast_comm_match("a b\n", 4, "a b"));

	ck_assert(anycast_comm_valid("sleep"));
	ck_assert(anycast_comm_valid("123456789012345"));
	ck_assert(!anycast_comm_valid("1234567890123456"));
	ck_assert(!anycast_comm_valid(""));
	ck_assert(!anycast_comm_valid("a\nb"));
	ck_assert(!anycast_comm_valid("a\tb"));
}
END_TEST

/* the real thing: this process is running */
START_TEST(test_stat_self)
{
	char buf[1024], state = '?';
	uint64_t st = 0;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_int_eq(anycast_proc_stat_parse(buf, n, &state, &st), 0);
	ck_assert_int_eq(state, 'R');
	ck_assert_uint_gt(st, 0);
}
END_TEST

static int ruid(const char *s)
{
	uint32_t uid = 4242;

	if (anycast_proc_status_ruid(s, strlen(s), &uid) < 0)
		return -1;
	return (int)uid;
}

START_TEST(test_status_ruid)
{
	ck_assert_int_eq(ruid("Name:\tsleep\nUid:\t1000\t0\t0\t0\n"), 1000);
	ck_assert_int_eq(ruid("Uid:\t0\t1000\t1000\t1000\n"), 0);
	ck_assert_int_eq(ruid("Name:\tx\nUmask:\t0022\nUid:\t7 7 7 7"), 7);
	/* comm may hold "Uid:": only a line starting with it counts */
	ck_assert_int_eq(ruid("Name:\tUid:\t5\nUid:\t9\t9\t9\t9\n"), 9);
	ck_assert_int_eq(ruid("Name:\tx\n"), -1);
	ck_assert_int_eq(ruid("Uid:\t\n"), -1);
	ck_assert_int_eq(ruid("Uid:\t12x\t0\n"), -1);
	ck_assert_int_eq(ruid("Uid:\t99999999999\n"), -1);
	ck_assert_int_eq(ruid(""), -1);
}
END_TEST

static bool exe(const char *link, const char *path)
{
	return anycast_exe_match(link, strlen(link), path);
}

START_TEST(test_exe_match)
{
	ck_assert(exe("/usr/sbin/nginx", "/usr/sbin/nginx"));
	ck_assert(exe("/usr/sbin/nginx (deleted)", "/usr/sbin/nginx"));
	ck_assert(!exe("/usr/sbin/nginx2", "/usr/sbin/nginx"));
	ck_assert(!exe("/usr/sbin/ngin", "/usr/sbin/nginx"));
	ck_assert(!exe("/tmp/usr/sbin/nginx", "/usr/sbin/nginx"));
	ck_assert(!exe("/usr/sbin/nginx (deleted)x", "/usr/sbin/nginx"));
	ck_assert(!exe("/usr/sbin/nginx", ""));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("process_parse");
	TCase *tc = tcase_create("process_parse");

	tcase_add_test(tc, test_pidfile_ok);
	tcase_add_test(tc, test_pidfile_bad);
	tcase_add_test(tc, test_stat_ok);
	tcase_add_test(tc, test_stat_bad);
	tcase_add_test(tc, test_stat_self);
	tcase_add_test(tc, test_state_dead);
	tcase_add_test(tc, test_comm);
	tcase_add_test(tc, test_status_ruid);
	tcase_add_test(tc, test_exe_match);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
