// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd DNS probe, the pure part: judging a DNS response against the
 * configured expectations, and the type/rcode name tables.  No FRR headers;
 * DNS names and records are decoded by c-ares (ares_expand_name and its
 * ares_parse_*_reply record parsers).  Unit-tested in tests/unit.
 *
 * A response passes when
 *   - it is a well-formed response (QR set, opcode QUERY, exactly one
 *     question, equal to the query sent, every answer record inside the
 *     message),
 *   - its rcode is the expected one, and
 *   - if an expected answer string is set: one answer record of the query
 *     type contains it.  Records are compared in text form:
 *       A, AAAA  the address; an expected string that is an address of the
 *                family must be equal to it (so 192.0.2.1 does not match
 *                192.0.2.10), anything else is a substring
 *       CNAME, NS, PTR  the name
 *       MX       "PREFERENCE EXCHANGE"
 *       SRV      "PRIORITY WEIGHT PORT TARGET"
 *       SOA      "MNAME RNAME SERIAL REFRESH RETRY EXPIRE MINIMUM"
 *       TXT      the record's strings joined (bytes, case-sensitive)
 *       CAA      "FLAGS TAG VALUE" (case-sensitive)
 *     Names are written without the trailing dot ("." for the root) and
 *     compared case-insensitively; a trailing dot on the expected string
 *     is ignored for the types that hold names.
 */
#ifndef _ANYCAST_DNS_CHECK_H
#define _ANYCAST_DNS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Name of a supported query type (ns_t_* value): "AAAA"; NULL if unsupported.
 */
extern const char *anycast_dns_type_name(uint16_t qtype);
/* Supported query type by name (case-insensitive), -1 if unknown. */
extern int anycast_dns_type_parse(const char *name);

/* Name of an rcode (0-15): "NXDOMAIN", "RCODE12". */
extern const char *anycast_dns_rcode_name(unsigned int rcode);
/* rcode by name (case-insensitive, "nxdomain"), -1 if unknown. */
extern int anycast_dns_rcode_parse(const char *name);

/* A name c-ares can put into a query ("." is the root). */
extern bool anycast_dns_name_valid(const char *name);

struct anycast_dns_expect {
	const char *qname; /* as queried; a trailing dot is optional */
	uint16_t qtype;	   /* ns_t_* */
	uint8_t rcode;	   /* ns_r_* */
	bool rd;	   /* the query asked for recursion (for error hints) */
	const char *answer; /* NULL: no answer check; else bytes (unescaped) */
	size_t answer_len;
};

struct anycast_dns_verdict {
	bool ok;
	bool malformed;
	uint8_t rcode;	      /* valid unless malformed */
	unsigned int answers; /* answer records of the query type */
	char detail[64];      /* "rcode NOERROR, 2 answers"; "" if malformed */
	char error[128];      /* "" when ok */
};

/* Judge the response buf[len] (bounds-safe for any input). */
extern void anycast_dns_check(const unsigned char *buf, size_t len,
			      const struct anycast_dns_expect *exp,
			      struct anycast_dns_verdict *v);

/*
 * Call fn(arg, text, len) for each answer record of type qtype, in the
 * text form described above (text is NUL-terminated; TXT may hold NULs);
 * fn returns true to stop.  Returns the number of records visited, or -1
 * if c-ares rejected the records.  Expects a response that passed the
 * structural checks of anycast_dns_check().
 */
typedef bool (*anycast_dns_answer_fn)(void *arg, const char *text, size_t len);
extern int anycast_dns_answers(const unsigned char *buf, size_t len,
			       uint16_t qtype, anycast_dns_answer_fn fn,
			       void *arg);

#endif /* _ANYCAST_DNS_CHECK_H */
