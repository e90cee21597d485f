// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe registry and run lifecycle (start, timeout, result).
 */
#include <zebra.h>

#include "memory.h"
#include "monotime.h"
#include "printfrr.h"
#include "anycast_frr.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_escape.h"
#include "anycast_limit.h"
#include "anycast_memory.h"
#include "anycast_probe.h"
#include "anycast_resource.h"

extern struct frr_event_loop *master;

static const struct anycast_probe_kind *const registry[ANYCAST_PROBE_MAX] = {
	[ANYCAST_PROBE_TCP] = &anycast_probe_tcp,
	[ANYCAST_PROBE_HTTP] = &anycast_probe_http,
	[ANYCAST_PROBE_DNS] = &anycast_probe_dns,
	[ANYCAST_PROBE_ICMP] = &anycast_probe_icmp,
	[ANYCAST_PROBE_EXEC] = &anycast_probe_exec,
	[ANYCAST_PROBE_FILE] = &anycast_probe_file,
	[ANYCAST_PROBE_PROCESS] = &anycast_probe_process,
	[ANYCAST_PROBE_INTERFACE] = &anycast_probe_interface,
	[ANYCAST_PROBE_ROUTE] = &anycast_probe_route,
	[ANYCAST_PROBE_BFD] = &anycast_probe_bfd,
};

/*
 * Finished runs are delivered from one event per pass of the event loop,
 * not one each: libfrr writes to its wake-up pipe for every event added (a
 * system call), which was a tenth of the daemon's system calls per probe
 * at 10,000 objects (bench/profile, doc/benchmarks.md).
 */
DECLARE_DLIST(anycast_probe_doneq, struct anycast_probe_run, doneq);
static struct anycast_probe_doneq_head doneq = INIT_DLIST(doneq);
static struct frr_event *t_deliver;

DEFINE_HOOK(anycast_probe_kick, (enum anycast_probe_type type), (type));

/*
 * Runs without a result (local faults), per kind: counted and logged with
 * the rate limit of a probe-limit deferral (anycast_limit_defer(): the
 * first one, then one line per ANYCAST_LIMIT_LOG_MS with the number since
 * the last); the owner logs each run (health: behind `debug anycast
 * probe`).
 */
static struct anycast_limit no_results[ANYCAST_PROBE_MAX];

void anycast_probe_kick(enum anycast_probe_type type)
{
	hook_call(anycast_probe_kick, type);
}

DEFINE_HOOK(anycast_probe_kick_cfg, (const struct anycast_probe_config *cfg),
	    (cfg));

void anycast_probe_kick_cfg(const struct anycast_probe_config *cfg)
{
	hook_call(anycast_probe_kick_cfg, cfg);
}

const struct anycast_probe_kind *
anycast_probe_kind(enum anycast_probe_type type)
{
	if ((size_t)type >= array_size(registry))
		return NULL;
	return registry[type];
}

const char *anycast_probe_type_name(enum anycast_probe_type type)
{
	const struct anycast_probe_kind *kind = anycast_probe_kind(type);

	return kind ? kind->name : "none";
}

