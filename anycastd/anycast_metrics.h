// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd Prometheus metrics: the text exposition of every health
 * object's and prefix's state, shown by `show anycast metrics` and written
 * periodically for node_exporter's textfile collector:
 *
 *   anycast
 *    metrics textfile PATH [interval (1-3600)]
 */
#ifndef _ANYCAST_METRICS_H
#define _ANYCAST_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANYCAST_METRICS_DEFAULT_INTERVAL 15

/*
 * Write the exposition to path every interval_s seconds, and once now;
 * path NULL: stop and remove the file written so far.
 */
extern void anycast_metrics_textfile(const char *path, uint32_t interval_s);

/*
 * A usable textfile path: absolute, ending in ".prom" (node_exporter reads
 * only those), in an existing directory.  Else false with why in errmsg.
 */
extern bool anycast_metrics_path_ok(const char *path, char *errmsg,
				    size_t errmsg_len);

/* Install `metrics textfile` and `show anycast metrics`. */
extern void anycast_metrics_vty_init(void);

/* Stop writing and remove the file (clean stop). */
extern void anycast_metrics_terminate(void);

#endif /* _ANYCAST_METRICS_H */
