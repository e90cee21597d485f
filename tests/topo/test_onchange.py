"""on-change exec hooks: a command run on every transition of a health
object or a prefix.

The engine fixture's anycastd (empty anycast config) with file-probed
health objects, so transitions are under the test's control.  The hook is
a small Python script from the topology's temp directory that appends one
JSON line per run (its environment, `id -u`, pid) to a file in a directory
owned by user frr, and can sleep to hold the next runs in the queue.

Checked: the environment (exactly the exec probe's plus the ANYCAST_*
entries), the user (frr by default), the order of the runs over quick
transitions (equal to the object's transition history), the running hook
killed with its process group on `no on-change`, on deleting the object
and at the fixed 30 s timeout, bad input rejected without changing the
configuration, and the running configuration reading back to itself."""

import json
import os
import pwd

import pytest

import topolib as T

touch = T.touch

cfg = T.configure
health = T.health_json
prefix = T.prefix_json

HOOK = r"""
import json, os, subprocess, sys, time
out, delay = sys.argv[1], float(sys.argv[2])
env = dict(os.environ)
env.pop("LC_CTYPE", None)  # set by python itself (PEP 538)
rec = {"env": env, "pid": os.getpid(), "pgid": os.getpgid(0),
       "id_u": subprocess.run(["id", "-u"], capture_output=True,
                              text=True).stdout.strip()}
with open(out, "a") as f:
    f.write(json.dumps(rec) + "\n")
time.sleep(delay)
print("hook done", env.get("ANYCAST_NEW_STATE"))
"""

# holds on for ever (as does its child); records both pids first
STUCK = r"""#!/bin/sh
trap '' TERM
sleep 1000 &
echo "$$ $!" >> "$1"
wait
"""


def setup_dirs(t):
    """(hook command prefix, output dir owned by frr, stuck script)."""
    frr = pwd.getpwnam("frr")
    out = os.path.join(t.node.dir, "hook-out")
    os.makedirs(out, exist_ok=True)
    os.chown(out, frr.pw_uid, frr.pw_gid)
    os.chmod(out, 0o755)
    hook = os.path.join(t.node.dir, "hook.py")
    with open(hook, "w") as f:
        f.write(HOOK)
    os.chmod(hook, 0o644)
    stuck = os.path.join(t.node.dir, "stuck.sh")
    with open(stuck, "w") as f:
        f.write(STUCK)
    os.chmod(stuck, 0o755)
    return "/usr/bin/python3 %s" % hook, out, stuck


def records(path):
    try:
        with open(path) as f:
            return [json.loads(ln) for ln in f.read().splitlines() if ln]
    except OSError:
        return []


def pids(path):
    try:
        with open(path) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def gone(pid):
    return not os.path.exists("/proc/%d" % pid)


def history(obj):
    """[(from, to, reason)], oldest first."""
    return [(e["from"], e["to"], e["reason"]) for e in reversed(obj["history"])]


def ran(recs):
    return [(r["env"]["ANYCAST_OLD_STATE"], r["env"]["ANYCAST_NEW_STATE"],
             r["env"]["ANYCAST_REASON"]) for r in recs]


def settled(obj):
    """Every transition has had its hook run to the end."""
    oc = obj["onChange"]
    return (not oc["running"] and oc["queued"] == 0
            and oc["runs"] == obj["transitions"])


def onchange_lines(a):
    return [ln for ln in T.anycast_section(a.running_config())
            if ln.strip().startswith("on-change")]


def file_health(name, path, extra=()):
    # extra (the hook) first: the probe starts with its `probe` line, and
    # a transition before the hook exists would run no hook
    return (["health %s" % name] + list(extra) +
            ["probe file %s" % path, "interval 100", "rise 1", "fall 1",
             "exit"])


# --------------------------------------------------------------------------


