// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd process probe: up while a process runs.
 *
 *   probe process <pidfile PATH|name NAME>
 *
 * A run resolves the pid (from the pid file, or by scanning /proc/PID/comm
 * for an exact name) and checks in /proc/PID/stat that the process exists
 * and is not a zombie.
 *
 * Death is seen at once, not at the next interval: a process-wide watch
 * table holds one pidfd per distinct target (pid file or name) whose last
 * run found the process alive.  The pidfd becomes readable when the
 * process exits; the watch is then dropped and every process probe is
 * kicked (anycast_probe_kick), so the health objects probe again now and
 * see the process gone.  A restarted process (a new pid) is found by the
 * next run and watched again.
 *
 * Pid reuse: the pidfd is opened after the start time (field 22 of
 * /proc/PID/stat) was read, and the start time is read again afterwards;
 * only when both agree does the pidfd refer to the process that was
 * checked.  A watch also remembers the start time, so a later run that
 * finds the same pid with another start time replaces the watch.
 *
 * A watch is released as soon as no health object's configuration uses its
 * target any more (the kind's release()).
 */
#include <zebra.h>

#include <dirent.h>
#include <sys/pidfd.h>
#include <sys/stat.h>

#include "command.h"
#include "hook.h"
#include "libfrr.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_process_parse.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;

struct process_watch {
	struct process_watch *next;
	bool by_name;
	char target[1024]; /* pid file path or process name */
	int pid;
	uint64_t starttime;
	int pidfd;
	struct frr_event *t;
};

static struct process_watch *process_watches;

/* ---------------------------------------------------------------------- */
/* /proc                                                                  */

/* Read a small file whole (bounded); length or -1 with errno. */
static ssize_t read_small(const char *path, char *buf, size_t size, bool reg)
{
	struct stat st;
	ssize_t n, got = 0;
	int fd, err;

	/* O_NONBLOCK: a FIFO in place of a pid file must not block */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (reg && fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (reg && !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL; /* reported as "not a regular file" */
		return -1;
	}
	while ((size_t)got < size) {
		n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			close(fd);
			errno = err;
			return -1;
		}
		if (n == 0)
			break;
		got += n;
	}
	close(fd);
	return got;
}

/* The process exists and is no zombie: true and its start time. */
static bool proc_alive(int pid, uint64_t *starttime)
{
	char path[64], buf[1024], state;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	n = read_small(path, buf, sizeof(buf), false);
	if (n <= 0)
		return false;
	if (anycast_proc_stat_parse(buf, n, &state, starttime) < 0)
		return false;
	return !anycast_proc_state_dead(state);
}

/* The first live process named name (lowest pid first), or 0. */
static int proc_find_name(const char *name, uint64_t *starttime)
{
	struct dirent *de;
	char path[300], buf[64];
	int found = 0;
	ssize_t n;
	DIR *d;

	d = opendir("/proc");
	if (!d)
		return -1;
	while (!found && (de = readdir(d))) {
		char *end;
		long pid;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || pid > ANYCAST_PID_MAX)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
		n = read_small(path, buf, sizeof(buf), false);
		if (n <= 0 || !anycast_comm_match(buf, n, name))
			continue;
		if (proc_alive(pid, starttime))
			found = pid;
	}
	closedir(d);
	return found;
}

/* ---------------------------------------------------------------------- */
/* the watch table                                                        */

static void watch_free(struct process_watch *w)
{
	struct process_watch **pp;

	for (pp = &process_watches; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	EVENT_OFF(w->t);
	if (w->pidfd >= 0)
		close(w->pidfd);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, w);
}

static const char *run_target(const struct anycast_probe_config *cfg,
			      bool *by_name)
{
	*by_name = cfg->process.pidfile[0] == '\0';
	return *by_name ? cfg->process.name : cfg->process.pidfile;
}

static struct process_watch *watch_find(bool by_name, const char *target)
{
	struct process_watch *w;

	for (w = process_watches; w; w = w->next)
		if (w->by_name == by_name && strmatch(w->target, target))
			return w;
	return NULL;
}

