// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the DNS probe's response checks (anycastd/anycast_dns_check.c)
 * on hand-built DNS responses: rcodes, answer matching per type, and
 * malformed, truncated and garbage messages.
 */
#include <arpa/nameser.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_dns_check.h"

/* --- message building blocks ------------------------------------------ */

/* header: id 0x1234, flags, 1 question, an answers */
#define HDR(f1, f2, an) 0x12, 0x34, (f1), (f2), 0, 1, 0, (an), 0, 0, 0, 0
#define RESP 0x84    /* QR, AA, opcode QUERY, RD=0 */
#define RESP_RD 0x85 /* ... with RD */
#define RC(r) (r)    /* RA=0, rcode r */
/* the question: example.com (at offset 12), type t, class IN */
#define EXAMPLE 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0
#define Q(t) EXAMPLE, (t) >> 8, (t)&0xff, 0, 1
/* an answer record header: owner = the question name (pointer), TTL 3600 */
#define RR(t, len)                                                             \
	0xc0, 0x0c, (t) >> 8, (t)&0xff, 0, 1, 0, 0, 0x0e, 0x10, 0, (len)

static const unsigned char resp_a[] = {
	HDR(RESP, RC(0), 2),
	Q(ns_t_a),
	RR(ns_t_a, 4),
	192,
	0,
	2,
	1,
	RR(ns_t_a, 4),
	192,
	0,
	2,
	10,
};

static const unsigned char resp_a_only10[] = {
	HDR(RESP, RC(0), 1), Q(ns_t_a), RR(ns_t_a, 4), 192, 0, 2, 10,
};

static const unsigned char resp_nxdomain[] = {
	HDR(RESP, RC(ns_r_nxdomain), 0),
	Q(ns_t_a),
};

static const unsigned char resp_servfail[] = {
	HDR(RESP_RD, RC(ns_r_servfail), 0),
	Q(ns_t_a),
};

static const unsigned char resp_refused[] = {
	HDR(RESP, RC(ns_r_refused), 0),
	Q(ns_t_a),
};

static const unsigned char resp_nodata[] = {
	HDR(RESP, RC(0), 0),
	Q(ns_t_a),
};

/* two TXT records: "v=spf1 " "-all" (two strings) and "hello" */
static const unsigned char resp_txt[] = {
	HDR(RESP, RC(0), 2),
	Q(ns_t_txt),
	RR(ns_t_txt, 13),
	7,
	'v',
	'=',
	's',
	'p',
	'f',
	'1',
	' ',
	4,
	'-',
	'a',
	'l',
	'l',
	RR(ns_t_txt, 6),
	5,
	'h',
	'e',
	'l',
	'l',
	'o',
};

static const unsigned char resp_aaaa[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_aaaa),
	RR(ns_t_aaaa, 16),
	0x20,
	0x01,
	0x0d,
	0xb8,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0x01,
};

/* CNAME www.example.com (new name + pointer to example.com) */
static const unsigned char resp_cname[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_cname),
	RR(ns_t_cname, 6),
	3,
	'w',
	'w',
	'w',
	0xc0,
	0x0c,
};

/* NS ns1.example.com, ns2.example.com */
static const unsigned char resp_ns[] = {
	HDR(RESP, RC(0), 2),
	Q(ns_t_ns),
	RR(ns_t_ns, 6),
	3,
	'n',
	's',
	'1',
	0xc0,
	0x0c,
	RR(ns_t_ns, 6),
	3,
	'N',
	'S',
	'2',
	0xc0,
	0x0c,
};

/* MX 10 mail.example.com */
static const unsigned char resp_mx[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_mx),
	RR(ns_t_mx, 9),
	0,
	10,
	4,
	'm',
	'a',
	'i',
	'l',
	0xc0,
	0x0c,
};

/* SRV 0 5 5060 sip.example.com */
static const unsigned char resp_srv[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_srv),
	RR(ns_t_srv, 12),
	0,
	0,
	0,
	5,
	0x13,
	0xc4,
	3,
	's',
	'i',
	'p',
	0xc0,
	0x0c,
};

/* SOA ns1.example.com hostmaster.example.com 2024010101 7200 3600 1209600 300
 */
