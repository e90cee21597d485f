// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd's configuration in-process (see cfgenv.h).
 */
#include <zebra.h>

#include <sys/stat.h>

#include "command.h"
#include "lib/debug.h"
#include "lib_vty.h"
#include "log.h"
#include "northbound.h"
#include "northbound_cli.h"
#include "privs.h"
#include "anycast_frr.h"
#include "vrf.h"
#include "vty.h"
#include "yang.h"

#include "anycast_health.h"
#include "anycast_init.h"
#include "anycast_nb.h"
#include "anycast_prefix.h"

#include "cfgenv.h"

/* what anycast_main.c defines for the daemon */
struct frr_event_loop *master;
struct zebra_privs_t anycast_privs; /* no user, no capabilities */

static struct vty *vty;
static bool verbose;

static const struct frr_yang_module_info *const modules[] = {
	&frr_anycastd_info,
};

static void fail(const char *what)
{
	fprintf(stderr, "cfgenv: %s\n", what);
	abort();
}

void cfgenv_init(bool verb)
{
	verbose = verb;
	umask(0027);
	master = event_master_create(NULL);
	zlog_aux_init("NONE: ", ZLOG_DISABLED);
	cmd_init(1);
	cmd_hostname_set("cfgenv");
	vty_init(master, false);
	lib_cmd_init();
	anycast_frr_inprocess_init();
	anycast_frr_nb_init(master, modules, array_size(modules));

	/* as anycast_main.c, less the daemon's process setup */
	anycast_init();

	/* output into vty->obuf, read after each command */
	vty = vty_new();
	vty->type = VTY_FILE;
	vty->wfd = -1;
	anycast_frr_vty_collect(vty);
	anycast_frr_vty_config_enter(vty);
}

/* Output since the last call (MTYPE_TMP). */
static char *take_output(void)
{
	char *s = buffer_getstr(vty->obuf);

	buffer_reset(vty->obuf);
	return s;
}

int cfgenv_run(const char *line)
{
	int ret = cmd_execute(vty, line, NULL, 0);
	char *out = take_output();

	if (verbose)
		fprintf(stderr, "[node %d] %s -> %d\n%s", vty->node, line, ret,
			out);
	/* "should never happen in practice, unless there's a bug" */
	if (strstr(out, "Failed to edit configuration")) {
		fprintf(stderr, "'%s': %s\n", line, out);
		fail("the northbound failed to edit its candidate");
	}
	XFREE(MTYPE_TMP, out);
	return ret;
}

int cfgenv_nb_edit(const char *const *xpaths, const char *const *values,
		   size_t n, char *errmsg, size_t errmsg_len)
{
	struct nb_context ctx = {.client = NB_CLIENT_CLI, .user = vty};
	struct nb_config *cand = nb_config_dup(running_config);
	int ret = NB_OK;

	errmsg[0] = '\0';
	for (size_t i = 0; i < n && ret == NB_OK; i++) {
		struct nb_node *nb_node = nb_node_find(xpaths[i]);
		struct yang_data *data;

		if (!nb_node) {
			snprintf(errmsg, errmsg_len, "unknown path %s",
				 xpaths[i]);
			ret = -1;
			break;
		}
		data = yang_data_new(xpaths[i], values[i]);
		if (nb_candidate_edit(cand, nb_node,
				      values[i] ? NB_OP_MODIFY : NB_OP_DESTROY,
				      xpaths[i], NULL, data) != NB_OK) {
			snprintf(errmsg, errmsg_len, "edit of %s refused",
				 xpaths[i]);
			ret = -1;
		}
		yang_data_free(data);
	}
	/* what libyang logged for a refused edit */
	ly_err_clean(ly_native_ctx, NULL);
	if (ret == NB_OK)
		ret = anycast_frr_nb_commit(&ctx, cand, errmsg, errmsg_len);
	nb_config_free(cand);
	nb_config_replace(vty_shared_candidate_config, running_config, true);
	return ret;
}

void cfgenv_top(void)
{
	vty->node = CONFIG_NODE;
	vty->xpath_index = 0;
}

char *cfgenv_running(void)
{
	struct lyd_node *dup = NULL;
	char *s = NULL;

	if (running_config->dnode &&
	    lyd_dup_siblings(running_config->dnode, NULL, LYD_DUP_RECURSIVE,
			     &dup) != LY_SUCCESS)
		fail("lyd_dup_siblings");
	if (lyd_new_implicit_all(&dup, ly_native_ctx, LYD_IMPLICIT_NO_STATE,
				 NULL) != LY_SUCCESS)
		fail("lyd_new_implicit_all");
	lyd_print_mem(&s, dup, LYD_JSON,
		      LYD_PRINT_WITHSIBLINGS | LYD_PRINT_SHRINK |
			      LYD_PRINT_WD_ALL);
	lyd_free_all(dup);
	return s ? s : strdup("");
}

