// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound configuration callbacks: the single place where
 * configuration becomes state.
 */
#include <zebra.h>

#include "northbound.h"
#include "printfrr.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_health.h"
#include "anycast_nb.h"
#include "anycast_prefix.h"

static struct anycast_health *health_of(const struct lyd_node *dnode)
{
	return nb_running_get_entry(dnode, NULL, true);
}

static struct anycast_prefix *prefix_of(const struct lyd_node *dnode)
{
	return nb_running_get_entry(dnode, NULL, true);
}

/* /frr-anycastd:anycast/health */
int anycast_health_create(struct nb_cb_create_args *args)
{
	struct anycast_health *h;
	const char *name;

	if (args->event != NB_EV_APPLY)
		return NB_OK;
	name = yang_dnode_get_string(args->dnode, "./name");
	h = anycast_health_new(name);
	nb_running_set_entry(args->dnode, h);
	return NB_OK;
}

int anycast_health_destroy(struct nb_cb_destroy_args *args)
{
	struct anycast_health *h;

	if (args->event != NB_EV_APPLY)
		return NB_OK;
	h = nb_running_unset_entry(args->dnode);
	anycast_health_delete(h);
	return NB_OK;
}

void anycast_health_apply_finish(struct nb_cb_apply_finish_args *args)
{
	struct anycast_health *h = health_of(args->dnode);

	ANYCAST_DBG_NB("health %s: apply", h->name);
	anycast_probe_config_read(&h->probe,
				  yang_dnode_get(args->dnode, "./probe"));
	anycast_health_apply(h);
}

/*
 * /frr-anycastd:anycast/health/probe/<kind>[/<leaf>]: nothing to do per
 * node; anycast_health_apply_finish() reads the whole probe at once.
 */
int anycast_probe_kind_create(struct nb_cb_create_args *args)
{
	return NB_OK;
}

int anycast_probe_kind_destroy(struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

int anycast_probe_leaf_modify(struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int anycast_probe_leaf_destroy(struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

/* /frr-anycastd:anycast/health/{interval,timeout,rise,fall,shutdown} */
int anycast_health_interval_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->interval_ms =
		yang_dnode_get_uint32(args->dnode, NULL);
	return NB_OK;
}

int anycast_health_timeout_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->timeout_ms =
		yang_dnode_get_uint32(args->dnode, NULL);
	return NB_OK;
}

int anycast_health_timeout_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->timeout_ms = 0;
	return NB_OK;
}

int anycast_health_rise_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->params.rise =
		yang_dnode_get_uint8(args->dnode, NULL);
	return NB_OK;
}

int anycast_health_fall_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->params.fall =
		yang_dnode_get_uint8(args->dnode, NULL);
	return NB_OK;
}

int anycast_health_shutdown_modify(struct nb_cb_modify_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	health_of(args->dnode)->shutdown =
		yang_dnode_get_bool(args->dnode, NULL);
	return NB_OK;
}

/* /frr-anycastd:anycast/prefix */
int anycast_prefix_create(struct nb_cb_create_args *args)
{
	struct prefix p, masked;
	struct anycast_prefix *ap;

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
	ap = anycast_prefix_new(&p);
	nb_running_set_entry(args->dnode, ap);
	return NB_OK;
}

int anycast_prefix_destroy(struct nb_cb_destroy_args *args)
{
	struct anycast_prefix *ap;

	if (args->event != NB_EV_APPLY)
		return NB_OK;
	ap = nb_running_unset_entry(args->dnode);
	anycast_prefix_delete(ap);
	return NB_OK;
}

void anycast_prefix_apply_finish(struct nb_cb_apply_finish_args *args)
{
	struct anycast_prefix *ap = prefix_of(args->dnode);

	ANYCAST_DBG_NB("prefix %pFX: apply", &ap->p);
	anycast_prefix_evaluate(ap);
}

/* /frr-anycastd:anycast/prefix/track */
int anycast_prefix_track_create(struct nb_cb_create_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	anycast_prefix_track_add(prefix_of(args->dnode),
				 yang_dnode_get_string(args->dnode, NULL));
	return NB_OK;
}

int anycast_prefix_track_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	anycast_prefix_track_del(prefix_of(args->dnode),
				 yang_dnode_get_string(args->dnode, NULL));
	return NB_OK;
}
