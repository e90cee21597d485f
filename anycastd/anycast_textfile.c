// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: writing the metrics textfile safely, off the event loop (see
 * anycast_textfile.h).
 *
 * A job is shared by the loop and its thread and freed by whichever lets
 * go of it last (an atomic reference count).  The thread tells the loop it
 * is over through an eventfd the loop reads; the fd belongs to the job, so
 * it is never closed while the thread may still write to it.
 */
#include <zebra.h>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "log.h"
#include "memory.h"
#include "anycast_frr.h"

#include "anycast_memory.h"
#include "anycast_textfile.h"

extern struct frr_event_loop *master;

#define TMP_TRIES 8

struct anycast_textfile_job {
	atomic_int refs;
	atomic_bool abandoned;
	bool remove_only;
	char dir[1024]; /* paths are at most 1023 (anycast_metrics_path_ok) */
	char base[NAME_MAX + 1];
	struct anycast_textfile_buf *bufs;
	size_t nbufs;

	/* the loop's side */
	int efd; /* -1 for a remove job */
	struct frr_event *t_done;
	anycast_textfile_done_fn done;
	void *arg;

	/* the outcome, set by the thread before it signals efd */
	bool ok;
	char err[2400];
};

static void job_unref(struct anycast_textfile_job *job)
{
	if (atomic_fetch_sub(&job->refs, 1) != 1)
		return;
	for (size_t i = 0; i < job->nbufs; i++)
		XFREE(MTYPE_ANYCAST_METRICS, job->bufs[i].s);
	XFREE(MTYPE_ANYCAST_METRICS, job->bufs);
	if (job->efd >= 0)
		close(job->efd);
	XFREE(MTYPE_ANYCAST_METRICS, job);
}

/* path = dir + "/" + base; false when it cannot be split so */
static bool job_set_path(struct anycast_textfile_job *job, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen;

	if (path[0] != '/' || !slash || !slash[1] ||
	    strlen(slash + 1) >= sizeof(job->base))
		return false;
	dlen = MAX(slash - path, 1); /* "/" for a file in the root */
	if (dlen >= sizeof(job->dir))
		return false;
	memcpy(job->dir, path, dlen);
	job->dir[dlen] = '\0';
	strlcpy(job->base, slash + 1, sizeof(job->base));
	return true;
}

#define job_error(job, ...)                                                    \
	snprintf((job)->err, sizeof((job)->err), __VA_ARGS__)

static int open_dir(struct anycast_textfile_job *job)
{
	int dfd =
		open(job->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (dfd < 0)
		job_error(job, "cannot open the directory %s: %s", job->dir,
			  safe_strerror(errno));
	return dfd;
}

/* a fresh, unguessable name; O_EXCL refuses anything already there */
static int create_tmp(struct anycast_textfile_job *job, int dfd, char *tmp,
		      size_t len)
{
	static atomic_uint fallback;
	uint64_t rnd;
	int fd = -1;

	for (int i = 0; i < TMP_TRIES; i++) {
		if (getrandom(&rnd, sizeof(rnd), GRND_NONBLOCK) != sizeof(rnd))
			/* no entropy yet: still safe (O_EXCL), only guessable
			 */
			rnd = ((uint64_t)getpid() << 32) ^
			      (uint64_t)time(NULL) ^
			      atomic_fetch_add(&fallback, 1);
		snprintf(tmp, len, "%s.tmp.%016" PRIx64, job->base, rnd);
		fd = openat(dfd, tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				    O_CLOEXEC,
			    0644);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0)
		job_error(job, "cannot create a temporary file in %s: %s",
			  job->dir, safe_strerror(errno));
	return fd;
}

static bool write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		s += n;
		len -= n;
	}
	return true;
}

