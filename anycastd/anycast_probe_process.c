// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd process probe: up while a process runs.
 *
 *   probe process <pidfile PATH|name NAME> [exe PATH] [user USER]
 *
 * A run resolves the pid (from the pid file, or by scanning /proc/PID/comm
 * for an exact name) and checks in /proc/PID/stat that the process exists
 * and is not a zombie.  With exe, /proc/PID/exe must be PATH (or PATH
 * " (deleted)" after an upgrade replaced the binary); with user, the
 * process's real uid must be USER's.  A comm is any user's to choose
 * (prctl(PR_SET_NAME)): `name` alone can be kept up by anybody; by name,
 * the first process that matches name, exe and user counts.
 *
 * Everything a run reads (the pid file, /proc) is read in a worker thread
 * (anycast_worker.h): a pid file on a hung mount blocks that thread, not
 * the daemon, and the run times out.  Runs of objects with the same target
 * share one job in flight.
 *
 * Per target (pid file or name, with exe and user) one shared, counted
 * record (the kind's attach/detach): its users, the pidfd of the process
 * the last run found alive and what the pid file said.  The pidfd becomes
 * readable when the process exits: exactly the objects using that target
 * are kicked (anycast_probe_users_kick) and probe again now.  A restarted
 * process (a new pid) is found by the next run and watched again.
 *
 * Pid reuse: the pidfd is opened after the start time (field 22 of
 * /proc/PID/stat) was read, and the start time is read again afterwards;
 * only when both agree does the pidfd refer to the process that was
 * checked.  A pid file's pid is also checked against its start time: the
 * record remembers the pid file (device, inode, mtime), its pid and that
 * pid's start time the first time the pid is seen alive; while the pid
 * file stays the same, the same pid with another start time is another
 * process (the daemon died, the pid was reused) and does not count.  A pid
 * file rewritten (another mtime or inode) is learnt anew.  (Not compared:
 * the start time with the pid file's mtime -- the wall clock may have been
 * stepped since, e.g. by NTP at boot.  A pid file already stale when
 * anycastd first reads it is therefore not detected; `exe` and `user`
 * narrow what such a pid can be.)
 */
#include <zebra.h>

#include <dirent.h>
#include <pwd.h>
#include <sys/pidfd.h>
#include <sys/stat.h>

#include "command.h"
#include "hook.h"
#include "jhash.h"
#include "libfrr.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "privs.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_users.h"
#include "anycast_process_parse.h"
#include "anycast_vty.h"
#include "anycast_worker.h"

extern struct frr_event_loop *master;
extern struct zebra_privs_t anycast_privs;

#define TARGET_KEY_LEN ANYCAST_WORKER_KEY_LEN

PREDECL_HASH(ptarget_hash);

/* one target, shared by the objects using it */
struct process_target {
	struct ptarget_hash_item hitem;
	char key[TARGET_KEY_LEN];
	struct anycast_probe_users users;
	/* the watch: the process the last run found alive */
	int pid;
	uint64_t starttime;
	int pidfd;
	struct frr_event *t;
	/* the pid file as first seen with its pid alive */
	bool pf_known;
	dev_t pf_dev;
	ino_t pf_ino;
	struct timespec pf_mtime;
	int pf_pid;
	uint64_t pf_start;
};

static int ptarget_cmp(const struct process_target *a,
		       const struct process_target *b)
{
	return strcmp(a->key, b->key);
}

static uint32_t ptarget_hashfn(const struct process_target *t)
{
	return jhash(t->key, strlen(t->key), 0x9e0cf5a1);
}

DECLARE_HASH(ptarget_hash, struct process_target, hitem, ptarget_cmp,
	     ptarget_hashfn);

static struct ptarget_hash_head ptargets = INIT_HASH(ptargets);

static void target_key(const struct anycast_probe_config *cfg, char *buf,
		       size_t len)
{
	snprintf(buf, len, "%s %s%s%s%s%s",
		 cfg->process.pidfile[0] ? "pidfile" : "name",
		 cfg->process.pidfile[0] ? cfg->process.pidfile
					 : cfg->process.name,
		 cfg->process.exe[0] ? " exe " : "", cfg->process.exe,
		 cfg->process.user[0] ? " user " : "", cfg->process.user);
}

static struct process_target *
target_find(const struct anycast_probe_config *cfg)
{
	struct process_target ref;

	target_key(cfg, ref.key, sizeof(ref.key));
	return ptarget_hash_find(&ptargets, &ref);
}

/* ---------------------------------------------------------------------- */
/* in a worker thread: the pid file and /proc                             */

enum pjob_result {
	PJ_OK,
	PJ_PROC_ERR,	/* /proc unreadable (err) */
	PJ_NO_NAME,	/* no live process of that name */
	PJ_NO_MATCH,	/* some of that name, none with exe/user */
	PJ_PIDFILE_ERR, /* err; EINVAL: not a regular file */
	PJ_PIDFILE_BAD, /* no valid pid in it */
	PJ_NOT_RUNNING, /* the pid file's pid */
	PJ_EXE,		/* the pid file's pid runs another exe */
	PJ_USER,	/* ... or as another user */
	PJ_GONE,	/* exited (or reused) while being looked at */
};

struct process_job {
	/* in */
	bool by_name;
	char target[1024];
	char exe[1024];
	bool want_uid;
	uid_t uid;
	/* out */
	enum pjob_result res;
	int err;
	int pid;
	bool alive; /* pid was alive, with starttime */
	uint64_t starttime;
	int pidfd; /* -1: none (the done callback takes it) */
	dev_t pf_dev;
	ino_t pf_ino;
	struct timespec pf_mtime;
	char exe_seen[128]; /* of a mismatch */
	uid_t uid_seen;
	unsigned int mismatched;  /* by name: of that name, not exe/user */
	char first_mismatch[160]; /* "pid N runs X" */
};

/* Read a small file whole (bounded); length or -1 with errno. */
static ssize_t read_small(const char *path, char *buf, size_t size,
			  struct stat *st)
{
	ssize_t n, got = 0;
	int fd, err;

	/* O_NONBLOCK: a FIFO in place of a pid file must not block */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (st && fstat(fd, st) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (st && !S_ISREG(st->st_mode)) {
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
	n = read_small(path, buf, sizeof(buf), NULL);
	if (n <= 0)
		return false;
	if (anycast_proc_stat_parse(buf, n, &state, starttime) < 0)
		return false;
	return !anycast_proc_state_dead(state);
}

/* pid's exe and user as the job wants: PJ_OK, PJ_EXE or PJ_USER */
static enum pjob_result proc_filter(struct process_job *j, int pid)
{
	char path[64], buf[2048];
	uint32_t uid;
	ssize_t n;

	if (j->want_uid) {
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		n = read_small(path, buf, sizeof(buf), NULL);
		if (n <= 0 || anycast_proc_status_ruid(buf, n, &uid) < 0)
			return PJ_GONE;
		if (uid != j->uid) {
			j->uid_seen = uid;
			return PJ_USER;
		}
	}
	if (j->exe[0]) {
		snprintf(path, sizeof(path), "/proc/%d/exe", pid);
		/* another user's process: CAP_SYS_PTRACE (this thread's) */
		frr_with_privs (&anycast_privs) {
			n = readlink(path, buf, sizeof(buf));
		}
		if (n < 0) {
			snprintf(j->exe_seen, sizeof(j->exe_seen), "(%s)",
				 errno == ENOENT ? "no exe: a kernel thread?"
						 : strerror(errno));
			return PJ_EXE;
		}
		if (!anycast_exe_match(buf, n, j->exe)) {
			snprintf(j->exe_seen, sizeof(j->exe_seen), "%.*s",
				 (int)MIN(n, (ssize_t)sizeof(j->exe_seen) - 1),
				 buf);
			return PJ_EXE;
		}
	}
	return PJ_OK;
}

/* The first live process named j->target with exe/user (lowest pid). */
static void proc_find_name(struct process_job *j)
{
	struct dirent *de;
	char path[300], buf[64];
	ssize_t n;
	DIR *d;

	d = opendir("/proc");
	if (!d) {
		j->res = PJ_PROC_ERR;
		j->err = errno;
		return;
	}
	j->res = PJ_NO_NAME;
	while ((de = readdir(d))) {
		uint64_t start;
		char *end;
		long pid;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || pid > ANYCAST_PID_MAX)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
		n = read_small(path, buf, sizeof(buf), NULL);
		if (n <= 0 || !anycast_comm_match(buf, n, j->target))
			continue;
		if (!proc_alive(pid, &start))
			continue;
		switch (proc_filter(j, pid)) {
		case PJ_OK:
			break;
		case PJ_EXE:
			if (!j->mismatched++)
				snprintf(j->first_mismatch,
					 sizeof(j->first_mismatch),
					 "pid %ld runs %s", pid, j->exe_seen);
			j->res = PJ_NO_MATCH;
			continue;
		case PJ_USER:
			if (!j->mismatched++)
				snprintf(j->first_mismatch,
					 sizeof(j->first_mismatch),
					 "pid %ld runs as uid %u", pid,
					 (unsigned int)j->uid_seen);
			j->res = PJ_NO_MATCH;
			continue;
		default:
			continue; /* gone meanwhile */
		}
		j->res = PJ_OK;
		j->pid = pid;
		j->alive = true;
		j->starttime = start;
		break;
	}
	closedir(d);
}

static void proc_read_pidfile(struct process_job *j)
{
	char buf[ANYCAST_PIDFILE_MAX + 1];
	struct stat st;
	ssize_t n;

	n = read_small(j->target, buf, sizeof(buf), &st);
	if (n < 0) {
		j->res = PJ_PIDFILE_ERR;
		j->err = errno;
		return;
	}
	j->pf_dev = st.st_dev;
	j->pf_ino = st.st_ino;
	j->pf_mtime = st.st_mtim;
	if (anycast_pidfile_parse(buf, n, &j->pid) < 0) {
		j->res = PJ_PIDFILE_BAD;
		return;
	}
	if (!proc_alive(j->pid, &j->starttime)) {
		j->res = PJ_NOT_RUNNING;
		return;
	}
	j->alive = true;
	j->res = proc_filter(j, j->pid);
	if (j->res == PJ_GONE)
		j->alive = false;
}

static void process_job_fn(void *data)
{
	struct process_job *j = data;
	uint64_t again;

	j->pidfd = -1;
	if (j->by_name)
		proc_find_name(j);
	else
		proc_read_pidfile(j);
	if (j->res != PJ_OK)
		return;
	/* a pidfd for the watch, of exactly the process checked */
	j->pidfd = pidfd_open(j->pid, 0);
	if (j->pidfd < 0 && errno == ESRCH) {
		j->res = PJ_GONE;
		return;
	}
	if (j->pidfd >= 0 &&
	    (!proc_alive(j->pid, &again) || again != j->starttime)) {
		close(j->pidfd);
		j->pidfd = -1;
		j->res = PJ_GONE;
	}
	/* no pidfd (kernel < 5.3?): the interval finds the death */
}

/* in the event loop: the job's data goes (a pidfd nobody took) */
static void process_job_free(void *data)
{
	struct process_job *j = data;

	if (j->pidfd >= 0)
		close(j->pidfd);
}

/* ---------------------------------------------------------------------- */
/* targets and their watches                                              */

static void watch_close(struct process_target *t)
{
	EVENT_OFF(t->t);
	if (t->pidfd >= 0)
		close(t->pidfd);
	t->pidfd = -1;
	t->pid = 0;
	t->starttime = 0;
}

static void watch_exited(struct frr_event *ev)
{
	struct process_target *t = EVENT_ARG(ev);

	ANYCAST_DBG_PROBE("process: pid %d (%s) exited, kicking %u object(s)",
			  t->pid, t->key, t->users.n);
	watch_close(t);
	/* the users of this target, no other object */
	anycast_probe_users_kick(&t->users);
}

/* A run found pid (started at starttime) alive: watch it (takes *fd). */
static void watch_set(struct process_target *t, int pid, uint64_t starttime,
		      int *fd)
{
	if (t->pidfd >= 0 && t->pid == pid && t->starttime == starttime)
		return; /* watched already */
	watch_close(t);
	t->pid = pid;
	t->starttime = starttime;
	t->pidfd = *fd;
	*fd = -1;
	if (t->pidfd >= 0) {
		event_add_read(master, watch_exited, t, t->pidfd, &t->t);
		ANYCAST_DBG_PROBE("process: watching pid %d (%s)", pid, t->key);
	}
}

static void process_attach(const struct anycast_probe_config *cfg)
{
	struct process_target *t = target_find(cfg);

	if (!t) {
		t = XCALLOC(MTYPE_ANYCAST_PROCESS_TARGET, sizeof(*t));
		target_key(cfg, t->key, sizeof(t->key));
		t->pidfd = -1;
		ptarget_hash_add(&ptargets, t);
	}
	anycast_probe_users_add(&t->users, cfg);
}

static void target_free(struct process_target *t)
{
	watch_close(t);
	ptarget_hash_del(&ptargets, t);
	anycast_probe_users_fini(&t->users);
	XFREE(MTYPE_ANYCAST_PROCESS_TARGET, t);
}

static void process_detach(const struct anycast_probe_config *cfg)
{
	struct process_target *t = target_find(cfg);

	if (!t || !anycast_probe_users_del(&t->users, cfg) || t->users.n)
		return;
	ANYCAST_DBG_PROBE("process: no longer watching %s", t->key);
	target_free(t);
}

static int process_fini(void)
{
	struct process_target *t;

	while ((t = ptarget_hash_first(&ptargets)))
		target_free(t);
	return 0;
}

/*
 * The pid file's pid against what the target remembers: false when the
 * pid file is unchanged but its pid now belongs to a process started
 * later (the pid was reused).  Learns the pid file otherwise.
 */
static bool pidfile_pid_current(struct process_target *t,
				const struct process_job *j)
{
	bool same_file = t->pf_known && t->pf_dev == j->pf_dev &&
			 t->pf_ino == j->pf_ino &&
			 t->pf_mtime.tv_sec == j->pf_mtime.tv_sec &&
			 t->pf_mtime.tv_nsec == j->pf_mtime.tv_nsec &&
			 t->pf_pid == j->pid;

	if (same_file)
		return t->pf_start == j->starttime;
	t->pf_known = true;
	t->pf_dev = j->pf_dev;
	t->pf_ino = j->pf_ino;
	t->pf_mtime = j->pf_mtime;
	t->pf_pid = j->pid;
	t->pf_start = j->starttime;
	return true;
}

/* ---------------------------------------------------------------------- */
/* the check                                                              */

struct process_run {
	struct anycast_worker_wait w;
	struct process_target *target; /* NULL: not attached (no watch) */
};

static void process_job_done(struct anycast_worker_wait *w, void *data)
{
	struct anycast_probe_run *run = w->arg;
	struct process_run *pr = run->priv;
	struct process_target *t = pr->target;
	const struct anycast_probe_config *cfg = run->cfg;
	struct process_job *j = data;
	const char *target = j->target;
	const char *filt = cfg->process.user[0] && cfg->process.exe[0]
				   ? "exe and user"
			   : cfg->process.exe[0] ? "exe"
						 : "user";

	if (j->res != PJ_OK && t)
		watch_close(t);
	if (!j->by_name && j->alive && t && !pidfile_pid_current(t, j)) {
		watch_close(t);
		anycast_probe_finish_lost(run,
					  "pid %d from %s is another process "
					  "now (started after the pid file "
					  "named it)",
					  j->pid, target);
		return;
	}
	switch (j->res) {
	case PJ_OK:
		break;
	case PJ_PROC_ERR:
		anycast_probe_finish(run, false, "/proc: %s",
				     safe_strerror(j->err));
		return;
	case PJ_NO_NAME:
		anycast_probe_finish_lost(run, "no process named %s", target);
		return;
	case PJ_NO_MATCH:
		anycast_probe_finish(run, false,
				     "no process named %s with that %s (%u "
				     "other: %s)",
				     target, filt, j->mismatched,
				     j->first_mismatch);
		return;
	case PJ_PIDFILE_ERR:
		if (j->err == ENOENT) {
			/* a service removes its pid file when it stops */
			anycast_probe_finish_lost(run, "pidfile %s: %s", target,
						  safe_strerror(j->err));
			return;
		}
		anycast_probe_finish(run, false, "pidfile %s: %s", target,
				     j->err == EINVAL ? "not a regular file"
						      : safe_strerror(j->err));
		return;
	case PJ_PIDFILE_BAD:
		anycast_probe_finish(run, false,
				     "pidfile %s: no valid pid in it", target);
		return;
	case PJ_NOT_RUNNING:
		anycast_probe_finish_lost(run, "pid %d from %s is not running",
					  j->pid, target);
		return;
	case PJ_EXE:
		anycast_probe_finish(run, false, "pid %d runs %s, not %s",
				     j->pid, j->exe_seen, cfg->process.exe);
		return;
	case PJ_USER:
		anycast_probe_finish(
			run, false, "pid %d runs as uid %u, not %s (uid %u)",
			j->pid, (unsigned int)j->uid_seen, cfg->process.user,
			(unsigned int)cfg->process.uid);
		return;
	case PJ_GONE:
		anycast_probe_finish_lost(run, "pid %d %s %s is not running",
					  j->pid, j->by_name ? "named" : "from",
					  target);
		return;
	}
	if (t)
		watch_set(t, j->pid, j->starttime, &j->pidfd);
	snprintf(run->result.detail, sizeof(run->result.detail), "pid %d",
		 j->pid);
	anycast_probe_finish(run, true, NULL);
}

static int process_start(struct anycast_probe_run *run)
{
	const struct anycast_probe_config *cfg = run->cfg;
	struct process_job j = {};
	struct process_run *pr;
	char key[TARGET_KEY_LEN];

	if (cfg->process.user[0] && !cfg->process.user_ok) {
		snprintf(run->result.error, sizeof(run->result.error),
			 "no user %s", cfg->process.user);
		return -1;
	}
	j.by_name = cfg->process.pidfile[0] == '\0';
	strlcpy(j.target, j.by_name ? cfg->process.name : cfg->process.pidfile,
		sizeof(j.target));
	strlcpy(j.exe, cfg->process.exe, sizeof(j.exe));
	j.want_uid = cfg->process.user[0] != '\0';
	j.uid = cfg->process.uid;
	j.pidfd = -1;
	pr = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*pr));
	pr->target = target_find(cfg);
	run->priv = pr;
	target_key(cfg, key, sizeof(key));
	anycast_worker_run(&pr->w, key, process_job_fn, process_job_free, &j,
			   sizeof(j), process_job_done, run);
	return 0;
}

