// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd bfd probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int bfd_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind bfd is not implemented yet");
	return -1;
}

static void bfd_stop(struct anycast_probe_run *run)
{
}

static void bfd_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void bfd_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void bfd_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "bfd");
}

const struct anycast_probe_kind anycast_probe_bfd = {
	.name = "bfd",
	.start = bfd_start,
	.stop = bfd_stop,
	.config_read = bfd_config_read,
	.cli_show = bfd_cli_show,
	.describe = bfd_describe,
};
