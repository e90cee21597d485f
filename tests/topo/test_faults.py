"""Faults (issue 7, section 1): misbehaving probe targets and the probe
concurrency limit.

The targets are lib/faultsrv.py, one process in the node namespace
listening on several ports of 198.51.100.1, each port misbehaving in its
own way (hang, reset, trickle, garbage, floods, huge bodies and headers,
spoofed and malformed DNS answers); exec probes ignore SIGTERM, fork and
print megabytes.  The real zebra/bgpd/gobgpd topology of conftest.py runs
around anycastd; the healthy object `web` (tcp 198.51.100.1:8080) is
tracked by the anycast prefixes, so the peer sees whether a storm ever
made anycastd withdraw a healthy service."""

import json
import os
import re
import signal
import statistics
import subprocess
import time

import pytest

import topolib as T

cfg = T.configure
health = T.health_json

FAULTSRV = os.path.join(os.path.dirname(__file__), "lib", "faultsrv.py")
ADDR = T.SERVICE_ADDR


class FaultServer:
    """lib/faultsrv.py in the node namespace, killed by PID at teardown."""

    def __init__(self, t, specs, name="faultsrv", nice=10):
        self.t = t
        self.nice = nice
        self.specs = specs  # [(mode, port)]
        self.dir = os.path.join(t.basedir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.ready = os.path.join(self.dir, "ready")
        self.statusfile = os.path.join(self.dir, "status.json")
        self.proc = None

    def start(self):
        # misbehaving targets stand for remote hosts, not for load on the
        # daemon's CPUs: niced
        argv = (["ip", "netns", "exec", self.t.node_ns, "nice", "-n", str(self.nice), T.PYTHON,
                 FAULTSRV, ADDR, self.ready, self.statusfile]
                + ["%s:%d" % (m, p) for m, p in self.specs])
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=open(os.path.join(self.dir, "stderr"), "w"))
        self.proc = T.Proc("faultsrv", p.pid, popen=p)
        self.t.register(self.proc)
        T.wait_for(lambda: os.path.exists(self.ready) or not self.proc.alive(), 10,
                   desc="faultsrv listening")
        assert self.proc.alive(), open(os.path.join(self.dir, "stderr")).read()
        return self

    def status(self):
        with open(self.statusfile) as f:
            return json.load(f)


def start_anycastd(t, lines):
    """anycastd with the base config (health web, the two prefixes) plus
    `lines` in the anycast node (before the base objects), the service up,
    the prefixes announced at the peer."""
    base = T.anycast_block()
    assert base.startswith("anycast\n")
    block = "anycast\n" + "".join(" %s\n" % ln for ln in lines) + base[len("anycast\n"):]
    t.service.start()
    a = t.node.daemon("anycastd")
    a.set_conf(T.anycastd_conf(t.node.dir, block))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    return a


def health_obj(name, probe, interval, timeout, rise=1, fall=1):
    return ["health %s" % name, " %s" % probe, " interval %d" % interval,
            " timeout %d" % timeout, " rise %d" % rise, " fall %d" % fall, "exit"]


def anycastd_sockets_to(t, pid, ports):
    """anycastd's TCP sockets (any state) to the given remote ports."""
    out = T.run(["ss", "-Htnp", "state", "all"], ns=t.node_ns).stdout
    n = 0
    for ln in out.splitlines():
        if "pid=%d," % pid not in ln:
            continue
        cols = ln.split()
        # State Recv-Q Send-Q Local:Port Peer:Port Process
        if len(cols) >= 5 and cols[4].rsplit(":", 1)[-1] in ports:
            n += 1
    return n




def ns_processes(t, argv0):
    """pids of processes in the node namespace whose argv[0] is argv0."""
    inode = T.netns_inode(t.node_ns)
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and argv[0] == argv0.encode() and T.proc_netns(int(d)) == inode:
            out.append(int(d))
    return out




# --------------------------------------------------------------------------
# probe-limit: 10 hanging targets, limit 2


HANG_PORTS = list(range(9201, 9211))


