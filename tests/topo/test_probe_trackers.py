"""FRR-native trackers (interface, route) fed by zebra: event-driven, so a
change is seen at the BGP peer well before the (long) probe interval.
Real zebra/staticd/bgpd/anycastd in the node namespace, gobgpd at the peer
(see conftest.py)."""

import time

import pytest

import topolib as T
from conftest import netns_vrf_topo, xfail_zebra_dies_on_vrf_delete

cfg = T.configure
anycast_block = T.running_anycast_block
health = T.health_json

# a probe interval far longer than any wait below: only zebra's events
# can make the prefix move in time
LONG = 10000
FAST = 5  # seconds allowed for an event-driven change to reach the peer

# outside topolib's STATIC_V4 (198.51.100.128/25) and SERVICE_ADDR
TRACK_V4 = "198.51.100.100/32"
COVER_V4 = "198.51.100.96/27"


def tracker(name, probe, interval=LONG):
    return ["health %s" % name, probe, "interval %d" % interval, "rise 1",
            "fall 1", "exit"]


def announce(a, name, pfx=T.ANYCAST_V4):
    return ["prefix %s" % pfx, "track %s" % name, "exit"]


def ns_run(t, *argv):
    return T.run(list(argv), ns=t.node.ns)


def rejected(a, *lines):
    """Each line fails in the health context; running config unchanged."""
    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health bad")
        for line in lines:
            status, text = v.cmd(line)
            assert status != 0 or "%" in text, "%r accepted: %s" % (line, text)
        v.ok("end")
    after = a.running_config()
    # `health bad` itself may be created empty; no probe line may appear
    for line in lines:
        assert line not in after
    return before, after


@pytest.fixture
def veth(engine):
    t, a, flags = engine
    ns_run(t, "ip", "link", "add", "tst0", "type", "veth", "peer", "name",
           "tst1")
    ns_run(t, "ip", "addr", "add", "192.0.2.9/29", "dev", "tst0")
    ns_run(t, "ip", "link", "set", "tst1", "up")
    ns_run(t, "ip", "link", "set", "tst0", "up")
    return t, a


# ---------------------------------------------------------------- interface


def test_interface_down_up_event_driven(veth):
    t, a = veth
    cfg(a, "anycast", *tracker("ifc", "probe interface tst0"),
        *announce(a, "ifc"), "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a, "ifc")["state"] == "up"

    t0 = time.monotonic()
    ns_run(t, "ip", "link", "set", "tst0", "down")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert time.monotonic() - t0 < LONG / 1000.0

    ns_run(t, "ip", "link", "set", "tst0", "up")
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)

    # carrier loss (the veth peer goes down) counts as down too
    ns_run(t, "ip", "link", "set", "tst1", "down")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    ns_run(t, "ip", "link", "set", "tst1", "up")
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)

    # the interface goes away, then comes back
    ns_run(t, "ip", "link", "del", "tst0")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    ns_run(t, "ip", "link", "add", "tst0", "type", "veth", "peer", "name",
           "tst1")
    ns_run(t, "ip", "link", "set", "tst1", "up")
    ns_run(t, "ip", "link", "set", "tst0", "up")
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    assert a.alive()


def test_definitive_events_act_at_once(veth):
    """Issue 17: an interface down or a route lost is the target's state,
    not one sample: the object goes down on the event whatever `fall` says
    (here 3, with an interval far longer than the waits: before, the object
    only went `falling` and stayed announced for two more intervals).
    Recovery still takes `rise` successes; `delay down` still holds."""
    t, a = veth

    def fall3(name, probe):
        return ["health %s" % name, probe, "interval %d" % LONG, "rise 1",
                "fall 3", "exit"]
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    cfg(a, "anycast", *fall3("ifc", "probe interface tst0"),
        *fall3("rt", "probe route %s" % TRACK_V4),
        *announce(a, "ifc"), *announce(a, "rt", T.ANYCAST_V6), "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    t.wait_peer(T.ANYCAST_V6, timeout=10)

    ns_run(t, "ip", "link", "set", "tst0", "down")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    st = health(a, "ifc")
    assert st["state"] == "down" and st["lastError"] == "tst0 is down", st
    ns_run(t, "ip", "link", "set", "tst0", "up")
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)

    staticd(t, "no ip route %s %s" % (COVER_V4, T.PEER_V4))
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=FAST)
    assert health(a, "rt")["state"] == "down"

    # delay down holds the definitive failure too
    cfg(a, "anycast", "health ifc", "delay down 3000", "exit", "exit")
    ns_run(t, "ip", "link", "set", "tst0", "down")
    T.wait_for(lambda: health(a, "ifc")["state"] == "falling", FAST)
    assert t.peer_has(T.ANYCAST_V4)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert health(a, "ifc")["state"] == "down"


