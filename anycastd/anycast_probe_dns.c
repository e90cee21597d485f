// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd DNS probe: one query to the configured server through c-ares,
 * driven by the event loop.
 *
 *   probe dns SERVER [port PORT] query NAME [type TYPE] [expect-rcode RCODE]
 *             [expect-answer STRING] [tcp] [recurse]
 *
 * (the options after the query in any order)
 *
 * Success: the server answered, with the expected rcode (default NOERROR)
 * and, with expect-answer, an answer record of the query type containing
 * the string (the rules are in anycast_dns_check.h).  result.detail says
 * what came back ("rcode NOERROR, 2 answers").
 *
 * The query: class IN, no EDNS, RD clear unless `recurse`.  An anycast
 * authoritative server must answer from its own zones: with RD set, a
 * server that also recurses could hide a zone that failed to load by
 * fetching the answer elsewhere.  Resolvers need `recurse` (without it
 * they typically answer REFUSED, and the error says so).  UDP by default,
 * TCP with `tcp`; a truncated UDP answer is retried over TCP to the same
 * server and port, as a resolver would.
 *
 * c-ares, one channel per run: every run has its own server, port and
 * flags, c-ares only changes the servers of an idle channel, and destroying
 * the channel is a complete stop() at any moment (query, sockets, buffers),
 * with no state shared between runs (a slow or hostile server cannot affect
 * another probe).  A channel costs no file access: all the options
 * resolv.conf could provide are given (servers, domains, lookups, sortlist,
 * ndots, timeout, tries), c-ares' own condition for not reading it.
 *   - servers: exactly SERVER:PORT, for UDP and TCP;
 *   - NOSEARCH, no domains: the name is queried as configured;
 *   - NOCHECKRESP: SERVFAIL/REFUSED/NOTIMP answers are delivered, instead
 *     of counting as "try the next server", so they can be expected;
 *   - one try, and a c-ares timeout longer than any probe timeout: the
 *     probe's timeout (generic layer) is the one that fires.
 * c-ares drops answers whose ID (random per channel), question or source
 * address do not match the query; what it delivers is checked again by
 * anycast_dns_check() (QR bit, opcode, question, record bounds), so a
 * spoofed or garbled answer is at worst a failure, never a success.
 *
 * The channel is driven by the event loop through anycast_ares.c (socket
 * tasks, ares_process_fd(), a timer following ares_timeout()).  c-ares'
 * answer callback only records the outcome; the run is finished once
 * c-ares has returned (the channel cannot be destroyed from inside it).
 */
#include <zebra.h>

#include <ares.h>
#include <arpa/nameser.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "sockunion.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_ares.h"
#include "anycast_debug.h"
#include "anycast_dns_check.h"
#include "anycast_escape.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;

/* longer than the longest probe timeout (YANG: 3600000 ms) */
#define DNS_ARES_TIMEOUT_MS (3600000 + 60000)

struct dns_state {
	struct anycast_probe_run *run;
	struct anycast_ares *ares;
	/* expect-answer, unescaped */
	char answer[ANYCAST_PROBE_STR_LEN];
	size_t answer_len;
	/* the outcome, set by c-ares' callback */
	bool done;
	bool ok;
	bool local; /* failed for a local fault (no socket, no memory) */
	char error[sizeof(((struct anycast_probe_result *)0)->error)];
	char detail[sizeof(((struct anycast_probe_result *)0)->detail)];
};

