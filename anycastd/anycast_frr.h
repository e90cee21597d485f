// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd — the differences between the FRR releases anycastd builds
 * against, each handled once, here, and named after what it is.
 *
 * configure reads the version of the FRR tree it builds against (the dev
 * kit made from the installed frr's source package) and writes it to
 * anycast_frr_version.h as ANYCAST_FRR_VERSION, 0xMMmmpp (8.4.4 = 0x080404).  It refuses versions
 * older than 8.4 and newer majors than 10.  The daemon's files are written
 * against the 10.x names; on older FRR this header maps them.
 *
 * Nothing else is version-dependent by number: route type numbers
 * (ZEBRA_ROUTE_TABLE moved from 15 to 16 in 10.0 when ZEBRA_ROUTE_LOCAL
 * was inserted) always come from the generated lib/route_types.h of the
 * tree built against, never from a constant of ours.
 */
#ifndef ANYCAST_FRR_H
#define ANYCAST_FRR_H

#include "anycast_frr_version.h"

#define ANYCAST_FRR_AT_LEAST(maj, min)                                         \
	(ANYCAST_FRR_VERSION >= (((maj) << 16) | ((min) << 8)))

/*
 * The event loop.  FRR 9.0 renamed lib/thread.h to lib/frrevent.h:
 * struct thread -> struct event, struct thread_master -> struct event_loop,
 * thread_add_* -> event_add_*, THREAD_ARG/OFF/VAL -> EVENT_ARG/OFF/VAL.
 * anycastd writes the function names of 9.0 and later, and the two struct
 * names as `struct frr_event` / `struct frr_event_loop` (a macro named
 * `event` would rename libfrr's own identifiers of that name on 8.x).
 */
#if ANYCAST_FRR_AT_LEAST(9, 0)
#include "frrevent.h"
#define frr_event event
#define frr_event_loop event_loop
#else
#include "thread.h"
#define frr_event thread
#define frr_event_loop thread_master
#define event_add_read thread_add_read
#define event_add_write thread_add_write
#define event_add_timer thread_add_timer
#define event_add_timer_msec thread_add_timer_msec
#define event_add_timer_tv thread_add_timer_tv
#define event_add_event thread_add_event
#define event_timer_remain_msec thread_timer_remain_msec
#define EVENT_ARG THREAD_ARG
#define EVENT_OFF THREAD_OFF
#define EVENT_VAL THREAD_VAL
#endif

#endif /* ANYCAST_FRR_H */