unsigned long cfgenv_version(void)
{
	return running_config->version;
}

char *cfgenv_show(void)
{
	enum node_type node = vty->node;
	char *out, *s, *ret;

	vty->node = ENABLE_NODE;
	cmd_execute(vty, "show running-config", NULL, 0);
	vty->node = node;
	out = take_output();
	s = strstr(out, "\n!");
	ret = strdup(s ? s : out);
	XFREE(MTYPE_TMP, out);
	return ret;
}

static unsigned int count(const char *xpath)
{
	struct ly_set *set = NULL;
	unsigned int n;

	if (!running_config->dnode ||
	    lyd_find_xpath(running_config->dnode, xpath, &set) != LY_SUCCESS)
		return 0;
	n = set->count;
	ly_set_free(set, NULL);
	return n;
}

bool cfgenv_state_ok(void)
{
	struct anycast_health *h;
	struct anycast_prefix *ap;
	char xpath[XPATH_MAXLEN], pbuf[PREFIX2STR_BUFFER];
	bool ok = true;

	if (anycast_health_tree_count(&anycast_healths) !=
		    count(ANYCAST_XPATH "/health") ||
	    anycast_prefix_tree_count(&anycast_prefixes) !=
		    count(ANYCAST_XPATH "/prefix")) {
		fprintf(stderr, "cfgenv: %zu health, %zu prefix objects\n",
			anycast_health_tree_count(&anycast_healths),
			anycast_prefix_tree_count(&anycast_prefixes));
		ok = false;
	}
	frr_each (anycast_health_tree, &anycast_healths, h) {
		snprintf(xpath, sizeof(xpath), ANYCAST_HEALTH_XPATH, h->name);
		if (count(xpath) != 1) {
			fprintf(stderr, "cfgenv: health %s not configured\n",
				h->name);
			ok = false;
		}
	}
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		prefix2str(&ap->p, pbuf, sizeof(pbuf));
		snprintf(xpath, sizeof(xpath), ANYCAST_PREFIX_XPATH, pbuf);
		if (count(xpath) != 1) {
			fprintf(stderr, "cfgenv: prefix %s not configured\n",
				pbuf);
			ok = false;
		}
	}
	return ok;
}

void cfgenv_reset(void)
{
	struct nb_context ctx = {.client = NB_CLIENT_CLI, .user = vty};
	struct nb_config *empty = nb_config_new(NULL);
	char errmsg[BUFSIZ] = "";
	int ret;

	ret = anycast_frr_nb_commit(&ctx, empty, errmsg, sizeof(errmsg));
	nb_config_free(empty);
	if (ret != NB_OK && ret != NB_ERR_NO_CHANGES) {
		fprintf(stderr, "cfgenv: reset: %s %s\n", nb_err_name(ret),
			errmsg);
		fail("an empty configuration was not committed");
	}
	/* the vty edits the shared candidate: it starts from running again */
	nb_config_replace(vty_shared_candidate_config, running_config, true);
	if (anycast_health_tree_count(&anycast_healths) ||
	    anycast_prefix_tree_count(&anycast_prefixes))
		fail("objects left after an empty configuration");
	cfgenv_top();
}

bool cfgenv_read(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	unsigned int line = 0;
	struct vty_error *ve;
	struct listnode *node;
	bool ok = true;
	char *msgs;
	int ret;

	if (!f)
		fail("fmemopen");
	cfgenv_top();
	ret = config_from_file(vty, f, &line);
	fclose(f);
	for (ALL_LIST_ELEMENTS_RO (vty->error, node, ve)) {
		fprintf(stderr, "cfgenv: line %u rejected: %s\n", ve->line_num,
			ve->error_buf);
		ok = false;
	}
	if (vty->error)
		list_delete_all_node(vty->error);
	if (ret != CMD_SUCCESS && ret != CMD_ERR_NOTHING_TODO)
		ok = false;
	msgs = take_output();
	XFREE(MTYPE_TMP, msgs);
	cfgenv_top();
	return ok;
}

bool cfgenv_round_trip(void)
{
	char *show1, *run1, *show2, *run2;
	bool ok;

	cfgenv_top();
	show1 = cfgenv_show();
	run1 = cfgenv_running();
	cfgenv_reset();
	ok = cfgenv_read(show1);
	show2 = cfgenv_show();
	run2 = cfgenv_running();
	if (strcmp(show1, show2) || strcmp(run1, run2)) {
		fprintf(stderr,
			"cfgenv: round trip:\n%s\n%s\n--- read back:\n%s\n%s\n",
			show1, run1, show2, run2);
		ok = false;
	} else if (!ok)
		fprintf(stderr, "cfgenv: on reading back:\n%s\n", show1);
	free(show1);
	free(show2);
	free(run1);
	free(run2);
	return ok;
}
