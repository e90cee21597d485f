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
 * read once (again after a minute at the earliest) and given to each new
 * channel as options (c-ares 1.18 then reads no file), and channels whose
 * query is over are kept for the next runs (up to 8, for a minute: newer
 * c-ares reads the files for every new channel), so a run reads no
 * configuration file (the hosts file is read per look-up by c-ares
 * itself).  The transfer then
 * connects to the first address c-ares returns -- c-ares sorts them by RFC
 * 6724, as getaddrinfo() does: with both A and AAAA records that is usually the
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
#include "hook.h"
#include "libfrr.h"
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
static void http_ares_put(struct http_xfer *x);
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
	time_t ares_born;		 /* when the channel was made */
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
	     anycast_ares_local_errno(x->ares))) {
		anycast_probe_note_local(x->run);
		anycast_ares_free(&x->ares);
	}
	/* its query is over: the channel can serve another run */
	http_ares_put(x);
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
 * The system's resolver configuration (resolv.conf, and nsswitch.conf's
 * order of hosts file and DNS), read by c-ares into a channel made for
 * that alone, at most every HTTP_RESOLV_REFRESH_S seconds, and kept as
 * options.  A run's channel is made from them with every option
 * resolv.conf could set given, so c-ares reads no file for it (the hosts
 * file is still read per look-up, as c-ares does for a "files" lookup).
 */
#define HTTP_RESOLV_REFRESH_S 60

static struct {
	bool ok;
	time_t at; /* monotonic seconds of the read */
	struct ares_options opts;
	int optmask;
	struct ares_addr_port_node
		*servers; /* with their ports, all families */
} http_resolv;

static void http_resolv_after(void *arg)
{
}

static void http_resolv_clear(void)
{
	if (!http_resolv.ok)
		return;
	ares_destroy_options(&http_resolv.opts);
	if (http_resolv.servers)
		ares_free_data(http_resolv.servers);
	memset(&http_resolv, 0, sizeof(http_resolv));
}

static int http_resolv_read(void)
{
	struct anycast_ares *ac;
	struct ares_options none = {};
	time_t now = monotime(NULL);
	int ret;

	if (http_resolv.ok && now - http_resolv.at < HTTP_RESOLV_REFRESH_S)
		return ARES_SUCCESS;
	ret = anycast_ares_new(&ac, &none, 0, http_resolv_after, NULL);
	if (ret != ARES_SUCCESS)
		return http_resolv.ok ? ARES_SUCCESS : ret; /* keep the last */
	http_resolv_clear();
	ret = ares_save_options(anycast_ares_channel(ac), &http_resolv.opts,
				&http_resolv.optmask);
	if (ret == ARES_SUCCESS)
		ret = ares_get_servers_ports(anycast_ares_channel(ac),
					     &http_resolv.servers);
	anycast_ares_free(&ac);
	if (ret != ARES_SUCCESS) {
		ares_destroy_options(&http_resolv.opts);
		memset(&http_resolv, 0, sizeof(http_resolv));
		return ret;
	}
	/* ours are set per channel (anycast_ares_new) */
	http_resolv.optmask &= ~ARES_OPT_SOCK_STATE_CB;
	/* all that resolv.conf could set, so that none is read for a run:
	 * what was not saved is c-ares' default (rotation off, no domains,
	 * no sortlist) */
	if (!(http_resolv.optmask & ARES_OPT_ROTATE))
		http_resolv.optmask |= ARES_OPT_NOROTATE;
	http_resolv.optmask |= ARES_OPT_DOMAINS | ARES_OPT_SORTLIST;
#ifdef ARES_OPT_QUERY_CACHE
	/* c-ares >= 1.23 caches answers by TTL in a channel: every run asks,
	 * as with a channel of its own */
	http_resolv.opts.qcache_max_ttl = 0;
	http_resolv.optmask |= ARES_OPT_QUERY_CACHE;
#endif
	http_resolv.ok = true;
	http_resolv.at = now;
	return ARES_SUCCESS;
}

