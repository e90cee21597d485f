"""tools/lab implementation: a live two-site anycast DNS lab on this machine.

    tools/lab up              build what is missing, start the lab, show a
                              failover (site A's DNS server killed, the
                              client answered by site B) and the way back,
                              leave it running
    tools/lab down            tear it down (recorded PIDs, namespaces, files);
                              safe to run any number of times
    tools/lab demo            up + narration + down
    tools/lab status          what is running, the upstream's RIB and kernel
                              route, anycastd state, what the client gets
    tools/lab dns stop|start a|b
                              kill / start a site's DNS server (dnsmasq)
    tools/lab service stop|start
                              the same for site A (older name)
    tools/lab dig             the client's query, once
    tools/lab vtysh [-c CMD]  the extended vtysh inside site A (acdlab-node);
                              `tools/lab vtysh --site b ...` for site B
    tools/lab peer ARGS...    gobgp (CLI of the upstream), e.g. `global rib`

Topology (fixed names, state in /run/anycastd-lab/):

  acdlab-client 198.51.100.22 --- 198.51.100.21 acdlab-peer (upstream)
                                  gobgpd AS 64513 + the lab's route follower
  acdlab-node  = site A: zebra, staticd, bgpd AS 64512, anycastd, dnsmasq
                 192.0.2.1 --- 192.0.2.2 (peer)
  acdlab-siteb = site B: zebra, bgpd AS 64514, anycastd, dnsmasq
                 192.0.2.5 --- 192.0.2.6 (peer)

Both sites put the anycast address 203.0.113.53 on lo, answer
`site.example.test TXT` with "site A" / "site B", and announce
203.0.113.0/24 while anycastd's DNS probe succeeds.  Site B prepends its AS
twice, so the upstream prefers A while A announces.

gobgpd does not program the kernel, so the upstream's forwarding is done by
the lab's "route follower": a small process in acdlab-peer that watches
`gobgp monitor global rib` and, on every best-path change (and once a second
regardless), reads gobgpd's RIB and replaces the kernel route for
203.0.113.0/24 with the best path's next hop (deleting it when there is no
path).  It is part of the lab's upstream router, recorded and killed by PID
like every other process.
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
NODE_NS = "%s-node" % TAG
SITEB_NS = "%s-siteb" % TAG
PEER_NS = "%s-peer" % TAG
CLIENT_NS = "%s-client" % TAG
NAMESPACES = [NODE_NS, SITEB_NS, PEER_NS, CLIENT_NS]

DNSMASQ = "/usr/sbin/dnsmasq"
DIG = "/usr/bin/dig"
ANYCAST_ADDR = "203.0.113.53"
QNAME = "site.example.test"
SITE_B_AS = 64514
SITE_B_V4 = "192.0.2.5"
UP_B_V4 = "192.0.2.6"
UP_CLIENT_V4 = "198.51.100.21"
CLIENT_V4 = "198.51.100.22"
CLIENT_PLEN = 30
# site label -> namespace, BGP address of the site, its upstream address, AS
SITES = {
    "a": {"ns": NODE_NS, "v4": T.NODE_V4, "up": T.PEER_V4, "asn": T.NODE_AS},
    "b": {"ns": SITEB_NS, "v4": SITE_B_V4, "up": UP_B_V4, "asn": SITE_B_AS},
}
T._assert_doc(ANYCAST_ADDR, SITE_B_V4, UP_B_V4, UP_CLIENT_V4, CLIENT_V4)
# stop the route follower and the DNS servers first
T.TEARDOWN_ORDER.update({"router": 0, "dns-a": 0, "dns-b": 0})

ANYCAST_BLOCK = """anycast
 health dns
  probe dns {addr} query {q} type txt expect-answer site
  interval 200
  timeout 150
  rise 2
  fall 2
 exit
 !
 prefix {pfx}
  track dns
 exit
 !
