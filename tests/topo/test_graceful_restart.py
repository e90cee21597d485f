"""Graceful restart towards zebra (`graceful-restart stale-time S`), asserted
at the gobgpd peer with `gobgp monitor global rib` (topolib.Monitor).

Issue 7 §1: with GR configured, a restart of anycastd within the stale time
causes no withdraw at the peer, and routes no longer wanted after the
restart are removed; without GR a kill -9 withdraws everything within 1 s
(test_foundation.test_kill9_anycastd_withdraws_only_its_routes).

Every "nothing happened at the peer" assertion comes with a positive
control on the same monitor (a withdraw it does see), so a monitor that
saw nothing at all cannot make the test pass."""

import os
import re
import time

import pytest

import topolib as T
from conftest import netns_vrf_topo

# long enough for a kill -9 and a restart, with margin on a loaded machine
STALE = 30
# the expiry test waits for it
SHORT_STALE = 4
# without GR, the peer sees the withdraw within 1 s of a kill -9 (issue 7)
FAIL_CLOSED_S = 1.0
# after the sync point: time for a withdraw or update to reach the peer
# (bgpd advertisement-interval 0, the stock path takes ~0.13 s)
SETTLE_S = 2.0
PREFIXES = (T.ANYCAST_V4, T.ANYCAST_V6)
# zebra 8.4.4 decides "stale" in whole seconds (zebra_gr.c: re->uptime <
# client->restart_time, both monotime() seconds): a route added or changed
# in the second the client died is never swept.  The scenarios that rely on
# zebra's sweep let a second pass after the last route change before the
# kill -9; test_zebra_gr_same_second_route_is_never_swept pins the bug.
ZEBRA_SECOND = 1.1


# --------------------------------------------------------------------------
# helpers

def gr_conf(t, stale=STALE, prefixes=PREFIXES):
    return T.anycastd_conf(t.node.dir, T.anycast_block(prefixes=prefixes,
                                                       gr_stale_time=stale))


def flag_conf(t, flag, stale=STALE, with_v6=True):
    """health web (the TCP service) tracked by the IPv4 prefix; health
    flag (file probe) tracked by the IPv6 prefix (left out: with_v6)."""
    lines = ["anycast",
             " graceful-restart stale-time %d" % stale,
             " health web",
             "  probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT),
             "  interval 200", "  timeout 100", "  rise 2", "  fall 2",
             " exit",
             " health flag",
             "  probe file %s" % flag,
             "  interval 200", "  rise 2", "  fall 2",
             " exit",
             " prefix %s" % T.ANYCAST_V4, "  track web", " exit"]
    if with_v6:
        lines += [" prefix %s" % T.ANYCAST_V6, "  track flag", " exit"]
    lines += ["exit", "!"]
    return T.anycastd_conf(t.node.dir, "\n".join(lines) + "\n")


def start_announced(t, conf, prefixes=PREFIXES):
    a = t.node.daemon("anycastd")
    a.set_conf(conf)
    t.service.start()
    a.start()
    for p in prefixes:
        t.wait_peer(p, timeout=15)
    return a


def kill9_settled(a):
    """kill -9, once zebra's whole-second clock has moved past the last
    route change (see ZEBRA_SECOND)."""
    time.sleep(ZEBRA_SECOND)
    a.kill9()
    assert not a.alive()


def start_monitors(t):
    mons = {"ipv4": T.Monitor(t, "ipv4"), "ipv6": T.Monitor(t, "ipv6")}
    time.sleep(0.5)  # the monitors' streams are open
    return mons


def mon(mons, pfx):
    return mons["ipv6" if ":" in pfx else "ipv4"]


def stop_monitors(mons):
    for m in mons.values():
        m.stop()


