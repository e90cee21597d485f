// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd TCP probe: up when a connection to ADDRESS:PORT is established
 * within the timeout; with `send`/`expect`, the bytes are sent and the
 * reply must contain the expected string.  Non-blocking, driven by the
 * event loop.  The socket is closed with a reset (SO_LINGER 0) so frequent
 * probes leave no TIME_WAIT sockets behind.
 *
 *   probe tcp ADDRESS port PORT [source ADDRESS] [send STRING expect STRING]
 */
#include <zebra.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "sockunion.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_escape.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;

#define TCP_READ_MAX 4096

struct tcp_state {
	size_t sent;
	size_t rlen;
	char rbuf[TCP_READ_MAX + 1];
};

static void tcp_close(struct anycast_probe_run *run)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	EVENT_OFF(run->t_io);
	if (run->fd >= 0) {
		setsockopt(run->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(run->fd);
		run->fd = -1;
	}
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

static void tcp_fail_errno(struct anycast_probe_run *run, const char *what,
			   int err)
{
	/* a local fault (ENOBUFS, ENOMEM, ...) is no result */
	anycast_probe_finish_errno(run, err, "%s %pIA port %u: %s", what,
				   &run->cfg->tcp.addr, run->cfg->tcp.port,
				   safe_strerror(err));
}

static void tcp_readable(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct tcp_state *st = run->priv;
	ssize_t n;

	n = read(run->fd, st->rbuf + st->rlen, TCP_READ_MAX - st->rlen);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		event_add_read(master, tcp_readable, run, run->fd, &run->t_io);
		return;
	}
	if (n < 0) {
		tcp_fail_errno(run, "read from", errno);
		return;
	}
	st->rlen += n;
	st->rbuf[st->rlen] = '\0';
	if (memmem(st->rbuf, st->rlen, run->cfg->tcp.expect,
		   run->cfg->tcp.expect_len)) {
		anycast_probe_finish(run, true, NULL);
		return;
	}
	if (n == 0 || st->rlen == TCP_READ_MAX) {
		char got[64];

		anycast_escape(st->rbuf, MIN(st->rlen, 24), got, sizeof(got));
		anycast_probe_finish(run, false,
				     "reply %s without the expected string "
				     "(%zu bytes: \"%s\"%s)",
				     n == 0 ? "ended" : "too long", st->rlen,
				     got, st->rlen > 24 ? "..." : "");
		return;
	}
	event_add_read(master, tcp_readable, run, run->fd, &run->t_io);
}

static void tcp_writable(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct tcp_state *st = run->priv;
	int err = 0;
	socklen_t len = sizeof(err);
	ssize_t n;

	if (!st) {
		/* connect completed */
		if (getsockopt(run->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
			err = errno;
		if (err) {
			tcp_fail_errno(run, "connect to", err);
			return;
		}
		if (!run->cfg->tcp.send_len && !run->cfg->tcp.expect_len) {
			anycast_probe_finish(run, true, NULL);
			return;
		}
		st = run->priv = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*st));
	}
	if (st->sent < run->cfg->tcp.send_len) {
		n = send(run->fd, run->cfg->tcp.send + st->sent,
			 run->cfg->tcp.send_len - st->sent, MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			tcp_fail_errno(run, "send to", errno);
			return;
		}
		if (n > 0)
			st->sent += n;
		if (st->sent < run->cfg->tcp.send_len) {
			event_add_write(master, tcp_writable, run, run->fd,
					&run->t_io);
			return;
		}
	}
	if (!run->cfg->tcp.expect_len) {
		anycast_probe_finish(run, true, NULL);
		return;
	}
	event_add_read(master, tcp_readable, run, run->fd, &run->t_io);
}

static void ipaddr_to_su(const struct ipaddr *ip, uint16_t port,
			 union sockunion *su, socklen_t *slen)
{
	memset(su, 0, sizeof(*su));
	if (IS_IPADDR_V4(ip)) {
		su->sin.sin_family = AF_INET;
		su->sin.sin_addr = ip->ipaddr_v4;
		su->sin.sin_port = htons(port);
		*slen = sizeof(su->sin);
	} else {
		su->sin6.sin6_family = AF_INET6;
		su->sin6.sin6_addr = ip->ipaddr_v6;
		su->sin6.sin6_port = htons(port);
		*slen = sizeof(su->sin6);
	}
}

static int tcp_start(struct anycast_probe_run *run)
{
	union sockunion su, src;
	socklen_t slen, srclen;
	int fd;

	ipaddr_to_su(&run->cfg->tcp.addr, run->cfg->tcp.port, &su, &slen);
	fd = anycast_vrf_socket(run->cfg->vrf, su.sa.sa_family,
				SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
				false, run->result.error,
				sizeof(run->result.error));
	if (fd < 0) {
		/* EMFILE, ENFILE, ENOBUFS, ENOMEM: no result */
		anycast_probe_note_errno(run, errno);
		return -1;
	}
	run->fd = fd;
	if (run->cfg->tcp.source.ipa_type != IPADDR_NONE) {
		ipaddr_to_su(&run->cfg->tcp.source, 0, &src, &srclen);
		if (bind(fd, &src.sa, srclen) < 0) {
			anycast_probe_note_errno(run, errno);
			snprintfrr(run->result.error, sizeof(run->result.error),
				   "bind to source %pIA: %s",
				   &run->cfg->tcp.source, safe_strerror(errno));
			tcp_close(run);
			return -1;
		}
	}
	if (connect(fd, &su.sa, slen) == 0 || errno == EINPROGRESS) {
		/* completion (or immediate success) shows as writability */
		event_add_write(master, tcp_writable, run, fd, &run->t_io);
		return 0;
	}
	anycast_probe_note_errno(run, errno);
	snprintfrr(run->result.error, sizeof(run->result.error),
		   "connect to %pIA port %u: %s", &run->cfg->tcp.addr,
		   run->cfg->tcp.port, safe_strerror(errno));
	tcp_close(run);
	return -1;
}

