// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd HTTP(S) probe: up when a request to URL completes with a status
 * in the expected list and, with `expect-body`, a body containing the
 * string (only the first ANYCAST_HTTP_BODY_MAX bytes are read).
 *
 *   probe http URL [{method <get|head>|expect-status LIST|
 *                    expect-body STRING|host NAME|insecure}]
 *
 * libcurl's multi interface, driven by the event loop: one process-wide
 * multi handle, its sockets watched with read/write threads and its timer
 * with a timer thread; each run is one easy handle (run->priv).  Nothing
 * blocks (libcurl may resolve host names in its own resolver thread).
 *
 * Re-entrancy: a run's transfer is only freed outside libcurl.  Results are
 * taken from curl_multi_info_read() after curl_multi_socket_action() has
 * returned; should stop() ever be called from inside a libcurl callback,
 * the transfer is detached and freed from an event.
 */
#include <zebra.h>

#include <curl/curl.h>
#include <dlfcn.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "thread.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_escape.h"
#include "anycast_http_check.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_vty.h"

extern struct thread_master *master;

/* libcurl's own limit: the run's timeout plus this (the generic layer
 * enforces the timeout; this only makes sure no transfer lives on) */
#define HTTP_TIMEOUT_MARGIN_MS 500

#define HTTP_URL_MAX 511

/* A socket libcurl wants watched (curl_multi_assign()ed to it). */
struct http_sock {
	curl_socket_t fd;
	int what; /* CURL_POLL_IN / _OUT / _INOUT */
	struct thread *t_read;
	struct thread *t_write;
};

/* A run's transfer (run->priv). */
struct http_xfer {
	struct anycast_probe_run *run; /* NULL: detached, waiting to be freed */
	CURL *easy;
	bool added; /* in the multi handle */
	struct curl_slist *connect_to;
	struct anycast_http_body body;
	char *bodybuf; /* only with expect-body */
	char errbuf[CURL_ERROR_SIZE];
	struct http_xfer *next_reap;
};

static struct {
	CURLM *multi;
	bool global_init;
	struct thread *t_timer;
	unsigned int depth;	/* > 0: libcurl is on the stack */
	struct http_xfer *reap; /* detached transfers to free */
	struct thread *t_reap;
} http;

static void http_check_done(void);

/* ---------------------------------------------------------------------- */
/* the multi handle and the event loop */

static void http_action(curl_socket_t fd, int ev)
{
	int running;
	CURLMcode mc;

	http.depth++;
	mc = curl_multi_socket_action(http.multi, fd, ev, &running);
	http.depth--;
	if (mc != CURLM_OK)
		zlog_warn("http probe: curl_multi_socket_action: %s",
			  curl_multi_strerror(mc));
	http_check_done();
}

static void http_sock_read(struct thread *t);
static void http_sock_write(struct thread *t);

/* Watch hs->fd as libcurl asked (I/O threads are one-shot). */
static void http_sock_arm(struct http_sock *hs)
{
	if (hs->what & CURL_POLL_IN)
		thread_add_read(master, http_sock_read, hs, hs->fd,
				&hs->t_read);
	else
		THREAD_OFF(hs->t_read);
	if (hs->what & CURL_POLL_OUT)
		thread_add_write(master, http_sock_write, hs, hs->fd,
				 &hs->t_write);
	else
		THREAD_OFF(hs->t_write);
}

static void http_sock_event(struct http_sock *hs, int ev)
{
	curl_socket_t fd = hs->fd;

	/*
	 * Re-arm first: during the action libcurl may change what it wants
	 * or drop the socket (the socket callback then cancels the threads
	 * and frees hs: not touched afterwards).
	 */
	http_sock_arm(hs);
	http_action(fd, ev);
}

static void http_sock_read(struct thread *t)
{
	http_sock_event(THREAD_ARG(t), CURL_CSELECT_IN);
}

