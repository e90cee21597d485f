// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd DNS probe: judging responses (see anycast_dns_check.h).
 *
 * Only the fixed-size fields (header, question type/class, record
 * type/class/length) are read here, each after a bounds check; names go
 * through ares_expand_name() and record data through c-ares' record
 * parsers.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ares.h>

#include "anycast_dns_check.h"
#include "anycast_escape.h"

#define DNS_HEADER_LEN 12
#define DNS_QFIXED_LEN 4
#define DNS_RRFIXED_LEN 10
#define DNS_MSG_MAX 65535

/* the answer records rendered per A/AAAA response (more are ignored) */
#define DNS_ADDR_MAX 64

static const struct {
	uint16_t type;
	const char *name;
} dns_types[] = {
	{ns_t_a, "A"},	   {ns_t_aaaa, "AAAA"}, {ns_t_cname, "CNAME"},
	{ns_t_mx, "MX"},   {ns_t_ns, "NS"},	{ns_t_ptr, "PTR"},
	{ns_t_soa, "SOA"}, {ns_t_srv, "SRV"},	{ns_t_txt, "TXT"},
	{ns_t_caa, "CAA"},
};

static const char *const dns_rcodes[16] = {
	"NOERROR",  "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",  "REFUSED",
	"YXDOMAIN", "YXRRSET", "NXRRSET",  "NOTAUTH",  "NOTZONE", "RCODE11",
	"RCODE12",  "RCODE13", "RCODE14",  "RCODE15",
};

const char *anycast_dns_type_name(uint16_t qtype)
{
	for (size_t i = 0; i < sizeof(dns_types) / sizeof(dns_types[0]); i++)
		if (dns_types[i].type == qtype)
			return dns_types[i].name;
	return NULL;
}

int anycast_dns_type_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(dns_types) / sizeof(dns_types[0]); i++)
		if (!strcasecmp(dns_types[i].name, name))
			return dns_types[i].type;
	return -1;
}

const char *anycast_dns_rcode_name(unsigned int rcode)
{
	return rcode < 16 ? dns_rcodes[rcode] : "RCODE?";
}

int anycast_dns_rcode_parse(const char *name)
{
	/* the named ones only (not "RCODE11") */
	for (int i = 0; i <= ns_r_notzone; i++)
		if (!strcasecmp(dns_rcodes[i], name))
			return i;
	return -1;
}

