// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the icmp probe's pure logic (anycastd/anycast_icmp_pkt.c):
 * the Internet checksum, echo request building, reply parsing (truncated,
 * garbage, foreign identifiers/cookies/sequences) and the loss verdict.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_icmp_pkt.h"

#define IDENT 0x1234
#define COOKIE 0xdeadbeefu
#define STAMP 0x0102030405060708ull

/* ----------------------------------------------------------------------
 * checksum
 */

START_TEST(test_checksum_vectors)
{
	/* RFC 1071 section 3: the sum of these words is 0xddf2 */
	const uint8_t rfc[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
	/* echo request, id 0x1234 seq 1, no data, checksum field 0 */
	const uint8_t echo[] = {0x08, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x01};
	/* the same with its checksum filled in sums to zero */
	const uint8_t echo_ok[] = {0x08, 0x00, 0xe5, 0xca,
				   0x12, 0x34, 0x00, 0x01};
	/* odd length: the last byte is padded with zero */
	const uint8_t odd[] = {0xab};
	const uint8_t odd3[] = {0x00, 0x01, 0xf2};
	const uint8_t ones[] = {0xff, 0xff, 0xff, 0xff};
	const uint8_t carry[] = {0xff, 0xff, 0x00, 0x01}; /* end-around carry */

	ck_assert_uint_eq(anycast_icmp_checksum(rfc, sizeof(rfc)), 0x220d);
	ck_assert_uint_eq(anycast_icmp_checksum(echo, sizeof(echo)), 0xe5ca);
	ck_assert_uint_eq(anycast_icmp_checksum(echo_ok, sizeof(echo_ok)), 0);
	ck_assert_uint_eq(anycast_icmp_checksum(odd, sizeof(odd)), 0x54ff);
	ck_assert_uint_eq(anycast_icmp_checksum(odd3, sizeof(odd3)), 0x0dfe);
	ck_assert_uint_eq(anycast_icmp_checksum(ones, sizeof(ones)), 0x0000);
	ck_assert_uint_eq(anycast_icmp_checksum(carry, sizeof(carry)), 0xfffe);
	ck_assert_uint_eq(anycast_icmp_checksum(NULL, 0), 0xffff);
}
END_TEST

START_TEST(test_checksum_long)
{
	/* 64 KiB of 0xff: many carries; the sum stays 0xffff -> 0 */
	size_t n = 65536;
	uint8_t *buf = malloc(n);

	ck_assert_ptr_nonnull(buf);
	memset(buf, 0xff, n);
	ck_assert_uint_eq(anycast_icmp_checksum(buf, n), 0);
	/* 0x0001 words: sum 32768 = 0x8000 -> 0x7fff */
	for (size_t i = 0; i < n; i += 2) {
		buf[i] = 0;
		buf[i + 1] = 1;
	}
	ck_assert_uint_eq(anycast_icmp_checksum(buf, n), 0x7fff);
	free(buf);
}
END_TEST

/* ----------------------------------------------------------------------
 * building
 */

static const struct anycast_icmp_echo echo_req = {
	.ident = IDENT, .seq = 3, .cookie = COOKIE, .stamp_us = STAMP};

START_TEST(test_build_v4)
{
	uint8_t buf[64];
	const uint8_t want[ANYCAST_ICMP_ECHO_LEN] = {
		0x08, 0x00, 0x00, 0x00,
		0x12, 0x34, 0x00, 0x03, /* header */
		0xde, 0xad, 0xbe, 0xef,
		0x41, 0x43, 0x59, 0x44, /* cookie magic */
		0x01, 0x02, 0x03, 0x04,
		0x05, 0x06, 0x07, 0x08, /* stamp */
	};

	ck_assert_uint_eq(
		anycast_icmp_echo_build(false, &echo_req, buf, sizeof(buf)),
		ANYCAST_ICMP_ECHO_LEN);
	/* checksum first, then the rest byte for byte */
	ck_assert_uint_eq(anycast_icmp_checksum(buf, ANYCAST_ICMP_ECHO_LEN), 0);
	ck_assert_uint_eq((buf[2] << 8 | buf[3]),
			  anycast_icmp_checksum(want, sizeof(want)));
	buf[2] = buf[3] = 0;
	ck_assert_mem_eq(buf, want, sizeof(want));
}
END_TEST

START_TEST(test_build_v6)
{
	uint8_t buf[ANYCAST_ICMP_ECHO_LEN];

	ck_assert_uint_eq(
		anycast_icmp_echo_build(true, &echo_req, buf, sizeof(buf)),
		ANYCAST_ICMP_ECHO_LEN);
	ck_assert_uint_eq(buf[0], ANYCAST_ICMP6_ECHO_REQUEST);
	ck_assert_uint_eq(buf[1], 0);
	/* the kernel computes ICMPv6 checksums */
	ck_assert_uint_eq(buf[2], 0);
	ck_assert_uint_eq(buf[3], 0);
	ck_assert_uint_eq(buf[7], 3);
}
END_TEST

START_TEST(test_build_short_buffer)
{
	uint8_t buf[ANYCAST_ICMP_ECHO_LEN - 1];

	ck_assert_uint_eq(
		anycast_icmp_echo_build(false, &echo_req, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(anycast_icmp_echo_build(false, &echo_req, NULL, 100),
			  0);
}
END_TEST

/* ----------------------------------------------------------------------
 * parsing
 */

/* A reply as a peer would send it: the request with type and checksum
 * changed. */
static size_t make_reply(bool v6, const struct anycast_icmp_echo *e,
			 uint8_t *buf)
{
	size_t len = anycast_icmp_echo_build(v6, e, buf, ANYCAST_ICMP_ECHO_LEN);

	buf[0] = v6 ? ANYCAST_ICMP6_ECHO_REPLY : ANYCAST_ICMP_ECHO_REPLY;
	buf[2] = buf[3] = 0;
	if (!v6) {
		uint16_t c = anycast_icmp_checksum(buf, len);

		buf[2] = c >> 8;
		buf[3] = c & 0xff;
	}
	return len;
}

static void fix_csum(uint8_t *icmp, size_t len)
{
	uint16_t c;

	icmp[2] = icmp[3] = 0;
	c = anycast_icmp_checksum(icmp, len);
	icmp[2] = c >> 8;
	icmp[3] = c & 0xff;
}

/* IPv4 header (20 bytes, or more with options) + reply */
static size_t make_ip_reply(const struct anycast_icmp_echo *e, uint8_t *buf,
			    unsigned int ihl_words)
{
	size_t ihl = ihl_words * 4;
	size_t len = make_reply(false, e, buf + ihl);
	size_t total = ihl + len;

	memset(buf, 0, ihl);
	buf[0] = 0x40 | ihl_words;
	buf[2] = total >> 8;
	buf[3] = total & 0xff;
	buf[8] = 64; /* ttl */
	buf[9] = 1;  /* ICMP */
	return total;
}

static enum anycast_icmp_parse parse(bool v6, bool iph, const uint8_t *p,
				     size_t len, struct anycast_icmp_echo *out)
{
	return anycast_icmp_reply_parse(v6, iph, p, len, IDENT, COOKIE, 5, out);
}

START_TEST(test_parse_ok)
{
	uint8_t buf[128];
	struct anycast_icmp_echo got;
	size_t len;

	for (int v6 = 0; v6 <= 1; v6++) {
		memset(&got, 0, sizeof(got));
		len = make_reply(v6, &echo_req, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, &got),
				 ANYCAST_ICMP_PARSE_OK);
		ck_assert_uint_eq(got.ident, IDENT);
		ck_assert_uint_eq(got.seq, 3);
		ck_assert_uint_eq(got.cookie, COOKIE);
		ck_assert(got.stamp_us == STAMP);
		/* extra data after our payload is fine (checksum covers it) */
		buf[len] = 0x55;
		buf[len + 1] = 0xaa;
		if (!v6)
			fix_csum(buf, len + 2);
		ck_assert_int_eq(parse(v6, false, buf, len + 2, NULL),
				 ANYCAST_ICMP_PARSE_OK);
	}
	/* with an IPv4 header, with and without options */
	len = make_ip_reply(&echo_req, buf, 5);
	ck_assert_int_eq(parse(false, true, buf, len, &got),
			 ANYCAST_ICMP_PARSE_OK);
	ck_assert_uint_eq(got.seq, 3);
	len = make_ip_reply(&echo_req, buf, 15);
	ck_assert_int_eq(parse(false, true, buf, len, &got),
			 ANYCAST_ICMP_PARSE_OK);
	/* trailing bytes beyond the IP total length are ignored */
	memset(buf + len, 0xee, 10);
	ck_assert_int_eq(parse(false, true, buf, len + 10, &got),
			 ANYCAST_ICMP_PARSE_OK);
	/* IPv6 sockets never deliver a header: ip_header is ignored */
	len = make_reply(true, &echo_req, buf);
	ck_assert_int_eq(parse(true, true, buf, len, NULL),
			 ANYCAST_ICMP_PARSE_OK);
}
END_TEST

START_TEST(test_parse_truncated)
{
	uint8_t buf[128];
	size_t len;

	for (int v6 = 0; v6 <= 1; v6++) {
		len = make_reply(v6, &echo_req, buf);
		for (size_t l = 0; l < len; l++)
			ck_assert_int_ne(parse(v6, false, buf, l, NULL),
					 ANYCAST_ICMP_PARSE_OK);
		/* a header-only reply with our identifier: too short */
		if (v6) {
			ck_assert_int_eq(parse(v6, false, buf, 8, NULL),
					 ANYCAST_ICMP_PARSE_SHORT);
			ck_assert_int_eq(parse(v6, false, buf, 23, NULL),
					 ANYCAST_ICMP_PARSE_SHORT);
		}
		ck_assert_int_eq(parse(v6, false, buf, 7, NULL),
				 ANYCAST_ICMP_PARSE_SHORT);
	}
	/* IPv4 checksum fixed up over the truncated length: still short */
	len = make_reply(false, &echo_req, buf);
	fix_csum(buf, 16);
	ck_assert_int_eq(parse(false, false, buf, 16, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);

	/* with the IPv4 header: every cut is rejected */
	len = make_ip_reply(&echo_req, buf, 5);
	for (size_t l = 0; l < len; l++)
		ck_assert_int_ne(parse(false, true, buf, l, NULL),
				 ANYCAST_ICMP_PARSE_OK);
	ck_assert_int_eq(parse(false, true, buf, 19, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
	ck_assert_int_eq(parse(false, true, buf, len - 1, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
	ck_assert_int_eq(parse(false, false, NULL, 0, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
}
END_TEST

START_TEST(test_parse_bad_ip_header)
{
	uint8_t buf[128];
	size_t len = make_ip_reply(&echo_req, buf, 5);
	uint8_t tmp[128];

	memcpy(tmp, buf, len);
	tmp[0] = 0x65; /* version 6 */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_IP);
	memcpy(tmp, buf, len);
	tmp[0] = 0x44; /* ihl 16 bytes */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_IP);
	memcpy(tmp, buf, len);
	tmp[9] = 6; /* TCP */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_IP);
	memcpy(tmp, buf, len);
	tmp[2] = 0;
	tmp[3] = 10; /* total length below the header length */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_IP);
	memcpy(tmp, buf, len);
	tmp[2] = 0xff; /* total length beyond what was received */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
	memcpy(tmp, buf, len);
	tmp[0] = 0x4f; /* ihl 60 bytes > the total length (44) */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_IP);
	tmp[2] = 0;
	tmp[3] = 64; /* ... and the total length too: beyond what arrived */
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
	memcpy(tmp, buf, len);
	tmp[3] = 20 + 7; /* total length cuts the ICMP header */
	tmp[2] = 0;
	ck_assert_int_eq(parse(false, true, tmp, len, NULL),
			 ANYCAST_ICMP_PARSE_SHORT);
}
END_TEST

START_TEST(test_parse_mismatch)
{
	uint8_t buf[64];
	struct anycast_icmp_echo e;
	size_t len;

	for (int v6 = 0; v6 <= 1; v6++) {
		/* someone else's ping */
		e = echo_req;
		e.ident = IDENT + 1;
		len = make_reply(v6, &e, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_OTHER_ID);
		/* our identifier, an earlier run's cookie */
		e = echo_req;
		e.cookie = COOKIE ^ 1;
		len = make_reply(v6, &e, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_FOREIGN);
		/* magic damaged */
		len = make_reply(v6, &echo_req, buf);
		buf[12] ^= 0x80;
		if (!v6)
			fix_csum(buf, len);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_FOREIGN);
		/* sequence outside 1..max_seq (5) */
		e = echo_req;
		e.seq = 0;
		len = make_reply(v6, &e, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_BAD_SEQ);
		e.seq = 6;
		len = make_reply(v6, &e, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_BAD_SEQ);
		e.seq = 5;
		len = make_reply(v6, &e, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_OK);
		/* our own request looped back, and the other family's reply */
		len = anycast_icmp_echo_build(v6, &echo_req, buf, sizeof(buf));
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_NOT_REPLY);
		len = make_reply(!v6, &echo_req, buf);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_NOT_REPLY);
		/* a reply with a non-zero code */
		len = make_reply(v6, &echo_req, buf);
		buf[1] = 1;
		if (!v6)
			fix_csum(buf, len);
		ck_assert_int_eq(parse(v6, false, buf, len, NULL),
				 ANYCAST_ICMP_PARSE_NOT_REPLY);
	}
	/* an ICMP error (destination unreachable) quoting our echo */
	len = make_reply(false, &echo_req, buf);
	buf[0] = 3;
	fix_csum(buf, len);
	ck_assert_int_eq(parse(false, false, buf, len, NULL),
			 ANYCAST_ICMP_PARSE_NOT_REPLY);
}
END_TEST

START_TEST(test_parse_bad_checksum)
{
	uint8_t buf[64];
	size_t len = make_reply(false, &echo_req, buf);

	buf[20] ^= 0x01; /* a timestamp bit flipped in transit */
	ck_assert_int_eq(parse(false, false, buf, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_CSUM);
	buf[20] ^= 0x01;
	buf[3] ^= 0x01;
	ck_assert_int_eq(parse(false, false, buf, len, NULL),
			 ANYCAST_ICMP_PARSE_BAD_CSUM);
	/* IPv6: not checked here (the kernel did, with the pseudo-header) */
	len = make_reply(true, &echo_req, buf);
	buf[3] = 0x42;
	ck_assert_int_eq(parse(true, false, buf, len, NULL),
			 ANYCAST_ICMP_PARSE_OK);
}
END_TEST

START_TEST(test_parse_garbage)
{
	uint8_t buf[256];
	struct anycast_icmp_echo got;
	unsigned int seed = 12345;

	/* random bytes of random lengths: never accepted, never a crash
	 * (run under ASan/valgrind to catch out-of-bounds reads) */
	for (int i = 0; i < 200000; i++) {
		size_t len = rand_r(&seed) % sizeof(buf);
		bool v6 = i & 1, iph = i & 2;
		uint8_t *p;

		for (size_t j = 0; j < len; j++)
			buf[j] = rand_r(&seed);
		/* a copy of exactly len bytes on the heap: ASan sees overruns
		 */
		p = malloc(len ? len : 1);
		ck_assert_ptr_nonnull(p);
		memcpy(p, buf, len);
		ck_assert_int_ne(parse(v6, iph, p, len, &got),
				 ANYCAST_ICMP_PARSE_OK);
		free(p);
	}
	for (enum anycast_icmp_parse r = ANYCAST_ICMP_PARSE_OK;
	     r <= ANYCAST_ICMP_PARSE_BAD_SEQ; r++)
		ck_assert_str_ne(anycast_icmp_parse_str(r), "?");
}
END_TEST

/* ----------------------------------------------------------------------
 * loss decision
 */

START_TEST(test_max_lost_table)
{
	static const struct {
		unsigned int count, loss, max_lost;
	} table[] = {
		{1, 0, 0},     {1, 50, 0},     {1, 100, 0}, {2, 49, 0},
		{2, 50, 1},    {2, 100, 1},    {3, 0, 0},   {3, 33, 0},
		{3, 34, 1},    {3, 66, 1},     {3, 67, 2},  {3, 100, 2},
		{5, 39, 1},    {5, 40, 2},     {5, 59, 2},  {5, 60, 3},
		{10, 9, 0},    {10, 10, 1},    {100, 0, 0}, {100, 1, 1},
		{100, 99, 99}, {100, 100, 99}, {4, 200, 3}, {0, 50, 0},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		ck_assert_msg(
			anycast_icmp_max_lost(table[i].count, table[i].loss) ==
				table[i].max_lost,
			"count %u loss %u: max_lost %u, want %u",
			table[i].count, table[i].loss,
			anycast_icmp_max_lost(table[i].count, table[i].loss),
			table[i].max_lost);
}
END_TEST

/* Send all count echoes at time 1000 + seq. */
static void send_all(struct anycast_icmp_tally *t)
{
	uint16_t seq;

	while ((seq = anycast_icmp_tally_next(t)) != 0)
		anycast_icmp_tally_sent(t, seq, 1000 + seq);
}

static bool reply(struct anycast_icmp_tally *t, uint16_t seq)
{
	return anycast_icmp_tally_reply(t, seq, 1000 + seq, 1000 + seq + 120);
}

START_TEST(test_verdict_table)
{
	/* final verdict for every number of replies: success iff
	 * received >= 1 and (count - received) * 100 <= loss * count */
	static const struct {
		unsigned int count, loss, received;
		enum anycast_icmp_verdict v;
	} table[] = {
		{1, 0, 0, ANYCAST_ICMP_FAILURE},
		{1, 0, 1, ANYCAST_ICMP_SUCCESS},
		{1, 100, 0, ANYCAST_ICMP_FAILURE}, /* no reply: never ok */
		{3, 0, 2, ANYCAST_ICMP_FAILURE},
		{3, 0, 3, ANYCAST_ICMP_SUCCESS},
		{3, 33, 2, ANYCAST_ICMP_FAILURE}, /* 33.3% lost > 33% */
		{3, 34, 2, ANYCAST_ICMP_SUCCESS},
		{3, 66, 1, ANYCAST_ICMP_FAILURE}, /* 66.7% > 66% */
		{3, 67, 1, ANYCAST_ICMP_SUCCESS},
		{3, 100, 0, ANYCAST_ICMP_FAILURE},
		{3, 100, 1, ANYCAST_ICMP_SUCCESS},
		{5, 40, 2, ANYCAST_ICMP_FAILURE},
		{5, 40, 3, ANYCAST_ICMP_SUCCESS},
		{5, 20, 3, ANYCAST_ICMP_FAILURE},
		{5, 20, 4, ANYCAST_ICMP_SUCCESS},
		{100, 1, 98, ANYCAST_ICMP_FAILURE},
		{100, 1, 99, ANYCAST_ICMP_SUCCESS},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct anycast_icmp_tally t;

		anycast_icmp_tally_init(&t, table[i].count, table[i].loss);
		send_all(&t);
		for (unsigned int s = 1; s <= table[i].received; s++)
			ck_assert(reply(&t, s));
		ck_assert_msg(anycast_icmp_tally_verdict(&t, true) ==
				      table[i].v,
			      "row %zu: count %u loss %u received %u", i,
			      table[i].count, table[i].loss, table[i].received);
	}
}
END_TEST

START_TEST(test_verdict_early)
{
	struct anycast_icmp_tally t;

	/* count 3 loss 0: success only with the third reply */
	anycast_icmp_tally_init(&t, 3, 0);
	send_all(&t);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_UNDECIDED);
	ck_assert(reply(&t, 2));
	ck_assert(reply(&t, 1));
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_UNDECIDED);
	ck_assert(reply(&t, 3));
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_SUCCESS);

	/* count 3 loss 0: one failed send decides at once */
	anycast_icmp_tally_init(&t, 3, 0);
	anycast_icmp_tally_lost(&t, anycast_icmp_tally_next(&t));
	ck_assert_uint_eq(t.sent, 1);
	ck_assert_uint_eq(anycast_icmp_tally_next(&t), 2);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_FAILURE);

	/* count 5 loss 40: two losses tolerated, the third decides */
	anycast_icmp_tally_init(&t, 5, 40);
	anycast_icmp_tally_lost(&t, 1);
	anycast_icmp_tally_lost(&t, 2);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_UNDECIDED);
	anycast_icmp_tally_lost(&t, 3);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_FAILURE);

	/* count 5 loss 40: three replies decide before the last sends */
	anycast_icmp_tally_init(&t, 5, 40);
	for (uint16_t s = 1; s <= 3; s++) {
		ck_assert_uint_eq(anycast_icmp_tally_next(&t), s);
		anycast_icmp_tally_sent(&t, s, 1000 + s);
		ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
				 ANYCAST_ICMP_UNDECIDED);
		ck_assert(reply(&t, s));
	}
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_SUCCESS);

	/* loss 100: the first reply is enough */
	anycast_icmp_tally_init(&t, 4, 100);
	send_all(&t);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_UNDECIDED);
	ck_assert(reply(&t, 4));
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_SUCCESS);

	/* ... but all sends failing is a failure */
	anycast_icmp_tally_init(&t, 4, 100);
	for (uint16_t s = 1; s <= 3; s++)
		anycast_icmp_tally_lost(&t, s);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_UNDECIDED);
	anycast_icmp_tally_lost(&t, 4);
	ck_assert_int_eq(anycast_icmp_tally_verdict(&t, false),
			 ANYCAST_ICMP_FAILURE);
}
END_TEST