static void process_stop(struct anycast_probe_run *run)
{
	struct process_run *pr = run->priv;

	if (!pr)
		return;
	anycast_worker_cancel(&pr->w);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

/* ---------------------------------------------------------------------- */
/* configuration                                                          */

/* USER (a name, or a uid in digits): its uid, or -1 */
static int64_t process_user_uid(const char *user)
{
	struct passwd *pw;
	char *end;
	unsigned long v;

	if (user[0] >= '0' && user[0] <= '9') {
		errno = 0;
		v = strtoul(user, &end, 10);
		if (*end || errno || v > UINT32_MAX - 1)
			return -1;
		return (int64_t)v;
	}
	pw = getpwnam(user);
	return pw ? (int64_t)pw->pw_uid : -1;
}

static void process_config_read(struct anycast_probe_config *cfg,
				const struct lyd_node *dnode)
{
	int64_t uid;

	if (yang_dnode_exists(dnode, "./pidfile"))
		strlcpy(cfg->process.pidfile,
			yang_dnode_get_string(dnode, "./pidfile"),
			sizeof(cfg->process.pidfile));
	else if (yang_dnode_exists(dnode, "./name"))
		strlcpy(cfg->process.name,
			yang_dnode_get_string(dnode, "./name"),
			sizeof(cfg->process.name));
	if (yang_dnode_exists(dnode, "./exe"))
		strlcpy(cfg->process.exe, yang_dnode_get_string(dnode, "./exe"),
			sizeof(cfg->process.exe));
	if (yang_dnode_exists(dnode, "./user")) {
		strlcpy(cfg->process.user,
			yang_dnode_get_string(dnode, "./user"),
			sizeof(cfg->process.user));
		/* resolved now: no NSS look-up per run */
		uid = process_user_uid(cfg->process.user);
		cfg->process.user_ok = uid >= 0;
		cfg->process.uid = uid >= 0 ? (uid_t)uid : 0;
	}
}

static void process_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	if (yang_dnode_exists(dnode, "./pidfile"))
		vty_out(vty, "  probe process pidfile %s",
			yang_dnode_get_string(dnode, "./pidfile"));
	else if (yang_dnode_exists(dnode, "./name"))
		vty_out(vty, "  probe process name %s",
			yang_dnode_get_string(dnode, "./name"));
	else
		return;
	if (yang_dnode_exists(dnode, "./exe"))
		vty_out(vty, " exe %s", yang_dnode_get_string(dnode, "./exe"));
	if (yang_dnode_exists(dnode, "./user"))
		vty_out(vty, " user %s",
			yang_dnode_get_string(dnode, "./user"));
	vty_out(vty, "\n");
}

