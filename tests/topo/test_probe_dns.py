"""The DNS probe (anycastd/anycast_probe_dns.c), end to end.

A small DNS responder written here runs in the node namespace on
198.51.100.1 (UDP and TCP, port 53 unless a test says otherwise).  It
serves one zone,

    svc.example.test   A 192.0.2.53, AAAA 2001:db8::53, TXT "v=anycast1"
    *.example.test     NXDOMAIN

and its behaviour is read from a mode file on every query, so a test
changes what the server does without touching anycastd's configuration:

    ok          answer from the zone
    txt=STRING  ... with this TXT string instead
    nxdomain | servfail | refused    that rcode, no answers
    silent      never answer (UDP and TCP)
    wrongid     a correct answer with another message ID
    garbage     the query's ID followed by junk
    malformed   a correct header and question, answer records cut short
    qr0         the query sent back as it came (QR bit clear)

Every query is logged (transport, RD bit, name, type).  One scenario runs
against a real server, dnsmasq (Debian package dnsmasq-base), when it is
installed.  Outcomes are asserted at the gobgpd peer and in
`show anycast health`."""

import os
import subprocess

import pytest

import topolib as T

ZONE_NAME = "svc.example.test"
ZONE_A = "192.0.2.53"
ZONE_TXT = "v=anycast1"
DNSMASQ = "/usr/sbin/dnsmasq"

RESPONDER_CODE = r"""
import os, signal, socket, struct, sys, threading

addr, port, modefile, logfile, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
lock = threading.Lock()
ZONE = "svc.example.test"


def log(line):
    with lock, open(logfile, "a") as f:
        f.write(line + "\n")


def mode():
    try:
        with open(modefile) as f:
            return f.read().strip()
    except OSError:
        return "ok"


def parse(q):
    qid, flags, qdcount = struct.unpack("!HHH", q[:6])
    off, labels = 12, []
    while q[off]:
        n = q[off]
        labels.append(q[off + 1:off + 1 + n].decode("ascii", "replace"))
        off += 1 + n
    qtype, qclass = struct.unpack("!HH", q[off + 1:off + 5])
    return qid, flags, ".".join(labels), qtype, q[12:off + 5]


def rr(rtype, rdata):
    # owner: a pointer to the question name
    return b"\xc0\x0c" + struct.pack("!HHIH", rtype, 1, 60, len(rdata)) + rdata


def response(q, transport):
    qid, flags, qname, qtype, question = parse(q)
    rd = flags & 0x0100
    m = mode()
    log("%s rd=%d %s %d mode=%s" % (transport, 1 if rd else 0, qname, qtype, m))
    if m == "silent":
        return None
    if m == "qr0":
        return q
    if m == "garbage":
        return struct.pack("!H", qid) + bytes(range(0xf0, 0x100)) * 3
    rcode, answers = 0, []
    if m in ("nxdomain", "servfail", "refused"):
        rcode = {"nxdomain": 3, "servfail": 2, "refused": 5}[m]
    elif qname.lower() != ZONE:
        rcode = 3
    elif qtype == 1:
        answers.append(rr(1, socket.inet_aton("192.0.2.53")))
    elif qtype == 28:
        answers.append(rr(28, socket.inet_pton(socket.AF_INET6, "2001:db8::53")))
    elif qtype == 16:
        txt = m[4:].encode() if m.startswith("txt=") else b"v=anycast1"
        answers.append(rr(16, bytes([len(txt)]) + txt))
    rid = qid ^ 0x5a5a if m == "wrongid" else qid
    hdr = struct.pack("!HHHHHH", rid, 0x8400 | rd | rcode, 1,
                      5 if m == "malformed" else len(answers), 0, 0)
    body = question + b"".join(answers)
    if m == "malformed":
        body = question + rr(1, b"\xc0\x00\x02\x35")[:7]
    return hdr + body


def udp(s):
    while True:
        q, peer = s.recvfrom(4096)
        try:
            r = response(q, "udp")
        except Exception as e:
            log("bad query: %s" % e)
            continue
        if r is not None:
            s.sendto(r, peer)


def tcp_conn(c):
    try:
        while True:
            hdr = c.recv(2, socket.MSG_WAITALL)
            if len(hdr) < 2:
                return
            n = struct.unpack("!H", hdr)[0]
            q = c.recv(n, socket.MSG_WAITALL)
            r = response(q, "tcp")
            if r is not None:
                c.sendall(struct.pack("!H", len(r)) + r)
    except Exception:
        pass
    finally:
        c.close()


def tcp(s):
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()


fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
us = socket.socket(fam, socket.SOCK_DGRAM)
us.bind((addr, port))
ts = socket.socket(fam, socket.SOCK_STREAM)
ts.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ts.bind((addr, port))
ts.listen(64)
threading.Thread(target=tcp, args=(ts,), daemon=True).start()
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready + ".tmp", ready)
udp(us)
"""


