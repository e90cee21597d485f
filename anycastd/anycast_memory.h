// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd memory types (visible in `show memory anycastd`). */
#ifndef _ANYCAST_MEMORY_H
#define _ANYCAST_MEMORY_H

#include "memory.h"

DECLARE_MGROUP(ANYCASTD);
DECLARE_MTYPE(ANYCAST_HEALTH);
DECLARE_MTYPE(ANYCAST_PREFIX);
DECLARE_MTYPE(ANYCAST_TRACK);
DECLARE_MTYPE(ANYCAST_PROBE_RUN);

#endif /* _ANYCAST_MEMORY_H */
