"""topolib — real FRR + gobgpd topologies in network namespaces.

The topology:

    ns <tag>-node                                   ns <tag>-peer
    zebra, staticd, bgpd AS 64512, anycastd         gobgpd AS 64513
    service 198.51.100.1:8080 (on lo)
    to-peer 192.0.2.1/30, 2001:db8:1::1/64  <--veth-->  to-node 192.0.2.2/30,
                                                        2001:db8:1::2/64

Rules this module enforces:
  * zebra only ever runs inside a namespace created here;
  * only documentation prefixes (RFC 5737, RFC 3849) are configured;
  * every process is tracked by PID (+ its start time, so a recycled PID is
    never signalled) and killed at teardown, namespaces are deleted, temp
    dirs removed.  Teardown is idempotent and also runs from an atexit /
    SIGTERM / SIGHUP safety net; sweep_stale() removes what a SIGKILLed
    earlier run left behind.

Only the Python standard library and Debian's /usr/bin/python3 are needed.
"""

import atexit
import ipaddress
import json
import os
import pwd
import grp
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

# --------------------------------------------------------------------------
# constants

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
# the binaries under test; override with ANYCASTD=... / ANYCASTD_VTYSH=...
# (e.g. to test an installed package)
ANYCASTD = os.environ.get("ANYCASTD") or os.path.join(REPO, "anycastd", "anycastd")
VTYSH = os.environ.get("ANYCASTD_VTYSH") or os.path.join(REPO, "vtysh", "vtysh")
# FRR's frr-reload.py with vtysh/frr-reload.patch applied (make)
FRR_RELOAD = (os.environ.get("ANYCASTD_FRR_RELOAD")
              or os.path.join(REPO, "vtysh", "build", "frr-reload.py"))
FRR_DIR = "/usr/lib/frr"