START_TEST(test_tally_reply_rules)
{
	struct anycast_icmp_tally t;

	anycast_icmp_tally_init(&t, 3, 0);
	/* nothing sent yet */
	ck_assert(!anycast_icmp_tally_reply(&t, 1, 1001, 2000));
	anycast_icmp_tally_sent(&t, 1, 1001);
	anycast_icmp_tally_sent(&t, 1, 5000); /* twice: ignored */
	ck_assert_uint_eq(t.sent, 1);
	/* out of range */
	ck_assert(!anycast_icmp_tally_reply(&t, 0, 1001, 2000));
	ck_assert(!anycast_icmp_tally_reply(&t, 4, 1001, 2000));
	ck_assert(!anycast_icmp_tally_reply(&t, 65535, 1001, 2000));
	/* timestamp other than the one sent */
	ck_assert(!anycast_icmp_tally_reply(&t, 1, 1002, 2000));
	ck_assert_uint_eq(t.received, 0);
	ck_assert(anycast_icmp_tally_reply(&t, 1, 1001, 1501));
	/* duplicate */
	ck_assert(!anycast_icmp_tally_reply(&t, 1, 1001, 1600));
	ck_assert_uint_eq(t.received, 1);
	ck_assert(t.rtt_sum_us == 500);
	/* a lost echo stays lost; a replied one cannot be lost */
	anycast_icmp_tally_sent(&t, 2, 1100);
	anycast_icmp_tally_lost(&t, 2);
	ck_assert(!anycast_icmp_tally_reply(&t, 2, 1100, 1200));
	anycast_icmp_tally_lost(&t, 1);
	anycast_icmp_tally_lost(&t, 2);
	anycast_icmp_tally_lost(&t, 9);
	ck_assert_uint_eq(t.lost, 1);
	ck_assert_uint_eq(t.received, 1);
	ck_assert_uint_eq(t.sent, 2);
	/* a clock going backwards gives rtt 0, not a huge number */
	anycast_icmp_tally_sent(&t, 3, 9000);
	ck_assert(anycast_icmp_tally_reply(&t, 3, 9000, 8000));
	ck_assert(t.rtt_sum_us == 500);
	ck_assert_uint_eq(anycast_icmp_tally_next(&t), 0);
}
END_TEST