/*
 * Idle channels, kept for the next runs: c-ares >= 1.2x reads resolv.conf
 * and nsswitch.conf for every new channel whatever options it is given,
 * so a run takes a channel whose query is over from here when there is one
 * for its VRF (made less than HTTP_RESOLV_REFRESH_S ago).  A run stopped
 * while its query is pending destroys its channel (that is the only way to
 * cancel the query).
 */
#define HTTP_ARES_IDLE_MAX 8

struct http_ares_idle {
	struct http_ares_idle *next;
	struct anycast_ares *ac;
	time_t born;
	char vrf[37];
};

static struct http_ares_idle *http_ares_idle;
static unsigned int http_ares_nidle;

static void http_ares_idle_after(void *arg)
{
}

/* x's channel, whose query is over: kept if young enough, else freed */
static void http_ares_put(struct http_xfer *x)
{
	struct http_ares_idle *e;

	if (!x->ares)
		return;
	if (http_ares_nidle >= HTTP_ARES_IDLE_MAX || !x->run ||
	    monotime(NULL) - x->ares_born >= HTTP_RESOLV_REFRESH_S) {
		anycast_ares_free(&x->ares);
		return;
	}
	e = XCALLOC(MTYPE_ANYCAST_ARES, sizeof(*e));
	e->ac = x->ares;
	e->born = x->ares_born;
	strlcpy(e->vrf, x->run->cfg->vrf, sizeof(e->vrf));
	anycast_ares_set_owner(e->ac, http_ares_idle_after, NULL);
	e->next = http_ares_idle;
	http_ares_idle = e;
	http_ares_nidle++;
	x->ares = NULL;
}

/* an idle channel for x's VRF, if there is a young one */
static bool http_ares_get(struct http_xfer *x)
{
	time_t now = monotime(NULL);

	for (struct http_ares_idle **ep = &http_ares_idle; *ep;) {
		struct http_ares_idle *e = *ep;
		bool old = now - e->born >= HTTP_RESOLV_REFRESH_S;

		if (!old && !strmatch(e->vrf, x->run->cfg->vrf)) {
			ep = &e->next;
			continue;
		}
		*ep = e->next;
		http_ares_nidle--;
		if (old) {
			anycast_ares_free(&e->ac);
			XFREE(MTYPE_ANYCAST_ARES, e);
			continue;
		}
		x->ares = e->ac;
		x->ares_born = e->born;
		anycast_ares_set_owner(x->ares, http_resolve_after, x);
		XFREE(MTYPE_ANYCAST_ARES, e);
		return true;
	}
	return false;
}

static int http_ares_idle_fini(void)
{
	while (http_ares_idle) {
		struct http_ares_idle *e = http_ares_idle;

		http_ares_idle = e->next;
		anycast_ares_free(&e->ac);
		XFREE(MTYPE_ANYCAST_ARES, e);
	}
	http_ares_nidle = 0;
	http_resolv_clear();
	return 0;
}

/* a channel with the system's configuration, reading no file (c-ares
 * 1.18; newer ones read it for every new channel: see http_ares_get) */
static int http_resolv_channel(struct http_xfer *x)
{
	struct ares_options opts;
	int ret;

	if (http_ares_get(x))
		return ARES_SUCCESS;
	ret = http_resolv_read();
	if (ret != ARES_SUCCESS)
		return ret;
	x->ares_born = monotime(NULL);
	opts = http_resolv.opts; /* anycast_ares_new() sets the callback */
	ret = anycast_ares_new(&x->ares, &opts, http_resolv.optmask,
			       http_resolve_after, x);
	if (ret != ARES_SUCCESS)
		return ret;
	if (http_resolv.servers)
		ret = ares_set_servers_ports(anycast_ares_channel(x->ares),
					     http_resolv.servers);
	if (ret != ARES_SUCCESS)
		anycast_ares_free(&x->ares);
	return ret;
}

/*
 * Resolve the URL's host name with c-ares, with the system's resolver
 * configuration (http_resolv_read()).
 */
