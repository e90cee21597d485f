"""A directory whose every access blocks: a FUSE mount that never answers.

    python3 fusehang.py DIR

Opens /dev/fuse, mounts it on DIR (allow_other: anycastd runs as frr) and
never answers the kernel's INIT request, so every lookup under DIR (stat(),
open()) waits -- the way a dead NFS server's clients wait.  Prints "ready"
once mounted, then waits for its standard input to close (or a SIGTERM):
closing the /dev/fuse descriptor aborts the connection (the waiting calls
fail with ENOTCONN) and the mount is detached.  Run it in the mount
namespace of the process that should see the mount (nsenter -m -t PID).
No libfuse, no FUSE package: the mount(2) call and the descriptor are all
it takes."""

import ctypes
import os
import signal
import sys

MNT_DETACH = 2


def main():
    d = sys.argv[1]
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/dev/fuse", os.O_RDWR | os.O_CLOEXEC)
    opts = "fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other" % fd
    if libc.mount(b"anycastd-hang", d.encode(), b"fuse", 0, opts.encode()):
        err = ctypes.get_errno()
        print("mount: %s" % os.strerror(err), flush=True)
        sys.exit(1)

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        os.close(fd)  # aborts the connection: every waiter gets ENOTCONN
        libc.umount2(d.encode(), MNT_DETACH)


if __name__ == "__main__":
    main()
