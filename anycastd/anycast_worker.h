// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd worker threads: blocking system calls off the event loop.
 *
 * A few calls cannot be made non-blocking: stat() of a path (a hung NFS or
 * FUSE mount blocks it for as long as the server does not answer), reading
 * a pid file, scanning /proc, name service look-ups.  Made in the event
 * loop, one hung path froze the whole daemon with every route still
 * announced.  Such a call runs here instead, as a *job*: its function runs
 * in one of a few worker threads and its completion is delivered back in
 * the event loop.
 *
 * Jobs are keyed (e.g. "file /srv/flag"): at most one job per key is in
 * flight.  A request for a key whose job still runs waits for that job
 * (and shares its outcome) instead of starting another: a path that hangs
 * holds one thread, however many objects and runs ask for it, and the
 * requests wait only as long as their own timeouts allow.  Threads are
 * made on demand, up to ANYCAST_WORKER_MAX; idle ones wait for work.
 *
 * The job function runs in a worker thread: it may use only its data and
 * plain system calls (no libfrr: no zlog, no events, no XMALLOC).  Every
 * other step runs in the event loop.  A waiter can be cancelled at any
 * time (its object deleted while the call hangs): the job goes on, and its
 * late outcome is discarded.
 */
#ifndef _ANYCAST_WORKER_H
#define _ANYCAST_WORKER_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "typesafe.h"

/* threads at most: at most as many different keys can hang at once */
#define ANYCAST_WORKER_MAX 16
#define ANYCAST_WORKER_KEY_LEN 2200

struct anycast_worker_job;
struct anycast_worker_wait;

PREDECL_DLIST(anycast_worker_waitq);

/* in a worker thread: do the blocking work on data (input and output) */
typedef void (*anycast_worker_fn)(void *data);
/* in the event loop: the job is done; data is the job's (shared by its
 * waiters, freed after the last one) */
typedef void (*anycast_worker_done_fn)(struct anycast_worker_wait *w,
				       void *data);
/* in the event loop: the job's data is freed (release what it holds, e.g.
 * an fd a done callback did not take); optional */
typedef void (*anycast_worker_free_fn)(void *data);

/* a request waiting for a job; embedded in the requester's object */
struct anycast_worker_wait {
	struct anycast_worker_waitq_item item;
	struct anycast_worker_job *job; /* NULL: not waiting */
	anycast_worker_done_fn done;
	void *arg; /* the requester's */
};

/*
 * Run fn on a copy of data (size bytes) in a worker thread, or wait for
 * the job already in flight under key (same fn: then data is not used).
 * w->done(w, data) follows from the event loop, unless
 * anycast_worker_cancel(w) comes first.  w must not be waiting already.
 */
extern void anycast_worker_run(struct anycast_worker_wait *w, const char *key,
			       anycast_worker_fn fn, anycast_worker_free_fn fr,
			       const void *data, size_t size,
			       anycast_worker_done_fn done, void *arg);

/* Stop waiting (no callback).  Safe when not waiting. */
extern void anycast_worker_cancel(struct anycast_worker_wait *w);

static inline bool anycast_worker_waiting(const struct anycast_worker_wait *w)
{
	return w->job != NULL;
}

/* How long the job w waits for has been running, ms (0: not started yet,
 * -1: w is not waiting). */
extern int64_t anycast_worker_wait_ms(const struct anycast_worker_wait *w);

/*
 * The common job: stat(path).  done(w, data) gets a struct
 * anycast_worker_stat (err: 0 or stat()'s errno).  Jobs of one path are
 * shared by every requester (file probes, the maintenance file).
 */
struct anycast_worker_stat {
	char path[1024];
	int err;
	struct stat st;
};
extern void anycast_worker_stat(struct anycast_worker_wait *w, const char *path,
				anycast_worker_done_fn done, void *arg);

/*
 * What a stat() error says about a path: 1 it exists, 0 it does not
 * (ENOENT, ENOTDIR), -1 cannot tell (EACCES, EIO, ELOOP, ...).
 */
static inline int anycast_worker_stat_presence(int err)
{
	if (!err)
		return 1;
	if (err == ENOENT || err == ENOTDIR)
		return 0;
	return -1;
}

struct anycast_worker_stats {
	uint32_t threads, idle;
	uint32_t queued, running; /* jobs now */
	uint64_t jobs;		  /* jobs started */
	uint64_t joined;	  /* requests that waited for a job in flight */
	uint64_t discarded;	  /* outcomes nobody waited for any more */
	uint64_t inline_runs;	  /* no thread could be made: run in the loop */
};
extern void anycast_worker_stats(struct anycast_worker_stats *st);

extern void anycast_worker_init(void);
/* Discard what is queued or done; threads blocked in a call are left to
 * the exit (they touch nothing but their job). */
extern void anycast_worker_terminate(void);

#endif /* _ANYCAST_WORKER_H */