def test_probe_limit_bounds_sockets(anycast_topo, measure):
    t = anycast_topo
    srv = FaultServer(t, [("hang", p) for p in HANG_PORTS]).start()
    lines = ["probe-limit tcp 2"]
    for i, port in enumerate(HANG_PORTS):
        lines += health_obj("hang%d" % i, "probe tcp %s port %d send PING expect PONG"
                            % (ADDR, port), interval=500, timeout=400, fall=2)
    a = start_anycastd(t, lines)
    pid = a.proc.pid
    ports = {str(p) for p in HANG_PORTS}

    # the limit is configuration: running config, and what the CLI refuses
    assert " probe-limit tcp 2\n" in T.running_anycast_block(a.running_config())
    for bad in ("probe-limit tcp 0", "probe-limit udp 2", "probe-limit tcp 100001",
                "probe-limit file 3"):
        status, text = T.vty_config(a, "anycast", bad)
        assert status != 0, (bad, text)
    assert " probe-limit tcp 2\n" in T.running_anycast_block(a.running_config())

    # 4 s of sampling: never more than 2 sockets to the hanging targets;
    # the healthy object (tcp, the same kind) keeps the prefix announced
    socks, waiting, actives = [], [], []
    deadline = time.monotonic() + 4
    with a.vty() as v:
        while time.monotonic() < deadline:
            socks.append(anycastd_sockets_to(t, pid, ports))
            lim = v.json("show anycast probe-limit json")["tcp"]
            actives.append(lim["active"])
            waiting.append(lim["waiting"])
            time.sleep(0.02)
    measure("probe-limit tcp 2: max sockets to 10 hanging targets", max(socks))
    assert max(socks) <= 2, socks
    assert max(socks) == 2, "the limit was never used: %s" % socks
    assert max(actives) <= 2 and max(waiting) > 0, (actives, waiting)
    assert t.peer_has(T.ANYCAST_V4)

    lim = a.show_json("show anycast probe-limit json")["tcp"]
    assert lim["limit"] == 2 and lim["peak"] == 2, lim
    assert lim["deferred"] > 0, lim
    # every hanging target got its turns (first come, first served) and is
    # judged down by its own timeouts, not by the limit
    for i in range(len(HANG_PORTS)):
        h = health(a, "hang%d" % i)
        assert h["runs"] >= 1, h
        assert h["deferred"] >= 1 or h["runs"] >= 2, h
    T.wait_for(lambda: all(health(a, "hang%d" % i)["state"] == "down"
                           for i in range(len(HANG_PORTS))), 15, 0.2,
               "every hanging target down")
    for i in range(len(HANG_PORTS)):
        h = health(a, "hang%d" % i)
        assert h["lastError"].startswith("timeout after"), h
        assert h["failures"] == h["timeouts"], h
    # the healthy tcp object waited for slots too, but was never failed
    web = health(a, "web")
    assert web["deferred"] > 0, web
    assert web["state"] == "up" and web["failures"] == 0, web
    assert sum(s["accepted"] for s in srv.status().values()) > len(HANG_PORTS)
    # reported: one rate-limited log line, the counter in show
    log = open(os.path.join(t.node.dir, "anycastd.log")).read()
    assert len(re.findall(r"probe-limit tcp 2 reached", log)) == 1, log[-2000:]
    text = a.show("show anycast probe-limit")
    assert re.search(r"^tcp\s+2\s+[0-2]\s+2\s+\d+\s+[1-9]\d*\s+\d+\s+\d+$", text, re.M), text
    assert re.search(r"^http\s+none\s", text, re.M), text
    metrics = a.show("show anycast metrics")
    assert 'anycastd_probe_limit{kind="tcp"} 2\n' in metrics, metrics
    m = re.search(r'^anycastd_probe_runs_deferred_total\{kind="tcp"\} (\d+)$', metrics, re.M)
    assert m and int(m.group(1)) > 0, metrics

    # objects leave the queue by any door: deleted, or another probe kind
    # (while waiting or holding a slot); the slots stay consistent
    cfg(a, "anycast", "no health hang8", "health hang9",
        " probe file /nonexistent present", "exit", "exit")
    T.wait_for(lambda: anycastd_sockets_to(t, pid, ports) == 2, 5, 0.02,
               "the 2 slots in use again")
    lim = a.show_json("show anycast probe-limit json")["tcp"]
    assert lim["active"] <= 2 and lim["waiting"] <= 7, lim
    assert health(a, "hang9")["probe"] == "file"

    # the extended vtysh knows the commands
    if os.access(T.VTYSH, os.X_OK):
        res = t.node.vtysh("configure terminal", "anycast", "probe-limit exec 3")
        assert res.returncode == 0 and "%" not in res.stdout + res.stderr, res
        res = t.node.vtysh("show anycast probe-limit json")
        assert json.loads(res.stdout)["exec"]["limit"] == 3, res.stdout
        block = T.running_anycast_block(a.running_config())
        # one line per kind; their order is libyang's (2: as configured,
        # 3: sorted by key), not a meaning
        lines = block.splitlines()
        assert lines.count(" probe-limit tcp 2") == 1, block
        assert lines.count(" probe-limit exec 3") == 1, block

    # no limit any more: the waiting runs start, up to one per object
    cfg(a, "anycast", "no probe-limit tcp", "exit")
    assert "probe-limit tcp" not in T.running_anycast_block(a.running_config())
    T.wait_for(lambda: anycastd_sockets_to(t, pid, ports) > 2, 5, 0.02,
               "more than 2 runs in flight without the limit")
    assert a.show_json("show anycast probe-limit json")["tcp"]["waiting"] == 0
    assert health(a, "web")["failures"] == 0
    assert a.alive()


