// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd ICMP echo probe (IPv4 and IPv6):
 *
 *   probe icmp ADDRESS [source ADDRESS] [count (1-100) loss (0-100)]
 *
 * One run sends `count` echo requests (default 1) and succeeds when at least
 * one reply arrived and the lost echoes are at most `loss` percent of count
 * (default 0):
 *
 *     received >= 1  and  (count - received) * 100 <= loss * count
 *
 * An echo is lost when sending it fails (e.g. no route: the run can fail
 * at once) or when its reply has not arrived by the end of the run.  The
 * outcome is decided as soon as it is certain: success once enough replies
 * arrived (the remaining echoes are not sent), failure once more echoes
 * are lost than the bound allows.  Pure logic: anycast_icmp_pkt.c.
 *
 * Timing.  The run ends ("window") a guard of timeout/10 (at most 50 ms)
 * before the probe's timeout, so the generic timeout never preempts the
 * loss verdict.  Echo i (0-based) is sent at i * window / (count + 1):
 * spread over the window rather than back to back, so the loss measured is
 * that of the path over the probe interval, not how a burst survives
 * ICMP rate limits and queues; the last echo still has two slots to be
 * answered.  One timer sends whatever is due (catching up if the loop was
 * late).
 *
 * Replies belong to the run when identifier, per-run random cookie and
 * magic match, the sequence was sent and not yet answered, the echoed
 * timestamp equals the recorded send time and the sender is the target
 * (anycast_icmp_pkt.h); anything else (other processes' pings, late
 * replies of earlier runs, garbage) is ignored.  IPv4 checksums are
 * computed on send and verified on receipt; the kernel does ICMPv6's.
 *
 * Sockets.  Each run opens its own socket.  First choice is an unprivileged
 * ICMP datagram ("ping") socket, allowed when the daemon's group is inside
 * net.ipv4.ping_group_range (per network namespace; covers IPv6 too): the
 * kernel then picks the identifier, delivers only replies carrying it and
 * reports ICMP errors as socket errors.  Otherwise (the default range is
 * "1 0", i.e. nobody) a raw socket is opened with CAP_NET_RAW raised just
 * around socket() (anycast_privs); ICMP_FILTER / ICMP6_FILTER let only
 * echo replies through, the identifier is random per run.  Socket errors
 * (e.g. "No route to host" from an ICMP error) are reported in the result
 * but count no echo as lost: a raw socket may also see errors caused by
 * other processes' packets.  With a source, the socket is bound to it.
 */
#include <zebra.h>

#include <netinet/icmp6.h>

#include "command.h"
#include "memory.h"
#include "monotime.h"
#include "network.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "privs.h"
#include "sockunion.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_icmp_pkt.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"

#ifndef ICMP_FILTER
/* linux/icmp.h (not includable next to glibc's headers): a SOL_RAW option
 * taking a 32-bit mask of the ICMP types *not* to deliver */
#define ICMP_FILTER 1
#endif

extern struct frr_event_loop *master;
extern struct zebra_privs_t anycast_privs;

#define ICMP_GUARD_MAX_MS 50
#define ICMP_RECV_BUF 2048
#define ICMP_RECV_BURST 64 /* packets read per wakeup */

struct icmp_state {
	bool v6;
	bool raw;      /* raw socket, else ICMP datagram socket */
	int dgram_err; /* raw: why no datagram socket */
	uint16_t ident;
	uint32_t cookie;
	union sockunion dst;
	socklen_t dstlen;
	uint64_t start_us;
	uint64_t window_us;
	struct frr_event *t_send;
	struct frr_event *t_deadline;
	int err;	    /* last socket error (errno), 0: none */
	const char *err_op; /* "send", "receive" */
	struct anycast_icmp_tally tally;
};

static uint64_t now_us(void)
{
	struct timeval tv;

	monotime(&tv);
	return (uint64_t)tv.tv_sec * 1000000 + tv.tv_usec;
}