static int http_resolve_start(struct http_xfer *x, char *error, size_t errlen)
{
	struct ares_addrinfo_hints hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
	};
	int ret;

	ret = http_resolv_channel(x);
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
	/* validated by the northbound (http_validate): cannot fail here */
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

/*
 * The URL's length and scheme, as the YANG type has them (the CLI checks
 * them before the edit: FRR 8.4's CLI commits the rest of a command whose
 * value the YANG type refuses).
 */
static bool http_url_syntax_ok(const char *url, char *errmsg, size_t errmsg_len)
{
	if (strlen(url) > HTTP_URL_MAX) {
		snprintf(errmsg, errmsg_len,
			 "URL too long (at most %d characters)", HTTP_URL_MAX);
		return false;
	}
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		snprintf(errmsg, errmsg_len,
			 "Invalid URL '%s': must start with http:// or "
			 "https://",
			 url);
		return false;
	}
	return true;
}

/* The URL: http:// or https://, and well-formed for libcurl. */
static bool http_url_ok(const char *url, char *errmsg, size_t errmsg_len)
{
	CURLU *u;
	CURLUcode uc;

	if (!http_url_syntax_ok(url, errmsg, errmsg_len))
		return false;
	u = curl_url();
	if (!u) {
		snprintf(errmsg, errmsg_len, "Out of memory");
		return false;
	}
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	curl_url_cleanup(u);
	if (uc != CURLUE_OK) {
		snprintf(errmsg, errmsg_len, "Invalid URL '%s': %s", url,
			 curl_url_strerror(uc));
		return false;
	}
	return true;
}

static bool http_validate(const struct lyd_node *dnode, char *errmsg,
			  size_t errmsg_len)
{
	char err[128];

	if (!http_url_ok(yang_dnode_get_string(dnode, "./url"), errmsg,
			 errmsg_len))
		return false;
	if (yang_dnode_exists(dnode, "./expect-status") &&
	    !anycast_http_status_valid(
		    yang_dnode_get_string(dnode, "./expect-status"), err,
		    sizeof(err))) {
		snprintf(errmsg, errmsg_len, "Invalid expect-status '%s': %s",
			 yang_dnode_get_string(dnode, "./expect-status"), err);
		return false;
	}
	if (!anycast_probe_escaped_ok(dnode, "./expect-body", false)) {
		snprintf(errmsg, errmsg_len,
			 "Invalid expect-body string '%s' (1-%d characters; "
			 "escapes \\r \\n \\t \\\\ \\xHH except \\x00)",
			 yang_dnode_get_string(dnode, "./expect-body"),
			 ANYCAST_PROBE_STR_LEN - 1);
		return false;
	}
	if (yang_dnode_exists(dnode, "./expect-body") &&
	    yang_dnode_exists(dnode, "./method") &&
	    strmatch(yang_dnode_get_string(dnode, "./method"), "head")) {
		snprintf(errmsg, errmsg_len,
			 "expect-body needs method get (a HEAD response has "
			 "no body)");
		return false;
	}
	if (yang_dnode_exists(dnode, "./host") &&
	    !anycast_http_host_valid(yang_dnode_get_string(dnode, "./host"))) {
		snprintf(errmsg, errmsg_len,
			 "Invalid host name '%s' (letters, digits, '-', '_' "
			 "and '.')",
			 yang_dnode_get_string(dnode, "./host"));
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
	char err[256];

	if (!http_url_syntax_ok(url, err, sizeof(err))) {
		vty_out(vty, "%% %s\n", err);
		return CMD_WARNING_CONFIG_FAILED;
	}
	/* the rest: by the northbound validation (http_validate) */
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
	return anycast_cli_apply(vty);
}

static void http_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_http_cmd);
	/* called once at startup: also the place to clean up at exit */
	hook_register(frr_fini, http_ares_idle_fini);
}

const struct anycast_probe_kind anycast_probe_http = {
	.name = "http",
	.start = http_start,
	.stop = http_stop,
	.config_read = http_config_read,
	.validate = http_validate,
	.cli_show = http_cli_show,
	.describe = http_describe,
	.vty_init = http_vty_init,
};
