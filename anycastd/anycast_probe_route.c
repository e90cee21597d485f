// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd route tracker: success while zebra's nexthop tracking resolves
 * a prefix (some route other than the default route covers it).
 *
 *   probe route A.B.C.D/M|X:X::X:X/M [vrf NAME]
 *
 * Each prefix in use is a target, found by prefix and VRF name in a hash,
 * with the health objects using it (anycast_probe_users.h: counted from
 * their configurations, not searched).  It is registered with zebra
 * (anycast_zebra_nht_watch, shared with the last-site guards) while
 * used; zebra answers at once and on every change, which kicks the
 * target's objects, and only those.  A run answers from the last answer,
 * or waits for the first one.
 *
 * A target names its VRF: zebra tells which VRFs exist (and their ids);
 * while the VRF is unknown the probe fails ("vrf X is not known to
 * zebra"), when it appears the target is registered in it and the route
 * objects are kicked, when it goes the registration is forgotten.
 */
#include <zebra.h>

#include "command.h"
#include "jhash.h"
#include "libfrr.h"
#include "northbound_cli.h"
#include "anycast_frr.h"
#include "typesafe.h"
#include "vrf.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_users.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

PREDECL_HASH(route_targets);

struct route_target {
	struct route_targets_item item;
	struct prefix p;
	char vrf[VRF_NAMSIZ + 1];
	vrf_id_t vrf_id; /* watched in (anycast_zebra_nht_watch); VRF_UNKNOWN */
	bool known;	 /* zebra answered since */
	uint16_t nexthop_num;
	struct anycast_probe_users users;
};

static int route_target_cmp(const struct route_target *a,
			    const struct route_target *b)
{
	int r = prefix_cmp(&a->p, &b->p);

	return r ? r : strcmp(a->vrf, b->vrf);
}

static uint32_t route_target_hash(const struct route_target *rt)
{
	return jhash(rt->vrf, strlen(rt->vrf), prefix_hash_key(&rt->p));
}

DECLARE_HASH(route_targets, struct route_target, item, route_target_cmp,
	     route_target_hash);

static struct route_targets_head targets;

static struct route_target *route_target_find(const struct prefix *p,
					      const char *vrf)
{
	struct route_target key = {};

	prefix_copy(&key.p, p);
	strlcpy(key.vrf, vrf, sizeof(key.vrf));
	return route_targets_find(&targets, &key);
}

/* the target zebra answers about: p, in the VRF rt is watched in */
static struct route_target *route_target_find_id(const struct prefix *p,
						 vrf_id_t vrf_id)
{
	struct vrf *vrf = vrf_lookup_by_id(vrf_id);
	struct route_target *rt;

	if (!vrf)
		return NULL;
	rt = route_target_find(p, vrf->name);
	return rt && rt->vrf_id == vrf_id ? rt : NULL;
}

/* watch rt in its VRF if zebra knows it; the answer kicks the users */
static void route_target_watch(struct route_target *rt)
{
	if (rt->vrf_id != VRF_UNKNOWN)
		return;
	rt->vrf_id = anycast_vrf_lookup(rt->vrf);
	rt->known = false;
	rt->nexthop_num = 0;
	if (rt->vrf_id != VRF_UNKNOWN)
		anycast_zebra_nht_watch(&rt->p, rt->vrf_id, true);
}

static void route_target_unwatch(struct route_target *rt)
{
	if (rt->vrf_id != VRF_UNKNOWN)
		anycast_zebra_nht_watch(&rt->p, rt->vrf_id, false);
	rt->vrf_id = VRF_UNKNOWN;
	rt->known = false;
	rt->nexthop_num = 0;
}

static void route_target_free(struct route_target *rt)
{
	route_target_unwatch(rt);
	route_targets_del(&targets, rt);
	anycast_probe_users_fini(&rt->users);
	XFREE(MTYPE_ANYCAST_ROUTE_TARGET, rt);
}

/* a health object's configuration uses its route: count it */
static void route_attach(const struct anycast_probe_config *cfg)
{
	struct route_target *rt =
		route_target_find(&cfg->route.prefix, cfg->route.vrf);

	if (!rt) {
		rt = XCALLOC(MTYPE_ANYCAST_ROUTE_TARGET, sizeof(*rt));
		prefix_copy(&rt->p, &cfg->route.prefix);
		strlcpy(rt->vrf, cfg->route.vrf, sizeof(rt->vrf));
		rt->vrf_id = VRF_UNKNOWN;
		route_targets_add(&targets, rt);
		route_target_watch(rt);
	}
	anycast_probe_users_add(&rt->users, cfg);
}

/* ... no longer: the last user's departure unregisters the route */
static void route_detach(const struct anycast_probe_config *cfg)
{
	struct route_target *rt =
		route_target_find(&cfg->route.prefix, cfg->route.vrf);

	if (!rt || !anycast_probe_users_del(&rt->users, cfg) || rt->users.n)
		return;
	ANYCAST_DBG_ZEBRA("route tracker %pFX: no longer used", &rt->p);
	route_target_free(rt);
}

static int route_start(struct anycast_probe_run *run)
{
	const struct prefix *p = &run->cfg->route.prefix;
	const char *vrf_name = run->cfg->route.vrf;
	struct route_target *rt = route_target_find(p, vrf_name);

	if (!rt) {
		/* not a health object's (attach): nothing to answer from */
		anycast_probe_finish(run, false, "%pFX is not tracked", p);
		return 0;
	}
	route_target_watch(rt);
	if (rt->vrf_id == VRF_UNKNOWN) {
		/* the VRF's arrival kicks the route objects */
		anycast_probe_finish(run, false, "vrf %s is not known to zebra",
				     vrf_name);
		return 0;
	}
	if (!anycast_zebra_connected_for(p)) {
		/* zebra forgot us: the reconnect registers again */
		/*
		 * zebra away says nothing about the target: no result, the
		 * object's last state holds
		 */
		anycast_probe_note_local(run);
		anycast_probe_finish(run, false, "not connected to zebra");
		return 0;
	}
	if (!rt->known)
		/* zebra's answer kicks the route objects: a new run decides */
		return 0;
	if (rt->nexthop_num)
		anycast_probe_finish(run, true, NULL);
	else
		anycast_probe_finish_lost(run, "%pFX is not resolved", p);
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
		anycast_probe_users_kick(&rt->users);
	return 0;
}

/* a new session: zebra answers every registration again (and kicks) */
static int route_reconnected(int family)
{
	struct route_target *rt;

	frr_each (route_targets, &targets, rt)
		if (rt->p.family == family)
			rt->known = false;
	return 0;
}

/* a VRF came or went: targets in it follow, their objects decide */
static int route_vrf_update(struct vrf *vrf, bool enabled)
{
	struct route_target *rt;

	frr_each (route_targets, &targets, rt) {
		if (!strmatch(rt->vrf, vrf->name))
			continue;
		ANYCAST_DBG_ZEBRA("route tracker %pFX: vrf %s %s", &rt->p,
				  vrf->name, enabled ? "enabled" : "disabled");
		route_target_unwatch(rt);
		if (enabled)
			route_target_watch(rt);
		anycast_probe_users_kick(&rt->users);
	}
	return 0;
}

static int route_fini(void)
{
	struct route_target *rt;

	while ((rt = route_targets_pop(&targets))) {
		anycast_probe_users_fini(&rt->users);
		XFREE(MTYPE_ANYCAST_ROUTE_TARGET, rt);
	}
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
	return anycast_cli_apply(vty);
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
	.attach = route_attach,
	.detach = route_detach,
};