class DnsResponder:
    """The test's DNS server in the node namespace, killed by PID at
    teardown (registered with the topology)."""

    def __init__(self, topo, port=53, addr=T.SERVICE_ADDR):
        self.topo = topo
        self.port = port
        self.addr = addr
        self.dir = os.path.join(topo.basedir, "dns%s-%d" % (addr, port))
        os.makedirs(self.dir, exist_ok=True)
        self.modefile = os.path.join(self.dir, "mode")
        self.logfile = os.path.join(self.dir, "queries.log")
        self.ready = os.path.join(self.dir, "ready")
        self.proc = None
        self.set_mode("ok")

    def set_mode(self, mode):
        tmp = self.modefile + ".tmp"
        with open(tmp, "w") as f:
            f.write(mode + "\n")
        os.rename(tmp, self.modefile)

    def start(self):
        argv = ["ip", "netns", "exec", self.topo.node_ns, T.PYTHON, "-c", RESPONDER_CODE,
                self.addr, str(self.port), self.modefile, self.logfile, self.ready]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        self.proc = T.Proc("dns-responder", p.pid, popen=p)
        self.topo.register(self.proc)
        T.wait_for(lambda: os.path.exists(self.ready) or not self.proc.alive(), 10,
                   desc="dns responder on port %d" % self.port)
        assert self.proc.alive(), "dns responder on port %d failed to start" % self.port
        return self

    def queries(self):
        try:
            with open(self.logfile) as f:
                return [ln for ln in f.read().splitlines() if not ln.startswith("bad")]
        except OSError:
            return []

    def wait_queries(self, n, mode=None, timeout=10):
        """Wait until n more queries (in `mode`, if given) have been logged."""
        def count():
            return len([q for q in self.queries() if mode is None or q.endswith("mode=" + mode)])
        start = count()
        T.wait_for(lambda: count() >= start + n, timeout, 0.02,
                   "%d queries%s at the responder" % (n, " in mode " + mode if mode else ""))


# --------------------------------------------------------------------------
# helpers

def dns_block(probes, interval=200, timeout=150, rise=2, fall=2):
    """Health objects {name: probe line}, all tracked by the IPv4 prefix."""
    lines = ["anycast"]
    for name, probe in probes.items():
        lines += [" health %s" % name,
                  "  " + probe,
                  "  interval %d" % interval,
                  "  timeout %d" % timeout,
                  "  rise %d" % rise,
                  "  fall %d" % fall,
                  " exit",
                  " !"]
    lines += [" prefix %s" % T.ANYCAST_V4]
    lines += ["  track %s" % name for name in probes]
    lines += [" exit", " !", "exit", "!"]
    return "\n".join(lines) + "\n"


def start(t, probe, **kw):
    probes = probe if isinstance(probe, dict) else {"dns": probe}
    a = t.node.daemon("anycastd")
    a.set_conf(T.anycastd_conf(t.node.dir, dns_block(probes, **kw)))
    a.start()
    return a


def health(a, name="dns"):
    return a.show_json("show anycast health %s json" % name)[name]


def wait_health(a, cond, desc, timeout=15, name="dns"):
    return T.wait_for(lambda: (lambda h: h if cond(h) else None)(health(a, name)),
                      timeout, 0.05, desc)


def wait_state(a, state, timeout=15, name="dns"):
    return wait_health(a, lambda h: h["state"] == state, "health %s %s" % (name, state),
                       timeout, name)


def assert_session_alive(t):
    assert t.peer_has(T.STATIC_V4), "static IPv4 route vanished from the peer"


def assert_responsive(a):
    assert a.alive(), "anycastd died"
    a.show("show version")  # raises unless the vty answers




def probe_line(running_config):
    lines = [ln.strip() for ln in T.anycast_section(running_config)
             if ln.strip().startswith("probe ")]
    assert len(lines) == 1, lines
    return lines[0]


# --------------------------------------------------------------------------
# 1. a correct A answer -> up, announced; NXDOMAIN -> down, withdrawn