def wait_synced(a, offset, timeout=15):
    """Both route sessions reached their sync point (ROUTE_UPDATE_COMPLETE
    sent) in the log written after offset; return the log text."""
    def synced():
        text = a.log_since(offset)
        return all(re.search(r"graceful restart: .*%s route update complete" % f, text)
                   for f in ("IPv4", "IPv6")) and text
    return T.wait_for(synced, timeout, 0.05, "anycastd's GR sync point (both sessions)")


def uptime_s(route):
    """zebra's `uptime` of a route entry (HH:MM:SS below a day)."""
    h, m, s = (int(x) for x in route["uptime"].split(":"))
    return h * 3600 + m * 60 + s


def assert_kept_while_dead(t, prefixes=PREFIXES):
    """anycastd is dead for longer than the fail-closed bound: zebra still
    holds its routes (stale) and the peer still has them."""
    time.sleep(FAIL_CLOSED_S + 0.5)
    for p in prefixes:
        assert t.zebra_anycast_route(p) is not None, "%s: zebra dropped it" % p
        assert t.peer_has(p), "%s withdrawn at the peer" % p


def assert_quiet(t, mons, p):
    """The peer saw neither a withdraw nor an update of p, and has it."""
    assert mon(mons, p).withdrawals(p) == [], "%s withdrawn at the peer" % p
    assert mon(mons, p).updates(p) == [], "%s updated at the peer" % p
    assert t.peer_has(p), "%s not at the peer" % p


def control_after_service_stop(t, mons, events, what):
    """Positive control: stopping the service makes the same monitors see
    `events` ("withdrawals" or "updates") of every prefix."""
    t.service.stop()
    for p in PREFIXES:
        T.wait_for(lambda: getattr(mon(mons, p), events)(p), 10, 0.05,
                   "%s %s seen by the monitor" % (p, what))


def zebra_clients(t):
    return t.node.daemon("zebra").show("show zebra client")


def assert_session_alive(t):
    assert t.peer_has(T.STATIC_V4), "static IPv4 route vanished from the peer"
    assert t.peer_has(T.STATIC_V6), "static IPv6 route vanished from the peer"


# --------------------------------------------------------------------------
# configuration

def test_gr_config_roundtrip_and_rejects(engine):
    """Configured after anycastd connected to zebra: zebra gets the
    capability on both route sessions, the new time, and GR_DISABLE."""
    t, a, _ = engine
    assert "Graceful Restart(" not in zebra_clients(t)
    T.configure(a, "anycast", "graceful-restart stale-time 45")
    assert " graceful-restart stale-time 45" in T.anycast_section(a.running_config())
    T.wait_for(lambda: zebra_clients(t).count("Graceful Restart(45 seconds)") == 2,
               5, 0.05, "GR capability at zebra")
    for bad in ("graceful-restart stale-time 0", "graceful-restart stale-time 601",
                "graceful-restart stale-time x"):
        status, text = T.vty_config(a, "anycast", bad)
        assert status != 0 or "%" in text, (bad, text)
        assert " graceful-restart stale-time 45" in T.anycast_section(a.running_config())
    T.configure(a, "anycast", "graceful-restart stale-time 600")
    assert " graceful-restart stale-time 600" in T.anycast_section(a.running_config())
    T.wait_for(lambda: zebra_clients(t).count("Graceful Restart(600 seconds)") == 2,
               5, 0.05, "new stale time at zebra")
    T.configure(a, "anycast", "no graceful-restart")
    assert "graceful-restart" not in a.running_config()
    T.wait_for(lambda: "Graceful Restart(" not in zebra_clients(t), 5, 0.05,
               "GR disabled at zebra")
    log = a.log_since(0)
    assert "graceful restart: stale-time 45 s" in log
    assert "graceful restart: disabled" in log


# --------------------------------------------------------------------------
# (1) GR configured, kill -9 and restart within stale-time: nothing at the peer