bool anycast_dns_name_valid(const char *name)
{
	unsigned char *buf = NULL;
	int len = 0;
	int ret;

	if (!name[0])
		return false;
	ret = ares_create_query(name, ns_c_in, ns_t_a, 0, 0, &buf, &len, 0);
	if (buf)
		ares_free_string(buf);
	return ret == ARES_SUCCESS;
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * Decode the name at buf[*off] (c-ares), advance *off past its encoding.
 * *name (if given) receives the expansion, to free with ares_free_string.
 */
static bool dns_name(const unsigned char *buf, size_t len, size_t *off,
		     char **name)
{
	char *s = NULL;
	long enclen = 0;

	if (*off >= len)
		return false;
	if (ares_expand_name(buf + *off, buf, (int)len, &s, &enclen) !=
	    ARES_SUCCESS)
		return false;
	if (enclen <= 0 || (size_t)enclen > len - *off) {
		ares_free_string(s);
		return false;
	}
	*off += (size_t)enclen;
	if (name)
		*name = s;
	else
		ares_free_string(s);
	return true;
}

/* got: from ares_expand_name ("" = root); want: as configured. */
static bool dns_name_equal(const char *got, const char *want)
{
	size_t wl = strlen(want);

	if (wl == 1 && want[0] == '.')
		wl = 0;
	else if (wl > 1 && want[wl - 1] == '.' && want[wl - 2] != '\\')
		wl--;
	return strlen(got) == wl && !strncasecmp(got, want, wl);
}

struct dns_msg {
	uint8_t rcode;
	unsigned int answers;
};

/* Structural checks; false with why filled when the message is unusable. */
static bool dns_parse(const unsigned char *buf, size_t len,
		      const struct anycast_dns_expect *exp, struct dns_msg *m,
		      char *why, size_t whylen)
{
	unsigned int qdcount, ancount;
	uint16_t qtype, qclass;
	size_t off = DNS_HEADER_LEN;
	char *qname = NULL;
	bool same;

	if (len < DNS_HEADER_LEN) {
		snprintf(why, whylen, "%zu bytes", len);
		return false;
	}
	if (len > DNS_MSG_MAX) {
		snprintf(why, whylen, "%zu bytes", len);
		return false;
	}
	if (!(buf[2] & 0x80)) {
		snprintf(why, whylen, "not a response");
		return false;
	}
	if (((buf[2] >> 3) & 0xf) != ns_o_query) {
		snprintf(why, whylen, "opcode %u",
			 (unsigned int)(buf[2] >> 3) & 0xf);
		return false;
	}
	m->rcode = buf[3] & 0xf;
	qdcount = get16(buf + 4);
	ancount = get16(buf + 6);
	if (qdcount != 1) {
		snprintf(why, whylen, "%u questions", qdcount);
		return false;
	}
	if (!dns_name(buf, len, &off, &qname) || len - off < DNS_QFIXED_LEN) {
		if (qname)
			ares_free_string(qname);
		snprintf(why, whylen, "bad question");
		return false;
	}
	qtype = get16(buf + off);
	qclass = get16(buf + off + 2);
	off += DNS_QFIXED_LEN;
	same = qtype == exp->qtype && qclass == ns_c_in &&
	       dns_name_equal(qname, exp->qname);
	ares_free_string(qname);
	if (!same) {
		snprintf(why, whylen, "question does not match the query");
		return false;
	}

	m->answers = 0;
	for (unsigned int i = 0; i < ancount; i++) {
		uint16_t type, class, rdlen;

		if (!dns_name(buf, len, &off, NULL) ||
		    len - off < DNS_RRFIXED_LEN) {
			snprintf(why, whylen, "answer %u of %u truncated",
				 i + 1, ancount);
			return false;
		}
		type = get16(buf + off);
		class = get16(buf + off + 2);
		rdlen = get16(buf + off + 8);
		off += DNS_RRFIXED_LEN;
		if (len - off < rdlen) {
			snprintf(why, whylen, "answer %u of %u truncated",
				 i + 1, ancount);
			return false;
		}
		off += rdlen;
		if (type == exp->qtype && class == ns_c_in)
			m->answers++;
	}
	return true;
}

/* --- answer records as text, through c-ares' record parsers ----------- */

/* a name as text: "" (the root, as c-ares writes it) is "." */
static const char *dns_name_text(const char *name)
{
	return name && name[0] ? name : ".";
}

static int answers_addr(const unsigned char *buf, int len, int family,
			anycast_dns_answer_fn fn, void *arg)
{
	char text[INET6_ADDRSTRLEN];
	int n = DNS_ADDR_MAX, ret, i;

	if (family == AF_INET) {
		struct ares_addrttl a[DNS_ADDR_MAX];

		ret = ares_parse_a_reply(buf, len, NULL, a, &n);
		if (ret == ARES_ENODATA)
			return 0;
		if (ret != ARES_SUCCESS)
			return -1;
		for (i = 0; i < n; i++) {
			inet_ntop(AF_INET, &a[i].ipaddr, text, sizeof(text));
			if (fn(arg, text, strlen(text)))
				return i + 1;
		}
	} else {
		struct ares_addr6ttl a[DNS_ADDR_MAX];

		ret = ares_parse_aaaa_reply(buf, len, NULL, a, &n);
		if (ret == ARES_ENODATA)
			return 0;
		if (ret != ARES_SUCCESS)
			return -1;
		for (i = 0; i < n; i++) {
			inet_ntop(AF_INET6, &a[i].ip6addr, text, sizeof(text));
			if (fn(arg, text, strlen(text)))
				return i + 1;
		}
	}
	return n;
}

/* NS and PTR: c-ares returns the names as the hostent's aliases */
static int answers_hostent(const unsigned char *buf, int len, uint16_t qtype,
			   anycast_dns_answer_fn fn, void *arg)
{
	struct hostent *host = NULL;
	const char *name;
	int ret, n = 0;

	if (qtype == ns_t_ns)
		ret = ares_parse_ns_reply(buf, len, &host);
	else
		ret = ares_parse_ptr_reply(buf, len, NULL, 0, AF_INET, &host);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS || !host)
		return -1;
	for (char **a = host->h_aliases; a && *a; a++) {
		n++;
		name = dns_name_text(*a);
		if (fn(arg, name, strlen(name)))
			break;
	}
	ares_free_hostent(host);
	return n;
}

