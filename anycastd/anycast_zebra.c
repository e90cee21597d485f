// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd zebra adapter (see anycast_zebra.h).
 */
#include <zebra.h>

#include "bfd.h"
#include "if.h"
#include "jhash.h"
#include "log.h"
#include "nexthop.h"
#include "privs.h"
#include "vrf.h"
#include "zclient.h"

#include "anycast_debug.h"
#include "anycast_frr.h"
#include "anycast_gr.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_prefix.h"
#include "anycast_resync.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;
extern struct zebra_privs_t anycast_privs;

unsigned short anycast_table_instance = ANYCAST_TABLE_INSTANCE_DEFAULT;

DEFINE_HOOK(anycast_zebra_if_update, (struct interface * ifp), (ifp));
DEFINE_HOOK(anycast_zebra_nht_update,
	    (const struct prefix *p, vrf_id_t vrf_id,
	     const struct anycast_nht_info *info),
	    (p, vrf_id, info));
DEFINE_HOOK(anycast_zebra_reconnected, (int family), (family));
DEFINE_HOOK(anycast_zebra_own_route, (const struct prefix *p, vrf_id_t vrf_id),
	    (p, vrf_id));
DEFINE_HOOK(anycast_zebra_bfd_reconnected, (), ());
DEFINE_HOOK(anycast_zebra_leftover_route,
	    (const struct prefix *p, vrf_id_t vrf_id, uint32_t metric),
	    (p, vrf_id, metric));
DEFINE_HOOK(anycast_zebra_route_sent,
	    (const struct prefix *p, vrf_id_t vrf_id, bool install),
	    (p, vrf_id, install));
DEFINE_HOOK(anycast_zebra_route_notify,
	    (const struct prefix *p, vrf_id_t vrf_id,
	     enum zapi_route_notify_owner note),
	    (p, vrf_id, note));
DEFINE_HOOK(anycast_zebra_vrf_update, (struct vrf * vrf, bool enabled),
	    (vrf, enabled));

static void gr_vrf_enable(vrf_id_t vrf_id);

static int anycast_vrf_enable(struct vrf *vrf)
{
	ANYCAST_DBG_ZEBRA("vrf %s: enabled (id %u)", vrf->name, vrf->vrf_id);
	gr_vrf_enable(vrf->vrf_id);
	hook_call(anycast_zebra_vrf_update, vrf, true);
	return 0;
}

static int anycast_vrf_disable(struct vrf *vrf)
{
	ANYCAST_DBG_ZEBRA("vrf %s: disabled", vrf->name);
	hook_call(anycast_zebra_vrf_update, vrf, false);
	return 0;
}

void anycast_zebra_vrf_init(void)
{
	vrf_init(NULL, anycast_vrf_enable, anycast_vrf_disable, NULL);
}

/*
 * One zapi session per address family.  IPv4 routes use instance
 * anycast_table_instance (bgpd: `redistribute table 253`).  bgpd 8.4 has no
 * `redistribute table N` for IPv6 (only `redistribute table`, which means
 * instance 0), so IPv6 routes are sent by a second session that says
 * hello as table instance 0.  zebra matches routes to their session by
 * type and instance, so each session's routes go when it goes.
 */
static struct zclient *zclient_v4, *zclient_v6;

/*
 * BFD (the bfd tracker) has a zapi session of its own: zebra 8.4 passes
 * BFD messages only to clients of a BFD-enabled protocol
 * (IS_BFD_ENABLED_PROTOCOL: bgp, ospf, ospf6, isis, pim, openfabric), not
 * to "table" clients.  It says hello as openfabric and sends no routes.
 * Caveat: zebra tracks BFD clients by protocol, so with FRR's own fabricd
 * on the same zebra the two would share (and on disconnect, drop) each
 * other's BFD registrations: don't combine `probe bfd` with fabricd.
 */
static struct zclient *zclient_bfd;

/* when each route session (IPv4, IPv6) was found down; 0: up */
static int64_t lost_ms[2];

int64_t anycast_zebra_lost_at_ms(int family)
{
	return lost_ms[family == AF_INET6 ? 1 : 0];
}

static bool zclient_up(const struct zclient *zc)
{
	return zc && zc->sock >= 0;
}

