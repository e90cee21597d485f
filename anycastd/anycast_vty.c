// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd CLI.  Configuration commands only enqueue northbound changes;
 * the running configuration is written by the cli_show callbacks; show
 * commands read the objects (text and JSON from the same data).
 */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "northbound_cli.h"
#include "prefix.h"
#include "sockunion.h"
#include "printfrr.h"
#include "vty.h"

#include "anycast_frr.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_metrics.h"
#include "anycast_nb.h"
#include "anycast_nodes.h"
#include "anycast_onchange.h"
#include "anycast_prefix.h"
#include "anycast_probe_limit.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

#ifndef VTYSH_EXTRACT_PL
#include "anycast_vty_clippy.c"
#endif

#define HEALTH_STR "Health object\n"
#define HEALTH_NAME_STR "Name of the health object\n"
#define PREFIX_STR_V4 "IPv4 anycast prefix\n"
#define PREFIX_STR_V6 "IPv6 anycast prefix\n"

/* ---------------------------------------------------------------------- */
/* anycast node                                                           */

DEFPY_YANG_NOSH(anycast, anycast_cmd, "anycast", ANYCAST_STR)
{
	int ret;

	nb_cli_enqueue_change(vty, ANYCAST_XPATH, NB_OP_CREATE, NULL);
	ret = nb_cli_apply_changes(vty, NULL);
	if (ret == CMD_SUCCESS)
		VTY_PUSH_XPATH(ANYCAST_NODE, ANYCAST_XPATH);
	return ret;
}

/*
 * Health object names as the YANG type health-name allows them; checked
 * here too because classic CLI mode reports a failed edit as success.
 */
static bool health_name_ok(struct vty *vty, const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= ANYCAST_NAME_LEN ||
	    !isalnum((unsigned char)name[0]))
		goto bad;
	for (size_t i = 1; i < len; i++)
		if (!isalnum((unsigned char)name[i]) &&
		    !strchr("_.:-", name[i]))
			goto bad;
	return true;
bad:
	vty_out(vty,
		"%% Invalid health object name '%s': 1-%d characters, letters, "
		"digits and _.:- starting with a letter or digit\n",
		name, ANYCAST_NAME_LEN - 1);
	return false;
}

