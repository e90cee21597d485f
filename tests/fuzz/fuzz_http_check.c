// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the HTTP probe's response handling
 * (anycast_http_check.c).  The input chooses the status code, the
 * configured expectations (status list, body string), the body buffer's
 * size and how the body arrives (chunks of fuzzer-chosen sizes, as libcurl
 * hands them over); the verdict is checked against a plain reference.
 */
#include <ctype.h>

#include "anycast_http_check.h"
#include "fuzz_input.h"

static const size_t caps[] = {0, 1, 7, 64, 1000, ANYCAST_HTTP_BODY_MAX};

static bool ref_host_valid(const char *h, size_t len)
{
	if (len == 0 || len > 255 || h[0] == '-' || h[0] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)h[i]) && !strchr("-_.", h[i]))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct anycast_http_body body;
	char list[160], err[160], detail[32], verr[256];
	const char *expect;
	size_t expect_len, cap, offered = 0;
	long status;
	uint8_t flags;
	char *buf = NULL;
	bool ok, match, valid;
	const char *used;

	fuzz_in_init(&in, data, size);
	status = (long)(fuzz_u16(&in) % 1000) - (fuzz_u8(&in) == 0xff ? 1 : 0);
	flags = fuzz_u8(&in);
	cap = caps[(flags & 0x7f) % (sizeof(caps) / sizeof(caps[0]))];
	fuzz_str(&in, list, sizeof(list));
	expect = fuzz_field(&in, &expect_len);

	/* the status list alone */
	valid = anycast_http_status_valid(list, err, sizeof(err));
	FUZZ_CHECK_TERMINATED(err);
	match = anycast_http_status_match(list, status);
	FUZZ_CHECK(!match || valid);
	FUZZ_CHECK(!match || (status >= 100 && status <= 599));
	FUZZ_CHECK(!valid || strlen(list) <= 127);
	FUZZ_CHECK(anycast_http_host_valid(list) ==
		   ref_host_valid(list, strlen(list)));

	/* the body, as libcurl delivers it */
	if (!(flags & 0x80))
		buf = malloc(cap + 1);
	anycast_http_body_init(&body, buf, cap);
	while (in.left) {
		size_t n = fuzz_u8(&in) * 8 + 1, take;

		if (n > in.left)
			n = in.left;
		take = anycast_http_body_append(&body, in.p, n);
		FUZZ_CHECK(take <= n);
		FUZZ_CHECK(take == n || body.truncated);
		FUZZ_CHECK(body.len <= cap);
		if (buf)
			FUZZ_CHECK(memcmp(buf + body.len - take, in.p, take) ==
				   0);
		offered += n;
		in.p += n;
		in.left -= n;
		if (take < n)
			break; /* the probe stops the transfer here */
	}
	FUZZ_CHECK(body.truncated == (offered > cap));
	FUZZ_CHECK(body.len == (offered < cap ? offered : cap));
	if (buf)
		FUZZ_CHECK(buf[body.len] == '\0');

	/* the verdict against the reference */
	ok = anycast_http_verdict(status, list, &body, expect, expect_len, verr,
				  sizeof(verr), detail, sizeof(detail));
	FUZZ_CHECK_TERMINATED(verr);
	FUZZ_CHECK_TERMINATED(detail);
	used = list[0] ? list : ANYCAST_HTTP_STATUS_DEFAULT;
	{
		bool want = anycast_http_status_match(used, status);

		if (want && expect_len)
			want = buf && memmem(buf, body.len, expect,
					     expect_len) != NULL;
		FUZZ_CHECK(ok == want);
		FUZZ_CHECK(ok == (verr[0] == '\0'));
	}
	if (buf)
		FUZZ_CHECK(anycast_http_contains(buf, body.len, expect,
						 expect_len) ==
			   (expect_len == 0 ||
			    memmem(buf, body.len, expect, expect_len) != NULL));
	free(buf);
	return 0;
}