exit
!
""".format(addr=ANYCAST_ADDR, q=QNAME, pfx=T.ANYCAST_V4)

# The upstream's route follower (runs in acdlab-peer).  Every best-path event
# from `gobgp monitor global rib` (or a 1 s tick) -> read gobgpd's RIB ->
# `ip route replace|del` for the anycast prefix.  Log lines: "<unix time> <text>".
ROUTER_CODE = r"""
import json, os, select, signal, subprocess, sys, time
gobgp, port, prefix, logpath, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
base = [gobgp, "-u", "127.0.0.1", "-p", port]
mon = [None]

def bye(*a):
    if mon[0] is not None and mon[0].poll() is None:
        mon[0].kill()
        mon[0].wait()
    os._exit(0)

signal.signal(signal.SIGTERM, bye)
signal.signal(signal.SIGINT, bye)
log = open(logpath, "a", buffering=1)

def note(msg):
    log.write("%.3f %s\n" % (time.time(), msg))

def best_nexthop():
    r = subprocess.run(base + ["global", "rib", "-a", "ipv4", "-j"],
                       capture_output=True, text=True, timeout=5)
    if r.returncode != 0:
        return "error"
    text = r.stdout.strip()
    paths = (json.loads(text) or {}).get(prefix, []) if text and text != "null" else []
    best = [p for p in paths if p.get("best")] or paths[:1]
    if not best:
        return None
    for at in best[0].get("attrs", []):
        if at.get("type") == 3 and at.get("nexthop"):
            return at["nexthop"]
    return best[0].get("neighbor-ip")

current = ["unset"]

def sync():
    nh = best_nexthop()
    if nh == "error" or nh == current[0]:
        return
    if nh is None:
        subprocess.run(["ip", "route", "del", prefix], capture_output=True)
        note("no path for %s: kernel route removed" % prefix)
    else:
        subprocess.run(["ip", "route", "replace", prefix, "via", nh], check=True)
        note("best path for %s via %s (%s): kernel route replaced"
             % (prefix, nh, names.get(nh, "?")))
    current[0] = nh

