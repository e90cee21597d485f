// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd exec probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int exec_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind exec is not implemented yet");
	return -1;
}

static void exec_stop(struct anycast_probe_run *run)
{
}

static void exec_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void exec_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void exec_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "exec");
}

const struct anycast_probe_kind anycast_probe_exec = {
	.name = "exec",
	.start = exec_start,
	.stop = exec_stop,
	.config_read = exec_config_read,
	.cli_show = exec_cli_show,
	.describe = exec_describe,
};
