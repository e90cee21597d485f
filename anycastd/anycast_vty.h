// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd CLI: configuration commands (northbound) and show commands. */
#ifndef _ANYCAST_VTY_H
#define _ANYCAST_VTY_H

extern void anycast_vty_init(void);

#endif /* _ANYCAST_VTY_H */