def test_hooks_env_user_and_order(engine):
    t, a, flags = engine
    hook, out, _ = setup_dirs(t)
    hlog, plog = os.path.join(out, "health.log"), os.path.join(out, "prefix.log")
    f = os.path.join(flags, "svc")
    touch(f)
    # the health hook takes 0.3 s: the quick transitions below queue up
    cfg(a, "anycast",
        *file_health("svc", f, ["on-change exec %s %s 0.3" % (hook, hlog)]),
        "prefix %s" % T.ANYCAST_V4,
        "on-change exec %s %s 0" % (hook, plog), "track svc", "exit")
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    T.wait_for(lambda: settled(health(a, "svc"))
               and settled(prefix(a, T.ANYCAST_V4)), 30, 0.05,
               "the first hooks ran")

    # quick transitions: up -> admin-down -> ... while a hook runs
    cfg(a, "anycast", "health svc", "shutdown", "no shutdown", "shutdown",
        "no shutdown", "exit")
    T.wait_for(lambda: health(a, "svc")["onChange"]["queued"] >= 1, 5, 0.02,
               "transitions waiting for the running hook")
    os.unlink(f)
    T.wait_for(lambda: health(a, "svc")["state"] == "down", 10, 0.05,
               "svc down")
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    T.wait_for(lambda: settled(health(a, "svc"))
               and settled(prefix(a, T.ANYCAST_V4)), 20, 0.05,
               "every hook ran")

    h = health(a, "svc")
    hrecs = records(hlog)
    # one run per transition, in the order of the history, one at a time
    assert h["transitions"] >= 6, h
    assert ran(hrecs) == history(h), (ran(hrecs), history(h))
    assert ("up", "admin-down", "shutdown") in ran(hrecs)
    assert h["onChange"]["runs"] == len(hrecs)
    assert h["onChange"]["failures"] == 0, h["onChange"]
    assert h["onChange"]["dropped"] == 0, h["onChange"]
    assert h["onChange"]["lastResult"] == "exit 0: hook done down", h["onChange"]
    assert h["onChange"]["command"] == "%s %s 0.3" % (hook, hlog)

    p = prefix(a, T.ANYCAST_V4)
    precs = records(plog)
    assert len(precs) == p["transitions"] >= 2, (precs, p)
    assert ran(precs) == history(p)
    assert ran(precs)[-1][:2] == ("up", "down")

    frr = pwd.getpwnam("frr")
    for r in hrecs + precs:
        # user frr (the default), its own process group
        assert r["id_u"] == str(frr.pw_uid), r
        assert r["pgid"] == r["pid"], r
    # exactly the exec probe's clean environment plus the hook's entries
    last = hrecs[-1]["env"]
    assert last == {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": frr.pw_dir,
        "USER": "frr", "LOGNAME": "frr",
        "ANYCAST_EVENT": "health", "ANYCAST_NAME": "svc",
        "ANYCAST_OLD_STATE": history(h)[-1][0],
        "ANYCAST_NEW_STATE": "down",
        "ANYCAST_REASON": history(h)[-1][2]}, last
    penv = precs[-1]["env"]
    assert penv["ANYCAST_EVENT"] == "prefix", penv
    assert penv["ANYCAST_NAME"] == T.ANYCAST_V4, penv
    assert penv["ANYCAST_REASON"] == history(p)[-1][2], (penv, p)

    # the show text has the hook too; an object without one shows none
    text = a.show("show anycast health svc")
    assert "On change: exec %s %s 0.3" % (hook, hlog) in text, text
    assert "Last result: exit 0: hook done down" in text, text
    cfg(a, "anycast", *file_health("plain", f))
    assert "onChange" not in health(a, "plain")
    assert "On change" not in a.show("show anycast health plain")


def test_remove_hook_or_object_kills_running_hook(engine):
    t, a, flags = engine
    _, out, stuck = setup_dirs(t)
    f = os.path.join(flags, "svc")
    touch(f)
    hp = os.path.join(out, "health.pids")
    cfg(a, "anycast", *file_health("svc", f, ["on-change exec %s %s" % (stuck, hp)]))
    T.wait_for(lambda: len(pids(hp)) == 2, 10, 0.05, "the hook started")
    leader, kid = pids(hp)
    oc = health(a, "svc")["onChange"]
    assert oc["running"] and oc["runs"] == 1, oc
    cfg(a, "anycast", "health svc", "shutdown", "exit")
    T.wait_for(lambda: health(a, "svc")["onChange"]["queued"] >= 1, 5, 0.02,
               "the next transition waits")
    assert not gone(leader) and not gone(kid)

    # `no on-change`: the process group is killed, the queue dropped
    cfg(a, "anycast", "health svc", "no on-change", "exit")
    T.wait_for(lambda: gone(leader) and gone(kid), 5, 0.05,
               "hook processes %d %d gone" % (leader, kid))
    assert "onChange" not in health(a, "svc")
    assert onchange_lines(a) == []
    assert len(pids(hp)) == 2, "a queued hook ran after the removal"

    # deleting a prefix kills its running hook
    pp = os.path.join(out, "prefix.pids")
    cfg(a, "anycast", "health svc", "no shutdown", "exit",
        "prefix %s" % T.ANYCAST_V4, "on-change exec %s %s" % (stuck, pp),
        "track svc", "exit")
    T.wait_for(lambda: len(pids(pp)) == 2, 10, 0.05, "the prefix hook started")
    assert prefix(a, T.ANYCAST_V4)["onChange"]["running"]
    cfg(a, "anycast", "no prefix %s" % T.ANYCAST_V4)
    T.wait_for(lambda: all(gone(p) for p in pids(pp)), 5, 0.05,
               "prefix hook processes gone")

    # and deleting a health object kills its running hook (`no on-change
    # exec ARGS` is accepted too)
    cfg(a, "anycast", "health svc", "on-change exec %s %s" % (stuck, hp),
        "shutdown", "exit")
    T.wait_for(lambda: len(pids(hp)) == 4, 10, 0.05, "the hook started again")
    cfg(a, "anycast", "no health svc")
    T.wait_for(lambda: all(gone(p) for p in pids(hp)), 5, 0.05,
               "health hook processes gone")
    assert a.alive()
    cfg(a, "anycast", *file_health("svc2", f, ["on-change exec /bin/true"]))
    cfg(a, "anycast", "health svc2", "no on-change exec /bin/true", "exit")
    assert onchange_lines(a) == []