static struct zclient *zclient_for_family(int family)
{
	return family == AF_INET6 ? zclient_v6 : zclient_v4;
}

bool anycast_zebra_connected_for(const struct prefix *p)
{
	return zclient_up(zclient_for_family(p->family));
}

bool anycast_zebra_connected_for_family(int family)
{
	return zclient_up(zclient_for_family(family));
}

bool anycast_zebra_bfd_connected(void)
{
	return zclient_up(zclient_bfd);
}

bool anycast_zebra_connected(void)
{
	return zclient_up(zclient_v4) && zclient_up(zclient_v6);
}

void anycast_zebra_route_update(const struct prefix *p, vrf_id_t vrf_id,
				const struct anycast_route *rt)
{
	struct zclient *zclient = zclient_for_family(p->family);
	bool install = rt != NULL;
	struct zapi_route api;
	struct zapi_nexthop *nh;
	enum zclient_send_status ret;

	if (!zclient_up(zclient)) {
		ANYCAST_DBG_ZEBRA("%pFX: not connected, %s deferred", p,
				  install ? "install" : "removal");
		return;
	}
	/*
	 * a blind removal (the GR sync point's) of a route sent again to be
	 * withdrawn: it would reach zebra before zebra selected that route,
	 * which bgpd would then never hear of.  The resync removes it.
	 */
	if (!install && anycast_resync_withdrawing(p, vrf_id)) {
		ANYCAST_DBG_ZEBRA("%pFX: removal left to the resync", p);
		return;
	}

	memset(&api, 0, sizeof(api));
	api.vrf_id = vrf_id;
	api.type = ZEBRA_ROUTE_TABLE;
	api.instance = zclient->instance;
	api.safi = SAFI_UNICAST;
	prefix_copy(&api.prefix, p);

	if (install) {
		SET_FLAG(api.message, ZAPI_MESSAGE_NEXTHOP);
		api.nexthop_num = 1;
		nh = &api.nexthops[0];
		nh->vrf_id = vrf_id;
		nh->type = NEXTHOP_TYPE_BLACKHOLE;
		nh->bh_type = BLACKHOLE_NULL;
		if (rt->has_metric) {
			SET_FLAG(api.message, ZAPI_MESSAGE_METRIC);
			api.metric = rt->metric;
		}
		if (rt->has_tag) {
			SET_FLAG(api.message, ZAPI_MESSAGE_TAG);
			api.tag = rt->tag;
		}
		if (rt->distance) {
			SET_FLAG(api.message, ZAPI_MESSAGE_DISTANCE);
			api.distance = rt->distance;
		}
	}

	ret = zclient_route_send(install ? ZEBRA_ROUTE_ADD : ZEBRA_ROUTE_DELETE,
				 zclient, &api);
	if (ret == ZCLIENT_SEND_FAILURE) {
		zlog_warn("%pFX: failed to send route %s to zebra", p,
			  install ? "add" : "delete");
		return;
	}
	ANYCAST_DBG_ZEBRA("%pFX: route %s sent (vrf %u, metric %s%u, "
			  "tag %u)",
			  p, install ? "add" : "delete", vrf_id,
			  install && rt->has_metric ? "" : "unset ",
			  install ? rt->metric : 0,
			  install && rt->has_tag ? rt->tag : 0);
	hook_call(anycast_zebra_route_sent, p, vrf_id, install);
}

static enum zclient_send_status nht_send(const struct prefix *p,
					 vrf_id_t vrf_id, bool reg)
{
	struct zclient *zclient = zclient_for_family(p->family);
	enum zclient_send_status ret;

	if (!zclient_up(zclient)) {
		ANYCAST_DBG_ZEBRA("%pFX: not connected, nexthop %sregistration "
				  "deferred",
				  p, reg ? "" : "de");
		return ZCLIENT_SEND_FAILURE;
	}
	/*
	 * Not "connected" (any route may resolve it) and not via the
	 * default route: zebra answers with the longest route covering p.
	 */
	ret = zclient_send_rnh(zclient,
			       reg ? ZEBRA_NEXTHOP_REGISTER
				   : ZEBRA_NEXTHOP_UNREGISTER,
			       p, SAFI_UNICAST, false, false, vrf_id);
	if (ret == ZCLIENT_SEND_FAILURE)
		zlog_warn("%pFX: failed to send nexthop %sregister to zebra", p,
			  reg ? "" : "un");
	else
		ANYCAST_DBG_ZEBRA("%pFX: nexthop %sregister sent (vrf %u)", p,
				  reg ? "" : "un", vrf_id);
	return ret;
}

