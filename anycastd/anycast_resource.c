// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Local resource faults and the probe budget (see anycast_resource.h).
 */
#include <errno.h>
#include <stdint.h>

#include "anycast_resource.h"

bool anycast_errno_is_local(int err)
{
	switch (err) {
	case EMFILE:
	case ENFILE:
	case ENOMEM:
	case ENOBUFS:
	case EAGAIN:
#if EWOULDBLOCK != EAGAIN
	case EWOULDBLOCK:
#endif
		return true;
	default:
		return false;
	}
}

uint32_t anycast_budget_from_nofile(uint64_t nofile, uint32_t in_use,
				    uint32_t *reserved)
{
	uint64_t headroom, keep, budget;

	if (nofile > ANYCAST_BUDGET_NOFILE_CAP)
		nofile = ANYCAST_BUDGET_NOFILE_CAP;
	headroom = nofile / ANYCAST_BUDGET_HEADROOM_DIV;
	if (headroom < ANYCAST_BUDGET_HEADROOM_MIN)
		headroom = ANYCAST_BUDGET_HEADROOM_MIN;
	keep = (uint64_t)in_use + headroom;
	if (reserved)
		*reserved = keep > UINT32_MAX ? UINT32_MAX : (uint32_t)keep;
	budget = nofile > keep ? (nofile - keep) / ANYCAST_BUDGET_FDS_PER_RUN
			       : 0;
	if (budget < 1)
		budget = 1;
	if (budget > ANYCAST_BUDGET_MAX)
		budget = ANYCAST_BUDGET_MAX;
	return (uint32_t)budget;
}
