// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the exec probe's CLI words (anycast_exec_args.c).  The
 * input is the text after `probe exec`; what parses must format back to a
 * line that parses to the same configuration, and split into at most
 * ANYCAST_EXEC_ARGV_MAX words that join back to the command.
 */
#include "anycast_exec_args.h"
#include "fuzz_input.h"

#define DEFAULT_USER "frr"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anycast_exec_opts o, back;
	char line[2048], fmt[ANYCAST_EXEC_CMD_MAX + 64];
	char cmd[ANYCAST_EXEC_CMD_MAX], joined[ANYCAST_EXEC_CMD_MAX];
	char *argv[ANYCAST_EXEC_ARGV_MAX + 1];
	const char *user;
	struct fuzz_in in;
	size_t n;
	int words;

	fuzz_in_init(&in, data, size);
	fuzz_str(&in, line, sizeof(line));
	switch (anycast_exec_parse(line, &o)) {
	case ANYCAST_EXEC_PARSE_OK:
		break;
	case ANYCAST_EXEC_PARSE_BAD_USER:
		FUZZ_CHECK(o.bad_user >= line &&
			   o.bad_user + o.bad_user_len <= line + strlen(line));
		FUZZ_CHECK(
			!anycast_exec_user_valid(o.bad_user, o.bad_user_len));
		return 0;
	default:
		return 0;
	}
	FUZZ_CHECK(o.command[0] && strlen(o.command) < ANYCAST_EXEC_CMD_MAX);
	FUZZ_CHECK(!o.has_user ||
		   anycast_exec_user_valid(o.user, strlen(o.user)));
	FUZZ_CHECK(o.has_user || o.user[0] == '\0');

	/* format and parse back */
	user = o.has_user ? o.user : DEFAULT_USER;
	if (anycast_exec_format(o.command, o.shell, user, DEFAULT_USER, fmt,
				sizeof(fmt))) {
		FUZZ_CHECK(anycast_exec_parse(fmt, &back) ==
			   ANYCAST_EXEC_PARSE_OK);
		FUZZ_CHECK(strcmp(back.command, o.command) == 0);
		FUZZ_CHECK(back.shell == o.shell);
		FUZZ_CHECK(strcmp(back.has_user ? back.user : DEFAULT_USER,
				  user) == 0);
	} else {
		/* only a command ending in "shell" without shell mode */
		n = strlen(o.command);
		FUZZ_CHECK(!o.shell && n >= 5 &&
			   strcmp(o.command + n - 5, "shell") == 0);
	}

	/* argv words */
	strcpy(cmd, o.command);
	words = anycast_exec_split(cmd, argv, ANYCAST_EXEC_ARGV_MAX);
	FUZZ_CHECK(words > 0);
	FUZZ_CHECK(argv[words] == NULL);
	joined[0] = '\0';
	n = 0;
	for (int i = 0; i < words; i++) {
		size_t wl = strlen(argv[i]);

		FUZZ_CHECK(wl > 0 && n + wl + 1 <= sizeof(joined));
		if (i)
			joined[n++] = ' ';
		memcpy(joined + n, argv[i], wl + 1);
		n += wl;
	}
	FUZZ_CHECK(strcmp(joined, o.command) == 0);
	return 0;
}
