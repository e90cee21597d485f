"""exec probe scenarios: a command's exit status drives the health object.

Same topology as test_foundation (anycastd in the node namespace, gobgpd as
the observer); the health object `web` runs a script from the topology's
temp directory.  Besides the announce/withdraw chain this checks what the
probe promises about the child: the first output line in lastError, the
process group killed on timeout (by PID), no zombies, bounded memory with a
flood of output, the configured user without any way back to root, and
`shell` mode with a pipeline."""

import json
import os
import pwd
import time

import topolib as T

# --------------------------------------------------------------------------
# helpers


def exec_block(probe, interval=300, timeout=200, rise=1, fall=1,
               prefixes=(T.ANYCAST_V4,)):
    lines = ["anycast",
             " health web",
             "  probe exec %s" % probe,
             "  interval %d" % interval,
             "  timeout %d" % timeout,
             "  rise %d" % rise,
             "  fall %d" % fall,
             " exit", " !"]
    for p in prefixes:
        lines += [" prefix %s" % p, "  track web", " exit", " !"]
    lines += ["exit", "!"]
    return "\n".join(lines) + "\n"


def start(t, probe, **kw):
    a = t.node.daemon("anycastd")
    a.set_conf(T.anycastd_conf(t.node.dir, exec_block(probe, **kw)))
    a.start()
    return a