/* c-ares: the query is over (a response, or an error without one). */
static void dns_answer(void *arg, int status, int timeouts, unsigned char *abuf,
		       int alen)
{
	struct dns_state *st = arg;
	const struct anycast_probe_config *cfg = st->run->cfg;
	struct anycast_dns_expect exp = {
		.qname = cfg->dns.query,
		.qtype = cfg->dns.qtype,
		.rcode = cfg->dns.rcode,
		.rd = cfg->dns.recurse,
		.answer = cfg->dns.expect_answer[0] ? st->answer : NULL,
		.answer_len = st->answer_len,
	};
	struct anycast_dns_verdict v;

	if (st->done || status == ARES_EDESTRUCTION)
		return;
	st->done = true;
	if (abuf && alen > 0) {
		/* any rcode arrives here (NOCHECKRESP); status mirrors it */
		anycast_dns_check(abuf, (size_t)alen, &exp, &v);
		st->ok = v.ok;
		strlcpy(st->error, v.error, sizeof(st->error));
		strlcpy(st->detail, v.detail, sizeof(st->detail));
		return;
	}
	st->ok = false;
	/* c-ares reports a socket it could not open as the server's fault */
	st->local = anycast_ares_status_is_local(status) ||
		    anycast_ares_local_errno(st->ares);
	if (anycast_ares_local_errno(st->ares)) {
		snprintfrr(st->error, sizeof(st->error),
			   "no query sent to %pIA port %u: socket: %s",
			   &cfg->dns.server, cfg->dns.port,
			   safe_strerror(anycast_ares_local_errno(st->ares)));
		return;
	}
	switch (status) {
	case ARES_ECONNREFUSED:
		/* also what c-ares reports when sending failed */
		snprintfrr(st->error, sizeof(st->error),
			   "no response from %pIA port %u (%s): connection "
			   "refused or unreachable",
			   &cfg->dns.server, cfg->dns.port,
			   cfg->dns.tcp ? "tcp" : "udp");
		break;
	case ARES_EBADRESP:
		/* c-ares >= 1.2x checks replies itself and hands bad ones here,
		 * without the reply: the same verdict as anycast_dns_check's */
		snprintfrr(st->error, sizeof(st->error),
			   "malformed response (rejected by c-ares: %s)",
			   ares_strerror(status));
		break;
	case ARES_ETIMEOUT:
		snprintfrr(st->error, sizeof(st->error),
			   "no response from %pIA port %u (c-ares timeout)",
			   &cfg->dns.server, cfg->dns.port);
		break;
	default:
		snprintfrr(st->error, sizeof(st->error), "query failed: %s",
			   ares_strerror(status));
		break;
	}
}

/*
 * After every call into c-ares (the channel's `after` callback, and once
 * the query is sent): finish, or keep the tasks in step.
 */
static void dns_settle(void *arg)
{
	struct anycast_probe_run *run = arg;
	struct dns_state *st = run->priv;
	char err[sizeof(st->error)];

	if (st->done) {
		strlcpy(run->result.detail, st->detail,
			sizeof(run->result.detail));
		ANYCAST_DBG_PROBE("dns %pIA port %u %s/%s: %s%s%s%s",
				  &run->cfg->dns.server, run->cfg->dns.port,
				  run->cfg->dns.query,
				  anycast_dns_type_name(run->cfg->dns.qtype),
				  st->ok ? "ok" : st->error,
				  st->detail[0] ? " (" : "", st->detail,
				  st->detail[0] ? ")" : "");
		if (st->ok) {
			anycast_probe_finish(run, true, NULL);
		} else {
			/* st is freed by the kind's stop() */
			strlcpy(err, st->error, sizeof(err));
			if (st->local)
				anycast_probe_note_local(run);
			anycast_probe_finish(run, false, "%s", err);
		}
		return;
	}
	anycast_ares_arm(st->ares);
}

static void dns_stop(struct anycast_probe_run *run)
{
	struct dns_state *st = run->priv;

	if (!st)
		return;
	/* ends the query (callback with ARES_EDESTRUCTION, ignored) */
	anycast_ares_free(&st->ares);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

static int dns_start_fail(struct anycast_probe_run *run, const char *what,
			  int ret)
{
	snprintf(run->result.error, sizeof(run->result.error), "%s: %s", what,
		 ares_strerror(ret));
	if (anycast_ares_status_is_local(ret))
		anycast_probe_note_local(run);
	dns_stop(run);
	return -1;
}

static int dns_start(struct anycast_probe_run *run)
{
	static char lookups[] = "b"; /* c-ares copies it */
	const struct anycast_probe_config *cfg = run->cfg;
	struct ares_options opts = {};
	struct ares_addr_port_node server = {};
	struct dns_state *st;
	int optmask, ret;

	if (!anycast_vrf_usable(cfg->vrf, run->result.error,
				sizeof(run->result.error)))
		return -1;
	st = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*st));
	st->run = run;
	run->priv = st;
	/* validated by the CLI: cannot fail */
	if (cfg->dns.expect_answer[0] &&
	    !anycast_unescape(cfg->dns.expect_answer, st->answer,
			      sizeof(st->answer), &st->answer_len)) {
		snprintf(run->result.error, sizeof(run->result.error),
			 "invalid expect-answer string");
		dns_stop(run);
		return -1;
	}

	opts.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES |
		     ARES_FLAG_NOCHECKRESP;
	if (!cfg->dns.recurse)
		opts.flags |= ARES_FLAG_NORECURSE;
	if (cfg->dns.tcp)
		opts.flags |= ARES_FLAG_USEVC;
	opts.timeout = DNS_ARES_TIMEOUT_MS;
	opts.tries = 1;
	opts.ndots = 1;
	opts.servers = NULL; /* set below, with the port */
	opts.nservers = 0;
	opts.domains = NULL;
	opts.ndomains = 0;
	opts.lookups = lookups;
	opts.sortlist = NULL;
	opts.nsort = 0;
	optmask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
		  ARES_OPT_NDOTS | ARES_OPT_SERVERS | ARES_OPT_DOMAINS |
		  ARES_OPT_LOOKUPS | ARES_OPT_SORTLIST | ARES_OPT_NOROTATE;
	ret = anycast_ares_new(&st->ares, &opts, optmask, dns_settle, run);
	if (ret != ARES_SUCCESS)
		return dns_start_fail(run, "c-ares channel", ret);
	anycast_ares_set_vrf(st->ares, cfg->vrf);

	if (IS_IPADDR_V4(&cfg->dns.server)) {
		server.family = AF_INET;
		server.addr.addr4 = cfg->dns.server.ipaddr_v4;
	} else {
		server.family = AF_INET6;
		memcpy(&server.addr.addr6, &cfg->dns.server.ipaddr_v6,
		       sizeof(server.addr.addr6));
	}
	server.udp_port = cfg->dns.port;
	server.tcp_port = cfg->dns.port;
	ret = ares_set_servers_ports(anycast_ares_channel(st->ares), &server);
	if (ret != ARES_SUCCESS)
		return dns_start_fail(run, "c-ares server", ret);

	ANYCAST_DBG_PROBE("dns %pIA port %u: query %s %s (%s%s)",
			  &cfg->dns.server, cfg->dns.port, cfg->dns.query,
			  anycast_dns_type_name(cfg->dns.qtype),
			  cfg->dns.tcp ? "tcp" : "udp",
			  cfg->dns.recurse ? ", RD" : "");
	/* may already end the query (an unusable name, a failed send) */
	ares_query(anycast_ares_channel(st->ares), cfg->dns.query, ns_c_in,
		   cfg->dns.qtype, dns_answer, st);
	dns_settle(run);
	return 0;
}

