// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd health state machine — a pure module: no FRR calls, no clock,
 * no allocation.  Everything a transition depends on is an argument.
 *
 * The rule (documented in doc/health.md):
 *  - INIT: no result yet.  A success starts RISING (UP at once if rise = 1),
 *    a failure goes straight to DOWN: nothing was announced yet.
 *  - RISING: `rise` consecutive successes give UP; any failure gives DOWN.
 *  - UP: a failure starts FALLING (DOWN at once if fall = 1).
 *  - FALLING: the failure count is NOT reset by a success.  `rise`
 *    consecutive successes give UP again (and clear the failures); `fall`
 *    failures since the object was last UP give DOWN.  So a probe that
 *    alternates pass/fail ends DOWN after `fall` failures (flap-proof).
 *  - DOWN: a success starts RISING (UP at once if rise = 1).
 *  - ADMIN-DOWN: entered from any state on shutdown; results are ignored;
 *    leaving it (no shutdown) restarts at INIT with cleared counters.
 *  - delay up/down (Cisco-style hold timers): when `rise` successes would
 *    make the object UP, it stays RISING for `delay up` ms more and becomes
 *    UP only if no failure came meanwhile; when `fall` failures would make
 *    it DOWN, it stays FALLING for `delay down` ms and becomes DOWN unless
 *    `rise` successes brought it back to UP meanwhile.  The caller arms a
 *    timer for anycast_fsm_deadline() and feeds ANYCAST_EV_TIMER.
 *  - a definitive failure (ANYCAST_EV_PROBE_LOST: an event-driven probe saw
 *    its target gone or down) counts as `fall` failures: UP or FALLING
 *    goes DOWN on it (after delay down); elsewhere it is a failure.
 *    Recovery still needs `rise` successes.
 *  - new parameters (ANYCAST_EV_PARAMS) apply to the counts already made:
 *    RISING with `rise` successes counted becomes UP (after delay up),
 *    FALLING with `rise` successes becomes UP, with `fall` failures DOWN
 *    (after delay down); a delay whose condition no longer holds is
 *    cancelled, one that still holds keeps its deadline unless its delay
 *    is now 0.  Without it, an object configured line by line (vtysh
 *    commits each line) could count its first result with the default
 *    rise and wait a whole interval more.
 */
#ifndef _ANYCAST_FSM_H
#define _ANYCAST_FSM_H

#include <stdbool.h>
#include <stdint.h>

enum anycast_health_state {
	ANYCAST_HS_INIT = 0,
	ANYCAST_HS_RISING,
	ANYCAST_HS_UP,
	ANYCAST_HS_FALLING,
	ANYCAST_HS_DOWN,
	ANYCAST_HS_ADMIN_DOWN,
	ANYCAST_HS_MAX,
};

enum anycast_fsm_event {
	ANYCAST_EV_PROBE_OK = 0,
	ANYCAST_EV_PROBE_FAIL,
	ANYCAST_EV_SHUTDOWN,
	ANYCAST_EV_NO_SHUTDOWN,
	ANYCAST_EV_TIMER,      /* a delay up/down deadline passed */
	ANYCAST_EV_PARAMS,     /* rise, fall or a delay was changed */
	ANYCAST_EV_PROBE_LOST, /* a definitive failure: the target is gone */
	ANYCAST_EV_MAX,
};

struct anycast_fsm_params {
	uint8_t rise; /* >= 1 */
	uint8_t fall; /* >= 1 */
	uint32_t delay_up_ms;
	uint32_t delay_down_ms;
};

struct anycast_fsm {
	enum anycast_health_state state;
	uint32_t ok_count;   /* consecutive successes counted towards rise */
	uint32_t fail_count; /* failures counted towards fall */
	bool pending;	     /* a delay up/down runs until deadline_ms */
	uint64_t deadline_ms;
};

/* Put a state machine in INIT with cleared counters. */
extern void anycast_fsm_init(struct anycast_fsm *fsm);

/*
 * Feed one event.  Returns true when the state changed (the counters may
 * change without a state change).
 */
extern bool anycast_fsm_input(struct anycast_fsm *fsm,
			      const struct anycast_fsm_params *params,
			      enum anycast_fsm_event ev, uint64_t now_ms);

/* When a delay runs: its deadline (ms, same clock as now_ms), else 0. */
extern uint64_t anycast_fsm_deadline(const struct anycast_fsm *fsm);

/* True in the states where the health object counts as up (UP, FALLING). */
extern bool anycast_fsm_is_up(enum anycast_health_state state);

/* "init", "rising", "up", "falling", "down", "admin-down" (YANG enum names) */
extern const char *anycast_fsm_state_name(enum anycast_health_state state);

extern const char *anycast_fsm_event_name(enum anycast_fsm_event ev);

#endif /* _ANYCAST_FSM_H */