static const unsigned char resp_soa[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_soa),
	RR(ns_t_soa, 39),
	3,
	'n',
	's',
	'1',
	0xc0,
	0x0c,
	10,
	'h',
	'o',
	's',
	't',
	'm',
	'a',
	's',
	't',
	'e',
	'r',
	0xc0,
	0x0c,
	0x78,
	0xa3,
	0xf1,
	0x75, /* 2024010101 */
	0,
	0,
	0x1c,
	0x20,
	0,
	0,
	0x0e,
	0x10,
	0,
	0x12,
	0x75,
	0,
	0,
	0,
	1,
	0x2c,
};

/* CAA 0 issue "ca.example" */
static const unsigned char resp_caa[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_caa),
	RR(ns_t_caa, 17),
	0,
	5,
	'i',
	's',
	's',
	'u',
	'e',
	'c',
	'a',
	'.',
	'e',
	'x',
	'a',
	'm',
	'p',
	'l',
	'e',
};

/* PTR host.example.com */
static const unsigned char resp_ptr[] = {
	HDR(RESP, RC(0), 1),
	Q(ns_t_ptr),
	RR(ns_t_ptr, 7),
	4,
	'h',
	'o',
	's',
	't',
	0xc0,
	0x0c,
};

static struct anycast_dns_expect expect(uint16_t qtype, uint8_t rcode,
					const char *answer)
{
	struct anycast_dns_expect e = {
		.qname = "example.com",
		.qtype = qtype,
		.rcode = rcode,
		.answer = answer,
		.answer_len = answer ? strlen(answer) : 0,
	};
	return e;
}

static struct anycast_dns_verdict check(const unsigned char *buf, size_t len,
					uint16_t qtype, uint8_t rcode,
					const char *answer)
{
	struct anycast_dns_expect e = expect(qtype, rcode, answer);
	struct anycast_dns_verdict v;

	anycast_dns_check(buf, len, &e, &v);
	return v;
}

#define CHECK(arr, ...) check(arr, sizeof(arr), __VA_ARGS__)

/* --- tables ----------------------------------------------------------- */

START_TEST(test_names)
{
	ck_assert_str_eq(anycast_dns_type_name(ns_t_a), "A");
	ck_assert_str_eq(anycast_dns_type_name(ns_t_aaaa), "AAAA");
	ck_assert_str_eq(anycast_dns_type_name(ns_t_caa), "CAA");
	ck_assert_ptr_null(anycast_dns_type_name(ns_t_any));
	ck_assert_int_eq(anycast_dns_type_parse("txt"), ns_t_txt);
	ck_assert_int_eq(anycast_dns_type_parse("SRV"), ns_t_srv);
	ck_assert_int_eq(anycast_dns_type_parse("ANY"), -1);
	ck_assert_int_eq(anycast_dns_type_parse(""), -1);

	ck_assert_str_eq(anycast_dns_rcode_name(ns_r_noerror), "NOERROR");
	ck_assert_str_eq(anycast_dns_rcode_name(ns_r_nxdomain), "NXDOMAIN");
	ck_assert_str_eq(anycast_dns_rcode_name(ns_r_refused), "REFUSED");
	ck_assert_str_eq(anycast_dns_rcode_name(11), "RCODE11");
	ck_assert_str_eq(anycast_dns_rcode_name(99), "RCODE?");
	ck_assert_int_eq(anycast_dns_rcode_parse("servfail"), ns_r_servfail);
	ck_assert_int_eq(anycast_dns_rcode_parse("NOTIMP"), ns_r_notimpl);
	ck_assert_int_eq(anycast_dns_rcode_parse("rcode11"), -1);
	ck_assert_int_eq(anycast_dns_rcode_parse("bogus"), -1);
}
END_TEST

START_TEST(test_name_valid)
{
	char label64[80];

	ck_assert(anycast_dns_name_valid("example.com"));
	ck_assert(anycast_dns_name_valid("example.com."));
	ck_assert(anycast_dns_name_valid("."));
	ck_assert(anycast_dns_name_valid("_sip._udp.example.com"));
	ck_assert(!anycast_dns_name_valid(""));
	ck_assert(!anycast_dns_name_valid("a..example"));
	ck_assert(!anycast_dns_name_valid(".example"));
	memset(label64, 'a', 64);
	strcpy(label64 + 64, ".example");
	ck_assert(!anycast_dns_name_valid(label64));
	strcpy(label64 + 63, ".example"); /* 63 is the longest label */
	ck_assert(anycast_dns_name_valid(label64));
}
END_TEST

