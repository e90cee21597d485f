// SPDX-License-Identifier: GPL-2.0-or-later
/* anycastd probe latency histogram (see anycast_latency.h). */
#include <stdio.h>

#include "anycast_latency.h"

const uint32_t anycast_latency_bounds_us[ANYCAST_LATENCY_NBOUNDS] = {
	1000,	5000,	10000,	 25000,	  50000,   100000,
	250000, 500000, 1000000, 2500000, 5000000,
};

void anycast_latency_observe(struct anycast_latency_hist *hist, uint32_t us)
{
	for (size_t i = 0; i < ANYCAST_LATENCY_NBOUNDS; i++)
		if (us <= anycast_latency_bounds_us[i])
			hist->le[i]++;
	hist->count++;
	hist->sum_us += us;
}

const char *anycast_latency_bound_str(size_t i, char *buf, size_t len)
{
	uint32_t us = anycast_latency_bounds_us[i];
	int n;

	/* shortest exact decimal: bounds are whole microseconds */
	n = snprintf(buf, len, "%u.%06u", us / 1000000, us % 1000000);
	if (n > 0 && (size_t)n < len) {
		while (n > 1 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[n - 1] = '\0';
	}
	return buf;
}
