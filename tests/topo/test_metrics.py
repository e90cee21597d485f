"""Prometheus metrics (issue 5 section 4): `show anycast metrics` and the
node_exporter textfile written by `metrics textfile PATH [interval N]`.

Every exposition is checked twice: by `promtool check metrics` (Debian's
prometheus package, installed by tools/deps) and by the small parser
below, which the tests use to compare values with the daemon's JSON.

Health objects use the file probe with a long interval, so the probe runs
only when the test says so (`clear anycast health NAME`): the counters are
exact and stable while the JSON and the metrics are compared."""

import os
import re
import shutil
import stat
import subprocess
import threading
import time

import pytest

import topolib as T

touch = T.touch


cfg = T.configure
health = T.health_json
prefix = T.prefix_json

PROMTOOL = shutil.which("promtool") or "/usr/bin/promtool"
HEALTH_STATES = ("init", "rising", "up", "falling", "down", "admin-down")
PREFIX_STATES = ("down", "degraded", "up")
COUNTERS = {
    "anycastd_health_probe_runs_total": "runs",
    "anycastd_health_probe_successes_total": "successes",
    "anycastd_health_probe_failures_total": "failures",
    "anycastd_health_probe_timeouts_total": "timeouts",
    "anycastd_health_transitions_total": "transitions",
}
LATENCY = "anycastd_health_probe_latency_seconds"
# the family rendered last: its presence shows a file was read whole
LAST_FAMILY = "anycastd_prefix_transitions_total"


def gone(path):
    """The file is removed (by a thread: a moment after the change)."""
    T.wait_for(lambda: not os.path.exists(path), 3, desc="%s removed" % path)


# --------------------------------------------------------------------------
# exposition format


class ParseError(AssertionError):
    pass


_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_SAMPLE = re.compile(r"^(%s)(?:\{(.*)\})? (\S+)$" % _NAME)
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')