def test_dns_a_answer_up_nxdomain_down(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t).start()
    a = start(t, "probe dns %s query %s expect-answer %s" % (T.SERVICE_ADDR, ZONE_NAME, ZONE_A))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["probe"] == "dns", h
    assert h["lastDetail"] == "rcode NOERROR, 1 answer", h
    assert h["lastError"] == "", h
    assert h["target"].startswith("dns %s port 53 query %s A" % (T.SERVICE_ADDR, ZONE_NAME)), h
    assert a.show_json("show anycast prefix %s json" % T.ANYCAST_V4)[T.ANYCAST_V4]["announced"]
    # the queries: UDP, RD clear (an authoritative check), type A
    qs = srv.queries()
    assert qs and all(q.startswith("udp rd=0 %s 1 " % ZONE_NAME) for q in qs), qs

    srv.set_mode("nxdomain")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"] == "rcode NXDOMAIN, expected NOERROR", h
    assert h["lastDetail"] == "rcode NXDOMAIN", h
    assert h["timeouts"] == 0, h
    assert_session_alive(t)

    srv.set_mode("ok")
    t.wait_peer(T.ANYCAST_V4, timeout=10)


# --------------------------------------------------------------------------
# 2. expect-answer on TXT: match -> up, another string -> down

def test_dns_txt_expect_answer(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t).start()
    a = start(t, "probe dns %s query %s type txt expect-answer %s"
              % (T.SERVICE_ADDR, ZONE_NAME, ZONE_TXT))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    wait_state(a, "up")
    assert all(" %s 16 " % ZONE_NAME in q for q in srv.queries()), srv.queries()

    srv.set_mode("txt=v=anycast2")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"] == 'no answer contains "v=anycast1" (got "v=anycast2")', h
    assert h["lastDetail"] == "rcode NOERROR, 1 answer", h
    assert_session_alive(t)

    # the string is contained, not equal
    srv.set_mode("txt=x v=anycast1 y")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a)["state"] == "up"


# --------------------------------------------------------------------------
# 3. expect-rcode nxdomain: satisfied by NXDOMAIN, not by an answer

def test_dns_expect_rcode_nxdomain(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t).start()
    a = start(t, "probe dns %s query nosuch.example.test expect-rcode nxdomain" % T.SERVICE_ADDR)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "rcode NXDOMAIN", h
    assert h["target"].endswith("expect NXDOMAIN"), h
    assert srv.queries(), "no query reached the responder"

    # SERVFAIL is not NXDOMAIN (and SERVFAIL answers do reach the check)
    srv.set_mode("servfail")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"] == "rcode SERVFAIL, expected NXDOMAIN", h


# --------------------------------------------------------------------------
# 4. a silent server -> timeouts, never up; the probe recovers when it answers

def test_dns_silent_server_times_out(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t)
    srv.set_mode("silent")
    srv.start()
    a = start(t, "probe dns %s query %s" % (T.SERVICE_ADDR, ZONE_NAME))
    h = wait_health(a, lambda h: h["timeouts"] >= 4, "4 probe timeouts")
    assert h["state"] == "down", h
    assert h["lastError"].startswith("timeout after"), h
    assert h["successes"] == 0, h
    assert not t.peer_has(T.ANYCAST_V4)
    assert len(srv.queries()) >= 4, srv.queries()   # the queries did go out

    srv.set_mode("ok")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a)["state"] == "up"


# --------------------------------------------------------------------------
# 5. spoofed / broken answers: never a success, the daemon stays fine

