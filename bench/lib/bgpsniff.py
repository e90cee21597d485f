"""BGP UPDATE sniffer for the observer namespace (run inside it).

Reads every frame on an interface with an AF_PACKET socket, the kernel's
receive time from SO_TIMESTAMPNS, and prints one line per IPv4 prefix in
each BGP UPDATE sent from port 179 or to it:

    <epoch seconds> <source address> <A|W> <prefix>

(A: announced in NLRI or MP_REACH_NLRI, W: withdrawn).  Only the
standard library.  A TCP segment holding several UPDATEs (or their
start) is parsed as far as it goes; BGP messages split over segments
are reassembled per connection."""

import socket
import struct
import sys

SO_TIMESTAMPNS = 35
ETH_P_ALL = 0x0003


def prefixes(data, afi_len):
    out = []
    i = 0
    while i < len(data):
        plen = data[i]
        n = (plen + 7) // 8
        raw = data[i + 1:i + 1 + n] + b"\0" * (afi_len - n)
        fam = socket.AF_INET if afi_len == 4 else socket.AF_INET6
        out.append("%s/%d" % (socket.inet_ntop(fam, raw), plen))
        i += 1 + n
    return out


def parse_update(body):
    """[(A|W, prefix)] of one UPDATE body (after the 19-byte header)."""
    res = []
    wlen = struct.unpack("!H", body[0:2])[0]
    res += [("W", p) for p in prefixes(body[2:2 + wlen], 4)]
    i = 2 + wlen
    alen = struct.unpack("!H", body[i:i + 2])[0]
    attrs = body[i + 2:i + 2 + alen]
    res += [("A", p) for p in prefixes(body[i + 2 + alen:], 4)]
    j = 0
    while j < len(attrs):
        flags, code = attrs[j], attrs[j + 1]
        if flags & 0x10:
            ln = struct.unpack("!H", attrs[j + 2:j + 4])[0]
            v = attrs[j + 4:j + 4 + ln]
            j += 4 + ln
        else:
            ln = attrs[j + 2]
            v = attrs[j + 3:j + 3 + ln]
            j += 3 + ln
        if code == 14:  # MP_REACH_NLRI
            afi = struct.unpack("!H", v[0:2])[0]
            nhl = v[3]
            nlri = v[4 + nhl + 1:]
            res += [("A", p) for p in prefixes(nlri, 16 if afi == 2 else 4)]
        elif code == 15:  # MP_UNREACH_NLRI
            afi = struct.unpack("!H", v[0:2])[0]
            res += [("W", p) for p in prefixes(v[3:], 16 if afi == 2 else 4)]
    return res


def main():
    ifname = sys.argv[1]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.bind((ifname, 0))
    bufs = {}
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while True:
        data, anc, _, addr = s.recvmsg(65536, 64)
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        ts = None
        for lvl, typ, val in anc:
            if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack("qq", val[:16])
                ts = sec + nsec / 1e9
        eth_type = struct.unpack("!H", data[12:14])[0]
        if eth_type == 0x0800:
            ip = data[14:]
            ihl = (ip[0] & 15) * 4
            if ip[9] != 6:
                continue
            src = socket.inet_ntop(socket.AF_INET, ip[12:16])
            tot = struct.unpack("!H", ip[2:4])[0]
            tcp = ip[ihl:tot]
        elif eth_type == 0x86DD:
            ip = data[14:]
            if ip[6] != 6:
                continue
            src = socket.inet_ntop(socket.AF_INET6, ip[8:24])
            plen = struct.unpack("!H", ip[4:6])[0]
            tcp = ip[40:40 + plen]
        else:
            continue
        sport, dport = struct.unpack("!HH", tcp[0:4])
        if 179 not in (sport, dport):
            continue
        payload = tcp[(tcp[12] >> 4) * 4:]
        if not payload:
            continue
        key = (src, sport, dport)
        buf = bufs.get(key, b"") + payload
        lines = []
        while len(buf) >= 19:
            mlen = struct.unpack("!H", buf[16:18])[0]
            if mlen < 19 or buf[:16] != b"\xff" * 16:
                buf = b""  # lost sync (a segment we missed): start over
                break
            if len(buf) < mlen:
                break
            if buf[18] == 2:
                try:
                    for kind, p in parse_update(buf[19:mlen]):
                        lines.append("%.6f %s %s %s\n" % (ts, src, kind, p))
                except (IndexError, struct.error, ValueError):
                    pass
            buf = buf[mlen:]
        bufs[key] = buf
        if lines:
            out.write("".join(lines))
            out.flush()


if __name__ == "__main__":
    main()
