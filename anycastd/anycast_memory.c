// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd memory types. */
#include <zebra.h>

#include "anycast_memory.h"

DEFINE_MGROUP(ANYCASTD, "anycastd");
DEFINE_MTYPE(ANYCASTD, ANYCAST_HEALTH, "Health object");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PREFIX, "Anycast prefix");
DEFINE_MTYPE(ANYCASTD, ANYCAST_TRACK, "Prefix track entry");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PROBE_RUN, "Probe run");
DEFINE_MTYPE(ANYCASTD, ANYCAST_ARES, "c-ares channel state");
DEFINE_MTYPE(ANYCASTD, ANYCAST_HISTORY, "Transition history");
DEFINE_MTYPE(ANYCASTD, ANYCAST_ROUTE_TARGET, "Tracked route");
DEFINE_MTYPE(ANYCASTD, ANYCAST_BFD_TARGET, "Tracked BFD session");
DEFINE_MTYPE(ANYCASTD, ANYCAST_DRAIN, "Drain settings");
DEFINE_MTYPE(ANYCASTD, ANYCAST_GR, "Graceful restart: routes zebra has");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PROBE_ENV, "Probe run environment");
DEFINE_MTYPE(ANYCASTD, ANYCAST_ONCHANGE, "On-change hook");
DEFINE_MTYPE(ANYCASTD, ANYCAST_METRICS, "Metrics exposition");

void *anycast_history_realloc(void *ptr, size_t size)
{
	return XREALLOC(MTYPE_ANYCAST_HISTORY, ptr, size);
}
