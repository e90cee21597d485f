// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd route probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int route_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind route is not implemented yet");
	return -1;
}

static void route_stop(struct anycast_probe_run *run)
{
}

static void route_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void route_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void route_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "route");
}

const struct anycast_probe_kind anycast_probe_route = {
	.name = "route",
	.start = route_start,
	.stop = route_stop,
	.config_read = route_config_read,
	.cli_show = route_cli_show,
	.describe = route_describe,
};