def test_interface_address(veth):
    t, a = veth
    cfg(a, "anycast",
        *tracker("ifa", "probe interface tst0 address 192.0.2.9/29"),
        *announce(a, "ifa"), "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)

    ns_run(t, "ip", "addr", "del", "192.0.2.9/29", "dev", "tst0")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    # same address, other length: not "exactly that prefix"
    ns_run(t, "ip", "addr", "add", "192.0.2.9/30", "dev", "tst0")
    time.sleep(1.5)
    assert not t.peer_has(T.ANYCAST_V4)
    # (libfrr keeps one entry per address: replace, don't stack lengths)
    ns_run(t, "ip", "addr", "del", "192.0.2.9/30", "dev", "tst0")
    ns_run(t, "ip", "addr", "add", "192.0.2.9/29", "dev", "tst0")
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)

    # IPv6, and the round trip of the configuration
    ns_run(t, "ip", "-6", "addr", "add", "2001:db8:7::9/64", "dev", "tst0",
           "nodad")
    cfg(a, "anycast", "health ifa",
        "probe interface tst0 address 2001:db8:7::9/64", "exit", "exit")
    running = a.running_config()
    assert "  probe interface tst0 address 2001:db8:7::9/64\n" in running
    T.wait_for(lambda: health(a, "ifa")["state"] == "up", FAST)
    ns_run(t, "ip", "-6", "addr", "del", "2001:db8:7::9/64", "dev", "tst0")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)


def test_interface_config_round_trip_and_rejects(engine):
    t, a, _ = engine
    cfg(a, "anycast", *tracker("ifc", "probe interface to-peer"),
        *tracker("ifa",
                 "probe interface to-peer address 192.0.2.1/30"), "exit")
    block = anycast_block(a.running_config())
    assert "  probe interface to-peer\n" in block
    assert "  probe interface to-peer address 192.0.2.1/30\n" in block
    T.wait_for(lambda: health(a, "ifc")["state"] == "up", FAST)
    T.wait_for(lambda: health(a, "ifa")["state"] == "up", FAST)
    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health ifc")
        for line in ("probe interface waytoolonginterfacename",
                     "probe interface to-peer address 192.0.2.1",
                     "probe interface to-peer address nonsense",
                     "probe interface"):
            status, text = v.cmd(line)
            assert status != 0, "%r accepted: %s" % (line, text)
        v.ok("end")
    assert a.running_config() == before


# -------------------------------------------------------------------- route


def staticd(t, *lines):
    with t.node.static_vty() as v:
        v.ok("configure terminal")
        for line in lines:
            v.ok(line)
        v.ok("end")


def zebra_nht(t):
    return t.node.daemon("zebra").show("show ip nht")


def test_route_resolves_event_driven(engine):
    t, a, _ = engine
    cfg(a, "anycast", *tracker("rt", "probe route %s" % TRACK_V4),
        *announce(a, "rt"), "exit")
    T.wait_for(lambda: health(a, "rt")["state"] == "down", FAST,
               desc="unresolved route tracker down")
    assert not t.peer_has(T.ANYCAST_V4)
    assert TRACK_V4.split("/")[0] in zebra_nht(t)

    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    staticd(t, "no ip route %s %s" % (COVER_V4, T.PEER_V4))
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    # the default route does not count
    staticd(t, "ip route 0.0.0.0/0 %s" % T.PEER_V4)
    time.sleep(1.5)
    assert not t.peer_has(T.ANYCAST_V4)
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)


def test_route_unregistered_when_unused(engine):
    t, a, _ = engine
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    cfg(a, "anycast", *tracker("rt", "probe route %s" % TRACK_V4), "exit")
    T.wait_for(lambda: health(a, "rt")["state"] == "up", FAST)
    addr = TRACK_V4.split("/")[0]
    assert addr in zebra_nht(t)
    # another prefix: the old registration goes at once, the new one comes
    other = "198.51.100.77/32"
    cfg(a, "anycast", "health rt", "probe route %s" % other, "exit", "exit")
    T.wait_for(lambda: "198.51.100.77" in zebra_nht(t), FAST)
    T.wait_for(lambda: addr not in zebra_nht(t), 1, 0.05,
               desc="old nexthop registration dropped")
    cfg(a, "anycast", "no health rt", "exit")
    T.wait_for(lambda: "198.51.100.77" not in zebra_nht(t), 1, 0.05,
               desc="nexthop registration dropped")


