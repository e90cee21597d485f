// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd CLI: configuration commands (northbound) and show commands. */
#ifndef _ANYCAST_VTY_H
#define _ANYCAST_VTY_H

struct vty;

#define ANYCAST_STR "Anycast prefix announcement\n"

extern void anycast_vty_init(void);
/* route attributes and drain (anycast_vty_route.c) */
extern void anycast_vty_route_init(void);

/*
 * For `probe KIND …` commands: enqueue the removal of whatever probe is
 * configured (any kind), so the new one replaces it instead of merging.
 */
extern void anycast_probe_replace(struct vty *vty);

/*
 * For configuration commands: nb_cli_apply_changes(vty, NULL), after
 * checking every enqueued value against its leaf's YANG type.  FRR's CLI
 * (8.4 and 10.x) reports a value the YANG type refuses, warns, and commits
 * the command's other changes (a probe replaced by nothing); here such a
 * command changes nothing and fails with a `%` message.  Everything else
 * is checked by the northbound validation, for every front end.
 */
extern int anycast_cli_apply(struct vty *vty);

#endif /* _ANYCAST_VTY_H */
