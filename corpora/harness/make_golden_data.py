#!/usr/bin/env python3
"""Goldens for btfkit's typed data dumper (btfkit.c.data), from the
dump_data harness built against each reference libbpf (build.sh).

    python3 corpora/harness/make_golden_data.py            # write all goldens
    python3 corpora/harness/make_golden_data.py --check    # only run, no write

For every input (the corpus objects, the c_cases objects, and a deterministic
sample of vmlinux types) and every libbpf (6.1, 1.5, 1.8: bpftool 7.1, 7.5,
7.8), the harness prints every type id x buffer x option set (see
dump_data.c); the output goes xz-compressed to
corpora/harness/golden/data/<input>.<libbpf>.txt.xz, with the ids dumped in
<input>.ids.  This script never imports btfkit: the test reads the same
records and compares btfkit to them (tests/test_data_dump.py).

The buffers and option sets are defined here once, for the test too
(``buffers()``, ``OPT_SETS``).
"""

from __future__ import annotations

import lzma
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BUILD = Path(os.environ.get("BTFKIT_HARNESS_BUILD", HERE / "build"))
GOLDEN = HERE / "golden" / "data"
SEED = 0x5EED
MAX_BUF = 65536
#: libbpf of each reproduced bpftool
LIBBPF = {"7.1": "6.1", "7.5": "1.5", "7.8": "1.8"}
#: vmlinux types in the sample: every VMLINUX_STEP-th id (deterministic)
VMLINUX_STEP = 97

#: name -> (indent_level, indent_str, compact, skip_names, emit_zeroes,
#: emit_strings); same order as opt_sets[] in dump_data.c
OPT_SETS: dict[str, tuple[int, str, bool, bool, bool, bool]] = {
    "default": (0, "\t", False, False, False, False),
    "compact": (0, "\t", True, False, False, False),
    "skip_names": (0, "\t", False, True, False, False),
    "zeroes": (0, "\t", False, False, True, False),
    "strings": (0, "\t", False, False, False, True),
    "indent": (2, "  ", False, False, False, False),
    "compact_skip_zeroes": (0, "\t", True, True, True, False),
    "zeroes_strings_indent": (1, "--", False, False, True, True),
}
_M64 = (1 << 64) - 1


def _splitmix64(x: int) -> tuple[int, int]:
    x = (x + 0x9E3779B97F4A7C15) & _M64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return x, z ^ (z >> 31)


def buffers(type_id: int, size: int, seed: int = SEED) -> list[bytes]:
    """The four buffers dump_data.c gives type ``type_id`` whose
    btf__resolve_size() is ``size``: zeros, 0xff, random, random cut in half."""
    n = 64 if size <= 0 else min(size, MAX_BUF)
    x = seed ^ type_id
    words = []
    for _ in range((n + 7) // 8):
        x, r = _splitmix64(x)
        words.append(r.to_bytes(8, "little"))
    rnd = b"".join(words)[:n]
    return [bytes(n), b"\xff" * n, rnd, rnd[: n // 2]]


_REC = re.compile(rb"@@ id=(\d+) buf=(\d) opts=(\S+) ret=(-?\d+) len=(\d+)\n")


def parse(out: bytes) -> list[tuple[int, int, str, int, str]]:
    """Records of dump_data's output: (id, buf, opts, ret, text)."""
    recs = []
    pos = 0
    while pos < len(out):
        m = _REC.match(out, pos)
        if not m:
            raise ValueError(f"bad record at byte {pos}")
        n = int(m[5])
        start = m.end()
        text = out[start:start + n].decode("latin-1")
        recs.append((int(m[1]), int(m[2]), m[3].decode(), int(m[4]), text))
        pos = start + n + 1
    return recs


def inputs() -> list[tuple[str, Path]]:
    """(name, path) of every input: corpus objects, c_cases objects, vmlinux."""
    ins = [(p.name, p) for p in sorted((ROOT / "corpora" / "obj").glob("*.o"))]
    ins += [(p.name, p) for p in sorted((ROOT / "corpora" / "c_cases").glob("*.o"))]
    ins.append(("vmlinux", ROOT / "corpora" / "vmlinux" / "vmlinux.btf.xz"))
    return ins


def materialize(path: Path, tmp: Path) -> Path:
    """A path libbpf can open (vmlinux is stored xz-compressed)."""
    if path.suffix != ".xz":
        return path
    out = tmp / path.stem
    if not out.exists():
        out.write_bytes(lzma.decompress(path.read_bytes()))
    return out


def type_ids(name: str, path: Path) -> list[int]:
    """Every id of an object; a deterministic sample of vmlinux."""
    out = subprocess.run(["bpftool", "btf", "dump", "file", str(path)], check=True,
                         capture_output=True, text=True).stdout
    ids = [int(m) for m in re.findall(r"^\[(\d+)\]", out, re.M)]
    if name == "vmlinux":
        ids = ids[::VMLINUX_STEP]
    return ids


def run(libbpf: str, path: Path, ids: list[int]) -> bytes:
    exe = BUILD / f"dump_data-{libbpf}"
    return subprocess.run([str(exe), "-s", str(SEED), str(path)], check=True,
                          input="".join(f"{i}\n" for i in ids).encode(),
                          capture_output=True).stdout


def main() -> int:
    check = "--check" in sys.argv
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "btfkit-golden-data"
    tmp.mkdir(parents=True, exist_ok=True)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, path in inputs():
        real = materialize(path, tmp)
        ids = type_ids(name, real)
        if not check:
            (GOLDEN / f"{name}.ids").write_text("".join(f"{i}\n" for i in ids))
        for lib in LIBBPF.values():
            out = run(lib, real, ids)
            total += len(parse(out))
            if not check:
                (GOLDEN / f"{name}.{lib}.txt.xz").write_bytes(lzma.compress(out, preset=9))
        print(f"{name}: {len(ids)} ids", file=sys.stderr)
    print(f"{total} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