def _frr_version():
    """(major, minor) of the installed FRR (zebra --version), or (0, 0)."""
    try:
        out = subprocess.run([os.path.join(FRR_DIR, "zebra"), "--version"],
                             capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return (0, 0)
    m = re.search(r"version (\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


FRR_VERSION = _frr_version()
# FRR 10.x: zebra and staticd are back ends of mgmtd, which owns their
# configuration (static routes are configured on mgmtd's vty); mgmtd and
# staticd refuse -f.  mgmtd's own sockets are not moved by --vty_socket,
# only by the pathspace (-N NAME: /run/frr/NAME/), so every daemon of a
# node gets its node's -N.
FRR_MGMTD = FRR_VERSION >= (10, 0)
FRR_NO_CONF_FILE = {"mgmtd", "staticd"} if FRR_MGMTD else set()
FRR_RUNDIR = "/run/frr"
# the event loop's CPU statistics: `show thread cpu` until 8.5, `show event
# cpu` from 9.0 (lib/thread.c became lib/event.c)
SHOW_EVENT_CPU = "show event cpu" if FRR_VERSION >= (9, 0) else "show thread cpu"
PYTHON = "/usr/bin/python3"
GOBGPD = "/usr/bin/gobgpd"
GOBGP = "/usr/bin/gobgp"

NODE_AS = 64512
PEER_AS = 64513
NODE_V4 = "192.0.2.1"
PEER_V4 = "192.0.2.2"
LINK_V4_LEN = 30
NODE_V6 = "2001:db8:1::1"
PEER_V6 = "2001:db8:1::2"
LINK_V6_LEN = 64
SERVICE_ADDR = "198.51.100.1"
SERVICE_PORT = 8080
ANYCAST_V4 = "203.0.113.0/24"
ANYCAST_V6 = "2001:db8:ac::/48"
STATIC_V4 = "198.51.100.128/25"
STATIC_V6 = "2001:db8:5::/48"
TABLE_INSTANCE = 253
# per-namespace /etc overrides of `ip netns exec` (Topology.node_etc)
ETC_NETNS = "/etc/netns"
GOBGP_API_PORT = 50051

_DOC_NETS = [ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")]


def is_documentation(prefix):
    """True if the address/prefix lies inside a documentation range."""
    net = ipaddress.ip_network(prefix, strict=False)
    return any(net.version == d.version and net.subnet_of(d) for d in _DOC_NETS)


def _assert_doc(*prefixes):
    for p in prefixes:
        if not is_documentation(p):
            raise ValueError("refusing non-documentation address %s" % p)


_assert_doc(NODE_V4, PEER_V4, NODE_V6, PEER_V6, SERVICE_ADDR, ANYCAST_V4,
            ANYCAST_V6, STATIC_V4, STATIC_V6)

# --------------------------------------------------------------------------
# small helpers


def log(msg):
    sys.stderr.write("[topo %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


class WaitTimeout(AssertionError):
    pass


class DaemonDied(AssertionError):
    """One of FRR's daemons died during a test (FrrDaemon.assert_alive)."""


# FRR 10.x's zebra (10.3 seen) dies with SIGSEGV in its dataplane thread
# (netlink_route_multipath_msg_encode: the netlink socket looked up for a
# route's namespace is gone -- FRR issues 13902, 19232, 22933) when a network
# namespace VRF is deleted while routes change: here, the routes of a prefix
# tracking something in that VRF are withdrawn at the same moment.  FRR
# 8.4.4's zebra survives the same steps.  Tests of "the VRF is deleted" are
# expected to fail with DaemonDied on 10.x, and are reported if they pass.
ZEBRA_DIES_ON_NETNS_VRF_DELETE = FRR_VERSION >= (10, 0)


def wait_for(cond, timeout, interval=0.05, desc=None):
    """Poll cond() until it returns a truthy value; return that value.

    Raises WaitTimeout (an AssertionError) after `timeout` seconds, with the
    description and the last value/exception seen."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            val = cond()
            last = val
            if val:
                return val
        except Exception as e:  # noqa: BLE001 - reported on timeout
            last = "%s: %s" % (type(e).__name__, e)
        if time.monotonic() >= deadline:
            raise WaitTimeout("timed out after %.1fs waiting for %s (last: %r)"
                              % (timeout, desc or getattr(cond, "__name__", "condition"), last))
        time.sleep(interval)


def touch(path):
    """Create (or empty) a flag file."""
    with open(path, "w"):
        pass


def rm(path):
    """Remove a flag file if it is there."""
    if os.path.exists(path):
        os.unlink(path)


def run(cmd, ns=None, check=True, timeout=30, input=None):
    """Run a command (optionally inside a namespace); return CompletedProcess
    with text stdout/stderr."""
    if ns:
        cmd = ["ip", "netns", "exec", ns] + list(cmd)
    res = subprocess.run(cmd, input=input, capture_output=True, text=True,
                         timeout=timeout)
    if check and res.returncode != 0:
        raise RuntimeError("command failed (rc=%d): %s\nstdout: %s\nstderr: %s"
                           % (res.returncode, " ".join(cmd), res.stdout, res.stderr))
    return res


def _frr_ids():
    return pwd.getpwnam("frr").pw_uid, grp.getgrnam("frr").gr_gid


def make_frr_dir(path):
    os.makedirs(path, exist_ok=True)
    uid, gid = _frr_ids()
    os.chown(path, uid, gid)
    os.chmod(path, 0o755)


def write_frr_file(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    uid, gid = _frr_ids()
    os.chown(path, uid, gid)
    os.chmod(path, mode)


def proc_starttime(pid):
    """Start time (clock ticks since boot) of pid, or None if gone/zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except OSError:
        return None
    rest = data[data.rindex(")") + 2:].split()
    if rest[0] in ("Z", "X"):
        return None
    return int(rest[19])


def proc_status(pid):
    """/proc/PID/status as {field: [words]}."""
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for ln in f:
            k, _, v = ln.partition(":")
            out[k] = v.split()
    return out


class strace:
    """`with strace(pid, "-e", "trace=...", out=PATH):` -- strace attached
    to a running process (and, follow=True, all its threads and children)
    for the with-block: entered once it is attached, detached (SIGINT) and
    reaped at the end, even on failure."""

    def __init__(self, pid, *args, out=os.devnull, follow=True):
        self.pid = pid
        self.argv = (["strace", "-qq"] + (["-f"] if follow else [])
                     + ["-p", str(pid), "-o", out] + list(args))

    def __enter__(self):
        if not shutil.which("strace"):
            raise RuntimeError("strace missing (tools/deps)")
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL)
        try:
            wait_for(lambda: proc_status(self.pid)["TracerPid"] != ["0"], 5, 0.02,
                     "strace attached to %d" % self.pid)
            time.sleep(0.1)  # its other threads
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def rss_kb(pid):
    """Resident set size of pid in kB."""
    return int(proc_status(pid)["VmRSS"][0])


def fd_count(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def children(ppid):
    """[(pid, state)] of the processes whose parent is ppid."""
    out = []
    for ent in os.listdir("/proc"):
        if not ent.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % ent) as f:
                data = f.read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2:].split()
        if int(rest[1]) == ppid:
            out.append((int(ent), rest[0]))
    return out


def proc_netns(pid):
    try:
        return os.readlink("/proc/%d/ns/net" % pid)
    except OSError:
        return None


def netns_inode(ns):
    try:
        st = os.stat("/run/netns/%s" % ns)
    except OSError:
        return None
    return "net:[%d]" % st.st_ino


# --------------------------------------------------------------------------
# processes


class Proc:
    """A process we started, identified by pid + start time."""

    def __init__(self, name, pid, popen=None, starttime=None):
        self.name = name
        self.pid = pid
        self.popen = popen
        self.starttime = starttime if starttime is not None else proc_starttime(pid)

    def alive(self):
        if self.popen is not None and self.popen.poll() is not None:
            return False
        st = proc_starttime(self.pid)
        return st is not None and st == self.starttime

    def signal(self, sig):
        if not self.alive():
            return False
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            return False
        return True

    def wait_gone(self, timeout):
        try:
            wait_for(lambda: not self.alive(), timeout, 0.02,
                     "%s (pid %d) to exit" % (self.name, self.pid))
            return True
        except WaitTimeout:
            return False

    def exitcode(self):
        """Exit status if we are the parent (Popen) and it has exited."""
        if self.popen is None:
            return None
        return self.popen.poll()

    def stop(self, timeout=5):
        """SIGTERM, then SIGKILL after timeout. Returns True if it was alive."""
        if not self.alive():
            self._reap()
            return False
        self.signal(signal.SIGTERM)
        if not self.wait_gone(timeout):
            self.signal(signal.SIGKILL)
            self.wait_gone(5)
        self._reap()
        return True

    def kill9(self):
        self.signal(signal.SIGKILL)
        ok = self.wait_gone(5)
        self._reap()
        return ok

    def _reap(self):
        if self.popen is not None:
            try:
                self.popen.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass

    def state(self):
        return {"name": self.name, "pid": self.pid, "starttime": self.starttime}


# --------------------------------------------------------------------------
# vty socket client


class VtyError(RuntimeError):
    pass


class Vty:
    """Raw FRR vty-socket client (the protocol vtysh uses).

    Each command is sent NUL-terminated; the reply ends with b"\\0\\0\\0"
    followed by a status byte (0 = CMD_SUCCESS)."""

    def __init__(self, path, timeout=10, enable=True):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        if enable:
            self.cmd("enable")

    def cmd(self, line):
        """Send one command; return (status, text)."""
        self.sock.sendall(line.encode() + b"\0")
        buf = b""
        while not (len(buf) >= 4 and buf[-4:-1] == b"\0\0\0"):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise VtyError("vty %s closed the connection after %r"
                               % (self.path, line))
            buf += chunk
        return buf[-1], buf[:-4].decode(errors="replace")

    def ok(self, line):
        status, text = self.cmd(line)
        # FRR 10.x mgmtd: a configuration change while mgmtd is pushing the
        # running config to a back end that just connected is refused with
        # "could not lock running DS"; it goes through once that is done
        deadline = time.monotonic() + 5
        while (status != 0 and "could not lock running DS" in text
               and time.monotonic() < deadline):
            time.sleep(0.05)
            status, text = self.cmd(line)
        if status != 0:
            raise VtyError("%r failed (status %d): %s" % (line, status, text))
        return text

    def json(self, line):
        return json.loads(self.ok(line))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


# --------------------------------------------------------------------------
# daemons


_libfrr_w = None


def vrf_netns_args(name):
    """The options that make daemon `name` use network namespaces as VRFs.

    FRR 8.4: only zebra knows the backend (`zebra -n`); the other daemons
    learn VRFs from zebra.  FRR 10.x: libfrr itself has `-w`
    (--vrfwnetns) and defaults to VRF-lite without it -- a daemon without
    it files same-named interfaces of different namespaces (every netns has
    `lo`) under one VRF, and bgpd does not bind a VRF instance's sockets in
    the VRF's namespace -- so every daemon needs it, as /etc/frr/daemons'
    frr_global_options gives it.  Read from the binaries' --help."""
    global _libfrr_w
    if _libfrr_w is None:
        out = subprocess.run([os.path.join(FRR_DIR, "bgpd"), "--help"],
                             capture_output=True, text=True).stdout
        _libfrr_w = "--vrfwnetns" in out
    if _libfrr_w:
        return ["-w"]
    return ["-n"] if name == "zebra" else []


class FrrDaemon:
    """A FRR-style daemon (zebra, staticd, bgpd or anycastd) in a namespace,
    started the way FRR starts them: -d -F traditional -f CONF -i PID
    -z ZSERV --vty_socket DIR."""

    def __init__(self, node, name, binary, conf_text, extra_args=()):
        self.node = node
        self.name = name
        self.binary = binary
        self.dir = node.dir
        self.conf = os.path.join(self.dir, "%s.conf" % name)
        self.pidfile = os.path.join(self.dir, "%s.pid" % name)
        self.vty_path = os.path.join(self.dir, "%s.vty" % name)
        self.logfile = os.path.join(self.dir, "%s.log" % name)
        self.extra_args = list(extra_args)
        # argv prefix run in the namespace before the binary (e.g. valgrind)
        self.wrapper = []
        self.proc = None
        self.last_start_output = ""
        self.set_conf(conf_text)

    def set_conf(self, conf_text):
        self.conf_text = conf_text
        write_frr_file(self.conf, conf_text)

    def argv(self, daemonize=True):
        opts = ["-F", "traditional"]
        if self.name not in FRR_NO_CONF_FILE:
            opts += ["-f", self.conf]
        opts += ["-i", self.pidfile]
        if self.name != "mgmtd":
            opts += ["-z", self.node.zserv]
        opts += ["--vty_socket", self.dir]
        if FRR_MGMTD:
            opts += ["-N", self.node.pathspace]
        opts += vrf_netns_args(self.name) if self.node.vrf_netns else []
        return (["ip", "netns", "exec", self.node.ns] + self.wrapper + [self.binary]
                + (["-d"] if daemonize else []) + opts + self.extra_args)

    def apply_conf_by_vty(self):
        """For a daemon that takes no -f (FRR_NO_CONF_FILE): its own lines
        (hostname, log) through its vty, static routes through mgmtd's."""
        own, static = [], []
        for line in self.conf_text.splitlines():
            line = line.strip()
            if not line or line.startswith("!"):
                continue
            (static if re.match(r"ipv?6? route ", line) else own).append(line)
        for lines, vty in ((own, self.vty), (static, self.node.static_vty)):
            if not lines:
                continue
            with vty() as v:
                v.ok("configure terminal")
                for line in lines:
                    v.ok(line)
                v.ok("end")

    def start(self, timeout=15, foreground=False):
        """Start the daemon and wait until its vty socket answers.

        Default: daemonized with -d, exactly as FRR starts daemons; the PID
        comes from the pid file.  foreground=True runs it without -d as our
        child process, so exit_status() can report its exit code."""
        if self.proc is not None and self.proc.alive():
            raise RuntimeError("%s already running (pid %d)" % (self.name, self.proc.pid))
        if os.path.exists(self.pidfile):
            os.unlink(self.pidfile)
        argv = self.argv(daemonize=not foreground)
        outpath = os.path.join(self.dir, "%s.start.out" % self.name)
        popen = None
        if foreground:
            with open(outpath, "w") as out:
                popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT,
                                         start_new_session=self.node.topo.detach)
            self.node.topo.register(Proc(self.name, popen.pid, popen=popen))
        else:
            with open(outpath, "w") as out:
                # the parent process returns once the daemon has detached
                res = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=out,
                                     stderr=subprocess.STDOUT, timeout=timeout)
            with open(outpath) as f:
                self.last_start_output = f.read()
            if res.returncode != 0:
                raise RuntimeError("%s failed to start (rc=%d): %s\n%s"
                                   % (self.name, res.returncode, " ".join(argv),
                                      self.last_start_output + self.log_tail()))

        def pid_ready():
            try:
                with open(self.pidfile) as f:
                    pid = int(f.read().strip())
            except (OSError, ValueError):
                return None
            st = proc_starttime(pid)
            if st is None or proc_netns(pid) != self.node.ns_inode:
                return None
            return pid
        try:
            pid = wait_for(pid_ready, timeout,
                           desc="%s pid file %s" % (self.name, self.pidfile))
        except WaitTimeout:
            if popen is not None:
                if popen.poll() is None:
                    popen.kill()
                popen.wait()
            raise
        if popen is not None:
            if pid != popen.pid:
                raise RuntimeError("%s: pid file says %d, started %d" % (self.name, pid, popen.pid))
            self.proc = Proc(self.name, pid, popen=popen)
        else:
            self.proc = Proc(self.name, pid)
            self.node.topo.register(self.proc)
        wait_for(lambda: self._vty_answers(), timeout,
                 desc="%s vty socket %s" % (self.name, self.vty_path))
        if self.name in FRR_NO_CONF_FILE:
            self.apply_conf_by_vty()
        return self

    def _vty_answers(self):
        try:
            with Vty(self.vty_path, timeout=2) as v:
                v.ok("show version")
            return True
        except OSError:
            return False

    def alive(self):
        return self.proc is not None and self.proc.alive()

    def assert_alive(self, when):
        if not self.alive():
            raise DaemonDied("%s died %s (log tail:\n%s)" % (
                self.name, when, self.log_tail(12)))

    def stop(self, timeout=10):
        """SIGTERM (SIGKILL after timeout). Returns True if it exited after SIGTERM."""
        if self.proc is None:
            return False
        if not self.proc.alive():
            return False
        self.proc.signal(signal.SIGTERM)
        clean = self.proc.wait_gone(timeout)
        if not clean:
            self.proc.kill9()
        return clean

    def kill9(self):
        if self.proc is not None:
            self.proc.kill9()

    def exit_status(self, timeout=10):
        """Exit code of a foreground-started daemon (waits for it)."""
        if self.proc is None or self.proc.popen is None:
            raise RuntimeError("%s was not started in the foreground" % self.name)
        try:
            return self.proc.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def vty(self, **kw):
        return Vty(self.vty_path, **kw)

    def cmd(self, line):
        with self.vty() as v:
            return v.cmd(line)

    def show(self, line):
        with self.vty() as v:
            return v.ok(line)

    def show_json(self, line):
        with self.vty() as v:
            return v.json(line)

    def running_config(self):
        return self.show("show running-config")

    def log_size(self):
        """The log's size now: log_since(offset) reads what comes after."""
        try:
            return os.path.getsize(self.logfile)
        except OSError:
            return 0

    def log_since(self, offset):
        with open(self.logfile, errors="replace") as f:
            f.seek(offset)
            return f.read()

    def log_tail(self, n=40):
        try:
            with open(self.logfile, errors="replace") as f:
                lines = f.readlines()
        except OSError:
            return ""
        return "--- %s (last %d lines) ---\n%s" % (self.logfile, n, "".join(lines[-n:]))


