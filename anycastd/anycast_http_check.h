// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pure part of the HTTP probe: status lists ("200-399,404"), host
 * names, the bounded body buffer and the verdict on a response.  No FRR or
 * libcurl headers; unit-tested (tests/unit/test_http_check.c).
 */
#ifndef _ANYCAST_HTTP_CHECK_H
#define _ANYCAST_HTTP_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* What is kept of a response body; the rest is not read. */
#define ANYCAST_HTTP_BODY_MAX 65536

/* The status list used when none is configured (the YANG default). */
#define ANYCAST_HTTP_STATUS_DEFAULT "200-399"

/*
 * Is list a valid status list: comma-separated codes (100-599) and ranges
 * LOW-HIGH (LOW <= HIGH), no blanks, at most 127 characters?  On false, a
 * message for the user in err (when errlen > 0).
 */
extern bool anycast_http_status_valid(const char *list, char *err,
				      size_t errlen);

/* Is status in list?  An invalid list matches nothing. */
extern bool anycast_http_status_match(const char *list, long status);

/*
 * A host name for the Host header / TLS server name: 1-255 characters,
 * letters, digits, '-', '_' and '.', not starting with '-' or '.'.
 */
extern bool anycast_http_host_valid(const char *host);

/*
 * The URL to show in `show`, JSON, logs and metrics: a password in its
 * userinfo ("http://user:secret@host/") becomes "****"
 * ("http://user:****@host/"); everything else is kept.  Writes at most
 * len bytes (NUL-terminated, len > 0).
 */
extern void anycast_http_url_redact(const char *url, char *buf, size_t len);

/* Does hay (hlen bytes) contain needle (nlen bytes)?  nlen 0: true. */
extern bool anycast_http_contains(const char *hay, size_t hlen,
				  const char *needle, size_t nlen);

/*
 * A body buffer holding at most cap bytes.  buf NULL: only counts (the
 * body is not needed).  Otherwise buf has room for cap + 1 bytes and is
 * kept NUL-terminated.
 */
struct anycast_http_body {
	char *buf;
	size_t cap;
	size_t len;
	bool truncated; /* more was offered than fits */
};

extern void anycast_http_body_init(struct anycast_http_body *b, char *buf,
				   size_t cap);

/*
 * Offer n bytes; returns how many were taken (fewer than n once full, and
 * then truncated is set: the caller stops the transfer).
 */
extern size_t anycast_http_body_append(struct anycast_http_body *b,
				       const void *data, size_t n);

/*
 * The verdict on a completed response: status must be in expect_status
 * (NULL or "": the default list) and, if expect_len > 0, the body must
 * contain expect_body.  detail gets "status N"; on failure err gets a
 * human-readable reason.  True = healthy.
 */
extern bool anycast_http_verdict(long status, const char *expect_status,
				 const struct anycast_http_body *body,
				 const char *expect_body, size_t expect_len,
				 char *err, size_t errlen, char *detail,
				 size_t detlen);

/* "anycastd/VERSION" */
extern const char *anycast_http_user_agent(void);

#endif /* _ANYCAST_HTTP_CHECK_H */