note("route follower started (pid %d)" % os.getpid())
while True:
    if mon[0] is None or mon[0].poll() is not None:
        mon[0] = subprocess.Popen(base + ["monitor", "global", "rib", "-a", "ipv4", "-j"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  bufsize=0)
    ready, _, _ = select.select([mon[0].stdout], [], [], 1.0)
    if ready and not os.read(mon[0].stdout.fileno(), 65536):
        mon[0].wait()
        time.sleep(0.2)
    sync()
"""


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


def write_state(st):
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(st, f, indent=1)
    os.replace(tmp, STATE)


def save_state(t, dirs=None):
    st = t.state()
    old = load_state() or {}
    st["dirs"] = dirs or old.get("dirs") or {"a": t.node.dir}
    st["peer_dir"] = t.gobgp.dir
    write_state(st)


def lab_running():
    st = load_state()
    return st is not None and all(ns in T.list_namespaces() for ns in NAMESPACES)


def procs_of(st):
    return [T.Proc(p["name"], p["pid"], starttime=p["starttime"]) for p in st["procs"]]


def require_running():
    st = load_state()
    if st is None or not lab_running():
        raise SystemExit("lab: the lab is not running (tools/lab up)")
    return st


# --------------------------------------------------------------------------
# observing


def peer_gobgp(*args):
    return T.run([T.GOBGP, "-u", "127.0.0.1", "-p", str(T.GOBGP_API_PORT)] + list(args),
                 ns=PEER_NS, check=False, timeout=10)


def site_of(addr):
    return {s["v4"]: "site " + k.upper() for k, s in SITES.items()}.get(addr, addr)


def peer_paths():
    """[(site, best, as-path)] of the upstream's paths for the anycast /24."""
    r = peer_gobgp("global", "rib", "-a", "ipv4", "-j")
    text = r.stdout.strip()
    if r.returncode != 0 or not text or text == "null":
        return []
    out = []
    for p in (json.loads(text) or {}).get(T.ANYCAST_V4, []):
        asns = [n for at in p.get("attrs", []) if at.get("type") == 2
                for seg in at.get("as_paths", []) for n in seg.get("asns", [])]
        out.append((site_of(p.get("neighbor-ip")), bool(p.get("best")), asns))
    return out


def peer_kernel_route():
    r = T.run(["ip", "-4", "route", "show", T.ANYCAST_V4], ns=PEER_NS, check=False)
    return r.stdout.strip()


def dig(ns=CLIENT_NS):
    """The TXT answer the client gets from the anycast address (one try,
    1 s timeout), or None."""
    r = T.run([DIG, "@" + ANYCAST_ADDR, QNAME, "TXT", "+short", "+time=1", "+tries=1"],
              ns=ns, check=False, timeout=5)
    if r.returncode != 0:
        return None
    ans = r.stdout.strip().strip('"')
    return ans or None


def vty_path(st, site):
    return os.path.join(st["dirs"][site], "anycastd.vty")


def anycastd_json(st, site, cmd):
    with T.Vty(vty_path(st, site), timeout=3) as v:
        return v.json(cmd)


def health(st, site):
    try:
        return anycastd_json(st, site, "show anycast health dns json")["dns"]
    except (OSError, T.VtyError, KeyError, ValueError):
        return None


def router_log(st):
    """[(unix time, text)] of the route follower's log."""
    out = []
    try:
        with open(os.path.join(st["peer_dir"], "router.log")) as f:
            for ln in f:
                ts, _, text = ln.rstrip("\n").partition(" ")
                out.append((float(ts), text))
    except (OSError, ValueError):
        pass
    return out


def show_peer():
    say("peer$ gobgp global rib -a ipv4 (for %s)" % T.ANYCAST_V4)
    for site, best, asns in peer_paths():
        say("      %s %-7s AS path %s" % ("*>" if best else "  ", site,
                                           " ".join(map(str, asns))))
    say("peer$ ip route show %s:  %s" % (T.ANYCAST_V4, peer_kernel_route() or "(none)"))


# --------------------------------------------------------------------------
# network and processes


def add_client(t):
    """The client namespace, linked to the upstream, default route via it;
    the upstream forwards."""
    T.run(["ip", "netns", "add", CLIENT_NS])
    t.namespaces.append(CLIENT_NS)
    T.run(["ip", "link", "set", "lo", "up"], ns=CLIENT_NS)
    T.run(["ip", "link", "add", "to-peer", "netns", CLIENT_NS, "type", "veth", "peer",
           "name", "to-client", "netns", PEER_NS])
    T.run(["ip", "addr", "add", "%s/%d" % (CLIENT_V4, CLIENT_PLEN), "dev", "to-peer"],
          ns=CLIENT_NS)
    T.run(["ip", "link", "set", "to-peer", "up"], ns=CLIENT_NS)
    T.run(["ip", "route", "add", "default", "via", UP_CLIENT_V4], ns=CLIENT_NS)
    T.run(["ip", "addr", "add", "%s/%d" % (UP_CLIENT_V4, CLIENT_PLEN), "dev", "to-client"],
          ns=PEER_NS)
    T.run(["ip", "link", "set", "to-client", "up"], ns=PEER_NS)
    # a DNS reply may come back from the site the kernel route does not
    # point at (during a switch): no reverse-path filter
    for k in ("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
              "net.ipv4.conf.default.rp_filter=0"):
        T.run(["sysctl", "-qw", k], ns=PEER_NS)


def site_network(site):
    """The anycast address on the site's lo; replies to the client go via
    the upstream (a static default route)."""
    s = SITES[site]
    T.run(["ip", "addr", "add", "%s/32" % ANYCAST_ADDR, "dev", "lo"], ns=s["ns"])
    T.run(["ip", "route", "add", "default", "via", s["up"]], ns=s["ns"])


def site_route_maps(site):
    """Site B's export is prepended (the upstream prefers A).  A site does
    not take the anycast prefix from its upstream: anycastd's route (a
    blackhole, distance 150) must stay zebra's selected route to be
    redistributed, and an eBGP path (distance 20) would win over it.  And
    a site re-announces nothing it learned from the upstream (otherwise it
    sends the other site's path back, and gobgpd keeps the looped path)."""
    s = SITES[site]
    lines = ["route-map ANYCAST permit 10"]
    if site == "b":
        lines.append("set as-path prepend %d %d" % (s["asn"], s["asn"]))
    lines += ["exit",
              "ip prefix-list ANYCAST-V4 seq 5 permit %s" % T.ANYCAST_V4,
              "route-map FROM-UP deny 10", "match ip address prefix-list ANYCAST-V4",
              "exit", "route-map FROM-UP permit 20", "exit",
              "bgp as-path access-list UPSTREAM-PATHS seq 5 permit _%d_" % T.PEER_AS,
              "route-map TO-UP deny 10", "match as-path UPSTREAM-PATHS", "exit",
              "route-map TO-UP permit 20", "exit",
              "router bgp %d" % s["asn"], "address-family ipv4 unicast",
              "neighbor %s route-map FROM-UP in" % s["up"],
              "neighbor %s route-map TO-UP out" % s["up"], "exit-address-family"]
    if site == "a":
        lines += ["address-family ipv6 unicast",
                  "neighbor %s route-map TO-UP out" % T.PEER_V6, "exit-address-family"]
    return lines + ["exit"]


def start_dns(site, d):
    """dnsmasq on the site's anycast address, answering TXT site.example.test
    with "site A|B"; waits until it answers inside the site.  Returns the
    Proc (recorded by the caller)."""
    s = SITES[site]
    argv = ["ip", "netns", "exec", s["ns"], DNSMASQ, "--keep-in-foreground",
            "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            "--pid-file=", "--bind-interfaces", "--listen-address=%s" % ANYCAST_ADDR,
            "--port=53", "--local=/example.test/",
            "--txt-record=%s,site %s" % (QNAME, site.upper())]
    with open(os.path.join(d, "dnsmasq.out"), "a") as out:
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=subprocess.STDOUT, start_new_session=True)
    proc = T.Proc("dns-" + site, p.pid)
    want = "site %s" % site.upper()
    try:
        T.wait_for(lambda: dig(s["ns"]) == want or (not proc.alive() and "exited"), 10,
                   0.1, "dnsmasq of site %s answering" % site.upper())
    finally:
        if not proc.alive():
            raise RuntimeError("dnsmasq of site %s exited; see %s/dnsmasq.out"
                               % (site.upper(), d))
    return proc


