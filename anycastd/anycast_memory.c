// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd memory types. */
#include <zebra.h>

#include <malloc.h>

#include "anycast_frr.h"

#include "anycast_memory.h"

extern struct frr_event_loop *master;

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
DEFINE_MTYPE(ANYCASTD, ANYCAST_RESYNC, "Routes a zebra may have");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PROBE_USERS, "Users of a probe target");
DEFINE_MTYPE(ANYCASTD, ANYCAST_NHT, "Nexthop tracking registration");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PROBE_ENV, "Probe run environment");
DEFINE_MTYPE(ANYCASTD, ANYCAST_ONCHANGE, "On-change hook");
DEFINE_MTYPE(ANYCASTD, ANYCAST_METRICS, "Metrics exposition");
DEFINE_MTYPE(ANYCASTD, ANYCAST_WORKER_JOB, "Blocking call in a worker");
DEFINE_MTYPE(ANYCASTD, ANYCAST_PROCESS_TARGET, "Watched process target");
DEFINE_MTYPE(ANYCASTD, ANYCAST_IF_TARGET, "Tracked interface");

void *anycast_history_realloc(void *ptr, size_t size)
{
	return XREALLOC(MTYPE_ANYCAST_HISTORY, ptr, size);
}

/*
 * A configuration commit allocates and frees a lot (libyang's candidate
 * copies and diffs, libfrr's change lists): with 1,000 objects in one
 * transaction, several MB.  glibc returns freed memory to the system only
 * from the top of the heap, so what the commit freed between the objects
 * it created stayed in RSS: 1,000 objects measured 15 to 23 MB depending
 * on how the commit's allocations fell (bench/memory, doc/benchmarks.md).
 * A second after the last change, malloc_trim() gives the free pages back.
 * The same after a show of every object, whose output (json-c objects,
 * the vty buffer) is a few MB at 1,000 objects.
 */
#define ANYCAST_TRIM_DELAY_MS 1000

static struct frr_event *t_trim;

static void anycast_memory_trim(struct frr_event *t)
{
	malloc_trim(0);
}

void anycast_memory_trim_soon(void)
{
	if (!master || t_trim)
		return;
	event_add_timer_msec(master, anycast_memory_trim, NULL,
			     ANYCAST_TRIM_DELAY_MS, &t_trim);
}

void anycast_memory_terminate(void)
{
	EVENT_OFF(t_trim);
}
