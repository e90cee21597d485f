"""anycastd's icmp probe in the real topology.

The daemon runs as user frr after FRR's privilege drop.  In a fresh network
namespace net.ipv4.ping_group_range is "1 0" (nobody may open ICMP datagram
sockets), so by default the probe uses a raw socket with CAP_NET_RAW raised
around socket(); test_icmp_datagram_socket widens the range so the
unprivileged datagram socket is used.  Targets are documentation addresses
on the node's lo; "down" is produced by removing the address (no route:
the send fails), by net.ipv4.icmp_echo_ignore_all (no reply: the run's
deadline decides) or by a userspace echo responder (below) that answers
only chosen sequence numbers or sources (deterministic partial loss).
Outcomes are asserted at the gobgpd peer and in anycastd's state."""

import os
import re
import subprocess

import topolib as T

TARGET_V4 = "198.51.100.7"
TARGET_V6 = "2001:db8:7::1"
BAD_SOURCE_V4 = "198.51.100.99"  # not configured anywhere
T._assert_doc(TARGET_V4, TARGET_V6, BAD_SOURCE_V4)

RTT_OK = re.compile(r"^(\d+)/(\d+) replies, rtt avg \d+\.\d\d ms$")


# --------------------------------------------------------------------------
# helpers

def icmp_conf(t, probe4, probe6=None, interval=200, timeout=150, rise=2, fall=2):
    """anycastd.conf: health web (probe4) tracked by the IPv4 prefix and,
    with probe6, health web6 tracked by the IPv6 prefix; debug logging on
    (the log tells which socket kind the probe used)."""
    lines = ["debug anycast probe", "!", "anycast"]
    healths = [("web", probe4)] + ([("web6", probe6)] if probe6 else [])
    for name, probe in healths:
        lines += [" health %s" % name,
                  "  probe icmp %s" % probe,
                  "  interval %d" % interval,
                  "  timeout %d" % timeout,
                  "  rise %d" % rise,
                  "  fall %d" % fall,
                  " exit", " !"]
    lines += [" prefix %s" % T.ANYCAST_V4, "  track web", " exit", " !"]
    if probe6:
        lines += [" prefix %s" % T.ANYCAST_V6, "  track web6", " exit", " !"]
    lines += ["exit", "!"]
    return T.anycastd_conf(t.node.dir, "\n".join(lines) + "\n")


def health(a, name="web"):
    return a.show_json("show anycast health %s json" % name)[name]


def node(t, *argv):
    return T.run(list(argv), ns=t.node_ns)


def sysctl(t, key, value):
    node(t, "sysctl", "-qw", "%s=%s" % (key, value))


def add_targets(t):
    node(t, "ip", "addr", "add", "%s/32" % TARGET_V4, "dev", "lo")
    node(t, "ip", "-6", "addr", "add", "%s/128" % TARGET_V6, "dev", "lo", "nodad")


def del_target(t, addr):
    if ":" in addr:
        node(t, "ip", "-6", "addr", "del", "%s/128" % addr, "dev", "lo")
    else:
        node(t, "ip", "addr", "del", "%s/32" % addr, "dev", "lo")


def wait_state(a, state, name="web", timeout=10):
    return T.wait_for(lambda: (lambda h: h if h["state"] == state else None)(health(a, name)),
                      timeout, 0.05, "health %s %s" % (name, state))


def wait_detail(a, pattern, name="web", timeout=10):
    rx = re.compile(pattern)
    return T.wait_for(lambda: (lambda h: h if rx.search(h["lastDetail"]) else None)(health(a, name)),
                      timeout, 0.05, "health %s detail matching %r" % (name, pattern))


def log_text(a):
    with open(a.logfile, errors="replace") as f:
        return f.read()


def assert_runs_as_frr(a):
    """The probe works after FRR's privilege drop: uid/gid frr, no
    effective capabilities outside the frr_with_privs() blocks."""
    uid, gid = T._frr_ids()
    st = T.proc_status(a.proc.pid)
    assert [int(x) for x in st["Uid"]] == [uid] * 4, st["Uid"]
    assert [int(x) for x in st["Gid"]] == [gid] * 4, st["Gid"]
    assert int(st["CapEff"][0], 16) == 0, "effective capabilities %s" % st["CapEff"]
    assert int(st["CapPrm"][0], 16) & (1 << 13), "CAP_NET_RAW not permitted: %s" % st["CapPrm"]