def _unescape(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == "\\":
            nxt = v[i + 1]
            if nxt not in '\\"n':
                raise ParseError("bad escape \\%s in %r" % (nxt, v))
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(v[i])
            i += 1
    return "".join(out)


def parse(text):
    """Parse a text exposition strictly: {"types": {family: type},
    "help": {family: text}, "samples": {(name, frozenset(labels)): value}}.
    Every sample must follow its family's HELP and TYPE lines, families
    must be contiguous and each series unique."""
    if not text.endswith("\n"):
        raise ParseError("exposition does not end with a newline")
    types, helps, samples = {}, {}, {}
    current, done = None, set()
    for ln in text.splitlines():
        if ln.startswith("# HELP ") or ln.startswith("# TYPE "):
            parts = ln.split(" ", 3)
            if len(parts) != 4:
                raise ParseError("bad line %r" % ln)
            fam = parts[2]
            if fam != current:
                if fam in done:
                    raise ParseError("family %s is not contiguous" % fam)
                if current:
                    done.add(current)
                current = fam
            (helps if parts[1] == "HELP" else types)[fam] = parts[3]
            continue
        if not ln or ln.startswith("#"):
            raise ParseError("unexpected line %r" % ln)
        m = _SAMPLE.match(ln)
        if not m:
            raise ParseError("bad sample %r" % ln)
        name, labeltext, value = m.groups()
        fam = name
        if types.get(current) == "histogram":
            fam = re.sub(r"_(bucket|sum|count)$", "", name)
        if fam != current or current not in types or current not in helps:
            raise ParseError("sample %r outside its family (in %s)" % (ln, current))
        labels = {}
        rest = labeltext or ""
        while rest:
            lm = _LABEL.match(rest)
            if not lm:
                raise ParseError("bad labels in %r" % ln)
            labels[lm.group(1)] = _unescape(lm.group(2))
            rest = rest[lm.end():]
        key = (name, frozenset(labels.items()))
        if key in samples:
            raise ParseError("duplicate series %r" % ln)
        samples[key] = float(value)
    return {"types": types, "help": helps, "samples": samples}


def val(m, name, **labels):
    key = (name, frozenset(labels.items()))
    assert key in m["samples"], "no series %s%r" % (name, labels)
    return m["samples"][key]


def promtool_check(text):
    if not os.access(PROMTOOL, os.X_OK):
        pytest.fail("promtool missing: apt-get install prometheus (tools/deps)")
    res = subprocess.run([PROMTOOL, "check", "metrics"], input=text,
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, "promtool check metrics: %s%s\n%s" % (
        res.stdout, res.stderr, text)


def read(path):
    with open(path) as f:
        return f.read()


# --------------------------------------------------------------------------
# helpers


def slow_health(name, path):
    """A file probe that runs once after configuration, then only on
    `clear anycast health NAME` (interval 1 h)."""
    return ["health %s" % name, "probe file %s" % path, "interval 3600000",
            "rise 1", "fall 1", "exit"]


def metrics_dir(t, name="textfile"):
    d = os.path.join(t.node.dir, name)
    T.make_frr_dir(d)  # anycastd runs as frr: it must be able to write here
    return d


def show_metrics(a):
    return a.show("show anycast metrics")


def probe_now(a, name, runs_before):
    a.show("clear anycast health %s" % name)
    T.wait_for(lambda: health(a, name)["successes"] + health(a, name)["failures"]
               > runs_before, 5, desc="a probe run of %s" % name)


def check_against_json(a, m, names, prefixes):
    """Every health/prefix series of m equals the daemon's JSON state."""
    for n in names:
        h = health(a, n)
        lab = {"health": n, "kind": h["probe"]}
        for st in HEALTH_STATES:
            assert val(m, "anycastd_health_state", state=st, **lab) == (
                1 if h["state"] == st else 0), (n, st, h["state"])
        up = h["state"] in ("up", "falling") and not h["suppressed"]
        assert val(m, "anycastd_health_up", **lab) == (1 if up else 0), n
        for metric, field in COUNTERS.items():
            assert val(m, metric, **lab) == h[field], (n, metric, h)
        # the histogram: cumulative buckets, +Inf = _count = finished runs
        finished = h["successes"] + h["failures"]
        buckets = sorted(
            ((float(dict(k[1])["le"]), v) for k, v in m["samples"].items()
             if k[0] == LATENCY + "_bucket" and dict(k[1])["health"] == n),
            key=lambda x: x[0])
        assert [b[0] for b in buckets] == [0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                          0.25, 0.5, 1, 2.5, 5, float("inf")]
        counts = [b[1] for b in buckets]
        assert counts == sorted(counts), ("buckets not cumulative", n, counts)
        assert counts[-1] == finished and finished > 0, (n, counts, h)
        assert val(m, LATENCY + "_count", **lab) == finished
        assert 0 <= val(m, LATENCY + "_sum", **lab) <= 5 * finished
    for p in prefixes:
        j = prefix(a, p)
        for st in PREFIX_STATES:
            assert val(m, "anycastd_prefix_state", prefix=p, state=st) == (
                1 if j["state"] == st else 0), (p, st, j["state"])
        assert val(m, "anycastd_prefix_announced", prefix=p) == (
            1 if j["announced"] else 0), (p, j)
        assert val(m, "anycastd_prefix_transitions_total", prefix=p) == j["transitions"]
        assert val(m, "anycastd_prefix_draining", prefix=p) == (
            1 if j["drainState"] == "draining" else 0), (p, j)
    zc = prefix(a, prefixes[0])["zebraConnected"]
    assert val(m, "anycastd_zebra_connected") == (1 if zc else 0)


def check_families(m):
    want = {"anycastd_zebra_connected": "gauge",
            "anycastd_health_state": "gauge", "anycastd_health_up": "gauge",
            LATENCY: "histogram", "anycastd_probe_errors_total": "counter",
            "anycastd_prefix_state": "gauge",
            "anycastd_prefix_announced": "gauge",
            "anycastd_prefix_draining": "gauge",
            "anycastd_prefix_transitions_total": "counter",
            "anycastd_probe_limit": "gauge",
            "anycastd_probe_runs_active": "gauge",
            "anycastd_probe_runs_waiting": "gauge",
            "anycastd_probe_runs_deferred_total": "counter",
            "anycastd_probe_runs_skipped_total": "counter",
            "anycastd_metrics_textfile_skipped_total": "counter",
            "anycastd_probe_runs_no_result_total": "counter"}
    want.update({c: "counter" for c in COUNTERS})
    assert m["types"] == want


# --------------------------------------------------------------------------
# tests


def test_parser_rejects_broken_expositions():
    """The parser used below must be able to fail."""
    good = ("# HELP x_total X.\n# TYPE x_total counter\n"
            'x_total{a="q\\"\\\\\\n"} 3\n')
    assert val(parse(good), "x_total", a='q"\\\n') == 3
    for bad in (good[:-1],                                  # cut short
                good[:-8] + "\n",                           # cut in a sample
                good + 'x_total{a="q\\"\\\\\\n"} 4\n',      # duplicate
                "x_total 1\n",                              # no HELP/TYPE
                good.replace('\\"', '"'),                   # bad escaping
                good + "# HELP y Y.\n# TYPE y gauge\ny 1\n"
                "# HELP x_total X.\n# TYPE x_total counter\nx_total 1\n"):
        with pytest.raises(ParseError):
            parse(bad)


def test_metrics_match_state(engine):
    t, a, flags = engine
    d = metrics_dir(t)
    path = os.path.join(d, "anycastd.prom")
    fweb, fdb = os.path.join(flags, "web"), os.path.join(flags, "db")
    touch(fweb)
    cfg(a, "anycast", *slow_health("web", fweb), *slow_health("db", fdb),
        "prefix %s" % T.ANYCAST_V4, "track web", "exit",
        "prefix %s" % T.ANYCAST_V6, "track db", "exit",
        "metrics textfile %s interval 1" % path)
    T.wait_for(lambda: health(a, "web")["state"] == "up"
               and health(a, "db")["state"] == "down", 10)
    t.wait_peer(T.ANYCAST_V4, timeout=10)

    # the file: written by frr, mode 0644, readable by node_exporter
    T.wait_for(lambda: os.path.exists(path), 5, desc="metrics file")
    st = os.stat(path)
    assert stat.S_IMODE(st.st_mode) == 0o644 and st.st_uid == T._frr_ids()[0]

    def settled():
        # the file is rewritten every second: the state above is in it
        m = parse(read(path))
        return m if val(m, "anycastd_health_state", health="web", kind="file",
                        state="up") == 1 else None
    mfile = T.wait_for(settled, 5, desc="state in the metrics file")
    shown = show_metrics(a)
    for text in (read(path), shown):
        promtool_check(text)
    mshow = parse(shown)
    check_families(mshow)
    for m in (mfile, mshow):
        check_against_json(a, m, ["web", "db"], [T.ANYCAST_V4, T.ANYCAST_V6])
    assert val(mshow, "anycastd_health_up", health="web", kind="file") == 1
    assert val(mshow, "anycastd_prefix_announced", prefix=T.ANYCAST_V4) == 1
    assert val(mshow, "anycastd_prefix_announced", prefix=T.ANYCAST_V6) == 0
    assert val(mshow, "anycastd_zebra_connected") == 1
    # every kind is listed; file errors are the objects' failures
    assert val(mshow, "anycastd_probe_errors_total", kind="file") == (
        health(a, "web")["failures"] + health(a, "db")["failures"]) == 1
    assert val(mshow, "anycastd_probe_errors_total", kind="tcp") == 0

    # drain the announced prefix: draining 1
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V4, "drain", "exit")
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["drainState"] == "draining", 5)
    m = parse(show_metrics(a))
    assert val(m, "anycastd_prefix_draining", prefix=T.ANYCAST_V4) == 1
    check_against_json(a, m, ["web", "db"], [T.ANYCAST_V4, T.ANYCAST_V6])
    cfg(a, "anycast", "prefix %s" % T.ANYCAST_V4, "no drain", "exit")
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["drainState"] == "none", 5)

    # a transition: web goes down, the prefix is withdrawn
    before = parse(show_metrics(a))
    os.unlink(fweb)
    probe_now(a, "web", 1)
    T.wait_for(lambda: prefix(a, T.ANYCAST_V4)["state"] == "down", 5)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)

    def file_down():
        m = parse(read(path))
        return m if val(m, "anycastd_prefix_announced",
                        prefix=T.ANYCAST_V4) == 0 else None
    mfile = T.wait_for(file_down, 5, desc="the withdraw in the metrics file")
    mshow = parse(show_metrics(a))
    for m in (mfile, mshow):
        check_against_json(a, m, ["web", "db"], [T.ANYCAST_V4, T.ANYCAST_V6])
    lab = {"health": "web", "kind": "file"}
    assert val(mshow, "anycastd_health_state", state="down", **lab) == 1
    assert val(mshow, "anycastd_health_state", state="up", **lab) == 0
    assert val(mshow, "anycastd_health_up", **lab) == 0
    assert val(mshow, "anycastd_health_transitions_total", **lab) == (
        val(before, "anycastd_health_transitions_total", **lab) + 1)
    assert val(mshow, "anycastd_health_probe_failures_total", **lab) == 1
    assert val(mshow, LATENCY + "_count", **lab) == 2
    assert val(mshow, "anycastd_prefix_transitions_total",
               prefix=T.ANYCAST_V4) == val(
        before, "anycastd_prefix_transitions_total", prefix=T.ANYCAST_V4) + 1
    assert val(mshow, "anycastd_probe_errors_total", kind="file") == 2
    promtool_check(show_metrics(a))
    promtool_check(read(path))

    # a clean stop removes the file: no stale "announced" is left behind
    assert a.stop(), "anycastd did not exit on SIGTERM"
    assert not os.path.exists(path) and os.listdir(d) == []