static void http_sock_write(struct thread *t)
{
	http_sock_event(THREAD_ARG(t), CURL_CSELECT_OUT);
}

static int http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
			  void *socketp)
{
	struct http_sock *hs = socketp;

	if (what == CURL_POLL_REMOVE) {
		if (hs) {
			THREAD_OFF(hs->t_read);
			THREAD_OFF(hs->t_write);
			XFREE(MTYPE_ANYCAST_PROBE_RUN, hs);
		}
		return 0;
	}
	if (!hs) {
		hs = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*hs));
		hs->fd = fd;
		curl_multi_assign(http.multi, fd, hs);
	}
	hs->what = what;
	http_sock_arm(hs);
	return 0;
}

static void http_timer_fire(struct thread *t)
{
	http_action(CURL_SOCKET_TIMEOUT, 0);
}

static int http_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	THREAD_OFF(http.t_timer);
	if (timeout_ms >= 0)
		thread_add_timer_msec(master, http_timer_fire, NULL, timeout_ms,
				      &http.t_timer);
	return 0;
}

/*
 * libfrr exports its own SHA256_Init/Update/Final; they interpose
 * libcrypto's, and OpenSSL's digests then fail at random (FRR's return
 * void).  With such a libcurl (built on OpenSSL) TLS cannot work here:
 * configure links libcurl's GnuTLS build instead.
 */
static bool http_tls_clash(void)
{
	static int clash = -1;
	const curl_version_info_data *vi;
	Dl_info di;
	void *sym;

	if (clash >= 0)
		return clash;
	clash = 0;
	vi = curl_version_info(CURLVERSION_NOW);
	if (!vi || !vi->ssl_version || strncmp(vi->ssl_version, "OpenSSL", 7))
		return clash;
	sym = dlsym(RTLD_DEFAULT, "SHA256_Init");
	if (sym && dladdr(sym, &di) && di.dli_fname &&
	    strstr(di.dli_fname, "libfrr")) {
		clash = 1;
		zlog_warn("http probe: libcurl uses %s, whose SHA256 functions "
			  "libfrr overrides: HTTPS probes fail (link "
			  "libcurl-gnutls)",
			  vi->ssl_version);
	}
	return clash;
}

static CURLM *http_multi(void)
{
	if (http.multi)
		return http.multi;
	if (!http.global_init) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return NULL;
		http.global_init = true;
	}
	http.multi = curl_multi_init();
	if (!http.multi)
		return NULL;
	curl_multi_setopt(http.multi, CURLMOPT_SOCKETFUNCTION, http_socket_cb);
	curl_multi_setopt(http.multi, CURLMOPT_TIMERFUNCTION, http_timer_cb);
	return http.multi;
}

/* ---------------------------------------------------------------------- */
/* transfers */

static void http_xfer_free(struct http_xfer *x)
{
	if (x->added) {
		http.depth++;
		curl_multi_remove_handle(http.multi, x->easy);
		http.depth--;
	}
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->connect_to);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, x->bodybuf);
	XFREE(MTYPE_ANYCAST_PROBE_RUN, x);
}

static void http_reap(struct thread *t)
{
	while (http.reap) {
		struct http_xfer *x = http.reap;

		http.reap = x->next_reap;
		http_xfer_free(x);
	}
}

static void http_stop(struct anycast_probe_run *run)
{
	struct http_xfer *x = run->priv;

	if (!x)
		return;
	run->priv = NULL;
	x->run = NULL;
	if (http.depth) {
		/* libcurl is on the stack: free it from an event */
		x->next_reap = http.reap;
		http.reap = x;
		thread_add_event(master, http_reap, NULL, 0, &http.t_reap);
		return;
	}
	http_xfer_free(x);
}

static size_t http_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;

	if (!x->run)
		return 0; /* detached: abort */
	/* fewer bytes than offered (full) stops the transfer */
	return anycast_http_body_append(&x->body, data, size * nmemb);
}

