"""The benchmark's figures.  Each takes the run options and returns a dict:
{"title", "series": {label: [ms, ...]}, "notes": [...], "load": [...], ...}.
A figure raises BenchError when the benchmark itself breaks (a daemon did
not start, the observer never saw a change); slow numbers never raise."""

import json
import os
import random
import signal
import time

import benchlib as B
from benchlib import T, BenchError, log
from topo import (BenchTopo, EXA_PREFIX, STATIC_BENCH_V4, TCPCHECK, DNS_NAME)

V4 = T.ANYCAST_V4


def _health(a, name):
    return T.health_json(a, name)


def _wait_state(a, name, state, timeout=15):
    return T.wait_for(lambda: _health(a, name)["state"] == state and _health(a, name),
                      timeout, 0.01, "health %s %s" % (name, state))


def _tcp_block(interval, prefixes=(V4,), timeout=None):
    return T.anycast_block(interval=interval, timeout=timeout or min(interval, 500),
                           rise=1, fall=1, prefixes=prefixes)


class Fig:
    def __init__(self, key, title):
        self.r = {"key": key, "title": title, "series": {}, "notes": [],
                  "load": [B.loadavg()], "extra": {}}

    def add(self, label, v):
        self.r["series"].setdefault(label, []).append(v)

    def done(self):
        self.r["load"].append(B.loadavg())
        return self.r


# --------------------------------------------------------------------------
# 1. pipeline overhead: anycastd's transition -> the observer; stock FRR path


def fig1(opts):
    f = Fig("fig1", "Pipeline overhead: state change to BGP message at the observer")
    bt = BenchTopo()
    try:
        t = bt.t
        sn = B.SniffMonitor(t)
        t.service.start()
        a = bt.anycastd(_tcp_block(100))
        sn.wait(V4, False, 0, 30)
        for i in range(opts.trials):
            time.sleep(random.uniform(0, 0.1))
            m, mm = sn.mark(), bt.mon4.mark()
            t.service.stop()
            rx = sn.wait(V4, True, m)
            h = _health(a, "web")
            if h["state"] != "down":
                raise BenchError("withdrawn but health is %s" % h["state"])
            f.add("anycastd withdraw", (rx - h["lastChangeUs"] / 1e6) * 1000)
            f.add("anycastd withdraw (gobgp monitor)",
                  (bt.mon4.wait(V4, True, mm) - h["lastChangeUs"] / 1e6) * 1000)
            m, mm = sn.mark(), bt.mon4.mark()
            t.service.start()
            rx = sn.wait(V4, False, m)
            h = _health(a, "web")
            f.add("anycastd announce", (rx - h["lastChangeUs"] / 1e6) * 1000)
            f.add("anycastd announce (gobgp monitor)",
                  (bt.mon4.wait(V4, False, mm) - h["lastChangeUs"] / 1e6) * 1000)
        # the stock FRR path: a static route through staticd's vty socket
        st = t.node.daemon("staticd")
        with st.vty() as v:
            v.ok("configure terminal")
            for i in range(opts.trials):
                time.sleep(random.uniform(0.05, 0.15))
                m = sn.mark()
                t0 = time.time()
                v.ok("ip route %s blackhole" % STATIC_BENCH_V4)
                f.add("staticd announce", (sn.wait(STATIC_BENCH_V4, False, m) - t0) * 1000)
                time.sleep(random.uniform(0.05, 0.15))
                m = sn.mark()
                t0 = time.time()
                v.ok("no ip route %s blackhole" % STATIC_BENCH_V4)
                f.add("staticd withdraw", (sn.wait(STATIC_BENCH_V4, True, m) - t0) * 1000)
        f.r["notes"].append(
            "anycastd: from its transition timestamp (lastChangeUs, taken right after the "
            "probe result crossed fall/rise) to the UPDATE on the observer's link; "
            "staticd: from sending `[no] ip route` on staticd's vty socket (what vtysh "
            "does, without vtysh's process start) to the UPDATE on the observer's link.")
    finally:
        bt.teardown()
    return f.done()


