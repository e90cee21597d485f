// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound: the frr-anycastd xpath → callback table.
 */
#include <zebra.h>

#include "northbound.h"

#include "anycast_nb.h"
#include "anycast_onchange.h"

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
			.xpath = "/frr-anycastd:anycast/drain",
			.cbs = {
				.modify = anycast_drain_modify,
				.cli_show = anycast_drain_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/maintenance-file",
			.cbs = {
				.modify = anycast_maintenance_file_modify,
				.destroy = anycast_maintenance_file_destroy,
				.cli_show = anycast_maintenance_file_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/shutdown-drain",
			.cbs = {
				.modify = anycast_shutdown_drain_modify,
				.destroy = anycast_shutdown_drain_destroy,
				.cli_show = anycast_shutdown_drain_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/graceful-restart/stale-time",
			.cbs = {
				.modify = anycast_gr_stale_time_modify,
				.destroy = anycast_gr_stale_time_destroy,
				.cli_show = anycast_gr_stale_time_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/metrics/textfile",
			.cbs = {
				.modify = anycast_metrics_textfile_modify,
				.destroy = anycast_metrics_textfile_destroy,
				.cli_show = anycast_metrics_textfile_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/metrics/interval",
			.cbs = {
				.modify = anycast_metrics_interval_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/probe-limit",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_probe_limit_destroy,
				.cli_show = anycast_probe_limit_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/probe-limit/max-runs",
			.cbs = {
				.modify = anycast_probe_limit_max_modify,
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
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/address",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/port",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/source",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/send",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/tcp/expect",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/url",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/method",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/expect-status",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/expect-body",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/host",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/http/insecure",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/server",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/port",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/query",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/type",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/expect-rcode",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/expect-answer",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/tcp",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/dns/recurse",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/icmp",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/icmp/address",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/icmp/source",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/icmp/count",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/icmp/loss",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/exec",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/exec/command",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/exec/shell",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/exec/user",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/file",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/file/path",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/file/condition",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/process",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/process/pidfile",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/process/name",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/process/exe",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/process/user",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/interface",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/interface/name",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/interface/address",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/route",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/route/prefix",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/route/vrf",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/bfd",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_probe_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/bfd/peer",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/bfd/local",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/probe/bfd/interface",
			.cbs = {
				.modify = anycast_probe_leaf_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/interval",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_interval_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/fast-interval",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_health_fast_interval_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/delay-up",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_delay_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/delay-down",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_delay_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/timeout",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_health_timeout_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_health_dampening_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening/half-life",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening/penalty",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening/suppress",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening/reuse",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/dampening/max-suppress",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/rise",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_rise_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/fall",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_fall_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/shutdown",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_health_shutdown_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/vrf",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_health_vrf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/on-change/exec",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_onchange_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/on-change/exec/command",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/on-change/exec/shell",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/on-change/exec/user",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
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
			.xpath = "/frr-anycastd:anycast/health/state/suppressed",
			.cbs = {
				.get_elem = anycast_health_state_suppressed_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/health/state/penalty",
			.cbs = {
				.get_elem = anycast_health_state_penalty_get_elem,
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
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_prefix_track_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/track/weight",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/track/not",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/policy",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_prefix_policy_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/at-least",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/weight-up",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/weight-down",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/metric",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_prefix_leaf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/tag",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_prefix_leaf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/degraded",
			.cbs = {
				.cli_show = anycast_prefix_state_action_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/degraded/action",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/degraded/metric",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/degraded/tag",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/down",
			.cbs = {
				.cli_show = anycast_prefix_state_action_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/down/action",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/down/metric",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/down/tag",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.destroy = anycast_nb_noop_destroy,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/drain-tag",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_prefix_leaf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/drain-time",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_prefix_leaf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/drain",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_prefix_drain_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/last-site-guard",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_prefix_guard_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/last-site-guard/tag",
			.cbs = {
				.modify = anycast_nb_noop_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/vrf",
			.cbs = {
				.modify = anycast_nb_noop_modify,
				.cli_show = anycast_prefix_leaf_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/on-change/exec",
			.cbs = {
				.create = anycast_nb_noop_create,
				.destroy = anycast_nb_noop_destroy,
				.cli_show = anycast_onchange_cli_show,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/on-change/exec/command",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/on-change/exec/shell",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/on-change/exec/user",
			.cbs = {
				.modify = anycast_exec_leaf_modify,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/prefix-state",
			.cbs = {
				.get_elem = anycast_prefix_state_prefix_state_get_elem,
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
			.xpath = "/frr-anycastd:anycast/prefix/state/metric",
			.cbs = {
				.get_elem = anycast_prefix_state_metric_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/tag",
			.cbs = {
				.get_elem = anycast_prefix_state_tag_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/drain-state",
			.cbs = {
				.get_elem = anycast_prefix_state_drain_state_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/guard-state",
			.cbs = {
				.get_elem = anycast_prefix_state_guard_state_get_elem,
			},
		},
		{
			.xpath = "/frr-anycastd:anycast/prefix/state/drain-remaining",
			.cbs = {
				.get_elem = anycast_prefix_state_drain_remaining_get_elem,
			},
		},
		{
			.xpath = NULL,
		},
	}
};
/* clang-format on */