/* Close with a reset, as the TCP probe does: no TIME_WAIT left behind. */
static int http_sockopt_cb(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	if (purpose == CURLSOCKTYPE_IPCXN)
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	return CURL_SOCKOPT_OK;
}

/* A finished transfer: the verdict. */
static void http_done(struct http_xfer *x, CURLcode rc)
{
	struct anycast_probe_run *run = x->run;
	const char *expect = run->cfg.http.expect_body;
	long status = 0;
	char err[sizeof(run->result.error)];
	bool ok;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && x->body.truncated)
		rc = CURLE_OK; /* we stopped reading at the cap */
	if (rc != CURLE_OK) {
		if (status > 0)
			snprintf(run->result.detail, sizeof(run->result.detail),
				 "status %ld", status);
		ANYCAST_DBG_PROBE("http %s: %s", run->cfg.http.url,
				   x->errbuf[0] ? x->errbuf
						: curl_easy_strerror(rc));
		anycast_probe_finish(run, false, "%s",
				     x->errbuf[0] ? x->errbuf
						  : curl_easy_strerror(rc));
		return;
	}
	ok = anycast_http_verdict(status, run->cfg.http.expect_status, &x->body,
				  expect, strlen(expect), err, sizeof(err),
				  run->result.detail,
				  sizeof(run->result.detail));
	ANYCAST_DBG_PROBE("http %s: status %ld, %zu body bytes%s: %s",
			   run->cfg.http.url, status, x->body.len,
			   x->body.truncated ? " (more not read)" : "",
			   ok ? "ok" : err);
	if (ok)
		anycast_probe_finish(run, true, NULL);
	else
		anycast_probe_finish(run, false, "%s", err);
}

static void http_check_done(void)
{
	struct http_xfer *x;
	CURLMsg *msg;
	CURLcode rc;
	int left;

	while ((msg = curl_multi_info_read(http.multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		rc = msg->data.result;
		x = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &x);
		/* msg is invalid once the handle is removed (by http_done) */
		if (x && x->run)
			http_done(x, rc);
	}
}

/*
 * With `host`: the request goes to that name (Host header, TLS server name
 * and certificate check), the connection to the URL's host and port.
 */
static int http_set_target(struct http_xfer *x, const char *url,
			   const char *host, char *err, size_t errlen)
{
	CURLU *u;
	CURLUcode uc;
	char *uhost = NULL, *uport = NULL, *nurl = NULL;
	char entry[HTTP_URL_MAX + 16];
	CURLcode rc;

	if (!host[0])
		return curl_easy_setopt(x->easy, CURLOPT_URL, url) == CURLE_OK
			       ? 0
			       : -1;
	u = curl_url();
	if (!u)
		return -1;
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_HOST, &uhost, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_PORT, &uport,
				  CURLU_DEFAULT_PORT);
	if (uc == CURLUE_OK)
		uc = curl_url_set(u, CURLUPART_HOST, host, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_URL, &nurl, 0);
	if (uc != CURLUE_OK) {
		snprintf(err, errlen, "URL with host %s: %s", host,
			 curl_url_strerror(uc));
	} else {
		/* "::HOST:PORT": any host and port connect to HOST:PORT */
		snprintf(entry, sizeof(entry), "::%s:%s", uhost, uport);
		x->connect_to = curl_slist_append(NULL, entry);
	}
	rc = CURLE_OUT_OF_MEMORY;
	if (x->connect_to) {
		rc = curl_easy_setopt(x->easy, CURLOPT_URL, nurl);
		if (rc == CURLE_OK)
			rc = curl_easy_setopt(x->easy, CURLOPT_CONNECT_TO,
					      x->connect_to);
	}
	curl_free(uhost);
	curl_free(uport);
	curl_free(nurl);
	curl_url_cleanup(u);
	return rc == CURLE_OK ? 0 : -1;
}

