// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd leftovers: the kernel's copy of one of our routes that a new
 * zebra read back instead of sweeping (anycast_zebra.h, "Leftovers").
 *
 * zebra 10.3, started again after a kill -9, sweeps its own routes out of
 * the kernel before it has read them (doc/frr-findings.md): our blackhole
 * stays in zebra's table as a kernel route with distance 0, selected over
 * the route anycastd sends again, so bgpd is never told of ours and a
 * withdraw never reaches the peer.  On every route session, in every VRF,
 * anycastd watches zebra's selected kernel routes; a blackhole self route
 * for a configured anycast prefix is removed from zebra's table at once
 * (logged), which selects anycastd's own route if the prefix is announced.
 * zebra 8.4 sweeps these itself: nothing to see there.
 */
#ifndef _ANYCAST_LEFTOVER_H
#define _ANYCAST_LEFTOVER_H

extern void anycast_leftover_init(void);

#endif /* _ANYCAST_LEFTOVER_H */
