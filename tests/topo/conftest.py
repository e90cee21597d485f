"""pytest fixtures for the topology tests.

Run as root with Debian's interpreter:

    /usr/bin/python3 -m pytest tests/topo -v
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import topolib as T  # noqa: E402


# ==========================================================================
# Missing build outputs are failures: tools/run-tests (and CI) always builds
# anycastd, vtysh and frr-reload.py first, so a missing binary means a broken
# build, never a reason to pass.  Tests that do not need them (the harness
# against stock FRR, yanglint) do not call these.
def require_anycastd():
    if not os.access(T.ANYCASTD, os.X_OK):
        pytest.fail("anycastd is not built (%s missing; run make)" % T.ANYCASTD)


def require_vtysh():
    if not os.access(T.VTYSH, os.X_OK):
        pytest.fail("the extended vtysh is not built (%s missing; run make)" % T.VTYSH)


def require_frr_reload():
    if not os.access(T.FRR_RELOAD, os.X_OK):
        pytest.fail("the patched frr-reload.py is not built (%s missing; run make)"
                    % T.FRR_RELOAD)
# ==========================================================================


MEASUREMENTS = []


@pytest.fixture(scope="session", autouse=True)
def _sweep_stale():
    """Remove namespaces left by an earlier run that was SIGKILLed."""
    if os.geteuid() == 0:
        removed = T.sweep_stale()
        if removed:
            T.log("removed stale namespaces: %s" % ", ".join(removed))
    yield
    T.teardown_all()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    # CI (.ci/run sets ANYCASTD_NO_SKIP=1) installs every prerequisite, so a
    # skipped test there is a missing install step: fail it.
    if (os.environ.get("ANYCASTD_NO_SKIP") and rep.skipped
            and not hasattr(rep, "wasxfail")):
        reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else rep.longrepr
        rep.outcome = "failed"
        rep.longrepr = "skipped, but ANYCASTD_NO_SKIP is set (CI): %s" % (reason,)
    setattr(item, "rep_" + rep.when, rep)


def _failed(request):
    for when in ("setup", "call"):
        rep = getattr(request.node, "rep_" + when, None)
        if rep is not None and rep.failed:
            return True
    return False


# the topology with network namespaces as VRFs (topolib.vrf_netns_args)
netns_vrf_topo = pytest.mark.parametrize("topo", [{"vrf_netns": True}],
                                         indirect=True)
# a test that deletes a netns VRF: zebra 10.x dies there (an FRR bug)
xfail_zebra_dies_on_vrf_delete = pytest.mark.xfail(
    T.ZEBRA_DIES_ON_NETNS_VRF_DELETE, raises=T.DaemonDied,
    reason="FRR 10.x zebra: see topolib.ZEBRA_DIES_ON_NETNS_VRF_DELETE")


@pytest.fixture
def blue_vrf(topo):
    """The name of a network namespace for the test's VRF (the test makes
    it, with netns_vrf_topo every namespace is a VRF); deleted at teardown,
    whether the test made it or not."""
    name = topo.node.ns.replace("-node", "-blue")
    yield name
    T.run(["ip", "netns", "del", name], check=False)


@pytest.fixture
def topo(request):
    """node (zebra, staticd, bgpd) + peer (gobgpd), both BGP sessions
    established and staticd's routes seen at the peer.  Torn down (processes
    killed by PID, namespaces deleted, temp dir removed) even on failure;
    on failure the daemons' log tails are printed first."""
    missing = T.prerequisites()
    if missing:
        pytest.skip("topology prerequisites missing: " + ", ".join(missing))
    # indirect parametrization: {"vrf_netns": True} (network namespaces
    # are VRFs: topolib.vrf_netns_args)
    opts = getattr(request, "param", None) or {}
    t = T.Topology()
    try:
        t.build()
        t.start_frr(vrf_netns=opts.get("vrf_netns", False))
        t.start_gobgp()
        t.wait_established(timeout=30)
        t.wait_peer(T.STATIC_V4, timeout=15)
        t.wait_peer(T.STATIC_V6, timeout=15)
        yield t
    finally:
        if _failed(request) or sys.exc_info()[0] is not None:
            try:
                sys.stderr.write("\n===== diagnostics for %s =====\n%s\n"
                                 % (request.node.name, t.diagnostics()))
            except Exception as e:  # noqa: BLE001
                sys.stderr.write("diagnostics failed: %s\n" % e)
        t.teardown()


@pytest.fixture
def anycast_topo(request):
    """topo + anycastd's daemon object (created, not started) with the
    base config: health web (tcp 198.51.100.1:8080, interval 200, timeout
    100, rise 2, fall 2) tracked by 203.0.113.0/24 and 2001:db8:ac::/48.
    The service is not started either."""
    require_anycastd()  # before building anything
    topo = request.getfixturevalue("topo")
    topo.anycastd()
    return topo


@pytest.fixture
def vtysh_topo(request):
    """anycast_topo, for tests that also need the extended vtysh."""
    require_vtysh()  # before building anything
    return request.getfixturevalue("anycast_topo")


@pytest.fixture
def reload_topo(request):
    """vtysh_topo, for tests that also run the patched frr-reload.py."""
    require_vtysh()
    require_frr_reload()
    return request.getfixturevalue("anycast_topo")


@pytest.fixture
def engine(request):
    """topology + an anycastd with an empty anycast config, started, and a
    directory for flag files that anycastd (user frr) can read."""
    require_anycastd()
    t = request.getfixturevalue("topo")
    a = t.anycastd(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    flags = os.path.join(t.node.dir, "flags")
    os.makedirs(flags, exist_ok=True)
    os.chmod(flags, 0o755)
    return t, a, flags


@pytest.fixture
def measure(request, record_property):
    """measure(name, seconds, bound=None): record a measured time; printed
    in the terminal summary and stored as a junit property."""
    def _m(name, seconds, bound=None):
        MEASUREMENTS.append((request.node.name, name, seconds, bound))
        record_property(name, "%.3f" % seconds)
        print("MEASURED %s: %.3f s%s" % (name, seconds,
                                         "" if bound is None else " (bound %.3f s)" % bound))
    return _m


def pytest_terminal_summary(terminalreporter):
    if not MEASUREMENTS:
        return
    terminalreporter.section("measured times")
    for test, name, secs, bound in MEASUREMENTS:
        terminalreporter.write_line("%-45s %-32s %7.3f s%s" % (
            test, name, secs, "" if bound is None else "   (bound %.3f s)" % bound))
