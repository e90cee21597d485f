// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ICMP / ICMPv6 echo packets and the loss bookkeeping of one icmp probe run.
 * Pure functions (no FRR headers, no I/O), unit-tested in
 * tests/unit/test_icmp_pkt.c.
 *
 * An echo request is 24 bytes: the 8-byte ICMP header (type, code,
 * checksum, identifier, sequence) and a 16-byte payload, all in network
 * byte order:
 *
 *   0       4       8               16
 *   | cookie| magic | timestamp (us)|
 *
 * cookie: random per run; magic: ANYCAST_ICMP_MAGIC; timestamp: the
 * sender's monotonic clock in microseconds when the request was built.  A
 * reply is ours when type, identifier, cookie and magic match and the
 * sequence number belongs to the run; the timestamp must then equal the
 * send time recorded for that sequence (anycast_icmp_tally_reply()).
 */
#ifndef _ANYCAST_ICMP_PKT_H
#define _ANYCAST_ICMP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANYCAST_ICMP_HDR_LEN 8
#define ANYCAST_ICMP_PAYLOAD_LEN 16
#define ANYCAST_ICMP_ECHO_LEN (ANYCAST_ICMP_HDR_LEN + ANYCAST_ICMP_PAYLOAD_LEN)
#define ANYCAST_ICMP_MAGIC 0x41435944u /* "ACYD" */

#define ANYCAST_ICMP_ECHO_REQUEST 8
#define ANYCAST_ICMP_ECHO_REPLY 0
#define ANYCAST_ICMP6_ECHO_REQUEST 128
#define ANYCAST_ICMP6_ECHO_REPLY 129

/* the most echo requests one run sends (YANG: count 1..100) */
#define ANYCAST_ICMP_MAX_COUNT 100

struct anycast_icmp_echo {
	uint16_t ident;
	uint16_t seq;
	uint32_t cookie;
	uint64_t stamp_us;
};

/*
 * The Internet checksum (RFC 1071) of len bytes: the one's complement of
 * the one's complement sum of the 16-bit big-endian words, an odd last
 * byte padded with zero.  Returned in host order; store it big-endian.  A
 * message with a correct checksum field sums to 0 here.
 */
extern uint16_t anycast_icmp_checksum(const void *data, size_t len);

/*
 * Write an echo request into buf (at least ANYCAST_ICMP_ECHO_LEN bytes).
 * IPv4: checksum computed; IPv6: left 0 (the kernel computes it over the
 * pseudo-header).  Returns the length written, 0 if buf is too small.
 */
extern size_t anycast_icmp_echo_build(bool v6,
				      const struct anycast_icmp_echo *e,
				      uint8_t *buf, size_t len);

enum anycast_icmp_parse {
	ANYCAST_ICMP_PARSE_OK = 0,    /* an echo reply of this run */
	ANYCAST_ICMP_PARSE_SHORT,     /* truncated */
	ANYCAST_ICMP_PARSE_BAD_IP,    /* IPv4 header malformed / not ICMP */
	ANYCAST_ICMP_PARSE_BAD_CSUM,  /* IPv4 ICMP checksum wrong */
	ANYCAST_ICMP_PARSE_NOT_REPLY, /* another ICMP type (or code != 0) */
	ANYCAST_ICMP_PARSE_OTHER_ID,  /* someone else's echo (identifier) */
	ANYCAST_ICMP_PARSE_FOREIGN,   /* our identifier, not our payload */
	ANYCAST_ICMP_PARSE_BAD_SEQ,   /* sequence outside 1..max_seq */
};

/*
 * Parse a received packet.  ip_header: pkt starts with an IPv4 header (raw
 * IPv4 sockets); otherwise it starts at the ICMP header (IPv6, and ICMP
 * datagram sockets).  A reply must carry ident and cookie and a sequence
 * in 1..max_seq; on ANYCAST_ICMP_PARSE_OK *out holds its fields.  Any byte
 * string is safe to pass.
 */
