// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd's own subsystems, initialised in order once libfrr is (the
 * daemon's main() after frr_init(), and tests/lib/cfgenv.c in tests).
 */
#ifndef _ANYCAST_INIT_H
#define _ANYCAST_INIT_H

extern void anycast_init(void);

#endif /* _ANYCAST_INIT_H */
