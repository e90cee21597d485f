// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd process probe: the pure parts (see anycast_process_parse.h).
 */
#include <string.h>

#include "anycast_process_parse.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int anycast_pidfile_parse(const char *buf, size_t len, int *pid)
{
	size_t i = 0, digits = 0;
	uint32_t v = 0;

	if (len > ANYCAST_PIDFILE_MAX)
		return -1;
	while (i < len && is_blank(buf[i]))
		i++;
	if (i < len && buf[i] == '0')
		return -1; /* leading zero, or pid 0 */
	while (i < len && buf[i] >= '0' && buf[i] <= '9') {
		v = v * 10 + (uint32_t)(buf[i] - '0');
		if (v > ANYCAST_PID_MAX)
			return -1;
		i++;
		digits++;
	}
	if (!digits)
		return -1;
	while (i < len && is_blank(buf[i]))
		i++;
	if (i != len)
		return -1;
	*pid = (int)v;
	return 0;
}

int anycast_proc_stat_parse(const char *buf, size_t len, char *state,
			    uint64_t *starttime)
{
	const char *p = NULL, *end = buf + len;
	uint64_t v = 0;
	int field;

	/* the last ')' ends comm */
	for (size_t i = len; i > 0; i--)
		if (buf[i - 1] == ')') {
			p = buf + i;
			break;
		}
	if (!p || memchr(buf, '(', (size_t)(p - buf)) == NULL)
		return -1;
	/* ") S " : field 3 */
	if (end - p < 3 || p[0] != ' ' || p[2] != ' ')
		return -1;
	*state = p[1];
	p += 3;
	/* fields 4..21 are skipped, 22 is the start time */
	for (field = 4; field < 22; field++) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));

		if (!sp || sp == p)
			return -1;
		p = sp + 1;
	}
	if (p >= end || *p < '0' || *p > '9')
		return -1;
	while (p < end && *p >= '0' && *p <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
		p++;
	}
	if (p < end && *p != ' ' && *p != '\n')
		return -1;
	*starttime = v;
	return 0;
}

bool anycast_proc_state_dead(char state)
{
	return state == 'Z' || state == 'X' || state == 'x';
}

bool anycast_comm_match(const char *buf, size_t len, const char *name)
{
	size_t nlen = strlen(name);

	if (len > 0 && buf[len - 1] == '\n')
		len--;
	return nlen > 0 && len == nlen && memcmp(buf, name, nlen) == 0;
}

bool anycast_comm_valid(const char *name)
{
	size_t n = strlen(name);

	if (n < 1 || n > ANYCAST_COMM_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return false;
	return true;
}

int anycast_proc_status_ruid(const char *buf, size_t len, uint32_t *uid)
{
	static const char tag[] = "Uid:";
	const char *p = buf, *end = buf + len;
	uint64_t v = 0;
	size_t digits = 0;

	/* the line starting with "Uid:" */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		if ((size_t)(eol - p) > sizeof(tag) - 1 &&
		    memcmp(p, tag, sizeof(tag) - 1) == 0) {
			p += sizeof(tag) - 1;
			while (p < eol && is_blank(*p))
				p++;
			while (p < eol && *p >= '0' && *p <= '9') {
				v = v * 10 + (uint64_t)(*p - '0');
				if (v > UINT32_MAX)
					return -1;
				p++;
				digits++;
			}
			if (!digits || (p < eol && !is_blank(*p)))
				return -1;
			*uid = (uint32_t)v;
			return 0;
		}
		p = eol + 1;
	}
	return -1;
}

bool anycast_exe_match(const char *link, size_t len, const char *path)
{
	static const char deleted[] = " (deleted)";
	size_t plen = strlen(path);

	if (!plen || len < plen || memcmp(link, path, plen) != 0)
		return false;
	return len == plen ||
	       (len - plen == sizeof(deleted) - 1 &&
		memcmp(link + plen, deleted, sizeof(deleted) - 1) == 0);
}
