// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd health objects and probe scheduling.
 */
#include <zebra.h>

#include "network.h"
#include "memory.h"
#include "monotime.h"
#include "printfrr.h"
#include "anycast_frr.h"

#include "anycast_debug.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_probe_limit.h"

extern struct frr_event_loop *master;

DEFINE_HOOK(anycast_health_changed, (struct anycast_health * h), (h));

struct anycast_health_tree_head anycast_healths;

/* per probe kind: objects waiting for a probe-limit slot, in order */
static struct anycast_health_waitq_head waitqs[ANYCAST_PROBE_MAX];

static struct anycast_sched_stats sched_stats;

const struct anycast_sched_stats *anycast_health_sched_stats(void)
{
	return &sched_stats;
}

static void health_schedule(struct anycast_health *h, uint32_t delay_ms);
static void health_arm(struct anycast_health *h, int64_t due_us,
		       int64_t now_us);

static int64_t tv_us(const struct timeval *tv)
{
	return (int64_t)tv->tv_sec * 1000000 + tv->tv_usec;
}

uint32_t anycast_health_next_interval(const struct anycast_health *h)
{
	if (h->fast_interval_ms && (h->fsm.state == ANYCAST_HS_RISING ||
				    h->fsm.state == ANYCAST_HS_FALLING))
		return h->fast_interval_ms;
	return h->interval_ms;
}

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

bool anycast_health_is_up(const struct anycast_health *h)
{
	return anycast_fsm_is_up(h->fsm.state) && !h->dampen.suppressed;
}

uint64_t anycast_health_reuse_in(const struct anycast_health *h)
{
	return anycast_dampen_reuse_in(&h->dampen, &h->dampen_params,
				       anycast_now_ms());
}

static void health_history(struct anycast_health *h, const char *from,
			   const char *to, const char *reason)
{
	h->history = anycast_history_add(h->history, anycast_history_realloc,
					 &h->last_change, from, to, reason);
	/* every transition in the history runs the hook */
	anycast_onchange_notify(h->onchange, from, to, reason);
}

static void health_reuse(struct frr_event *t);

static void health_arm_reuse(struct anycast_health *h)
{
	EVENT_OFF(h->t_reuse);
	if (h->dampen.suppressed)
		event_add_timer_msec(master, health_reuse, h,
				     anycast_health_reuse_in(h), &h->t_reuse);
}

static void health_unsuppressed(struct anycast_health *h, const char *why)
{
	gettimeofday(&h->last_change, NULL);
	health_history(h, "suppressed", anycast_fsm_state_name(h->fsm.state),
		       why);
	zlog_info("health %s: no longer suppressed (%s)", h->name, why);
	hook_call(anycast_health_changed, h);
}

static void health_reuse(struct frr_event *t)
{
	struct anycast_health *h = EVENT_ARG(t);

	if (anycast_dampen_update(&h->dampen, &h->dampen_params,
				  anycast_now_ms()))
		health_unsuppressed(h, "dampening penalty below reuse");
	else
		health_arm_reuse(h);
}

static void health_dampen_apply(struct anycast_health *h)
{
	if (h->dampen_params.enabled) {
		/* new parameters apply to the penalty from now on */
		if (anycast_dampen_update(&h->dampen, &h->dampen_params,
					  anycast_now_ms()))
			health_unsuppressed(h, "dampening parameters changed");
		health_arm_reuse(h);
		return;
	}
	EVENT_OFF(h->t_reuse);
	if (h->dampen.suppressed) {
		memset(&h->dampen, 0, sizeof(h->dampen));
		health_unsuppressed(h, "dampening disabled");
	}
	memset(&h->dampen, 0, sizeof(h->dampen));
}

uint32_t anycast_health_waiting(enum anycast_probe_type type)
{
	if ((size_t)type >= array_size(waitqs))
		return 0;
	return anycast_health_waitq_count(&waitqs[type]);
}

static void health_unwait(struct anycast_health *h)
{
	if (!h->waiting)
		return;
	anycast_health_waitq_del(&waitqs[h->waitq_type], h);
	h->waiting = false;
}

/* The run is over (or abandoned): its probe-limit slot is free. */
static void health_slot_release(struct anycast_health *h)
{
	if (!h->run_slot)
		return;
	h->run_slot = false;
	anycast_probe_limit_release(h->run_type);
}

/* Abandon the run in flight or the wait for a slot: no result. */
static void health_run_cancel(struct anycast_health *h)
{
	health_unwait(h);
	anycast_probe_cancel(&h->run);
	health_slot_release(h);
}

static void health_stop(struct anycast_health *h)
{
	EVENT_OFF(h->t_next);
	EVENT_OFF(h->t_delay);
	health_run_cancel(h);
}

