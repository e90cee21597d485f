// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: anycastd's configuration, in-process.  libfrr is
 * initialised as far as configuration needs (command tree, northbound with
 * anycastd's YANG module and callbacks, the VRF table, anycastd's objects;
 * no event loop runs, so no probe is ever started and zebra is never
 * contacted).  Each input is a sequence of anycastd CLI commands, built
 * from templates of the real command syntax with fuzzer-chosen arguments,
 * executed through the command parser: DEFPY_YANG -> northbound -> the
 * callbacks, exactly as typed on a vty.  Checked:
 *
 *  - a rejected command leaves the running configuration unchanged (no
 *    commit changed it);
 *  - no command makes the northbound fail to edit its candidate;
 *  - the daemon's objects (health objects, prefixes) are those of the
 *    running configuration;
 *  - `show running-config`, read back into an emptied configuration (as a
 *    fresh daemon reads its file), gives the same running configuration,
 *    with no line rejected.
 */
#include <zebra.h>

#include "command.h"

#include "cfgenv.h"
#include "fuzz_input.h"

/* --- commands ---------------------------------------------------------- */

/*
 * Templates of the commands, by the node they are typed in.  Syntax:
 * {a|b} one of, [x] optional, and placeholders filled from the input:
 * %n a number (often a bound), %a an address, %p a prefix, %h a health
 * object's name, %w a word, %u a URL, %f a path, %l free text (the rest
 * of an exec line).
 */
static const char *const anycast_cmds[] = {
	"drain",
	"no drain",
	"maintenance-file %f",
	"no maintenance-file [%f]",
	"shutdown-drain %n",
	"no shutdown-drain [%n]",
	"metrics textfile %f [interval %n]",
	"no metrics textfile [%f [interval %n]]",
	"no health %h",
	"no prefix %p",
	/* the show commands, on whatever the configuration is now */
	"do show anycast health [%h] [json]",
	"do show anycast prefix [%p] [json]",
	"do show anycast metrics",
	"do show running-config",
};

static const char *const health_cmds[] = {
	"probe tcp %a port %n [source %a] [send %w expect %w]",
	"probe http %u [method {get|head}] [expect-status %w] "
	"[expect-body %w] [host %w] [insecure]",
	"probe dns %a [port %n] query %w [type "
	"{a|aaaa|cname|mx|ns|ptr|soa|srv|txt|caa}] [expect-rcode "
	"{noerror|formerr|servfail|nxdomain|notimp|refused}] [expect-answer "
	"%w] [tcp] [recurse]",
	"probe icmp %a [source %a] [count %n loss %n]",
	"probe exec %l",
	"probe file %f [{present|absent}]",
	"probe process {pidfile %f|name %w}",
	"probe interface %w [address %p]",
	"probe route %p [vrf %w]",
	"probe bfd %a [local %a] [interface %w]",
	"probe %w [%l]",
	"no probe [%l]",
	"interval %n",
	"no interval [%n]",
	"timeout %n",
	"no timeout [%n]",
	"rise %n",
	"no rise [%n]",
	"fall %n",
	"no fall [%n]",
	"fast-interval %n",
	"no fast-interval [%n]",
	"delay [up %n] [down %n]",
	"no delay",
	"dampening [half-life %n] [penalty %n] [suppress %n] [reuse %n] "
	"[max-suppress %n]",
	"no dampening",
	"shutdown",
	"no shutdown",
	"vrf %w",
	"no vrf [%w]",
	"on-change exec %l",
	"no on-change [exec]",
};

