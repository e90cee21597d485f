"""The HTTP(S) probe (anycastd/anycast_probe_http.c), end to end.

A Python HTTP/HTTPS server runs in the node namespace on 198.51.100.1
(HTTP 8081, HTTPS 8443 with a self-signed certificate for
svc.example.test made by openssl in the test's directory).  What it answers
to GET/HEAD is read from a state file on every request, so a test changes
the service's behaviour without touching anycastd's configuration:

    200 service ok        status and body
    hang                  accept, never answer
    huge N                status 200, an N-byte body ("HUGE..." ENDMARK)

It logs every request (method, Host header, User-Agent), every TLS server
name (SNI) it is offered, and how many bytes of a huge body it got out.
Outcomes are asserted at the gobgpd peer and in `show anycast health`."""

import base64
import json
import os
import re
import shutil
import subprocess
import time

import pytest

import topolib as T

HTTP_PORT = 8081
HTTPS_PORT = 8443
TLS_NAME = "svc.example.test"
URL = "http://%s:%d/state" % (T.SERVICE_ADDR, HTTP_PORT)
TLS_URL = "https://%s:%d/state" % (T.SERVICE_ADDR, HTTPS_PORT)
HUGE = 50 * 1024 * 1024
BODY_MAX = 65536

SERVER_CODE = r"""
import os, signal, socket, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

addr, port, statefile, logfile, ready = sys.argv[1:6]
cert = sys.argv[6] if len(sys.argv) > 6 else None
key = sys.argv[7] if len(sys.argv) > 7 else None
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
lock = threading.Lock()


def log(line):
    with lock, open(logfile, "a") as f:
        f.write(line + "\n")


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def log_message(self, *a):
        pass

    def answer(self, head):
        log("%s %s host=%s ua=%s auth=%s" % (self.command, self.path,
                                             self.headers.get("Host"),
                                             self.headers.get("User-Agent"),
                                             self.headers.get("Authorization")))
        with open(statefile) as f:
            state = f.read().strip().split(None, 1)
        if state[0] == "hang":
            time.sleep(3600)
            return
        if state[0] == "huge":
            n = int(state[1])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            chunk = b"x" * 65536
            sent = 0
            try:
                self.wfile.write(b"HUGE")
                sent = 4
                while sent < n - 7:
                    part = chunk[:min(len(chunk), n - 7 - sent)]
                    self.wfile.write(part)
                    sent += len(part)
                self.wfile.write(b"ENDMARK")
                sent += 7
            except OSError:
                pass
            log("sent %d" % sent)
            return
        code = int(state[0])
        body = (state[1] if len(state) > 1 else "").encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_GET(self):
        self.answer(False)

    def do_HEAD(self):
        self.answer(True)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        pass


if ":" in addr:
    Server.address_family = socket.AF_INET6
srv = Server((addr, int(port)), H)
if cert:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    ctx.sni_callback = lambda s, name, c: log("sni %s" % name)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True,
                                 do_handshake_on_connect=False)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready + ".tmp", ready)
srv.serve_forever()
"""


