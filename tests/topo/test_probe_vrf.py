"""Probes in a VRF (issue 4 §4): `vrf NAME` on a health object makes its
tcp, http, dns and icmp probes open their sockets in that VRF.

This kernel has no CONFIG_NET_VRF, so the VRF is one of zebra's netns VRFs
(topolib.vrf_netns_args: every named network namespace is a VRF): the test's "-blue"
namespace holds the services on 198.51.100.200, which the default VRF (the
node namespace) cannot reach at all.  Real zebra/bgpd/anycastd, gobgpd
peer (see conftest.py)."""

import os
import subprocess

import pytest

import topolib as T
from conftest import netns_vrf_topo

cfg = T.configure
health = T.health_json
anycast_block = T.running_anycast_block

ADDR = "198.51.100.200"
DNSMASQ = "/usr/sbin/dnsmasq"
PY = "/usr/bin/python3"
FAST = 10


def probe_health(name, probe, vrf=None):
    return (["health %s" % name, probe] + (["vrf %s" % vrf] if vrf else [])
            + ["interval 200", "timeout 150", "rise 1", "fall 1", "exit"])


def start_in(t, ns, name, argv):
    p = subprocess.Popen(["ip", "netns", "exec", ns] + argv,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    proc = T.Proc(name, p.pid, popen=p)
    t.register(proc)
    return proc


@pytest.fixture
def blue(topo, engine):
    """The VRF namespace with an HTTP server (tcp/http), dnsmasq (dns) and
    its address (icmp); deleted (and its processes killed) afterwards."""
    t, a, flags = engine
    vrf = t.node.ns.replace("-node", "-blue")
    T.run(["ip", "netns", "add", vrf])
    t.namespaces.append(vrf)  # teardown kills what runs in it, deletes it
    T.run(["ip", "link", "set", "lo", "up"], ns=vrf)
    T.run(["ip", "addr", "add", "%s/32" % ADDR, "dev", "lo"], ns=vrf)
    www = os.path.join(t.basedir, "www")
    os.makedirs(www, exist_ok=True)
    with open(os.path.join(www, "health"), "w") as f:
        f.write("blue ok\n")
    http = start_in(t, vrf, "http", [PY, "-m", "http.server", "--bind", ADDR,
                                     "--directory", www, "8080"])
    dns = None
    if os.access(DNSMASQ, os.X_OK):
        dns = start_in(t, vrf, "dnsmasq", [
            DNSMASQ, "--keep-in-foreground", "--conf-file=/dev/null",
            "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=",
            "--bind-interfaces", "--listen-address=%s" % ADDR, "--port=53",
            "--local=/example.test/", "--host-record=svc.example.test,%s" % ADDR])
    T.wait_for(lambda: T.run(["bash", "-c", "echo > /dev/tcp/%s/8080" % ADDR],
                             ns=vrf, check=False).returncode == 0, 10, 0.1,
               "the HTTP server in the VRF")
    # zebra knows the VRF
    T.wait_for(lambda: vrf in t.node.daemon("zebra").show("show vrf"), 10,
               0.1, "zebra's VRF %s" % vrf)
    return t, a, vrf, http, dns


@netns_vrf_topo
def test_probes_in_vrf(topo, blue):
    t, a, vrf, http, dns = blue
    probes = {
        "tcp": "probe tcp %s port 8080" % ADDR,
        "http": "probe http http://%s:8080/health expect-body blue" % ADDR,
        "icmp": "probe icmp %s" % ADDR,
    }
    if dns:
        probes["dns"] = ("probe dns %s query svc.example.test expect-answer %s"
                         % (ADDR, ADDR))
    lines = ["anycast"]
    for kind, probe in probes.items():
        lines += probe_health(kind, probe, vrf)
        # the same probe in the default VRF: the address is unreachable
        lines += probe_health(kind + "-default", probe)
    lines += ["prefix %s" % T.ANYCAST_V4, "track tcp", "exit", "exit"]
    cfg(a, *lines)

    for kind in probes:
        T.wait_for(lambda: health(a, kind)["state"] == "up", FAST,
                   desc="%s probe up in vrf %s" % (kind, vrf))
        h = health(a, kind + "-default")
        assert h["state"] != "up", h
        assert "(vrf %s)" % vrf in str(health(a, kind)), health(a, kind)
    t.wait_peer(T.ANYCAST_V4, timeout=FAST)

    # the service in the VRF stops: the tcp probe in the VRF goes down and
    # the prefix is withdrawn at the peer
    http.stop()
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=FAST)
    assert health(a, "tcp")["state"] == "down"
    assert health(a, "icmp")["state"] == "up"  # the VRF itself is fine


@netns_vrf_topo
def test_unknown_vrf_and_config(topo, engine):
    t, a, flags = engine
    cfg(a, "anycast", *probe_health("x", "probe tcp %s port 8080" % ADDR,
                                     "nosuch"),
        "exit")
    T.wait_for(lambda: "vrf nosuch is not known to zebra" in
               health(a, "x")["lastError"], FAST)
    assert health(a, "x")["state"] == "down"
    block = anycast_block(a.running_config())
    assert "  vrf nosuch\n" in block, block

    before = a.running_config()
    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("anycast")
        v.ok("health x")
        status, text = v.cmd("vrf " + "v" * 37)
        assert status != 0 and "too long" in text, text
        v.ok("end")
    assert a.running_config() == before
    # `vrf default` is the default: not shown; `no vrf` likewise
    cfg(a, "anycast", "health x", "vrf default", "exit", "exit")
    assert "vrf" not in anycast_block(a.running_config())
    cfg(a, "anycast", "health x", "vrf nosuch", "exit", "exit")
    cfg(a, "anycast", "health x", "no vrf", "exit", "exit")
    assert "vrf" not in anycast_block(a.running_config())