static const char *const prefix_cmds[] = {
	"track %h [weight %n] [not]",
	"no track %h [weight %n] [not]",
	"policy {all|any|at-least %n|weight up %n down %n}",
	"no policy",
	"metric %n",
	"no metric [%n]",
	"tag %n",
	"no tag [%n]",
	"{degraded|down} {withdraw|advertise [metric %n] [tag %n]}",
	"no {degraded|down}",
	"drain-tag %n",
	"no drain-tag [%n]",
	"drain-time %n",
	"no drain-time [%n]",
	"drain",
	"no drain",
	"last-site-guard [tag %n]",
	"no last-site-guard [tag %n]",
	"vrf %w",
	"no vrf [%w]",
	"on-change exec %l",
	"no on-change [exec]",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const numbers[] = {
	"0",	   "1",	      "2",	    "9",	  "10",
	"11",	   "50",      "64",	    "99",	  "100",
	"101",	   "1000",    "3600",	    "3601",	  "6399",
	"6400",	   "20000",   "65535",	    "65536",	  "86400",
	"3600000", "3600001", "4294967295", "4294967296", "-1",
};
static const char *const addrs[] = {
	"192.0.2.1",	   "192.0.2.2",	       "198.51.100.7", "203.0.113.255",
	"2001:db8::1",	   "2001:db8::2",      "0.0.0.0",      "::",
	"255.255.255.255", "::ffff:192.0.2.1", "fe80::1",
};
static const char *const prefixes[] = {
	"192.0.2.0/24",	     "198.51.100.1/32",
	"203.0.113.0/25",    "2001:db8::/48",
	"2001:db8:1::1/128", "192.0.2.1/24",
	"0.0.0.0/0",	     "::/0",
	"2001:db8::/129",
};
static const char *const names[] = {"web", "dns", "h-1", "h_2"};
static const char *const words[] = {
	"lo",	   "eth0",	  "red",  "blue",   "frr",
	"200-399", "200,404",	  "ok",	  "\\r\\n", "\\x00",
	"\\x4",	   "example.com", ".",	  "tcp",    "exec",
	"http",	   "nobody",	  "user", "shell",  "www.example.com",
	"OK\\n",
};
static const char *const urls[] = {
	"http://192.0.2.1/",
	"https://[2001:db8::1]:8443/health?x=1",
	"http://192.0.2.1:80/status",
	"ftp://192.0.2.1/",
	"http://",
	"x",
};
static const char *const paths[] = {
	"/tmp/anycast-fuzz/m.prom",
	"/run/anycast-fuzz.pid",
	"/tmp/anycast-fuzz/maint",
	"relative/path",
	"/",
	"/tmp/x.txt",
};
static const char *const lines[] = {
	"/bin/true",
	"/bin/sh -c true",
	"check.sh shell",
	"true user frr",
	"true shell user nobody",
	"true user root",
	"echo user",
	"a b c d",
};

struct out {
	char buf[1024];
	size_t len;
	bool full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n >= sizeof(o->buf)) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* A word from the input: up to 24 printable, non-blank characters. */
static void put_fuzz_word(struct out *o, struct fuzz_in *in)
{
	size_t n = fuzz_u8(in) % 25, k = 0;
	char w[25];

	for (size_t i = 0; i < n; i++) {
		uint8_t c = fuzz_u8(in);

		if (c > 0x20 && c < 0x7f)
			w[k++] = c;
	}
	if (!k)
		w[k++] = 'x';
	put(o, w, k);
}

static void put_pick(struct out *o, struct fuzz_in *in, const char *const *set,
		     size_t n)
{
	uint8_t b = fuzz_u8(in);

	/* 1 in 8: something the input makes up */
	if ((b & 7) == 7) {
		put_fuzz_word(o, in);
		return;
	}
	put(o, set[(b >> 3) % n], strlen(set[(b >> 3) % n]));
}

static void put_number(struct out *o, struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);
	char num[16];

	if (b & 1) {
		snprintf(num, sizeof(num), "%u",
			 fuzz_u32(in) % (b & 2 ? 101 : 4000000));
		put(o, num, strlen(num));
	} else
		put(o, numbers[(b >> 1) % N(numbers)],
		    strlen(numbers[(b >> 1) % N(numbers)]));
}

/* The placeholders and the values they are filled with. */
static const struct {
	char code;
	const char *const *set;
	size_t n;
} placeholders[] = {
	{'a', addrs, N(addrs)}, {'p', prefixes, N(prefixes)},
	{'h', names, N(names)}, {'w', words, N(words)},
	{'u', urls, N(urls)},	{'f', paths, N(paths)},
	{'l', lines, N(lines)},
};

