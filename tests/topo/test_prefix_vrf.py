"""`prefix … vrf NAME`: the prefix's route goes into a VRF's table.

This machine's kernel (like many test kernels) has no CONFIG_NET_VRF, so
FRR runs with its netns VRF backend (topolib.vrf_netns_args): every named network
namespace is a VRF.  The VRF namespace is linked to the peer namespace by a
veth pair; bgpd has `router bgp 64512 vrf NAME` peering over it with the
gobgpd peer, which so sees the prefix from the VRF session (its own
neighbor address) or from the default-VRF session.
"""

import json
import os


import topolib as T
from conftest import netns_vrf_topo, xfail_zebra_dies_on_vrf_delete

cfg = T.configure
anycast_block = T.running_anycast_block

FAST = 10  # seconds for a change to reach zebra / the peer

# the VRF link (outside topolib's addresses and the other tests')
BLUE_NODE_V4 = "192.0.2.41"
BLUE_PEER_V4 = "192.0.2.42"
BLUE_NODE_V6 = "2001:db8:b1::1"
BLUE_PEER_V6 = "2001:db8:b1::2"
V4, V6 = T.ANYCAST_V4, T.ANYCAST_V6
PREFIXES = (V4, V6)


def zebra_route(t, pfx, vrf=None):
    """anycastd's route for pfx in zebra's table of vrf (None: default),
    type table with our instance, or None."""
    cmd = "show %s route %s%s json" % ("ipv6" if ":" in pfx else "ip",
                                      "vrf %s " % vrf if vrf else "", pfx)
    _, text = t.node.daemon("zebra").cmd(cmd)
    if not text.strip().startswith("{"):
        return None  # "% VRF … not found" while the VRF is gone
    want = 0 if ":" in pfx else T.TABLE_INSTANCE
    for r in json.loads(text).get(pfx, []):
        if r.get("protocol") == "table" and r.get("instance", 0) == want:
            return r
    return None


def peer_sources(t, pfx):
    """The neighbor addresses the peer has pfx from."""
    return {p.get("neighbor-ip") for p in t.peer_paths(pfx)}


def wait_sources(t, pfx, want):
    box = {}

    def ok():
        box["s"] = peer_sources(t, pfx)
        return box["s"] == want
    try:
        T.wait_for(ok, FAST, 0.05, "%s at the peer from %s" % (pfx, want))
    except T.WaitTimeout:
        raise AssertionError("%s at the peer from %r, want %r"
                             % (pfx, box.get("s"), want))


def session(pfx, vrf):
    """The node's address the peer sees pfx from (VRF or default session)."""
    if ":" in pfx:
        return BLUE_NODE_V6 if vrf else T.NODE_V6
    return BLUE_NODE_V4 if vrf else T.NODE_V4


def wait_in(t, pfx, vrf, blue):
    """pfx installed in vrf (None: the default VRF) only, and at the peer
    from that VRF's session only."""
    T.wait_for(lambda: zebra_route(t, pfx, vrf) is not None, FAST, 0.05,
               "%s in zebra's %s table" % (pfx, vrf or "default"))
    other = None if vrf else blue
    assert zebra_route(t, pfx, other) is None, \
        "%s also in the %s table" % (pfx, other or "default")
    wait_sources(t, pfx, {session(pfx, vrf)})


def make_vrf(t, vrf):
    T.run(["ip", "netns", "add", vrf])
    T.run(["ip", "link", "set", "lo", "up"], ns=vrf)
    T.run(["ip", "link", "add", "bl0", "netns", vrf, "type", "veth", "peer",
           "name", "to-blue", "netns", t.peer_ns])
    T.run(["ip", "addr", "add", BLUE_NODE_V4 + "/30", "dev", "bl0"], ns=vrf)
    T.run(["ip", "-6", "addr", "add", BLUE_NODE_V6 + "/64", "dev", "bl0",
           "nodad"], ns=vrf)
    # the link-local address usable at once too (no DAD): bgpd 10.3 resets
    # an IPv6 session whose interface has no link-local address yet ("does
    # not have a v6 LL address ... resetting connection") and, on a loaded
    # machine, was seen not to bring it up again within 40 s
    p = t.peer_ns
    for ns, dev in ((vrf, "bl0"), (p, "to-blue")):
        T.run(["sysctl", "-q", "-w", "net.ipv6.conf.%s.accept_dad=0" % dev], ns=ns)
    T.run(["ip", "link", "set", "bl0", "up"], ns=vrf)
    T.run(["ip", "addr", "add", BLUE_PEER_V4 + "/30", "dev", "to-blue"], ns=p)
    T.run(["ip", "-6", "addr", "add", BLUE_PEER_V6 + "/64", "dev", "to-blue",
           "nodad"], ns=p)
    T.run(["ip", "link", "set", "to-blue", "up"], ns=p)


