// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd Prometheus metrics (see anycast_metrics.h).
 *
 * The exposition (Prometheus text format 0.0.4) is rendered from the live
 * objects into a growable buffer, every family contiguous with its HELP
 * and TYPE lines; label values are escaped (\\, \", \n) although names and
 * prefixes only hold safe characters.
 *
 * The textfile: every interval the exposition is rendered on the event
 * loop a slice of objects per turn (see "rendering") and handed to a
 * thread that writes it safely (anycast_textfile.c: random temporary name
 * created with O_EXCL|O_NOFOLLOW in the directory's fd, fsync, rename over
 * PATH), so neither many objects nor a hung file system stall the loop.
 * An interval that comes while the last one is still rendered or written is
 * skipped and counted.  anycastd runs as user frr: the directory must be
 * writable by frr.  A failure is logged once per distinct error (and once
 * when writing works again), never every interval.  `no metrics
 * textfile`, a changed path and a clean stop remove the file written so
 * far: a stale file would keep reporting prefixes as announced after they
 * were withdrawn.
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
#include "anycast_textfile.h"
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

static void mbuf_init(struct mbuf *b, size_t size)
{
	b->size = size;
	b->len = 0;
	b->s = XMALLOC(MTYPE_ANYCAST_METRICS, b->size);
	b->s[0] = '\0';
}

static void mbuf_free(struct mbuf *b)
{
	XFREE(MTYPE_ANYCAST_METRICS, b->s);
}

/* room for n more characters and the NUL */
static inline char *mbuf_room(struct mbuf *b, size_t n)
{
	if (b->len + n + 1 > b->size) {
		b->size = MAX(b->size * 2, b->len + n + 1);
		b->s = XREALLOC(MTYPE_ANYCAST_METRICS, b->s, b->size);
	}
	return b->s + b->len;
}

static inline void mbuf_put(struct mbuf *b, const char *s, size_t n)
{
	memcpy(mbuf_room(b, n), s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void mbuf_str(struct mbuf *b, const char *s)
{
	mbuf_put(b, s, strlen(s));
}

static inline void mbuf_u64(struct mbuf *b, uint64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	mbuf_put(b, p, tmp + sizeof(tmp) - p);
}

/* for the few lines that are not per object */
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
		mbuf_room(b, n);
	}
}

/* `key="value"`, the value escaped as the exposition format wants */
static void mbuf_label(struct mbuf *b, const char *key, const char *value)
{
	const char *c = value, *run = value;

	mbuf_str(b, key);
	mbuf_put(b, "=\"", 2);
	for (; *c; c++) {
		const char *esc;

		if (*c == '\\')
			esc = "\\\\";
		else if (*c == '"')
			esc = "\\\"";
		else if (*c == '\n')
			esc = "\\n";
		else
			continue;
		mbuf_put(b, run, c - run);
		mbuf_put(b, esc, 2);
		run = c + 1;
	}
	mbuf_put(b, run, c - run);
	mbuf_put(b, "\"", 1);
}

/* NAME{LABELS} VALUE\n -- the line every sample is */
static inline void sample(struct mbuf *b, const char *name,
			  const struct mbuf *labels, uint64_t v)
{
	mbuf_str(b, name);
	mbuf_put(b, "{", 1);
	mbuf_put(b, labels->s, labels->len);
	mbuf_put(b, "} ", 2);
	mbuf_u64(b, v);
	mbuf_put(b, "\n", 1);
}

/* ---------------------------------------------------------------------- */
/* rendering                                                              */

/*
 * Every family goes to a buffer of its own; an object's samples of all
 * families are appended in one step, so the exposition can be rendered a
 * slice of objects at a time (the textfile: at most RENDER_*_STEP objects
 * per turn of the event loop) and still has every family contiguous, each
 * object in every family exactly once.  The output is the buffers in
 * enum order.
 */
enum {
	F_ZEBRA,
	F_TEXTFILE,
	F_H_STATE,
	F_H_UP,
	F_H_COUNTER, /* + i for health_counters[i] */
	F_H_LATENCY = F_H_COUNTER + 5,
	F_PROBE_ERRORS,
	F_LIMIT, /* + i for limit_families[i] */
	F_P_STATE = F_LIMIT + 6,
	F_P_ANNOUNCED,
	F_P_DRAINING,
	F_P_TRANSITIONS, /* last: a reader that sees it read the whole file */
	F_MAX,
};

/* health objects / prefixes rendered per turn of the loop */
#define RENDER_HEALTH_STEP 200
#define RENDER_PREFIX_STEP 1000

struct mrender {
	struct mbuf fam[F_MAX];
	struct mbuf labels;
	uint64_t errors[ANYCAST_PROBE_MAX]; /* failures by probe kind */
	enum { R_HEALTH, R_PREFIX, R_DONE } phase;
	bool resume; /* the cursor holds the last object rendered */
	char hcursor[ANYCAST_NAME_LEN];
	struct prefix pcursor;
};

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
	mbuf_put(b, ",", 1);
	mbuf_label(b, "kind", anycast_probe_type_name(h->probe.type));
}

