// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd flap dampening for health objects (as BGP route-flap and
 * Cisco IP event dampening): every flap (up -> down) adds `penalty`; the
 * penalty halves every `half-life`; above `suppress` the object is
 * suppressed (counts as not up for its prefixes) until the penalty has
 * decayed below `reuse`.  The penalty is capped so no suppression lasts
 * longer than `max-suppress`.  Pure: time is an argument.
 */
#ifndef _ANYCAST_DAMPEN_H
#define _ANYCAST_DAMPEN_H

#include <stdbool.h>
#include <stdint.h>

#define ANYCAST_DAMPEN_HALF_LIFE_DEFAULT 5 /* seconds */
#define ANYCAST_DAMPEN_PENALTY_DEFAULT 1000
#define ANYCAST_DAMPEN_SUPPRESS_DEFAULT 2000
#define ANYCAST_DAMPEN_REUSE_DEFAULT 1000
#define ANYCAST_DAMPEN_MAX_SUPPRESS_DEFAULT 20 /* seconds */

struct anycast_dampen_params {
	bool enabled;
	uint32_t half_life_s;
	uint32_t penalty;
	uint32_t suppress;
	uint32_t reuse; /* < suppress */
	uint32_t max_suppress_s;
};

struct anycast_dampen {
	double penalty;
	uint64_t updated_ms;
	bool suppressed;
	uint32_t flaps;
};

/* Decay the penalty to now; lift suppression below reuse. True if the
 * suppression ended. */
extern bool anycast_dampen_update(struct anycast_dampen *d,
				  const struct anycast_dampen_params *p,
				  uint64_t now_ms);

/* Count a flap at now. True if it started a suppression. */
extern bool anycast_dampen_flap(struct anycast_dampen *d,
				const struct anycast_dampen_params *p,
				uint64_t now_ms);

/* While suppressed: ms from now until the penalty reaches reuse. */
extern uint64_t anycast_dampen_reuse_in(const struct anycast_dampen *d,
					const struct anycast_dampen_params *p,
					uint64_t now_ms);

/* The penalty at now (without changing the state). */
extern double anycast_dampen_penalty(const struct anycast_dampen *d,
				     const struct anycast_dampen_params *p,
				     uint64_t now_ms);

#endif /* _ANYCAST_DAMPEN_H */
