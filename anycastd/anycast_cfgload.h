// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: the configuration file read as one transaction (see
 * anycast_cfgload.c).
 */
#ifndef ANYCAST_CFGLOAD_H
#define ANYCAST_CFGLOAD_H

#include <stdbool.h>

struct frr_daemon_info;

/* Take over the read of `-f FILE` (call before frr_config_fork()). */
extern void anycast_cfgload_init(struct frr_daemon_info *di);

/*
 * Read path into a private candidate and commit it once; a refused line or
 * a failed commit applies nothing (logged with the line).  Returns whether
 * the file was applied.
 */
extern bool anycast_cfgload_file(const char *path);

#endif /* ANYCAST_CFGLOAD_H */
