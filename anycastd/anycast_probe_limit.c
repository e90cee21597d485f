// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe concurrency limits (see anycast_probe_limit.h).
 */
#include <zebra.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>

#include "command.h"
#include "json.h"
#include "northbound_cli.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_health.h"
#include "anycast_nb.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_limit.h"
#include "anycast_resource.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;

DEFINE_HOOK(anycast_probe_slot_free, (enum anycast_probe_type type), (type));

static struct anycast_limit limits[ANYCAST_PROBE_MAX];
static struct frr_event *t_wake[ANYCAST_PROBE_MAX];

/*
 * the kinds a limit can be configured for (as in the YANG enumeration):
 * those whose runs hold file descriptors, which share the budget
 */
static const enum anycast_probe_type limited_kinds[] = {
	ANYCAST_PROBE_TCP,  ANYCAST_PROBE_HTTP, ANYCAST_PROBE_DNS,
	ANYCAST_PROBE_ICMP, ANYCAST_PROBE_EXEC,
};

/* the budget (see anycast_probe_limit.h) */
static struct {
	struct anycast_limit lim;
	uint64_t nofile;   /* soft RLIMIT_NOFILE at start-up */
	uint32_t in_use;   /* fds open then */
	uint32_t reserved; /* kept free: in_use + headroom */
	uint32_t held[ANYCAST_BUDGET_HOLDER_MAX];
} budget;

static bool type_ok(enum anycast_probe_type type)
{
	return type > ANYCAST_PROBE_NONE && type < ANYCAST_PROBE_MAX;
}

static bool uses_fds(enum anycast_probe_type type)
{
	for (size_t i = 0; i < array_size(limited_kinds); i++)
		if (limited_kinds[i] == type)
			return true;
	return false;
}

static enum anycast_probe_type type_by_name(const char *name)
{
	for (size_t i = 0; i < array_size(limited_kinds); i++)
		if (strmatch(anycast_probe_type_name(limited_kinds[i]), name))
			return limited_kinds[i];
	return ANYCAST_PROBE_NONE;
}

static void limit_wake(struct frr_event *t)
{
	hook_call(anycast_probe_slot_free, EVENT_VAL(t));
}

/* from an event: never start runs inside a caller's callback */
static void limit_wake_later(enum anycast_probe_type type)
{
	event_add_event(master, limit_wake, NULL, type, &t_wake[type]);
}

void anycast_probe_limit_set(enum anycast_probe_type type, uint32_t max)
{
	if (!type_ok(type))
		return;
	limits[type].max = max;
	limit_wake_later(type);
}

const struct anycast_limit *
anycast_probe_limit_get(enum anycast_probe_type type)
{
	return type_ok(type) ? &limits[type] : NULL;
}

bool anycast_probe_limit_acquire(enum anycast_probe_type type)
{
	if (!type_ok(type))
		return true;
	if (!uses_fds(type))
		return anycast_limit_acquire(&limits[type]);
	if (limits[type].max) {
		/* the administrator's limit for the kind, not the budget */
		if (!anycast_limit_acquire(&limits[type]))
			return false;
		anycast_limit_take(&budget.lim);
		return true;
	}
	if (!anycast_limit_acquire(&budget.lim))
		return false;
	anycast_limit_take(&limits[type]);
	return true;
}

/* Wake the kinds whose waiting runs a freed slot may let start. */
static void limit_wake_waiters(enum anycast_probe_type type)
{
	if (!uses_fds(type)) {
		if (anycast_health_waiting(type))
			limit_wake_later(type);
		return;
	}
	for (size_t i = 0; i < array_size(limited_kinds); i++) {
		enum anycast_probe_type k = limited_kinds[i];

		/* a kind with its own limit waits for its own slots only */
		if (anycast_health_waiting(k) && (k == type || !limits[k].max))
			limit_wake_later(k);
	}
}

void anycast_probe_limit_release(enum anycast_probe_type type)
{
	if (!type_ok(type))
		return;
	anycast_limit_release(&limits[type]);
	if (uses_fds(type))
		anycast_limit_release(&budget.lim);
	limit_wake_waiters(type);
}