/*
 * Nexthop tracking registrations.  zebra keeps one per client and prefix,
 * not per user: the route trackers and the last-site guards of this
 * process share them, counted, so one user's unregistration does not
 * silence another's updates.  Sent again at every (re)connect.
 */
PREDECL_HASH(nht_regs);

struct nht_reg {
	struct nht_regs_item item;
	struct prefix p;
	vrf_id_t vrf_id;
	unsigned int refs;
};

static int nht_reg_cmp(const struct nht_reg *a, const struct nht_reg *b)
{
	int r = prefix_cmp(&a->p, &b->p);

	if (r)
		return r;
	return a->vrf_id < b->vrf_id ? -1 : a->vrf_id > b->vrf_id;
}

static uint32_t nht_reg_hash(const struct nht_reg *r)
{
	return jhash_1word(r->vrf_id, prefix_hash_key(&r->p));
}

DECLARE_HASH(nht_regs, struct nht_reg, item, nht_reg_cmp, nht_reg_hash);

static struct nht_regs_head nht_regs;
static bool nht_ready; /* between init and terminate */

void anycast_zebra_nht_watch(const struct prefix *p, vrf_id_t vrf_id, bool on)
{
	struct nht_reg key = {.vrf_id = vrf_id}, *r;

	if (!nht_ready)
		return;
	prefix_copy(&key.p, p);
	r = nht_regs_find(&nht_regs, &key);
	if (on) {
		if (!r) {
			r = XCALLOC(MTYPE_ANYCAST_NHT, sizeof(*r));
			prefix_copy(&r->p, p);
			r->vrf_id = vrf_id;
			nht_regs_add(&nht_regs, r);
		}
		if (r->refs++ == 0 && anycast_zebra_connected_for(p))
			nht_send(p, vrf_id, true);
		return;
	}
	if (!r || --r->refs > 0)
		return;
	if (anycast_zebra_connected_for(p))
		nht_send(p, vrf_id, false);
	nht_regs_del(&nht_regs, r);
	XFREE(MTYPE_ANYCAST_NHT, r);
}

/* a new session: zebra has none of family's registrations */
static void nht_resend(int family)
{
	struct nht_reg *r;

	frr_each (nht_regs, &nht_regs, r)
		if (r->p.family == family)
			nht_send(&r->p, r->vrf_id, true);
}

static bool flush_answered(const struct prefix *match);

static void anycast_zebra_nexthop_update(vrf_id_t vrf_id,
					 const struct prefix *match,
					 const struct zapi_route *nhr)
{
	struct anycast_nht_info info;

	if (flush_answered(match))
		return;
	ANYCAST_DBG_ZEBRA("%pFX: nexthop update (vrf %u): %u nexthop(s) via "
			  "%pFX",
			  match, vrf_id, nhr->nexthop_num, &nhr->prefix);
	info.nexthop_num = nhr->nexthop_num;
	info.type = nhr->type;
	info.instance = nhr->instance;
	prefix_copy(&info.resolved, &nhr->prefix);
	hook_call(anycast_zebra_nht_update, match, vrf_id, &info);
}

/*
 * Interface add/delete/up/down are decoded by libfrr itself (lib_handlers
 * in lib/zclient.c, then the events registered below through
 * anycast_frr_if_events_register()); addresses are left
 * to the daemon.  zebra sends every interface message to both sessions:
 * the second copy of an add/up/down/address change finds it applied and
 * changes nothing, but when an interface is deleted libfrr logs "Cannot
 * find IF" for the copy that arrives after the interface is gone.
 */
