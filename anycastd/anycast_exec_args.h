// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd exec probe: the pure parts (no FRR headers, unit-tested).
 *
 *  - the CLI line `probe exec COMMAND... [shell] [user USER]`: trailing
 *    options are stripped from the end (in either order, each once), the
 *    rest is the command; and the reverse, a line that parses back exactly;
 *  - splitting a command into argv words (spaces; no quoting: use `shell`);
 *  - the first line of a command's output, taken from a stream of any
 *    length with a fixed-size buffer.
 */
#ifndef _ANYCAST_EXEC_ARGS_H
#define _ANYCAST_EXEC_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define ANYCAST_EXEC_CMD_MAX 1024 /* incl. NUL: YANG length 1..1023 */
#define ANYCAST_EXEC_USER_MAX 33  /* incl. NUL: YANG length 1..32 */
/* a command of n characters has at most (n + 1) / 2 words */
#define ANYCAST_EXEC_ARGV_MAX (ANYCAST_EXEC_CMD_MAX / 2)
#define ANYCAST_EXEC_LINE_MAX 128 /* first output line, incl. NUL */

enum anycast_exec_parse_err {
	ANYCAST_EXEC_PARSE_OK = 0,
	ANYCAST_EXEC_PARSE_EMPTY,    /* no command words left */
	ANYCAST_EXEC_PARSE_TOO_LONG, /* command longer than 1023 */
	ANYCAST_EXEC_PARSE_BAD_USER, /* `user X` with an invalid name X */
};

struct anycast_exec_opts {
	char command[ANYCAST_EXEC_CMD_MAX]; /* words joined by single spaces */
	bool shell;
	bool has_user;			  /* `user X` was given */
	char user[ANYCAST_EXEC_USER_MAX]; /* "" unless has_user */
	const char *bad_user;		  /* for BAD_USER: points into line */
	size_t bad_user_len;
};

/*
 * A user name as the YANG model allows it: [a-z_][a-z0-9_-]*, 1..32.
 */
extern bool anycast_exec_user_valid(const char *user, size_t len);

/*
 * Groups whose members can become root or read or write what only root
 * may (the disks, the shadow file, the docker socket, ...): a command
 * must not run with one of them.  NULL-terminated.
 */
extern const char *const anycast_exec_root_groups[];

/*
 * May a command run as a user with primary group gid and the
 * supplementary groups groups[0..n-1]?  Refused: gid 0 (as primary or
 * supplementary group) and every group named in anycast_exec_root_groups
 * (group_name(gid, arg) gives a group's name, NULL when unknown).  On
 * refusal, why gets the reason ("primary group root (gid 0)", "group
 * 'docker'").
 */
extern bool anycast_exec_groups_ok(gid_t gid, const gid_t *groups, size_t n,
				   const char *(*group_name)(gid_t gid,
							     void *arg),
				   void *arg, char *why, size_t why_len);

/*
 * Parse the words after `probe exec` (separated by blanks).  From the end,
 * `user NAME` and `shell` are taken as options, each at most once and in
 * either order; everything before them is the command.
 */
extern enum anycast_exec_parse_err
anycast_exec_parse(const char *line, struct anycast_exec_opts *o);

/*
 * The words after `probe exec` for a configuration: COMMAND [shell]
 * [user USER], with `user` only when it is not default_user or when it is
 * needed for the line to parse back to the same configuration.  Returns
 * false when no line parses back exactly (a command ending in the word
 * "shell" without shell mode, which the CLI can never produce) or buf is
 * too small; buf holds the best effort then.
 */
extern bool anycast_exec_format(const char *command, bool shell,
				const char *user, const char *default_user,
				char *buf, size_t len);

/*
 * Split cmd in place at blanks (space, tab) into argv[0..n-1], argv[n] =
 * NULL.  Returns n, or -1 when more than max words.  max words need
 * max + 1 slots in argv.
 */
extern int anycast_exec_split(char *cmd, char **argv, size_t max);

/*
 * The first line of output with text, from a stream fed in chunks of any
 * size: leading blank lines and blanks are skipped, the line ends at '\n'
 * or '\r', trailing blanks are dropped, other control and non-ASCII bytes
 * become '?', and it is cut at ANYCAST_EXEC_LINE_MAX - 1 characters.
 * Memory use is fixed, whatever the volume; total counts every byte fed.
 */
struct anycast_exec_output {
	char line[ANYCAST_EXEC_LINE_MAX];
	size_t len;	/* characters in line */
	size_t pending; /* blanks seen after them, added before more text */
	bool started;	/* a non-blank character was seen */
	bool done;	/* the first line has ended */
	bool truncated; /* the first line was longer than the buffer */
	uint64_t total; /* bytes fed */
};

extern void anycast_exec_output_init(struct anycast_exec_output *o);
extern void anycast_exec_output_feed(struct anycast_exec_output *o,
				     const char *buf, size_t n);
/* The first line so far ("" when none), NUL-terminated. */
extern const char *
anycast_exec_output_line(const struct anycast_exec_output *o);

#endif /* _ANYCAST_EXEC_ARGS_H */
