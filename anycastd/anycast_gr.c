// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd graceful restart towards zebra: the sync point of each route
 * session (see anycast_gr.h for the rule).
 */
#include <zebra.h>

#include "command.h"
#include "libfrr.h"
#include "anycast_frr.h"

#include "anycast_debug.h"
#include "anycast_gr.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_prefix.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

/*
 * How often a pending sync point is looked for: with GR configured it
 * ends stale-time after the connect at the latest; without, it is only
 * the moment GR_DISABLE can be sent safely.
 */
#define GR_SYNC_POLL_MS 100
#define GR_SYNC_POLL_NO_GR_MS 1000

static uint32_t stale_time_s;

/* the daemon's configuration file was read (frr_config_post) */
static bool config_read;
/* a vtysh -b load is in progress (XFRR_start_configuration ... end) */
static bool config_loading;

/* per route session: waiting for the sync point since the connect */
static struct gr_session {
	int family;
	bool pending;
	uint64_t since_ms;
} sessions[] = {{.family = AF_INET}, {.family = AF_INET6}};

static struct frr_event *t_sync;

/*
 * Routes of ours zebra listed while a session waits for its sync point
 * (anycast_zebra_own_routes_request at the connect): after a restart the
 * previous process's, stale.  At the sync point those no prefix wants
 * (any more, or in that VRF) are removed explicitly, whatever zebra's
 * whole-second stale test makes of them.
 */
struct gr_route {
	struct prefix p;
	vrf_id_t vrf_id;
};
static struct gr_route *routes;
static size_t nroutes, routes_cap;

static int gr_own_route(const struct prefix *p, vrf_id_t vrf_id)
{
	if (!anycast_gr_pending(p->family))
		return 0;
	if (nroutes == routes_cap) {
		routes_cap = routes_cap ? routes_cap * 2 : 16;
		routes = XREALLOC(MTYPE_ANYCAST_GR, routes,
				  routes_cap * sizeof(*routes));
	}
	prefix_copy(&routes[nroutes].p, p);
	routes[nroutes].vrf_id = vrf_id;
	nroutes++;
	return 0;
}

/*
 * Forget the listed routes of family; with remove, first remove those no
 * prefix wants from zebra.
 */
static unsigned int gr_routes_take(int family, bool remove)
{
	unsigned int removed = 0;
	size_t keep = 0;

	for (size_t i = 0; i < nroutes; i++) {
		struct gr_route *r = &routes[i];
		struct anycast_prefix *ap;

		if (r->p.family != family) {
			routes[keep++] = *r;
			continue;
		}
		if (!remove)
			continue;
		ap = anycast_prefix_find(&r->p);
		if (ap && ap->announce && ap->vrf_id == r->vrf_id)
			continue;
		zlog_info(
			"graceful restart: %pFX (vrf %u) is no longer wanted, "
			"removed",
			&r->p, r->vrf_id);
		anycast_zebra_route_update(&r->p, r->vrf_id, NULL);
		removed++;
	}
	nroutes = keep;
	return removed;
}

static struct gr_session *session_for(int family)
{
	return family == AF_INET6 ? &sessions[1] : &sessions[0];
}

bool anycast_gr_pending(int family)
{
	return session_for(family)->pending;
}

bool anycast_gr_hold(int family)
{
	return stale_time_s && anycast_gr_pending(family);
}

uint32_t anycast_gr_stale_time_get(void)
{
	return stale_time_s;
}

/* Every prefix decided, and the configuration complete enough to say so. */
static bool gr_everything_decided(unsigned int *undecided)
{
	struct anycast_prefix *ap;
	unsigned int n = 0;

	*undecided = 0;
	if (!config_read || config_loading)
		return false;
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		n++;
		if (!anycast_prefix_decided(ap))
			(*undecided)++;
	}
	return n && !*undecided;
}