class HttpServer:
    """The test's web service, in the node namespace, killed by PID at
    teardown (registered with the topology)."""

    def __init__(self, topo, port, tls=False, addr=T.SERVICE_ADDR):
        self.topo = topo
        self.port = port
        self.addr = addr
        self.dir = os.path.join(topo.basedir, "http%s-%d" % (addr, port))
        os.makedirs(self.dir, exist_ok=True)
        self.statefile = os.path.join(self.dir, "state")
        self.logfile = os.path.join(self.dir, "requests.log")
        self.ready = os.path.join(self.dir, "ready")
        self.tls = tls
        self.proc = None
        self.set_state("200 service ok")

    def set_state(self, text):
        tmp = self.statefile + ".tmp"
        with open(tmp, "w") as f:
            f.write(text + "\n")
        os.rename(tmp, self.statefile)

    def start(self):
        argv = ["ip", "netns", "exec", self.topo.node_ns, T.PYTHON, "-c", SERVER_CODE,
                self.addr, str(self.port), self.statefile, self.logfile, self.ready]
        if self.tls:
            cert = os.path.join(self.dir, "cert.pem")
            key = os.path.join(self.dir, "key.pem")
            T.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                   "-subj", "/CN=%s" % TLS_NAME, "-addext",
                   "subjectAltName=DNS:%s" % TLS_NAME, "-keyout", key, "-out", cert])
            argv += [cert, key]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        self.proc = T.Proc("service", p.pid, popen=p)
        self.topo.register(self.proc)
        T.wait_for(lambda: os.path.exists(self.ready) or not self.proc.alive(), 10,
                   desc="http server on port %d" % self.port)
        assert self.proc.alive(), "http server on port %d failed to start" % self.port
        return self

    def log(self):
        try:
            with open(self.logfile) as f:
                return f.read().splitlines()
        except OSError:
            return []

    def requests(self, method=None):
        return [ln for ln in self.log()
                if ln.split(" ", 1)[0] in ((method,) if method else ("GET", "HEAD"))]


# --------------------------------------------------------------------------
# helpers

def http_block(probe, interval=500, timeout=400, rise=2, fall=2):
    """health web with the given probe line, tracked by the IPv4 prefix."""
    return "\n".join([
        "anycast",
        " health web",
        "  " + probe,
        "  interval %d" % interval,
        "  timeout %d" % timeout,
        "  rise %d" % rise,
        "  fall %d" % fall,
        " exit",
        " !",
        " prefix %s" % T.ANYCAST_V4,
        "  track web",
        " exit",
        " !",
        "exit",
        "!",
    ]) + "\n"


def start(t, probe, **kw):
    a = t.node.daemon("anycastd")
    a.set_conf(T.anycastd_conf(t.node.dir, http_block(probe, **kw)))
    a.start()
    return a


def health(a):
    return a.show_json("show anycast health web json")["web"]


def wait_state(a, state, timeout=15):
    return T.wait_for(lambda: (lambda h: h if h["state"] == state else None)(health(a)),
                      timeout, 0.05, "health web %s" % state)


def set_probe(a, probe):
    """Replace the probe through the daemon's vty (must be accepted)."""
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health web")
        status, text = v.cmd(probe)
    assert status == 0 and "%" not in text, (probe, status, text)


def assert_session_alive(t):
    assert t.peer_has(T.STATIC_V4), "static IPv4 route vanished from the peer"




def task_count(pid):
    return len(os.listdir("/proc/%d/task" % pid))




# --------------------------------------------------------------------------
# 1. status 200 -> up/announced; 503 -> down/withdrawn

