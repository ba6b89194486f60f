"""`format c` per release (bpftool 7.1, 7.5, 7.8), run live against each
bpftool on what the corpus goldens (tests/test_oracle_dump.py, entries with
"bpftool": "7.5"/"7.8") do not cover: the running kernel, enum sizes and
kind_flag type tags, the sorted order and what it leaves out, root_id, and
the choice of release (flag, environment, default)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import btfkit
from btfkit.c import CDumper, dump_header
from btfkit.c.sort import _Sorter, sort_btf_c, sort_key
from btfkit.kinds import Kind
from btfkit.releases import DEFAULT, RELEASES, release
from btfkit_cli.main import main

from btfbuild import BtfBuilder
from conftest import CORPORA, need_glob

ORACLES = Path("/opt/btf-oracles/bin")


def oracle(rel: str) -> str:
    path = shutil.which("bpftool") if rel == "7.1" else str(ORACLES / f"bpftool-{rel}")
    if not path or not os.path.exists(path):
        pytest.skip(f"bpftool {rel} is not installed (../shared/oracle/build.sh)")
    return path


def cli(*argv: str) -> tuple[int, bytes, str]:
    class Out(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.buffer = io.BytesIO()
    out, err = Out(), io.StringIO()
    rc = main(list(argv), out, err)
    return rc, out.buffer.getvalue() or out.getvalue().encode(), err.getvalue()


def live(rel: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([oracle(rel), *argv], capture_output=True, timeout=120)


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("unsorted", [False, True])
def test_running_kernel(rel, unsorted):
    if not os.path.exists("/sys/kernel/btf/vmlinux"):
        pytest.skip("the running kernel has no BTF")
    extra = ["unsorted"] if unsorted else []
    ref = live(rel, "btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c", *extra)
    assert ref.returncode == 0
    rc, out, err = cli("dump", "--bpftool", rel, *extra)
    assert rc == 0, err
    assert out == ref.stdout


def _special() -> bytes:
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.int_("long", 8, enc=1)
    p = b.ptr(b.ref(Kind.TYPE_TAG, i, "address_space(1)", kflag=1))
    p2 = b.ptr(b.ref(Kind.TYPE_TAG, i, "user"))
    e1 = b.enum("e1", 1, [("A", 1)])
    e2 = b.enum("e2", 2, [("A2", 1)])
    e8 = b.enum("e8", 8, [("B", 2)])
    e64a = b.enum64("e64a", 8, [("C", 3)])
    e64b = b.enum64("e64b", 8, [("D", 1 << 40)])
    e64s = b.enum64("e64s", 8, [("NEG", -1)], signed=True)
    anon = b.enum("", 1, [("ANON1", 1)])
    b.enum("", 4, [("AAA_LONE", 7)])  # anonymous, unreferenced: first in bpftool's order
    b.struct("s", 72, [("p", p, 0), ("q", p2, 64), ("a", e1, 128), ("b", e8, 192), ("c", e64a, 256),
                       ("d", e64b, 320), ("e", anon, 384), ("f", e2, 400), ("g", e64s, 448)])
    return b.build()


@pytest.mark.parametrize("rel", list(RELEASES))
def test_enum_sizes_and_type_tag_kflag(rel, tmp_path):
    """mode(byte)/mode(word) from libbpf 1.2 (7.5, 7.8), a kind_flag type
    tag as a plain attribute in 7.8: the same bytes as each bpftool."""
    f = tmp_path / "special.btf"
    f.write_bytes(_special())
    ref = live(rel, "btf", "dump", "file", str(f), "format", "c")
    assert ref.returncode == 0, ref.stderr
    rc, out, _ = cli("dump", str(f), "format", "c", "--bpftool", rel)
    assert rc == 0 and out == ref.stdout
    text = out.decode()
    assert ("__attribute__((mode(byte)))" in text) == release(rel).c_enum_mode_attr
    assert ("__attribute__((address_space(1)))" in text) == release(rel).c_type_tag_kflag_attr


def test_sort_is_bpftools_key():
    """The tie-only hashing of sort_btf_c gives the order of the full key."""
    for path in need_glob("obj/*.bpfel.o")[:8] + need_glob("c_cases/*.bpfel.o")[:4]:
        btf = btfkit.load(path)
        raw = CDumper(btf, bpftool="7.8").raw_types()
        s = _Sorter(raw)
        assert sort_btf_c(raw) == sorted(range(btf.type_count), key=lambda t: sort_key(s, t)), path.name


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
def test_sorted_without_ties(rel, tmp_path):
    """No two types share rank and names: no run of ties to break (the
    tie-breaking must cope with none), the order is the key's, and the
    header is bpftool's."""
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    b.struct("s", 4, [("x", i, 0)])
    b.typedef("t", i)
    f = tmp_path / "noties.btf"
    f.write_bytes(b.build())
    btf = btfkit.load(f)
    raw = CDumper(btf, bpftool=rel).raw_types()
    s = _Sorter(raw)
    keys = [sort_key(s, t)[:3] for t in range(btf.type_count)]
    assert len(set(keys)) == len(keys)
    assert sort_btf_c(raw) == sorted(range(btf.type_count), key=lambda t: sort_key(s, t))
    ref = live(rel, "btf", "dump", "file", str(f), "format", "c")
    assert ref.returncode == 0, ref.stderr
    rc, out, _ = cli("dump", str(f), "format", "c", "--bpftool", rel)
    assert rc == 0 and out == ref.stdout


