// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe users: the health objects using one shared target of an
 * event-driven kind (a tracked route, a BFD session, ...).
 *
 * A kind with shared targets implements attach()/detach()
 * (anycast_probe.h): each health object's configuration joins its
 * target's users when it is set and leaves when it changes or goes.  The
 * target is freed when its last user leaves (no search through every
 * object), and an event about the target kicks exactly its users
 * (anycast_probe_kick_cfg()), not every object of the kind.
 */
#ifndef _ANYCAST_PROBE_USERS_H
#define _ANYCAST_PROBE_USERS_H

#include <stdbool.h>

struct anycast_probe_config;

struct anycast_probe_users {
	const struct anycast_probe_config **v;
	unsigned int n, cap;
};

extern void anycast_probe_users_add(struct anycast_probe_users *u,
				    const struct anycast_probe_config *cfg);
/* false if cfg was not a user */
extern bool anycast_probe_users_del(struct anycast_probe_users *u,
				    const struct anycast_probe_config *cfg);
/* probe every user now */
extern void anycast_probe_users_kick(const struct anycast_probe_users *u);
extern void anycast_probe_users_fini(struct anycast_probe_users *u);

#endif /* _ANYCAST_PROBE_USERS_H */
