#!/usr/bin/env python3
"""Writes fuzz/seeds/: small valid inputs the fuzzer mutates.

    seeds/btf/     raw BTF: the sample of every kind (both byte orders), the
                   .BTF of the small corpus objects and c_cases, hand-made
                   corner cases (bitfields, enums, tags, 32-byte header)
    seeds/elf/     the small corpus objects (<= 12 KB), whole ELF
    seeds/split/   split BTF over seeds/split.base.btf

Seeds are committed; run this again only to change them:

    python3 fuzz/make_seeds.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from btfbuild import BtfBuilder, sample  # noqa: E402
from btfkit.elf import ElfFile  # noqa: E402
from btfkit.kinds import Kind  # noqa: E402

MAX_ELF = 12_000


def btf_of(obj: Path) -> bytes:
    elf = ElfFile(obj.read_bytes())
    sec = elf.section(".BTF")
    assert sec is not None
    return elf.section_data(sec)


def corner_cases() -> dict[str, bytes]:
    out = {}
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    u = b.int_("unsigned int", 4)
    s = b.struct("bits", 8, [("a", u, 0, 3), ("b", u, 3, 29), ("", u, 32, 0), ("c", i, 32, 7)], kflag=1)
    an = b.struct("", 4, [("x", i, 0)], union=True)
    b.struct("outer", 16, [("s", s, 0), ("", an, 64), ("p", b.ptr(s), 96)])
    b.enum("e", 1, [("A", 0), ("B", 255)])
    b.enum64("e64", 8, [("BIG", 1 << 63)], signed=True)
    fp = b.func_proto(i, [("x", i), ("", 0)])
    b.typedef("fn_t", b.ptr(fp))
    b.ref(Kind.TYPE_TAG, b.ptr(i), "user")
    out["corner.btf"] = b.build()
    out["corner.bpfeb.btf"] = sample("big").build()
    # the 32-byte header with an (empty-kind) layout section
    lay = [(0, 0, 0)] + [(12 if k else 0, 0, 0) for k in range(1, 20)]
    try:
        out["layout_hdr.btf"] = sample("little").build(layout=lay)
    except Exception:  # the builder's layout form is optional
        pass
    return out


def split_seeds(base_bytes: bytes) -> dict[str, bytes]:
    import btfkit
    base = btfkit.load(base_bytes)
    b = BtfBuilder(start_str=b"")
    b.strings = bytearray()
    b._str_index = {}
    first = base.type_count
    str_base = len(base.strings)
    name = b"mod_struct\0"
    b.strings += name
    b.records.append(dict(name_off=0, info=(Kind.PTR << 24), size_or_type=5, info_data=None, elems=None))
    b.records.append(dict(name_off=str_base, info=(Kind.STRUCT << 24) | 2, size_or_type=16, info_data=None,
                          elems=[dict(name_off=0, type=first, offset=0), dict(name_off=str_base, type=1, offset=64)]))
    b.records.append(dict(name_off=str_base, info=(Kind.TYPEDEF << 24), size_or_type=first + 1,
                          info_data=None, elems=None))
    return {"split.btf": b.build()}


def main() -> int:
    seeds = HERE / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    for d in ("btf", "elf", "split"):
        (seeds / d).mkdir(parents=True)
    (seeds / "btf" / "sample.btf").write_bytes(sample("little").build())
    for name, data in corner_cases().items():
        (seeds / "btf" / name).write_bytes(data)
    objs = sorted((ROOT / "corpora" / "obj").glob("*.o")) + sorted((ROOT / "corpora" / "c_cases").glob("*.o"))
    for o in objs:
        if o.stat().st_size <= MAX_ELF:
            shutil.copy(o, seeds / "elf" / o.name)
        if o.stat().st_size <= 3 * MAX_ELF:
            (seeds / "btf" / (o.stem + ".btf")).write_bytes(btf_of(o))
    base = sample("little").build()
    (seeds / "split.base.btf").write_bytes(base)
    for name, data in split_seeds(base).items():
        (seeds / "split" / name).write_bytes(data)
    n = sum(1 for _ in seeds.rglob("*") if _.is_file())
    size = sum(p.stat().st_size for p in seeds.rglob("*") if p.is_file())
    print(f"wrote {n} seeds, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
