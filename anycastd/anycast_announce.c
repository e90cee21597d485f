// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd announcement decision (see anycast_announce.h).  Pure.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "anycast_announce.h"

void anycast_announce_cfg_init(struct anycast_announce_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->drain_tag = ANYCAST_DRAIN_TAG_DEFAULT;
	cfg->drain_time_s = ANYCAST_DRAIN_TIME_DEFAULT;
	cfg->guard_tag = ANYCAST_GUARD_TAG_DEFAULT;
}

const char *anycast_drain_state_name(enum anycast_drain_state d)
{
	switch (d) {
	case ANYCAST_DRAIN_NONE:
		return "none";
	case ANYCAST_DRAIN_DRAINING:
		return "draining";
	case ANYCAST_DRAIN_DRAINED:
		return "drained";
	}
	return "?";
}

bool anycast_route_equal(const struct anycast_route *a,
			 const struct anycast_route *b)
{
	if (a->announce != b->announce)
		return false;
	if (!a->announce)
		return true;
	return a->has_metric == b->has_metric &&
	       (!a->has_metric || a->metric == b->metric) &&
	       a->has_tag == b->has_tag && (!a->has_tag || a->tag == b->tag) &&
	       a->distance == b->distance;
}

/* state's attributes, falling back to up's for what it does not set */
static void attrs_apply(struct anycast_route *rt,
			const struct anycast_attrs *own,
			const struct anycast_attrs *up)
{
	const struct anycast_attrs *m = own->has_metric ? own : up;
	const struct anycast_attrs *t = own->has_tag ? own : up;

	rt->has_metric = m->has_metric;
	rt->metric = m->has_metric ? m->metric : 0;
	rt->has_tag = t->has_tag;
	rt->tag = t->has_tag ? t->tag : 0;
}

void anycast_announce_decide(const struct anycast_announce_cfg *cfg,
			     enum anycast_prefix_state state,
			     uint64_t drain_since_ms, uint64_t now_ms,
			     struct anycast_announce_result *res)
{
	const char *sname = anycast_prefix_state_name(state);
	struct anycast_route *rt = &res->route;
	uint64_t deadline, left;

	memset(res, 0, sizeof(*res));
	switch (state) {
	case ANYCAST_PS_UP:
		rt->announce = true;
		attrs_apply(rt, &cfg->up, &cfg->up);
		break;
	case ANYCAST_PS_DEGRADED:
		rt->announce = !cfg->degraded_withdraw;
		if (rt->announce)
			attrs_apply(rt, &cfg->degraded, &cfg->up);
		break;
	case ANYCAST_PS_DOWN:
	case ANYCAST_PS_MAX:
		rt->announce = cfg->down_advertise;
		if (rt->announce)
			attrs_apply(rt, &cfg->down, &cfg->up);
		break;
	}

	if (!rt->announce && cfg->guard && !drain_since_ms) {
		/* kept, floating below any BGP path for the prefix */
		attrs_apply(rt,
			    state == ANYCAST_PS_DEGRADED ? &cfg->degraded
							 : &cfg->down,
			    &cfg->up);
		rt->announce = true;
		rt->has_tag = true;
		rt->tag = cfg->guard_tag;
		rt->distance = ANYCAST_DISTANCE_GUARD;
		res->guarded = true;
		snprintf(res->why, sizeof(res->why),
			 "%s: guarded (tag %" PRIu32
			 ", advertised only while no other path exists)",
			 sname, cfg->guard_tag);
		return;
	}
	if (!rt->announce) {
		memset(rt, 0, sizeof(*rt));
		snprintf(res->why, sizeof(res->why), "%s: withdraw", sname);
		return;
	}
	if (cfg->guard)
		rt->distance = ANYCAST_DISTANCE_ANNOUNCE;
	if (!drain_since_ms) {
		snprintf(res->why, sizeof(res->why), "%s: advertise", sname);
		return;
	}

	deadline = drain_since_ms + (uint64_t)cfg->drain_time_s * 1000;
	if (now_ms >= deadline) {
		memset(rt, 0, sizeof(*rt));
		res->drain = ANYCAST_DRAIN_DRAINED;
		snprintf(res->why, sizeof(res->why),
			 "%s: drained (withdrawn after %" PRIu32 " s)", sname,
			 cfg->drain_time_s);
		return;
	}
	rt->has_tag = true;
	rt->tag = cfg->drain_tag;
	res->drain = ANYCAST_DRAIN_DRAINING;
	res->drain_deadline_ms = deadline;
	left = (deadline - now_ms + 999) / 1000;
	snprintf(res->why, sizeof(res->why),
		 "%s: draining, tag %" PRIu32 ", withdrawn in %" PRIu64 " s",
		 sname, cfg->drain_tag, left);
}
