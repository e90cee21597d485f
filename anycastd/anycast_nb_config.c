// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound configuration callbacks: the single place where
 * configuration becomes state.
 *
 * Health objects and prefixes are created and destroyed by their list
 * callbacks; everything under them is read as a whole by the list entry's
 * apply_finish callback (once per transaction, however many leaves
 * changed), so the per-leaf callbacks have nothing to do.
 */
#include <zebra.h>

#include "northbound.h"
#include "printfrr.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_drain.h"
#include "anycast_gr.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_metrics.h"
#include "anycast_nb.h"
#include "anycast_onchange.h"
#include "anycast_prefix.h"
#include "anycast_probe_exec.h"

/* nodes read by apply_finish */
int anycast_nb_noop_create(struct nb_cb_create_args *args)
{
	return NB_OK;
}

int anycast_nb_noop_modify(struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int anycast_nb_noop_destroy(struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

int anycast_probe_leaf_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_VALIDATE)
		return NB_OK;
	if (!anycast_probe_validate(lyd_parent(args->dnode), args->errmsg,
				    args->errmsg_len))
		return NB_ERR_VALIDATION;
	return NB_OK;
}

int anycast_exec_leaf_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_VALIDATE)
		return NB_OK;
	if (!anycast_exec_validate(lyd_parent(args->dnode), args->errmsg,
				   args->errmsg_len))
		return NB_ERR_VALIDATION;
	return NB_OK;
}

/*
 * The objects of list entries are found by their keys, not kept with
 * nb_running_set_entry(): libfrr's entry holds a 1 KB XPath buffer, 1 MB
 * for 1,000 objects (bench/memory, doc/benchmarks.md).
 */
static struct anycast_health *health_of(const struct lyd_node *dnode)
{
	struct anycast_health *h =
		anycast_health_find(yang_dnode_get_string(dnode, "./name"));

	assert(h);
	return h;
}

static struct anycast_prefix *prefix_of(const struct lyd_node *dnode)
{
	struct anycast_prefix *ap;
	struct prefix p;

	yang_dnode_get_prefix(&p, dnode, "./prefix");
	ap = anycast_prefix_find(&p);
	assert(ap);
	return ap;
}

/* /frr-anycastd:anycast/health */
int anycast_health_create(struct nb_cb_create_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	anycast_health_new(yang_dnode_get_string(args->dnode, "./name"));
	return NB_OK;
}

int anycast_health_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	anycast_health_delete(health_of(args->dnode));
	anycast_memory_trim_soon();
	return NB_OK;
}

static uint32_t opt_uint32(const struct lyd_node *dnode, const char *xpath)
{
	return yang_dnode_exists(dnode, xpath)
		       ? yang_dnode_get_uint32(dnode, "%s", xpath)
		       : 0;
}

void anycast_health_apply_finish(struct nb_cb_apply_finish_args *args)
{
	struct anycast_health *h = health_of(args->dnode);
	const struct lyd_node *dnode = args->dnode;
	struct anycast_probe_config probe;

	ANYCAST_DBG_NB("health %s: apply", h->name);
	anycast_memory_trim_soon();
	anycast_probe_config_read(&probe, yang_dnode_get(dnode, "./probe"));
	if (probe.type != ANYCAST_PROBE_NONE &&
	    yang_dnode_exists(dnode, "./vrf"))
		strlcpy(probe.vrf, yang_dnode_get_string(dnode, "./vrf"),
			sizeof(probe.vrf));
	anycast_health_set_probe(h, &probe);
	h->interval_ms = yang_dnode_get_uint32(dnode, "./interval");
	h->fast_interval_ms = opt_uint32(dnode, "./fast-interval");
	h->timeout_ms = opt_uint32(dnode, "./timeout");
	h->params.rise = yang_dnode_get_uint8(dnode, "./rise");
	h->params.fall = yang_dnode_get_uint8(dnode, "./fall");
	h->params.delay_up_ms = yang_dnode_get_uint32(dnode, "./delay-up");
	h->params.delay_down_ms = yang_dnode_get_uint32(dnode, "./delay-down");
	h->shutdown = yang_dnode_get_bool(dnode, "./shutdown");
	memset(&h->dampen_params, 0, sizeof(h->dampen_params));
	if (yang_dnode_exists(dnode, "./dampening")) {
		struct anycast_dampen_params *dp = &h->dampen_params;

		dp->enabled = true;
		dp->half_life_s =
			yang_dnode_get_uint32(dnode, "./dampening/half-life");
		dp->penalty =
			yang_dnode_get_uint32(dnode, "./dampening/penalty");
		dp->suppress =
			yang_dnode_get_uint32(dnode, "./dampening/suppress");
		dp->reuse = yang_dnode_get_uint32(dnode, "./dampening/reuse");
		dp->max_suppress_s = yang_dnode_get_uint32(
			dnode, "./dampening/max-suppress");
	}
	/* before apply: transitions it causes (shutdown) run the new hook */
	anycast_onchange_set(&h->onchange,
			     yang_dnode_get(dnode, "./on-change/exec"),
			     ANYCAST_ONCHANGE_HEALTH, h->name);
	anycast_health_apply(h);
}

