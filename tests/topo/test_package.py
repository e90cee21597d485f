"""The frr-anycastd Debian package, installed next to Debian's frr.

Installs the .deb with dpkg on this machine (ANYCASTD_DEB, or one built by
tools/pkg-build into a temp dir -- minutes), checks the diversions of
vtysh and frr-reload.py, runs zebra/staticd/bgpd and the *installed*
anycastd in the test namespaces, configures it through the installed
(diverted) /usr/bin/vtysh, sees the route in zebra and at the BGP peer,
applies an edited frr.conf with the installed (diverted) frr-reload.py,
stops it, purges the package and checks that Debian's vtysh and
frr-reload.py are back and nothing of the package is left.  frr.service is
never started (policy-rc.d while dpkg runs).  The same on Debian 12 (frr
8.4) and 13 (frr 10.3): the .deb is built on the release it installs on."""

import glob
import os
import shutil
import subprocess
import tempfile

import pytest

import topolib as T
import test_frr_reload
import test_grpc

PKG = "frr-anycastd"
GRPC_PKG = "frr-anycastd-grpc"
DIVERTED = {
    "/usr/bin/vtysh": "/usr/bin/vtysh.frr",
    "/usr/lib/frr/frr-reload.py": "/usr/lib/frr/frr-reload.py.frr",
}
INSTALLED_ANYCASTD = "/usr/lib/frr/anycastd"
GRPC_MODULE = "/usr/lib/%s/frr/modules/anycastd_grpc.so" % subprocess.run(
    ["dpkg-architecture", "-qDEB_HOST_MULTIARCH"], stdout=subprocess.PIPE,
    universal_newlines=True).stdout.strip()
PKG_GRPC_PORT = 50063
INSTALLED_VTYSH = "/usr/bin/vtysh"
INSTALLED_RELOAD = "/usr/lib/frr/frr-reload.py"
# debhelper puts the unit in /lib/systemd/system on Debian 12 and in
# /usr/lib/systemd/system on 13 (the same directory on a merged /usr)
UNIT_DIRS = ("/lib/systemd/system", "/usr/lib/systemd/system")
POLICY = "/usr/sbin/policy-rc.d"


def sh(*argv, check=True, timeout=600):
    res = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, timeout=timeout)
    if check and res.returncode != 0:
        raise AssertionError("%s failed (rc=%d):\n%s" % (" ".join(argv), res.returncode,
                                                          res.stdout))
    return res


def pkg_status(name):
    res = sh("dpkg-query", "-W", "-f=${Status}", name, check=False)
    return res.stdout.strip() if res.returncode == 0 else ""


def diversions():
    return [ln for ln in sh("dpkg-divert", "--list").stdout.splitlines()
            if "vtysh" in ln or "frr-reload" in ln or PKG in ln]


def deb_paths(deb):
    """Files and links the .deb ships (directories left out)."""
    res = subprocess.run("dpkg-deb --fsys-tarfile '%s' | tar -tvf -" % deb, shell=True,
                         stdout=subprocess.PIPE, universal_newlines=True, check=True)
    paths = []
    for ln in res.stdout.splitlines():
        if ln.startswith("d"):
            continue
        name = ln.split(None, 5)[5].split(" -> ")[0]
        paths.append(name[1:] if name.startswith(".") else name)
    return paths


def grpc_deb(deb):
    """frr-anycastd-grpc's .deb, built next to frr-anycastd's."""
    found = glob.glob(os.path.join(os.path.dirname(deb), GRPC_PKG + "_*.deb"))
    assert len(found) == 1, "no single %s .deb next to %s: %s" % (GRPC_PKG, deb, found)
    return found[0]


def _restore_frr():
    """Last resort after a failure: purge, and give FRR its files back."""
    if pkg_status(GRPC_PKG):
        sh("dpkg", "--purge", GRPC_PKG, check=False)
    if pkg_status(PKG):
        sh("dpkg", "--purge", PKG, check=False)
    for path, divert in DIVERTED.items():
        if any(path in d for d in diversions()):
            sh("dpkg-divert", "--package", PKG, "--remove", "--rename",
               "--divert", divert, path, check=False)


