// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: its own configuration file (`-f FILE`, and again on SIGHUP)
 * read as one transaction, as `vtysh -b` sends frr.conf.
 *
 * libfrr (8.4 and 10.x) reads a daemon's -f file line by line in classic
 * CLI mode: every line is a commit of its own, each validating the whole
 * candidate, so 1,000 health objects took 48.6 s.  Here the file is read
 * into a private candidate in transactional mode (lines only edit it) and
 * committed once.  A line that is refused (unknown command, a value the
 * YANG model refuses) is logged with its line number and nothing of the
 * file is applied, nor when the one commit fails validation: the running
 * configuration stays as it was, as with `vtysh -b`.  Commands that are not
 * part of the northbound (hostname, log ..., debug ...) act as they are
 * read, as in FRR's daemons.
 *
 * libfrr's own read (frr_config_read_in) still runs, on an empty file: the
 * frr_config_pre hook loads the file and points libfrr at /dev/null, the
 * frr_config_post hook puts the name back (host.config included, so
 * `write file` and `show startup-config` name the real file).
 */
#include <zebra.h>

#include "command.h"
#include "hook.h"
#include "libfrr.h"
#include "linklist.h"
#include "northbound.h"
#include "northbound_cli.h"
#include "vty.h"

#include "anycast_cfgload.h"
#include "anycast_frr.h"

static struct frr_daemon_info *cfg_di;
static const char *cfg_file; /* the -f file while libfrr reads /dev/null */

bool anycast_cfgload_file(const char *path)
{
	enum frr_cli_mode mode;
	struct nb_context context = {};
	char errmsg[BUFSIZ] = "";
	unsigned int line_num = 0, errors = 0;
	struct vty_error *ve;
	struct listnode *node;
	struct vty *vty;
	bool applied = false;
	FILE *fp;
	int ret;

	fp = fopen(path, "r");
	if (!fp) {
		zlog_err("configuration file %s: %s", path,
			 safe_strerror(errno));
		return false;
	}
	vty = vty_new();
	vty->wfd = STDERR_FILENO;
	vty->type = VTY_FILE;
	vty->node = CONFIG_NODE;
	vty->config = true;
	vty->private_config = true;
	vty->candidate_config = nb_config_dup(running_config);

	/* transactional while reading: a line edits the candidate only */
	mode = cfg_di->cli_mode;
	cfg_di->cli_mode = FRR_CLI_TRANSACTIONAL;
	ret = config_from_file(vty, fp, &line_num);
	cfg_di->cli_mode = mode;
	fclose(fp);
	buffer_flush_all(vty->obuf, vty->wfd);

	if (ret != CMD_SUCCESS && ret != CMD_ERR_NOTHING_TODO) {
		for (ALL_LIST_ELEMENTS_RO (vty->error, node, ve)) {
			char *nl = strchr(ve->error_buf, '\n');

			if (nl)
				*nl = '\0';
			zlog_err("%s line %u: refused: %s", path, ve->line_num,
				 ve->error_buf);
			errors++;
		}
		zlog_err("%s: %u line(s) refused: nothing of the file applied",
			 path, errors);
	} else {
		context.client = NB_CLIENT_CLI;
		context.user = vty;
		ret = anycast_frr_nb_commit(&context, vty->candidate_config,
					    errmsg, sizeof(errmsg));
		if (ret == NB_OK || ret == NB_ERR_NO_CHANGES) {
			applied = true;
			zlog_info("%s: %u lines read, applied in one commit",
				  path, line_num);
		} else
			zlog_err("%s: refused (%s): nothing of the file "
				 "applied: %s",
				 path, nb_err_name(ret), errmsg);
	}
	/* frees the private candidate */
	vty_close(vty);
	return applied;
}

static int cfgload_pre(struct frr_event_loop *tm)
{
	if (!cfg_di->config_file)
		/* libfrr's default file and integrated-config rules */
		return 0;
	cfg_file = cfg_di->config_file;
	anycast_cfgload_file(cfg_file);
	cfg_di->config_file = "/dev/null";
	return 0;
}

static int cfgload_post(struct frr_event_loop *tm)
{
	if (!cfg_file)
		return 0;
	cfg_di->config_file = cfg_file;
	host_config_set(cfg_file);
	cfg_file = NULL;
	return 0;
}

void anycast_cfgload_init(struct frr_daemon_info *di)
{
	cfg_di = di;
	hook_register(frr_config_pre, cfgload_pre);
	hook_register(frr_config_post, cfgload_post);
}
