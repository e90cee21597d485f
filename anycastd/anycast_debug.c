// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd debugging flags and their CLI.
 */
#include <zebra.h>

#include "command.h"
#include "lib/debug.h"
#include "vty.h"

#include "anycast_debug.h"

struct debug anycast_dbg_health = {0, "anycastd health objects"};
struct debug anycast_dbg_probe = {0, "anycastd probe runs"};
struct debug anycast_dbg_prefix = {0, "anycastd prefixes"};
struct debug anycast_dbg_zebra = {0, "anycastd zebra communication"};
struct debug anycast_dbg_nb = {0, "anycastd northbound"};

static struct {
	struct debug *dbg;
	const char *conf;
} anycast_debugs[] = {
	{&anycast_dbg_health, "debug anycast health"},
	{&anycast_dbg_probe, "debug anycast probe"},
	{&anycast_dbg_prefix, "debug anycast prefix"},
	{&anycast_dbg_zebra, "debug anycast zebra"},
	{&anycast_dbg_nb, "debug anycast northbound"},
};

static void anycast_debug_set_all(uint32_t flags, bool set)
{
	for (size_t i = 0; i < array_size(anycast_debugs); i++) {
		DEBUG_FLAGS_SET(anycast_debugs[i].dbg, flags, set);
		if (!DEBUG_MODE_CHECK(anycast_debugs[i].dbg, DEBUG_MODE_ALL))
			DEBUG_CLEAR(anycast_debugs[i].dbg);
	}
}

static struct debug_callbacks anycast_debug_cbs = {
	.debug_set_all = anycast_debug_set_all,
};

static void anycast_debug_write(struct vty *vty, uint32_t mode)
{
	for (size_t i = 0; i < array_size(anycast_debugs); i++)
		if (DEBUG_MODE_CHECK(anycast_debugs[i].dbg, mode))
			vty_out(vty, "%s\n", anycast_debugs[i].conf);
}

static int anycast_debug_config_write(struct vty *vty)
{
	anycast_debug_write(vty, DEBUG_MODE_CONF);
	return 0;
}

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

static struct cmd_node anycast_debug_node = {
	.name = "debug",
	.node = DEBUG_NODE,
	.prompt = "",
	.config_write = anycast_debug_config_write,
};

void anycast_debug_init(void)
{
	debug_init(&anycast_debug_cbs);
	install_node(&anycast_debug_node);
	install_element(ENABLE_NODE, &debug_anycast_cmd);
	install_element(CONFIG_NODE, &debug_anycast_cmd);
	install_element(ENABLE_NODE, &show_debugging_anycast_cmd);
}
