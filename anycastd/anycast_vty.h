// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd CLI: configuration commands (northbound) and show commands. */
#ifndef _ANYCAST_VTY_H
#define _ANYCAST_VTY_H

struct vty;

extern void anycast_vty_init(void);

/*
 * For `probe KIND …` commands: enqueue the removal of whatever probe is
 * configured (any kind), so the new one replaces it instead of merging.
 */
extern void anycast_probe_replace(struct vty *vty);

#endif /* _ANYCAST_VTY_H */