def start_router(t):
    names = {s["v4"]: "site " + k.upper() for k, s in SITES.items()}
    argv = ["ip", "netns", "exec", PEER_NS, T.PYTHON, "-c", ROUTER_CODE, T.GOBGP,
            str(T.GOBGP_API_PORT), T.ANYCAST_V4, os.path.join(t.gobgp.dir, "router.log"),
            json.dumps(names)]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(t.gobgp.dir, "router.err"), "a"),
                         start_new_session=True)
    proc = T.Proc("router", p.pid)
    t.register(proc)
    return proc


# --------------------------------------------------------------------------
# commands


def cmd_up(narrate=True, keep=True):
    if lab_running():
        say("the lab is already up: nothing started (tools/lab down removes it)")
        cmd_status()
        return
    if load_state() is not None or any(ns in T.list_namespaces() for ns in NAMESPACES):
        say("leftovers of an earlier lab found, cleaning up first")
        cmd_down(quiet=True)

    step("checking prerequisites")
    if os.geteuid() != 0:
        raise SystemExit("lab: must run as root (network namespaces, FRR daemons)")
    ensure_built()
    for b in (DNSMASQ, DIG):
        if not os.access(b, os.X_OK):
            raise SystemExit("lab: %s missing (tools/deps installs dnsmasq-base, dnsutils)" % b)

    os.makedirs(STATE_DIR, exist_ok=True)
    os.chmod(STATE_DIR, 0o755)
    t = T.Topology(tag=TAG, basedir=RUNDIR, detach=True, remove_basedir=True)
    save_state(t)
    try:
        _bring_up(t)
        t.persist()
    except BaseException:
        say("start-up failed; diagnostics follow, then everything is torn down")
        try:
            print(t.diagnostics())
            for f in ("router.log", "router.err"):
                with open(os.path.join(t.gobgp.dir, f), errors="replace") as fh:
                    print("--- %s ---\n%s" % (f, fh.read()[-3000:]))
        except Exception:  # noqa: BLE001
            pass
        t.teardown()
        shutil.rmtree(STATE_DIR, ignore_errors=True)
        raise
    if narrate:
        narrate_failover()
    if keep:
        instructions()