@pytest.fixture(scope="module")
def deb():
    if os.geteuid() != 0:
        pytest.skip("needs root (dpkg -i)")
    if "ok installed" not in pkg_status("frr"):
        pytest.skip("Debian's frr is not installed")
    if pkg_status(PKG) or pkg_status(GRPC_PKG):
        pytest.skip("%s is already installed on this machine; the test installs "
                    "and purges it" % PKG)
    path = os.environ.get("ANYCASTD_DEB")
    if path:
        assert os.path.isfile(path), "ANYCASTD_DEB=%s does not exist" % path
        yield path
        return
    out = tempfile.mkdtemp(prefix="anycastd-deb.")
    try:
        res = sh(os.path.join(T.REPO, "tools", "pkg-build"), out, timeout=900)
        yield res.stdout.strip().splitlines()[-1]
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def installed(deb):
    own_policy = not os.path.exists(POLICY)
    if own_policy:
        with open(POLICY, "w") as f:
            f.write("#!/bin/sh\nexit 101\n")
        os.chmod(POLICY, 0o755)
    try:
        sh("dpkg", "-i", deb, grpc_deb(deb))
        yield deb
    finally:
        try:
            _restore_frr()
        finally:
            if own_policy:
                os.unlink(POLICY)


def test_lintian_no_errors(deb):
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed")
    res = sh("lintian", deb, grpc_deb(deb), check=False)
    errors = [ln for ln in res.stdout.splitlines() if ln.startswith("E:")]
    assert errors == [], res.stdout


