"""btfkit dump: bpftool's ``btf dump file F [format raw|c]``, and JSON."""

from __future__ import annotations

import argparse
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO

from .common import add_file_args, add_release_arg, checked_id, load_btf, named
from .output import emit
from btfkit.releases import release

EXAMPLES = """examples:
  btfkit dump > vmlinux.h                 the running kernel's vmlinux.h (format c)
  btfkit dump FILE --format raw           bpftool's raw text
  btfkit dump FILE -j                     bpftool -j's JSON
  btfkit dump mod.ko --base vmlinux       split BTF on its base
  btfkit dump -B vmlinux file kvm.ko file kvm-intel.ko format c
                                          bpftool 7.8: several split BTFs merged (btf__dedup)
  btfkit dump FILE --type task_struct     one type and what it needs, as C
  btfkit dump file FILE format raw        bpftool's word forms work too
  btfkit dump FILE -o vmlinux.h           written atomically"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    p.add_argument("more_files", nargs="*", metavar="FILE",
                   help="bpftool 7.8: more split BTF files (or `file F` again), merged with FILE on one base")
    p.add_argument("-f", "--format", choices=("raw", "c", "json"), default=None,
                   help="output format; default: c when reading the running kernel (no FILE), raw otherwise (as bpftool)")
    p.add_argument("-j", "--json", action="store_true", help="same as --format json")
    p.add_argument("--root-id", action="append", metavar="ID", default=[], dest="root_id",
                   help="bpftool 7.8's root_id: only this type id and what it needs (repeatable, at most 16)")
    p.add_argument("-t", "--type", action="append", metavar="NAME_OR_ID", default=[],
                   help="only this type (name or id) and what it needs; repeatable")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT atomically instead of stdout")
    add_release_arg(p)
    p.add_argument("--unsorted", action="store_true",
                   help="bpftool 7.5+: C types in id order, not sorted (bpftool's word: unsorted)")


_VALUE_OPTS = frozenset({"-t", "--type", "-o", "--output", "-B", "--base", "-f", "--format", "--bpftool",
                         "--root-id"})
MAX_ROOT_IDS = 16  # bpftool's MAX_ROOT_IDS


def normalize_argv(argv: list[str]) -> list[str]:
    """Accept bpftool's word forms: ``file F``, ``format X``, ``root_id N``,
    anywhere among the options as bpftool takes them (``-B BASE file F``,
    ``-o OUT file F format c``); words that are values of options are left
    alone (``--type file`` names a type)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        after_opt = bool(out) and out[-1] in _VALUE_OPTS
        if not after_opt and a == "file" and i + 1 < len(argv):
            out.append(argv[i + 1])
            i += 2
        elif not after_opt and a == "format" and i + 1 < len(argv):
            out += ["--format", argv[i + 1]]
            i += 2
        elif not after_opt and a == "root_id" and i + 1 < len(argv):
            out += ["--root-id", argv[i + 1]]
            i += 2
        elif not after_opt and a == "unsorted":
            out.append("--unsorted")
            i += 1
        else:
            out.append(a)
            i += 1
    return out


def resolve_type_ids(btf, specs: list[str]) -> list[int]:
    from btfkit.kinds import Kind

    ids: list[int] = []
    for spec in specs:
        if spec.isdigit():
            ids.append(checked_id(btf, spec))
            continue
        found = named(btf, spec)
        # prefer the definition: a struct/union/enum/typedef over a FWD of that name
        defs = [i for i in found if btf.kind_of(i) not in (Kind.FWD, Kind.FUNC, Kind.VAR, Kind.DECL_TAG)]
        ids.extend(defs or found)
    return ids


def root_ids(btf, specs: list[str]) -> list[int]:
    """bpftool 7.8's root_id checks, with its messages: at most 16, each
    parsed as strtoul(..., 0) does, no duplicates, each a valid id."""
    from btfkit.errors import BtfError

    if len(specs) > MAX_ROOT_IDS:
        raise BtfError(f"only {MAX_ROOT_IDS} root_id are supported")
    ids: list[int] = []
    for spec in specs:
        try:
            rid = int(spec, 0)
        except ValueError:
            raise BtfError(f"can't parse {spec} as root ID") from None
        if rid in ids:
            raise BtfError(f"duplicate root_id {rid} supplied")
        ids.append(rid)
    for rid in ids:
        if not 0 <= rid < btf.type_count:
            raise BtfError(f"invalid root ID: {rid}", source=btf.source)
    return ids


SYSFS_BTF_PREFIX = "/sys/kernel/btf/"


SYS_VMLINUX_PATH = "/sys/kernel/btf/vmlinux"


