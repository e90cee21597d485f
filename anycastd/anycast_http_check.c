// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pure part of the HTTP probe (see anycast_http_check.h).
 */
#include "anycast_config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "anycast_escape.h"
#include "anycast_http_check.h"

#define STATUS_LIST_MAX 127 /* as the YANG leaf */
#define HOST_MAX 255

static bool is_digit(char c)
{
	return isdigit((unsigned char)c);
}

/* One status code at *p: exactly three digits, 100-599. */
static bool parse_code(const char **p, long *code)
{
	const char *s = *p;

	if (!is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) ||
	    is_digit(s[3]))
		return false;
	*code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (*code < 100 || *code > 599)
		return false;
	*p = s + 3;
	return true;
}

/*
 * Walk the list: false (with err) when invalid; *match set when status is
 * in one of its items.
 */
static bool status_walk(const char *list, long status, bool *match, char *err,
			size_t errlen)
{
	const char *p = list;
	long lo, hi;

	*match = false;
	if (!list || !*list) {
		snprintf(err, errlen, "empty status list");
		return false;
	}
	if (strlen(list) > STATUS_LIST_MAX) {
		snprintf(err, errlen, "longer than %d characters",
			 STATUS_LIST_MAX);
		return false;
	}
	for (;;) {
		const char *item = p;

		if (!parse_code(&p, &lo)) {
			snprintf(err, errlen,
				 "expected a status code 100-599 at \"%s\"",
				 item);
			return false;
		}
		hi = lo;
		if (*p == '-') {
			const char *h = ++p;

			if (!parse_code(&p, &hi)) {
				snprintf(err, errlen,
					 "expected a status code 100-599 at "
					 "\"%s\"",
					 h);
				return false;
			}
			if (hi < lo) {
				snprintf(err, errlen, "empty range %ld-%ld", lo,
					 hi);
				return false;
			}
		}
		if (status >= lo && status <= hi)
			*match = true;
		if (*p == '\0')
			return true;
		if (*p != ',') {
			snprintf(err, errlen,
				 "expected ',' or '-' at \"%s\" (no blanks)",
				 p);
			return false;
		}
		p++;
	}
}

bool anycast_http_status_valid(const char *list, char *err, size_t errlen)
{
	char dummy[1];
	bool match;

	if (!errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	return status_walk(list, 0, &match, err, errlen);
}

bool anycast_http_status_match(const char *list, long status)
{
	char err[1];
	bool match;

	return status_walk(list, status, &match, err, sizeof(err)) && match;
}

bool anycast_http_host_valid(const char *host)
{
	size_t len = host ? strlen(host) : 0;

	if (len == 0 || len > HOST_MAX || host[0] == '-' || host[0] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = host[i];

		if (!isalnum(c) && c != '-' && c != '_' && c != '.')
			return false;
	}
	return true;
}

bool anycast_http_contains(const char *hay, size_t hlen, const char *needle,
			   size_t nlen)
{
	if (nlen == 0)
		return true;
	if (!hay || hlen < nlen)
		return false;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		const char *c = memchr(hay + i, needle[0], hlen - nlen + 1 - i);

		if (!c)
			return false;
		i = c - hay;
		if (memcmp(c, needle, nlen) == 0)
			return true;
	}
	return false;
}

void anycast_http_body_init(struct anycast_http_body *b, char *buf, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->buf = buf;
	b->cap = cap;
	if (buf)
		buf[0] = '\0';
}

size_t anycast_http_body_append(struct anycast_http_body *b, const void *data,
				size_t n)
{
	size_t take = b->cap - b->len;

	if (take > n)
		take = n;
	if (b->buf && take) {
		memcpy(b->buf + b->len, data, take);
		b->buf[b->len + take] = '\0';
	}
	b->len += take;
	if (take < n)
		b->truncated = true;
	return take;
}

bool anycast_http_verdict(long status, const char *expect_status,
			  const struct anycast_http_body *body,
			  const char *expect_body, size_t expect_len, char *err,
			  size_t errlen, char *detail, size_t detlen)
{
	const char *list = expect_status && *expect_status
				   ? expect_status
				   : ANYCAST_HTTP_STATUS_DEFAULT;
	char shown[128];

	if (errlen)
		err[0] = '\0';
	snprintf(detail, detlen, "status %ld", status);
	if (!anycast_http_status_match(list, status)) {
		snprintf(err, errlen, "status %ld not in %s", status, list);
		return false;
	}
	if (!expect_len)
		return true;
	if (body && anycast_http_contains(body->buf, body->buf ? body->len : 0,
					  expect_body, expect_len))
		return true;
	anycast_escape(expect_body, expect_len, shown, sizeof(shown));
	if (body && body->truncated)
		snprintf(
			err, errlen,
			"body does not contain \"%s\" (in the first %zu bytes)",
			shown, body->len);
	else
		snprintf(err, errlen, "body does not contain \"%s\"", shown);
	return false;
}

const char *anycast_http_user_agent(void)
{
	return "anycastd/" PACKAGE_VERSION;
}

void anycast_http_url_redact(const char *url, char *buf, size_t len)
{
	const char *auth = strstr(url, "://");
	const char *end, *at = NULL, *colon = NULL, *p;

	if (!auth) {
		snprintf(buf, len, "%s", url);
		return;
	}
	auth += 3;
	/* the authority ends at the path, query or fragment */
	end = auth + strcspn(auth, "/?#");
	/* userinfo: up to the last '@' of the authority */
	for (p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	if (at)
		colon = memchr(auth, ':', at - auth);
	if (!colon) {
		snprintf(buf, len, "%s", url);
		return;
	}
	snprintf(buf, len, "%.*s:****%s", (int)(colon - url), url, at);
}
