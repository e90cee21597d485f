"""tools/lab implementation: a live anycastd lab on this machine.

    tools/lab up              build what is missing, start the lab, narrate a
                              withdraw/re-announce cycle, leave it running
    tools/lab down            tear it down (recorded PIDs, namespaces, files);
                              safe to run any number of times
    tools/lab demo            up + narration + down
    tools/lab status          what is running, the peer's RIB, anycastd state
    tools/lab service stop|start
                              stop/start the health-checked TCP service
    tools/lab vtysh [-c CMD]  the extended vtysh inside the node namespace
    tools/lab peer ARGS...    gobgp (CLI of the BGP peer), e.g. `global rib`

Same topology as the tests (tests/topo/lib/topolib.py), fixed names:
namespaces acdlab-node / acdlab-peer, state in /run/anycastd-lab/.
"""

import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import topolib as T  # noqa: E402

TAG = "acdlab"
STATE_DIR = "/run/anycastd-lab"
STATE = os.path.join(STATE_DIR, "state.json")
RUNDIR = os.path.join(STATE_DIR, "run")
NODE_DIR = os.path.join(RUNDIR, "node")
NAMESPACES = ["%s-node" % TAG, "%s-peer" % TAG]



def say(msg=""):
    print("lab: %s" % msg if msg else "", flush=True)


def step(msg):
    print("\nlab: == %s" % msg, flush=True)


def sh(argv, cwd=None):
    say("$ %s" % " ".join(argv))
    subprocess.run(argv, cwd=cwd, check=True)


# --------------------------------------------------------------------------
# packages and build


def ensure_built():
    """tools/build: Debian packages, the FRR dev kit, configure and make --
    each step skipped when already done."""
    step("checking packages and the build (tools/build)")
    sh([os.path.join(T.REPO, "tools", "build")], cwd=T.REPO)
    for b in (T.ANYCASTD, T.VTYSH):
        if not os.access(b, os.X_OK):
            raise SystemExit("lab: build finished but %s is missing" % b)


# --------------------------------------------------------------------------
# state


def load_state():
    try:
        with open(STATE) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def save_state(t):
    st = t.state()
    st["node_dir"] = t.node.dir
    st["peer_dir"] = t.gobgp.dir
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(st, f, indent=1)
    os.replace(tmp, STATE)


def lab_running():
    st = load_state()
    return st is not None and all(ns in T.list_namespaces() for ns in NAMESPACES)


def procs_of(st):
    return [T.Proc(p["name"], p["pid"], starttime=p["starttime"]) for p in st["procs"]]


# --------------------------------------------------------------------------
# observing


def peer_gobgp(*args):
    return T.run([T.GOBGP, "-u", "127.0.0.1", "-p", str(T.GOBGP_API_PORT)] + list(args),
                 ns=NAMESPACES[1], check=False, timeout=10)


def peer_has(prefix):
    afi = "ipv6" if ":" in prefix else "ipv4"
    r = peer_gobgp("global", "rib", "-a", afi, "-j")
    if r.returncode != 0 or not r.stdout.strip() or r.stdout.strip() == "null":
        return False
    return prefix in json.loads(r.stdout)


def anycastd_json(cmd):
    with T.Vty(os.path.join(NODE_DIR, "anycastd.vty"), timeout=3) as v:
        return v.json(cmd)


def show_peer_rib():
    for afi in ("ipv4", "ipv6"):
        r = peer_gobgp("global", "rib", "-a", afi)
        say("peer$ gobgp global rib -a %s" % afi)
        for ln in (r.stdout or r.stderr).rstrip().splitlines():
            print("      " + ln)


def watch(until, timeout, what):
    """Print anycastd health transitions and peer changes until until()."""
    t0 = time.monotonic()
    last_state = None
    while time.monotonic() - t0 < timeout:
        try:
            h = anycastd_json("show anycast health web json")["web"]
            if h["state"] != last_state:
                say("  +%5.2fs  health web: %s  (ok %d, fail %d)%s" % (
                    time.monotonic() - t0, h["state"], h["consecutiveOk"],
                    h["consecutiveFail"],
                    ("  last error: %s" % h["lastError"]) if h.get("lastError") and
                    h["state"] in ("falling", "down") else ""))
                last_state = h["state"]
        except (OSError, T.VtyError, KeyError, ValueError):
            pass
        if until():
            took = time.monotonic() - t0
            say("  +%5.2fs  %s" % (took, what))
            return took
        time.sleep(0.02)
    raise SystemExit("lab: timed out after %ds waiting: %s" % (timeout, what))


# --------------------------------------------------------------------------
# commands


