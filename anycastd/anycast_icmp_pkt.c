// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ICMP / ICMPv6 echo packets and the loss bookkeeping of an icmp probe run
 * (see anycast_icmp_pkt.h).  Pure functions: no FRR headers, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "anycast_icmp_pkt.h"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v >> 32);
	put32(p + 4, v & 0xffffffffu);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

uint16_t anycast_icmp_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	while (len > 1) {
		sum += get16(p);
		p += 2;
		len -= 2;
		/* fold as we go: no overflow whatever the length */
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

size_t anycast_icmp_echo_build(bool v6, const struct anycast_icmp_echo *e,
			       uint8_t *buf, size_t len)
{
	if (!buf || len < ANYCAST_ICMP_ECHO_LEN)
		return 0;
	memset(buf, 0, ANYCAST_ICMP_ECHO_LEN);
	buf[0] = v6 ? ANYCAST_ICMP6_ECHO_REQUEST : ANYCAST_ICMP_ECHO_REQUEST;
	buf[1] = 0;
	put16(buf + 4, e->ident);
	put16(buf + 6, e->seq);
	put32(buf + 8, e->cookie);
	put32(buf + 12, ANYCAST_ICMP_MAGIC);
	put64(buf + 16, e->stamp_us);
	if (!v6)
		put16(buf + 2,
		      anycast_icmp_checksum(buf, ANYCAST_ICMP_ECHO_LEN));
	return ANYCAST_ICMP_ECHO_LEN;
}

/* The ICMP message inside an IPv4 packet, bounds-checked. */
static enum anycast_icmp_parse ipv4_payload(const uint8_t **pkt, size_t *len)
{
	const uint8_t *p = *pkt;
	size_t ihl, total;

	if (*len < 20)
		return ANYCAST_ICMP_PARSE_SHORT;
	if ((p[0] >> 4) != 4)
		return ANYCAST_ICMP_PARSE_BAD_IP;
	ihl = (size_t)(p[0] & 0x0f) * 4;
	if (ihl < 20)
		return ANYCAST_ICMP_PARSE_BAD_IP;
	if (p[9] != 1 /* IPPROTO_ICMP */)
		return ANYCAST_ICMP_PARSE_BAD_IP;
	total = get16(p + 2);
	if (total < ihl)
		return ANYCAST_ICMP_PARSE_BAD_IP;
	if (ihl > *len || total > *len)
		return ANYCAST_ICMP_PARSE_SHORT;
	*pkt = p + ihl;
	*len = total - ihl;
	return ANYCAST_ICMP_PARSE_OK;
}

enum anycast_icmp_parse
anycast_icmp_reply_parse(bool v6, bool ip_header, const uint8_t *pkt,
			 size_t len, uint16_t ident, uint32_t cookie,
			 uint16_t max_seq, struct anycast_icmp_echo *out)
{
	enum anycast_icmp_parse r;
	uint16_t seq;

	if (!pkt)
		return ANYCAST_ICMP_PARSE_SHORT;
	if (ip_header && !v6) {
		r = ipv4_payload(&pkt, &len);
		if (r != ANYCAST_ICMP_PARSE_OK)
			return r;
	}
	if (len < ANYCAST_ICMP_HDR_LEN)
		return ANYCAST_ICMP_PARSE_SHORT;
	if (pkt[0] !=
		    (v6 ? ANYCAST_ICMP6_ECHO_REPLY : ANYCAST_ICMP_ECHO_REPLY) ||
	    pkt[1] != 0)
		return ANYCAST_ICMP_PARSE_NOT_REPLY;
	/* the kernel verifies ICMPv6 checksums (pseudo-header), not raw v4 */
	if (!v6 && anycast_icmp_checksum(pkt, len) != 0)
		return ANYCAST_ICMP_PARSE_BAD_CSUM;
	if (get16(pkt + 4) != ident)
		return ANYCAST_ICMP_PARSE_OTHER_ID;
	if (len < ANYCAST_ICMP_ECHO_LEN)
		return ANYCAST_ICMP_PARSE_SHORT;
	if (get32(pkt + 8) != cookie || get32(pkt + 12) != ANYCAST_ICMP_MAGIC)
		return ANYCAST_ICMP_PARSE_FOREIGN;
	seq = get16(pkt + 6);
	if (seq == 0 || seq > max_seq)
		return ANYCAST_ICMP_PARSE_BAD_SEQ;
	if (out) {
		out->ident = ident;
		out->seq = seq;
		out->cookie = cookie;
		out->stamp_us = get64(pkt + 16);
	}
	return ANYCAST_ICMP_PARSE_OK;
}

const char *anycast_icmp_parse_str(enum anycast_icmp_parse p)
{
	switch (p) {
	case ANYCAST_ICMP_PARSE_OK:
		return "ok";
	case ANYCAST_ICMP_PARSE_SHORT:
		return "truncated";
	case ANYCAST_ICMP_PARSE_BAD_IP:
		return "bad IPv4 header";
	case ANYCAST_ICMP_PARSE_BAD_CSUM:
		return "bad checksum";
	case ANYCAST_ICMP_PARSE_NOT_REPLY:
		return "not an echo reply";
	case ANYCAST_ICMP_PARSE_OTHER_ID:
		return "other identifier";
	case ANYCAST_ICMP_PARSE_FOREIGN:
		return "foreign payload";
	case ANYCAST_ICMP_PARSE_BAD_SEQ:
		return "sequence out of range";
	}
	return "?";
}

void anycast_icmp_tally_init(struct anycast_icmp_tally *t, unsigned int count,
			     unsigned int loss)
{
	memset(t, 0, sizeof(*t));
	if (count < 1)
		count = 1;
	if (count > ANYCAST_ICMP_MAX_COUNT)
		count = ANYCAST_ICMP_MAX_COUNT;
	t->count = count;
	t->loss = loss > 100 ? 100 : loss;
}

unsigned int anycast_icmp_max_lost(unsigned int count, unsigned int loss)
{
	unsigned int m;

	if (count == 0)
		return 0;
	if (loss > 100)
		loss = 100;
	m = loss * count / 100;
	/* at least one reply is always required */
	return m >= count ? count - 1 : m;
}

static bool seq_valid(const struct anycast_icmp_tally *t, uint16_t seq)
{
	return seq >= 1 && seq <= t->count;
}

uint16_t anycast_icmp_tally_next(const struct anycast_icmp_tally *t)
{
	return t->sent < t->count ? (uint16_t)(t->sent + 1) : 0;
}

void anycast_icmp_tally_sent(struct anycast_icmp_tally *t, uint16_t seq,
			     uint64_t now_us)
{
	if (!seq_valid(t, seq) || t->state[seq - 1] != ANYCAST_ICMP_SEQ_UNSENT)
		return;
	t->state[seq - 1] = ANYCAST_ICMP_SEQ_PENDING;
	t->sent_us[seq - 1] = now_us;
	t->sent++;
}

void anycast_icmp_tally_lost(struct anycast_icmp_tally *t, uint16_t seq)
{
	if (!seq_valid(t, seq))
		return;
	switch (t->state[seq - 1]) {
	case ANYCAST_ICMP_SEQ_UNSENT:
		t->sent++;
		break;
	case ANYCAST_ICMP_SEQ_PENDING:
		break;
	case ANYCAST_ICMP_SEQ_REPLIED:
	case ANYCAST_ICMP_SEQ_LOST:
		return;
	}
	t->state[seq - 1] = ANYCAST_ICMP_SEQ_LOST;
	t->lost++;
}

bool anycast_icmp_tally_reply(struct anycast_icmp_tally *t, uint16_t seq,
			      uint64_t stamp_us, uint64_t now_us)
{
	if (!seq_valid(t, seq) || t->state[seq - 1] != ANYCAST_ICMP_SEQ_PENDING)
		return false;
	if (stamp_us != t->sent_us[seq - 1])
		return false;
	t->state[seq - 1] = ANYCAST_ICMP_SEQ_REPLIED;
	t->received++;
	t->rtt_sum_us += now_us > stamp_us ? now_us - stamp_us : 0;
	return true;
}

enum anycast_icmp_verdict
anycast_icmp_tally_verdict(const struct anycast_icmp_tally *t, bool final)
{
	unsigned int max_lost = anycast_icmp_max_lost(t->count, t->loss);
	unsigned int lost = final ? t->count - t->received : t->lost;

	if (t->received >= t->count - max_lost)
		return ANYCAST_ICMP_SUCCESS;
	if (lost > max_lost)
		return ANYCAST_ICMP_FAILURE;
	/* final: received + lost == count, so one of the above held */
	return ANYCAST_ICMP_UNDECIDED;
}

unsigned int anycast_icmp_tally_loss_pct(const struct anycast_icmp_tally *t)
{
	if (!t->sent)
		return 0;
	return (t->sent - t->received) * 100 / t->sent;
}

uint64_t anycast_icmp_tally_rtt_avg(const struct anycast_icmp_tally *t)
{
	return t->received ? t->rtt_sum_us / t->received : 0;
}

void anycast_icmp_tally_detail(const struct anycast_icmp_tally *t, bool ok,
			       char *buf, size_t len)
{
	uint64_t avg = anycast_icmp_tally_rtt_avg(t);

	if (!buf || !len)
		return;
	if (ok)
		snprintf(buf, len, "%u/%u replies, rtt avg %llu.%02u ms",
			 t->received, t->sent, (unsigned long long)(avg / 1000),
			 (unsigned int)(avg % 1000 / 10));
	else
		snprintf(buf, len, "%u/%u replies, loss %u%%", t->received,
			 t->sent, anycast_icmp_tally_loss_pct(t));
}
