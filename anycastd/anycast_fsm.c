// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd health state machine (pure; see anycast_fsm.h for the rule).
 */
#include <stddef.h>

#include "anycast_fsm.h"

static const char *const state_names[ANYCAST_HS_MAX] = {
	[ANYCAST_HS_INIT] = "init", [ANYCAST_HS_RISING] = "rising",
	[ANYCAST_HS_UP] = "up",	    [ANYCAST_HS_FALLING] = "falling",
	[ANYCAST_HS_DOWN] = "down", [ANYCAST_HS_ADMIN_DOWN] = "admin-down",
};

static const char *const event_names[ANYCAST_EV_MAX] = {
	[ANYCAST_EV_PROBE_OK] = "probe-ok",
	[ANYCAST_EV_PROBE_FAIL] = "probe-fail",
	[ANYCAST_EV_SHUTDOWN] = "shutdown",
	[ANYCAST_EV_NO_SHUTDOWN] = "no-shutdown",
	[ANYCAST_EV_TIMER] = "delay-expired",
	[ANYCAST_EV_PARAMS] = "parameters-changed",
	[ANYCAST_EV_PROBE_LOST] = "probe-lost",
};

void anycast_fsm_init(struct anycast_fsm *fsm)
{
	fsm->state = ANYCAST_HS_INIT;
	fsm->ok_count = 0;
	fsm->fail_count = 0;
	fsm->pending = false;
	fsm->deadline_ms = 0;
}

uint64_t anycast_fsm_deadline(const struct anycast_fsm *fsm)
{
	return fsm->pending ? fsm->deadline_ms : 0;
}

/* Enter `target` now, or after `delay` ms (staying in `hold` meanwhile). */
static enum anycast_health_state delayed(struct anycast_fsm *fsm,
					 enum anycast_health_state target,
					 enum anycast_health_state hold,
					 uint32_t delay, uint64_t now)
{
	if (!delay) {
		fsm->pending = false;
		return target;
	}
	if (!fsm->pending) {
		fsm->pending = true;
		fsm->deadline_ms = now + delay;
	}
	return hold;
}

bool anycast_fsm_is_up(enum anycast_health_state state)
{
	return state == ANYCAST_HS_UP || state == ANYCAST_HS_FALLING;
}

const char *anycast_fsm_state_name(enum anycast_health_state state)
{
	if ((unsigned int)state >= ANYCAST_HS_MAX)
		return "unknown";
	return state_names[state];
}

const char *anycast_fsm_event_name(enum anycast_fsm_event ev)
{
	if ((unsigned int)ev >= ANYCAST_EV_MAX)
		return "unknown";
	return event_names[ev];
}

static uint32_t count_inc(uint32_t c)
{
	return c == UINT32_MAX ? c : c + 1;
}

/* A success: where does it lead from a not-up state (INIT, RISING, DOWN)? */
static enum anycast_health_state rising(struct anycast_fsm *fsm,
					const struct anycast_fsm_params *p,
					uint64_t now)
{
	fsm->ok_count = count_inc(fsm->ok_count);
	if (fsm->ok_count >= p->rise) {
		fsm->fail_count = 0;
		return delayed(fsm, ANYCAST_HS_UP, ANYCAST_HS_RISING,
			       p->delay_up_ms, now);
	}
	return ANYCAST_HS_RISING;
}

/* A failure while up (UP, FALLING). */
static enum anycast_health_state falling(struct anycast_fsm *fsm,
					 const struct anycast_fsm_params *p,
					 uint64_t now)
{
	fsm->ok_count = 0;
	fsm->fail_count = count_inc(fsm->fail_count);
	if (fsm->fail_count >= p->fall)
		return delayed(fsm, ANYCAST_HS_DOWN, ANYCAST_HS_FALLING,
			       p->delay_down_ms, now);
	return ANYCAST_HS_FALLING;
}

