#!/usr/bin/env python3
"""Build the corpus of BTF in libbpf 1.8's newer form and record bpftool's dumps.

The only producer of corpora/layout/*.btf(.xz) and corpora/layout/golden/:

- small.btf: every common kind (including a kind_flag TYPE_TAG,
  btf__add_type_attr) with the layout section (btf_new_opts.add_layout);
- plain.btf: the same types without it (libbpf 1.8 still writes the 32-byte
  header, layout_off = layout_len = 0);
- bigvlen.btf.xz: an enum with 70000 values (24-bit vlen) and the layout section;
- unknown.btf: small.btf plus a type of a kind libbpf 1.8 does not know,
  described by an added layout entry (add_unknown_kind());
- min_core.btf: ``bpftool-7.8 gen min_core_btf`` of the frozen vmlinux for
  corpora/obj/kinds.bpfel.o, and gen_object.o: ``bpftool-7.8 gen object`` of
  it (both write the 32-byte header, without a layout section by default);

made by make_layout_btf.c linked against /opt/btf-oracles/libbpf-1.8.  Goldens:
``btf dump file X`` (raw) and ``-j`` of bpftool 7.8, and what bpftool 7.1 and
7.5 print (stdout, stderr, exit code) for each, in golden/NAME.{raw,json}.BPFTOOL
and golden/NAME.rc.BPFTOOL.

    python3 corpora/layout/build.py
"""

from __future__ import annotations

import lzma
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent
ORACLES = Path("/opt/btf-oracles")
BPFTOOLS = {"7.1": "/usr/sbin/bpftool", "7.5": str(ORACLES / "bin/bpftool-7.5"),
            "7.8": str(ORACLES / "bin/bpftool-7.8")}
HARNESS_MODES = {"small": "small.btf", "plain": "plain.btf", "bigvlen": "bigvlen.btf.xz"}


def run(argv, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], capture_output=True, **kw)


def add_unknown_kind(data: bytes) -> bytes:
    """small.btf plus a type of kind 20, past libbpf 1.8's last kind
    (ENUM64 = 19), that only the layout table describes: a layout entry
    (info_sz 4, elem_sz 8) appended to the table and a record with vlen 2.
    libbpf's API cannot add a kind it does not know, so the bytes are
    rearranged here (little-endian, header, types, layout, strings)."""
    hdr = struct.unpack_from("<HBBIIIIIII", data)
    magic, ver, flags, hdr_len, type_off, type_len, str_off, str_len, lay_off, lay_len = hdr
    assert hdr_len == 32 and lay_len > 0 and type_off == 0
    body = data[hdr_len:]
    types = body[type_off:type_off + type_len]
    layout = body[lay_off:lay_off + lay_len]
    strs = body[str_off:str_off + str_len]
    rec = struct.pack("<III", 0, (20 << 24) | 2, 4) + struct.pack("<I", 0xDEADBEEF) + b"\x11" * 16
    layout += struct.pack("<BBH", 4, 8, 0)
    types += rec
    head = struct.pack("<HBBIIIIIII", magic, ver, flags, hdr_len, 0, len(types),
                       len(types) + len(layout), str_len, len(types), len(layout))
    return head + types + layout + strs


def put(dest: Path, data: bytes) -> None:
    """Write a golden, xz-compressed (dest + ".xz") when over 256 KiB."""
    if len(data) > 256 * 1024:
        dest = dest.with_name(dest.name + ".xz")
        if dest.exists() and lzma.decompress(dest.read_bytes()) == data:
            return
        data = lzma.compress(data, preset=9)
    dest.write_bytes(data)


def main() -> int:
    (HERE / "golden").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="btfkit-layout-") as t:
        tmp = Path(t)
        exe = tmp / "make_layout_btf"
        lib = ORACLES / "libbpf-1.8"
        run(["gcc", "-O2", "-Wall", f"-I{lib}/include", HERE / "make_layout_btf.c",
             lib / "lib/libbpf.a", "-lelf", "-lz", "-o", exe], check=True)
        inputs: dict[str, Path] = {}
        for mode, name in HARNESS_MODES.items():
            raw = tmp / f"{mode}.btf"
            run([exe, mode, raw], check=True)
            dest = HERE / name
            data = raw.read_bytes()
            if name.endswith(".xz"):
                if not (dest.exists() and lzma.decompress(dest.read_bytes()) == data):
                    dest.write_bytes(lzma.compress(data, preset=9))
            else:
                dest.write_bytes(data)
            inputs[mode] = raw
        unk = HERE / "unknown.btf"
        unk.write_bytes(add_unknown_kind(inputs["small"].read_bytes()))
        inputs["unknown"] = unk
        vml = tmp / "vmlinux.btf"
        vml.write_bytes(lzma.decompress((CORPORA / "vmlinux/vmlinux.btf.xz").read_bytes()))
        mc = HERE / "min_core.btf"
        run([BPFTOOLS["7.8"], "gen", "min_core_btf", vml, mc, CORPORA / "obj/kinds.bpfel.o"],
            check=True)
        inputs["min_core"] = mc
        linked = HERE / "gen_object.o"
        run([BPFTOOLS["7.8"], "gen", "object", linked, CORPORA / "obj/kinds.bpfel.o"], check=True)
        inputs["gen_object"] = linked
        for name, path in inputs.items():
            for rel, tool in BPFTOOLS.items():
                for fmt, opt in (("raw", []), ("json", ["-j"])):
                    res = run([tool, *opt, "btf", "dump", "file", path])
                    put(HERE / "golden" / f"{name}.{fmt}.{rel}", res.stdout.replace(str(path).encode(), b"FILE"))
                    (HERE / "golden" / f"{name}.{fmt}.rc.{rel}").write_bytes(
                        f"{res.returncode}\n".encode() + res.stderr.replace(str(path).encode(), b"FILE"))
                    print(f"layout: {name} {fmt} bpftool {rel}: rc={res.returncode}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