# A userspace echo responder (IPv4, raw socket) for the node namespace, to
# be used with icmp_echo_ignore_all=1: it answers echo requests to ADDR
# whose sequence number is in SEQS ("all": every one) and whose source is
# SRC ("any": every one), copying identifier, sequence and payload.
RESPONDER_CODE = r"""
import os, signal, socket, struct, sys
addr, seqs, src, ready = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
seqs = None if seqs == "all" else {int(x) for x in seqs.split(",")}
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.bind((addr, 0))
def csum(b):
    if len(b) % 2:
        b += b"\0"
    n = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while n >> 16:
        n = (n & 0xffff) + (n >> 16)
    return ~n & 0xffff
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready + ".tmp", ready)
while True:
    pkt, (peer, _) = s.recvfrom(65535)
    ihl = (pkt[0] & 0x0f) * 4
    icmp = pkt[ihl:]
    if len(icmp) < 8 or icmp[0] != 8 or socket.inet_ntoa(pkt[16:20]) != addr:
        continue
    seq = struct.unpack("!H", icmp[6:8])[0]
    if seqs is not None and seq not in seqs:
        continue
    if src != "any" and peer != src:
        continue
    rep = b"\0\0\0\0" + icmp[4:]
    rep = rep[:2] + struct.pack("!H", csum(rep)) + rep[4:]
    s.sendto(rep, (peer, 0))
"""


def start_responder(t, addr, seqs="all", src="any"):
    """Start the echo responder in the node namespace (registered with the
    topology: killed by PID at teardown)."""
    T._assert_doc(addr)
    ready = os.path.join(t.node.dir, "responder.ready")
    if os.path.exists(ready):
        os.unlink(ready)
    p = subprocess.Popen(["ip", "netns", "exec", t.node_ns, T.PYTHON, "-c", RESPONDER_CODE,
                          addr, seqs, src, ready],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    proc = T.Proc("responder", p.pid, popen=p)
    t.register(proc)
    T.wait_for(lambda: os.path.exists(ready) or (not proc.alive() and "exited"), 10,
               desc="echo responder ready")
    assert proc.alive(), "echo responder failed to start"
    return proc


vty_config = T.vty_config


# --------------------------------------------------------------------------
# raw socket (default ping_group_range), IPv4 and IPv6

def test_icmp_up_and_down_raw_socket(anycast_topo):
    t = anycast_topo
    add_targets(t)
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, TARGET_V4, TARGET_V6))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    t.wait_peer(T.ANYCAST_V6, timeout=15)
    assert_runs_as_frr(a)
    for name, target in (("web", TARGET_V4), ("web6", TARGET_V6)):
        h = health(a, name)
        assert h["state"] == "up" and h["probe"] == "icmp", h
        assert h["target"] == "icmp %s" % target, h
        m = RTT_OK.match(h["lastDetail"])
        assert m and m.group(1) == m.group(2) == "1", h
        assert h["timeouts"] == 0, h
    log = log_text(a)
    assert "probe: icmp %s: raw socket" % TARGET_V4 in log, log[-3000:]
    assert "probe: icmp %s: raw socket" % TARGET_V6 in log, log[-3000:]
    assert "datagram socket, ident" not in log

    # address gone: no route, the send fails, the run fails at once
    del_target(t, TARGET_V4)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert "no echo reply from %s" % TARGET_V4 in h["lastError"], h
    assert h["lastDetail"] == "0/1 replies, loss 100%", h
    assert h["timeouts"] == 0, h  # decided by the probe, not the safety net
    # the IPv6 health object is unaffected
    assert health(a, "web6")["state"] == "up"
    assert t.peer_has(T.ANYCAST_V6)

    del_target(t, TARGET_V6)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    h = wait_state(a, "down", "web6")
    assert "no echo reply from %s" % TARGET_V6 in h["lastError"], h
    assert t.peer_has(T.STATIC_V4) and t.peer_has(T.STATIC_V6)

    # back
    add_targets(t)
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    t.wait_peer(T.ANYCAST_V6, timeout=10)
    assert a.alive()


# --------------------------------------------------------------------------
# no reply at all: the run's deadline decides (before the generic timeout)

def test_icmp_no_reply_withdraws(anycast_topo):
    t = anycast_topo
    add_targets(t)
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, TARGET_V4))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)

    sysctl(t, "net.ipv4.icmp_echo_ignore_all", 1)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"] == "no echo reply from %s" % TARGET_V4, h
    assert h["lastDetail"] == "0/1 replies, loss 100%", h
    assert h["timeouts"] == 0, h

    sysctl(t, "net.ipv4.icmp_echo_ignore_all", 0)
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    assert RTT_OK.match(health(a)["lastDetail"])


