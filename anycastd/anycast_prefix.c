// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd prefixes and their decisions.
 */
#include <zebra.h>

#include "memory.h"
#include "monotime.h"
#include "printfrr.h"
#include "anycast_frr.h"
#include "vrf.h"

#include "anycast_debug.h"
#include "anycast_gr.h"
#include "anycast_memory.h"
#include "anycast_policy.h"
#include "anycast_prefix.h"
#include "anycast_vrf.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

struct anycast_prefix_tree_head anycast_prefixes;

/* drain requests for every prefix (enum anycast_drain_source) */
static unsigned int drain_all_mask;

struct anycast_prefix *anycast_prefix_find(const struct prefix *p)
{
	struct anycast_prefix key;

	prefix_copy(&key.p, p);
	return anycast_prefix_tree_find(&anycast_prefixes, &key);
}

struct anycast_prefix *anycast_prefix_new(const struct prefix *p)
{
	struct anycast_prefix *ap;

	ap = XCALLOC(MTYPE_ANYCAST_PREFIX, sizeof(*ap));
	anycast_announce_cfg_init(&ap->announce_cfg);
	strlcpy(ap->vrf, VRF_DEFAULT_NAME, sizeof(ap->vrf));
	ap->vrf_id = VRF_DEFAULT;
	prefix_copy(&ap->p, p);
	apply_mask(&ap->p);
	anycast_prefix_tree_add(&anycast_prefixes, ap);
	anycast_prefix_evaluate(ap);
	return ap;
}

static void prefix_obj_free(struct anycast_prefix *ap)
{
	EVENT_OFF(ap->t_drain);
	anycast_onchange_free(&ap->onchange);
	XFREE(MTYPE_ANYCAST_TRACK, ap->tracks);
	XFREE(MTYPE_ANYCAST_HISTORY, ap->history);
	XFREE(MTYPE_ANYCAST_PREFIX, ap);
}

/* the guard's nexthop tracking of the prefix, in the prefix's VRF */
static void prefix_guard_watch(struct anycast_prefix *ap, bool on,
			       vrf_id_t vrf_id)
{
	if (vrf_id == VRF_UNKNOWN)
		on = false;
	if (on == ap->guard_registered && (!on || vrf_id == ap->guard_vrf_id))
		return;
	if (ap->guard_registered)
		anycast_zebra_nht_watch(&ap->p, ap->guard_vrf_id, false);
	ap->guard_registered = on;
	ap->guard_vrf_id = vrf_id;
	if (on)
		anycast_zebra_nht_watch(&ap->p, vrf_id, true);
	ap->other_path = false;
	ap->other_via[0] = '\0';
}

void anycast_prefix_delete(struct anycast_prefix *ap)
{
	prefix_guard_watch(ap, false, VRF_UNKNOWN);
	if (ap->announce)
		anycast_zebra_route_update(&ap->p, ap->vrf_id, NULL);
	ANYCAST_DBG_PREFIX("%pFX: deleted", &ap->p);
	anycast_prefix_tree_del(&anycast_prefixes, ap);
	prefix_obj_free(ap);
}

static int track_cmp(const void *a, const void *b)
{
	return strcmp(((const struct anycast_track *)a)->name,
		      ((const struct anycast_track *)b)->name);
}

void anycast_prefix_set_tracks(struct anycast_prefix *ap,
			       const struct anycast_track *tracks, size_t n)
{
	XFREE(MTYPE_ANYCAST_TRACK, ap->tracks);
	ap->ntracks = 0;
	if (!n)
		return;
	ap->tracks = XCALLOC(MTYPE_ANYCAST_TRACK, n * sizeof(*ap->tracks));
	memcpy(ap->tracks, tracks, n * sizeof(*ap->tracks));
	ap->ntracks = n;
	qsort(ap->tracks, n, sizeof(*ap->tracks), track_cmp);
}

