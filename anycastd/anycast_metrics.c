// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd Prometheus metrics (see anycast_metrics.h).
 *
 * The exposition (Prometheus text format 0.0.4) is rendered from the live
 * objects into a growable buffer, every family contiguous with its HELP
 * and TYPE lines; label values are escaped (\\, \", \n) although names and
 * prefixes only hold safe characters.
 *
 * The textfile is written synchronously from the event loop: a few KB to a
 * local file per interval, like a large `show` output.  It goes to
 * PATH.tmp.PID in the same directory (node_exporter ignores it: it does not
 * end in .prom), which is then renamed over PATH, so a reader sees the old
 * or the new file, never a partial one.  anycastd runs as user frr: the
 * directory must be writable by frr.  A failure is logged once per
 * distinct error (and once when writing works again), never every
 * interval.  `no metrics textfile`, a changed path and a clean stop remove
 * the file written so far: a stale file would keep reporting prefixes as
 * announced after they were withdrawn.
 */
#include <zebra.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_health.h"
#include "anycast_memory.h"
#include "anycast_metrics.h"
#include "anycast_nb.h"
#include "anycast_nodes.h"
#include "anycast_prefix.h"
#include "anycast_probe_limit.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

#ifndef VTYSH_EXTRACT_PL
#include "anycast_metrics_clippy.c"
#endif

extern struct frr_event_loop *master;

/* ---------------------------------------------------------------------- */
/* growable text buffer                                                   */

struct mbuf {
	char *s; /* NUL-terminated */
	size_t len;
	size_t size;
};

static void mbuf_init(struct mbuf *b)
{
	b->size = 4096;
	b->len = 0;
	b->s = XMALLOC(MTYPE_ANYCAST_METRICS, b->size);
	b->s[0] = '\0';
}

static void mbuf_free(struct mbuf *b)
{
	XFREE(MTYPE_ANYCAST_METRICS, b->s);
}

static void mbuf_printf(struct mbuf *b, const char *fmt, ...) PRINTFRR(2, 3);
static void mbuf_printf(struct mbuf *b, const char *fmt, ...)
{
	va_list ap;
	ssize_t n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintfrr(b->s + b->len, b->size - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < b->size - b->len) {
			b->len += n;
			return;
		}
		b->size = MAX(b->size * 2, b->len + n + 1);
		b->s = XREALLOC(MTYPE_ANYCAST_METRICS, b->s, b->size);
	}
}

/* `key="value"`, the value escaped as the exposition format wants */
static void mbuf_label(struct mbuf *b, const char *key, const char *value)
{
	mbuf_printf(b, "%s=\"", key);
	for (const char *c = value; *c; c++) {
		if (*c == '\\')
			mbuf_printf(b, "\\\\");
		else if (*c == '"')
			mbuf_printf(b, "\\\"");
		else if (*c == '\n')
			mbuf_printf(b, "\\n");
		else
			mbuf_printf(b, "%c", *c);
	}
	mbuf_printf(b, "\"");
}

/* ---------------------------------------------------------------------- */
/* rendering                                                              */

