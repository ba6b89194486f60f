#!/usr/bin/env python3
"""Write a synthetic, valid .BTF blob of (about) N types for the scale benchmark.

The types come in groups of ten shaped like a kernel's mix (structs with
members, pointers, arrays, enums, typedefs, modifiers, function prototypes and
functions, unions), each group naming its own types, so a blob of N types has
N/10 structs, unions, enums and functions and bpftool's C dump prints all of
them.  Built with ``struct.pack`` from the record layouts of
``include/uapi/linux/btf.h``; deterministic (same N, same bytes).

    python3 benchmarks/gen_synthetic.py N OUT.btf
"""

from __future__ import annotations

import argparse
import struct
import sys

BTF_MAGIC = 0xEB9F
KIND_INT, KIND_PTR, KIND_ARRAY, KIND_STRUCT, KIND_UNION, KIND_ENUM = 1, 2, 3, 4, 5, 6
KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST, KIND_FUNC, KIND_FUNC_PROTO = 8, 9, 10, 12, 13
GROUP = 10  # types per group


class Strings:
    """The string section: offset 0 is the empty string; each name once."""

    def __init__(self) -> None:
        self.buf = bytearray(b"\0")
        self.offs: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        off = self.offs.get(s)
        if off is None:
            off = self.offs[s] = len(self.buf)
            self.buf += s.encode() + b"\0"
        return off


def synthetic_btf(n: int) -> bytes:
    """A little-endian BTF blob of ``max(n, 2 + GROUP)`` types, rounded down to whole groups."""
    st = Strings()
    recs: list[bytes] = []
    hdr = struct.Struct("<III").pack

    def info(kind: int, vlen: int = 0, kflag: int = 0) -> int:
        return (kflag << 31) | (kind << 24) | vlen

    # [1] int, [2] char
    recs.append(hdr(st("int"), info(KIND_INT), 4) + struct.pack("<I", (1 << 24) | 32))
    recs.append(hdr(st("char"), info(KIND_INT), 1) + struct.pack("<I", (2 << 24) | 8))
    INT = 1
    for g in range(max(1, (n - 2) // GROUP)):
        b = 3 + GROUP * g  # id of the group's struct
        s_, ptr, arr, enum, tdef, cnst, proto, func, union, vol = range(b, b + GROUP)
        recs.append(hdr(st(f"s{g}"), info(KIND_STRUCT, 4), 32) + struct.pack(
            "<12I", st("a"), INT, 0, st("next"), ptr, 64, st("arr"), arr, 128, st("e"), enum, 192))
        recs.append(hdr(0, info(KIND_PTR), s_))
        recs.append(hdr(0, info(KIND_ARRAY), 0) + struct.pack("<III", INT, INT, 2))
        recs.append(hdr(st(f"e{g}"), info(KIND_ENUM, 3), 4) + struct.pack(
            "<6I", st(f"E{g}_A"), 0, st(f"E{g}_B"), 1, st(f"E{g}_C"), 2))
        recs.append(hdr(st(f"t{g}_t"), info(KIND_TYPEDEF), s_))
        recs.append(hdr(0, info(KIND_CONST), tdef))
        recs.append(hdr(0, info(KIND_FUNC_PROTO, 2), INT) + struct.pack("<4I", st("x"), cnst, st("y"), ptr))
        recs.append(hdr(st(f"f{g}"), info(KIND_FUNC, 1), proto))  # vlen 1: global linkage
        recs.append(hdr(st(f"u{g}"), info(KIND_UNION, 2), 8) + struct.pack(
            "<6I", st("p"), ptr, 0, st("i"), INT, 0))
        recs.append(hdr(0, info(KIND_VOLATILE), union))
    types = b"".join(recs)
    strings = bytes(st.buf)
    header = struct.pack("<HBBIIIII", BTF_MAGIC, 1, 0, 24, 0, len(types), len(types), len(strings))
    return header + types + strings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of types (rounded down to whole groups of ten)")
    ap.add_argument("out")
    args = ap.parse_args()
    with open(args.out, "wb") as f:
        f.write(synthetic_btf(args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