static void ipaddr_to_su(const struct ipaddr *ip, union sockunion *su,
			 socklen_t *slen)
{
	memset(su, 0, sizeof(*su));
	if (IS_IPADDR_V4(ip)) {
		su->sin.sin_family = AF_INET;
		su->sin.sin_addr = ip->ipaddr_v4;
		*slen = sizeof(su->sin);
	} else {
		su->sin6.sin6_family = AF_INET6;
		su->sin6.sin6_addr = ip->ipaddr_v6;
		*slen = sizeof(su->sin6);
	}
}

static void icmp_stop(struct anycast_probe_run *run)
{
	struct icmp_state *st = run->priv;

	EVENT_OFF(run->t_io);
	if (st) {
		EVENT_OFF(st->t_send);
		EVENT_OFF(st->t_deadline);
	}
	if (run->fd >= 0) {
		close(run->fd);
		run->fd = -1;
	}
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

/* Report the verdict; the run (and st) is gone afterwards. */
static void icmp_conclude(struct anycast_probe_run *run, bool ok)
{
	struct icmp_state *st = run->priv;
	const struct anycast_icmp_tally *t = &st->tally;

	anycast_icmp_tally_detail(t, ok, run->result.detail,
				  sizeof(run->result.detail));
	ANYCAST_DBG_PROBE("icmp %pIA: %s, %s", &run->cfg->icmp.addr,
			  ok ? "success" : "failure", run->result.detail);
	/* echoes lost because a send found no buffer: not the target's */
	if (!ok)
		anycast_probe_note_errno(run, st->err);
	if (ok)
		anycast_probe_finish(run, true, NULL);
	else if (t->received == 0)
		anycast_probe_finish(
			run, false, "no echo reply from %pIA%s%s%s%s",
			&run->cfg->icmp.addr, st->err ? " (" : "",
			st->err ? st->err_op : "", st->err ? ": " : "",
			st->err ? safe_strerror(st->err) : "");
	else
		anycast_probe_finish(run, false, "loss from %pIA above %u%%",
				     &run->cfg->icmp.addr, t->loss);
}

/* Decide early if possible; true when the run is over. */
static bool icmp_check_verdict(struct anycast_probe_run *run, bool final)
{
	struct icmp_state *st = run->priv;

	switch (anycast_icmp_tally_verdict(&st->tally, final)) {
	case ANYCAST_ICMP_SUCCESS:
		icmp_conclude(run, true);
		return true;
	case ANYCAST_ICMP_FAILURE:
		icmp_conclude(run, false);
		return true;
	case ANYCAST_ICMP_UNDECIDED:
		break;
	}
	return false;
}

static void icmp_readable(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct icmp_state *st = run->priv;
	uint8_t buf[ICMP_RECV_BUF];
	struct anycast_icmp_echo echo;
	enum anycast_icmp_parse pr;
	union sockunion from;
	socklen_t fromlen;
	bool ours;
	ssize_t n;

	for (int i = 0; i < ICMP_RECV_BURST; i++) {
		fromlen = sizeof(from);
		memset(&from, 0, sizeof(from));
		n = recvfrom(run->fd, buf, sizeof(buf), 0, &from.sa, &fromlen);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			/* a pending socket error (ICMP error): note it */
			st->err = errno;
			st->err_op = "receive";
			ANYCAST_DBG_PROBE("icmp %pIA: receive: %s",
					  &run->cfg->icmp.addr,
					  safe_strerror(errno));
			continue;
		}
		if (st->v6)
			ours = sockunion_family(&from) == AF_INET6 &&
			       IN6_ARE_ADDR_EQUAL(&from.sin6.sin6_addr,
						  &st->dst.sin6.sin6_addr);
		else
			ours = sockunion_family(&from) == AF_INET &&
			       from.sin.sin_addr.s_addr ==
				       st->dst.sin.sin_addr.s_addr;
		if (!ours)
			continue;
		pr = anycast_icmp_reply_parse(st->v6, st->raw && !st->v6, buf,
					      n, st->ident, st->cookie,
					      st->tally.count, &echo);
		if (pr != ANYCAST_ICMP_PARSE_OK) {
			if (pr != ANYCAST_ICMP_PARSE_OTHER_ID)
				ANYCAST_DBG_PROBE("icmp %pIA: ignored "
						  "%zd bytes: %s",
						  &run->cfg->icmp.addr, n,
						  anycast_icmp_parse_str(pr));
			continue;
		}
		if (!anycast_icmp_tally_reply(&st->tally, echo.seq,
					      echo.stamp_us, now_us())) {
			ANYCAST_DBG_PROBE("icmp %pIA: ignored reply seq "
					  "%u (duplicate or stale)",
					  &run->cfg->icmp.addr, echo.seq);
			continue;
		}
		if (icmp_check_verdict(run, false))
			return;
	}
	event_add_read(master, icmp_readable, run, run->fd, &run->t_io);
}