/* b := a prefix's labels, prefix="P/LEN" */
static void prefix_labels(struct mbuf *b, const struct anycast_prefix *ap)
{
	char buf[PREFIX_STRLEN];

	b->len = 0;
	mbuf_label(b, "prefix", prefix2str(&ap->p, buf, sizeof(buf)));
}

/* the series of a "state set": 1 for the current state, 0 for the others */
static void state_samples(struct mbuf *b, const char *name,
			  const struct mbuf *labels, const char *const *states,
			  int nstates, int cur)
{
	for (int s = 0; s < nstates; s++) {
		mbuf_str(b, name);
		mbuf_put(b, "{", 1);
		mbuf_put(b, labels->s, labels->len);
		mbuf_put(b, ",state=\"", 8);
		mbuf_str(b, states[s]);
		mbuf_put(b, s == cur ? "\"} 1\n" : "\"} 0\n", 5);
	}
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

_Static_assert(F_H_LATENCY - F_H_COUNTER == array_size(health_counters),
	       "F_H_COUNTER's range must match health_counters");

static uint64_t health_counter(const struct anycast_health *h, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)h + off, sizeof(v));
	return v;
}

static const char latency_name[] = "anycastd_health_probe_latency_seconds";

/* the bucket bounds as label values, "le=\"0.005\"}" etc., made once */
static const char *latency_le(size_t i)
{
	static char le[ANYCAST_LATENCY_NBOUNDS][32];
	static bool made;

	if (!made) {
		char v[16];

		for (size_t k = 0; k < ANYCAST_LATENCY_NBOUNDS; k++)
			snprintf(le[k], sizeof(le[k]), ",le=\"%s\"} ",
				 anycast_latency_bound_str(k, v, sizeof(v)));
		made = true;
	}
	return le[i];
}

static void render_latency(struct mbuf *b, const struct anycast_health *h,
			   const struct mbuf *labels)
{
	const struct anycast_latency_hist *lh = &h->latency;

	for (size_t i = 0; i <= ANYCAST_LATENCY_NBOUNDS; i++) {
		mbuf_str(b, latency_name);
		mbuf_put(b, "_bucket{", 8);
		mbuf_put(b, labels->s, labels->len);
		if (i < ANYCAST_LATENCY_NBOUNDS) {
			mbuf_str(b, latency_le(i));
			mbuf_u64(b, lh->le[i]);
		} else {
			mbuf_str(b, ",le=\"+Inf\"} ");
			mbuf_u64(b, lh->count);
		}
		mbuf_put(b, "\n", 1);
	}
	/* exact decimal: the sum is kept in whole microseconds */
	mbuf_str(b, latency_name);
	mbuf_put(b, "_sum{", 5);
	mbuf_put(b, labels->s, labels->len);
	mbuf_printf(b, "} %" PRIu64 ".%06" PRIu64 "\n", lh->sum_us / 1000000,
		    lh->sum_us % 1000000);
	mbuf_str(b, latency_name);
	mbuf_put(b, "_count{", 7);
	mbuf_put(b, labels->s, labels->len);
	mbuf_put(b, "} ", 2);
	mbuf_u64(b, lh->count);
	mbuf_put(b, "\n", 1);
}

static void render_health_one(struct mrender *r, const struct anycast_health *h)
{
	static const char *states[ANYCAST_HS_MAX];
	struct mbuf *l = &r->labels;

	if (!states[0])
		for (int s = 0; s < ANYCAST_HS_MAX; s++)
			states[s] = anycast_fsm_state_name(s);
	health_labels(l, h);
	state_samples(&r->fam[F_H_STATE], "anycastd_health_state", l,
		      states + ANYCAST_HS_INIT,
		      ANYCAST_HS_MAX - ANYCAST_HS_INIT,
		      (int)h->fsm.state - ANYCAST_HS_INIT);
	sample(&r->fam[F_H_UP], "anycastd_health_up", l,
	       anycast_health_is_up(h) ? 1 : 0);
	for (size_t i = 0; i < array_size(health_counters); i++)
		sample(&r->fam[F_H_COUNTER + i], health_counters[i].name, l,
		       health_counter(h, health_counters[i].off));
	render_latency(&r->fam[F_H_LATENCY], h, l);
	/* by the objects' current probe kind: an object keeps its counters
	 * when its probe changes; a deleted object's failures disappear */
	if (h->probe.type < ANYCAST_PROBE_MAX)
		r->errors[h->probe.type] += h->failures;
}

