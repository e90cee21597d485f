// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd prefixes and their decisions.
 */
#include <zebra.h>

#include "memory.h"
#include "printfrr.h"

#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_policy.h"
#include "anycast_prefix.h"
#include "anycast_zebra.h"

struct anycast_prefix_tree_head anycast_prefixes;

struct anycast_prefix *anycast_prefix_find(const struct prefix *p)
{
	struct anycast_prefix key;

	prefix_copy(&key.p, p);
	return anycast_prefix_tree_find(&anycast_prefixes, &key);
}

struct anycast_prefix *anycast_prefix_new(const struct prefix *p)
{
	struct anycast_prefix *ap;

	ap = XCALLOC(MTYPE_ANYCAST_PREFIX, sizeof(*ap));
	prefix_copy(&ap->p, p);
	apply_mask(&ap->p);
	anycast_prefix_tree_add(&anycast_prefixes, ap);
	anycast_prefix_evaluate(ap);
	return ap;
}

static void prefix_obj_free(struct anycast_prefix *ap)
{
	anycast_onchange_free(&ap->onchange);
	XFREE(MTYPE_ANYCAST_TRACK, ap->tracks);
	XFREE(MTYPE_ANYCAST_HISTORY, ap->history);
	XFREE(MTYPE_ANYCAST_PREFIX, ap);
}

void anycast_prefix_delete(struct anycast_prefix *ap)
{
	if (ap->announce)
		anycast_zebra_route_update(&ap->p, false);
	ANYCAST_DBG_PREFIX("%pFX: deleted", &ap->p);
	anycast_prefix_tree_del(&anycast_prefixes, ap);
	prefix_obj_free(ap);
}

static int track_cmp(const void *a, const void *b)
{
	return strcmp(((const struct anycast_track *)a)->name,
		      ((const struct anycast_track *)b)->name);
}

void anycast_prefix_set_tracks(struct anycast_prefix *ap,
			       const struct anycast_track *tracks, size_t n)
{
	XFREE(MTYPE_ANYCAST_TRACK, ap->tracks);
	ap->ntracks = 0;
	if (!n)
		return;
	ap->tracks = XCALLOC(MTYPE_ANYCAST_TRACK, n * sizeof(*ap->tracks));
	memcpy(ap->tracks, tracks, n * sizeof(*ap->tracks));
	ap->ntracks = n;
	qsort(ap->tracks, n, sizeof(*ap->tracks), track_cmp);
}

const struct anycast_track *
anycast_prefix_track_find(const struct anycast_prefix *ap, const char *name)
{
	struct anycast_track key;

	strlcpy(key.name, name, sizeof(key.name));
	return bsearch(&key, ap->tracks, ap->ntracks, sizeof(*ap->tracks),
		       track_cmp);
}

void anycast_prefix_evaluate(struct anycast_prefix *ap)
{
	struct anycast_policy_input in[ANYCAST_MAX_TRACKS];
	struct anycast_policy_result res;
	size_t n = MIN(ap->ntracks, ANYCAST_MAX_TRACKS);
	enum anycast_prefix_state old = ap->state;
	bool announce;

	for (size_t i = 0; i < n; i++) {
		struct anycast_health *h =
			anycast_health_find(ap->tracks[i].name);

		in[i].name = ap->tracks[i].name;
		in[i].exists = h != NULL;
		in[i].state = h ? h->fsm.state : ANYCAST_HS_INIT;
		in[i].suppressed = h && h->dampen.suppressed;
		in[i].negate = ap->tracks[i].negate;
		in[i].weight = ap->tracks[i].weight;
	}
	anycast_policy_eval(&ap->policy, in, n, ap->state, &res);
	strlcpy(ap->reason, res.reason, sizeof(ap->reason));
	ap->state = res.state;
	announce = res.state != ANYCAST_PS_DOWN;

	if (old != ap->state) {
		gettimeofday(&ap->last_change, NULL);
		ap->transitions++;
		if (!ap->history)
			ap->history = XCALLOC(MTYPE_ANYCAST_HISTORY,
					      sizeof(*ap->history));
		anycast_history_add(ap->history, &ap->last_change,
				    anycast_prefix_state_name(old),
				    anycast_prefix_state_name(ap->state),
				    ap->reason);
		zlog_info("prefix %pFX: %s -> %s (%s)", &ap->p,
			  anycast_prefix_state_name(old),
			  anycast_prefix_state_name(ap->state), ap->reason);
		anycast_onchange_notify(
			ap->onchange, anycast_prefix_state_name(old),
			anycast_prefix_state_name(ap->state), ap->reason);
	}
	if (announce == ap->announce)
		return;
	ap->announce = announce;
	ANYCAST_DBG_PREFIX("%pFX: %s", &ap->p,
			   announce ? "announce" : "withdraw");
	anycast_zebra_route_update(&ap->p, ap->announce);
}

static int prefix_health_changed(struct anycast_health *h)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap)
		if (anycast_prefix_track_find(ap, h->name))
			anycast_prefix_evaluate(ap);
	return 0;
}

void anycast_prefix_withdraw_all(void)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (!ap->announce)
			continue;
		ap->announce = false;
		ap->state = ANYCAST_PS_DOWN;
		strlcpy(ap->reason, "anycastd is shutting down",
			sizeof(ap->reason));
		anycast_zebra_route_update(&ap->p, false);
	}
}

void anycast_prefix_init(void)
{
	anycast_prefix_tree_init(&anycast_prefixes);
	hook_register(anycast_health_changed, prefix_health_changed);
}

void anycast_prefix_terminate(void)
{
	struct anycast_prefix *ap;

	hook_unregister(anycast_health_changed, prefix_health_changed);
	while ((ap = anycast_prefix_tree_pop(&anycast_prefixes)))
		prefix_obj_free(ap);
	anycast_prefix_tree_fini(&anycast_prefixes);
}