def test_gr_restart_no_withdraw_at_peer(anycast_topo, measure):
    t = anycast_topo
    a = start_announced(t, gr_conf(t))
    # zebra has the capability on both route sessions
    assert zebra_clients(t).count("Graceful Restart(%d seconds)" % STALE) == 2
    mons = start_monitors(t)
    try:
        kill9_settled(a)
        t_dead = time.monotonic()
        assert_kept_while_dead(t)
        offset = a.log_size()
        a.start()
        t_started = time.monotonic()
        text = wait_synced(a, offset)
        measure("GR restart: start -> route update complete", time.monotonic() - t_started)
        assert "undecided" not in text, text  # decided, not the stale-time fallback
        time.sleep(SETTLE_S)
        for p in PREFIXES:
            assert_quiet(t, mons, p)
            r = t.zebra_anycast_route(p)
            assert r is not None, p
            # the new anycastd re-sent it: zebra's entry is younger than the
            # new process (the stale one would be older than the kill)
            assert uptime_s(r) <= time.monotonic() - t_started + 1, (p, r["uptime"])
        assert_session_alive(t)
        measure("GR restart: kill -9 -> synced (peer saw nothing)", time.monotonic() - t_dead)

        control_after_service_stop(t, mons, "withdrawals", "withdraw")
    finally:
        stop_monitors(mons)


# --------------------------------------------------------------------------
# (2) GR configured, restart where one prefix is no longer wanted

@pytest.mark.parametrize("how", ["service-down", "prefix-removed"])
def test_gr_restart_removes_unwanted_prefix(anycast_topo, measure, how):
    t = anycast_topo
    flags = os.path.join(t.node.dir, "flags")
    os.makedirs(flags, exist_ok=True)
    os.chmod(flags, 0o755)
    flag = os.path.join(flags, "v6-service")
    T.touch(flag)
    a = start_announced(t, flag_conf(t, flag))
    mons = start_monitors(t)
    try:
        kill9_settled(a)
        assert_kept_while_dead(t)
        if how == "service-down":
            T.rm(flag)  # the IPv6 prefix's service went down meanwhile
        else:
            a.set_conf(flag_conf(t, flag, with_v6=False))
        offset = a.log_size()
        a.start()
        t_started = time.monotonic()
        wait_synced(a, offset)
        t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
        measure("GR restart (%s): start -> unwanted prefix withdrawn" % how,
                time.monotonic() - t_started)
        assert t.zebra_anycast_route(T.ANYCAST_V6) is None
        assert mon(mons, T.ANYCAST_V6).withdrawals(T.ANYCAST_V6), "monitor missed the withdraw"
        time.sleep(SETTLE_S)
        # the wanted prefix never flapped
        assert_quiet(t, mons, T.ANYCAST_V4)
        assert t.zebra_anycast_route(T.ANYCAST_V4) is not None
        # the unwanted one was withdrawn once and not announced again
        assert mon(mons, T.ANYCAST_V6).updates(T.ANYCAST_V6) == []
        assert not t.peer_has(T.ANYCAST_V6)
        assert_session_alive(t)
    finally:
        stop_monitors(mons)


# --------------------------------------------------------------------------
# undecided prefixes leave zebra alone until they are decided