static int anycast_zebra_if_address(ZAPI_CALLBACK_ARGS)
{
	struct connected *ifc;
	struct interface *ifp;

	ifc = zebra_interface_address_read(cmd, zclient->ibuf, vrf_id);
	if (!ifc)
		return 0;
	ifp = ifc->ifp;
	ANYCAST_DBG_ZEBRA("%s: address %pFX %s", ifp->name, ifc->address,
			  cmd == ZEBRA_INTERFACE_ADDRESS_ADD ? "added"
							     : "deleted");
	if (cmd == ZEBRA_INTERFACE_ADDRESS_DELETE)
		connected_free(&ifc);
	hook_call(anycast_zebra_if_update, ifp);
	return 0;
}

static int anycast_zebra_if_create(struct interface *ifp)
{
	ANYCAST_DBG_ZEBRA("%s: interface added", ifp->name);
	hook_call(anycast_zebra_if_update, ifp);
	return 0;
}

static int anycast_zebra_if_up(struct interface *ifp)
{
	ANYCAST_DBG_ZEBRA("%s: interface up", ifp->name);
	hook_call(anycast_zebra_if_update, ifp);
	return 0;
}

static int anycast_zebra_if_down(struct interface *ifp)
{
	ANYCAST_DBG_ZEBRA("%s: interface down", ifp->name);
	hook_call(anycast_zebra_if_update, ifp);
	return 0;
}

static int anycast_zebra_if_destroy(struct interface *ifp)
{
	ANYCAST_DBG_ZEBRA("%s: interface deleted", ifp->name);
	hook_call(anycast_zebra_if_update, ifp);
	return 0;
}

/*
 * Our own routes in zebra, listed on request: zebra dumps the routes of a
 * type and instance to a client that asks for their redistribution.  For
 * an instance zebra keeps one registration per client, not per VRF (a
 * second VRF's request dumps nothing), so each VRF's request is withdrawn
 * right after it: the dump happens in between.  zebra lists only selected
 * routes.
 */
/*
 * Ask zebra, on family's session, for the redistribution of type/instance
 * in vrf_id (VRF_UNKNOWN: every VRF zebra reported); with once, withdraw
 * each request right after it (zebra dumps what it has in between).
 */
static void redist_request(int family, vrf_id_t vrf_id, int type,
			   unsigned short instance, bool once)
{
	struct zclient *zc = zclient_for_family(family);
	afi_t afi = family == AF_INET6 ? AFI_IP6 : AFI_IP;
	struct vrf *vrf;

	if (!zclient_up(zc))
		return;
	RB_FOREACH(vrf, vrf_id_head, &vrfs_by_id)
	{
		if (!vrf_is_enabled(vrf) ||
		    (vrf_id != VRF_UNKNOWN && vrf->vrf_id != vrf_id))
			continue;
		zebra_redistribute_send(ZEBRA_REDISTRIBUTE_ADD, zc, afi, type,
					instance, vrf->vrf_id);
		if (once)
			zebra_redistribute_send(ZEBRA_REDISTRIBUTE_DELETE, zc,
						afi, type, instance,
						vrf->vrf_id);
		ANYCAST_DBG_ZEBRA("session table/%u: %s %s routes in vrf %u",
				  zc->instance, once ? "listing" : "watching",
				  zebra_route_string(type), vrf->vrf_id);
	}
}

void anycast_zebra_own_routes_request(int family, vrf_id_t vrf_id)
{
	struct zclient *zc = zclient_for_family(family);

	if (zc)
		redist_request(family, vrf_id, ZEBRA_ROUTE_TABLE, zc->instance,
			       true);
}

void anycast_zebra_leftovers_watch(int family, vrf_id_t vrf_id)
{
	redist_request(family, vrf_id, ZEBRA_ROUTE_KERNEL, 0, false);
}

void anycast_zebra_leftover_remove(const struct prefix *p, vrf_id_t vrf_id,
				   uint32_t metric)
{
	struct zclient *zclient = zclient_for_family(p->family);
	struct zapi_route api;

	if (!zclient_up(zclient))
		return;
	memset(&api, 0, sizeof(api));
	api.vrf_id = vrf_id;
	api.type = ZEBRA_ROUTE_KERNEL;
	api.safi = SAFI_UNICAST;
	prefix_copy(&api.prefix, p);
	/* zebra tells kernel routes apart by metric */
	SET_FLAG(api.message, ZAPI_MESSAGE_METRIC);
	api.metric = metric;
	if (zclient_route_send(ZEBRA_ROUTE_DELETE, zclient, &api) ==
	    ZCLIENT_SEND_FAILURE)
		zlog_warn("%pFX: failed to send a leftover's removal to zebra",
			  p);
}