static void put_placeholder(struct out *o, struct fuzz_in *in, char code)
{
	if (code == 'n') {
		put_number(o, in);
		return;
	}
	for (size_t i = 0; i < N(placeholders); i++)
		if (placeholders[i].code == code) {
			put_pick(o, in, placeholders[i].set, placeholders[i].n);
			return;
		}
	put(o, "?", 1); /* a template with an unknown placeholder */
}

/* The end of the group starting after *t (at its closing bracket). */
static const char *group_end(const char *t)
{
	int depth = 0;

	for (; *t; t++) {
		if (*t == '[' || *t == '{')
			depth++;
		else if (*t == ']' || *t == '}') {
			if (!depth)
				return t;
			depth--;
		}
	}
	return t;
}

/* The end of the alternative starting at t, inside a {} group. */
static const char *alt_end(const char *t, const char *end)
{
	int depth = 0;

	for (; t < end; t++) {
		if (*t == '[' || *t == '{')
			depth++;
		else if (*t == ']' || *t == '}')
			depth--;
		else if (*t == '|' && !depth)
			return t;
	}
	return end;
}

static void expand(struct out *o, struct fuzz_in *in, const char *t,
		   const char *end)
{
	while (t < end && !o->full) {
		if (*t == '[') {
			const char *e = group_end(t + 1);

			if (fuzz_u8(in) & 1)
				expand(o, in, t + 1, e);
			t = e + 1;
		} else if (*t == '{') {
			const char *e = group_end(t + 1), *a = t + 1, *ae;
			unsigned int k = fuzz_u8(in) % 16;

			/* the k-th alternative (wrapping) */
			for (;;) {
				ae = alt_end(a, e);
				if (!k-- || ae == e)
					break;
				a = ae + 1;
			}
			expand(o, in, a, ae);
			t = e + 1;
		} else if (*t == '%' && t + 1 < end) {
			put_placeholder(o, in, t[1]);
			t += 2;
		} else {
			put(o, t, 1);
			t++;
		}
	}
}

static void build(struct out *o, struct fuzz_in *in, const char *tmpl)
{
	o->len = 0;
	o->full = false;
	o->buf[0] = '\0';
	expand(o, in, tmpl, tmpl + strlen(tmpl));
}

/* --- the run ---------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* ANYCAST_FUZZ_VERBOSE: print the commands (to write a unit test) */
	cfgenv_init(getenv("ANYCAST_FUZZ_VERBOSE") != NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct out o, enter;
	unsigned long version;
	int ret;

	cfgenv_reset();
	fuzz_in_init(&in, data, size);
	while (in.left) {
		uint8_t op = fuzz_u8(&in);
		const char *tmpl;

		/* the node: anycast, a health object or a prefix */
		cfgenv_top();
		FUZZ_CHECK(cfgenv_run("anycast") == CMD_SUCCESS);
		switch (op % 3) {
		case 0:
			tmpl = anycast_cmds[(op / 3) % N(anycast_cmds)];
			break;
		case 1:
			build(&enter, &in, "health %h");
			if (cfgenv_run(enter.buf) != CMD_SUCCESS)
				continue;
			tmpl = health_cmds[(op / 3) % N(health_cmds)];
			break;
		default:
			build(&enter, &in, "prefix %p");
			if (cfgenv_run(enter.buf) != CMD_SUCCESS)
				continue;
			tmpl = prefix_cmds[(op / 3) % N(prefix_cmds)];
			break;
		}
		build(&o, &in, tmpl);
		version = cfgenv_version();
		ret = cfgenv_run(o.buf);
		if (ret != CMD_SUCCESS && cfgenv_version() != version) {
			fprintf(stderr, "'%s' failed (%d) but was committed\n",
				o.buf, ret);
			FUZZ_CHECK(!"rejected command changed the config");
		}
		FUZZ_CHECK(cfgenv_state_ok());
	}

	/* read back into a fresh (emptied) configuration */
	FUZZ_CHECK(cfgenv_round_trip());
	FUZZ_CHECK(cfgenv_state_ok());
	return 0;
}
