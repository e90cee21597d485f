// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd CLI: configuration commands (northbound) and show commands. */
#ifndef _ANYCAST_VTY_H
#define _ANYCAST_VTY_H

struct vty;

#define ANYCAST_STR "Anycast prefix announcement\n"

extern void anycast_vty_init(void);
/* route attributes and drain (anycast_vty_route.c) */
extern void anycast_vty_route_init(void);

/*
 * For `probe KIND …` commands: enqueue the removal of whatever probe is
 * configured (any kind), so the new one replaces it instead of merging.
 */
extern void anycast_probe_replace(struct vty *vty);

union sockunion;

/*
 * For probe commands: an address a probe can send to or bind to.  Refuses
 * (with a `%` message naming `what`) unspecified, multicast, broadcast and
 * IPv4-mapped addresses, and IPv6 link-local ones unless link_local_ok
 * (the caller has an interface to scope them).
 */
extern bool anycast_vty_unicast_addr_ok(struct vty *vty, const char *what,
					const union sockunion *su,
					const char *str, bool link_local_ok);

#endif /* _ANYCAST_VTY_H */
