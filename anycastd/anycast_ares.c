// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: a c-ares channel driven by the libfrr event loop (see
 * anycast_ares.h).
 */
#include <zebra.h>

#include "memory.h"
#include "thread.h"

#include "anycast_ares.h"
#include "anycast_memory.h"

extern struct thread_master *master;

/* A socket c-ares uses, with the events it wants. */
struct aa_sock {
	struct anycast_ares *ac;
	ares_socket_t fd;
	bool want_read, want_write;
	struct thread *t_read, *t_write;
	struct aa_sock *next;
};

struct anycast_ares {
	ares_channel channel;
	anycast_ares_after_fn after;
	void *arg;
	bool destroying; /* in ares_destroy(): schedule nothing */
	struct thread *t_timer;
	struct aa_sock *socks;
};

static void aa_readable(struct thread *t);
static void aa_writable(struct thread *t);
static void aa_timer(struct thread *t);

static void aa_sock_arm(struct aa_sock *s)
{
	bool live = !s->ac->destroying;

	if (s->want_read && live)
		thread_add_read(master, aa_readable, s, s->fd, &s->t_read);
	else
		THREAD_OFF(s->t_read);
	if (s->want_write && live)
		thread_add_write(master, aa_writable, s, s->fd, &s->t_write);
	else
		THREAD_OFF(s->t_write);
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
		THREAD_OFF(s->t_read);
		THREAD_OFF(s->t_write);
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
	THREAD_OFF(ac->t_timer);
	if (ac->destroying)
		return;
	tvp = ares_timeout(ac->channel, NULL, &tv);
	if (tvp)
		thread_add_timer_tv(master, aa_timer, ac, tvp, &ac->t_timer);
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

static void aa_readable(struct thread *t)
{
	struct aa_sock *s = THREAD_ARG(t);

	/* s may be freed inside c-ares: nothing of it is used afterwards */
	aa_process(s->ac, s->fd, ARES_SOCKET_BAD);
}

static void aa_writable(struct thread *t)
{
	struct aa_sock *s = THREAD_ARG(t);

	aa_process(s->ac, ARES_SOCKET_BAD, s->fd);
}

static void aa_timer(struct thread *t)
{
	aa_process(THREAD_ARG(t), ARES_SOCKET_BAD, ARES_SOCKET_BAD);
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
	*acp = ac;
	return ARES_SUCCESS;
}

ares_channel anycast_ares_channel(const struct anycast_ares *ac)
{
	return ac->channel;
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
		THREAD_OFF(s->t_read);
		THREAD_OFF(s->t_write);
		XFREE(MTYPE_ANYCAST_ARES, s);
	}
	THREAD_OFF(ac->t_timer);
	XFREE(MTYPE_ANYCAST_ARES, ac);
}
