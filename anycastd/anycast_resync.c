// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd resync: after zebra came back, withdraw what bgpd still has
 * and we no longer want (see anycast_resync.h).
 */
#include <zebra.h>

#include "hook.h"
#include "log.h"
#include "memory.h"
#include "prefix.h"
#include "typesafe.h"
#include "vrf.h"
#include "zclient.h"

#include "anycast_announce.h"
#include "anycast_debug.h"
#include "anycast_frr.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_prefix.h"
#include "anycast_resync.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

PREDECL_RBTREE_UNIQ(resync_routes);

/* a route of ours the zebra at the other end (or bgpd) may have */
struct resync_route {
	struct resync_routes_item item;
	struct prefix p;
	char vrf[VRF_NAMSIZ + 1];
	/*
	 * being withdrawn: sent again in vrf_id at started_ms, deleted once
	 * zebra installed it and bgpd has had the time to connect again
	 */
	bool pending;
	bool installed;
	vrf_id_t vrf_id;
	int64_t started_ms, delete_at_ms;
};

static int resync_route_cmp(const struct resync_route *a,
			    const struct resync_route *b)
{
	int r = prefix_cmp(&a->p, &b->p);

	return r ? r : strcmp(a->vrf, b->vrf);
}

DECLARE_RBTREE_UNIQ(resync_routes, struct resync_route, item, resync_route_cmp);

static struct resync_routes_head routes;
static unsigned int npending;
static struct frr_event *t_confirm;
/* the add being sent is a resync's own, not a prefix's */
static bool sending_own;

static int64_t now_ms(void)
{
	return (int64_t)anycast_now_ms();
}

static const char *vrf_name_of(vrf_id_t vrf_id)
{
	struct vrf *vrf = vrf_lookup_by_id(vrf_id);

	return vrf ? vrf->name : NULL;
}

static struct resync_route *resync_find(const struct prefix *p, const char *vrf)
{
	struct resync_route key = {};

	prefix_copy(&key.p, p);
	strlcpy(key.vrf, vrf, sizeof(key.vrf));
	return resync_routes_find(&routes, &key);
}

bool anycast_resync_known(const struct prefix *p, vrf_id_t vrf_id)
{
	const char *vrf = vrf_name_of(vrf_id);

	return vrf && resync_find(p, vrf);
}

bool anycast_resync_withdrawing(const struct prefix *p, vrf_id_t vrf_id)
{
	const char *vrf;
	struct resync_route *r;

	if (!npending || !(vrf = vrf_name_of(vrf_id)))
		return false;
	r = resync_find(p, vrf);
	return r && r->pending && r->vrf_id == vrf_id;
}

unsigned int anycast_resync_pending(void)
{
	return npending;
}

static void resync_pending_clear(struct resync_route *r)
{
	if (!r->pending)
		return;
	r->pending = false;
	npending--;
	if (!npending)
		EVENT_OFF(t_confirm);
}

static int resync_route_sent(const struct prefix *p, vrf_id_t vrf_id,
			     bool install)
{
	const char *vrf = vrf_name_of(vrf_id);
	struct resync_route *r;

	if (!vrf)
		return 0;
	r = resync_find(p, vrf);
	if (!install) {
		if (r) {
			resync_pending_clear(r);
			resync_routes_del(&routes, r);
			XFREE(MTYPE_ANYCAST_RESYNC, r);
		}
		return 0;
	}
	if (!r) {
		r = XCALLOC(MTYPE_ANYCAST_RESYNC, sizeof(*r));
		prefix_copy(&r->p, p);
		strlcpy(r->vrf, vrf, sizeof(r->vrf));
		resync_routes_add(&routes, r);
	} else if (r->pending && !sending_own) {
		/* wanted again: the prefix's own add replaces ours */
		ANYCAST_DBG_ZEBRA("%pFX: wanted again, no longer withdrawn", p);
		resync_pending_clear(r);
	}
	return 0;
}

/* does a prefix want r, in the VRF it is in now? */
static bool resync_wanted(const struct resync_route *r, vrf_id_t vrf_id)
{
	struct anycast_prefix *ap = anycast_prefix_find(&r->p);

	return ap && ap->announce && ap->vrf_id == vrf_id &&
	       strmatch(ap->vrf, r->vrf);
}

static void resync_timer(struct frr_event *t);

static void resync_timer_arm(void)
{
	EVENT_OFF(t_confirm);
	event_add_event(master, resync_timer, NULL, 0, &t_confirm);
}

static void resync_withdraw_now(struct resync_route *r, const char *why)
{
	struct prefix p = r->p;
	vrf_id_t vrf_id = r->vrf_id;

	zlog_info("%pFX: withdrawn from zebra and bgpd after zebra came back "
		  "(vrf %s; %s)",
		  &p, r->vrf, why);
	resync_pending_clear(r);
	/*
	 * the delete's hook frees r; not sent (zebra went again): r stays,
	 * for the next connect
	 */
	anycast_zebra_route_update(&p, vrf_id, NULL);
}

/* when r is withdrawn: installed, or given up waiting for zebra's word */
static int64_t resync_due_ms(const struct resync_route *r)
{
	int64_t confirm = r->started_ms + ANYCAST_RESYNC_CONFIRM_MS;

	if (r->installed || confirm < r->delete_at_ms)
		return r->delete_at_ms;
	return confirm;
}

