// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd zebra adapter: the only code that speaks zapi.
 *
 * anycastd says hello as route type "table": IPv4 routes with instance 253
 * (253..255, --table-instance), so bgpd picks them up with
 * `redistribute table 253`; IPv6 routes on a second session with instance
 * 0, because bgpd 8.4 only has `redistribute table` (instance 0) for IPv6.
 * zebra removes exactly our routes when we die.  Routes are blackholes in
 * the main table of their VRF; after a (re)connect every announced prefix
 * is sent again.
 */
#ifndef _ANYCAST_ZEBRA_H
#define _ANYCAST_ZEBRA_H

#include "hook.h"
#include "prefix.h"
#include "vrf.h"
#include "zclient.h"

struct interface;

#define ANYCAST_TABLE_INSTANCE_MIN 253
#define ANYCAST_TABLE_INSTANCE_MAX 255
#define ANYCAST_TABLE_INSTANCE_DEFAULT 253
#define ANYCAST_TABLE_INSTANCE_IPV6 0

extern unsigned short anycast_table_instance;

extern void anycast_zebra_init(void);
extern void anycast_zebra_terminate(void);
/*
 * Clean stop, after the withdraws were sent: disable GR and call done()
 * (from an event) once zebra has processed everything sent so far, or
 * after 1 s.  Nothing stale stays in zebra.
 */
extern void anycast_zebra_flush(void (*done)(void));

struct anycast_route;
/*
 * Install the route for p in VRF vrf_id (a VRF zebra told us about) with
 * rt's metric and tag (a new route, or an update of the installed one),
 * or remove it from there (rt NULL).
 */
extern void anycast_zebra_route_update(const struct prefix *p, vrf_id_t vrf_id,
				       const struct anycast_route *rt);

extern bool anycast_zebra_connected(void);
/*
 * Monotonic time (ms) at which family's route session was found lost, 0
 * when it was not (still valid in the anycast_zebra_reconnected hook).
 */
extern int64_t anycast_zebra_lost_at_ms(int family);

/*
 * A route add (install) or delete was handed to zebra's session (not
 * called when the session is down: nothing was sent).
 */
DECLARE_HOOK(anycast_zebra_route_sent,
	     (const struct prefix *p, vrf_id_t vrf_id, bool install),
	     (p, vrf_id, install));
/* zebra's word on one of our routes (route notifications, every session) */
DECLARE_HOOK(anycast_zebra_route_notify,
	     (const struct prefix *p, vrf_id_t vrf_id,
	      enum zapi_route_notify_owner note),
	     (p, vrf_id, note));

/*
 * Graceful restart (anycast_gr.h): announce the configured state on every
 * route session (the capability with anycast_gr_stale_time_get(), or
 * GR_DISABLE when that is 0).  Sessions that connect later, and VRFs that
 * appear, get the capability by themselves.
 */
extern void anycast_zebra_gr_update(void);
/*
 * The sync point of family's session: ROUTE_UPDATE_COMPLETE in every VRF
 * (GR configured) or GR_DISABLE (not).  false: the session is down.
 */
extern bool anycast_zebra_gr_sync(int family);
/* The session for p's family is up. */
extern bool anycast_zebra_connected_for(const struct prefix *p);
/* The session for family (AF_INET, AF_INET6) is up. */
extern bool anycast_zebra_connected_for_family(int family);

/*
 * Interfaces: libfrr keeps them (if_lookup_by_name(), ifp->connected);
 * this hook runs after any change zebra reported (added, up, down,
 * address added or deleted, deleted -- ifp is freed right after).
 */
DECLARE_HOOK(anycast_zebra_if_update, (struct interface * ifp), (ifp));

/*
 * Nexthop tracking: (un)register p (on p's family's session).  zebra
 * answers each registration and every later change with an update,
 * passed on by anycast_zebra_nht_update (nexthop_num 0: unresolved).
 * Registrations are lost when zebra goes away: anycast_zebra_reconnected
 * runs once a session (for family) is up again, register again then.
 */
/*
 * Track (on) or stop tracking p in vrf_id, counted per user: registered
 * with zebra while some user wants it, again at each (re)connect.
 */
extern void anycast_zebra_nht_watch(const struct prefix *p, vrf_id_t vrf_id,
				    bool on);
/* what zebra resolved a registered prefix with */
struct anycast_nht_info {
	uint16_t nexthop_num; /* 0: unresolved */
	int type;	      /* ZEBRA_ROUTE_* of the resolving route */
	uint16_t instance;
	struct prefix resolved; /* the resolving route's prefix */
};
DECLARE_HOOK(anycast_zebra_nht_update,
	     (const struct prefix *p, vrf_id_t vrf_id,
	      const struct anycast_nht_info *info),
	     (p, vrf_id, info));
DECLARE_HOOK(anycast_zebra_reconnected, (int family), (family));

/*
 * Ask zebra for the routes of ours it has (family's session; in vrf_id,
 * VRF_UNKNOWN: every VRF zebra reported): anycast_zebra_own_route runs
 * for each (selected) one, as zebra's answers arrive.
 */
extern void anycast_zebra_own_routes_request(int family, vrf_id_t vrf_id);
DECLARE_HOOK(anycast_zebra_own_route, (const struct prefix *p, vrf_id_t vrf_id),
	     (p, vrf_id));

/*
 * Leftovers: a route zebra installed in the kernel for us and a later zebra
 * read back from there (a kernel route of zebra's own protocol, flagged
 * "self route") instead of sweeping it -- zebra 10.3 after a kill -9 does
 * (doc/frr-findings.md).  Such a route (distance 0) shadows ours.  Watching
 * family's session in vrf_id (VRF_UNKNOWN: every VRF zebra reported) asks
 * zebra for its selected kernel routes there, now and as they change, for
 * as long as the session lasts: anycast_zebra_leftover_route runs for each
 * blackhole self route among them; anycast_zebra_leftover_remove takes
 * one out of zebra's table (ours, if any, is selected then).
 */
extern void anycast_zebra_leftovers_watch(int family, vrf_id_t vrf_id);
DECLARE_HOOK(anycast_zebra_leftover_route,
	     (const struct prefix *p, vrf_id_t vrf_id, uint32_t metric),
	     (p, vrf_id, metric));
extern void anycast_zebra_leftover_remove(const struct prefix *p,
					  vrf_id_t vrf_id, uint32_t metric);
/*
 * VRFs as zebra reports them (libfrr's vrf list: vrf_lookup_by_name()):
 * runs when a VRF becomes usable (enabled, with its id) and when it goes
 * away (disabled: the id is no longer valid).  When zebra restarts, every
 * VRF but the default goes, then comes back with the new zebra's id.
 */
DECLARE_HOOK(anycast_zebra_vrf_update, (struct vrf * vrf, bool enabled),
	     (vrf, enabled));
/* libfrr's VRF callbacks (vrf_init() in main) */
extern void anycast_zebra_vrf_init(void);

/*
 * BFD: libfrr's lib/bfd.c (bfd_sess_*) runs on a zapi session of its own;
 * anycast_zebra_bfd_reconnected runs each time it is up (again): install
 * the sessions then.
 */
extern bool anycast_zebra_bfd_connected(void);
DECLARE_HOOK(anycast_zebra_bfd_reconnected, (), ());

#endif /* _ANYCAST_ZEBRA_H */