def test_textfile_replaced_atomically(engine):
    """A reader polling the file during several rewrites (interval 1)
    always reads a whole exposition, never a partial one."""
    t, a, flags = engine
    d = metrics_dir(t)
    path = os.path.join(d, "anycastd.prom")
    lines = []
    for i in range(30):  # a file of some size: ~50 KB
        f = os.path.join(flags, "h%02d" % i)
        if i % 2:
            touch(f)
        lines += ["health h%02d" % i, "probe file %s" % f, "interval 100",
                  "rise 1", "fall 1", "exit"]
    cfg(a, "anycast", *lines, "prefix %s" % T.ANYCAST_V4, "track h01", "exit",
        "metrics textfile %s interval 1" % path)
    T.wait_for(lambda: os.path.exists(path), 5, desc="metrics file")

    stop = threading.Event()
    seen = {"reads": 0, "inodes": set(), "bad": [], "contents": set()}

    def reader():
        while not stop.is_set():
            try:
                with open(path) as f:
                    ino = os.fstat(f.fileno()).st_ino
                    text = f.read()
            except FileNotFoundError as e:
                seen["bad"].append("missing: %s" % e)
                continue
            seen["reads"] += 1
            seen["inodes"].add(ino)
            seen["contents"].add(hash(text))
            try:
                m = parse(text)
                assert LAST_FAMILY in m["types"]
                assert len([k for k in m["samples"]
                            if k[0] == "anycastd_health_up"]) == 30
            except AssertionError as e:
                seen["bad"].append("%s (%d bytes)" % (e, len(text)))

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    # several rewrites (~4.5 s; longer when a busy disk makes fsync slow and
    # intervals are skipped)
    try:
        T.wait_for(lambda: len(seen["inodes"]) >= 3 and len(seen["contents"]) >= 3,
                   15, 0.1, "several rewrites")
    except T.WaitTimeout:
        pass  # reported by the assertion below
    time.sleep(0.5)
    stop.set()
    th.join(10)
    assert not seen["bad"], seen["bad"][:3]
    assert len(seen["inodes"]) >= 3 and len(seen["contents"]) >= 3, (
        "expected several rewrites", seen["reads"], len(seen["inodes"]))
    assert os.path.getsize(path) > 20000
    promtool_check(read(path))
    # only the file is left: no temporary files
    T.wait_for(lambda: os.listdir(d) == ["anycastd.prom"], 3,
               desc="no temporary file left")

    # `no metrics textfile` stops writing and removes the file
    cfg(a, "anycast", "no metrics textfile")
    gone(path)
    time.sleep(1.5)
    assert os.listdir(d) == []


