"""Security basics of the running daemon (issue 7 section 5) that no probe
test covers: who anycastd runs as, which capabilities it holds, and its vty
socket's permissions, compared with FRR's own zebra started the same way.
(Probe-level rules -- exec/process children as an unprivileged user without
capabilities, CAP_NET_RAW raised only around ICMP's socket(), no shell unless
asked, clean environment, validated paths, passwords never shown -- are
tested with each probe kind: test_probe_exec.py, test_probe_icmp.py,
test_onchange.py, test_metrics.py, test_probe_http.py.)"""

import grp
import os
import pwd
import stat

import topolib as T
from test_grpc import GRPC_PORT, grpc_topo  # noqa: F401 (a fixture)

CAP_NET_RAW = 13
CAP_SYS_ADMIN = 21
CAP_SETUID = 7
CAP_SETGID = 6
CAP_SYS_PTRACE = 19


def caps(st, which):
    return int(st[which][0], 16)


def test_daemon_user_caps_and_vty_socket(engine):
    t, a, _ = engine
    st = T.proc_status(a.proc.pid)
    frr = pwd.getpwnam("frr")
    # runs as frr:frr, real and effective
    assert [int(x) for x in st["Uid"]] == [frr.pw_uid] * 4, st["Uid"]
    assert [int(x) for x in st["Gid"]] == [frr.pw_gid] * 4, st["Gid"]
    # nothing effective while idle; permitted only what it raises around
    # socket() (raw ICMP, a socket in a netns VRF), setuid/setgid for exec
    # children and, in a worker thread, the readlink() of another user's
    # /proc/PID/exe (`probe process ... exe`)
    assert caps(st, "CapEff") == 0, st["CapEff"]
    allowed = (1 << CAP_NET_RAW) | (1 << CAP_SYS_ADMIN) | (1 << CAP_SETUID) | \
        (1 << CAP_SETGID) | (1 << CAP_SYS_PTRACE)
    assert caps(st, "CapPrm") & ~allowed == 0, st["CapPrm"]
    assert caps(st, "CapInh") == 0 and caps(st, "CapAmb") == 0, st

    # the vty socket: same owner, group and mode as zebra's
    ours = os.stat(a.vty_path)
    zebra = os.stat(t.node.daemon("zebra").vty_path)
    assert stat.S_ISSOCK(ours.st_mode)
    assert (ours.st_uid, ours.st_gid, stat.S_IMODE(ours.st_mode)) == \
        (zebra.st_uid, zebra.st_gid, stat.S_IMODE(zebra.st_mode))
    assert stat.S_IMODE(ours.st_mode) & 0o007 == 0, oct(ours.st_mode)
    assert grp.getgrgid(ours.st_gid).gr_name in ("frrvty", "frr")


def test_grpc_listens_on_loopback_only(grpc_topo):
    """FRR's gRPC module listens on every address without TLS or
    authentication: anyone reaching the port could commit configuration.
    anycastd's build makes it listen on 127.0.0.1 only (grpc/subdir.am).
    From the peer's namespace the node's address refuses; in the node the
    loopback answers."""
    t, a = grpc_topo
    prog = ("import socket, sys\n"
            "s = socket.socket()\n"
            "s.settimeout(3)\n"
            "try:\n"
            "    s.connect((sys.argv[1], int(sys.argv[2])))\n"
            "    print('open')\n"
            "except OSError as e:\n"
            "    print('closed', e)\n")

    def probe(ns, addr):
        T.wait_for(lambda: a.alive(), 1)
        return T.run(["ip", "netns", "exec", ns, T.PYTHON, "-c", prog, addr,
                      str(GRPC_PORT)]).stdout.strip()

    T.wait_for(lambda: probe(t.node_ns, "127.0.0.1") == "open", 10, 0.2,
               desc="gRPC listening on the loopback address")
    assert probe(t.node_ns, T.NODE_V4).startswith("closed")
    assert probe(t.peer_ns, T.NODE_V4).startswith("closed")