class Node:
    """The namespace holding zebra, staticd, bgpd, anycastd and the service."""

    def __init__(self, topo, ns, dirpath):
        self.topo = topo
        self.ns = ns
        self.dir = dirpath
        self.zserv = os.path.join(dirpath, "zserv.api")
        # FRR 10.x's -N: /run/frr/<pathspace>/ holds mgmtd's sockets
        self.pathspace = pathspace_of(ns)
        self.ns_inode = None
        self.daemons = {}
        self.service = None
        # network namespaces are VRFs (vrf_netns_args) for every daemon
        self.vrf_netns = False

    def daemon(self, name):
        return self.daemons[name]

    def static_vty(self):
        """The vty that configures static routes: mgmtd's on FRR 10.x,
        staticd's before."""
        return self.daemon("mgmtd" if FRR_MGMTD else "staticd").vty()

    def start_mgmtd(self):
        """FRR 10.x: mgmtd first (zebra and staticd are its back ends);
        nothing before."""
        if FRR_MGMTD and "mgmtd" not in self.daemons:
            make_frr_dir(FRR_RUNDIR)
            make_frr_dir(os.path.join(FRR_RUNDIR, self.pathspace))
            d = FrrDaemon(self, "mgmtd", os.path.join(FRR_DIR, "mgmtd"),
                          mgmtd_conf(self.dir))
            self.daemons["mgmtd"] = d
            d.start()

    def vtysh(self, *cmds, timeout=20):
        """Run the (extended) vtysh inside the namespace against this node's
        vty sockets; returns CompletedProcess."""
        argv = [VTYSH, "--vty_socket", self.dir]
        for c in cmds:
            argv += ["-c", c]
        return run(argv, ns=self.ns, check=False, timeout=timeout)