# --------------------------------------------------------------------------
# count / loss with deterministic partial loss

def test_icmp_count_loss(anycast_topo):
    t = anycast_topo
    add_targets(t)
    sysctl(t, "net.ipv4.icmp_echo_ignore_all", 1)
    start_responder(t, TARGET_V4, seqs="1,3,5")  # 3 of 5 answered: loss 40%
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, "%s count 5 loss 40" % TARGET_V4, interval=1000, timeout=900))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    h = health(a)
    assert h["state"] == "up", h
    assert h["target"] == "icmp %s count 5 loss 40%%" % TARGET_V4, h
    m = RTT_OK.match(h["lastDetail"])
    # success needs 3 replies: the third is the answer to echo 5
    assert m and (m.group(1), m.group(2)) == ("3", "5"), h

    # 40% loss is too much for `loss 20`
    status, text = vty_config(a, "anycast", "health web",
                              "probe icmp %s count 5 loss 20" % TARGET_V4)
    assert status == 0, text
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    h = wait_state(a, "down")
    assert h["lastError"] == "loss from %s above 20%%" % TARGET_V4, h
    assert h["lastDetail"] == "3/5 replies, loss 40%", h
    assert h["timeouts"] == 0, h

    # `loss 60` needs 2 replies: decided early, after echo 3 (4 and 5 unsent)
    status, text = vty_config(a, "anycast", "health web",
                              "probe icmp %s count 5 loss 60" % TARGET_V4)
    assert status == 0, text
    t.wait_peer(T.ANYCAST_V4, timeout=10)
    h = wait_detail(a, RTT_OK.pattern)
    m = RTT_OK.match(h["lastDetail"])
    assert (m.group(1), m.group(2)) == ("2", "3"), h

    # `loss 100`: one reply suffices, none is still a failure
    status, text = vty_config(a, "anycast", "health web",
                              "probe icmp %s count 5 loss 100" % TARGET_V4)
    assert status == 0, text
    h = wait_detail(a, r"^1/1 replies")
    assert h["state"] == "up"
    assert t.peer_has(T.ANYCAST_V4)


# --------------------------------------------------------------------------
# source binding

def test_icmp_source(anycast_topo):
    t = anycast_topo
    add_targets(t)
    sysctl(t, "net.ipv4.icmp_echo_ignore_all", 1)
    # answers only echoes sent from the link address: proves the binding
    start_responder(t, TARGET_V4, src=T.NODE_V4)
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, "%s source %s" % (TARGET_V4, T.NODE_V4)))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    assert health(a)["target"] == "icmp %s source %s" % (TARGET_V4, T.NODE_V4)

    # without a source the kernel picks the target's own address: no answer
    status, text = vty_config(a, "anycast", "health web", "probe icmp %s" % TARGET_V4)
    assert status == 0, text
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert health(a)["lastDetail"] == "0/1 replies, loss 100%"

    # a source the node does not have: the probe cannot start
    status, text = vty_config(a, "anycast", "health web",
                              "probe icmp %s source %s" % (TARGET_V4, BAD_SOURCE_V4))
    assert status == 0, text
    h = T.wait_for(lambda: (lambda h: h if "bind to source" in h["lastError"] else None)(
        health(a)), 10, desc="bind error reported")
    assert h["lastError"].startswith("bind to source %s: " % BAD_SOURCE_V4), h
    assert h["state"] == "down"
    assert not t.peer_has(T.ANYCAST_V4)


# --------------------------------------------------------------------------
# unprivileged ICMP datagram socket

def test_icmp_datagram_socket(anycast_topo):
    t = anycast_topo
    add_targets(t)
    uid, gid = T._frr_ids()
    # frr's group allowed to open ICMP datagram ("ping") sockets
    sysctl(t, "net.ipv4.ping_group_range", "%d %d" % (gid, gid))
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, "%s count 3 loss 0" % TARGET_V4, TARGET_V6))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)
    t.wait_peer(T.ANYCAST_V6, timeout=15)
    assert_runs_as_frr(a)
    log = log_text(a)
    assert "probe: icmp %s: datagram socket" % TARGET_V4 in log, log[-3000:]
    assert "probe: icmp %s: datagram socket" % TARGET_V6 in log, log[-3000:]
    assert "raw socket" not in log, log[-3000:]
    m = RTT_OK.match(health(a)["lastDetail"])
    assert m and (m.group(1), m.group(2)) == ("3", "3"), health(a)

    del_target(t, TARGET_V6)
    t.wait_peer(T.ANYCAST_V6, present=False, timeout=10)
    assert "no echo reply from %s" % TARGET_V6 in wait_state(a, "down", "web6")["lastError"]
    sysctl(t, "net.ipv4.icmp_echo_ignore_all", 1)
    t.wait_peer(T.ANYCAST_V4, present=False, timeout=10)
    assert wait_state(a, "down")["lastDetail"] == "0/3 replies, loss 100%"


