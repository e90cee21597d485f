"""The benchmark's figures.  Each takes the run options and returns a dict:
{"title", "series": {label: [ms, ...]}, "notes": [...], "load": [...], ...}.
A figure raises BenchError when the benchmark itself breaks (a daemon did
not start, the observer never saw a change); slow numbers never raise."""

import ipaddress
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
        # (mgmtd's on FRR 10.x, which hands it to staticd)
        with t.node.static_vty() as v:
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
            "of the service is one trial for each.  Times from the kill / from starting "
            "the restart (the service is a Python listener: its start-up, ~0.1-0.3 s "
            "here, is in the announce times of both) to the UPDATE on the observer's "
            "link.  "
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
            # default interval, rise and fall (1000 ms, 3, 3): a definitive
            # event takes the object down on the event (issue 17)
            " health proc", "  probe process pidfile %s" % t.service.ready,
            " exit",
            " health ifc", "  probe interface svc0", " exit",
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
            "default settings (interval 1000 ms, rise 3, fall 3), so a withdraw well under "
            "1 s comes from the event path "
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
        lines += ["  interval %d" % interval, "  timeout %d" % min(500, interval), " exit"]
    lines += ["exit", ""]
    return "\n".join(lines)


def push_config(daemon, text):
    """Configure the way `vtysh -b` (integrated config, frr-reload) does:
    all lines in one XFRR_start_configuration .. XFRR_end_configuration
    transaction, `exit` lines included (as `show running-config` writes
    them).  Returns the seconds it took."""
    t0 = time.monotonic()
    with daemon.vty(timeout=600) as v:
        v.ok("configure terminal")
        v.ok("XFRR_start_configuration")
        for ln in text.splitlines():
            if ln.strip() and ln.strip() != "!":
                status, out = v.cmd(ln)
                if status != 0 or "%" in out:
                    raise BenchError("config line %r: %s" % (ln, out))
        status, out = v.cmd("XFRR_end_configuration")
        if status != 0 or "%" in out:
            raise BenchError("configuration transaction failed: %s" % out)
        v.ok("end")
    return time.monotonic() - t0


def _health_totals(a):
    with a.vty(timeout=300) as v:
        hs = v.json("show anycast health json")
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
    a = bt.anycastd("")
    try:
        t_load = push_config(a, _scale_block(n, dns_every, interval=interval))
        if _health_totals(a)[0] != n:
            raise BenchError("anycastd has %d health objects, wanted %d"
                             % (_health_totals(a)[0], n))
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
        # before the show of every object below: its output is a
        # transient of a few MB (anycastd trims it a second later)
        rss = B.rss_kb(pid)
        _, r1, ok1 = _health_totals(a)
    finally:
        a.stop()
        del t.node.daemons["anycastd"]
    runs = r1 - r0
    cpu = c1 - c0
    jitter = _sched_delta(s0, s1)
    # probes per CPU second: the runs started between the two schedule
    # reads, which are next to the CPU reads (`show anycast health json`
    # of 10,000 objects takes a while: its counts span a longer time)
    starts = jitter["starts"]
    res = {"objects": n, "dns_every": dns_every, "load_s": t_load, "window_s": w1 - w0,
           "probes": starts,
           "ok_fraction": (ok1 - ok0) / runs if runs else 0.0,
           "cpu_s": cpu, "core_fraction": cpu / (w1 - w0),
           "cpu_s_per_1000": cpu / starts * 1000 if starts else float("nan"),
           "rss_kb": rss, "jitter_ms": jitter}
    if starts < 0.5 * n * window * 1000 / interval:
        raise BenchError("only %d probe runs for %d objects in %.0f s" % (starts, n, window))
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
        # the daemon; the healthcheck processes with their reaped checks
        kids = [p for p in B.descendants(exa.pid) if p != exa.pid]
        return (B.cpu_seconds(exa.pid),
                sum(B.cpu_seconds(p, children=True) for p in kids))

    def nchecks():
        with open(checks) as fh:
            return len(fh.read().split())

    (d0, h0), n0, w0 = tree_cpu(), nchecks(), time.monotonic()
    time.sleep(window)
    (d1, h1), n1, w1 = tree_cpu(), nchecks(), time.monotonic()
    n = n1 - n0
    if n < 5:
        raise BenchError("ExaBGP's healthcheck ran only %d checks" % n)
    return {"checks": n, "cpu_s": h1 - h0, "daemon_cpu_s": d1 - d0, "window_s": w1 - w0,
            "cpu_ms_per_check": (h1 - h0) / n * 1000,
            "daemon_ms_per_check": (d1 - d0) / n * 1000, "interval_s": interval}


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
        "json`, 0.1 ms buckets; 100.1 = over 100 ms).  ExaBGP: healthcheck at 0.1 s "
        "interval, CPU of exabgp-healthcheck + its reaped check processes per check "
        "(the exabgp daemon's own CPU, reported in results.json, left out).")
    return f.done()


