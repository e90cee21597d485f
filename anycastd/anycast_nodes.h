// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd CLI node ids, shared by the daemon and the extended vtysh.
 *
 * libfrr only stores nodes in a vector indexed by id and never uses
 * NODE_TYPE_MAX itself, so ids after it need no change to Debian's libfrr.
 * These must be enumeration constants (not macros): vtysh's extract.pl reads
 * install_element(NODE, ...) from preprocessed source.
 */
#ifndef _ANYCAST_NODES_H
#define _ANYCAST_NODES_H

#include "command.h"

enum anycast_node_type {
	ANYCAST_NODE = NODE_TYPE_MAX + 1,
	ANYCAST_HEALTH_NODE,
	ANYCAST_PREFIX_NODE,
};

#endif /* _ANYCAST_NODES_H */
