"""BGP policy integration (issue 4): per-state metric (MED) and tag
(`match tag` in bgpd's route-map → communities, AS-path prepend), update
instead of withdraw on attribute changes, drain (per prefix, all prefixes,
maintenance file, shutdown-drain).  Everything is asserted at the gobgpd
peer (attributes as received); real zebra/bgpd/anycastd in the node
namespace (see conftest.py).

The bgpd side is the reference configuration from the README:

    route-map ANYCAST permit 10
     match tag 65535
     set community graceful-shutdown
     set local-preference 0
    route-map ANYCAST permit 20
     match tag 300
     set as-path prepend 64512 64512 64512
    route-map ANYCAST permit 30
     match tag 100|200 (one entry each)
     set community 64512:100|64512:200
    route-map ANYCAST permit 100
    router bgp 64512
     address-family ipv4 unicast
      redistribute table 253 route-map ANYCAST
     address-family ipv6 unicast
      redistribute table route-map ANYCAST
"""

import os
import time

import pytest

import topolib as T

touch = T.touch
rm = T.rm

cfg = T.configure
prefix = T.prefix_json
anycast_block = T.running_anycast_block

GSHUT = 65535 << 16  # 65535:0, RFC 8326
COMM_100 = (T.NODE_AS << 16) | 100
COMM_200 = (T.NODE_AS << 16) | 200
PREFIXES = (T.ANYCAST_V4, T.ANYCAST_V6)

ROUTE_MAP = [
    "route-map ANYCAST permit 10", "match tag 65535",
    "set community graceful-shutdown", "set local-preference 0", "exit",
    "route-map ANYCAST permit 20", "match tag 300",
    "set as-path prepend %d %d %d" % ((T.NODE_AS,) * 3), "exit",
    "route-map ANYCAST permit 30", "match tag 100",
    "set community %d:100" % T.NODE_AS, "exit",
    "route-map ANYCAST permit 31", "match tag 200",
    "set community %d:200" % T.NODE_AS, "exit",
    "route-map ANYCAST permit 100", "exit",
]


@pytest.fixture
def policy(engine):
    """engine + bgpd's reference route-map on the redistribution."""
    t, a, flags = engine
    bgpd = t.node.daemon("bgpd")
    cfg(bgpd, *ROUTE_MAP, "router bgp %d" % T.NODE_AS,
        "address-family ipv4 unicast",
        "redistribute table %d route-map ANYCAST" % T.TABLE_INSTANCE,
        "exit-address-family", "address-family ipv6 unicast",
        "redistribute table route-map ANYCAST", "exit-address-family",
        "exit")
    return t, a, flags


def attrs(t, pfx):
    """{'med': int|None, 'communities': [...], 'aspath': [...]} of the
    peer's best path for pfx, or None when it has none."""
    paths = t.peer_paths(pfx)
    if not paths:
        return None
    out = {"med": None, "communities": [], "aspath": []}
    for a in paths[0].get("attrs", []):
        if a.get("type") == 4:
            out["med"] = a.get("metric")
        elif a.get("type") == 8:
            out["communities"] = a.get("communities", [])
        elif a.get("type") == 2:
            for seg in a.get("as_paths", []):
                out["aspath"] += seg.get("asns", [])
    return out


def wait_attrs(t, pfx, pred, timeout=10, desc=""):
    box = {}

    def ok():
        box["a"] = attrs(t, pfx)
        return box["a"] is not None and pred(box["a"])
    try:
        T.wait_for(ok, timeout, 0.05, desc or "%s attributes" % pfx)
    except T.WaitTimeout:
        raise AssertionError("%s at the peer: %r" % (pfx, box.get("a")))
    return box["a"]


@pytest.fixture
def monitors(policy):
    t = policy[0]
    mons = {"ipv4": T.Monitor(t, "ipv4"), "ipv6": T.Monitor(t, "ipv6")}
    time.sleep(0.5)  # the monitor's stream is open
    yield mons
    for m in mons.values():
        m.stop()


