// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd interface probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int interface_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind interface is not implemented yet");
	return -1;
}

static void interface_stop(struct anycast_probe_run *run)
{
}

static void interface_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void interface_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void interface_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "interface");
}

const struct anycast_probe_kind anycast_probe_interface = {
	.name = "interface",
	.start = interface_start,
	.stop = interface_stop,
	.config_read = interface_config_read,
	.cli_show = interface_cli_show,
	.describe = interface_describe,
};
