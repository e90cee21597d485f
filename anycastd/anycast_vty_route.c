// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd CLI for what a prefix's state does with its route: per-state
 * metric and tag, withdraw or advertise, and drain.
 *
 *   anycast
 *    drain
 *    maintenance-file PATH
 *    shutdown-drain (1-3600)
 *    graceful-restart stale-time (1-600)
 *    prefix PREFIX
 *     metric (0-4294967295)
 *     tag (1-4294967295)
 *     degraded <withdraw|advertise [metric M] [tag T]>
 *     down <withdraw|advertise [metric M] [tag T]>
 *     drain-tag (1-4294967295)
 *     drain-time (0-86400)
 *     drain
 *     vrf NAME
 */
#include <zebra.h>

#include "command.h"
#include "northbound_cli.h"
#include "vty.h"
#include "yang.h"

#include "anycast_nb.h"
#include "anycast_nodes.h"
#include "anycast_vty.h"

#ifndef VTYSH_EXTRACT_PL
#include "anycast_vty_route_clippy.c"
#endif

#define METRIC_STR "Route metric (bgpd: MED)\nMetric\n"
#define TAG_STR "Route tag (bgpd: match tag)\nTag\n"

/* ---------------------------------------------------------------------- */
/* anycast node                                                           */

DEFPY_YANG(anycast_drain_all, anycast_drain_all_cmd, "[no] drain",
	   NO_STR
	   "Drain every prefix: drain tag for its drain-time, then withdraw\n")
{
	nb_cli_enqueue_change(vty, "./drain", NB_OP_MODIFY,
			      no ? "false" : "true");
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(anycast_maintenance_file, anycast_maintenance_file_cmd,
	   "maintenance-file PATH",
	   "Drain every prefix while a file exists\n"
	   "Absolute path of the file\n")
{
	if (path[0] != '/' || strlen(path) < 2 || strlen(path) > 1023) {
		vty_out(vty, "%% The maintenance file needs an absolute path "
			     "(2-1023 characters)\n");
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, "./maintenance-file", NB_OP_MODIFY, path);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_anycast_maintenance_file, no_anycast_maintenance_file_cmd,
	   "no maintenance-file [PATH]",
	   NO_STR "Drain every prefix while a file exists\n"
		  "Absolute path of the file\n")
{
	nb_cli_enqueue_change(vty, "./maintenance-file", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(anycast_shutdown_drain, anycast_shutdown_drain_cmd,
	   "shutdown-drain (1-3600)$s",
	   "On a clean stop, drain every prefix first\n"
	   "At most this many seconds, then withdraw and exit\n")
{
	nb_cli_enqueue_change(vty, "./shutdown-drain", NB_OP_MODIFY, s_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_anycast_shutdown_drain, no_anycast_shutdown_drain_cmd,
	   "no shutdown-drain [(1-3600)]",
	   NO_STR "On a clean stop, drain every prefix first\n"
		  "Seconds\n")
{
	nb_cli_enqueue_change(vty, "./shutdown-drain", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

#define GR_STR "Graceful restart towards zebra\n"
#define GR_STALE_STR                                                           \
	"How long zebra keeps anycastd's routes when it dies without a clean " \
	"stop\n"                                                               \
	"Seconds\n"

DEFPY_YANG(anycast_gr_stale_time, anycast_gr_stale_time_cmd,
	   "graceful-restart stale-time (1-600)$s", GR_STR GR_STALE_STR)
{
	nb_cli_enqueue_change(vty, "./graceful-restart/stale-time",
			      NB_OP_MODIFY, s_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_anycast_gr_stale_time, no_anycast_gr_stale_time_cmd,
	   "no graceful-restart [stale-time [(1-600)]]",
	   NO_STR GR_STR GR_STALE_STR)
{
	nb_cli_enqueue_change(vty, "./graceful-restart/stale-time",
			      NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ---------------------------------------------------------------------- */
/* prefix node                                                            */

DEFPY_YANG(prefix_metric, prefix_metric_cmd, "metric (0-4294967295)$m",
	   METRIC_STR)
{
	nb_cli_enqueue_change(vty, "./metric", NB_OP_MODIFY, m_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_metric, no_prefix_metric_cmd, "no metric [(0-4294967295)]",
	   NO_STR METRIC_STR)
{
	nb_cli_enqueue_change(vty, "./metric", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(prefix_tag, prefix_tag_cmd, "tag (1-4294967295)$t", TAG_STR)
{
	nb_cli_enqueue_change(vty, "./tag", NB_OP_MODIFY, t_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_tag, no_prefix_tag_cmd, "no tag [(1-4294967295)]",
	   NO_STR TAG_STR)
{
	nb_cli_enqueue_change(vty, "./tag", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * `degraded …` / `down …` (state: the container's name); action NULL:
 * back to the default.
 */
static int state_action(struct vty *vty, const char *state, const char *action,
			const char *metric, const char *tag)
{
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "./%s/action", state);
	nb_cli_enqueue_change(vty, xpath, action ? NB_OP_MODIFY : NB_OP_DESTROY,
			      action);
	snprintf(xpath, sizeof(xpath), "./%s/metric", state);
	nb_cli_enqueue_change(vty, xpath, metric ? NB_OP_MODIFY : NB_OP_DESTROY,
			      metric);
	snprintf(xpath, sizeof(xpath), "./%s/tag", state);
	nb_cli_enqueue_change(vty, xpath, tag ? NB_OP_MODIFY : NB_OP_DESTROY,
			      tag);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(prefix_state_action, prefix_state_action_cmd,
	   "<degraded|down>$state <withdraw$wd|advertise [metric "
	   "(0-4294967295)$m] [tag (1-4294967295)$t]>",
	   "While the prefix is degraded (default: advertise)\n"
	   "While the prefix is down (default: withdraw)\n"
	   "Withdraw the route\n"
	   "Advertise the route\n" METRIC_STR TAG_STR)
{
	return state_action(vty, state, wd ? "withdraw" : "advertise", m_str,
			    t_str);
}

DEFPY_YANG(no_prefix_state_action, no_prefix_state_action_cmd,
	   "no <degraded|down>$state",
	   NO_STR "While the prefix is degraded (default: advertise)\n"
		  "While the prefix is down (default: withdraw)\n")
{
	return state_action(vty, state, NULL, NULL, NULL);
}

/* `no` + the whole line (frr-reload.py); no varargs inside an option */
ALIAS_YANG(no_prefix_state_action, no_prefix_state_action_line_cmd,
	   "no <degraded|down>$state LINE...",
	   NO_STR "While the prefix is degraded (default: advertise)\n"
		  "While the prefix is down (default: withdraw)\n"
		  "Ignored\n")

DEFPY_YANG(prefix_drain_tag, prefix_drain_tag_cmd, "drain-tag (1-4294967295)$t",
	   "Route tag while draining (default 65535)\n"
	   "Tag\n")
{
	nb_cli_enqueue_change(vty, "./drain-tag", NB_OP_MODIFY, t_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_drain_tag, no_prefix_drain_tag_cmd,
	   "no drain-tag [(1-4294967295)]",
	   NO_STR "Route tag while draining (default 65535)\n"
		  "Tag\n")
{
	nb_cli_enqueue_change(vty, "./drain-tag", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(prefix_drain_time, prefix_drain_time_cmd, "drain-time (0-86400)$s",
	   "How long a drain announces with the drain tag (default 60)\n"
	   "Seconds, then the route is withdrawn\n")
{
	nb_cli_enqueue_change(vty, "./drain-time", NB_OP_MODIFY, s_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_drain_time, no_prefix_drain_time_cmd,
	   "no drain-time [(0-86400)]",
	   NO_STR "How long a drain announces with the drain tag (default 60)\n"
		  "Seconds\n")
{
	nb_cli_enqueue_change(vty, "./drain-time", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(prefix_drain, prefix_drain_cmd, "[no] drain",
	   NO_STR
	   "Drain this prefix: drain tag for drain-time, then withdraw\n")
{
	nb_cli_enqueue_change(vty, "./drain", NB_OP_MODIFY,
			      no ? "false" : "true");
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(prefix_last_site_guard, prefix_last_site_guard_cmd,
	   "last-site-guard [tag (1-4294967295)$t]",
	   "Keep announcing while no other path to the prefix exists\n"
	   "Route tag of the guarded route (default 65534)\n"
	   "Tag\n")
{
	nb_cli_enqueue_change(vty, "./last-site-guard", NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./last-site-guard/tag",
			      t_str ? NB_OP_MODIFY : NB_OP_DESTROY, t_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_last_site_guard, no_prefix_last_site_guard_cmd,
	   "no last-site-guard [tag (1-4294967295)]",
	   NO_STR "Keep announcing while no other path to the prefix exists\n"
		  "Route tag of the guarded route\n"
		  "Tag\n")
{
	nb_cli_enqueue_change(vty, "./last-site-guard", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

#define VRF_CMD_STR "VRF whose table gets the route (default: default)\n"

DEFPY_YANG(prefix_vrf, prefix_vrf_cmd, "vrf NAME$name",
	   VRF_CMD_STR "VRF name (need not exist yet)\n")
{
	nb_cli_enqueue_change(vty, "./vrf", NB_OP_MODIFY, name);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_vrf, no_prefix_vrf_cmd, "no vrf [NAME]",
	   NO_STR VRF_CMD_STR "VRF name\n")
{
	nb_cli_enqueue_change(vty, "./vrf", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ---------------------------------------------------------------------- */
/* running configuration                                                  */

void anycast_drain_cli_show(struct vty *vty, const struct lyd_node *dnode,
			    bool show_defaults)
{
	if (yang_dnode_get_bool(dnode, NULL))
		vty_out(vty, " drain\n");
}

void anycast_maintenance_file_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults)
{
	vty_out(vty, " maintenance-file %s\n",
		yang_dnode_get_string(dnode, NULL));
}

void anycast_shutdown_drain_cli_show(struct vty *vty,
				     const struct lyd_node *dnode,
				     bool show_defaults)
{
	vty_out(vty, " shutdown-drain %u\n",
		yang_dnode_get_uint32(dnode, NULL));
}

void anycast_gr_stale_time_cli_show(struct vty *vty,
				    const struct lyd_node *dnode,
				    bool show_defaults)
{
	vty_out(vty, " graceful-restart stale-time %u\n",
		yang_dnode_get_uint32(dnode, NULL));
}

/* prefix leaves printed as `  NAME VALUE` (metric, tag, drain-tag, …) */
void anycast_prefix_leaf_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults)
{
	if (!show_defaults && yang_dnode_is_default(dnode, NULL))
		return;
	vty_out(vty, "  %s %s\n", dnode->schema->name,
		yang_dnode_get_string(dnode, NULL));
}

void anycast_prefix_drain_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults)
{
	if (yang_dnode_get_bool(dnode, NULL))
		vty_out(vty, "  drain\n");
}

/* the degraded/down container: one line when not the default */
void anycast_prefix_state_action_cli_show(struct vty *vty,
					  const struct lyd_node *dnode,
					  bool show_defaults)
{
	const char *state = dnode->schema->name;
	const char *action = yang_dnode_get_string(dnode, "./action");

	if (!show_defaults && yang_dnode_is_default(dnode, "./action") &&
	    !yang_dnode_exists(dnode, "./metric") &&
	    !yang_dnode_exists(dnode, "./tag"))
		return;
	vty_out(vty, "  %s %s", state, action);
	if (yang_dnode_exists(dnode, "./metric"))
		vty_out(vty, " metric %s",
			yang_dnode_get_string(dnode, "./metric"));
	if (yang_dnode_exists(dnode, "./tag"))
		vty_out(vty, " tag %s", yang_dnode_get_string(dnode, "./tag"));
	vty_out(vty, "\n");
}

void anycast_prefix_guard_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults)
{
	vty_out(vty, "  last-site-guard");
	if (show_defaults || !yang_dnode_is_default(dnode, "./tag"))
		vty_out(vty, " tag %s", yang_dnode_get_string(dnode, "./tag"));
	vty_out(vty, "\n");
}

void anycast_vty_route_init(void)
{
	install_element(ANYCAST_NODE, &anycast_drain_all_cmd);
	install_element(ANYCAST_NODE, &anycast_maintenance_file_cmd);
	install_element(ANYCAST_NODE, &no_anycast_maintenance_file_cmd);
	install_element(ANYCAST_NODE, &anycast_shutdown_drain_cmd);
	install_element(ANYCAST_NODE, &no_anycast_shutdown_drain_cmd);
	install_element(ANYCAST_NODE, &anycast_gr_stale_time_cmd);
	install_element(ANYCAST_NODE, &no_anycast_gr_stale_time_cmd);

	install_element(ANYCAST_PREFIX_NODE, &prefix_metric_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_metric_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_tag_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_tag_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_state_action_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_state_action_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_state_action_line_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_drain_tag_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_drain_tag_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_drain_time_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_drain_time_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_drain_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_last_site_guard_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_last_site_guard_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_vrf_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_vrf_cmd);
}