# --------------------------------------------------------------------------
# 3. the same CPU budget


def fig3(opts, nsvc=1000, budget=0.25, k=10):
    """Cost per check of each tool -> the shortest interval at which 1,000
    services fit in 25 % of one core -> failover at that interval.  Scaled
    down for ExaBGP: k healthcheck processes run (not 1,000), each at the
    derived interval; anycastd runs all 1,000 objects."""
    f = Fig("fig3", "Same CPU budget: 1,000 services in 25 % of one core each")
    bt = BenchTopo()
    try:
        bt.t.service.start()
        bt.start_listeners(100, 9000)
        ra = scale_run(bt, nsvc, opts.window)
        ea = exabgp_check_cost(bt, opts.window)
    finally:
        bt.teardown()
    ca = ra["cpu_s"] / ra["probes"]
    ce = ea["cpu_ms_per_check"] / 1000
    ia = max(0.01, nsvc * ca / budget)
    ie = nsvc * ce / budget
    ia_ms = int(-(-ia * 1000 // 10) * 10)  # up to 10 ms steps
    ie_s = round(max(ie, 1.0), 1)
    f.r["extra"].update({"anycastd_cpu_ms_per_check": ca * 1000,
                         "exabgp_cpu_ms_per_check": ce * 1000,
                         "anycastd_interval_ms": ia_ms, "exabgp_interval_s": ie_s})
    log("fig3: anycastd %.4f ms/check -> %d ms; ExaBGP %.2f ms/check -> %.1f s"
        % (ca * 1000, ia_ms, ce * 1000, ie_s))
    bt = BenchTopo()
    try:
        t = bt.t
        sn = B.SniffMonitor(t)
        bt.start_listeners(100, 9000)
        svcs = []
        for i in range(k):
            d = os.path.join(t.basedir, "svc%d" % i)
            T.make_frr_dir(d)
            s = T.Service(t, t.node_ns, d, port=8100 + i)
            s.start()
            svcs.append(s)
        exa_pfx = ["198.51.100.%d/30" % (64 + 4 * i) for i in range(k)]
        acd_pfx = ["203.0.113.%d/28" % (16 * i) for i in range(k)]
        run_exa = ie_s <= opts.exa_cap
        if run_exa:
            bt.start_exabgp(None, interval=ie_s, checks=[
                ("%s %s %d" % (TCPCHECK, T.SERVICE_ADDR, 8100 + i), exa_pfx[i])
                for i in range(k)])
        else:
            exa_pfx = []
        lines = _scale_block(nsvc - k, interval=ia_ms).splitlines()[:-2]
        for i in range(k):
            lines += [" health w%d" % i, "  probe tcp %s port %d" % (T.SERVICE_ADDR, 8100 + i),
                      "  interval %d" % ia_ms, "  timeout %d" % min(ia_ms, 500),
                      "  rise 1", "  fall 1", " exit",
                      " prefix %s" % acd_pfx[i], "  track w%d" % i, " exit"]
        lines.append("exit")
        a = bt.anycastd("")
        push_config(a, "\n".join(lines))
        sn.wait_count(acd_pfx + exa_pfx, False, 0, 120 + 3 * ie_s)
        rounds = -(-opts.trials // k)
        for r in range(rounds):
            time.sleep(random.uniform(0, ie_s if run_exa else ia_ms / 1000.0))
            m = sn.mark()
            t0 = []
            for s in svcs:
                t0.append(time.time())
                s.proc.signal(signal.SIGKILL)
            for s in svcs:
                s.stop()  # reap
            for i, p in enumerate(acd_pfx):
                f.add("anycastd @ %d ms" % ia_ms, (sn.wait(p, True, m, 30) - t0[i]) * 1000)
            for i, p in enumerate(exa_pfx):
                f.add("ExaBGP @ %.1f s" % ie_s,
                      (sn.wait(p, True, m, 10 + 3 * ie_s) - t0[i]) * 1000)
            for s in svcs:
                s.start()
            sn.wait_count(acd_pfx + exa_pfx, False, m, 30 + 3 * ie_s)
        f.r["plots"] = [("fig3", f.r["title"], list(f.r["series"]), True)]
        sa = B.summary(f.r["series"]["anycastd @ %d ms" % ia_ms])
        if run_exa:
            se = B.summary(f.r["series"]["ExaBGP @ %.1f s" % ie_s])
        else:
            # not run: the phase of a 1-in-fall=1 poll alone, uniform in
            # [0, interval): p50 >= interval / 2, p99 >= 0.99 interval
            se = {"p50": ie_s * 500, "p99": ie_s * 990}
            f.r["notes"].append(
                "ExaBGP was not run at its derived interval of %.1f s (longer than %g s: "
                "%d trials would take hours).  Its row shows the floor set by the "
                "poll's phase alone (uniform in [0, interval)): p50 >= interval/2, "
                "p99 >= 0.99 x interval, i.e. lower bounds." % (ie_s, opts.exa_cap,
                                                                  opts.trials))
        f.r["table"] = [
            "| | CPU per check | shortest interval for 1,000 in 25 % | failover p50 | "
            "failover p99 |", "|---|---:|---:|---:|---:|",
            "| anycastd | %.4f ms | %d ms | %.0f ms | %.0f ms |"
            % (ca * 1000, ia_ms, sa["p50"], sa["p99"]),
            "| ExaBGP healthcheck | %.2f ms | %.1f s | %s%.0f ms | %s%.0f ms |"
            % (ce * 1000, ie_s, "" if run_exa else ">= ", se["p50"],
               "" if run_exa else ">= ", se["p99"]),
            "| ratio ExaBGP / anycastd | %.0f x | | %.0f x | %.0f x |"
            % (ce / ca, se["p50"] / sa["p50"], se["p99"] / sa["p99"])]
        f.r["notes"].append(
            "CPU per check measured here (anycastd: %d TCP objects at 1 s; ExaBGP: "
            "exabgp-healthcheck and its forked check at 0.1 s, without the exabgp "
            "daemon's own %.2f ms per check).  Failover: %d services killed at once, each "
            "watched by both tools (rise 1, fall 1); anycastd runs all %d objects at its "
            "interval, ExaBGP runs only the %d watched healthchecks (1,000 Python "
            "processes do not fit this machine's memory), so its CPU budget is honoured "
            "by construction, not by measurement.  From the kill to the withdraw on the "
            "observer's link." % (nsvc, ea["daemon_ms_per_check"], k, nsvc, k))
    finally:
        bt.teardown()
    return f.done()


# --------------------------------------------------------------------------
# 6. convergence at scale


def fig6(opts, n=1000):
    f = Fig("fig6", "Convergence at scale: %d prefixes flipped at once" % n)
    bt = BenchTopo()
    try:
        t = bt.t
        sn = B.SniffMonitor(t)
        flag = os.path.join(t.basedir, "up.flag")
        T.touch(flag)
        pfx = [str(ipaddress.ip_network("2001:db8:100:%x::/64" % i)) for i in range(n)]
        lines = ["anycast", " health many", "  probe file %s present" % flag,
                 "  interval 100", "  rise 1", "  fall 1", " exit"]
        for p in pfx:
            lines += [" prefix %s" % p, "  track many", " exit"]
        lines += ["exit"]
        a = bt.anycastd("")
        f.r["extra"]["config_push_s"] = push_config(a, "\n".join(lines))
        sn.wait_count(pfx, False, 0, 300)
        for i in range(opts.scale_trials):
            time.sleep(random.uniform(0.5, 1.0))
            m = sn.mark()
            T.rm(flag)
            last = sn.wait_count(pfx, True, m, 120)
            h = _health(a, "many")
            c = h["lastChangeUs"] / 1e6
            first = min(e["_rx"] for e in sn.events[m:] if e["withdrawal"])
            f.add("all %d withdrawn" % n, (last - c) * 1000)
            f.add("first withdraw", (first - c) * 1000)
            time.sleep(random.uniform(0.5, 1.0))
            m = sn.mark()
            T.touch(flag)
            last = sn.wait_count(pfx, False, m, 120)
            h = _health(a, "many")
            c = h["lastChangeUs"] / 1e6
            first = min(e["_rx"] for e in sn.events[m:] if not e["withdrawal"])
            f.add("all %d announced" % n, (last - c) * 1000)
            f.add("first announce", (first - c) * 1000)
        f.r["notes"].append(
            "%d IPv6 /64s (2001:db8:100:N::/64) tracking one file-probe health object; "
            "from the object's transition (lastChangeUs) to the last (and first) of the "
            "%d prefixes' UPDATEs on the observer's link.  Configuration pushed in one "
            "transaction (as vtysh -b does) in %.1f s."
            % (n, n, f.r["extra"]["config_push_s"]))
    finally:
        bt.teardown()
    return f.done()
