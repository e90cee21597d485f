// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd prefixes: which health objects each prefix tracks, the policy
 * decision, and handing the desired route to the zebra adapter on change.
 * Prefixes know nothing about probe kinds.
 */
#ifndef _ANYCAST_PREFIX_H
#define _ANYCAST_PREFIX_H

#include "prefix.h"
#include "anycast_frr.h"
#include "typesafe.h"
#include "vrf.h"

#include "anycast_announce.h"
#include "anycast_health.h"
#include "anycast_history.h"
#include "anycast_onchange.h"
#include "anycast_policy.h"

#define ANYCAST_MAX_TRACKS 64

PREDECL_RBTREE_UNIQ(anycast_prefix_tree);

struct anycast_track {
	char name[ANYCAST_NAME_LEN];
	uint32_t weight;
	bool negate;
};

struct anycast_prefix {
	struct anycast_prefix_tree_item item;
	struct prefix p;

	/* configuration */
	struct anycast_track *tracks; /* sorted by name */
	size_t ntracks;
	struct anycast_policy policy;
	struct anycast_announce_cfg announce_cfg; /* per-state route, drain */
	bool drain;				  /* `drain` on the prefix */
	struct anycast_onchange *onchange; /* on-change hook, NULL: none */
	/* the VRF whose table gets the route (a change moves it) */
	char vrf[VRF_NAMSIZ + 1];

	/* decision */
	enum anycast_prefix_state state;
	bool announce; /* desired: route in zebra (= route.announce) */
	struct anycast_route route; /* desired route, as sent to zebra */
	/* vrf's id (the route's VRF), VRF_UNKNOWN while zebra lacks it */
	vrf_id_t vrf_id;
	char reason[160];    /* why (not) */
	char route_why[176]; /* what the state does with the route */
	enum anycast_drain_state drain_state;
	uint64_t drain_since_ms;    /* monotonic; 0: no drain requested */
	uint64_t drain_deadline_ms; /* while draining */
	struct frr_event *t_drain;

	/* last-site guard: zebra's view of the prefix (nexthop tracking) */
	bool guarded;	       /* the route is kept by the guard */
	bool guard_registered; /* NHT registration for p */
	vrf_id_t guard_vrf_id; /* the registration's VRF */
	bool other_path;       /* zebra resolves p with another route */
	char other_via[32];    /* its route type ("bgp") */
	struct timeval last_change;
	uint64_t transitions;
	struct anycast_history *history; /* allocated at the first change */
};

static inline int anycast_prefix_cmp(const struct anycast_prefix *a,
				     const struct anycast_prefix *b)
{
	return prefix_cmp(&a->p, &b->p);
}

DECLARE_RBTREE_UNIQ(anycast_prefix_tree, struct anycast_prefix, item,
		    anycast_prefix_cmp);

/* all prefixes, ordered */
extern struct anycast_prefix_tree_head anycast_prefixes;

extern void anycast_prefix_init(void);
extern void anycast_prefix_terminate(void);

extern struct anycast_prefix *anycast_prefix_find(const struct prefix *p);
extern struct anycast_prefix *anycast_prefix_new(const struct prefix *p);
/* Withdraws the route if announced, then frees. */
extern void anycast_prefix_delete(struct anycast_prefix *ap);

/* Replace the tracks (configuration read from the northbound). */
extern void anycast_prefix_set_tracks(struct anycast_prefix *ap,
				      const struct anycast_track *tracks,
				      size_t n);

/* The track entry for a health object, or NULL. */
extern const struct anycast_track *
anycast_prefix_track_find(const struct anycast_prefix *ap, const char *name);

/*
 * Recompute the decision from the tracked objects and, when it changed,
 * tell zebra.  The one place that decides a prefix's route.
 */
extern void anycast_prefix_evaluate(struct anycast_prefix *ap);

/* Route decision of every prefix again (something they all depend on). */
extern void anycast_prefix_refresh_all(void);

/*
 * Every health object the prefix tracks has had a result since it
 * started (a missing object counts as decided: never satisfied).
 */
extern bool anycast_prefix_decided(const struct anycast_prefix *ap);

/*
 * Send a removal to zebra for every prefix of family that is not
 * announced (in its VRF; zebra ignores a removal of a route it does not
 * have).  Returns how many were sent.
 */
extern unsigned int anycast_prefix_withdraw_unannounced(int family);

/* Withdraw every prefix (clean shutdown). */
extern void anycast_prefix_withdraw_all(void);

/*
 * Drain requests that apply to every prefix, each set or cleared by its
 * owner; a prefix drains while any is set or its own `drain` is.
 */
enum anycast_drain_source {
	ANYCAST_DRAIN_SRC_CONFIG = 1 << 0, /* `drain` in the anycast node */
	ANYCAST_DRAIN_SRC_MAINTENANCE = 1 << 1, /* the maintenance file */
	ANYCAST_DRAIN_SRC_SHUTDOWN = 1 << 2,	/* stop with shutdown-drain */
};
extern void anycast_prefix_drain_all(enum anycast_drain_source src, bool on);
extern bool anycast_prefix_drain_all_get(enum anycast_drain_source src);

/* Prefixes whose route is in zebra. */
extern unsigned int anycast_prefix_announced_count(void);

enum anycast_guard_state {
	ANYCAST_GUARD_DISABLED = 0,
	ANYCAST_GUARD_INACTIVE, /* nothing to guard */
	ANYCAST_GUARD_GUARDING, /* no other path: advertised */
	ANYCAST_GUARD_STANDBY,	/* another path: zebra prefers it */
};
extern enum anycast_guard_state
anycast_prefix_guard_state(const struct anycast_prefix *ap);
extern const char *anycast_guard_state_name(enum anycast_guard_state g);

/* While draining: seconds until the withdraw (rounded up). */
extern uint32_t anycast_prefix_drain_remaining(const struct anycast_prefix *ap);

#endif /* _ANYCAST_PREFIX_H */
