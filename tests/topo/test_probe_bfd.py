"""The bfd tracker: anycastd asks bfdd (through zebra) for a BFD session
and follows its state, event-driven.  bfdd + zebra in the node namespace
(next to anycastd), a second zebra + bfdd pair in the peer namespace with
`peer 192.0.2.1` configured (see conftest.py for the rest)."""

import os
import time

import pytest

import topolib as T

cfg = T.configure
anycast_block = T.running_anycast_block
health = T.health_json
from test_probe_trackers import (LONG, FAST, announce, holds_while_zebra_is_away,
                                 rejected, tracker)

BFDD = os.path.join(T.FRR_DIR, "bfdd")


def bfdd_conf(d, host, body=""):
    return ("hostname %s\n"
            "log file %s/bfdd.log\n"
            "log timestamp precision 3\n"
            "!\n%s" % (host, d, body))


def start_bfdd(node, host, body=""):
    d = node.dir
    # 8.4's bfdd has a control socket of its own (moved per node with
    # --bfdctl); 10.x has none (its paths follow the node's -N)
    extra = [] if T.FRR_VERSION >= (10, 0) else ["--bfdctl", os.path.join(d, "bfdd.sock")]
    b = T.FrrDaemon(node, "bfdd", BFDD, bfdd_conf(d, host, body), extra)
    node.daemons["bfdd"] = b
    return b.start()


@pytest.fixture
def bfd(engine):
    """engine + bfdd on the node; zebra + bfdd on the peer side with a
    session to the node configured."""
    t, a, flags = engine
    if not os.access(BFDD, os.X_OK):
        pytest.skip("%s missing" % BFDD)
    start_bfdd(t.node, "node")
    pdir = os.path.join(t.basedir, "peerfrr")
    T.make_frr_dir(pdir)
    peer = T.Node(t, t.peer_ns, pdir)
    peer.ns_inode = T.netns_inode(t.peer_ns)
    z = T.FrrDaemon(peer, "zebra", os.path.join(T.FRR_DIR, "zebra"),
                    T.zebra_conf(pdir).replace("hostname node",
                                               "hostname peer"))
    peer.daemons["zebra"] = z
    z.start()
    pb = start_bfdd(peer, "peer",
                    "bfd\n peer %s\n  receive-interval 100\n"
                    "  transmit-interval 100\n exit\n!\nexit\n" % T.NODE_V4)
    return t, a, pb


def peer_session_up(pb):
    try:
        for s in pb.show_json("show bfd peers json"):
            if s.get("peer") == T.NODE_V4 and s.get("status") == "up":
                return True
    except Exception:  # noqa: BLE001
        return False
    return False


def peer_shutdown(pb, down):
    """The peer's bfdd shuts its side of the session (or opens it again)."""
    with pb.vty() as v:
        v.ok("configure terminal")
        v.ok("bfd")
        v.ok("peer %s" % T.NODE_V4)
        v.ok("shutdown" if down else "no shutdown")
        v.ok("end")


def test_bfd_session_event_driven(bfd):
    t, a, pb = bfd
    cfg(a, "anycast", *tracker("bfd", "probe bfd %s" % T.PEER_V4),
        *announce(a, "bfd"), "exit")
    T.wait_for(lambda: peer_session_up(pb), 20, desc="BFD session up")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a, "bfd")["state"] == "up"

    # the peer shuts its side: admin-down, withdrawn well before LONG
    t0 = time.monotonic()
    peer_shutdown(pb, True)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert time.monotonic() - t0 < LONG / 1000.0
    h = health(a, "bfd")
    assert h["state"] == "down"
    assert "BFD session to %s is" % T.PEER_V4 in str(h)

    # and back
    peer_shutdown(pb, False)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    assert a.alive()

    # the object now probes something else: its session at the node's
    # bfdd goes at once
    nb = t.node.daemons["bfdd"]
    assert node_sessions(nb) == [T.PEER_V4]
    cfg(a, "anycast", "health bfd", "probe file /nonexistent present",
        "exit", "exit")
    T.wait_for(lambda: node_sessions(nb) == [], 1, 0.05,
               desc="BFD session released")