/* --- rcodes ----------------------------------------------------------- */

START_TEST(test_a_answer)
{
	struct anycast_dns_verdict v = CHECK(resp_a, ns_t_a, 0, NULL);

	ck_assert(v.ok);
	ck_assert(!v.malformed);
	ck_assert_uint_eq(v.rcode, 0);
	ck_assert_uint_eq(v.answers, 2);
	ck_assert_str_eq(v.detail, "rcode NOERROR, 2 answers");
	ck_assert_str_eq(v.error, "");

	v = CHECK(resp_a_only10, ns_t_a, 0, NULL);
	ck_assert(v.ok);
	ck_assert_str_eq(v.detail, "rcode NOERROR, 1 answer");

	/* NODATA is NOERROR */
	v = CHECK(resp_nodata, ns_t_a, 0, NULL);
	ck_assert(v.ok);
	ck_assert_str_eq(v.detail, "rcode NOERROR, 0 answers");

	/* the question is compared case-insensitively, trailing dot optional */
	{
		struct anycast_dns_expect e = expect(ns_t_a, 0, NULL);

		e.qname = "EXAMPLE.com.";
		anycast_dns_check(resp_a, sizeof(resp_a), &e, &v);
		ck_assert(v.ok);
	}
}
END_TEST

START_TEST(test_wrong_rcode)
{
	struct anycast_dns_verdict v = CHECK(resp_nxdomain, ns_t_a, 0, NULL);

	ck_assert(!v.ok);
	ck_assert(!v.malformed);
	ck_assert_uint_eq(v.rcode, ns_r_nxdomain);
	ck_assert_str_eq(v.detail, "rcode NXDOMAIN");
	ck_assert_str_eq(v.error, "rcode NXDOMAIN, expected NOERROR");

	/* NXDOMAIN expected: satisfied */
	v = CHECK(resp_nxdomain, ns_t_a, ns_r_nxdomain, NULL);
	ck_assert(v.ok);
	ck_assert_str_eq(v.error, "");

	/* ... and then NOERROR is a failure */
	v = CHECK(resp_a, ns_t_a, ns_r_nxdomain, NULL);
	ck_assert(!v.ok);
	ck_assert_str_eq(v.error, "rcode NOERROR, expected NXDOMAIN");
	ck_assert_str_eq(v.detail, "rcode NOERROR, 2 answers");

	v = CHECK(resp_servfail, ns_t_a, 0, NULL);
	ck_assert(!v.ok);
	ck_assert_str_eq(v.error, "rcode SERVFAIL, expected NOERROR");
	v = CHECK(resp_servfail, ns_t_a, ns_r_servfail, NULL);
	ck_assert(v.ok);

	/* REFUSED to a query without RD: a hint about 'recurse' */
	v = CHECK(resp_refused, ns_t_a, 0, NULL);
	ck_assert(!v.ok);
	ck_assert_ptr_nonnull(
		strstr(v.error, "rcode REFUSED, expected NOERROR"));
	ck_assert_ptr_nonnull(strstr(v.error, "'recurse'"));
	{
		struct anycast_dns_expect e = expect(ns_t_a, 0, NULL);

		e.rd = true;
		anycast_dns_check(resp_refused, sizeof(resp_refused), &e, &v);
		ck_assert_str_eq(v.error, "rcode REFUSED, expected NOERROR");
	}

	/* the rcode is checked before the answers */
	v = CHECK(resp_nxdomain, ns_t_a, 0, "192.0.2.1");
	ck_assert_str_eq(v.error, "rcode NXDOMAIN, expected NOERROR");
}
END_TEST

/* --- answers ---------------------------------------------------------- */

