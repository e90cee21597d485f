// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd leftovers: take a previous zebra's kernel copies of our routes
 * out of zebra's table (see anycast_leftover.h).
 */
#include <zebra.h>

#include "hook.h"
#include "log.h"
#include "prefix.h"
#include "vrf.h"

#include "anycast_leftover.h"
#include "anycast_prefix.h"
#include "anycast_resync.h"
#include "anycast_zebra.h"

static int leftover_session_up(int family)
{
	anycast_zebra_leftovers_watch(family, VRF_UNKNOWN);
	return 0;
}

static int leftover_vrf_update(struct vrf *vrf, bool enabled)
{
	if (!enabled)
		return 0;
	anycast_zebra_leftovers_watch(AF_INET, vrf->vrf_id);
	anycast_zebra_leftovers_watch(AF_INET6, vrf->vrf_id);
	return 0;
}

static int leftover_route(const struct prefix *p, vrf_id_t vrf_id,
			  uint32_t metric)
{
	/*
	 * only the exact prefixes we are configured for, or announced before
	 * the new zebra (anycast_resync.h), are ours to judge
	 */
	if (!anycast_prefix_find(p) && !anycast_resync_known(p, vrf_id))
		return 0;
	zlog_info("%pFX: zebra has the kernel's copy of our route from a "
		  "previous zebra (vrf %u, a kernel route of distance 0 "
		  "shadowing ours): removed from zebra",
		  p, vrf_id);
	anycast_zebra_leftover_remove(p, vrf_id, metric);
	return 0;
}

void anycast_leftover_init(void)
{
	hook_register(anycast_zebra_reconnected, leftover_session_up);
	hook_register(anycast_zebra_vrf_update, leftover_vrf_update);
	hook_register(anycast_zebra_leftover_route, leftover_route);
}
