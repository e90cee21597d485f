// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd drain of every prefix: the maintenance file and the drain on a
 * clean stop (shutdown-drain).  The drain itself -- the drain tag for
 * drain-time, then the withdraw -- is the prefix module's
 * (anycast_prefix_drain_all()).
 *
 * The maintenance file is looked for once a second (stat(), no I/O on the
 * file): an operator's `touch` drains every prefix within a second, `rm`
 * ends the drain.  The stat() runs in a worker thread (anycast_worker.h):
 * while it hangs (a dead NFS server) the drain keeps its last state and no
 * second stat() is started; that is logged once.  Only ENOENT/ENOTDIR
 * mean "gone": any other error (EACCES, EIO, ELOOP) keeps the last state
 * too, logged -- an unreadable flag never ends a drain by itself.
 *
 * Stop with shutdown-drain SECONDS: the first SIGTERM/SIGINT drains every
 * prefix and returns; anycastd exits as soon as nothing is announced any
 * more (each prefix's drain-time) or after SECONDS, whichever is first,
 * withdrawing what is left.  A second signal exits at once.
 */
#include <zebra.h>

#include <sys/stat.h>

#include "memory.h"
#include "anycast_frr.h"

#include "anycast_debug.h"
#include "anycast_drain.h"
#include "anycast_memory.h"
#include "anycast_prefix.h"
#include "anycast_worker.h"

extern struct frr_event_loop *master;

#define MAINTENANCE_POLL_MS 1000
/* while stopping: how often to look whether everything is withdrawn */
#define SHUTDOWN_POLL_MS 100
/* a stat() of the maintenance file running longer is logged as hung */
#define MAINTENANCE_HUNG_MS 2000

static struct anycast_worker_wait maintenance_wait;
static bool maintenance_hung; /* logged as hung */
static int maintenance_err;   /* last error logged (0: none) */

static char *maintenance_file;
static struct frr_event *t_maintenance;

static uint32_t shutdown_drain_s;
static bool stopping;
static uint64_t stop_deadline_ms;
static void (*stop_done)(void);
static struct frr_event *t_stop;

static void maintenance_done(struct anycast_worker_wait *w, void *data)
{
	const struct anycast_worker_stat *st = data;
	int present = anycast_worker_stat_presence(st->err);
	bool draining =
		anycast_prefix_drain_all_get(ANYCAST_DRAIN_SRC_MAINTENANCE);

	if (maintenance_hung)
		zlog_notice("maintenance file %s: stat() returned again",
			    maintenance_file);
	maintenance_hung = false;
	if (present < 0) {
		if (st->err != maintenance_err)
			zlog_warn("maintenance file %s: %s; the drain stays %s",
				  maintenance_file, safe_strerror(st->err),
				  draining ? "on" : "off");
		maintenance_err = st->err;
		return;
	}
	maintenance_err = 0;
	if (present != draining) {
		zlog_info("maintenance file %s %s", maintenance_file,
			  present ? "present: draining every prefix"
				  : "gone: drain ends");
		anycast_prefix_drain_all(ANYCAST_DRAIN_SRC_MAINTENANCE,
					 present);
	}
}

static void maintenance_check(struct frr_event *t)
{
	int64_t ms;

	if (!maintenance_file)
		return;
	if (anycast_worker_waiting(&maintenance_wait)) {
		/* the last stat() has not returned: no second one */
		ms = anycast_worker_wait_ms(&maintenance_wait);
		if (ms >= MAINTENANCE_HUNG_MS && !maintenance_hung) {
			maintenance_hung = true;
			zlog_warn("maintenance file %s: stat() has not "
				  "returned for %" PRId64
				  " ms; the drain stays %s",
				  maintenance_file, ms,
				  anycast_prefix_drain_all_get(
					  ANYCAST_DRAIN_SRC_MAINTENANCE)
					  ? "on"
					  : "off");
		}
	} else {
		anycast_worker_stat(&maintenance_wait, maintenance_file,
				    maintenance_done, NULL);
	}
	event_add_timer_msec(master, maintenance_check, NULL,
			     MAINTENANCE_POLL_MS, &t_maintenance);
}

void anycast_drain_maintenance_file(const char *path)
{
	EVENT_OFF(t_maintenance);
	anycast_worker_cancel(&maintenance_wait);
	maintenance_hung = false;
	maintenance_err = 0;
	XFREE(MTYPE_ANYCAST_DRAIN, maintenance_file);
	if (!path) {
		anycast_prefix_drain_all(ANYCAST_DRAIN_SRC_MAINTENANCE, false);
		return;
	}
	maintenance_file = XSTRDUP(MTYPE_ANYCAST_DRAIN, path);
	/* now (the answer follows from a worker, within milliseconds on a
	 * local file system): a configuration read with the file present
	 * drains */
	maintenance_check(NULL);
}

const char *anycast_drain_maintenance_path(void)
{
	return maintenance_file;
}

void anycast_drain_shutdown_time(uint32_t seconds)
{
	shutdown_drain_s = seconds;
}

uint32_t anycast_drain_shutdown_get(void)
{
	return shutdown_drain_s;
}

bool anycast_drain_stopping(uint32_t *remaining_s)
{
	uint64_t now = anycast_now_ms();

	if (remaining_s)
		*remaining_s = stopping && stop_deadline_ms > now
				       ? (stop_deadline_ms - now + 999) / 1000
				       : 0;
	return stopping;
}

static void stop_check(struct frr_event *t)
{
	unsigned int n = anycast_prefix_announced_count();

	if (n && anycast_now_ms() < stop_deadline_ms) {
		event_add_timer_msec(master, stop_check, NULL, SHUTDOWN_POLL_MS,
				     &t_stop);
		return;
	}
	if (n)
		zlog_notice("shutdown-drain: %u s over, withdrawing %u "
			    "prefix(es)",
			    shutdown_drain_s, n);
	else
		zlog_notice("shutdown-drain: every prefix drained");
	stop_done();
}

bool anycast_drain_on_stop(void (*done)(void))
{
	unsigned int n;

	if (stopping)
		return false; /* a second signal: stop now */
	n = anycast_prefix_announced_count();
	if (!shutdown_drain_s || !n)
		return false;
	stopping = true;
	stop_done = done;
	stop_deadline_ms = anycast_now_ms() + (uint64_t)shutdown_drain_s * 1000;
	zlog_notice("Terminating on signal: draining %u prefix(es) for up to "
		    "%u s first (a second signal stops at once)",
		    n, shutdown_drain_s);
	anycast_prefix_drain_all(ANYCAST_DRAIN_SRC_SHUTDOWN, true);
	event_add_timer_msec(master, stop_check, NULL, SHUTDOWN_POLL_MS,
			     &t_stop);
	return true;
}

void anycast_drain_terminate(void)
{
	EVENT_OFF(t_maintenance);
	anycast_worker_cancel(&maintenance_wait);
	EVENT_OFF(t_stop);
	XFREE(MTYPE_ANYCAST_DRAIN, maintenance_file);
}
