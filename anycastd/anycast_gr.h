// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd graceful restart towards zebra (`graceful-restart stale-time S`
 * in the anycast node).
 *
 * What zebra 8.4 does (zebra/zebra_gr.c, zserv.c): a client that announced
 * the GR capability and dies keeps its routes in zebra's RIB (so bgpd
 * keeps advertising them); zebra arms a stale timer of S seconds.  A new
 * client saying hello with the same route type and instance (ours: table
 * 253 for IPv4, table 0 for IPv6 -- one zebra client per session) takes
 * over that state.  Every route it sends replaces the old entry (a new
 * uptime); zebra deletes the entries older than the death ("stale") when
 * the client says ROUTE_UPDATE_COMPLETE or when the timer runs out.
 *
 * The rule anycastd follows after every (re)connect of a route session:
 *  - routes are (re)sent as prefixes decide, as always;
 *  - the session's route update is complete (zebra sweeps the stale
 *    routes) at the "sync point": the configuration is loaded (the
 *    daemon's own file read, and no vtysh -b load in progress), at least
 *    one prefix is configured, and every prefix is decided (each health
 *    object it tracks has had a result since it started: up, down,
 *    falling or admin-down; a missing object counts as decided).  With GR
 *    configured, waiting ends at the latest S seconds after the connect
 *    (zebra's own timer, armed at the death, has run out by then anyway);
 *  - until then a prefix that is not decided does not touch zebra: its
 *    stale route (if any) stays as it is, no update reaches the peers;
 *  - at the sync point anycastd first removes its routes in zebra that
 *    no prefix wants: those zebra listed at the connect (its selected
 *    routes of our type and instance) and the configured prefixes not
 *    announced -- zebra's own sweep misses routes changed in the second
 *    the old process died (its stale test compares whole seconds);
 *  - then, with GR configured, ROUTE_UPDATE_COMPLETE in every VRF;
 *    without it, GR_DISABLE (zebra carries a dead client's GR
 *    state over to its successor: this ends it, sweeping the stale routes,
 *    so the new process fails closed again).
 * A clean stop (SIGTERM) withdraws every route and disables GR before
 * closing the sessions: zebra keeps nothing.
 */
#ifndef _ANYCAST_GR_H
#define _ANYCAST_GR_H

#include <stdbool.h>
#include <stdint.h>

extern void anycast_gr_init(void);
extern void anycast_gr_terminate(void);

/* `graceful-restart stale-time S` (0: not configured). */
extern void anycast_gr_stale_time_set(uint32_t seconds);
extern uint32_t anycast_gr_stale_time_get(void);

/*
 * With GR configured and the session for family waiting for its sync
 * point: prefixes that are not decided must leave zebra alone.
 */
extern bool anycast_gr_hold(int family);

/* The session for family waits for its sync point. */
extern bool anycast_gr_pending(int family);

#endif /* _ANYCAST_GR_H */
