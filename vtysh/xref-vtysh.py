# SPDX-License-Identifier: GPL-2.0-or-later
"""
xref-vtysh.py — vtysh's command table (vtysh_cmd.c) for FRR >= 8.5 from the
installed daemons, libraries and modules plus anycastd's own binary.

FRR >= 8.5 no longer extracts vtysh's commands from the sources: its build
reads the "xref" records (DEFUNs and install_element calls) that clippy
puts into every ELF object, with python/xrelfo.py, and python/xref2vtysh.py
writes vtysh_cmd.c from them.  Debian's binaries keep those records (the
FRRouting XREF note and the xref_array section are allocated data, strip
leaves them), so the table is made from what is installed, as FRR makes it
from what it built, with FRR's own two modules; nothing is rebuilt.

Run it with the dev kit's clippy (xref2vtysh needs its _clippy module):

    $FRR_BUILD/lib/clippy xref-vtysh.py --vars vtysh/build/frr-vtysh.vars \
        -o vtysh_cmd.c [-o vtysh_cmd.1.c ...] anycastd/anycastd=BINARY

--vars names FRR's configured targets (sbin_PROGRAMS, bin_PROGRAMS,
lib_LTLIBRARIES, module_LTLIBRARIES, the same lists FRR's frr.xref rule
takes) and where they are installed.  Each target is read under its name
in FRR's tree ("zebra/zebra", "lib/libfrr.la", "bgpd/bgpd_bmp.la"):
xref2vtysh maps a command to the daemon(s) it is sent to by that name
(VTYSH_<DIRECTORY or PROGRAM>, "isisd/fabricd" renamed) and, for lib/, by
the source file.  ORIGIN=BINARY adds a binary of ours the same way:
"anycastd/anycastd" makes anycastd's commands VTYSH_ANYCASTD.  More than
one -o splits the node graphs over several files, as FRR does.
"""

import argparse
import filecmp
import os
import shlex
import sys

frr_build = None


def read_vars(path):
    """the KEY="VALUE" lines subdir.am wrote"""
    out = {}
    with open(path) as fd:
        for line in fd:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, val = line.partition("=")
            words = shlex.split(val)
            out[key] = words[0] if words else ""
    return out


# not read, like FRR's own frr.xref rule (python/makefile.py): no commands
# of their own, or vtysh itself; fpm_listener has none either (and Debian
# does not ship it)
SKIP = (
    "bgpd/rfp-example/rfptest/rfptest",
    "pimd/mtracebis",
    "tools/ssd",
    "vtysh/vtysh",
    "zebra/fpm_listener",
)
# without these the table is certainly wrong
REQUIRED = ("lib/libfrr.la", "zebra/zebra", "mgmtd/mgmtd")


def installed_targets(v):
    """(FRR target name, installed file or None) for every configured target"""
    for t in v["frr_xref_sbin"].split():
        yield t, os.path.join(v["frr_sbindir"], os.path.basename(t))
    for t in v["frr_xref_bin"].split():
        yield t, os.path.join(v["frr_bindir"], os.path.basename(t))
    for t in v["frr_xref_libs"].split():
        # lib/libfrr.la -> libfrr.so.0 (Debian ships no unversioned .so)
        base = os.path.basename(t)[: -len(".la")] + ".so"
        libdir = v["frr_libdir"]
        names = sorted(
            n for n in os.listdir(libdir) if n.startswith(base + ".")
        ) if os.path.isdir(libdir) else []
        yield t, os.path.join(libdir, names[0]) if names else None
    for t in v["frr_xref_modules"].split():
        base = os.path.basename(t)[: -len(".la")] + ".so"
        yield t, os.path.join(v["frr_moduledir"], base)


def plain_source_paths(xrelfo):
    """
    Source file names as seen from the FRR tree's top.  Debian builds out
    of tree, one level down, so its binaries name "../lib/vty.c";
    xref2vtysh takes a path relative to the current directory and needs
    "lib/vty.c" for libfrr's commands.  Paths are made absolute under the
    dev kit here, whatever the current directory is.
    """
    for origins in xrelfo["cli"].values():
        for spec in origins.values():
            for where in [spec.get("defun")] + [
                n.get("install") for n in spec.get("nodes", [])
            ]:
                if not where or os.path.isabs(where["file"]):
                    continue
                parts = os.path.normpath(where["file"]).split(os.sep)
                while parts and parts[0] in ("..", "."):
                    parts.pop(0)
                where["file"] = os.path.join(frr_build, *parts)