def test_textfile_never_follows_planted_symlinks(engine):
    """Issue 15 section 2: a local user who can write to the textfile
    directory plants symlinks at the temporary names anycastd used
    (PATH.tmp.PID) and at other guessable ones, pointing to a file frr owns
    (frr.conf holds passwords).  anycastd writes the metrics several times:
    the victim keeps its content and mode, the symlinks are left alone, the
    metrics file is right.  (Before: the victim was overwritten with the
    exposition and made mode 644.)"""
    t, a, flags = engine
    d = metrics_dir(t)
    path = os.path.join(d, "anycastd.prom")
    uid, gid = T._frr_ids()
    victim = os.path.join(t.node.dir, "victim.conf")
    secret = "password very-secret\n"
    with open(victim, "w") as f:
        f.write(secret)
    os.chown(victim, uid, gid)
    os.chmod(victim, 0o600)
    pid = a.proc.pid
    names = ["anycastd.prom.tmp.%d" % p for p in range(pid - 2, pid + 3)] + [
        "anycastd.prom.tmp", "anycastd.prom.tmp.0", "anycastd.prom.new",
        ".anycastd.prom", "anycastd.prom~", "anycastd.prom.swp"]
    for n in names:
        os.symlink(victim, os.path.join(d, n))
    # also the final name: rename() replaces the link, never its target
    os.symlink(victim, path)

    f = os.path.join(flags, "up")
    touch(f)
    cfg(a, "anycast", "health h", "probe file %s" % f, "interval 100",
        "rise 1", "fall 1", "exit", "metrics textfile %s interval 1" % path)
    T.wait_for(lambda: not os.path.islink(path), 5, desc="the metrics file")
    time.sleep(2.5)  # a few more rewrites

    st = os.stat(victim)
    assert read(victim) == secret, read(victim)[:200]
    assert stat.S_IMODE(st.st_mode) == 0o600, oct(st.st_mode)
    assert (st.st_uid, st.st_gid) == (uid, gid)
    for n in names:
        p = os.path.join(d, n)
        assert os.path.islink(p) and os.readlink(p) == victim, n
    pst = os.lstat(path)
    assert stat.S_ISREG(pst.st_mode) and stat.S_IMODE(pst.st_mode) == 0o644
    assert pst.st_uid == uid
    text = read(path)
    promtool_check(text)
    m = parse(text)
    assert val(m, "anycastd_health_up", health="h", kind="file") == 1
    # nothing else was created: the planted links and the file
    T.wait_for(lambda: sorted(os.listdir(d)) == sorted(names + ["anycastd.prom"]),
               3, desc="no temporary file left: %s" % os.listdir(d))
    assert a.alive()


