// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd policy: from the states of a prefix's tracked health objects to
 * the prefix state.  Pure: no FRR calls.
 *
 * A tracked object is *satisfied* when it is up (UP or FALLING, and not
 * suppressed by dampening), or — with `not` — when it has a result and is
 * not up.  An object without a result yet (INIT) or missing is never
 * satisfied, `not` or not: nothing is announced on missing information.
 *
 * Policies (a prefix tracking nothing is always DOWN):
 *  - all:        every track satisfied;
 *  - any:        at least one;
 *  - at-least N: at least N;
 *  - weight up U down D: the sum of the satisfied tracks' weights; the
 *    policy becomes met at sum >= U and stops being met at sum <= D, in
 *    between it keeps its previous outcome (hysteresis, D < U).
 * The prefix is UP when the policy is met and every track is satisfied,
 * DEGRADED when it is met with some track unsatisfied, DOWN otherwise.
 */
#ifndef _ANYCAST_POLICY_H
#define _ANYCAST_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anycast_fsm.h"

enum anycast_policy_type {
	ANYCAST_POLICY_ALL = 0,
	ANYCAST_POLICY_ANY,
	ANYCAST_POLICY_AT_LEAST,
	ANYCAST_POLICY_WEIGHT,
};

struct anycast_policy {
	enum anycast_policy_type type;
	uint32_t at_least;    /* AT_LEAST */
	uint32_t weight_up;   /* WEIGHT: met at sum >= weight_up */
	uint32_t weight_down; /* WEIGHT: not met at sum <= weight_down */
};

enum anycast_prefix_state {
	ANYCAST_PS_DOWN = 0,
	ANYCAST_PS_DEGRADED,
	ANYCAST_PS_UP,
	ANYCAST_PS_MAX,
};

struct anycast_policy_input {
	const char *name;		 /* tracked health object */
	bool exists;			 /* false if no such object */
	enum anycast_health_state state; /* its state when it exists */
	bool suppressed;		 /* dampened: counts as not up */
	bool negate;			 /* `track NAME not` */
	uint32_t weight;		 /* `track NAME weight W`, default 1 */
};

struct anycast_policy_result {
	enum anycast_prefix_state state;
	uint32_t satisfied; /* tracks satisfied */
	uint32_t weight;    /* their weight */
	char reason[160];   /* human readable, for show and logs */
};

/* Is this track satisfied (see above)? */
extern bool anycast_policy_satisfied(const struct anycast_policy_input *in);

/*
 * Evaluate pol over n tracks.  prev is the prefix's current state (used by
 * the weight policy's hysteresis).
 */
extern void anycast_policy_eval(const struct anycast_policy *pol,
				const struct anycast_policy_input *in, size_t n,
				enum anycast_prefix_state prev,
				struct anycast_policy_result *res);

/* "up", "degraded", "down" */
extern const char *anycast_prefix_state_name(enum anycast_prefix_state s);
/* "all", "any", "at-least", "weight" */
extern const char *anycast_policy_type_name(enum anycast_policy_type t);

#endif /* _ANYCAST_POLICY_H */
