// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd health objects and probe scheduling.
 */
#include <zebra.h>

#include "network.h"
#include "memory.h"
#include "monotime.h"
#include "thread.h"

#include "anycast_debug.h"
#include "anycast_health.h"
#include "anycast_memory.h"

extern struct thread_master *master;

DEFINE_HOOK(anycast_health_changed, (struct anycast_health * h), (h));

struct anycast_health_tree_head anycast_healths;

static void health_schedule(struct anycast_health *h, uint32_t delay_ms);

uint32_t anycast_health_timeout(const struct anycast_health *h)
{
	if (h->timeout_ms)
		return h->timeout_ms;
	return MIN(ANYCAST_DEFAULT_TIMEOUT, h->interval_ms);
}

struct anycast_health *anycast_health_find(const char *name)
{
	struct anycast_health key;

	strlcpy(key.name, name, sizeof(key.name));
	return anycast_health_tree_find(&anycast_healths, &key);
}

struct anycast_health *anycast_health_new(const char *name)
{
	struct anycast_health *h;

	h = XCALLOC(MTYPE_ANYCAST_HEALTH, sizeof(*h));
	strlcpy(h->name, name, sizeof(h->name));
	h->interval_ms = ANYCAST_DEFAULT_INTERVAL;
	h->params.rise = ANYCAST_DEFAULT_RISE;
	h->params.fall = ANYCAST_DEFAULT_FALL;
	anycast_fsm_init(&h->fsm);
	anycast_health_tree_add(&anycast_healths, h);
	ANYCAST_DBG_HEALTH("%s: created", h->name);
	return h;
}

static void health_stop(struct anycast_health *h)
{
	THREAD_OFF(h->t_next);
	anycast_probe_cancel(&h->run);
}

void anycast_health_delete(struct anycast_health *h)
{
	ANYCAST_DBG_HEALTH("%s: deleted", h->name);
	health_stop(h);
	anycast_health_tree_del(&anycast_healths, h);
	XFREE(MTYPE_ANYCAST_HEALTH, h);
}

static void health_event(struct anycast_health *h, enum anycast_fsm_event ev)
{
	enum anycast_health_state old = h->fsm.state;

	if (!anycast_fsm_input(&h->fsm, &h->params, ev))
		return;

	gettimeofday(&h->last_change, NULL);
	h->transitions++;
	if (ev == ANYCAST_EV_PROBE_FAIL)
		zlog_info("health %s: %s -> %s (%s)", h->name,
			  anycast_fsm_state_name(old),
			  anycast_fsm_state_name(h->fsm.state), h->last_error);
	else
		zlog_info("health %s: %s -> %s (%s)", h->name,
			  anycast_fsm_state_name(old),
			  anycast_fsm_state_name(h->fsm.state),
			  anycast_fsm_event_name(ev));
	hook_call(anycast_health_changed, h);
}

static void health_probe_done(void *arg, const struct anycast_probe_result *res)
{
	struct anycast_health *h = arg;

	h->run = NULL;
	h->last = *res;
	if (res->ok) {
		h->successes++;
	} else {
		h->failures++;
		if (res->timeout)
			h->timeouts++;
		strlcpy(h->last_error, res->error, sizeof(h->last_error));
	}
	ANYCAST_DBG_HEALTH("%s: %s probe %s in %u us%s%s", h->name,
			   anycast_probe_type_name(h->probe.type),
			   res->ok ? "ok" : "failed", res->latency_us,
			   res->ok ? "" : ": ", res->ok ? "" : res->error);
	health_event(h, res->ok ? ANYCAST_EV_PROBE_OK : ANYCAST_EV_PROBE_FAIL);
}

static void health_run(struct thread *t)
{
	struct anycast_health *h = THREAD_ARG(t);

	/* next start is one interval after this one, whatever the probe does */
	health_schedule(h, h->interval_ms);
	if (h->run) {
		/* cannot happen while timeout <= interval; keep one in flight
		 */
		return;
	}
	h->runs++;
	h->run = anycast_probe_start(&h->probe, anycast_health_timeout(h),
				     health_probe_done, h);
}

static void health_schedule(struct anycast_health *h, uint32_t delay_ms)
{
	THREAD_OFF(h->t_next);
	thread_add_timer_msec(master, health_run, h, delay_ms, &h->t_next);
}

void anycast_health_apply(struct anycast_health *h)
{
	bool runnable = h->probe.type != ANYCAST_PROBE_NONE && !h->shutdown;

	if (h->shutdown && h->fsm.state != ANYCAST_HS_ADMIN_DOWN) {
		health_stop(h);
		health_event(h, ANYCAST_EV_SHUTDOWN);
	} else if (!h->shutdown && h->fsm.state == ANYCAST_HS_ADMIN_DOWN) {
		h->last_error[0] = '\0';
		health_event(h, ANYCAST_EV_NO_SHUTDOWN);
	}

	if (!runnable) {
		health_stop(h);
		return;
	}
	/*
	 * (Re)start only when the probe or its timers changed: a change of
	 * rise/fall keeps the schedule.  A probe in flight is abandoned;
	 * state and counters are kept.  The first run is spread over up to
	 * a tenth of the interval so objects configured together don't fire
	 * together.
	 */
	if (h->t_next &&
	    anycast_probe_config_equal(&h->probe, &h->applied.probe) &&
	    h->interval_ms == h->applied.interval_ms &&
	    anycast_health_timeout(h) == h->applied.timeout_ms)
		return;
	h->applied.probe = h->probe;
	h->applied.interval_ms = h->interval_ms;
	h->applied.timeout_ms = anycast_health_timeout(h);
	anycast_probe_cancel(&h->run);
	health_schedule(h, frr_weak_random() % (h->interval_ms / 10 + 1));
}

void anycast_health_run_now(struct anycast_health *h)
{
	if (h->shutdown || h->probe.type == ANYCAST_PROBE_NONE)
		return;
	anycast_probe_cancel(&h->run);
	health_schedule(h, 0);
}

void anycast_health_init(void)
{
	anycast_health_tree_init(&anycast_healths);
}

void anycast_health_terminate(void)
{
	struct anycast_health *h;

	while ((h = anycast_health_tree_pop(&anycast_healths))) {
		health_stop(h);
		XFREE(MTYPE_ANYCAST_HEALTH, h);
	}
	anycast_health_tree_fini(&anycast_healths);
}