/* /frr-anycastd:anycast/prefix */
int anycast_prefix_create(struct nb_cb_create_args *args)
{
	struct prefix p, masked;

	yang_dnode_get_prefix(&p, args->dnode, "./prefix");
	switch (args->event) {
	case NB_EV_VALIDATE:
		prefix_copy(&masked, &p);
		apply_mask(&masked);
		if (!prefix_same(&p, &masked)) {
			snprintfrr(args->errmsg, args->errmsg_len,
				   "prefix %pFX has host bits set (did you "
				   "mean %pFX?)",
				   &p, &masked);
			return NB_ERR_VALIDATION;
		}
		return NB_OK;
	case NB_EV_PREPARE:
	case NB_EV_ABORT:
		return NB_OK;
	case NB_EV_APPLY:
		break;
	}
	anycast_prefix_new(&p);
	return NB_OK;
}

int anycast_prefix_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	anycast_prefix_delete(prefix_of(args->dnode));
	anycast_memory_trim_soon();
	return NB_OK;
}

struct track_read {
	struct anycast_track t[ANYCAST_MAX_TRACKS];
	size_t n;
};

static int track_read_cb(const struct lyd_node *dnode, void *arg)
{
	struct track_read *tr = arg;
	struct anycast_track *t;

	if (tr->n >= ANYCAST_MAX_TRACKS)
		return YANG_ITER_STOP;
	t = &tr->t[tr->n++];
	strlcpy(t->name, yang_dnode_get_string(dnode, "./name"),
		sizeof(t->name));
	t->weight = yang_dnode_get_uint8(dnode, "./weight");
	t->negate = yang_dnode_get_bool(dnode, "./not");
	return YANG_ITER_CONTINUE;
}

/* metric and tag under dnode (a prefix, or its degraded/down container) */
static void attrs_read(struct anycast_attrs *a, const struct lyd_node *dnode)
{
	memset(a, 0, sizeof(*a));
	a->has_metric = yang_dnode_exists(dnode, "./metric");
	if (a->has_metric)
		a->metric = yang_dnode_get_uint32(dnode, "./metric");
	a->has_tag = yang_dnode_exists(dnode, "./tag");
	if (a->has_tag)
		a->tag = yang_dnode_get_uint32(dnode, "./tag");
}

static void announce_cfg_read(struct anycast_announce_cfg *cfg,
			      const struct lyd_node *dnode)
{
	anycast_announce_cfg_init(cfg);
	attrs_read(&cfg->up, dnode);
	cfg->degraded_withdraw = strmatch(
		yang_dnode_get_string(dnode, "./degraded/action"), "withdraw");
	attrs_read(&cfg->degraded, yang_dnode_get(dnode, "./degraded"));
	cfg->down_advertise = strmatch(
		yang_dnode_get_string(dnode, "./down/action"), "advertise");
	attrs_read(&cfg->down, yang_dnode_get(dnode, "./down"));
	cfg->drain_tag = yang_dnode_get_uint32(dnode, "./drain-tag");
	cfg->drain_time_s = yang_dnode_get_uint32(dnode, "./drain-time");
	cfg->guard = yang_dnode_exists(dnode, "./last-site-guard");
	if (cfg->guard)
		cfg->guard_tag =
			yang_dnode_get_uint32(dnode, "./last-site-guard/tag");
}

