// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: anycastd's configuration edited as a northbound
 * client (gRPC, NETCONF) edits it, in-process (tests/lib/cfgenv.c): each
 * transaction is one to four edits (set an XPath to a value, or delete
 * it) on a candidate copied from the running configuration, then a
 * commit.  XPaths are built from the YANG model's configuration nodes
 * with fuzzer-chosen keys, values from sets of interesting values or made
 * up by the input.  No CLI is involved: the northbound's own validation
 * is all there is between the input and the daemon.  Checked:
 *
 *  - a refused edit or commit leaves the running configuration unchanged;
 *  - the daemon's objects are those of the running configuration;
 *  - whatever was committed passes the validation (every probe kind's
 *    container and every on-change hook of the running configuration):
 *    nothing the CLI would refuse gets in through another door.
 *
 * Not checked here (fuzz_config does, for what the CLI can enter): that
 * `show running-config` reads back to the same configuration.  A
 * northbound client can set strings the CLI cannot type as one word (a
 * blank in a process name, a TCP send without expect), which the running
 * configuration then shows as lines the CLI reads differently.
 */
#include <zebra.h>

#include "northbound.h"
#include "yang.h"

#include "anycast_nb.h"
#include "anycast_probe.h"
#include "anycast_probe_exec.h"

#include "cfgenv.h"
#include "fuzz_input.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* %h a health object's name, %p a prefix (the list keys) */
static const char *const xpaths[] = {
	"/health[name='%h']/probe/tcp/address",
	"/health[name='%h']/probe/tcp/port",
	"/health[name='%h']/probe/tcp/source",
	"/health[name='%h']/probe/tcp/send",
	"/health[name='%h']/probe/tcp/expect",
	"/health[name='%h']/probe/http/url",
	"/health[name='%h']/probe/http/method",
	"/health[name='%h']/probe/http/expect-status",
	"/health[name='%h']/probe/http/expect-body",
	"/health[name='%h']/probe/http/host",
	"/health[name='%h']/probe/dns/server",
	"/health[name='%h']/probe/dns/query",
	"/health[name='%h']/probe/dns/expect-answer",
	"/health[name='%h']/probe/icmp/address",
	"/health[name='%h']/probe/icmp/source",
	"/health[name='%h']/probe/exec/command",
	"/health[name='%h']/probe/exec/user",
	"/health[name='%h']/probe/exec/shell",
	"/health[name='%h']/probe/file/path",
	"/health[name='%h']/probe/process/name",
	"/health[name='%h']/probe/process/pidfile",
	"/health[name='%h']/probe/interface/name",
	"/health[name='%h']/probe/interface/address",
	"/health[name='%h']/probe/route/prefix",
	"/health[name='%h']/probe/bfd/peer",
	"/health[name='%h']/probe/bfd/local",
	"/health[name='%h']/probe/bfd/interface",
	"/health[name='%h']/probe",
	"/health[name='%h']/interval",
	"/health[name='%h']/timeout",
	"/health[name='%h']/vrf",
	"/health[name='%h']/on-change/exec/command",
	"/health[name='%h']/on-change/exec/user",
	"/health[name='%h']",
	"/prefix[prefix='%p']/track[name='%h']",
	"/prefix[prefix='%p']/policy",
	"/prefix[prefix='%p']/weight-up",
	"/prefix[prefix='%p']/weight-down",
	"/prefix[prefix='%p']/on-change/exec/command",
	"/prefix[prefix='%p']/on-change/exec/user",
	"/prefix[prefix='%p']",
	"/maintenance-file",
};

static const char *const names[] = {"a", "b"};
static const char *const prefixes[] = {"192.0.2.0/24", "2001:db8::/48",
				       "192.0.2.1/24"};
static const char *const values[] = {
	"192.0.2.1",
	"2001:db8::1",
	"0.0.0.0",
	"::",
	"224.0.0.1",
	"255.255.255.255",
	"::ffff:192.0.2.1",
	"fe80::1",
	"fe80::1%eth0",
	"80",
	"0",
	"1000",
	"GET",
	"200\\q",
	"\\x00ok",
	"\\x4",
	"ok\\r\\n",
	"http://192.0.2.1/",
	"http://[192.0.2.1]/",
	"https://[2001:db8::1]:8443/x",
	"head",
	"get",
	"200-399",
	"399-200",
	"a/b",
	"..",
	"lo",
	"example.test",
	"a..b",
	"/bin/true",
	" ",
	"frr",
	"nobody",
	"root",
	"nosuchuser42",
	"true",
	"false",
	"/tmp/x",
	"relative",
	"sleep",
	"192.0.2.9/29",
	"weight",
	"all",
	"10",
	"5",
	"red",
	"",
};

