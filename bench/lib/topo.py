"""The benchmark topology: topolib's node + observer namespaces, plus what
the benchmark adds on top (ExaBGP with its own session, listeners)."""

import os
import subprocess
import time

from benchlib import T, BenchError, TimedMonitor, log

# ExaBGP's own BGP session: a second /30 on the same link
EXA_NODE_V4 = "192.0.2.5"
EXA_PEER_V4 = "192.0.2.6"
EXA_AS = 64514
EXA_PREFIX = "198.51.100.64/26"
# stock FRR path: a static route through staticd
STATIC_BENCH_V4 = "198.51.100.32/27"
TCPCHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tcpcheck")
EXABGP = "/usr/sbin/exabgp"
EXA_HEALTHCHECK = "/usr/bin/exabgp-healthcheck"
DNSMASQ = "/usr/sbin/dnsmasq"
DNS_NAME = "svc.bench.test"
T._assert_doc(EXA_NODE_V4, EXA_PEER_V4, EXA_PREFIX, STATIC_BENCH_V4)


class BenchTopo:
    """node (zebra, staticd, bgpd, anycastd, service) + observer (gobgpd).

    bgpd listens only on the node's link addresses (-l), so the observer's
    connection attempts to ExaBGP's address cannot reach bgpd."""

    def __init__(self):
        self.t = T.Topology()
        self.exabgp = None
        self.monitors = []
        try:
            self._build()
        except Exception:
            self.teardown()
            raise

    def _build(self):
        t = self.t
        t.build()
        d = t.node.dir
        t.node.start_mgmtd()
        t.add_daemon("zebra", os.path.join(T.FRR_DIR, "zebra"), T.zebra_conf(d)).start()
        t.add_daemon("staticd", os.path.join(T.FRR_DIR, "staticd"),
                     T.staticd_conf(d)).start()
        t.add_daemon("bgpd", os.path.join(T.FRR_DIR, "bgpd"), T.bgpd_conf(d),
                     ["-l", T.NODE_V4, "-l", T.NODE_V6]).start()
        t.start_gobgp()
        t.wait_established()
        self.mon4 = self.monitor("ipv4")

    def monitor(self, afi):
        m = TimedMonitor(self.t, afi)
        self.monitors.append(m)
        time.sleep(0.3)  # the stream starts with the current RIB
        return m

    @property
    def node(self):
        return self.t.node

    def anycastd(self, block, extra=None):
        a = self.t.anycastd(T.anycastd_conf(self.t.node.dir, block), extra)
        a.start(timeout=120)
        return a

    # ---- ExaBGP with its healthcheck, its own session to the observer
    def start_exabgp(self, check_cmd, interval=1.0, checks=None):
        """ExaBGP with one healthcheck process per (check command, prefix)
        of `checks` (default: check_cmd for EXA_PREFIX)."""
        t = self.t
        if checks is None:
            checks = [(check_cmd, EXA_PREFIX)]
        T.run(["ip", "addr", "add", "%s/30" % EXA_NODE_V4, "dev", "to-peer"], ns=t.node_ns)
        T.run(["ip", "addr", "add", "%s/30" % EXA_PEER_V4, "dev", "to-node"], ns=t.peer_ns)
        d = os.path.join(t.basedir, "exabgp")
        os.makedirs(d, exist_ok=True)
        procs = []
        for k, (cmd, prefix) in enumerate(checks):
            T._assert_doc(prefix)
            hc_conf = os.path.join(d, "healthcheck%d.conf" % k)
            with open(hc_conf, "w") as f:
                # long option = value; the command needs no quoting here
                f.write("command = %s\n" % cmd)
            hc = [EXA_HEALTHCHECK, "--silent", "--config", hc_conf,
                  "--interval", "%g" % interval, "--fast-interval", "%g" % interval,
                  "--rise", "1", "--fall", "1", "--timeout", "%d" % max(1, int(interval)),
                  "--withdraw-on-down", "--no-ip-setup", "--ip", prefix,
                  "--next-hop", EXA_NODE_V4]
            procs.append("process hc%d {\n    run %s;\n    encoder text;\n}\n"
                         % (k, " ".join(hc)))
        conf = os.path.join(d, "exabgp.conf")
        with open(conf, "w") as f:
            f.write("".join(procs) + """neighbor %s {
    router-id %s;
    local-address %s;
    local-as %d;
    peer-as %d;
    family { ipv4 unicast; }
    api { processes [ %s ]; }
}
""" % (T.PEER_V4, EXA_NODE_V4, EXA_NODE_V4, EXA_AS, T.PEER_AS,
       " ".join("hc%d" % k for k in range(len(checks)))))
        env = dict(os.environ)
        env.update({"exabgp.daemon.user": "root", "exabgp.daemon.drop": "false",
                    "exabgp.api.cli": "false", "exabgp.log.destination": "stdout",
                    "exabgp.log.level": "WARNING", "exabgp.daemon.daemonize": "false"})
        self.exa_log = os.path.join(d, "exabgp.log")
        with open(self.exa_log, "w") as out:
            p = subprocess.Popen(["ip", "netns", "exec", t.node_ns, EXABGP, conf],
                                 stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, env=env)
        self.exabgp = T.Proc("exabgp", p.pid, popen=p)
        t.register(self.exabgp)
        t.gobgp.gobgp("neighbor", "add", EXA_NODE_V4, "as", str(EXA_AS))
        try:
            T.wait_for(lambda: EXA_NODE_V4 in t.gobgp.established(), 60, 0.1,
                       "ExaBGP's session at the observer")
        except T.WaitTimeout:
            with open(self.exa_log) as f:
                raise BenchError("ExaBGP session not up:\n" + f.read()[-3000:])
        return self.exabgp

    # ---- local listeners for the scale figure
    def start_listeners(self, nports, base_port):
        code = LISTENER_CODE
        ready = os.path.join(self.t.node.dir, "listeners.ready")
        p = subprocess.Popen(["ip", "netns", "exec", self.t.node_ns, T.PYTHON, "-c", code,
                              T.SERVICE_ADDR, str(base_port), str(nports), ready],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        proc = T.Proc("listeners", p.pid, popen=p)
        self.t.register(proc)
        T.wait_for(lambda: os.path.exists(ready), 20, desc="listeners")
        return proc

    def start_dnsmasq(self):
        argv = ["ip", "netns", "exec", self.t.node_ns, DNSMASQ, "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
                "--pid-file=", "--bind-interfaces", "--listen-address=%s" % T.SERVICE_ADDR,
                "--port=53", "--local=/bench.test/", "--cache-size=0",
                "--host-record=%s,%s" % (DNS_NAME, T.SERVICE_ADDR)]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        proc = T.Proc("dnsmasq", p.pid, popen=p)
        self.t.register(proc)
        time.sleep(0.5)
        if not proc.alive():
            raise BenchError("dnsmasq did not start")
        return proc

    def teardown(self):
        for m in self.monitors:
            try:
                m.stop()
            except Exception:  # noqa: BLE001
                pass
        self.t.teardown()


# accept-and-close on many ports (epoll), for the scale figure
LISTENER_CODE = r"""
import os, select, socket, sys
addr, base, n, ready = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ep = select.epoll()
socks = {}
for i in range(n):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, base + i))
    s.listen(1024)
    s.setblocking(False)
    socks[s.fileno()] = s
    ep.register(s.fileno(), select.EPOLLIN)
open(ready, "w").close()
while True:
    for fd, _ in ep.poll():
        s = socks[fd]
        while True:
            try:
                c, _ = s.accept()
            except BlockingIOError:
                break
            c.close()
"""