def node_sessions(bfdd):
    return [s.get("peer") for s in bfdd.show_json("show bfd peers json")]


def test_bfd_config(bfd):
    t, a, pb = bfd
    rejected(a, "probe bfd %s local 2001:db8:1::1" % T.PEER_V4,
             "probe bfd 2001:db8:1::2 local %s" % T.NODE_V4,
             "probe bfd 0.0.0.0", "probe bfd 224.0.0.1")
    lines = ["probe bfd %s" % T.PEER_V4,
             "probe bfd %s local %s" % (T.PEER_V4, T.NODE_V4),
             "probe bfd %s local %s interface to-peer" % (T.PEER_V4,
                                                          T.NODE_V4),
             "probe bfd 2001:db8:1::2 interface to-peer"]
    for line in lines:
        cfg(a, "anycast", *tracker("b", line), "exit")
        block = anycast_block(a.running_config())
        assert "  %s\n" % line in block, block
    # an error leaves the configured probe alone
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health b")
        status, text = v.cmd("probe bfd %s local 2001:db8:1::1" % T.PEER_V4)
        assert "%" in text
        v.ok("end")
    assert "  %s\n" % lines[-1] in anycast_block(a.running_config())
    # the config round trip: restart from the written config
    cfg(a, "anycast", *tracker("b", lines[1]), "exit")
    before = anycast_block(a.running_config())
    a.set_conf(a.running_config())
    a.stop()
    a.start()
    assert anycast_block(a.running_config()) == before
    assert "bfd %s local %s" % (T.PEER_V4, T.NODE_V4) in str(health(a, "b"))


def test_bfdd_restart_probe_recovers(bfd, measure):
    """kill -9 the node's bfdd, start it again: anycastd's session is
    installed in the new bfdd (zebra asks its clients to replay them), comes
    up, and state changes are followed again (not a stale 'up')."""
    t, a, pb = bfd
    cfg(a, "anycast", *tracker("bfd", "probe bfd %s" % T.PEER_V4),
        *announce(a, "bfd"), "exit")
    T.wait_for(lambda: peer_session_up(pb), 20, desc="BFD session up")
    t.wait_peer(T.ANYCAST_V4, timeout=10)

    nb = t.node.daemons["bfdd"]
    nb.kill9()
    assert a.alive()
    t0 = time.monotonic()
    nb.start()
    # the new bfdd has the session again, without touching anycastd
    T.wait_for(lambda: node_sessions(nb) == [T.PEER_V4], 10, 0.05,
               "anycastd's BFD session re-installed in the new bfdd")
    T.wait_for(lambda: any(s.get("status") == "up"
                           for s in nb.show_json("show bfd peers json")), 20, 0.1,
               "BFD session up in the new bfdd")
    measure("bfdd restart -> session up again", time.monotonic() - t0)
    T.wait_for(lambda: health(a, "bfd")["state"] == "up", 10, 0.1, "bfd object up")
    t.wait_peer(T.ANYCAST_V4, timeout=10)

    # the probe follows the new bfdd: the peer shuts the session -> down
    peer_shutdown(pb, True)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert health(a, "bfd")["state"] == "down"
    peer_shutdown(pb, False)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)
    assert a.alive()


def test_bfd_tracker_holds_while_zebra_is_away(bfd):
    """Issue 15: with zebra away the BFD tracker failed ("not connected to
    zebra") and went down; zebra away says nothing about the BFD session
    (bfdd keeps it): those runs have no result, the last state holds."""
    t, a, pb = bfd
    cfg(a, "anycast", *tracker("bfd", "probe bfd %s" % T.PEER_V4, interval=100),
        "exit")
    T.wait_for(lambda: peer_session_up(pb), 20, desc="BFD session up")
    T.wait_for(lambda: health(a, "bfd")["state"] == "up", 10, 0.1, "bfd object up")
    holds_while_zebra_is_away(t, a, "bfd", 1.5)