START_TEST(test_init_clamps)
{
	struct anycast_icmp_tally t;

	anycast_icmp_tally_init(&t, 0, 250);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_uint_eq(t.loss, 100);
	anycast_icmp_tally_init(&t, 1000, 5);
	ck_assert_uint_eq(t.count, ANYCAST_ICMP_MAX_COUNT);
	send_all(&t);
	ck_assert_uint_eq(t.sent, ANYCAST_ICMP_MAX_COUNT);
}
END_TEST

START_TEST(test_detail)
{
	struct anycast_icmp_tally t;
	char buf[64];

	anycast_icmp_tally_init(&t, 3, 0);
	send_all(&t);
	for (uint16_t s = 1; s <= 3; s++)
		ck_assert(reply(&t, s)); /* 120 us each */
	anycast_icmp_tally_detail(&t, true, buf, sizeof(buf));
	ck_assert_str_eq(buf, "3/3 replies, rtt avg 0.12 ms");
	ck_assert_uint_eq(anycast_icmp_tally_loss_pct(&t), 0);

	anycast_icmp_tally_init(&t, 3, 0);
	send_all(&t);
	ck_assert(anycast_icmp_tally_reply(&t, 2, 1002, 1002 + 1234567));
	anycast_icmp_tally_detail(&t, false, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1/3 replies, loss 66%");
	anycast_icmp_tally_detail(&t, true, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1/3 replies, rtt avg 1234.56 ms");

	/* nothing sent (first send failed is still "sent") */
	anycast_icmp_tally_init(&t, 2, 0);
	anycast_icmp_tally_detail(&t, false, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0/0 replies, loss 0%");
	anycast_icmp_tally_lost(&t, 1);
	anycast_icmp_tally_detail(&t, false, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0/1 replies, loss 100%");
	/* a short buffer is truncated, NUL-terminated */
	anycast_icmp_tally_detail(&t, false, buf, 5);
	ck_assert_str_eq(buf, "0/1 ");
	anycast_icmp_tally_detail(&t, false, NULL, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("icmp_pkt");
	TCase *tc = tcase_create("icmp_pkt");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_checksum_vectors);
	tcase_add_test(tc, test_checksum_long);
	tcase_add_test(tc, test_build_v4);
	tcase_add_test(tc, test_build_v6);
	tcase_add_test(tc, test_build_short_buffer);
	tcase_add_test(tc, test_parse_ok);
	tcase_add_test(tc, test_parse_truncated);
	tcase_add_test(tc, test_parse_bad_ip_header);
	tcase_add_test(tc, test_parse_mismatch);
	tcase_add_test(tc, test_parse_bad_checksum);
	tcase_add_test(tc, test_parse_garbage);
	tcase_add_test(tc, test_max_lost_table);
	tcase_add_test(tc, test_verdict_table);
	tcase_add_test(tc, test_verdict_early);
	tcase_add_test(tc, test_tally_reply_rules);
	tcase_add_test(tc, test_init_clamps);
	tcase_add_test(tc, test_detail);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
