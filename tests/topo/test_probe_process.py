"""process probe scenarios: up while a process runs, down at once when it
dies (pidfd, not the interval), a restarted process picked up again.

Topology and anycastd as in test_health_engine (the `engine` style: empty
anycast block, configured through the vty).  The watched processes are
`sleep`s the test starts itself in the node namespace and kills by PID.
The health objects use interval 10000 with rise 1 / fall 1: a withdraw
within 2 s of `kill -9` can only come from the event-driven detection."""

import os
import pwd
import shutil
import signal
import subprocess
import time

import pytest

import topolib as T

INTERVAL = 10000


cfg = T.configure


def cfg_fail(a, *lines):
    """The last line is rejected with a `% ...` message: its text."""
    with a.vty() as v:
        v.ok("configure terminal")
        for line in lines[:-1]:
            v.ok(line)
        status, text = v.cmd(lines[-1])
        v.ok("end")
    assert status != 0 and "%" in text, (lines[-1], status, text)
    return text


def health(a, name="svc"):
    return a.show_json("show anycast health %s json" % name)[name]


def probe_lines(a):
    return [ln for ln in T.anycast_section(a.running_config())
            if ln.strip().startswith("probe ")]


def process_health(target, name="svc", interval=INTERVAL):
    return ["health %s" % name, "probe process %s" % target,
            "interval %d" % interval, "rise 1", "fall 1", "exit"]


