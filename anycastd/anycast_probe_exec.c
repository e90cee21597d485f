// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd exec probe: run a command, up when it exits with status 0.
 *
 *   probe exec COMMAND... [shell] [user USER]
 *
 * The command is split into words at spaces and executed directly (no
 * shell, no quoting), or with /bin/sh -c COMMAND in `shell` mode.  The
 * child runs in its own process group as USER (default frr) with a clean
 * environment, stdin from /dev/null, stdout and stderr to a pipe, no other
 * fds, no capabilities and no_new_privs (a setuid binary cannot give it
 * root).  Everything the child needs is prepared before fork(), so the
 * child only makes system calls until execve().  A bare command name is
 * looked up in PATH (/usr/sbin:/usr/bin:/sbin:/bin) by the child, as the
 * user, not by the parent: no file-system access on the event loop; not
 * found is exit 127 with "command not found" as the error.
 *
 * The parent reads the pipe from the event loop and keeps the first line of
 * output in a fixed buffer (the rest is read and discarded, so a chatty
 * command never blocks and memory never grows), and learns of the exit
 * through a pidfd.  stop() kills the whole process group with SIGKILL and
 * reaps the child; one that has not exited yet is reaped later from the
 * event loop (the orphan list), so no zombies are left.
 */
#include <zebra.h>

#include <grp.h>
#include <pwd.h>
#include <linux/capability.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "command.h"
#include "hook.h"
#include "libfrr.h"
#include "memory.h"
#include "network.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "privs.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_exec_args.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_exec.h"
#include "anycast_probe_limit.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;
extern struct zebra_privs_t anycast_privs;

#define EXEC_PATH "/usr/sbin:/usr/bin:/sbin:/bin"
#define EXEC_SHELL "/bin/sh"
/* output read per wakeup (and at exit), in chunks: the loop stays fair */
#define EXEC_READ_BUDGET (64 * 1024)
#define EXEC_READ_CHUNK (16 * 1024)
/* without pidfd (kernel < 5.3): how often to look for the exit */
#define EXEC_POLL_MS 20
/* the child's soft limit on open files (FRR daemons may raise theirs) */
#define EXEC_NOFILE 1024

struct exec_state {
	pid_t pid; /* the child = its process group; 0 once reaped */
	int pidfd; /* -1: the exit is polled with a timer */
	struct frr_event *t_child;
	struct anycast_exec_output out;

	/* prepared before fork() */
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
	char path[PATH_MAX];
	char cmd[ANYCAST_EXEC_CMD_MAX];
	char *argv[ANYCAST_EXEC_ARGV_MAX + 1];
	char env_home[PATH_MAX + 8];
	char env_user[ANYCAST_EXEC_USER_MAX + 8];
	char env_logname[ANYCAST_EXEC_USER_MAX + 8];
	char *envp[5 + ANYCAST_PROBE_ENV_MAX];
};

/* children killed by stop() that had not exited yet: reaped when they do */
struct exec_orphan {
	struct exec_orphan *next;
	pid_t pid;
	int pidfd;
	struct frr_event *t;
};

static struct exec_orphan *exec_orphans;

static void exec_orphan_watch(struct exec_orphan *o);

static void exec_orphan_free(struct exec_orphan *o)
{
	struct exec_orphan **pp;

	for (pp = &exec_orphans; *pp; pp = &(*pp)->next)
		if (*pp == o) {
			*pp = o->next;
			break;
		}
	EVENT_OFF(o->t);
	if (o->pidfd >= 0)
		close(o->pidfd);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, o);
	anycast_probe_budget_unhold(ANYCAST_BUDGET_ORPHAN);
}

static void exec_orphan_event(struct frr_event *t)
{
	struct exec_orphan *o = EVENT_ARG(t);
	pid_t r = waitpid(o->pid, NULL, WNOHANG);

	if (r == 0 || (r < 0 && errno == EINTR)) {
		exec_orphan_watch(o);
		return;
	}
	ANYCAST_DBG_PROBE("exec: reaped killed child %d", (int)o->pid);
	exec_orphan_free(o);
}