HANG_S = 3.0


def test_hung_write_does_not_stall_the_loop(engine):
    """Issue 15 section 3/4: the textfile is written off the event loop.
    strace makes every rename of the daemon's (only the metrics write
    renames) hang for 3 s, as on a hung file system: the vty keeps
    answering at once, probes keep running, the intervals that come while
    the write hangs are skipped, counted and logged once, and the file is
    written again when the hang is over.  (Before: the loop itself hung in
    rename(), the vty with it.)"""
    t, a, flags = engine
    d = metrics_dir(t)
    path = os.path.join(d, "anycastd.prom")
    f = os.path.join(flags, "up")
    touch(f)
    cfg(a, "anycast", "health h", "probe file %s" % f, "interval 100",
        "rise 1", "fall 1", "exit", "metrics textfile %s interval 1" % path)
    T.wait_for(lambda: os.path.exists(path), 5, desc="the metrics file")
    calls = "rename,renameat,renameat2"
    with T.strace(a.proc.pid, "-e", "trace=" + calls,
                  "-e", "inject=%s:delay_enter=%d" % (calls, HANG_S * 1e6)):
        runs0 = health(a, "h")["runs"]
        worst = 0.0
        end = time.monotonic() + 2 * HANG_S
        with a.vty() as v:
            while time.monotonic() < end:
                s = time.monotonic()
                v.ok("show version")
                worst = max(worst, time.monotonic() - s)
                time.sleep(0.1)
        runs = health(a, "h")["runs"] - runs0
    # a loop stuck in rename() for 3 s answers after seconds, not at once
    assert worst < HANG_S / 3, "vty answered after %.2f s" % worst
    assert runs >= 10, (runs, worst)  # ~60 expected at interval 100 in 6 s
    m = parse(show_metrics(a))
    skipped = val(m, "anycastd_metrics_textfile_skipped_total")
    assert skipped >= 2
    # logged once per hung write (two fit into the 6 s), not per interval
    logtext = read(a.logfile)
    skips = [ln for ln in logtext.splitlines()
             if "is still being written: skipping intervals" in ln]
    assert 1 <= len(skips) <= 3 and len(skips) < skipped, (skipped, skips)
    # over: written again, and said so
    mtime = os.stat(path).st_mtime
    T.wait_for(lambda: os.stat(path).st_mtime > mtime, 5, desc="written again")
    T.wait_for(lambda: "%s is written again after" % path in read(a.logfile), 5)
    assert a.alive()