/* When echo seq (1-based) is due, relative to the start of the run. */
static uint64_t icmp_send_offset(const struct icmp_state *st, uint16_t seq)
{
	return (uint64_t)(seq - 1) * st->window_us / (st->tally.count + 1);
}

static void icmp_send_one(struct anycast_probe_run *run, uint16_t seq,
			  uint64_t now)
{
	struct icmp_state *st = run->priv;
	struct anycast_icmp_echo echo = {
		.ident = st->ident,
		.seq = seq,
		.cookie = st->cookie,
		.stamp_us = now,
	};
	uint8_t buf[ANYCAST_ICMP_ECHO_LEN];
	size_t len;
	ssize_t n;

	len = anycast_icmp_echo_build(st->v6, &echo, buf, sizeof(buf));
	n = sendto(run->fd, buf, len, 0, &st->dst.sa, st->dstlen);
	if (n == (ssize_t)len) {
		anycast_icmp_tally_sent(&st->tally, seq, now);
		return;
	}
	st->err = n < 0 ? errno : EMSGSIZE;
	st->err_op = "send";
	anycast_icmp_tally_lost(&st->tally, seq);
	ANYCAST_DBG_PROBE("icmp %pIA: echo %u lost: send: %s",
			  &run->cfg->icmp.addr, seq, safe_strerror(st->err));
}

static void icmp_send_due(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct icmp_state *st = run->priv;
	uint64_t now = now_us(), due = 0;
	struct timeval tv;
	uint16_t seq;

	while ((seq = anycast_icmp_tally_next(&st->tally)) != 0) {
		due = st->start_us + icmp_send_offset(st, seq);
		if (due > now)
			break;
		icmp_send_one(run, seq, now);
	}
	if (icmp_check_verdict(run, false))
		return;
	if (!seq)
		return;
	tv.tv_sec = (due - now) / 1000000;
	tv.tv_usec = (due - now) % 1000000;
	event_add_timer_tv(master, icmp_send_due, run, &tv, &st->t_send);
}

static void icmp_deadline(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct icmp_state *st = run->priv;
	uint16_t seq;

	/* not sent by now (a late event loop): lost */
	while ((seq = anycast_icmp_tally_next(&st->tally)) != 0)
		anycast_icmp_tally_lost(&st->tally, seq);
	icmp_check_verdict(run, true);
}

/*
 * The socket: an ICMP datagram socket if ping_group_range allows it, else
 * a raw one (CAP_NET_RAW raised around socket()).
 */
static int icmp_socket(struct anycast_probe_run *run, struct icmp_state *st)
{
	int af = st->v6 ? AF_INET6 : AF_INET;
	int proto = st->v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	const char *vrf = run->cfg->vrf;
	char err[96];
	int fd, raw_err = 0;

	fd = anycast_vrf_socket(vrf, af,
				SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
				proto, false, err, sizeof(err));
	if (fd >= 0) {
		st->raw = false;
		return fd;
	}
	if (errno == ENOENT && !anycast_vrf_is_default(vrf)) {
		/* the VRF is unknown */
		strlcpy(run->result.error, err, sizeof(run->result.error));
		return -1;
	}
	st->dgram_err = errno;
	fd = anycast_vrf_socket(vrf, af,
				SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto,
				true, err, sizeof(err));
	if (fd < 0)
		raw_err = errno;
	if (fd < 0) {
		/* out of fds or memory: no result (either would have done) */
		if (!anycast_probe_note_errno(run, raw_err))
			anycast_probe_note_errno(run, st->dgram_err);
		snprintfrr(run->result.error, sizeof(run->result.error),
			   "ICMP socket: %s (datagram: %s)",
			   safe_strerror(raw_err),
			   safe_strerror(st->dgram_err));
		return -1;
	}
	st->raw = true;
	return fd;
}