static void exec_orphan_watch(struct exec_orphan *o)
{
	if (o->pidfd >= 0)
		event_add_read(master, exec_orphan_event, o, o->pidfd, &o->t);
	else
		event_add_timer_msec(master, exec_orphan_event, o,
				     EXEC_POLL_MS * 5, &o->t);
}

/*
 * Kill the child's process group and reap the child (later, if it has not
 * exited yet).  Takes over pidfd.  The child must not be reaped yet: then
 * its pid, which is the group id, cannot have been reused.
 */
static void exec_kill(pid_t pid, int pidfd)
{
	struct exec_orphan *o;
	pid_t r;

	if (kill(-pid, SIGKILL) < 0)
		kill(pid, SIGKILL); /* setpgid failed?  the child at least */
	r = waitpid(pid, NULL, WNOHANG);
	if (r == pid || (r < 0 && errno == ECHILD)) {
		if (pidfd >= 0)
			close(pidfd);
		return;
	}
	/*
	 * Not dead yet (e.g. in uninterruptible sleep): it keeps a process
	 * and its pidfd, so it holds a budget slot until it is reaped; with
	 * the budget full, new runs wait instead of forking more.
	 */
	anycast_probe_budget_hold(ANYCAST_BUDGET_ORPHAN);
	o = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*o));
	o->pid = pid;
	o->pidfd = pidfd;
	o->next = exec_orphans;
	exec_orphans = o;
	exec_orphan_watch(o);
}

static int exec_fini(void)
{
	/* exiting: init reaps what is left, but free what we hold */
	while (exec_orphans)
		exec_orphan_free(exec_orphans);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* the child: async-signal-safe calls only (the daemon has threads)       */

static size_t child_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void child_puts(int fd, const char *s)
{
	ssize_t n;
	size_t len = child_strlen(s);

	while (len) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= n;
	}
}

static void child_put_errno(int fd, int err)
{
	char num[16];
	int i = sizeof(num) - 1;
	unsigned int v = err < 0 ? 0 : err;

	switch (err) {
	case ENOENT:
		child_puts(fd, "No such file or directory");
		return;
	case EACCES:
		child_puts(fd, "Permission denied");
		return;
	case EPERM:
		child_puts(fd, "Operation not permitted");
		return;
	case ENOEXEC:
		child_puts(fd, "Exec format error");
		return;
	case ENOTDIR:
		child_puts(fd, "Not a directory");
		return;
	case ENOMEM:
		child_puts(fd, "Cannot allocate memory");
		return;
	case E2BIG:
		child_puts(fd, "Argument list too long");
		return;
	}
	num[i] = '\0';
	do {
		num[--i] = '0' + v % 10;
		v /= 10;
	} while (v && i > 0);
	child_puts(fd, "errno ");
	child_puts(fd, num + i);
}

/* The first output line, so it shows as the probe's error. */
static void __attribute__((noreturn))
child_fail(int fd, const char *what, const char *arg, int err, int status)
{
	child_puts(fd, "exec probe: ");
	child_puts(fd, what);
	if (arg) {
		child_puts(fd, " ");
		child_puts(fd, arg);
	}
	child_puts(fd, ": ");
	child_put_errno(fd, err);
	child_puts(fd, "\n");
	_exit(status);
}

static void child_drop_caps(int fd)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	memset(data, 0, sizeof(data));
	/* ambient first (EINVAL before Linux 4.3: there are none then) */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL)
		child_fail(fd, "clearing ambient capabilities", NULL, errno,
			   126);
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		child_fail(fd, "PR_SET_KEEPCAPS", NULL, errno, 126);
	if (syscall(SYS_capset, &hdr, data) < 0)
		child_fail(fd, "dropping capabilities", NULL, errno, 126);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(fd, "PR_SET_NO_NEW_PRIVS", NULL, errno, 126);
}

/*
 * A bare command name, looked up here in the child (as execvp() does, but
 * without its allocations): in the parent every stat() of the search was
 * file-system access on the event loop, and here it is also done with the
 * user's own permissions.  Not found: exit 127 with a clear first line.
 */