def test_dns_wrong_id_garbage_malformed(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t).start()
    a = start(t, "probe dns %s query %s" % (T.SERVICE_ADDR, ZONE_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    wait_state(a, "up")
    fds_up = T.fd_count(a.proc.pid)

    # an answer with another ID is dropped by c-ares: the probe times out
    srv.set_mode("wrongid")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"].startswith("timeout after"), h
    base = health(a)
    srv.wait_queries(3, mode="wrongid")
    h = health(a)
    assert h["successes"] == base["successes"] and h["timeouts"] > base["timeouts"], (base, h)
    assert_responsive(a)

    # the right ID followed by junk: never an answer.  c-ares 1.19 (Debian
    # 12) drops it (no question): a timeout again; c-ares 1.34 (Debian 13)
    # rejects it as a misformatted reply: a malformed response at once
    srv.set_mode("garbage")
    srv.wait_queries(3, mode="garbage")
    h = wait_health(a, lambda h: h["lastError"].startswith(("timeout after",
                                                             "malformed response")),
                    "garbage refused")
    assert h["state"] == "down" and h["successes"] == base["successes"], h
    assert_responsive(a)

    # right ID and question, answer records cut short: rejected at once
    srv.set_mode("malformed")
    h = wait_health(a, lambda h: h["lastError"].startswith("malformed response"),
                    "malformed response reported")
    assert h["state"] == "down" and h["successes"] == base["successes"], h

    # our own query echoed back (QR clear): not an answer
    srv.set_mode("qr0")
    h = wait_health(a, lambda h: h["lastError"] == "malformed response (not a response)",
                    "QR=0 response rejected")
    assert h["state"] == "down" and h["successes"] == base["successes"], h
    assert not t.peer_has(T.ANYCAST_V4)
    assert_session_alive(t)

    # no sockets left behind by all those runs
    assert T.fd_count(a.proc.pid) <= fds_up + 1, (fds_up, T.fd_count(a.proc.pid))

    srv.set_mode("ok")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a)["state"] == "up"
    assert_responsive(a)


# --------------------------------------------------------------------------
# 6. TCP (and another port), recursion desired

def test_dns_tcp_mode(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t, port=5353).start()
    a = start(t, "probe dns %s port 5353 query %s type aaaa expect-answer 2001:db8::53 tcp recurse"
              % (T.SERVICE_ADDR, ZONE_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["lastDetail"] == "rcode NOERROR, 1 answer", h
    qs = srv.queries()
    assert qs and all(q.startswith("tcp rd=1 %s 28 " % ZONE_NAME) for q in qs), qs
    assert probe_line(a.running_config()) == (
        "probe dns %s port 5353 query %s type aaaa expect-answer 2001:db8::53 tcp recurse"
        % (T.SERVICE_ADDR, ZONE_NAME))

    # a silent server over TCP: timeouts as well
    srv.set_mode("silent")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert wait_state(a, "down")["lastError"].startswith("timeout after")

    # nothing listens on port 53: refused at once, not a timeout
    srv.set_mode("ok")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health dns")
        v.ok("probe dns %s query %s tcp" % (T.SERVICE_ADDR, ZONE_NAME))
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert "connection refused" in h["lastError"], h
    h2 = wait_health(a, lambda x: x["runs"] >= h["runs"] + 3, "3 more runs")
    assert h2["timeouts"] == h["timeouts"], (h, h2)


# --------------------------------------------------------------------------
# 7. an IPv6 server, UDP on another port

SERVER_V6 = "2001:db8:53::53"


def test_dns_ipv6_server(anycast_topo):
    t = anycast_topo
    assert T.is_documentation(SERVER_V6)
    T.run(["ip", "-6", "addr", "add", "%s/128" % SERVER_V6, "dev", "lo", "nodad"],
          ns=t.node_ns)
    srv = DnsResponder(t, port=5353, addr=SERVER_V6).start()
    a = start(t, "probe dns %s port 5353 query %s type aaaa expect-answer 2001:db8:0::53"
              % (SERVER_V6, ZONE_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = wait_state(a, "up")
    assert h["target"].startswith("dns %s port 5353 query %s AAAA" % (SERVER_V6, ZONE_NAME)), h
    qs = srv.queries()
    assert qs and all(q.startswith("udp rd=0 %s 28 " % ZONE_NAME) for q in qs), qs

    srv.set_mode("servfail")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert wait_state(a, "down")["lastError"] == "rcode SERVFAIL, expected NOERROR"


# --------------------------------------------------------------------------
# 8. a real DNS server: dnsmasq

def test_dns_against_dnsmasq(anycast_topo):
    if not os.access(DNSMASQ, os.X_OK):
        pytest.skip("dnsmasq missing (apt-get install dnsmasq-base)")
    t = anycast_topo
    argv = ["ip", "netns", "exec", t.node_ns, DNSMASQ, "--keep-in-foreground",
            "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            "--pid-file=", "--bind-interfaces", "--listen-address=%s" % T.SERVICE_ADDR,
            "--port=53", "--local=/example.test/",
            "--host-record=%s,%s" % (ZONE_NAME, ZONE_A),
            "--txt-record=%s,%s" % (ZONE_NAME, ZONE_TXT)]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    proc = T.Proc("dnsmasq", p.pid, popen=p)
    t.register(proc)
    a = start(t, {
        "dns": "probe dns %s query %s expect-answer %s" % (T.SERVICE_ADDR, ZONE_NAME, ZONE_A),
        "txt": "probe dns %s query %s type txt expect-answer %s"
               % (T.SERVICE_ADDR, ZONE_NAME, ZONE_TXT),
        "nx": "probe dns %s query nosuch.example.test expect-rcode nxdomain" % T.SERVICE_ADDR,
    })
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    for name in ("dns", "txt", "nx"):
        h = wait_state(a, "up", name=name)
        assert h["lastError"] == "", h
    assert health(a, "nx")["lastDetail"] == "rcode NXDOMAIN"
    assert health(a, "txt")["lastDetail"] == "rcode NOERROR, 1 answer"

    proc.stop()
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert wait_state(a, "down")["state"] == "down"
    assert_session_alive(t)


# --------------------------------------------------------------------------
# 9. CLI: the shown line is the typed line (non-default options), bad input
#    is rejected with a message and leaves the configuration alone

GOOD = [
    ("probe dns 198.51.100.1 query svc.example.test",
     "probe dns 198.51.100.1 query svc.example.test"),
    # defaults are not shown
    ("probe dns 198.51.100.1 port 53 query svc.example.test type a expect-rcode noerror",
     "probe dns 198.51.100.1 query svc.example.test"),
    # options in any order after the query, shown in a fixed order
    ("probe dns 2001:db8::53 query example.test. tcp recurse expect-rcode refused type soa",
     "probe dns 2001:db8::53 query example.test. type soa expect-rcode refused tcp recurse"),
    ("probe dns 198.51.100.1 port 5300 query . type ns expect-answer a.root-servers.net",
     "probe dns 198.51.100.1 port 5300 query . type ns expect-answer a.root-servers.net"),
    ("probe dns 198.51.100.1 query svc.example.test type txt expect-answer v=spf1\\x20-all",
     "probe dns 198.51.100.1 query svc.example.test type txt expect-answer v=spf1\\x20-all"),
]

BAD = [
    "probe dns 198.51.100.1 query a..example.test",
    "probe dns 198.51.100.1 query .example.test",
    "probe dns 198.51.100.1 query %s.example.test" % ("x" * 64),
    "probe dns 198.51.100.1 query svc.example.test expect-answer bad\\q",
    "probe dns 198.51.100.1 query svc.example.test expect-answer \\x4",
    "probe dns 224.0.0.53 query svc.example.test",
    "probe dns 0.0.0.0 query svc.example.test",
    "probe dns fe80::53 query svc.example.test",
    "probe dns 198.51.100.1 query svc.example.test type any",
    "probe dns 198.51.100.1 port 0 query svc.example.test",
    "probe dns 198.51.100.1 query svc.example.test expect-rcode notauth",
    "probe dns 198.51.100.1",
]


def test_dns_cli_roundtrip_and_rejects(anycast_topo):
    t = anycast_topo
    srv = DnsResponder(t).start()
    a = start(t, "probe dns %s query %s" % (T.SERVICE_ADDR, ZONE_NAME))
    t.wait_peer(T.ANYCAST_V4, timeout=15)

    def configure(line):
        with a.vty() as v:
            v.ok("configure terminal")
            v.ok("anycast")
            v.ok("health dns")
            return v.cmd(line)

    for typed, shown in GOOD:
        status, text = configure(typed)
        assert status == 0 and "%" not in text, (typed, status, text)
        assert probe_line(a.running_config()) == shown, (typed, a.running_config())
        # the shown line is accepted as is and shows the same
        status, text = configure(shown)
        assert status == 0 and "%" not in text, (shown, status, text)
        assert probe_line(a.running_config()) == shown

    configure(GOOD[0][0])
    before = a.running_config()
    for bad in BAD:
        status, text = configure(bad)
        assert status != 0, "accepted: %r (%s)" % (bad, text)
        assert text.strip().startswith("%"), "no error text for %r: %r" % (bad, text)
        assert a.running_config() == before, "%r changed the configuration" % bad

    # through the extended vtysh too, when it is built
    if os.access(T.VTYSH, os.X_OK):
        res = t.node.vtysh("configure terminal", "anycast", "health dns",
                           "probe dns 198.51.100.1 query a..b")
        out = (res.stdout + res.stderr).strip()
        assert res.returncode != 0 and out.startswith("%"), (res.returncode, out)
        res = t.node.vtysh("show running-config")
        assert "probe dns %s query %s" % (T.SERVICE_ADDR, ZONE_NAME) in res.stdout, res.stdout

    # still probing with the unchanged configuration
    srv.set_mode("nxdomain")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
