// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd debugging: `debug anycast [health|probe|prefix|zebra|northbound]`.
 * Use the ANYCAST_DBG_* macros: they check the guard before formatting.
 */
#ifndef _ANYCAST_DEBUG_H
#define _ANYCAST_DEBUG_H

#include "lib/debug.h"

extern struct debug anycast_dbg_health;
extern struct debug anycast_dbg_probe;
extern struct debug anycast_dbg_prefix;
extern struct debug anycast_dbg_zebra;
extern struct debug anycast_dbg_nb;

#define ANYCAST_DBG_HEALTH(fmt, ...)                                           \
	DEBUGD(&anycast_dbg_health, "health: " fmt, ##__VA_ARGS__)
/* probe-level detail: every run's result, sockets, children, queries */
#define ANYCAST_DBG_PROBE(fmt, ...)                                            \
	DEBUGD(&anycast_dbg_probe, "probe: " fmt, ##__VA_ARGS__)
#define ANYCAST_DBG_PREFIX(fmt, ...)                                           \
	DEBUGD(&anycast_dbg_prefix, "prefix: " fmt, ##__VA_ARGS__)
#define ANYCAST_DBG_ZEBRA(fmt, ...)                                            \
	DEBUGD(&anycast_dbg_zebra, "zebra: " fmt, ##__VA_ARGS__)
#define ANYCAST_DBG_NB(fmt, ...)                                               \
	DEBUGD(&anycast_dbg_nb, "northbound: " fmt, ##__VA_ARGS__)

/* Install the debug node, `debug anycast …` and `show debugging`. */
extern void anycast_debug_init(void);

#endif /* _ANYCAST_DEBUG_H */