/* New rise/fall/delays, applied to the counts of RISING and FALLING. */
static enum anycast_health_state reparam(struct anycast_fsm *fsm,
					 const struct anycast_fsm_params *p,
					 uint64_t now)
{
	switch (fsm->state) {
	case ANYCAST_HS_RISING:
		if (fsm->ok_count >= p->rise) {
			fsm->fail_count = 0;
			return delayed(fsm, ANYCAST_HS_UP, ANYCAST_HS_RISING,
				       p->delay_up_ms, now);
		}
		fsm->pending = false;
		break;
	case ANYCAST_HS_FALLING:
		if (fsm->ok_count >= p->rise) {
			fsm->fail_count = 0;
			fsm->pending = false;
			return ANYCAST_HS_UP;
		}
		if (fsm->fail_count >= p->fall)
			return delayed(fsm, ANYCAST_HS_DOWN, ANYCAST_HS_FALLING,
				       p->delay_down_ms, now);
		fsm->pending = false;
		break;
	case ANYCAST_HS_INIT:
	case ANYCAST_HS_UP:
	case ANYCAST_HS_DOWN:
	case ANYCAST_HS_ADMIN_DOWN:
	case ANYCAST_HS_MAX:
		break;
	}
	return fsm->state;
}

bool anycast_fsm_input(struct anycast_fsm *fsm,
		       const struct anycast_fsm_params *p,
		       enum anycast_fsm_event ev, uint64_t now)
{
	enum anycast_health_state old = fsm->state, new = old;

	switch (ev) {
	case ANYCAST_EV_SHUTDOWN:
		anycast_fsm_init(fsm);
		new = ANYCAST_HS_ADMIN_DOWN;
		break;
	case ANYCAST_EV_TIMER:
		if (!fsm->pending || now < fsm->deadline_ms)
			break;
		fsm->pending = false;
		if (old == ANYCAST_HS_RISING)
			new = ANYCAST_HS_UP;
		else if (old == ANYCAST_HS_FALLING)
			new = ANYCAST_HS_DOWN;
		break;
	case ANYCAST_EV_NO_SHUTDOWN:
		if (old == ANYCAST_HS_ADMIN_DOWN) {
			anycast_fsm_init(fsm);
			new = ANYCAST_HS_INIT;
		}
		break;
	case ANYCAST_EV_PROBE_OK:
		switch (old) {
		case ANYCAST_HS_INIT:
		case ANYCAST_HS_DOWN:
			fsm->ok_count = 0;
			/* fallthrough */
		case ANYCAST_HS_RISING:
			new = rising(fsm, p, now);
			if (new == ANYCAST_HS_RISING)
				fsm->fail_count = 0;
			break;
		case ANYCAST_HS_UP:
			fsm->ok_count = count_inc(fsm->ok_count);
			fsm->fail_count = 0;
			break;
		case ANYCAST_HS_FALLING:
			/*
			 * failures stay counted (and a delay down keeps
			 * running) until rise successes
			 */
			fsm->ok_count = count_inc(fsm->ok_count);
			if (fsm->ok_count >= p->rise) {
				fsm->fail_count = 0;
				fsm->pending = false;
				new = ANYCAST_HS_UP;
			}
			break;
		case ANYCAST_HS_ADMIN_DOWN:
		case ANYCAST_HS_MAX:
			break;
		}
		break;
	case ANYCAST_EV_PROBE_LOST:
		if (old == ANYCAST_HS_UP || old == ANYCAST_HS_FALLING) {
			/* as many failures as fall asks for, at once */
			if (fsm->fail_count + 1 < p->fall)
				fsm->fail_count = p->fall - 1;
			new = falling(fsm, p, now);
			break;
		}
		/* fallthrough */
	case ANYCAST_EV_PROBE_FAIL:
		switch (old) {
		case ANYCAST_HS_INIT:
		case ANYCAST_HS_RISING:
			fsm->ok_count = 0;
			fsm->fail_count = 1;
			fsm->pending = false;
			new = ANYCAST_HS_DOWN;
			break;
		case ANYCAST_HS_DOWN:
			fsm->ok_count = 0;
			fsm->fail_count = count_inc(fsm->fail_count);
			break;
		case ANYCAST_HS_UP:
			fsm->fail_count = 0;
			/* fallthrough */
		case ANYCAST_HS_FALLING:
			new = falling(fsm, p, now);
			break;
		case ANYCAST_HS_ADMIN_DOWN:
		case ANYCAST_HS_MAX:
			break;
		}
		break;
	case ANYCAST_EV_PARAMS:
		new = reparam(fsm, p, now);
		break;
	case ANYCAST_EV_MAX:
		break;
	}

	fsm->state = new;
	return new != old;
}
