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
	XFREE(MTYPE_ANYCAST_TRACK, ap->tracks);
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

static ssize_t track_index(const struct anycast_prefix *ap, const char *name)
{
	for (size_t i = 0; i < ap->ntracks; i++)
		if (strcmp(ap->tracks[i], name) == 0)
			return i;
	return -1;
}

void anycast_prefix_track_add(struct anycast_prefix *ap, const char *name)
{
	size_t i;

	if (track_index(ap, name) >= 0)
		return;
	ap->tracks = XREALLOC(MTYPE_ANYCAST_TRACK, ap->tracks,
			      (ap->ntracks + 1) * sizeof(*ap->tracks));
	/* keep sorted, as the running config shows them */
	for (i = ap->ntracks; i > 0 && strcmp(ap->tracks[i - 1], name) > 0; i--)
		memcpy(ap->tracks[i], ap->tracks[i - 1], sizeof(ap->tracks[i]));
	strlcpy(ap->tracks[i], name, sizeof(ap->tracks[i]));
	ap->ntracks++;
}

void anycast_prefix_track_del(struct anycast_prefix *ap, const char *name)
{
	ssize_t i = track_index(ap, name);

	if (i < 0)
		return;
	memmove(ap->tracks[i], ap->tracks[i + 1],
		(ap->ntracks - i - 1) * sizeof(*ap->tracks));
	ap->ntracks--;
}

void anycast_prefix_evaluate(struct anycast_prefix *ap)
{
	struct anycast_policy_input in[ANYCAST_MAX_TRACKS];
	struct anycast_policy_result res;
	size_t n = MIN(ap->ntracks, ANYCAST_MAX_TRACKS);

	for (size_t i = 0; i < n; i++) {
		struct anycast_health *h = anycast_health_find(ap->tracks[i]);

		in[i].name = ap->tracks[i];
		in[i].exists = h != NULL;
		in[i].state = h ? h->fsm.state : ANYCAST_HS_INIT;
	}
	anycast_policy_all(in, n, &res);
	strlcpy(ap->reason, res.reason, sizeof(ap->reason));
	if (res.announce == ap->announce)
		return;

	ap->announce = res.announce;
	ap->transitions++;
	gettimeofday(&ap->last_change, NULL);
	zlog_info("prefix %pFX: %s (%s)", &ap->p,
		  ap->announce ? "announce" : "withdraw", ap->reason);
	anycast_zebra_route_update(&ap->p, ap->announce);
}

static int prefix_health_changed(struct anycast_health *h)
{
	struct anycast_prefix *ap;

	frr_each (anycast_prefix_tree, &anycast_prefixes, ap)
		if (track_index(ap, h->name) >= 0)
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
