// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd worker threads (see anycast_worker.h).
 *
 * Ownership: a job is made, looked up (by key) and freed only in the event
 * loop.  A worker thread touches a job only between taking it off the
 * pending queue and putting it on the done queue, and then only its data;
 * both queues, the job's state and the thread counts are under one mutex.
 * The event loop learns of done jobs from one event (posted by the worker,
 * libfrr's event API is thread-safe), which drains the done queue.
 */
#include <zebra.h>

#include <pthread.h>
#include <signal.h>

#include "jhash.h"
#include "memory.h"
#include "monotime.h"
#include "anycast_frr.h"

#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_worker.h"

extern struct frr_event_loop *master;

enum job_state { JOB_QUEUED, JOB_RUNNING, JOB_DONE };

PREDECL_HASH(job_hash);
PREDECL_DLIST(job_queue);

struct anycast_worker_job {
	struct job_hash_item hitem;  /* in flight, by key (event loop) */
	struct job_queue_item qitem; /* pending or done (under the mutex) */
	enum job_state state;	     /* under the mutex */
	/* terminate let go of it while it ran: its thread frees it (mutex) */
	bool orphaned;
	int64_t started_us; /* monotonic, when it began running */
	struct anycast_worker_waitq_head waiters; /* event loop */
	anycast_worker_fn fn;
	anycast_worker_free_fn fr;
	const char *key; /* after the data */
	size_t size;
	/* the data, aligned for any type */
	union {
		long long ll;
		long double ld;
		void *p;
	} data[];
};

static int job_cmp(const struct anycast_worker_job *a,
		   const struct anycast_worker_job *b)
{
	if (a->fn != b->fn)
		return a->fn < b->fn ? -1 : 1;
	return strcmp(a->key, b->key);
}

static uint32_t job_hashfn(const struct anycast_worker_job *j)
{
	return jhash(j->key, strlen(j->key), 0x5eed1e55);
}

DECLARE_HASH(job_hash, struct anycast_worker_job, hitem, job_cmp, job_hashfn);
DECLARE_DLIST(job_queue, struct anycast_worker_job, qitem);
DECLARE_DLIST(anycast_worker_waitq, struct anycast_worker_wait, item);

static struct job_hash_head inflight;

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
/* under mtx */
static struct job_queue_head pending, done;
static uint32_t nthreads, nidle, nrunning;
static bool posted, stopping, initialized;
/* event loop only */
static uint64_t n_jobs, n_joined, n_discarded, n_inline;
static bool spawn_failed_logged;

static int64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void worker_deliver(struct frr_event *t);

/* under mtx: the event loop will look at the done queue */
static void post_locked(void)
{
	if (posted || stopping)
		return;
	posted = true;
	event_add_event(master, worker_deliver, NULL, 0, NULL);
}

static void job_free(struct anycast_worker_job *job);

static void *worker_main(void *arg)
{
	struct anycast_worker_job *job;

	pthread_mutex_lock(&mtx);
	while (!stopping) {
		job = job_queue_pop(&pending);
		if (!job) {
			nidle++;
			pthread_cond_wait(&cond, &mtx);
			nidle--;
			continue;
		}
		job->state = JOB_RUNNING;
		job->started_us = mono_us();
		nrunning++;
		pthread_mutex_unlock(&mtx);

		job->fn(job->data);

		pthread_mutex_lock(&mtx);
		nrunning--;
		if (stopping) {
			/*
			 * the event loop is gone: a job terminate let go of
			 * is this thread's to free; one terminate has not
			 * looked at yet is terminate's (not running now)
			 */
			bool orphaned = job->orphaned;

			job->state = JOB_DONE;
			nthreads--;
			pthread_mutex_unlock(&mtx);
			if (orphaned)
				job_free(job);
			return NULL;
		}
		job->state = JOB_DONE;
		job_queue_add_tail(&done, job);
		post_locked();
	}
	nthreads--;
	pthread_mutex_unlock(&mtx);
	return NULL;
}

/* under mtx: one more thread, if allowed and possible */
static void spawn_locked(void)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t tid;
	int ret;

	if (nthreads >= ANYCAST_WORKER_MAX)
		return;
	/* signals are the event loop's: the thread blocks every one */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* a stat() or a /proc scan needs little stack */
	pthread_attr_setstacksize(&attr, 256 * 1024);
	ret = pthread_create(&tid, &attr, worker_main, NULL);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret) {
		if (!spawn_failed_logged)
			zlog_warn("worker: cannot start a thread (%s); %u "
				  "running",
				  safe_strerror(ret), nthreads);
		spawn_failed_logged = true;
		return;
	}
	spawn_failed_logged = false;
	nthreads++;
