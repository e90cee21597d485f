// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd — the function-level differences between FRR releases (see
 * anycast_frr.h): each function below has one body per API generation, and
 * nothing outside this file and its header knows which one is built.
 * Also the daemon's one clock, on libfrr's monotime.
 */
#include <zebra.h>

#include "command.h"
#include "if.h"
#include "lib/debug.h"
#include "linklist.h"
#include "monotime.h"
#include "prefix.h"
#include "vrf.h"
#include "zclient.h"

#include "anycast_frr.h"

/* ---------------------------------------------------------------------- */
/* interface events                                                       */

#if ANYCAST_FRR_AT_LEAST(10, 0)
static struct anycast_frr_if_events if_events;

static int if_real_cb(struct interface *ifp)
{
	return if_events.created(ifp);
}

static int if_up_cb(struct interface *ifp)
{
	return if_events.up(ifp);
}

static int if_down_cb(struct interface *ifp)
{
	return if_events.down(ifp);
}

static int if_unreal_cb(struct interface *ifp)
{
	return if_events.destroyed(ifp);
}

void anycast_frr_if_events_register(const struct anycast_frr_if_events *ev)
{
	if_events = *ev;
	hook_register_prio(if_real, 0, if_real_cb);
	hook_register_prio(if_up, 0, if_up_cb);
	hook_register_prio(if_down, 0, if_down_cb);
	hook_register_prio(if_unreal, 0, if_unreal_cb);
}
#else
void anycast_frr_if_events_register(const struct anycast_frr_if_events *ev)
{
	if_zapi_callbacks(ev->created, ev->up, ev->down, ev->destroyed);
}
#endif

/* ---------------------------------------------------------------------- */
/* nexthop tracking updates                                               */

static anycast_frr_nht_cb nht_cb;

#if ANYCAST_FRR_AT_LEAST(10, 0)
static void nht_update(struct vrf *vrf, struct prefix *match,
		       struct zapi_route *nhr)
{
	nht_cb(vrf ? vrf->vrf_id : VRF_DEFAULT, match, nhr);
}

void anycast_frr_nht_handler(struct zclient *zc, anycast_frr_nht_cb cb)
{
	nht_cb = cb;
	zc->nexthop_update = nht_update;
}
#else
int anycast_frr_nht_decode(int cmd, struct zclient *zc, uint16_t length,
			   vrf_id_t vrf_id)
{
	struct zapi_route nhr;
	struct prefix match;

	memset(&match, 0, sizeof(match));
	if (!zapi_nexthop_update_decode(zc->ibuf, &match, &nhr)) {
		zlog_warn("failed to decode a nexthop update from zebra");
		return -1;
	}
	if (nht_cb)
		nht_cb(vrf_id, &match, &nhr);
	return 0;
}

void anycast_frr_nht_handler(struct zclient *zc, anycast_frr_nht_cb cb)
{
	nht_cb = cb;
}
#endif

/* ---------------------------------------------------------------------- */
/* debug flags                                                            */

#if ANYCAST_FRR_AT_LEAST(10, 2)
void anycast_frr_debug_install(const struct anycast_frr_debug *tab, size_t n)
{
	/* libfrr's debug_init() ran in frr_init() */
	for (size_t i = 0; i < n; i++) {
		tab[i].dbg->conf = tab[i].conf;
		debug_install(tab[i].dbg);
	}
}
#else
static const struct anycast_frr_debug *debugs;
static size_t n_debugs;

/* "[no] debug all" */
static void debug_set_all(uint32_t flags, bool set)
{
	for (size_t i = 0; i < n_debugs; i++) {
		DEBUG_FLAGS_SET(debugs[i].dbg, flags, set);
		if (!DEBUG_MODE_CHECK(debugs[i].dbg, DEBUG_MODE_ALL))
			DEBUG_CLEAR(debugs[i].dbg);
	}
}

static struct debug_callbacks debug_cbs = {
	.debug_set_all = debug_set_all,
};

static int debug_config_write(struct vty *vty)
{
	for (size_t i = 0; i < n_debugs; i++)
		if (DEBUG_MODE_CHECK(debugs[i].dbg, DEBUG_MODE_CONF))
			vty_out(vty, "%s\n", debugs[i].conf);
	return 0;
}

static struct cmd_node debug_node = {
	.name = "debug",
	.node = DEBUG_NODE,
	.prompt = "",
	.config_write = debug_config_write,
};

void anycast_frr_debug_install(const struct anycast_frr_debug *tab, size_t n)
{
	debugs = tab;
	n_debugs = n;
	debug_init(&debug_cbs);
	install_node(&debug_node);
}
#endif

uint64_t anycast_now_ms(void)
{
	struct timeval tv;

	monotime(&tv);
	return (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