def test_gr_restart_holds_undecided_prefixes(anycast_topo):
    """`down advertise metric 500`: a prefix whose object has no result yet
    counts as down and would be advertised with MED 500 -- an UPDATE at the
    peer.  After a GR restart it is held instead (stale route kept) until
    the object is up again (rise 8 x 250 ms), then re-sent unchanged."""
    t = anycast_topo
    lines = ["anycast", " graceful-restart stale-time %d" % STALE,
             " health web",
             "  probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT),
             "  interval 250", "  timeout 100", "  rise 8", "  fall 2", " exit"]
    for p in PREFIXES:
        lines += [" prefix %s" % p, "  track web", "  down advertise metric 500", " exit"]
    conf = T.anycastd_conf(t.node.dir, "\n".join(lines + ["exit", "!"]) + "\n")
    a = start_announced(t, conf)
    for p in PREFIXES:
        T.wait_for(lambda: T.prefix_json(a, p)["state"] == "up", 15, 0.05, "%s up" % p)
    mons = start_monitors(t)
    try:
        kill9_settled(a)
        offset = a.log_size()
        a.start()
        for p in PREFIXES:
            pj = T.prefix_json(a, p)
            assert pj["state"] == "down", pj  # no result yet
            assert "graceful restart" in pj["route"], pj
        assert "route update complete" not in a.log_since(offset)
        wait_synced(a, offset, timeout=20)
        for p in PREFIXES:
            assert T.prefix_json(a, p)["state"] == "up"
        time.sleep(SETTLE_S)
        for p in PREFIXES:
            assert_quiet(t, mons, p)  # no MED 500 meanwhile
        # down now advertises MED 500: an update the monitors see
        control_after_service_stop(t, mons, "updates", "update (MED 500)")
    finally:
        stop_monitors(mons)


# --------------------------------------------------------------------------
# (3) GR configured, anycastd not restarted: removed when stale-time is over

# FRR 10.x's zebra (10.3 seen) never removes the stale routes of a GR client
# that does not come back: at the stale timer it queues a "GR run" that
# looks the client up among the *connected* ones (zebra_gr.c
# zebra_gr_process_client -> zserv_find_client), finds none and does
# nothing, then forgets the dead client.  The routes stay, advertised, until
# a client of the same type and instance removes them (anycastd does at its
# next start, whenever that is: test_gr_restart_after_stale_time_cleans_up)
# or zebra restarts.  FRR 8.4.4 walks the tables in the timer itself.
ZEBRA_KEEPS_STALE_ROUTES_OF_A_DEAD_CLIENT = T.FRR_VERSION >= (10, 0)


@pytest.mark.xfail(ZEBRA_KEEPS_STALE_ROUTES_OF_A_DEAD_CLIENT, strict=True,
                   raises=T.WaitTimeout, reason=(
                       "FRR 10.x zebra: see "
                       "ZEBRA_KEEPS_STALE_ROUTES_OF_A_DEAD_CLIENT"))
def test_gr_no_restart_routes_removed_after_stale_time(anycast_topo, measure):
    t = anycast_topo
    a = start_announced(t, gr_conf(t, stale=SHORT_STALE))
    kill9_settled(a)
    t0 = time.monotonic()
    assert_kept_while_dead(t)
    for p in PREFIXES:
        T.wait_for(lambda: not t.peer_has(p), SHORT_STALE + 10, 0.05,
                   "%s withdrawn after stale-time" % p)
    took = time.monotonic() - t0
    measure("GR, no restart: kill -9 -> withdrawn (stale-time %d s)" % SHORT_STALE, took)
    # kept for the stale time (zebra's timer has 1 s resolution)
    assert took >= SHORT_STALE - 1, took
    for p in PREFIXES:
        assert t.zebra_anycast_route(p) is None
    assert_session_alive(t)


def test_gr_restart_after_stale_time_cleans_up(anycast_topo):
    """Back only after the stale time (zebra 8.4 has swept, 10.x has kept
    everything): the prefix still wanted is announced, the one no longer
    configured is gone, in zebra and at the peer."""
    t = anycast_topo
    a = start_announced(t, gr_conf(t, stale=SHORT_STALE))
    kill9_settled(a)
    time.sleep(SHORT_STALE + 2)
    for p in PREFIXES:
        # zebra's state after the stale time, which the versions differ in
        kept = t.zebra_anycast_route(p) is not None
        assert kept == ZEBRA_KEEPS_STALE_ROUTES_OF_A_DEAD_CLIENT, (p, kept)
    a.set_conf(gr_conf(t, stale=SHORT_STALE, prefixes=(T.ANYCAST_V4,)))
    offset = a.log_size()
    a.start()
    wait_synced(a, offset)
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    assert t.zebra_anycast_route(T.ANYCAST_V6) is None
    assert t.zebra_anycast_route(T.ANYCAST_V4) is not None
    assert_session_alive(t)