void anycast_health_delete(struct anycast_health *h)
{
	ANYCAST_DBG_HEALTH("%s: deleted", h->name);
	health_stop(h);
	EVENT_OFF(h->t_reuse);
	anycast_onchange_free(&h->onchange);
	anycast_health_tree_del(&anycast_healths, h);
	anycast_probe_detach(&h->probe);
	anycast_probe_release(&h->probe);
	XFREE(MTYPE_ANYCAST_HISTORY, h->history);
	XFREE(MTYPE_ANYCAST_HEALTH, h);
}

static void health_event(struct anycast_health *h, enum anycast_fsm_event ev);

static void health_delay_expired(struct frr_event *t)
{
	health_event(EVENT_ARG(t), ANYCAST_EV_TIMER);
}

/* Why the last event happened, for the log and the history. */
static void health_reason(const struct anycast_health *h,
			  enum anycast_fsm_event ev, char *buf, size_t len)
{
	const char *kind = anycast_probe_type_name(h->probe.type);

	switch (ev) {
	case ANYCAST_EV_PROBE_OK:
	case ANYCAST_EV_PROBE_FAIL:
	case ANYCAST_EV_PROBE_LOST:
		snprintfrr(buf, len, "%s %s%s%s%s%s, %u.%03u ms", kind,
			   h->last.ok ? "ok" : "failed", h->last.ok ? "" : ": ",
			   h->last.ok ? "" : h->last.error,
			   h->last.detail[0] ? "; " : "", h->last.detail,
			   h->last.latency_us / 1000,
			   h->last.latency_us % 1000);
		break;
	case ANYCAST_EV_TIMER:
		snprintf(buf, len, "delay %s passed",
			 h->fsm.state == ANYCAST_HS_UP ? "up" : "down");
		break;
	case ANYCAST_EV_PARAMS:
		snprintf(buf, len, "now rise %u, fall %u", h->params.rise,
			 h->params.fall);
		break;
	case ANYCAST_EV_SHUTDOWN:
	case ANYCAST_EV_NO_SHUTDOWN:
	case ANYCAST_EV_MAX:
		snprintf(buf, len, "%s", anycast_fsm_event_name(ev));
		break;
	}
}

static void health_event(struct anycast_health *h, enum anycast_fsm_event ev)
{
	enum anycast_health_state old = h->fsm.state;
	uint64_t deadline;
	char reason[160];
	bool changed;

	changed = anycast_fsm_input(&h->fsm, &h->params, ev, anycast_now_ms());

	/* keep the delay timer in step with the machine */
	deadline = anycast_fsm_deadline(&h->fsm);
	if (!deadline)
		EVENT_OFF(h->t_delay);
	else if (!h->t_delay)
		event_add_timer_msec(master, health_delay_expired, h,
				     deadline > anycast_now_ms()
					     ? deadline - anycast_now_ms()
					     : 0,
				     &h->t_delay);
	if (!changed)
		return;
	if (h->fsm.state == ANYCAST_HS_INIT)
		h->decided = false;
	else if (h->fsm.state != ANYCAST_HS_RISING)
		h->decided = true;

	health_reason(h, ev, reason, sizeof(reason));
	gettimeofday(&h->last_change, NULL);
	if (ev == ANYCAST_EV_PROBE_OK || ev == ANYCAST_EV_PROBE_FAIL ||
	    ev == ANYCAST_EV_PROBE_LOST)
		h->change_probe_start = h->run_start;
	else
		memset(&h->change_probe_start, 0,
		       sizeof(h->change_probe_start));
	h->transitions++;
	health_history(h, anycast_fsm_state_name(old),
		       anycast_fsm_state_name(h->fsm.state), reason);
	zlog_info("health %s: %s -> %s (%s)", h->name,
		  anycast_fsm_state_name(old),
		  anycast_fsm_state_name(h->fsm.state), reason);

	/* a flap: up (or falling) to down */
	if (h->dampen_params.enabled && anycast_fsm_is_up(old) &&
	    h->fsm.state == ANYCAST_HS_DOWN &&
	    anycast_dampen_flap(&h->dampen, &h->dampen_params,
				anycast_now_ms())) {
		snprintfrr(reason, sizeof(reason),
			   "dampening: penalty %.0f >= suppress %u, reuse in "
			   "%" PRIu64 " ms",
			   h->dampen.penalty, h->dampen_params.suppress,
			   anycast_health_reuse_in(h));
		health_history(h, "down", "suppressed", reason);
		zlog_info("health %s: suppressed (%s)", h->name, reason);
	}
	if (h->dampen.suppressed)
		health_arm_reuse(h);
	hook_call(anycast_health_changed, h);
}