static void tcp_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
	yang_dnode_get_ip(&cfg->tcp.addr, dnode, "./address");
	cfg->tcp.port = yang_dnode_get_uint16(dnode, "./port");
	if (yang_dnode_exists(dnode, "./source"))
		yang_dnode_get_ip(&cfg->tcp.source, dnode, "./source");
	/* validated by the northbound (tcp_validate): cannot fail here */
	if (yang_dnode_exists(dnode, "./send"))
		anycast_unescape(yang_dnode_get_string(dnode, "./send"),
				 cfg->tcp.send, sizeof(cfg->tcp.send),
				 &cfg->tcp.send_len);
	if (yang_dnode_exists(dnode, "./expect"))
		anycast_unescape(yang_dnode_get_string(dnode, "./expect"),
				 cfg->tcp.expect, sizeof(cfg->tcp.expect),
				 &cfg->tcp.expect_len);
}

static bool tcp_escaped_ok(const struct lyd_node *dnode, const char *leaf,
			   char *errmsg, size_t errmsg_len)
{
	if (anycast_probe_escaped_ok(dnode, leaf, true))
		return true;
	snprintf(errmsg, errmsg_len,
		 "Invalid %s string '%s' (1-%d bytes; escapes \\r \\n \\t "
		 "\\\\ \\xHH)",
		 leaf + 2, yang_dnode_get_string(dnode, "%s", leaf),
		 ANYCAST_PROBE_STR_LEN - 1);
	return false;
}

static bool tcp_validate(const struct lyd_node *dnode, char *errmsg,
			 size_t errmsg_len)
{
	return anycast_probe_addrs_ok(
		       dnode, "./address", "target", "./source", "source",
		       false, "Source and destination address families differ",
		       errmsg, errmsg_len) &&
	       tcp_escaped_ok(dnode, "./send", errmsg, errmsg_len) &&
	       tcp_escaped_ok(dnode, "./expect", errmsg, errmsg_len);
}

static void tcp_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  probe tcp %s port %u",
		yang_dnode_get_string(dnode, "./address"),
		yang_dnode_get_uint16(dnode, "./port"));
	if (yang_dnode_exists(dnode, "./source"))
		vty_out(vty, " source %s",
			yang_dnode_get_string(dnode, "./source"));
	if (yang_dnode_exists(dnode, "./send"))
		vty_out(vty, " send %s",
			yang_dnode_get_string(dnode, "./send"));
	if (yang_dnode_exists(dnode, "./expect"))
		vty_out(vty, " expect %s",
			yang_dnode_get_string(dnode, "./expect"));
	vty_out(vty, "\n");
}

static void tcp_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintfrr(buf, len, "tcp %pIA port %u%s", &cfg->tcp.addr,
		   cfg->tcp.port, cfg->tcp.expect_len ? " (send/expect)" : "");
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_tcp_clippy.c"
#endif

DEFPY_YANG(probe_tcp, probe_tcp_cmd,
	   "probe tcp <A.B.C.D|X:X::X:X>$addr port (1-65535)$port [source "
	   "<A.B.C.D|X:X::X:X>$src] [send WORD$snd expect WORD$exp]",
	   "What to check\n"
	   "TCP connect\n"
	   "IPv4 address to connect to\n"
	   "IPv6 address to connect to\n"
	   "TCP port\n"
	   "TCP port number\n"
	   "Source address\n"
	   "IPv4 source address\n"
	   "IPv6 source address\n"
	   "Send a string once connected\n"
	   "String (escapes \\r \\n \\t \\\\ \\xHH)\n"
	   "The reply must contain a string\n"
	   "String (escapes as for send)\n")
{
	/* checked by the northbound validation (tcp_validate) */
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/tcp/address", NB_OP_MODIFY,
			      addr_str);
	nb_cli_enqueue_change(vty, "./probe/tcp/port", NB_OP_MODIFY, port_str);
	if (src_str)
		nb_cli_enqueue_change(vty, "./probe/tcp/source", NB_OP_MODIFY,
				      src_str);
	if (snd) {
		nb_cli_enqueue_change(vty, "./probe/tcp/send", NB_OP_MODIFY,
				      snd);
		nb_cli_enqueue_change(vty, "./probe/tcp/expect", NB_OP_MODIFY,
				      exp);
	}
	return anycast_cli_apply(vty);
}

static void tcp_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_tcp_cmd);
}

const struct anycast_probe_kind anycast_probe_tcp = {
	.name = "tcp",
	.start = tcp_start,
	.stop = tcp_close,
	.config_read = tcp_config_read,
	.validate = tcp_validate,
	.cli_show = tcp_cli_show,
	.describe = tcp_describe,
	.vty_init = tcp_vty_init,
};