# --------------------------------------------------------------------------
# the storm: every kind of misbehaving target at once


# (object name, faultsrv mode or None, probe line, expected lastError)
def storm_objects():
    send = "send GET\\r\\n expect PONG"
    http = "probe http http://%s:%%d/" % ADDR
    dns = "probe dns %s port %%d query ok.example" % ADDR
    return [
        ("tcp-hang", "hang", "probe tcp %s port %%d %s" % (ADDR, send), r"^timeout after"),
        ("tcp-reset", "reset", "probe tcp %s port %%d %s" % (ADDR, send),
         r"reset by peer|reply ended without"),
        ("tcp-trickle", "trickle", "probe tcp %s port %%d %s" % (ADDR, send),
         r"^timeout after"),
        ("tcp-garbage", "garbage", "probe tcp %s port %%d %s" % (ADDR, send),
         r"^reply ended without the expected string"),
        ("tcp-flood", "flood", "probe tcp %s port %%d %s" % (ADDR, send),
         r"^reply too long without the expected string \(4096 bytes: \"AAAA"),
        ("http-hang", "hang", http,
         # libcurl's own limit may come first on a late event loop
         r"^timeout after|timed out after"),
        ("http-reset", "reset", http, r"reset by peer|Empty reply|Couldn.t connect"),
        ("http-trickle", "trickle", http,
         # libcurl's own limit may come first on a late event loop
         r"^timeout after|timed out after"),
        ("http-garbage", "garbage", http,
         r"HTTP/0\.9|Weird server reply|Unsupported HTTP|Invalid"),
        ("http-hugebody", "hugebody", http + " expect-body needle",
         r"body .*needle"),
        ("http-hugeheaders", "hugeheaders", http, r"[Hh]eader|^timeout after"),
        ("dns-wrongid", "dns-wrongid", dns, r"^timeout after"),
        ("dns-wrongq", "dns-wrongq", dns, r"^timeout after"),
        ("dns-malformed", "dns-malformed", dns, r"^malformed response"),
        ("dns-garbage", "dns-garbage", dns, r"^timeout after|^malformed response"),
        ("exec-noterm", None, "probe exec trap '' TERM; sleep 30 shell", r"^timeout after"),
        ("exec-forks", None,
         "probe exec for i in 1 2 3 4 5 6 7 8; do sleep 30 & done; wait shell",
         r"^timeout after"),
        ("exec-chatty", None,
         "probe exec echo CHATTY; head -c 2000000 /dev/zero; exit 3 shell",
         # (a starved machine may not drain 2 MB in time)
         r"^exit 3: CHATTY$|^timeout after"),
    ]