#ifdef HAVE_PTHREAD_SETNAME_NP
	pthread_setname_np(tid, "anycast-worker");
#endif
}

/*
 * Jobs still queued SPAWN_DELAY_MS after one was added, and no thread
 * idle: the threads are slow or hung; one more (up to the maximum).
 */
#define SPAWN_DELAY_MS 10
static struct frr_event *t_spawn;

static void spawn_check(struct frr_event *t)
{
	bool again;

	pthread_mutex_lock(&mtx);
	if (job_queue_count(&pending) && !nidle)
		spawn_locked();
	again = job_queue_count(&pending) && nthreads < ANYCAST_WORKER_MAX;
	pthread_mutex_unlock(&mtx);
	if (again)
		event_add_timer_msec(master, spawn_check, NULL, SPAWN_DELAY_MS,
				     &t_spawn);
}

static void job_free(struct anycast_worker_job *job)
{
	if (job->fr)
		job->fr(job->data);
	XFREE(MTYPE_ANYCAST_WORKER_JOB, job);
}

/* a done job: hand its outcome to every waiter, then free it */
static void job_complete(struct anycast_worker_job *job)
{
	struct anycast_worker_wait *w;

	job_hash_del(&inflight, job);
	if (!anycast_worker_waitq_count(&job->waiters))
		n_discarded++;
	/* one at a time: a callback may cancel another waiter of the job */
	while ((w = anycast_worker_waitq_pop(&job->waiters))) {
		w->job = NULL;
		w->done(w, job->data);
	}
	job_free(job);
}

static void worker_deliver(struct frr_event *t)
{
	struct job_queue_head list;
	struct anycast_worker_job *job;

	job_queue_init(&list);
	pthread_mutex_lock(&mtx);
	posted = false;
	while ((job = job_queue_pop(&done)))
		job_queue_add_tail(&list, job);
	pthread_mutex_unlock(&mtx);
	while ((job = job_queue_pop(&list)))
		job_complete(job);
	job_queue_fini(&list);
}

void anycast_worker_run(struct anycast_worker_wait *w, const char *key,
			anycast_worker_fn fn, anycast_worker_free_fn fr,
			const void *data, size_t size,
			anycast_worker_done_fn done_cb, void *arg)
{
	struct anycast_worker_job *job, ref;
	bool run_here = false;
	size_t klen;

	assert(!w->job);
	w->done = done_cb;
	w->arg = arg;
	ref.fn = fn;
	ref.key = key;
	job = job_hash_find(&inflight, &ref);
	if (job) {
		n_joined++;
		anycast_worker_waitq_add_tail(&job->waiters, w);
		w->job = job;
		return;
	}
	klen = strlen(key) + 1;
	job = XMALLOC(MTYPE_ANYCAST_WORKER_JOB, sizeof(*job) + size + klen);
	memset(job, 0, sizeof(*job));
	job->fn = fn;
	job->fr = fr;
	job->size = size;
	memcpy(job->data, data, size);
	job->key = (char *)job->data + size;
	memcpy((char *)job->data + size, key, klen);
	anycast_worker_waitq_init(&job->waiters);
	anycast_worker_waitq_add_tail(&job->waiters, w);
	w->job = job;
	job_hash_add(&inflight, job);
	n_jobs++;

	pthread_mutex_lock(&mtx);
	job->state = JOB_QUEUED;
	job_queue_add_tail(&pending, job);
	/*
	 * A thread when there is none; more only for jobs that waited
	 * SPAWN_DELAY_MS behind busy threads (spawn_check): a burst of
	 * short calls is one thread's work, a hung call is not.
	 */
	if (!nthreads)
		spawn_locked();
	if (!nthreads) {
		/* no thread at all: better late than never */
		job_queue_del(&pending, job);
		job->state = JOB_RUNNING;
		run_here = true;
	} else {
		pthread_cond_signal(&cond);
	}
	pthread_mutex_unlock(&mtx);
	if (!run_here) {
		if (!t_spawn)
			event_add_timer_msec(master, spawn_check, NULL,
					     SPAWN_DELAY_MS, &t_spawn);
		return;
	}
	n_inline++;
	job->started_us = mono_us();
	job->fn(job->data);
	pthread_mutex_lock(&mtx);
	job->state = JOB_DONE;
	job_queue_add_tail(&done, job);
	post_locked();
	pthread_mutex_unlock(&mtx);
}