static void watch_exited(struct frr_event *t)
{
	struct process_watch *w = EVENT_ARG(t);

	ANYCAST_DBG_PROBE("process: pid %d (%s %s) exited", w->pid,
			  w->by_name ? "name" : "pidfile", w->target);
	watch_free(w);
	anycast_probe_kick(ANYCAST_PROBE_PROCESS);
}

/* an object stopped using old: drop its watch unless still used */
static void process_release(const struct anycast_probe_config *old)
{
	bool by_name;
	const char *target = run_target(old, &by_name);
	struct process_watch *w = watch_find(by_name, target);
	struct anycast_health *h;

	if (!w)
		return;
	frr_each (anycast_health_tree, &anycast_healths, h) {
		bool h_by_name;

		if (h->probe.type == ANYCAST_PROBE_PROCESS &&
		    strmatch(run_target(&h->probe, &h_by_name), target) &&
		    h_by_name == by_name)
			return;
	}
	ANYCAST_DBG_PROBE("process: no longer watching %s %s",
			  by_name ? "name" : "pidfile", target);
	watch_free(w);
}

/*
 * A run found pid (started at starttime) alive for target: watch it.
 * False when it exited meanwhile (or the pid was reused).
 */
static bool watch_set(bool by_name, const char *target, int pid,
		      uint64_t starttime)
{
	struct process_watch *w = watch_find(by_name, target);
	uint64_t again;
	int fd;

	if (w && w->pid == pid && w->starttime == starttime && w->pidfd >= 0)
		return true; /* watched already */

	fd = pidfd_open(pid, 0);
	if (fd < 0 && errno == ESRCH) {
		if (w)
			watch_free(w);
		return false;
	}
	if (fd >= 0 && (!proc_alive(pid, &again) || again != starttime)) {
		/* exited, or the pid is another process's by now */
		close(fd);
		if (w)
			watch_free(w);
		return false;
	}
	if (!w) {
		w = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*w));
		w->by_name = by_name;
		strlcpy(w->target, target, sizeof(w->target));
		w->pidfd = -1;
		w->next = process_watches;
		process_watches = w;
	}
	EVENT_OFF(w->t);
	if (w->pidfd >= 0)
		close(w->pidfd);
	w->pid = pid;
	w->starttime = starttime;
	w->pidfd = fd;
	if (fd >= 0) {
		event_add_read(master, watch_exited, w, fd, &w->t);
		ANYCAST_DBG_PROBE("process: watching pid %d (%s %s)", pid,
				  by_name ? "name" : "pidfile", target);
	} else {
		/* no pidfd (kernel < 5.3?): the interval finds the death */
		ANYCAST_DBG_PROBE("process: pidfd_open(%d): %s", pid,
				  safe_strerror(errno));
	}
	return true;
}

static void watch_drop(bool by_name, const char *target)
{
	struct process_watch *w = watch_find(by_name, target);

	if (w)
		watch_free(w);
}