START_TEST(test_a_match)
{
	struct anycast_dns_verdict v;

	ck_assert(CHECK(resp_a, ns_t_a, 0, "192.0.2.1").ok);
	ck_assert(CHECK(resp_a, ns_t_a, 0, "192.0.2.10").ok);
	/* an address must be equal, not contained */
	v = CHECK(resp_a_only10, ns_t_a, 0, "192.0.2.1");
	ck_assert(!v.ok);
	ck_assert(!v.malformed);
	ck_assert_str_eq(
		v.error,
		"no answer contains \"192.0.2.1\" (got \"192.0.2.10\")");
	v = CHECK(resp_a, ns_t_a, 0, "192.0.2.2");
	ck_assert(!v.ok);
	ck_assert_str_eq(v.error,
			 "no answer contains \"192.0.2.2\" (2 answers, "
			 "first \"192.0.2.1\")");
	/* not an address: a substring */
	ck_assert(CHECK(resp_a_only10, ns_t_a, 0, "192.0.2.").ok);
	ck_assert(!CHECK(resp_a_only10, ns_t_a, 0, "198.51").ok);
	/* no A record at all */
	v = CHECK(resp_nodata, ns_t_a, 0, "192.0.2.1");
	ck_assert(!v.ok);
	ck_assert_str_eq(v.error,
			 "no A answer (expected one containing \"192.0.2.1\")");
}
END_TEST

START_TEST(test_aaaa_match)
{
	ck_assert(CHECK(resp_aaaa, ns_t_aaaa, 0, "2001:db8::1").ok);
	ck_assert(CHECK(resp_aaaa, ns_t_aaaa, 0, "2001:DB8:0::0:1").ok);
	ck_assert(!CHECK(resp_aaaa, ns_t_aaaa, 0, "2001:db8::").ok);
	ck_assert(!CHECK(resp_aaaa, ns_t_aaaa, 0, "2001:db8::10").ok);
	ck_assert(CHECK(resp_aaaa, ns_t_aaaa, 0, "db8").ok);
}
END_TEST

START_TEST(test_txt_match)
{
	struct anycast_dns_verdict v = CHECK(resp_txt, ns_t_txt, 0, NULL);

	ck_assert(v.ok);
	ck_assert_str_eq(v.detail, "rcode NOERROR, 2 answers");
	/* the strings of one record are joined */
	ck_assert(CHECK(resp_txt, ns_t_txt, 0, "v=spf1 -all").ok);
	ck_assert(CHECK(resp_txt, ns_t_txt, 0, "1 -a").ok);
	ck_assert(CHECK(resp_txt, ns_t_txt, 0, "hello").ok);
	ck_assert(CHECK(resp_txt, ns_t_txt, 0, "ell").ok);
	/* ... but not across records, and case counts */
	ck_assert(!CHECK(resp_txt, ns_t_txt, 0, "-allhello").ok);
	v = CHECK(resp_txt, ns_t_txt, 0, "HELLO");
	ck_assert(!v.ok);
	ck_assert(!v.malformed);
	ck_assert_str_eq(v.error, "no answer contains \"HELLO\" (2 answers, "
				  "first \"v=spf1\\x20-all\")");
	/* a TXT query answered with A records: no TXT answer */
	{
		static const unsigned char a_for_txt[] = {
			HDR(RESP, RC(0), 1),
			Q(ns_t_txt),
			RR(ns_t_a, 4),
			192,
			0,
			2,
			1,
		};

		v = CHECK(a_for_txt, ns_t_txt, 0, "192");
		ck_assert(!v.ok);
		ck_assert_str_eq(v.detail, "rcode NOERROR, 0 answers");
		ck_assert_str_eq(v.error, "no TXT answer (expected one "
					  "containing \"192\")");
	}
}
END_TEST

struct collect {
	char text[8][128];
	int n;
};

static bool collect_fn(void *arg, const char *text, size_t len)
{
	struct collect *c = arg;

	ck_assert_uint_eq(strlen(text), len);
	if (c->n < 8)
		snprintf(c->text[c->n++], sizeof(c->text[0]), "%s", text);
	return false;
}

