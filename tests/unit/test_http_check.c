// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the HTTP probe's pure logic (anycastd/anycast_http_check.c):
 * status lists, host names, the bounded body and the verdict.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_http_check.h"

START_TEST(test_status_valid)
{
	static const char *const good[] = {
		"200",	   "200-399",	  "200-399,404",
		"100-599", "200,201,202", "404,200-299,500-500",
		"599",	   "100",
	};
	char err[128];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err[0] = 'x';
		ck_assert_msg(
			anycast_http_status_valid(good[i], err, sizeof(err)),
			"'%s' rejected: %s", good[i], err);
	}
	/* errlen 0: no message, no crash */
	ck_assert(anycast_http_status_valid("200", NULL, 0));
	ck_assert(!anycast_http_status_valid("abc", NULL, 0));
}
END_TEST

START_TEST(test_status_rejects)
{
	static const char *const bad[] = {
		"",	   "2",	       "20",	   "2000",    "099",
		"600",	   "000",      "200-",	   "-200",    "200,",
		",200",	   "200,,404", "200 -399", " 200",    "200 ",
		"399-200", "200-600",  "2xx",	   "200;404", "200-3999",
		"abc",	   "200--399",
	};
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ck_assert_msg(
			!anycast_http_status_valid(bad[i], err, sizeof(err)),
			"'%s' accepted", bad[i]);
		ck_assert_msg(err[0], "no message for '%s'", bad[i]);
	}
	ck_assert(!anycast_http_status_valid(NULL, err, sizeof(err)));

	/* the messages say what is wrong */
	anycast_http_status_valid("399-200", err, sizeof(err));
	ck_assert_str_eq(err, "empty range 399-200");
	anycast_http_status_valid("200,abc", err, sizeof(err));
	ck_assert_str_eq(err, "expected a status code 100-599 at \"abc\"");
	anycast_http_status_valid("200 ,404", err, sizeof(err));
	ck_assert_str_eq(err, "expected ',' or '-' at \" ,404\" (no blanks)");

	/* the YANG length limit: 127 characters */
	char list[200] = "200";

	while (strlen(list) + 4 <= 127)
		strcat(list, ",200");
	ck_assert_uint_le(strlen(list), 127);
	ck_assert(anycast_http_status_valid(list, err, sizeof(err)));
	strcat(list, ",200");
	ck_assert(!anycast_http_status_valid(list, err, sizeof(err)));
}
END_TEST

START_TEST(test_status_match)
{
	ck_assert(anycast_http_status_match("200-399", 200));
	ck_assert(anycast_http_status_match("200-399", 399));
	ck_assert(anycast_http_status_match("200-399", 301));
	ck_assert(!anycast_http_status_match("200-399", 199));
	ck_assert(!anycast_http_status_match("200-399", 400));
	ck_assert(!anycast_http_status_match("200-399", 503));
	ck_assert(anycast_http_status_match("200-399,404", 404));
	ck_assert(!anycast_http_status_match("200-399,404", 403));
	ck_assert(!anycast_http_status_match("200-399,404", 405));
	ck_assert(anycast_http_status_match("503", 503));
	ck_assert(anycast_http_status_match("500,200-204,302", 302));
	ck_assert(anycast_http_status_match("500,200-204,302", 500));
	ck_assert(!anycast_http_status_match("500,200-204,302", 205));
	ck_assert(!anycast_http_status_match("200", 0));
	ck_assert(!anycast_http_status_match("200", -1));
	/* an invalid list matches nothing, even a code it names */
	ck_assert(!anycast_http_status_match("200,x", 200));
	ck_assert(!anycast_http_status_match("200-100", 150));
	ck_assert(!anycast_http_status_match("", 200));
	ck_assert(!anycast_http_status_match(NULL, 200));
}
END_TEST

START_TEST(test_host_valid)
{
	char longname[300];

	ck_assert(anycast_http_host_valid("svc.example.test"));
	ck_assert(anycast_http_host_valid("a"));
	ck_assert(anycast_http_host_valid("198.51.100.1"));
	ck_assert(anycast_http_host_valid("my_host-1.example"));
	ck_assert(!anycast_http_host_valid(""));
	ck_assert(!anycast_http_host_valid(NULL));
	ck_assert(!anycast_http_host_valid("-bad.example"));
	ck_assert(!anycast_http_host_valid(".bad.example"));
	ck_assert(!anycast_http_host_valid("bad host"));
	ck_assert(!anycast_http_host_valid("bad/host"));
	ck_assert(!anycast_http_host_valid("host:8080"));
	ck_assert(!anycast_http_host_valid("evil\r\nX-Injected: 1"));
	memset(longname, 'a', 255);
	longname[255] = '\0';
	ck_assert(anycast_http_host_valid(longname));
	longname[255] = 'a';
	longname[256] = '\0';
	ck_assert(!anycast_http_host_valid(longname));
}
END_TEST

