// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound: the frr-anycastd xpath → callback table.
 */
#include <zebra.h>

#include "northbound.h"

#include "anycast_nb.h"

/* clang-format off */
const struct frr_yang_module_info frr_anycastd_info = {
	.name = "frr-anycastd",
	.nodes = {
		{
			.xpath = "/frr-anycastd:anycast",
			.cbs = {
				.cli_show = anycast_cli_show,
				.cli_show_end = anycast_cli_show_end,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health",
			.cbs = {
				.create = anycast_health_create,
				.destroy = anycast_health_destroy,
				.apply_finish = anycast_health_apply_finish,
				.get_next = anycast_health_get_next,
				.get_keys = anycast_health_get_keys,
				.lookup_entry = anycast_health_lookup_entry,
				.cli_show = anycast_health_cli_show,
				.cli_show_end = anycast_health_cli_show_end,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp",
			.cbs = {
				.create = anycast_health_tcp_create,
				.destroy = anycast_health_tcp_destroy,
				.cli_show = anycast_health_tcp_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/address",
			.cbs = {
				.modify = anycast_health_tcp_address_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/port",
			.cbs = {
				.modify = anycast_health_tcp_port_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/interval",
			.cbs = {
				.modify = anycast_health_interval_modify,
				.cli_show = anycast_health_interval_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/timeout",
			.cbs = {
				.modify = anycast_health_timeout_modify,
				.destroy = anycast_health_timeout_destroy,
				.cli_show = anycast_health_timeout_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/rise",
			.cbs = {
				.modify = anycast_health_rise_modify,
				.cli_show = anycast_health_rise_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/fall",
			.cbs = {
				.modify = anycast_health_fall_modify,
				.cli_show = anycast_health_fall_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/shutdown",
			.cbs = {
				.modify = anycast_health_shutdown_modify,
				.cli_show = anycast_health_shutdown_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/state",
			.cbs = {
				.get_elem = anycast_health_state_state_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/consecutive-ok",
			.cbs = {
				.get_elem = anycast_health_state_consecutive_ok_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/consecutive-fail",
			.cbs = {
				.get_elem = anycast_health_state_consecutive_fail_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/last-change",
			.cbs = {
				.get_elem = anycast_health_state_last_change_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/last-error",
			.cbs = {
				.get_elem = anycast_health_state_last_error_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix",
			.cbs = {
				.create = anycast_prefix_create,
				.destroy = anycast_prefix_destroy,
				.apply_finish = anycast_prefix_apply_finish,
				.get_next = anycast_prefix_get_next,
				.get_keys = anycast_prefix_get_keys,
				.lookup_entry = anycast_prefix_lookup_entry,
				.cli_show = anycast_prefix_cli_show,
				.cli_show_end = anycast_prefix_cli_show_end,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/track",
			.cbs = {
				.create = anycast_prefix_track_create,
				.destroy = anycast_prefix_track_destroy,
				.cli_show = anycast_prefix_track_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/announced",
			.cbs = {
				.get_elem = anycast_prefix_state_announced_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/reason",
			.cbs = {
				.get_elem = anycast_prefix_state_reason_get_elem,
			},
		},
		{
			.xpath = NULL,
		},
	}
};
/* clang-format on */
