// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd policy: from the states of a prefix's tracked health objects to
 * the prefix's decision.  Pure: no FRR calls.
 *
 * Policy "all" (the only one so far): announce when at least one health
 * object is tracked and every tracked object is up (UP or FALLING).  A
 * prefix that tracks nothing is not announced: a missing health check must
 * never advertise a service.
 */
#ifndef _ANYCAST_POLICY_H
#define _ANYCAST_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "anycast_fsm.h"

struct anycast_policy_input {
	const char *name;		 /* tracked health object */
	bool exists;			 /* false if no such object */
	enum anycast_health_state state; /* its state when it exists */
};

struct anycast_policy_result {
	bool announce;
	char reason[160]; /* human readable, for show and logs */
};

/* Evaluate policy "all" over n tracked objects. */
extern void anycast_policy_all(const struct anycast_policy_input *in, size_t n,
			       struct anycast_policy_result *res);

#endif /* _ANYCAST_POLICY_H */
