// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: a c-ares channel driven by the libfrr event loop (see
 * anycast_ares.h).
 */
#include <zebra.h>

#include "memory.h"
#include "anycast_frr.h"

#include "anycast_ares.h"
#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_resource.h"
#include "anycast_vrf.h"

extern struct frr_event_loop *master;

/* A socket c-ares uses, with the events it wants. */
struct aa_sock {
	struct anycast_ares *ac;
	ares_socket_t fd;
	bool want_read, want_write;
	struct frr_event *t_read, *t_write;
	struct aa_sock *next;
};

struct anycast_ares {
	ares_channel channel;
	anycast_ares_after_fn after;
	void *arg;
	bool destroying; /* in ares_destroy(): schedule nothing */
	struct frr_event *t_timer;
	struct aa_sock *socks;
	char vrf[37];	 /* sockets in this VRF ("": default) */
	int local_errno; /* a socket failed for a local fault (0: none) */
};

static void aa_readable(struct frr_event *t);
static void aa_writable(struct frr_event *t);
static void aa_use_socket_funcs(struct anycast_ares *ac);
static void aa_timer(struct frr_event *t);

static void aa_sock_arm(struct aa_sock *s)
{
	bool live = !s->ac->destroying;

	if (s->want_read && live)
		event_add_read(master, aa_readable, s, s->fd, &s->t_read);
	else
		EVENT_OFF(s->t_read);
	if (s->want_write && live)
		event_add_write(master, aa_writable, s, s->fd, &s->t_write);
	else
		EVENT_OFF(s->t_write);
}

/* c-ares: fd now wants these events (neither: it is being closed). */
static void aa_sock_state(void *data, ares_socket_t fd, int readable,
			  int writable)
{
	struct anycast_ares *ac = data;
	struct aa_sock *s, **sp;

	for (sp = &ac->socks; *sp; sp = &(*sp)->next)
		if ((*sp)->fd == fd)
			break;
	s = *sp;
	if (!readable && !writable) {
		if (!s)
			return;
		EVENT_OFF(s->t_read);
		EVENT_OFF(s->t_write);
		*sp = s->next;
		XFREE(MTYPE_ANYCAST_ARES, s);
		return;
	}
	if (!s) {
		s = XCALLOC(MTYPE_ANYCAST_ARES, sizeof(*s));
		s->ac = ac;
		s->fd = fd;
		s->next = ac->socks;
		ac->socks = s;
	}
	s->want_read = readable;
	s->want_write = writable;
	aa_sock_arm(s);
}

void anycast_ares_arm(struct anycast_ares *ac)
{
	struct timeval tv, *tvp;

	/* read/write tasks are one-shot: re-arm what c-ares still wants */
	for (struct aa_sock *s = ac->socks; s; s = s->next)
		aa_sock_arm(s);
	EVENT_OFF(ac->t_timer);
	if (ac->destroying)
		return;
	tvp = ares_timeout(ac->channel, NULL, &tv);
	if (tvp)
		event_add_timer_tv(master, aa_timer, ac, tvp, &ac->t_timer);
}

/* One call into c-ares from an event, then the owner's turn. */
static void aa_process(struct anycast_ares *ac, ares_socket_t rfd,
		       ares_socket_t wfd)
{
	ares_process_fd(ac->channel, rfd, wfd);
	anycast_ares_arm(ac);
	/* last: may free ac */
	ac->after(ac->arg);
}

static void aa_readable(struct frr_event *t)
{
	struct aa_sock *s = EVENT_ARG(t);

	/* s may be freed inside c-ares: nothing of it is used afterwards */
	aa_process(s->ac, s->fd, ARES_SOCKET_BAD);
}

static void aa_writable(struct frr_event *t)
{
	struct aa_sock *s = EVENT_ARG(t);

	aa_process(s->ac, ARES_SOCKET_BAD, s->fd);
}