def mon(monitors, pfx):
    return monitors["ipv6" if ":" in pfx else "ipv4"]


def file_health(name, path):
    return ["health %s" % name, "probe file %s" % path, "interval 100",
            "rise 1", "fall 1", "exit"]


def two_objects(flags):
    fa, fb = os.path.join(flags, "a"), os.path.join(flags, "b")
    touch(fa)
    touch(fb)
    return fa, fb


def prefix_lines(pfx, *extra):
    return ["prefix %s" % pfx, "track a", "track b", "policy any",
            *extra, "exit"]


# --------------------------------------------------------------------------


def test_metric_and_tag_per_state_as_updates(policy, monitors):
    """up → degraded → down(advertise) → up: MED and communities/prepend
    follow the state at the peer, and each change is an update there,
    never a withdraw; then `down withdraw` withdraws.  IPv4 and IPv6."""
    t, a, flags = policy
    fa, fb = two_objects(flags)
    per_state = ["metric 10", "tag 100", "degraded advertise metric 50 tag 200",
                 "down advertise metric 500 tag 300"]
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4, *per_state),
        *prefix_lines(T.ANYCAST_V6, *per_state), "exit")
    for pfx in PREFIXES:
        got = wait_attrs(t, pfx, lambda x: x["med"] == 10 and
                         COMM_100 in x["communities"])
        assert got["aspath"] == [T.NODE_AS], got
        p = prefix(a, pfx)
        assert p["state"] == "up" and p["metric"] == 10 and p["tag"] == 100

    rm(fb)  # degraded
    for pfx in PREFIXES:
        got = wait_attrs(t, pfx, lambda x: x["med"] == 50 and
                         COMM_200 in x["communities"])
        assert COMM_100 not in got["communities"], got
        assert prefix(a, pfx)["state"] == "degraded"

    rm(fa)  # down, still advertised: prepended, MED 500, no community
    for pfx in PREFIXES:
        got = wait_attrs(t, pfx, lambda x: x["med"] == 500 and
                         len(x["aspath"]) == 4)
        assert got["aspath"] == [T.NODE_AS] * 4, got
        assert got["communities"] == [], got
        p = prefix(a, pfx)
        assert p["state"] == "down" and p["announced"], p
        assert p["route"] == "down: advertise", p

    touch(fa)
    touch(fb)
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: x["med"] == 10 and
                   x["aspath"] == [T.NODE_AS])
        m = mon(monitors, pfx)
        assert m.withdrawals(pfx) == [], m.withdrawals(pfx)
        # at least: announce, degraded, down, up again
        assert len(m.updates(pfx)) >= 4, m.updates(pfx)

    # an attribute change of the configuration is an update too
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V4, "metric 11", "exit", "exit")
    wait_attrs(t, T.ANYCAST_V4, lambda x: x["med"] == 11)
    assert mon(monitors, T.ANYCAST_V4).withdrawals(T.ANYCAST_V4) == []

    # `down withdraw`: now down withdraws
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V4, "down withdraw", "exit",
        "exit")
    rm(fa)
    rm(fb)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    # the other prefix keeps its `down advertise`
    wait_attrs(t, T.ANYCAST_V6, lambda x: x["med"] == 500)


def test_degraded_withdraw(policy):
    t, a, flags = policy
    fa, fb = two_objects(flags)
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4, "degraded withdraw"), "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    rm(fb)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    p = prefix(a, T.ANYCAST_V4)
    assert p["state"] == "degraded" and not p["announced"], p
    assert p["route"] == "degraded: withdraw"
    touch(fb)
    t.wait_peer(T.ANYCAST_V4, timeout=10)


