"""Self-checks of the topology harness against stock Debian FRR only.

These prove that the observer (gobgpd) sees announcements *and* withdrawals
made by real FRR, so an anycast prefix "absent at the peer" in
test_foundation.py means withdrawn, not "observer broken"; and that teardown
leaves nothing behind."""

import os
import signal
import subprocess

import pytest

import topolib as T


def test_documentation_prefix_guard():
    for ok in ("192.0.2.1", "198.51.100.0/24", "203.0.113.0/24", "2001:db8:ac::/48"):
        assert T.is_documentation(ok)
    for bad in ("10.0.0.1", "172.16.0.0/12", "192.168.1.0/24", "8.8.8.0/24", "2001:4860::/32"):
        assert not T.is_documentation(bad)
    with pytest.raises(ValueError):
        T.anycast_block(prefixes=("10.1.0.0/16",))


def test_static_routes_announced_and_withdrawn(topo):
    """staticd -> zebra -> bgpd -> gobgpd, both address families."""
    for prefix, nh in ((T.STATIC_V4, T.NODE_V4), (T.STATIC_V6, T.NODE_V6)):
        paths = topo.peer_paths(prefix)
        assert len(paths) == 1, paths
        attrs = paths[0]["attrs"]
        aspath = [a for a in attrs if a["type"] == 2][0]["as_paths"][0]["asns"]
        assert aspath == [T.NODE_AS]
        nexthops = [a.get("nexthop") for a in attrs if a["type"] in (3, 14)]
        assert nh in nexthops
    # nothing injects the anycast prefixes without anycastd
    assert not topo.peer_has(T.ANYCAST_V4)
    assert not topo.peer_has(T.ANYCAST_V6)

    with topo.node.static_vty() as v:
        v.ok("configure terminal")
        v.ok("no ip route %s blackhole" % T.STATIC_V4)
        v.ok("no ipv6 route %s blackhole" % T.STATIC_V6)
    topo.wait_peer(T.STATIC_V4, present=False)
    topo.wait_peer(T.STATIC_V6, present=False)
    with topo.node.static_vty() as v:
        v.ok("configure terminal")
        v.ok("ip route %s blackhole" % T.STATIC_V4)
        v.ok("ipv6 route %s blackhole" % T.STATIC_V6)
    topo.wait_peer(T.STATIC_V4)
    topo.wait_peer(T.STATIC_V6)


def test_ipv6_network_import_check_follows_zebra(topo):
    """The IPv6 anycast prefix is advertised by `network` + import-check (FRR
    8.4.4 has no `redistribute table N` for IPv6): announced exactly while
    zebra holds a route for it -- here a staticd blackhole stands in for
    anycastd's route."""
    assert not topo.peer_has(T.ANYCAST_V6)
    with topo.node.static_vty() as v:
        v.ok("configure terminal")
        v.ok("ipv6 route %s blackhole" % T.ANYCAST_V6)
    topo.wait_peer(T.ANYCAST_V6)
    with topo.node.static_vty() as v:
        v.ok("configure terminal")
        v.ok("no ipv6 route %s blackhole" % T.ANYCAST_V6)
    topo.wait_peer(T.ANYCAST_V6, present=False)


def test_vty_client_reports_errors(topo):
    zebra = topo.node.daemon("zebra")
    status, text = zebra.cmd("show no-such-thing")
    assert status != 0
    assert "Unknown command" in text
    assert "FRRouting" in zebra.show("show version")


def _dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_teardown_leaves_nothing_behind():
    if T.prerequisites():
        pytest.skip("topology prerequisites missing: %s" % T.prerequisites())
    t = T.Topology()
    try:
        t.build()
        t.start_frr()
        t.start_gobgp()
        t.service.start()
        procs = list(t.procs)
        namespaces = list(t.namespaces)
        basedir = t.basedir
        # zebra staticd bgpd gobgpd service (+ mgmtd on FRR 10.x)
        assert len([p for p in procs if p.alive()]) == 5 + T.FRR_MGMTD
        assert set(namespaces) <= set(T.list_namespaces())
    finally:
        t.teardown()
    t.teardown()  # idempotent
    assert not [p.name for p in procs if p.alive()]
    assert not set(namespaces) & set(T.list_namespaces())
    assert not os.path.exists(basedir)


def test_sweep_removes_namespaces_of_dead_runs():
    if T.prerequisites():
        pytest.skip("topology prerequisites missing: %s" % T.prerequisites())
    ns = "acd%dt1-node" % _dead_pid()
    T.run(["ip", "netns", "add", ns])
    sleeper = subprocess.Popen(["ip", "netns", "exec", ns, "sleep", "600"])
    try:
        T.wait_for(lambda: T.proc_netns(sleeper.pid) == T.netns_inode(ns), 5,
                   desc="sleeper inside %s" % ns)
        assert ns in T.sweep_stale()
        assert sleeper.wait(timeout=5) == -signal.SIGKILL
        assert ns not in T.list_namespaces()
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
            sleeper.wait()
        T.run(["ip", "netns", "del", ns], check=False)