static void aa_timer(struct frr_event *t)
{
	aa_process(EVENT_ARG(t), ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}

int anycast_ares_new(struct anycast_ares **acp, struct ares_options *opts,
		     int optmask, anycast_ares_after_fn after, void *arg)
{
	static bool lib_ready;
	struct anycast_ares *ac;
	int ret;

	*acp = NULL;
	if (!lib_ready) {
		ret = ares_library_init(ARES_LIB_INIT_ALL);
		if (ret != ARES_SUCCESS)
			return ret;
		lib_ready = true;
	}
	ac = XCALLOC(MTYPE_ANYCAST_ARES, sizeof(*ac));
	ac->after = after;
	ac->arg = arg;
	opts->sock_state_cb = aa_sock_state;
	opts->sock_state_cb_data = ac;
	ret = ares_init_options(&ac->channel, opts,
				optmask | ARES_OPT_SOCK_STATE_CB);
	if (ret != ARES_SUCCESS) {
		XFREE(MTYPE_ANYCAST_ARES, ac);
		return ret;
	}
	/* our socket(): its errno tells a local fault from the server's */
	aa_use_socket_funcs(ac);
	*acp = ac;
	return ARES_SUCCESS;
}

int anycast_ares_local_errno(const struct anycast_ares *ac)
{
	return ac ? ac->local_errno : 0;
}

bool anycast_ares_status_is_local(int status)
{
	return status == ARES_ENOMEM || status == ARES_EFILE;
}

ares_channel anycast_ares_channel(const struct anycast_ares *ac)
{
	return ac->channel;
}

void anycast_ares_set_owner(struct anycast_ares *ac,
			    anycast_ares_after_fn after, void *arg)
{
	ac->after = after;
	ac->arg = arg;
	/* a new owner's run: no local fault of an earlier one */
	ac->local_errno = 0;
}

/* c-ares' socket functions: sockets in the channel's VRF, errors noted */
static ares_socket_t aa_vrf_socket(int domain, int type, int protocol,
				   void *data)
{
	struct anycast_ares *ac = data;
	char err[96];
	int fd;

	/*
	 * Non-blocking ourselves: c-ares (1.18) leaves a socket made by
	 * custom socket functions as it gets it, and a blocking recvfrom()
	 * of a spoofed or dropped answer froze the event loop.
	 */
	fd = anycast_vrf_socket(ac->vrf, domain,
				type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol,
				false, err, sizeof(err));
	if (fd < 0) {
		if (anycast_errno_is_local(errno))
			ac->local_errno = errno;
		ANYCAST_DBG_PROBE("c-ares: %s", err);
		return ARES_SOCKET_BAD;
	}
	return fd;
}

static int aa_vrf_close(ares_socket_t fd, void *data)
{
	return close(fd);
}

static ares_ssize_t aa_vrf_recvfrom(ares_socket_t fd, void *buf, size_t len,
				    int flags, struct sockaddr *from,
				    ares_socklen_t *from_len, void *data)
{
	return recvfrom(fd, buf, len, flags, from, from_len);
}

#if ARES_VERSION >= 0x012200
/*
 * c-ares 1.34 (Debian 13) runs the legacy functions through wrappers that
 * have no getsockname(): its RFC 6724 sort of getaddrinfo answers then
 * fails and leaves them as they came (A before AAAA), so a dual-stack name
 * was probed on IPv4 where the system's getaddrinfo puts IPv6 first.  The
 * new interface has the calls the sort and the socket options need.
 */
static int aa_ex_setsockopt(ares_socket_t fd, ares_socket_opt_t opt,
			    const void *val, ares_socklen_t val_size,
			    void *data)
{
	switch (opt) {
	case ARES_SOCKET_OPT_SENDBUF_SIZE:
		return setsockopt(fd, SOL_SOCKET, SO_SNDBUF, val, val_size);
	case ARES_SOCKET_OPT_RECVBUF_SIZE:
		return setsockopt(fd, SOL_SOCKET, SO_RCVBUF, val, val_size);
	case ARES_SOCKET_OPT_BIND_DEVICE:
		return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, val,
				  val_size);
	case ARES_SOCKET_OPT_TCP_FASTOPEN:
		break;
	}
	/* not wanted: c-ares takes ENOSYS as "not supported", no error */
	errno = ENOSYS;
	return -1;
}