void anycast_prefix_apply_finish(struct nb_cb_apply_finish_args *args)
{
	struct anycast_prefix *ap = prefix_of(args->dnode);
	const struct lyd_node *dnode = args->dnode;
	struct track_read tr = {.n = 0};
	const char *policy;
	char name[PREFIX_STRLEN];

	ANYCAST_DBG_NB("prefix %pFX: apply", &ap->p);
	anycast_memory_trim_soon();
	snprintfrr(name, sizeof(name), "%pFX", &ap->p);
	anycast_onchange_set(&ap->onchange,
			     yang_dnode_get(dnode, "./on-change/exec"),
			     ANYCAST_ONCHANGE_PREFIX, name);
	yang_dnode_iterate(track_read_cb, &tr, dnode, "./track");
	anycast_prefix_set_tracks(ap, tr.t, tr.n);

	memset(&ap->policy, 0, sizeof(ap->policy));
	policy = yang_dnode_get_string(dnode, "./policy");
	if (strmatch(policy, "any")) {
		ap->policy.type = ANYCAST_POLICY_ANY;
	} else if (strmatch(policy, "at-least")) {
		ap->policy.type = ANYCAST_POLICY_AT_LEAST;
		ap->policy.at_least = yang_dnode_get_uint8(dnode, "./at-least");
	} else if (strmatch(policy, "weight")) {
		ap->policy.type = ANYCAST_POLICY_WEIGHT;
		ap->policy.weight_up =
			yang_dnode_get_uint32(dnode, "./weight-up");
		ap->policy.weight_down =
			yang_dnode_get_uint32(dnode, "./weight-down");
	} else {
		ap->policy.type = ANYCAST_POLICY_ALL;
	}
	announce_cfg_read(&ap->announce_cfg, dnode);
	ap->drain = yang_dnode_get_bool(dnode, "./drain");
	/* a new VRF moves the route there (anycast_prefix_evaluate) */
	strlcpy(ap->vrf, yang_dnode_get_string(dnode, "./vrf"),
		sizeof(ap->vrf));
	anycast_prefix_evaluate(ap);
}

/* /frr-anycastd:anycast/drain, maintenance-file, shutdown-drain */
int anycast_drain_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_prefix_drain_all(
			ANYCAST_DRAIN_SRC_CONFIG,
			yang_dnode_get_bool(args->dnode, NULL));
	return NB_OK;
}

int anycast_maintenance_file_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_drain_maintenance_file(
			yang_dnode_get_string(args->dnode, NULL));
	return NB_OK;
}

int anycast_maintenance_file_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_drain_maintenance_file(NULL);
	return NB_OK;
}

int anycast_shutdown_drain_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_drain_shutdown_time(
			yang_dnode_get_uint32(args->dnode, NULL));
	return NB_OK;
}

int anycast_shutdown_drain_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_drain_shutdown_time(0);
	return NB_OK;
}

/* /frr-anycastd:anycast/graceful-restart/stale-time */
int anycast_gr_stale_time_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_gr_stale_time_set(
			yang_dnode_get_uint32(args->dnode, NULL));
	return NB_OK;
}

int anycast_gr_stale_time_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_gr_stale_time_set(0);
	return NB_OK;
}

/*
 * /frr-anycastd:anycast/metrics: the textfile (validated here too, for
 * northbound clients other than the CLI) and its interval, applied
 * together.
 */
static void metrics_apply(const struct lyd_node *metrics)
{
	if (yang_dnode_exists(metrics, "./textfile"))
		anycast_metrics_textfile(
			yang_dnode_get_string(metrics, "./textfile"),
			yang_dnode_get_uint32(metrics, "./interval"));
	else
		anycast_metrics_textfile(NULL, 0);
}

int anycast_metrics_textfile_modify(struct nb_cb_modify_args *args)
{
	switch (args->event) {
	case NB_EV_VALIDATE:
		if (!anycast_metrics_path_ok(
			    yang_dnode_get_string(args->dnode, NULL),
			    args->errmsg, args->errmsg_len))
			return NB_ERR_VALIDATION;
		break;
	case NB_EV_APPLY:
		metrics_apply(lyd_parent(args->dnode));
		break;
	default:
		break;
	}
	return NB_OK;
}

int anycast_metrics_textfile_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		anycast_metrics_textfile(NULL, 0);
	return NB_OK;
}

int anycast_metrics_interval_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		metrics_apply(lyd_parent(args->dnode));
	return NB_OK;
}