static void render_prefix_one(struct mrender *r,
			      const struct anycast_prefix *ap)
{
	static const char *states[ANYCAST_PS_MAX];
	struct mbuf *l = &r->labels;

	if (!states[0])
		for (int s = 0; s < ANYCAST_PS_MAX; s++)
			states[s] = anycast_prefix_state_name(s);
	prefix_labels(l, ap);
	state_samples(&r->fam[F_P_STATE], "anycastd_prefix_state", l,
		      states + ANYCAST_PS_DOWN,
		      ANYCAST_PS_MAX - ANYCAST_PS_DOWN,
		      (int)ap->state - ANYCAST_PS_DOWN);
	sample(&r->fam[F_P_ANNOUNCED], "anycastd_prefix_announced", l,
	       ap->announce ? 1 : 0);
	sample(&r->fam[F_P_DRAINING], "anycastd_prefix_draining", l,
	       ap->drain_state == ANYCAST_DRAIN_DRAINING ? 1 : 0);
	sample(&r->fam[F_P_TRANSITIONS], "anycastd_prefix_transitions_total", l,
	       ap->transitions);
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

/* one buffer each in the render (the enum above) */
_Static_assert(F_P_STATE - F_LIMIT == array_size(limit_families),
	       "F_LIMIT's range must match limit_families");

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

/* NAME{kind="KIND"} VALUE for every probe kind */
static void by_kind(struct mbuf *b, const char *name,
		    uint64_t (*value)(int k, const void *arg), const void *arg)
{
	for (int k = ANYCAST_PROBE_NONE + 1; k < ANYCAST_PROBE_MAX; k++) {
		mbuf_str(b, name);
		mbuf_put(b, "{", 1);
		mbuf_label(b, "kind", anycast_probe_type_name(k));
		mbuf_put(b, "} ", 2);
		mbuf_u64(b, value(k, arg));
		mbuf_put(b, "\n", 1);
	}
}

static uint64_t errors_value(int k, const void *arg)
{
	return ((const uint64_t *)arg)[k];
}

static uint64_t limit_value_k(int k, const void *arg)
{
	return limit_value(*(const size_t *)arg, k);
}

static void mrender_init(struct mrender *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < F_MAX; i++)
		mbuf_init(&r->fam[i], 4096);
	mbuf_init(&r->labels, 256);

	family(&r->fam[F_ZEBRA], "anycastd_zebra_connected", "gauge",
	       "1 while anycastd's session to zebra is up.");
	family(&r->fam[F_H_STATE], "anycastd_health_state", "gauge",
	       "Health object state: 1 for the current state, 0 for the "
	       "others.");
	family(&r->fam[F_H_UP], "anycastd_health_up", "gauge",
	       "1 while the health object counts as up for prefixes (up or "
	       "falling, not suppressed).");
	for (size_t i = 0; i < array_size(health_counters); i++)
		family(&r->fam[F_H_COUNTER + i], health_counters[i].name,
		       "counter", health_counters[i].help);
	family(&r->fam[F_H_LATENCY], latency_name, "histogram",
	       "Duration of finished probe runs (timeouts included).");
	family(&r->fam[F_PROBE_ERRORS], "anycastd_probe_errors_total",
	       "counter",
	       "Failed probe runs of the health objects using a probe kind.");
	for (size_t i = 0; i < array_size(limit_families); i++)
		family(&r->fam[F_LIMIT + i], limit_families[i].name,
		       limit_families[i].type, limit_families[i].help);
	family(&r->fam[F_P_STATE], "anycastd_prefix_state", "gauge",
	       "Prefix state: 1 for the current state, 0 for the others.");
	family(&r->fam[F_P_ANNOUNCED], "anycastd_prefix_announced", "gauge",
	       "1 while the prefix's route is wanted in zebra.");
	family(&r->fam[F_P_DRAINING], "anycastd_prefix_draining", "gauge",
	       "1 while the prefix is announced with the drain tag.");
	family(&r->fam[F_P_TRANSITIONS], "anycastd_prefix_transitions_total",
	       "counter", "Prefix state changes.");
}