void anycast_worker_cancel(struct anycast_worker_wait *w)
{
	struct anycast_worker_job *job = w->job;
	bool unqueued = false;

	if (!job)
		return;
	anycast_worker_waitq_del(&job->waiters, w);
	w->job = NULL;
	if (anycast_worker_waitq_count(&job->waiters))
		return;
	/* nobody waits: a job not started yet is dropped */
	pthread_mutex_lock(&mtx);
	if (job->state == JOB_QUEUED) {
		job_queue_del(&pending, job);
		unqueued = true;
	}
	pthread_mutex_unlock(&mtx);
	if (unqueued) {
		job_hash_del(&inflight, job);
		job_free(job);
	}
}

int64_t anycast_worker_wait_ms(const struct anycast_worker_wait *w)
{
	int64_t ms = -1;

	if (!w->job)
		return -1;
	pthread_mutex_lock(&mtx);
	ms = w->job->state == JOB_QUEUED
		     ? 0
		     : (mono_us() - w->job->started_us) / 1000;
	pthread_mutex_unlock(&mtx);
	return ms;
}

static void stat_fn(void *data)
{
	struct anycast_worker_stat *j = data;

	j->err = stat(j->path, &j->st) == 0 ? 0 : errno;
}

void anycast_worker_stat(struct anycast_worker_wait *w, const char *path,
			 anycast_worker_done_fn done_cb, void *arg)
{
	struct anycast_worker_stat j = {};

	strlcpy(j.path, path, sizeof(j.path));
	anycast_worker_run(w, path, stat_fn, NULL, &j, sizeof(j), done_cb, arg);
}

void anycast_worker_stats(struct anycast_worker_stats *st)
{
	memset(st, 0, sizeof(*st));
	pthread_mutex_lock(&mtx);
	st->threads = nthreads;
	st->idle = nidle;
	st->queued = job_queue_count(&pending);
	st->running = nrunning;
	pthread_mutex_unlock(&mtx);
	st->jobs = n_jobs;
	st->joined = n_joined;
	st->discarded = n_discarded;
	st->inline_runs = n_inline;
}

void anycast_worker_init(void)
{
	job_hash_init(&inflight);
	job_queue_init(&pending);
	job_queue_init(&done);
	initialized = true;
}

void anycast_worker_terminate(void)
{
	struct anycast_worker_job *job;
	struct anycast_worker_wait *w;
	uint32_t hung;

	if (!initialized)
		return;
	EVENT_OFF(t_spawn);
	pthread_mutex_lock(&mtx);
	stopping = true;
	pthread_cond_broadcast(&cond);
	while ((job = job_queue_pop(&pending)))
		job->state = JOB_DONE; /* freed below, with the done ones */
	while ((job = job_queue_pop(&done)))
		;
	hung = nrunning;
	pthread_mutex_unlock(&mtx);
	/* what is not running any more is the event loop's to free */
	frr_each_safe (job_hash, &inflight, job) {
		bool running;

		pthread_mutex_lock(&mtx);
		running = job->state == JOB_RUNNING;
		/* still running: its thread frees it when the call returns */
		job->orphaned = running;
		pthread_mutex_unlock(&mtx);
		while ((w = anycast_worker_waitq_pop(&job->waiters)))
			w->job = NULL;
		job_hash_del(&inflight, job);
		if (!running)
			job_free(job);
	}
	if (hung)
		zlog_notice("worker: %u blocking call(s) still running at exit "
			    "(each freed by its thread if it returns)",
			    hung);
	initialized = false;
}