static void __attribute__((noreturn))
child_exec_path(const struct exec_state *st)
{
	const char *prog = st->argv[0];
	size_t plen = strlen(prog);
	char path[sizeof(EXEC_PATH) + ANYCAST_EXEC_CMD_MAX + 1];
	int denied = 0;

	for (const char *dir = EXEC_PATH; *dir;) {
		size_t dlen = strcspn(dir, ":");

		/* fits: a command has at most ANYCAST_EXEC_CMD_MAX - 1 */
		memcpy(path, dir, dlen);
		path[dlen] = '/';
		memcpy(path + dlen + 1, prog, plen + 1);
		execve(path, st->argv, st->envp);
		if (errno == EACCES)
			denied = EACCES;
		else if (errno != ENOENT && errno != ENOTDIR)
			child_fail(2, "execve", path, errno, 126);
		dir += dlen;
		if (*dir == ':')
			dir++;
	}
	if (denied)
		child_fail(2, prog, NULL, denied, 126);
	child_puts(2, "exec probe: ");
	child_puts(2, prog);
	child_puts(2, ": command not found (PATH " EXEC_PATH ")\n");
	_exit(127);
}

static void __attribute__((noreturn))
exec_child(const struct exec_state *st, int wfd)
{
	struct sigaction dfl;
	struct rlimit rl;
	sigset_t none;
	int fd;

	/* own process group: stop() kills the group */
	setpgid(0, 0);

	/* FRR's handlers and ignored signals (SIGPIPE!) are not the child's */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &dfl, NULL); /* EINVAL for some: fine */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* stdin /dev/null, stdout and stderr the pipe, nothing else */
	if (wfd < 3) {
		fd = fcntl(wfd, F_DUPFD, 3);
		if (fd < 0)
			_exit(126);
		wfd = fd;
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0)
		child_fail(wfd, "open", "/dev/null", errno, 126);
	if (dup2(fd, 0) < 0 || dup2(wfd, 1) < 0 || dup2(wfd, 2) < 0)
		child_fail(wfd, "dup2", NULL, errno, 126);
	if (close_range(3, ~0U, 0) < 0) {
		unsigned long max = 65536;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < max)
			max = rl.rlim_cur;
		for (unsigned long i = 3; i < max; i++)
			close(i);
	}

	/* the configured user, with its groups, for good */
	if (setgroups(st->ngroups, st->groups) < 0 &&
	    !(errno == EPERM && getuid() == st->uid && getgid() == st->gid))
		child_fail(2, "setgroups", NULL, errno, 126);
	if (setgid(st->gid) < 0)
		child_fail(2, "setgid", NULL, errno, 126);
	if (setuid(st->uid) < 0)
		child_fail(2, "setuid", NULL, errno, 126);
	child_drop_caps(2);
	/* paranoia: there is no way back */
	if (getuid() != st->uid || geteuid() != st->uid ||
	    getgid() != st->gid || getegid() != st->gid ||
	    (st->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) ||
	    (st->gid != 0 && (setgid(0) == 0 || setegid(0) == 0)))
		child_fail(2, "dropping privileges", NULL, EPERM, 126);

	/* limits: no core files, a conventional number of open files */
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > EXEC_NOFILE) {
		rl.rlim_cur = EXEC_NOFILE;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	umask(022);
	if (chdir("/") < 0)
		child_fail(2, "chdir", "/", errno, 126);

	if (st->path[0]) {
		execve(st->path, st->argv, st->envp);
		child_fail(2, "execve", st->path, errno, 127);
	}
	child_exec_path(st);
}

/* ---------------------------------------------------------------------- */
/* the parent                                                             */

#define run_error(run, ...)                                                    \
	snprintfrr((run)->result.error, sizeof((run)->result.error),           \
		   __VA_ARGS__)

