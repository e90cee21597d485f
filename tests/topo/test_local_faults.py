"""A local fault is never the target's failure (issue 15, section 3).

anycastd runs with 48 file descriptors (prlimit around the daemon) and 60
health objects probe an address that never answers: their SYNs are routed
to the peer namespace, which does not forward, so every run holds its
socket until its timeout.  The healthy object `web` (tcp
198.51.100.1:8080) is tracked by the anycast prefixes, so the peer sees
whether running out of descriptors ever made anycastd withdraw a healthy
service.

Before the fix, web's socket() failed with EMFILE and counted as web's
failure: the prefix was withdrawn at the peer.  Now the default probe
budget (derived from RLIMIT_NOFILE) keeps the runs in flight below what
the descriptors allow, and a run that still finds none (a kind whose
probe-limit the administrator set above what the descriptors allow) has no
result: counted and logged, never a failure."""

import os
import re
import time

import topolib as T

NOFILE = 48
BLACKHOLE_NET = "198.51.100.64/27"  # routed to the peer: never answers
BLACKHOLE_ADDR = "198.51.100.70"
OBJECTS = 60
SAMPLE_S = 0.5


def blackhole_lines():
    lines = []
    for i in range(OBJECTS):
        lines += ["health bh%d" % i,
                  " probe tcp %s port 80" % BLACKHOLE_ADDR,
                  " interval 1000", " timeout 900", " rise 1", " fall 1",
                  "exit"]
    return lines


def sample(t, v, seconds, mon):
    """Every SAMPLE_S for `seconds`: was the prefix withdrawn at the peer
    (a withdrawal seen by the monitor since the last sample, or absent), or
    was web not up?  Returns (bad samples, samples)."""
    bad = n = 0
    deadline = time.monotonic() + seconds
    seen = len(mon.withdrawals(T.ANYCAST_V4))
    while time.monotonic() < deadline:
        time.sleep(SAMPLE_S)
        web = v.json("show anycast health web json")["web"]
        now = len(mon.withdrawals(T.ANYCAST_V4))
        withdrawn = now > seen or not t.peer_has(T.ANYCAST_V4)
        seen = now
        n += 1
        if withdrawn or web["state"] != "up":
            bad += 1
    return bad, n


def test_out_of_fds_is_no_result(anycast_topo):
    t = anycast_topo
    # the never-answering target: SYNs go to the peer, which drops them
    T.run(["ip", "route", "add", BLACKHOLE_NET, "via", T.PEER_V4], ns=t.node_ns)
    t.service.start()
    a = t.node.daemon("anycastd")
    a.wrapper = ["prlimit", "--nofile=%d:%d" % (NOFILE, NOFILE), "--"]
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    with open("/proc/%d/limits" % a.proc.pid) as f:
        assert re.search(r"^Max open files\s+%d\s+%d" % (NOFILE, NOFILE), f.read(), re.M)
    mon = T.Monitor(t, "ipv4")
    try:
        # one vty session for the whole test, opened while fds are free
        with a.vty() as v:
            v.ok("configure terminal")
            v.ok("anycast")
            for ln in blackhole_lines():
                v.ok(ln)
            v.ok("end")

            # 1. the default budget: runs wait for a slot, none fails
            bad, n = sample(t, v, 6, mon)
            print("default budget: web down or withdrawn in %d of %d samples"
                  % (bad, n))
            web = v.json("show anycast health web json")["web"]
            assert bad == 0, (bad, n, web)
            lim = v.json("show anycast probe-limit json")
            budget = lim["budget"]
            print("budget: %s" % budget)
            assert budget["nofile"] == NOFILE, budget
            assert 1 <= budget["limit"] < NOFILE // 2, budget
            assert budget["peak"] <= budget["limit"], lim
            assert lim["tcp"]["deferred"] > 0, lim
            assert web["failures"] == 0 and web["state"] == "up", web
            assert web["deferred"] > 0, web
            # the never-answering targets still fail, by their timeouts
            bh = v.json("show anycast health bh0 json")["bh0"]
            assert bh["state"] == "down" and bh["timeouts"] > 0, bh
            assert bh["lastError"].startswith("timeout after"), bh

            # 2. probe-limit tcp above what 48 fds allow: socket() fails
            # with EMFILE, and that is no result, never a failure
            v.ok("configure terminal")
            v.ok("anycast")
            v.ok("probe-limit tcp 1000")
            v.ok("end")
            bad2, n2 = sample(t, v, 6, mon)
            print("probe-limit tcp 1000: web down or withdrawn in %d of %d "
                  "samples, %d runs without a result"
                  % (bad2, n2, v.json("show anycast probe-limit json")["tcp"]["noResult"]))
            web = v.json("show anycast health web json")["web"]
            lim = v.json("show anycast probe-limit json")
            assert bad2 == 0, (bad2, n2, web)
            assert web["failures"] == 0 and web["state"] == "up", web
            assert lim["tcp"]["noResult"] > 0, lim
            metrics = v.ok("show anycast metrics")
            m = re.search(r'^anycastd_probe_runs_no_result_total\{kind="tcp"\} (\d+)$',
                          metrics, re.M)
            assert m and int(m.group(1)) > 0, metrics[-2000:]
            text = v.cmd("show anycast health web")[1]
            assert re.search(r"No result \(local faults\): \d+", text) or \
                web["noResult"] == 0, text
            # a real failure still is one: a refused port
            v.ok("configure terminal")
            v.ok("anycast")
            v.ok("no probe-limit tcp")
            v.ok("health refused")
            v.ok(" probe tcp %s port 9" % T.SERVICE_ADDR)
            v.ok(" interval 200")
            v.ok(" timeout 100")
            v.ok(" rise 1")
            v.ok(" fall 1")
            v.ok("end")
            T.wait_for(lambda: v.json("show anycast health refused json")["refused"]
                       ["failures"] > 0, 10, 0.1, "the refused target failed")
            r = v.json("show anycast health refused json")["refused"]
            assert r["state"] == "down" and "refused" in r["lastError"], r

            # 3. the budget again: the runs fit in the fds, no more faults;
            # the kind's counter is the sum of the objects'
            time.sleep(2)
            before = v.json("show anycast probe-limit json")["tcp"]["noResult"]
            time.sleep(2)
            lim = v.json("show anycast probe-limit json")
            names = ["bh%d" % i for i in range(OBJECTS)] + ["web", "refused"]
            total_nr = sum(v.json("show anycast health %s json" % h)[h]["noResult"]
                           for h in names)
            assert lim["tcp"]["noResult"] == before, (before, lim)
            assert lim["tcp"]["noResult"] == total_nr, (lim, total_nr)
            web = v.json("show anycast health web json")["web"]
            assert web["failures"] == 0 and web["state"] == "up", web
        log = open(a.logfile).read()
        assert re.search(r"no result.*Too many open files", log), log[-3000:]
    finally:
        mon.stop()
    assert a.alive()
    assert t.peer_has(T.ANYCAST_V4)


