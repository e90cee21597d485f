// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd exec probe: command line options, argv words, first output line.
 * Pure functions, no FRR headers (unit-tested in tests/unit).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_exec_args.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool anycast_exec_user_valid(const char *user, size_t len)
{
	if (len < 1 || len > ANYCAST_EXEC_USER_MAX - 1)
		return false;
	if (!((user[0] >= 'a' && user[0] <= 'z') || user[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = user[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return true;
}

const char *const anycast_exec_root_groups[] = {
	"root",	  "sudo",   "wheel", "admin",	"adm",	"disk",
	"shadow", "docker", "lxd",   "libvirt", "kmem", "systemd-journal",
	"staff",  NULL,
};

static bool root_group_name(const char *name)
{
	for (size_t i = 0; anycast_exec_root_groups[i]; i++)
		if (strcmp(name, anycast_exec_root_groups[i]) == 0)
			return true;
	return false;
}

bool anycast_exec_groups_ok(gid_t gid, const gid_t *groups, size_t n,
			    const char *(*group_name)(gid_t gid, void *arg),
			    void *arg, char *why, size_t why_len)
{
	const char *name;

	if (gid == 0) {
		snprintf(why, why_len, "primary group root (gid 0)");
		return false;
	}
	name = group_name(gid, arg);
	if (name && root_group_name(name)) {
		snprintf(why, why_len, "primary group '%s'", name);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (groups[i] == 0) {
			snprintf(why, why_len, "group root (gid 0)");
			return false;
		}
		name = group_name(groups[i], arg);
		if (name && root_group_name(name)) {
			snprintf(why, why_len, "group '%s'", name);
			return false;
		}
	}
	return true;
}

/*
 * The last word in [start, end): returns its start, *wend its end; both
 * equal (no word) when there are only blanks.
 */
static const char *last_word(const char *start, const char *end,
			     const char **wend)
{
	const char *w;

	while (end > start && is_blank(end[-1]))
		end--;
	*wend = end;
	w = end;
	while (w > start && !is_blank(w[-1]))
		w--;
	return w;
}

static bool word_is(const char *w, const char *wend, const char *kw)
{
	size_t n = strlen(kw);

	return (size_t)(wend - w) == n && memcmp(w, kw, n) == 0;
}

enum anycast_exec_parse_err anycast_exec_parse(const char *line,
					       struct anycast_exec_opts *o)
{
	const char *end = line + strlen(line);
	const char *w, *wend, *u, *uend, *p, *q;
	size_t n = 0;

	memset(o, 0, sizeof(*o));

	/* options from the end: `user NAME` and `shell`, each at most once */
	for (;;) {
		w = last_word(line, end, &wend);
		if (w == wend)
			break;
		if (!o->has_user) {
			u = last_word(line, w, &uend);
			if (u != uend && word_is(u, uend, "user")) {
				if (!anycast_exec_user_valid(w, wend - w)) {
					o->bad_user = w;
					o->bad_user_len = wend - w;
					return ANYCAST_EXEC_PARSE_BAD_USER;
				}
				memcpy(o->user, w, wend - w);
				o->user[wend - w] = '\0';
				o->has_user = true;
				end = u;
				continue;
			}
		}
		if (!o->shell && word_is(w, wend, "shell")) {
			o->shell = true;
			end = w;
			continue;
		}
		break;
	}

	/* the rest is the command: its words, joined by single spaces */
	for (p = line; p < end; p = q) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			break;
		for (q = p; q < end && !is_blank(*q); q++)
			;
		if (n + (n ? 1 : 0) + (size_t)(q - p) >= sizeof(o->command))
			return ANYCAST_EXEC_PARSE_TOO_LONG;
		if (n)
			o->command[n++] = ' ';
		memcpy(o->command + n, p, q - p);
		n += q - p;
	}
	o->command[n] = '\0';
	return n ? ANYCAST_EXEC_PARSE_OK : ANYCAST_EXEC_PARSE_EMPTY;
}

/* Does line parse back to exactly this configuration? */
static bool parses_back(const char *line, const char *command, bool shell,
			const char *user, const char *default_user)
{
	struct anycast_exec_opts o;

	if (anycast_exec_parse(line, &o) != ANYCAST_EXEC_PARSE_OK)
		return false;
	return strcmp(o.command, command) == 0 && o.shell == shell &&
	       strcmp(o.has_user ? o.user : default_user, user) == 0;
}

bool anycast_exec_format(const char *command, bool shell, const char *user,
			 const char *default_user, char *buf, size_t len)
{
	bool with_user = strcmp(user, default_user) != 0;
	int n;

	for (;;) {
		n = snprintf(buf, len, "%s%s%s%s", command,
			     shell ? " shell" : "", with_user ? " user " : "",
			     with_user ? user : "");
		if (n < 0 || (size_t)n >= len)
			return false;
		if (parses_back(buf, command, shell, user, default_user))
			return true;
		if (with_user)
			return false;
		/* e.g. a command ending in "user x": say `user` explicitly */
		with_user = true;
	}
}

int anycast_exec_split(char *cmd, char **argv, size_t max)
{
	size_t n = 0;
	char *p = cmd;

	for (;;) {
		while (is_blank(*p))
			*p++ = '\0';
		if (!*p)
			break;
		if (n == max)
			return -1;
		argv[n++] = p;
		while (*p && !is_blank(*p))
			p++;
	}
	argv[n] = NULL;
	return (int)n;
}

void anycast_exec_output_init(struct anycast_exec_output *o)
{
	memset(o, 0, sizeof(*o));
}

void anycast_exec_output_feed(struct anycast_exec_output *o, const char *buf,
			      size_t n)
{
	o->total += n;
	for (size_t i = 0; i < n && !o->done; i++) {
		unsigned char c = buf[i];

		if (c == '\n' || c == '\r') {
			/* a blank line before any text is skipped */
			if (o->started)
				o->done = true;
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (o->started)
				o->pending++;
			continue;
		}
		if (c < 0x20 || c >= 0x7f)
			c = '?';
		/* room for the pending blanks, c and the NUL? */
		if (o->pending + 1 > sizeof(o->line) - 1 - o->len) {
			o->truncated = true;
			o->done = true;
			break;
		}
		memset(o->line + o->len, ' ', o->pending);
		o->len += o->pending;
		o->pending = 0;
		o->line[o->len++] = c;
		o->line[o->len] = '\0';
		o->started = true;
	}
}

const char *anycast_exec_output_line(const struct anycast_exec_output *o)
{
	return o->line;
}
