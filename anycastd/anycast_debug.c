// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd debugging flags and their CLI.
 */
#include <zebra.h>

#include "command.h"
#include "lib/debug.h"
#include "vty.h"

#include "anycast_debug.h"
#include "anycast_frr.h"

struct debug anycast_dbg_health = {.desc = "anycastd health objects"};
struct debug anycast_dbg_probe = {.desc = "anycastd probe runs"};
struct debug anycast_dbg_prefix = {.desc = "anycastd prefixes"};
struct debug anycast_dbg_zebra = {.desc = "anycastd zebra communication"};
struct debug anycast_dbg_nb = {.desc = "anycastd northbound"};

static const struct anycast_frr_debug anycast_debugs[] = {
	{&anycast_dbg_health, "debug anycast health"},
	{&anycast_dbg_probe, "debug anycast probe"},
	{&anycast_dbg_prefix, "debug anycast prefix"},
	{&anycast_dbg_zebra, "debug anycast zebra"},
	{&anycast_dbg_nb, "debug anycast northbound"},
};

#ifndef VTYSH_EXTRACT_PL
#include "anycast_debug_clippy.c"
#endif

DEFPY(debug_anycast, debug_anycast_cmd,
      "[no] debug anycast "
      "[<health$health|probe$probe|prefix$prefix|zebra$zebra|northbound$nb>]",
      NO_STR DEBUG_STR "anycastd\n"
		       "Health objects: configuration and state changes\n"
		       "Probe runs: results and probe-level detail\n"
		       "Prefixes and policy decisions\n"
		       "zebra communication\n"
		       "Northbound callbacks\n")
{
	uint32_t mode = DEBUG_NODE2MODE(vty->node);
	bool all = !health && !probe && !prefix && !zebra && !nb;

	if (all || health)
		DEBUG_MODE_SET(&anycast_dbg_health, mode, !no);
	if (all || probe)
		DEBUG_MODE_SET(&anycast_dbg_probe, mode, !no);
	if (all || prefix)
		DEBUG_MODE_SET(&anycast_dbg_prefix, mode, !no);
	if (all || zebra)
		DEBUG_MODE_SET(&anycast_dbg_zebra, mode, !no);
	if (all || nb)
		DEBUG_MODE_SET(&anycast_dbg_nb, mode, !no);
	return CMD_SUCCESS;
}

DEFUN_NOSH(show_debugging_anycast, show_debugging_anycast_cmd,
	   "show debugging [anycast]", SHOW_STR DEBUG_STR "anycastd\n")
{
	vty_out(vty, "anycastd debugging status:\n");
	for (size_t i = 0; i < array_size(anycast_debugs); i++)
		if (DEBUG_MODE_CHECK(anycast_debugs[i].dbg, DEBUG_MODE_ALL))
			vty_out(vty, "  %s is on\n",
				anycast_debugs[i].dbg->desc);
	return CMD_SUCCESS;
}

void anycast_debug_init(void)
{
	anycast_frr_debug_install(anycast_debugs, array_size(anycast_debugs));
	install_element(ENABLE_NODE, &debug_anycast_cmd);
	install_element(CONFIG_NODE, &debug_anycast_cmd);
	install_element(ENABLE_NODE, &show_debugging_anycast_cmd);
}