void anycast_probe_limit_deferred(enum anycast_probe_type type,
				  const char *name)
{
	uint64_t n;

	if (!type_ok(type))
		return;
	if (uses_fds(type) && !limits[type].max) {
		/* the budget is full: counted for the kind and the budget */
		limits[type].deferred++;
		n = anycast_limit_defer(&budget.lim, anycast_now_ms());
		if (n)
			zlog_warn("probe budget %u reached (RLIMIT_NOFILE "
				  "%" PRIu64
				  "): %s waits for a free slot (%" PRIu64
				  " run%s deferred since the last message, "
				  "%" PRIu64 " in all; see show anycast "
				  "probe-limit)",
				  budget.lim.max, budget.nofile, name, n,
				  n == 1 ? "" : "s", budget.lim.deferred);
		return;
	}
	n = anycast_limit_defer(&limits[type], anycast_now_ms());
	if (n)
		zlog_warn("probe-limit %s %u reached: %s waits for a free slot "
			  "(%" PRIu64 " run%s deferred since the last message, "
			  "%" PRIu64 " in all; see show anycast probe-limit)",
			  anycast_probe_type_name(type), limits[type].max, name,
			  n, n == 1 ? "" : "s", limits[type].deferred);
}

/* fds open now (at start-up): /proc/self/fd, else probing each fd */
static uint32_t fds_in_use(uint64_t nofile)
{
	struct dirent *de;
	uint32_t n = 0;
	DIR *d;

	d = opendir("/proc/self/fd");
	if (d) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.')
				n++;
		closedir(d);
		return n ? n - 1 : 0; /* not the directory's own */
	}
	for (uint64_t fd = 0; fd < MIN(nofile, 65536); fd++)
		if (fcntl((int)fd, F_GETFD) >= 0)
			n++;
	return n;
}

void anycast_probe_budget_init(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		rl.rlim_cur = 1024;
	budget.nofile = rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX
						     : (uint64_t)rl.rlim_cur;
	budget.in_use = fds_in_use(budget.nofile);
	budget.lim.max = anycast_budget_from_nofile(
		budget.nofile, budget.in_use, &budget.reserved);
	zlog_info("probe budget: %u runs in flight (RLIMIT_NOFILE %" PRIu64
		  ", %u fds open, %u kept free; probe-limit KIND N overrides "
		  "it for a kind)",
		  budget.lim.max, budget.nofile, budget.in_use,
		  budget.reserved);
}

void anycast_probe_budget_hold(enum anycast_budget_holder who)
{
	if (who >= ANYCAST_BUDGET_HOLDER_MAX)
		return;
	budget.held[who]++;
	anycast_limit_take(&budget.lim);
}

void anycast_probe_budget_unhold(enum anycast_budget_holder who)
{
	if (who >= ANYCAST_BUDGET_HOLDER_MAX || !budget.held[who])
		return;
	budget.held[who]--;
	anycast_limit_release(&budget.lim);
	/* any kind sharing the budget may go on */
	for (size_t i = 0; i < array_size(limited_kinds); i++)
		if (!limits[limited_kinds[i]].max &&
		    anycast_health_waiting(limited_kinds[i]))
			limit_wake_later(limited_kinds[i]);
}

const struct anycast_limit *anycast_probe_budget_get(void)
{
	return &budget.lim;
}

void anycast_probe_limit_skipped(enum anycast_probe_type type)
{
	if (type_ok(type))
		limits[type].skipped++;
}

void anycast_probe_limit_terminate(void)
{
	for (size_t t = 0; t < array_size(t_wake); t++)
		EVENT_OFF(t_wake[t]);
}

/* ---------------------------------------------------------------------- */
/* northbound: /frr-anycastd:anycast/probe-limit                          */

static enum anycast_probe_type dnode_type(const struct lyd_node *entry)
{
	return type_by_name(yang_dnode_get_string(entry, "./kind"));
}

int anycast_probe_limit_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_probe_limit_set(dnode_type(args->dnode), 0);
	return NB_OK;
}

int anycast_probe_limit_max_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_probe_limit_set(
			dnode_type(lyd_parent(args->dnode)),
			yang_dnode_get_uint32(args->dnode, NULL));
	return NB_OK;
}

void anycast_probe_limit_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults)
{
	vty_out(vty, " probe-limit %s %u\n",
		yang_dnode_get_string(dnode, "./kind"),
		yang_dnode_get_uint32(dnode, "./max-runs"));
}

/* ---------------------------------------------------------------------- */
/* CLI                                                                    */

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_limit_clippy.c"
#endif

#define PROBE_LIMIT_STR "Limit the probe runs of a kind in flight at once\n"
#define PROBE_LIMIT_KINDS_STR                                                  \
	"TCP probes\n"                                                         \
	"HTTP(S) probes\n"                                                     \
	"DNS probes\n"                                                         \
	"ICMP echo probes\n"                                                   \
	"exec probes (child processes)\n"

