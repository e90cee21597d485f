// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd http probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int http_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind http is not implemented yet");
	return -1;
}

static void http_stop(struct anycast_probe_run *run)
{
}

static void http_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void http_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void http_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "http");
}

const struct anycast_probe_kind anycast_probe_http = {
	.name = "http",
	.start = http_start,
	.stop = http_stop,
	.config_read = http_config_read,
	.cli_show = http_cli_show,
	.describe = http_describe,
};
