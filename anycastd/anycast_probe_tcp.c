// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd TCP connect probe: up when a connection to ADDRESS:PORT is
 * established within the timeout.  Non-blocking connect driven by the
 * event loop; the socket is closed with a reset (SO_LINGER 0) so frequent
 * probes leave no TIME_WAIT sockets behind.
 */
#include <zebra.h>

#include "printfrr.h"
#include "sockunion.h"
#include "thread.h"

#include "anycast_probe.h"

extern struct thread_master *master;

static void tcp_close(struct anycast_probe_run *run)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	THREAD_OFF(run->t_io);
	if (run->fd >= 0) {
		setsockopt(run->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(run->fd);
		run->fd = -1;
	}
}

static void tcp_writable(struct thread *t)
{
	struct anycast_probe_run *run = THREAD_ARG(t);
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(run->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err)
		anycast_probe_finish(run, false, "connect to %pIA port %u: %s",
				     &run->cfg.tcp.addr, run->cfg.tcp.port,
				     safe_strerror(err));
	else
		anycast_probe_finish(run, true, NULL);
}

static int tcp_start(struct anycast_probe_run *run)
{
	union sockunion su;
	socklen_t slen;
	int fd;

	memset(&su, 0, sizeof(su));
	if (IS_IPADDR_V4(&run->cfg.tcp.addr)) {
		su.sin.sin_family = AF_INET;
		su.sin.sin_addr = run->cfg.tcp.addr.ipaddr_v4;
		su.sin.sin_port = htons(run->cfg.tcp.port);
		slen = sizeof(su.sin);
	} else {
		su.sin6.sin6_family = AF_INET6;
		su.sin6.sin6_addr = run->cfg.tcp.addr.ipaddr_v6;
		su.sin6.sin6_port = htons(run->cfg.tcp.port);
		slen = sizeof(su.sin6);
	}

	fd = socket(su.sa.sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0) {
		snprintfrr(run->result.error, sizeof(run->result.error),
			   "socket: %s", safe_strerror(errno));
		return -1;
	}
	run->fd = fd;
	if (connect(fd, &su.sa, slen) == 0 || errno == EINPROGRESS) {
		/* completion (or immediate success) shows as writability */
		thread_add_write(master, tcp_writable, run, fd, &run->t_io);
		return 0;
	}
	snprintfrr(run->result.error, sizeof(run->result.error),
		   "connect to %pIA port %u: %s", &run->cfg.tcp.addr,
		   run->cfg.tcp.port, safe_strerror(errno));
	tcp_close(run);
	return -1;
}

const struct anycast_probe_kind anycast_probe_tcp = {
	.name = "tcp",
	.start = tcp_start,
	.stop = tcp_close,
};