/* HELP texts are constants without \ or newline: nothing to escape */
static void family(struct mbuf *b, const char *name, const char *type,
		   const char *help)
{
	mbuf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* b := a health object's labels, health="NAME",kind="KIND" */
static void health_labels(struct mbuf *b, const struct anycast_health *h)
{
	b->len = 0;
	mbuf_label(b, "health", h->name);
	mbuf_printf(b, ",");
	mbuf_label(b, "kind", anycast_probe_type_name(h->probe.type));
}

/* b := a prefix's labels, prefix="P/LEN" */
static void prefix_labels(struct mbuf *b, const struct anycast_prefix *ap)
{
	char buf[PREFIX_STRLEN];

	b->len = 0;
	mbuf_label(b, "prefix", prefix2str(&ap->p, buf, sizeof(buf)));
}

/* one series of a "state set": 1 for the current state, 0 for the others */
static void state_sample(struct mbuf *b, const char *name,
			 const struct mbuf *labels, const char *state, bool cur)
{
	mbuf_printf(b, "%s{%s,", name, labels->s);
	mbuf_label(b, "state", state);
	mbuf_printf(b, "} %d\n", cur ? 1 : 0);
}

static const struct {
	const char *name;
	const char *help;
	size_t off; /* uint64_t in struct anycast_health */
} health_counters[] = {
	{"anycastd_health_probe_runs_total", "Probe runs started.",
	 offsetof(struct anycast_health, runs)},
	{"anycastd_health_probe_successes_total", "Probe runs that succeeded.",
	 offsetof(struct anycast_health, successes)},
	{"anycastd_health_probe_failures_total",
	 "Probe runs that failed (timeouts included).",
	 offsetof(struct anycast_health, failures)},
	{"anycastd_health_probe_timeouts_total", "Probe runs that timed out.",
	 offsetof(struct anycast_health, timeouts)},
	{"anycastd_health_transitions_total", "Health state changes.",
	 offsetof(struct anycast_health, transitions)},
};

static uint64_t health_counter(const struct anycast_health *h, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)h + off, sizeof(v));
	return v;
}

static void render_latency(struct mbuf *b, const struct anycast_health *h,
			   const struct mbuf *labels)
{
	static const char name[] = "anycastd_health_probe_latency_seconds";
	const struct anycast_latency_hist *lh = &h->latency;
	char le[16];

	for (size_t i = 0; i < ANYCAST_LATENCY_NBOUNDS; i++)
		mbuf_printf(b, "%s_bucket{%s,le=\"%s\"} %" PRIu64 "\n", name,
			    labels->s,
			    anycast_latency_bound_str(i, le, sizeof(le)),
			    lh->le[i]);
	mbuf_printf(b, "%s_bucket{%s,le=\"+Inf\"} %" PRIu64 "\n", name,
		    labels->s, lh->count);
	/* exact decimal: the sum is kept in whole microseconds */
	mbuf_printf(b, "%s_sum{%s} %" PRIu64 ".%06" PRIu64 "\n", name,
		    labels->s, lh->sum_us / 1000000, lh->sum_us % 1000000);
	mbuf_printf(b, "%s_count{%s} %" PRIu64 "\n", name, labels->s,
		    lh->count);
}

static void render_health(struct mbuf *b)
{
	struct anycast_health *h;
	struct mbuf l;

	mbuf_init(&l);

	family(b, "anycastd_health_state", "gauge",
	       "Health object state: 1 for the current state, 0 for the "
	       "others.");
	frr_each (anycast_health_tree, &anycast_healths, h) {
		health_labels(&l, h);
		for (int s = ANYCAST_HS_INIT; s < ANYCAST_HS_MAX; s++)
			state_sample(b, "anycastd_health_state", &l,
				     anycast_fsm_state_name(s),
				     h->fsm.state ==
					     (enum anycast_health_state)s);
	}

	family(b, "anycastd_health_up", "gauge",
	       "1 while the health object counts as up for prefixes (up or "
	       "falling, not suppressed).");
	frr_each (anycast_health_tree, &anycast_healths, h) {
		health_labels(&l, h);
		mbuf_printf(b, "anycastd_health_up{%s} %d\n", l.s,
			    anycast_health_is_up(h) ? 1 : 0);
	}

	for (size_t i = 0; i < array_size(health_counters); i++) {
		family(b, health_counters[i].name, "counter",
		       health_counters[i].help);
		frr_each (anycast_health_tree, &anycast_healths, h) {
			health_labels(&l, h);
			mbuf_printf(b, "%s{%s} %" PRIu64 "\n",
				    health_counters[i].name, l.s,
				    health_counter(h, health_counters[i].off));
		}
	}

	family(b, "anycastd_health_probe_latency_seconds", "histogram",
	       "Duration of finished probe runs (timeouts included).");
	frr_each (anycast_health_tree, &anycast_healths, h) {
		health_labels(&l, h);
		render_latency(b, h, &l);
	}
	mbuf_free(&l);

	/* by the objects' current probe kind: an object keeps its counters
	 * when its probe changes; a deleted object's failures disappear */
	family(b, "anycastd_probe_errors_total", "counter",
	       "Failed probe runs of the health objects using a probe kind.");
	for (int k = ANYCAST_PROBE_NONE + 1; k < ANYCAST_PROBE_MAX; k++) {
		uint64_t sum = 0;

		frr_each (anycast_health_tree, &anycast_healths, h)
			if (h->probe.type == (enum anycast_probe_type)k)
				sum += h->failures;
		mbuf_printf(b, "anycastd_probe_errors_total{");
		mbuf_label(b, "kind", anycast_probe_type_name(k));
		mbuf_printf(b, "} %" PRIu64 "\n", sum);
	}
}

