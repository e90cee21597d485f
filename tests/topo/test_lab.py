"""The README's first command, for real: `tools/lab demo` (= `tools/lab up`
with its narration, then `tools/lab down`) as a subprocess.

Asserted from its output: the client is answered by site A, then -- after
site A's DNS server is killed -- by site B, then by site A again, with a
measured failover time.  Asserted afterwards: no acdlab namespace, no lab
process (by the PIDs the lab printed and by command line), no state dir.
"""

import os
import re
import signal
import subprocess

import pytest

import topolib as T
from conftest import require_anycastd, require_vtysh

LAB = os.path.join(T.REPO, "tools", "lab")
STATE_DIR = "/run/anycastd-lab"
TIMEOUT = 240


def lab_namespaces():
    return [ns for ns in T.list_namespaces() if ns.startswith("acdlab-")]


def lab_processes():
    """(pid, cmdline) of processes whose command line belongs to the lab."""
    out = []
    for ent in os.listdir("/proc"):
        if not ent.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % ent, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if STATE_DIR in cmd or "site.example.test" in cmd:
            out.append((int(ent), cmd))
    return out


def test_lab_demo_fails_over_and_leaves_nothing():
    missing = T.prerequisites()
    if missing:
        pytest.skip("prerequisites missing: " + ", ".join(missing))
    require_anycastd()
    require_vtysh()
    for b in ("/usr/sbin/dnsmasq", "/usr/bin/dig"):
        if not os.access(b, os.X_OK):
            pytest.skip("%s missing (tools/deps)" % b)
    if lab_namespaces() or os.path.exists(STATE_DIR):
        pytest.skip("a lab is up on this machine (tools/lab down); not touching it")

    p = subprocess.Popen([LAB, "demo"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        subprocess.run([LAB, "down"], capture_output=True, timeout=60)
        pytest.fail("tools/lab demo did not finish in %d s:\n%s" % (TIMEOUT, out[-6000:]))
    print(out)
    assert p.returncode == 0, "tools/lab demo failed (rc %d):\n%s" % (p.returncode, out[-6000:])

    # the narration, in order
    marks = ["lab: answered by site A\n", "lab: answered by site B\n",
             "lab: answered by site A again\n", "lab: the lab is down\n"]
    pos = [out.find(m) for m in marks]
    assert all(i >= 0 for i in pos), "missing %s in:\n%s" % (
        [m for m, i in zip(marks, pos) if i < 0], out)
    assert pos == sorted(pos), "out of order: %s" % pos
    m = re.search(r"FAILOVER: client answered by site B (\d+\.\d+) s after", out)
    assert m, out
    failover = float(m.group(1))
    assert 0 < failover < 10, failover
    assert re.search(r"upstream: best path for 203\.0\.113\.0/24 via 192\.0\.2\.5 \(site B\)",
                     out), out
    m = re.search(r"FAILBACK: client answered by site A (\d+\.\d+) s after", out)
    assert m and float(m.group(1)) < 10, out

    # nothing left behind
    assert lab_namespaces() == []
    assert not os.path.exists(STATE_DIR)
    assert lab_processes() == []
    pids = {int(x) for x in re.findall(r"\bpid (\d+)", out)}
    assert len(pids) >= 10, pids  # FRR x5, gobgpd, anycastd x2, dnsmasq x3, router
    for pid in pids:
        st = T.proc_starttime(pid)
        if st is not None:  # only a recycled PID may be alive: not one of ours
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read()
            assert b"anycastd-lab" not in cmd and b"dnsmasq" not in cmd, (pid, cmd)
    # a second down is harmless
    r = subprocess.run([LAB, "down"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "nothing to tear down" in r.stdout, r.stdout + r.stderr