/* a kernel route of a previous zebra's: a blackhole and a self route */
static bool leftover_of_zebra(const struct zapi_route *api)
{
	return api->type == ZEBRA_ROUTE_KERNEL &&
	       CHECK_FLAG(api->flags, ZEBRA_FLAG_SELFROUTE) &&
	       api->nexthop_num == 1 &&
	       api->nexthops[0].type == NEXTHOP_TYPE_BLACKHOLE;
}

static int anycast_zebra_redistributed(ZAPI_CALLBACK_ARGS)
{
	struct zapi_route api;

	if (zapi_route_decode(zclient->ibuf, &api) < 0) {
		zlog_warn("failed to decode a route from zebra");
		return -1;
	}
	if (cmd == ZEBRA_REDISTRIBUTE_ROUTE_ADD && leftover_of_zebra(&api)) {
		hook_call(anycast_zebra_leftover_route, &api.prefix, vrf_id,
			  api.metric);
		return 0;
	}
	if (cmd != ZEBRA_REDISTRIBUTE_ROUTE_ADD ||
	    api.type != ZEBRA_ROUTE_TABLE || api.instance != zclient->instance)
		return 0;
	ANYCAST_DBG_ZEBRA("%pFX: a route of ours in zebra (vrf %u)",
			  &api.prefix, vrf_id);
	hook_call(anycast_zebra_own_route, &api.prefix, vrf_id);
	return 0;
}

static int anycast_zebra_route_notify_owner(ZAPI_CALLBACK_ARGS)
{
	enum zapi_route_notify_owner note;
	struct prefix p;
	uint32_t table;
	afi_t afi;
	safi_t safi;

	if (!zapi_route_notify_decode(zclient->ibuf, &p, &table, &note, &afi,
				      &safi)) {
		zlog_warn("failed to decode a route notification from zebra");
		return -1;
	}
	ANYCAST_DBG_ZEBRA("%pFX: zebra says %d (vrf %u)", &p, note, vrf_id);
	hook_call(anycast_zebra_route_notify, &p, vrf_id, note);
	return 0;
}

static zclient_handler *const anycast_handlers[] = {
	[ZEBRA_ROUTE_NOTIFY_OWNER] = anycast_zebra_route_notify_owner,
	[ZEBRA_REDISTRIBUTE_ROUTE_ADD] = anycast_zebra_redistributed,
	[ZEBRA_REDISTRIBUTE_ROUTE_DEL] = anycast_zebra_redistributed,
	[ZEBRA_INTERFACE_ADDRESS_ADD] = anycast_zebra_if_address,
	[ZEBRA_INTERFACE_ADDRESS_DELETE] = anycast_zebra_if_address,
	ANYCAST_FRR_NHT_HANDLER};

/*
 * A new zebra may number the VRFs differently (netns VRFs: in the order it
 * finds the namespaces), and libfrr does not renumber a VRF it knows by
 * name (vrf_get: "avoid … creation").  So forget every VRF but the default
 * (the hook tells their users they went, with their routes); the new zebra
 * announces each again, with its id.
 */
static void anycast_zebra_vrfs_forget(void)
{
	struct vrf *vrf, *next;

	for (vrf = RB_MIN(vrf_name_head, &vrfs_by_name); vrf; vrf = next) {
		next = RB_NEXT(vrf_name_head, vrf);
		if (vrf->vrf_id != VRF_DEFAULT)
			vrf_delete(vrf);
	}
}

/*
 * Graceful restart (see anycast_gr.h for what zebra does with it).  zebra
 * keeps GR state per client (one per route session) and per VRF id, and
 * sweeps stale routes only in the VRFs it has state for: every message
 * goes to every VRF zebra told us about (zebra ignores a GR_DISABLE or
 * ROUTE_UPDATE_COMPLETE for a VRF it has no state for).
 */
