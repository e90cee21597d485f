// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the exec probe's pure parts (anycastd/anycast_exec_args.c):
 * option stripping, the round trip of the CLI line, argv splitting and the
 * first output line.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_exec_args.h"

static struct anycast_exec_opts o;

#define PARSE_OK(line, cmd, sh, usr)                                           \
	do {                                                                   \
		ck_assert_int_eq(anycast_exec_parse(line, &o),                 \
				 ANYCAST_EXEC_PARSE_OK);                       \
		ck_assert_str_eq(o.command, cmd);                              \
		ck_assert_int_eq(o.shell, sh);                                 \
		ck_assert_str_eq(o.user, usr);                                 \
		ck_assert_int_eq(o.has_user, usr[0] != '\0');                  \
	} while (0)

START_TEST(test_parse_plain)
{
	PARSE_OK("/usr/local/bin/check-dns --fast",
		 "/usr/local/bin/check-dns --fast", false, "");
	PARSE_OK("/bin/true", "/bin/true", false, "");
	/* blanks are normalised to single spaces */
	PARSE_OK("  /bin/echo \t a   b  ", "/bin/echo a b", false, "");
}
END_TEST

START_TEST(test_parse_options)
{
	PARSE_OK("/bin/check shell", "/bin/check", true, "");
	PARSE_OK("/bin/check user nobody", "/bin/check", false, "nobody");
	PARSE_OK("/bin/check shell user nobody", "/bin/check", true, "nobody");
	PARSE_OK("/bin/check user nobody shell", "/bin/check", true, "nobody");
	PARSE_OK("echo a |grep a shell", "echo a |grep a", true, "");
	PARSE_OK("/bin/check user _x-1", "/bin/check", false, "_x-1");
	/* each option once: the second is part of the command */
	PARSE_OK("/bin/echo shell shell", "/bin/echo shell", true, "");
	PARSE_OK("/bin/a user b user c", "/bin/a user b", false, "c");
	PARSE_OK("/bin/a shell user b shell user c", "/bin/a shell user b",
		 true, "c");
	/* not options */
	PARSE_OK("/bin/check user", "/bin/check user", false, "");
	PARSE_OK("/bin/shell", "/bin/shell", false, "");
	PARSE_OK("/bin/check --user nobody", "/bin/check --user nobody", false,
		 "");
	PARSE_OK("/bin/check shell x", "/bin/check shell x", false, "");
	/* user is looked at before shell: `user shell` names a user */
	PARSE_OK("/bin/check user shell", "/bin/check", false, "shell");
}
END_TEST

START_TEST(test_parse_errors)
{
	char longcmd[2048];

	ck_assert_int_eq(anycast_exec_parse("", &o), ANYCAST_EXEC_PARSE_EMPTY);
	ck_assert_int_eq(anycast_exec_parse("   ", &o),
			 ANYCAST_EXEC_PARSE_EMPTY);
	ck_assert_int_eq(anycast_exec_parse("shell", &o),
			 ANYCAST_EXEC_PARSE_EMPTY);
	ck_assert_int_eq(anycast_exec_parse("user nobody", &o),
			 ANYCAST_EXEC_PARSE_EMPTY);
	ck_assert_int_eq(anycast_exec_parse("shell user nobody", &o),
			 ANYCAST_EXEC_PARSE_EMPTY);

	ck_assert_int_eq(anycast_exec_parse("/bin/x user Nobody", &o),
			 ANYCAST_EXEC_PARSE_BAD_USER);
	ck_assert_int_eq(o.bad_user_len, 6);
	ck_assert(strncmp(o.bad_user, "Nobody", 6) == 0);
	ck_assert_int_eq(anycast_exec_parse("/bin/x user 1abc", &o),
			 ANYCAST_EXEC_PARSE_BAD_USER);
	ck_assert_int_eq(anycast_exec_parse("/bin/x user a.b shell", &o),
			 ANYCAST_EXEC_PARSE_BAD_USER);
	ck_assert_int_eq(
		anycast_exec_parse(
			"/bin/x user abcdefghijabcdefghijabcdefghijabc", &o),
		ANYCAST_EXEC_PARSE_BAD_USER); /* 33 characters */
	PARSE_OK("/bin/x user abcdefghijabcdefghijabcdefghijab", "/bin/x",
		 false, "abcdefghijabcdefghijabcdefghijab"); /* 32 */

	/* 1023 characters fit, 1024 don't; options don't count */
	memset(longcmd, 'a', 1023);
	longcmd[0] = '/';
	strcpy(longcmd + 1023, " shell user nobody");
	ck_assert_int_eq(anycast_exec_parse(longcmd, &o),
			 ANYCAST_EXEC_PARSE_OK);
	ck_assert_uint_eq(strlen(o.command), 1023);
	ck_assert(o.shell);
	memset(longcmd, 'a', 1024);
	longcmd[1024] = '\0';
	ck_assert_int_eq(anycast_exec_parse(longcmd, &o),
			 ANYCAST_EXEC_PARSE_TOO_LONG);
	memset(longcmd, 'a', 1022);
	strcpy(longcmd + 1022, " b");
	ck_assert_int_eq(anycast_exec_parse(longcmd, &o),
			 ANYCAST_EXEC_PARSE_TOO_LONG);
}
END_TEST

