"""Blocking calls never freeze the daemon (issue 15, section 3).

A file probe or the maintenance file on a path that hangs (a dead NFS
server; here a FUSE mount that never answers, tests/topo/lib/fusehang.py)
used to block stat() in the event loop: vtysh stopped answering, every
other object froze and every route stayed announced.  The stat() now runs
in a worker thread: the daemon keeps answering, other objects keep
changing state, the hung probe times out (a failure) and the maintenance
file keeps its last state.  At most one call per path is in flight.

Also: the file probe's `absent` (and the maintenance file) treat only
ENOENT/ENOTDIR as "absent"; ELOOP or EACCES are not "absent ⇒ healthy".

Topology and anycastd as in test_health_engine (the `engine` fixture)."""

import os
import subprocess
import time

import pytest

import topolib as T

cfg = T.configure
health = T.health_json
touch = T.touch
rm = T.rm

FUSEHANG = os.path.join(os.path.dirname(T.__file__), "fusehang.py")


def file_health(name, path, cond="present", interval=200, timeout=150):
    return ["health %s" % name, "probe file %s %s" % (path, cond),
            "interval %d" % interval, "timeout %d" % min(timeout, interval),
            "rise 1",
            "fall 1", "exit"]


def quick_show(a, name):
    """`show anycast health NAME json` must answer within a second (a
    frozen event loop does not answer at all)."""
    with a.vty(timeout=1.0) as v:
        return v.json("show anycast health %s json" % name)[name]


def worker_tasks(a):
    """{tid: state letter} of anycastd's worker threads."""
    out = {}
    base = "/proc/%d/task" % a.proc.pid
    for tid in os.listdir(base):
        try:
            with open(os.path.join(base, tid, "comm")) as f:
                if f.read().strip() != "anycast-worker":
                    continue
            with open(os.path.join(base, tid, "stat")) as f:
                out[int(tid)] = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
    return out


def blocked_workers(a):
    """Worker threads blocked in the kernel (the FUSE wait is 'D')."""
    return sum(1 for s in worker_tasks(a).values() if s == "D")


