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
 * blocks and no thread is created.
 *
 * Host names: libcurl never resolves one (its resolver is a thread).  When
 * the URL's host is a name, not an IPv4 or [IPv6] address, the run first
 * resolves it with c-ares on the event loop (anycast_ares.c), through
 * ares_getaddrinfo() with the system's configuration: resolv.conf, the
 * hosts file and the order of nsswitch.conf's hosts line ("files dns"),
 * read afresh by each run's channel.  The transfer then connects to the
 * first address c-ares returns -- c-ares sorts them by RFC 6724, as
 * getaddrinfo() does: with both A and AAAA records that is usually the
 * IPv6 one when an IPv6 route exists; only that one address is tried --
 * with CURLOPT_CONNECT_TO "::ADDR:PORT".  The URL is unchanged, so the Host
 * header, the TLS server name (SNI) and the certificate check use the name.
 * A failed look-up fails the run ("resolve NAME: Domain name not found",
 * c-ares' text); one that does not end is cut by the run's timeout, whose
 * stop() destroys the channel (the pending query ends with
 * ARES_EDESTRUCTION, ignored).  No entry is added to libcurl's DNS cache.
 *
 * Re-entrancy: a run's transfer is only freed outside libcurl, its c-ares
 * channel only outside c-ares.  Results are
 * taken from curl_multi_info_read() after curl_multi_socket_action() has
 * returned; should stop() ever be called from inside a libcurl callback,
 * the transfer is detached and freed from an event.
 */
#include <zebra.h>

#include <ares.h>
#include <curl/curl.h>
#include <dlfcn.h>

#include "command.h"
#include "memory.h"
#include "northbound_cli.h"
#include "printfrr.h"
#include "anycast_frr.h"
#include "vty.h"
#include "yang.h"

#include "anycast_ares.h"
#include "anycast_debug.h"
#include "anycast_escape.h"
#include "anycast_http_check.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_resource.h"
#include "anycast_vrf.h"
#include "anycast_vty.h"

extern struct frr_event_loop *master;

/* libcurl's own limit: twice the run's timeout (the most the generic
 * layer may give a run when the event loop was late) plus this; the
 * generic layer enforces the timeout, this only makes sure no transfer
 * lives on */
#define HTTP_TIMEOUT_MARGIN_MS 500

#define HTTP_URL_MAX 511

/* A socket libcurl wants watched (curl_multi_assign()ed to it). */
struct http_sock {
	curl_socket_t fd;
	int what; /* CURL_POLL_IN / _OUT / _INOUT */
	struct frr_event *t_read;
	struct frr_event *t_write;
};

struct http_xfer;
static curl_socket_t http_vrf_socket_cb(void *data, curlsocktype purpose,
					struct curl_sockaddr *a);

/* A run's transfer (run->priv). */
struct http_xfer {
	struct anycast_probe_run *run; /* NULL: detached, waiting to be freed */
	CURL *easy;
	bool added; /* in the multi handle */
	struct curl_slist *connect_to;
	/* the URL without a userinfo password, for logs and errors */
	char url_shown[HTTP_URL_MAX + 1];
	/* the URL's host and port, as libcurl parses them ("[2001:db8::1]") */
	char uhost[HTTP_URL_MAX + 1];
	char uport[8];
	/* a host name: resolved by c-ares, then connected to by address */
	struct anycast_ares *ares;
	bool resolved;			 /* c-ares' callback ran */
	int rstatus;			 /* its ARES_* status */
	char addr[INET6_ADDRSTRLEN + 2]; /* the address ("[...]" for IPv6) */
	struct anycast_http_body body;
	char *bodybuf; /* only with expect-body */
	char errbuf[CURL_ERROR_SIZE];
	/* failed for a local fault (no socket, no memory): no result */
	bool local;
	struct http_xfer *next_reap;
};

/*
 * libcurl's sockets, made by us: in the health object's VRF, and a socket()
 * that fails for a local fault (EMFILE, ...) makes the run's failure no
 * result (libcurl only says "couldn't connect").
 */
static curl_socket_t http_vrf_socket_cb(void *data, curlsocktype purpose,
					struct curl_sockaddr *a)
{
	struct http_xfer *x = data;
	char err[96];
	int fd;

	if (!x->run)
		return CURL_SOCKET_BAD;
	fd = anycast_vrf_socket(x->run->cfg->vrf, a->family, a->socktype,
				a->protocol, false, err, sizeof(err));
	if (fd < 0) {
		if (anycast_errno_is_local(errno))
			x->local = true;
		strlcpy(x->errbuf, err, sizeof(x->errbuf));
		return CURL_SOCKET_BAD;
	}
	return fd;
}

static struct {
	CURLM *multi;
	bool global_init;
	struct frr_event *t_timer;
	unsigned int depth;	/* > 0: libcurl is on the stack */
	struct http_xfer *reap; /* detached transfers to free */
	struct frr_event *t_reap;
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

static void http_sock_read(struct frr_event *t);
static void http_sock_write(struct frr_event *t);

/* Watch hs->fd as libcurl asked (I/O threads are one-shot). */
static void http_sock_arm(struct http_sock *hs)
{
	if (hs->what & CURL_POLL_IN)
		event_add_read(master, http_sock_read, hs, hs->fd, &hs->t_read);
	else
		EVENT_OFF(hs->t_read);
	if (hs->what & CURL_POLL_OUT)
		event_add_write(master, http_sock_write, hs, hs->fd,
				&hs->t_write);
	else
		EVENT_OFF(hs->t_write);
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

static void http_sock_read(struct frr_event *t)
{
	http_sock_event(EVENT_ARG(t), CURL_CSELECT_IN);
}

static void http_sock_write(struct frr_event *t)
{
	http_sock_event(EVENT_ARG(t), CURL_CSELECT_OUT);
}

static int http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
			  void *socketp)
{
	struct http_sock *hs = socketp;

	if (what == CURL_POLL_REMOVE) {
		if (hs) {
			EVENT_OFF(hs->t_read);
			EVENT_OFF(hs->t_write);
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

static void http_timer_fire(struct frr_event *t)
{
	http_action(CURL_SOCKET_TIMEOUT, 0);
}

static int http_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	EVENT_OFF(http.t_timer);
	if (timeout_ms >= 0)
		event_add_timer_msec(master, http_timer_fire, NULL, timeout_ms,
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
	anycast_ares_free(&x->ares);
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

static void http_reap(struct frr_event *t)
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
	/* a pending look-up ends here (c-ares: ARES_EDESTRUCTION, ignored) */
	anycast_ares_free(&x->ares);
	if (http.depth) {
		/* libcurl is on the stack: free it from an event */
		x->next_reap = http.reap;
		http.reap = x;
		event_add_event(master, http_reap, NULL, 0, &http.t_reap);
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
	const char *expect = run->cfg->http.expect_body;
	long status = 0;
	char err[sizeof(run->result.error)];
	bool ok;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && x->body.truncated)
		rc = CURLE_OK; /* we stopped reading at the cap */
	if (rc != CURLE_OK) {
		long oserr = 0;

		/* anycastd's fault, not the server's: no result */
		curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &oserr);
		if (x->local || rc == CURLE_OUT_OF_MEMORY ||
		    anycast_errno_is_local((int)oserr))
			anycast_probe_note_local(run);
		if (status > 0)
			snprintf(run->result.detail, sizeof(run->result.detail),
				 "status %ld", status);
		ANYCAST_DBG_PROBE("http %s: %s", x->url_shown,
				  x->errbuf[0] ? x->errbuf
					       : curl_easy_strerror(rc));
		anycast_probe_finish(run, false, "%s",
				     x->errbuf[0] ? x->errbuf
						  : curl_easy_strerror(rc));
		return;
	}
	ok = anycast_http_verdict(status, run->cfg->http.expect_status,
				  &x->body, expect, strlen(expect), err,
				  sizeof(err), run->result.detail,
				  sizeof(run->result.detail));
	ANYCAST_DBG_PROBE("http %s: status %ld, %zu body bytes%s: %s",
			  x->url_shown, status, x->body.len,
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

/* The URL's host and port (the scheme's default when none is given). */
static int http_url_host_port(struct http_xfer *x, const char *url, char *err,
			      size_t errlen)
{
	CURLU *u;
	CURLUcode uc;
	char *uhost = NULL, *uport = NULL;

	u = curl_url();
	if (!u) {
		anycast_probe_note_local(x->run);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_HOST, &uhost, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_PORT, &uport,
				  CURLU_DEFAULT_PORT);
	if (uc == CURLUE_OK) {
		strlcpy(x->uhost, uhost, sizeof(x->uhost));
		strlcpy(x->uport, uport, sizeof(x->uport));
	} else {
		if (uc == CURLUE_OUT_OF_MEMORY)
			anycast_probe_note_local(x->run);
		snprintfrr(err, errlen, "URL %s: %s", x->url_shown,
			   curl_url_strerror(uc));
	}
	curl_free(uhost);
	curl_free(uport);
	curl_url_cleanup(u);
	return uc == CURLUE_OK ? 0 : -1;
}

/* An IPv4 or (bracketed) IPv6 address: nothing to resolve. */
static bool http_host_is_addr(const char *host)
{
	char buf[INET6_ADDRSTRLEN];
	struct in6_addr a6;
	struct in_addr a4;
	size_t len = strlen(host);

	if (host[0] == '[' && len >= 2 && len - 2 < sizeof(buf)) {
		memcpy(buf, host + 1, len - 2);
		buf[len - 2] = '\0';
		return inet_pton(AF_INET6, buf, &a6) == 1;
	}
	return inet_pton(AF_INET, host, &a4) == 1;
}

/*
 * The request goes to the URL, or with `host` to the URL rewritten with
 * that name (Host header, TLS server name and certificate check).  The
 * connection goes to `addr` (the URL's host name resolved by c-ares) or,
 * with `host`, to the URL's host; in both cases at the URL's port.
 * CURLOPT_CONNECT_TO with an address: libcurl never resolves a name.
 */
static int http_set_target(struct http_xfer *x, const char *url,
			   const char *host, const char *addr, char *err,
			   size_t errlen)
{
	CURLU *u = NULL;
	CURLUcode uc = CURLUE_OK;
	char *nurl = NULL;
	char entry[sizeof(x->uhost) + sizeof(x->uport) + 4];
	CURLcode rc = CURLE_OK;

	if (host[0]) {
		u = curl_url();
		if (!u)
			return -1;
		uc = curl_url_set(u, CURLUPART_URL, url, 0);
		if (uc == CURLUE_OK)
			uc = curl_url_set(u, CURLUPART_HOST, host, 0);
		if (uc == CURLUE_OK)
			uc = curl_url_get(u, CURLUPART_URL, &nurl, 0);
		curl_url_cleanup(u);
		if (uc != CURLUE_OK) {
			snprintf(err, errlen, "URL with host %s: %s", host,
				 curl_url_strerror(uc));
			curl_free(nurl);
			return -1;
		}
		if (!addr)
			addr = x->uhost;
	}
	if (addr) {
		/* "::HOST:PORT": any host and port connect to HOST:PORT */
		snprintf(entry, sizeof(entry), "::%s:%s", addr, x->uport);
		x->connect_to = curl_slist_append(NULL, entry);
		if (!x->connect_to)
			rc = CURLE_OUT_OF_MEMORY;
	}
	if (rc == CURLE_OK)
		rc = curl_easy_setopt(x->easy, CURLOPT_URL, nurl ? nurl : url);
	if (rc == CURLE_OK && x->connect_to)
		rc = curl_easy_setopt(x->easy, CURLOPT_CONNECT_TO,
				      x->connect_to);
	curl_free(nurl);
	return rc == CURLE_OK ? 0 : -1;
}

#define HTTP_SETOPT(x, rc, opt, val)                                           \
	do {                                                                   \
		if ((rc) == CURLE_OK)                                          \
			(rc) = curl_easy_setopt((x)->easy, opt, val);          \
	} while (0)

/* Start the transfer, connecting to addr (NULL: the URL's host). */
static int http_transfer_start(struct http_xfer *x, const char *addr,
			       char *error, size_t errlen)
{
	struct anycast_probe_run *run = x->run;
	CURLcode rc = CURLE_OK;
	CURLMcode mc;

	x->easy = curl_easy_init();
	if (!x->easy) {
		/* no memory */
		anycast_probe_note_local(run);
		snprintf(error, errlen, "curl_easy_init failed");
		return -1;
	}
	if (http_set_target(x, run->cfg->http.url, run->cfg->http.host, addr,
			    error, errlen) < 0) {
		if (!error[0]) {
			/* no error text: an allocation failed */
			anycast_probe_note_local(run);
			snprintf(error, errlen, "cannot set the URL");
		}
		return -1;
	}
	HTTP_SETOPT(x, rc, CURLOPT_PRIVATE, x);
	HTTP_SETOPT(x, rc, CURLOPT_ERRORBUFFER, x->errbuf);
	HTTP_SETOPT(x, rc, CURLOPT_NOSIGNAL, 1L);
	HTTP_SETOPT(x, rc, CURLOPT_TIMEOUT_MS,
		    2L * run->timeout_ms + HTTP_TIMEOUT_MARGIN_MS);
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
	HTTP_SETOPT(x, rc, CURLOPT_OPENSOCKETFUNCTION, http_vrf_socket_cb);
	HTTP_SETOPT(x, rc, CURLOPT_OPENSOCKETDATA, x);
	HTTP_SETOPT(x, rc, CURLOPT_USERAGENT, anycast_http_user_agent());
	HTTP_SETOPT(x, rc, CURLOPT_NOBODY, run->cfg->http.head ? 1L : 0L);
	HTTP_SETOPT(x, rc, CURLOPT_WRITEFUNCTION, http_write_cb);
	HTTP_SETOPT(x, rc, CURLOPT_WRITEDATA, x);
	HTTP_SETOPT(x, rc, CURLOPT_SSL_VERIFYPEER,
		    run->cfg->http.insecure ? 0L : 1L);
	HTTP_SETOPT(x, rc, CURLOPT_SSL_VERIFYHOST,
		    run->cfg->http.insecure ? 0L : 2L);
	if (rc != CURLE_OK) {
		if (rc == CURLE_OUT_OF_MEMORY)
			anycast_probe_note_local(run);
		snprintf(error, errlen, "curl_easy_setopt: %s",
			 curl_easy_strerror(rc));
		return -1;
	}
	http.depth++;
	mc = curl_multi_add_handle(http.multi, x->easy);
	http.depth--;
	if (mc != CURLM_OK) {
		if (mc == CURLM_OUT_OF_MEMORY)
			anycast_probe_note_local(run);
		snprintf(error, errlen, "curl_multi_add_handle: %s",
			 curl_multi_strerror(mc));
		return -1;
	}
	x->added = true;
	ANYCAST_DBG_PROBE("http %s %s: started%s%s%s%s%s",
			  run->cfg->http.head ? "HEAD" : "GET", x->url_shown,
			  addr ? " to " : "", addr ? addr : "",
			  run->cfg->http.host[0] ? " host " : "",
			  run->cfg->http.host,
			  run->cfg->http.insecure ? " (insecure)" : "");
	/* libcurl's timer (0 ms) starts the transfer from the event loop */
	return 0;
}

/* c-ares: the look-up of the URL's host is over.  Records only. */
static void http_resolve_cb(void *arg, int status, int timeouts,
			    struct ares_addrinfo *ai)
{
	struct http_xfer *x = arg;
	struct ares_addrinfo_node *n = ai ? ai->nodes : NULL;
	char buf[INET6_ADDRSTRLEN];
	const void *a = NULL;

	if (status == ARES_EDESTRUCTION) {
		/* stop(): x is being freed */
		if (ai)
			ares_freeaddrinfo(ai);
		return;
	}
	x->resolved = true;
	x->rstatus = status;
	/* the first address, in the order c-ares sorted them (RFC 6724) */
	if (status == ARES_SUCCESS && n && n->ai_family == AF_INET)
		a = &((struct sockaddr_in *)n->ai_addr)->sin_addr;
	else if (status == ARES_SUCCESS && n && n->ai_family == AF_INET6)
		a = &((struct sockaddr_in6 *)n->ai_addr)->sin6_addr;
	if (a && inet_ntop(n->ai_family, a, buf, sizeof(buf)))
		snprintf(x->addr, sizeof(x->addr),
			 n->ai_family == AF_INET6 ? "[%s]" : "%s", buf);
	else if (status == ARES_SUCCESS)
		x->rstatus = ARES_ENODATA;
	if (ai)
		ares_freeaddrinfo(ai);
}

/* The look-up is over: start the transfer to the address, or fail. */
static int http_resolved(struct http_xfer *x, char *error, size_t errlen)
{
	const char *url = x->url_shown;

	/* no socket or memory for the look-up: anycastd's fault */
	if (x->rstatus != ARES_SUCCESS &&
	    (anycast_ares_status_is_local(x->rstatus) ||
	     anycast_ares_local_errno(x->ares)))
		anycast_probe_note_local(x->run);
	anycast_ares_free(&x->ares);
	if (x->rstatus != ARES_SUCCESS) {
		snprintfrr(error, errlen, "resolve %s: %s", x->uhost,
			   ares_strerror(x->rstatus));
		ANYCAST_DBG_PROBE("http %s: %s", url, error);
		return -1;
	}
	ANYCAST_DBG_PROBE("http %s: %s is %s", url, x->uhost, x->addr);
	return http_transfer_start(x, x->addr, error, errlen);
}

/* After every event of the c-ares channel. */
static void http_resolve_after(void *arg)
{
	struct http_xfer *x = arg;
	char err[sizeof(x->run->result.error)] = "";

	if (!x->resolved)
		return; /* still waiting: the channel re-armed itself */
	if (http_resolved(x, err, sizeof(err)) < 0)
		anycast_probe_finish(x->run, false, "%s", err);
}

/*
 * Resolve the URL's host name with c-ares, with the system's resolver
 * configuration (resolv.conf, hosts, nsswitch.conf's order), read for
 * every run.
 */
static int http_resolve_start(struct http_xfer *x, char *error, size_t errlen)
{
	struct ares_options opts = {};
	struct ares_addrinfo_hints hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
	};
	int ret;

	ret = anycast_ares_new(&x->ares, &opts, 0, http_resolve_after, x);
	if (ret != ARES_SUCCESS) {
		/* ARES_EFILE: resolv.conf unreadable (no fd?); no memory */
		if (anycast_ares_status_is_local(ret))
			anycast_probe_note_local(x->run);
		snprintf(error, errlen, "resolve %s: c-ares channel: %s",
			 x->uhost, ares_strerror(ret));
		return -1;
	}
	anycast_ares_set_vrf(x->ares, x->run->cfg->vrf);
	/* may answer at once (hosts file, unusable name) */
	ares_getaddrinfo(anycast_ares_channel(x->ares), x->uhost, NULL, &hints,
			 http_resolve_cb, x);
	if (x->resolved)
		return http_resolved(x, error, errlen);
	anycast_ares_arm(x->ares);
	return 0;
}

static int http_start(struct anycast_probe_run *run)
{
	char *error = run->result.error;
	size_t errlen = sizeof(run->result.error);
	struct http_xfer *x;

	if (!http_multi()) {
		/* no memory or fds for libcurl's handle: no result */
		anycast_probe_note_local(run);
		snprintf(error, errlen, "libcurl initialisation failed");
		return -1;
	}
	if (!anycast_vrf_usable(run->cfg->vrf, error, errlen))
		return -1;
	if (!strncmp(run->cfg->http.url, "https:", 6) && http_tls_clash()) {
		snprintf(error, errlen,
			 "HTTPS unusable: libcurl's OpenSSL clashes with "
			 "libfrr's SHA256 functions");
		return -1;
	}
	x = XCALLOC(MTYPE_ANYCAST_PROBE_RUN, sizeof(*x));
	x->run = run;
	anycast_http_url_redact(run->cfg->http.url, x->url_shown,
				sizeof(x->url_shown));
	run->priv = x;
	if (run->cfg->http.expect_body[0])
		x->bodybuf = XMALLOC(MTYPE_ANYCAST_PROBE_RUN,
				     ANYCAST_HTTP_BODY_MAX + 1);
	anycast_http_body_init(&x->body, x->bodybuf, ANYCAST_HTTP_BODY_MAX);

	if (http_url_host_port(x, run->cfg->http.url, error, errlen) < 0)
		goto fail;
	if (http_host_is_addr(x->uhost)) {
		if (http_transfer_start(x, NULL, error, errlen) < 0)
			goto fail;
	} else if (http_resolve_start(x, error, errlen) < 0)
		goto fail;
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
	char url[HTTP_URL_MAX + 1];

	anycast_http_url_redact(cfg->http.url, url, sizeof(url));
	snprintf(buf, len, "http %s %s%s%s%s", c, url,
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