static void render_prefixes(struct mbuf *b)
{
	struct anycast_prefix *ap;
	struct mbuf l;

	mbuf_init(&l);

	family(b, "anycastd_prefix_state", "gauge",
	       "Prefix state: 1 for the current state, 0 for the others.");
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		prefix_labels(&l, ap);
		for (int s = ANYCAST_PS_DOWN; s < ANYCAST_PS_MAX; s++)
			state_sample(b, "anycastd_prefix_state", &l,
				     anycast_prefix_state_name(s),
				     ap->state == (enum anycast_prefix_state)s);
	}

	family(b, "anycastd_prefix_announced", "gauge",
	       "1 while the prefix's route is wanted in zebra.");
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		prefix_labels(&l, ap);
		mbuf_printf(b, "anycastd_prefix_announced{%s} %d\n", l.s,
			    ap->announce ? 1 : 0);
	}

	family(b, "anycastd_prefix_draining", "gauge",
	       "1 while the prefix is announced with the drain tag.");
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		prefix_labels(&l, ap);
		mbuf_printf(b, "anycastd_prefix_draining{%s} %d\n", l.s,
			    ap->drain_state == ANYCAST_DRAIN_DRAINING ? 1 : 0);
	}

	family(b, "anycastd_prefix_transitions_total", "counter",
	       "Prefix state changes.");
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		prefix_labels(&l, ap);
		mbuf_printf(b,
			    "anycastd_prefix_transitions_total{%s} %" PRIu64
			    "\n",
			    l.s, ap->transitions);
	}
	mbuf_free(&l);
}

/* probe-limit: per probe kind, limited or not */
static const struct {
	const char *name, *type, *help;
} limit_families[] = {
	{"anycastd_probe_limit", "gauge",
	 "Configured probe-limit of a probe kind (0: none)."},
	{"anycastd_probe_runs_active", "gauge",
	 "Probe runs of a kind in flight (health objects' runs)."},
	{"anycastd_probe_runs_waiting", "gauge",
	 "Health objects whose run waits for a free probe-limit slot."},
	{"anycastd_probe_runs_deferred_total", "counter",
	 "Runs that had to wait for a free probe-limit slot."},
	{"anycastd_probe_runs_skipped_total", "counter",
	 "Scheduled runs skipped: the object's last run still waited or ran."},
	{"anycastd_probe_runs_no_result_total", "counter",
	 "Runs without a result: a local fault (no fd, memory or process), "
	 "never counted as a failure."},
};

static uint64_t limit_value(size_t i, enum anycast_probe_type k)
{
	const struct anycast_limit *l = anycast_probe_limit_get(k);

	switch (i) {
	case 0:
		return l->max;
	case 1:
		return l->active;
	case 2:
		return anycast_health_waiting(k);
	case 3:
		return l->deferred;
	case 4:
		return l->skipped;
	default:
		return anycast_probe_no_results(k);
	}
}

