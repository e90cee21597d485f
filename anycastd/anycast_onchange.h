// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd on-change hooks: `on-change exec COMMAND... [shell] [user USER]`
 * on a health object or a prefix runs the command on each of its state
 * transitions (each entry of its transition history), through the exec
 * probe kind (no shell unless `shell`, unprivileged user, clean
 * environment, own process group, killed on timeout, bounded output), with
 *
 *   ANYCAST_EVENT      health | prefix
 *   ANYCAST_NAME       the object's name or the prefix
 *   ANYCAST_OLD_STATE  ANYCAST_NEW_STATE  ANYCAST_REASON
 *
 * added to the environment.  One object's hooks run one at a time, in the
 * order of its transitions: while one runs, later transitions wait in a
 * queue of ANYCAST_ONCHANGE_QUEUE_MAX (when full, the oldest waiting one is
 * dropped with a warning).  A hook still running after
 * ANYCAST_ONCHANGE_TIMEOUT_MS is killed (its process group) and counts as
 * failed.  Removing the hook or its object kills a running hook and drops
 * the queue.
 */
#ifndef _ANYCAST_ONCHANGE_H
#define _ANYCAST_ONCHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "prefix.h"

#include "anycast_probe.h"

struct json_object;
struct lyd_node;
struct vty;

#define ANYCAST_ONCHANGE_TIMEOUT_MS 30000 /* fixed: not configurable */
#define ANYCAST_ONCHANGE_QUEUE_MAX 16	  /* waiting transitions, per object */

enum anycast_onchange_event {
	ANYCAST_ONCHANGE_HEALTH,
	ANYCAST_ONCHANGE_PREFIX,
};

struct anycast_onchange_transition {
	char from[24];
	char to[24];
	char reason[160];
};

struct anycast_onchange {
	enum anycast_onchange_event event;
	char name[PREFIX_STRLEN];	 /* object name or prefix */
	struct anycast_probe_config cfg; /* type exec, user resolved */
	/* the running hook's: cfg may change while it runs */
	struct anycast_probe_config run_cfg;

	/* transitions waiting for the running hook: a ring, oldest first */
	struct anycast_onchange_transition queue[ANYCAST_ONCHANGE_QUEUE_MAX];
	unsigned int head, count;

	struct anycast_probe_run *run; /* the hook running, if any */
	struct anycast_onchange_transition running;
	uint64_t runs, failures, dropped;
	char last_result[192];
};

/*
 * Configure the hook of an object from its on-change/exec container, or
 * remove it (exec_dnode NULL: kills a running hook, drops the queue).  A
 * changed command applies from the next run on.
 */
extern void anycast_onchange_set(struct anycast_onchange **hookp,
				 const struct lyd_node *exec_dnode,
				 enum anycast_onchange_event event,
				 const char *name);

/* Remove the hook (if any): the object is going away. */
extern void anycast_onchange_free(struct anycast_onchange **hookp);

/* The object went from one state to another (hook NULL: none). */
extern void anycast_onchange_notify(struct anycast_onchange *hook,
				    const char *from, const char *to,
				    const char *reason);

/* show: nothing when hook is NULL */
extern void anycast_onchange_show_text(struct vty *vty,
				       const struct anycast_onchange *hook);
extern void anycast_onchange_show_json(struct json_object *jo,
				       const struct anycast_onchange *hook);

/* northbound cli_show of on-change/exec (health and prefix) */
extern void anycast_onchange_cli_show(struct vty *vty,
				      const struct lyd_node *dnode,
				      bool show_defaults);

/* `[no] on-change exec …` in the health and prefix nodes */
extern void anycast_onchange_vty_init(void);

#endif /* _ANYCAST_ONCHANGE_H */