# --------------------------------------------------------------------------
# configuration texts


def pathspace_of(ns):
    """FRR's -N name for a node namespace (no '/' or '.')."""
    return re.sub(r"[/.]", "_", ns)


def conf_head(d, name):
    """hostname, log file d/<name>.log, ms timestamps: every daemon's first lines"""
    return ("hostname node\n"
            "log file %s/%s.log\n"
            "log timestamp precision 3\n"
            "!\n" % (d, name))


def mgmtd_conf(d):
    return conf_head(d, "mgmtd")


def zebra_conf(d):
    return conf_head(d, "zebra")


def site_bgpd_conf(d, asn, node_v4, peer_v4, peer_v6=None):
    """bgpd of a second site: eBGP to the gobgpd peer (IPv4; IPv6 too
    with peer_v6), `redistribute table [253] route-map ANYCAST` (the
    route-map is the test's; an undefined route-map denies everything)."""
    v6 = ""
    if peer_v6:
        v6 = (" neighbor {p6} remote-as {pas}\n"
              " neighbor {p6} timers connect 1\n"
              " neighbor {p6} advertisement-interval 0\n"
              " address-family ipv6 unicast\n"
              "  redistribute table route-map ANYCAST\n"
              "  neighbor {p6} activate\n"
              " exit-address-family\n").format(p6=peer_v6, pas=PEER_AS)
    return """hostname node
log file {d}/bgpd.log
log timestamp precision 3
!
router bgp {asn}
 bgp router-id {nv4}
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 timers bgp 3 9
 neighbor {pv4} remote-as {pas}
 neighbor {pv4} timers connect 1
 neighbor {pv4} advertisement-interval 0
 !
 address-family ipv4 unicast
  redistribute table {inst} route-map ANYCAST
  neighbor {pv4} activate
 exit-address-family
{v6}exit
!
""".format(d=d, asn=asn, nv4=node_v4, pv4=peer_v4, pas=PEER_AS,
           inst=TABLE_INSTANCE, v6=v6)


def staticd_conf(d, static_routes=True):
    text = conf_head(d, "staticd")
    if static_routes:
        text += ("ip route %s blackhole\n"
                 "ipv6 route %s blackhole\n" % (STATIC_V4, STATIC_V6))
    return text


def bgpd_conf(d):
    """bgpd on the node.

    IPv4: `redistribute table 253` (TABLE routes of instance 253).
    IPv6: FRR 8.4.4's bgpd has no `redistribute table (1-65535)` in the
    ipv6 unicast address family, only the instance-less `redistribute table`
    (instance 0): anycastd sends its IPv6 routes on a second zapi session as
    table instance 0, so that is what the IPv6 family redistributes."""
    return """hostname node
log file {d}/bgpd.log
log timestamp precision 3
!
router bgp {nas}
 bgp router-id {nv4}
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 bgp network import-check
 timers bgp 3 9
 neighbor {pv4} remote-as {pas}
 neighbor {pv4} timers connect 1
 neighbor {pv4} advertisement-interval 0
 neighbor {pv6} remote-as {pas}
 neighbor {pv6} timers connect 1
 neighbor {pv6} advertisement-interval 0
 !
 address-family ipv4 unicast
  redistribute static
  redistribute table {inst}
  neighbor {pv4} activate
 exit-address-family
 !
 address-family ipv6 unicast
  redistribute static
  redistribute table
  neighbor {pv6} activate
 exit-address-family
exit
!
""".format(d=d, nas=NODE_AS, nv4=NODE_V4, pv4=PEER_V4, pv6=PEER_V6, pas=PEER_AS,
           inst=TABLE_INSTANCE)


