// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd process probe: the pure parts (no FRR headers), unit tested.
 *
 * Parsing of pid files, of /proc/PID/stat (state and start time) and
 * matching of /proc/PID/comm against a configured process name.
 */
#ifndef _ANYCAST_PROCESS_PARSE_H
#define _ANYCAST_PROCESS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the kernel's PID_MAX_LIMIT (4M): no valid pid is larger */
#define ANYCAST_PID_MAX 4194304
/* bytes of a pid file looked at; a longer file is not a pid file */
#define ANYCAST_PIDFILE_MAX 64
/* a process name (comm) holds at most 15 characters */
#define ANYCAST_COMM_MAX 15

/*
 * A pid file's content: optional blanks (space, tab, newline, CR), one
 * decimal number 1..ANYCAST_PID_MAX without sign or leading zeros, optional
 * blanks.  Nothing else, no NUL.  Returns 0 and sets *pid, or -1.
 */
extern int anycast_pidfile_parse(const char *buf, size_t len, int *pid);

/*
 * /proc/PID/stat: the state letter (field 3) and the start time in clock
 * ticks since boot (field 22).  The comm field (2) may hold any character,
 * ')' and blanks included: it ends at the last ')'.  Returns 0 or -1.
 */
extern int anycast_proc_stat_parse(const char *buf, size_t len, char *state,
				   uint64_t *starttime);

/* A state letter of a process that is gone (zombie or dead). */
extern bool anycast_proc_state_dead(char state);

/*
 * /proc/PID/comm content (the name and a newline) equals name exactly.
 */
extern bool anycast_comm_match(const char *buf, size_t len, const char *name);

/* A name that can be a comm: 1..15 bytes, no control characters. */
extern bool anycast_comm_valid(const char *name);

/*
 * /proc/PID/status: the real uid (the first number of the "Uid:" line).
 * Returns 0 and sets *uid, or -1.
 */
extern int anycast_proc_status_ruid(const char *buf, size_t len, uint32_t *uid);

/*
 * /proc/PID/exe's target (len bytes, not NUL-terminated) is path: exactly,
 * or path with the kernel's " (deleted)" suffix (the binary was replaced
 * by an upgrade while the process kept running).
 */
extern bool anycast_exe_match(const char *link, size_t len, const char *path);

#endif /* _ANYCAST_PROCESS_PARSE_H */