# --------------------------------------------------------------------------
# 2. ExaBGP's healthcheck with the same settings, side by side


def _last_before(starts, ts):
    best = None
    for s in starts:
        if s <= ts:
            best = s
    return best


def fig2(opts):
    f = Fig("fig2", "Same settings as ExaBGP healthcheck: interval 1 s, rise 1, fall 1")
    bt = BenchTopo()
    try:
        t = bt.t
        sn = B.SniffMonitor(t)
        t.service.start()
        checks = os.path.join(t.basedir, "exabgp-checks.log")
        bt.start_exabgp("TCPCHECK_LOG=%s %s %s %d"
                        % (checks, TCPCHECK, T.SERVICE_ADDR, T.SERVICE_PORT), interval=1)
        a = bt.anycastd(_tcp_block(1000, timeout=1000))
        sn.wait(V4, False, 0, 30)
        sn.wait(EXA_PREFIX, False, 0, 30)
        for i in range(opts.trials):
            # a random phase against both schedules
            time.sleep(random.uniform(0.2, 1.2))
            m = sn.mark()
            t0 = time.time()
            t.service.stop()
            rx_a = sn.wait(V4, True, m)
            rx_e = sn.wait(EXA_PREFIX, True, m)
            h = _health(a, "web")
            f.add("anycastd withdraw", (rx_a - t0) * 1000)
            f.add("ExaBGP withdraw", (rx_e - t0) * 1000)
            f.add("anycastd withdraw above floor",
                  (rx_a - h["lastChangeProbeStartUs"] / 1e6) * 1000)
            with open(checks) as fh:
                starts = [float(x.replace(",", ".")) for x in fh.read().split()]
            s = _last_before(starts, rx_e)
            f.add("ExaBGP withdraw above floor", (rx_e - s) * 1000)
            time.sleep(random.uniform(0.2, 1.2))
            m = sn.mark()
            t0 = time.time()
            t.service.start()
            rx_a = sn.wait(V4, False, m)
            rx_e = sn.wait(EXA_PREFIX, False, m)
            h = _health(a, "web")
            f.add("anycastd announce", (rx_a - t0) * 1000)
            f.add("ExaBGP announce", (rx_e - t0) * 1000)
            f.add("anycastd announce above floor",
                  (rx_a - h["lastChangeProbeStartUs"] / 1e6) * 1000)
            with open(checks) as fh:
                starts = [float(x.replace(",", ".")) for x in fh.read().split()]
            f.add("ExaBGP announce above floor", (rx_e - _last_before(starts, rx_e)) * 1000)
        f.r["notes"].append(
            "Both tools watch the same service at the same time; one kill -9 (or restart) "
            "of the service is one trial for each.  Times from the kill / the restart "
            "returning (service listening) to the UPDATE on the observer's link.  "
            "'above floor': from the start of the probe that saw the change (anycastd: "
            "lastChangeProbeStartUs; ExaBGP: the check command's own start time, logged "
            "by bench/lib/tcpcheck) to the UPDATE.")
    finally:
        bt.teardown()
    return f.done()


# --------------------------------------------------------------------------
# 4. event-driven detection