static const char *gr_cap_name(enum zserv_client_capabilities cap)
{
	switch (cap) {
	case ZEBRA_CLIENT_GR_CAPABILITIES:
		return "GR capability";
	case ZEBRA_CLIENT_ROUTE_UPDATE_COMPLETE:
		return "route update complete";
	case ZEBRA_CLIENT_ROUTE_UPDATE_PENDING:
		return "route update pending";
	case ZEBRA_CLIENT_GR_DISABLE:
		return "GR disable";
	case ZEBRA_CLIENT_RIB_STALE_TIME:
		return "stale time";
	}
	return "?";
}

static void gr_cap_send(struct zclient *zc, enum zserv_client_capabilities cap,
			vrf_id_t vrf_id)
{
	struct zapi_cap api;

	if (!zclient_up(zc))
		return;
	memset(&api, 0, sizeof(api));
	api.cap = cap;
	api.stale_removal_time = anycast_gr_stale_time_get();
	api.afi = zc == zclient_v6 ? AFI_IP6 : AFI_IP;
	api.safi = SAFI_UNICAST;
	api.vrf_id = vrf_id;
	if (zclient_capabilities_send(ZEBRA_CLIENT_CAPABILITIES, zc, &api) ==
	    ZCLIENT_SEND_FAILURE)
		zlog_warn("session table/%u: failed to send %s (vrf %u) to "
			  "zebra",
			  zc->instance, gr_cap_name(cap), vrf_id);
	else
		ANYCAST_DBG_ZEBRA("session table/%u: %s sent (vrf %u, stale "
				  "time %u s)",
				  zc->instance, gr_cap_name(cap), vrf_id,
				  api.stale_removal_time);
}

/*
 * GR on in one VRF: the capability, then the stale time (zebra takes the
 * time from the capability only when it has no GR state for us yet, e.g.
 * one carried over from the previous process: RIB_STALE_TIME updates it).
 */
static void gr_enable_send(struct zclient *zc, vrf_id_t vrf_id)
{
	gr_cap_send(zc, ZEBRA_CLIENT_GR_CAPABILITIES, vrf_id);
	gr_cap_send(zc, ZEBRA_CLIENT_RIB_STALE_TIME, vrf_id);
}

static void gr_send_all_vrfs(struct zclient *zc,
			     enum zserv_client_capabilities cap)
{
	struct vrf *vrf;

	RB_FOREACH(vrf, vrf_id_head, &vrfs_by_id)
	{
		if (!vrf_is_enabled(vrf))
			continue;
		if (cap == ZEBRA_CLIENT_GR_CAPABILITIES)
			gr_enable_send(zc, vrf->vrf_id);
		else
			gr_cap_send(zc, cap, vrf->vrf_id);
	}
}

static void gr_vrf_enable(vrf_id_t vrf_id)
{
	if (!anycast_gr_stale_time_get())
		return;
	gr_enable_send(zclient_v4, vrf_id);
	gr_enable_send(zclient_v6, vrf_id);
}

void anycast_zebra_gr_update(void)
{
	enum zserv_client_capabilities cap =
		anycast_gr_stale_time_get() ? ZEBRA_CLIENT_GR_CAPABILITIES
					    : ZEBRA_CLIENT_GR_DISABLE;

	gr_send_all_vrfs(zclient_v4, cap);
	gr_send_all_vrfs(zclient_v6, cap);
}

bool anycast_zebra_gr_sync(int family)
{
	struct zclient *zc = zclient_for_family(family);

	if (!zclient_up(zc))
		return false;
	gr_send_all_vrfs(zc, anycast_gr_stale_time_get()
				     ? ZEBRA_CLIENT_ROUTE_UPDATE_COMPLETE
				     : ZEBRA_CLIENT_GR_DISABLE);
	return true;
}