def cmd_up(narrate=True, keep=True):
    if lab_running():
        say("the lab is already up (tools/lab down to remove it)")
        cmd_status()
        return
    if load_state() is not None or any(ns in T.list_namespaces() for ns in NAMESPACES):
        say("leftovers of an earlier lab found, cleaning up first")
        cmd_down(quiet=True)

    step("checking prerequisites")
    if os.geteuid() != 0:
        raise SystemExit("lab: must run as root (network namespaces, FRR daemons)")
    ensure_built()

    os.makedirs(STATE_DIR, exist_ok=True)
    os.chmod(STATE_DIR, 0o755)
    t = T.Topology(tag=TAG, basedir=RUNDIR, detach=True, remove_basedir=True)
    save_state(t)
    try:
        _bring_up(t)
        save_state(t)
        t.persist()
    except BaseException:
        say("start-up failed; diagnostics follow, then everything is torn down")
        try:
            print(t.diagnostics())
        except Exception:  # noqa: BLE001
            pass
        t.teardown()
        shutil.rmtree(STATE_DIR, ignore_errors=True)
        raise
    if narrate:
        narrate_cycle(t)
    save_state(t)
    if keep:
        instructions()


def _bring_up(t):
    step("network: namespaces %s and %s" % tuple(NAMESPACES))
    t.build()
    say("veth %s to-peer %s/%d, %s/%d  <->  %s to-node %s/%d, %s/%d" % (
        NAMESPACES[0], T.NODE_V4, T.LINK_V4_LEN, T.NODE_V6, T.LINK_V6_LEN,
        NAMESPACES[1], T.PEER_V4, T.LINK_V4_LEN, T.PEER_V6, T.LINK_V6_LEN))
    say("service address %s/32 on lo in %s" % (T.SERVICE_ADDR, NAMESPACES[0]))

    step("FRR in %s: zebra, staticd, bgpd (AS %d)" % (NAMESPACES[0], T.NODE_AS))
    t.start_frr()
    for name in ("zebra", "staticd", "bgpd"):
        say("%-8s pid %d  (%s)" % (name, t.node.daemon(name).proc.pid,
                                   t.node.daemon(name).conf))
    step("gobgpd (AS %d) in %s, the independent observer" % (T.PEER_AS, NAMESPACES[1]))
    t.start_gobgp()
    say("gobgpd   pid %d  (%s)" % (t.gobgp.proc.pid, t.gobgp.conf))
    t0 = time.monotonic()
    t.wait_established(timeout=60)
    say("BGP sessions %s and %s established after %.1f s"
        % (T.NODE_V4, T.NODE_V6, time.monotonic() - t0))

    step("the service: TCP listener on %s:%d" % (T.SERVICE_ADDR, T.SERVICE_PORT))
    t.service.start(detach=True)
    say("service  pid %d" % t.service.proc.pid)

    step("anycastd")
    a = t.anycastd()
    for ln in T.anycast_section(open(a.conf).read()):
        say("  | " + ln)
    a.start()
    say("anycastd pid %d  (%s)" % (a.proc.pid, " ".join(a.argv()[4:])))
    save_state(t)

    step("waiting for the anycast prefixes at the peer")
    t0 = time.monotonic()
    t.wait_peer(T.ANYCAST_V4, timeout=30)
    t.wait_peer(T.ANYCAST_V6, timeout=30)
    say("%s and %s seen at the peer %.2f s after anycastd started"
        % (T.ANYCAST_V4, T.ANYCAST_V6, time.monotonic() - t0))
    show_peer_rib()


def narrate_cycle(t):
    step("stopping the service (kill -9 pid %d): anycastd's probes fail" % t.service.proc.pid)
    t.service.stop()
    took = watch(lambda: not peer_has(T.ANYCAST_V4) and not peer_has(T.ANYCAST_V6), 15,
                 "%s and %s withdrawn at the peer" % (T.ANYCAST_V4, T.ANYCAST_V6))
    say("withdrawn %.2f s after the service stopped (interval 200 ms x fall 2 + BGP;"
        " bound interval x fall + 1 s = 1.4 s)" % took)
    say("staticd's %s is still at the peer: %s" % (T.STATIC_V4, peer_has(T.STATIC_V4)))

    step("starting the service again: rise 2 successes bring the prefixes back")
    t.service.start(detach=True)
    say("service  pid %d" % t.service.proc.pid)
    took = watch(lambda: peer_has(T.ANYCAST_V4) and peer_has(T.ANYCAST_V6), 15,
                 "%s and %s announced at the peer again" % (T.ANYCAST_V4, T.ANYCAST_V6))
    say("back %.2f s after the service started" % took)
    show_peer_rib()


