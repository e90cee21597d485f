"""frr-reload.py applies an edited frr.conf with an anycast block (issue 5
section 1).

FRR's tools/frr-reload.py with vtysh/frr-reload.patch applied
(vtysh/build/frr-reload.py) runs against the real daemons in the node
namespace through the extended vtysh.  The config file is the whole
running configuration (`show running-config no-header`) with its anycast
block replaced, as an operator's edited frr.conf would be.  At the gobgpd
peer, `gobgp monitor global rib` records every update and withdraw: an
unchanged prefix must see neither during a reload.
"""

import os
import time

import pytest

import topolib as T

NEW_V4 = "198.51.100.64/26"  # added by the first reload
GONE_V6 = "2001:db8:ad::/48"  # removed by the first reload


def health(name, probe, interval, extra=()):
    return [" health %s" % name, "  probe %s" % probe,
            "  interval %d" % interval] + ["  " + x for x in extra] + [" exit", " !"]


def prefix(pfx, *lines):
    return [" prefix %s" % pfx] + ["  " + x for x in lines] + [" exit", " !"]


def block(*parts):
    lines = ["anycast"]
    for p in parts:
        lines += p
    return "\n".join(lines + ["exit", "!"]) + "\n"


def web():
    return health("web", "tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT), 100,
                  ["timeout 50", "rise 2", "fall 2"])


def flag(path, interval, more=()):
    return health("flag", "file %s present" % path, interval, ["rise 1", "fall 1"] + list(more))


def extra(path):
    return health("extra", "file %s present" % path, 100, ["rise 1", "fall 1"])


def contexts(text):
    """{(context keys): sorted lines} of an anycast block: what frr-reload
    compares (indentation, `!` and `exit` do not matter)."""
    out = {}
    keys = []
    for ln in T.anycast_section(text):
        s = ln.strip()
        if not s or s == "!":
            continue
        if s == "exit":
            keys.pop()
            continue
        if s == "anycast" or s.startswith("health ") or s.startswith("prefix "):
            keys.append(s)
            out.setdefault(tuple(keys), [])
            continue
        out[tuple(keys)].append(s)
    return {k: sorted(v) for k, v in out.items()}


def with_block(full, new_block):
    """The running config `full` with its anycast block replaced."""
    lines = full.splitlines()
    old = T.anycast_section(full)
    assert old, "no anycast block in:\n%s" % full
    i = lines.index(old[0])
    return "\n".join(lines[:i]) + "\n" + new_block + "\n".join(lines[i + len(old):]) + "\n"


class Reloader:
    def __init__(self, t):
        self.t = t
        self.confdir = os.path.join(t.node.dir, "etc")
        os.makedirs(self.confdir, exist_ok=True)
        self.conf = os.path.join(self.confdir, "frr.conf")
        # the integrated config, as Debian's /etc/frr/vtysh.conf has it
        with open(os.path.join(self.confdir, "vtysh.conf"), "w") as f:
            f.write("service integrated-vtysh-config\n")

    def show_run(self):
        """vtysh's running config, read the way frr-reload.py reads it"""
        res = T.run([T.VTYSH, "--config_dir", self.confdir, "--vty_socket", self.t.node.dir,
                     "-c", "show running-config no-header"], ns=self.t.node.ns, check=False)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    def write(self, new_block):
        text = with_block(self.show_run(), new_block)
        with open(self.conf, "w") as f:
            f.write(text)
        return text

    def run(self, mode):
        # --confdir/--rundir: nothing under /etc/frr or /var/run/frr is read
        # or written; the file is <confdir>/frr.conf, so no `write` follows
        argv = [T.PYTHON, T.FRR_RELOAD, mode, "--stdout",
                "--bindir", os.path.dirname(T.VTYSH), "--vty_socket", self.t.node.dir,
                "--confdir", self.confdir, "--rundir", self.t.node.dir, self.conf]
        res = T.run(argv, ns=self.t.node.ns, check=False, timeout=120)
        print("frr-reload.py %s: rc %d\n%s%s" % (mode, res.returncode, res.stdout, res.stderr))
        return res