static void job_write(struct anycast_textfile_job *job)
{
	char tmp[NAME_MAX + 32];
	int dfd, fd;

	dfd = open_dir(job);
	if (dfd < 0)
		return;
	fd = create_tmp(job, dfd, tmp, sizeof(tmp));
	if (fd < 0)
		goto out;
	/* 0644 whatever the umask, on the file we just created only */
	if (fchmod(fd, 0644) < 0) {
		job_error(job,
			  "cannot set the mode of a temporary file in %s: %s",
			  job->dir, safe_strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < job->nbufs; i++)
		if (!write_all(fd, job->bufs[i].s, job->bufs[i].len)) {
			job_error(job,
				  "cannot write a temporary file in %s: %s",
				  job->dir, safe_strerror(errno));
			goto fail;
		}
	if (fsync(fd) < 0) {
		job_error(job, "cannot write a temporary file in %s: %s",
			  job->dir, safe_strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		job_error(job, "cannot write a temporary file in %s: %s",
			  job->dir, safe_strerror(errno));
		goto fail;
	}
	fd = -1;
	if (atomic_load(&job->abandoned))
		goto fail; /* nobody wants it any more */
	if (renameat(dfd, tmp, dfd, job->base) < 0) {
		job_error(job, "cannot rename a temporary file to %s/%s: %s",
			  job->dir, job->base, safe_strerror(errno));
		goto fail;
	}
	/* abandoned while renaming: the remove may have come first */
	if (atomic_load(&job->abandoned))
		unlinkat(dfd, job->base, 0);
	job->ok = true;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlinkat(dfd, tmp, 0);
out:
	close(dfd);
}

static void job_remove(struct anycast_textfile_job *job)
{
	int dfd = open_dir(job);

	if (dfd < 0) {
		/* the directory is gone: so is the file */
		job->ok = errno == ENOENT;
		return;
	}
	if (unlinkat(dfd, job->base, 0) < 0 && errno != ENOENT)
		job_error(job, "cannot remove %s/%s: %s", job->dir, job->base,
			  safe_strerror(errno));
	else
		job->ok = true;
	close(dfd);
}

static void *job_thread(void *arg)
{
	struct anycast_textfile_job *job = arg;
	uint64_t one = 1;

	if (job->remove_only)
		job_remove(job);
	else
		job_write(job);
	if (job->efd >= 0 && write(job->efd, &one, sizeof(one)) < 0) {
		/* cannot happen (a counter far from overflow) */
	}
	job_unref(job);
	return NULL;
}

static bool job_start(struct anycast_textfile_job *job, char *err,
		      size_t errlen)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t tid;
	int rc;

	/* signals stay with the event loop's thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&job->refs, 1); /* the thread's */
	rc = pthread_create(&tid, &attr, job_thread, job);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc == 0)
		return true;
	atomic_fetch_sub(&job->refs, 1);
	snprintf(err, errlen, "cannot start a thread to write it: %s",
		 safe_strerror(rc));
	return false;
}

static struct anycast_textfile_job *job_new(const char *path)
{
	struct anycast_textfile_job *job;

	job = XCALLOC(MTYPE_ANYCAST_METRICS, sizeof(*job));
	atomic_init(&job->refs, 1);
	atomic_init(&job->abandoned, false);
	job->efd = -1;
	if (!job_set_path(job, path)) {
		XFREE(MTYPE_ANYCAST_METRICS, job);
		return NULL;
	}
	return job;
}

static void job_done(struct frr_event *t)
{
	struct anycast_textfile_job *job = EVENT_ARG(t);
	uint64_t n;

	if (read(job->efd, &n, sizeof(n)) < 0 && errno == EAGAIN) {
		event_add_read(master, job_done, job, job->efd, &job->t_done);
		return;
	}
	job->done(job->arg, job->ok, job->ok ? "" : job->err);
	job_unref(job);
}

struct anycast_textfile_job *
anycast_textfile_write(const char *path, struct anycast_textfile_buf *bufs,
		       size_t nbufs, anycast_textfile_done_fn done, void *arg,
		       char *err, size_t errlen)
{
	struct anycast_textfile_job *job = job_new(path);

	if (!job) {
		for (size_t i = 0; i < nbufs; i++)
			XFREE(MTYPE_ANYCAST_METRICS, bufs[i].s);
		XFREE(MTYPE_ANYCAST_METRICS, bufs);
		snprintf(err, errlen, "unusable path %s", path);
		return NULL;
	}
	job->bufs = bufs;
	job->nbufs = nbufs;
	job->done = done;
	job->arg = arg;
	job->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (job->efd < 0) {
		snprintf(err, errlen, "cannot write it: eventfd: %s",
			 safe_strerror(errno));
		job_unref(job);
		return NULL;
	}
	if (!job_start(job, err, errlen)) {
		job_unref(job);
		return NULL;
	}
	event_add_read(master, job_done, job, job->efd, &job->t_done);
	return job;
}

void anycast_textfile_abandon(struct anycast_textfile_job *job, int wait_ms)
{
	struct pollfd pfd;

	EVENT_OFF(job->t_done);
	atomic_store(&job->abandoned, true);
	if (wait_ms > 0) {
		pfd.fd = job->efd;
		pfd.events = POLLIN;
		(void)poll(&pfd, 1, wait_ms);
	}
	job_unref(job);
}

static void remove_done(void *arg, bool ok, const char *err)
{
	if (!ok)
		zlog_warn("metrics: %s", err);
}

void anycast_textfile_remove(const char *path, bool now)
{
	struct anycast_textfile_job *job = job_new(path);
	char err[128];

	if (!job)
		return;
	job->remove_only = true;
	job->done = remove_done;
	if (!now)
		job->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (now || job->efd < 0 || !job_start(job, err, sizeof(err))) {
		/* right here: at exit, or when no thread can be had */
		job_remove(job);
		remove_done(NULL, !job->err[0], job->err);
		job_unref(job);
		return;
	}
	event_add_read(master, job_done, job, job->efd, &job->t_done);
}