START_TEST(test_contains)
{
	ck_assert(anycast_http_contains("service ok", 10, "ok", 2));
	ck_assert(anycast_http_contains("service ok", 10, "service ok", 10));
	ck_assert(anycast_http_contains("service ok", 10, "s", 1));
	ck_assert(anycast_http_contains("service ok", 10, "", 0));
	ck_assert(anycast_http_contains(NULL, 0, "", 0));
	ck_assert(!anycast_http_contains("service ok", 10, "OK", 2));
	ck_assert(!anycast_http_contains("service ok", 10, "service ok!", 11));
	ck_assert(!anycast_http_contains("service ok", 9, "ok", 2));
	ck_assert(!anycast_http_contains(NULL, 0, "ok", 2));
	/* repeated prefixes, binary data */
	ck_assert(anycast_http_contains("aaab", 4, "aab", 3));
	ck_assert(anycast_http_contains("a\0b\0c", 5, "b\0c", 3));
	ck_assert(!anycast_http_contains("a\0b\0c", 5, "b\0d", 3));
}
END_TEST

START_TEST(test_body_bounded)
{
	char buf[8 + 1];
	struct anycast_http_body b;

	anycast_http_body_init(&b, buf, 8);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(anycast_http_body_append(&b, "abc", 3), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert(!b.truncated);
	ck_assert_uint_eq(anycast_http_body_append(&b, "defgh", 5), 5);
	ck_assert_str_eq(buf, "abcdefgh");
	ck_assert(!b.truncated);
	/* full: nothing more is taken, the caller stops the transfer */
	ck_assert_uint_eq(anycast_http_body_append(&b, "i", 1), 0);
	ck_assert(b.truncated);
	ck_assert_uint_eq(b.len, 8);
	ck_assert_str_eq(buf, "abcdefgh");

	/* a chunk that only partly fits */
	anycast_http_body_init(&b, buf, 8);
	ck_assert_uint_eq(anycast_http_body_append(&b, "0123456789", 10), 8);
	ck_assert(b.truncated);
	ck_assert_str_eq(buf, "01234567");

	/* counting only (no buffer): the same bound */
	anycast_http_body_init(&b, NULL, 8);
	ck_assert_uint_eq(anycast_http_body_append(&b, "0123", 4), 4);
	ck_assert_uint_eq(anycast_http_body_append(&b, "456789", 6), 4);
	ck_assert(b.truncated);
	ck_assert_uint_eq(b.len, 8);
	ck_assert_uint_eq(anycast_http_body_append(&b, "x", 1), 0);
	ck_assert_uint_eq(anycast_http_body_append(&b, "", 0), 0);
}
END_TEST

START_TEST(test_body_huge)
{
	/* 50 MB offered in 16 KiB chunks: memory stays at the cap */
	static char buf[ANYCAST_HTTP_BODY_MAX + 1];
	static char chunk[16384];
	struct anycast_http_body b;
	size_t offered = 0, taken = 0;

	memset(chunk, 'x', sizeof(chunk));
	anycast_http_body_init(&b, buf, ANYCAST_HTTP_BODY_MAX);
	while (offered < 50u * 1024 * 1024) {
		size_t n = anycast_http_body_append(&b, chunk, sizeof(chunk));

		offered += sizeof(chunk);
		taken += n;
		if (n < sizeof(chunk))
			break; /* as the write callback does */
	}
	ck_assert_uint_eq(taken, ANYCAST_HTTP_BODY_MAX);
	ck_assert_uint_eq(b.len, ANYCAST_HTTP_BODY_MAX);
	ck_assert(b.truncated);
	ck_assert_uint_eq(offered, ANYCAST_HTTP_BODY_MAX + sizeof(chunk));
	ck_assert_uint_eq(strlen(buf), ANYCAST_HTTP_BODY_MAX);
}
END_TEST

static struct anycast_http_body body_of(char *buf, size_t cap, const char *s)
{
	struct anycast_http_body b;

	anycast_http_body_init(&b, buf, cap);
	anycast_http_body_append(&b, s, strlen(s));
	return b;
}

START_TEST(test_verdict)
{
	char buf[64 + 1], err[128], detail[64];
	struct anycast_http_body b = body_of(buf, 64, "service ok\n");

	/* default list, no body check */
	ck_assert(anycast_http_verdict(200, NULL, &b, NULL, 0, err, sizeof(err),
				       detail, sizeof(detail)));
	ck_assert_str_eq(detail, "status 200");
	ck_assert_str_eq(err, "");
	ck_assert(anycast_http_verdict(301, "", NULL, NULL, 0, err, sizeof(err),
				       detail, sizeof(detail)));
	ck_assert(!anycast_http_verdict(503, NULL, &b, NULL, 0, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(detail, "status 503");
	ck_assert_str_eq(err, "status 503 not in 200-399");
	ck_assert(!anycast_http_verdict(404, "200-399,500", &b, NULL, 0, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err, "status 404 not in 200-399,500");
	ck_assert(anycast_http_verdict(404, "200-399,404", &b, NULL, 0, err,
				       sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(detail, "status 404");

	/* body */
	ck_assert(anycast_http_verdict(200, NULL, &b, "ok", 2, err, sizeof(err),
				       detail, sizeof(detail)));
	ck_assert(anycast_http_verdict(200, NULL, &b, "service ok", 10, err,
				       sizeof(err), detail, sizeof(detail)));
	ck_assert(!anycast_http_verdict(200, NULL, &b, "healthy", 7, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err, "body does not contain \"healthy\"");
	ck_assert_str_eq(detail, "status 200");
	/* shown escaped, as configured */
	ck_assert(!anycast_http_verdict(200, NULL, &b, "all ok\r\n", 8, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err, "body does not contain \"all\\x20ok\\r\\n\"");
	/* the status is checked first */
	ck_assert(!anycast_http_verdict(500, NULL, &b, "ok", 2, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err, "status 500 not in 200-399");
	/* no body at all (e.g. HEAD) */
	ck_assert(!anycast_http_verdict(200, NULL, NULL, "ok", 2, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err, "body does not contain \"ok\"");
}
END_TEST

START_TEST(test_verdict_truncated)
{
	char buf[8 + 1], err[128], detail[64];
	struct anycast_http_body b;

	anycast_http_body_init(&b, buf, 8);
	anycast_http_body_append(&b, "HUGE....ok", 10);
	ck_assert(b.truncated);
	/* found in what was kept */
	ck_assert(anycast_http_verdict(200, NULL, &b, "HUGE", 4, err,
				       sizeof(err), detail, sizeof(detail)));
	/* beyond the cap: not seen, and the message says so */
	ck_assert(!anycast_http_verdict(200, NULL, &b, "ok", 2, err,
					sizeof(err), detail, sizeof(detail)));
	ck_assert_str_eq(err,
			 "body does not contain \"ok\" (in the first 8 bytes)");
}
END_TEST

START_TEST(test_verdict_small_buffers)
{
	char buf[8 + 1], err[16], detail[8];
	struct anycast_http_body b = body_of(buf, 8, "x");

	/* truncated messages, always terminated */
	ck_assert(!anycast_http_verdict(503, "200-299,300-399", &b, NULL, 0,
					err, sizeof(err), detail,
					sizeof(detail)));
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
	ck_assert_uint_eq(strlen(detail), sizeof(detail) - 1);
}
END_TEST

static const char *redact(const char *url, size_t len)
{
	static char buf[600];

	ck_assert_uint_le(len, sizeof(buf));
	memset(buf, 'X', sizeof(buf));
	anycast_http_url_redact(url, buf, len);
	return buf;
}

START_TEST(test_url_redact)
{
	/* the password goes, the user and the rest stay */
	ck_assert_str_eq(redact("http://u:s3cret@192.0.2.1/x", 600),
			 "http://u:****@192.0.2.1/x");
	ck_assert_str_eq(redact("https://u:p@w@[2001:db8::1]:8443/?a=b@c", 600),
			 "https://u:****@[2001:db8::1]:8443/?a=b@c");
	ck_assert_str_eq(redact("http://:only-pass@h", 600), "http://:****@h");
	/* nothing to hide */
	ck_assert_str_eq(redact("http://user@h/p", 600), "http://user@h/p");
	ck_assert_str_eq(redact("http://h:8080/a:b@c", 600),
			 "http://h:8080/a:b@c");
	ck_assert_str_eq(redact("http://h/p?x=1#u:p@q", 600),
			 "http://h/p?x=1#u:p@q");
	ck_assert_str_eq(redact("no scheme u:p@h", 600), "no scheme u:p@h");
	ck_assert_str_eq(redact("", 600), "");
	/* truncation never lets the secret through and always terminates */
	ck_assert_str_eq(redact("http://u:s3cret@h/", 12), "http://u:**");
	ck_assert_str_eq(redact("http://u:s3cret@h/", 1), "");
}
END_TEST

START_TEST(test_user_agent)
{
	const char *ua = anycast_http_user_agent();

	ck_assert_msg(strncmp(ua, "anycastd/", 9) == 0 && ua[9], "%s", ua);
	ck_assert(!strchr(ua, ' '));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("http_check");
	TCase *tc = tcase_create("http_check");

	tcase_add_test(tc, test_status_valid);
	tcase_add_test(tc, test_status_rejects);
	tcase_add_test(tc, test_status_match);
	tcase_add_test(tc, test_host_valid);
	tcase_add_test(tc, test_contains);
	tcase_add_test(tc, test_body_bounded);
	tcase_add_test(tc, test_body_huge);
	tcase_add_test(tc, test_verdict);
	tcase_add_test(tc, test_verdict_truncated);
	tcase_add_test(tc, test_verdict_small_buffers);
	tcase_add_test(tc, test_user_agent);
	tcase_add_test(tc, test_url_redact);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
