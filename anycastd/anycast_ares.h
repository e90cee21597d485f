// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: a c-ares channel driven by the libfrr event loop.
 *
 * c-ares reports the sockets it uses through its socket state callback;
 * each becomes event_add_read/write tasks whose events go to
 * ares_process_fd(), and a timer follows ares_timeout().  Nothing blocks
 * and no thread is created.  Used by the DNS probe (one query to one
 * server) and the HTTP probe (the URL's host name, system resolver
 * configuration).
 *
 * The owner's `after` callback runs after every call into c-ares made by
 * an event (the tasks are then already re-armed): it sees what c-ares'
 * own callbacks recorded and may free the channel.  c-ares' callbacks
 * must only record their outcome: the channel cannot be destroyed from
 * inside them.
 */
#ifndef _ANYCAST_ARES_H
#define _ANYCAST_ARES_H

#include <ares.h>

struct anycast_ares;

typedef void (*anycast_ares_after_fn)(void *arg);

/*
 * A new channel (ares_init_options() with opts/optmask; the socket state
 * callback is added here).  Returns ARES_SUCCESS and sets *acp, or an
 * ARES_* error (*acp NULL).
 */
extern int anycast_ares_new(struct anycast_ares **acp,
			    struct ares_options *opts, int optmask,
			    anycast_ares_after_fn after, void *arg);

extern ares_channel anycast_ares_channel(const struct anycast_ares *ac);

/*
 * Hand an idle channel (no query pending) to another owner: `after` and
 * its argument are replaced (a late event of a kept socket then goes to
 * the new owner).  For reusing a channel instead of making a new one.
 */
extern void anycast_ares_set_owner(struct anycast_ares *ac,
				   anycast_ares_after_fn after, void *arg);

/*
 * Make the channel's sockets in VRF vrf (anycast_vrf_socket(); every
 * channel's sockets are made by anycast_vrf_socket(), in the default VRF
 * unless this is called); call before the first query.  A VRF zebra does not
 * know fails the query (c-ares reports it as a connection failure).
 */
extern void anycast_ares_set_vrf(struct anycast_ares *ac, const char *vrf);

/*
 * The errno of the last socket the channel could not open for a local
 * fault (anycast_errno_is_local(): EMFILE, ENOBUFS, ...), 0 if none.
 * c-ares reports such a query as failed (a connection failure): with this
 * set, the failure is anycastd's, not the server's.
 */
extern int anycast_ares_local_errno(const struct anycast_ares *ac);

/* An ARES_* status that is a local fault (no memory, no file). */
extern bool anycast_ares_status_is_local(int status);

/*
 * Schedule the socket tasks and the timer as c-ares now wants them: call
 * after starting a query outside an event of this channel.
 */
extern void anycast_ares_arm(struct anycast_ares *ac);

/*
 * Destroy the channel: pending queries end with ARES_EDESTRUCTION (their
 * callbacks run from here), sockets are closed, tasks cancelled.  *acp is
 * set to NULL; NULL is fine.
 */
extern void anycast_ares_free(struct anycast_ares **acp);

#endif /* _ANYCAST_ARES_H */