START_TEST(test_record_text)
{
	struct collect c;

#define TEXT(arr, t, expn)                                                     \
	do {                                                                   \
		memset(&c, 0, sizeof(c));                                      \
		ck_assert_int_eq(anycast_dns_answers(arr, sizeof(arr), t,      \
						     collect_fn, &c),          \
				 expn);                                        \
	} while (0)

	TEXT(resp_a, ns_t_a, 2);
	ck_assert_str_eq(c.text[0], "192.0.2.1");
	ck_assert_str_eq(c.text[1], "192.0.2.10");
	TEXT(resp_aaaa, ns_t_aaaa, 1);
	ck_assert_str_eq(c.text[0], "2001:db8::1");
	TEXT(resp_cname, ns_t_cname, 1);
	ck_assert_str_eq(c.text[0], "www.example.com");
	TEXT(resp_ns, ns_t_ns, 2);
	ck_assert_str_eq(c.text[0], "ns1.example.com");
	ck_assert_str_eq(c.text[1], "NS2.example.com");
	TEXT(resp_mx, ns_t_mx, 1);
	ck_assert_str_eq(c.text[0], "10 mail.example.com");
	TEXT(resp_srv, ns_t_srv, 1);
	ck_assert_str_eq(c.text[0], "0 5 5060 sip.example.com");
	TEXT(resp_soa, ns_t_soa, 1);
	ck_assert_str_eq(c.text[0], "ns1.example.com hostmaster.example.com "
				    "2024010101 7200 3600 1209600 300");
	TEXT(resp_caa, ns_t_caa, 1);
	ck_assert_str_eq(c.text[0], "0 issue ca.example");
	TEXT(resp_ptr, ns_t_ptr, 1);
	ck_assert_str_eq(c.text[0], "host.example.com");
	TEXT(resp_txt, ns_t_txt, 2);
	ck_assert_str_eq(c.text[0], "v=spf1 -all");
	ck_assert_str_eq(c.text[1], "hello");
	TEXT(resp_nodata, ns_t_a, 0);
	TEXT(resp_nodata, ns_t_soa, 0);
	TEXT(resp_nodata, ns_t_txt, 0);
#undef TEXT
}
END_TEST

START_TEST(test_name_types_match)
{
	/* names: case-insensitive, trailing dot ignored */
	ck_assert(CHECK(resp_cname, ns_t_cname, 0, "WWW.example.com.").ok);
	ck_assert(!CHECK(resp_cname, ns_t_cname, 0, "web.example.com").ok);
	ck_assert(CHECK(resp_ns, ns_t_ns, 0, "ns2.example.com").ok);
	ck_assert(!CHECK(resp_ns, ns_t_ns, 0, "ns3").ok);
	ck_assert(CHECK(resp_mx, ns_t_mx, 0, "mail.example.com.").ok);
	ck_assert(CHECK(resp_mx, ns_t_mx, 0, "10 mail").ok);
	ck_assert(CHECK(resp_srv, ns_t_srv, 0, "5060 sip.example.com").ok);
	ck_assert(CHECK(resp_soa, ns_t_soa, 0, "2024010101").ok);
	ck_assert(CHECK(resp_soa, ns_t_soa, 0, "ns1.example.com").ok);
	ck_assert(!CHECK(resp_soa, ns_t_soa, 0, "2024010102").ok);
	ck_assert(CHECK(resp_caa, ns_t_caa, 0, "issue ca.example").ok);
	ck_assert(!CHECK(resp_caa, ns_t_caa, 0, "ISSUE").ok);
	ck_assert(CHECK(resp_ptr, ns_t_ptr, 0, "host.example.com").ok);
}
END_TEST

/* an expected string with a NUL byte (configured as \x00) */
START_TEST(test_binary_expect)
{
	static const unsigned char txt_nul[] = {
		HDR(RESP, RC(0), 1),
		Q(ns_t_txt),
		RR(ns_t_txt, 4),
		3,
		'a',
		0,
		'b',
	};
	struct anycast_dns_expect e = expect(ns_t_txt, 0, NULL);
	struct anycast_dns_verdict v;

	e.answer = "a\0b";
	e.answer_len = 3;
	anycast_dns_check(txt_nul, sizeof(txt_nul), &e, &v);
	ck_assert(v.ok);
	e.answer = "a\0c";
	anycast_dns_check(txt_nul, sizeof(txt_nul), &e, &v);
	ck_assert(!v.ok);
	ck_assert_ptr_nonnull(strstr(v.error, "a\\x00c"));
	/* for names (case-insensitive compare) a NUL never matches */
	e = expect(ns_t_cname, 0, NULL);
	e.answer = "www\0";
	e.answer_len = 4;
	anycast_dns_check(resp_cname, sizeof(resp_cname), &e, &v);
	ck_assert(!v.ok);
}
END_TEST

/* --- malformed responses ---------------------------------------------- */

static void assert_malformed(const unsigned char *buf, size_t len,
			     uint16_t qtype, const char *why)
{
	struct anycast_dns_expect e = expect(qtype, 0, NULL);
	struct anycast_dns_verdict v;

	anycast_dns_check(buf, len, &e, &v);
	ck_assert_msg(!v.ok, "accepted: %s", why);
	ck_assert_msg(v.malformed, "not malformed: %s (%s)", why, v.error);
	ck_assert_msg(!strncmp(v.error, "malformed response", 18), "%s: %s",
		      why, v.error);
	ck_assert_str_eq(v.detail, "");
}