static void mrender_free(struct mrender *r)
{
	for (int i = 0; i < F_MAX; i++)
		mbuf_free(&r->fam[i]);
	mbuf_free(&r->labels);
}

/* the first object after the cursor (or the first at all) */
static struct anycast_health *health_after(struct mrender *r)
{
	struct anycast_health key, *h;

	if (!r->resume)
		return anycast_health_tree_first(&anycast_healths);
	strlcpy(key.name, r->hcursor, sizeof(key.name));
	h = anycast_health_tree_find_gteq(&anycast_healths, &key);
	if (h && strmatch(h->name, r->hcursor))
		h = anycast_health_tree_next(&anycast_healths, h);
	return h;
}

static struct anycast_prefix *prefix_after(struct mrender *r)
{
	struct anycast_prefix key, *ap;

	if (!r->resume)
		return anycast_prefix_tree_first(&anycast_prefixes);
	prefix_copy(&key.p, &r->pcursor);
	ap = anycast_prefix_tree_find_gteq(&anycast_prefixes, &key);
	if (ap && prefix_same(&ap->p, &r->pcursor))
		ap = anycast_prefix_tree_next(&anycast_prefixes, ap);
	return ap;
}

static uint64_t textfile_skipped(void);

/*
 * Render up to `budget` objects; true once everything is rendered.  An
 * object added behind the cursor or deleted before it is rendered in the
 * next exposition.
 */
static bool mrender_step(struct mrender *r, size_t budget)
{
	struct anycast_health *h;
	struct anycast_prefix *ap;

	if (r->phase == R_HEALTH) {
		for (h = health_after(r); h && budget;
		     h = anycast_health_tree_next(&anycast_healths, h),
		    budget--) {
			render_health_one(r, h);
			strlcpy(r->hcursor, h->name, sizeof(r->hcursor));
			r->resume = true;
		}
		if (h)
			return false;
		r->phase = R_PREFIX;
		r->resume = false;
		if (budget < SIZE_MAX / 8)
			budget = MAX(budget, 1) *
				 (RENDER_PREFIX_STEP / RENDER_HEALTH_STEP);
	}
	if (r->phase == R_PREFIX) {
		for (ap = prefix_after(r); ap && budget;
		     ap = anycast_prefix_tree_next(&anycast_prefixes, ap),
		    budget--) {
			render_prefix_one(r, ap);
			prefix_copy(&r->pcursor, &ap->p);
			r->resume = true;
		}
		if (ap)
			return false;
		r->phase = R_DONE;
	}

	/* what is not per object, as of now */
	mbuf_printf(&r->fam[F_ZEBRA], "anycastd_zebra_connected %d\n",
		    anycast_zebra_connected() ? 1 : 0);
	by_kind(&r->fam[F_PROBE_ERRORS], "anycastd_probe_errors_total",
		errors_value, r->errors);
	for (size_t i = 0; i < array_size(limit_families); i++)
		by_kind(&r->fam[F_LIMIT + i], limit_families[i].name,
			limit_value_k, &i);
	family(&r->fam[F_TEXTFILE], "anycastd_metrics_textfile_skipped_total",
	       "counter",
	       "Textfile intervals skipped: the previous write was still in "
	       "progress.");
	mbuf_printf(&r->fam[F_TEXTFILE],
		    "anycastd_metrics_textfile_skipped_total %" PRIu64 "\n",
		    textfile_skipped());
	return true;
}

/* ---------------------------------------------------------------------- */
/* the textfile                                                           */

/*
 * Every interval the exposition is rendered on the event loop, a slice of
 * objects per turn (no turn takes long, whatever the number of objects),
 * and the file is then written by a thread (anycast_textfile.c: safe
 * temporary file, fsync, rename), so a slow or hung file system never
 * stalls the loop.  An interval that comes while the last exposition is
 * still being rendered or written is skipped (counted, logged once per
 * run of skips).
 */
static struct {
	char *path; /* NULL: not configured */
	uint32_t interval_s;
	struct frr_event *t_write;
	struct frr_event *t_render;
	struct mrender *render;		  /* being rendered */
	struct anycast_textfile_job *job; /* being written */
	uint64_t skipped;
	bool skipping;	  /* logged for the current run of skips */
	char error[2400]; /* the error last logged; "" while writing works */
} textfile;

static uint64_t textfile_skipped(void)
{
	return textfile.skipped;
}

