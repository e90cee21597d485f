// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the escapes of probe strings (anycast_escape.c), which
 * carry the expected HTTP body, DNS answer and TCP reply.  Any bytes must
 * escape to a printable word that unescapes to the same bytes; any word
 * that unescapes must escape to a word that unescapes the same way.
 */
#include "anycast_escape.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char word[4 * 512 + 1], back[512 + 1], text[512 + 1], again[512 + 1];
	size_t blen, tlen, alen, osz;

	if (size > 512)
		return 0;

	/* bytes -> word -> bytes */
	anycast_escape((const char *)data, size, word, sizeof(word));
	for (const char *p = word; *p; p++)
		FUZZ_CHECK(*p > 0x20 && *p < 0x7f);
	FUZZ_CHECK(anycast_unescape(word, back, sizeof(back), &blen));
	FUZZ_CHECK(blen == size && memcmp(back, data, size) == 0);

	/* a short output buffer: cut, never overrun, still a word */
	osz = size % 17;
	{
		char *small = malloc(osz ? osz : 1);

		anycast_escape((const char *)data, size, small, osz);
		if (osz)
			FUZZ_CHECK(strlen(small) < osz);
		free(small);
	}

	/* word -> bytes -> word -> bytes */
	fuzz_str(&(struct fuzz_in){data, size}, word, sizeof(word));
	if (!anycast_unescape(word, text, sizeof(text), &tlen))
		return 0;
	FUZZ_CHECK(tlen < sizeof(text) && text[tlen] == '\0');
	anycast_escape(text, tlen, word, sizeof(word));
	FUZZ_CHECK(anycast_unescape(word, again, sizeof(again), &alen));
	FUZZ_CHECK(alen == tlen && memcmp(again, text, tlen) == 0);
	return 0;
}