# --------------------------------------------------------------------------
# CLI: round trip and rejected input

GOOD = [
    ("probe icmp %s" % TARGET_V4, "probe icmp %s" % TARGET_V4),
    ("probe icmp %s count 1 loss 0" % TARGET_V4, "probe icmp %s" % TARGET_V4),
    ("probe icmp %s count 5 loss 0" % TARGET_V4, "probe icmp %s count 5 loss 0" % TARGET_V4),
    ("probe icmp %s source %s count 5 loss 40" % (TARGET_V4, T.NODE_V4),
     "probe icmp %s source %s count 5 loss 40" % (TARGET_V4, T.NODE_V4)),
    ("probe icmp %s source %s" % (TARGET_V6, T.NODE_V6),
     "probe icmp %s source %s" % (TARGET_V6, T.NODE_V6)),
]

BAD = [
    "probe icmp %s source %s" % (TARGET_V4, T.NODE_V6),   # family mismatch
    "probe icmp %s source %s" % (TARGET_V6, T.NODE_V4),
    "probe icmp 0.0.0.0",
    "probe icmp 255.255.255.255",
    "probe icmp 224.0.0.1",
    "probe icmp ::",
    "probe icmp ff02::1",
    "probe icmp fe80::1",                                   # needs a scope
    "probe icmp ::ffff:198.51.100.7",
    "probe icmp %s source 224.0.0.1" % TARGET_V4,
    "probe icmp %s count 0 loss 0" % TARGET_V4,
    "probe icmp %s count 101 loss 0" % TARGET_V4,
    "probe icmp %s count 5 loss 101" % TARGET_V4,
    "probe icmp %s count 5" % TARGET_V4,
    "probe icmp",
]


def test_icmp_cli_roundtrip_and_rejects(vtysh_topo):
    t = vtysh_topo
    add_targets(t)
    a = t.node.daemon("anycastd")
    a.set_conf(icmp_conf(t, TARGET_V4))
    a.start()
    t.wait_peer(T.ANYCAST_V4, timeout=15)

    for cmd, shown in GOOD:
        res = t.node.vtysh("configure terminal", "anycast", "health web", cmd)
        assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (cmd, res.stdout,
                                                                             res.stderr)
        block = [ln.strip() for ln in T.anycast_section(a.running_config())]
        probes = [ln for ln in block if ln.startswith("probe ")]
        assert probes == [shown], (cmd, block)
        # the extended vtysh shows the same
        assert [ln.strip() for ln in T.anycast_section(t.node.vtysh("show running-config").stdout)
                if ln.strip().startswith("probe ")] == [shown]

    # the last configuration, printed, rebuilds the same running config
    original = a.running_config()
    block = T.anycast_section(original)
    assert a.stop()
    a.set_conf(T.anycastd_conf(t.node.dir, block=""))
    a.start()
    lines = [ln.strip() for ln in block if ln.strip() and ln.strip() != "!"]
    res = t.node.vtysh("configure terminal", *lines)
    assert res.returncode == 0 and "%" not in res.stdout + res.stderr, (res.stdout, res.stderr)
    assert T.anycast_section(a.running_config()) == block, original

    # rejected with a message, config untouched (vtysh and the daemon's vty)
    for bad in BAD:
        before = a.running_config()
        res = t.node.vtysh("configure terminal", "anycast", "health web", bad)
        out = (res.stdout + res.stderr).strip()
        assert out.startswith("%"), "no error text for %r (rc %d): %r" % (bad, res.returncode, out)
        assert res.returncode != 0, "vtysh reported success for %r: %s" % (bad, out)
        assert a.running_config() == before, "%r changed the running config" % bad
        status, text = vty_config(a, "anycast", "health web", bad)
        assert text.strip().startswith("%") and status != 0, (bad, status, text)
        assert a.running_config() == before, "%r (vty) changed the running config" % bad
    res = t.node.vtysh("configure terminal", "anycast", "health web",
                       "probe icmp %s source %s" % (TARGET_V4, T.NODE_V6))
    assert "families differ" in res.stdout + res.stderr, res.stdout
    res = t.node.vtysh("configure terminal", "anycast", "health web", "probe icmp fe80::1")
    assert "link-local" in res.stdout + res.stderr, res.stdout
