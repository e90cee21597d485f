// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's own resources, as the probes see them: which errors mean
 * that anycastd itself (not the probe's target) ran out of something, and
 * how many probe runs its file descriptor limit allows at once.  No FRR
 * headers; unit-tested (tests/unit/test_resource.c).
 *
 * A probe run that hits such an error has no result (anycast_probe.h):
 * it is counted and logged, and the health object's state machine never
 * sees it, exactly as a run that waits for a probe-limit slot.
 */
#ifndef _ANYCAST_RESOURCE_H
#define _ANYCAST_RESOURCE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * File descriptors a probe run may hold at once, on average (exec: the
 * output pipe and the pidfd; tcp, icmp: one socket; http, dns: a socket
 * plus, for a name, c-ares' one).
 */
#define ANYCAST_BUDGET_FDS_PER_RUN 2
/*
 * Descriptors kept free for everything else the daemon opens after
 * start-up (zebra, vty sessions, log files, the metrics file, libcurl's
 * and c-ares' own): at least this many, and an eighth of the limit.
 */
#define ANYCAST_BUDGET_HEADROOM_MIN 16
#define ANYCAST_BUDGET_HEADROOM_DIV 8
/* the budget never exceeds this (the largest `probe-limit`) */
#define ANYCAST_BUDGET_MAX 100000
/* an unlimited (RLIM_INFINITY) or absurd limit counts as this many */
#define ANYCAST_BUDGET_NOFILE_CAP (1u << 20)

/*
 * errno values that say the local side ran out of a resource: no file
 * descriptor (EMFILE, ENFILE), no memory or buffers (ENOMEM, ENOBUFS),
 * no process or a temporary shortage (EAGAIN, which also covers a fork()
 * over RLIMIT_NPROC).  Not: refused, unreachable, timed out, reset.
 */
extern bool anycast_errno_is_local(int err);

/*
 * The default budget of probe runs in flight (all kinds together) for a
 * soft RLIMIT_NOFILE of nofile, with in_use descriptors already open:
 * (nofile - in_use - headroom) / ANYCAST_BUDGET_FDS_PER_RUN, at least 1,
 * at most ANYCAST_BUDGET_MAX.  *reserved (may be NULL) is set to what is
 * kept free for the rest (in_use + headroom).
 */
extern uint32_t anycast_budget_from_nofile(uint64_t nofile, uint32_t in_use,
					   uint32_t *reserved);

#endif /* _ANYCAST_RESOURCE_H */