def _non_ascii() -> bytes:
    """Names outside ASCII, valid UTF-8 and not: they order as strcmp orders
    bytes, and tie-breaking hashes read them as signed chars."""
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    for name in ("z", "Z", "a", "\u00e4", "a\udcff", "\u00e9", "\udc80x"):
        b.struct(name, 4, [("x", i, 0)])
    # three structs named the same: which one is "\u00e9___2" depends on the
    # hash of their member names
    for member in ("\u00fc", "\udcff", "b"):
        b.struct("\u00e9", 4, [(member, i, 0)])
    b.typedef("t\u00e4", i)
    b.typedef("t\udc80", i)
    b.typedef("ta", i)
    return b.build()


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
def test_sorted_non_ascii_names(rel, tmp_path):
    f = tmp_path / "names.btf"
    f.write_bytes(_non_ascii())
    ref = live(rel, "btf", "dump", "file", str(f), "format", "c")
    assert ref.returncode == 0, ref.stderr
    assert b"\xc3\xa9___3" in ref.stdout  # the input exercises the tie-break
    rc, out, _ = cli("dump", str(f), "format", "c", "--bpftool", rel)
    assert rc == 0 and out == ref.stdout


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
def test_left_out_type_is_named(rel, tmp_path):
    """bpftool's sorted loop skips the first sorted type: btfkit prints the
    same bytes and says on stderr which type that is; unsorted has it."""
    f = tmp_path / "special.btf"
    f.write_bytes(_special())
    btf = btfkit.load(f)
    first = sort_btf_c(CDumper(btf, bpftool=rel).raw_types())[0]
    rc, out, err = cli("dump", str(f), "format", "c", "--bpftool", rel)
    assert rc == 0
    t = btf[first]
    if first:
        assert f"leaves out type [{first}]" in err
        assert t.kind == Kind.ENUM and not t.name  # rank 0: an anonymous enum
        assert b"AAA_LONE" not in out
        assert b"AAA_LONE" in cli("dump", str(f), "format", "c", "--bpftool", rel, "--unsorted")[1]
    else:
        pytest.fail("the input should make bpftool leave a type out")


def test_root_id_as_bpftool_78(tmp_path):
    f = tmp_path / "special.btf"
    f.write_bytes(_special())
    for ids in (["13"], ["0x3", "13"], ["13", "5", "9"]):
        words = [w for i in ids for w in ("root_id", i)]
        ref = live("7.8", "btf", "dump", "file", str(f), "format", "c", *words)
        rc, out, _ = cli("dump", str(f), "format", "c", "--bpftool", "7.8", *words)
        assert rc == 0 and out == ref.stdout, ids
    for words, msg in ((["root_id", "99"], "invalid root ID: 99"), (["root_id", "3", "root_id", "3"],
                       "duplicate root_id 3 supplied"), (["root_id", "x"], "can't parse x as root ID"),
                       ([w for i in range(1, 18) for w in ("root_id", str(i))], "only 16 root_id are supported")):
        ref = live("7.8", "btf", "dump", "file", str(f), "format", "c", *words)
        assert ref.returncode != 0 and msg in ref.stderr.decode()
        rc, out, err = cli("dump", str(f), "format", "c", "--bpftool", "7.8", *words)
        assert rc == 1 and out == b"" and msg in err and err.count("\n") == 1