static void dns_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
	int v;

	yang_dnode_get_ip(&cfg->dns.server, dnode, "./server");
	cfg->dns.port = yang_dnode_get_uint16(dnode, "./port");
	strlcpy(cfg->dns.query, yang_dnode_get_string(dnode, "./query"),
		sizeof(cfg->dns.query));
	/* YANG enumerations: the names are known */
	v = anycast_dns_type_parse(yang_dnode_get_string(dnode, "./type"));
	cfg->dns.qtype = v < 0 ? ns_t_a : v;
	v = anycast_dns_rcode_parse(
		yang_dnode_get_string(dnode, "./expect-rcode"));
	cfg->dns.rcode = v < 0 ? ns_r_noerror : v;
	if (yang_dnode_exists(dnode, "./expect-answer"))
		strlcpy(cfg->dns.expect_answer,
			yang_dnode_get_string(dnode, "./expect-answer"),
			sizeof(cfg->dns.expect_answer));
	cfg->dns.tcp = yang_dnode_get_bool(dnode, "./tcp");
	cfg->dns.recurse = yang_dnode_get_bool(dnode, "./recurse");
}

static void dns_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	char type[8];
	size_t i;

	vty_out(vty, "  probe dns %s",
		yang_dnode_get_string(dnode, "./server"));
	if (!yang_dnode_is_default(dnode, "./port"))
		vty_out(vty, " port %u",
			yang_dnode_get_uint16(dnode, "./port"));
	vty_out(vty, " query %s", yang_dnode_get_string(dnode, "./query"));
	if (!yang_dnode_is_default(dnode, "./type")) {
		/* the CLI keywords are lower case */
		strlcpy(type, yang_dnode_get_string(dnode, "./type"),
			sizeof(type));
		for (i = 0; type[i]; i++)
			type[i] = tolower((unsigned char)type[i]);
		vty_out(vty, " type %s", type);
	}
	if (!yang_dnode_is_default(dnode, "./expect-rcode"))
		vty_out(vty, " expect-rcode %s",
			yang_dnode_get_string(dnode, "./expect-rcode"));
	if (yang_dnode_exists(dnode, "./expect-answer"))
		vty_out(vty, " expect-answer %s",
			yang_dnode_get_string(dnode, "./expect-answer"));
	if (yang_dnode_get_bool(dnode, "./tcp"))
		vty_out(vty, " tcp");
	if (yang_dnode_get_bool(dnode, "./recurse"))
		vty_out(vty, " recurse");
	vty_out(vty, "\n");
}