class Procs:
    """The processes a test starts in the node namespace (killed by PID)."""

    def __init__(self, t):
        self.t = t
        self.popens = []

    def start(self, binary="/bin/sleep", pidfile=None):
        p = subprocess.Popen(["ip", "netns", "exec", self.t.node.ns,
                              binary, "600"],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        self.popens.append(p)
        want = os.path.basename(binary)[:15]

        def execed():
            with open("/proc/%d/comm" % p.pid) as f:
                return f.read().strip() == want
        T.wait_for(execed, 5, 0.01, "pid %d to exec %s" % (p.pid, binary))
        if pidfile:
            tmp = pidfile + ".tmp"
            with open(tmp, "w") as f:
                f.write("%d\n" % p.pid)
            os.chmod(tmp, 0o644)
            os.rename(tmp, pidfile)
        return p

    def kill9(self, p):
        os.kill(p.pid, signal.SIGKILL)

    def reap(self, p):
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def cleanup(self):
        for p in self.popens:
            if p.poll() is None:
                try:
                    os.kill(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.reap(p)


@pytest.fixture
def engine(request):
    """topology + an anycastd with an empty anycast config, started; a
    directory readable by anycastd (user frr) and the process list."""
    from conftest import require_anycastd
    require_anycastd()
    t = request.getfixturevalue("topo")
    a = t.anycastd(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    d = os.path.join(t.node.dir, "proc")
    os.makedirs(d, exist_ok=True)
    os.chmod(d, 0o755)
    procs = Procs(t)
    request.addfinalizer(procs.cleanup)
    return t, a, d, procs


def pidfds(a):
    """{fd: pid} of the pidfds anycastd holds."""
    out = {}
    base = "/proc/%d/fd" % a.proc.pid
    for fd in os.listdir(base):
        try:
            if os.readlink(os.path.join(base, fd)) != "anon_inode:[pidfd]":
                continue
            with open("/proc/%d/fdinfo/%s" % (a.proc.pid, fd)) as f:
                for ln in f:
                    if ln.startswith("Pid:"):
                        out[int(fd)] = int(ln.split()[1])
        except OSError:
            continue
    return out


def last_down(st):
    for e in st["history"]:
        if e["to"] == "down":
            return e
    return None


# --------------------------------------------------------------------------


def test_process_pidfile_death_and_restart(engine):
    t, a, d, procs = engine
    pf = os.path.join(d, "svc.pid")
    p1 = procs.start(pidfile=pf)
    cfg(a, "anycast", *process_health("pidfile " + pf),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    st = health(a)
    assert st["state"] == "up" and st["probe"] == "process", st
    assert st["target"] == "process pidfile " + pf, st
    assert st["lastDetail"] == "pid %d" % p1.pid, st
    assert probe_lines(a) == ["  probe process pidfile " + pf]
    T.wait_for(lambda: p1.pid in pidfds(a).values(), 5,
               desc="anycastd watching pid %d" % p1.pid)
    runs = health(a)["runs"]

    # kill -9: withdrawn long before the 10 s interval
    procs.kill9(p1)
    took = t.wait_peer(T.ANYCAST_V4, present=False, timeout=8)
    assert took < 2.0, "withdraw took %.2f s (interval %d ms)" % (took, INTERVAL)
    st = health(a)
    assert st["state"] == "down", st
    # exactly one more run: the kicked one, not the interval
    assert st["runs"] == runs + 1, st
    assert st["lastError"] == "pid %d from %s is not running" % (p1.pid, pf), st
    e = last_down(st)
    assert e is not None and e["from"] == "up", st["history"]
    assert not t.peer_has(T.ANYCAST_V4)
    procs.reap(p1)
    T.wait_for(lambda: not pidfds(a), 5, desc="the dead pid's watch released")

    # restarted (new pid, pid file rewritten): found by the next run
    p2 = procs.start(pidfile=pf)
    assert p2.pid != p1.pid
    with a.vty() as v:
        v.ok("clear anycast health svc")
    t.wait_peer(T.ANYCAST_V4, timeout=5)
    st = health(a)
    assert st["state"] == "up" and st["lastDetail"] == "pid %d" % p2.pid, st
    T.wait_for(lambda: list(pidfds(a).values()) == [p2.pid], 5,
               desc="watching the new pid only")

    # and it is watched again: its death is seen at once as well
    procs.kill9(p2)
    took = t.wait_peer(T.ANYCAST_V4, present=False, timeout=8)
    assert took < 2.0, took
    procs.reap(p2)


def test_process_death_is_definitive_whatever_fall(engine):
    """Issue 17: with fall 3 the death seen through the pidfd only made the
    object `falling`: the prefix stayed announced for two more intervals
    (2 s with the default interval 1000).  A process that exited is not a
    sample: the object goes down on the event; recovery still needs rise."""
    t, a, d, procs = engine
    pf = os.path.join(d, "svc.pid")
    p1 = procs.start(pidfile=pf)
    cfg(a, "anycast", "health svc", "probe process pidfile " + pf,
        "interval %d" % INTERVAL, "rise 1", "fall 3", "exit",
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    T.wait_for(lambda: p1.pid in pidfds(a).values(), 5,
               desc="anycastd watching pid %d" % p1.pid)
    procs.kill9(p1)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=5)
    st = health(a)
    assert st["state"] == "down", st
    e = last_down(st)
    assert e is not None and e["from"] == "up", st["history"]
    procs.reap(p1)


def test_process_restart_found_by_interval(engine):
    """Without `clear`: the interval's run finds the new process."""
    t, a, d, procs = engine
    pf = os.path.join(d, "svc.pid")
    p1 = procs.start(pidfile=pf)
    cfg(a, "anycast", *process_health("pidfile " + pf, interval=1500),
        "prefix %s" % T.ANYCAST_V6, "track svc", "exit")
    t.wait_peer(T.ANYCAST_V6, timeout=10)
    procs.kill9(p1)
    procs.reap(p1)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=5)
    p2 = procs.start(pidfile=pf)
    t.wait_peer(T.ANYCAST_V6, timeout=5)
    assert health(a)["lastDetail"] == "pid %d" % p2.pid


def test_process_by_name(engine):
    t, a, d, procs = engine
    name = "acdp%d" % (os.getpid() % 100000)
    binary = os.path.join(d, name)
    shutil.copy("/bin/sleep", binary)
    os.chmod(binary, 0o755)
    cfg(a, "anycast", *process_health("name " + name),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    T.wait_for(lambda: health(a)["state"] == "down", 5)
    assert health(a)["lastError"] == "no process named %s" % name
    assert probe_lines(a) == ["  probe process name " + name]

    p1 = procs.start(binary=binary)
    with a.vty() as v:
        v.ok("clear anycast health svc")
    t.wait_peer(T.ANYCAST_V4, timeout=5)
    st = health(a)
    assert st["lastDetail"] == "pid %d" % p1.pid, st
    assert st["target"] == "process name " + name, st

    procs.kill9(p1)
    took = t.wait_peer(T.ANYCAST_V4, present=False, timeout=8)
    assert took < 2.0, took
    # not reaped yet: a zombie does not count as running
    assert health(a)["lastError"] == "no process named %s" % name
    procs.reap(p1)

    procs.start(binary=binary)
    with a.vty() as v:
        v.ok("clear anycast health svc")
    t.wait_peer(T.ANYCAST_V4, timeout=5)


def test_process_pidfile_errors(engine):
    t, a, d, procs = engine
    pf = os.path.join(d, "missing.pid")
    cfg(a, "anycast", *process_health("pidfile " + pf), "exit")
    # runs counts a run when it starts; the worker thread answers after
    T.wait_for(lambda: health(a)["state"] != "init", 5)
    st = health(a)
    assert st["state"] == "down", st
    assert st["lastError"] == "pidfile %s: No such file or directory" % pf, st

    with open(pf, "w") as f:
        f.write("12x\n")
    os.chmod(pf, 0o644)
    with a.vty() as v:
        v.ok("clear anycast health svc")
    T.wait_for(lambda: "no valid pid" in health(a)["lastError"], 5)

    # a pid that does not exist (reaped child: its pid is free)
    p = subprocess.Popen(["/bin/true"])
    p.wait()
    with open(pf, "w") as f:
        f.write("%d\n" % p.pid)
    with a.vty() as v:
        v.ok("clear anycast health svc")
    T.wait_for(lambda: health(a)["lastError"]
               == "pid %d from %s is not running" % (p.pid, pf), 5)
    assert not pidfds(a)


def test_process_watch_released_on_reconfig(engine):
    """A watch whose target is no longer configured is released."""
    t, a, d, procs = engine
    pa, pb = os.path.join(d, "a.pid"), os.path.join(d, "b.pid")
    a1 = procs.start(pidfile=pa)
    b1 = procs.start(pidfile=pb)
    cfg(a, "anycast", *process_health("pidfile " + pa), "exit")
    T.wait_for(lambda: list(pidfds(a).values()) == [a1.pid], 5,
               desc="watching a")
    cfg(a, "anycast", "health svc", "probe process pidfile " + pb, "exit",
        "exit")
    T.wait_for(lambda: list(pidfds(a).values()) == [b1.pid], 2,
               desc="watching b only")
    assert health(a)["state"] == "up"
    # the old target's death no longer concerns anybody
    procs.kill9(a1)
    procs.reap(a1)
    time.sleep(0.5)
    assert health(a)["state"] == "up"
    # removing the object releases the watch at once
    cfg(a, "anycast", "no health svc", "exit")
    T.wait_for(lambda: not pidfds(a), 1, 0.05, desc="no watch left")


def test_process_bad_input_rejected(engine):
    t, a, d, procs = engine
    pf = os.path.join(d, "svc.pid")
    cfg(a, "anycast", *process_health("pidfile " + pf), "exit")
    before = probe_lines(a)
    assert before == ["  probe process pidfile " + pf]
    for bad in ("probe process pidfile svc.pid",
                "probe process pidfile %s name sleep" % pf,
                "probe process",
                "probe process name 1234567890123456",
                "probe process name"):
        text = cfg_fail(a, "anycast", "health svc", bad)
        assert text.strip().startswith("%"), (bad, text)
        assert probe_lines(a) == before, bad
    text = cfg_fail(a, "anycast", "health svc",
                    "probe process pidfile relative/x.pid")
    assert "absolute" in text, text

    # round trip: a fresh daemon fed the printed block prints the same
    cfg(a, "anycast", *process_health("name sleep", name="other"), "exit")
    rc1 = a.running_config()
    assert "  probe process name sleep" in rc1
    start = rc1.index("anycast\n")
    block = rc1[start:rc1.index("\nexit\n", start) + len("\nexit\n")]
    a.stop()
    a.set_conf(T.anycastd_conf(t.node.dir, block=block + "\n"))
    a.start()
    rc2 = a.running_config()
    start = rc2.index("anycast\n")
    assert rc2[start:rc2.index("\nexit\n", start) + len("\nexit\n")] == block


# ------------------------------------------------------ issue 15, section 3

IMPOSTOR = ("import ctypes, time; "
            "ctypes.CDLL(None).prctl(15, b'acdsvc', 0, 0, 0); "
            "time.sleep(600)")


def start_impostor(procs):
    """A process of user nobody that named itself acdsvc (prctl)."""
    p = subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup",
                          "--clear-groups", "/usr/bin/python3", "-c",
                          IMPOSTOR], stdin=subprocess.DEVNULL)
    procs.popens.append(p)

    def renamed():
        with open("/proc/%d/comm" % p.pid) as f:
            return f.read().strip() == "acdsvc"
    T.wait_for(renamed, 5, 0.02, "the impostor's prctl")
    return p


def test_process_exe_and_user(engine):
    """`name` alone is satisfied by any user's process of that comm;
    `exe` and `user` are not."""
    t, a, d, procs = engine
    exe = os.path.realpath(os.path.join(d, "acdsvc"))
    shutil.copy("/bin/sleep", exe)
    os.chmod(exe, 0o755)
    fake = start_impostor(procs)
    real = procs.start(binary=exe)
    # the path as /proc shows it to anycastd: in the Debian 13 root (a
    # chroot in another mount namespace) that is the host's path
    exe = os.readlink("/proc/%d/exe" % real.pid)
    cfg(a, "anycast",
        *process_health("name acdsvc", name="any"),
        *process_health("name acdsvc user root", name="byuser"),
        *process_health("name acdsvc exe %s" % exe, name="byexe"),
        *process_health("name acdsvc exe %s user 0" % exe, name="both"),
        "exit")
    objs = ("any", "byuser", "byexe", "both")
    T.wait_for(lambda: all(health(a, n)["state"] == "up" for n in objs), 10)
    for n in objs[1:]:
        assert health(a, n)["lastDetail"] == "pid %d" % real.pid, n
    assert ("  probe process name acdsvc exe %s user 0" % exe
            in probe_lines(a))
    assert health(a, "both")["target"] == (
        "process name acdsvc exe %s user 0" % exe)

    # the real one dies: the impostor keeps only `name` alone up
    procs.kill9(real)
    T.wait_for(lambda: all(health(a, n)["state"] == "down"
                           for n in objs[1:]), 3,
               desc="exe/user objects down at once")
    procs.reap(real)
    st = health(a, "byuser")
    assert st["lastError"] == ("no process named acdsvc with that user "
                               "(1 other: pid %d runs as uid %d)"
                               % (fake.pid, pwd.getpwnam("nobody").pw_uid)), st
    # (the impostor's exe path as anycastd sees it depends on the mount
    # namespaces: only its pid is compared)
    assert ("with that exe (1 other: pid %d runs " % fake.pid
            in health(a, "byexe")["lastError"])
    assert "with that exe and user" in health(a, "both")["lastError"]
    with a.vty() as v:
        v.ok("clear anycast health any")
    T.wait_for(lambda: health(a, "any")["lastDetail"] == "pid %d" % fake.pid,
               5)
    assert health(a, "any")["state"] == "up"

    # a pid file's process is checked the same way
    pf = os.path.join(d, "fake.pid")
    with open(pf, "w") as f:
        f.write("%d\n" % fake.pid)
    cfg(a, "anycast", *process_health("pidfile %s user root" % pf,
                                      name="pf"), "exit")
    T.wait_for(lambda: health(a, "pf")["state"] != "init", 5)
    st = health(a, "pf")
    assert st["state"] != "up", st
    assert st["lastError"].startswith("pid %d runs as uid " % fake.pid), st

    # a user that does not exist, a relative exe: refused
    for line, msg in (("probe process name x user nosuchuser9",
                       "No such user: nosuchuser9"),
                      ("probe process name x exe sleep",
                       "Invalid exe 'sleep'")):
        with a.vty() as v:
            v.ok("configure terminal")
            v.ok("anycast")
            v.ok("health bad")
            status, text = v.cmd(line)
            v.ok("end")
        assert "%" in text and msg in text, (line, status, text)
    assert "probe process name x" not in a.running_config()


def spawn_with_pid(pid, tries=300):
    """A sleep with exactly this (free) pid: ns_last_pid, then fork; other
    processes may take it first, so a few tries."""
    for _ in range(tries):
        with open("/proc/sys/kernel/ns_last_pid", "w") as f:
            f.write(str(pid - 1))
        p = subprocess.Popen(["/bin/sleep", "600"], stdin=subprocess.DEVNULL)
        if p.pid == pid:
            return p
        p.kill()
        p.wait()
    return None


def test_process_pidfile_reused_pid(engine):
    """The daemon died, its pid file stayed, the pid was reused by another
    process: that process does not count."""
    t, a, d, procs = engine
    pf = os.path.join(d, "svc.pid")
    p1 = procs.start(pidfile=pf)
    cfg(a, "anycast", *process_health("pidfile " + pf), "exit")
    T.wait_for(lambda: health(a)["state"] == "up", 10)
    pid = p1.pid
    procs.kill9(p1)
    procs.reap(p1)
    T.wait_for(lambda: health(a)["state"] == "down", 3)
    p2 = spawn_with_pid(pid)
    assert p2 is not None, "could not get pid %d again" % pid
    procs.popens.append(p2)
    runs = health(a)["runs"]
    with a.vty() as v:
        v.ok("clear anycast health svc")
    T.wait_for(lambda: health(a)["runs"] > runs, 5)
    st = health(a)
    assert st["state"] == "down", st
    assert st["lastError"] == ("pid %d from %s is another process now "
                               "(started after the pid file named it)"
                               % (pid, pf)), st
    # the pid file written anew for it (a restart that got the same pid)
    time.sleep(0.02)
    with open(pf, "w") as f:
        f.write("%d\n" % pid)
    with a.vty() as v:
        v.ok("clear anycast health svc")
    T.wait_for(lambda: health(a)["state"] == "up", 5)


def test_process_exit_kicks_only_its_objects(engine):
    """A process's exit re-runs the objects watching it, no other."""
    t, a, d, procs = engine
    pa, pb = os.path.join(d, "a.pid"), os.path.join(d, "b.pid")
    p1 = procs.start(pidfile=pa)
    procs.start(pidfile=pb)
    cfg(a, "anycast", *process_health("pidfile " + pa, name="a"),
        *process_health("pidfile " + pb, name="b"), "exit")
    T.wait_for(lambda: health(a, "a")["state"] == "up"
               and health(a, "b")["state"] == "up", 10)
    T.wait_for(lambda: len(pidfds(a)) == 2, 5, desc="both watched")
    rb = health(a, "b")["runs"]
    ra = health(a, "a")["runs"]
    procs.kill9(p1)
    T.wait_for(lambda: health(a, "a")["state"] == "down", 3)
    procs.reap(p1)
    time.sleep(0.5)
    assert health(a, "a")["runs"] == ra + 1
    # b: not re-run by a's event (its interval is 10 s)
    assert health(a, "b")["runs"] == rb, health(a, "b")
