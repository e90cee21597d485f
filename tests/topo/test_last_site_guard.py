"""Last-site guard (issue 4 §3) with two sites and an upstream router.

    site A (ns -node)  AS 64512  zebra bgpd anycastd   192.0.2.1 --+
                                                                  gobgpd AS 64513 (upstream, observer)
    site B (ns -siteb) AS 64514  zebra bgpd anycastd   192.0.2.5 --+

Both sites announce 203.0.113.0/24 with `last-site-guard`.  Each bgpd has
the reference route-map for the guard tag: weight 0, local-preference 0,
AS-path prepend -- so a guarded route loses against any other site's path
(the upstream prefers the other site, and the guarded site's bgpd prefers
the other site's path and installs it in zebra, where it beats the guarded
route's floating distance).  Asserted at the upstream: which site(s) it
has a path from.
"""

import os
import time

import pytest

import topolib as T

cfg = T.configure
prefix = T.prefix_json

SITE_B_AS = 64514
SITE_B_V4 = "192.0.2.5"
UP_B_V4 = "192.0.2.6"
SITE_B_V6 = "2001:db8:2::1"
UP_B_V6 = "2001:db8:2::2"
PFX = T.ANYCAST_V4


def route_map(asn, upstream, upstream6):
    """The guard tag loses everywhere; and a site never re-announces paths
    learned from its upstream (a usual anycast-site export filter: without
    it the site sends the upstream's own path back, and gobgpd keeps the
    site's previous path instead of treating the looped one as a
    withdraw)."""
    return ["route-map ANYCAST permit 5", "match tag 65534", "set weight 0",
            "set local-preference 0",
            "set as-path prepend %d %d %d" % (asn, asn, asn), "exit",
            "route-map ANYCAST permit 100", "exit",
            "bgp as-path access-list FROM-UP seq 5 permit _%d_" % T.PEER_AS,
            "route-map TO-UP deny 10", "match as-path FROM-UP", "exit",
            "route-map TO-UP permit 20", "exit",
            "router bgp %d" % asn, "address-family ipv4 unicast",
            "neighbor %s route-map TO-UP out" % upstream,
            "exit-address-family", "address-family ipv6 unicast",
            "neighbor %s route-map TO-UP out" % upstream6,
            "exit-address-family", "exit"]


def site_block(flag):
    return ("anycast\n"
            " health svc\n"
            "  probe file %s present\n"
            "  interval 100\n  rise 1\n  fall 1\n"
            " exit\n !\n"
            " prefix %s\n  track svc\n  last-site-guard\n exit\n !\n"
            " prefix %s\n  track svc\n  last-site-guard\n exit\n !\n"
            "exit\n" % (flag, T.ANYCAST_V4, T.ANYCAST_V6))


def sources(t, pfx):
    """The sites (A, B) the upstream has a path for pfx from."""
    names = {T.NODE_V4: "A", T.NODE_V6: "A", SITE_B_V4: "B", SITE_B_V6: "B"}
    return sorted(names.get(p.get("neighbor-ip"), p.get("neighbor-ip"))
                  for p in t.peer_paths(pfx))


def wait_sources(t, want, pfxs=(T.ANYCAST_V4, T.ANYCAST_V6), timeout=20):
    box = {}
    for pfx in pfxs:
        def ok():
            box["s"] = sources(t, pfx)
            return box["s"] == sorted(want)
        try:
            T.wait_for(ok, timeout, 0.1, "paths for %s from %s" % (pfx, want))
        except T.WaitTimeout:
            raise AssertionError("upstream has %s from %s, wanted %s"
                                 % (pfx, box.get("s"), want))


def guard(a, pfx=PFX):
    return prefix(a, pfx)["guard"]


def guards(d):
    return {guard(d, p) for p in (T.ANYCAST_V4, T.ANYCAST_V6)}


@pytest.fixture
def two_sites(engine):
    t, a, flags = engine
    bgpd_a = t.node.daemon("bgpd")
    cfg(bgpd_a, *route_map(T.NODE_AS, T.PEER_V4, T.PEER_V6),
        "router bgp %d" % T.NODE_AS,
        "address-family ipv4 unicast",
        "redistribute table %d route-map ANYCAST" % T.TABLE_INSTANCE,
        "exit-address-family", "address-family ipv6 unicast",
        "redistribute table route-map ANYCAST", "exit-address-family",
        "exit")
    site_b = t.add_site("siteb", SITE_B_AS, SITE_B_V4, UP_B_V4,
                        node_v6=SITE_B_V6, peer_v6=UP_B_V6)
    cfg(site_b.daemon("bgpd"), *route_map(SITE_B_AS, UP_B_V4, UP_B_V6))
    flag_a = os.path.join(flags, "a")
    flag_b = os.path.join(flags, "b")
    for f in (flag_a, flag_b):
        open(f, "w").close()
    cfg(a, *site_block(flag_a).splitlines())
    b = t.site_anycastd(site_b, site_block(flag_b))
    b.start()
    return t, a, b, flag_a, flag_b


