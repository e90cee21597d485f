// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd exec kind: the parts other commands running an exec-style
 * command share (`on-change exec`): reading and resolving an exec
 * container (command, shell, user), validating it, writing it back as CLI
 * words, and splitting the CLI words into its leaves.  Such commands run
 * through the exec kind itself (anycast_probe_start_env with a config of type
 * exec).
 */
#ifndef _ANYCAST_PROBE_EXEC_H
#define _ANYCAST_PROBE_EXEC_H

#include "anycast_exec_args.h"
#include "anycast_probe.h"

struct cmd_token;
struct lyd_node;
struct vty;

#define ANYCAST_EXEC_DEFAULT_USER "frr"

/*
 * Fill cfg (type exec) from a container with the leaves command, shell and
 * user, and resolve the user (uid, gid, groups, home) once, now.  A user
 * that cannot be used leaves cfg->exec.user_ok false and the reason in
 * cfg->exec.user_error; runs then fail with it.
 */
extern void anycast_exec_config_read(struct anycast_probe_config *cfg,
				     const struct lyd_node *dnode);

/*
 * Northbound validation of such a container (the probe's or an on-change
 * hook's): a command with at least one word, and a user that exists, has
 * neither uid 0 nor a root-equivalent group (anycast_exec_root_groups).
 * False with the reason in errmsg.
 */
extern bool anycast_exec_validate(const struct lyd_node *dnode, char *errmsg,
				  size_t errmsg_len);

/* The words after `probe exec` / `on-change exec` for such a container. */
extern void anycast_exec_cli_words(const struct lyd_node *dnode, char *buf,
				   size_t len);

/*
 * CLI: parse the words argv[first..argc-1] as COMMAND... [shell]
 * [user USER] (the user is checked by the northbound validation, as for
 * every other front end).  On error: a `%` message (cmd names the command, e.g.
 * "probe exec") and CMD_WARNING_CONFIG_FAILED; CMD_SUCCESS otherwise.
 */
extern int anycast_exec_cli_parse(struct vty *vty, int argc,
				  struct cmd_token **argv, int first,
				  const char *cmd, struct anycast_exec_opts *o);

/* CLI: enqueue the leaves of o under base (e.g. "./probe/exec"). */
extern void anycast_exec_cli_enqueue(struct vty *vty, const char *base,
				     const struct anycast_exec_opts *o);

#endif /* _ANYCAST_PROBE_EXEC_H */