const struct anycast_track *
anycast_prefix_track_find(const struct anycast_prefix *ap, const char *name)
{
	struct anycast_track key;

	if (!ap->ntracks)
		return NULL; /* tracks is NULL then: no bsearch() on it */
	strlcpy(key.name, name, sizeof(key.name));
	return bsearch(&key, ap->tracks, ap->ntracks, sizeof(*ap->tracks),
		       track_cmp);
}

static void prefix_route_update(struct anycast_prefix *ap);

void anycast_prefix_evaluate(struct anycast_prefix *ap)
{
	struct anycast_policy_input in[ANYCAST_MAX_TRACKS];
	struct anycast_policy_result res;
	size_t n = MIN(ap->ntracks, ANYCAST_MAX_TRACKS);
	enum anycast_prefix_state old = ap->state;

	for (size_t i = 0; i < n; i++) {
		struct anycast_health *h =
			anycast_health_find(ap->tracks[i].name);

		in[i].name = ap->tracks[i].name;
		in[i].exists = h != NULL;
		in[i].state = h ? h->fsm.state : ANYCAST_HS_INIT;
		in[i].suppressed = h && h->dampen.suppressed;
		in[i].negate = ap->tracks[i].negate;
		in[i].weight = ap->tracks[i].weight;
	}
	anycast_policy_eval(&ap->policy, in, n, ap->state, &res);
	strlcpy(ap->reason, res.reason, sizeof(ap->reason));
	ap->state = res.state;

	if (old != ap->state) {
		gettimeofday(&ap->last_change, NULL);
		ap->transitions++;
		ap->history = anycast_history_add(
			ap->history, anycast_history_realloc, &ap->last_change,
			anycast_prefix_state_name(old),
			anycast_prefix_state_name(ap->state), ap->reason);
		zlog_info("prefix %pFX: %s -> %s (%s)", &ap->p,
			  anycast_prefix_state_name(old),
			  anycast_prefix_state_name(ap->state), ap->reason);
		anycast_onchange_notify(
			ap->onchange, anycast_prefix_state_name(old),
			anycast_prefix_state_name(ap->state), ap->reason);
	}
	prefix_route_update(ap);
}

static void prefix_drain_expired(struct frr_event *t)
{
	prefix_route_update(EVENT_ARG(t));
}

/* the id of the prefix's VRF, VRF_UNKNOWN while zebra has not told us */
static vrf_id_t prefix_vrf_id(const struct anycast_prefix *ap)
{
	return anycast_vrf_lookup(ap->vrf);
}

/*
 * The route for the current state and drain request; zebra hears of it
 * only when it changed (an attribute change is an update there, never a
 * withdraw and announce).
 */