def parse_test_output(text):
    """--test output: {"del": [command tuples], "add": [...]}, a command
    being its context lines plus the line itself, stripped."""
    out = {"del": [], "add": []}
    cur = None
    for ln in text.splitlines():
        if ln.startswith("Lines To Delete"):
            cur = out["del"]
        elif ln.startswith("Lines To Add"):
            cur = out["add"]
        elif cur is None or not ln.strip() or ln.startswith("====="):
            continue
        elif ln.strip() == "exit":
            # FRR 10.x's --test closes every context with "exit"
            continue
        elif not ln.startswith(" "):
            cur.append((ln.strip(),))
        else:
            cur[-1] = cur[-1] + (ln.strip(),)
    return out


def quiet_since(mons, mark, pfx):
    """pfx's updates and withdraws at the peer since mark"""
    afi = "ipv6" if ":" in pfx else "ipv4"
    return [e for e in mons[afi].events[mark[afi]:]
            if e.get("nlri", {}).get("prefix") == pfx]


def marks(mons):
    return {afi: len(m.events) for afi, m in mons.items()}


@pytest.fixture
def monitors(reload_topo):
    mons = {}
    try:
        for afi in ("ipv4", "ipv6"):
            mons[afi] = T.Monitor(reload_topo, afi)
        time.sleep(0.5)  # the monitors' streams are open
        yield mons
    finally:
        for m in mons.values():
            m.stop()


def med(t, pfx):
    paths = t.peer_paths(pfx)
    assert len(paths) == 1, paths
    return {a["type"]: a for a in paths[0]["attrs"]}.get(4, {}).get("metric")