/* CNAME: no c-ares parser; the target name through ares_expand_name */
static int answers_cname(const unsigned char *buf, size_t len,
			 anycast_dns_answer_fn fn, void *arg)
{
	unsigned int ancount = get16(buf + 6);
	size_t off = DNS_HEADER_LEN;
	int n = 0;

	/* dns_parse() checked the layout: no bounds failures below */
	if (!dns_name(buf, len, &off, NULL) || len - off < DNS_QFIXED_LEN)
		return -1;
	off += DNS_QFIXED_LEN;
	for (unsigned int i = 0; i < ancount; i++) {
		uint16_t type, class, rdlen;
		size_t rdata;
		char *target = NULL;
		bool stop;

		if (!dns_name(buf, len, &off, NULL) ||
		    len - off < DNS_RRFIXED_LEN)
			return -1;
		type = get16(buf + off);
		class = get16(buf + off + 2);
		rdlen = get16(buf + off + 8);
		off += DNS_RRFIXED_LEN;
		if (len - off < rdlen)
			return -1;
		rdata = off;
		off += rdlen;
		if (type != ns_t_cname || class != ns_c_in)
			continue;
		if (!dns_name(buf, len, &rdata, &target))
			return -1;
		if (rdata > off) { /* the name ran past the record */
			ares_free_string(target);
			return -1;
		}
		n++;
		stop = fn(arg, dns_name_text(target),
			  strlen(dns_name_text(target)));
		ares_free_string(target);
		if (stop)
			break;
	}
	return n;
}

static int answers_mx(const unsigned char *buf, int len,
		      anycast_dns_answer_fn fn, void *arg)
{
	struct ares_mx_reply *mx = NULL;
	char text[1100];
	int ret, n = 0;

	ret = ares_parse_mx_reply(buf, len, &mx);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS)
		return -1;
	for (struct ares_mx_reply *r = mx; r; r = r->next) {
		n++;
		snprintf(text, sizeof(text), "%u %s", r->priority,
			 dns_name_text(r->host));
		if (fn(arg, text, strlen(text)))
			break;
	}
	ares_free_data(mx);
	return n;
}

static int answers_srv(const unsigned char *buf, int len,
		       anycast_dns_answer_fn fn, void *arg)
{
	struct ares_srv_reply *srv = NULL;
	char text[1100];
	int ret, n = 0;

	ret = ares_parse_srv_reply(buf, len, &srv);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS)
		return -1;
	for (struct ares_srv_reply *r = srv; r; r = r->next) {
		n++;
		snprintf(text, sizeof(text), "%u %u %u %s", r->priority,
			 r->weight, r->port, dns_name_text(r->host));
		if (fn(arg, text, strlen(text)))
			break;
	}
	ares_free_data(srv);
	return n;
}

static int answers_soa(const unsigned char *buf, int len,
		       anycast_dns_answer_fn fn, void *arg)
{
	struct ares_soa_reply *soa = NULL;
	char text[2200];
	int ret;

	/* c-ares reports a response without an SOA record as EBADRESP */
	if (get16(buf + 6) == 0)
		return 0;
	ret = ares_parse_soa_reply(buf, len, &soa);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS)
		return -1;
	snprintf(text, sizeof(text), "%s %s %u %u %u %u %u",
		 dns_name_text(soa->nsname), dns_name_text(soa->hostmaster),
		 soa->serial, soa->refresh, soa->retry, soa->expire,
		 soa->minttl);
	fn(arg, text, strlen(text));
	ares_free_data(soa);
	return 1;
}

