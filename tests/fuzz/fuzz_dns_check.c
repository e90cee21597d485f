// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the DNS probe's answer checks (anycast_dns_check.c).
 * The input chooses the expectations (query name and type, rcode, RD, an
 * expected answer string) and the response message; the verdict must be
 * self-consistent, and every answer record of a response that passed the
 * structural checks is rendered once more through anycast_dns_answers().
 */
#include <arpa/nameser.h>

#include "anycast_dns_check.h"
#include "fuzz_input.h"

static const char *const qnames[] = {
	"example.com", "example.com.", "www.example.com", ".",
	"a",	       "EXAMPLE.COM",
};
static const uint16_t qtypes[] = {
	ns_t_a,	  ns_t_aaaa, ns_t_cname, ns_t_mx,  ns_t_ns,
	ns_t_ptr, ns_t_soa,  ns_t_srv,	 ns_t_txt, ns_t_caa,
};

struct visit {
	unsigned int n;
};

static bool visit_record(void *arg, const char *text, size_t len)
{
	struct visit *v = arg;

	FUZZ_CHECK(text[len] == '\0');
	v->n++;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct anycast_dns_expect exp = {};
	struct anycast_dns_verdict v;
	struct visit vis = {};
	char name[300];
	uint8_t b0, b1;
	int n;

	fuzz_in_init(&in, data, size);
	b0 = fuzz_u8(&in);
	b1 = fuzz_u8(&in);
	exp.qname = qnames[(b0 >> 4) % (sizeof(qnames) / sizeof(qnames[0]))];
	exp.qtype = qtypes[(b0 & 0xf) % (sizeof(qtypes) / sizeof(qtypes[0]))];
	exp.rcode = b1 & 0xf;
	exp.rd = b1 & 0x10;
	exp.answer = fuzz_field(&in, &exp.answer_len);
	if (!(b1 & 0x20))
		exp.answer = NULL;

	/* the name tables on the answer string as a name */
	fuzz_str(&in, name, sizeof(name));
	(void)anycast_dns_name_valid(name);
	n = anycast_dns_type_parse(name);
	if (n >= 0) {
		FUZZ_CHECK(anycast_dns_type_name(n) != NULL);
		FUZZ_CHECK(anycast_dns_type_parse(anycast_dns_type_name(n)) ==
			   n);
	}
	n = anycast_dns_rcode_parse(name);
	if (n >= 0)
		FUZZ_CHECK(anycast_dns_rcode_parse(anycast_dns_rcode_name(n)) ==
			   n);

	anycast_dns_check(in.p, in.left, &exp, &v);
	FUZZ_CHECK_TERMINATED(v.detail);
	FUZZ_CHECK_TERMINATED(v.error);
	FUZZ_CHECK(v.ok == (v.error[0] == '\0'));
	if (v.malformed) {
		FUZZ_CHECK(!v.ok);
		FUZZ_CHECK(v.detail[0] == '\0');
		return 0;
	}
	FUZZ_CHECK(in.left >= 12);
	FUZZ_CHECK(v.rcode == (in.p[3] & 0xf));
	FUZZ_CHECK(!v.ok || v.rcode == exp.rcode);
	FUZZ_CHECK(v.detail[0] != '\0');
	n = anycast_dns_answers(in.p, in.left, exp.qtype, visit_record, &vis);
	FUZZ_CHECK(n == -1 || (unsigned int)n == vis.n);
	return 0;
}