DEFPY_YANG_NOSH(anycast_health, anycast_health_cmd, "health WORD$name",
		HEALTH_STR HEALTH_NAME_STR)
{
	char xpath[XPATH_MAXLEN];
	int ret;

	if (!health_name_ok(vty, name))
		return CMD_WARNING_CONFIG_FAILED;
	snprintf(xpath, sizeof(xpath), ANYCAST_HEALTH_XPATH, name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	ret = nb_cli_apply_changes(vty, NULL);
	if (ret == CMD_SUCCESS)
		VTY_PUSH_XPATH(ANYCAST_HEALTH_NODE, xpath);
	return ret;
}

DEFPY_YANG(no_anycast_health, no_anycast_health_cmd, "no health WORD$name",
	   NO_STR HEALTH_STR HEALTH_NAME_STR)
{
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), ANYCAST_HEALTH_XPATH, name);
	if (!yang_dnode_exists(vty->candidate_config->dnode, xpath)) {
		vty_out(vty, "%% No health object named %s\n", name);
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * The prefix as used in the xpath key, or NULL after telling the user why
 * it is not acceptable.
 */
static const char *prefix_key(struct vty *vty, const struct prefix *p,
			      char *buf, size_t len)
{
	struct prefix masked;

	prefix_copy(&masked, p);
	apply_mask(&masked);
	if (!prefix_same(&masked, p)) {
		vty_out(vty,
			"%% Prefix %pFX has host bits set (did you mean "
			"%pFX?)\n",
			p, &masked);
		return NULL;
	}
	snprintfrr(buf, len, "%pFX", p);
	return buf;
}

DEFPY_YANG_NOSH(anycast_prefix, anycast_prefix_cmd,
		"prefix <A.B.C.D/M|X:X::X:X/M>$prefix",
		"Anycast prefix\n" PREFIX_STR_V4 PREFIX_STR_V6)
{
	char xpath[XPATH_MAXLEN], key[PREFIX_STRLEN];
	int ret;

	if (!prefix_key(vty, prefix, key, sizeof(key)))
		return CMD_WARNING_CONFIG_FAILED;
	snprintf(xpath, sizeof(xpath), ANYCAST_PREFIX_XPATH, key);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	ret = nb_cli_apply_changes(vty, NULL);
	if (ret == CMD_SUCCESS)
		VTY_PUSH_XPATH(ANYCAST_PREFIX_NODE, xpath);
	return ret;
}

DEFPY_YANG(no_anycast_prefix, no_anycast_prefix_cmd,
	   "no prefix <A.B.C.D/M|X:X::X:X/M>$prefix",
	   NO_STR "Anycast prefix\n" PREFIX_STR_V4 PREFIX_STR_V6)
{
	char xpath[XPATH_MAXLEN], key[PREFIX_STRLEN];

	if (!prefix_key(vty, prefix, key, sizeof(key)))
		return CMD_WARNING_CONFIG_FAILED;
	snprintf(xpath, sizeof(xpath), ANYCAST_PREFIX_XPATH, key);
	if (!yang_dnode_exists(vty->candidate_config->dnode, xpath)) {
		vty_out(vty, "%% No anycast prefix %s\n", key);
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ---------------------------------------------------------------------- */
/* health node                                                            */

void anycast_probe_replace(struct vty *vty)
{
	char xpath[64];

	/*
	 * Only the kind that is configured (at most one): one transaction
	 * holds at most VTY_MAXCFGCHANGES (16) changes and FRR drops the
	 * rest silently, so blind destroys of every kind would crowd out
	 * the new probe's own leaves.
	 */
	for (int t = ANYCAST_PROBE_NONE + 1; t < ANYCAST_PROBE_MAX; t++) {
		if (!yang_dnode_existsf(vty->candidate_config->dnode,
					"%s/probe/%s", VTY_CURR_XPATH,
					anycast_probe_type_name(t)))
			continue;
		snprintf(xpath, sizeof(xpath), "./probe/%s",
			 anycast_probe_type_name(t));
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	}
}

int anycast_cli_apply(struct vty *vty)
{
	char xpath[XPATH_MAXLEN];

	for (size_t i = 0; i < vty->num_cfg_changes; i++) {
		const anycast_frr_cfg_change *c = &vty->cfg_changes[i];
		const struct ly_err_item *ei;
		struct nb_node *nb_node;

		if (!c->value || (c->operation != NB_OP_MODIFY &&
				  c->operation != NB_OP_CREATE))
			continue;
		if (c->xpath[0] == '.' && vty->xpath_index > 0)
			snprintf(xpath, sizeof(xpath), "%s%s", VTY_CURR_XPATH,
				 c->xpath + 1);
		else
			strlcpy(xpath, c->xpath, sizeof(xpath));
		nb_node = nb_node_find(xpath);
		if (!nb_node || !(nb_node->snode->nodetype & LYS_LEAF))
			continue;
		if (lyd_value_validate(ly_native_ctx, nb_node->snode, c->value,
				       strlen(c->value), NULL, NULL,
				       NULL) == LY_SUCCESS)
			continue;
		ei = ly_err_first(ly_native_ctx);
		vty_out(vty, "%% Invalid %s '%s': %s\n", nb_node->snode->name,
			c->value,
			ei && ei->msg ? ei->msg
				      : "not allowed by the YANG model");
		ly_err_clean(ly_native_ctx, NULL);
		vty->num_cfg_changes = 0;
		return CMD_WARNING_CONFIG_FAILED;
	}
	return nb_cli_apply_changes(vty, NULL);
}

static int probe_unknown(struct vty *vty, const char *kind)
{
	char kinds[128] = "";

	for (int t = ANYCAST_PROBE_NONE + 1; t < ANYCAST_PROBE_MAX; t++) {
		if (strmatch(kind, anycast_probe_type_name(t))) {
			vty_out(vty,
				"%% Invalid arguments for probe %s (see 'probe "
				"%s ?')\n",
				kind, kind);
			return CMD_WARNING_CONFIG_FAILED;
		}
		strlcat(kinds, " ", sizeof(kinds));
		strlcat(kinds, anycast_probe_type_name(t), sizeof(kinds));
	}
	vty_out(vty, "%% Unknown probe kind '%s' (supported:%s)\n", kind,
		kinds);
	return CMD_WARNING_CONFIG_FAILED;
}

/* catch-alls: a clear error instead of "Unknown command" */
DEFPY_YANG(health_probe_unknown, health_probe_unknown_cmd,
	   "probe WORD$kind LINE...",
	   "What to check\n"
	   "Probe kind\n"
	   "Probe arguments\n")
{
	return probe_unknown(vty, kind);
}

DEFPY_YANG(health_probe_unknown_noargs, health_probe_unknown_noargs_cmd,
	   "probe WORD$kind",
	   "What to check\n"
	   "Probe kind\n")
{
	return probe_unknown(vty, kind);
}

DEFPY_YANG(no_health_probe, no_health_probe_cmd, "no probe",
	   NO_STR "What to check\n")
{
	anycast_probe_replace(vty);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * `no` + a whole running-config line (frr-reload.py): the grammar has no
 * varargs inside an option, so these are aliases.
 */
ALIAS_YANG(no_health_probe, no_health_probe_line_cmd, "no probe LINE...",
	   NO_STR "What to check\n"
		  "Ignored\n")

DEFPY_YANG(health_interval, health_interval_cmd, "interval (10-3600000)$ms",
	   "Time between probes\n"
	   "Milliseconds\n")
{
	nb_cli_enqueue_change(vty, "./interval", NB_OP_MODIFY, ms_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_interval, no_health_interval_cmd,
	   "no interval [(10-3600000)]",
	   NO_STR "Time between probes\n"
		  "Milliseconds\n")
{
	nb_cli_enqueue_change(vty, "./interval", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_timeout, health_timeout_cmd, "timeout (10-3600000)$ms",
	   "Time a probe may take\n"
	   "Milliseconds (at most the interval)\n")
{
	nb_cli_enqueue_change(vty, "./timeout", NB_OP_MODIFY, ms_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_timeout, no_health_timeout_cmd,
	   "no timeout [(10-3600000)]",
	   NO_STR "Time a probe may take\n"
		  "Milliseconds (at most the interval)\n")
{
	nb_cli_enqueue_change(vty, "./timeout", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_rise, health_rise_cmd, "rise (1-100)$n",
	   "Consecutive successes to become up\n"
	   "Count\n")
{
	nb_cli_enqueue_change(vty, "./rise", NB_OP_MODIFY, n_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_rise, no_health_rise_cmd, "no rise [(1-100)]",
	   NO_STR "Consecutive successes to become up\n"
		  "Count\n")
{
	nb_cli_enqueue_change(vty, "./rise", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_fall, health_fall_cmd, "fall (1-100)$n",
	   "Failures to become down\n"
	   "Count\n")
{
	nb_cli_enqueue_change(vty, "./fall", NB_OP_MODIFY, n_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_fall, no_health_fall_cmd, "no fall [(1-100)]",
	   NO_STR "Failures to become down\n"
		  "Count\n")
{
	nb_cli_enqueue_change(vty, "./fall", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_fast_interval, health_fast_interval_cmd,
	   "fast-interval (10-3600000)$ms",
	   "Time between probes while rising or falling\n"
	   "Milliseconds\n")
{
	nb_cli_enqueue_change(vty, "./fast-interval", NB_OP_MODIFY, ms_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_fast_interval, no_health_fast_interval_cmd,
	   "no fast-interval [(10-3600000)]",
	   NO_STR "Time between probes while rising or falling\n"
		  "Milliseconds\n")
{
	nb_cli_enqueue_change(vty, "./fast-interval", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_delay, health_delay_cmd,
	   "delay {up (0-3600000)$up|down (0-3600000)$down}",
	   "Hold times before becoming up or down\n"
	   "Stay rising this long after rise successes\n"
	   "Milliseconds\n"
	   "Stay falling this long after fall failures\n"
	   "Milliseconds\n")
{
	if (up_str)
		nb_cli_enqueue_change(vty, "./delay-up", NB_OP_MODIFY, up_str);
	if (down_str)
		nb_cli_enqueue_change(vty, "./delay-down", NB_OP_MODIFY,
				      down_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_delay, no_health_delay_cmd, "no delay",
	   NO_STR "Hold times before becoming up or down\n")
{
	nb_cli_enqueue_change(vty, "./delay-up", NB_OP_DESTROY, NULL);
	nb_cli_enqueue_change(vty, "./delay-down", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

ALIAS_YANG(no_health_delay, no_health_delay_line_cmd, "no delay LINE...",
	   NO_STR "Hold times before becoming up or down\n"
		  "Ignored\n")

DEFPY_YANG(health_dampening, health_dampening_cmd,
	   "dampening [{half-life (1-3600)$hl|penalty (1-20000)$pen|suppress "
	   "(1-20000)$sup|reuse (1-20000)$reuse|max-suppress (1-86400)$max}]",
	   "Flap dampening\n"
	   "Time for the penalty to halve\n"
	   "Seconds (default 5)\n"
	   "Penalty per flap\n"
	   "Penalty (default 1000)\n"
	   "Suppress at this penalty\n"
	   "Penalty (default 2000)\n"
	   "Use again below this penalty\n"
	   "Penalty (default 1000)\n"
	   "Longest suppression\n"
	   "Seconds (default 20)\n")
{
	struct {
		const char *leaf, *val;
	} leaves[] = {
		{"half-life", hl_str},	   {"penalty", pen_str},
		{"suppress", sup_str},	   {"reuse", reuse_str},
		{"max-suppress", max_str},
	};
	char xpath[64];

	nb_cli_enqueue_change(vty, "./dampening", NB_OP_CREATE, NULL);
	for (size_t i = 0; i < array_size(leaves); i++) {
		snprintf(xpath, sizeof(xpath), "./dampening/%s",
			 leaves[i].leaf);
		if (leaves[i].val)
			nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY,
					      leaves[i].val);
		else
			nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	}
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_dampening, no_health_dampening_cmd, "no dampening",
	   NO_STR "Flap dampening\n")
{
	nb_cli_enqueue_change(vty, "./dampening", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

ALIAS_YANG(no_health_dampening, no_health_dampening_line_cmd,
	   "no dampening LINE...",
	   NO_STR "Flap dampening\n"
		  "Ignored\n")

DEFPY_YANG(health_shutdown, health_shutdown_cmd, "[no] shutdown",
	   NO_STR
	   "Administratively shut down (stops probes; state admin-down)\n")
{
	nb_cli_enqueue_change(vty, "./shutdown", NB_OP_MODIFY,
			      no ? "false" : "true");
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(health_vrf, health_vrf_cmd, "vrf NAME$name",
	   "VRF the probe runs in (tcp, http, dns, icmp)\n"
	   "VRF name (need not exist yet)\n")
{
	if (strlen(name) > VRF_NAMSIZ) {
		vty_out(vty, "%% VRF name too long (at most %d characters)\n",
			VRF_NAMSIZ);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (strmatch(name, VRF_DEFAULT_NAME))
		nb_cli_enqueue_change(vty, "./vrf", NB_OP_DESTROY, NULL);
	else
		nb_cli_enqueue_change(vty, "./vrf", NB_OP_MODIFY, name);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_health_vrf, no_health_vrf_cmd, "no vrf [NAME]",
	   NO_STR "VRF the probe runs in\n"
		  "VRF name\n")
{
	nb_cli_enqueue_change(vty, "./vrf", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ---------------------------------------------------------------------- */
/* prefix node                                                            */

DEFPY_YANG(prefix_track, prefix_track_cmd,
	   "track WORD$name [weight (1-100)$weight] [not$not]",
	   "Track a health object\n" HEALTH_NAME_STR
	   "Weight for the weight policy\n"
	   "Weight (default 1)\n"
	   "Satisfied while the object is not up\n")
{
	char xpath[XPATH_MAXLEN];

	if (!yang_dnode_existsf(vty->candidate_config->dnode,
				ANYCAST_HEALTH_XPATH, name)) {
		vty_out(vty, "%% No health object named %s\n", name);
		return CMD_WARNING_CONFIG_FAILED;
	}
	snprintf(xpath, sizeof(xpath), "./track[name='%s']", name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	snprintf(xpath, sizeof(xpath), "./track[name='%s']/weight", name);
	if (weight_str)
		nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, weight_str);
	else
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	snprintf(xpath, sizeof(xpath), "./track[name='%s']/not", name);
	if (not )
		nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, "true");
	else
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_track, no_prefix_track_cmd,
	   "no track WORD$name [weight (1-100)] [not]",
	   NO_STR "Track a health object\n" HEALTH_NAME_STR
		  "Weight for the weight policy\n"
		  "Weight\n"
		  "Satisfied while the object is not up\n")
{
	char xpath[XPATH_MAXLEN];

	if (!health_name_ok(vty, name))
		return CMD_WARNING_CONFIG_FAILED;
	snprintf(xpath, sizeof(xpath), "./track[name='%s']", name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

static void policy_clear(struct vty *vty)
{
	nb_cli_enqueue_change(vty, "./at-least", NB_OP_DESTROY, NULL);
	nb_cli_enqueue_change(vty, "./weight-up", NB_OP_DESTROY, NULL);
	nb_cli_enqueue_change(vty, "./weight-down", NB_OP_DESTROY, NULL);
}

DEFPY_YANG(prefix_policy, prefix_policy_cmd,
	   "policy <all$all|any$any|at-least (1-64)$n|weight up (1-6400)$wu "
	   "down (0-6399)$wd>",
	   "How the tracked objects decide the prefix state\n"
	   "Every track satisfied (default)\n"
	   "At least one track satisfied\n"
	   "At least N tracks satisfied\n"
	   "Number of tracks\n"
	   "Sum of the weights of the satisfied tracks, with hysteresis\n"
	   "Met at or above this weight\n"
	   "Weight\n"
	   "No longer met at or below this weight\n"
	   "Weight\n")
{
	policy_clear(vty);
	if (all) {
		nb_cli_enqueue_change(vty, "./policy", NB_OP_DESTROY, NULL);
	} else if (any) {
		nb_cli_enqueue_change(vty, "./policy", NB_OP_MODIFY, "any");
	} else if (n_str) {
		nb_cli_enqueue_change(vty, "./policy", NB_OP_MODIFY,
				      "at-least");
		nb_cli_enqueue_change(vty, "./at-least", NB_OP_MODIFY, n_str);
	} else {
		if (wd >= wu) {
			vty_out(vty,
				"%% weight down (%ld) must be lower than "
				"weight up (%ld)\n",
				wd, wu);
			return CMD_WARNING_CONFIG_FAILED;
		}
		nb_cli_enqueue_change(vty, "./policy", NB_OP_MODIFY, "weight");
		nb_cli_enqueue_change(vty, "./weight-up", NB_OP_MODIFY, wu_str);
		nb_cli_enqueue_change(vty, "./weight-down", NB_OP_MODIFY,
				      wd_str);
	}
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_prefix_policy, no_prefix_policy_cmd, "no policy",
	   NO_STR "How the tracked objects decide the prefix state\n")
{
	policy_clear(vty);
	nb_cli_enqueue_change(vty, "./policy", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

ALIAS_YANG(no_prefix_policy, no_prefix_policy_line_cmd, "no policy LINE...",
	   NO_STR "How the tracked objects decide the prefix state\n"
		  "Ignored\n")

/* ---------------------------------------------------------------------- */
/* running configuration                                                  */

void anycast_cli_show(struct vty *vty, const struct lyd_node *dnode,
		      bool show_defaults)
{
	vty_out(vty, "anycast\n");
}

void anycast_cli_show_end(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "exit\n");
}

void anycast_health_cli_show(struct vty *vty, const struct lyd_node *dnode,
			     bool show_defaults)
{
	vty_out(vty, " health %s\n", yang_dnode_get_string(dnode, "./name"));
}

void anycast_health_cli_show_end(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, " exit\n !\n");
}

void anycast_probe_cli_show(struct vty *vty, const struct lyd_node *dnode,
			    bool show_defaults)
{
	for (int t = ANYCAST_PROBE_NONE + 1; t < ANYCAST_PROBE_MAX; t++) {
		const struct anycast_probe_kind *kind = anycast_probe_kind(t);

		if (kind && strmatch(kind->name, dnode->schema->name)) {
			kind->cli_show(vty, dnode);
			return;
		}
	}
}

static void show_uint_leaf(struct vty *vty, const struct lyd_node *dnode,
			   bool show_defaults, const char *cmd)
{
	if (!show_defaults && yang_dnode_is_default(dnode, NULL))
		return;
	vty_out(vty, "  %s %s\n", cmd, yang_dnode_get_string(dnode, NULL));
}

void anycast_health_interval_cli_show(struct vty *vty,
				      const struct lyd_node *dnode,
				      bool show_defaults)
{
	show_uint_leaf(vty, dnode, show_defaults, "interval");
}

void anycast_health_timeout_cli_show(struct vty *vty,
				     const struct lyd_node *dnode,
				     bool show_defaults)
{
	show_uint_leaf(vty, dnode, show_defaults, "timeout");
}

void anycast_health_fast_interval_cli_show(struct vty *vty,
					   const struct lyd_node *dnode,
					   bool show_defaults)
{
	show_uint_leaf(vty, dnode, show_defaults, "fast-interval");
}

/*
 * One line for delay-up and delay-down.  The northbound calls this only for
 * a leaf that is not at its default (0), so on both leaves: on delay-up
 * when it is set, else on delay-down (`delay down N` alone).
 */
void anycast_health_delay_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults)
{
	uint32_t up = yang_dnode_get_uint32(dnode, "../delay-up");
	uint32_t down = yang_dnode_get_uint32(dnode, "../delay-down");
	bool on_up = strcmp(dnode->schema->name, "delay-up") == 0;

	if (!up && !down)
		return;
	if (on_up ? !up : up != 0)
		return; /* the other leaf's call prints the line */
	vty_out(vty, "  delay");
	if (up)
		vty_out(vty, " up %u", up);
	if (down)
		vty_out(vty, " down %u", down);
	vty_out(vty, "\n");
}

void anycast_health_dampening_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults)
{
	const char *leaves[] = {"half-life", "penalty", "suppress", "reuse",
				"max-suppress"};

	vty_out(vty, "  dampening");
	for (size_t i = 0; i < array_size(leaves); i++)
		if (show_defaults || !yang_dnode_is_default(dnode, leaves[i]))
			vty_out(vty, " %s %u", leaves[i],
				yang_dnode_get_uint32(dnode, "./%s",
						      leaves[i]));
	vty_out(vty, "\n");
}

void anycast_health_rise_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults)
{
	show_uint_leaf(vty, dnode, show_defaults, "rise");
}

void anycast_health_fall_cli_show(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults)
{
	show_uint_leaf(vty, dnode, show_defaults, "fall");
}

void anycast_health_shutdown_cli_show(struct vty *vty,
				      const struct lyd_node *dnode,
				      bool show_defaults)
{
	if (yang_dnode_get_bool(dnode, NULL))
		vty_out(vty, "  shutdown\n");
}

void anycast_health_vrf_cli_show(struct vty *vty, const struct lyd_node *dnode,
				 bool show_defaults)
{
	vty_out(vty, "  vrf %s\n", yang_dnode_get_string(dnode, NULL));
}

void anycast_prefix_cli_show(struct vty *vty, const struct lyd_node *dnode,
			     bool show_defaults)
{
	vty_out(vty, " prefix %s\n", yang_dnode_get_string(dnode, "./prefix"));
}

void anycast_prefix_cli_show_end(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, " exit\n !\n");
}

void anycast_prefix_track_cli_show(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults)
{
	vty_out(vty, "  track %s", yang_dnode_get_string(dnode, "./name"));
	if (!yang_dnode_is_default(dnode, "./weight"))
		vty_out(vty, " weight %u",
			yang_dnode_get_uint8(dnode, "./weight"));
	if (yang_dnode_get_bool(dnode, "./not"))
		vty_out(vty, " not");
	vty_out(vty, "\n");
}

void anycast_prefix_policy_cli_show(struct vty *vty,
				    const struct lyd_node *dnode,
				    bool show_defaults)
{
	const char *policy = yang_dnode_get_string(dnode, NULL);

	if (strmatch(policy, "at-least"))
		vty_out(vty, "  policy at-least %u\n",
			yang_dnode_get_uint8(dnode, "../at-least"));
	else if (strmatch(policy, "weight"))
		vty_out(vty, "  policy weight up %u down %u\n",
			yang_dnode_get_uint32(dnode, "../weight-up"),
			yang_dnode_get_uint32(dnode, "../weight-down"));
	else if (show_defaults || !strmatch(policy, "all"))
		vty_out(vty, "  policy %s\n", policy);
}

static int anycast_config_write(struct vty *vty)
{
	const struct lyd_node *dnode;

	dnode = yang_dnode_get(running_config->dnode, ANYCAST_XPATH);
	if (!dnode)
		return 0;
	nb_cli_show_dnode_cmds(vty, dnode, false);
	return 1;
}

/* ---------------------------------------------------------------------- */
/* show                                                                   */

static void history_json(struct json_object *jo,
			 const struct anycast_history *hist)
{
	struct json_object *ja = json_object_new_array();
	const struct anycast_history_entry *e;
	char buf[64];

	for (uint32_t i = 0; hist && (e = anycast_history_get(hist, i)); i++) {
		struct json_object *je = json_object_new_object();

		anycast_time_str(&e->when, buf, sizeof(buf));
		json_object_string_add(je, "time", buf);
		json_object_string_add(je, "from", e->from);
		json_object_string_add(je, "to", e->to);
		json_object_string_add(je, "reason", e->reason);
		json_object_array_add(ja, je);
	}
	json_object_object_add(jo, "history", ja);
}

static void history_text(struct vty *vty, const struct anycast_history *hist)
{
	const struct anycast_history_entry *e;
	char buf[64];

	if (!hist || !hist->count)
		return;
	vty_out(vty, "  Last %u transitions (newest first):\n", hist->count);
	for (uint32_t i = 0; (e = anycast_history_get(hist, i)); i++) {
		anycast_time_str(&e->when, buf, sizeof(buf));
		vty_out(vty, "    %s  %s -> %s  %s\n", buf, e->from, e->to,
			e->reason);
	}
}

static int64_t tv_us(const struct timeval *tv)
{
	return (int64_t)tv->tv_sec * 1000000 + tv->tv_usec;
}

static void health_show_json(struct json_object *json,
			     const struct anycast_health *h, bool detail)
{
	struct json_object *jh = json_object_new_object();
	char buf[256];

	json_object_string_add(jh, "state",
			       anycast_fsm_state_name(h->fsm.state));
	json_object_string_add(jh, "probe",
			       anycast_probe_type_name(h->probe.type));
	anycast_probe_describe(&h->probe, buf, sizeof(buf));
	json_object_string_add(jh, "target", buf);
	json_object_int_add(jh, "interval", h->interval_ms);
	json_object_int_add(jh, "fastInterval",
			    h->fast_interval_ms ? h->fast_interval_ms
						: h->interval_ms);
	json_object_int_add(jh, "timeout", anycast_health_timeout(h));
	json_object_int_add(jh, "rise", h->params.rise);
	json_object_int_add(jh, "fall", h->params.fall);
	json_object_int_add(jh, "delayUp", h->params.delay_up_ms);
	json_object_int_add(jh, "delayDown", h->params.delay_down_ms);
	json_object_boolean_add(jh, "delayRunning",
				anycast_fsm_deadline(&h->fsm) != 0);
	json_object_boolean_add(jh, "suppressed", h->dampen.suppressed);
	if (h->dampen_params.enabled) {
		json_object_int_add(jh, "penalty", (int64_t)h->dampen.penalty);
		json_object_int_add(jh, "flaps", h->dampen.flaps);
		json_object_int_add(jh, "reuseInMs",
				    anycast_health_reuse_in(h));
	}
	json_object_int_add(jh, "consecutiveOk", h->fsm.ok_count);
	json_object_int_add(jh, "consecutiveFail", h->fsm.fail_count);
	anycast_time_str(&h->last_change, buf, sizeof(buf));
	json_object_string_add(jh, "lastChange", buf);
	/* the same instants in microseconds since the epoch (benchmarks) */
	json_object_int_add(jh, "lastChangeUs", tv_us(&h->last_change));
	json_object_int_add(jh, "lastChangeProbeStartUs",
			    tv_us(&h->change_probe_start));
	json_object_string_add(jh, "lastError", h->last_error);
	json_object_string_add(jh, "lastDetail", h->last.detail);
	json_object_int_add(jh, "lastLatencyUs", h->last.latency_us);
	json_object_int_add(jh, "runs", h->runs);
	json_object_int_add(jh, "successes", h->successes);
	json_object_int_add(jh, "failures", h->failures);
	json_object_int_add(jh, "timeouts", h->timeouts);
	json_object_int_add(jh, "transitions", h->transitions);
	json_object_int_add(jh, "deferred", h->deferred);
	json_object_int_add(jh, "skipped", h->skipped);
	json_object_boolean_add(jh, "waiting", h->waiting);
	json_object_int_add(jh, "noResult", h->no_results);
	json_object_string_add(jh, "lastNoResult", h->last_no_result);
	anycast_onchange_show_json(jh, h->onchange);
	if (detail)
		history_json(jh, h->history);
	json_object_object_add(json, h->name, jh);
}

static void health_show_text(struct vty *vty, const struct anycast_health *h,
			     bool detail)
{
	char buf[256];

	anycast_probe_describe(&h->probe, buf, sizeof(buf));
	vty_out(vty, "Health %s: %s%s\n", h->name,
		anycast_fsm_state_name(h->fsm.state),
		anycast_fsm_deadline(&h->fsm) ? " (delay running)" : "");
	vty_out(vty, "  Probe: %s\n", buf);
	vty_out(vty, "  Interval %u ms", h->interval_ms);
	if (h->fast_interval_ms)
		vty_out(vty, " (fast %u ms)", h->fast_interval_ms);
	vty_out(vty, ", timeout %u ms, rise %u, fall %u",
		anycast_health_timeout(h), h->params.rise, h->params.fall);
	if (h->params.delay_up_ms || h->params.delay_down_ms)
		vty_out(vty, ", delay up %u down %u ms", h->params.delay_up_ms,
			h->params.delay_down_ms);
	vty_out(vty, "\n");
	vty_out(vty, "  Counting: %u ok, %u failed\n", h->fsm.ok_count,
		h->fsm.fail_count);
	if (h->dampen_params.enabled)
		vty_out(vty,
			"  Dampening: penalty %.0f (suppress %u, reuse %u), %u "
			"flaps%s",
			h->dampen.penalty, h->dampen_params.suppress,
			h->dampen_params.reuse, h->dampen.flaps,
			h->dampen.suppressed ? ", SUPPRESSED" : "\n");
	if (h->dampen.suppressed)
		vty_out(vty, ", released in %" PRIu64 " ms\n",
			anycast_health_reuse_in(h));
	anycast_time_str(&h->last_change, buf, sizeof(buf));
	vty_out(vty, "  Last change: %s\n", buf[0] ? buf : "never");
	if (h->last_error[0])
		vty_out(vty, "  Last error: %s\n", h->last_error);
	if (h->last.detail[0])
		vty_out(vty, "  Last result detail: %s\n", h->last.detail);
	vty_out(vty,
		"  Runs %" PRIu64 ", successes %" PRIu64 ", failures %" PRIu64
		" (timeouts %" PRIu64 "), transitions %" PRIu64 "\n",
		h->runs, h->successes, h->failures, h->timeouts,
		h->transitions);
	if (h->deferred || h->skipped || h->waiting)
		vty_out(vty,
			"  Probe limit: %" PRIu64 " runs waited for a slot, "
			"%" PRIu64 " scheduled runs skipped%s\n",
			h->deferred, h->skipped,
			h->waiting ? " (waiting now)" : "");
	if (h->no_results)
		vty_out(vty,
			"  No result (local faults): %" PRIu64 ", last: %s\n",
			h->no_results, h->last_no_result);
	anycast_onchange_show_text(vty, h->onchange);
	if (detail)
		history_text(vty, h->history);
}

DEFPY(show_anycast_health, show_anycast_health_cmd,
      "show anycast health [WORD$name] [json$json]",
      SHOW_STR ANYCAST_STR "Health objects\n" HEALTH_NAME_STR JSON_STR)
{
	struct json_object *jo = json ? json_object_new_object() : NULL;
	struct anycast_health *h;

	if (name) {
		h = anycast_health_find(name);
		if (!h) {
			if (jo)
				return vty_json(vty, jo);
			vty_out(vty, "%% No health object named %s\n", name);
			return CMD_WARNING;
		}
		if (jo)
			health_show_json(jo, h, true);
		else
			health_show_text(vty, h, true);
	} else {
		/* output of every object: a large transient (see there) */
		anycast_memory_trim_soon();
		frr_each (anycast_health_tree, &anycast_healths, h) {
			if (jo)
				health_show_json(jo, h, false);
			else
				health_show_text(vty, h, false);
		}
	}
	if (jo)
		return vty_json(vty, jo);
	return CMD_SUCCESS;
}

DEFPY(show_anycast_schedule, show_anycast_schedule_cmd,
      "show anycast schedule [json$json]",
      SHOW_STR ANYCAST_STR
      "How late probe runs start against their schedule\n" JSON_STR)
{
	const struct anycast_sched_stats *s = anycast_health_sched_stats();
	static const double qs[] = {0.5, 0.9, 0.99};
	static const char *const qnames[] = {"p50Us", "p90Us", "p99Us"};
	struct json_object *jo, *ja;

	if (!json) {
		vty_out(vty,
			"Probe starts: %" PRIu64 ", late by mean %" PRIu64
			" us, max %" PRIu64 " us\n",
			s->count, s->count ? s->sum_us / s->count : 0,
			s->max_us);
		vty_out(vty,
			"  p50 <= %" PRIu64 " us, p90 <= %" PRIu64
			" us, p99 <= %" PRIu64 " us\n",
			anycast_sched_quantile(s, 0.5),
			anycast_sched_quantile(s, 0.9),
			anycast_sched_quantile(s, 0.99));
		return CMD_SUCCESS;
	}
	jo = json_object_new_object();
	json_object_int_add(jo, "starts", s->count);
	json_object_int_add(jo, "sumUs", s->sum_us);
	json_object_int_add(jo, "maxUs", s->max_us);
	for (size_t i = 0; i < array_size(qs); i++)
		json_object_int_add(jo, qnames[i],
				    anycast_sched_quantile(s, qs[i]));
	json_object_int_add(jo, "bucketUs", ANYCAST_SCHED_BUCKET_US);
	/* [bucket index, count] of the non-empty buckets; the last index
	 * holds everything later */
	ja = json_object_new_array();
	for (size_t i = 0; i < ANYCAST_SCHED_NBUCKETS; i++) {
		struct json_object *jb;

		if (!s->bucket[i])
			continue;
		jb = json_object_new_array();
		json_object_array_add(jb, json_object_new_int64(i));
		json_object_array_add(jb, json_object_new_int64(s->bucket[i]));
		json_object_array_add(ja, jb);
	}
	json_object_object_add(jo, "buckets", ja);
	return vty_json(vty, jo);
}

static void policy_str(const struct anycast_policy *pol, char *buf, size_t len)
{
	switch (pol->type) {
	case ANYCAST_POLICY_AT_LEAST:
		snprintf(buf, len, "at-least %u", pol->at_least);
		break;
	case ANYCAST_POLICY_WEIGHT:
		snprintf(buf, len, "weight up %u down %u", pol->weight_up,
			 pol->weight_down);
		break;
	case ANYCAST_POLICY_ALL:
	case ANYCAST_POLICY_ANY:
		snprintf(buf, len, "%s", anycast_policy_type_name(pol->type));
		break;
	}
}

static const char *track_state(const struct anycast_track *t)
{
	const struct anycast_health *h = anycast_health_find(t->name);

	return h ? anycast_fsm_state_name(h->fsm.state) : "missing";
}

/* the route as sent to zebra, and why */
static void route_show_json(struct json_object *jp,
			    const struct anycast_prefix *ap)
{
	json_object_string_add(jp, "route", ap->route_why);
	json_object_string_add(jp, "vrf", ap->vrf);
	json_object_boolean_add(jp, "vrfKnown", ap->vrf_id != VRF_UNKNOWN);
	if (ap->announce && ap->route.has_metric)
		json_object_int_add(jp, "metric", ap->route.metric);
	if (ap->announce && ap->route.has_tag)
		json_object_int_add(jp, "tag", ap->route.tag);
	json_object_string_add(jp, "drainState",
			       anycast_drain_state_name(ap->drain_state));
	if (ap->drain_state == ANYCAST_DRAIN_DRAINING)
		json_object_int_add(jp, "drainRemaining",
				    anycast_prefix_drain_remaining(ap));
	json_object_string_add(
		jp, "guard",
		anycast_guard_state_name(anycast_prefix_guard_state(ap)));
	if (ap->other_path)
		json_object_string_add(jp, "otherPathVia", ap->other_via);
}

static void route_show_text(struct vty *vty, const struct anycast_prefix *ap)
{
	vty_out(vty, "  Route: %s", ap->route_why);
	if (ap->announce && ap->route.has_metric)
		vty_out(vty, ", metric %u", ap->route.metric);
	if (ap->announce && ap->route.has_tag)
		vty_out(vty, ", tag %u", ap->route.tag);
	if (ap->drain_state == ANYCAST_DRAIN_DRAINING)
		vty_out(vty, " (%u s left)",
			anycast_prefix_drain_remaining(ap));
	vty_out(vty, "\n");
	switch (anycast_prefix_guard_state(ap)) {
	case ANYCAST_GUARD_DISABLED:
		break;
	case ANYCAST_GUARD_INACTIVE:
		vty_out(vty,
			"  Last-site guard: inactive (nothing to guard)\n");
		break;
	case ANYCAST_GUARD_GUARDING:
		vty_out(vty,
			"  Last-site guard: guarding, no other path in the "
			"RIB: kept advertised\n");
		break;
	case ANYCAST_GUARD_STANDBY:
		vty_out(vty,
			"  Last-site guard: standby, another path via %s: not "
			"advertised\n",
			ap->other_via);
		break;
	}
	if (!strmatch(ap->vrf, VRF_DEFAULT_NAME))
		vty_out(vty, "  VRF: %s%s\n", ap->vrf,
			ap->vrf_id == VRF_UNKNOWN ? " (not known to zebra)"
						  : "");
}

static void prefix_show_json(struct json_object *json,
			     const struct anycast_prefix *ap, bool detail)
{
	struct json_object *jp = json_object_new_object();
	struct json_object *jt = json_object_new_array();
	struct json_object *jd = json_object_new_object();
	char buf[PREFIX_STRLEN + 64];

	json_object_string_add(jp, "state",
			       anycast_prefix_state_name(ap->state));
	json_object_boolean_add(jp, "announced", ap->announce);
	json_object_string_add(jp, "reason", ap->reason);
	route_show_json(jp, ap);
	policy_str(&ap->policy, buf, sizeof(buf));
	json_object_string_add(jp, "policy", buf);
	for (size_t i = 0; i < ap->ntracks; i++) {
		const struct anycast_track *t = &ap->tracks[i];
		struct json_object *jo = json_object_new_object();

		json_object_array_add(jt, json_object_new_string(t->name));
		json_object_string_add(jo, "state", track_state(t));
		json_object_int_add(jo, "weight", t->weight);
		json_object_boolean_add(jo, "not", t->negate);
		json_object_object_add(jd, t->name, jo);
	}
	json_object_object_add(jp, "tracks", jt);
	json_object_object_add(jp, "trackDetail", jd);
	anycast_time_str(&ap->last_change, buf, sizeof(buf));
	json_object_string_add(jp, "lastChange", buf);
	json_object_int_add(jp, "transitions", ap->transitions);
	json_object_boolean_add(jp, "zebraConnected",
				anycast_zebra_connected());
	anycast_onchange_show_json(jp, ap->onchange);
	if (detail)
		history_json(jp, ap->history);
	snprintfrr(buf, sizeof(buf), "%pFX", &ap->p);
	json_object_object_add(json, buf, jp);
}

static void prefix_show_text(struct vty *vty, const struct anycast_prefix *ap,
			     bool detail)
{
	char buf[64];

	vty_out(vty, "Prefix %pFX: %s, %s\n", &ap->p,
		anycast_prefix_state_name(ap->state),
		ap->announce ? "announced" : "withdrawn");
	vty_out(vty, "  Reason: %s\n", ap->reason);
	route_show_text(vty, ap);
	policy_str(&ap->policy, buf, sizeof(buf));
	vty_out(vty, "  Policy: %s\n", buf);
	vty_out(vty, "  Tracks:");
	for (size_t i = 0; i < ap->ntracks; i++) {
		const struct anycast_track *t = &ap->tracks[i];

		vty_out(vty, " %s (%s", t->name, track_state(t));
		if (t->weight != 1)
			vty_out(vty, ", weight %u", t->weight);
		vty_out(vty, "%s)", t->negate ? ", not" : "");
	}
	vty_out(vty, "%s\n", ap->ntracks ? "" : " none");
	anycast_time_str(&ap->last_change, buf, sizeof(buf));
	vty_out(vty, "  Last change: %s\n", buf[0] ? buf : "never");
	if (ap->announce && !anycast_zebra_connected())
		vty_out(vty, "  Not connected to zebra: route pending\n");
	anycast_onchange_show_text(vty, ap->onchange);
	if (detail)
		history_text(vty, ap->history);
}

DEFPY(show_anycast_prefix, show_anycast_prefix_cmd,
      "show anycast prefix [<A.B.C.D/M|X:X::X:X/M>$prefix] [json$json]",
      SHOW_STR ANYCAST_STR
      "Anycast prefixes\n" PREFIX_STR_V4 PREFIX_STR_V6 JSON_STR)
{
	struct json_object *jo = json ? json_object_new_object() : NULL;
	struct anycast_prefix *ap;

	if (prefix_str) {
		struct prefix p;

		prefix_copy(&p, prefix);
		apply_mask(&p);
		ap = anycast_prefix_find(&p);
		if (!ap) {
			if (jo)
				return vty_json(vty, jo);
			vty_out(vty, "%% No anycast prefix %pFX\n", &p);
			return CMD_WARNING;
		}
		if (jo)
			prefix_show_json(jo, ap, true);
		else
			prefix_show_text(vty, ap, true);
	} else {
		anycast_memory_trim_soon();
		frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
			if (jo)
				prefix_show_json(jo, ap, false);
			else
				prefix_show_text(vty, ap, false);
		}
	}
	if (jo)
		return vty_json(vty, jo);
	return CMD_SUCCESS;
}

DEFPY(clear_anycast_health, clear_anycast_health_cmd,
      "clear anycast health [WORD$name]",
      CLEAR_STR ANYCAST_STR
      "Run the probes of health objects now\n" HEALTH_NAME_STR)
{
	struct anycast_health *h;

	if (name) {
		h = anycast_health_find(name);
		if (!h) {
			vty_out(vty, "%% No health object named %s\n", name);
			return CMD_WARNING;
		}
		anycast_health_run_now(h);
		return CMD_SUCCESS;
	}
	frr_each (anycast_health_tree, &anycast_healths, h)
		anycast_health_run_now(h);
	return CMD_SUCCESS;
}

/* ---------------------------------------------------------------------- */

/*
 * `exit` and `quit` in anycastd's nodes do not end a configuration
 * transaction.  libfrr commits the pending transaction before every command
 * not marked YANG, and libfrr's own `exit` is not: inside
 * XFRR_start_configuration (`vtysh -b` with the integrated frr.conf,
 * frr-reload) every health and prefix block of a saved configuration, each
 * ending with `exit`, became its own commit validating the whole tree, so
 * the load grew with the square of its size (1,000 objects: about a
 * minute; doc/benchmarks.md).  Leaving a node changes no configuration, so
 * these do what libfrr's do (cmd_exit()) without the commit.
 */
DEFUN_YANG_NOSH(anycast_node_exit, anycast_node_exit_cmd, "exit",
		"Exit current mode and down to previous mode\n")
{
	cmd_exit(vty);
	return CMD_SUCCESS;
}

DEFUN_YANG_NOSH(anycast_node_quit, anycast_node_quit_cmd, "quit",
		"Exit current mode and down to previous mode\n")
{
	cmd_exit(vty);
	return CMD_SUCCESS;
}

/* install_default() of node with the exit and quit above */
static void anycast_install_default(enum node_type node)
{
	struct cmd_node *cnode;
	const struct cmd_element *el;

	install_default(node);
	cnode = vector_lookup(cmdvec, node);
	for (unsigned int i = 0; i < vector_active(cnode->cmd_vector); i++) {
		el = vector_slot(cnode->cmd_vector, i);
		if (el && el->func != anycast_node_exit &&
		    el->func != anycast_node_quit &&
		    (strmatch(el->string, "exit") ||
		     strmatch(el->string, "quit")))
			uninstall_element(node, el);
	}
	_install_element(node, &anycast_node_exit_cmd);
	_install_element(node, &anycast_node_quit_cmd);
}

static struct cmd_node anycast_node = {
	.name = "anycast",
	.node = ANYCAST_NODE,
	.parent_node = CONFIG_NODE,
	.prompt = "%s(config-anycast)# ",
	.config_write = anycast_config_write,
};

static struct cmd_node anycast_health_node = {
	.name = "anycast health",
	.node = ANYCAST_HEALTH_NODE,
	.parent_node = ANYCAST_NODE,
	.prompt = "%s(config-anycast-health)# ",
};

static struct cmd_node anycast_prefix_node = {
	.name = "anycast prefix",
	.node = ANYCAST_PREFIX_NODE,
	.parent_node = ANYCAST_NODE,
	.prompt = "%s(config-anycast-prefix)# ",
};

void anycast_vty_init(void)
{
	install_node(&anycast_node);
	install_node(&anycast_health_node);
	install_node(&anycast_prefix_node);
	anycast_install_default(ANYCAST_NODE);
	anycast_install_default(ANYCAST_HEALTH_NODE);
	anycast_install_default(ANYCAST_PREFIX_NODE);

	install_element(CONFIG_NODE, &anycast_cmd);
	install_element(ANYCAST_NODE, &anycast_health_cmd);
	install_element(ANYCAST_NODE, &no_anycast_health_cmd);
	install_element(ANYCAST_NODE, &anycast_prefix_cmd);
	install_element(ANYCAST_NODE, &no_anycast_prefix_cmd);

	anycast_probe_vty_init();
	install_element(ANYCAST_HEALTH_NODE, &health_probe_unknown_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_probe_unknown_noargs_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_probe_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_probe_line_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_interval_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_interval_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_timeout_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_timeout_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_rise_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_rise_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_fall_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_fall_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_shutdown_cmd);

	install_element(ANYCAST_HEALTH_NODE, &health_fast_interval_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_fast_interval_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_delay_cmd);
	install_element(ANYCAST_HEALTH_NODE, &health_dampening_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_dampening_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_dampening_line_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_delay_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_delay_line_cmd);

	install_element(ANYCAST_HEALTH_NODE, &health_vrf_cmd);
	install_element(ANYCAST_HEALTH_NODE, &no_health_vrf_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_track_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_track_cmd);
	install_element(ANYCAST_PREFIX_NODE, &prefix_policy_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_policy_cmd);
	install_element(ANYCAST_PREFIX_NODE, &no_prefix_policy_line_cmd);
	anycast_vty_route_init();
	anycast_onchange_vty_init();
	anycast_metrics_vty_init();
	anycast_probe_limit_vty_init();

	install_element(VIEW_NODE, &show_anycast_health_cmd);
	install_element(VIEW_NODE, &show_anycast_prefix_cmd);
	install_element(VIEW_NODE, &show_anycast_schedule_cmd);
	install_element(ENABLE_NODE, &clear_anycast_health_cmd);
}