HOOK_NOFILE = 32


def test_onchange_hooks_hold_budget_slots(anycast_topo):
    """Running on-change hooks (a child and fds each) hold budget slots: with
    the budget held by hooks, health runs wait for them (no result, no
    failure) instead of starting more children and sockets."""
    t = anycast_topo
    t.service.start()
    a = t.node.daemon("anycastd")
    a.wrapper = ["prlimit", "--nofile=%d:%d" % (HOOK_NOFILE, HOOK_NOFILE), "--"]
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    with a.vty() as v:
        budget = v.json("show anycast probe-limit json")["budget"]
        n = budget["limit"]
        assert budget["nofile"] == HOOK_NOFILE and 1 <= n <= 8, budget
        assert budget["onChangeHooks"] == 0 and budget["active"] <= 1, budget
        # n objects whose first result (down) runs a 4 s hook each
        v.ok("configure terminal")
        v.ok("anycast")
        for i in range(n):
            for ln in ("health hook%d" % i, " probe file /nonexistent present",
                       " interval 60000", " rise 1", " fall 1",
                       " on-change exec /bin/sleep 4", "exit"):
                v.ok(ln)
        v.ok("end")
        T.wait_for(lambda: all(v.json("show anycast health hook%d json" % i)
                               ["hook%d" % i]["onChange"]["running"]
                               for i in range(n)), 5, 0.05, "the hooks running")
        web0 = v.json("show anycast health web json")["web"]
        time.sleep(1.5)
        budget = v.json("show anycast probe-limit json")["budget"]
        web = v.json("show anycast health web json")["web"]
        # the hooks fill the budget: web's tcp runs wait, and never fail
        assert web["runs"] - web0["runs"] <= 1, (web0, web)
        # waiting for a slot (a run due meanwhile is skipped, not deferred)
        assert web["waiting"] or web["deferred"] > web0["deferred"], (web0, web)
        assert budget["active"] >= n and budget["onChangeHooks"] == n, budget
        assert web["failures"] == 0 and web["state"] == "up", web
        # the hooks end: the slots are free again, web runs again
        T.wait_for(lambda: v.json("show anycast probe-limit json")["budget"]
                   ["onChangeHooks"] == 0, 10, 0.1, "the hooks done")
        runs = v.json("show anycast health web json")["web"]["runs"]
        T.wait_for(lambda: v.json("show anycast health web json")["web"]["runs"]
                   > runs + 3, 5, 0.1, "web running again")
        web = v.json("show anycast health web json")["web"]
        assert web["failures"] == 0 and web["state"] == "up", web
    assert t.peer_has(T.ANYCAST_V4)