static void render_probe_limits(struct mbuf *b)
{
	for (size_t i = 0; i < array_size(limit_families); i++) {
		family(b, limit_families[i].name, limit_families[i].type,
		       limit_families[i].help);
		for (int k = ANYCAST_PROBE_NONE + 1; k < ANYCAST_PROBE_MAX;
		     k++) {
			mbuf_printf(b, "%s{", limit_families[i].name);
			mbuf_label(b, "kind", anycast_probe_type_name(k));
			mbuf_printf(b, "} %" PRIu64 "\n", limit_value(i, k));
		}
	}
}

static void metrics_render(struct mbuf *b)
{
	family(b, "anycastd_zebra_connected", "gauge",
	       "1 while anycastd's session to zebra is up.");
	mbuf_printf(b, "anycastd_zebra_connected %d\n",
		    anycast_zebra_connected() ? 1 : 0);
	render_health(b);
	render_probe_limits(b);
	render_prefixes(b);
}

/* ---------------------------------------------------------------------- */
/* the textfile                                                           */

static struct {
	char *path; /* NULL: not configured */
	uint32_t interval_s;
	struct frr_event *t_write;
	char error[2400]; /* the error last logged; "" while writing works */
} textfile;

/* write b to path atomically; false with the reason in err */
static bool textfile_write(const char *path, const struct mbuf *b, char *err,
			   size_t errlen)
{
	char tmp[1100];
	size_t off = 0;
	ssize_t n;
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", tmp,
			 safe_strerror(errno));
		return false;
	}
	/* 0644 whatever the umask: node_exporter runs as another user */
	if (fchmod(fd, 0644) < 0) {
		snprintf(err, errlen, "cannot chmod %s: %s", tmp,
			 safe_strerror(errno));
		goto fail;
	}
	while (off < b->len) {
		n = write(fd, b->s + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "cannot write %s: %s", tmp,
				 safe_strerror(errno));
			goto fail;
		}
		off += n;
	}
	n = close(fd);
	fd = -1;
	if (n < 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 safe_strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path,
			 safe_strerror(errno));
		goto fail;
	}
	return true;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return false;
}

static void textfile_update(void)
{
	char err[sizeof(textfile.error)] = "";
	struct mbuf b;

	mbuf_init(&b);
	metrics_render(&b);
	if (textfile_write(textfile.path, &b, err, sizeof(err))) {
		if (textfile.error[0])
			zlog_info("metrics: writing %s works again",
				  textfile.path);
		textfile.error[0] = '\0';
	} else if (strcmp(err, textfile.error)) {
		zlog_warn("metrics: %s (the directory must be writable by the "
			  "user anycastd runs as)",
			  err);
		strlcpy(textfile.error, err, sizeof(textfile.error));
	}
	mbuf_free(&b);
}

static void textfile_timer(struct frr_event *t)
{
	/* start to start, whatever the write takes */
	event_add_timer(master, textfile_timer, NULL, textfile.interval_s,
			&textfile.t_write);
	textfile_update();
}

static void textfile_stop(void)
{
	EVENT_OFF(textfile.t_write);
	if (textfile.path && unlink(textfile.path) < 0 && errno != ENOENT)
		zlog_warn("metrics: cannot remove %s: %s", textfile.path,
			  safe_strerror(errno));
	XFREE(MTYPE_ANYCAST_METRICS, textfile.path);
	textfile.error[0] = '\0';
}

void anycast_metrics_textfile(const char *path, uint32_t interval_s)
{
	/* the textfile and interval leaves of one change: apply once */
	if (path && textfile.path && strmatch(path, textfile.path) &&
	    interval_s == textfile.interval_s)
		return;
	textfile_stop();
	if (!path)
		return;
	textfile.path = XSTRDUP(MTYPE_ANYCAST_METRICS, path);
	textfile.interval_s = interval_s;
	textfile_timer(NULL);
}

