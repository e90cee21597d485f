// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd route tracker: success while zebra's nexthop tracking resolves
 * a prefix (some route other than the default route covers it).
 *
 *   probe route A.B.C.D/M|X:X::X:X/M [vrf NAME]
 *
 * Each prefix in use is a target registered with zebra (anycast_zebra.c)
 * when a run first needs it; zebra answers at once and on every change,
 * which kicks the route objects.  A run answers from the last answer, or
 * waits for the first one.  A target is unregistered as soon as no health
 * object's configuration uses it any more (the kind's release()).
 *
 * A target names its VRF: zebra tells which VRFs exist (and their ids);
 * while the VRF is unknown the probe fails ("vrf X is not known to
 * zebra"), when it appears the target is registered in it and the route
 * objects are kicked, when it goes the registration is forgotten.
 */
#include <zebra.h>

#include "command.h"
#include "libfrr.h"
#include "northbound_cli.h"
#include "anycast_frr.h"
#include "typesafe.h"
#include "vrf.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

PREDECL_DLIST(route_targets);

struct route_target {
	struct route_targets_item item;
	struct prefix p;
	char vrf[VRF_NAMSIZ + 1];
	vrf_id_t vrf_id; /* VRF_UNKNOWN while the VRF is not known */
	bool registered; /* zebra has our registration */
	bool known;	 /* zebra answered since */
	uint16_t nexthop_num;
};

DECLARE_DLIST(route_targets, struct route_target, item);

static struct route_targets_head targets;

static struct route_target *route_target_find(const struct prefix *p,
					      const char *vrf)
{
	struct route_target *rt;

	frr_each (route_targets, &targets, rt)
		if (strmatch(rt->vrf, vrf) && prefix_same(&rt->p, p))
			return rt;
	return NULL;
}

static struct route_target *route_target_find_id(const struct prefix *p,
						 vrf_id_t vrf_id)
{
	struct route_target *rt;

	frr_each (route_targets, &targets, rt)
		if (rt->vrf_id == vrf_id && prefix_same(&rt->p, p))
			return rt;
	return NULL;
}

static void route_target_register(struct route_target *rt)
{
	rt->known = false;
	rt->registered = anycast_zebra_nht_register(&rt->p, rt->vrf_id, true) !=
			 ZCLIENT_SEND_FAILURE;
}

/* does a health object's configuration use rt? */
static bool route_target_used(const struct route_target *rt)
{
	struct anycast_health *h;

	frr_each (anycast_health_tree, &anycast_healths, h)
		if (h->probe.type == ANYCAST_PROBE_ROUTE &&
		    prefix_same(&h->probe.route.prefix, &rt->p) &&
		    strmatch(h->probe.route.vrf, rt->vrf))
			return true;
	return false;
}

static void route_target_free(struct route_target *rt, bool unregister)
{
	if (unregister && rt->registered && rt->vrf_id != VRF_UNKNOWN &&
	    anycast_zebra_connected_for(&rt->p))
		anycast_zebra_nht_register(&rt->p, rt->vrf_id, false);
	route_targets_del(&targets, rt);
	XFREE(MTYPE_ANYCAST_ROUTE_TARGET, rt);
}

/* an object stopped using old: unregister its target unless still used */
static void route_release(const struct anycast_probe_config *old)
{
	struct route_target *rt =
		route_target_find(&old->route.prefix, old->route.vrf);

	if (!rt || route_target_used(rt))
		return;
	ANYCAST_DBG_ZEBRA("route tracker %pFX: no longer used", &rt->p);
	route_target_free(rt, true);
}

static int route_start(struct anycast_probe_run *run)
{
	const struct prefix *p = &run->cfg->route.prefix;
	const char *vrf_name = run->cfg->route.vrf;
	struct route_target *rt;

	rt = route_target_find(p, vrf_name);
	if (!rt) {
		rt = XCALLOC(MTYPE_ANYCAST_ROUTE_TARGET, sizeof(*rt));
		prefix_copy(&rt->p, p);
		strlcpy(rt->vrf, vrf_name, sizeof(rt->vrf));
		rt->vrf_id = VRF_UNKNOWN;
		route_targets_add_tail(&targets, rt);
	}
	if (rt->vrf_id == VRF_UNKNOWN) {
		rt->vrf_id = anycast_vrf_lookup(vrf_name);
		if (rt->vrf_id == VRF_UNKNOWN) {
			/* the VRF's arrival kicks the route objects */
			anycast_probe_finish(run, false,
					     "vrf %s is not known to zebra",
					     vrf_name);
			return 0;
		}
		rt->registered = rt->known = false;
	}
	if (!anycast_zebra_connected_for(p)) {
		/* zebra forgot us: the reconnect registers again */
		rt->registered = rt->known = false;
		anycast_probe_finish(run, false, "not connected to zebra");
		return 0;
	}
	if (!rt->registered)
		route_target_register(rt);
	if (!rt->known)
		/* zebra's answer kicks the route objects: a new run decides */
		return 0;
	if (rt->nexthop_num)
		anycast_probe_finish(run, true, NULL);
	else
		anycast_probe_finish(run, false, "%pFX is not resolved", p);
	return 0;
}

static void route_stop(struct anycast_probe_run *run)
{
}

static int route_nht_update(const struct prefix *p, vrf_id_t vrf_id,
			    const struct anycast_nht_info *info)
{
	uint16_t nexthop_num = info->nexthop_num;
	struct route_target *rt = route_target_find_id(p, vrf_id);
	bool changed;

	if (!rt)
		return 0;
	/* the default route does not count, whatever zebra resolves through
	 * (FRR 10.x's zebra, and any zebra with `ip nht resolve-via-default`,
	 * answers with it); tracking the default route itself does */
	if (nexthop_num && info->resolved.prefixlen == 0 && p->prefixlen != 0)
		nexthop_num = 0;
	changed = !rt->known || !rt->nexthop_num != !nexthop_num;
	rt->known = true;
	rt->nexthop_num = nexthop_num;
	if (changed)
		anycast_probe_kick(ANYCAST_PROBE_ROUTE);
	return 0;
}

static int route_reconnected(int family)
{
	struct route_target *rt;

	frr_each (route_targets, &targets, rt)
		if (rt->p.family == family && rt->vrf_id != VRF_UNKNOWN)
			route_target_register(rt);
	return 0;
}

/* a VRF came or went: targets in it follow, the route objects decide */
static int route_vrf_update(struct vrf *vrf, bool enabled)
{
	struct route_target *rt;
	bool kick = false;

	frr_each (route_targets, &targets, rt) {
		if (!strmatch(rt->vrf, vrf->name))
			continue;
		/* registered again by the next run, with the new id */
		rt->vrf_id = VRF_UNKNOWN;
		rt->registered = rt->known = false;
		rt->nexthop_num = 0;
		kick = true;
	}
	if (kick) {
		ANYCAST_DBG_ZEBRA("route trackers: vrf %s %s", vrf->name,
				  enabled ? "enabled" : "disabled");
		anycast_probe_kick(ANYCAST_PROBE_ROUTE);
	}
	return 0;
}

static int route_fini(void)
{
	struct route_target *rt;

	while ((rt = route_targets_first(&targets)))
		route_target_free(rt, false);
	route_targets_fini(&targets);
	return 0;
}

static void route_config_read(struct anycast_probe_config *cfg,
			      const struct lyd_node *dnode)
{
	yang_dnode_get_prefix(&cfg->route.prefix, dnode, "./prefix");
	strlcpy(cfg->route.vrf, yang_dnode_get_string(dnode, "./vrf"),
		sizeof(cfg->route.vrf));
}

static void route_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	const char *vrf = yang_dnode_get_string(dnode, "./vrf");

	vty_out(vty, "  probe route %s",
		yang_dnode_get_string(dnode, "./prefix"));
	if (strcmp(vrf, VRF_DEFAULT_NAME))
		vty_out(vty, " vrf %s", vrf);
	vty_out(vty, "\n");
}

