// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd icmp probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int icmp_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind icmp is not implemented yet");
	return -1;
}

static void icmp_stop(struct anycast_probe_run *run)
{
}

static void icmp_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void icmp_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void icmp_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "icmp");
}

const struct anycast_probe_kind anycast_probe_icmp = {
	.name = "icmp",
	.start = icmp_start,
	.stop = icmp_stop,
	.config_read = icmp_config_read,
	.cli_show = icmp_cli_show,
	.describe = icmp_describe,
};