static void resync_timer(struct frr_event *t)
{
	struct resync_route *r;
	int64_t now = now_ms();
	int64_t next = 0;

	frr_each_safe (resync_routes, &routes, r) {
		int64_t due;

		if (!r->pending)
			continue;
		due = resync_due_ms(r);
		if (due <= now) {
			if (!r->installed)
				zlog_warn("%pFX: zebra did not confirm it had "
					  "the route again within %d ms; "
					  "withdrawn all the same",
					  &r->p, ANYCAST_RESYNC_CONFIRM_MS);
			resync_withdraw_now(r, r->installed ? "zebra had it "
							      "again"
							    : "not confirmed");
			continue;
		}
		if (!next || due < next)
			next = due;
	}
	EVENT_OFF(t_confirm);
	if (npending && next)
		event_add_timer_msec(master, resync_timer, NULL, next - now,
				     &t_confirm);
}

/*
 * When bgpd (any libfrr client of zebra) connects to the zebra that is
 * back: the first of its libfrr retries, counted from the loss, after
 * zebra accepted us (it may have accepted a retry up to our own retry
 * interval earlier), plus a margin for its redistribution requests.
 */
#define RESYNC_MARGIN_MS 2000
static int64_t resync_bgpd_back_ms(int family, int64_t now)
{
	int64_t lost = anycast_zebra_lost_at_ms(family);
	int64_t t = lost ? lost : now;

	for (unsigned int n = 1; n < 1000; n++) {
		t += anycast_frr_zclient_retry_delay_s(n) * 1000;
		if (t >= now - 250)
			break;
	}
	return t + RESYNC_MARGIN_MS;
}

/* send r again in vrf_id; withdraw it once zebra has it */
static void resync_start(struct resync_route *r, vrf_id_t vrf_id)
{
	struct anycast_route rt = {.announce = true};

	if (r->pending)
		return;
	ANYCAST_DBG_ZEBRA("%pFX: announced before zebra went, not wanted now: "
			  "sent again to be withdrawn (vrf %s)",
			  &r->p, r->vrf);
	r->pending = true;
	r->installed = false;
	r->vrf_id = vrf_id;
	r->started_ms = now_ms();
	r->delete_at_ms = resync_bgpd_back_ms(r->p.family, r->started_ms);
	npending++;
	sending_own = true;
	anycast_zebra_route_update(&r->p, vrf_id, &rt);
	sending_own = false;
	resync_timer_arm();
}

/* the routes of family in vrf (NULL: every VRF zebra knows) */
static unsigned int resync_scan(int family, const struct vrf *only)
{
	struct resync_route *r;
	unsigned int n = 0;

	frr_each_safe (resync_routes, &routes, r) {
		struct vrf *vrf;

		if (r->p.family != family)
			continue;
		/* sent again to a zebra that went too: start over */
		resync_pending_clear(r);
		vrf = vrf_lookup_by_name(r->vrf);
		if (!vrf || !vrf_is_enabled(vrf) || (only && vrf != only))
			continue;
		if (resync_wanted(r, vrf->vrf_id))
			continue;
		resync_start(r, vrf->vrf_id);
		n++;
	}
	return n;
}

static int resync_reconnected(int family)
{
	unsigned int n;

	if (!anycast_zebra_connected_for_family(family))
		return 0;
	n = resync_scan(family, NULL);
	if (n)
		zlog_info("zebra is back: %u route(s) announced before and no "
			  "longer wanted are being withdrawn",
			  n);
	return 0;
}

static int resync_vrf_update(struct vrf *vrf, bool enabled)
{
	if (!enabled)
		return 0;
	if (anycast_zebra_connected_for_family(AF_INET))
		resync_scan(AF_INET, vrf);
	if (anycast_zebra_connected_for_family(AF_INET6))
		resync_scan(AF_INET6, vrf);
	return 0;
}

static int resync_notify(const struct prefix *p, vrf_id_t vrf_id,
			 enum zapi_route_notify_owner note)
{
	const char *vrf = vrf_name_of(vrf_id);
	struct resync_route *r;

	if (!npending || !vrf)
		return 0;
	r = resync_find(p, vrf);
	if (!r || !r->pending || r->vrf_id != vrf_id)
		return 0;
	/*
	 * anything else: not selected yet (a leftover kernel copy that
	 * anycast_leftover.c removes, say): wait
	 */
	if (note != ZAPI_ROUTE_INSTALLED)
		return 0;
	r->installed = true;
	resync_timer_arm();
	return 0;
}

void anycast_resync_init(void)
{
	resync_routes_init(&routes);
	hook_register(anycast_zebra_route_sent, resync_route_sent);
	hook_register(anycast_zebra_route_notify, resync_notify);
	hook_register(anycast_zebra_reconnected, resync_reconnected);
	hook_register(anycast_zebra_vrf_update, resync_vrf_update);
}

void anycast_resync_terminate(void)
{
	struct resync_route *r;

	hook_unregister(anycast_zebra_route_sent, resync_route_sent);
	hook_unregister(anycast_zebra_route_notify, resync_notify);
	hook_unregister(anycast_zebra_reconnected, resync_reconnected);
	hook_unregister(anycast_zebra_vrf_update, resync_vrf_update);
	EVENT_OFF(t_confirm);
	while ((r = resync_routes_pop(&routes)))
		XFREE(MTYPE_ANYCAST_RESYNC, r);
	resync_routes_fini(&routes);
	npending = 0;
}