/* User, groups, program, argv and environment for the child. */
static int exec_prepare(struct anycast_probe_run *run, struct exec_state *st)
{
	const struct anycast_probe_config *cfg = run->cfg;
	const char *user = cfg->exec.user;
	char *prog;

	if (!cfg->exec.user_ok) {
		run_error(run, "%s", cfg->exec.user_error);
		return -1;
	}
	st->uid = cfg->exec.uid;
	st->gid = cfg->exec.gid;
	snprintf(st->env_home, sizeof(st->env_home), "HOME=%s", cfg->exec.home);
	snprintf(st->env_user, sizeof(st->env_user), "USER=%s", user);
	snprintf(st->env_logname, sizeof(st->env_logname), "LOGNAME=%s", user);
	st->envp[0] = (char *)"PATH=" EXEC_PATH;
	st->envp[1] = st->env_home;
	st->envp[2] = st->env_user;
	st->envp[3] = st->env_logname;
	/* the caller's entries (on-change hooks), owned by the run */
	for (size_t i = 0; i < run->nenv; i++)
		st->envp[4 + i] = run->env[i];
	st->envp[4 + run->nenv] = NULL;

	st->ngroups = cfg->exec.ngroups;
	st->groups = XCALLOC(MTYPE_ANYCAST_PROBE_RUN,
			     MAX(st->ngroups, 1) * sizeof(gid_t));
	memcpy(st->groups, cfg->exec.groups, st->ngroups * sizeof(gid_t));

	strlcpy(st->cmd, run->cfg->exec.command, sizeof(st->cmd));
	if (run->cfg->exec.shell) {
		strlcpy(st->path, EXEC_SHELL, sizeof(st->path));
		st->argv[0] = (char *)"sh";
		st->argv[1] = (char *)"-c";
		st->argv[2] = st->cmd;
		st->argv[3] = NULL;
		return 0;
	}
	if (anycast_exec_split(st->cmd, st->argv, ANYCAST_EXEC_ARGV_MAX) <= 0) {
		run_error(run, "no command to run");
		return -1;
	}
	prog = st->argv[0];
	/* a bare name (path ""): the child looks it up in PATH */
	if (strchr(prog, '/'))
		strlcpy(st->path, prog, sizeof(st->path));
	return 0;
}

/* Read what the pipe holds, up to budget bytes; false once it is closed. */
static bool exec_drain(struct anycast_probe_run *run, size_t budget)
{
	static char buf[EXEC_READ_CHUNK]; /* only the first line is kept */
	struct exec_state *st = run->priv;
	size_t got = 0;
	ssize_t n;

	while (run->fd >= 0 && got < budget) {
		n = read(run->fd, buf, sizeof(buf));
		if (n > 0) {
			anycast_exec_output_feed(&st->out, buf, n);
			got += n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		/* end of output (or an error: treated the same) */
		EVENT_OFF(run->t_io);
		close(run->fd);
		run->fd = -1;
	}
	return run->fd >= 0;
}

static void exec_readable(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);

	if (exec_drain(run, EXEC_READ_BUDGET))
		event_add_read(master, exec_readable, run, run->fd, &run->t_io);
}

static void exec_child_event(struct frr_event *t);

static void exec_watch(struct anycast_probe_run *run)
{
	struct exec_state *st = run->priv;

	if (st->pidfd >= 0)
		event_add_read(master, exec_child_event, run, st->pidfd,
			       &st->t_child);
	else
		event_add_timer_msec(master, exec_child_event, run,
				     EXEC_POLL_MS, &st->t_child);
}

