// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd on-change hooks (see anycast_onchange.h).
 */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_exec_args.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_onchange.h"
#include "anycast_probe.h"
#include "anycast_probe_exec.h"
#include "anycast_vty.h"
#include "anycast_probe_limit.h"

/* success is logged behind the owner's debug guard */
#define ONCHANGE_DBG(hook, fmt, ...)                                           \
	do {                                                                   \
		if ((hook)->event == ANYCAST_ONCHANGE_HEALTH)                  \
			ANYCAST_DBG_HEALTH(fmt, ##__VA_ARGS__);                \
		else                                                           \
			ANYCAST_DBG_PREFIX(fmt, ##__VA_ARGS__);                \
	} while (0)

static const char *onchange_event_name(enum anycast_onchange_event event)
{
	return event == ANYCAST_ONCHANGE_HEALTH ? "health" : "prefix";
}

static void onchange_start_next(struct anycast_onchange *hook);

static void onchange_done(void *arg, const struct anycast_probe_result *res)
{
	struct anycast_onchange *hook = arg;
	const struct anycast_onchange_transition *tr = &hook->running;

	hook->run = NULL;
	anycast_probe_budget_unhold(ANYCAST_BUDGET_HOOK);
	if (res->ok) {
		/* detail: the first output line, or "exit 0" without one */
		if (strmatch(res->detail, "exit 0"))
			strlcpy(hook->last_result, "exit 0",
				sizeof(hook->last_result));
		else
			snprintf(hook->last_result, sizeof(hook->last_result),
				 "exit 0: %s", res->detail);
		ONCHANGE_DBG(hook, "%s: on-change hook for %s -> %s: %s",
			     hook->name, tr->from, tr->to, hook->last_result);
	} else {
		hook->failures++;
		strlcpy(hook->last_result, res->error,
			sizeof(hook->last_result));
		zlog_info("%s %s: on-change hook for %s -> %s failed: %s",
			  onchange_event_name(hook->event), hook->name,
			  tr->from, tr->to, hook->last_result);
	}
	onchange_start_next(hook);
}

/* Start the hook for the oldest waiting transition, if none is running. */
static void onchange_start_next(struct anycast_onchange *hook)
{
	struct anycast_onchange_transition *tr;
	char ev[32], name[PREFIX_STRLEN + 16], from[48], to[48], reason[192];
	const char *env[] = {ev, name, from, to, reason};

	if (hook->run || !hook->count)
		return;
	tr = &hook->queue[hook->head];
	hook->running = *tr;
	hook->head = (hook->head + 1) % ANYCAST_ONCHANGE_QUEUE_MAX;
	hook->count--;

	snprintf(ev, sizeof(ev), "ANYCAST_EVENT=%s",
		 onchange_event_name(hook->event));
	snprintf(name, sizeof(name), "ANYCAST_NAME=%s", hook->name);
	snprintf(from, sizeof(from), "ANYCAST_OLD_STATE=%s",
		 hook->running.from);
	snprintf(to, sizeof(to), "ANYCAST_NEW_STATE=%s", hook->running.to);
	snprintf(reason, sizeof(reason), "ANYCAST_REASON=%s",
		 hook->running.reason);
	hook->runs++;
	ONCHANGE_DBG(hook, "%s: on-change hook for %s -> %s started",
		     hook->name, hook->running.from, hook->running.to);
	hook->run_cfg = hook->cfg;
	/* a child and fds: counted in the probe budget (it cannot wait) */
	anycast_probe_budget_hold(ANYCAST_BUDGET_HOOK);
	hook->run = anycast_probe_start_env(
		&hook->run_cfg, ANYCAST_ONCHANGE_TIMEOUT_MS, env,
		array_size(env), onchange_done, hook);
}

void anycast_onchange_notify(struct anycast_onchange *hook, const char *from,
			     const char *to, const char *reason)
{
	struct anycast_onchange_transition *tr;

	if (!hook)
		return;
	if (hook->count == ANYCAST_ONCHANGE_QUEUE_MAX) {
		tr = &hook->queue[hook->head];
		zlog_warn("%s %s: on-change queue full (%d waiting): dropped "
			  "the hook for %s -> %s",
			  onchange_event_name(hook->event), hook->name,
			  ANYCAST_ONCHANGE_QUEUE_MAX, tr->from, tr->to);
		hook->dropped++;
		hook->head = (hook->head + 1) % ANYCAST_ONCHANGE_QUEUE_MAX;
		hook->count--;
	}
	tr = &hook->queue[(hook->head + hook->count) %
			  ANYCAST_ONCHANGE_QUEUE_MAX];
	strlcpy(tr->from, from, sizeof(tr->from));
	strlcpy(tr->to, to, sizeof(tr->to));
	strlcpy(tr->reason, reason, sizeof(tr->reason));
	hook->count++;
	onchange_start_next(hook);
}

void anycast_onchange_free(struct anycast_onchange **hookp)
{
	struct anycast_onchange *hook = *hookp;

	if (!hook)
		return;
	if (hook->run || hook->count)
		ONCHANGE_DBG(hook,
			     "%s: on-change hook removed: %s, %u waiting "
			     "dropped",
			     hook->name,
			     hook->run ? "running one killed" : "none running",
			     hook->count);
	/* the exec kind's stop kills the process group */
	if (hook->run)
		anycast_probe_budget_unhold(ANYCAST_BUDGET_HOOK);
	anycast_probe_cancel(&hook->run);
	XFREE(MTYPE_ANYCAST_ONCHANGE, *hookp);
}

void anycast_onchange_set(struct anycast_onchange **hookp,
			  const struct lyd_node *exec_dnode,
			  enum anycast_onchange_event event, const char *name)
{
	struct anycast_onchange *hook = *hookp;

	if (!exec_dnode) {
		anycast_onchange_free(hookp);
		return;
	}
	if (!hook) {
		hook = *hookp = XCALLOC(MTYPE_ANYCAST_ONCHANGE, sizeof(*hook));
		hook->event = event;
		strlcpy(hook->name, name, sizeof(hook->name));
	}
	/* a running hook keeps its copy; the next run uses the new one */
	memset(&hook->cfg, 0, sizeof(hook->cfg));
	anycast_exec_config_read(&hook->cfg, exec_dnode);
	if (!hook->cfg.exec.user_ok)
		zlog_warn("%s %s: on-change hook: %s",
			  onchange_event_name(event), hook->name,
			  hook->cfg.exec.user_error);
}

/* ---------------------------------------------------------------------- */
/* show                                                                   */

static void onchange_command(const struct anycast_onchange *hook, char *buf,
			     size_t len)
{
	const struct anycast_probe_config *cfg = &hook->cfg;

	anycast_exec_format(cfg->exec.command, cfg->exec.shell, cfg->exec.user,
			    ANYCAST_EXEC_DEFAULT_USER, buf, len);
}

void anycast_onchange_show_text(struct vty *vty,
				const struct anycast_onchange *hook)
{
	char buf[ANYCAST_EXEC_CMD_MAX + 64];

	if (!hook)
		return;
	onchange_command(hook, buf, sizeof(buf));
	vty_out(vty, "  On change: exec %s\n", buf);
	vty_out(vty, "    Runs %" PRIu64 ", failures %" PRIu64, hook->runs,
		hook->failures);
	if (hook->dropped)
		vty_out(vty, ", dropped %" PRIu64, hook->dropped);
	if (hook->run)
		vty_out(vty, ", running (%s -> %s), %u waiting",
			hook->running.from, hook->running.to, hook->count);
	vty_out(vty, "\n");
	if (hook->last_result[0])
		vty_out(vty, "    Last result: %s\n", hook->last_result);
}

void anycast_onchange_show_json(struct json_object *jo,
				const struct anycast_onchange *hook)
{
	struct json_object *jh;
	char buf[ANYCAST_EXEC_CMD_MAX + 64];

	if (!hook)
		return;
	jh = json_object_new_object();
	onchange_command(hook, buf, sizeof(buf));
	json_object_string_add(jh, "command", buf);
	json_object_int_add(jh, "runs", hook->runs);
	json_object_int_add(jh, "failures", hook->failures);
	json_object_int_add(jh, "dropped", hook->dropped);
	json_object_boolean_add(jh, "running", hook->run != NULL);
	json_object_int_add(jh, "queued", hook->count);
	json_object_string_add(jh, "lastResult", hook->last_result);
	json_object_object_add(jo, "onChange", jh);
}

/* ---------------------------------------------------------------------- */
/* configuration                                                          */

void anycast_onchange_cli_show(struct vty *vty, const struct lyd_node *dnode,
			       bool show_defaults)
{
	char buf[ANYCAST_EXEC_CMD_MAX + 64];

	anycast_exec_cli_words(dnode, buf, sizeof(buf));
	vty_out(vty, "  on-change exec %s\n", buf);
}

/* enqueue the removal of the hook, if there is one */
static void onchange_remove(struct vty *vty)
{
	if (yang_dnode_existsf(vty->candidate_config->dnode,
			       "%s/on-change/exec", VTY_CURR_XPATH))
		nb_cli_enqueue_change(vty, "./on-change/exec", NB_OP_DESTROY,
				      NULL);
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_onchange_clippy.c"
#endif

DEFPY_YANG(onchange_exec, onchange_exec_cmd, "on-change exec LINE...",
	   "Hook run on every state change\n"
	   "Run a command (environment: ANYCAST_EVENT, ANYCAST_NAME, "
	   "ANYCAST_OLD_STATE, ANYCAST_NEW_STATE, ANYCAST_REASON)\n"
	   "Command and arguments (split at spaces), then optionally 'shell' "
	   "(run with /bin/sh -c) and/or 'user USER' (default frr)\n")
{
	struct anycast_exec_opts o;
	int ret;

	/* argv: on-change exec WORD... */
	ret = anycast_exec_cli_parse(vty, argc, argv, 2, "on-change exec", &o);
	if (ret != CMD_SUCCESS)
		return ret;
	/* replace, not merge: `shell` and `user` go back to their defaults */
	onchange_remove(vty);
	anycast_exec_cli_enqueue(vty, "./on-change/exec", &o);
	return anycast_cli_apply(vty);
}

DEFPY_YANG(no_onchange, no_onchange_cmd, "no on-change [exec]",
	   NO_STR "Hook run on every state change\n"
		  "Run a command\n")
{
	onchange_remove(vty);
	return nb_cli_apply_changes(vty, NULL);
}

/* the grammar has no varargs inside an option */
ALIAS_YANG(no_onchange, no_onchange_line_cmd, "no on-change exec LINE...",
	   NO_STR "Hook run on every state change\n"
		  "Run a command\n"
		  "Ignored\n")

void anycast_onchange_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &onchange_exec_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_onchange_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_onchange_line_cmd);
	install_element(ANYCAST_PREFIX_NODE, &onchange_exec_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_onchange_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_onchange_line_cmd);
}