/* A value: from the set, or (1 in 8) up to 24 bytes the input makes up. */
static void value_of(struct fuzz_in *in, char *buf, size_t size)
{
	uint8_t b = fuzz_u8(in);
	size_t n, k = 0;

	if ((b & 7) != 7) {
		strlcpy(buf, values[(b >> 3) % N(values)], size);
		return;
	}
	n = fuzz_u8(in) % 25;
	for (size_t i = 0; i < n && k + 1 < size; i++) {
		uint8_t c = fuzz_u8(in);

		if (c >= 0x20 && c < 0x7f)
			buf[k++] = c;
	}
	buf[k] = '\0';
}

static void xpath_of(struct fuzz_in *in, char *buf, size_t size)
{
	const char *t = xpaths[fuzz_u8(in) % N(xpaths)];
	size_t k = strlcpy(buf, ANYCAST_XPATH, size);

	for (; *t && k + 1 < size; t++) {
		const char *v = NULL;

		if (t[0] == '%' && t[1] == 'h')
			v = names[fuzz_u8(in) % N(names)];
		else if (t[0] == '%' && t[1] == 'p')
			v = prefixes[fuzz_u8(in) % N(prefixes)];
		if (v) {
			k = strlcat(buf, v, size);
			t++;
			continue;
		}
		buf[k++] = *t;
		buf[k] = '\0';
	}
}

/* Everything committed passes the validation. */
static void check_valid(void)
{
	struct ly_set *set = NULL;
	char errmsg[256];

	if (!running_config->dnode)
		return;
	FUZZ_CHECK(lyd_find_xpath(running_config->dnode,
				  ANYCAST_XPATH "/health/probe/*",
				  &set) == LY_SUCCESS);
	for (uint32_t i = 0; i < set->count; i++)
		if (!anycast_probe_validate(set->dnodes[i], errmsg,
					    sizeof(errmsg))) {
			fprintf(stderr, "committed but invalid: %s\n", errmsg);
			FUZZ_CHECK(!"an invalid probe was committed");
		}
	ly_set_free(set, NULL);
	FUZZ_CHECK(lyd_find_xpath(running_config->dnode,
				  ANYCAST_XPATH "/*/on-change/exec",
				  &set) == LY_SUCCESS);
	for (uint32_t i = 0; i < set->count; i++)
		if (!anycast_exec_validate(set->dnodes[i], errmsg,
					   sizeof(errmsg))) {
			fprintf(stderr, "committed but invalid: %s\n", errmsg);
			FUZZ_CHECK(!"an invalid hook was committed");
		}
	ly_set_free(set, NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	cfgenv_init(false);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char xp[4][XPATH_MAXLEN], val[4][64];
	const char *xps[4], *vals[4];
	bool verbose = getenv("ANYCAST_FUZZ_VERBOSE") != NULL;
	struct fuzz_in in;
	char errmsg[BUFSIZ];

	cfgenv_reset();
	fuzz_in_init(&in, data, size);
	while (in.left) {
		size_t n = 1 + fuzz_u8(&in) % 4;
		unsigned long version = cfgenv_version();
		int ret;

		for (size_t i = 0; i < n; i++) {
			uint8_t op = fuzz_u8(&in);

			xpath_of(&in, xp[i], sizeof(xp[i]));
			xps[i] = xp[i];
			/* 1 in 4: delete */
			if ((op & 3) == 3) {
				vals[i] = NULL;
				continue;
			}
			value_of(&in, val[i], sizeof(val[i]));
			vals[i] = val[i];
		}
		ret = cfgenv_nb_edit(xps, vals, n, errmsg, sizeof(errmsg));
		for (size_t i = 0; verbose && i < n; i++)
			fprintf(stderr, "%s = %s\n", xps[i],
				vals[i] ? vals[i] : "(delete)");
		if (verbose)
			fprintf(stderr, "  -> %d %s\n", ret, errmsg);
		if (ret != NB_OK)
			FUZZ_CHECK(cfgenv_version() == version);
		FUZZ_CHECK(cfgenv_state_ok());
		check_valid();
	}
	return 0;
}
