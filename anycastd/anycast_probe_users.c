// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe users (see anycast_probe_users.h).
 */
#include <zebra.h>

#include "memory.h"

#include "anycast_memory.h"
#include "anycast_probe.h"
#include "anycast_probe_users.h"

void anycast_probe_users_add(struct anycast_probe_users *u,
			     const struct anycast_probe_config *cfg)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 4;
		u->v = XREALLOC(MTYPE_ANYCAST_PROBE_USERS, u->v,
				u->cap * sizeof(*u->v));
	}
	u->v[u->n++] = cfg;
}

bool anycast_probe_users_del(struct anycast_probe_users *u,
			     const struct anycast_probe_config *cfg)
{
	/* newest first: a changed configuration left the end */
	for (unsigned int i = u->n; i-- > 0;) {
		if (u->v[i] != cfg)
			continue;
		u->v[i] = u->v[--u->n];
		return true;
	}
	return false;
}

void anycast_probe_users_kick(const struct anycast_probe_users *u)
{
	for (unsigned int i = 0; i < u->n; i++)
		anycast_probe_kick_cfg(u->v[i]);
}

void anycast_probe_users_fini(struct anycast_probe_users *u)
{
	XFREE(MTYPE_ANYCAST_PROBE_USERS, u->v);
	u->n = u->cap = 0;
}