START_TEST(test_user_valid)
{
	ck_assert(anycast_exec_user_valid("frr", 3));
	ck_assert(anycast_exec_user_valid("_apt", 4));
	ck_assert(anycast_exec_user_valid("www-data", 8));
	ck_assert(!anycast_exec_user_valid("", 0));
	ck_assert(!anycast_exec_user_valid("-x", 2));
	ck_assert(!anycast_exec_user_valid("9x", 2));
	ck_assert(!anycast_exec_user_valid("Root", 4));
	ck_assert(!anycast_exec_user_valid("a b", 3));
	ck_assert(!anycast_exec_user_valid("a$", 2));
}
END_TEST

/* format, then parse: the same configuration again */
static void roundtrip(const char *cmd, bool shell, const char *user,
		      const char *want)
{
	char buf[1200];

	ck_assert_msg(
		anycast_exec_format(cmd, shell, user, "frr", buf, sizeof(buf)),
		"no exact line for '%s' shell %d user %s (got '%s')", cmd,
		shell, user, buf);
	if (want)
		ck_assert_str_eq(buf, want);
	ck_assert_int_eq(anycast_exec_parse(buf, &o), ANYCAST_EXEC_PARSE_OK);
	ck_assert_str_eq(o.command, cmd);
	ck_assert_int_eq(o.shell, shell);
	ck_assert_str_eq(o.has_user ? o.user : "frr", user);
}

START_TEST(test_format)
{
	roundtrip("/usr/local/bin/check-dns --fast", false, "nobody",
		  "/usr/local/bin/check-dns --fast user nobody");
	roundtrip("/bin/true", false, "frr", "/bin/true");
	roundtrip("/bin/true", true, "frr", "/bin/true shell");
	roundtrip("/bin/true", true, "nobody", "/bin/true shell user nobody");
	/* needs an explicit `user frr` to parse back */
	roundtrip("/bin/foo user bob", false, "frr",
		  "/bin/foo user bob user frr");
	roundtrip("/bin/foo user bob", true, "frr",
		  "/bin/foo user bob shell user frr");
	roundtrip("/bin/check user", true, "frr",
		  "/bin/check user shell user frr");
	roundtrip("/bin/check user", false, "frr", "/bin/check user");
	roundtrip("/bin/echo shell", true, "frr", "/bin/echo shell shell");
	roundtrip("/bin/echo shell", true, "bob",
		  "/bin/echo shell shell user bob");
	roundtrip("/bin/x", false, "shell", "/bin/x user shell");
	roundtrip("/bin/x", true, "shell", "/bin/x shell user shell");
}
END_TEST

START_TEST(test_format_impossible)
{
	char buf[1200];

	/* a command ending in "shell" without shell mode has no CLI line */
	ck_assert(!anycast_exec_format("/bin/echo shell", false, "frr", "frr",
				       buf, sizeof(buf)));
	ck_assert(!anycast_exec_format("/bin/echo shell", false, "bob", "frr",
				       buf, sizeof(buf)));
	/* buffer too small */
	ck_assert(
		!anycast_exec_format("/bin/true", true, "frr", "frr", buf, 10));
}
END_TEST

/*
 * Every line of up to 6 words from a tricky vocabulary: whatever parses,
 * formats to a line that parses to the same configuration.
 */
START_TEST(test_roundtrip_exhaustive)
{
	static const char *const vocab[] = {"/bin/x", "shell", "user",
					    "bob",    "frr",   "B"};
	const size_t nv = sizeof(vocab) / sizeof(vocab[0]);
	struct anycast_exec_opts first;
	char line[256], buf[1200];
	unsigned long checked = 0;

	for (size_t words = 1; words <= 6; words++) {
		size_t combos = 1;

		for (size_t i = 0; i < words; i++)
			combos *= nv;
		for (size_t c = 0; c < combos; c++) {
			size_t v = c;

			line[0] = '\0';
			for (size_t i = 0; i < words; i++) {
				if (i)
					strcat(line, " ");
				strcat(line, vocab[v % nv]);
				v /= nv;
			}
			if (anycast_exec_parse(line, &first) !=
			    ANYCAST_EXEC_PARSE_OK)
				continue;
			checked++;
			const char *user = first.has_user ? first.user : "frr";

			ck_assert_msg(anycast_exec_format(
					      first.command, first.shell, user,
					      "frr", buf, sizeof(buf)),
				      "'%s' has no exact line", line);
			ck_assert_int_eq(anycast_exec_parse(buf, &o),
					 ANYCAST_EXEC_PARSE_OK);
			ck_assert_msg(
				strcmp(o.command, first.command) == 0 &&
					o.shell == first.shell &&
					strcmp(o.has_user ? o.user : "frr",
					       user) == 0,
				"'%s' -> '%s' does not parse back", line, buf);
		}
	}
	ck_assert_uint_gt(checked, 10000);
}
END_TEST