def _bring_up(t):
    step("network: namespaces %s" % ", ".join(NAMESPACES))
    t.build()
    add_client(t)
    site_network("a")
    save_state(t)
    say("site A  %s to-peer %s/%d  <->  %s to-node %s" % (
        NODE_NS, T.NODE_V4, T.LINK_V4_LEN, PEER_NS, T.PEER_V4))
    say("client  %s to-peer %s/%d, default via %s  <->  %s to-client %s" % (
        CLIENT_NS, CLIENT_V4, CLIENT_PLEN, UP_CLIENT_V4, PEER_NS, UP_CLIENT_V4))
    say("%s forwards (ip_forward=1, rp_filter=0)" % PEER_NS)

    step("site A: FRR in %s (zebra, staticd, bgpd AS %d)" % (NODE_NS, T.NODE_AS))
    t.start_frr()
    T.configure(t.node.daemon("bgpd"), *site_route_maps("a"))
    for name in ("zebra", "staticd", "bgpd"):
        say("%-8s pid %d" % (name, t.node.daemon(name).proc.pid))

    step("the upstream: gobgpd AS %d in %s" % (T.PEER_AS, PEER_NS))
    t.start_gobgp()
    say("gobgpd   pid %d  (%s)" % (t.gobgp.proc.pid, t.gobgp.conf))
    t0 = time.monotonic()
    t.wait_established(timeout=60)
    say("BGP sessions with site A established after %.1f s" % (time.monotonic() - t0))

    step("site B: FRR in %s (zebra, bgpd AS %d), exports prepended %d %d"
         % (SITEB_NS, SITE_B_AS, SITE_B_AS, SITE_B_AS))
    site_b = t.add_site("siteb", SITE_B_AS, SITE_B_V4, UP_B_V4)
    T.configure(site_b.daemon("bgpd"), *site_route_maps("b"))
    site_network("b")
    dirs = {"a": t.node.dir, "b": site_b.dir}
    save_state(t, dirs)
    say("site B  %s to-peer %s/30  <->  %s to-siteb %s; BGP established"
        % (SITEB_NS, SITE_B_V4, PEER_NS, UP_B_V4))

    step("DNS servers (dnsmasq) on %s in both sites" % ANYCAST_ADDR)
    for site in ("a", "b"):
        proc = start_dns(site, dirs[site])
        t.register(proc)
        say("site %s dnsmasq pid %d answers TXT %s \"site %s\""
            % (site.upper(), proc.pid, QNAME, site.upper()))
    save_state(t, dirs)

    step("anycastd in both sites")
    for ln in ANYCAST_BLOCK.splitlines():
        say("  | " + ln)
    a = t.anycastd(T.anycastd_conf(t.node.dir, ANYCAST_BLOCK))
    b = t.site_anycastd(site_b, ANYCAST_BLOCK)
    for site, d in (("A", a), ("B", b)):
        d.start()
        say("site %s anycastd pid %d" % (site, d.proc.pid))
    save_state(t, dirs)

    step("the upstream's route follower (gobgpd does not program the kernel)")
    r = start_router(t)
    save_state(t, dirs)
    say("route follower pid %d: on each best-path change seen by `gobgp monitor"
        " global rib`, `ip route replace %s via <best next hop>` in %s"
        % (r.pid, T.ANYCAST_V4, PEER_NS))

    step("waiting for the upstream to prefer site A and the client to get an answer")
    t0 = time.monotonic()
    T.wait_for(lambda: sorted((s, b) for s, b, _ in peer_paths())
               == [("site A", True), ("site B", False)], 30, 0.1,
               "paths from both sites at the upstream, A best")
    T.wait_for(lambda: "via %s" % T.NODE_V4 in peer_kernel_route(), 10, 0.05,
               "the upstream's kernel route via site A")
    T.wait_for(lambda: dig() == "site A", 10, 0.1, "the client answered by site A")
    say("ready %.2f s after anycastd started" % (time.monotonic() - t0))
    show_peer()