def test_drain_sequence(policy, monitors, measure):
    """`drain`: GRACEFUL_SHUTDOWN at the peer first (an update), withdrawn
    after drain-time; `no drain` announces again without it."""
    t, a, flags = policy
    fa, fb = two_objects(flags)
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4, "tag 100", "drain-time 3"),
        *prefix_lines(T.ANYCAST_V6, "drain-time 3"), "exit")
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT not in x["communities"])

    t0 = time.monotonic()
    for pfx in PREFIXES:
        cfg(a, "anycast", "prefix %s" % pfx, "drain", "exit", "exit")
    for pfx in PREFIXES:
        got = wait_attrs(t, pfx, lambda x: GSHUT in x["communities"], 5,
                         "%s with GRACEFUL_SHUTDOWN" % pfx)
        assert COMM_100 not in got["communities"]  # the drain tag replaced it
        p = prefix(a, pfx)
        assert p["drainState"] == "draining" and p["announced"], p
        assert 1 <= p["drainRemaining"] <= 3, p
        assert p["tag"] == 65535
    gshut_at = time.monotonic() - t0
    for pfx in PREFIXES:
        t.wait_peer(pfx, present=False, timeout=10)
    withdrawn_at = time.monotonic() - t0
    measure("drain: GRACEFUL_SHUTDOWN at the peer", gshut_at)
    measure("drain: withdrawn at the peer (drain-time 3 s)", withdrawn_at)
    assert gshut_at < 2.5
    assert 2.5 <= withdrawn_at <= 6, withdrawn_at
    for pfx in PREFIXES:
        p = prefix(a, pfx)
        assert p["drainState"] == "drained" and not p["announced"], p
        assert "drainRemaining" not in p
        # GSHUT came as an update before the one withdraw
        m = mon(monitors, pfx)
        assert len(m.withdrawals(pfx)) == 1
        assert any(GSHUT in (attr.get("communities") or [])
                   for u in m.updates(pfx) for attr in u.get("attrs", []))

    for pfx in PREFIXES:
        cfg(a, "anycast", "prefix %s" % pfx, "no drain", "exit", "exit")
    for pfx in PREFIXES:
        got = wait_attrs(t, pfx, lambda x: True, 5)
        assert GSHUT not in got["communities"], got
        assert prefix(a, pfx)["drainState"] == "none"
    assert COMM_100 in attrs(t, T.ANYCAST_V4)["communities"]


def test_drain_all_and_maintenance_file(policy):
    t, a, flags = policy
    fa, fb = two_objects(flags)
    mfile = os.path.join(flags, "maintenance")
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4), *prefix_lines(T.ANYCAST_V6),
        "maintenance-file %s" % mfile, "exit")
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT not in x["communities"])

    # `drain` in the anycast node drains every prefix
    cfg(a, "anycast", "drain", "exit")
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT in x["communities"], 5)
    cfg(a, "anycast", "no drain", "exit")
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT not in x["communities"], 5)

    # the maintenance file: present → drain (within its 1 s poll), gone → end
    touch(mfile)
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT in x["communities"], 5)
        assert prefix(a, pfx)["drainState"] == "draining"
    rm(mfile)
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT not in x["communities"], 5)
        assert prefix(a, pfx)["drainState"] == "none"

    # a restart with the file present starts drained-in
    touch(mfile)
    a.set_conf(a.running_config())
    a.stop()
    a.start()
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT in x["communities"], 10)
    rm(mfile)


def test_shutdown_drain(policy, monitors, measure):
    """SIGTERM with shutdown-drain 3: every prefix drains (GSHUT at the
    peer), then anycastd withdraws and exits after 3 s -- not at once,
    not after the prefix's 60 s drain-time."""
    t, a, flags = policy
    fa, fb = two_objects(flags)
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4), *prefix_lines(T.ANYCAST_V6),
        "shutdown-drain 3", "exit")
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT not in x["communities"])
    t0 = time.monotonic()
    a.proc.signal(15)
    for pfx in PREFIXES:
        wait_attrs(t, pfx, lambda x: GSHUT in x["communities"], 3)
    assert a.alive()
    for pfx in PREFIXES:
        t.wait_peer(pfx, present=False, timeout=10)
    withdrawn = time.monotonic() - t0
    assert a.proc.wait_gone(5)
    measure("shutdown-drain 3 s: withdrawn at the peer", withdrawn)
    assert 2.5 <= withdrawn <= 6, withdrawn
    with open(a.logfile) as f:
        log = f.read()
    assert "draining 2 prefix(es) for up to 3 s" in log, log[-2000:]