def test_http_status_up_and_503_down(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    a = start(t, "probe http %s" % URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["probe"] == "http", h
    assert h["target"] == "http GET %s" % URL, h
    assert h["lastDetail"] == "status 200", h
    reqs = srv.requests("GET")
    assert reqs, srv.log()
    assert "host=%s:%d" % (T.SERVICE_ADDR, HTTP_PORT) in reqs[0], reqs[0]
    assert "ua=anycastd/" in reqs[0], reqs[0]

    srv.set_state("503 maintenance")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    assert_session_alive(t)
    h = wait_state(a, "down")
    assert h["lastError"] == "status 503 not in 200-399", h
    assert h["lastDetail"] == "status 503", h
    assert h["timeouts"] == 0, h
    ps = a.show_json("show anycast prefix %s json" % T.ANYCAST_V4)[T.ANYCAST_V4]
    assert ps["announced"] is False, ps

    # and back
    srv.set_state("200 service ok")
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert wait_state(a, "up")["lastDetail"] == "status 200"


# --------------------------------------------------------------------------
# 1b. credentials in the URL are used, and never shown or logged

SECRET = "Sup3rS3cretPw"


def test_http_url_password_never_shown_or_logged(vtysh_topo):
    t = vtysh_topo
    srv = HttpServer(t, HTTP_PORT).start()
    url = "http://monitor:%s@%s:%d/state" % (SECRET, T.SERVICE_ADDR, HTTP_PORT)
    shown = "http://monitor:****@%s:%d/state" % (T.SERVICE_ADDR, HTTP_PORT)
    a = start(t, "probe http %s" % url)
    T.configure(a, "debug anycast probe")
    mdir = os.path.join(t.node.dir, "metrics")
    os.makedirs(mdir)
    os.chmod(mdir, 0o777)
    T.configure(a, "anycast", "metrics textfile %s/m.prom interval 1" % mdir)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    # libcurl sent them (Basic auth) ...
    want = "auth=Basic %s" % base64.b64encode(
        ("monitor:%s" % SECRET).encode()).decode()
    assert any(want in r for r in srv.requests("GET")), srv.log()
    # ... show and JSON show the URL without the password
    assert h["target"] == "http GET %s" % shown, h
    # a failure's error and the debug lines, too
    srv.set_state("503 down")
    h = wait_state(a, "down")
    T.wait_for(lambda: "status 503" in open(a.logfile).read(), 10,
               desc="the failing run's debug line in the log")
    outputs = {
        "show anycast health web": a.show("show anycast health web"),
        "show anycast health": a.show("show anycast health"),
        "show anycast health web json": json.dumps(health(a)),
        "show anycast prefix": a.show("show anycast prefix %s" % T.ANYCAST_V4),
        "show anycast metrics": a.show("show anycast metrics"),
        "log": open(a.logfile).read(),
    }
    T.wait_for(lambda: os.path.exists("%s/m.prom" % mdir), 10,
               desc="metrics textfile")
    with open("%s/m.prom" % mdir) as f:
        outputs["metrics textfile"] = f.read()
    for what, text in outputs.items():
        assert SECRET not in text, "%s shows the password:\n%s" % (what, text)
    assert shown in outputs["show anycast health web"], outputs
    assert shown in outputs["log"], outputs["log"][-2000:]
    # the configuration itself keeps it (like bgpd's `neighbor … password`):
    # running-config round-trips
    rc = t.node.vtysh("show running-config").stdout
    assert "probe http %s" % url in rc, rc


# --------------------------------------------------------------------------
# 2. expect-status list and expect-body

def test_http_expect_status_and_body(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    srv.set_state("404 service ok")
    a = start(t, "probe http %s expect-status 200,404 expect-body service\\x20ok" % URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert wait_state(a, "up")["lastDetail"] == "status 404"

    # right status, wrong body -> down
    srv.set_state("200 maintenance")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    h = wait_state(a, "down")
    assert h["lastError"] == 'body does not contain "service\\x20ok"', h
    assert h["lastDetail"] == "status 200", h
    assert_session_alive(t)

    # right body, status not in the list
    srv.set_state("201 service ok")
    T.wait_for(lambda: health(a)["lastError"] == "status 201 not in 200,404", 10,
               desc="status 201 rejected")
    assert health(a)["state"] == "down"
    assert not t.peer_has(T.ANYCAST_V4)

    srv.set_state("200 the service ok here")
    t.wait_peer(T.ANYCAST_V4, timeout=15)


# --------------------------------------------------------------------------
# 3. HTTPS: verification fails on a self-signed certificate, insecure
#    succeeds; host sets the Host header and the TLS server name; HEAD

def test_https_verify_insecure_host_head(anycast_topo):
    if shutil.which("openssl") is None:
        pytest.skip("openssl missing")
    t = anycast_topo
    srv = HttpServer(t, HTTPS_PORT, tls=True).start()
    # TLS with certificate verification (the system CA bundle is read for
    # every handshake) is slow under sanitizers: a generous timeout
    a = start(t, "probe http %s host %s" % (TLS_URL, TLS_NAME), interval=1500, timeout=1200)
    T.wait_for(lambda: health(a)["consecutiveFail"] >= 2, 15,
               desc="verification failures recorded")
    h = health(a)
    assert h["state"] == "down", h
    assert "certificate" in h["lastError"].lower(), h
    assert h["timeouts"] == 0, h
    print("verification failure after %.1f ms" % (h["lastLatencyUs"] / 1000.0))
    assert not t.peer_has(T.ANYCAST_V4)
    # the handshake was attempted with the configured name
    T.wait_for(lambda: "sni %s" % TLS_NAME in srv.log(), 5, desc="SNI seen")
    assert not srv.requests(), "a request was sent over an unverified connection"

    set_probe(a, "probe http %s host %s insecure" % (TLS_URL, TLS_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "status 200", h
    assert h["target"] == "http GET %s host %s insecure" % (TLS_URL, TLS_NAME), h
    reqs = srv.requests("GET")
    assert reqs and all(("host=%s:%d" % (TLS_NAME, HTTPS_PORT)) in r for r in reqs), reqs

    # HEAD: no body, still up
    set_probe(a, "probe http %s method head host %s insecure" % (TLS_URL, TLS_NAME))
    T.wait_for(lambda: len(srv.requests("HEAD")) >= 3, 15, desc="HEAD requests")
    h = health(a)
    assert h["state"] == "up" and h["lastDetail"] == "status 200", h
    assert t.peer_has(T.ANYCAST_V4)


# --------------------------------------------------------------------------
# 4. a server that never answers: timeouts, the daemon stays responsive and
#    every aborted transfer is released

def test_http_hang_times_out_daemon_responsive(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    a = start(t, "probe http %s" % URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    wait_state(a, "up")
    fds_before = T.fd_count(a.proc.pid)

    srv.set_state("hang")
    t0_timeouts = health(a)["timeouts"]
    answered = 0
    with a.vty() as v:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            v.ok("show version")  # the vty answers while transfers hang
            answered += 1
            h = v.json("show anycast health web json")["web"]
            if h["timeouts"] - t0_timeouts >= 6 and not t.peer_has(T.ANYCAST_V4):
                break
            time.sleep(0.1)
    h = health(a)
    assert h["timeouts"] - t0_timeouts >= 6, h
    assert h["state"] == "down", h
    assert h["lastError"].startswith("timeout after"), h
    assert not t.peer_has(T.ANYCAST_V4)
    assert answered > 10
    assert len(srv.requests("GET")) >= 6
    # the hung connections were closed: at most the one in flight remains
    assert T.fd_count(a.proc.pid) <= fds_before + 1, (
        fds_before, os.listdir("/proc/%d/fd" % a.proc.pid))

    srv.set_state("200 service ok")
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert wait_state(a, "up")["lastDetail"] == "status 200"
    assert_session_alive(t)


# --------------------------------------------------------------------------
# 5. a 50 MB body: only the first 64 KiB are read, memory does not grow,
#    the probe completes (and fails cleanly on text beyond the cap)

def test_http_huge_body_bounded(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    a = start(t, "probe http %s" % URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    wait_state(a, "up")
    time.sleep(1)  # a few more runs: libcurl fully initialised
    rss_before = T.rss_kb(a.proc.pid)

    srv.set_state("huge %d" % HUGE)
    T.wait_for(lambda: len([ln for ln in srv.log() if ln.startswith("sent ")]) >= 6,
               30, 0.1, "six huge responses cut short")
    h = health(a)
    assert h["state"] == "up", h
    assert h["lastDetail"] == "status 200", h
    assert h["timeouts"] == 0 and h["failures"] == 0, h
    grown = T.rss_kb(a.proc.pid) - rss_before
    sent = [int(ln.split()[1]) for ln in srv.log() if ln.startswith("sent ")]
    print("RSS growth %d kB; bytes the server got out per response: %s" % (grown, sent))
    assert grown < 4096, "anycastd RSS grew by %d kB" % grown
    # anycastd stopped reading: the server could not push the whole body
    assert all(n < HUGE // 2 for n in sent), sent

    # text beyond the first 64 KiB is never seen
    set_probe(a, "probe http %s expect-body ENDMARK" % URL)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    h = wait_state(a, "down")
    assert h["lastError"] == (
        'body does not contain "ENDMARK" (in the first %d bytes)' % BODY_MAX), h
    assert h["lastDetail"] == "status 200", h
    # ... text within them is
    set_probe(a, "probe http %s expect-body HUGE" % URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert T.rss_kb(a.proc.pid) - rss_before < 4096
    assert a.alive()


# --------------------------------------------------------------------------
# 6. CLI: canonical show line, round trip, rejected input

FULL = ("probe http %s method head expect-status 200-299,404 host %s insecure"
        % (URL, TLS_NAME))

BAD = [
    "probe http ftp://%s/x" % T.SERVICE_ADDR,
    "probe http http://",
    "probe http %s expect-status 600" % URL,
    "probe http %s expect-status 399-200" % URL,
    "probe http %s expect-status 200,,404" % URL,
    "probe http %s expect-status 2xx" % URL,
    "probe http %s method head expect-body ok" % URL,
    "probe http %s expect-body bad\\q" % URL,
    "probe http %s expect-body a\\x00b" % URL,
    "probe http %s host bad/host" % URL,
    "probe http %s bogus" % URL,
]


def probe_lines(a):
    return [ln.strip() for ln in T.anycast_section(a.running_config())
            if ln.strip().startswith("probe ")]


def test_http_cli_roundtrip_and_rejects(vtysh_topo):
    t = vtysh_topo
    a = start(t, "probe http %s" % URL)
    assert probe_lines(a) == ["probe http %s" % URL]

    # options in any order; shown in one order, defaults left out
    set_probe(a, "probe http %s insecure host %s expect-status 200-299,404 method head"
              % (URL, TLS_NAME))
    assert probe_lines(a) == [FULL]
    set_probe(a, "probe http %s method get expect-status 200-399 expect-body a\\x20b" % URL)
    assert probe_lines(a) == ["probe http %s expect-body a\\x20b" % URL]

    # round trip through the extended vtysh
    res = t.node.vtysh("configure terminal", "anycast", "health web", FULL)
    assert res.returncode == 0 and "%" not in res.stdout + res.stderr, res
    config = a.running_config()
    assert probe_lines(a) == [FULL]
    res = t.node.vtysh("configure terminal", "anycast", "health web", probe_lines(a)[0])
    assert res.returncode == 0, res
    assert a.running_config() == config

    for bad in BAD:
        before = a.running_config()
        with a.vty() as v:
            v.ok("configure terminal")
            v.ok("anycast")
            v.ok("health web")
            status, text = v.cmd(bad)
        assert status != 0, "accepted: %r (%s)" % (bad, text)
        assert text.strip().startswith("%"), "no error text for %r: %r" % (bad, text)
        assert a.running_config() == before, "%r changed the config" % bad
    res = t.node.vtysh("configure terminal", "anycast", "health web",
                       "probe http %s expect-status 399-200" % URL)
    assert res.returncode != 0
    assert "Invalid expect-status '399-200': empty range 399-200" in res.stdout + res.stderr
    assert a.running_config() == config


# --------------------------------------------------------------------------
# 7-10. URLs with a host name: resolved by c-ares inside anycastd (system
#    resolver configuration), libcurl connects to the address.  The node
#    namespace gets its own resolv.conf / hosts (/etc/netns/<ns>/..., bind-
#    mounted by `ip netns exec`, removed at teardown); names are served by
#    dnsmasq or the hosts file.

DNSMASQ = "/usr/sbin/dnsmasq"
NAME_DNS = "web.example.test"        # dnsmasq only
NAME_HOSTS = "files.example.test"    # hosts file only
NAME_DUAL = "dual.example.test"      # dnsmasq: A and AAAA
NAME_NX = "nosuch.example.test"      # nowhere: NXDOMAIN
OTHER_NAME = "other.example.test"    # hosts file, not in the certificate
V6_URL = "http://[%s]:%d/state" % (T.NODE_V6, HTTP_PORT)


def name_url(name, port=HTTP_PORT, scheme="http"):
    return "%s://%s:%d/state" % (scheme, name, port)


def resolver_env(t, hosts=()):
    """resolv.conf (the node namespace's DNS server on the service address,
    a c-ares timeout well above the probe timeouts) and a hosts file, for
    the processes started in the node namespace from now on."""
    t.node_etc("resolv.conf", "nameserver %s\noptions timeout:5 attempts:1\n" % T.SERVICE_ADDR)
    t.node_etc("hosts", "127.0.0.1 localhost\n::1 localhost\n"
               + "".join("%s %s\n" % (addr, name) for addr, name in hosts))


def start_dnsmasq(t, *records):
    if not os.access(DNSMASQ, os.X_OK):
        pytest.skip("dnsmasq missing (apt-get install dnsmasq-base)")
    argv = ["ip", "netns", "exec", t.node_ns, DNSMASQ, "--keep-in-foreground",
            "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            "--pid-file=", "--bind-interfaces", "--listen-address=%s" % T.SERVICE_ADDR,
            "--port=53", "--local=/example.test/"]
    argv += ["--host-record=%s" % r for r in records]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    proc = T.Proc("dnsmasq", p.pid, popen=p)
    t.register(proc)
    # answering: a query from inside the namespace
    T.wait_for(lambda: T.run(["getent", "ahosts", records[0].split(",")[0]],
                             ns=t.node_ns, check=False).returncode == 0,
               10, 0.1, "dnsmasq answering")
    return proc


BLACKHOLE_CODE = r"""
import os, signal, socket, sys
addr, logfile, ready = sys.argv[1:4]
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 53))
open(ready, "w").close()
while True:
    q, peer = s.recvfrom(4096)
    with open(logfile, "a") as f:
        f.write("query %d bytes\n" % len(q))
"""


def system_first_address(t, name, port):
    """The first address the C library's getaddrinfo() gives in the node
    namespace (same resolv.conf and hosts file as anycastd)."""
    res = T.run([T.PYTHON, "-c",
                 "import socket, sys; print(socket.getaddrinfo(sys.argv[1], int(sys.argv[2]),"
                 " 0, socket.SOCK_STREAM)[0][4][0])", name, str(port)], ns=t.node_ns)
    return res.stdout.strip()


def test_http_by_name_dns_hosts_and_unresolvable(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    resolver_env(t, hosts=[(T.SERVICE_ADDR, NAME_HOSTS)])
    dnsmasq = start_dnsmasq(t, "%s,%s" % (NAME_DNS, T.SERVICE_ADDR))
    a = start(t, "probe http %s" % name_url(NAME_DNS))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "status 200", h
    assert h["target"] == "http GET %s" % name_url(NAME_DNS), h
    reqs = srv.requests("GET")
    # the URL is unchanged: the Host header is the name
    assert reqs and all("host=%s:%d" % (NAME_DNS, HTTP_PORT) in r for r in reqs), reqs

    # a name only the hosts file knows (dnsmasq answers NXDOMAIN for it)
    set_probe(a, "probe http %s" % name_url(NAME_HOSTS))
    T.wait_for(lambda: any("host=%s:" % NAME_HOSTS in r for r in srv.requests("GET")), 10,
               desc="request by the hosts-file name")
    h = wait_state(a, "up")
    assert h["lastError"] == "", h

    # a name nobody knows: the probe fails with c-ares' error, no timeout
    n_before = len(srv.requests())
    set_probe(a, "probe http %s" % name_url(NAME_NX))
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    h = wait_state(a, "down")
    assert h["lastError"] == "resolve %s: Domain name not found" % NAME_NX, h
    assert h["lastDetail"] == "", h
    assert h["timeouts"] == 0, h
    assert not any(NAME_NX in r for r in srv.requests()[n_before:])
    assert_session_alive(t)

    # every run asks the DNS server: without it the name no longer resolves
    set_probe(a, "probe http %s" % name_url(NAME_DNS))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    dnsmasq.stop()
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    h = wait_state(a, "down")
    assert h["lastError"] == "resolve %s: Could not contact DNS servers" % NAME_DNS, h
    assert a.alive()


def test_http_by_name_reads_no_resolver_file_per_run(anycast_topo):
    """Issue 15 section 3: c-ares used to read resolv.conf (and
    nsswitch.conf) for every run's channel, on the event loop.  The system
    configuration is now read once and given to each run's channel as
    options: strace on the daemon during ~10 runs by name sees no open of
    a resolver configuration file (the hosts file c-ares still reads per
    look-up).  Names still resolve, by the hosts file and by DNS."""
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    resolver_env(t, hosts=[(T.SERVICE_ADDR, NAME_HOSTS)])
    dnsmasq = start_dnsmasq(t, "%s,%s" % (NAME_DNS, T.SERVICE_ADDR))
    a = start(t, "probe http %s" % name_url(NAME_HOSTS), interval=200, timeout=150)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    out = os.path.join(t.node.dir, "strace.out")
    runs0 = health(a)["runs"]
    with T.strace(a.proc.pid, "-e", "trace=open,openat,openat2", out=out):
        time.sleep(2.5)
    runs = health(a)["runs"] - runs0
    with open(out) as f:
        opened = [ln for ln in f if re.search(r"/etc/(resolv|nsswitch|host)\.conf", ln)]
    assert runs >= 5, runs
    assert opened == [], "%d runs, %d opens: %s" % (runs, len(opened), opened[:3])
    assert health(a)["state"] == "up"
    # by DNS through the same configuration
    set_probe(a, "probe http %s" % name_url(NAME_DNS))
    T.wait_for(lambda: any("host=%s:" % NAME_DNS in r for r in srv.requests("GET")), 10,
               desc="request by the DNS name")
    assert wait_state(a, "up")["lastError"] == ""
    dnsmasq.stop()


def test_https_by_name_verified_by_name(anycast_topo):
    if shutil.which("openssl") is None:
        pytest.skip("openssl missing")
    t = anycast_topo
    srv = HttpServer(t, HTTPS_PORT, tls=True).start()
    resolver_env(t, hosts=[(T.SERVICE_ADDR, TLS_NAME), (T.SERVICE_ADDR, OTHER_NAME)])
    # anycastd (only) trusts the test's self-signed certificate: /etc/ssl
    # replaced in the namespace (libcurl-gnutls reads
    # /etc/ssl/certs/ca-certificates.crt)
    with open(os.path.join(srv.dir, "cert.pem")) as f:
        t.node_etc("ssl/certs/ca-certificates.crt", f.read())
    a = start(t, "probe http %s" % name_url(TLS_NAME, HTTPS_PORT, "https"),
              interval=1500, timeout=1200)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "status 200", h
    assert "sni %s" % TLS_NAME in srv.log(), srv.log()
    reqs = srv.requests("GET")
    assert reqs and all("host=%s:%d" % (TLS_NAME, HTTPS_PORT) in r for r in reqs), reqs

    # same address, a name the certificate does not have: verification fails
    n_before = len(srv.requests())
    set_probe(a, "probe http %s" % name_url(OTHER_NAME, HTTPS_PORT, "https"))
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=15)
    h = wait_state(a, "down")
    print("name mismatch: %s" % h["lastError"])
    # libcurl's wording: "target host name" (7.88), "target hostname" (8.14)
    assert re.search(r"does not match target host ?name '%s'" % re.escape(OTHER_NAME),
                     h["lastError"]), h
    assert h["timeouts"] == 0, h
    assert "sni %s" % OTHER_NAME in srv.log(), srv.log()
    assert len(srv.requests()) == n_before, "a request went over an unverified connection"

    # `host`: connect to the URL's (resolved) host, verify the host name
    set_probe(a, "probe http %s host %s" % (name_url(OTHER_NAME, HTTPS_PORT, "https"), TLS_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "status 200", h
    assert " host=%s:%d " % (TLS_NAME, HTTPS_PORT) in srv.requests()[-1], srv.requests()


def test_http_name_dns_silent_times_out_daemon_responsive(anycast_topo):
    t = anycast_topo
    srv = HttpServer(t, HTTP_PORT).start()
    resolver_env(t)
    bdir = os.path.join(t.basedir, "blackhole")
    os.makedirs(bdir)
    blog, bready = os.path.join(bdir, "queries.log"), os.path.join(bdir, "ready")
    p = subprocess.Popen(["ip", "netns", "exec", t.node_ns, T.PYTHON, "-c", BLACKHOLE_CODE,
                          T.SERVICE_ADDR, blog, bready],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    bh = T.Proc("service", p.pid, popen=p)
    t.register(bh)
    T.wait_for(lambda: os.path.exists(bready) or not bh.alive(), 10, desc="blackhole DNS")
    assert bh.alive()

    # first by address (no look-up): the daemon's own tasks and fds
    a = start(t, "probe http %s" % URL, interval=500, timeout=400)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    fds_before = T.fd_count(a.proc.pid)
    # no resolver thread: a blocked getaddrinfo() in one would show here
    tasks_before = task_count(a.proc.pid)
    tasks_max = tasks_before
    set_probe(a, "probe http %s" % name_url(NAME_DNS))
    answered = 0
    with a.vty() as v:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            v.ok("show version")  # the vty answers while look-ups hang
            answered += 1
            tasks_max = max(tasks_max, task_count(a.proc.pid))
            h = v.json("show anycast health web json")["web"]
            if h["timeouts"] >= 6:
                break
            time.sleep(0.1)
    h = health(a)
    assert h["timeouts"] >= 6, h
    assert h["state"] == "down", h
    assert h["lastError"].startswith("timeout after"), h
    assert not t.peer_has(T.ANYCAST_V4)
    assert answered > 10
    print("anycastd tasks: %d at start, at most %d" % (tasks_before, tasks_max))
    assert tasks_max == tasks_before, "a thread was started (%d -> %d tasks)" % (
        tasks_before, tasks_max)
    with open(blog) as f:
        nq = len(f.read().splitlines())
    assert nq >= 6, "the DNS server saw %d queries" % nq
    assert not [r for r in srv.requests() if NAME_DNS in r], "connected without an address?"
    # every abandoned look-up's socket was closed
    assert T.fd_count(a.proc.pid) <= fds_before + 1, (
        fds_before, os.listdir("/proc/%d/fd" % a.proc.pid))
    assert_session_alive(t)


def test_http_ipv6_literal_and_dual_stack_name(anycast_topo):
    """c-ares 1.34 (Debian 13) sorts getaddrinfo answers by RFC 6724 only
    when its socket functions have getsockname(): with the legacy ones
    anycastd installed on every channel it kept A before AAAA and probed
    IPv4 here (the dual-stack half failed on 10.3 only)."""
    t = anycast_topo
    srv4 = HttpServer(t, HTTP_PORT).start()
    srv6 = HttpServer(t, HTTP_PORT, addr=T.NODE_V6).start()
    resolver_env(t)
    start_dnsmasq(t, "%s,%s,%s" % (NAME_DUAL, T.SERVICE_ADDR, T.NODE_V6))

    # an IPv6 address literal: no look-up
    a = start(t, "probe http %s" % V6_URL)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert wait_state(a, "up")["lastDetail"] == "status 200"
    reqs = srv6.requests("GET")
    assert reqs and "host=[%s]:%d" % (T.NODE_V6, HTTP_PORT) in reqs[0], reqs
    assert srv4.requests() == []

    # A and AAAA: the first address, in the order the system gives them
    first = system_first_address(t, NAME_DUAL, HTTP_PORT)
    print("getaddrinfo's first address for %s: %s" % (NAME_DUAL, first))
    assert first in (T.SERVICE_ADDR, T.NODE_V6), first
    want, other = (srv6, srv4) if first == T.NODE_V6 else (srv4, srv6)
    n_want, n_other = len(want.requests()), len(other.requests())
    set_probe(a, "probe http %s" % name_url(NAME_DUAL))
    T.wait_for(lambda: len(want.requests()) >= n_want + 3, 15,
               desc="three requests at %s" % first)
    assert len(other.requests()) == n_other, other.requests()
    assert all("host=%s:%d" % (NAME_DUAL, HTTP_PORT) in r
               for r in want.requests()[n_want:]), want.requests()
    assert health(a)["state"] == "up"