static void anycast_zebra_connected_cb(struct zclient *zc)
{
	int family = zc == zclient_v6 ? AF_INET6 : AF_INET;
	struct anycast_prefix *ap;
	unsigned int n = 0;

	/* the first session up since zebra (re)started: its VRFs are new */
	if (!zclient_up(zc == zclient_v6 ? zclient_v4 : zclient_v6))
		anycast_zebra_vrfs_forget();
	zclient_send_reg_requests(zc, VRF_DEFAULT);
	/* installed or not: what anycast_resync.c waits for */
	zebra_route_notify_send(ZEBRA_ROUTE_NOTIFY_REQUEST, zc, true);
	/* GR state first: what we send from now on replaces stale routes */
	if (anycast_gr_stale_time_get())
		gr_send_all_vrfs(zc, ZEBRA_CLIENT_GR_CAPABILITIES);
	/* zebra forgot (or never had) our routes: send every wanted one, each
	 * in its VRF */
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (!ap->announce || ap->p.family != family)
			continue;
		anycast_zebra_route_update(&ap->p, ap->vrf_id, &ap->route);
		n++;
	}
	zlog_info("connected to zebra for %s as table instance %u, %u route(s) "
		  "sent",
		  family == AF_INET ? "IPv4" : "IPv6", zc->instance, n);
	/* zebra forgot our nexthop registrations too */
	nht_resend(family);
	hook_call(anycast_zebra_reconnected, family);
	lost_ms[family == AF_INET6 ? 1 : 0] = 0;
}

static struct zclient *anycast_zclient_new(unsigned short instance)
{
	struct zclient *zc;

	zc = zclient_new(master, &zclient_options_default, anycast_handlers,
			 array_size(anycast_handlers));
	zclient_init(zc, ZEBRA_ROUTE_TABLE, instance, &anycast_privs);
	zc->zebra_connected = anycast_zebra_connected_cb;
	anycast_frr_nht_handler(zc, anycast_zebra_nexthop_update);
	return zc;
}

static void anycast_zebra_bfd_connected_cb(struct zclient *zc)
{
	bfd_client_sendmsg(zc, ZEBRA_BFD_CLIENT_REGISTER, VRF_DEFAULT);
	ANYCAST_DBG_ZEBRA("connected to zebra for BFD");
	hook_call(anycast_zebra_bfd_reconnected);
}

/*
 * Reconnecting: libfrr's zclient retries 10 s (later 60 s) after losing
 * zebra.  anycastd's routes are the service's reachability, so while a
 * session is down it is retried every ANYCAST_ZEBRA_RETRY_MS instead: the
 * libfrr retry timer is replaced by an immediate attempt (which, when it
 * fails, arms the timer again for the next look).
 */
#define ANYCAST_ZEBRA_RETRY_MS 250
static struct frr_event *t_retry;

static void anycast_zebra_retry(struct frr_event *t)
{
	struct zclient *sessions[] = {zclient_v4, zclient_v6, zclient_bfd};

	for (size_t i = 0; i < array_size(sessions); i++) {
		struct zclient *zc = sessions[i];

		if (zc && zc->sock < 0 && i < array_size(lost_ms) &&
		    !lost_ms[i])
			lost_ms[i] = (int64_t)anycast_now_ms();
		if (!zc || zc->sock >= 0 || !zc->t_connect)
			continue;
		EVENT_OFF(zc->t_connect);
		if (zclient_start(zc) == 0)
			ANYCAST_DBG_ZEBRA(
				"session %s/%u: reconnected",
				zebra_route_string(zc->redist_default),
				zc->instance);
	}
	event_add_timer_msec(master, anycast_zebra_retry, NULL,
			     ANYCAST_ZEBRA_RETRY_MS, &t_retry);
}

/*
 * Flush before a clean stop.  zebra reads a client's socket in its own
 * thread, and when one read ends at the client's close it throws away the
 * messages read with it (zserv_read: zread_fail frees the batch): the
 * withdraws and GR_DISABLE sent right before exit() may never be
 * processed.  Without GR that is harmless (the close removes our routes);
 * with GR zebra would keep them as stale.  So a clean stop sends, after
 * them, a nexthop registration of a barrier prefix on each route session:
 * zebra answers every registration (zebra_add_rnh_client) and handles a
 * client's messages in order, so the answer means everything before it
 * was processed.  The unspecified address is never an anycast prefix.
 */
#define ANYCAST_ZEBRA_FLUSH_MS 1000
static const struct prefix flush_barrier_v4 = {.family = AF_INET,
					       .prefixlen = IPV4_MAX_BITLEN};
static const struct prefix flush_barrier_v6 = {.family = AF_INET6,
					       .prefixlen = IPV6_MAX_BITLEN};
static void (*flush_done)(void);
static unsigned int flush_waiting; /* sessions: 1 IPv4, 2 IPv6 */
static struct frr_event *t_flush;

