// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * C-style escapes for probe strings typed on one CLI line (send/expect):
 * \r \n \t \\ \xHH.  Pure functions, unit-tested.
 */
#ifndef _ANYCAST_ESCAPE_H
#define _ANYCAST_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Decode `in` into out (size outsz, NUL-terminated); *outlen = decoded
 * length (may contain NUL bytes).  False on a bad escape or overflow.
 */
extern bool anycast_unescape(const char *in, char *out, size_t outsz,
			     size_t *outlen);

/* Encode len bytes for display/config; always NUL-terminates out. */
extern void anycast_escape(const char *in, size_t len, char *out, size_t outsz);

#endif /* _ANYCAST_ESCAPE_H */
