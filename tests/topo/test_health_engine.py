"""Health engine scenarios (issue 3): flap-proof state machine, policies,
`track … not`, delay up, dampening, transition history, `clear anycast
health`, config changes that keep state.  Real zebra/bgpd/gobgpd in
namespaces (see conftest.py); prefix outcomes are asserted at the peer.

Most objects here use the file probe: the test flips a flag file in its
own temp dir, which is instant and exact, so the sequences of probe results
are under the test's control."""

import os
import re
import threading
import time

import topolib as T

touch = T.touch
rm = T.rm


cfg = T.configure
anycast_block = T.running_anycast_block
health = T.health_json
prefix = T.prefix_json


def file_health(name, path, interval=100, rise=1, fall=1, extra=()):
    return (["health %s" % name, "probe file %s" % path,
             "interval %d" % interval, "rise %d" % rise,
             "fall %d" % fall] + list(extra) + ["exit"])


def flag(flags, name):
    return os.path.join(flags, name)


def test_flapping_object_ends_down(engine):
    """pass/fail alternating (never `rise` successes in a row) ends DOWN
    and the prefix is withdrawn -- ExaBGP's healthcheck would keep it."""
    t, a, flags = engine
    f = flag(flags, "svc")
    touch(f)
    cfg(a, "anycast", *file_health("svc", f, interval=100, rise=3, fall=3),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)

    stop = threading.Event()

    def flap():
        on = False
        while not stop.is_set():
            (touch if on else rm)(f)
            on = not on
            time.sleep(0.15)  # 1-2 probe results per phase, never 3

    th = threading.Thread(target=flap, daemon=True)
    th.start()
    try:
        t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
        time.sleep(2)  # keep flapping: it must not come back
        assert not t.peer_has(T.ANYCAST_V4)
        st = health(a, "svc")
        assert st["state"] in ("down", "rising"), st
        # it went down through falling, never back to up in between
        states = [(e["from"], e["to"]) for e in st["history"]]
        assert ("up", "falling") in states and ("falling", "down") in states
        assert ("falling", "up") not in states
    finally:
        stop.set()
        th.join()


def test_policy_any_degraded_then_down(engine):
    t, a, flags = engine
    fa, fb = flag(flags, "a"), flag(flags, "b")
    touch(fa)
    touch(fb)
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        "prefix %s" % T.ANYCAST_V4, "track a", "track b", "policy any",
        "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["state"] == "up", 5)

    rm(fa)
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["state"] == "degraded", 5,
               desc="degraded with one of two objects down")
    p = prefix(a, T.ANYCAST_V4)
    assert p["announced"] is True and "health a is down" in p["reason"], p
    time.sleep(0.5)
    assert t.peer_has(T.ANYCAST_V4), "degraded must stay announced"

    rm(fb)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert prefix(a, T.ANYCAST_V4)["state"] == "down"
    hist = [(e["from"], e["to"]) for e in prefix(a, T.ANYCAST_V4)["history"]]
    assert hist[:2] == [("degraded", "down"), ("up", "degraded")], hist


def test_track_not_maintenance_flag(engine):
    """`track maint not`: a maintenance file withdraws the prefix."""
    t, a, flags = engine
    fs, fm = flag(flags, "svc"), flag(flags, "maint")
    touch(fs)
    cfg(a, "anycast", *file_health("svc", fs), *file_health("maint", fm),
        "prefix %s" % T.ANYCAST_V6, "track svc", "track maint not", "exit")
    t.wait_peer(T.ANYCAST_V6, timeout=10)
    touch(fm)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    assert "tracked with not" in prefix(a, T.ANYCAST_V6)["reason"]
    rm(fm)
    t.wait_peer(T.ANYCAST_V6, timeout=10)


def test_at_least_and_weight_policies(engine):
    t, a, flags = engine
    fs = [flag(flags, n) for n in ("x", "y", "z")]
    for f in fs:
        touch(f)
    cfg(a, "anycast", *file_health("x", fs[0]), *file_health("y", fs[1]),
        *file_health("z", fs[2]),
        "prefix %s" % T.ANYCAST_V4, "track x", "track y", "track z",
        "policy at-least 2", "exit",
        "prefix %s" % T.ANYCAST_V6, "track x weight 10", "track y weight 5",
        "track z weight 5", "policy weight up 15 down 5", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    t.wait_peer(T.ANYCAST_V6, timeout=10)
    rm(fs[0])  # v4: 2 of 3 -> degraded; v6: weight 10 (between 5 and 15)
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["state"] == "degraded", 5)
    T.wait_for(lambda: prefix(a, T.ANYCAST_V6)["state"] == "degraded", 5)
    assert t.peer_has(T.ANYCAST_V4) and t.peer_has(T.ANYCAST_V6)
    rm(fs[1])  # v4: 1 of 3 -> down; v6: weight 5 <= down 5 -> down
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    touch(fs[1])  # v6: weight 10, between thresholds and was down: stays down
    T.wait_for(lambda: health(a, "y")["state"] == "up", 5)
    time.sleep(0.5)
    assert prefix(a, T.ANYCAST_V6)["state"] == "down"
    assert not t.peer_has(T.ANYCAST_V6)
    touch(fs[0])  # weight 20 >= 15: up
    t.wait_peer(T.ANYCAST_V6, timeout=10)