def announced_ok(t, a, flags, *extra):
    """An object "ok" on a local flag file, announcing ANYCAST_V4."""
    ok = os.path.join(flags, "ok")
    touch(ok)
    cfg(a, "anycast", *file_health("ok", ok, interval=100),
        "prefix %s" % T.ANYCAST_V4, "track ok", *extra, "exit", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    return ok


@pytest.fixture
def hang(engine, request):
    """engine + a directory in anycastd's mount namespace whose every
    access blocks until the fixture ends."""
    t, a, flags = engine
    if not os.path.exists("/dev/fuse"):
        pytest.skip("no /dev/fuse")
    d = os.path.join(t.node.dir, "hung")
    os.makedirs(d, exist_ok=True)
    # -r -w: its root and directory too (the Debian 13 root is a chroot)
    p = subprocess.Popen(["nsenter", "-m", "-r", "-w", "-t", str(a.proc.pid),
                          "/usr/bin/python3", FUSEHANG, d],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)

    def stop():
        try:
            p.stdin.close()
            p.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            p.kill()
            p.wait(timeout=5)
    request.addfinalizer(stop)
    line = p.stdout.readline().strip()
    if line != "ready":
        pytest.skip("cannot mount a FUSE file system here: %s" % line)
    return t, a, flags, d


def test_hung_stat_keeps_the_daemon_responsive(hang):
    t, a, flags, d = hang
    ok = announced_ok(t, a, flags)

    # two objects on one hung path, one on another
    cfg(a, "anycast", *file_health("h1", os.path.join(d, "flag")),
        *file_health("h2", os.path.join(d, "flag"), cond="absent"),
        *file_health("h3", os.path.join(d, "other")),
        # a process probe's pid file on the hung mount
        "health h4", "probe process pidfile %s" % os.path.join(d, "x.pid"),
        "interval 200", "timeout 150", "rise 1", "fall 1", "exit", "exit")

    # the daemon answers, within a second each time, while they hang
    for _ in range(10):
        st = quick_show(a, "h1")
        time.sleep(0.2)
    T.wait_for(lambda: quick_show(a, "h1")["timeouts"] >= 3, 5,
               desc="h1's runs time out")
    for name in ("h1", "h2", "h3", "h4"):
        st = quick_show(a, name)
        assert st["state"] == "down", st
        assert st["timeouts"] >= 2 and st["successes"] == 0, st
        assert st["lastError"].startswith("timeout after"), st

    # another object keeps changing state, its prefix follows
    rm(ok)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    assert quick_show(a, "ok")["state"] == "down"
    touch(ok)
    t.wait_peer(T.ANYCAST_V4, timeout=5)
    assert quick_show(a, "ok")["state"] == "up"

    # one call in flight per path, however many runs asked: 2 stat()
    # paths and one pid file
    assert blocked_workers(a) == 3, worker_tasks(a)

    # deleting an object whose stat() hangs is safe; the others go on
    cfg(a, "anycast", "no health h1", "exit")
    time.sleep(0.5)
    assert quick_show(a, "h2")["state"] == "down"
    assert a.alive()


def test_hung_maintenance_file_keeps_its_state(hang):
    t, a, flags, d = hang
    ok = announced_ok(t, a, flags)
    off = a.log_size()
    cfg(a, "anycast", "maintenance-file %s" % os.path.join(d, "maint"),
        "exit")
    # not draining, and the hung stat() does not change that
    T.wait_for(lambda: "stat() has not returned" in a.log_since(off), 6,
               desc="the hung maintenance stat() logged")
    assert "the drain stays off" in a.log_since(off)
    assert t.peer_has(T.ANYCAST_V4)
    # the daemon answers and the other objects go on
    quick_show(a, "ok")
    rm(ok)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    touch(ok)
    t.wait_peer(T.ANYCAST_V4, timeout=5)
    # a second poll does not start a second stat() of the same path
    time.sleep(1.5)
    assert blocked_workers(a) == 1, worker_tasks(a)
    # another maintenance file: the hung one is forgotten
    m2 = os.path.join(flags, "maint2")
    touch(m2)
    off = a.log_size()
    cfg(a, "anycast", "maintenance-file %s" % m2, "exit")
    T.wait_for(lambda: "maint2 present: draining" in a.log_since(off), 5)
    rm(m2)
    T.wait_for(lambda: "maint2 gone: drain ends" in a.log_since(off), 5)


def test_absent_needs_enoent(engine):
    """ELOOP (a symlink loop) and EACCES (a directory anycastd, user frr,
    may not search) are not "absent"."""
    t, a, flags = engine
    loop = os.path.join(flags, "loop")
    os.symlink("loop", loop)
    locked = os.path.join(flags, "locked")
    os.makedirs(locked)
    os.chmod(locked, 0)
    gone = os.path.join(flags, "gone")
    cfg(a, "anycast", *file_health("loop", loop, cond="absent"),
        *file_health("locked", os.path.join(locked, "x"), cond="absent"),
        *file_health("gone", gone, cond="absent"),
        *file_health("gonedir", os.path.join(gone, "x"), cond="absent"),
        "exit")
    T.wait_for(lambda: all(health(a, n)["runs"] >= 3
                           for n in ("loop", "locked", "gone", "gonedir")),
               5, desc="three runs each")
    st = health(a, "loop")
    assert st["state"] == "down" and st["successes"] == 0, st
    assert "cannot tell" in st["lastError"], st
    assert "Too many levels of symbolic links" in st["lastError"], st
    st = health(a, "locked")
    assert st["state"] == "down" and st["successes"] == 0, st
    assert "Permission denied" in st["lastError"], st
    # ENOENT and ENOTDIR are absent
    assert health(a, "gone")["state"] == "up"
    touch(gone)
    T.wait_for(lambda: health(a, "gone")["state"] == "down", 5)
    # gone/x with gone a plain file: ENOTDIR, absent
    T.wait_for(lambda: health(a, "gonedir")["state"] == "up", 5)


def test_maintenance_file_error_keeps_the_drain(engine):
    t, a, flags = engine
    announced_ok(t, a, flags, "drain-time 0")
    m = os.path.join(flags, "maint")
    cfg(a, "anycast", "maintenance-file %s" % m, "exit")
    touch(m)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    off = a.log_size()
    # the flag becomes a symlink loop: stat() fails with ELOOP
    rm(m)
    os.symlink("maint", m)
    T.wait_for(lambda: "the drain stays on" in a.log_since(off), 5,
               desc="the error logged")
    time.sleep(1.5)
    assert not t.peer_has(T.ANYCAST_V4)
    os.unlink(m)
    t.wait_peer(T.ANYCAST_V4, timeout=5)
