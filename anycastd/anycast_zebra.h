// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd zebra adapter: the only code that speaks zapi.
 *
 * anycastd says hello as route type "table": IPv4 routes with instance 253
 * (253..255, --table-instance), so bgpd picks them up with
 * `redistribute table 253`; IPv6 routes on a second session with instance
 * 0, because bgpd 8.4 only has `redistribute table` (instance 0) for IPv6.
 * zebra removes exactly our routes when we die.  Routes are blackholes in
 * the main table; after a (re)connect every announced prefix is sent again.
 */
#ifndef _ANYCAST_ZEBRA_H
#define _ANYCAST_ZEBRA_H

#include "prefix.h"

#define ANYCAST_TABLE_INSTANCE_MIN 253
#define ANYCAST_TABLE_INSTANCE_MAX 255
#define ANYCAST_TABLE_INSTANCE_DEFAULT 253
#define ANYCAST_TABLE_INSTANCE_IPV6 0

extern unsigned short anycast_table_instance;

extern void anycast_zebra_init(void);
extern void anycast_zebra_terminate(void);

/* Install (true) or remove (false) the route for p. */
extern void anycast_zebra_route_update(const struct prefix *p, bool install);

extern bool anycast_zebra_connected(void);

#endif /* _ANYCAST_ZEBRA_H */
