"""benchlib -- shared pieces of the anycastd benchmark (bench/run).

Namespaces, daemons and the gobgpd observer come from the topology tests'
library (tests/topo/lib/topolib.py), imported, not copied.  What is added
here: receive timestamps at the observer, statistics, machine facts, CPU
accounting from /proc, and gnuplot plots.
"""

import os
import platform
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "topo", "lib"))
import topolib as T  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


class BenchError(RuntimeError):
    """The benchmark itself broke (not: a number was slow)."""


def log(msg):
    sys.stderr.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


# --------------------------------------------------------------------------
# the observer: gobgp monitor with local receive timestamps


class TimedMonitor(T.Monitor):
    """topolib's `gobgp monitor global rib -j` at the peer, each event
    stamped with the wall clock (time.time()) when its line arrived, as
    event["_rx"].  The stamp is taken by the reader thread as soon as the
    line is read from the pipe."""

    def mark(self):
        """Index to look for events after (events are only appended)."""
        return len(self.events)

    def find(self, prefix, withdrawal, since=0):
        for e in self.events[since:]:
            if bool(e.get("withdrawal")) == withdrawal and \
                    e.get("nlri", {}).get("prefix") == prefix:
                return e
        return None

    def wait(self, prefix, withdrawal, since=0, timeout=15):
        """Receive time of the first update (withdrawal=False) or withdraw
        of prefix after index `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            e = self.find(prefix, withdrawal, since)
            if e is not None:
                return e["_rx"]
            time.sleep(0.002)
        raise BenchError("observer saw no %s of %s within %ss"
                         % ("withdraw" if withdrawal else "update", prefix, timeout))

    def wait_count(self, prefixes, withdrawal, since=0, timeout=60):
        """Receive time of the event that completed the set `prefixes`
        (each seen withdrawn / updated at least once after `since`)."""
        want = set(prefixes)
        seen = set()
        last = None
        i = since
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            evs = self.events
            while i < len(evs):
                e = evs[i]
                i += 1
                p = e.get("nlri", {}).get("prefix")
                if p in want and bool(e.get("withdrawal")) == withdrawal and p not in seen:
                    seen.add(p)
                    last = e["_rx"]
            if seen == want:
                return last
            time.sleep(0.005)
        raise BenchError("observer saw %d of %d %s within %ss"
                         % (len(seen), len(want),
                            "withdraws" if withdrawal else "updates", timeout))


class SniffMonitor(TimedMonitor):
    """The observer's view on the wire: bgpsniff.py in the observer's
    namespace, every BGP UPDATE received on its link interface with the
    kernel's receive timestamp (SO_TIMESTAMPNS).  Same interface as
    TimedMonitor (events with nlri/prefix, withdrawal, _rx)."""

    def __init__(self, t, ifname="to-node"):  # noqa: D107 - no super(): own process
        self.events = []
        argv = ["ip", "netns", "exec", t.peer_ns, T.PYTHON,
                os.path.join(HERE, "bgpsniff.py"), ifname]
        self.p = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        if self.p.stdout.readline().strip() != "ready":
            raise BenchError("bgpsniff did not start in %s" % t.peer_ns)
        self.th = threading.Thread(target=self._read, daemon=True)
        self.th.start()

    def _read(self):
        for line in self.p.stdout:
            f = line.split()
            if len(f) != 4:
                continue
            self.events.append({"_rx": float(f[0]), "neighbor-ip": f[1],
                                "withdrawal": f[2] == "W",
                                "nlri": {"prefix": f[3]}})


# --------------------------------------------------------------------------
# statistics


def pct(values, q):
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(1, int(-(-q * len(v) // 100)))  # ceil
    return v[min(k, len(v)) - 1]


def summary(values):
    return {"n": len(values), "p50": pct(values, 50), "p90": pct(values, 90),
            "p99": pct(values, 99), "max": max(values) if values else float("nan"),
            "min": min(values) if values else float("nan")}


# --------------------------------------------------------------------------
# machine and load


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine_facts():
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=10).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    model = "?"
    with open("/proc/cpuinfo") as f:
        for ln in f:
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = f.readline().split()[1]

    def pkg(p):
        return first(["dpkg-query", "-W", "-f", "${Version}", p])

    return {
        "cpu": model, "cpus": os.cpu_count(), "mem_mb": int(mem) // 1024,
        "kernel": platform.release(), "frr": pkg("frr"), "gobgpd": pkg("gobgpd"),
        "exabgp": pkg("exabgp"), "python": platform.python_version(),
        "anycastd": first(["git", "-C", REPO, "describe", "--always", "--dirty"]),
    }


# --------------------------------------------------------------------------
# /proc accounting


def cpu_seconds(pid, children=False):
    """utime+stime of pid (plus its waited-for children's with children=True)."""
    with open("/proc/%d/stat" % pid) as f:
        rest = f.read().rsplit(")", 1)[1].split()
    ticks = int(rest[11]) + int(rest[12])
    if children:
        ticks += int(rest[13]) + int(rest[14])
    return ticks / CLK_TCK


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for ln in f:
            if ln.startswith("VmRSS:"):
                return int(ln.split()[1])
    return 0


def descendants(pid):
    """pid and all its descendants (from /proc/*/stat ppid fields)."""
    kids = {}
    for ent in os.listdir("/proc"):
        if not ent.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % ent) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(ent))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


