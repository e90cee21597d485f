// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the process probe's parsers of what it reads from a
 * pid file and from /proc (anycast_process_parse.c).  The input is: a
 * configured process name (up to a NUL), then the file content, which
 * goes to each parser (pid file, stat, status's Uid, comm and exe
 * matching); results are checked against the content.
 */
#include <inttypes.h>

#include "anycast_process_parse.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	char name[64], num[32], state = 0;
	const char *buf;
	uint64_t start = 0;
	size_t len;
	int pid = 0;

	fuzz_in_init(&in, data, size);
	fuzz_str(&in, name, sizeof(name));
	buf = (const char *)in.p;
	len = in.left;

	if (anycast_pidfile_parse(buf, len, &pid) == 0) {
		FUZZ_CHECK(pid >= 1 && pid <= ANYCAST_PID_MAX);
		FUZZ_CHECK(len <= ANYCAST_PIDFILE_MAX);
		snprintf(num, sizeof(num), "%d", pid);
		FUZZ_CHECK(memmem(buf, len, num, strlen(num)) != NULL);
	}

	if (anycast_proc_stat_parse(buf, len, &state, &start) == 0) {
		const char *rp = memrchr(buf, ')', len);

		FUZZ_CHECK(rp && memchr(buf, '(', rp - buf));
		FUZZ_CHECK(rp + 2 < buf + len && rp[2] == state);
		snprintf(num, sizeof(num), "%" PRIu64, start);
		FUZZ_CHECK(memmem(rp, buf + len - rp, num, strlen(num)));
		(void)anycast_proc_state_dead(state);
	}

	if (anycast_comm_match(buf, len, name)) {
		size_t n = strlen(name);

		FUZZ_CHECK(n > 0 &&
			   (len == n || (len == n + 1 && buf[n] == '\n')));
		FUZZ_CHECK(memcmp(buf, name, n) == 0);
	}
	{
		uint32_t uid = 0;

		if (anycast_proc_status_ruid(buf, len, &uid) == 0) {
			snprintf(num, sizeof(num), "%" PRIu32, uid);
			FUZZ_CHECK(memmem(buf, len, "Uid:", 4) != NULL);
			FUZZ_CHECK(memmem(buf, len, num, strlen(num)) != NULL);
		}
	}
	/* the name as an exe path: a match starts with it */
	if (anycast_exe_match(buf, len, name))
		FUZZ_CHECK(len >= strlen(name) &&
			   memcmp(buf, name, strlen(name)) == 0);
	if (anycast_comm_valid(name))
		FUZZ_CHECK(strlen(name) >= 1 &&
			   strlen(name) <= ANYCAST_COMM_MAX);
	return 0;
}
