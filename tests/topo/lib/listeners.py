"""Many TCP listeners in one process, switched on and off by commands.

Run inside a node namespace by the soak test:

    python3 listeners.py ADDR BASE_PORT COUNT READY_FILE

Listener i listens on ADDR:(BASE_PORT + i); every connection is accepted
and closed at once.  Commands on stdin, one per line, each answered with
one line on stdout:

    up I / down I   open / close listener I          -> "ok"
    state           the listening ones               -> "0 1 1 0 ..."

A closed listener makes a TCP probe fail with ECONNREFUSED, so its health
object goes down after `fall` probes.  All listeners start open.
"""

import os
import selectors
import socket
import sys


def main():
    addr, base, count, ready = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sel = selectors.DefaultSelector()
    socks = [None] * count

    def up(i):
        if socks[i] is not None:
            return
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, base + i))
        s.listen(64)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, i)
        socks[i] = s

    def down(i):
        s = socks[i]
        if s is None:
            return
        sel.unregister(s)
        s.close()
        socks[i] = None

    for i in range(count):
        up(i)
    os.set_blocking(sys.stdin.fileno(), True)
    sel.register(sys.stdin, selectors.EVENT_READ, "cmd")
    with open(ready + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(ready + ".tmp", ready)
    while True:
        for key, _ in sel.select():
            if key.data == "cmd":
                line = sys.stdin.readline()
                if not line:
                    return
                words = line.split()
                if words[0] == "up":
                    up(int(words[1]))
                elif words[0] == "down":
                    down(int(words[1]))
                if words[0] == "state":
                    print(" ".join("1" if s is not None else "0" for s in socks), flush=True)
                else:
                    print("ok", flush=True)
                continue
            try:
                c, _ = key.fileobj.accept()
                c.close()
            except OSError:
                pass


if __name__ == "__main__":
    main()