#define HTTP_SETOPT(x, rc, opt, val)                                           \
	do {                                                                   \
		if ((rc) == CURLE_OK)                                          \
			(rc) = curl_easy_setopt((x)->easy, opt, val);          \
	} while (0)

static int http_start(struct anycast_probe_run *run)
{
	char *error = run->result.error;
	size_t errlen = sizeof(run->result.error);
	struct http_xfer *x;
	CURLcode rc = CURLE_OK;
	CURLMcode mc;

	if (!http_multi()) {
		snprintf(error, errlen, "libcurl initialisation failed");
		return -1;
	}
	if (!strncmp(run->cfg.http.url, "https:", 6) && http_tls_clash()) {
		snprintf(error, errlen,
			 "HTTPS unusable: libcurl's OpenSSL clashes with "
			 "libfrr's SHA256 functions");
		return -1;
	}
	x = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*x));
	x->run = run;
	run->priv = x;
	if (run->cfg.http.expect_body[0])
		x->bodybuf = XMALLOC(MTYPE_ANYCAST_PROBE_RUN,
				     ANYCAST_HTTP_BODY_MAX + 1);
	anycast_http_body_init(&x->body, x->bodybuf, ANYCAST_HTTP_BODY_MAX);

	x->easy = curl_easy_init();
	if (!x->easy) {
		snprintf(error, errlen, "curl_easy_init failed");
		goto fail;
	}
	if (http_set_target(x, run->cfg.http.url, run->cfg.http.host, error,
			    errlen) < 0) {
		if (!error[0])
			snprintf(error, errlen, "cannot set the URL");
		goto fail;
	}
	HTTP_SETOPT(x, rc, CURLOPT_PRIVATE, x);
	HTTP_SETOPT(x, rc, CURLOPT_ERRORBUFFER, x->errbuf);
	HTTP_SETOPT(x, rc, CURLOPT_NOSIGNAL, 1L);
	HTTP_SETOPT(x, rc, CURLOPT_TIMEOUT_MS,
		    (long)run->timeout_ms + HTTP_TIMEOUT_MARGIN_MS);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
	HTTP_SETOPT(x, rc, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	HTTP_SETOPT(x, rc, CURLOPT_PROTOCOLS,
		    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	HTTP_SETOPT(x, rc, CURLOPT_FOLLOWLOCATION, 0L);
	/* no proxy, whatever the environment says */
	HTTP_SETOPT(x, rc, CURLOPT_PROXY, "");
	/* every probe checks a new connection; none is kept open */
	HTTP_SETOPT(x, rc, CURLOPT_FRESH_CONNECT, 1L);
	HTTP_SETOPT(x, rc, CURLOPT_FORBID_REUSE, 1L);
	HTTP_SETOPT(x, rc, CURLOPT_SOCKOPTFUNCTION, http_sockopt_cb);
	HTTP_SETOPT(x, rc, CURLOPT_USERAGENT, anycast_http_user_agent());
	HTTP_SETOPT(x, rc, CURLOPT_NOBODY, run->cfg.http.head ? 1L : 0L);
	HTTP_SETOPT(x, rc, CURLOPT_WRITEFUNCTION, http_write_cb);
	HTTP_SETOPT(x, rc, CURLOPT_WRITEDATA, x);
	HTTP_SETOPT(x, rc, CURLOPT_SSL_VERIFYPEER,
		    run->cfg.http.insecure ? 0L : 1L);
	HTTP_SETOPT(x, rc, CURLOPT_SSL_VERIFYHOST,
		    run->cfg.http.insecure ? 0L : 2L);
	if (rc != CURLE_OK) {
		snprintf(error, errlen, "curl_easy_setopt: %s",
			 curl_easy_strerror(rc));
		goto fail;
	}
	http.depth++;
	mc = curl_multi_add_handle(http.multi, x->easy);
	http.depth--;
	if (mc != CURLM_OK) {
		snprintf(error, errlen, "curl_multi_add_handle: %s",
			 curl_multi_strerror(mc));
		goto fail;
	}
	x->added = true;
	ANYCAST_DBG_PROBE(
		"http %s %s: started%s%s%s",
		run->cfg.http.head ? "HEAD" : "GET", run->cfg.http.url,
		run->cfg.http.host[0] ? " host " : "", run->cfg.http.host,
		run->cfg.http.insecure ? " (insecure)" : "");
	/* libcurl's timer (0 ms) starts the transfer from the event loop */
	return 0;

fail:
	http_stop(run);
	return -1;
}

/* ---------------------------------------------------------------------- */
/* configuration */

static void http_config_read(struct anycast_probe_config *cfg,
			     const struct lyd_node *dnode)
{
	size_t len;

	strlcpy(cfg->http.url, yang_dnode_get_string(dnode, "./url"),
		sizeof(cfg->http.url));
	if (yang_dnode_exists(dnode, "./method"))
		cfg->http.head = strmatch(
			yang_dnode_get_string(dnode, "./method"), "head");
	strlcpy(cfg->http.expect_status,
		yang_dnode_exists(dnode, "./expect-status")
			? yang_dnode_get_string(dnode, "./expect-status")
			: ANYCAST_HTTP_STATUS_DEFAULT,
		sizeof(cfg->http.expect_status));
	/* validated by the CLI: an undecodable string is taken literally */
	if (yang_dnode_exists(dnode, "./expect-body")) {
		const char *s = yang_dnode_get_string(dnode, "./expect-body");

		if (!anycast_unescape(s, cfg->http.expect_body,
				      sizeof(cfg->http.expect_body), &len)) {
			memset(cfg->http.expect_body, 0,
			       sizeof(cfg->http.expect_body));
			strlcpy(cfg->http.expect_body, s,
				sizeof(cfg->http.expect_body));
		}
	}
	if (yang_dnode_exists(dnode, "./host"))
		strlcpy(cfg->http.host, yang_dnode_get_string(dnode, "./host"),
			sizeof(cfg->http.host));
	if (yang_dnode_exists(dnode, "./insecure"))
		cfg->http.insecure = yang_dnode_get_bool(dnode, "./insecure");
}

static void http_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  probe http %s", yang_dnode_get_string(dnode, "./url"));
	if (yang_dnode_exists(dnode, "./method") &&
	    strmatch(yang_dnode_get_string(dnode, "./method"), "head"))
		vty_out(vty, " method head");
	if (yang_dnode_exists(dnode, "./expect-status") &&
	    !strmatch(yang_dnode_get_string(dnode, "./expect-status"),
		      ANYCAST_HTTP_STATUS_DEFAULT))
		vty_out(vty, " expect-status %s",
			yang_dnode_get_string(dnode, "./expect-status"));
	if (yang_dnode_exists(dnode, "./expect-body"))
		vty_out(vty, " expect-body %s",
			yang_dnode_get_string(dnode, "./expect-body"));
	if (yang_dnode_exists(dnode, "./host"))
		vty_out(vty, " host %s",
			yang_dnode_get_string(dnode, "./host"));
	if (yang_dnode_exists(dnode, "./insecure") &&
	    yang_dnode_get_bool(dnode, "./insecure"))
		vty_out(vty, " insecure");
	vty_out(vty, "\n");
}