static void textfile_result(bool ok, const char *err)
{
	if (ok) {
		if (textfile.error[0])
			zlog_info("metrics: writing %s works again",
				  textfile.path);
		textfile.error[0] = '\0';
	} else if (strcmp(err, textfile.error)) {
		zlog_warn("metrics: %s: %s (the directory must be writable by "
			  "the user anycastd runs as)",
			  textfile.path, err);
		strlcpy(textfile.error, err, sizeof(textfile.error));
	}
}

static void textfile_written(void *arg, bool ok, const char *err)
{
	textfile.job = NULL;
	textfile_result(ok, err);
}

/* hand the buffers to the writer thread */
static void textfile_render_done(struct mrender *r)
{
	struct anycast_textfile_buf *bufs;
	char err[256];

	bufs = XCALLOC(MTYPE_ANYCAST_METRICS, F_MAX * sizeof(*bufs));
	for (int i = 0; i < F_MAX; i++) {
		bufs[i].s = r->fam[i].s;
		bufs[i].len = r->fam[i].len;
		r->fam[i].s = NULL;
	}
	mrender_free(r);
	textfile.job = anycast_textfile_write(textfile.path, bufs, F_MAX,
					      textfile_written, NULL, err,
					      sizeof(err));
	if (!textfile.job)
		textfile_result(false, err);
}

static void textfile_render(struct frr_event *t)
{
	struct mrender *r = textfile.render;

	if (!mrender_step(r, RENDER_HEALTH_STEP)) {
		event_add_event(master, textfile_render, NULL, 0,
				&textfile.t_render);
		return;
	}
	textfile.render = NULL;
	textfile_render_done(r);
	XFREE(MTYPE_ANYCAST_METRICS, r);
}

static void textfile_timer(struct frr_event *t)
{
	/* start to start, whatever the write takes */
	event_add_timer(master, textfile_timer, NULL, textfile.interval_s,
			&textfile.t_write);
	if (textfile.render || textfile.job) {
		textfile.skipped++;
		if (!textfile.skipping)
			zlog_warn("metrics: the last exposition of %s is still "
				  "being %s: skipping intervals until it is "
				  "done "
				  "(anycastd_metrics_textfile_skipped_total)",
				  textfile.path,
				  textfile.render ? "rendered" : "written");
		textfile.skipping = true;
		return;
	}
	if (textfile.skipping)
		zlog_info("metrics: %s is written again after %" PRIu64
			  " skipped interval(s) in all",
			  textfile.path, textfile.skipped);
	textfile.skipping = false;
	textfile.render =
		XCALLOC(MTYPE_ANYCAST_METRICS, sizeof(*textfile.render));
	mrender_init(textfile.render);
	textfile_render(NULL);
}

static void textfile_stop(bool now)
{
	EVENT_OFF(textfile.t_write);
	EVENT_OFF(textfile.t_render);
	if (textfile.render) {
		mrender_free(textfile.render);
		XFREE(MTYPE_ANYCAST_METRICS, textfile.render);
	}
	if (textfile.job) {
		/* at exit: give it a second, so no temporary file is left */
		anycast_textfile_abandon(textfile.job, now ? 1000 : 0);
		textfile.job = NULL;
	}
	if (textfile.path)
		anycast_textfile_remove(textfile.path, now);
	XFREE(MTYPE_ANYCAST_METRICS, textfile.path);
	textfile.error[0] = '\0';
	textfile.skipping = false;
}

void anycast_metrics_textfile(const char *path, uint32_t interval_s)
{
	if (path && textfile.path && strmatch(path, textfile.path)) {
		/* the textfile and interval leaves of one change: apply once */
		if (interval_s == textfile.interval_s)
			return;
		/* a new interval: the file stays, rewritten now (unless a
		 * write is in progress: then from the new interval on) */
		EVENT_OFF(textfile.t_write);
		textfile.interval_s = interval_s;
		if (textfile.render || textfile.job)
			event_add_timer(master, textfile_timer, NULL,
					textfile.interval_s, &textfile.t_write);
		else
			textfile_timer(NULL);
		return;
	}
	textfile_stop(false);
	if (!path)
		return;
	textfile.path = XSTRDUP(MTYPE_ANYCAST_METRICS, path);
	textfile.interval_s = interval_s;
	textfile_timer(NULL);
}

void anycast_metrics_terminate(void)
{
	textfile_stop(true);
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
	struct mrender r;

	mrender_init(&r);
	while (!mrender_step(&r, SIZE_MAX))
		;
	for (int i = 0; i < F_MAX; i++)
		vty_out(vty, "%s", r.fam[i].s);
	mrender_free(&r);
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