static void exec_child_event(struct frr_event *t)
{
	struct anycast_probe_run *run = EVENT_ARG(t);
	struct exec_state *st = run->priv;
	const char *line;
	char how[48];
	siginfo_t si;

	/* look, don't reap: the group is killed first (stop) */
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, st->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
		int err = errno;

		if (err == EINTR) {
			exec_watch(run);
			return;
		}
		st->pid = 0; /* gone: not ours to kill any more */
		anycast_probe_finish(run, false, "waiting for the command: %s",
				     safe_strerror(err));
		return;
	}
	if (si.si_pid == 0) {
		exec_watch(run);
		return;
	}

	/* what it wrote before exiting is in the pipe by now */
	exec_drain(run, EXEC_READ_BUDGET);
	line = anycast_exec_output_line(&st->out);
	if (si.si_code == CLD_EXITED)
		snprintf(how, sizeof(how), "exit %d", si.si_status);
	else
		snprintf(how, sizeof(how), "killed by signal %d%s",
			 si.si_status,
			 si.si_code == CLD_DUMPED ? " (core dumped)" : "");
	ANYCAST_DBG_PROBE("exec: pid %d %s after %" PRIu64
			  " bytes of output: %s",
			  (int)st->pid, how, st->out.total, line);

	if (si.si_code == CLD_EXITED && si.si_status == 0) {
		strlcpy(run->result.detail, line[0] ? line : how,
			sizeof(run->result.detail));
		anycast_probe_finish(run, true, NULL);
		return;
	}
	strlcpy(run->result.detail, how, sizeof(run->result.detail));
	anycast_probe_finish(run, false, "%s%s%s", how, line[0] ? ": " : "",
			     line);
}

static void exec_stop(struct anycast_probe_run *run)
{
	struct exec_state *st = run->priv;

	EVENT_OFF(run->t_io);
	if (run->fd >= 0) {
		close(run->fd);
		run->fd = -1;
	}
	if (!st)
		return;
	EVENT_OFF(st->t_child);
	if (st->pid > 0) {
		ANYCAST_DBG_PROBE("exec: stopping process group %d",
				  (int)st->pid);
		exec_kill(st->pid, st->pidfd);
		st->pid = 0;
		st->pidfd = -1;
	}
	if (st->pidfd >= 0)
		close(st->pidfd);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, st->groups);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, run->priv);
}

static int exec_start(struct anycast_probe_run *run)
{
	struct exec_state *st;
	int pfd[2];
	pid_t pid = -1;
	int err = 0;

	st = run->priv = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*st));
	st->pidfd = -1;
	anycast_exec_output_init(&st->out);
	if (exec_prepare(run, st) < 0) {
		exec_stop(run);
		return -1;
	}
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		/* no fds: no result, not the command's failure */
		anycast_probe_note_errno(run, errno);
		run_error(run, "pipe: %s", safe_strerror(errno));
		exec_stop(run);
		return -1;
	}
	set_nonblocking(pfd[0]);

	/* CAP_SETUID/CAP_SETGID, inherited by the child for setuid() */
	frr_with_privs (&anycast_privs) {
		pid = fork();
		if (pid == 0)
			exec_child(st, pfd[1]);
		err = errno;
	}
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		/* EAGAIN (RLIMIT_NPROC, no pid), ENOMEM: no result */
		anycast_probe_note_errno(run, err);
		run_error(run, "fork: %s", safe_strerror(err));
		exec_stop(run);
		return -1;
	}
	run->fd = pfd[0];
	st->pid = pid;
	/* as the child does: whoever is first (EACCES after its execve) */
	setpgid(pid, pid);
	st->pidfd = pidfd_open(pid, 0);
	ANYCAST_DBG_PROBE("exec: started pid %d as %s%s: %s", (int)pid,
			  run->cfg->exec.user,
			  run->cfg->exec.shell ? " (shell)" : "",
			  run->cfg->exec.command);

	event_add_read(master, exec_readable, run, run->fd, &run->t_io);
	exec_watch(run);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* configuration                                                          */

static const char *exec_group_name(gid_t gid, void *arg)
{
	struct group *gr = getgrgid(gid);

	return gr ? gr->gr_name : NULL;
}

/*
 * The user a command runs as, looked up: uid, gid, supplementary groups
 * and home in cfg (type exec).  False, with the reason in errmsg, for a
 * user that does not exist, has uid 0, or is in a root-equivalent group.
 * cmd names the command for the messages ("probe exec").  The northbound
 * validation and the configuration read both use it.
 */