def test_delay_up_holds_announcement(engine):
    t, a, flags = engine
    f = flag(flags, "svc")
    cfg(a, "anycast",
        *file_health("svc", f, interval=50, rise=1, extra=["delay up 1500"]),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    T.wait_for(lambda: health(a, "svc")["state"] == "down", 5)
    touch(f)
    T.wait_for(lambda: health(a, "svc")["delayRunning"], 5,
               desc="delay up running")
    st = health(a, "svc")
    assert st["state"] == "rising", st
    assert not t.peer_has(T.ANYCAST_V4)
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    st = health(a, "svc")
    assert st["state"] == "up" and st["history"][0]["reason"] == "delay up passed", st


def test_dampening_suppresses_flapping_object(engine):
    t, a, flags = engine
    f = flag(flags, "svc")
    touch(f)
    cfg(a, "anycast",
        *file_health("svc", f, interval=50,
                     extra=["dampening half-life 2 suppress 2500 reuse 1000 max-suppress 8"]),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    for _ in range(3):  # three flaps: penalty ~3000 >= 2500
        rm(f)
        T.wait_for(lambda: health(a, "svc")["state"] == "down", 5)
        touch(f)
        T.wait_for(lambda: health(a, "svc")["state"] == "up", 5)
    st = health(a, "svc")
    assert st["suppressed"] is True and st["reuseInMs"] > 0, st
    assert "suppressed" in [e["to"] for e in st["history"]]
    # up but suppressed: withdrawn
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    assert "suppressed" in prefix(a, T.ANYCAST_V4)["reason"]
    # released when the penalty decays below reuse (2 s half-life)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert health(a, "svc")["suppressed"] is False


def test_clear_runs_probe_now_and_config_change_keeps_state(engine):
    t, a, flags = engine
    f = flag(flags, "svc")
    touch(f)
    cfg(a, "anycast", *file_health("svc", f, interval=600000, rise=1, fall=1),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    runs = health(a, "svc")["runs"]
    rm(f)
    time.sleep(0.5)
    assert health(a, "svc")["state"] == "up"  # next probe is 10 minutes away
    with a.vty() as v:
        v.ok("clear anycast health svc")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    st = health(a, "svc")
    assert st["state"] == "down" and st["runs"] == runs + 1, st

    # a change that does not touch the probe keeps state and counters
    touch(f)
    with a.vty() as v:
        v.ok("clear anycast health")
    T.wait_for(lambda: health(a, "svc")["state"] == "up", 5)
    before = health(a, "svc")
    cfg(a, "anycast", "health svc", "rise 5", "fall 4", "exit")
    after = health(a, "svc")
    assert after["state"] == "up" and after["rise"] == 5
    assert after["runs"] == before["runs"]
    assert after["transitions"] == before["transitions"]
    t.wait_peer(T.ANYCAST_V4, timeout=5)


def test_engine_config_round_trip(engine):
    t, a, flags = engine
    lines = ["anycast",
             "health svc", "probe tcp 198.51.100.1 port 8080 source 198.51.100.1 send GET\\x20/\\r\\n expect 200",
             "interval 500", "fast-interval 100", "delay up 1000 down 200",
             "dampening half-life 10 reuse 500", "exit",
             "health maint", "probe file %s absent" % flag(flags, "m"), "exit",
             "prefix %s" % T.ANYCAST_V4, "track svc weight 7",
             "track maint not", "policy weight up 7 down 3", "exit",
             "prefix %s" % T.ANYCAST_V6, "track svc", "policy at-least 1",
             "exit"]
    cfg(a, *lines)
    rc1 = a.running_config()
    block = anycast_block(rc1)
    for want in ("  fast-interval 100", "  delay up 1000 down 200",
                 "  dampening half-life 10 reuse 500",
                 "  track svc weight 7", "  track maint not",
                 "  policy weight up 7 down 3", "  policy at-least 1",
                 "send GET\\x20/\\r\\n expect 200"):
        assert want in block, (want, block)
    # a fresh daemon fed the printed block prints the same block
    a.stop()
    a.set_conf(T.anycastd_conf(t.node.dir, block=block + "\n"))
    a.start()
    rc2 = a.running_config()
    assert anycast_block(rc2) == block


def test_transition_log_and_probe_debug(engine):
    """Transitions are logged at informational level without any debug;
    each probe run only with `debug anycast probe`."""
    t, a, flags = engine
    f = flag(flags, "dbg")
    touch(f)
    cfg(a, "anycast", *file_health("dbg", f, interval=100), "exit")
    T.wait_for(lambda: health(a, "dbg")["state"] == "up", 5)

    def log():
        with open(a.logfile, errors="replace") as fh:
            return fh.read()

    # (FRR may write the log file a moment later than the state changes)
    # init -> up, or init -> rising -> up when the first run came before
    # `rise 1` was applied
    T.wait_for(lambda: re.search(r"health dbg: \w+ -> up ", log()), 10,
               0.05, "the transition's log line")
    assert "probe: dbg: file probe" not in log()
    with a.vty() as v:
        v.ok("debug anycast probe")
        text = v.ok("show debugging anycast")
        assert "anycastd probe runs is on" in text, text
        assert "health objects is on" not in text, text
    T.wait_for(lambda: "probe: dbg: file probe ok" in log(), 5)
    with a.vty() as v:
        v.ok("no debug anycast probe")
        assert "probe runs" not in v.ok("show debugging anycast")
    rm(f)
    T.wait_for(lambda: health(a, "dbg")["state"] == "down", 5)
    T.wait_for(lambda: "health dbg: up -> down" in log(), 10, 0.05,
               "the transition's log line")
    # the daemon writes in order: whatever follows the transition was
    # logged after `no debug anycast probe`
    time.sleep(0.5)  # probe runs after the transition (interval 100 ms)
    tail = log().split("health dbg: up -> down", 1)[1]
    assert "probe: dbg:" not in tail, tail


def test_debug_config_lines_and_debug_all(engine):
    """`debug anycast ...` typed in config mode is configuration (shown by
    `show running-config`), in enable mode it is not; `[no] debug all`
    reaches anycastd's flags.  FRR 8.4 leaves both to the daemon, 10.2+ to
    libfrr (anycast_frr_debug_install)."""
    t, a, _ = engine
    with a.vty() as v:
        v.ok("debug anycast health")
        assert "debug anycast health" not in v.ok("show running-config")
        v.ok("configure terminal")
        v.ok("debug anycast zebra")
        v.ok("end")
        rc = v.ok("show running-config").splitlines()
        assert "debug anycast zebra" in rc, rc
        assert "debug anycast health" not in rc, rc
        v.ok("debug all")
        text = v.ok("show debugging anycast")
        for desc in ("health objects", "probe runs", "prefixes",
                     "zebra communication", "northbound"):
            assert "anycastd %s is on" % desc in text, text
        v.ok("configure terminal")
        v.ok("no debug all")
        v.ok("end")
        v.ok("no debug all")
        assert " is on" not in v.ok("show debugging anycast")
        assert "debug anycast" not in v.ok("show running-config")


def test_change_timestamps_and_schedule_stats(engine):
    """`lastChangeUs` / `lastChangeProbeStartUs` (µs since the epoch) mark
    the last transition and the start of the probe run behind it;
    `show anycast schedule json` counts every probe start and how late it
    was (the benchmark's inputs, bench/)."""
    t, a, flags = engine
    f = flag(flags, "ts")
    touch(f)
    before = a.show_json("show anycast schedule json")
    cfg(a, "anycast", *file_health("ts", f, interval=100),
        "prefix %s" % T.ANYCAST_V4, "track ts", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    t0 = time.time()
    rm(f)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    t1 = time.time()
    st = health(a, "ts")
    assert st["state"] == "down", st
    change, start = st["lastChangeUs"] / 1e6, st["lastChangeProbeStartUs"] / 1e6
    # the failing run started after the flag went, the change came after it
    assert t0 - 0.01 <= start <= change <= t1, (t0, start, change, t1)
    # the same instant as the millisecond text field
    assert st["lastChange"].startswith(
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(change))))

    after = a.show_json("show anycast schedule json")
    # at least the first run and the failing one
    assert after["starts"] >= before["starts"] + 2, (before, after)
    assert after["starts"] == sum(c for _, c in after["buckets"])
    assert after["p50Us"] <= after["p90Us"] <= after["p99Us"]
    assert after["bucketUs"] == 100
    text = a.show("show anycast schedule")
    assert re.search(r"Probe starts: \d+, late by mean \d+ us, max \d+ us\n"
                     r"  p50 <= \d+ us, p90 <= \d+ us, p99 <= \d+ us", text), text
