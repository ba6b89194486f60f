"""Fuzz targets: one per entry point a btfkit user has.

Each target takes the fuzzer's bytes and runs one user-visible operation on
them.  The contract under test: whatever the bytes, btfkit returns or
raises :class:`btfkit.errors.BtfError`; anything else (IndexError,
RecursionError, MemoryError, a hang) is a finding.  :func:`run_one` applies
the bounds every run has: a wall-clock alarm per input and, in the fuzzing
process, an address-space limit (see :func:`limit_memory`).

Used by fuzz/run.py (atheris, coverage-guided) and by
tests/test_fuzz_harness.py (seeds, findings and a derandomised mutation
pass, without atheris).
"""

from __future__ import annotations

import resource
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import btfkit
from btfkit.errors import BtfError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Seconds one input may take in one target before it counts as a hang.
TIME_LIMIT = 20
#: Bytes of address space the fuzzing process may use (RLIMIT_AS).
MEMORY_LIMIT = 3 << 30
#: At most this many ids per input are printed one by one (emit_type_decl,
#: layout, tree), so one input stays a bounded amount of work.
IDS_PER_INPUT = 40


class Hang(Exception):
    """An input ran past TIME_LIMIT."""


@contextmanager
def time_limit(seconds: int = TIME_LIMIT) -> Iterator[None]:
    def boom(*_: object) -> None:
        raise Hang(f"no answer in {seconds} s")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def limit_memory(limit: int = MEMORY_LIMIT) -> None:
    """Cap the process's address space: a huge allocation becomes a
    MemoryError (a finding) instead of swapping the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _ids(btf: btfkit.Btf, kinds: tuple[int, ...] | None = None) -> list[int]:
    out = []
    for tid in range(1, btf.type_count):
        if kinds is None or btf.kind_of(tid) in kinds:
            out.append(tid)
            if len(out) >= IDS_PER_INPUT:
                break
    return out


# -- the targets ----------------------------------------------------------------------------

def t_load(data: bytes) -> None:
    """btfkit.load + validate + problems + write-back (raw BTF or ELF)."""
    btf = btfkit.load(data)
    btf.problems()
    btf.validate()
    btf.to_bytes()
    if btf.ext is not None:
        pass


def t_raw(data: bytes) -> None:
    from btfkit.raw import dump_raw
    btf = btfkit.load(data)
    btf.problems()  # 7.1 prints inconsistent BTF: the renderer must cope
    dump_raw(btf)


def t_json(data: bytes) -> None:
    from btfkit.raw import dump_json_text
    btf = btfkit.load(data)
    btf.problems()
    dump_json_text(btf)


def t_c(data: bytes) -> None:
    from btfkit.c import CDumper, dump_header
    btf = btfkit.load(data)
    for rel in ("7.1", "7.8"):
        d = CDumper(btf, bpftool=rel)
        dump_header(btf, dumper=d)


def t_emit_decl(data: bytes) -> None:
    from btfkit.c import CDumper
    btf = btfkit.load(data)
    d = CDumper(btf)
    for i, tid in enumerate(_ids(btf)):
        d.emit_type_decl(tid, "fld" if i % 2 else "", indent_level=i % 3, strip_mods=bool(i % 5 == 1))


def t_layout(data: bytes) -> None:
    from btfkit.kinds import Kind
    from btfkit.layout import format_pahole, struct_layout
    btf = btfkit.load(data)
    for tid in _ids(btf, (Kind.STRUCT, Kind.UNION, Kind.TYPEDEF, Kind.ENUM, Kind.PTR, Kind.ARRAY)):
        format_pahole(btf, tid)
        if btf.kind_of(tid) in (Kind.STRUCT, Kind.UNION):
            struct_layout(btf, tid).to_dict()


def t_tree(data: bytes) -> None:
    from btfkit_cli.views.tree import build_tree
    btf = btfkit.load(data)
    for tid in _ids(btf):
        root, _ = build_tree(btf, tid, depth=4, max_nodes=2000)
        root.to_dict()


def t_gen_skeleton(data: bytes) -> None:
    from btfkit.gen.skeleton import gen_skeleton
    for rel in ("7.1", "7.8"):
        gen_skeleton("fuzz.bpf.o", data=data, check_endianness=False, bpftool=rel)


def t_gen_subskeleton(data: bytes) -> None:
    from btfkit.gen.subskeleton import gen_subskeleton
    for rel in ("7.1", "7.8"):
        gen_subskeleton("fuzz.bpf.o", data=data, check_endianness=False, bpftool=rel)


_BASE: btfkit.Btf | None = None


def split_base() -> btfkit.Btf:
    """The base every split input is read on (fuzz/seeds/split.base.btf)."""
    global _BASE
    if _BASE is None:
        _BASE = btfkit.load((HERE / "seeds" / "split.base.btf").read_bytes())
    return _BASE


def t_split(data: bytes) -> None:
    """Split BTF on a fixed base: load, problems, raw and C."""
    from btfkit.c import dump_header
    from btfkit.raw import dump_raw
    btf = btfkit.load(data, base=split_base())
    btf.problems()
    btf.base_problems()
    dump_raw(btf)
    dump_header(btf)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "load": t_load,
    "raw": t_raw,
    "json": t_json,
    "c": t_c,
    "emit_decl": t_emit_decl,
    "layout": t_layout,
    "tree": t_tree,
    "gen_skeleton": t_gen_skeleton,
    "gen_subskeleton": t_gen_subskeleton,
    "split": t_split,
}

#: Which seeds each target starts from (fuzz/seeds/<dir>).
SEED_DIRS: dict[str, str] = {
    "gen_skeleton": "elf", "gen_subskeleton": "elf", "split": "split",
}


def seeds_for(target: str) -> list[Path]:
    d = HERE / "seeds" / SEED_DIRS.get(target, "btf")
    found = sorted(p for p in d.iterdir() if p.is_file())
    if SEED_DIRS.get(target) is None:
        found += sorted(p for p in (HERE / "seeds" / "elf").iterdir() if p.is_file())
    return found


def run_one(target: str, data: bytes) -> None:
    """Run ``target`` on ``data`` within TIME_LIMIT; BtfError is a pass,
    anything else propagates (Hang included)."""
    fn = TARGETS[target]
    with time_limit():
        try:
            fn(data)
        except BtfError:
            pass