bool anycast_probe_config_equal(const struct anycast_probe_config *a,
				const struct anycast_probe_config *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

void anycast_probe_config_read(struct anycast_probe_config *cfg,
			       const struct lyd_node *probe_dnode)
{
	const struct lyd_node *child;

	memset(cfg, 0, sizeof(*cfg));
	cfg->type = ANYCAST_PROBE_NONE;
	if (!probe_dnode)
		return;
	/* the choice holds at most one kind's container */
	LY_LIST_FOR (lyd_child(probe_dnode), child) {
		for (size_t t = 0; t < array_size(registry); t++) {
			if (!registry[t] ||
			    strcmp(registry[t]->name, child->schema->name))
				continue;
			cfg->type = t;
			registry[t]->config_read(cfg, child);
			return;
		}
	}
}

static const struct anycast_probe_kind *kind_named(const char *name)
{
	for (size_t t = 0; t < array_size(registry); t++)
		if (registry[t] && strmatch(registry[t]->name, name))
			return registry[t];
	return NULL;
}

bool anycast_probe_validate(const struct lyd_node *kind_dnode, char *errmsg,
			    size_t errmsg_len)
{
	const struct anycast_probe_kind *kind =
		kind_named(kind_dnode->schema->name);

	if (!kind || !kind->validate)
		return true;
	return kind->validate(kind_dnode, errmsg, errmsg_len);
}

bool anycast_probe_unicast_ok(const struct lyd_node *dnode, const char *leaf,
			      const char *what, bool link_local_ok,
			      char *errmsg, size_t errmsg_len)
{
	const char *str;
	struct ipaddr ip;
	bool bad;

	if (!yang_dnode_exists(dnode, leaf))
		return true;
	str = yang_dnode_get_string(dnode, "%s", leaf);
	if (str2ipaddr(str, &ip) < 0) {
		snprintf(errmsg, errmsg_len,
			 "Invalid %s address %s: not an IPv4 or IPv6 address "
			 "(without a zone)",
			 what, str);
		return false;
	}
	if (IS_IPADDR_V4(&ip)) {
		uint32_t a = ntohl(ip.ipaddr_v4.s_addr);

		bad = a == INADDR_ANY || IN_MULTICAST(a) ||
		      a == INADDR_BROADCAST;
	} else {
		const struct in6_addr *a = &ip.ipaddr_v6;

		if (IN6_IS_ADDR_LINKLOCAL(a) && !link_local_ok) {
			snprintf(errmsg, errmsg_len,
				 "Invalid %s address %s: link-local "
				 "addresses need an interface to scope them",
				 what, str);
			return false;
		}
		bad = IN6_IS_ADDR_UNSPECIFIED(a) || IN6_IS_ADDR_MULTICAST(a) ||
		      IN6_IS_ADDR_V4MAPPED(a);
	}
	if (bad)
		snprintf(errmsg, errmsg_len,
			 "Invalid %s address %s: must be unicast (not "
			 "unspecified, multicast, broadcast or IPv4-mapped)",
			 what, str);
	return !bad;
}

static bool same_family(const struct lyd_node *dnode, const char *a,
			const char *b)
{
	struct ipaddr ia, ib;

	if (!yang_dnode_exists(dnode, a) || !yang_dnode_exists(dnode, b))
		return true;
	if (str2ipaddr(yang_dnode_get_string(dnode, "%s", a), &ia) < 0 ||
	    str2ipaddr(yang_dnode_get_string(dnode, "%s", b), &ib) < 0)
		return true; /* anycast_probe_unicast_ok() says why */
	return ia.ipa_type == ib.ipa_type;
}

bool anycast_probe_addrs_ok(const struct lyd_node *dnode, const char *leaf,
			    const char *what, const char *leaf2,
			    const char *what2, bool link_local_ok,
			    const char *family_msg, char *errmsg,
			    size_t errmsg_len)
{
	if (!anycast_probe_unicast_ok(dnode, leaf, what, link_local_ok, errmsg,
				      errmsg_len))
		return false;
	if (!same_family(dnode, leaf, leaf2)) {
		snprintf(errmsg, errmsg_len, "%s", family_msg);
		return false;
	}
	return anycast_probe_unicast_ok(dnode, leaf2, what2, link_local_ok,
					errmsg, errmsg_len);
}

bool anycast_probe_escaped_ok(const struct lyd_node *dnode, const char *leaf,
			      bool nul_ok)
{
	char buf[ANYCAST_PROBE_STR_LEN];
	size_t len;

	if (!yang_dnode_exists(dnode, leaf))
		return true;
	if (!anycast_unescape(yang_dnode_get_string(dnode, "%s", leaf), buf,
			      sizeof(buf), &len))
		return false;
	return len > 0 && (nul_ok || !memchr(buf, '\0', len));
}

bool anycast_probe_ifname_ok(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= IFNAMSIZ || strmatch(name, ".") ||
	    strmatch(name, ".."))
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || isspace((unsigned char)name[i]))
			return false;
	return true;
}

void anycast_probe_describe(const struct anycast_probe_config *cfg, char *buf,
			    size_t len)
{
	const struct anycast_probe_kind *kind = anycast_probe_kind(cfg->type);

	if (!kind) {
		snprintf(buf, len, "none");
		return;
	}
	kind->describe(cfg, buf, len);
	if (cfg->vrf[0]) {
		size_t n = strlen(buf);

		if (n < len)
			snprintf(buf + n, len - n, " (vrf %s)", cfg->vrf);
	}
}

