// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound: callbacks of the frr-anycastd YANG module.
 * anycast_nb.c holds the xpath → callback table only, anycast_nb_config.c
 * the configuration callbacks (the single place where configuration
 * becomes state), anycast_nb_state.c the operational state.
 */
#ifndef _ANYCAST_NB_H
#define _ANYCAST_NB_H

#include "northbound.h"

extern const struct frr_yang_module_info frr_anycastd_info;

#define ANYCAST_XPATH "/frr-anycastd:anycast"
#define ANYCAST_HEALTH_XPATH ANYCAST_XPATH "/health[name='%s']"
#define ANYCAST_PREFIX_XPATH ANYCAST_XPATH "/prefix[prefix='%s']"

/* configuration */
int anycast_nb_noop_create(struct nb_cb_create_args *args);
int anycast_nb_noop_modify(struct nb_cb_modify_args *args);
int anycast_nb_noop_destroy(struct nb_cb_destroy_args *args);
/*
 * The leaves of a probe kind's container and of an on-change exec
 * container: on NB_EV_VALIDATE, the container they are in is validated as
 * a whole (anycast_probe_validate(), anycast_exec_validate()).
 */
int anycast_probe_leaf_modify(struct nb_cb_modify_args *args);
int anycast_exec_leaf_modify(struct nb_cb_modify_args *args);
int anycast_health_create(struct nb_cb_create_args *args);
int anycast_health_destroy(struct nb_cb_destroy_args *args);
void anycast_health_apply_finish(struct nb_cb_apply_finish_args *args);
int anycast_prefix_create(struct nb_cb_create_args *args);
int anycast_prefix_destroy(struct nb_cb_destroy_args *args);
void anycast_prefix_apply_finish(struct nb_cb_apply_finish_args *args);

/* operational state */
const void *anycast_health_get_next(struct nb_cb_get_next_args *args);
int anycast_health_get_keys(struct nb_cb_get_keys_args *args);
const void *anycast_health_lookup_entry(struct nb_cb_lookup_entry_args *args);
struct yang_data *
anycast_health_state_state_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_health_state_consecutive_ok_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *anycast_health_state_consecutive_fail_get_elem(
	struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_health_state_last_change_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_health_state_last_error_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_health_state_suppressed_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_health_state_penalty_get_elem(struct nb_cb_get_elem_args *args);
void anycast_health_dampening_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults);
const void *anycast_prefix_get_next(struct nb_cb_get_next_args *args);
int anycast_prefix_get_keys(struct nb_cb_get_keys_args *args);
const void *anycast_prefix_lookup_entry(struct nb_cb_lookup_entry_args *args);
struct yang_data *
anycast_prefix_state_prefix_state_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_prefix_state_announced_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_prefix_state_reason_get_elem(struct nb_cb_get_elem_args *args);

/* running configuration (anycast_vty.c) */
void anycast_cli_show(struct vty *vty, const struct lyd_node *dnode,
		      bool show_defaults);
void anycast_cli_show_end(struct vty *vty, const struct lyd_node *dnode);
void anycast_health_cli_show(struct vty *vty, const struct lyd_node *dnode,
			     bool show_defaults);
void anycast_health_cli_show_end(struct vty *vty, const struct lyd_node *dnode);
void anycast_probe_cli_show(struct vty *vty, const struct lyd_node *dnode,
			    bool show_defaults);
void anycast_health_interval_cli_show(struct vty *vty,
				      const struct lyd_node *dnode,
				      bool show_defaults);
void anycast_health_timeout_cli_show(struct vty *vty,
				     const struct lyd_node *dnode,
				     bool show_defaults);
void anycast_health_fast_interval_cli_show(struct vty *vty,
					   const struct lyd_node *dnode,
					   bool show_defaults);
void anycast_health_delay_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults);
void anycast_health_rise_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults);
void anycast_health_fall_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults);
void anycast_health_vrf_cli_show(struct vty *vty, const struct lyd_node *dnode,
				 bool show_defaults);
void anycast_health_shutdown_cli_show(struct vty *vty,
				      const struct lyd_node *dnode,
				      bool show_defaults);
void anycast_prefix_cli_show(struct vty *vty, const struct lyd_node *dnode,
			     bool show_defaults);
void anycast_prefix_cli_show_end(struct vty *vty, const struct lyd_node *dnode);
void anycast_prefix_policy_cli_show(struct vty *vty,
				    const struct lyd_node *dnode,
				    bool show_defaults);
void anycast_prefix_track_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults);

/* time as ISO 8601 UTC ("" when tv is zero) */
extern void anycast_time_str(const struct timeval *tv, char *buf, size_t len);

/* route attributes and drain */
int anycast_drain_modify(struct nb_cb_modify_args *args);
int anycast_maintenance_file_modify(struct nb_cb_modify_args *args);
int anycast_maintenance_file_destroy(struct nb_cb_destroy_args *args);
int anycast_shutdown_drain_modify(struct nb_cb_modify_args *args);
int anycast_shutdown_drain_destroy(struct nb_cb_destroy_args *args);
int anycast_gr_stale_time_modify(struct nb_cb_modify_args *args);
int anycast_gr_stale_time_destroy(struct nb_cb_destroy_args *args);
void anycast_gr_stale_time_cli_show(struct vty *vty,
				    const struct lyd_node *dnode,
				    bool show_defaults);
void anycast_drain_cli_show(struct vty *vty, const struct lyd_node *dnode,
			    bool show_defaults);
void anycast_maintenance_file_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults);
void anycast_shutdown_drain_cli_show(struct vty *vty,
				     const struct lyd_node *dnode,
				     bool show_defaults);
void anycast_prefix_leaf_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults);
void anycast_prefix_drain_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults);
void anycast_prefix_guard_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults);
struct yang_data *
anycast_prefix_state_guard_state_get_elem(struct nb_cb_get_elem_args *args);
void anycast_prefix_state_action_cli_show(struct vty *vty,
					  const struct lyd_node *dnode,
					  bool show_defaults);
struct yang_data *
anycast_prefix_state_metric_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_prefix_state_tag_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_prefix_state_drain_state_get_elem(struct nb_cb_get_elem_args *args);
struct yang_data *
anycast_prefix_state_drain_remaining_get_elem(struct nb_cb_get_elem_args *args);

/* probe-limit (anycast_probe_limit.c) */
int anycast_probe_limit_destroy(struct nb_cb_destroy_args *args);
int anycast_probe_limit_max_modify(struct nb_cb_modify_args *args);
void anycast_probe_limit_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults);

/* metrics (cli_show in anycast_metrics.c) */
int anycast_metrics_textfile_modify(struct nb_cb_modify_args *args);
int anycast_metrics_textfile_destroy(struct nb_cb_destroy_args *args);
int anycast_metrics_interval_modify(struct nb_cb_modify_args *args);
void anycast_metrics_textfile_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults);

#endif /* _ANYCAST_NB_H */
