// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd resync: after zebra came back, make bgpd's view equal ours.
 *
 * bgpd keeps what zebra redistributed to it while zebra is away and after
 * it is back, until zebra tells it a route went.  A new zebra starts
 * empty, and anycastd sends it only the routes it wants now: one it
 * announced before the outage and no longer wants (the service went down
 * meanwhile, the prefix was deleted or moved to another VRF) never
 * reaches the new zebra, so zebra never tells bgpd it went and the peers
 * keep a dead service's prefix (found with zebra killed and the service
 * stopped a second later: still announced 10 s after zebra was back).
 *
 * So anycastd remembers, per route session, every route whose add it sent
 * and whose delete it did not (by VRF name: a new zebra may number VRFs
 * differently).  At each (re)connect, and when a VRF comes back, each such
 * route no prefix wants is sent again and deleted once zebra said it
 * installed it (route notifications) and bgpd, which lost zebra when we
 * did, has connected again: bgpd must be registered for the
 * redistribution when the delete comes, or zebra has nobody to tell.
 * There is no word from zebra about its other clients, so that time is
 * reckoned from libfrr's retry schedule (the same libfrr as ours: 8.4
 * tries 10 s and 20 s after the loss, then every 60 s; 10.3 every second)
 * from the time our session was found lost, plus 2 s.  Meanwhile the
 * peers keep the route they had anyway.  A route zebra does not confirm
 * within ANYCAST_RESYNC_CONFIRM_MS is deleted all the same (logged).  The
 * add also takes a previous zebra's copy of the route out of the kernel
 * (zebra replaces it, then removes ours).  A blind removal meanwhile (the
 * graceful-restart sync point's) is left to this.
 */
#ifndef _ANYCAST_RESYNC_H
#define _ANYCAST_RESYNC_H

#include <stdbool.h>

#include "prefix.h"
#include "vrf.h"

#define ANYCAST_RESYNC_CONFIRM_MS 3000

extern void anycast_resync_init(void);
extern void anycast_resync_terminate(void);

/* does zebra (or bgpd through it) possibly have our route p in vrf_id? */
extern bool anycast_resync_known(const struct prefix *p, vrf_id_t vrf_id);

/* is p in vrf_id being withdrawn this way (sent again, unconfirmed)? */
extern bool anycast_resync_withdrawing(const struct prefix *p, vrf_id_t vrf_id);

/* routes being withdrawn this way, for show/metrics */
extern unsigned int anycast_resync_pending(void);

#endif /* _ANYCAST_RESYNC_H */
