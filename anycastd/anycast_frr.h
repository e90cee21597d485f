// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd — the differences between the FRR releases anycastd builds
 * against, each handled once, here, and named after what it is.
 *
 * configure reads the version of the FRR tree it builds against (the dev
 * kit made from the installed frr's source package) and writes it to
 * anycast_frr_version.h as ANYCAST_FRR_VERSION, 0xMMmmpp (8.4.4 = 0x080404). It
 * refuses versions older than 8.4 and newer majors than 10.  The daemon's files
 * are written against the 10.x names; on older FRR this header maps them.
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
#define event_master_create thread_master_create
#define event_add_read thread_add_read
#define event_add_write thread_add_write
#define event_add_timer thread_add_timer
#define event_add_timer_msec thread_add_timer_msec
#define event_add_timer_tv thread_add_timer_tv
#define event_add_event thread_add_event
#define event_timer_remain_msec thread_timer_remain_msec
#define event_fetch thread_fetch
#define event_call thread_call
#define EVENT_ARG THREAD_ARG
#define EVENT_OFF THREAD_OFF
#define EVENT_VAL THREAD_VAL
#endif

/*
 * The releases below are where FRR's git history shows each change (all of
 * them between 9.0 and 10.2, none coexisting with the old form); 8.4.4 and
 * 10.3 are the ones built and tested.
 *
 * An interface's connected addresses: a struct list until 9.1, a typesafe
 * list (ifp->connected[1], struct if_connected_head) from 10.0 on.
 * anycast_frr_each_connected(ifp, ifc) walks them read-only on both.
 */
#if ANYCAST_FRR_AT_LEAST(10, 0)
#define anycast_frr_each_connected(ifp, ifc)                                   \
	frr_each (if_connected_const, (ifp)->connected, ifc)
#else
#define anycast_frr_each_connected(ifp, ifc)                                   \
	for (const struct listnode *_acn = listhead((ifp)->connected);         \
	     _acn && ((ifc) = listgetdata(_acn), 1);                           \
	     _acn = listnextnode(_acn))
#endif

struct interface;
struct prefix;
struct zapi_route;
struct zclient;
struct debug;

/*
 * Interface events from zebra.  8.x: one set of callbacks given to
 * if_zapi_callbacks(); 10.x: the if_real/if_up/if_down/if_unreal hooks.
 * Each callback runs for the event of its name on both.
 */
struct anycast_frr_if_events {
	int (*created)(struct interface *ifp);
	int (*up)(struct interface *ifp);
	int (*down)(struct interface *ifp);
	int (*destroyed)(struct interface *ifp);
};
extern void
anycast_frr_if_events_register(const struct anycast_frr_if_events *ev);

/*
 * Nexthop-tracking updates.  8.x hands the daemon the raw message (its
 * ZEBRA_NEXTHOP_UPDATE handler decodes it with zapi_nexthop_update_decode);
 * 10.x decodes it in libfrr and calls zclient->nexthop_update.  Either way
 * `cb` gets the decoded update (its family tells the session: each
 * family's registrations are on a session of their own).
 */
typedef void (*anycast_frr_nht_cb)(vrf_id_t vrf_id, const struct prefix *match,
				   const struct zapi_route *nhr);
extern void anycast_frr_nht_handler(struct zclient *zc, anycast_frr_nht_cb cb);
/* ... and on 8.x that handler sits in the daemon's zclient handler table:
 * ANYCAST_FRR_NHT_HANDLER is that table's entry (empty on 10.x) */
#if ANYCAST_FRR_AT_LEAST(10, 0)
#define ANYCAST_FRR_NHT_HANDLER
#else
extern int anycast_frr_nht_decode(int cmd, struct zclient *zc, uint16_t length,
				  vrf_id_t vrf_id);
#define ANYCAST_FRR_NHT_HANDLER [ZEBRA_NEXTHOP_UPDATE] = anycast_frr_nht_decode,
#endif

/*
 * Debug flags.  Until 10.1 the daemon gives debug_init() a "debug all"
 * callback and writes its own "debug ..." configuration lines; from 10.2
 * libfrr owns both, each struct debug registered with its line.  The
 * daemon hands over its table of flags and the lines that turn them on
 * (kept, not copied).
 */
struct anycast_frr_debug {
	struct debug *dbg;
	const char *conf;
};
extern void anycast_frr_debug_install(const struct anycast_frr_debug *tab,
				      size_t n);

/*
 * Running the northbound in-process, without a daemon (the unit tests' and
 * fuzzers' configuration environment, tests/lib/cfgenv.c).  10.x added
 * nb_init()'s load_library (10.2, with FRR_LOAD_YANG_LIBRARY),
 * vty_config_enter()'s file_lock, and passes nb_candidate_commit()'s
 * context by value; the last two are keyed on 10.0 (built: 8.4.4, 10.3).
 */
#if ANYCAST_FRR_AT_LEAST(10, 2)
#define anycast_frr_nb_init(tm, mods, n) nb_init(tm, mods, n, false, false)
/* what frr_init() sets up that a daemon's own init needs (10.2: the list
 * of debug flags, see anycast_frr_debug_install) */
#define anycast_frr_inprocess_init() debug_init()
/*
 * A vty whose output is only collected in vty->obuf (no socket): 10.2's
 * vty_out() flushes every buf_size_intermediate bytes to vty->wfd, and a
 * vty from vty_new() has 0 there, so every line went to a closed fd and
 * the failed flush freed the buffer (FRR PR 16672; reverted for 10.3/10.4
 * by PR 19109, restored in a later form by PR 19181).
 */
#define anycast_frr_vty_collect(vty) ((vty)->buf_size_intermediate = UINT64_MAX)
#else
#define anycast_frr_inprocess_init() ((void)0)
#define anycast_frr_nb_init(tm, mods, n) nb_init(tm, mods, n, false)
#define anycast_frr_vty_collect(vty) ((void)(vty))
#endif
#if ANYCAST_FRR_AT_LEAST(10, 0)
#define anycast_frr_vty_config_enter(vty)                                      \
	vty_config_enter(vty, false, false, false)
#define anycast_frr_nb_commit(ctx, cand, errmsg, len)                          \
	nb_candidate_commit(*(ctx), cand, false, NULL, NULL, errmsg, len)
#else
#define anycast_frr_vty_config_enter(vty) vty_config_enter(vty, false, false)
#define anycast_frr_nb_commit(ctx, cand, errmsg, len)                          \
	nb_candidate_commit(ctx, cand, false, NULL, NULL, errmsg, len)
#endif

/*
 * When a libfrr zclient (bgpd's, say) that lost zebra tries to connect
 * again: the delay before attempt n (1, 2, ...) after the loss.  FRR PR
 * 17585 (first in 10.3): every second for 30 attempts, then every 5 s;
 * before: 10 s for the first 2, then every 60 s (lib/zclient.c,
 * zclient_event; the failure count is 1 at the loss).
 */
static inline uint32_t anycast_frr_zclient_retry_delay_s(unsigned int n)
{
#if ANYCAST_FRR_AT_LEAST(10, 3)
	return n < 30 ? 1 : 5;
#else
	return n < 3 ? 10 : 60;
#endif
}

/*
 * A change a CLI command enqueued (nb_cli_enqueue_change): struct
 * vty_cfg_change in 8.4, struct nb_cfg_change in 10.x (renamed when the
 * northbound learned to apply such lists itself, with mgmtd).  Taken from
 * the vty's own array: no release to guess.
 */
#define anycast_frr_cfg_change __typeof__(((struct vty *)0)->cfg_changes[0])

/*
 * The monotonic clock in ms (libfrr's monotime): the one clock of the state
 * machine, dampening, drains, graceful restart and the zebra retry.
 */
extern uint64_t anycast_now_ms(void);

#endif /* ANYCAST_FRR_H */