def test_shutdown_drain_ends_early_and_second_signal(policy):
    """Everything drained before shutdown-drain ends → exit then; without
    anything announced → exit at once; a second signal → exit at once."""
    t, a, flags = policy
    fa, fb = two_objects(flags)
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4, "drain-time 1"), "shutdown-drain 30",
        "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    conf = a.running_config()
    t0 = time.monotonic()
    a.proc.signal(15)
    assert a.proc.wait_gone(10)
    assert time.monotonic() - t0 < 5
    assert not t.peer_has(T.ANYCAST_V4) or \
        t.wait_peer(T.ANYCAST_V4, present=False, timeout=5) is not None

    # a second SIGTERM during the drain stops at once
    assert "  drain-time 1\n" in conf
    a.set_conf(conf.replace("  drain-time 1\n", ""))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    a.proc.signal(15)
    wait_attrs(t, T.ANYCAST_V4, lambda x: GSHUT in x["communities"], 5)
    t0 = time.monotonic()
    a.proc.signal(15)
    assert a.proc.wait_gone(5)
    assert time.monotonic() - t0 < 2
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)


def test_route_policy_config_round_trip_and_rejects(policy):
    t, a, flags = policy
    fa, fb = two_objects(flags)
    lines = ["metric 10", "tag 100", "degraded advertise metric 50 tag 200",
             "down advertise tag 300", "drain-tag 7", "drain-time 120",
             "drain"]
    cfg(a, "anycast", *file_health("a", fa), *file_health("b", fb),
        *prefix_lines(T.ANYCAST_V4, *lines), "drain",
        "maintenance-file /run/anycastd-maintenance", "shutdown-drain 30",
        "exit")
    block = anycast_block(a.running_config())
    for line in lines:
        assert "  %s\n" % line in block, block
    for line in (" drain\n", " maintenance-file /run/anycastd-maintenance\n",
                 " shutdown-drain 30\n"):
        assert line in block, block

    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        for bad in ("maintenance-file relative/path", "shutdown-drain 0",
                    "shutdown-drain 3601"):
            status, text = v.cmd(bad)
            assert status != 0, "%r accepted: %s" % (bad, text)
        v.ok("prefix %s" % T.ANYCAST_V4)
        for bad in ("metric -1", "metric 4294967296", "tag 0",
                    "degraded advertise tag 0", "down advertise metric x",
                    "drain-time 86401", "drain-tag 0", "down maybe"):
            status, text = v.cmd(bad)
            assert status != 0, "%r accepted: %s" % (bad, text)
        v.ok("end")
    assert a.running_config() == before

    # back to the defaults: nothing printed
    cfg(a, "anycast", "no drain", "no maintenance-file", "no shutdown-drain",
        "prefix %s" % T.ANYCAST_V4, "no metric", "no tag", "no degraded",
        "no down", "no drain-tag", "no drain-time", "no drain", "exit",
        "exit")
    block = anycast_block(a.running_config())
    for word in ("metric", "tag", "degraded", "down", "drain",
                 "maintenance-file", "shutdown-drain"):
        assert word not in block, block
    # restart from a written config with everything set
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V4, *lines[:-1], "exit",
        "exit")
    before = anycast_block(a.running_config())
    a.set_conf(a.running_config())
    a.stop()
    a.start()
    assert anycast_block(a.running_config()) == before