def anycast_block(interval=200, timeout=100, rise=2, fall=2, shutdown=False,
                  prefixes=(ANYCAST_V4, ANYCAST_V6), gr_stale_time=None):
    lines = ["anycast"]
    if gr_stale_time is not None:
        lines.append(" graceful-restart stale-time %d" % gr_stale_time)
    lines += [" health web",
              "  probe tcp %s port %d" % (SERVICE_ADDR, SERVICE_PORT),
              "  interval %d" % interval,
              "  timeout %d" % timeout,
              "  rise %d" % rise,
              "  fall %d" % fall]
    if shutdown:
        lines.append("  shutdown")
    lines += [" exit", " !"]
    for p in prefixes:
        _assert_doc(p)
        lines += [" prefix %s" % p, "  track web", " exit", " !"]
    lines += ["exit", "!"]
    return "\n".join(lines) + "\n"


def anycastd_conf(d, block=None):
    return conf_head(d, "anycastd") + (anycast_block() if block is None else block)


def gobgpd_conf():
    def nbr(addr, afi):
        return """
[[neighbors]]
  [neighbors.config]
    neighbor-address = "{addr}"
    peer-as = {nas}
  [neighbors.timers.config]
    connect-retry = 1
    hold-time = 9
    keepalive-interval = 3
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "{afi}"
""".format(addr=addr, nas=NODE_AS, afi=afi)
    return ("""[global.config]
  as = {pas}
  router-id = "{pv4}"
  port = 179
  local-address-list = ["{pv4}", "{pv6}"]
""".format(pas=PEER_AS, pv4=PEER_V4, pv6=PEER_V6)
            + nbr(NODE_V4, "ipv4-unicast") + nbr(NODE_V6, "ipv6-unicast"))


# --------------------------------------------------------------------------
# gobgpd (the independent observer) and the service


class GoBgp:
    def __init__(self, topo, ns, dirpath):
        self.topo = topo
        self.ns = ns
        self.dir = dirpath
        self.conf = os.path.join(dirpath, "gobgpd.toml")
        self.logfile = os.path.join(dirpath, "gobgpd.log")
        self.proc = None

    def start(self, detach=False, timeout=15):
        with open(self.conf, "w") as f:
            f.write(gobgpd_conf())
        argv = ["ip", "netns", "exec", self.ns, GOBGPD, "-f", self.conf, "-t", "toml",
                "--api-hosts", "127.0.0.1:%d" % GOBGP_API_PORT, "-p", "-l", "info",
                "--pprof-disable"]
        logf = open(self.logfile, "a")
        try:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=logf,
                                 stderr=subprocess.STDOUT,
                                 start_new_session=detach)
        finally:
            logf.close()
        self.proc = Proc("gobgpd", p.pid, popen=None if detach else p)
        self.topo.register(self.proc)
        wait_for(lambda: self.neighbors() is not None, timeout, 0.1,
                 "gobgpd API on 127.0.0.1:%d in %s" % (GOBGP_API_PORT, self.ns))
        return self

    def gobgp(self, *args, check=True):
        return run([GOBGP, "-u", "127.0.0.1", "-p", str(GOBGP_API_PORT)] + list(args),
                   ns=self.ns, check=check, timeout=10)

    def neighbors(self):
        res = self.gobgp("neighbor", "-j", check=False)
        if res.returncode != 0:
            return None
        return json.loads(res.stdout or "[]")

    def established(self):
        """Set of neighbor addresses whose session is established."""
        out = set()
        for n in self.neighbors() or []:
            st = n.get("state", {})
            if st.get("session_state") in (6, "established", "ESTABLISHED"):
                out.add(st.get("neighbor_address") or n.get("conf", {}).get("neighbor_address"))
        return out

    def rib(self, afi="ipv4"):
        """{prefix: [path, ...]} from `gobgp global rib -a AFI -j`."""
        res = self.gobgp("global", "rib", "-a", afi, "-j")
        text = res.stdout.strip()
        if not text or text == "null":
            return {}
        data = json.loads(text)
        return data or {}

    def has(self, prefix):
        afi = "ipv6" if ":" in prefix else "ipv4"
        return prefix in self.rib(afi)

    def log_tail(self, n=30):
        try:
            with open(self.logfile, errors="replace") as f:
                lines = f.readlines()
        except OSError:
            return ""
        return "--- %s (last %d lines) ---\n%s" % (self.logfile, n, "".join(lines[-n:]))


class Monitor:
    """`gobgp monitor global rib` at the peer: every update and withdraw
    the peer's RIB sees, as JSON lines, collected in a thread."""

    def __init__(self, t, afi):
        self.events = []
        argv = ["ip", "netns", "exec", t.peer_ns, GOBGP, "-u", "127.0.0.1",
                "-p", str(GOBGP_API_PORT), "monitor", "global", "rib",
                "-a", afi, "-j"]
        self.p = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        self.th = threading.Thread(target=self._read, daemon=True)
        self.th.start()

    def _read(self):
        # each event is stamped with the wall clock when its line arrived
        # (event["_rx"]; the benchmark's observer uses it)
        for line in self.p.stdout:
            rx = time.time()
            line = line.strip()
            if not line:
                continue
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            for path in ev if isinstance(ev, list) else [ev]:
                path["_rx"] = rx
                self.events.append(path)

    def withdrawals(self, pfx):
        return [e for e in self.events if e.get("withdrawal") and
                e.get("nlri", {}).get("prefix") == pfx]

    def updates(self, pfx):
        return [e for e in self.events if not e.get("withdrawal") and
                e.get("nlri", {}).get("prefix") == pfx]

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait(5)


SERVICE_CODE = r"""
import os, signal, socket, sys
addr, port, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((addr, port))
s.listen(128)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready + ".tmp", ready)
while True:
    c, _ = s.accept()
    c.close()
"""