static int answers_txt(const unsigned char *buf, int len,
		       anycast_dns_answer_fn fn, void *arg)
{
	struct ares_txt_ext *txt = NULL;
	char *rec = NULL;
	size_t rlen = 0;
	int ret, n = 0;
	bool stop = false;

	ret = ares_parse_txt_reply_ext(buf, len, &txt);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS)
		return -1;
	/* a record's strings arrive as chunks; join them */
	rec = malloc(len + 1);
	if (!rec) {
		ares_free_data(txt);
		return -1;
	}
	for (struct ares_txt_ext *c = txt; c && !stop; c = c->next) {
		if (c->record_start && c != txt) {
			n++;
			rec[rlen] = '\0';
			stop = fn(arg, rec, rlen);
			rlen = 0;
			if (stop)
				break;
		}
		/* the chunks all come from the message: they fit */
		if (c->length > (size_t)len - rlen)
			break;
		memcpy(rec + rlen, c->txt, c->length);
		rlen += c->length;
	}
	if (!stop && txt) {
		n++;
		rec[rlen] = '\0';
		fn(arg, rec, rlen);
	}
	free(rec);
	ares_free_data(txt);
	return n;
}

static int answers_caa(const unsigned char *buf, int len,
		       anycast_dns_answer_fn fn, void *arg)
{
	struct ares_caa_reply *caa = NULL;
	char *text;
	size_t tlen;
	int ret, n = 0;

	ret = ares_parse_caa_reply(buf, len, &caa);
	if (ret == ARES_ENODATA)
		return 0;
	if (ret != ARES_SUCCESS)
		return -1;
	for (struct ares_caa_reply *r = caa; r; r = r->next) {
		n++;
		/* "FLAGS TAG VALUE"; the value may hold any byte */
		tlen = 4 + 1 + r->plength + 1 + r->length;
		text = malloc(tlen + 1);
		if (!text) {
			n = -1;
			break;
		}
		snprintf(text, tlen + 1, "%u %s ", (unsigned int)r->critical,
			 (const char *)r->property);
		tlen = strlen(text);
		memcpy(text + tlen, r->value, r->length);
		tlen += r->length;
		text[tlen] = '\0';
		ret = fn(arg, text, tlen);
		free(text);
		if (ret)
			break;
	}
	ares_free_data(caa);
	return n;
}

int anycast_dns_answers(const unsigned char *buf, size_t len, uint16_t qtype,
			anycast_dns_answer_fn fn, void *arg)
{
	int ilen;

	if (len < DNS_HEADER_LEN || len > DNS_MSG_MAX)
		return -1;
	ilen = (int)len;
	switch (qtype) {
	case ns_t_a:
		return answers_addr(buf, ilen, AF_INET, fn, arg);
	case ns_t_aaaa:
		return answers_addr(buf, ilen, AF_INET6, fn, arg);
	case ns_t_ns:
	case ns_t_ptr:
		return answers_hostent(buf, ilen, qtype, fn, arg);
	case ns_t_cname:
		return answers_cname(buf, len, fn, arg);
	case ns_t_mx:
		return answers_mx(buf, ilen, fn, arg);
	case ns_t_srv:
		return answers_srv(buf, ilen, fn, arg);
	case ns_t_soa:
		return answers_soa(buf, ilen, fn, arg);
	case ns_t_txt:
		return answers_txt(buf, ilen, fn, arg);
	case ns_t_caa:
		return answers_caa(buf, ilen, fn, arg);
	}
	return -1;
}

/* --- matching --------------------------------------------------------- */

/* a string shown in an error: escaped, at most SHOW_LEN - 1 characters */
#define SHOW_LEN 36

struct dns_match {
	const char *want;
	size_t wlen;
	bool nocase;
	bool exact; /* addresses: equal, not contained */
	unsigned int seen;
	bool found;
	char first[SHOW_LEN]; /* the first record */
};

static bool contains(const char *hay, size_t hlen, const char *needle,
		     size_t nlen, bool nocase)
{
	if (nlen > hlen)
		return false;
	if (!nocase)
		return memmem(hay, hlen, needle, nlen) != NULL;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (!strncasecmp(hay + i, needle, nlen) &&
		    !memchr(hay + i, '\0', nlen))
			return true;
	return false;
}

/* Escape s for an error message; "..." when it does not fit. */
static void show(const char *s, size_t len, char out[SHOW_LEN])
{
	char piece[8];
	size_t n = 0, pl;

	out[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		anycast_escape(s + i, 1, piece, sizeof(piece));
		pl = strlen(piece);
		/* keep room for "..." unless this is the last byte */
		if (n + pl + (i + 1 < len ? 3 : 0) > SHOW_LEN - 1) {
			strcpy(out + n, "...");
			return;
		}
		memcpy(out + n, piece, pl + 1);
		n += pl;
	}
}