static void prefix_route_update(struct anycast_prefix *ap)
{
	struct anycast_announce_result ar;
	bool drain = ap->drain || drain_all_mask;
	uint64_t now = anycast_now_ms();
	enum anycast_drain_state old_drain = ap->drain_state;
	vrf_id_t vrf_id = prefix_vrf_id(ap);

	if (drain && !ap->drain_since_ms)
		ap->drain_since_ms = MAX(now, 1);
	else if (!drain)
		ap->drain_since_ms = 0;
	anycast_announce_decide(&ap->announce_cfg, ap->state,
				ap->drain_since_ms, now, &ar);
	strlcpy(ap->route_why, ar.why, sizeof(ap->route_why));
	ap->guarded = ar.guarded;
	prefix_guard_watch(ap, ap->announce_cfg.guard, vrf_id);
	ap->drain_state = ar.drain;
	ap->drain_deadline_ms = ar.drain_deadline_ms;
	EVENT_OFF(ap->t_drain);
	if (ar.drain == ANYCAST_DRAIN_DRAINING)
		event_add_timer_msec(master, prefix_drain_expired, ap,
				     ar.drain_deadline_ms - now, &ap->t_drain);
	if (old_drain != ap->drain_state)
		zlog_info("prefix %pFX: %s", &ap->p, ap->route_why);

	if (ar.route.announce && vrf_id == VRF_UNKNOWN) {
		snprintf(ap->route_why, sizeof(ap->route_why),
			 "vrf %s is not known to zebra (%s)", ap->vrf, ar.why);
		memset(&ar.route, 0, sizeof(ar.route));
	}
	if (ap->announce && ap->vrf_id != vrf_id) {
		/* the VRF changed: the route leaves the old one */
		ANYCAST_DBG_PREFIX("%pFX: route leaves vrf %u", &ap->p,
				   ap->vrf_id);
		anycast_zebra_route_update(&ap->p, ap->vrf_id, NULL);
		ap->announce = false;
		memset(&ap->route, 0, sizeof(ap->route));
	}
	ap->vrf_id = vrf_id;

	if (anycast_gr_hold(ap->p.family) && !anycast_prefix_decided(ap)) {
		/* after a restart: zebra keeps the stale route meanwhile */
		snprintf(ap->route_why, sizeof(ap->route_why),
			 "not decided yet after a (re)connect: zebra's stale "
			 "route, if any, is kept (graceful restart)");
		ANYCAST_DBG_PREFIX("%pFX: undecided, route left to zebra's "
				   "graceful restart",
				   &ap->p);
		return;
	}
	if (anycast_route_equal(&ar.route, &ap->route) &&
	    ar.route.announce == ap->announce)
		return;
	ap->route = ar.route;
	ap->announce = ar.route.announce;
	ANYCAST_DBG_PREFIX("%pFX: %s (vrf %s)", &ap->p, ap->route_why, ap->vrf);
	anycast_zebra_route_update(&ap->p, vrf_id,
				   ap->announce ? &ap->route : NULL);
}

/* a VRF came or went: routes in it follow */
static int prefix_vrf_update(struct vrf *vrf, bool enabled)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (!strmatch(ap->vrf, vrf->name))
			continue;
		ANYCAST_DBG_PREFIX("%pFX: vrf %s %s", &ap->p, vrf->name,
				   enabled ? "enabled" : "disabled");
		if (!enabled) {
			/* zebra dropped the route with the VRF */
			ap->announce = false;
			memset(&ap->route, 0, sizeof(ap->route));
			ap->vrf_id = VRF_UNKNOWN;
		}
		prefix_route_update(ap);
	}
	return 0;
}

enum anycast_guard_state
anycast_prefix_guard_state(const struct anycast_prefix *ap)
{
	if (!ap->announce_cfg.guard)
		return ANYCAST_GUARD_DISABLED;
	if (!ap->guarded)
		return ANYCAST_GUARD_INACTIVE;
	return ap->other_path ? ANYCAST_GUARD_STANDBY : ANYCAST_GUARD_GUARDING;
}

const char *anycast_guard_state_name(enum anycast_guard_state g)
{
	switch (g) {
	case ANYCAST_GUARD_DISABLED:
		return "disabled";
	case ANYCAST_GUARD_INACTIVE:
		return "inactive";
	case ANYCAST_GUARD_GUARDING:
		return "guarding";
	case ANYCAST_GUARD_STANDBY:
		return "standby";
	}
	return "?";
}

/*
 * zebra resolved a guarded prefix: by our own route (no other path) or by
 * another one for exactly the prefix (another site's, through BGP).
 */