START_TEST(test_split)
{
	char cmd[ANYCAST_EXEC_CMD_MAX];
	char *argv[ANYCAST_EXEC_ARGV_MAX + 1];

	strcpy(cmd, "/usr/local/bin/check-dns --fast  -t\t5 ");
	ck_assert_int_eq(anycast_exec_split(cmd, argv, ANYCAST_EXEC_ARGV_MAX),
			 4);
	ck_assert_str_eq(argv[0], "/usr/local/bin/check-dns");
	ck_assert_str_eq(argv[1], "--fast");
	ck_assert_str_eq(argv[2], "-t");
	ck_assert_str_eq(argv[3], "5");
	ck_assert_ptr_null(argv[4]);

	strcpy(cmd, "");
	ck_assert_int_eq(anycast_exec_split(cmd, argv, 4), 0);
	ck_assert_ptr_null(argv[0]);

	strcpy(cmd, "a b c d e");
	ck_assert_int_eq(anycast_exec_split(cmd, argv, 4), -1);
	strcpy(cmd, "a b c d");
	ck_assert_int_eq(anycast_exec_split(cmd, argv, 4), 4);
	ck_assert_ptr_null(argv[4]);

	/* the longest command has no more words than ARGV_MAX */
	for (int i = 0; i < ANYCAST_EXEC_CMD_MAX - 1; i++)
		cmd[i] = i % 2 ? ' ' : 'x';
	cmd[ANYCAST_EXEC_CMD_MAX - 1] = '\0';
	ck_assert_int_eq(anycast_exec_split(cmd, argv, ANYCAST_EXEC_ARGV_MAX),
			 ANYCAST_EXEC_ARGV_MAX);
}
END_TEST

static const char *first_line(const char *text)
{
	static struct anycast_exec_output out;

	anycast_exec_output_init(&out);
	anycast_exec_output_feed(&out, text, strlen(text));
	return anycast_exec_output_line(&out);
}

START_TEST(test_output_first_line)
{
	ck_assert_str_eq(first_line(""), "");
	ck_assert_str_eq(first_line("\n\n"), "");
	ck_assert_str_eq(first_line("ok\nsecond\n"), "ok");
	ck_assert_str_eq(first_line("no newline"), "no newline");
	ck_assert_str_eq(first_line("\n  \n\t backend down: 3/5  \t\nmore"),
			 "backend down: 3/5");
	ck_assert_str_eq(first_line("crlf\r\nnext"), "crlf");
	ck_assert_str_eq(first_line("a\tb  c\n"), "a b  c");
	ck_assert_str_eq(first_line("bell\a esc\x1b[0m \xc3\xa9\n"),
			 "bell? esc?[0m ??");
}
END_TEST

START_TEST(test_output_chunks_and_bounds)
{
	struct anycast_exec_output out;
	char big[4096];
	const char *text = "\n first line here \nsecond\n";

	/* byte by byte gives the same as at once */
	anycast_exec_output_init(&out);
	for (size_t i = 0; i < strlen(text); i++)
		anycast_exec_output_feed(&out, text + i, 1);
	ck_assert_str_eq(anycast_exec_output_line(&out), "first line here");
	ck_assert(out.done);
	ck_assert_uint_eq(out.total, strlen(text));

	/* a long line is cut at LINE_MAX - 1 */
	anycast_exec_output_init(&out);
	memset(big, 'x', sizeof(big));
	anycast_exec_output_feed(&out, big, sizeof(big));
	ck_assert_uint_eq(strlen(anycast_exec_output_line(&out)),
			  ANYCAST_EXEC_LINE_MAX - 1);
	ck_assert(out.truncated);

	/* blanks that would not fit are not kept */
	anycast_exec_output_init(&out);
	anycast_exec_output_feed(&out, big, ANYCAST_EXEC_LINE_MAX - 2);
	anycast_exec_output_feed(&out, "   y", 4);
	ck_assert_uint_eq(strlen(anycast_exec_output_line(&out)),
			  ANYCAST_EXEC_LINE_MAX - 2);
	ck_assert(out.truncated);

	/* volume: 64 MiB fed, the line and the memory stay the same */
	anycast_exec_output_init(&out);
	anycast_exec_output_feed(&out, "hello\n", 6);
	for (int i = 0; i < 16384; i++)
		anycast_exec_output_feed(&out, big, sizeof(big));
	ck_assert_str_eq(anycast_exec_output_line(&out), "hello");
	ck_assert_uint_eq(out.total, 6 + 16384ULL * sizeof(big));
	ck_assert(!out.truncated);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("exec_args");
	TCase *tc = tcase_create("exec_args");

	tcase_add_test(tc, test_parse_plain);
	tcase_add_test(tc, test_parse_options);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_user_valid);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_impossible);
	tcase_add_test(tc, test_roundtrip_exhaustive);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_output_first_line);
	tcase_add_test(tc, test_output_chunks_and_bounds);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
