// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd memory types (visible in `show memory anycastd`). */
#ifndef _ANYCAST_MEMORY_H
#define _ANYCAST_MEMORY_H

#include "memory.h"

DECLARE_MGROUP(ANYCASTD);
DECLARE_MTYPE(ANYCAST_HEALTH);
DECLARE_MTYPE(ANYCAST_PREFIX);
DECLARE_MTYPE(ANYCAST_TRACK);
DECLARE_MTYPE(ANYCAST_PROBE_RUN);
DECLARE_MTYPE(ANYCAST_ARES);
DECLARE_MTYPE(ANYCAST_HISTORY);
DECLARE_MTYPE(ANYCAST_ROUTE_TARGET);
DECLARE_MTYPE(ANYCAST_BFD_TARGET);
DECLARE_MTYPE(ANYCAST_DRAIN);
DECLARE_MTYPE(ANYCAST_GR);
DECLARE_MTYPE(ANYCAST_RESYNC);
DECLARE_MTYPE(ANYCAST_PROBE_USERS);
DECLARE_MTYPE(ANYCAST_NHT);
DECLARE_MTYPE(ANYCAST_PROBE_ENV);
DECLARE_MTYPE(ANYCAST_ONCHANGE);
DECLARE_MTYPE(ANYCAST_METRICS);
DECLARE_MTYPE(ANYCAST_WORKER_JOB);
DECLARE_MTYPE(ANYCAST_PROCESS_TARGET);
DECLARE_MTYPE(ANYCAST_IF_TARGET);

/*
 * After a configuration change or a large show: return the heap's free
 * pages to the system a second later (malloc_trim(3)); the change or the
 * show runs to its end first.
 */
extern void anycast_memory_trim_soon(void);
extern void anycast_memory_terminate(void);

/* realloc(3) of MTYPE_ANYCAST_HISTORY, for anycast_history_add() */
extern void *anycast_history_realloc(void *ptr, size_t size);

#endif /* _ANYCAST_MEMORY_H */