static void process_describe(const struct anycast_probe_config *cfg, char *buf,
			     size_t len)
{
	char key[TARGET_KEY_LEN];

	/* the target's key is its description */
	target_key(cfg, key, sizeof(key));
	snprintf(buf, len, "process %s", key);
}

/* the name a comm can be; the user one that exists */
static bool process_validate(const struct lyd_node *dnode, char *errmsg,
			     size_t errmsg_len)
{
	const char *name, *user;

	if (yang_dnode_exists(dnode, "./name")) {
		name = yang_dnode_get_string(dnode, "./name");
		if (!anycast_comm_valid(name)) {
			snprintf(errmsg, errmsg_len,
				 "Invalid process name '%s' (1-%d characters, "
				 "as in /proc/PID/comm)",
				 name, ANYCAST_COMM_MAX);
			return false;
		}
	}
	if (yang_dnode_exists(dnode, "./user")) {
		user = yang_dnode_get_string(dnode, "./user");
		if (process_user_uid(user) < 0) {
			snprintf(errmsg, errmsg_len, "No such user: %s", user);
			return false;
		}
	}
	return true;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_process_clippy.c"
#endif

DEFPY_YANG(probe_process, probe_process_cmd,
	   "probe process <pidfile PATH$pidfile|name NAME$name> [exe PATH$exe] "
	   "[user WORD$user]",
	   "What to check\n"
	   "A running process: down at once when it exits\n"
	   "Find the process through its pid file\n"
	   "Absolute path of the pid file\n"
	   "Find the process by name (as in /proc/PID/comm)\n"
	   "Process name (at most 15 characters)\n"
	   "Only a process running this executable (/proc/PID/exe)\n"
	   "Absolute path of the executable\n"
	   "Only a process of this user (its real uid)\n"
	   "User name or uid\n")
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
	/* the name and the user: checked by the northbound (process_validate);
	 * exe's absolute path by its YANG type */
	anycast_probe_replace(vty);
	if (pidfile)
		nb_cli_enqueue_change(vty, "./probe/process/pidfile",
				      NB_OP_MODIFY, pidfile);
	else
		nb_cli_enqueue_change(vty, "./probe/process/name", NB_OP_MODIFY,
				      name);
	if (exe)
		nb_cli_enqueue_change(vty, "./probe/process/exe", NB_OP_MODIFY,
				      exe);
	if (user)
		nb_cli_enqueue_change(vty, "./probe/process/user", NB_OP_MODIFY,
				      user);
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
	.attach = process_attach,
	.detach = process_detach,
};
