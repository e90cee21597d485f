// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd file probe: success while a file is present (or absent), e.g. a
 * maintenance flag such as /etc/frr/anycast-maintenance.
 *
 *   probe file PATH [present|absent]
 *
 * One stat() per run, in a worker thread (anycast_worker.h): a path on a
 * hung NFS or FUSE mount blocks that thread, not the daemon, and the run
 * times out (a failure: the path did not answer).  Runs of objects on
 * the same path share one stat() in flight.
 *
 * Only ENOENT and ENOTDIR mean "absent".  Any other error (EACCES, EIO,
 * ELOOP, ...) says nothing about the file: the check failed, in either
 * mode -- an unreadable maintenance flag must not end a drain.
 */
#include <zebra.h>

#include <sys/stat.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "vty.h"
#include "yang.h"

#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vty.h"
#include "anycast_worker.h"

static void file_stat_done(struct anycast_worker_wait *w, void *data)
{
	struct anycast_probe_run *run = w->arg;
	const struct anycast_worker_stat *st = data;
	const char *path = run->cfg->file.path;
	int present = anycast_worker_stat_presence(st->err);

	if (present < 0)
		anycast_probe_finish(run, false,
				     "%s: cannot tell whether it exists: %s",
				     path, safe_strerror(st->err));
	else if (present != run->cfg->file.absent)
		anycast_probe_finish(run, true, NULL);
	else if (present)
		anycast_probe_finish(run, false, "%s exists", path);
	else
		anycast_probe_finish(run, false, "%s: %s", path,
				     safe_strerror(st->err));
}

static int file_start(struct anycast_probe_run *run)
{
	run->priv = XCALLOC(MTYPE_ANYCAST_PROBE_RUN,
			    sizeof(struct anycast_worker_wait));
	anycast_worker_stat(run->priv, run->cfg->file.path, file_stat_done,
			    run);
	return 0;
}

static void file_stop(struct anycast_probe_run *run)
{
	if (!run->priv)
		return;
	/* a stat() still hanging goes on; its answer is discarded */
	anycast_worker_cancel(run->priv);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

static void file_config_read(struct anycast_probe_config *cfg,
			     const struct lyd_node *dnode)
{
	strlcpy(cfg->file.path, yang_dnode_get_string(dnode, "./path"),
		sizeof(cfg->file.path));
	cfg->file.absent =
		strmatch(yang_dnode_get_string(dnode, "./condition"), "absent");
}

static void file_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  probe file %s %s\n",
		yang_dnode_get_string(dnode, "./path"),
		yang_dnode_get_string(dnode, "./condition"));
}

static void file_describe(const struct anycast_probe_config *cfg, char *buf,
			  size_t len)
{
	snprintf(buf, len, "file %s %s", cfg->file.path,
		 cfg->file.absent ? "absent" : "present");
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_file_clippy.c"
#endif

DEFPY_YANG(probe_file, probe_file_cmd,
	   "probe file PATH$path [<present|absent>$cond]",
	   "What to check\n"
	   "A file's presence\n"
	   "Absolute path\n"
	   "Up while the file exists (default)\n"
	   "Up while the file does not exist\n")
{
	if (path[0] != '/') {
		vty_out(vty, "%% The path must be absolute: %s\n", path);
		return CMD_WARNING_CONFIG_FAILED;
	}
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/file/path", NB_OP_MODIFY, path);
	nb_cli_enqueue_change(vty, "./probe/file/condition", NB_OP_MODIFY,
			      cond ? cond : "present");
	return anycast_cli_apply(vty);
}

static void file_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_file_cmd);
}

const struct anycast_probe_kind anycast_probe_file = {
	.name = "file",
	.start = file_start,
	.stop = file_stop,
	.config_read = file_config_read,
	.cli_show = file_cli_show,
	.describe = file_describe,
	.vty_init = file_vty_init,
};