def test_route_event_kicks_only_its_objects(engine):
    """Issue 15: an NHT change about one tracked route ran every route
    object at once, so an unrelated object's rise/fall moved with another
    prefix's flaps.  Now only the target's own objects run early."""
    t, a, _ = engine
    other = "198.51.100.77/32"
    cfg(a, "anycast", *tracker("rt", "probe route %s" % TRACK_V4),
        *tracker("ro", "probe route %s" % other), "exit")
    T.wait_for(lambda: health(a, "rt")["runs"] and health(a, "ro")["runs"],
               FAST, desc="first runs")
    before = health(a, "ro")["runs"]
    t0 = time.monotonic()
    for _ in range(5):
        staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
        T.wait_for(lambda: health(a, "rt")["state"] == "up", FAST)
        staticd(t, "no ip route %s %s" % (COVER_V4, T.PEER_V4))
        T.wait_for(lambda: health(a, "rt")["state"] == "down", FAST)
    took = time.monotonic() - t0
    runs = health(a, "ro")["runs"] - before
    # its own schedule allows one run per LONG interval
    allowed = int(took * 1000 // LONG) + 1
    assert runs <= allowed, "ro ran %d times in %.1f s (own schedule: %d)" % (
        runs, took, allowed)
    assert health(a, "ro")["state"] == "down"


def test_route_tracker_and_guard_share_a_registration(engine):
    """zebra keeps one nexthop registration per client and prefix: the
    last-site guard of the anycast prefix, switched off, unregistered it
    under a route tracker of the same prefix, which then heard nothing
    more.  Registrations are counted now: each user's going leaves the
    other's, the last one's removes it."""
    t, a, _ = engine
    pfx = T.ANYCAST_V4
    addr = pfx.split("/")[0]
    cfg(a, "anycast", *tracker("rt", "probe route %s" % pfx),
        "prefix %s" % pfx, "last-site-guard", "exit", "exit")
    T.wait_for(lambda: addr in zebra_nht(t), FAST, desc="registered")
    cfg(a, "anycast", "prefix %s" % pfx, "no last-site-guard", "exit", "exit")
    time.sleep(1)
    assert addr in zebra_nht(t), "the guard took the tracker's registration"
    cfg(a, "anycast", "prefix %s" % pfx, "last-site-guard", "exit",
        "no health rt", "exit")
    time.sleep(1)
    assert addr in zebra_nht(t), "the tracker took the guard's registration"
    cfg(a, "anycast", "prefix %s" % pfx, "no last-site-guard", "exit", "exit")
    T.wait_for(lambda: addr not in zebra_nht(t), FAST,
               desc="unregistered when the last user went")


def test_route_config_round_trip_and_rejects(engine):
    t, a, _ = engine
    cfg(a, "anycast", *tracker("r4", "probe route 198.51.100.200/32"),
        *tracker("r6", "probe route 2001:db8:5::/64 vrf default"),
        *tracker("rm", "probe route 198.51.100.200/24"), "exit")
    block = anycast_block(a.running_config())
    assert "  probe route 198.51.100.200/32\n" in block
    assert "  probe route 2001:db8:5::/64\n" in block
    assert "  probe route 198.51.100.0/24\n" in block
    # IPv6: covered by staticd's 2001:db8:5::/48 blackhole
    T.wait_for(lambda: health(a, "r6")["state"] == "up", FAST)
    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health r4")
        for line in ("probe route 198.51.100.200/32 vrf " + "v" * 37,
                     "probe route 198.51.100.200",
                     "probe route 198.51.100.300/32",
                     "probe route"):
            status, text = v.cmd(line)
            assert status != 0, "%r accepted: %s" % (line, text)
        v.ok("end")
    assert a.running_config() == before


def test_lowered_rise_counts_the_results_made(engine):
    """vtysh commits each line: an object typed in line by line counted its
    first result under the default rise 3 and stayed rising a whole
    interval after `rise 1` came (the CI run saw it).  A new rise applies to
    the successes already counted."""
    t, a, _ = engine
    cfg(a, "anycast", "health lr", "probe route 2001:db8:5::/64",
        "interval %d" % LONG, "rise 3", "fall 3", "exit", "exit")
    T.wait_for(lambda: health(a, "lr")["state"] == "rising", FAST)
    # zebra may answer twice (two successes): lower rise to what is counted
    ok = health(a, "lr")["consecutiveOk"]
    assert 1 <= ok < 3, health(a, "lr")
    cfg(a, "anycast", "health lr", "rise %d" % ok, "exit", "exit")
    T.wait_for(lambda: health(a, "lr")["state"] == "up", FAST)


# Linux VRF devices need CONFIG_NET_VRF, which test kernels often lack (this
# machine's does); zebra's other VRF backend, one network namespace per VRF
# (topolib.vrf_netns_args), needs nothing but namespaces and exercises the same zapi
# VRF messages anycastd follows.
def make_route_vrf(t, vrf):
    """The VRF namespace, linked to the node by a veth pair whose VRF end
    has 192.0.2.18/29: a connected route covering 192.0.2.17."""
    T.run(["ip", "netns", "add", vrf])
    T.run(["ip", "link", "add", "bl0", "netns", t.node.ns, "type", "veth",
           "peer", "name", "bl1", "netns", vrf])
    T.run(["ip", "addr", "add", "192.0.2.18/29", "dev", "bl1"], ns=vrf)
    T.run(["ip", "link", "set", "bl1", "up"], ns=vrf)
    ns_run(t, "ip", "link", "set", "bl0", "up")


def route_vrf_trackers(t, a, vrf):
    """rv: 192.0.2.17/32 in vrf, announcing; rd: the same in the default
    VRF.  The VRF does not exist yet."""
    cfg(a, "anycast", *tracker("rv", "probe route 192.0.2.17/32 vrf " + vrf),
        *tracker("rd", "probe route 192.0.2.17/32"),
        *announce(a, "rv"), "exit")
    T.wait_for(lambda: "vrf %s is not known to zebra" % vrf in
               str(health(a, "rv")), FAST)


@netns_vrf_topo
def test_route_in_vrf(topo, engine, blue_vrf):
    """`probe route … vrf NAME` resolves in that VRF's table only; a VRF
    that does not exist yet fails the probe until zebra reports it."""
    t, a, _ = engine
    vrf = blue_vrf
    route_vrf_trackers(t, a, vrf)
    assert "  probe route 192.0.2.17/32 vrf %s\n" % vrf in \
        anycast_block(a.running_config())
    assert health(a, "rv")["state"] == "down"
    # the VRF appears with a connected route covering the target
    make_route_vrf(t, vrf)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    assert health(a, "rv")["state"] == "up"
    # the same prefix in the default VRF does not resolve
    assert health(a, "rd")["state"] == "down", health(a, "rd")

    # the route goes in the VRF: withdrawn, event-driven
    T.run(["ip", "link", "set", "bl1", "down"], ns=vrf)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert "192.0.2.17/32 is not resolved" in str(health(a, "rv"))
    T.run(["ip", "link", "set", "bl1", "up"], ns=vrf)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    assert a.alive()


@xfail_zebra_dies_on_vrf_delete
@netns_vrf_topo
def test_route_vrf_deleted_and_made_again(topo, engine, blue_vrf):
    """A deleted, then re-created VRF (a new id) is followed both times."""
    t, a, _ = engine
    vrf = blue_vrf
    route_vrf_trackers(t, a, vrf)
    zebra = t.node.daemon("zebra")
    make_route_vrf(t, vrf)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    T.run(["ip", "netns", "del", vrf])
    try:
        t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
        T.wait_for(lambda: "vrf %s is not known to zebra" % vrf in
                   str(health(a, "rv")), FAST)
    finally:
        zebra.assert_alive("when the VRF was deleted")
    make_route_vrf(t, vrf)
    try:
        t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    finally:
        zebra.assert_alive("after the VRF was made again")
    assert a.alive()


def test_route_registered_again_after_zebra_restart(engine):
    """After a zebra kill -9 the tracker registers again with the new zebra
    and follows it both ways.  The covering route is added only after the
    restart: FRR 10.3's zebra can keep the kernel's copy of a route the old
    zebra installed (doc/frr-findings.md), which would stand for staticd's
    route after staticd removed it."""
    t, a, _ = engine
    cfg(a, "anycast", *tracker("rt", "probe route %s" % TRACK_V4), "exit")
    addr = TRACK_V4.split("/")[0]
    # followed in the first zebra: up with the covering route, down without
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    T.wait_for(lambda: health(a, "rt")["state"] == "up", FAST)
    staticd(t, "no ip route %s %s" % (COVER_V4, T.PEER_V4))
    T.wait_for(lambda: health(a, "rt")["state"] == "down", FAST)

    zebra = t.node.daemon("zebra")
    zebra.kill9()
    zebra.start()
    # (a new, empty zebra: anycastd may have registered again already)
    # anycastd retries zebra every 250 ms (libfrr alone: 10 s)
    T.wait_for(lambda: addr in zebra_nht(t), 40, 0.2,
               desc="nexthop registered again in the new zebra")
    assert health(a, "rt")["state"] == "down"
    # staticd connects again on its own time (libfrr: 10 s on 8.4)
    T.wait_for(lambda: "Client: static" in zebra.show("show zebra client"),
               20, 0.2, desc="staticd connected to the new zebra")
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    T.wait_for(lambda: health(a, "rt")["state"] == "up", FAST,
               desc="up with the covering route (new zebra)")
    staticd(t, "no ip route %s %s" % (COVER_V4, T.PEER_V4))
    T.wait_for(lambda: health(a, "rt")["state"] == "down", FAST,
               desc="down after the covering route went (new zebra)")
    assert a.alive()


def holds_while_zebra_is_away(t, a, name, seconds):
    """kill -9 zebra; for `seconds` the object stays up, its runs without
    result; zebra started again at the end"""
    zebra = t.node.daemon("zebra")
    zebra.kill9()
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            h = health(a, name)
            assert h["state"] == "up", "went %s while zebra was away: %s" % (
                h["state"], h["lastError"])
            time.sleep(0.1)
        assert health(a, name)["noResult"] > 0
    finally:
        zebra.start()


def test_route_tracker_holds_while_zebra_is_away(engine):
    """Issue 15: while zebra was away a route tracker failed ("not
    connected to zebra") and went down, so its prefix was withdrawn for
    `rise` polls after zebra was back.  zebra away says nothing about the
    route: those runs have no result, the last state holds."""
    t, a, _ = engine
    staticd(t, "ip route %s %s" % (COVER_V4, T.PEER_V4))
    cfg(a, "anycast", *tracker("rt", "probe route %s" % TRACK_V4, interval=100),
        "exit")
    T.wait_for(lambda: health(a, "rt")["state"] == "up", FAST)
    # 15 intervals with fall 1
    holds_while_zebra_is_away(t, a, "rt", 1.5)
    T.wait_for(lambda: TRACK_V4.split("/")[0] in zebra_nht(t), 40, 0.2,
               desc="registered again in the new zebra")


def test_trackers_through_vtysh(engine):
    from conftest import require_vtysh
    require_vtysh()
    t, a, _ = engine
    r = t.node.vtysh("configure terminal", "anycast", "health v1",
                     "probe interface to-peer address 192.0.2.1/30", "exit",
                     "health v2", "probe route %s" % TRACK_V4)
    assert r.returncode == 0, r.stdout + r.stderr
    block = anycast_block(a.running_config())
    assert "  probe interface to-peer address 192.0.2.1/30\n" in block
    assert "  probe route %s\n" % TRACK_V4 in block


def test_interface_event_kicks_only_its_objects(veth):
    """Flapping tst0 re-runs the object on tst0 at every event; the object
    on tst2 runs only on its own interval (issue 15: every interface event
    used to re-run every interface object, advancing its rise/fall)."""
    t, a = veth
    ns_run(t, "ip", "link", "add", "tst2", "type", "veth", "peer", "name",
           "tst3")
    ns_run(t, "ip", "link", "set", "tst3", "up")
    ns_run(t, "ip", "link", "set", "tst2", "up")
    cfg(a, "anycast", *tracker("ifa", "probe interface tst0"),
        *tracker("ifb", "probe interface tst2"), "exit")
    T.wait_for(lambda: health(a, "ifa")["state"] == "up"
               and health(a, "ifb")["state"] == "up", 10)
    b0 = health(a, "ifb")
    t0 = time.monotonic()
    for _ in range(4):
        n = health(a, "ifa")["runs"]
        ns_run(t, "ip", "link", "set", "tst0", "down")
        T.wait_for(lambda: health(a, "ifa")["state"] == "down", FAST)
        ns_run(t, "ip", "link", "set", "tst0", "up")
        T.wait_for(lambda: health(a, "ifa")["state"] == "up", FAST)
        assert health(a, "ifa")["runs"] >= n + 2
    took = time.monotonic() - t0
    b1 = health(a, "ifb")
    # at most the runs its interval allows in that time (+1: one may fall
    # due right then)
    allowed = int(took * 1000 / LONG) + 1
    assert b1["runs"] - b0["runs"] <= allowed, (b0["runs"], b1["runs"], took)
    assert b1["state"] == "up" and b1["transitions"] == b0["transitions"]
