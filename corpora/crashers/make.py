#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of corpora/crashers/ (issue 8's crash
classes), one small file per shape.  Run from anywhere:

    python3 corpora/crashers/make.py          # (re)write them
    python3 corpora/crashers/make.py --check  # exit 1 if a file would change

Files named ``*.xz`` hold inputs that are large only because they are deep
(100,000-link chains); tests decompress them.  See README.md for what each
file is and what btfkit (and bpftool) do with it."""

from __future__ import annotations

import lzma
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from btfbuild import BtfBuilder  # noqa: E402
from btfkit.elf import ElfFile  # noqa: E402
from btfkit.kinds import Kind  # noqa: E402


def a_proto_ret_oob() -> bytes:
    # A: a prototype whose return type id is past the end (params are fine)
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    fp = b.func_proto(99, [("x", i)])
    b.func("f", fp)
    b.ptr(fp)
    return b.build()


def b_overlap() -> bytes:
    # B: members that overlap and run past the struct's size
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.struct("s", 4, [("a", i, 0), ("b", i, 0), ("c", i, 64)])
    return b.build()


def b_bitfield_past_end() -> bytes:
    b = BtfBuilder()
    i = b.int_("unsigned int", 4)
    b.struct("s", 4, [("a", i, 0, 3), ("b", i, 30, 7), ("c", i, 60, 9)])
    return b.build()


def b_4g() -> bytes:
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.struct("big", 0xFFFFFFFF, [("a", i, 0), ("z", i, 0xFFFFFFFF - 31)])
    return b.build()


def c_selfembed() -> bytes:
    # C: an anonymous struct that contains itself, inside a named one
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.struct("", 8, [("a", i, 0), ("", 2, 32)])
    b.struct("outer", 8, [("x", 2, 0)])
    return b.build()


def c_array_self() -> bytes:
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.array(2, i, 2)
    b.struct("s", 8, [("a", 2, 0)])
    return b.build()


def c_proto_cycle() -> bytes:
    # a prototype that takes itself as a parameter, behind a pointer
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.func_proto(i, [("x", 2)])
    b.ptr(2)
    b.struct("s", 8, [("f", 3, 0)])
    return b.build()


def c_deep_typedef() -> bytes:
    # 100,000 typedefs in a chain (acyclic): libbpf prints it
    b = BtfBuilder()
    prev = b.int_("int", 4, enc=1)
    for k in range(100_000):
        prev = b.typedef(f"t{k}", prev)
    b.struct("deep", 4, [("m", prev, 0)])
    return b.build()


def c_deep_const() -> bytes:
    # 100,000 consts and type tags (acyclic), under a typedef
    b = BtfBuilder()
    prev = b.int_("int", 4, enc=1)
    for k in range(100_000):
        prev = b.ref(Kind.TYPE_TAG, prev, "t") if k % 7 == 3 else b.ref(Kind.CONST, prev)
    b.typedef("deep_t", prev)
    b.struct("deep", 4, [("m", prev, 0)])
    return b.build()


def c_deep_anon() -> bytes:
    # 3,000 anonymous structs, each the only member of the next
    b = BtfBuilder()
    prev = b.int_("int", 4, enc=1)
    for _ in range(3000):
        prev = b.struct("", 4, [("m", prev, 0)])
    b.struct("s", 4, [("m", prev, 0)])
    return b.build()


def c_deep_array() -> bytes:
    b = BtfBuilder()
    i = prev = b.int_("int", 4, enc=1)
    for _ in range(900):
        prev = b.array(prev, i, 1)
    b.struct("s", 4, [("m", prev, 0)])
    return b.build()


def c_deep_proto() -> bytes:
    # prototypes taking and returning pointers to the previous prototype
    b = BtfBuilder()
    prev = b.int_("int", 4, enc=1)
    for _ in range(3000):
        prev = b.ptr(b.func_proto(prev, [("a", prev)]))
    b.struct("s", 8, [("m", prev, 0)])
    return b.build()


def e_anon_dag() -> bytes:
    # E: 40 levels of anonymous unions, each holding the level below twice:
    # a C text of 2^40 lines from 41 types
    b = BtfBuilder()
    prev = b.int_("int", 4, enc=1)
    for _ in range(40):
        prev = b.struct("", 4, [("a", prev, 0), ("b", prev, 0)], union=True)
    b.struct("dag", 4, [("x", prev, 0)])
    return b.build()


def e_selfembed_twice() -> bytes:
    b = BtfBuilder()
    b.int_("int", 4, enc=1)
    b.struct("", 8, [("a", 2, 0), ("b", 2, 0)])
    b.struct("outer", 8, [("x", 2, 0)])
    return b.build()


def typedef_self() -> bytes:
    # the 2-type BTF that overflowed the C stack on Python 3.10
    b = BtfBuilder()
    b.int_("int", 4, enc=1)
    b.typedef("t", 2)
    return b.build()


def cycle_unsatisfiable() -> bytes:
    # struct a { struct b x; }; struct b { struct a y; }: bpftool fails
    b = BtfBuilder()
    b.int_("int", 4, enc=1)
    b.struct("a", 4, [("x", 3, 0)])
    b.struct("b", 4, [("y", 2, 0)])
    return b.build()


def empty() -> bytes:
    return BtfBuilder().build()


def _patch_section_size(obj: bytes, name: str, size: int) -> bytes:
    elf = ElfFile(obj)
    sec = next(s for s in elf.sections if s.name == name)
    fmt = elf.schemas.fmt.section
    off = elf.e_shoff + sec.index * fmt.size
    fields = list(fmt.unpack_from(obj, off))
    fields[5] = size  # sh_size
    out = bytearray(obj)
    fmt.pack_into(out, off, *fields)
    return bytes(out)


def d_bss(size: int):
    def make() -> bytes:
        # D: a .bss (NOBITS) that claims `size` bytes
        obj = (ROOT / "corpora/obj/lib_counter.bpfel.o").read_bytes()
        return _patch_section_size(obj, ".bss", size)
    return make


FILES = {
    "A_proto_ret_oob.btf": a_proto_ret_oob,
    "B_overlap.btf": b_overlap,
    "B_bitfield_past_end.btf": b_bitfield_past_end,
    "B_4g_struct.btf": b_4g,
    "C_selfembed_anon.btf": c_selfembed,
    "C_array_self.btf": c_array_self,
    "C_proto_param_cycle.btf": c_proto_cycle,
    "C_deep_typedef_100k.btf.xz": c_deep_typedef,
    "C_deep_const_100k.btf.xz": c_deep_const,
    "C_deep_anon_3k.btf.xz": c_deep_anon,
    "C_deep_array_900.btf.xz": c_deep_array,
    "C_deep_proto_3k.btf.xz": c_deep_proto,
    "D_bss_2p63.o": d_bss(1 << 63),
    "D_bss_1t.o": d_bss(1 << 40),
    "D_bss_3g.o": d_bss(3 << 30),
    "E_anon_dag_2p40.btf": e_anon_dag,
    "E_selfembed_twice.btf": e_selfembed_twice,
    "typedef_self.btf": typedef_self,
    "cycle_unsatisfiable.btf": cycle_unsatisfiable,
    "empty.btf": empty,
}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for name, make in FILES.items():
        data = make()
        path = HERE / name
        if name.endswith(".xz"):
            if path.exists() and lzma.decompress(path.read_bytes()) == data:
                continue
            data = lzma.compress(data, preset=9 | lzma.PRESET_EXTREME, check=lzma.CHECK_CRC64)
        elif path.exists() and path.read_bytes() == data:
            continue
        changed.append(name)
        if not check:
            path.write_bytes(data)
    for name in changed:
        print(("would change: " if check else "wrote ") + name)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