static bool dns_match_record(void *arg, const char *text, size_t len)
{
	struct dns_match *m = arg;

	if (m->seen++ == 0)
		show(text, len, m->first);
	if (m->exact)
		m->found = len == m->wlen && !memcmp(text, m->want, len);
	else
		m->found = contains(text, len, m->want, m->wlen, m->nocase);
	return m->found;
}

static void dns_match(const unsigned char *buf, size_t len,
		      const struct anycast_dns_expect *exp,
		      struct anycast_dns_verdict *v)
{
	struct dns_match m = {.want = exp->answer, .wlen = exp->answer_len};
	char want[INET6_ADDRSTRLEN + 1], canon[INET6_ADDRSTRLEN];
	unsigned char bin[16];
	char shown[SHOW_LEN];
	int family = exp->qtype == ns_t_aaaa ? AF_INET6 : AF_INET;
	int n;

	switch (exp->qtype) {
	case ns_t_txt:
	case ns_t_caa:
		break;
	case ns_t_a:
	case ns_t_aaaa:
		m.nocase = true;
		/* an address: compare it in canonical form */
		if (m.wlen < sizeof(want) && !memchr(m.want, '\0', m.wlen)) {
			memcpy(want, m.want, m.wlen);
			want[m.wlen] = '\0';
			if (inet_pton(family, want, bin) == 1 &&
			    inet_ntop(family, bin, canon, sizeof(canon))) {
				m.want = canon;
				m.wlen = strlen(canon);
				m.exact = true;
			}
		}
		break;
	default:
		/* types holding names: "ns1.example." is "ns1.example" */
		m.nocase = true;
		if (m.wlen > 1 && m.want[m.wlen - 1] == '.')
			m.wlen--;
		break;
	}

	n = anycast_dns_answers(buf, len, exp->qtype, dns_match_record, &m);
	if (n < 0) {
		/* as for any malformed response: no rcode/answers detail */
		v->malformed = true;
		v->detail[0] = '\0';
		snprintf(v->error, sizeof(v->error),
			 "malformed response (%s records rejected by c-ares)",
			 anycast_dns_type_name(exp->qtype));
		return;
	}
	if (m.found) {
		v->ok = true;
		return;
	}
	show(exp->answer, exp->answer_len, shown);
	if (m.seen == 0)
		snprintf(v->error, sizeof(v->error),
			 "no %s answer (expected one containing \"%s\")",
			 anycast_dns_type_name(exp->qtype), shown);
	else if (m.seen == 1)
		snprintf(v->error, sizeof(v->error),
			 "no answer contains \"%s\" (got \"%s\")", shown,
			 m.first);
	else
		snprintf(v->error, sizeof(v->error),
			 "no answer contains \"%s\" (%u answers, first \"%s\")",
			 shown, m.seen, m.first);
}

void anycast_dns_check(const unsigned char *buf, size_t len,
		       const struct anycast_dns_expect *exp,
		       struct anycast_dns_verdict *v)
{
	struct dns_msg m = {};
	char why[64];

	memset(v, 0, sizeof(*v));
	if (!buf || !dns_parse(buf, len, exp, &m, why, sizeof(why))) {
		v->malformed = true;
		snprintf(v->error, sizeof(v->error), "malformed response (%s)",
			 buf ? why : "empty");
		return;
	}
	v->rcode = m.rcode;
	v->answers = m.answers;
	if (m.rcode == ns_r_noerror || m.answers)
		snprintf(v->detail, sizeof(v->detail), "rcode %s, %u answer%s",
			 anycast_dns_rcode_name(m.rcode), m.answers,
			 m.answers == 1 ? "" : "s");
	else
		snprintf(v->detail, sizeof(v->detail), "rcode %s",
			 anycast_dns_rcode_name(m.rcode));

	if (m.rcode != exp->rcode) {
		snprintf(v->error, sizeof(v->error), "rcode %s, expected %s%s",
			 anycast_dns_rcode_name(m.rcode),
			 anycast_dns_rcode_name(exp->rcode),
			 m.rcode == ns_r_refused && !exp->rd
				 ? " (query without RD: 'recurse' for a "
				   "resolver?)"
				 : "");
		return;
	}
	if (!exp->answer) {
		v->ok = true;
		return;
	}
	dns_match(buf, len, exp, v);
}