void anycast_probe_release(const struct anycast_probe_config *old)
{
	const struct anycast_probe_kind *kind = anycast_probe_kind(old->type);

	if (kind && kind->release)
		kind->release(old);
}

void anycast_probe_attach(const struct anycast_probe_config *cfg)
{
	const struct anycast_probe_kind *kind = anycast_probe_kind(cfg->type);

	if (kind && kind->attach)
		kind->attach(cfg);
}

void anycast_probe_detach(const struct anycast_probe_config *cfg)
{
	const struct anycast_probe_kind *kind = anycast_probe_kind(cfg->type);

	if (kind && kind->detach)
		kind->detach(cfg);
}

void anycast_probe_vty_init(void)
{
	for (size_t t = 0; t < array_size(registry); t++)
		if (registry[t] && registry[t]->vty_init)
			registry[t]->vty_init();
}

static void probe_run_free(struct anycast_probe_run *run)
{
	if (run->kind && run->kind->stop)
		run->kind->stop(run);
	EVENT_OFF(run->t_timeout);
	if (run->queued)
		anycast_probe_doneq_del(&doneq, run);
	for (size_t i = 0; i < run->nenv; i++)
		XFREE(MTYPE_ANYCAST_PROBE_ENV, run->env[i]);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run);
}

uint64_t anycast_probe_no_results(enum anycast_probe_type type)
{
	return (size_t)type < array_size(no_results) ? no_results[type].deferred
						     : 0;
}

static void probe_no_result(enum anycast_probe_type type,
			    const struct anycast_probe_result *res)
{
	const char *kind = anycast_probe_type_name(type);
	struct timeval now;
	uint64_t n;

	if ((size_t)type >= array_size(no_results))
		return;
	monotime(&now);
	n = anycast_limit_defer(&no_results[type], (uint64_t)now.tv_sec * 1000 +
							   now.tv_usec / 1000);
	if (n)
		zlog_warn("%s probe: no result, a local fault (not the "
			  "target's): %s (%" PRIu64 " run%s since the last "
			  "message, %" PRIu64 " in all; see show anycast "
			  "probe-limit)",
			  kind, res->error, n, n == 1 ? "" : "s",
			  no_results[type].deferred);
}

/* Deliver the result recorded in run->result, then free the run. */
static void probe_deliver(struct anycast_probe_run *run)
{
	struct anycast_probe_result res = run->result;
	anycast_probe_done_fn done = run->done;
	void *arg = run->arg;
	enum anycast_probe_type type = run->cfg->type;
	struct timeval now, diff;

	monotime(&now);
	timersub(&now, &run->started, &diff);
	res.latency_us = diff.tv_sec > 4000
				 ? UINT32_MAX
				 : diff.tv_sec * 1000000 + diff.tv_usec;
	probe_run_free(run);
	if (res.local) {
		res.ok = false;
		probe_no_result(type, &res);
	}
	done(arg, &res);
}

/*
 * Deliver the runs finished before this event (at most as many: a done
 * callback may cancel queued runs, or start one that fails at once, which
 * is queued behind them and has its own event: libfrr cleared t_deliver).
 */
static void probe_deliver_all(struct frr_event *t)
{
	size_t n = anycast_probe_doneq_count(&doneq);
	struct anycast_probe_run *run;

	while (n-- && (run = anycast_probe_doneq_pop(&doneq))) {
		run->queued = false;
		probe_deliver(run);
	}
}

/* Queue a finished run for delivery from a fresh event (once). */
static void probe_queue_done(struct anycast_probe_run *run)
{
	if (run->queued)
		return;
	run->queued = true;
	anycast_probe_doneq_add_tail(&doneq, run);
	if (!t_deliver)
		event_add_event(master, probe_deliver_all, NULL, 0, &t_deliver);
}

static void probe_timeout_final(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);

	run->result.ok = false;
	run->result.timeout = true;
	snprintfrr(run->result.error, sizeof(run->result.error),
		   "timeout after %lld ms",
		   (long long)monotime_since(&run->started, NULL) / 1000);
	probe_deliver(run);
}

/*
 * The deadline passed.  When the daemon itself did not run for a while (a
 * stalled or starved event loop: this timer fires more than
 * PROBE_LATE_MS late), the target's answers may be waiting unread, or a
 * request unsent: the run gets the time the daemon was away (at most its
 * timeout), once.  A stall of the daemon is not the target's fault.
 *
 * Then the verdict waits for an event: libfrr queues the expired timers of
 * a pass of the event loop before the I/O that the same poll() reported,
 * so an answer that came in time may still be queued behind this timer.
 * It runs first and finishes the run (which cancels the event); only a run
 * with nothing pending times out.
 */