def main():
    global frr_build

    argp = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    argp.add_argument("--vars", required=True, help="vtysh/build/frr-vtysh.vars")
    argp.add_argument("-o", dest="outputs", action="append", required=True)
    argp.add_argument("extra", nargs="*", metavar="ORIGIN=BINARY")
    args = argp.parse_args()

    v = read_vars(args.vars)
    frr_build = os.path.abspath(v["frr_build"])
    sys.path.insert(0, os.path.join(frr_build, "python"))
    from xrelfo import Xrelfo  # FRR's python/xrelfo.py
    from xref2vtysh import CommandEntry, NodeDict  # FRR's python/xref2vtysh.py

    files = []
    missing = []
    for target, path in installed_targets(v):
        if target in SKIP:
            continue
        if path is None or not os.path.exists(path):
            if target in REQUIRED:
                sys.exit("xref-vtysh: %s is not installed (%s)" % (target, path))
            missing.append(target)
            continue
        files.append((target, path))
    ours = set()
    for e in args.extra:
        origin, sep, path = e.partition("=")
        if not sep or not os.path.exists(path):
            sys.exit("xref-vtysh: %s: want ORIGIN=BINARY, an existing file" % e)
        files.append((origin, path))
        ours.add(origin)
    if missing:
        sys.stderr.write(
            "xref-vtysh: warning: not installed, vtysh will not know their "
            "commands: %s\n(install the packages that hold them before "
            "building, on Debian frr-snmp and frr-rpki-rtrlib)\n" % " ".join(missing)
        )

    xrelfo = Xrelfo()
    for origin, path in files:
        xrelfo.load_elf(path, origin)
    plain_source_paths(xrelfo)

    # vtysh_cmd.c names each command after its DEFUN (NAME_vtysh); FRR's
    # names are unique in FRR's tree, ours need not be (isisd has a
    # prefix_metric_cmd too): ours get the binary's name in front, as
    # xref2vtysh does for fabricd
    cli = xrelfo["cli"]
    for name in list(cli):
        for origin in ours & set(cli[name]):
            spec = cli[name].pop(origin)
            cli.setdefault(os.path.basename(origin) + "_" + name, {})[origin] = spec
        if not cli[name]:
            del cli[name]

    # FRR's own commands must be installed in FRR's nodes: a binary from
    # another FRR version than the dev kit's lib/command.h would put them
    # in the wrong ones (only our own binaries use ids after NODE_TYPE_MAX)
    NodeDict.load_nodenames()
    node_max = [k for k, n in NodeDict.nodenames.items() if n == "NODE_TYPE_MAX"]
    for name, origins in xrelfo["cli"].items():
        for origin, spec in origins.items():
            if origin in ours:
                continue
            for n in spec.get("nodes", []):
                if n["node"] >= node_max[0]:
                    sys.exit(
                        "xref-vtysh: %s in %s is installed in node %d, not in "
                        "%s/lib/command.h: is the dev kit the installed "
                        "FRR's version?" % (name, origin, n["node"], frr_build)
                    )

    n_cli = sum(len(o) for o in xrelfo["cli"].values())
    n_ours = sum(
        1 for o in xrelfo["cli"].values() for origin in o if origin in ours
    )
    if args.extra and not n_ours:
        sys.exit("xref-vtysh: no commands found in %s" % " ".join(args.extra))

    fds = [open(o + ".tmp", "w") for o in args.outputs]
    CommandEntry.run(xrelfo, list(fds))
    for fd in fds:
        fd.close()
    # a file is replaced only when its content changed (make then does not
    # recompile it)
    for o in args.outputs:
        if os.path.exists(o) and filecmp.cmp(o + ".tmp", o, shallow=False):
            os.unlink(o + ".tmp")
        else:
            os.rename(o + ".tmp", o)
    sys.stderr.write(
        "xref-vtysh: %d commands from %d files (%d of them from %s)\n"
        % (n_cli, len(files), n_ours, " ".join(sorted(ours)) or "-")
    )


if __name__ == "__main__":
    main()