static void route_describe(const struct anycast_probe_config *cfg, char *buf,
			   size_t len)
{
	if (strcmp(cfg->route.vrf, VRF_DEFAULT_NAME))
		snprintfrr(buf, len, "route %pFX vrf %s", &cfg->route.prefix,
			   cfg->route.vrf);
	else
		snprintfrr(buf, len, "route %pFX", &cfg->route.prefix);
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_route_clippy.c"
#endif

DEFPY_YANG(probe_route, probe_route_cmd,
	   "probe route <A.B.C.D/M|X:X::X:X/M>$pfx [vrf NAME$vrf]",
	   "What to check\n"
	   "A prefix resolving in zebra (nexthop tracking)\n"
	   "IPv4 prefix\n"
	   "IPv6 prefix\n"
	   "VRF to resolve in\n"
	   "VRF name (need not exist yet)\n")
{
	struct prefix p;
	char buf[PREFIX_STRLEN];

	if (vrf && strlen(vrf) > VRF_NAMSIZ) {
		vty_out(vty, "%% VRF name too long (at most %d characters)\n",
			VRF_NAMSIZ);
		return CMD_WARNING_CONFIG_FAILED;
	}
	prefix_copy(&p, pfx);
	apply_mask(&p);
	prefix2str(&p, buf, sizeof(buf));

	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/route/prefix", NB_OP_MODIFY, buf);
	nb_cli_enqueue_change(vty, "./probe/route/vrf", NB_OP_MODIFY,
			      vrf ? vrf : VRF_DEFAULT_NAME);
	return nb_cli_apply_changes(vty, NULL);
}

static void route_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_route_cmd);
	route_targets_init(&targets);
	hook_register(anycast_zebra_nht_update, route_nht_update);
	hook_register(anycast_zebra_reconnected, route_reconnected);
	hook_register(anycast_zebra_vrf_update, route_vrf_update);
	hook_register(frr_fini, route_fini);
}

const struct anycast_probe_kind anycast_probe_route = {
	.name = "route",
	.start = route_start,
	.stop = route_stop,
	.config_read = route_config_read,
	.cli_show = route_cli_show,
	.describe = route_describe,
	.vty_init = route_vty_init,
	.release = route_release,
};
