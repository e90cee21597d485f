// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Splitting a libFuzzer input into typed parts, and the check that fails a
 * run (abort(): libFuzzer reports it as a crash and keeps the input).
 */
#ifndef _ANYCAST_FUZZ_INPUT_H
#define _ANYCAST_FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline void fuzz_in_init(struct fuzz_in *in, const uint8_t *data,
				size_t size)
{
	in->p = data;
	in->left = size;
}

/* One byte (0 when the input is used up). */
static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t hi = fuzz_u8(in);

	return (uint16_t)(hi << 8 | fuzz_u8(in));
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t hi = fuzz_u16(in);

	return hi << 16 | fuzz_u16(in);
}

/*
 * The bytes up to the next NUL (or the end), the NUL consumed: a string
 * field of the input.  *len gets its length; the pointer is into the input
 * (not NUL-terminated when it ran to the end).
 */
static inline const char *fuzz_field(struct fuzz_in *in, size_t *len)
{
	const char *s = (const char *)in->p;
	const uint8_t *z = memchr(in->p, 0, in->left);
	size_t n = z ? (size_t)(z - in->p) : in->left;

	*len = n;
	in->p += n + (z ? 1 : 0);
	in->left -= n + (z ? 1 : 0);
	return s;
}

/* A string field copied NUL-terminated into buf (cut to fit). */
static inline size_t fuzz_str(struct fuzz_in *in, char *buf, size_t size)
{
	size_t len;
	const char *s = fuzz_field(in, &len);

	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return len;
}

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

/* buf (size bytes) holds a NUL. */
#define FUZZ_CHECK_TERMINATED(buf) FUZZ_CHECK(memchr(buf, 0, sizeof(buf)))

#endif /* _ANYCAST_FUZZ_INPUT_H */