static bool exec_user_lookup(struct anycast_probe_config *cfg, const char *cmd,
			     char *errmsg, size_t errmsg_len)
{
	const char *user = cfg->exec.user;
	struct passwd *pw;
	int n = array_size(cfg->exec.groups);
	char why[64];

	errno = 0;
	pw = getpwnam(user);
	if (!pw) {
		if (errno)
			snprintfrr(errmsg, errmsg_len, "User '%s': %s", user,
				   safe_strerror(errno));
		else
			snprintfrr(errmsg, errmsg_len, "Unknown user '%s'",
				   user);
		return false;
	}
	if (pw->pw_uid == 0) {
		snprintfrr(errmsg, errmsg_len,
			   "User '%s' has uid 0: %s commands run unprivileged",
			   user, cmd);
		return false;
	}
	cfg->exec.uid = pw->pw_uid;
	cfg->exec.gid = pw->pw_gid;
	strlcpy(cfg->exec.home, pw->pw_dir, sizeof(cfg->exec.home));
	if (getgrouplist(user, cfg->exec.gid, cfg->exec.groups, &n) < 0) {
		snprintfrr(errmsg, errmsg_len,
			   "User '%s' is in more than %zu groups", user,
			   array_size(cfg->exec.groups));
		return false;
	}
	cfg->exec.ngroups = n;
	if (!anycast_exec_groups_ok(cfg->exec.gid, cfg->exec.groups, n,
				    exec_group_name, NULL, why, sizeof(why))) {
		snprintfrr(errmsg, errmsg_len,
			   "User '%s' has %s, which is root-equivalent: %s "
			   "commands run unprivileged",
			   user, why, cmd);
		return false;
	}
	return true;
}

static const char *exec_cmd_name(const struct lyd_node *dnode)
{
	const struct lyd_node *parent = lyd_parent(dnode);

	return parent && strmatch(parent->schema->name, "on-change")
		       ? "on-change exec"
		       : "probe exec";
}

static void exec_read(struct anycast_probe_config *cfg,
		      const struct lyd_node *dnode)
{
	cfg->type = ANYCAST_PROBE_EXEC;
	strlcpy(cfg->exec.command, yang_dnode_get_string(dnode, "./command"),
		sizeof(cfg->exec.command));
	cfg->exec.shell = yang_dnode_get_bool(dnode, "./shell");
	strlcpy(cfg->exec.user, yang_dnode_get_string(dnode, "./user"),
		sizeof(cfg->exec.user));
}

bool anycast_exec_validate(const struct lyd_node *dnode, char *errmsg,
			   size_t errmsg_len)
{
	struct anycast_probe_config *cfg;
	const char *cmd = exec_cmd_name(dnode);
	char *words[ANYCAST_EXEC_ARGV_MAX + 1];
	bool ok;

	/* large (the command, 32 groups): not on the stack */
	cfg = XCALLOC(MTYPE_TMP, sizeof(*cfg));
	exec_read(cfg, dnode);
	ok = anycast_exec_split(cfg->exec.command, words,
				ANYCAST_EXEC_ARGV_MAX) > 0;
	if (!ok)
		snprintfrr(errmsg, errmsg_len,
			   "No command given (%s COMMAND... [shell] "
			   "[user USER])",
			   cmd);
	else
		ok = exec_user_lookup(cfg, cmd, errmsg, errmsg_len);
	XFREE(MTYPE_TMP, cfg);
	return ok;
}

/*
 * Look the user up once, when the command is configured: no NSS look-up
 * (possibly LDAP) in the event loop on every run.  The northbound
 * validation refused what cannot be used; a user changed since (deleted,
 * added to a root-equivalent group) makes the runs fail with the reason.
 */
void anycast_exec_config_read(struct anycast_probe_config *cfg,
			      const struct lyd_node *dnode)
{
	exec_read(cfg, dnode);
	cfg->exec.user_ok = exec_user_lookup(cfg, exec_cmd_name(dnode),
					     cfg->exec.user_error,
					     sizeof(cfg->exec.user_error));
}