def test_frr_reload_anycast_block(reload_topo, monitors):
    t = reload_topo
    a = t.node.daemon("anycastd")
    flags = os.path.join(t.node.dir, "flags")
    os.makedirs(flags, exist_ok=True)
    os.chmod(flags, 0o755)
    fflag, fextra = os.path.join(flags, "flag"), os.path.join(flags, "extra")
    for f in (fflag, fextra):
        open(f, "w").close()

    # leaves whose `no` form needs the whole line (delay, dampening,
    # degraded, policy) are removed by the first reload
    start = block([" graceful-restart stale-time 30"],
                  web(), flag(fflag, 200, ["delay up 100 down 200", "dampening half-life 7"]),
                  prefix(T.ANYCAST_V4, "track web", "metric 10",
                         "degraded advertise metric 50", "policy at-least 1"),
                  prefix(T.ANYCAST_V6, "track web"),
                  prefix(GONE_V6, "track flag"))
    a.set_conf(T.anycastd_conf(t.node.dir, block=start))
    t.service.start()
    a.start()
    for p in (T.ANYCAST_V4, T.ANYCAST_V6, GONE_V6):
        t.wait_peer(p, timeout=15)
    assert med(t, T.ANYCAST_V4) == 10
    r = Reloader(t)
    assert contexts(r.show_run()) == contexts(start)

    # ---- reload 1: add health extra + prefix NEW_V4, flag's interval
    # 200 -> 300, remove GONE_V6, V4's metric 10 -> 20, stale-time 30 -> 60
    # (replaced, never removed first); V6 and web untouched
    edited = block([" graceful-restart stale-time 60"],
                   web(), flag(fflag, 300), extra(fextra),
                   prefix(T.ANYCAST_V4, "track web", "metric 20"),
                   prefix(T.ANYCAST_V6, "track web"),
                   prefix(NEW_V4, "track extra"))
    r.write(edited)

    # --test lists exactly the anycast changes, nothing outside the block
    res = r.run("--test")
    assert res.returncode == 0, res.stdout + res.stderr
    cmds = parse_test_output(res.stdout)
    assert sorted(cmds["del"]) == sorted([
        ("anycast", "no prefix %s" % GONE_V6),
        ("anycast", "health flag", "no delay up 100 down 200"),
        ("anycast", "health flag", "no dampening half-life 7"),
        ("anycast", "prefix %s" % T.ANYCAST_V4, "no degraded advertise metric 50"),
        ("anycast", "prefix %s" % T.ANYCAST_V4, "no policy at-least 1")]), res.stdout
    for c in cmds["add"]:
        assert c[0] == "anycast", "change outside the anycast block: %r\n%s" % (c, res.stdout)
    adds = [c[1:] for c in cmds["add"]]
    for want in [("graceful-restart stale-time 60",), ("health flag", "interval 300"),
                 ("prefix %s" % T.ANYCAST_V4, "metric 20"),
                 ("health extra",), ("health extra", "probe file %s present" % fextra),
                 ("prefix %s" % NEW_V4,), ("prefix %s" % NEW_V4, "track extra")]:
        assert want in adds, (want, res.stdout)
    assert not any(c[0] in ("prefix %s" % T.ANYCAST_V6, "health web")
                   for c in adds), res.stdout
    # the health object before the prefix that tracks it
    assert adds.index(("health extra",)) < adds.index(("prefix %s" % NEW_V4, "track extra"))
    # --test changed nothing
    assert contexts(r.show_run()) == contexts(start)

    # probe state before: web has run for a while
    T.wait_for(lambda: T.health_json(a, "web")["runs"] >= 20, 10, 0.1, "web runs >= 20")
    web0, flag0 = T.health_json(a, "web"), T.health_json(a, "flag")
    assert web0["state"] == "up" and flag0["state"] == "up", (web0, flag0)
    mark = marks(monitors)

    res = r.run("--reload")
    assert res.returncode == 0, res.stdout + res.stderr
    # every `no <whole line>` was accepted as it is (frr-reload.py would
    # otherwise retry with words cut off the end)
    assert "Failed to execute" not in res.stdout + res.stderr, res.stdout + res.stderr
    t.wait_peer(NEW_V4, timeout=15)
    t.wait_peer(GONE_V6, present=False, timeout=15)
    T.wait_for(lambda: med(t, T.ANYCAST_V4) == 20, 10, 0.1, "MED 20 at the peer")
    time.sleep(1.5)  # anything late still shows in the monitors

    assert contexts(r.show_run()) == contexts(edited), r.show_run()
    assert contexts(a.running_config()) == contexts(edited)

    # the unchanged prefix: no withdraw, no update
    assert quiet_since(monitors, mark, T.ANYCAST_V6) == []
    # the changed metric: updates, never a withdraw
    ev = quiet_since(monitors, mark, T.ANYCAST_V4)
    assert ev and not any(e.get("withdrawal") for e in ev), ev
    # removed and added prefixes, as the peer saw them
    assert any(e.get("withdrawal") for e in quiet_since(monitors, mark, GONE_V6))
    assert any(not e.get("withdrawal") for e in quiet_since(monitors, mark, NEW_V4))

    # probe state: web (untouched) keeps counting, same state and
    # transitions; flag (interval changed, probe not) keeps its counters too
    web1, flag1 = T.health_json(a, "web"), T.health_json(a, "flag")
    assert web1["runs"] > web0["runs"], (web0, web1)
    assert (web1["state"], web1["transitions"]) == (web0["state"], web0["transitions"])
    assert flag1["interval"] == 300
    assert flag1["runs"] >= flag0["runs"], (flag0, flag1)
    assert (flag1["state"], flag1["transitions"]) == (flag0["state"], flag0["transitions"])

    # ---- reload 2: NEW_V4 tracks flag instead of extra, extra removed:
    # the new track is added before the old one goes, extra goes last
    edited2 = block(web(), flag(fflag, 300),
                    prefix(T.ANYCAST_V4, "track web", "metric 20"),
                    prefix(T.ANYCAST_V6, "track web"),
                    prefix(NEW_V4, "track flag"))
    r.write(edited2)
    mark = marks(monitors)
    res = r.run("--reload")
    assert res.returncode == 0, res.stdout + res.stderr
    T.wait_for(lambda: "extra" not in a.show_json("show anycast health json"), 10, 0.1,
               "health extra removed")
    time.sleep(1.5)
    assert contexts(r.show_run()) == contexts(edited2), r.show_run()
    assert T.prefix_json(a, NEW_V4)["state"] == "up"
    for p in (T.ANYCAST_V4, T.ANYCAST_V6, NEW_V4):
        assert t.peer_has(p), p
        assert quiet_since(monitors, mark, p) == [], (p, quiet_since(monitors, mark, p))
    web2 = T.health_json(a, "web")
    assert web2["runs"] > web1["runs"] and web2["transitions"] == web0["transitions"]