def fig4(opts):
    f = Fig("fig4", "Event-driven detection: kill -9 / interface down to withdraw")
    bt = BenchTopo()
    try:
        t = bt.t
        sn = B.SniffMonitor(t)
        T.run(["ip", "link", "add", "svc0", "type", "veth", "peer", "name", "svc1"],
              ns=t.node_ns)
        T.run(["ip", "link", "set", "svc1", "up"], ns=t.node_ns)
        T.run(["ip", "link", "set", "svc0", "up"], ns=t.node_ns)
        t.service.start()
        half = ("203.0.113.0/25", "203.0.113.128/25")
        block = "\n".join([
            "anycast",
            " health proc", "  probe process pidfile %s" % t.service.ready,
            "  interval 1000", "  rise 1", "  fall 1", " exit",
            " health ifc", "  probe interface svc0",
            "  interval 1000", "  rise 1", "  fall 1", " exit",
            " prefix %s" % half[0], "  track proc", " exit",
            " prefix %s" % half[1], "  track ifc", " exit",
            "exit", ""])
        a = bt.anycastd(block)
        sn.wait(half[0], False, 0, 30)
        sn.wait(half[1], False, 0, 30)
        for i in range(opts.trials):
            time.sleep(random.uniform(0.05, 0.3))
            m = sn.mark()
            t0 = time.time()
            t.service.proc.signal(signal.SIGKILL)
            f.add("process probe: kill -9 to withdraw",
                  (sn.wait(half[0], True, m) - t0) * 1000)
            t.service.stop()  # reap, remove the pid file
            m = sn.mark()
            t.service.start()
            sn.wait(half[0], False, m)
            time.sleep(random.uniform(0.05, 0.3))
            m = sn.mark()
            T.run(["ip", "link", "set", "svc0", "down"], ns=t.node_ns)
            t1 = time.time()
            f.add("interface probe: link down to withdraw",
                  (sn.wait(half[1], True, m) - t1) * 1000)
            m = sn.mark()
            T.run(["ip", "link", "set", "svc0", "up"], ns=t.node_ns)
            sn.wait(half[1], False, m)
        _ = a
        f.r["notes"].append(
            "interval 1000 ms, so a withdraw well under 1 s comes from the event path "
            "(pidfd readable / zebra interface update), not from polling.  Process: from "
            "just before kill(2); interface: from `ip link set svc0 down` returning (the "
            "kernel has applied it) to the UPDATE on the observer's link.")
    finally:
        bt.teardown()
    return f.done()


# --------------------------------------------------------------------------
# 5. cost and scale


def _scale_block(n, dns_every=0, base_port=9000, nports=100, interval=1000):
    lines = ["anycast"]
    for i in range(n):
        lines.append(" health t%05d" % i)
        if dns_every and i % dns_every == 0:
            lines.append("  probe dns %s query %s expect-answer %s"
                         % (T.SERVICE_ADDR, DNS_NAME, T.SERVICE_ADDR))
        else:
            lines.append("  probe tcp %s port %d" % (T.SERVICE_ADDR, base_port + i % nports))
        lines += ["  interval %d" % interval, "  timeout 500", " exit"]
    lines += ["exit", ""]
    return "\n".join(lines)


def _health_totals(a):
    hs = a.show_json("show anycast health json")
    runs = sum(h["runs"] for h in hs.values())
    ok = sum(h["successes"] for h in hs.values())
    return len(hs), runs, ok


def _sched_delta(s0, s1):
    b0 = dict((i, c) for i, c in s0["buckets"])
    buckets = []
    for i, c in s1["buckets"]:
        d = c - b0.get(i, 0)
        if d:
            buckets.append((i, d))
    n = sum(c for _, c in buckets)
    width = s1["bucketUs"] / 1000.0

    def q(frac):
        want = max(1, int(frac * n + 0.5))
        seen = 0
        for i, c in buckets:
            seen += c
            if seen >= want:
                return (i + 1) * width
        return float("nan")

    return {"starts": n, "p50": q(0.5), "p90": q(0.9), "p99": q(0.99),
            "max": (buckets[-1][0] + 1) * width if buckets else float("nan")}


