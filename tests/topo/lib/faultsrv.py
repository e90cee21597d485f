"""Misbehaving probe targets for the fault tests (test_faults.py).

    faultsrv.py ADDR READY STATUS MODE:PORT...

Runs inside the test's node namespace (started with `ip netns exec`, killed
by PID at teardown).  Every MODE:PORT listens on ADDR:PORT (TCP, or UDP for
the dns-* modes); READY is created once all are bound; STATUS is rewritten
(atomically) with per-port counters whenever a connection opens or closes:
{"PORT": {"mode": M, "accepted": n, "open": k, "maxOpen": m, "queries": q}}.

TCP modes (the probes see a connection, then):
  hang        nothing, ever (the request is read and ignored)
  reset       a reset (SO_LINGER 0 close) right after accept
  trickle     one byte every 100 ms, forever ("HTTP/1.1 200 OK\\r\\n" first)
  garbage     512 random bytes, then close
  flood       'A' as fast as the client reads, never a newline
  hugebody    HTTP 200 with a 10 GB Content-Length, the body streamed
  hugeheaders HTTP 200, then header lines forever
  http-ok     a correct HTTP/1.0 200 response with body "alive", close
  slow-http   the same, 50 ms after the request
  slow-pong   "PONG\n" 50 ms after the request (tcp send/expect)
UDP modes (DNS: the question is parsed, then the reply has):
  dns-ok        a correct answer (A 192.0.2.53)
  dns-slow      the same, 50 ms later
  dns-wrongid   the answer with another ID
  dns-wrongq    the right ID, another question (evil.example.)
  dns-malformed the right ID and question, the answer record cut short
  dns-garbage   the right ID, then random bytes
"""

import json
import os
import socket
import struct
import sys
import threading
import time

ADDR, READY, STATUS = sys.argv[1], sys.argv[2], sys.argv[3]
SPECS = [(s.split(":")[0], int(s.split(":")[1])) for s in sys.argv[4:]]

lock = threading.Lock()
stats = {}


def write_status():
    tmp = STATUS + ".tmp"
    with open(tmp, "w") as f:
        json.dump(stats, f)
    os.rename(tmp, STATUS)


def count(port, field, delta=1):
    with lock:
        st = stats[str(port)]
        st[field] += delta
        if field == "open":
            st["maxOpen"] = max(st["maxOpen"], st["open"])
        write_status()


def read_some(c, timeout=0.2):
    c.settimeout(timeout)
    try:
        return c.recv(65536)
    except OSError:
        return b""
    finally:
        c.settimeout(None)


def send_forever(c, chunks, delay):
    try:
        for chunk in chunks:
            c.sendall(chunk)
            if delay:
                time.sleep(delay)
    except OSError:
        pass


def gen_trickle():
    for b in b"HTTP/1.1 200 OK\r\n":
        yield bytes([b])
    while True:
        yield b"x"


def gen_repeat(first, chunk):
    yield first
    while True:
        yield chunk


def serve_conn(mode, port, c):
    count(port, "accepted")
    count(port, "open")
    try:
        if mode == "reset":
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif mode == "hang":
            while c.recv(65536):
                pass
        elif mode == "trickle":
            send_forever(c, gen_trickle(), 0.1)
        elif mode == "garbage":
            read_some(c)
            c.sendall(os.urandom(512))
        elif mode == "flood":
            send_forever(c, gen_repeat(b"", b"A" * 65536), 0)
        elif mode == "hugebody":
            read_some(c)
            send_forever(c, gen_repeat(
                b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n",
                b"A" * 65536), 0)
        elif mode == "hugeheaders":
            read_some(c)
            send_forever(c, gen_repeat(b"HTTP/1.1 200 OK\r\n",
                                       b"X-Junk: " + b"B" * 1000 + b"\r\n"), 0)
        elif mode in ("http-ok", "slow-http"):
            read_some(c)
            if mode == "slow-http":
                time.sleep(0.05)
            c.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nalive")
        elif mode == "slow-pong":
            read_some(c)
            time.sleep(0.05)
            c.sendall(b"PONG\n")
    except OSError:
        pass
    finally:
        c.close()
        count(port, "open", -1)


def tcp_listener(mode, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ADDR, port))
    s.listen(256)

    def loop():
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve_conn, args=(mode, port, c), daemon=True).start()
    return loop


def dns_question(q):
    """(id, question bytes incl. type and class) of a query, or None."""
    if len(q) < 12:
        return None
    i = 12
    while i < len(q) and q[i]:
        i += 1 + q[i]
    if i + 5 > len(q):
        return None
    return struct.unpack("!H", q[:2])[0], q[12:i + 5]


def dns_reply(mode, q):
    parsed = dns_question(q)
    if parsed is None:
        return None
    qid, question = parsed
    if mode == "dns-garbage":
        return struct.pack("!H", qid) + os.urandom(40)
    if mode == "dns-wrongq":
        question = b"\x04evil\x07example\x00" + question[-4:]
    if mode == "dns-wrongid":
        qid ^= 0x5a5a
    head = struct.pack("!HHHHHH", qid, 0x8400, 1, 1, 0, 0)
    answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 53])
    if mode == "dns-malformed":
        answer = answer[:-3]  # rdlength 4, one byte of data
    return head + question + answer


def udp_listener(mode, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((ADDR, port))

    def loop():
        while True:
            q, peer = s.recvfrom(4096)
            count(port, "queries")
            r = dns_reply(mode, q)
            if r is None:
                continue
            if mode == "dns-slow":
                threading.Timer(0.05, s.sendto, (r, peer)).start()
            else:
                s.sendto(r, peer)
    return loop


def main():
    loops = []
    for mode, port in SPECS:
        stats[str(port)] = {"mode": mode, "accepted": 0, "open": 0, "maxOpen": 0,
                            "queries": 0}
        loops.append(udp_listener(mode, port) if mode.startswith("dns-")
                     else tcp_listener(mode, port))
    write_status()
    for loop in loops:
        threading.Thread(target=loop, daemon=True).start()
    with open(READY + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(READY + ".tmp", READY)
    threading.Event().wait()


main()