HEALTHY = {
    # name: (faultsrv mode or None, probe line)
    "ok-http": ("http-ok", "probe http http://%s:%%d/ expect-body alive" % ADDR),
    "ok-dns": ("dns-ok", "probe dns %s port %%d query ok.example" % ADDR),
    "ok-exec": (None, "probe exec /bin/true"),
}
HEALTHY_INTERVAL = 200
REPLICAS = 2  # objects per misbehaving target


def test_fault_storm_daemon_responsive(anycast_topo, measure):
    t = anycast_topo
    specs, lines, expect = [], [], {}
    port = 9300
    for name, mode, probe, err in storm_objects():
        if mode:
            port += 1
            specs.append((mode, port))
        for r in range(REPLICAS):
            obj = "%s-%d" % (name, r)
            lines += health_obj(obj, probe % port if mode else probe,
                                interval=500, timeout=400)
            expect[obj] = err
    good = []
    for name, (mode, probe) in HEALTHY.items():
        if mode:
            port += 1
            good.append((mode, port))
        lines += health_obj(name, probe % port if mode else probe,
                            interval=HEALTHY_INTERVAL, timeout=150)
    FaultServer(t, specs).start()
    FaultServer(t, good, name="goodsrv", nice=0).start()
    load_before = os.getloadavg()[0]
    a = start_anycastd(t, [])  # healthy first: announced before the storm
    pid = a.proc.pid
    fds_before = T.fd_count(pid)
    healthy = ["web"] + list(HEALTHY)
    cfg(a, "anycast", *lines, "exit")
    T.wait_for(lambda: all(health(a, n)["state"] == "up" for n in HEALTHY), 10, 0.1,
               "healthy objects up")

    # the storm: vty latency and the healthy objects' schedules
    lat = []
    runs0 = {n: health(a, n)["runs"] for n in healthy}
    t0 = time.monotonic()
    peer_ok = []
    with a.vty() as v:
        while time.monotonic() - t0 < 8:
            s = time.monotonic()
            v.json("show anycast health json")
            lat.append(time.monotonic() - s)
            if len(lat) % 10 == 0:
                peer_ok.append(t.peer_has(T.ANYCAST_V4))
            time.sleep(0.05)
        s = time.monotonic()
        out = v.json("show anycast health json")
        lat.append(time.monotonic() - s)
    took = time.monotonic() - t0
    measure("storm: vty 'show anycast health json' max (%d samples, %d objects)"
            % (len(lat), len(out)), max(lat), 0.1)
    measure("storm: vty 'show anycast health json' median", statistics.median(lat))
    threads = a.show(T.SHOW_EVENT_CPU)

    late = []  # healthy objects that did not keep their schedule
    for n in healthy:
        h = out[n]
        interval = (HEALTHY_INTERVAL if n != "web" else 200) / 1000.0
        expected = took / interval
        got = h["runs"] - runs0[n]
        print("storm: %s %d runs in %.1f s, %.0f expected" % (n, got, took, expected))
        assert got <= expected + 2, (n, got, expected)
        if got < 0.8 * expected:
            late.append((n, got, round(expected)))
        if h["failures"]:
            late.append((n, h["lastError"]))
    if not all(peer_ok):
        late.append(("the peer lost %s" % T.ANYCAST_V4, peer_ok))

    # every misbehaving target judged down, with a reason that says why
    T.wait_for(lambda: all(health(a, o)["state"] == "down" for o in expect), 10, 0.2,
               "every misbehaving target down")
    for obj, err in expect.items():
        h = health(a, obj)
        assert h["successes"] == 0, h
        assert re.search(err, h["lastError"]), (obj, h["lastError"], err)
    assert a.alive()

    # the bad objects removed: no child, no sleep left behind, fds back
    cfg(a, "anycast", *["no health %s" % o for o in expect], "exit")
    T.wait_for(lambda: not T.children(pid), 2, 0.05, "anycastd's children reaped")
    T.wait_for(lambda: not ns_processes(t, "sleep"), 2, 0.05, "exec probes' sleeps killed")
    T.wait_for(lambda: T.fd_count(pid) <= fds_before + 2, 3, 0.05,
               "anycastd's fds back to %d (now %d)" % (fds_before, T.fd_count(pid)))
    assert a.alive()

    # the timing bounds last (issue 7: vty within 100 ms, schedules kept,
    # healthy objects never failed by their timeouts):
    # on a machine already overloaded by other work before the storm (more
    # runnable tasks than CPUs), the daemon's share of the CPUs, not the
    # daemon, decides them
    timely = max(lat) < 0.1 and not late
    slow = ("vty answered in %.1f ms at worst; healthy objects late or failed: %s; "
            "load before the storm %.1f on %d CPUs\n%s"
            % (max(lat) * 1000, late, load_before, os.cpu_count(), threads))
    if not timely and os.environ.get("ANYCASTD_SANITIZED"):
        # tools/sanitize-check: an ASan/UBSan build is several times slower;
        # the bounds are asserted in the normal run, this one looks for
        # memory errors (any report fails sanitize-check)
        print("timing bounds not asserted on the sanitizer build: " + slow)
        return
    if not timely and load_before > os.cpu_count():
        pytest.skip("timing bounds not asserted on an overloaded machine: " + slow)
    assert timely, slow


