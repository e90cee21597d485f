// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the exec probe's output capture
 * (anycast_exec_output_*, anycast_exec_args.c).  The first input byte
 * seeds the chunk sizes the pipe delivers the rest in; the first line must
 * not depend on the chunking, and must be the printable, trimmed, bounded
 * line the header promises.
 */
#include "anycast_exec_args.h"
#include "fuzz_input.h"

static void check_line(const struct anycast_exec_output *o)
{
	const char *line = anycast_exec_output_line(o);

	FUZZ_CHECK(o->len < ANYCAST_EXEC_LINE_MAX);
	FUZZ_CHECK(strlen(line) == o->len);
	FUZZ_CHECK(o->started == (o->len > 0));
	FUZZ_CHECK(!o->truncated || o->done);
	for (size_t i = 0; i < o->len; i++)
		FUZZ_CHECK(line[i] >= 0x20 && line[i] < 0x7f);
	if (o->len) {
		FUZZ_CHECK(line[0] != ' ');
		FUZZ_CHECK(line[o->len - 1] != ' ');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anycast_exec_output whole, chunked;
	uint32_t seed;
	size_t off = 0;

	if (size < 1)
		return 0;
	seed = data[0] * 2654435761u + 1;
	data++;
	size--;

	anycast_exec_output_init(&whole);
	anycast_exec_output_feed(&whole, (const char *)data, size);
	check_line(&whole);
	FUZZ_CHECK(whole.total == size);

	anycast_exec_output_init(&chunked);
	while (off < size) {
		size_t n;

		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 17; /* 0-byte reads too */
		if (n > size - off)
			n = size - off;
		anycast_exec_output_feed(&chunked, (const char *)data + off, n);
		check_line(&chunked);
		off += n;
	}
	FUZZ_CHECK(chunked.total == size);
	FUZZ_CHECK(chunked.len == whole.len);
	FUZZ_CHECK(chunked.done == whole.done);
	FUZZ_CHECK(chunked.truncated == whole.truncated);
	FUZZ_CHECK(strcmp(anycast_exec_output_line(&chunked),
			  anycast_exec_output_line(&whole)) == 0);
	return 0;
}