def test_hook_killed_at_timeout(engine, measure):
    """The fixed 30 s timeout: the stuck hook fails, its group is killed,
    and the transition that waited runs next."""
    t, a, flags = engine
    _, out, stuck = setup_dirs(t)
    hp = os.path.join(out, "pids")
    f = os.path.join(flags, "svc")
    touch(f)
    cfg(a, "anycast", *file_health("svc", f, ["on-change exec %s %s" % (stuck, hp)]))
    T.wait_for(lambda: len(pids(hp)) == 2, 10, 0.05, "the hook started")
    leader, kid = pids(hp)
    cfg(a, "anycast", "health svc", "shutdown", "exit")
    T.wait_for(lambda: health(a, "svc")["onChange"]["queued"] == 1, 5, 0.02,
               "the next transition waits")
    T.wait_for(lambda: health(a, "svc")["onChange"]["failures"] == 1, 40, 0.2,
               "the first hook timed out")
    oc = health(a, "svc")["onChange"]
    assert oc["lastResult"].startswith("timeout after 30"), oc
    T.wait_for(lambda: gone(leader) and gone(kid), 5, 0.05,
               "timed-out hook processes gone")
    # the waiting transition's hook runs now
    T.wait_for(lambda: len(pids(hp)) == 4, 5, 0.05, "the next hook started")
    oc = health(a, "svc")["onChange"]
    assert oc["running"] and oc["runs"] == 2 and oc["queued"] == 0, oc
    cfg(a, "anycast", "health svc", "no on-change", "exit")
    T.wait_for(lambda: all(gone(p) for p in pids(hp)), 5, 0.05,
               "second hook gone")


BAD = [
    ("on-change exec shell", "No command"),
    ("on-change exec user nobody", "No command"),
    ("on-change exec /bin/true user Nobody", "Invalid user name 'Nobody'"),
    ("on-change exec /bin/true user nosuchuser42", "Unknown user 'nosuchuser42'"),
    ("on-change exec /bin/true user root", "uid 0"),
    ("on-change exec /" + "x" * 1100, "too long"),
]

GOOD = [
    # (entered, written back)
    ("on-change exec /bin/true   user   frr", "on-change exec /bin/true"),
    ("on-change exec /usr/local/bin/notify --all user nobody shell",
     "on-change exec /usr/local/bin/notify --all shell user nobody"),
    ("on-change exec /bin/echo shell shell", "on-change exec /bin/echo shell shell"),
    # replaces, does not merge: shell and user are back to their defaults
    ("on-change exec /bin/logger changed", "on-change exec /bin/logger changed"),
]


@pytest.mark.parametrize("node", ["health", "prefix"])
def test_cli_errors_and_round_trip(engine, node):
    if not os.access(T.VTYSH, os.X_OK):
        pytest.skip("the extended vtysh is not built (%s)" % T.VTYSH)
    t, a, flags = engine
    f = os.path.join(flags, "svc")
    cfg(a, "anycast", *file_health("svc", f),
        "prefix %s" % T.ANYCAST_V4, "track svc", "exit")
    ctx = ["anycast", "health svc" if node == "health" else
           "prefix %s" % T.ANYCAST_V4]
    # errors change nothing, with or without a hook configured
    for existing in (None, "on-change exec /bin/true user nobody"):
        if existing:
            cfg(a, *(ctx + [existing]))
        for bad, why in BAD:
            before = a.running_config()
            status, text = T.vty_config(a, *(ctx + [bad]))
            assert status != 0, (bad, text)
            assert text.strip().startswith("%") and why in text, (bad, text)
            assert a.running_config() == before, bad
    for entered, shown in GOOD:
        status, text = T.vty_config(a, *(ctx + [entered]))
        assert status == 0 and "%" not in text, (entered, text)
        assert onchange_lines(a) == ["  " + shown], entered
        # the written line reads back to the same configuration, also
        # through the extended vtysh
        before = a.running_config()
        res = t.node.vtysh("configure terminal", *(ctx + [shown]))
        assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (
            shown, res.stdout, res.stderr)
        assert a.running_config() == before, shown
    # the whole anycast block, removed and re-applied, reads back the same
    block = T.running_anycast_block(a.running_config())
    cfg(a, "anycast", "no prefix %s" % T.ANYCAST_V4, "no health svc")
    assert onchange_lines(a) == []
    lines = [ln.strip() for ln in block.splitlines() if ln.strip() not in ("!",)]
    res = t.node.vtysh("configure terminal", *lines)
    assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (
        res.stdout, res.stderr)
    assert T.running_anycast_block(a.running_config()) == block
    # `no on-change` removes it
    cfg(a, *(ctx + ["no on-change"]))
    assert onchange_lines(a) == []
    assert "onChange" not in (health(a, "svc") if node == "health"
                              else prefix(a, T.ANYCAST_V4))
