// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd announcement: from a prefix's state (the policy's outcome) and
 * its drain request to the route handed to zebra -- announced or not, and
 * with which metric (bgpd: MED) and tag (bgpd: `match tag` in the
 * operator's route-map).  Pure: no FRR calls, unit-tested.
 *
 * Per state:
 *  - up:       announced, with `metric M` / `tag T` when set;
 *  - degraded: `degraded advertise [metric M] [tag T]` (default) or
 *              `degraded withdraw`;
 *  - down:     `down withdraw` (default) or `down advertise [metric M]
 *              [tag T]` (keep announcing, de-preferred).
 * An advertising state without its own metric or tag uses up's.
 *
 * Drain (requested on the prefix, for all prefixes, by the maintenance
 * file, or by a stop with shutdown-drain): while the state would be
 * announced, the route carries the drain tag (metric unchanged) for
 * drain-time seconds from the request, then it is withdrawn (drained).
 * Ending the request announces again at once.  A state that withdraws
 * withdraws, drain or not.
 *
 * Last-site guard (`last-site-guard [tag T]`): a state that would withdraw
 * keeps the route announced instead, with the guard tag, at a floating
 * administrative distance (ANYCAST_DISTANCE_GUARD) that loses against any
 * BGP route for the prefix in zebra; every announced route then has
 * ANYCAST_DISTANCE_ANNOUNCE, which beats BGP's.  So while another site's
 * path exists in the RIB (bgpd installs it once the guard tag's route-map
 * makes our own path lose: weight 0, low local-preference) zebra selects
 * it, our route is not redistributed and the prefix is not advertised;
 * when the last other path goes, zebra selects ours again and bgpd
 * advertises it.  zebra decides, event-driven; no polling.  A drain is an
 * operator's decision and is never guarded.
 */
#ifndef _ANYCAST_ANNOUNCE_H
#define _ANYCAST_ANNOUNCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anycast_policy.h"

#define ANYCAST_DRAIN_TAG_DEFAULT 65535
#define ANYCAST_DRAIN_TIME_DEFAULT 60 /* seconds */
#define ANYCAST_GUARD_TAG_DEFAULT 65534
/* with the guard: announced routes beat eBGP (20), guarded ones lose */
#define ANYCAST_DISTANCE_ANNOUNCE 10
#define ANYCAST_DISTANCE_GUARD 254

/* metric/tag of one state; has_*: configured */
struct anycast_attrs {
	bool has_metric;
	uint32_t metric;
	bool has_tag;
	uint32_t tag;
};

struct anycast_announce_cfg {
	struct anycast_attrs up;
	bool degraded_withdraw; /* default: advertise */
	struct anycast_attrs degraded;
	bool down_advertise; /* default: withdraw */
	struct anycast_attrs down;
	uint32_t drain_tag;
	uint32_t drain_time_s;
	bool guard; /* last-site guard */
	uint32_t guard_tag;
};

enum anycast_drain_state {
	ANYCAST_DRAIN_NONE = 0,
	ANYCAST_DRAIN_DRAINING, /* announced with the drain tag */
	ANYCAST_DRAIN_DRAINED,	/* withdrawn after drain-time */
};

/* The route wanted in zebra. */
struct anycast_route {
	bool announce;
	bool has_metric;
	uint32_t metric;
	bool has_tag;
	uint32_t tag;
	uint8_t distance; /* 0: zebra's default for the route type */
};

struct anycast_announce_result {
	struct anycast_route route;
	bool guarded; /* announced only by the last-site guard */
	enum anycast_drain_state drain;
	/* DRAINING: when it ends (ms, the caller's clock); 0 otherwise */
	uint64_t drain_deadline_ms;
	char why[96]; /* "down: withdraw", "draining: 41 s left", ... */
};

/* The defaults: up/degraded announce, down withdraws, drain 65535/60 s. */
extern void anycast_announce_cfg_init(struct anycast_announce_cfg *cfg);

/*
 * The route for state.  drain_since_ms: when the drain request began
 * (the caller's clock), 0 when there is none; now_ms: the current time.
 */
extern void anycast_announce_decide(const struct anycast_announce_cfg *cfg,
				    enum anycast_prefix_state state,
				    uint64_t drain_since_ms, uint64_t now_ms,
				    struct anycast_announce_result *res);

extern bool anycast_route_equal(const struct anycast_route *a,
				const struct anycast_route *b);

extern const char *anycast_drain_state_name(enum anycast_drain_state d);

#endif /* _ANYCAST_ANNOUNCE_H */