# --------------------------------------------------------------------------
# a stalled event loop: answers that came in time are not timeouts


def test_stalled_loop_answers_in_time_not_timeouts(anycast_topo, measure):
    """SIGSTOP anycastd for longer than the probes' timeout while runs are
    in flight, the targets answering 50 ms into each run: when the loop
    runs again, the expired timeouts and the answers are there together.
    The answers came in time: no run may be judged a timeout.  (Regression:
    libfrr queues expired timers before the same poll's I/O, so the
    timeout used to win.)"""
    t = anycast_topo
    specs = [("slow-pong", 9401), ("slow-http", 9402), ("dns-slow", 9403)]
    FaultServer(t, specs).start()
    objs = {
        "s-tcp": "probe tcp %s port 9401 send PING expect PONG" % ADDR,
        "s-http": "probe http http://%s:9402/ expect-body alive" % ADDR,
        "s-dns": "probe dns %s port 9403 query ok.example" % ADDR,
        "s-exec": "probe exec sleep 0.05",
    }
    lines = []
    for name, probe in objs.items():
        lines += health_obj(name, probe, interval=300, timeout=250, rise=1, fall=3)
    a = start_anycastd(t, lines)
    T.wait_for(lambda: all(health(a, n)["state"] == "up" for n in objs), 10, 0.1,
               "slow but healthy objects up")
    base = {n: health(a, n) for n in objs}
    cycles = 12
    for i in range(cycles):
        # stop at different points of the runs (they last ~50 ms of 300)
        time.sleep(0.3 + 0.023 * i)
        a.proc.signal(signal.SIGSTOP)
        time.sleep(0.4)  # > timeout 250 ms: every run in flight expires
        a.proc.signal(signal.SIGCONT)
    time.sleep(0.5)
    stalled_runs = 0
    for n in objs:
        h = health(a, n)
        assert h["timeouts"] == base[n]["timeouts"], (n, h["lastError"], base[n], h)
        assert h["failures"] == base[n]["failures"], (n, h["lastError"])
        assert h["state"] == "up", h
        stalled_runs += h["runs"] - base[n]["runs"]
    assert a.alive()
    assert t.peer_has(T.ANYCAST_V4)
    # runs were in flight at the stops (each lasts ~50 ms of its 300)
    assert stalled_runs >= cycles * len(objs) // 2, stalled_runs