/* Raw sockets: let only echo replies through. */
static int icmp_raw_filter(int fd, bool v6)
{
	if (v6) {
		struct icmp6_filter f6;

		ICMP6_FILTER_SETBLOCKALL(&f6);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f6);
		return setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f6,
				  sizeof(f6));
	} else {
		uint32_t mask = ~(1U << ANYCAST_ICMP_ECHO_REPLY);

		return setsockopt(fd, SOL_RAW, ICMP_FILTER, &mask,
				  sizeof(mask));
	}
}

static int icmp_start(struct anycast_probe_run *run)
{
	const struct ipaddr *src = &run->cfg->icmp.source;
	struct icmp_state *st;
	union sockunion bsu;
	socklen_t blen;
	uint64_t timeout_us, guard_us;
	struct timeval tv;

	st = run->priv = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*st));
	st->v6 = IS_IPADDR_V6(&run->cfg->icmp.addr);
	ipaddr_to_su(&run->cfg->icmp.addr, &st->dst, &st->dstlen);

	run->fd = icmp_socket(run, st);
	if (run->fd < 0)
		goto fail;
	if (st->raw && icmp_raw_filter(run->fd, st->v6) < 0) {
		anycast_probe_note_errno(run, errno);
		snprintfrr(run->result.error, sizeof(run->result.error),
			   "ICMP filter: %s", safe_strerror(errno));
		goto fail;
	}
	/* datagram sockets: binding also allocates the identifier */
	if (src->ipa_type != IPADDR_NONE || !st->raw) {
		if (src->ipa_type != IPADDR_NONE) {
			ipaddr_to_su(src, &bsu, &blen);
		} else {
			memset(&bsu, 0, sizeof(bsu));
			bsu.sa.sa_family = st->v6 ? AF_INET6 : AF_INET;
			blen = st->v6 ? sizeof(bsu.sin6) : sizeof(bsu.sin);
		}
		if (bind(run->fd, &bsu.sa, blen) < 0) {
			anycast_probe_note_errno(run, errno);
			if (src->ipa_type != IPADDR_NONE)
				snprintfrr(run->result.error,
					   sizeof(run->result.error),
					   "bind to source %pIA: %s", src,
					   safe_strerror(errno));
			else
				snprintfrr(run->result.error,
					   sizeof(run->result.error),
					   "bind: %s", safe_strerror(errno));
			goto fail;
		}
	}
	if (st->raw) {
		st->ident = (uint16_t)frr_weak_random();
	} else {
		blen = sizeof(bsu);
		if (getsockname(run->fd, &bsu.sa, &blen) < 0) {
			anycast_probe_note_errno(run, errno);
			snprintfrr(run->result.error, sizeof(run->result.error),
				   "getsockname: %s", safe_strerror(errno));
			goto fail;
		}
		/* the kernel's identifier is the socket's "port" */
		st->ident =
			ntohs(st->v6 ? bsu.sin6.sin6_port : bsu.sin.sin_port);
	}
	st->cookie = (uint32_t)frr_weak_random() ^
		     ((uint32_t)frr_weak_random() << 16);
	anycast_icmp_tally_init(&st->tally, run->cfg->icmp.count,
				run->cfg->icmp.loss);

	timeout_us = (uint64_t)run->timeout_ms * 1000;
	guard_us = MIN(timeout_us / 10, (uint64_t)ICMP_GUARD_MAX_MS * 1000);
	st->window_us = timeout_us - guard_us;
	st->start_us = now_us();
	ANYCAST_DBG_PROBE("icmp %pIA: %s socket%s%s%s, ident %u, %u "
			  "echoes over %u ms",
			  &run->cfg->icmp.addr, st->raw ? "raw" : "datagram",
			  st->raw ? " (datagram: " : "",
			  st->raw ? safe_strerror(st->dgram_err) : "",
			  st->raw ? ")" : "", st->ident, st->tally.count,
			  (unsigned int)(st->window_us / 1000));

	event_add_read(master, icmp_readable, run, run->fd, &run->t_io);
	tv.tv_sec = st->window_us / 1000000;
	tv.tv_usec = st->window_us % 1000000;
	event_add_timer_tv(master, icmp_deadline, run, &tv, &st->t_deadline);
	/* the first echo from the event loop: no result inside start() */
	event_add_timer_msec(master, icmp_send_due, run, 0, &st->t_send);
	return 0;