def bgpd_vrf(t, vrf):
    """bgpd's instance in the VRF, peering with gobgpd over the VRF link.

    FRR 8.4.4: `redistribute table 253` (an instance) is registered per
    zapi session, not per VRF: in a VRF instance it answers CMD_WARNING
    without a message when the default instance has it already, and is
    kept in the configuration; the VRF's table-253 routes then reach bgpd's
    VRF instance (without the line they do not).  IPv6's instance-less
    `redistribute table` is a per-VRF registration and just works."""
    bgpd = t.node.daemon("bgpd")
    head = ["router bgp %d vrf %s" % (T.NODE_AS, vrf)]
    cfg(bgpd, *head, "bgp router-id %s" % BLUE_NODE_V4,
        "no bgp ebgp-requires-policy", "no bgp default ipv4-unicast",
        "timers bgp 3 9",
        *["neighbor %s %s" % (n, s) for n in (BLUE_PEER_V4, BLUE_PEER_V6)
          for s in ("remote-as %d" % T.PEER_AS, "timers connect 1",
                    "advertisement-interval 0")],
        "address-family ipv4 unicast", "neighbor %s activate" % BLUE_PEER_V4,
        "exit-address-family", "address-family ipv6 unicast",
        "redistribute table", "neighbor %s activate" % BLUE_PEER_V6,
        "exit-address-family", "exit")
    redist = "redistribute table %d" % T.TABLE_INSTANCE
    status, text = T.vty_config(bgpd, *head, "address-family ipv4 unicast",
                                redist)
    assert status in (0, 1) and "%" not in text, text
    T.wait_for(lambda: "  " + redist in bgpd.running_config().split(
        head[0])[1], 5, desc="%s kept in the VRF instance" % redist)
    for n in (BLUE_NODE_V4, BLUE_NODE_V6):
        t.gobgp.gobgp("neighbor", "add", n, "as", str(T.NODE_AS))


def wait_vrf_sessions(t):
    want = {BLUE_NODE_V4, BLUE_NODE_V6}
    T.wait_for(lambda: want <= t.gobgp.established(), 40, 0.1,
               "VRF sessions %s established at gobgpd" % sorted(want))


def track_in_vrf(a, flags, vrf):
    """health f (a flag file, present: up) tracked by both prefixes, in
    vrf; bgpd's instance in it.  Returns the flag file."""
    up = os.path.join(flags, "up")
    with open(up, "w"):
        pass
    cfg(a, "anycast", "health f", "probe file %s" % up, "interval 100",
        "rise 1", "fall 1", "exit",
        *[ln for p in PREFIXES
          for ln in ("prefix %s" % p, "track f", "vrf %s" % vrf, "exit")],
        "exit")
    return up


def announce_in_vrf(t, a, flags, vrf):
    """track_in_vrf, bgpd's instance in the VRF, the VRF made: both routes
    installed there and seen through the VRF sessions."""
    track_in_vrf(a, flags, vrf)
    bgpd_vrf(t, vrf)
    make_vrf(t, vrf)
    wait_vrf_sessions(t)
    for p in PREFIXES:
        wait_in(t, p, vrf, vrf)


@netns_vrf_topo
def test_prefix_in_vrf(topo, engine, blue_vrf):
    t, a, flags = engine
    vrf = blue_vrf
    up = track_in_vrf(a, flags, vrf)
    bgpd_vrf(t, vrf)
    # the VRF does not exist yet: nothing installed, show says why
    for p in PREFIXES:
        T.wait_for(lambda: T.prefix_json(a, p)["state"] == "up", FAST)
        pj = T.prefix_json(a, p)
        assert pj["announced"] is False, pj
        assert pj["vrf"] == vrf and pj["vrfKnown"] is False, pj
        assert "vrf %s is not known to zebra" % vrf in pj["route"], pj
        assert zebra_route(t, p) is None
        assert peer_sources(t, p) == set()
    status, text = a.cmd("show anycast prefix %s" % V4)
    assert "VRF: %s (not known to zebra)" % vrf in text, text

    # the VRF appears: installed there, seen via the VRF session only
    make_vrf(t, vrf)
    wait_vrf_sessions(t)
    for p in PREFIXES:
        wait_in(t, p, vrf, vrf)
        pj = T.prefix_json(a, p)
        assert pj["announced"] is True and pj["vrfKnown"] is True, pj

    # health down: withdrawn in the VRF
    os.unlink(up)
    for p in PREFIXES:
        T.wait_for(lambda: zebra_route(t, p, vrf) is None, FAST, 0.05,
                   "%s withdrawn from %s" % (p, vrf))
        wait_sources(t, p, set())
        assert zebra_route(t, p) is None
    with open(up, "w"):
        pass
    for p in PREFIXES:
        wait_in(t, p, vrf, vrf)

    # `no vrf`: the route moves to the default VRF (default session)
    cfg(a, "anycast", "prefix %s" % V4, "no vrf", "exit", "exit")
    wait_in(t, V4, None, vrf)
    assert T.prefix_json(a, V4)["vrf"] == "default"
    # and back
    cfg(a, "anycast", "prefix %s" % V4, "vrf %s" % vrf, "exit", "exit")
    wait_in(t, V4, vrf, vrf)
    assert a.alive()