static void flush_finish(struct frr_event *t)
{
	void (*done)(void) = flush_done;

	if (flush_waiting)
		zlog_warn("zebra did not confirm the withdraws within %d ms",
			  ANYCAST_ZEBRA_FLUSH_MS);
	flush_done = NULL;
	flush_waiting = 0;
	done();
}

void anycast_zebra_flush(void (*done)(void))
{
	struct zclient *sessions[] = {zclient_v4, zclient_v6};
	const struct prefix *barriers[] = {&flush_barrier_v4,
					   &flush_barrier_v6};

	/* no reconnect meanwhile */
	EVENT_OFF(t_retry);
	flush_done = done;
	flush_waiting = 0;
	for (size_t i = 0; i < array_size(sessions); i++) {
		struct zclient *zc = sessions[i];

		if (!zclient_up(zc))
			continue;
		/* no GR state left behind: nothing stale for a successor */
		gr_send_all_vrfs(zc, ZEBRA_CLIENT_GR_DISABLE);
		if (zclient_send_rnh(zc, ZEBRA_NEXTHOP_REGISTER, barriers[i],
				     SAFI_UNICAST, false, false,
				     VRF_DEFAULT) != ZCLIENT_SEND_FAILURE)
			flush_waiting |= 1U << i;
	}
	/* from an event: done() frees the sessions */
	event_add_timer_msec(master, flush_finish, NULL,
			     flush_waiting ? ANYCAST_ZEBRA_FLUSH_MS : 0,
			     &t_flush);
}

/* a nexthop update that answers a flush barrier */
static bool flush_answered(const struct prefix *match)
{
	struct zclient *zc = zclient_for_family(match->family);
	unsigned int bit = zc == zclient_v6 ? 2 : 1;

	if (!flush_done || !prefix_same(match, bit == 2 ? &flush_barrier_v6
							: &flush_barrier_v4))
		return false;
	flush_waiting &= ~bit;
	ANYCAST_DBG_ZEBRA("session table/%u: zebra processed everything "
			  "before the stop",
			  zc->instance);
	if (!flush_waiting) {
		EVENT_OFF(t_flush);
		event_add_event(master, flush_finish, NULL, 0, &t_flush);
	}
	return true;
}

void anycast_zebra_init(void)
{
	nht_regs_init(&nht_regs);
	nht_ready = true;
	static const struct anycast_frr_if_events if_events = {
		.created = anycast_zebra_if_create,
		.up = anycast_zebra_if_up,
		.down = anycast_zebra_if_down,
		.destroyed = anycast_zebra_if_destroy,
	};

	anycast_frr_if_events_register(&if_events);
	zclient_v4 = anycast_zclient_new(anycast_table_instance);
	zclient_v6 = anycast_zclient_new(ANYCAST_TABLE_INSTANCE_IPV6);
	zclient_bfd = zclient_new(master, &zclient_options_default, NULL, 0);
	zclient_init(zclient_bfd, ZEBRA_ROUTE_OPENFABRIC, 0, &anycast_privs);
	zclient_bfd->zebra_connected = anycast_zebra_bfd_connected_cb;
	bfd_protocol_integration_init(zclient_bfd, master);
	event_add_timer_msec(master, anycast_zebra_retry, NULL,
			     ANYCAST_ZEBRA_RETRY_MS, &t_retry);
}

static void anycast_zclient_free(struct zclient **zc)
{
	if (!*zc)
		return;
	zclient_stop(*zc);
	zclient_free(*zc);
	*zc = NULL;
}

void anycast_zebra_terminate(void)
{
	struct nht_reg *r;

	nht_ready = false;
	while ((r = nht_regs_pop(&nht_regs)))
		XFREE(MTYPE_ANYCAST_NHT, r);
	nht_regs_fini(&nht_regs);
	EVENT_OFF(t_flush);
	/* nothing more to send: the bfd tracker frees its sessions later */
	bfd_protocol_integration_set_shutdown(true);
	EVENT_OFF(t_retry);
	anycast_zclient_free(&zclient_v4);
	anycast_zclient_free(&zclient_v6);
	anycast_zclient_free(&zclient_bfd);
}
