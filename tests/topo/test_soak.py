"""Issue 7 section 4: soak.  1,000 health objects whose services flap at
random, tracked by 125 prefixes (IPv4 and IPv6, four policies).

    SOAK_SECONDS=300   total flapping time (default 300 = the CI mode;
                       3600 for the hour-long run of doc/soak.md)
    SOAK_SAMPLE=5      seconds between RSS/fd samples
    SOAK_CSV=PATH      write the samples there (default: the node's dir)
    SOAK_SEED=N        random seed (default: time-based, printed)

Phases: startup (every service up, every prefix announced), warm-up (every
service toggled every 5 s for 80 s, so every object's and most prefixes'
fixed 32-entry transition history has been written at least once: those
rings are calloc'ed and their pages only count in RSS once written, which
is bounded growth, not a leak), random flapping (every 0.5 s, 5 random
services are set up with p=0.8 / down with p=0.2), settle.

Asserted at the end:
- fd count: the minimum over 20 samples after settling is not above the
  same minimum taken after startup (in-flight probe sockets make single
  samples jitter by one or two; their minimum does not).
- RSS flat: the median of the last quarter of the random phase is at most
  RSS_GROWTH (5 %) above the median of its first quarter.  After warm-up
  every per-object structure has its final size; what may still move is
  malloc arena fragmentation from the probes' short-lived buffers, which is
  well under 1 MB on a ~26 MB daemon, so 5 % (about 1.3 MB) separates that
  from a leak of even one small allocation per probe (1000 probes/s x
  16 bytes = 57 MB/hour, 4.8 MB in the CI's 5 minutes).
- every prefix is present at the gobgpd peer exactly when the final state
  of its services (the listeners' own record, not anycastd's view) meets
  the prefix's policy.
"""

import csv
import ipaddress
import os
import random
import statistics
import subprocess
import sys
import time


sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import topolib as T  # noqa: E402

N_OBJECTS = 1000
PER_PREFIX = 8
BASE_PORT = 20000
RSS_GROWTH = 0.05
WARMUP_TOGGLE_S = 5
WARMUP_S = 80
LISTENERS = os.path.join(os.path.dirname(__file__), "lib", "listeners.py")

# prefix k (of 125) tracks objects PER_PREFIX*k .. PER_PREFIX*k+7; its
# policy is POLICIES[k % 4]: (config line, objects up needed)
POLICIES = [(None, PER_PREFIX), ("policy at-least 6", 6), ("policy at-least 7", 7),
            ("policy any", 1)]


