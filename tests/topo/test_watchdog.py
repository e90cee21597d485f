"""systemd watchdog (issue 15 section 3): anycastd sends `WATCHDOG=1` to
$NOTIFY_SOCKET from a timer of its event loop (libfrr's
systemd_send_started(), every third of $WATCHDOG_USEC), so a frozen loop
stops the keepalives and systemd (`WatchdogSec=` in the package's unit)
kills the daemon; zebra then drops its routes and bgpd withdraws them.

systemd is not PID 1 here: the test is the supervisor.  It binds the
notify socket (a datagram socket, as systemd's), starts the daemon with
NOTIFY_SOCKET and WATCHDOG_USEC in its environment, counts the datagrams,
freezes the daemon with SIGSTOP (a loop that no longer turns) and, when
the keepalives stop, kills it as systemd would -- and the prefix leaves the
peer."""

import os
import signal
import socket
import time

import topolib as T

WATCHDOG_USEC = 300000  # keepalive every 100 ms


def notify_socket(t):
    path = os.path.join(t.node.dir, "notify.sock")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    os.chmod(path, 0o666)  # anycastd sends as frr
    s.settimeout(0.05)
    return s, path


def collect(s, seconds):
    got = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            got.append(s.recv(4096).decode())
        except socket.timeout:
            pass
    return got


def test_watchdog_keepalives_stop_when_frozen_and_kill_withdraws(anycast_topo):
    t = anycast_topo
    a = t.node.daemon("anycastd")
    s, path = notify_socket(t)
    try:
        a.wrapper = ["env", "NOTIFY_SOCKET=" + path,
                     "WATCHDOG_USEC=%d" % WATCHDOG_USEC]
        t.service.start()
        a.start()
        t.wait_peer(T.ANYCAST_V4, timeout=15)

        got = collect(s, 1.5)
        assert "READY=1" in got, got
        beats = got.count("WATCHDOG=1")
        # every 100 ms: ~15 in 1.5 s; at least a few even on a loaded box
        assert beats >= 5, got

        # a frozen loop: no keepalive
        a.proc.signal(signal.SIGSTOP)
        collect(s, 0.2)  # one that was in flight
        frozen = collect(s, 1.0)
        assert "WATCHDOG=1" not in frozen, frozen
        a.proc.signal(signal.SIGCONT)
        again = collect(s, 1.0)
        assert again.count("WATCHDOG=1") >= 3, again

        # frozen again, past the deadline: the supervisor kills it (systemd:
        # WatchdogSignal, then SIGKILL), zebra drops its route, the peer
        # sees the withdraw -- the daemon failed closed
        a.proc.signal(signal.SIGSTOP)
        collect(s, 0.2)
        assert "WATCHDOG=1" not in collect(s, WATCHDOG_USEC / 1e6 + 0.1)
        assert t.peer_has(T.ANYCAST_V4)
        a.kill9()
        T.wait_for(lambda: not t.peer_has(T.ANYCAST_V4), 10,
                   desc="prefix withdrawn after the watchdog kill")
        assert t.peer_has(T.STATIC_V4)
    finally:
        s.close()


def test_no_watchdog_usec_no_keepalives(engine):
    """NOTIFY_SOCKET without WATCHDOG_USEC (a unit without WatchdogSec=):
    READY=1 only, no keepalives."""
    t, a, _ = engine
    a.stop()
    s, path = notify_socket(t)
    try:
        a.wrapper = ["env", "NOTIFY_SOCKET=" + path]
        a.start()
        got = collect(s, 1.0)
        assert got == ["READY=1"], got
    finally:
        s.close()