START_TEST(test_malformed)
{
	static const unsigned char query_echo[] = {
		HDR(0x00, 0, 0), Q(ns_t_a), /* QR=0: our own query echoed */
	};
	static const unsigned char notify[] = {
		HDR(0x80 | (ns_o_notify << 3), 0, 0),
		Q(ns_t_a),
	};
	static const unsigned char no_question[] = {
		0x12, 0x34, RESP, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	static const unsigned char two_questions[] = {
		0x12, 0x34, RESP, 0, 0, 2,	   0,
		0,    0,    0,	  0, 0, Q(ns_t_a), Q(ns_t_a),
	};
	static const unsigned char other_name[] = {
		HDR(RESP, 0, 0),
		7,
		'e',
		'x',
		'a',
		'm',
		'p',
		'l',
		'f',
		3,
		'c',
		'o',
		'm',
		0,
		0,
		1,
		0,
		1,
	};
	static const unsigned char other_class[] = {
		HDR(RESP, 0, 0), EXAMPLE, 0, 1, 0, 3, /* CH */
	};
	static const unsigned char rdlen_past_end[] = {
		HDR(RESP, 0, 1), Q(ns_t_a), RR(ns_t_a, 8), 192, 0, 2, 1,
	};
	static const unsigned char more_answers_than_sent[] = {
		HDR(RESP, 0, 3), Q(ns_t_a), RR(ns_t_a, 4), 192, 0, 2, 1,
	};
	static const unsigned char pointer_loop[] = {
		HDR(RESP, 0, 1),
		Q(ns_t_a),
		0xc0,
		29,
		0,
		1,
		0,
		1,
		0,
		0,
		0,
		1,
		0,
		4,
		192,
		0,
		2,
		1,
	};
	static const unsigned char pointer_out[] = {
		HDR(RESP, 0, 1),
		Q(ns_t_a),
		0xc0,
		0xff,
		0,
		1,
		0,
		1,
		0,
		0,
		0,
		1,
		0,
		4,
		192,
		0,
		2,
		1,
	};
	static const unsigned char question_cut[] = {
		HDR(RESP, 0, 0), 7, 'e', 'x', 'a', 'm', 'p',
	};
	static const unsigned char garbage[] = {
		0x12, 0x34, 0x84, 0x00, 0x00, 0x01, 0xff, 0xff, 0xde, 0xad,
		0xbe, 0xef, 0x3f, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41,
	};

	assert_malformed(NULL, 0, ns_t_a, "NULL");
	assert_malformed(resp_a, 0, ns_t_a, "empty");
	assert_malformed(resp_a, 11, ns_t_a, "short header");
	assert_malformed(query_echo, sizeof(query_echo), ns_t_a, "QR=0");
	assert_malformed(notify, sizeof(notify), ns_t_a, "opcode NOTIFY");
	assert_malformed(no_question, sizeof(no_question), ns_t_a, "qd 0");
	assert_malformed(two_questions, sizeof(two_questions), ns_t_a, "qd 2");
	assert_malformed(other_name, sizeof(other_name), ns_t_a, "qname");
	assert_malformed(resp_a, sizeof(resp_a), ns_t_aaaa, "qtype");
	assert_malformed(other_class, sizeof(other_class), ns_t_a, "qclass");
	assert_malformed(rdlen_past_end, sizeof(rdlen_past_end), ns_t_a,
			 "rdlen");
	assert_malformed(more_answers_than_sent, sizeof(more_answers_than_sent),
			 ns_t_a, "ancount");
	assert_malformed(pointer_loop, sizeof(pointer_loop), ns_t_a, "loop");
	assert_malformed(pointer_out, sizeof(pointer_out), ns_t_a, "pointer");
	assert_malformed(question_cut, sizeof(question_cut), ns_t_a, "cut");
	assert_malformed(garbage, sizeof(garbage), ns_t_a, "garbage");
}
END_TEST

/*
 * Found by tests/fuzz/fuzz_dns_check: a TXT record whose second string runs
 * past its rdata passes the structural checks but is rejected by c-ares
 * once an answer is expected; the verdict is malformed like any other
 * malformed response, without an "rcode ..., 1 answer" detail.
 */
START_TEST(test_malformed_records_rejected_by_cares)
{
	static const unsigned char txt_overrun[] = {
		HDR(RESP, RC(0), 1),
		Q(ns_t_txt),
		RR(ns_t_txt, 13),
		6,
		'v',
		'=',
		's',
		'p',
		'f',
		'1',
		4,
		' ',
		'-',
		'a',
		'l',
		'l', /* a string of 108 bytes in the last byte of rdata */
	};
	struct anycast_dns_expect e = expect(ns_t_txt, 0, "v=spf1");
	struct anycast_dns_verdict v;

	anycast_dns_check(txt_overrun, sizeof(txt_overrun), &e, &v);
	ck_assert(!v.ok);
	ck_assert(v.malformed);
	ck_assert_msg(strstr(v.error, "rejected by c-ares"), "%s", v.error);
	ck_assert_str_eq(v.detail, "");
}
END_TEST

/* every strict prefix of a valid response is rejected */
START_TEST(test_truncated)
{
	static const unsigned char *const msgs[] = {
		resp_a, resp_txt, resp_soa, resp_mx, resp_caa, resp_cname,
	};
	static const size_t lens[] = {
		sizeof(resp_a),	 sizeof(resp_txt), sizeof(resp_soa),
		sizeof(resp_mx), sizeof(resp_caa), sizeof(resp_cname),
	};
	static const uint16_t types[] = {
		ns_t_a, ns_t_txt, ns_t_soa, ns_t_mx, ns_t_caa, ns_t_cname,
	};

	for (size_t m = 0; m < sizeof(msgs) / sizeof(msgs[0]); m++) {
		for (size_t len = 0; len < lens[m]; len++) {
			/* a copy of exactly len bytes, so ASan sees overruns */
			unsigned char *buf = malloc(len ? len : 1);
			struct anycast_dns_expect e = expect(types[m], 0, "x");
			struct anycast_dns_verdict v;

			memcpy(buf, msgs[m], len);
			anycast_dns_check(buf, len, &e, &v);
			ck_assert_msg(!v.ok && v.malformed,
				      "message %zu cut at %zu accepted: %s", m,
				      len, v.error);
			free(buf);
		}
	}
}
END_TEST

/* random bytes and random corruptions: no crash, never a match */
START_TEST(test_garbage_fuzz)
{
	unsigned int seed = 42;

	for (int i = 0; i < 20000; i++) {
		size_t len = (size_t)(rand_r(&seed) % 300);
		unsigned char *buf = malloc(len ? len : 1);
		struct anycast_dns_expect e = expect(
			ns_t_a + (i % 2) * (ns_t_txt - ns_t_a), 0, "192.0.2.1");
		struct anycast_dns_verdict v;

		for (size_t j = 0; j < len; j++)
			buf[j] = (unsigned char)rand_r(&seed);
		anycast_dns_check(buf, len, &e, &v);
		ck_assert(!v.ok);
		free(buf);
	}
	/* flip bytes of valid responses: must not crash (any verdict) */
	for (int i = 0; i < 20000; i++) {
		const unsigned char *src = i % 2 ? resp_txt : resp_soa;
		size_t len = i % 2 ? sizeof(resp_txt) : sizeof(resp_soa);
		unsigned char *buf = malloc(len);
		struct anycast_dns_expect e =
			expect(i % 2 ? ns_t_txt : ns_t_soa, 0, "zz");
		struct anycast_dns_verdict v;

		memcpy(buf, src, len);
		for (int k = 0; k < 3; k++)
			buf[12 + rand_r(&seed) % (len - 12)] =
				(unsigned char)rand_r(&seed);
		anycast_dns_check(buf, len, &e, &v);
		free(buf);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dns_check");
	TCase *tc = tcase_create("dns_check");

	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_name_valid);
	tcase_add_test(tc, test_a_answer);
	tcase_add_test(tc, test_wrong_rcode);
	tcase_add_test(tc, test_a_match);
	tcase_add_test(tc, test_aaaa_match);
	tcase_add_test(tc, test_txt_match);
	tcase_add_test(tc, test_record_text);
	tcase_add_test(tc, test_name_types_match);
	tcase_add_test(tc, test_binary_expect);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_malformed_records_rejected_by_cares);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_garbage_fuzz);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