# --------------------------------------------------------------------------
# plots (gnuplot from Debian's gnuplot-nox)


def plot_cdf(path, title, series, xlabel="ms", logx=False):
    """CDF of each {label: [values]} into a PNG."""
    datadir = path + ".d"
    os.makedirs(datadir, exist_ok=True)
    plots = []
    for i, (label, vals) in enumerate(series.items()):
        if not vals:
            continue
        dat = os.path.join(datadir, "s%d.dat" % i)
        v = sorted(vals)
        with open(dat, "w") as f:
            for k, x in enumerate(v):
                f.write("%.4f %.5f\n" % (x, (k + 1) / len(v)))
        plots.append("'%s' using 1:2 with steps lw 2 title '%s'"
                     % (dat, label.replace("'", "")))
    script = ["set terminal pngcairo size 900,520 font 'sans,10'",
              "set output '%s'" % path,
              "set title '%s'" % title.replace("'", ""),
              "set xlabel '%s'" % xlabel, "set ylabel 'fraction of trials'",
              "set yrange [0:1.02]", "set grid", "set key bottom right"]
    if logx:
        script.append("set logscale x")
    script.append("plot " + ", ".join(plots))
    _gnuplot(script)
    _rmtree(datadir)


def plot_xy(path, title, xlabel, ylabel, series, logx=False, logy=False):
    """Lines of {label: [(x, y), ...]} into a PNG."""
    datadir = path + ".d"
    os.makedirs(datadir, exist_ok=True)
    plots = []
    for i, (label, pts) in enumerate(series.items()):
        dat = os.path.join(datadir, "s%d.dat" % i)
        with open(dat, "w") as f:
            for x, y in pts:
                f.write("%g %g\n" % (x, y))
        plots.append("'%s' using 1:2 with linespoints lw 2 pt 7 title '%s'"
                     % (dat, label.replace("'", "")))
    script = ["set terminal pngcairo size 900,520 font 'sans,10'",
              "set output '%s'" % path, "set title '%s'" % title,
              "set xlabel '%s'" % xlabel, "set ylabel '%s'" % ylabel,
              "set grid", "set key top left"]
    if logx:
        script.append("set logscale x")
    if logy:
        script.append("set logscale y")
    script.append("plot " + ", ".join(plots))
    _gnuplot(script)
    _rmtree(datadir)


def _gnuplot(lines):
    res = subprocess.run(["gnuplot"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, timeout=60)
    if res.returncode != 0:
        raise BenchError("gnuplot failed: %s" % res.stderr)


def _rmtree(d):
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    os.rmdir(d)