#define PROBE_LATE_MS 20

static void probe_timeout(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	int64_t late = monotime_since(&run->started, NULL) / 1000 -
		       (int64_t)run->timeout_ms;

	if (!run->extended && late > PROBE_LATE_MS) {
		run->extended = true;
		ANYCAST_DBG_PROBE("%s probe: the event loop ran %" PRId64
				  " ms late, timeout extended by that",
				  run->kind ? run->kind->name : "?", late);
		event_add_timer_msec(master, probe_timeout, run,
				     MIN(late, (int64_t)run->timeout_ms),
				     &run->t_timeout);
		return;
	}
	event_add_event(master, probe_timeout_final, run, 0, &run->t_timeout);
}

struct anycast_probe_run *
anycast_probe_start(const struct anycast_probe_config *cfg, uint32_t timeout_ms,
		    anycast_probe_done_fn done, void *arg)
{
	return anycast_probe_start_env(cfg, timeout_ms, NULL, 0, done, arg);
}

struct anycast_probe_run *
anycast_probe_start_env(const struct anycast_probe_config *cfg,
			uint32_t timeout_ms, const char *const *env,
			size_t nenv, anycast_probe_done_fn done, void *arg)
{
	struct anycast_probe_run *run;

	run = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*run));
	run->cfg = cfg;
	for (size_t i = 0; i < nenv && i < array_size(run->env); i++)
		run->env[run->nenv++] =
			XSTRDUP(MTYPE_ANYCAST_PROBE_ENV, env[i]);
	run->kind = anycast_probe_kind(cfg->type);
	run->done = done;
	run->arg = arg;
	run->fd = -1;
	monotime(&run->started);
	run->timeout_ms = timeout_ms;

	if (!run->kind) {
		snprintf(run->result.error, sizeof(run->result.error),
			 "no probe configured");
		probe_queue_done(run);
		return run;
	}
	if (run->kind->start(run) < 0) {
		run->result.ok = false;
		if (!run->result.error[0])
			snprintf(run->result.error, sizeof(run->result.error),
				 "%s probe failed to start", run->kind->name);
		probe_queue_done(run);
		return run;
	}
	event_add_timer_msec(master, probe_timeout, run, timeout_ms,
			     &run->t_timeout);
	return run;
}

void anycast_probe_cancel(struct anycast_probe_run **runp)
{
	if (!*runp)
		return;
	probe_run_free(*runp);
	*runp = NULL;
}

bool anycast_probe_note_errno(struct anycast_probe_run *run, int err)
{
	if (anycast_errno_is_local(err))
		run->result.local = true;
	return run->result.local;
}

void anycast_probe_note_local(struct anycast_probe_run *run)
{
	run->result.local = true;
}

static void probe_finish_va(struct anycast_probe_run *run, bool ok,
			    const char *fmt, va_list ap)
{
	run->result.ok = ok;
	if (ok) {
		run->result.local = false;
		run->result.lost = false;
	}
	run->result.error[0] = '\0';
	if (fmt)
		vsnprintfrr(run->result.error, sizeof(run->result.error), fmt,
			    ap);
	/* stop the kind now (fds), deliver from a fresh event */
	if (run->kind && run->kind->stop)
		run->kind->stop(run);
	run->kind = NULL;
	EVENT_OFF(run->t_timeout);
	probe_queue_done(run);
}

void anycast_probe_finish(struct anycast_probe_run *run, bool ok,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	probe_finish_va(run, ok, fmt, ap);
	va_end(ap);
}

void anycast_probe_finish_lost(struct anycast_probe_run *run, const char *fmt,
			       ...)
{
	va_list ap;

	run->result.lost = true;
	va_start(ap, fmt);
	probe_finish_va(run, false, fmt, ap);
	va_end(ap);
}

void anycast_probe_finish_errno(struct anycast_probe_run *run, int err,
				const char *fmt, ...)
{
	va_list ap;

	anycast_probe_note_errno(run, err);
	va_start(ap, fmt);
	probe_finish_va(run, false, fmt, ap);
	va_end(ap);
}