static int aa_ex_connect(ares_socket_t fd, const struct sockaddr *sa,
			 ares_socklen_t len, unsigned int flags, void *data)
{
	return connect(fd, sa, len);
}

static ares_ssize_t aa_ex_sendto(ares_socket_t fd, const void *buf, size_t len,
				 int flags, const struct sockaddr *sa,
				 ares_socklen_t salen, void *data)
{
	return sendto(fd, buf, len, flags, sa, salen);
}

static int aa_ex_getsockname(ares_socket_t fd, struct sockaddr *sa,
			     ares_socklen_t *len, void *data)
{
	return getsockname(fd, sa, len);
}

static int aa_ex_bind(ares_socket_t fd, unsigned int flags,
		      const struct sockaddr *sa, socklen_t len, void *data)
{
	return bind(fd, sa, len);
}

static unsigned int aa_ex_nametoindex(const char *ifname, void *data)
{
	return if_nametoindex(ifname);
}

static const char *aa_ex_indextoname(unsigned int ifindex, char *buf,
				     size_t len, void *data)
{
	if (len < IFNAMSIZ)
		return NULL;
	return if_indextoname(ifindex, buf);
}

static const struct ares_socket_functions_ex aa_vrf_funcs = {
	.version = 1,
	.flags = ARES_SOCKFUNC_FLAG_NONBLOCKING,
	.asocket = aa_vrf_socket,
	.aclose = aa_vrf_close,
	.asetsockopt = aa_ex_setsockopt,
	.aconnect = aa_ex_connect,
	.arecvfrom = aa_vrf_recvfrom,
	.asendto = aa_ex_sendto,
	.agetsockname = aa_ex_getsockname,
	.abind = aa_ex_bind,
	.aif_nametoindex = aa_ex_nametoindex,
	.aif_indextoname = aa_ex_indextoname,
};

static void aa_use_socket_funcs(struct anycast_ares *ac)
{
	ares_set_socket_functions_ex(ac->channel, &aa_vrf_funcs, ac);
}
#else
static int aa_vrf_connect(ares_socket_t fd, const struct sockaddr *sa,
			  ares_socklen_t len, void *data)
{
	return connect(fd, sa, len);
}

static ares_ssize_t aa_vrf_sendv(ares_socket_t fd, const struct iovec *iov,
				 int iovcnt, void *data)
{
	return writev(fd, iov, iovcnt);
}

static const struct ares_socket_functions aa_vrf_funcs = {
	.asocket = aa_vrf_socket,
	.aclose = aa_vrf_close,
	.aconnect = aa_vrf_connect,
	.arecvfrom = aa_vrf_recvfrom,
	.asendv = aa_vrf_sendv,
};

static void aa_use_socket_funcs(struct anycast_ares *ac)
{
	ares_set_socket_functions(ac->channel, &aa_vrf_funcs, ac);
}
#endif

void anycast_ares_set_vrf(struct anycast_ares *ac, const char *vrf)
{
	if (anycast_vrf_is_default(vrf))
		return;
	strlcpy(ac->vrf, vrf, sizeof(ac->vrf));
}

void anycast_ares_free(struct anycast_ares **acp)
{
	struct anycast_ares *ac = *acp;
	struct aa_sock *s;

	if (!ac)
		return;
	*acp = NULL;
	ac->destroying = true;
	/* queries end (ARES_EDESTRUCTION), sockets are reported closed */
	ares_destroy(ac->channel);
	while ((s = ac->socks)) {
		ac->socks = s->next;
		EVENT_OFF(s->t_read);
		EVENT_OFF(s->t_write);
		XFREE(MTYPE_ANYCAST_ARES, s);
	}
	EVENT_OFF(ac->t_timer);
	XFREE(MTYPE_ANYCAST_ARES, ac);
}
