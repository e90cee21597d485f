// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * C-style escapes for probe strings (see anycast_escape.h).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_escape.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool anycast_unescape(const char *in, char *out, size_t outsz, size_t *outlen)
{
	size_t n = 0;

	if (outsz == 0)
		return false;
	for (const char *p = in; *p; p++) {
		char c = *p;

		if (c == '\\') {
			p++;
			switch (*p) {
			case 'r':
				c = '\r';
				break;
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case '\\':
				c = '\\';
				break;
			case 'x': {
				int hi = hexval(p[1]), lo;

				if (hi < 0)
					return false;
				lo = hexval(p[2]);
				if (lo < 0)
					return false;
				c = (char)(hi * 16 + lo);
				p += 2;
				break;
			}
			default:
				return false;
			}
		}
		if (n + 1 >= outsz)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	*outlen = n;
	return true;
}

void anycast_escape(const char *in, size_t len, char *out, size_t outsz)
{
	size_t n = 0;

	if (outsz == 0)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];
		char tmp[5];
		size_t tl;

		switch (c) {
		case '\r':
			strcpy(tmp, "\\r");
			break;
		case '\n':
			strcpy(tmp, "\\n");
			break;
		case '\t':
			strcpy(tmp, "\\t");
			break;
		case '\\':
			strcpy(tmp, "\\\\");
			break;
		default:
			if (c < 0x20 || c >= 0x7f || c == ' ')
				snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			else {
				tmp[0] = c;
				tmp[1] = '\0';
			}
		}
		tl = strlen(tmp);
		if (n + tl >= outsz)
			break;
		memcpy(out + n, tmp, tl);
		n += tl;
	}
	out[n] = '\0';
}