def test_install_configure_route_purge(installed, request, monkeypatch):
    deb = installed
    # ---- installed: diversions, files, links
    assert "install ok installed" in pkg_status(PKG)
    divs = diversions()
    for path, divert in DIVERTED.items():
        assert any(("diversion of %s to %s by %s" % (path, divert, PKG)) == d
                   for d in divs), divs
    assert os.path.realpath(INSTALLED_VTYSH) == "/usr/lib/frr-anycastd/vtysh"
    assert os.path.realpath("/usr/lib/frr/frr-reload.py") == "/usr/lib/frr-anycastd/frr-reload.py"
    assert os.access("/usr/bin/vtysh.frr", os.X_OK), "Debian's vtysh not kept aside"
    for f in (INSTALLED_ANYCASTD, "/usr/share/yang/frr-anycastd.yang",
              "/usr/share/man/man8/anycastd.8.gz",
              "/usr/share/doc/frr-anycastd/examples/anycastd.conf"):
        assert os.path.exists(f), f
    units = [p for p in deb_paths(deb)
             if os.path.dirname(p) in UNIT_DIRS and p.endswith("/anycastd.service")]
    assert len(units) == 1, deb_paths(deb)
    with open(units[0]) as f:
        unit = f.read()
    assert "ExecStart=%s " % INSTALLED_ANYCASTD in unit, unit
    # a frozen daemon is killed and restarted (test_watchdog.py: the
    # keepalives come from the event loop)
    assert "\nWatchdogSec=10s\n" in unit and "\nRestart=on-failure\n" in unit, unit
    # the installed scripts run by their own #! line: the release's python3
    with open(INSTALLED_RELOAD) as f:
        assert f.readline().strip() == "#!/usr/bin/python3"
    # reinstalling (preinst "upgrade") keeps exactly one diversion each
    sh("dpkg", "-i", deb)
    assert diversions() == divs, diversions()
    assert os.path.realpath(INSTALLED_VTYSH) == "/usr/lib/frr-anycastd/vtysh"
    ver = sh("dpkg-query", "-W", "-f=${Version}", "frr").stdout
    depends = sh("dpkg-query", "-W", "-f=${Depends}", PKG).stdout
    assert "frr (= %s)" % ver in depends, depends
    recommends = sh("dpkg-query", "-W", "-f=${Recommends}", PKG).stdout
    assert "frr-pythontools (= %s)" % ver in recommends, recommends

    # ---- the installed daemon and vtysh in the test namespaces
    monkeypatch.setattr(T, "ANYCASTD", INSTALLED_ANYCASTD)
    monkeypatch.setattr(T, "VTYSH", INSTALLED_VTYSH)
    t = request.getfixturevalue("topo")
    a = t.anycastd(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    t.service.start()
    res = t.node.vtysh("configure terminal",
                       *[ln for ln in T.anycast_block(prefixes=(T.ANYCAST_V4,)).splitlines()
                         if ln.strip() != "!"])
    assert res.returncode == 0, res.stdout + res.stderr
    T.wait_for(lambda: t.zebra_anycast_route(T.ANYCAST_V4) is not None, 15,
               desc="%s in zebra" % T.ANYCAST_V4)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    res = t.node.vtysh("show running-config")
    assert res.returncode == 0 and "prefix %s" % T.ANYCAST_V4 in res.stdout, res.stdout
    res = t.node.vtysh("show ip route %s" % T.ANYCAST_V4)
    assert T.ANYCAST_V4 in res.stdout, res.stdout

    # ---- the installed frr-reload.py, run as an operator runs it: an
    # edited frr.conf (the running config, the IPv6 prefix added to the
    # anycast block) is listed by --test as exactly that, and --reload
    # brings the prefix to zebra and the peer
    r = test_frr_reload.Reloader(t)
    r.write(T.anycast_block(prefixes=(T.ANYCAST_V4, T.ANYCAST_V6)))

    def reload(mode):
        res = T.run([INSTALLED_RELOAD, mode, "--stdout",
                     "--bindir", os.path.dirname(INSTALLED_VTYSH),
                     "--vty_socket", t.node.dir, "--confdir", r.confdir,
                     "--rundir", t.node.dir, r.conf], ns=t.node.ns, check=False, timeout=120)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    out = reload("--test")
    cmds = test_frr_reload.parse_test_output(out)
    new = ("anycast", "prefix %s" % T.ANYCAST_V6)
    assert cmds["del"] == [] and new in cmds["add"], out
    assert all(c[:2] == new for c in cmds["add"]), out
    reload("--reload")
    T.wait_for(lambda: t.zebra_anycast_route(T.ANYCAST_V6) is not None, 15,
               desc="%s in zebra" % T.ANYCAST_V6)
    t.wait_peer(T.ANYCAST_V6, timeout=15)
    t.wait_peer(T.ANYCAST_V4, timeout=5)

    # ---- frr-anycastd-grpc: `-M grpc:PORT` loads the installed module by
    # name (<moduledir>/anycastd_grpc.so) and serves the northbound
    assert os.path.isfile(GRPC_MODULE), GRPC_MODULE
    assert sh("dpkg", "-S", GRPC_MODULE).stdout.startswith(GRPC_PKG + ": ")
    assert a.stop(), "the installed anycastd did not exit on SIGTERM"
    a.set_conf(T.anycastd_conf(t.node.dir, block=T.anycast_block(prefixes=(T.ANYCAST_V4,))))
    a.extra_args = ["--table-instance", str(T.TABLE_INSTANCE), "-M",
                    "grpc:%d" % PKG_GRPC_PORT]
    a.start()
    (caps,) = test_grpc.Client(t, port=PKG_GRPC_PORT).run(("caps",))
    assert "frr-anycastd" in caps.get("modules", []), caps
    t.wait_peer(T.ANYCAST_V4, timeout=15)

    # ---- stop: the prefix is withdrawn
    assert a.stop(), "the installed anycastd did not exit on SIGTERM"
    T.wait_for(lambda: t.zebra_anycast_route(T.ANYCAST_V4) is None, 10,
               desc="%s gone from zebra" % T.ANYCAST_V4)
    t.wait_peer(T.ANYCAST_V4, timeout=10, present=False)

    # ---- purge: Debian's vtysh and frr-reload.py are back, nothing left
    shipped = deb_paths(deb) + deb_paths(grpc_deb(deb))
    # remove already gives FRR its files back; purge after it is a no-op there
    sh("dpkg", "--remove", GRPC_PKG, PKG)
    assert diversions() == [], diversions()
    assert os.path.isfile(INSTALLED_VTYSH) and not os.path.islink(INSTALLED_VTYSH)
    sh("dpkg", "--purge", GRPC_PKG, PKG)
    for name in (PKG, GRPC_PKG):
        assert pkg_status(name) == "" or "not-installed" in pkg_status(name)
    assert diversions() == [], diversions()
    assert sh("dpkg", "-S", "/usr/bin/vtysh").stdout.startswith("frr: "), \
        sh("dpkg", "-S", "/usr/bin/vtysh").stdout
    assert os.path.isfile(INSTALLED_VTYSH) and not os.path.islink(INSTALLED_VTYSH)
    assert not os.path.exists("/usr/bin/vtysh.frr")
    assert not os.path.exists("/usr/lib/frr/frr-reload.py.frr")
    if "ok installed" in pkg_status("frr-pythontools"):
        assert os.path.isfile("/usr/lib/frr/frr-reload.py")
        assert not os.path.islink("/usr/lib/frr/frr-reload.py")
    for p in shipped:
        if p in DIVERTED:
            continue
        assert not os.path.lexists(p), "%s left after purge" % p
    assert not os.path.exists("/usr/lib/frr-anycastd")
    assert "install ok installed" in pkg_status("frr")
