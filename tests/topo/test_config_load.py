"""anycastd -f FILE is read as one transaction (issue 17 section 4).

libfrr read a daemon's own file line by line, each line a commit that
validated the whole candidate: 1,000 health objects took 48.6 s.  Now the
file goes into a private candidate and is committed once; a refused line
is logged with its line number and nothing of the file is applied.  The
load time itself is a benchmark figure (no timed assertion here): the
test checks that one commit did it, through the daemon's log."""

import topolib as T

N = 1000


def objects_block(n, bad_line=None):
    lines = ["anycast"]
    for i in range(n):
        lines += [" health h%d" % i,
                  "  probe tcp 127.0.0.1 port %d" % (20000 + i % 100),
                  "  interval 60000", " exit"]
        if bad_line is not None and i == n // 2:
            lines.append(bad_line)
    lines += [" prefix %s" % T.ANYCAST_V4, "  track h0", " exit", "exit", ""]
    return "\n".join(lines)


def conf_line(text, needle):
    """1-based line number in the file the daemon reads."""
    return text.split("\n").index(needle) + 1


def test_file_is_one_transaction(topo):
    block = objects_block(N)
    a = topo.anycastd(T.anycastd_conf(topo.node.dir, block=block))
    a.start(timeout=60)
    st = a.show_json("show anycast health json")
    assert len(st) == N, len(st)
    assert "prefix %s" % T.ANYCAST_V4 in a.running_config()
    log = a.log_tail(400)
    assert "applied in one commit" in log, log


def test_bad_line_names_itself_and_applies_nothing(topo):
    bad = "  probe tcp 127.0.0.1 port 99999"
    block = objects_block(20, bad_line=bad)
    text = T.anycastd_conf(topo.node.dir, block=block)
    a = topo.anycastd(text)
    a.start()
    log = a.log_tail(400)
    assert "line %d: refused" % conf_line(text, bad) in log, log
    assert "nothing of the file applied" in log, log
    assert a.show_json("show anycast health json") == {}
    assert "health h0" not in a.running_config()
    assert a.alive()