def test_kfunc_block_live_kernel():
    """7.5 lists kfuncs in id order, 7.8 by name with __bpf_fastcall."""
    if not os.path.exists("/sys/kernel/btf/vmlinux"):
        pytest.skip("the running kernel has no BTF")
    btf = btfkit.load("/sys/kernel/btf/vmlinux")
    text = {rel: dump_header(btf, bpftool=rel) for rel in ("7.5", "7.8")}
    for rel in ("7.5", "7.8"):
        block = text[rel].split("/* BPF kfuncs */\n", 1)[1]
        assert block.startswith("#ifndef BPF_NO_KFUNC_PROTOTYPES\n")
    assert "/* BPF kfuncs */" not in dump_header(btf, bpftool="7.1")
    externs = [ln for ln in text["7.8"].split("/* BPF kfuncs */\n", 1)[1].splitlines() if ln.startswith("extern ")]
    assert externs


def test_release_choice(tmp_path):
    """--bpftool, then BTFKIT_BPFTOOL, then the default (7.8)."""
    assert DEFAULT == "7.8"
    env = {k: v for k, v in os.environ.items() if k != "BTFKIT_BPFTOOL"}
    code = "from btfkit.releases import release; print(release().bpftool)"
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True).stdout.strip() == "7.8"
    env["BTFKIT_BPFTOOL"] = "7.5"
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True).stdout.strip() == "7.5"
    obj = CORPORA / "obj" / "kinds.bpfel.o"
    env.pop("BTFKIT_BPFTOOL")
    got = subprocess.run([sys.executable, "-m", "btfkit", "dump", str(obj), "format", "c"], env=env,
                         capture_output=True)
    ref = live("7.8", "btf", "dump", "file", str(obj), "format", "c")
    assert got.returncode == 0 and got.stdout == ref.stdout
    rc, _, err = cli("dump", str(obj), "format", "c", "--bpftool", "6.0")
    assert rc == 2 and "invalid choice" in err


RAW_INPUTS = ["obj/kinds.bpfel.o", "obj/kinds.bpfeb.o", "obj/tags.bpfel.o", "obj/enums-clang15.bpfel.o",
              "obj/st_ops_kernel.bpfel.o", "obj/arena.bpfel.o", "c_cases/case_syntax.bpfel.o"]


@pytest.mark.parametrize("rel", list(RELEASES))
@pytest.mark.parametrize("fmt", ["raw", "json"])
def test_raw_and_json_every_release(rel, fmt, frozen_vmlinux):
    """raw and -j are the same bytes (JSON: the same value) for every
    release, live, on corpus objects of both byte orders and the kernel."""
    import json
    for src in [str(CORPORA / p) for p in RAW_INPUTS] + [str(frozen_vmlinux)]:
        flags = ["-j"] if fmt == "json" else []
        ref = live(rel, *flags, "btf", "dump", "file", src)
        assert ref.returncode == 0, (rel, src)
        rc, out, err = cli("dump", src, "--format", fmt, "--bpftool", rel)
        assert rc == 0, err
        if fmt == "json":
            assert json.loads(out) == json.loads(ref.stdout), (rel, src)
        else:
            assert out == ref.stdout, (rel, src)


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("path", need_glob("c_cases/*.o"), ids=lambda p: p.name)
def test_c_cases_every_release(rel, path):
    """The c_cases, sorted and unsorted, against bpftool 7.5 and 7.8 live."""
    for extra in ([], ["unsorted"]):
        ref = live(rel, "btf", "dump", "file", str(path), "format", "c", *extra)
        rc, out, _ = cli("dump", str(path), "format", "c", "--bpftool", rel, *extra)
        if ref.returncode:
            assert rc == 1
        else:
            assert rc == 0 and out == ref.stdout, (rel, path.name, extra)
