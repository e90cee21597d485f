// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the icmp probe's reply handling (anycast_icmp_pkt.c).
 * The input chooses the run (family, socket kind, identifier, cookie,
 * count, loss) and a received packet; a packet accepted as a reply of the
 * run must carry its identifier, cookie and a sequence of the run.  The
 * same bytes then drive the loss bookkeeping as a sequence of sends,
 * failures and replies, whose counters must stay consistent.
 */
#include "anycast_icmp_pkt.h"
#include "fuzz_input.h"

static void check_tally(const struct anycast_icmp_tally *t)
{
	unsigned int st[4] = {};
	char detail[64];

	for (unsigned int i = 0; i < ANYCAST_ICMP_MAX_COUNT; i++) {
		FUZZ_CHECK(t->state[i] <= ANYCAST_ICMP_SEQ_LOST);
		FUZZ_CHECK(i < t->count ||
			   t->state[i] == ANYCAST_ICMP_SEQ_UNSENT);
		st[t->state[i]]++;
	}
	FUZZ_CHECK(t->received == st[ANYCAST_ICMP_SEQ_REPLIED]);
	FUZZ_CHECK(t->lost == st[ANYCAST_ICMP_SEQ_LOST]);
	FUZZ_CHECK(t->sent ==
		   ANYCAST_ICMP_MAX_COUNT - st[ANYCAST_ICMP_SEQ_UNSENT]);
	FUZZ_CHECK(anycast_icmp_tally_loss_pct(t) <= 100);
	FUZZ_CHECK(anycast_icmp_max_lost(t->count, t->loss) < t->count);
	if (anycast_icmp_tally_verdict(t, false) == ANYCAST_ICMP_SUCCESS)
		FUZZ_CHECK(t->received > 0);
	FUZZ_CHECK(anycast_icmp_tally_verdict(t, true) !=
		   ANYCAST_ICMP_UNDECIDED);
	anycast_icmp_tally_detail(
		t, anycast_icmp_tally_verdict(t, true) == ANYCAST_ICMP_SUCCESS,
		detail, sizeof(detail));
	FUZZ_CHECK_TERMINATED(detail);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anycast_icmp_echo out = {};
	struct anycast_icmp_tally t;
	enum anycast_icmp_parse r;
	struct fuzz_in in;
	uint8_t flags, count, loss;
	bool v6, iphdr;
	uint16_t ident, max_seq;
	uint32_t cookie;
	uint64_t now = 1000;

	fuzz_in_init(&in, data, size);
	flags = fuzz_u8(&in);
	v6 = flags & 1;
	iphdr = flags & 2;
	ident = fuzz_u16(&in);
	cookie = fuzz_u32(&in);
	count = fuzz_u8(&in);
	loss = fuzz_u8(&in);
	max_seq = count % (ANYCAST_ICMP_MAX_COUNT + 1);

	r = anycast_icmp_reply_parse(v6, iphdr, in.p, in.left, ident, cookie,
				     max_seq, &out);
	FUZZ_CHECK(anycast_icmp_parse_str(r) != NULL);
	if (r == ANYCAST_ICMP_PARSE_OK) {
		size_t off = 0;

		if (iphdr && !v6)
			off = (in.p[0] & 0xf) * 4;
		FUZZ_CHECK(in.left >= off + ANYCAST_ICMP_ECHO_LEN);
		FUZZ_CHECK(in.p[off] == (v6 ? ANYCAST_ICMP6_ECHO_REPLY
					    : ANYCAST_ICMP_ECHO_REPLY));
		FUZZ_CHECK(out.ident == ident && out.cookie == cookie);
		FUZZ_CHECK(out.seq >= 1 && out.seq <= max_seq);
	}

	/* the bookkeeping, driven by the same bytes */
	anycast_icmp_tally_init(&t, count, loss);
	check_tally(&t);
	while (in.left) {
		uint8_t op = fuzz_u8(&in);
		uint16_t seq = op >> 2;

		now += fuzz_u8(&in);
		switch (op & 3) {
		case 0:
			seq = anycast_icmp_tally_next(&t);
			if (seq)
				anycast_icmp_tally_sent(&t, seq, now);
			break;
		case 1:
			seq = anycast_icmp_tally_next(&t);
			if (seq)
				anycast_icmp_tally_lost(&t, seq);
			break;
		case 2:
			if (seq >= 1 && seq <= t.count)
				(void)anycast_icmp_tally_reply(
					&t, seq, t.sent_us[seq - 1], now);
			break;
		default:
			/* any sequence, any echoed timestamp */
			(void)anycast_icmp_tally_reply(&t, seq, fuzz_u8(&in),
						       now);
			break;
		}
		check_tally(&t);
	}
	return 0;
}