def load_files(args: argparse.Namespace, rel, stderr: IO):
    """FILE, or bpftool 7.8's several ``file F`` merged (its do_dump() and
    merge_btf_files()): /sys/kernel/btf/vmlinux is skipped (it is the base),
    at most 64 files, a base from --base or, when a file is under
    /sys/kernel/btf/, the running kernel's vmlinux.  bpftool 7.1 and 7.5
    read the first file, then stop at the second."""
    from btfkit.errors import BtfError

    files = ([args.file] if args.file else []) + list(args.more_files)
    if len(files) < 2:
        if rel.dump_merges_files and files and files[0] == SYS_VMLINUX_PATH:
            # bpftool 7.8 filters the sysfs vmlinux out of its file list even
            # when it is the only one (and then loads it as before)
            print(f"btfkit: note: skipping {files[0]} (will be loaded as base)", file=stderr)
        return load_btf(args)
    if not rel.dump_merges_files:
        load_btf(args)  # bpftool reads the first file before the options
        raise BtfError(f"unrecognized option: 'file' (bpftool {rel.bpftool} dumps one file; "
                       "merging several is bpftool 7.8's)")
    from btfkit.dedup import MAX_BTF_FILES, merge_btf_files
    from .common import SYS_VMLINUX

    kept: list[str] = []
    for f in files:
        if f == SYS_VMLINUX:
            print(f"btfkit: note: skipping {f} (will be loaded as base)", file=stderr)
            continue
        if len(kept) >= MAX_BTF_FILES:
            raise BtfError(f"too many BTF files (max {MAX_BTF_FILES})")
        kept.append(f)
    base_path = args.base
    if not base_path and any(f.startswith(SYSFS_BTF_PREFIX) for f in kept):
        base_path = SYS_VMLINUX
    if len(kept) < 2:
        one = argparse.Namespace(**vars(args))
        one.file, one.base = (kept[0] if kept else SYS_VMLINUX), base_path
        return load_btf(one)
    if not base_path:
        raise BtfError("base BTF is required when merging multiple BTF files; "
                       "use -B/--base or use sysfs paths")
    import btfkit

    return merge_btf_files(kept, btfkit.load(base_path))


def run(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    fmt = "json" if args.json else args.format
    if fmt is None:
        # bpftool defaults to raw; with no FILE the main job is vmlinux.h
        fmt = "c" if not args.file else "raw"
    rel = release(args.bpftool)
    btf = load_files(args, rel, stderr)
    from btfkit.compat import check_readable
    check_readable(btf, rel)  # what bpftool 7.1/7.5 refuse
    ids = resolve_type_ids(btf, args.type) if args.type else None
    if args.root_id:
        ids = (ids or []) + root_ids(btf, args.root_id)
    for w in btf.warnings:
        print(f"btfkit: warning: {btf.source}: {w}", file=stderr)
    if fmt in ("raw", "json"):
        # libbpf 1.3+ refuses inconsistent BTF; bpftool 7.1 prints it, and
        # so does btfkit, saying what is wrong
        if rel.sanity_checks_btf:
            btf.validate()
        else:
            for err in btf.problems():
                print(f"btfkit: warning: {err}", file=stderr)
        for err in btf.base_problems():
            print(f"btfkit: warning: {err}", file=stderr)
        if fmt == "raw":
            from btfkit.raw import dump_raw
            text = dump_raw(btf, ids)
        else:
            from btfkit.raw import dump_json_text
            text = dump_json_text(btf, ids)
    else:
        from btfkit.c import CDumper, dump_header
        # no full validate() for 7.1: the printer checks every id it follows
        # and decodes (checking names) only what it prints
        if rel.sanity_checks_btf:
            btf.validate()
        for err in btf.base_problems():
            print(f"btfkit: warning: {err}", file=stderr)
        dumper = CDumper(btf, bpftool=rel)
        text = dump_header(btf, ids, dumper=dumper, sort=not args.unsorted)
        # what libbpf logs, bpftool prints on stderr
        for w in dumper.warnings:
            print(f"libbpf: {w}", file=stderr)
        if dumper.left_out is not None:
            from btfkit.kinds import kind_name

            t = btf[dumper.left_out]
            print(f"btfkit: note: {btf.source}: as bpftool {rel.bpftool} does, this sorted dump leaves out "
                  f"type [{t.id}] ({kind_name(btf.kind_of(t.id))} '{t.name or '(anon)'}'), the first in its order "
                  "(--unsorted keeps it)", file=stderr)
        if dumper.error is not None:
            # bpftool fails here (after printing a cut header); btfkit
            # writes nothing
            raise dumper.error
    emit(text, args.output, stdout)
    return 0