def soak_prefixes():
    v4 = ["203.0.113.%d/30" % (4 * i) for i in range(64)]
    # canonical text (as gobgp prints it): 2001:db8:a0::/64, not ...:a0:0::/64
    v6 = [str(ipaddress.ip_network("2001:db8:a0:%x::/64" % i))
          for i in range(N_OBJECTS // PER_PREFIX - 64)]
    return v4 + v6


def soak_block(prefixes):
    lines = ["anycast"]
    for i in range(N_OBJECTS):
        lines += [" health s%04d" % i,
                  "  probe tcp %s port %d" % (T.SERVICE_ADDR, BASE_PORT + i),
                  " exit", " !"]
    for k, p in enumerate(prefixes):
        lines.append(" prefix %s" % p)
        pol = POLICIES[k % len(POLICIES)][0]
        if pol:
            lines.append("  " + pol)
        lines += ["  track s%04d" % i for i in range(PER_PREFIX * k, PER_PREFIX * (k + 1))]
        lines += [" exit", " !"]
    return "\n".join(lines + ["exit", "!"]) + "\n"


def demanded(prefixes, up):
    """The prefixes the services' states call for, by the policies."""
    out = set()
    for k, p in enumerate(prefixes):
        need = POLICIES[k % len(POLICIES)][1]
        if sum(up[PER_PREFIX * k:PER_PREFIX * (k + 1)]) >= need:
            out.add(p)
    return out


class Listeners:
    def __init__(self, t):
        self.ready = os.path.join(t.node.dir, "listeners.ready")
        argv = ["ip", "netns", "exec", t.node.ns, T.PYTHON, LISTENERS, T.SERVICE_ADDR,
                str(BASE_PORT), str(N_OBJECTS), self.ready]
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)
        t.register(T.Proc("listeners", self.p.pid, popen=self.p))
        T.wait_for(lambda: os.path.exists(self.ready) or self.p.poll() is not None, 20,
                   desc="listeners ready")
        assert self.p.poll() is None, "listeners exited"
        self.up = [True] * N_OBJECTS

    def _cmd(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        return self.p.stdout.readline().strip()

    def set(self, i, up):
        assert self._cmd("%s %d" % ("up" if up else "down", i)) == "ok"
        self.up[i] = up

    def state(self):
        return [w == "1" for w in self._cmd("state").split()]






def min_fds(pid, n=20):
    vals = []
    for _ in range(n):
        vals.append(T.fd_count(pid))
        time.sleep(0.1)
    return min(vals)


def peer_set(t, ours):
    have = set(t.gobgp.rib("ipv4")) | set(t.gobgp.rib("ipv6"))
    return have & ours


def test_soak(topo):
    duration = float(os.environ.get("SOAK_SECONDS", "300"))
    sample = float(os.environ.get("SOAK_SAMPLE", "5"))
    seed = int(os.environ.get("SOAK_SEED", str(int(time.time()))))
    rng = random.Random(seed)
    print("soak: %d s, seed %d" % (duration, seed))
    prefixes = soak_prefixes()
    ours = set(prefixes)
    assert len(prefixes) == N_OBJECTS // PER_PREFIX
    t = topo
    from conftest import require_anycastd
    require_anycastd()
    lst = Listeners(t)
    a = t.anycastd(T.anycastd_conf(t.node.dir, soak_block(prefixes)))
    t_load = time.monotonic()
    a.start(timeout=900)
    pid = a.proc.pid
    print("soak: anycastd read its %d-object config in %.1f s"
          % (N_OBJECTS, time.monotonic() - t_load))
    t_ann = time.monotonic()
    T.wait_for(lambda: peer_set(t, ours) == ours, 300, 0.5,
               "all %d soak prefixes announced at the peer" % len(ours))
    print("soak: all %d prefixes at the peer %.1f s later" % (len(ours), time.monotonic() - t_ann))
    base_fds = min_fds(pid)
    t0 = time.monotonic()
    rows = []

    def take(phase):
        rows.append((round(time.monotonic() - t0, 1), phase, T.rss_kb(pid), T.fd_count(pid),
                     sum(lst.up), len(peer_set(t, ours))))

    take("startup")
    next_sample = time.monotonic() + sample
    end = t0 + duration
    warm_end = t0 + min(WARMUP_S, duration / 4)
    next_toggle = time.monotonic()
    all_up = True
    while time.monotonic() < end:
        now = time.monotonic()
        if now < warm_end:
            phase = "warmup"
            if now >= next_toggle:
                all_up = not all_up
                for i in range(N_OBJECTS):
                    lst.set(i, all_up)
                next_toggle += WARMUP_TOGGLE_S
        else:
            phase = "flap"
            for i in rng.sample(range(N_OBJECTS), 5):
                lst.set(i, rng.random() < 0.8)
        if now >= next_sample:
            take(phase)
            assert a.alive(), "anycastd died during the soak"
            next_sample += sample
        time.sleep(0.5)
    # settle: the services keep their final state
    final = lst.state()
    assert final == lst.up, "listeners' state differs from what the test set"
    want = demanded(prefixes, final)
    try:
        T.wait_for(lambda: peer_set(t, ours) == want, 60, 0.5,
                   "peer matches the services' final state")
    finally:
        got = peer_set(t, ours)
        take("settled")
        end_fds = min_fds(pid)
        path = os.environ.get("SOAK_CSV") or os.path.join(t.node.dir, "soak.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["t_s", "phase", "rss_kb", "fds", "services_up", "peer_prefixes"])
            w.writerows(rows)
        print("soak: samples in %s" % path)
    assert got == want, ("peer differs from the services' final state: missing %s, extra %s"
                         % (sorted(want - got), sorted(got - want)))
    flap = [r[2] for r in rows if r[1] == "flap"]
    assert len(flap) >= 8, "too few samples in the random phase (%d)" % len(flap)
    q = len(flap) // 4
    first, last = statistics.median(flap[:q]), statistics.median(flap[-q:])
    print("soak: fds %d -> %d; RSS first-quarter median %d kB, last-quarter median %d kB "
          "(%+.1f %%), min %d max %d kB; %d of %d prefixes announced at the end"
          % (base_fds, end_fds, first, last, 100.0 * (last - first) / first, min(flap),
             max(flap), len(want), len(ours)))
    assert end_fds <= base_fds, "fd count grew: %d -> %d" % (base_fds, end_fds)
    assert last <= first * (1 + RSS_GROWTH), (
        "RSS grew %d -> %d kB (more than %d %%)" % (first, last, RSS_GROWTH * 100))
    assert a.alive()