static void dns_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintfrr(
		buf, len, "dns %pIA port %u query %s %s, expect %s%s%s%s%s%s",
		&cfg->dns.server, cfg->dns.port, cfg->dns.query,
		anycast_dns_type_name(cfg->dns.qtype),
		anycast_dns_rcode_name(cfg->dns.rcode),
		cfg->dns.expect_answer[0] ? " with \"" : "",
		cfg->dns.expect_answer, cfg->dns.expect_answer[0] ? "\"" : "",
		cfg->dns.tcp ? ", tcp" : "",
		cfg->dns.recurse ? ", recurse" : "");
}

static bool dns_validate(const struct lyd_node *dnode, char *errmsg,
			 size_t errmsg_len)
{
	const char *qname = yang_dnode_get_string(dnode, "./query");

	if (!anycast_probe_unicast_ok(dnode, "./server", "DNS server", false,
				      errmsg, errmsg_len))
		return false;
	if (strlen(qname) > 253 || !anycast_dns_name_valid(qname)) {
		snprintf(errmsg, errmsg_len,
			 "Invalid query name '%s' (a domain name of at most "
			 "253 characters, . for the root)",
			 qname);
		return false;
	}
	if (!anycast_probe_escaped_ok(dnode, "./expect-answer", true)) {
		snprintf(errmsg, errmsg_len,
			 "Invalid expect-answer string '%s' (1-%d bytes; "
			 "escapes \\r \\n \\t \\\\ \\xHH)",
			 yang_dnode_get_string(dnode, "./expect-answer"),
			 ANYCAST_PROBE_STR_LEN - 1);
		return false;
	}
	return true;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_dns_clippy.c"
#endif

/* clang-format off */
DEFPY_YANG(probe_dns, probe_dns_cmd,
	   "probe dns <A.B.C.D|X:X::X:X>$server [port (1-65535)$port] query NAME$qname"
	   " [{"
	   "type <a|aaaa|cname|mx|ns|ptr|soa|srv|txt|caa>$qtype"
	   "|expect-rcode <noerror|formerr|servfail|nxdomain|notimp|refused>$rcode"
	   "|expect-answer WORD$answer"
	   "|tcp$tcp"
	   "|recurse$recurse"
	   "}]",
	   "What to check\n"
	   "DNS query (c-ares)\n"
	   "IPv4 address of the DNS server\n"
	   "IPv6 address of the DNS server\n"
	   "Server port (default 53)\n"
	   "Port number\n"
	   "Name to query\n"
	   "Domain name (. for the root)\n"
	   "Query type (default a)\n"
	   "IPv4 address\n"
	   "IPv6 address\n"
	   "Canonical name\n"
	   "Mail exchange\n"
	   "Name server\n"
	   "Domain name pointer\n"
	   "Start of authority\n"
	   "Service location\n"
	   "Text\n"
	   "Certification authority authorization\n"
	   "Response code the answer must have (default noerror)\n"
	   "No error\n"
	   "Format error\n"
	   "Server failure\n"
	   "Non-existent domain\n"
	   "Not implemented\n"
	   "Refused\n"
	   "An answer record of the query type must contain a string\n"
	   "String (escapes \\r \\n \\t \\\\ \\xHH); addresses must be equal\n"
	   "Query over TCP\n"
	   "Set the RD bit (recursion desired), for resolvers\n")
/* clang-format on */
{
	/* checked by the northbound validation (dns_validate) */
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/dns/server", NB_OP_MODIFY,
			      server_str);
	if (port_str)
		nb_cli_enqueue_change(vty, "./probe/dns/port", NB_OP_MODIFY,
				      port_str);
	nb_cli_enqueue_change(vty, "./probe/dns/query", NB_OP_MODIFY, qname);
	if (qtype)
		/* the YANG enumeration is upper case */
		nb_cli_enqueue_change(
			vty, "./probe/dns/type", NB_OP_MODIFY,
			anycast_dns_type_name(anycast_dns_type_parse(qtype)));
	if (rcode)
		nb_cli_enqueue_change(vty, "./probe/dns/expect-rcode",
				      NB_OP_MODIFY, rcode);
	if (answer)
		nb_cli_enqueue_change(vty, "./probe/dns/expect-answer",
				      NB_OP_MODIFY, answer);
	if (tcp)
		nb_cli_enqueue_change(vty, "./probe/dns/tcp", NB_OP_MODIFY,
				      "true");
	if (recurse)
		nb_cli_enqueue_change(vty, "./probe/dns/recurse", NB_OP_MODIFY,
				      "true");
	return anycast_cli_apply(vty);
}

static void dns_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_dns_cmd);
}

const struct anycast_probe_kind anycast_probe_dns = {
	.name = "dns",
	.start = dns_start,
	.stop = dns_stop,
	.config_read = dns_config_read,
	.validate = dns_validate,
	.cli_show = dns_cli_show,
	.describe = dns_describe,
	.vty_init = dns_vty_init,
};
