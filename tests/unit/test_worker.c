// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the worker threads (anycastd/anycast_worker.c) with a real
 * libfrr event loop: a job runs in another thread and completes in the
 * loop; requests for a key in flight join it; a cancelled waiter gets no
 * callback and the late outcome is freed; a hung job does not hold up
 * another key; terminate with a job still hung.
 */
#include <zebra.h>

#include <check.h>
#include <pthread.h>
#include <semaphore.h>

#include "anycast_frr.h"
#include "zlog.h"

#include "anycast_worker.h"
#include "unit_run.h"

struct frr_event_loop *master;

struct tjob {
	int in, out;
	bool worker_thread; /* ran outside the event loop's thread */
	sem_t *gate;	    /* NULL: do not wait */
};

static pthread_t main_tid;
static int freed;

static void tjob_fn(void *data)
{
	struct tjob *j = data;

	if (j->gate)
		sem_wait(j->gate);
	j->worker_thread = !pthread_equal(pthread_self(), main_tid);
	j->out = j->in * 2;
}

static void tjob_free(void *data)
{
	freed++;
}

struct waiter {
	struct anycast_worker_wait w;
	int calls, out;
	bool worker_thread;
};

static void waiter_done(struct anycast_worker_wait *w, void *data)
{
	struct waiter *me = w->arg;
	struct tjob *j = data;

	me->calls++;
	me->out = j->out;
	me->worker_thread = j->worker_thread;
}

static bool timed_out;
static void deadline(struct frr_event *t)
{
	timed_out = true;
}

/* run the loop until *calls reaches want, or ms */
static void loop_for(const int *calls, int want, long ms)
{
	struct frr_event *t = NULL, ev;

	timed_out = false;
	event_add_timer_msec(master, deadline, NULL, ms, &t);
	while (*calls < want && !timed_out && event_fetch(master, &ev))
		event_call(&ev);
	EVENT_OFF(t);
}

static void loop_until(const int *calls, int want)
{
	loop_for(calls, want, 3000);
}

static void run(struct waiter *me, const char *key, int in, sem_t *gate)
{
	struct tjob j = {.in = in, .gate = gate};

	anycast_worker_run(&me->w, key, tjob_fn, tjob_free, &j, sizeof(j),
			   waiter_done, me);
}

START_TEST(test_job_completes_in_loop)
{
	struct waiter a = {};

	run(&a, "k1", 21, NULL);
	ck_assert(anycast_worker_waiting(&a.w));
	ck_assert_int_eq(a.calls, 0); /* never from inside run() */
	loop_until(&a.calls, 1);
	ck_assert_int_eq(a.calls, 1);
	ck_assert_int_eq(a.out, 42);
	ck_assert(a.worker_thread);
	ck_assert(!anycast_worker_waiting(&a.w));
}
END_TEST

START_TEST(test_join_cancel_and_hung)
{
	struct anycast_worker_stats st0, st;
	struct waiter a = {}, b = {}, c = {}, d = {};
	sem_t gate, never;
	int f0 = freed;

	sem_init(&gate, 0, 0);
	sem_init(&never, 0, 0);
	anycast_worker_stats(&st0);
	run(&a, "slow", 1, &gate);
	run(&b, "slow", 99, &gate); /* joins: its data is not used */
	run(&c, "slow", 5, &gate);
	anycast_worker_stats(&st);
	ck_assert_uint_eq(st.jobs, st0.jobs + 1);
	ck_assert_uint_eq(st.joined, st0.joined + 2);
	/* c goes away while the job runs: no callback for it */
	anycast_worker_cancel(&c.w);
	ck_assert(!anycast_worker_waiting(&c.w));

	/* a job that hangs does not hold up another key */
	run(&d, "hung", 7, &never);
	{
		struct waiter e = {};

		run(&e, "other", 4, NULL);
		loop_until(&e.calls, 1);
		ck_assert_int_eq(e.calls, 1);
		ck_assert_int_eq(e.out, 8);
	}
	ck_assert_int_eq(a.calls, 0);
	sem_post(&gate);
	loop_until(&b.calls, 1);
	ck_assert_int_eq(a.calls, 1);
	ck_assert_int_eq(b.calls, 1);
	ck_assert_int_eq(a.out, 2);
	ck_assert_int_eq(b.out, 2); /* the shared job's outcome */
	ck_assert_int_eq(c.calls, 0);
	ck_assert_int_eq(freed, f0 + 2); /* "other" and "slow", once each */

	/* everyone cancels the hung one: its late answer is discarded */
	anycast_worker_cancel(&d.w);
	anycast_worker_stats(&st0);
	sem_post(&never);
	{
		int none = 0;

		/* give the thread time to finish, then drain the loop */
		usleep(100000);
		loop_for(&none, 1, 200); /* runs until the deadline */
	}
	anycast_worker_stats(&st);
	ck_assert_int_eq(d.calls, 0);
	ck_assert_uint_eq(st.discarded, st0.discarded + 1);
	ck_assert_int_eq(freed, f0 + 3);
	ck_assert_uint_le(st.threads, ANYCAST_WORKER_MAX);
}
END_TEST

START_TEST(test_terminate_with_a_hung_job)
{
	struct waiter a = {};
	static sem_t never;

	sem_init(&never, 0, 0);
	run(&a, "stuck", 1, &never);
	usleep(50000); /* it runs (and hangs) */
	anycast_worker_terminate();
	ck_assert(!anycast_worker_waiting(&a.w));
	/* the hung thread finishing later touches nothing of ours */
	sem_post(&never);
	usleep(50000);
	ck_assert_int_eq(a.calls, 0);
	anycast_worker_init();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("worker");
	TCase *tc = tcase_create("worker");

	zlog_aux_init("NONE: ", ZLOG_DISABLED);
	main_tid = pthread_self();
	master = event_master_create("test_worker");
	anycast_worker_init();
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_job_completes_in_loop);
	tcase_add_test(tc, test_join_cancel_and_hung);
	tcase_add_test(tc, test_terminate_with_a_hung_job);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