# --------------------------------------------------------------------------
# a clean stop still withdraws everything at once, GR or not

def test_gr_sigterm_withdraws_at_once(anycast_topo, measure):
    t = anycast_topo
    a = start_announced(t, gr_conf(t))
    a.stop()
    t0 = time.monotonic()
    for p in PREFIXES:
        T.wait_for(lambda: not t.peer_has(p), 5, 0.02, "%s withdrawn after SIGTERM" % p)
    measure("GR configured, SIGTERM -> withdrawn", time.monotonic() - t0)
    for p in PREFIXES:
        assert t.zebra_anycast_route(p) is None
    assert_session_alive(t)
    # zebra kept no GR state for a successor: an anycastd started without
    # GR gets none (zebra would hand a stale client's state over) ...
    a.set_conf(T.anycastd_conf(t.node.dir))
    a.start()
    for p in PREFIXES:
        t.wait_peer(p, timeout=15)
    assert "Graceful Restart(" not in zebra_clients(t)
    # ... and fails closed
    a.kill9()
    t0 = time.monotonic()
    for p in PREFIXES:
        T.wait_for(lambda: not t.peer_has(p), 5, 0.02, "%s withdrawn after kill -9" % p)
    measure("after a GR run and a clean stop, no GR: kill -9 -> withdrawn",
            time.monotonic() - t0)


# --------------------------------------------------------------------------
# ... which anycastd works around after a restart: it lists its routes in
# zebra and removes those nothing wants, swept or not

def change_and_kill_in_one_second(t, a, prefix):
    """Change prefix's route (metric 7), see zebra take it, and kill -9
    anycastd within one second of zebra's monotime clock (CLOCK_MONOTONIC);
    skip if that did not work out.  (The vty answers before the route
    update is on its way to zebra: a kill -9 right after the answer can
    beat it -- seen on FRR 10.3.)"""
    def changed():
        r = t.zebra_anycast_route(prefix)
        return r is not None and r.get("metric") == 7
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("prefix %s" % prefix)
        T.wait_for(lambda: time.monotonic() % 1.0 < 0.1, 2, 0.005, "a new second")
        second = int(time.monotonic())
        v.ok("metric 7")  # a route change: a new route entry in zebra
        T.wait_for(changed, 0.8, 0.01, "metric 7 in zebra")
        a.kill9()
        killed_in = int(time.monotonic())
    if killed_in != second:
        pytest.skip("the change and the kill -9 did not fit in one second")


def test_gr_restart_removes_route_changed_in_the_second_of_death(anycast_topo):
    t = anycast_topo
    a = start_announced(t, gr_conf(t))
    change_and_kill_in_one_second(t, a, T.ANYCAST_V6)
    route = t.zebra_anycast_route(T.ANYCAST_V6)
    assert route is not None and route["metric"] == 7, route
    mons = start_monitors(t)
    try:
        a.set_conf(gr_conf(t, prefixes=(T.ANYCAST_V4,)))
        offset = a.log_size()
        a.start()
        text = wait_synced(a, offset)
        t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
        assert t.zebra_anycast_route(T.ANYCAST_V6) is None
        assert "%s (vrf 0) is no longer wanted, removed" % T.ANYCAST_V6 in a.log_since(offset)
        time.sleep(SETTLE_S)
        assert_quiet(t, mons, T.ANYCAST_V4)
        assert mon(mons, T.ANYCAST_V6).withdrawals(T.ANYCAST_V6), "monitor missed it"
        assert "IPv4 route update complete" in text
    finally:
        stop_monitors(mons)


# --------------------------------------------------------------------------
# zebra 8.4.4: a route changed in the second of the client's death stays