def script(t, name, body):
    """An executable script in the topology's directory (readable and
    executable by every user)."""
    path = os.path.join(t.node.dir, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(path, 0o755)
    return path


def public_dir(t, name):
    """A directory any user may write to (for the children's reports)."""
    path = os.path.join(t.node.dir, name)
    os.makedirs(path, exist_ok=True)
    os.chmod(path, 0o1777)
    return path


def health(a, name="web"):
    return a.show_json("show anycast health %s json" % name)[name]


def probe_line(a):
    lines = [ln for ln in T.anycast_section(a.running_config())
             if ln.strip().startswith("probe ")]
    assert len(lines) == 1, lines
    return lines[0]


def proc_status(pid):
    """/proc/PID/status as a dict, or None once the process is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            text = f.read()
    except OSError:
        return None
    return dict(ln.split(":\t", 1) for ln in text.splitlines() if ":\t" in ln)




def assert_no_zombies(a):
    zombies = [c for c in T.children(a.proc.pid) if c[1] in ("Z", "X")]
    assert not zombies, "zombie children of anycastd: %s" % zombies


def gone(pid):
    """The process no longer exists at all (not even as a zombie)."""
    return not os.path.exists("/proc/%d" % pid)


def rss_kib(a, field="VmRSS"):
    return int(proc_status(a.proc.pid)[field].split()[0])


vty_config = T.vty_config


# --------------------------------------------------------------------------
# exit 0 -> announced; exit 1 -> withdrawn, first output line in lastError


def test_exec_exit_status_drives_announcement(anycast_topo):
    t = anycast_topo
    flag = os.path.join(t.node.dir, "healthy")
    check = script(t, "check.sh", """
if [ -e "$1" ]; then echo "all good"; exit 0; fi
echo "backend unhealthy: args=$# [$2] [$3]"
echo "second line" >&2
exit 1
""")
    open(flag, "w").close()
    # argv words, no shell: the glob and the $ reach the script unchanged
    cmd = "%s %s a*b $HOME" % (check, flag)
    a = start(t, cmd, prefixes=(T.ANYCAST_V4, T.ANYCAST_V6))
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    t.wait_peer(T.ANYCAST_V6, timeout=15)
    st = health(a)
    assert st["state"] == "up" and st["probe"] == "exec", st
    assert st["target"] == "exec " + cmd, st
    assert st["lastError"] == "", st
    # written back exactly: the default user is not shown
    assert probe_line(a) == "  probe exec " + cmd

    os.unlink(flag)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    assert t.peer_has(T.STATIC_V4), "the BGP session flapped"
    st = health(a)
    assert st["state"] == "down", st
    assert st["lastError"] == "exit 1: backend unhealthy: args=3 [a*b] [$HOME]", st
    assert st["failures"] >= 1

    open(flag, "w").close()
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert health(a)["state"] == "up"
    assert_no_zombies(a)


# --------------------------------------------------------------------------
# timeout: a command ignoring SIGTERM, with a child doing the same, is
# killed with its whole process group and reaped


def test_exec_timeout_kills_process_group(anycast_topo):
    t = anycast_topo
    out = public_dir(t, "out")
    pids = os.path.join(out, "pids")
    stubborn = script(t, "stubborn.sh", """
trap '' TERM
echo "L $$" >> {pids}
sh -c 'trap "" TERM; echo "C $$" >> {pids}; exec sleep 300' &
echo "started, now hanging"
sleep 300
echo "not reached"
""".format(pids=pids))
    a = start(t, stubborn, interval=1000, timeout=900)

    def runs():
        try:
            with open(pids) as f:
                return [ln.split() for ln in f.read().splitlines()]
        except OSError:
            return []

    T.wait_for(lambda: health(a)["timeouts"] >= 2, 15, 0.05,
               "two probe timeouts")
    st = health(a)
    assert st["state"] == "down", st
    assert st["lastError"].startswith("timeout after "), st
    assert st["successes"] == 0
    # the first two runs timed out: every process they started (leader and
    # its child, both ignoring SIGTERM) is gone, reaped, not a zombie
    recorded = runs()
    leaders = [int(p) for k, p in recorded if k == "L"]
    kids = [int(p) for k, p in recorded if k == "C"]
    assert len(leaders) >= 2 and len(kids) >= 2, recorded
    first_two = leaders[:2] + kids[:2]
    T.wait_for(lambda: all(gone(p) for p in first_two), 5, 0.05,
               "processes of the timed-out runs gone: %s" % first_two)
    assert_no_zombies(a)

    # stop() also kills a run in flight: shut the health object down
    T.wait_for(lambda: len(runs()) > len(recorded), 5, 0.02, "another run started")
    status, text = vty_config(a, "anycast", "health web", "shutdown")
    assert status == 0, text
    every = [int(p) for _, p in runs()]
    T.wait_for(lambda: all(gone(p) for p in every), 5, 0.05,
               "all probe processes gone: %s" % every)
    assert T.children(a.proc.pid) == []
    assert a.alive()


# --------------------------------------------------------------------------
# megabytes of output: read and discarded, memory bounded, vty responsive


def test_exec_output_flood_memory_bounded(anycast_topo):
    t = anycast_topo
    mib = 32
    flood = script(t, "flood.sh", """
echo "flood ahead"
head -c {n} /dev/zero | tr '\\000' x
echo
exit 0
""".format(n=mib * 1024 * 1024))
    a = start(t, flood, interval=3000, timeout=2900)
    base = rss_kib(a)
    T.wait_for(lambda: health(a)["successes"] >= 3, 40, 0.1,
               "three runs of %d MiB output each succeed" % mib)
    # the command was never blocked by a full pipe: it exited 0 each time
    st = health(a)
    assert st["state"] == "up" and st["failures"] == 0, st
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    peak = rss_kib(a, "VmHWM")
    assert peak - base < 16 * 1024, (
        "anycastd grew from %d KiB to a peak of %d KiB reading %d MiB x 3"
        % (base, peak, mib))

    # an endless flood (a bare name, found in PATH): the daemon keeps
    # answering while it drains, the run times out, memory stays bounded
    status, text = vty_config(a, "anycast", "health web",
                              "probe exec yes endless output")
    assert status == 0, text
    assert probe_line(a) == "  probe exec yes endless output"
    answered = 0
    with a.vty() as v:
        while v.json("show anycast health web json")["web"]["timeouts"] < 2:
            answered += 1
            time.sleep(0.05)
    assert answered > 0
    st = health(a)
    assert st["state"] == "down" and st["lastError"].startswith("timeout"), st
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    peak = rss_kib(a, "VmHWM")
    assert peak - base < 16 * 1024, (base, peak)
    status, text = vty_config(a, "anycast", "health web", "shutdown")
    assert status == 0, text
    T.wait_for(lambda: T.children(a.proc.pid) == [], 5, 0.05,
               "no children left after shutdown")


# --------------------------------------------------------------------------
# user nobody: the child runs as nobody, with no capabilities, and cannot
# get root back


def test_exec_runs_as_configured_user(anycast_topo):
    t = anycast_topo
    out = public_dir(t, "out")
    report = os.path.join(t.node.dir, "whoami.py")
    with open(report, "w") as f:
        f.write("""
import json, os
out = %r
fds = {}
for fd in os.listdir("/proc/self/fd"):
    try:
        fds[fd] = os.readlink("/proc/self/fd/" + fd)
    except OSError:
        pass  # the directory being listed
with open("/proc/self/status") as f:
    status = f.read()
try:
    os.setuid(0)
    setuid = "setuid(0) succeeded"
except PermissionError:
    setuid = "setuid(0) denied"
with open(os.path.join(out, "report.json"), "w") as f:
    json.dump({"fds": fds, "status": status, "setuid": setuid,
               "env": dict(os.environ), "cwd": os.getcwd(),
               "pgid": os.getpgid(0), "pid": os.getpid()}, f)
print("uid=%%d gid=%%d" %% (os.getuid(), os.getgid()))
raise SystemExit(1)
""" % out)
    os.chmod(report, 0o644)
    cmd = "/usr/bin/python3 %s user nobody" % report
    a = start(t, cmd, interval=1000, timeout=900)
    nobody = pwd.getpwnam("nobody")
    T.wait_for(lambda: health(a)["lastError"].startswith("exit 1: "), 10, 0.05,
               "the report script ran")
    assert health(a)["lastError"] == "exit 1: uid=%d gid=%d" % (
        nobody.pw_uid, nobody.pw_gid)
    assert probe_line(a) == "  probe exec " + cmd

    with open(os.path.join(out, "report.json")) as f:
        rep = json.load(f)
    st = dict(ln.split(":\t", 1) for ln in rep["status"].splitlines() if ":\t" in ln)
    # real, effective, saved and fs ids
    assert st["Uid"].split() == [str(nobody.pw_uid)] * 4, st["Uid"]
    assert st["Gid"].split() == [str(nobody.pw_gid)] * 4, st["Gid"]
    want_groups = sorted(set(os.getgrouplist("nobody", nobody.pw_gid)))
    assert sorted(int(g) for g in st["Groups"].split()) == want_groups, st["Groups"]
    for cap in ("CapInh", "CapPrm", "CapEff", "CapAmb"):
        assert int(st[cap], 16) == 0, (cap, st[cap])
    assert st["NoNewPrivs"].strip() == "1", st["NoNewPrivs"]
    assert rep["setuid"] == "setuid(0) denied"
    # ... while the daemon itself holds capabilities it could have passed on
    daemon = proc_status(a.proc.pid)
    assert daemon["Uid"].split()[0] == str(pwd.getpwnam("frr").pw_uid)
    assert int(daemon["CapPrm"], 16) != 0, daemon["CapPrm"]
    # its own process group, a clean environment, / as working directory
    assert rep["pgid"] == rep["pid"], rep
    env = rep["env"]
    env.pop("LC_CTYPE", None)  # set by python itself (PEP 538)
    assert env == {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                          "HOME": nobody.pw_dir, "USER": "nobody",
                          "LOGNAME": "nobody"}, env
    assert rep["cwd"] == "/"
    # fds: 0 /dev/null, 1 and 2 the same pipe, nothing else inherited
    fds = rep["fds"]
    assert sorted(fds) == ["0", "1", "2"], fds
    assert fds["0"] == "/dev/null", fds
    assert fds["1"].startswith("pipe:") and fds["2"] == fds["1"], fds
    assert_no_zombies(a)


# --------------------------------------------------------------------------
# shell mode: a pipeline


def test_exec_path_lookup_off_the_event_loop(anycast_topo):
    """Issue 15 section 3: a bare command name is looked up in PATH by the
    child after fork, not by the daemon's event loop (a stat() per PATH
    directory per run, each able to hang on a stuck file system).  strace
    on the daemon's main thread only (no -f: not the children) sees no
    access to the PATH candidates during runs; a name that is nowhere is
    still a clear error (exit 127, "command not found" and the PATH).
    (Before: every run stat()ed /usr/sbin/true, then /usr/bin/true.)"""
    t = anycast_topo
    a = start(t, "true", interval=100, timeout=80)
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    out = os.path.join(t.node.dir, "strace.out")
    runs0 = health(a)["runs"]
    with T.strace(a.proc.pid, "-e", "trace=%file", out=out, follow=False):
        time.sleep(2.0)
    runs = health(a)["runs"] - runs0
    assert runs >= 5, runs
    with open(out) as f:
        trace = f.read()
    looked = [ln for ln in trace.splitlines() if "bin/true" in ln]
    assert looked == [], "%d runs, the loop looked up: %s" % (runs, looked[:4])
    assert health(a)["state"] == "up"

    status, text = vty_config(a, "anycast", "health web",
                              "probe exec anycastd-no-such-command-42")
    assert status == 0, text
    T.wait_for(lambda: "command not found" in (health(a)["lastError"] or ""), 5)
    err = health(a)["lastError"]
    assert err == ("exit 127: exec probe: anycastd-no-such-command-42: command "
                   "not found (PATH /usr/sbin:/usr/bin:/sbin:/bin)"), err


def test_exec_shell_pipeline(anycast_topo):
    t = anycast_topo
    flag = os.path.join(t.node.dir, "ready")
    # FRR's interactive vty treats "| " as an output filter: write "|grep"
    cmd = ("echo service ok |grep -q ok && test -e %s "
           "|| { echo flag missing: $(basename %s); exit 3; }" % (flag, flag))
    open(flag, "w").close()
    a = start(t, cmd + " shell")
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert health(a)["state"] == "up"
    assert probe_line(a) == "  probe exec %s shell" % cmd

    os.unlink(flag)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert health(a)["lastError"] == "exit 3: flag missing: ready"

    # the same through the interactive vty, shell and user in the other
    # order: the pipeline's status is its last command's (grep -q 2 on "1")
    cmd2 = "printf 'a\\nb\\n' |grep -c b |grep -q 2"
    status, text = vty_config(a, "anycast", "health web",
                              "probe exec %s user nobody shell" % cmd2)
    assert status == 0, text
    assert probe_line(a) == "  probe exec %s shell user nobody" % cmd2
    T.wait_for(lambda: health(a)["lastError"] == "exit 1", 10, 0.05,
               "the pipeline's exit status 1 (no output)")
    assert_no_zombies(a)


# --------------------------------------------------------------------------
# CLI: errors leave the configuration alone; lines read back exactly


BAD = [
    ("probe exec shell", "No command"),
    ("probe exec user nobody", "No command"),
    ("probe exec /bin/true user Nobody", "Invalid user name 'Nobody'"),
    ("probe exec /bin/true user 9lives shell", "Invalid user name '9lives'"),
    ("probe exec /bin/true user nosuchuser42", "Unknown user 'nosuchuser42'"),
    ("probe exec /bin/true user root", "uid 0"),
    ("probe exec /" + "x" * 1100, "too long"),
]

GOOD = [
    # (entered, written back)
    ("probe exec /usr/local/bin/check-dns --fast user nobody",
     "probe exec /usr/local/bin/check-dns --fast user nobody"),
    ("probe exec /bin/true   user   frr", "probe exec /bin/true"),
    ("probe exec /bin/true user nobody shell", "probe exec /bin/true shell user nobody"),
    ("probe exec /bin/echo user x user frr", "probe exec /bin/echo user x user frr"),
    ("probe exec /bin/echo shell shell", "probe exec /bin/echo shell shell"),
    ("probe exec /bin/check user", "probe exec /bin/check user"),
]


def test_exec_cli_errors_and_round_trip(vtysh_topo):
    t = vtysh_topo
    a = start(t, "/bin/true")
    ctx = ["anycast", "health web"]
    for bad, why in BAD:
        before = a.running_config()
        status, text = vty_config(a, *(ctx + [bad]))
        assert status != 0, (bad, text)
        assert text.strip().startswith("%") and why in text, (bad, text)
        assert a.running_config() == before, bad
    for entered, shown in GOOD:
        status, text = vty_config(a, *(ctx + [entered]))
        assert status == 0, (entered, text)
        assert probe_line(a) == "  " + shown, entered
        # the written line reads back to the same configuration, also
        # through the extended vtysh
        before = a.running_config()
        res = t.node.vtysh("configure terminal", *(ctx + [shown]))
        assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (
            shown, res.stdout, res.stderr)
        assert a.running_config() == before, shown
    # another kind replaces the exec probe entirely
    status, text = vty_config(a, *(ctx + ["probe tcp %s port %d" % (T.SERVICE_ADDR,
                                                                   T.SERVICE_PORT)]))
    assert status == 0, text
    assert probe_line(a).strip().startswith("probe tcp "), probe_line(a)
    assert_no_zombies(a)