def scale_run(bt, n, window, dns_every=0, interval=1000):
    """anycastd with n objects; returns the measured dict."""
    t = bt.t
    cfg = _scale_block(n, dns_every, interval=interval)
    a = bt.anycastd(cfg)
    try:
        T.wait_for(lambda: _health_totals(a)[0] == n, 120, 0.5, "%d health objects" % n)
        time.sleep(3)  # every object has started its schedule
        pid = a.proc.pid
        _, r0, ok0 = _health_totals(a)
        s0 = a.show_json("show anycast schedule json")
        c0 = B.cpu_seconds(pid)
        w0 = time.monotonic()
        time.sleep(window)
        c1 = B.cpu_seconds(pid)
        w1 = time.monotonic()
        s1 = a.show_json("show anycast schedule json")
        _, r1, ok1 = _health_totals(a)
        rss = B.rss_kb(pid)
    finally:
        a.stop()
        del t.node.daemons["anycastd"]
    runs = r1 - r0
    cpu = c1 - c0
    res = {"objects": n, "dns_every": dns_every, "window_s": w1 - w0, "probes": runs,
           "ok_fraction": (ok1 - ok0) / runs if runs else 0.0,
           "cpu_s": cpu, "core_fraction": cpu / (w1 - w0),
           "cpu_s_per_1000": cpu / runs * 1000 if runs else float("nan"),
           "rss_kb": rss, "jitter_ms": _sched_delta(s0, s1)}
    if runs < 0.5 * n * window * 1000 / interval:
        raise BenchError("only %d probe runs for %d objects in %.0f s" % (runs, n, window))
    return res


def exabgp_check_cost(bt, window, interval=0.1):
    """CPU per check of ExaBGP's healthcheck (python process + the forked
    check, + the exabgp daemon that receives its announcements)."""
    t = bt.t
    checks = os.path.join(t.basedir, "cost-checks.log")
    exa = bt.start_exabgp("TCPCHECK_LOG=%s %s %s %d"
                          % (checks, TCPCHECK, T.SERVICE_ADDR, T.SERVICE_PORT),
                          interval=interval)
    time.sleep(2)

    def tree_cpu():
        return sum(B.cpu_seconds(p, children=True) for p in B.descendants(exa.pid))

    def nchecks():
        with open(checks) as fh:
            return len(fh.read().split())

    c0, n0, w0 = tree_cpu(), nchecks(), time.monotonic()
    time.sleep(window)
    c1, n1, w1 = tree_cpu(), nchecks(), time.monotonic()
    n = n1 - n0
    if n < 5:
        raise BenchError("ExaBGP's healthcheck ran only %d checks" % n)
    return {"checks": n, "cpu_s": c1 - c0, "window_s": w1 - w0,
            "cpu_ms_per_check": (c1 - c0) / n * 1000, "interval_s": interval}


def fig5(opts):
    f = Fig("fig5", "Cost and scale at 1 s interval")
    bt = BenchTopo()
    rows = []
    try:
        t = bt.t
        t.service.start()
        bt.start_listeners(100, 9000)
        bt.start_dnsmasq()
        for n, dns in opts.scale:
            log("fig5: %d objects%s" % (n, " (1 in %d DNS)" % dns if dns else ""))
            rows.append(scale_run(bt, n, opts.window, dns_every=dns))
            log("fig5: %s" % json.dumps(rows[-1]))
        exa = exabgp_check_cost(bt, opts.window)
        log("fig5: ExaBGP %s" % json.dumps(exa))
    finally:
        bt.teardown()
    f.r["rows"] = rows
    f.r["exabgp"] = exa
    f.r["notes"].append(
        "TCP objects against 100 local accept-and-close listeners (one Python epoll "
        "process), DNS objects against dnsmasq, all on 198.51.100.1 in the node "
        "namespace.  CPU = utime+stime of anycastd over the window (/proc), jitter = "
        "how late each probe run started against its timer (`show anycast schedule "
        "json`, 0.1 ms buckets).  ExaBGP: healthcheck at 0.1 s interval, CPU of "
        "exabgp + healthcheck + the reaped check processes per check.")
    return f.done()


def fig3(opts):
    raise BenchError("figure 3 not written yet")


def fig6(opts):
    raise BenchError("figure 6 not written yet")