def new_router_lines(st, t0, seen):
    for ts, text in router_log(st):
        if ts > t0 and (ts, text) not in seen:
            seen.add((ts, text))
            say("  +%5.2fs  upstream: %s" % (ts - t0, text))


def watch(st, t0, until, timeout, seen):
    """Poll the client's dig every 50 ms; print changes of the answer, of
    site A's health and of the route follower's log, timed from t0 (unix
    time).  Returns the time until(answer) first held, taken when that
    dig returned (an upper bound: it includes dig's own start-up), and the
    number of unanswered queries."""
    last_ans = last_health = object()
    failed = 0
    deadline = time.time() + timeout
    while time.time() < deadline:
        h = health(st, "a")
        state = h["state"] if h else "(anycastd not answering)"
        if state != last_health:
            say("  +%5.2fs  site A anycastd health dns: %s%s" % (
                time.time() - t0, state,
                ("  (%s)" % h["lastError"]) if h and h.get("lastError")
                and state in ("falling", "down") else ""))
            last_health = state
        new_router_lines(st, t0, seen)
        ans = dig()
        now = time.time()  # when the answer (or the timeout) was in
        if ans is None:
            failed += 1
        if ans != last_ans:
            say("  +%5.2fs  client: dig @%s %s TXT -> %s" % (
                now - t0, ANYCAST_ADDR, QNAME, '"%s"' % ans if ans else "no answer"))
            last_ans = ans
        if until(ans):
            new_router_lines(st, t0, seen)
            return now - t0, failed
        time.sleep(0.05)
    raise SystemExit("lab: timed out after %ds; last answer %r" % (timeout, last_ans))


def narrate_failover():
    st = load_state()
    seen = set(router_log(st))
    step("the client asks the anycast address")
    say("client$ dig @%s %s TXT +short" % (ANYCAST_ADDR, QNAME))
    ans = dig()
    say("        \"%s\"" % ans)
    if ans != "site A":
        raise SystemExit("lab: expected site A to answer, got %r" % ans)
    say("answered by site A")

    dns_a = [p for p in procs_of(st) if p.name == "dns-a" and p.alive()][0]
    step("killing site A's DNS server (kill -9 dnsmasq pid %d)" % dns_a.pid)
    t_kill = time.time()
    dns_a.kill9()
    took, failed = watch(st, t_kill, lambda a: a == "site B", 30, seen)
    withdrawn = [ts - t_kill for ts, text in router_log(st)
                 if ts > t_kill and "site B" in text]
    say("answered by site B")
    if withdrawn:
        say("the upstream switched to site B's path %.2f s after the kill" % withdrawn[0])
    say("FAILOVER: client answered by site B %.2f s after site A's DNS server was"
        " killed (%d queries unanswered meanwhile)" % (took, failed))
    show_peer()

    step("restoring site A's DNS server")
    t_back = time.time()
    proc = start_dns("a", st["dirs"]["a"])
    st = load_state()
    st["procs"].append(proc.state())
    write_state(st)
    say("site A dnsmasq pid %d" % proc.pid)
    back, failed_b = watch(st, t_back, lambda a: a == "site A", 30, seen)
    say("answered by site A again")
    say("FAILBACK: client answered by site A %.2f s after its DNS server was"
        " started (%d queries unanswered meanwhile)" % (back, failed_b))
    show_peer()
    step("measured: failover %.2f s, failback %.2f s (probe interval 200 ms,"
         " fall 2, rise 2)" % (took, back))