void anycast_exec_cli_words(const struct lyd_node *dnode, char *buf, size_t len)
{
	/* the shortest line that reads back to the same configuration */
	anycast_exec_format(yang_dnode_get_string(dnode, "./command"),
			    yang_dnode_get_bool(dnode, "./shell"),
			    yang_dnode_get_string(dnode, "./user"),
			    ANYCAST_EXEC_DEFAULT_USER, buf, len);
}

static void exec_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	char buf[ANYCAST_EXEC_CMD_MAX + 64];

	anycast_exec_cli_words(dnode, buf, sizeof(buf));
	vty_out(vty, "  probe exec %s\n", buf);
}

static void exec_describe(const struct anycast_probe_config *cfg, char *buf,
			  size_t len)
{
	char line[ANYCAST_EXEC_CMD_MAX + 64];

	anycast_exec_format(cfg->exec.command, cfg->exec.shell, cfg->exec.user,
			    ANYCAST_EXEC_DEFAULT_USER, line, sizeof(line));
	snprintf(buf, len, "exec %s", line);
}

int anycast_exec_cli_parse(struct vty *vty, int argc, struct cmd_token **argv,
			   int first, const char *cmd,
			   struct anycast_exec_opts *o)
{
	char *words;
	int ret = CMD_WARNING_CONFIG_FAILED;

	words = argv_concat(argv, argc, first);
	switch (anycast_exec_parse(words ? words : "", o)) {
	case ANYCAST_EXEC_PARSE_OK:
		ret = CMD_SUCCESS;
		break;
	case ANYCAST_EXEC_PARSE_EMPTY:
		vty_out(vty,
			"%% No command given (%s COMMAND... [shell] "
			"[user USER])\n",
			cmd);
		break;
	case ANYCAST_EXEC_PARSE_TOO_LONG:
		vty_out(vty, "%% Command too long (at most %d characters)\n",
			ANYCAST_EXEC_CMD_MAX - 1);
		break;
	case ANYCAST_EXEC_PARSE_BAD_USER:
		vty_out(vty,
			"%% Invalid user name '%.*s' (1-%d of a-z 0-9 _ -, not "
			"starting with a digit or -)\n",
			(int)o->bad_user_len, o->bad_user,
			ANYCAST_EXEC_USER_MAX - 1);
		break;
	}
	XFREE(MTYPE_TMP, words);
	return ret;
}

void anycast_exec_cli_enqueue(struct vty *vty, const char *base,
			      const struct anycast_exec_opts *o)
{
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "%s/command", base);
	nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, o->command);
	if (o->shell) {
		snprintf(xpath, sizeof(xpath), "%s/shell", base);
		nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, "true");
	}
	if (o->has_user) {
		snprintf(xpath, sizeof(xpath), "%s/user", base);
		nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, o->user);
	}
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_exec_clippy.c"
#endif

DEFPY_YANG(probe_exec, probe_exec_cmd, "probe exec LINE...",
	   "What to check\n"
	   "Run a command: up when it exits with status 0\n"
	   "Command and arguments (split at spaces), then optionally 'shell' "
	   "(run with /bin/sh -c) and/or 'user USER' (default frr)\n")
{
	struct anycast_exec_opts o;
	int ret;

	/* argv: probe exec WORD... */
	ret = anycast_exec_cli_parse(vty, argc, argv, 2, "probe exec", &o);
	if (ret != CMD_SUCCESS)
		return ret;
	anycast_probe_replace(vty);
	anycast_exec_cli_enqueue(vty, "./probe/exec", &o);
	return anycast_cli_apply(vty);
}

static void exec_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_exec_cmd);
	/* called once at startup: also the place to clean up at exit */
	hook_register(frr_fini, exec_fini);
}

const struct anycast_probe_kind anycast_probe_exec = {
	.name = "exec",
	.start = exec_start,
	.stop = exec_stop,
	.config_read = anycast_exec_config_read,
	.validate = anycast_exec_validate,
	.cli_show = exec_cli_show,
	.describe = exec_describe,
	.vty_init = exec_vty_init,
};