static void health_probe_done(void *arg, const struct anycast_probe_result *res)
{
	struct anycast_health *h = arg;

	h->run = NULL;
	health_slot_release(h);
	if (res->local) {
		/*
		 * No result: anycastd ran out of something, the target said
		 * nothing.  Like a wait for a probe-limit slot, the state
		 * machine never sees it; counted, logged by the probe layer.
		 */
		h->no_results++;
		strlcpy(h->last_no_result, res->error,
			sizeof(h->last_no_result));
		ANYCAST_DBG_PROBE(
			"%s: %s probe: no result (a local fault): %s", h->name,
			anycast_probe_type_name(h->probe.type), res->error);
		return;
	}
	h->last = *res;
	anycast_latency_observe(&h->latency, res->latency_us);
	if (res->ok) {
		h->successes++;
	} else {
		h->failures++;
		if (res->timeout)
			h->timeouts++;
		strlcpy(h->last_error, res->error, sizeof(h->last_error));
	}
	ANYCAST_DBG_PROBE("%s: %s probe %s in %u us%s%s", h->name,
			  anycast_probe_type_name(h->probe.type),
			  res->ok ? "ok" : "failed", res->latency_us,
			  res->ok ? "" : ": ", res->ok ? "" : res->error);
	health_event(h, res->ok	    ? ANYCAST_EV_PROBE_OK
			: res->lost ? ANYCAST_EV_PROBE_LOST
				    : ANYCAST_EV_PROBE_FAIL);
	/* rising/falling and back: switch between interval and fast-interval */
	if (h->fast_interval_ms && h->t_next &&
	    anycast_health_next_interval(h) <
		    event_timer_remain_msec(h->t_next))
		health_schedule(h, anycast_health_next_interval(h));
}

/* Start a run; a probe-limit slot of the probe's kind is taken. */
static void health_start(struct anycast_health *h)
{
	h->run_slot = true;
	h->run_type = h->probe.type;
	h->runs++;
	gettimeofday(&h->run_start, NULL);
	h->run = anycast_probe_start(&h->probe, anycast_health_timeout(h),
				     health_probe_done, h);
}

static void health_run(struct frr_event *t)
{
	struct anycast_health *h = EVENT_ARG(t);
	uint32_t ival = anycast_health_next_interval(h);
	struct timeval now;
	int64_t due = tv_us(&t->u.sands), next;

	monotime(&now);
	anycast_sched_observe(&sched_stats, tv_us(&now) - due);
	/*
	 * The next start is one interval after the time this one was due,
	 * whatever the probe does, unless this start was late (see
	 * anycast_sched.h).
	 */
	next = anycast_sched_next(
		due, tv_us(&now), ival,
		anycast_sched_first_window(
			ival, anycast_health_tree_count(&anycast_healths)),
		frr_weak_random());
	health_arm(h, next, tv_us(&now));
	if (h->run || h->waiting) {
		/*
		 * One run per object: the last one still waits for a
		 * probe-limit slot, or started late because it waited (or
		 * timeout = interval and the timeout comes second).
		 */
		h->skipped++;
		anycast_probe_limit_skipped(h->probe.type);
		return;
	}
	if (!anycast_probe_limit_acquire(h->probe.type)) {
		/* wait for a free slot: no result, so no false failure */
		h->deferred++;
		h->waiting = true;
		h->waitq_type = h->probe.type;
		anycast_health_waitq_add_tail(&waitqs[h->waitq_type], h);
		anycast_probe_limit_deferred(h->probe.type, h->name);
		ANYCAST_DBG_PROBE("%s: probe-limit %s reached, waiting",
				  h->name,
				  anycast_probe_type_name(h->probe.type));
		return;
	}
	health_start(h);
}

/* A slot of type may be free: start the waiting runs, oldest first. */
static int health_slot_free(enum anycast_probe_type type)
{
	struct anycast_health *h;

	while ((h = anycast_health_waitq_first(&waitqs[type]))) {
		if (!anycast_probe_limit_acquire(type))
			break;
		health_unwait(h);
		ANYCAST_DBG_PROBE("%s: probe-limit slot free, starting",
				  h->name);
		health_start(h);
	}
	return 0;
}

/* Start the next run at due_us (monotonic clock, us); it is now_us. */
static void health_arm(struct anycast_health *h, int64_t due_us, int64_t now_us)
{
	int64_t delay = MAX(due_us - now_us, 0);
	struct timeval rel = {.tv_sec = delay / 1000000,
			      .tv_usec = delay % 1000000};

	EVENT_OFF(h->t_next);
	event_add_timer_tv(master, health_run, h, &rel, &h->t_next);
}