def instructions():
    print("""
lab: == the lab is running
  the client's query   tools/lab dig
  break/fix a site     tools/lab dns stop a   /   tools/lab dns start a   (or b)
  anycastd (site A)    tools/lab vtysh -c 'show anycast health' -c 'show anycast prefix'
  anycastd (site B)    tools/lab vtysh --site b -c 'show anycast health'
  the upstream         tools/lab peer global rib -a ipv4
  overview             tools/lab status
  logs                 {rd}/*/*.log
  remove it all        tools/lab down
""".format(rd=RUNDIR), flush=True)


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
    for site in ("a", "b"):
        try:
            say("site %s anycastd health: %s" % (site.upper(), json.dumps(
                anycastd_json(st, site, "show anycast health json"))))
            say("site %s anycastd prefixes: %s" % (site.upper(), json.dumps(
                anycastd_json(st, site, "show anycast prefix json"))))
        except (OSError, T.VtyError, ValueError) as e:
            say("site %s anycastd not answering: %s" % (site.upper(), e))
    show_peer()
    say("client: dig -> %s" % (dig() or "no answer"))
    return 0


def cmd_dns(action, site):
    st = require_running()
    if site not in SITES or action not in ("stop", "start"):
        raise SystemExit("usage: tools/lab dns stop|start a|b")
    name = "dns-" + site
    running = [p for p in procs_of(st) if p.name == name and p.alive()]
    if action == "stop":
        if not running:
            say("site %s's DNS server is not running" % site.upper())
        for p in running:
            say("stopping site %s's DNS server (kill -9 dnsmasq pid %d)"
                % (site.upper(), p.pid))
            p.kill9()
    else:
        if running:
            say("site %s's DNS server is already running (pid %d)"
                % (site.upper(), running[0].pid))
            return
        proc = start_dns(site, st["dirs"][site])
        st["procs"].append(proc.state())
        write_state(st)
        say("site %s's DNS server answering on %s, dnsmasq pid %d"
            % (site.upper(), ANYCAST_ADDR, proc.pid))
    say("watch it: tools/lab status; tools/lab dig")


def cmd_vtysh(args):
    st = require_running()
    site = "a"
    if args[:1] == ["--site"] and len(args) > 1:
        site, args = args[1], args[2:]
    if site not in SITES:
        raise SystemExit("usage: tools/lab vtysh [--site a|b] [-c CMD]...")
    os.execvp("ip", ["ip", "netns", "exec", SITES[site]["ns"], T.VTYSH,
                     "--vty_socket", st["dirs"][site]] + args)


def cmd_peer(args):
    require_running()
    os.execvp("ip", ["ip", "netns", "exec", PEER_NS, T.GOBGP, "-u", "127.0.0.1",
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
    elif cmd == "dns" and len(rest) == 2:
        cmd_dns(rest[0], rest[1])
    elif cmd == "service" and len(rest) in (1, 2):
        cmd_dns(rest[0], rest[1] if len(rest) == 2 else "a")
    elif cmd == "dig":
        require_running()
        ans = dig()
        print('"%s"' % ans if ans else "no answer")
        return 0 if ans else 1
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
