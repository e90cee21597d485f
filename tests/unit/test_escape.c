// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of probe string escapes (anycastd/anycast_escape.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_escape.h"

START_TEST(test_unescape)
{
	char out[16];
	size_t len;

	ck_assert(anycast_unescape("PING\\r\\n", out, sizeof(out), &len));
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(out, "PING\r\n", 6);
	ck_assert(anycast_unescape("a\\x00b\\\\\\t", out, sizeof(out), &len));
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(out, "a\0b\\\t", 5);
	ck_assert(anycast_unescape("", out, sizeof(out), &len));
	ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(test_unescape_rejects)
{
	char out[8];
	size_t len;

	ck_assert(!anycast_unescape("bad\\q", out, sizeof(out), &len));
	ck_assert(!anycast_unescape("trailing\\", out, sizeof(out), &len));
	ck_assert(!anycast_unescape("\\x4", out, sizeof(out), &len));
	ck_assert(!anycast_unescape("\\xzz", out, sizeof(out), &len));
	/* 8 bytes do not fit with the terminator */
	ck_assert(!anycast_unescape("12345678", out, sizeof(out), &len));
	ck_assert(anycast_unescape("1234567", out, sizeof(out), &len));
}
END_TEST

START_TEST(test_round_trip)
{
	char bytes[256], text[1100], back[256];
	size_t len;

	for (int i = 0; i < 255; i++)
		bytes[i] = (char)(i + 1);
	anycast_escape(bytes, 255, text, sizeof(text));
	/* one CLI word: no spaces or control characters */
	for (char *p = text; *p; p++)
		ck_assert(*p > ' ' && *p < 0x7f);
	ck_assert(anycast_unescape(text, back, sizeof(back), &len));
	ck_assert_uint_eq(len, 255);
	ck_assert_mem_eq(back, bytes, 255);
}
END_TEST

START_TEST(test_escape_truncates)
{
	char out[5];

	anycast_escape("\r\n\r\n", 4, out, sizeof(out));
	ck_assert_str_eq(out, "\\r\\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, test_unescape);
	tcase_add_test(tc, test_unescape_rejects);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_escape_truncates);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