def test_block_exits_do_not_commit(anycast_topo):
    """`vtysh -b` (the package's integrated frr.conf) and frr-reload send a
    configuration inside one XFRR_start_configuration ..
    XFRR_end_configuration transaction.  libfrr commits the pending part
    before any command not marked YANG, which its own `exit` is not, and
    `exit` ends every health and prefix block: one commit per object, each
    validating the whole tree, made loading grow with the square of the
    configuration's size.  anycastd's `exit`/`quit` are YANG-neutral.

    Observed from a second vty session: nothing of the transaction is in
    the running config (nor in the daemon's objects) until
    XFRR_end_configuration, then all of it is, and the exits still moved
    between the nodes (the objects are where the lines put them)."""
    t = anycast_topo
    a = t.node.daemon("anycastd")
    a.start()
    lines = ["anycast",
             " health batch1", "  probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT),
             "  interval 500", " exit",
             " health batch2", "  probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT + 1),
             " quit",
             " prefix 198.51.100.128/25", "  track batch1", "  track batch2", " exit",
             "exit"]

    def seen():
        with a.vty() as other:
            run = T.running_anycast_block(other.ok("show running-config"))
            objs = other.json("show anycast health json")
        return ("health batch1" in run, "health batch2" in run,
                "prefix 198.51.100.128/25" in run, "batch1" in objs, "batch2" in objs)

    with a.vty() as v:
        v.ok("configure terminal")
        v.ok("XFRR_start_configuration")
        for ln in lines:
            status, out = v.cmd(ln)
            assert status == 0 and "%" not in out, (ln, out)
        # every block has been exited, the last one twice (to config mode)
        assert seen() == (False,) * 5, "an exit committed the transaction"
        status, out = v.cmd("XFRR_end_configuration")
        assert status == 0 and "%" not in out, out
        v.ok("end")
    assert seen() == (True,) * 5
    run = T.running_anycast_block(a.running_config())
    assert "  probe tcp %s port %d\n  interval 500\n" % (T.SERVICE_ADDR, T.SERVICE_PORT) in run
    pfx = run[run.index(" prefix 198.51.100.128/25"):]
    assert "  track batch1\n" in pfx and "  track batch2\n" in pfx

    # interactive configuration is unchanged: each line commits at once,
    # `exit` included in the walk between nodes
    status, _ = T.vty_config(a, "anycast", "health batch3",
                             "probe tcp %s port %d" % (T.SERVICE_ADDR, T.SERVICE_PORT),
                             "exit", "no health batch1")
    assert status != 0  # batch1 is tracked: refused, nothing changes
    assert "batch3" in a.show_json("show anycast health json")
    assert "health batch1" in T.running_anycast_block(a.running_config())


def test_vtysh_boot_and_write_memory(vtysh_topo):
    """The package's start-up path and its way back: `vtysh -b -d anycastd`
    sends anycastd its part of the integrated frr.conf (what the unit's
    ExecStartPost runs), and `write memory` writes the running anycast
    block back into frr.conf, which loads to the same block again."""
    t = vtysh_topo
    a = t.node.daemon("anycastd")
    a.start()
    r = Reloader(t)
    # frr.conf: the running config with an anycast block of its own
    r.write(T.anycast_block(interval=300))
    a.stop()
    a.set_conf(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    assert T.running_anycast_block(a.running_config()).strip() == "", \
        "anycastd started with a block already"

    def vtysh(*args):
        res = T.run([T.VTYSH, "--config_dir", r.confdir, "--vty_socket", t.node.dir]
                    + list(args), ns=t.node.ns, check=False, timeout=60)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    vtysh("-b", "-d", "anycastd")
    loaded = T.running_anycast_block(a.running_config())
    assert "  interval 300\n" in loaded, loaded
    for p in (T.ANYCAST_V4, T.ANYCAST_V6):
        assert " prefix %s\n" % p in loaded, loaded
    t.service.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)

    # a change at runtime, then `write memory`: frr.conf has it
    cfg = T.configure
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V6, "metric 42", "exit", "exit")
    os.unlink(r.conf)
    vtysh("-c", "write memory")
    with open(r.conf) as f:
        written = f.read()
    section = "\n".join(T.anycast_section(written))
    assert "prefix %s" % T.ANYCAST_V6 in section and "metric 42" in section, written

    # and that file boots the same block into a fresh anycastd
    running = T.running_anycast_block(a.running_config())
    a.stop()
    a.set_conf(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    vtysh("-b", "-d", "anycastd")
    assert T.running_anycast_block(a.running_config()) == running
