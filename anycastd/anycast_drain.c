// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd drain of every prefix: the maintenance file and the drain on a
 * clean stop (shutdown-drain).  The drain itself -- the drain tag for
 * drain-time, then the withdraw -- is the prefix module's
 * (anycast_prefix_drain_all()).
 *
 * The maintenance file is looked for once a second (stat(), no I/O on the
 * file): an operator's `touch` drains every prefix within a second, `rm`
 * ends the drain.
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

extern struct frr_event_loop *master;

#define MAINTENANCE_POLL_MS 1000
/* while stopping: how often to look whether everything is withdrawn */
#define SHUTDOWN_POLL_MS 100

static char *maintenance_file;
static struct frr_event *t_maintenance;

static uint32_t shutdown_drain_s;
static bool stopping;
static uint64_t stop_deadline_ms;
static void (*stop_done)(void);
static struct frr_event *t_stop;

static void maintenance_check(struct frr_event *t)
{
	struct stat sb;
	bool present;

	if (!maintenance_file)
		return;
	present = stat(maintenance_file, &sb) == 0;
	if (present !=
	    anycast_prefix_drain_all_get(ANYCAST_DRAIN_SRC_MAINTENANCE)) {
		zlog_info("maintenance file %s %s", maintenance_file,
			  present ? "present: draining every prefix"
				  : "gone: drain ends");
		anycast_prefix_drain_all(ANYCAST_DRAIN_SRC_MAINTENANCE,
					 present);
	}
	event_add_timer_msec(master, maintenance_check, NULL,
			     MAINTENANCE_POLL_MS, &t_maintenance);
}

void anycast_drain_maintenance_file(const char *path)
{
	EVENT_OFF(t_maintenance);
	XFREE(MTYPE_ANYCAST_DRAIN, maintenance_file);
	if (!path) {
		anycast_prefix_drain_all(ANYCAST_DRAIN_SRC_MAINTENANCE, false);
		return;
	}
	maintenance_file = XSTRDUP(MTYPE_ANYCAST_DRAIN, path);
	/* at once: a configuration read with the file present drains */
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
	EVENT_OFF(t_stop);
	XFREE(MTYPE_ANYCAST_DRAIN, maintenance_file);
}