void anycast_metrics_terminate(void)
{
	textfile_stop();
}

bool anycast_metrics_path_ok(const char *path, char *errmsg, size_t errmsg_len)
{
	size_t len = strlen(path);
	const char *base = strrchr(path, '/');
	char dir[1024];
	struct stat sb;

	if (path[0] != '/' || len >= sizeof(dir)) {
		snprintf(errmsg, errmsg_len,
			 "The metrics textfile needs an absolute path (at most "
			 "%zu characters)",
			 sizeof(dir) - 1);
		return false;
	}
	if (strlen(base + 1) <= 5 || !strmatch(path + len - 5, ".prom")) {
		snprintf(errmsg, errmsg_len,
			 "The metrics textfile must be named *.prom "
			 "(node_exporter reads only those)");
		return false;
	}
	/* the directory, "/" for a file in the root */
	snprintf(dir, sizeof(dir), "%.*s", (int)MAX(base - path, 1), path);
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(errmsg, errmsg_len,
			 "The metrics textfile's directory %s does not exist",
			 dir);
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* CLI                                                                    */

#define METRICS_STR "Prometheus metrics\n"
#define TEXTFILE_STR "Write them for node_exporter's textfile collector\n"

DEFPY_YANG(metrics_textfile, metrics_textfile_cmd,
	   "metrics textfile PATH [interval (1-3600)$interval]",
	   METRICS_STR TEXTFILE_STR
	   "Absolute path ending in .prom, in a directory writable by frr\n"
	   "How often to rewrite the file (default 15)\n"
	   "Seconds\n")
{
	char err[256];
	char dflt[16];

	if (!anycast_metrics_path_ok(path, err, sizeof(err))) {
		vty_out(vty, "%% %s\n", err);
		return CMD_WARNING_CONFIG_FAILED;
	}
	snprintf(dflt, sizeof(dflt), "%u", ANYCAST_METRICS_DEFAULT_INTERVAL);
	nb_cli_enqueue_change(vty, "./metrics/textfile", NB_OP_MODIFY, path);
	nb_cli_enqueue_change(vty, "./metrics/interval", NB_OP_MODIFY,
			      interval_str ? interval_str : dflt);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_metrics_textfile, no_metrics_textfile_cmd,
	   "no metrics textfile [PATH [interval (1-3600)]]",
	   NO_STR METRICS_STR TEXTFILE_STR "Absolute path ending in .prom\n"
					   "How often to rewrite the file\n"
					   "Seconds\n")
{
	char dflt[16];

	snprintf(dflt, sizeof(dflt), "%u", ANYCAST_METRICS_DEFAULT_INTERVAL);
	nb_cli_enqueue_change(vty, "./metrics/textfile", NB_OP_DESTROY, NULL);
	nb_cli_enqueue_change(vty, "./metrics/interval", NB_OP_MODIFY, dflt);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY(show_anycast_metrics, show_anycast_metrics_cmd, "show anycast metrics",
      SHOW_STR ANYCAST_STR "Prometheus text exposition of the state\n")
{
	struct mbuf b;

	mbuf_init(&b);
	metrics_render(&b);
	vty_out(vty, "%s", b.s);
	mbuf_free(&b);
	return CMD_SUCCESS;
}

void anycast_metrics_textfile_cli_show(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults)
{
	vty_out(vty, " metrics textfile %s",
		yang_dnode_get_string(dnode, NULL));
	if (show_defaults || !yang_dnode_is_default(dnode, "../interval"))
		vty_out(vty, " interval %u",
			yang_dnode_get_uint32(dnode, "../interval"));
	vty_out(vty, "\n");
}

void anycast_metrics_vty_init(void)
{
	install_element(ANYCAST_NODE, &metrics_textfile_cmd);
	install_element(ANYCAST_NODE, &no_metrics_textfile_cmd);
	install_element(VIEW_NODE, &show_anycast_metrics_cmd);
}