static int prefix_guard_nht(const struct prefix *p, vrf_id_t vrf_id,
			    const struct anycast_nht_info *info)
{
	struct anycast_prefix *ap = anycast_prefix_find(p);
	enum anycast_guard_state before;
	bool other;

	if (!ap || !ap->guard_registered || vrf_id != ap->guard_vrf_id)
		return 0;
	other = info->nexthop_num && prefix_same(&info->resolved, &ap->p) &&
		info->type != ZEBRA_ROUTE_TABLE;
	before = anycast_prefix_guard_state(ap);
	ap->other_path = other;
	strlcpy(ap->other_via, other ? zebra_route_string(info->type) : "",
		sizeof(ap->other_via));
	if (before != anycast_prefix_guard_state(ap))
		zlog_info("prefix %pFX: last-site guard %s%s%s", &ap->p,
			  anycast_guard_state_name(
				  anycast_prefix_guard_state(ap)),
			  other ? ": another path via " : "",
			  other ? ap->other_via : "");
	return 0;
}

void anycast_prefix_drain_all(enum anycast_drain_source src, bool on)
{
	unsigned int old = drain_all_mask;

	if (on)
		drain_all_mask |= src;
	else
		drain_all_mask &= ~src;
	if (!old == !drain_all_mask)
		return;
	zlog_info("drain of all prefixes %s",
		  drain_all_mask ? "begins" : "ends");
	anycast_prefix_refresh_all();
}

void anycast_prefix_refresh_all(void)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap)
		prefix_route_update(ap);
}

unsigned int anycast_prefix_withdraw_unannounced(int family)
{
	struct anycast_prefix *ap;
	unsigned int n = 0;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (ap->announce || ap->p.family != family ||
		    ap->vrf_id == VRF_UNKNOWN)
			continue;
		anycast_zebra_route_update(&ap->p, ap->vrf_id, NULL);
		n++;
	}
	return n;
}

bool anycast_prefix_decided(const struct anycast_prefix *ap)
{
	for (size_t i = 0; i < ap->ntracks; i++) {
		const struct anycast_health *h =
			anycast_health_find(ap->tracks[i].name);

		if (h && !h->decided)
			return false;
	}
	return true;
}

bool anycast_prefix_drain_all_get(enum anycast_drain_source src)
{
	return drain_all_mask & src;
}

unsigned int anycast_prefix_announced_count(void)
{
	struct anycast_prefix *ap;
	unsigned int n = 0;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap)
		n += ap->announce;
	return n;
}

uint32_t anycast_prefix_drain_remaining(const struct anycast_prefix *ap)
{
	uint64_t now = anycast_now_ms();

	if (ap->drain_state != ANYCAST_DRAIN_DRAINING ||
	    ap->drain_deadline_ms <= now)
		return 0;
	return (ap->drain_deadline_ms - now + 999) / 1000;
}

static int prefix_health_changed(struct anycast_health *h)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap)
		if (anycast_prefix_track_find(ap, h->name))
			anycast_prefix_evaluate(ap);
	return 0;
}

void anycast_prefix_withdraw_all(void)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (!ap->announce)
			continue;
		ap->announce = false;
		memset(&ap->route, 0, sizeof(ap->route));
		ap->state = ANYCAST_PS_DOWN;
		EVENT_OFF(ap->t_drain);
		strlcpy(ap->reason, "anycastd is shutting down",
			sizeof(ap->reason));
		anycast_zebra_route_update(&ap->p, ap->vrf_id, NULL);
	}
}

void anycast_prefix_init(void)
{
	anycast_prefix_tree_init(&anycast_prefixes);
	hook_register(anycast_health_changed, prefix_health_changed);
	hook_register(anycast_zebra_nht_update, prefix_guard_nht);
	hook_register(anycast_zebra_vrf_update, prefix_vrf_update);
}

void anycast_prefix_terminate(void)
{
	struct anycast_prefix *ap;

	hook_unregister(anycast_health_changed, prefix_health_changed);
	hook_unregister(anycast_zebra_nht_update, prefix_guard_nht);
	hook_unregister(anycast_zebra_vrf_update, prefix_vrf_update);
	while ((ap = anycast_prefix_tree_pop(&anycast_prefixes)))
		prefix_obj_free(ap);
	anycast_prefix_tree_fini(&anycast_prefixes);
}