static void http_describe(const struct anycast_probe_config *cfg, char *buf,
			  size_t len)
{
	const char *c = cfg->http.head ? "HEAD" : "GET";

	snprintf(buf, len, "http %s %s%s%s%s", c, cfg->http.url,
		 cfg->http.host[0] ? " host " : "", cfg->http.host,
		 cfg->http.insecure ? " insecure" : "");
}

/* ---------------------------------------------------------------------- */
/* CLI */

/* The URL: http:// or https://, and well-formed for libcurl. */
static bool http_url_ok(struct vty *vty, const char *url)
{
	CURLU *u;
	CURLUcode uc;

	if (strlen(url) > HTTP_URL_MAX) {
		vty_out(vty, "%% URL too long (at most %d characters)\n",
			HTTP_URL_MAX);
		return false;
	}
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		vty_out(vty,
			"%% Invalid URL '%s': must start with http:// or "
			"https://\n",
			url);
		return false;
	}
	u = curl_url();
	if (!u) {
		vty_out(vty, "%% Out of memory\n");
		return false;
	}
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	curl_url_cleanup(u);
	if (uc != CURLUE_OK) {
		vty_out(vty, "%% Invalid URL '%s': %s\n", url,
			curl_url_strerror(uc));
		return false;
	}
	return true;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_http_clippy.c"