class Service:
    """A tiny TCP listener (the service anycastd health-checks), started
    inside the node namespace."""

    def __init__(self, topo, ns, dirpath, addr=SERVICE_ADDR, port=SERVICE_PORT):
        _assert_doc(addr)
        self.topo = topo
        self.ns = ns
        self.dir = dirpath
        self.addr = addr
        self.port = port
        self.ready = os.path.join(dirpath, "service.ready")
        self.proc = None

    def start(self, detach=False, timeout=10):
        if self.proc is not None and self.proc.alive():
            return self
        if os.path.exists(self.ready):
            os.unlink(self.ready)
        argv = ["ip", "netns", "exec", self.ns, PYTHON, "-c", SERVICE_CODE,
                self.addr, str(self.port), self.ready]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=detach)
        self.proc = Proc("service", p.pid, popen=None if detach else p)
        if self.topo is not None:
            self.topo.register(self.proc)
        wait_for(lambda: os.path.exists(self.ready) or (not self.proc.alive() and "exited"),
                 timeout, desc="service listening on %s:%d" % (self.addr, self.port))
        if not self.proc.alive():
            raise RuntimeError("service failed to start on %s:%d" % (self.addr, self.port))
        return self

    def stop(self):
        if self.proc is not None:
            self.proc.kill9()
        if os.path.exists(self.ready):
            os.unlink(self.ready)

    def running(self):
        return self.proc is not None and self.proc.alive()


# --------------------------------------------------------------------------
# the topology

_LIVE = []
_COUNTER = [0]


