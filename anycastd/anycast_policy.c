// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd policy evaluation (pure; see anycast_policy.h).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_policy.h"

void anycast_policy_all(const struct anycast_policy_input *in, size_t n,
			struct anycast_policy_result *res)
{
	const struct anycast_policy_input *first_bad = NULL;
	size_t bad = 0;

	if (n == 0) {
		res->announce = false;
		snprintf(res->reason, sizeof(res->reason),
			 "no health object tracked");
		return;
	}

	for (size_t i = 0; i < n; i++) {
		if (in[i].exists && anycast_fsm_is_up(in[i].state))
			continue;
		if (!first_bad)
			first_bad = &in[i];
		bad++;
	}

	if (!first_bad) {
		res->announce = true;
		if (n == 1)
			snprintf(res->reason, sizeof(res->reason),
				 "health %s is up", in[0].name);
		else
			snprintf(res->reason, sizeof(res->reason),
				 "all %zu tracked health objects are up", n);
		return;
	}

	res->announce = false;
	if (!first_bad->exists)
		snprintf(res->reason, sizeof(res->reason),
			 "health %s does not exist", first_bad->name);
	else
		snprintf(res->reason, sizeof(res->reason), "health %s is %s",
			 first_bad->name,
			 anycast_fsm_state_name(first_bad->state));
	if (bad > 1) {
		size_t len = strnlen(res->reason, sizeof(res->reason));

		snprintf(res->reason + len, sizeof(res->reason) - len,
			 " (%zu of %zu tracked objects not up)", bad, n);
	}
}