BAD = [
    ("metrics textfile anycastd.prom", "absolute path"),
    ("metrics textfile {d}/anycastd.txt", "*.prom"),
    ("metrics textfile {d}/.prom", "*.prom"),
    ("metrics textfile {d}/missing/anycastd.prom", "does not exist"),
    ("metrics textfile {f}/anycastd.prom", "does not exist"),  # not a dir
    ("metrics textfile {d}/anycastd.prom interval 0", ""),
    ("metrics textfile {d}/anycastd.prom interval 3601", ""),
]


def test_bad_config_rejected(engine):
    t, a, flags = engine
    d = metrics_dir(t)
    f = os.path.join(flags, "plain")
    touch(f)
    for existing in (None, "metrics textfile %s/ok.prom interval 7" % d):
        if existing:
            cfg(a, "anycast", existing)
        for bad, why in BAD:
            bad = bad.format(d=d, f=f)
            before = a.running_config()
            status, text = T.vty_config(a, "anycast", bad)
            assert status != 0 and text.strip().startswith("%"), (bad, text)
            assert why in text, (bad, text)
            assert a.running_config() == before, bad
        # (a write in progress has its temporary file there a moment)
        want = [] if existing is None else ["ok.prom"]
        T.wait_for(lambda: sorted(os.listdir(d)) == want, 3,
                   desc="only %s in %s" % (want, os.listdir(d)))


def test_config_round_trip_and_errors_logged_once(engine):
    t, a, flags = engine
    d = metrics_dir(t)
    p1, p2 = os.path.join(d, "one.prom"), os.path.join(d, "two.prom")

    def lines():
        return [ln for ln in T.anycast_section(a.running_config())
                if "metrics" in ln]

    cfg(a, "anycast", "metrics textfile %s" % p1)
    assert lines() == [" metrics textfile %s" % p1]  # default interval 15
    # written at once, not after 15 s (by a thread: a moment later)
    T.wait_for(lambda: os.path.exists(p1), 2, desc="the file written at once")
    cfg(a, "anycast", "metrics textfile %s interval 5" % p1)
    assert lines() == [" metrics textfile %s interval 5" % p1]
    # a new path replaces the old one and removes its file
    cfg(a, "anycast", "metrics textfile %s interval 2" % p2)
    assert lines() == [" metrics textfile %s interval 2" % p2]
    T.wait_for(lambda: os.path.exists(p2), 5)
    gone(p1)

    # the anycast block reads back the same (also through vtysh if built)
    block = T.running_anycast_block(a.running_config())
    cfg(a, "anycast", "no metrics textfile")
    assert lines() == []
    gone(p2)
    conf = [ln.strip() for ln in block.splitlines() if ln.strip() != "!"]
    if os.access(T.VTYSH, os.X_OK):
        res = t.node.vtysh("configure terminal", *conf)
        assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (
            res.stdout, res.stderr)
        res = t.node.vtysh("show anycast metrics")
        assert res.returncode == 0, res.stderr
        promtool_check(res.stdout)
        parse(res.stdout)
    else:
        cfg(a, *conf[:-1])
    assert T.running_anycast_block(a.running_config()) == block
    T.wait_for(lambda: os.path.exists(p2), 5)

    # a directory frr cannot write to: accepted (it exists), one warning
    # however many intervals fail, one notice when it works again
    ro = os.path.join(t.node.dir, "rootonly")
    os.makedirs(ro)
    os.chmod(ro, 0o755)
    p3 = os.path.join(ro, "anycastd.prom")
    cfg(a, "anycast", "metrics textfile %s interval 1" % p3)
    gone(p2)
    time.sleep(3.5)
    logtext = read(a.logfile)
    warns = [ln for ln in logtext.splitlines()
             if "metrics: %s: cannot create a temporary file in %s:" % (p3, ro)
             in ln]
    assert len(warns) == 1, warns
    assert os.listdir(ro) == []
    uid, gid = T._frr_ids()
    os.chown(ro, uid, gid)
    T.wait_for(lambda: os.path.exists(p3), 5, desc="the file once writable")
    T.wait_for(lambda: "metrics: writing %s works again" % p3 in read(a.logfile), 5)
    assert a.alive()
    cfg(a, "anycast", "no metrics textfile")
    gone(p3)