class Topology:
    """node + peer namespaces, veth link, FRR on the node, gobgpd on the peer.

    t = Topology(); t.build(); t.start_frr(); t.start_gobgp(); ...
    t.teardown()  # idempotent, also run by the atexit/signal safety net"""

    def __init__(self, tag=None, basedir=None, detach=False, remove_basedir=None):
        if tag is None:
            _COUNTER[0] += 1
            tag = "acd%dt%d" % (os.getpid(), _COUNTER[0])
        self.tag = tag
        self.detach = detach
        self.node_ns = "%s-node" % tag
        self.peer_ns = "%s-peer" % tag
        self.procs = []
        self.namespaces = []
        self.etc_dirs = []
        self.torn_down = False
        if basedir is None:
            self.basedir = tempfile.mkdtemp(prefix="%s-" % tag)
            self.own_basedir = True
        else:
            os.makedirs(basedir, exist_ok=True)
            self.basedir = basedir
            self.own_basedir = bool(remove_basedir)
        os.chmod(self.basedir, 0o755)
        _LIVE.append(self)
        _install_safety_net()
        ndir = os.path.join(self.basedir, "node")
        pdir = os.path.join(self.basedir, "peer")
        make_frr_dir(ndir)
        os.makedirs(pdir, exist_ok=True)
        self.node = Node(self, self.node_ns, ndir)
        self.gobgp = GoBgp(self, self.peer_ns, pdir)
        self.service = Service(self, self.node_ns, ndir)

    # ---- bookkeeping
    def register(self, proc):
        self.procs.append(proc)

    # ---- network
    def build(self):
        for ns in (self.node_ns, self.peer_ns):
            run(["ip", "netns", "add", ns])
            self.namespaces.append(ns)
            run(["ip", "link", "set", "lo", "up"], ns=ns)
            for k in ("net.ipv6.conf.all.accept_dad", "net.ipv6.conf.default.accept_dad"):
                run(["sysctl", "-qw", "%s=0" % k], ns=ns, check=False)
        self.node.ns_inode = netns_inode(self.node_ns)
        # veth created with each end directly inside its namespace: the root
        # namespace never sees the names, so parallel runs cannot collide
        run(["ip", "link", "add", "to-peer", "netns", self.node_ns, "type", "veth",
             "peer", "name", "to-node", "netns", self.peer_ns])
        n, p = self.node_ns, self.peer_ns
        run(["ip", "addr", "add", "%s/%d" % (NODE_V4, LINK_V4_LEN), "dev", "to-peer"], ns=n)
        run(["ip", "-6", "addr", "add", "%s/%d" % (NODE_V6, LINK_V6_LEN), "dev", "to-peer",
             "nodad"], ns=n)
        run(["ip", "link", "set", "to-peer", "up"], ns=n)
        run(["ip", "addr", "add", "%s/%d" % (PEER_V4, LINK_V4_LEN), "dev", "to-node"], ns=p)
        run(["ip", "-6", "addr", "add", "%s/%d" % (PEER_V6, LINK_V6_LEN), "dev", "to-node",
             "nodad"], ns=p)
        run(["ip", "link", "set", "to-node", "up"], ns=p)
        # the service address: on lo (kernels without the dummy driver are
        # common in VMs/containers, and lo needs no extra module)
        run(["ip", "addr", "add", "%s/32" % SERVICE_ADDR, "dev", "lo"], ns=n)
        return self

    # ---- a second anycast site
    def add_site(self, suffix, asn, node_v4, peer_v4, plen=30, node_v6=None,
                 peer_v6=None):
        """Another node namespace "<tag>-<suffix>" linked to the peer
        namespace (node_v4/plen on its side, peer_v4 on the peer's), with
        zebra and bgpd (AS asn, router-id node_v4, neighbor the gobgpd
        peer) started, and the gobgpd peer told about it.  Returns the
        Node; add anycastd with site_anycastd().  Torn down with the
        topology (sweep_stale knows the suffix)."""
        ns = "%s-%s" % (self.tag, suffix)
        run(["ip", "netns", "add", ns])
        self.namespaces.append(ns)
        run(["ip", "link", "set", "lo", "up"], ns=ns)
        run(["ip", "link", "add", "to-peer", "netns", ns, "type", "veth", "peer",
             "name", "to-" + suffix, "netns", self.peer_ns])
        run(["ip", "addr", "add", "%s/%d" % (node_v4, plen), "dev", "to-peer"], ns=ns)
        run(["ip", "link", "set", "to-peer", "up"], ns=ns)
        run(["ip", "addr", "add", "%s/%d" % (peer_v4, plen), "dev", "to-" + suffix],
            ns=self.peer_ns)
        run(["ip", "link", "set", "to-" + suffix, "up"], ns=self.peer_ns)
        if node_v6:
            run(["ip", "-6", "addr", "add", "%s/64" % node_v6, "dev", "to-peer",
                 "nodad"], ns=ns)
            run(["ip", "-6", "addr", "add", "%s/64" % peer_v6, "dev",
                 "to-" + suffix, "nodad"], ns=self.peer_ns)
        d = os.path.join(self.basedir, suffix)
        make_frr_dir(d)
        node = Node(self, ns, d)
        node.ns_inode = netns_inode(ns)
        host = "hostname %s\n" % suffix
        node.start_mgmtd()
        for name, conf in (
                ("zebra", zebra_conf(d)),
                ("bgpd", site_bgpd_conf(d, asn, node_v4, peer_v4, peer_v6))):
            fd = FrrDaemon(node, name, os.path.join(FRR_DIR, name),
                           conf.replace("hostname node\n", host))
            node.daemons[name] = fd
            fd.start()
        want = {node_v4}
        self.gobgp.gobgp("neighbor", "add", node_v4, "as", str(asn))
        if node_v6:
            self.gobgp.gobgp("neighbor", "add", node_v6, "as", str(asn),
                             "family", "ipv6-unicast")
            want.add(node_v6)
        wait_for(lambda: want <= self.gobgp.established(), 30, 0.1,
                 "BGP sessions %s established at gobgpd" % sorted(want))
        return node

    def site_anycastd(self, node, block):
        """anycastd for a node made by add_site (not started)."""
        conf = anycastd_conf(node.dir, block).replace(
            "hostname node\n", "hostname %s\n" % os.path.basename(node.dir))
        d = FrrDaemon(node, "anycastd", ANYCASTD, conf,
                      ["--table-instance", str(TABLE_INSTANCE)])
        node.daemons["anycastd"] = d
        return d

    # ---- per-namespace /etc files
    def node_etc(self, relpath, text):
        """Write /etc/netns/<node ns>/<relpath>: `ip netns exec` bind-mounts
        each entry of that directory over /etc/<entry> for the processes it
        starts from then on (resolv.conf, hosts, ssl/...), so the host's
        /etc is never touched.  Removed at teardown (also by the safety net
        and sweep_stale)."""
        base = os.path.join(ETC_NETNS, self.node_ns)
        if base not in self.etc_dirs:
            self.etc_dirs.append(base)
        path = os.path.join(base, relpath)
        os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o644)
        return path

    # ---- daemons
    def add_daemon(self, name, binary, conf_text, extra_args=()):
        d = FrrDaemon(self.node, name, binary, conf_text, extra_args)
        self.node.daemons[name] = d
        return d

    def start_frr(self, static_routes=True, vrf_netns=False):
        d = self.node.dir
        self.node.vrf_netns = vrf_netns
        self.node.start_mgmtd()
        self.add_daemon("zebra", os.path.join(FRR_DIR, "zebra"),
                        zebra_conf(d)).start()
        self.add_daemon("staticd", os.path.join(FRR_DIR, "staticd"),
                        staticd_conf(d, static_routes)).start()
        self.add_daemon("bgpd", os.path.join(FRR_DIR, "bgpd"), bgpd_conf(d)).start()
        return self

    def anycastd(self, conf_text=None, extra_args=None):
        """Create (not start) the anycastd daemon object."""
        if extra_args is None:
            extra_args = ["--table-instance", str(TABLE_INSTANCE)]
        d = self.add_daemon("anycastd", ANYCASTD,
                            conf_text if conf_text is not None else anycastd_conf(self.node.dir),
                            extra_args)
        return d

    def start_gobgp(self):
        self.gobgp.start(detach=self.detach)
        return self

    def wait_established(self, timeout=30):
        want = {NODE_V4, NODE_V6}
        return wait_for(lambda: want <= self.gobgp.established(), timeout, 0.1,
                        "BGP sessions %s established at gobgpd" % sorted(want))

    def peer_has(self, prefix):
        return self.gobgp.has(prefix)

    def wait_peer(self, prefix, present=True, timeout=15):
        """Wait until the peer's RIB has (or no longer has) prefix; return
        the seconds it took."""
        t0 = time.monotonic()
        wait_for(lambda: self.peer_has(prefix) == present, timeout, 0.02,
                 "%s %s at the gobgpd peer" % (prefix, "announced" if present else "withdrawn"))
        return time.monotonic() - t0

    def peer_paths(self, prefix):
        afi = "ipv6" if ":" in prefix else "ipv4"
        return self.gobgp.rib(afi).get(prefix, [])

    def zebra_routes(self, prefix):
        """zebra's RIB entries for exactly `prefix` (list of dicts)."""
        cmd = "show ipv6 route %s json" if ":" in prefix else "show ip route %s json"
        # zebra answers "{}" with CMD_WARNING when the prefix is absent
        status, text = self.node.daemon("zebra").cmd(cmd % prefix)
        data = json.loads(text) if text.strip() else {}
        if status != 0 and data:
            raise VtyError("%r failed (status %d): %s" % (cmd % prefix, status, text))
        return list(data.get(prefix, []))

    def zebra_anycast_route(self, prefix):
        """anycastd's entry for prefix in zebra (type table; instance 253 for
        IPv4, 0 for IPv6 — zebra's JSON omits a zero instance), or None."""
        want = 0 if ":" in prefix else TABLE_INSTANCE
        for r in self.zebra_routes(prefix):
            if r.get("protocol") == "table" and r.get("instance", 0) == want:
                return r
        return None

    # ---- diagnostics
    def diagnostics(self):
        out = []
        for d in self.node.daemons.values():
            out.append("%s: %s" % (d.name, "alive pid %d" % d.proc.pid if d.alive() else "not running"))
            out.append(d.log_tail())
        out.append(self.gobgp.log_tail())
        if self.gobgp.proc is None or not self.gobgp.proc.alive():
            out.append("gobgpd: not running")
            return "\n".join(out)
        try:
            out.append("peer ipv4 rib: %s" % json.dumps(self.gobgp.rib("ipv4")))
            out.append("peer ipv6 rib: %s" % json.dumps(self.gobgp.rib("ipv6")))
        except Exception as e:  # noqa: BLE001
            out.append("peer rib unavailable: %s" % e)
        return "\n".join(out)

    # ---- state (for tools/lab)
    def state(self):
        return {"tag": self.tag, "basedir": self.basedir, "own_basedir": self.own_basedir,
                "namespaces": list(self.namespaces),
                "etc_dirs": list(self.etc_dirs),
                "procs": [p.state() for p in self.procs]}

    def persist(self):
        """Leave everything running after this process exits (tools/lab):
        drop the topology from the atexit/signal safety net."""
        if self in _LIVE:
            _LIVE.remove(self)

    # ---- teardown
    def teardown(self):
        if self.torn_down:
            return
        self.torn_down = True
        teardown_state(self.state(), procs=self.procs)
        if self in _LIVE:
            _LIVE.remove(self)


# service and gobgpd first, anycastd before zebra (clean withdraw)
TEARDOWN_ORDER = {"service": 0, "gobgpd": 1, "anycastd": 2, "bgpd": 3, "staticd": 4, "zebra": 5,
                  "mgmtd": 6}