def test_last_site_keeps_announcing(two_sites, measure):
    """IPv4 and IPv6 prefixes side by side, asserted at the upstream."""
    t, a, b, flag_a, flag_b = two_sites
    wait_sources(t, ["A", "B"])
    assert guards(a) == {"inactive"} and guards(b) == {"inactive"}

    # A's service down: B still has it -> A's path goes, B serves
    t0 = time.monotonic()
    os.unlink(flag_a)
    wait_sources(t, ["B"])
    measure("guard: site A down, B up -> A withdrawn", time.monotonic() - t0)
    T.wait_for(lambda: guards(a) == {"standby"}, 10)
    for pfx in (T.ANYCAST_V4, T.ANYCAST_V6):
        pa = prefix(a, pfx)
        assert pa["state"] == "down" and pa["otherPathVia"] == "bgp", pa

    # B's service down too: B is the last site -> it keeps announcing,
    # de-preferred (prepended)
    os.unlink(flag_b)
    T.wait_for(lambda: guards(b) == {"guarding"}, 10)
    time.sleep(2)  # nothing may withdraw it meanwhile
    wait_sources(t, ["B"])
    for pfx in (T.ANYCAST_V4, T.ANYCAST_V6):
        path = t.peer_paths(pfx)[0]
        asns = [n for at in path["attrs"] if at.get("type") == 2
                for seg in at["as_paths"] for n in seg["asns"]]
        assert asns == [SITE_B_AS] * 4, asns
        pb = prefix(b, pfx)
        assert pb["state"] == "down" and pb["announced"], pb
    assert guards(a) == {"standby"}  # A sees B's (guarded) path

    # A recovers: A announces, B's guarded route yields to it
    t0 = time.monotonic()
    open(flag_a, "w").close()
    wait_sources(t, ["A"])
    measure("guard: site A back -> guarded B withdrawn",
            time.monotonic() - t0)
    T.wait_for(lambda: guards(b) == {"standby"}, 10)
    assert guards(a) == {"inactive"}

    # B recovers: both announce normally again
    open(flag_b, "w").close()
    wait_sources(t, ["A", "B"])
    assert a.alive() and b.alive()


def test_without_guard_both_withdraw(two_sites):
    """The control: without the guard, both sites down = nothing left."""
    t, a, b, flag_a, flag_b = two_sites
    wait_sources(t, ["A", "B"])
    for d in (a, b):
        cfg(d, "anycast", "prefix %s" % T.ANYCAST_V4, "no last-site-guard",
            "exit", "prefix %s" % T.ANYCAST_V6, "no last-site-guard", "exit",
            "exit")
    os.unlink(flag_a)
    os.unlink(flag_b)
    for pfx in (T.ANYCAST_V4, T.ANYCAST_V6):
        t.wait_peer(pfx, present=False, timeout=10)
    assert guards(a) == {"disabled"}


def test_guard_config(engine):
    t, a, flags = engine
    cfg(a, "anycast", "health x", "probe file /nonexistent present", "exit",
        "prefix %s" % PFX, "track x", "last-site-guard tag 77", "exit",
        "exit")
    assert "  last-site-guard tag 77\n" in \
        T.running_anycast_block(a.running_config())
    cfg(a, "anycast", "prefix %s" % PFX, "last-site-guard", "exit", "exit")
    block = T.running_anycast_block(a.running_config())
    assert "  last-site-guard\n" in block, block
    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("prefix %s" % PFX)
        for bad in ("last-site-guard tag 0", "last-site-guard tag x",
                    "last-site-guard foo"):
            status, text = v.cmd(bad)
            assert status != 0, "%r accepted: %s" % (bad, text)
        v.ok("end")
    assert a.running_config() == before
    # a lone site, object down: guarded -> advertised
    T.wait_for(lambda: prefix(a, PFX)["guard"] == "guarding", 10)
    t.wait_peer(PFX, timeout=10)
    p = prefix(a, PFX)
    assert p["state"] == "down" and p["tag"] == 65534, p
    cfg(a, "anycast", "prefix %s" % PFX, "no last-site-guard", "exit",
        "exit")
    t.wait_peer(PFX, present=False, timeout=10)
    assert "last-site-guard" not in T.running_anycast_block(
        a.running_config())
