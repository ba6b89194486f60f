"""btfkit.c.data (btf_dump__dump_type_data) against the dump_data harness
built against each reference libbpf (corpora/harness/build.sh), and the
round-trip property of btfkit.values."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

import btfkit
from btfkit.c.dumper import CDumper
from btfkit.c.data import DataDumpError
from btfkit.kinds import Kind
from btfkit.sizes import resolve_size

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "make_golden_data", ROOT / "corpora" / "harness" / "make_golden_data.py")
assert _spec and _spec.loader
mg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mg)

OBJS = sorted((ROOT / "corpora" / "obj").glob("*.o")) + sorted(
    (ROOT / "corpora" / "c_cases").glob("*.o"))


def compare(btf, rel: str, recs) -> tuple[int, list[str]]:
    d = CDumper(btf, bpftool=rel)
    bufs: dict[int, list[bytes]] = {}
    n = 0
    bad = []
    for tid, b, opts, ret, text in recs:
        if tid not in bufs:
            bufs[tid] = mg.buffers(tid, resolve_size(btf, tid, 8))
        il, ist, c, sk, z, s = mg.OPT_SETS[opts]
        try:
            got = d.dump_type_data(tid, bufs[tid][b], indent_level=il, indent_str=ist,
                                   compact=c, skip_names=sk, emit_zeroes=z, emit_strings=s)
            gret = None
        except DataDumpError as e:
            got, gret = None, -e.errno
        n += 1
        if (gret != ret) if ret < 0 else (got != text):
            bad.append(f"id={tid} buf={b} opts={opts}: want {ret} {text[:200]!r} got {gret} "
                       f"{(got or '')[:200]!r}")
    return n, bad


GOLDEN = ROOT / "corpora" / "harness" / "golden" / "data"
GOLDEN_INPUTS = [n for n, _ in mg.inputs()]


@pytest.mark.parametrize("rel", ["7.1", "7.5", "7.8"])
@pytest.mark.parametrize("name", GOLDEN_INPUTS)
def test_dump_type_data_golden(name: str, rel: str, tmp_path_factory) -> None:
    import lzma

    gold = GOLDEN / f"{name}.{mg.LIBBPF[rel]}.txt.xz"
    assert gold.exists(), f"{gold}: run corpora/harness/make_golden_data.py"
    ids = [int(x) for x in (GOLDEN / f"{name}.ids").read_text().split()]
    recs = mg.parse(lzma.decompress(gold.read_bytes()))
    path = dict(mg.inputs())[name]
    real = mg.materialize(path, tmp_path_factory.mktemp("data"))
    n, bad = compare(btfkit.load(str(real)), rel, recs)
    assert n == len(ids) * 4 * len(mg.OPT_SETS)
    assert not bad, "\n".join(bad[:5])


LIVE = [p for p in OBJS if p.name in ("kinds.bpfel.o", "enums-clang15.bpfeb.o",
                                      "case_types-clang15.bpfel.o", "sections.bpfel.o")]


@pytest.mark.parametrize("rel", ["7.1", "7.5", "7.8"])
@pytest.mark.parametrize("path", LIVE, ids=lambda p: p.name)
def test_dump_type_data_live(path: Path, rel: str) -> None:
    exe = mg.BUILD / f"dump_data-{mg.LIBBPF[rel]}"
    if not exe.exists():
        pytest.skip(f"{exe} not built (corpora/harness/build.sh)")
    ids = mg.type_ids(path.name, path)
    recs = mg.parse(mg.run(mg.LIBBPF[rel], path, ids))
    n, bad = compare(btfkit.load(str(path)), rel, recs)
    assert n == len(ids) * 4 * len(mg.OPT_SETS)
    assert not bad, "\n".join(bad[:5])


def test_short_data_is_e2big() -> None:
    btf = btfkit.load(str(ROOT / "corpora" / "obj" / "kinds.bpfel.o"))
    tid = btf.find("int")[0]
    with pytest.raises(DataDumpError) as ei:
        CDumper(btf, bpftool="7.1").dump_type_data(tid, b"\0\0")
    assert ei.value.errno == 7


def _padding_mask(btf, tid: int, order: str) -> bytearray:
    """1-bits where a named member lives (independent walk: leaf members)."""
    size = resolve_size(btf, tid, 8)
    mask = bytearray(size)

    def mark_bits(bit: int, n: int) -> None:
        for i in range(bit, bit + n):
            byte, b = divmod(i, 8)
            mask[byte] |= (1 << b) if order == "little" else (0x80 >> b)

    def walk(t_id: int, bit: int, depth: int) -> None:
        t = btf[t_id]
        while t.kind in (Kind.TYPEDEF, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT,
                         Kind.TYPE_TAG, Kind.VAR):
            t = btf[t.type]
        if t.kind in (Kind.STRUCT, Kind.UNION):
            for m in t.members:
                mt = btf[m.type]
                while mt.kind in (Kind.TYPEDEF, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT,
                                  Kind.TYPE_TAG):
                    mt = btf[mt.type]
                if not m.name and (m.bitfield_size or mt.kind not in (Kind.STRUCT, Kind.UNION)):
                    continue
                if m.bitfield_size:
                    mark_bits(bit + m.offset, m.bitfield_size)
                else:
                    walk(m.type, bit + m.offset, depth + 1)
        elif t.kind == Kind.ARRAY:
            esz = resolve_size(btf, t.type, 8)
            for i in range(t.nelems):
                walk(t.type, bit + i * esz * 8, depth + 1)
        elif t.kind == Kind.DATASEC:
            for v in t.vars:
                if btf[v.type].kind == Kind.VAR:
                    walk(v.type, bit + v.offset * 8, depth + 1)
        else:
            mark_bits(bit, resolve_size(btf, t.id, 8) * 8)

    walk(tid, 0, 0)
    return mask


def _decodable(btf, tid: int) -> bool:
    t = btf[tid]
    if t.kind in (Kind.FUNC, Kind.FUNC_PROTO, Kind.FWD, Kind.DECL_TAG, Kind.UNKN):
        return False
    n = resolve_size(btf, tid, 8)
    return 0 < n <= 4096


@pytest.mark.parametrize("order", ["little", "big"])
@pytest.mark.parametrize("path", OBJS, ids=lambda p: p.name)
def test_round_trip(path: Path, order: str) -> None:
    btf = btfkit.load(str(path))
    rng = random.Random(f"{path.name}:{order}")
    checked = 0
    for tid in range(1, btf.type_count):
        if not _decodable(btf, tid):
            continue
        try:
            mask = _padding_mask(btf, tid, order)
        except Exception:
            continue
        for fill in ("rand", "ones"):
            size = len(mask)
            raw = (bytes(rng.getrandbits(8) for _ in range(size)) if fill == "rand"
                   else b"\xff" * size)
            b = bytes(x & m for x, m in zip(raw, mask))
            # avoid NaN floats: their payload need not survive float conversion
            v = btf.decode(tid, b, byteorder=order)
            if "nan" in repr(v):
                continue
            assert btf.encode(tid, v, byteorder=order) == b, (tid, fill)
            checked += 1
    assert checked > 0


BPFTOOLS = {"7.1": "/usr/sbin/bpftool", "7.8": "/opt/btf-oracles/bin/bpftool-7.8"}


@pytest.fixture(scope="module")
def filled_maps(tmp_path_factory):
    """corpora/bpf/mapfill.bpf.c built, loaded, run once, maps pinned."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("loading BPF programs needs root")
    tmp = tmp_path_factory.mktemp("mapfill")
    obj = tmp / "mapfill.bpf.o"
    subprocess.run(["clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c",
                    str(ROOT / "corpora" / "bpf" / "live" / "mapfill.bpf.c"), "-o", str(obj)], check=True)
    loader = tmp / "mapfill_run"
    pre = Path("/opt/btf-oracles/libbpf-1.8")
    if not (pre / "lib" / "libbpf.a").exists():
        pytest.skip("no libbpf 1.8 to build the loader")
    subprocess.run(["gcc", "-O2", f"-I{pre}/include", str(ROOT / "corpora" / "harness" / "mapfill_run.c"),
                    str(pre / "lib" / "libbpf.a"), "-lelf", "-lz", "-o", str(loader)], check=True)
    pin = Path("/sys/fs/bpf") / f"btfkit_test_{os.getpid()}"
    r = subprocess.run([str(loader), str(obj), str(pin)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"the kernel refused the program: {r.stderr.strip()}")
    yield obj, pin
    shutil.rmtree(pin, ignore_errors=True)


@pytest.mark.parametrize("rel", ["7.1", "7.8"])
@pytest.mark.parametrize("mapname", ["arr", "hash"])
def test_map_values_match_bpftool_formatted(filled_maps, rel: str, mapname: str) -> None:
    import json
    import subprocess

    from btfkit.values import to_json

    obj, pin = filled_maps
    out = subprocess.run([BPFTOOLS[rel], "-j", "map", "dump", "pinned", str(pin / mapname)],
                         capture_output=True, text=True, check=True).stdout
    entries = json.loads(out)
    assert len(entries) >= 3
    btf = btfkit.load(str(obj))
    vt = [i for i in btf.find("value") if btf.kind_of(i) == Kind.STRUCT][0]
    kt = [i for i in btf.find("__u32") if btf.kind_of(i) == Kind.TYPEDEF][0]
    for e in entries:
        key = bytes(int(x, 16) for x in e["key"])
        val = bytes(int(x, 16) for x in e["value"])
        assert to_json(btf, kt, btf.decode(kt, key)) == e["formatted"]["key"]
        assert to_json(btf, vt, btf.decode(vt, val)) == e["formatted"]["value"]
