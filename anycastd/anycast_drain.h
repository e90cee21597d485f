// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd drain of every prefix: maintenance file, shutdown-drain.
 */
#ifndef _ANYCAST_DRAIN_H
#define _ANYCAST_DRAIN_H

#include <stdbool.h>
#include <stdint.h>

/* Watch path (NULL: none): every prefix drains while it exists. */
extern void anycast_drain_maintenance_file(const char *path);
extern const char *anycast_drain_maintenance_path(void);

/* shutdown-drain SECONDS (0: withdraw at once on a stop). */
extern void anycast_drain_shutdown_time(uint32_t seconds);
extern uint32_t anycast_drain_shutdown_get(void);

/*
 * A stop signal: with shutdown-drain configured and something announced,
 * start draining, return true, and call done() once everything is
 * withdrawn or the time is over.  false: stop now.
 */
extern bool anycast_drain_on_stop(void (*done)(void));

/* Stopping with a drain; *remaining_s: seconds left (may be NULL). */
extern bool anycast_drain_stopping(uint32_t *remaining_s);

extern void anycast_drain_terminate(void);

#endif /* _ANYCAST_DRAIN_H */