def teardown_key(proc):
    return TEARDOWN_ORDER.get(proc.name, 9)


def teardown_state(state, procs=None):
    """Kill recorded processes (by PID + start time), kill whatever else is
    still inside our namespaces (by PID), delete the namespaces, remove the
    temp dir.  Safe to call more than once."""
    if procs is None:
        procs = [Proc(p["name"], p["pid"], starttime=p["starttime"]) for p in state["procs"]]
    for p in sorted(procs, key=teardown_key):
        try:
            p.stop(timeout=3)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
    for ns in state["namespaces"]:
        _remove_ns(ns)
    for d in state.get("etc_dirs", []):
        if os.path.dirname(d) == ETC_NETNS:  # ours by construction
            shutil.rmtree(d, ignore_errors=True)
    if state.get("own_basedir", True) and state.get("basedir"):
        shutil.rmtree(state["basedir"], ignore_errors=True)


def _remove_ns(ns):
    """Kill what is inside namespace ns, delete it, and remove FRR 10.x's
    /run/frr/<pathspace>/ of it (mgmtd's sockets; ours by name)."""
    _kill_ns_pids(ns)
    run(["ip", "netns", "del", ns], check=False)
    if FRR_MGMTD:
        shutil.rmtree(os.path.join(FRR_RUNDIR, pathspace_of(ns)), ignore_errors=True)


def _kill_ns_pids(ns):
    """Kill every process still inside namespace ns (ours by construction)."""
    inode = netns_inode(ns)
    if inode is None:
        return
    for _ in range(50):
        pids = []
        for ent in os.listdir("/proc"):
            if ent.isdigit() and proc_netns(int(ent)) == inode:
                pids.append(int(ent))
        pids = [p for p in pids if proc_starttime(p) is not None]
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.05)


def list_namespaces():
    try:
        return sorted(os.listdir("/run/netns"))
    except OSError:
        return []


def sweep_stale(prefix="acd"):
    """Remove namespaces (and the processes inside) left by earlier test runs
    that died without cleaning up: names acd<PID>t<N>-node/-peer whose PID no
    longer exists."""
    removed = []
    for ns in list_namespaces():
        if not ns.startswith(prefix) or not ns.endswith(("-node", "-peer", "-blue", "-siteb",
                                                        "-client")):
            continue
        head = ns[len(prefix):].split("t", 1)[0]
        if not head.isdigit():
            continue
        owner = int(head)
        if owner == os.getpid() or os.path.exists("/proc/%d" % owner):
            continue
        _remove_ns(ns)
        removed.append(ns)
    try:
        etc = os.listdir(ETC_NETNS)
    except OSError:
        etc = []
    for ns in etc:
        if not ns.startswith(prefix) or not ns.endswith(("-node", "-peer")):
            continue
        head = ns[len(prefix):].split("t", 1)[0]
        if head.isdigit() and int(head) != os.getpid() \
                and not os.path.exists("/proc/%s" % head):
            shutil.rmtree(os.path.join(ETC_NETNS, ns), ignore_errors=True)
    for d in os.listdir(tempfile.gettempdir()):
        if d.startswith(prefix) and "t" in d and "-" in d:
            head = d[len(prefix):].split("t", 1)[0]
            if head.isdigit() and not os.path.exists("/proc/%s" % head):
                shutil.rmtree(os.path.join(tempfile.gettempdir(), d), ignore_errors=True)
    return removed


# --------------------------------------------------------------------------
# safety net

_NET_INSTALLED = [False]


def teardown_all():
    for t in list(_LIVE):
        try:
            t.teardown()
        except Exception:  # noqa: BLE001
            traceback.print_exc()


def _on_signal(signum, frame):
    teardown_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_safety_net():
    if _NET_INSTALLED[0]:
        return
    _NET_INSTALLED[0] = True
    atexit.register(teardown_all)
    for s in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(s) in (signal.SIG_DFL, None):
                signal.signal(s, _on_signal)
        except ValueError:  # not the main thread
            pass


# --------------------------------------------------------------------------
# anycastd vty helpers (shared by the test modules)


def vty_config(daemon, *lines):
    """Configure through the daemon's vty (like vtysh): every line but the
    last must succeed; return (status, text) of the last one."""
    with daemon.vty() as v:
        v.ok("configure terminal")
        for ln in lines[:-1]:
            v.ok(ln)
        return v.cmd(lines[-1])


def configure(daemon, *lines):
    """Apply configuration lines through the daemon's vty; every line must
    succeed without a `%` message."""
    with daemon.vty() as v:
        v.ok("configure terminal")
        for line in lines:
            status, text = v.cmd(line)
            assert status == 0 and "%" not in text, "%r: %s" % (line, text)
        v.ok("end")


def health_json(daemon, name):
    return daemon.show_json("show anycast health %s json" % name)[name]


def prefix_json(daemon, prefix):
    return daemon.show_json("show anycast prefix %s json" % prefix)[prefix]


# --------------------------------------------------------------------------
# running-config helpers


def running_anycast_block(running_config):
    """The `anycast` block of a running config as text (up to its final
    `exit`, with a trailing newline)."""
    return "\n".join(anycast_section(running_config)) + "\n"


def anycast_section(running_config):
    """The `anycast` block (from the `anycast` line to its closing `exit`)
    of a running config, as a list of lines; [] if absent."""
    lines = running_config.splitlines()
    out = []
    inside = False
    for ln in lines:
        if not inside and ln.rstrip() == "anycast":
            inside = True
        if inside:
            out.append(ln.rstrip("\n"))
            if ln.rstrip() == "exit":
                break
    return out


def prerequisites():
    """Return a list of missing things needed to run any topology test."""
    missing = []
    if os.geteuid() != 0:
        missing.append("root privileges")
    for b in ("zebra", "staticd", "bgpd") + (("mgmtd",) if FRR_MGMTD else ()):
        if not os.access(os.path.join(FRR_DIR, b), os.X_OK):
            missing.append(os.path.join(FRR_DIR, b) + " (apt-get install frr)")
    for b in (GOBGPD, GOBGP):
        if not os.access(b, os.X_OK):
            missing.append(b + " (apt-get install gobgpd)")
    if shutil.which("ip") is None:
        missing.append("ip (iproute2)")
    try:
        _frr_ids()
    except KeyError:
        missing.append("user/group frr")
    return missing