def instructions():
    vtysh = "ip netns exec %s %s --vty_socket %s" % (NAMESPACES[0], T.VTYSH, NODE_DIR)
    print("""
lab: == the lab is running
  anycastd state     tools/lab vtysh -c 'show anycast health' -c 'show anycast prefix'
  full vtysh         tools/lab vtysh      (= {vtysh})
  the peer's view    tools/lab peer global rib -a ipv4     (gobgp in {peer})
  break/fix          tools/lab service stop    /    tools/lab service start
  overview           tools/lab status
  logs               {nd}/*.log
  remove it all      tools/lab down
""".format(vtysh=vtysh, peer=NAMESPACES[1], nd=NODE_DIR), flush=True)


def cmd_down(quiet=False):
    st = load_state()
    present = [ns for ns in NAMESPACES if ns in T.list_namespaces()]
    if st is None and not present and not os.path.exists(STATE_DIR):
        if not quiet:
            say("nothing to tear down")
        return
    if st is not None:
        for p in sorted(procs_of(st), key=T.teardown_key):
            if p.alive():
                say("stopping %-8s pid %d" % (p.name, p.pid))
        T.teardown_state(st)
    for ns in present:
        if ns in T.list_namespaces():
            T._kill_ns_pids(ns)
            T.run(["ip", "netns", "del", ns], check=False)
    for ns in present:
        say("deleted namespace %s" % ns)
    shutil.rmtree(STATE_DIR, ignore_errors=True)
    say("removed %s" % STATE_DIR)
    left = [ns for ns in NAMESPACES if ns in T.list_namespaces()]
    if left:
        raise SystemExit("lab: could not delete namespaces %s" % left)
    say("the lab is down")


def cmd_status():
    st = load_state()
    if st is None or not lab_running():
        say("the lab is not running (tools/lab up)")
        return 1
    for p in procs_of(st):
        if p.alive():
            say("%-8s pid %d running" % (p.name, p.pid))
    try:
        say("anycastd health: %s" % json.dumps(anycastd_json("show anycast health json")))
        say("anycastd prefixes: %s" % json.dumps(anycastd_json("show anycast prefix json")))
    except (OSError, T.VtyError, ValueError) as e:
        say("anycastd not answering: %s" % e)
    show_peer_rib()
    return 0


def cmd_service(action):
    st = load_state()
    if st is None or not lab_running():
        raise SystemExit("lab: the lab is not running (tools/lab up)")
    running = [p for p in procs_of(st) if p.name == "service" and p.alive()]
    if action == "stop":
        if not running:
            say("the service is not running")
        for p in running:
            say("stopping the service (kill -9 pid %d)" % p.pid)
            p.kill9()
        try:
            os.unlink(os.path.join(st["node_dir"], "service.ready"))
        except OSError:
            pass
    elif action == "start":
        if running:
            say("the service is already running (pid %d)" % running[0].pid)
            return
        svc = T.Service(None, NAMESPACES[0], st["node_dir"])
        svc.start(detach=True)
        st["procs"].append(svc.proc.state())
        with open(STATE + ".tmp", "w") as f:
            json.dump(st, f, indent=1)
        os.replace(STATE + ".tmp", STATE)
        say("service listening on %s:%d, pid %d" % (T.SERVICE_ADDR, T.SERVICE_PORT,
                                                     svc.proc.pid))
    else:
        raise SystemExit("usage: tools/lab service stop|start")
    say("watch it: tools/lab vtysh -c 'show anycast health'; tools/lab peer global rib")


def cmd_vtysh(args):
    st = load_state()
    if st is None or not lab_running():
        raise SystemExit("lab: the lab is not running (tools/lab up)")
    os.execvp("ip", ["ip", "netns", "exec", NAMESPACES[0], T.VTYSH,
                     "--vty_socket", st["node_dir"]] + args)


def cmd_peer(args):
    if not lab_running():
        raise SystemExit("lab: the lab is not running (tools/lab up)")
    os.execvp("ip", ["ip", "netns", "exec", NAMESPACES[1], T.GOBGP, "-u", "127.0.0.1",
                     "-p", str(T.GOBGP_API_PORT)] + args)


def main(argv):
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        return 0
    if os.geteuid() != 0:
        raise SystemExit("lab: must run as root")
    cmd, rest = argv[0], argv[1:]
    if cmd == "up":
        cmd_up()
    elif cmd == "down":
        cmd_down()
    elif cmd == "demo":
        if lab_running():
            raise SystemExit("lab: a lab is already up; tools/lab down first")
        try:
            cmd_up(keep=False)
        finally:
            step("demo finished: tearing down")
            cmd_down()
    elif cmd == "status":
        return cmd_status()
    elif cmd == "service" and rest:
        cmd_service(rest[0])
    elif cmd == "vtysh":
        cmd_vtysh(rest)
    elif cmd == "peer":
        cmd_peer(rest)
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
