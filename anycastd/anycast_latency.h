// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe latency histogram: fixed bucket bounds, cumulative
 * counts as Prometheus histograms want them.  Pure: no FRR calls.
 */
#ifndef _ANYCAST_LATENCY_H
#define _ANYCAST_LATENCY_H

#include <stddef.h>
#include <stdint.h>

/* finite upper bounds; the +Inf bucket is `count` */
#define ANYCAST_LATENCY_NBOUNDS 11

/* upper bounds in microseconds, ascending (1 ms .. 5 s) */
extern const uint32_t anycast_latency_bounds_us[ANYCAST_LATENCY_NBOUNDS];

struct anycast_latency_hist {
	/* le[i]: observations <= anycast_latency_bounds_us[i] (cumulative) */
	uint64_t le[ANYCAST_LATENCY_NBOUNDS];
	uint64_t count;
	uint64_t sum_us;
};

/* Count one finished probe run that took us microseconds. */
extern void anycast_latency_observe(struct anycast_latency_hist *hist,
				    uint32_t us);

/* A bound as Prometheus' `le` label ("0.001", "2.5"); buf >= 16 bytes. */
extern const char *anycast_latency_bound_str(size_t i, char *buf, size_t len);

#endif /* _ANYCAST_LATENCY_H */