static int process_fini(void)
{
	while (process_watches)
		watch_free(process_watches);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* the check                                                              */

static int process_start(struct anycast_probe_run *run)
{
	const struct anycast_probe_config *cfg = run->cfg;
	bool by_name;
	const char *target = run_target(cfg, &by_name);
	char buf[ANYCAST_PIDFILE_MAX + 1];
	uint64_t starttime = 0;
	ssize_t n;
	int pid;

	if (by_name) {
		pid = proc_find_name(target, &starttime);
		if (pid < 0) {
			watch_drop(by_name, target);
			anycast_probe_finish(run, false, "/proc: %s",
					     safe_strerror(errno));
			return 0;
		}
		if (pid == 0) {
			watch_drop(by_name, target);
			anycast_probe_finish(run, false, "no process named %s",
					     target);
			return 0;
		}
	} else {
		n = read_small(target, buf, sizeof(buf), true);
		if (n < 0) {
			watch_drop(by_name, target);
			anycast_probe_finish(
				run, false, "pidfile %s: %s", target,
				errno == EINVAL ? "not a regular file"
						: safe_strerror(errno));
			return 0;
		}
		if (anycast_pidfile_parse(buf, n, &pid) < 0) {
			watch_drop(by_name, target);
			anycast_probe_finish(run, false,
					     "pidfile %s: no valid pid in it",
					     target);
			return 0;
		}
		if (!proc_alive(pid, &starttime)) {
			watch_drop(by_name, target);
			anycast_probe_finish(run, false,
					     "pid %d from %s is not running",
					     pid, target);
			return 0;
		}
	}
	if (!watch_set(by_name, target, pid, starttime)) {
		anycast_probe_finish(run, false, "pid %d %s %s is not running",
				     pid, by_name ? "named" : "from", target);
		return 0;
	}
	snprintf(run->result.detail, sizeof(run->result.detail), "pid %d", pid);
	anycast_probe_finish(run, true, NULL);
	return 0;
}

static void process_stop(struct anycast_probe_run *run)
{
	/* a run is synchronous; watches outlive runs (see release()) */
}

/* ---------------------------------------------------------------------- */
/* configuration                                                          */

static void process_config_read(struct anycast_probe_config *cfg,
				const struct lyd_node *dnode)
{
	if (yang_dnode_exists(dnode, "./pidfile"))
		strlcpy(cfg->process.pidfile,
			yang_dnode_get_string(dnode, "./pidfile"),
			sizeof(cfg->process.pidfile));
	else if (yang_dnode_exists(dnode, "./name"))
		strlcpy(cfg->process.name,
			yang_dnode_get_string(dnode, "./name"),
			sizeof(cfg->process.name));
}

static void process_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	if (yang_dnode_exists(dnode, "./pidfile"))
		vty_out(vty, "  probe process pidfile %s\n",
			yang_dnode_get_string(dnode, "./pidfile"));
	else if (yang_dnode_exists(dnode, "./name"))
		vty_out(vty, "  probe process name %s\n",
			yang_dnode_get_string(dnode, "./name"));
}

static void process_describe(const struct anycast_probe_config *cfg, char *buf,
			     size_t len)
{
	if (cfg->process.pidfile[0])
		snprintf(buf, len, "process pidfile %s", cfg->process.pidfile);
	else
		snprintf(buf, len, "process name %s", cfg->process.name);
}

static bool process_validate(const struct lyd_node *dnode, char *errmsg,
			     size_t errmsg_len)
{
	const char *name;

	if (!yang_dnode_exists(dnode, "./name"))
		return true;
	name = yang_dnode_get_string(dnode, "./name");
	if (anycast_comm_valid(name))
		return true;
	snprintf(errmsg, errmsg_len,
		 "Invalid process name '%s' (1-%d characters, as in "
		 "/proc/PID/comm)",
		 name, ANYCAST_COMM_MAX);
	return false;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_process_clippy.c"
#endif

DEFPY_YANG(probe_process, probe_process_cmd,
	   "probe process <pidfile PATH$pidfile|name NAME$name>",
	   "What to check\n"
	   "A running process: down at once when it exits\n"
	   "Find the process through its pid file\n"
	   "Absolute path of the pid file\n"
	   "Find the process by name (as in /proc/PID/comm)\n"
	   "Process name (at most 15 characters)\n")
{
	if (pidfile) {
		if (pidfile[0] != '/') {
			vty_out(vty, "%% The pid file must be absolute: %s\n",
				pidfile);
			return CMD_WARNING_CONFIG_FAILED;
		}
		if (strlen(pidfile) >= sizeof(((struct anycast_probe_config *)0)
						      ->process.pidfile)) {
			vty_out(vty, "%% Pid file path too long\n");
			return CMD_WARNING_CONFIG_FAILED;
		}
	}
	/* the name: checked by the northbound validation (process_validate) */
	anycast_probe_replace(vty);
	if (pidfile)
		nb_cli_enqueue_change(vty, "./probe/process/pidfile",
				      NB_OP_MODIFY, pidfile);
	else
		nb_cli_enqueue_change(vty, "./probe/process/name", NB_OP_MODIFY,
				      name);
	return anycast_cli_apply(vty);
}

static void process_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_process_cmd);
	/* called once at startup: also the place to clean up at exit */
	hook_register(frr_fini, process_fini);
}

const struct anycast_probe_kind anycast_probe_process = {
	.name = "process",
	.start = process_start,
	.stop = process_stop,
	.config_read = process_config_read,
	.validate = process_validate,
	.cli_show = process_cli_show,
	.describe = process_describe,
	.vty_init = process_vty_init,
	.release = process_release,
};
