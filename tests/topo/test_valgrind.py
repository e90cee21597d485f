"""Issue 7 section 2: one integration scenario with anycastd under valgrind
memcheck (0 errors, 0 definitely lost bytes).

anycastd runs in the foreground (not daemonized, so valgrind sees the whole
process life) in the node namespace:

    valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite
             --error-exitcode=99 --xml=yes --xml-file=... anycastd ...

Scenario: tcp, http, dns and exec probes; a prefix withdrawn and announced
again at the gobgpd peer (service stopped/started, exec flag removed/put
back); configuration changes through the vty (an object and a prefix added,
changed, removed); then SIGTERM.  The XML report is parsed: no error of any
kind but leaks, no definitely lost block; possibly lost blocks are printed,
not failed (libfrr's pthreads/RCU keep interior pointers).

Valgrind makes anycastd 20-50x slower: probe intervals are 2 s with 1.5 s
timeouts, and every wait allows 60 s or more."""

import os
import shutil
import xml.etree.ElementTree as ET

import pytest

import topolib as T
from test_probe_dns import ZONE_A, ZONE_NAME, DnsResponder
from test_probe_http import HttpServer

VALGRIND = "/usr/bin/valgrind"
HTTP_PORT = 8081
WAIT = 90


def block(flag, metrics):
    def obj(name, probe):
        return [" health %s" % name, "  " + probe, "  interval 2000", "  timeout 1500",
                "  rise 2", "  fall 2", " exit", " !"]
    lines = ["anycast"]
    lines += obj("web", "probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT))
    lines += obj("http", "probe http http://%s:%d/state expect-body ok"
                 % (T.SERVICE_ADDR, HTTP_PORT))
    lines += obj("dns", "probe dns %s query %s expect-answer %s"
                 % (T.SERVICE_ADDR, ZONE_NAME, ZONE_A))
    lines += obj("ex", "probe exec /usr/bin/test -e %s" % flag)
    lines += [" prefix %s" % T.ANYCAST_V4, "  track web", "  track http", " exit", " !",
              " prefix %s" % T.ANYCAST_V6, "  track dns", "  track ex", " exit", " !",
              # rendered per loop turn, written by a thread (issue 15)
              " metrics textfile %s interval 1" % metrics,
              "exit", "!"]
    return "\n".join(lines) + "\n"


def memcheck_report(path):
    """(errors [(kind, what)], definitely lost bytes, possibly lost bytes)."""
    root = ET.parse(path).getroot()
    errors, definite, possible = [], 0, 0
    for e in root.iter("error"):
        kind = e.findtext("kind")
        what = e.findtext("what") or e.findtext("xwhat/text") or ""
        leaked = int(e.findtext("xwhat/leakedbytes") or 0)
        if kind == "Leak_DefinitelyLost":
            definite += leaked
            errors.append((kind, what))
        elif kind in ("Leak_PossiblyLost", "Leak_IndirectlyLost", "Leak_StillReachable"):
            possible += leaked if kind == "Leak_PossiblyLost" else 0
        else:
            errors.append((kind, what))
    return errors, definite, possible


def test_anycastd_under_valgrind(topo):
    from conftest import require_anycastd
    require_anycastd()
    if not os.access(VALGRIND, os.X_OK):
        pytest.skip("valgrind missing (apt-get install valgrind)")
    t = topo
    flags = os.path.join(t.node.dir, "flags")
    os.makedirs(flags, exist_ok=True)
    os.chmod(flags, 0o755)
    flag = os.path.join(flags, "ex-ok")
    T.touch(flag)
    mdir = os.path.join(t.node.dir, "metrics")
    T.make_frr_dir(mdir)
    metrics = os.path.join(mdir, "one.prom")
    svc = t.service.start()
    HttpServer(t, HTTP_PORT).start()
    DnsResponder(t).start()

    # %p: one file per process (exec probes fork; --child-silent-after-fork
    # keeps the children quiet, the file name keeps them apart anyway)
    xml = os.path.join(t.node.dir, "memcheck.%p.xml")
    a = t.anycastd(T.anycastd_conf(t.node.dir, block(flag, metrics)))
    a.wrapper = [VALGRIND, "--tool=memcheck", "--leak-check=full",
                 "--errors-for-leak-kinds=definite", "--error-exitcode=99",
                 "--child-silent-after-fork=yes",
                 "--num-callers=30", "--xml=yes", "--xml-file=" + xml,
                 "--log-file=" + os.path.join(t.node.dir, "memcheck.log")]
    a.start(timeout=120, foreground=True)

    t.wait_peer(T.ANYCAST_V4, timeout=WAIT)
    t.wait_peer(T.ANYCAST_V6, timeout=WAIT)

    # withdrawn and announced again at the peer: tcp service, exec flag
    svc.stop()
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=WAIT)
    svc.start()
    t.wait_peer(T.ANYCAST_V4, timeout=WAIT)
    T.rm(flag)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=WAIT)
    T.touch(flag)
    t.wait_peer(T.ANYCAST_V6, timeout=WAIT)

    # configuration changes through the vty: add, change, remove
    extra = "203.0.113.128/25"
    T.configure(a, "anycast", "health extra",
                "probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT),
                "interval 2000", "timeout 1500", "rise 1", "exit",
                "prefix %s" % extra, "track extra", "exit")
    t.wait_peer(extra, timeout=WAIT)
    T.configure(a, "anycast", "health extra", "interval 3000",
                "probe http http://%s:%d/state" % (T.SERVICE_ADDR, HTTP_PORT), "exit")
    assert "probe http" in a.running_config()
    T.configure(a, "anycast", "no prefix %s" % extra, "no health extra")
    t.wait_peer(extra, present=False, timeout=WAIT)
    assert "extra" not in a.running_config()
    a.show("show anycast health")
    a.show_json("show anycast prefix json")
    # the textfile: written, moved to another path (the old one removed)
    T.wait_for(lambda: os.path.exists(metrics), WAIT, desc="metrics written")
    other = os.path.join(mdir, "two.prom")
    T.configure(a, "anycast", "metrics textfile %s interval 1" % other)
    T.wait_for(lambda: os.path.exists(other) and not os.path.exists(metrics), WAIT,
               desc="metrics moved")
    a.show("show anycast metrics")

    # SIGTERM: a clean exit, then valgrind's verdict
    assert a.stop(timeout=180), "anycastd under valgrind did not exit on SIGTERM"
    assert os.listdir(mdir) == [], os.listdir(mdir)
    rc = a.exit_status(timeout=30)
    xml = xml.replace("%p", str(a.proc.pid))
    with open(xml) as f:
        assert "<state>FINISHED</state>" in f.read(), \
            "valgrind's report %s is incomplete" % xml
    errors, definite, possible = memcheck_report(xml)
    print("valgrind: exit %s, %d errors, %d bytes definitely lost, %d bytes possibly lost"
          % (rc, len(errors), definite, possible))
    keep = os.environ.get("VALGRIND_KEEP")
    if keep:
        shutil.copy(xml, keep)
    assert not errors, "memcheck errors:\n" + "\n".join("%s: %s" % e for e in errors)
    assert definite == 0
    assert rc == 0, "anycastd under valgrind exited %s (99 = memcheck errors)" % rc