#endif

DEFPY_YANG(probe_http, probe_http_cmd,
	   "probe http URL$url [{method <get|head>$method|expect-status "
	   "LIST$status|expect-body STRING$body|host "
	   "NAME$host|insecure$insecure}]",
	   "What to check\n"
	   "HTTP or HTTPS request\n"
	   "http:// or https:// URL\n"
	   "Request method (default get)\n"
	   "GET\n"
	   "HEAD (no body)\n"
	   "Accepted status codes (default 200-399)\n"
	   "Codes and ranges separated by commas without blanks\n"
	   "The body must contain a string\n"
	   "String (escapes \\r \\n \\t \\\\ \\xHH; \\x20 for a space)\n"
	   "Host header and TLS server name to use\n"
	   "Host name\n"
	   "Do not verify the TLS certificate\n")
{
	char err[128], buf[ANYCAST_PROBE_STR_LEN];
	size_t len;

	if (!http_url_ok(vty, url))
		return CMD_WARNING_CONFIG_FAILED;
	if (status && !anycast_http_status_valid(status, err, sizeof(err))) {
		vty_out(vty, "%% Invalid expect-status '%s': %s\n", status,
			err);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (body && (strlen(body) >= ANYCAST_PROBE_STR_LEN ||
		     !anycast_unescape(body, buf, sizeof(buf), &len) ||
		     len == 0 || memchr(buf, '\0', len))) {
		vty_out(vty,
			"%% Invalid expect-body string '%s' (1-%d characters; "
			"escapes \\r \\n \\t \\\\ \\xHH except \\x00)\n",
			body, ANYCAST_PROBE_STR_LEN - 1);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (body && method && strmatch(method, "head")) {
		vty_out(vty, "%% expect-body needs method get (a HEAD response "
			     "has no body)\n");
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (host && !anycast_http_host_valid(host)) {
		vty_out(vty,
			"%% Invalid host name '%s' (letters, digits, '-', '_' "
			"and '.')\n",
			host);
		return CMD_WARNING_CONFIG_FAILED;
	}

	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/http/url", NB_OP_MODIFY, url);
	if (method)
		nb_cli_enqueue_change(vty, "./probe/http/method", NB_OP_MODIFY,
				      method);
	if (status)
		nb_cli_enqueue_change(vty, "./probe/http/expect-status",
				      NB_OP_MODIFY, status);
	if (body)
		nb_cli_enqueue_change(vty, "./probe/http/expect-body",
				      NB_OP_MODIFY, body);
	if (host)
		nb_cli_enqueue_change(vty, "./probe/http/host", NB_OP_MODIFY,
				      host);
	if (insecure)
		nb_cli_enqueue_change(vty, "./probe/http/insecure",
				      NB_OP_MODIFY, "true");
	return nb_cli_apply_changes(vty, NULL);
}

static void http_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_http_cmd);
}

const struct anycast_probe_kind anycast_probe_http = {
	.name = "http",
	.start = http_start,
	.stop = http_stop,
	.config_read = http_config_read,
	.cli_show = http_cli_show,
	.describe = http_describe,
	.vty_init = http_vty_init,
};