fail:
	icmp_stop(run);
	return -1;
}

static void icmp_config_read(struct anycast_probe_config *cfg,
			     const struct lyd_node *dnode)
{
	yang_dnode_get_ip(&cfg->icmp.addr, dnode, "./address");
	if (yang_dnode_exists(dnode, "./source"))
		yang_dnode_get_ip(&cfg->icmp.source, dnode, "./source");
	cfg->icmp.count = yang_dnode_get_uint8(dnode, "./count");
	cfg->icmp.loss = yang_dnode_get_uint8(dnode, "./loss");
}

static void icmp_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	uint8_t count = yang_dnode_get_uint8(dnode, "./count");
	uint8_t loss = yang_dnode_get_uint8(dnode, "./loss");

	vty_out(vty, "  probe icmp %s",
		yang_dnode_get_string(dnode, "./address"));
	if (yang_dnode_exists(dnode, "./source"))
		vty_out(vty, " source %s",
			yang_dnode_get_string(dnode, "./source"));
	if (count != 1 || loss != 0)
		vty_out(vty, " count %u loss %u", count, loss);
	vty_out(vty, "\n");
}

static void icmp_describe(const struct anycast_probe_config *cfg, char *buf,
			  size_t len)
{
	char src[64] = "", opts[48] = "";

	if (cfg->icmp.source.ipa_type != IPADDR_NONE)
		snprintfrr(src, sizeof(src), " source %pIA", &cfg->icmp.source);
	if (cfg->icmp.count != 1 || cfg->icmp.loss != 0)
		snprintf(opts, sizeof(opts), " count %u loss %u%%",
			 cfg->icmp.count, cfg->icmp.loss);
	snprintfrr(buf, len, "icmp %pIA%s%s", &cfg->icmp.addr, src, opts);
}

static bool icmp_validate(const struct lyd_node *dnode, char *errmsg,
			  size_t errmsg_len)
{
	return anycast_probe_addrs_ok(
		dnode, "./address", "target", "./source", "source", false,
		"Source and destination address families differ", errmsg,
		errmsg_len);
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_icmp_clippy.c"
#endif

DEFPY_YANG(probe_icmp, probe_icmp_cmd,
	   "probe icmp <A.B.C.D|X:X::X:X>$addr [source <A.B.C.D|X:X::X:X>$src] "
	   "[count (1-100)$count loss (0-100)$loss]",
	   "What to check\n"
	   "ICMP echo (ping)\n"
	   "IPv4 address to ping\n"
	   "IPv6 address to ping\n"
	   "Source address\n"
	   "IPv4 source address\n"
	   "IPv6 source address\n"
	   "Echo requests per probe (default 1)\n"
	   "Number of echo requests\n"
	   "Highest loss that still counts as success (default 0)\n"
	   "Loss in percent of the echo requests\n")
{
	/* checked by the northbound validation (icmp_validate) */
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/icmp/address", NB_OP_MODIFY,
			      addr_str);
	if (src_str)
		nb_cli_enqueue_change(vty, "./probe/icmp/source", NB_OP_MODIFY,
				      src_str);
	if (count_str) {
		nb_cli_enqueue_change(vty, "./probe/icmp/count", NB_OP_MODIFY,
				      count_str);
		nb_cli_enqueue_change(vty, "./probe/icmp/loss", NB_OP_MODIFY,
				      loss_str);
	}
	return anycast_cli_apply(vty);
}

static void icmp_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_icmp_cmd);
}

const struct anycast_probe_kind anycast_probe_icmp = {
	.name = "icmp",
	.start = icmp_start,
	.stop = icmp_stop,
	.config_read = icmp_config_read,
	.validate = icmp_validate,
	.cli_show = icmp_cli_show,
	.describe = icmp_describe,
	.vty_init = icmp_vty_init,
};
