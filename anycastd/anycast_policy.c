// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd policy evaluation (pure; see anycast_policy.h).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_policy.h"

const char *anycast_prefix_state_name(enum anycast_prefix_state s)
{
	switch (s) {
	case ANYCAST_PS_DOWN:
		return "down";
	case ANYCAST_PS_DEGRADED:
		return "degraded";
	case ANYCAST_PS_UP:
		return "up";
	case ANYCAST_PS_MAX:
		break;
	}
	return "unknown";
}

const char *anycast_policy_type_name(enum anycast_policy_type t)
{
	switch (t) {
	case ANYCAST_POLICY_ALL:
		return "all";
	case ANYCAST_POLICY_ANY:
		return "any";
	case ANYCAST_POLICY_AT_LEAST:
		return "at-least";
	case ANYCAST_POLICY_WEIGHT:
		return "weight";
	}
	return "unknown";
}

bool anycast_policy_satisfied(const struct anycast_policy_input *in)
{
	bool up;

	if (!in->exists || in->state == ANYCAST_HS_INIT)
		return false;
	up = anycast_fsm_is_up(in->state) && !in->suppressed;
	return in->negate ? !up : up;
}

/* Why a track is not satisfied, e.g. "health web is down". */
static void unsatisfied_reason(const struct anycast_policy_input *in, char *buf,
			       size_t len)
{
	if (!in->exists)
		snprintf(buf, len, "health %s does not exist", in->name);
	else if (in->state == ANYCAST_HS_INIT)
		snprintf(buf, len, "health %s has no result yet", in->name);
	else if (in->negate)
		snprintf(buf, len, "health %s is up (tracked with not)",
			 in->name);
	else if (in->suppressed)
		snprintf(buf, len, "health %s is suppressed (dampening)",
			 in->name);
	else
		snprintf(buf, len, "health %s is %s", in->name,
			 anycast_fsm_state_name(in->state));
}

void anycast_policy_eval(const struct anycast_policy *pol,
			 const struct anycast_policy_input *in, size_t n,
			 enum anycast_prefix_state prev,
			 struct anycast_policy_result *res)
{
	const struct anycast_policy_input *first_bad = NULL;
	bool met = false;
	char bad[sizeof(res->reason)] = "";
	size_t len;

	memset(res, 0, sizeof(*res));
	if (n == 0) {
		res->state = ANYCAST_PS_DOWN;
		snprintf(res->reason, sizeof(res->reason),
			 "no health object tracked");
		return;
	}

	for (size_t i = 0; i < n; i++) {
		if (anycast_policy_satisfied(&in[i])) {
			res->satisfied++;
			res->weight += in[i].weight;
		} else if (!first_bad) {
			first_bad = &in[i];
		}
	}
	if (first_bad)
		unsatisfied_reason(first_bad, bad, sizeof(bad));

	switch (pol->type) {
	case ANYCAST_POLICY_ALL:
		met = res->satisfied == n;
		break;
	case ANYCAST_POLICY_ANY:
		met = res->satisfied >= 1;
		break;
	case ANYCAST_POLICY_AT_LEAST:
		met = res->satisfied >= pol->at_least;
		break;
	case ANYCAST_POLICY_WEIGHT:
		if (res->weight >= pol->weight_up)
			met = true;
		else if (res->weight <= pol->weight_down)
			met = false;
		else
			met = prev != ANYCAST_PS_DOWN;
		break;
	}

	if (!met)
		res->state = ANYCAST_PS_DOWN;
	else if (res->satisfied == n)
		res->state = ANYCAST_PS_UP;
	else
		res->state = ANYCAST_PS_DEGRADED;

	switch (pol->type) {
	case ANYCAST_POLICY_ALL:
		if (met && n == 1)
			snprintf(res->reason, sizeof(res->reason),
				 "health %s is %s", in[0].name,
				 in[0].negate ? "not up" : "up");
		else if (met)
			snprintf(res->reason, sizeof(res->reason),
				 "all %zu tracked health objects are up", n);
		else
			snprintf(res->reason, sizeof(res->reason), "%s", bad);
		break;
	case ANYCAST_POLICY_ANY:
	case ANYCAST_POLICY_AT_LEAST:
		snprintf(res->reason, sizeof(res->reason),
			 "%u of %zu tracked health objects up (policy %s %u)",
			 res->satisfied, n, anycast_policy_type_name(pol->type),
			 pol->type == ANYCAST_POLICY_ANY ? 1 : pol->at_least);
		break;
	case ANYCAST_POLICY_WEIGHT:
		snprintf(res->reason, sizeof(res->reason),
			 "weight %u of tracked objects up (policy weight up %u "
			 "down %u)",
			 res->weight, pol->weight_up, pol->weight_down);
		break;
	}
	if (pol->type != ANYCAST_POLICY_ALL && first_bad) {
		len = strnlen(res->reason, sizeof(res->reason));
		snprintf(res->reason + len, sizeof(res->reason) - len, "; %s",
			 bad);
	} else if (pol->type == ANYCAST_POLICY_ALL && n - res->satisfied > 1) {
		len = strnlen(res->reason, sizeof(res->reason));
		snprintf(res->reason + len, sizeof(res->reason) - len,
			 " (%zu of %zu tracked objects not up)",
			 n - res->satisfied, n);
	}
}
