// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd northbound operational state (config false nodes).
 */
#include <zebra.h>

#include "northbound.h"
#include "printfrr.h"
#include "yang.h"

#include "anycast_health.h"
#include "anycast_nb.h"
#include "anycast_prefix.h"

void anycast_time_str(const struct timeval *tv, char *buf, size_t len)
{
	struct tm tm;
	time_t t = tv->tv_sec;

	if (!tv->tv_sec) {
		buf[0] = '\0';
		return;
	}
	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (long)tv->tv_usec / 1000);
}

/*
 * FRR 8.4's nb_oper_data_iterate() looks list entries up from the node that
 * lyd_new_path() returns; with libyang 2 that is the first node created
 * (the top container), not the last, so for a path below a list entry
 * (`show yang operational-data /frr-anycastd:anycast/health[name='x']/state`)
 * it finds no entry and calls get_elem with list_entry NULL.  The xpath
 * still names the entry: take its key from there.
 */
static bool xpath_key(const char *xpath, const char *step, char *buf,
		      size_t len)
{
	const char *s = strstr(xpath, step);
	const char *e;
	char q;

	if (!s)
		return false;
	s += strlen(step);
	q = *s++;
	if (q != '\'' && q != '"')
		return false;
	e = strchr(s, q);
	if (!e || (size_t)(e - s) >= len)
		return false;
	memcpy(buf, s, e - s);
	buf[e - s] = '\0';
	return true;
}

static const struct anycast_health *
health_entry(const struct nb_cb_get_elem_args *args)
{
	char name[XPATH_MAXLEN];

	if (args->list_entry)
		return args->list_entry;
	if (!xpath_key(args->xpath, "/health[name=", name, sizeof(name)))
		return NULL;
	return anycast_health_find(name);
}

static const struct anycast_prefix *
prefix_entry(const struct nb_cb_get_elem_args *args)
{
	char key[XPATH_MAXLEN];
	struct prefix p;

	if (args->list_entry)
		return args->list_entry;
	if (!xpath_key(args->xpath, "/prefix[prefix=", key, sizeof(key)) ||
	    !str2prefix(key, &p))
		return NULL;
	return anycast_prefix_find(&p);
}

/* /frr-anycastd:anycast/health */
const void *anycast_health_get_next(struct nb_cb_get_next_args *args)
{
	const struct anycast_health *h = args->list_entry;

	if (!h)
		return anycast_health_tree_const_first(&anycast_healths);
	return anycast_health_tree_const_next(&anycast_healths, h);
}

int anycast_health_get_keys(struct nb_cb_get_keys_args *args)
{
	const struct anycast_health *h = args->list_entry;

	args->keys->num = 1;
	strlcpy(args->keys->key[0], h->name, sizeof(args->keys->key[0]));
	return NB_OK;
}

const void *anycast_health_lookup_entry(struct nb_cb_lookup_entry_args *args)
{
	return anycast_health_find(args->keys->key[0]);
}

struct yang_data *
anycast_health_state_state_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	/* yang_data_new_enum() aborts on FRR 8.4 + libyang 2.1 */
	return yang_data_new(args->xpath, anycast_fsm_state_name(h->fsm.state));
}

struct yang_data *
anycast_health_state_consecutive_ok_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	return yang_data_new_uint32(args->xpath, h->fsm.ok_count);
}

struct yang_data *
anycast_health_state_consecutive_fail_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	return yang_data_new_uint32(args->xpath, h->fsm.fail_count);
}

struct yang_data *
anycast_health_state_last_change_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;
	char buf[64];

	anycast_time_str(&h->last_change, buf, sizeof(buf));
	return yang_data_new_string(args->xpath, buf);
}

struct yang_data *
anycast_health_state_last_error_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	return yang_data_new_string(args->xpath, h->last_error);
}

struct yang_data *
anycast_health_state_suppressed_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	return yang_data_new_bool(args->xpath, h->dampen.suppressed);
}

struct yang_data *
anycast_health_state_penalty_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_health *h = health_entry(args);

	if (!h)
		return NULL;

	return yang_data_new_uint32(args->xpath, (uint32_t)h->dampen.penalty);
}

/* /frr-anycastd:anycast/prefix */
const void *anycast_prefix_get_next(struct nb_cb_get_next_args *args)
{
	const struct anycast_prefix *ap = args->list_entry;

	if (!ap)
		return anycast_prefix_tree_const_first(&anycast_prefixes);
	return anycast_prefix_tree_const_next(&anycast_prefixes, ap);
}

int anycast_prefix_get_keys(struct nb_cb_get_keys_args *args)
{
	const struct anycast_prefix *ap = args->list_entry;

	args->keys->num = 1;
	snprintfrr(args->keys->key[0], sizeof(args->keys->key[0]), "%pFX",
		   &ap->p);
	return NB_OK;
}

const void *anycast_prefix_lookup_entry(struct nb_cb_lookup_entry_args *args)
{
	struct prefix p;

	if (!str2prefix(args->keys->key[0], &p))
		return NULL;
	return anycast_prefix_find(&p);
}

struct yang_data *
anycast_prefix_state_prefix_state_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	return yang_data_new(args->xpath, anycast_prefix_state_name(ap->state));
}

struct yang_data *
anycast_prefix_state_announced_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	return yang_data_new_bool(args->xpath, ap->announce);
}

struct yang_data *
anycast_prefix_state_reason_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	return yang_data_new_string(args->xpath, ap->reason);
}

struct yang_data *
anycast_prefix_state_metric_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	if (!ap->announce || !ap->route.has_metric)
		return NULL;
	return yang_data_new_uint32(args->xpath, ap->route.metric);
}

struct yang_data *
anycast_prefix_state_tag_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	if (!ap->announce || !ap->route.has_tag)
		return NULL;
	return yang_data_new_uint32(args->xpath, ap->route.tag);
}

struct yang_data *
anycast_prefix_state_drain_state_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	return yang_data_new_enum(args->xpath, ap->drain_state);
}

struct yang_data *
anycast_prefix_state_drain_remaining_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	if (ap->drain_state != ANYCAST_DRAIN_DRAINING)
		return NULL;
	return yang_data_new_uint32(args->xpath,
				    anycast_prefix_drain_remaining(ap));
}

struct yang_data *
anycast_prefix_state_guard_state_get_elem(struct nb_cb_get_elem_args *args)
{
	const struct anycast_prefix *ap = prefix_entry(args);

	if (!ap)
		return NULL;

	return yang_data_new_enum(args->xpath, anycast_prefix_guard_state(ap));
}
