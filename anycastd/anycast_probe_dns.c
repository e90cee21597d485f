// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd dns probe — PLACEHOLDER being written; not functional yet.
 */
#include <zebra.h>

#include "anycast_probe.h"

static int dns_start(struct anycast_probe_run *run)
{
	snprintf(run->result.error, sizeof(run->result.error),
		 "probe kind dns is not implemented yet");
	return -1;
}

static void dns_stop(struct anycast_probe_run *run)
{
}

static void dns_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
}

static void dns_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
}

static void dns_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	snprintf(buf, len, "dns");
}

const struct anycast_probe_kind anycast_probe_dns = {
	.name = "dns",
	.start = dns_start,
	.stop = dns_stop,
	.config_read = dns_config_read,
	.cli_show = dns_cli_show,
	.describe = dns_describe,
};