/* Start the next run in delay_ms, on the grid; 0: now (not aligned). */
static void health_schedule(struct anycast_health *h, uint32_t delay_ms)
{
	struct timeval now;
	int64_t due;

	monotime(&now);
	due = tv_us(&now);
	if (delay_ms)
		due = anycast_sched_align(due + (int64_t)delay_ms * 1000,
					  anycast_health_next_interval(h));
	health_arm(h, due, tv_us(&now));
}

void anycast_health_apply(struct anycast_health *h)
{
	bool runnable = h->probe.type != ANYCAST_PROBE_NONE && !h->shutdown;
	uint32_t window;

	health_dampen_apply(h);
	if (h->shutdown && h->fsm.state != ANYCAST_HS_ADMIN_DOWN) {
		health_stop(h);
		health_event(h, ANYCAST_EV_SHUTDOWN);
	} else if (!h->shutdown && h->fsm.state == ANYCAST_HS_ADMIN_DOWN) {
		h->last_error[0] = '\0';
		health_event(h, ANYCAST_EV_NO_SHUTDOWN);
	}

	/* rise/fall/delays apply to the counts made so far */
	health_event(h, ANYCAST_EV_PARAMS);
	if (!runnable) {
		health_stop(h);
		return;
	}
	/*
	 * (Re)start only when the probe or its timers changed: a change of
	 * rise/fall keeps the schedule.  A probe in flight is abandoned;
	 * state and counters are kept.  The first run starts at a random
	 * time in anycast_sched_first_window(), so objects configured together
	 * do not fire together.
	 */
	if (h->t_next && h->probe_gen == h->applied.probe_gen &&
	    h->interval_ms == h->applied.interval_ms &&
	    anycast_health_timeout(h) == h->applied.timeout_ms)
		return;
	h->applied.probe_gen = h->probe_gen;
	h->applied.interval_ms = h->interval_ms;
	h->applied.timeout_ms = anycast_health_timeout(h);
	health_run_cancel(h);
	window = anycast_sched_first_window(
		h->interval_ms, anycast_health_tree_count(&anycast_healths));
	health_schedule(h, frr_weak_random() % (window + 1));
}

void anycast_health_set_probe(struct anycast_health *h,
			      const struct anycast_probe_config *cfg)
{
	struct anycast_probe_config old;

	if (anycast_probe_config_equal(&h->probe, cfg))
		return;
	health_run_cancel(h);
	anycast_probe_detach(&h->probe);
	old = h->probe;
	h->probe = *cfg;
	h->probe_gen++;
	anycast_probe_attach(&h->probe);
	anycast_probe_release(&old);
}

void anycast_health_run_now(struct anycast_health *h)
{
	if (h->shutdown || h->probe.type == ANYCAST_PROBE_NONE)
		return;
	health_run_cancel(h);
	health_schedule(h, 0);
}

/* an event about the target of h's probe (anycast_probe_kick_cfg) */
static int health_kick_cfg(const struct anycast_probe_config *cfg)
{
	/* cfg is the object's own h->probe (anycast_probe_attach) */
	const struct anycast_health *h =
		container_of(cfg, struct anycast_health, probe);

	anycast_health_run_now((struct anycast_health *)h);
	return 0;
}

/* an event-driven probe kind saw a change: probe its objects now */
static int health_kick(enum anycast_probe_type type)
{
	struct anycast_health *h;

	frr_each (anycast_health_tree, &anycast_healths, h)
		if (h->probe.type == type)
			anycast_health_run_now(h);
	return 0;
}

void anycast_health_init(void)
{
	anycast_health_tree_init(&anycast_healths);
	for (size_t t = 0; t < array_size(waitqs); t++)
		anycast_health_waitq_init(&waitqs[t]);
	hook_register(anycast_probe_kick, health_kick);
	hook_register(anycast_probe_kick_cfg, health_kick_cfg);
	hook_register(anycast_probe_slot_free, health_slot_free);
}

void anycast_health_terminate(void)
{
	struct anycast_health *h;

	while ((h = anycast_health_tree_pop(&anycast_healths))) {
		health_stop(h);
		EVENT_OFF(h->t_reuse);
		anycast_onchange_free(&h->onchange);
		XFREE(MTYPE_ANYCAST_HISTORY, h->history);
		XFREE(MTYPE_ANYCAST_HEALTH, h);
	}
	anycast_health_tree_fini(&anycast_healths);
	for (size_t t = 0; t < array_size(waitqs); t++)
		anycast_health_waitq_fini(&waitqs[t]);
	anycast_probe_limit_terminate();
}