static void gr_sync_check(struct frr_event *t)
{
	unsigned int undecided;
	bool decided = gr_everything_decided(&undecided);
	uint64_t now = anycast_now_ms();
	bool released = false, waiting = false;

	for (size_t i = 0; i < array_size(sessions); i++) {
		struct gr_session *s = &sessions[i];
		bool expired = stale_time_s &&
			       now - s->since_ms >= stale_time_s * 1000ULL;

		if (!s->pending)
			continue;
		if ((!decided && !expired) ||
		    !anycast_zebra_connected_for_family(s->family)) {
			waiting = true;
			continue;
		}
		/*
		 * zebra's sweep misses routes changed in the second the old
		 * process died (zebra_gr.c compares whole seconds: uptime <
		 * restart_time): remove what nothing wants explicitly, the
		 * listed routes and the configured prefixes not announced.
		 */
		gr_routes_take(s->family, true);
		anycast_prefix_withdraw_unannounced(s->family);
		anycast_zebra_gr_sync(s->family);
		s->pending = false;
		released = true;
		if (!stale_time_s)
			ANYCAST_DBG_ZEBRA(
				"%s: every prefix decided, GR disabled "
				"(not configured)",
				s->family == AF_INET ? "IPv4" : "IPv6");
		else if (decided)
			zlog_info(
				"graceful restart: every prefix decided after "
				"%" PRIu64 " ms, %s route update complete",
				now - s->since_ms,
				s->family == AF_INET ? "IPv4" : "IPv6");
		else
			zlog_notice(
				"graceful restart: stale-time %u s over with "
				"%u prefix(es) undecided, %s route update "
				"complete",
				stale_time_s, undecided,
				s->family == AF_INET ? "IPv4" : "IPv6");
	}
	/* prefixes held back while undecided may go to zebra now */
	if (released && stale_time_s)
		anycast_prefix_refresh_all();
	if (waiting)
		event_add_timer_msec(master, gr_sync_check, NULL,
				     stale_time_s ? GR_SYNC_POLL_MS
						  : GR_SYNC_POLL_NO_GR_MS,
				     &t_sync);
}

static void gr_sync_schedule(void)
{
	EVENT_OFF(t_sync);
	event_add_event(master, gr_sync_check, NULL, 0, &t_sync);
}

/* a route session is up (again): zebra has stale routes, or none */
static int gr_reconnected(int family)
{
	struct gr_session *s = session_for(family);

	s->pending = true;
	s->since_ms = anycast_now_ms();
	/* a list from an earlier session is out of date */
	gr_routes_take(family, false);
	anycast_zebra_own_routes_request(family, VRF_UNKNOWN);
	gr_sync_schedule();
	return 0;
}

/* a VRF zebra reported while a session waits: list our routes there too */
static int gr_vrf_update(struct vrf *vrf, bool enabled)
{
	for (size_t i = 0; i < array_size(sessions); i++)
		if (enabled && sessions[i].pending)
			anycast_zebra_own_routes_request(sessions[i].family,
							 vrf->vrf_id);
	return 0;
}

void anycast_gr_stale_time_set(uint32_t seconds)
{
	bool was_holding = stale_time_s != 0;

	if (seconds == stale_time_s)
		return;
	stale_time_s = seconds;
	if (seconds)
		zlog_info("graceful restart: stale-time %u s", seconds);
	else
		zlog_info("graceful restart: disabled");
	anycast_zebra_gr_update();
	/* no longer configured: nothing is held back any more */
	if (was_holding && !seconds)
		anycast_prefix_refresh_all();
	gr_sync_schedule();
}

static int gr_config_post(struct frr_event_loop *tm)
{
	config_read = true;
	gr_sync_schedule();
	return 0;
}

static void gr_config_start(void)
{
	config_loading = true;
}

static void gr_config_end(void)
{
	config_loading = false;
	gr_sync_schedule();
}

void anycast_gr_init(void)
{
	hook_register(anycast_zebra_reconnected, gr_reconnected);
	hook_register(anycast_zebra_own_route, gr_own_route);
	hook_register(anycast_zebra_vrf_update, gr_vrf_update);
	hook_register(frr_config_post, gr_config_post);
	cmd_init_config_callbacks(gr_config_start, gr_config_end);
}

void anycast_gr_terminate(void)
{
	EVENT_OFF(t_sync);
	XFREE(MTYPE_ANYCAST_GR, routes);
	nroutes = routes_cap = 0;
	hook_unregister(anycast_zebra_reconnected, gr_reconnected);
	hook_unregister(anycast_zebra_own_route, gr_own_route);
	hook_unregister(anycast_zebra_vrf_update, gr_vrf_update);
	hook_unregister(frr_config_post, gr_config_post);
	cmd_init_config_callbacks(NULL, NULL);
}