DEFPY_YANG(probe_limit, probe_limit_cmd,
	   "probe-limit <tcp|http|dns|icmp|exec>$kind (1-100000)$n",
	   PROBE_LIMIT_STR PROBE_LIMIT_KINDS_STR
	   "Runs in flight at most (later ones wait for a free slot)\n")
{
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "./probe-limit[kind='%s']", kind);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	snprintf(xpath, sizeof(xpath), "./probe-limit[kind='%s']/max-runs",
		 kind);
	nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, n_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_probe_limit, no_probe_limit_cmd,
	   "no probe-limit <tcp|http|dns|icmp|exec>$kind [(1-100000)]",
	   NO_STR PROBE_LIMIT_STR PROBE_LIMIT_KINDS_STR "Runs in flight\n")
{
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "./probe-limit[kind='%s']", kind);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY(show_anycast_probe_limit, show_anycast_probe_limit_cmd,
      "show anycast probe-limit [json$json]",
      SHOW_STR ANYCAST_STR "Probe runs in flight per kind, their limits and "
			   "deferred runs\n" JSON_STR)
{
	struct json_object *jo = json ? json_object_new_object() : NULL;

	if (!jo)
		vty_out(vty, "%-6s %7s %7s %7s %7s %10s %10s %10s\n", "Kind",
			"Limit", "Active", "Peak", "Waiting", "Deferred",
			"Skipped", "NoResult");
	for (size_t i = 0; i < array_size(limited_kinds); i++) {
		enum anycast_probe_type t = limited_kinds[i];
		const struct anycast_limit *l = &limits[t];
		const char *name = anycast_probe_type_name(t);
		uint32_t waiting = anycast_health_waiting(t);
		struct json_object *jk;
		char max[16];

		if (!jo) {
			snprintf(max, sizeof(max), "%u", l->max);
			vty_out(vty,
				"%-6s %7s %7u %7u %7u %10" PRIu64 " %10" PRIu64
				" %10" PRIu64 "\n",
				name, l->max ? max : "none", l->active, l->peak,
				waiting, l->deferred, l->skipped,
				anycast_probe_no_results(t));
			continue;
		}
		jk = json_object_new_object();
		json_object_int_add(jk, "limit", l->max); /* 0: none */
		json_object_int_add(jk, "active", l->active);
		json_object_int_add(jk, "peak", l->peak);
		json_object_int_add(jk, "waiting", waiting);
		json_object_int_add(jk, "deferred", l->deferred);
		json_object_int_add(jk, "skipped", l->skipped);
		/* runs without a result: a local fault (no fd, memory) */
		json_object_int_add(jk, "noResult",
				    anycast_probe_no_results(t));
		json_object_object_add(jo, name, jk);
	}
	if (jo) {
		struct json_object *jb = json_object_new_object();

		json_object_int_add(jb, "limit", budget.lim.max);
		json_object_int_add(jb, "active", budget.lim.active);
		json_object_int_add(jb, "peak", budget.lim.peak);
		json_object_int_add(jb, "deferred", budget.lim.deferred);
		json_object_int_add(jb, "onChangeHooks",
				    budget.held[ANYCAST_BUDGET_HOOK]);
		json_object_int_add(jb, "killedChildren",
				    budget.held[ANYCAST_BUDGET_ORPHAN]);
		json_object_int_add(jb, "nofile", budget.nofile);
		json_object_int_add(jb, "fdsAtStart", budget.in_use);
		json_object_int_add(jb, "fdsReserved", budget.reserved);
		json_object_object_add(jo, "budget", jb);
		return vty_json(vty, jo);
	}
	vty_out(vty,
		"Budget (kinds without a probe-limit, from RLIMIT_NOFILE "
		"%" PRIu64 ", %u fds kept free): %u runs, %u in use (%u "
		"on-change hooks, %u killed children not reaped), peak %u, "
		"%" PRIu64 " deferred\n",
		budget.nofile, budget.reserved, budget.lim.max,
		budget.lim.active, budget.held[ANYCAST_BUDGET_HOOK],
		budget.held[ANYCAST_BUDGET_ORPHAN], budget.lim.peak,
		budget.lim.deferred);
	return CMD_SUCCESS;
}

void anycast_probe_limit_vty_init(void)
{
	install_element(ANYCAST_NODE, &probe_limit_cmd);
	install_element(ANYCAST_NODE, &no_probe_limit_cmd);
	install_element(VIEW_NODE, &show_anycast_probe_limit_cmd);
}