@xfail_zebra_dies_on_vrf_delete
@netns_vrf_topo
def test_prefix_vrf_deleted_and_made_again(topo, engine, blue_vrf):
    """The VRF goes: the route with it; back when the VRF is made again."""
    t, a, flags = engine
    vrf = blue_vrf
    announce_in_vrf(t, a, flags, vrf)
    T.run(["ip", "netns", "del", vrf])
    for p in PREFIXES:
        T.wait_for(lambda: not t.node.daemon("zebra").alive() or
                   "vrf %s is not known to zebra" % vrf in
                   T.prefix_json(a, p)["route"], FAST)
        t.node.daemon("zebra").assert_alive("when the VRF was deleted")
        assert T.prefix_json(a, p)["announced"] is False
        wait_sources(t, p, set())
        assert zebra_route(t, p) is None
    make_vrf(t, vrf)
    try:
        wait_vrf_sessions(t)
        for p in PREFIXES:
            wait_in(t, p, vrf, vrf)
    except AssertionError:
        t.node.daemon("zebra").assert_alive("after the VRF was made again")
        raise
    assert a.alive()


@netns_vrf_topo
def test_prefix_vrf_after_zebra_restart(topo, engine, blue_vrf):
    """A new zebra numbers its VRFs anew (netns VRFs: in the order it finds
    the namespaces, the other tests' included): each route is sent again
    in its VRF, with the id the new zebra gave it."""
    t, a, flags = engine
    vrf = blue_vrf
    announce_in_vrf(t, a, flags, vrf)
    cfg(a, "debug anycast zebra", "debug anycast prefix")
    zebra = t.node.daemon("zebra")
    zebra.kill9()
    zebra.start()
    # (a new, empty zebra: anycastd may have re-sent its routes already)
    for p in PREFIXES:
        # anycastd retries zebra every 250 ms
        T.wait_for(lambda: zebra_route(t, p, vrf) is not None, 40, 0.2,
                   "%s in the new zebra's %s table" % (p, vrf))
        assert zebra_route(t, p) is None
    assert a.alive()


def test_prefix_vrf_config(engine):
    """`vrf NAME` round-trips through the running config; a name longer
    than a VRF name can be is rejected and changes nothing."""
    t, a, _ = engine
    cfg(a, "anycast", "prefix %s" % V4, "vrf blue", "exit",
        "prefix %s" % V6, "vrf blue", "no vrf", "exit", "exit")
    block = anycast_block(a.running_config())
    assert " prefix %s\n  vrf blue\n exit\n" % V4 in block, block
    assert " prefix %s\n exit\n" % V6 in block, block
    pj = T.prefix_json(a, V4)
    assert pj["vrf"] == "blue" and pj["vrfKnown"] is False, pj
    assert T.prefix_json(a, V6)["vrf"] == "default"

    # the block, applied again after removing the prefixes, is the same
    cfg(a, "anycast", "no prefix %s" % V4, "no prefix %s" % V6, "exit")
    assert " vrf blue" not in anycast_block(a.running_config())
    cfg(a, *[ln.strip() for ln in block.splitlines()
             if ln.strip() and ln.strip() != "!"])
    assert anycast_block(a.running_config()) == block

    before = a.running_config()
    for bad in ("vrf " + "x" * 37, "vrf"):
        status, text = T.vty_config(a, "anycast", "prefix %s" % V4, bad)
        assert status != 0 or "%" in text, "%r accepted: %s" % (bad, text)
    assert a.running_config() == before


def test_prefix_vrf_through_vtysh(engine):
    from conftest import require_vtysh
    require_vtysh()
    t, a, _ = engine
    r = t.node.vtysh("configure terminal", "anycast", "prefix %s" % V4,
                     "vrf red")
    assert r.returncode == 0, r.stdout + r.stderr
    assert T.prefix_json(a, V4)["vrf"] == "red"
    r = t.node.vtysh("show running-config")
    assert " prefix %s\n  vrf red\n exit\n" % V4 in r.stdout, r.stdout
    r = t.node.vtysh("configure terminal", "anycast", "prefix %s" % V4,
                     "no vrf")
    assert r.returncode == 0, r.stdout + r.stderr
    assert T.prefix_json(a, V4)["vrf"] == "default"
