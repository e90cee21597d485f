// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd process probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int process_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind process is not implemented yet");
	return -1;
}

static void process_stop(struct anycast_probe_run *run)
{
}

static void process_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void process_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void process_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "process");
}

const struct anycast_probe_kind anycast_probe_process = {
	.name = "process",
	.start = process_start,
	.stop = process_stop,
	.config_read = process_config_read,
	.cli_show = process_cli_show,
	.describe = process_describe,
};