extern enum anycast_icmp_parse
anycast_icmp_reply_parse(bool v6, bool ip_header, const uint8_t *pkt,
			 size_t len, uint16_t ident, uint32_t cookie,
			 uint16_t max_seq, struct anycast_icmp_echo *out);

extern const char *anycast_icmp_parse_str(enum anycast_icmp_parse p);

/*
 * Loss bookkeeping of one run.  Echo requests are numbered 1..count.  An
 * echo is *lost* when sending it failed or, at the end of the run, when no
 * reply came.  The run succeeds when at least one reply arrived and
 *
 *     lost * 100 <= loss * count     (loss: the configured percentage)
 *
 * i.e. at most max_lost = min(floor(loss * count / 100), count - 1) echoes
 * may go unanswered.  The verdict is known early: success as soon as
 * count - max_lost replies arrived, failure as soon as more than max_lost
 * echoes are lost.
 */
enum anycast_icmp_seq_state {
	ANYCAST_ICMP_SEQ_UNSENT = 0,
	ANYCAST_ICMP_SEQ_PENDING,
	ANYCAST_ICMP_SEQ_REPLIED,
	ANYCAST_ICMP_SEQ_LOST,
};

enum anycast_icmp_verdict {
	ANYCAST_ICMP_UNDECIDED = 0,
	ANYCAST_ICMP_SUCCESS,
	ANYCAST_ICMP_FAILURE,
};

struct anycast_icmp_tally {
	unsigned int count, loss;
	unsigned int sent; /* attempted: pending + replied + lost */
	unsigned int received, lost;
	uint64_t rtt_sum_us;
	uint8_t state[ANYCAST_ICMP_MAX_COUNT];
	uint64_t sent_us[ANYCAST_ICMP_MAX_COUNT];
};

/* count is clamped to 1..ANYCAST_ICMP_MAX_COUNT, loss to 0..100. */
extern void anycast_icmp_tally_init(struct anycast_icmp_tally *t,
				    unsigned int count, unsigned int loss);

/* The echoes that may go unanswered (see above). */
extern unsigned int anycast_icmp_max_lost(unsigned int count,
					  unsigned int loss);

/*
 * Next sequence number to send (1..count), 0 when all were sent.  The
 * caller sends it and reports the outcome with _sent() or _lost().
 */
extern uint16_t anycast_icmp_tally_next(const struct anycast_icmp_tally *t);

/* Echo seq was sent at now_us. */
extern void anycast_icmp_tally_sent(struct anycast_icmp_tally *t, uint16_t seq,
				    uint64_t now_us);

/* Echo seq could not be sent: lost. */
extern void anycast_icmp_tally_lost(struct anycast_icmp_tally *t, uint16_t seq);

/*
 * A reply to seq with the echoed timestamp arrived at now_us.  False (and
 * nothing counted) for an unknown or unsent sequence, a duplicate, or a
 * timestamp other than the one sent.
 */
extern bool anycast_icmp_tally_reply(struct anycast_icmp_tally *t, uint16_t seq,
				     uint64_t stamp_us, uint64_t now_us);

/*
 * The verdict so far; final: the run is over, every echo without a reply
 * is lost.
 */
extern enum anycast_icmp_verdict
anycast_icmp_tally_verdict(const struct anycast_icmp_tally *t, bool final);

/* Unanswered echoes in percent of those sent (0 when none was sent). */
extern unsigned int
anycast_icmp_tally_loss_pct(const struct anycast_icmp_tally *t);

/* Average round-trip time in microseconds (0 without replies). */
extern uint64_t anycast_icmp_tally_rtt_avg(const struct anycast_icmp_tally *t);

/*
 * Summary for the probe result: "3/3 replies, rtt avg 0.12 ms" on
 * success, "1/3 replies, loss 66%" otherwise.
 */
extern void anycast_icmp_tally_detail(const struct anycast_icmp_tally *t,
				      bool ok, char *buf, size_t len);

#endif /* _ANYCAST_ICMP_PKT_H */