@pytest.mark.xfail(strict=True, reason=(
    "zebra (8.4.4 and 10.3) zebra_gr.c: a route is stale only if re->uptime < "
    "client->restart_time, both in whole seconds: a route added or changed "
    "in the second the GR client died is never swept (stays until a client "
    "of the same type and instance removes it, or zebra restarts)"))
def test_zebra_gr_same_second_route_is_never_swept(anycast_topo):
    t = anycast_topo
    a = start_announced(t, gr_conf(t, stale=3, prefixes=(T.ANYCAST_V4,)),
                        prefixes=(T.ANYCAST_V4,))
    change_and_kill_in_one_second(t, a, T.ANYCAST_V4)
    route = t.zebra_anycast_route(T.ANYCAST_V4)
    assert route is not None and route["metric"] == 7, route
    time.sleep(3 + 3)  # stale-time, the sweep, margin
    # what GR promises: removed when stale-time is over
    assert t.zebra_anycast_route(T.ANYCAST_V4) is None


# --------------------------------------------------------------------------
# prefixes in a VRF: zebra keeps GR state per VRF, so the capability and the
# route update complete go to every VRF (a VRF without it would keep a dead
# client's routes for ever: zebra skips the close-time cleanup for all VRFs)

@netns_vrf_topo
def test_gr_restart_in_vrf(topo, engine):
    import test_prefix_vrf as V  # its VRF topology helpers

    t, a, flags = engine
    vrf = t.node.ns.replace("-node", "-blue")
    up = os.path.join(flags, "up")
    T.touch(up)

    def conf(prefixes):
        lines = ["anycast", " graceful-restart stale-time %d" % STALE,
                 " health f", "  probe file %s" % up, "  interval 100",
                 "  rise 1", "  fall 1", " exit"]
        for p in prefixes:
            lines += [" prefix %s" % p, "  track f", "  vrf %s" % vrf, " exit"]
        return T.anycastd_conf(t.node.dir, "\n".join(lines + ["exit", "!"]) + "\n")

    try:
        V.make_vrf(t, vrf)
        V.bgpd_vrf(t, vrf)
        V.wait_vrf_sessions(t)
        # the running anycastd (empty config) makes way for one with the file
        a.stop()
        a.set_conf(conf(PREFIXES))
        a.start()
        for p in PREFIXES:
            V.wait_in(t, p, vrf, vrf)
        # the capability on both sessions in the VRF (netns VRFs: every
        # namespace on the machine is a VRF, so count only this one)
        want = "VRF : %s\nCapabilities : Graceful Restart(%d seconds)" % (vrf, STALE)
        T.wait_for(lambda: zebra_clients(t).count(want) == 2, 5, 0.05,
                   "GR capability in %s on both sessions" % vrf)
        mons = start_monitors(t)
        try:
            kill9_settled(a)
            time.sleep(FAIL_CLOSED_S + 0.5)
            for p in PREFIXES:
                assert V.zebra_route(t, p, vrf) is not None, "%s dropped by zebra" % p
                assert V.peer_sources(t, p) == {V.session(p, vrf)}
            # restart without the IPv6 prefix
            a.set_conf(conf((T.ANYCAST_V4,)))
            offset = a.log_size()
            a.start()
            wait_synced(a, offset)
            T.wait_for(lambda: V.zebra_route(t, T.ANYCAST_V6, vrf) is None, 10, 0.05,
                       "IPv6 prefix swept from %s" % vrf)
            V.wait_sources(t, T.ANYCAST_V6, set())
            time.sleep(SETTLE_S)
            assert_quiet(t, mons, T.ANYCAST_V4)
            assert mon(mons, T.ANYCAST_V6).withdrawals(T.ANYCAST_V6), "monitor missed it"
            assert V.zebra_route(t, T.ANYCAST_V4, vrf) is not None
            assert V.peer_sources(t, T.ANYCAST_V4) == {V.session(T.ANYCAST_V4, vrf)}
        finally:
            stop_monitors(mons)
    finally:
        T.run(["ip", "netns", "del", vrf], check=False)
