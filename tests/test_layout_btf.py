"""BTF in libbpf 1.8's newer form (corpora/layout/, made by
corpora/layout/build.py with libbpf 1.8's btf__add_* API and
btf_new_opts.add_layout, and by bpftool 7.8's gen min_core_btf): the 32-byte
header with a layout section, 24-bit vlen.  btfkit reads it, prints raw and
JSON byte for byte as bpftool 7.8 does (goldens from bpftool 7.8, and live
when installed), and to_bytes() gives the file back byte for byte."""

from __future__ import annotations

import lzma
import subprocess
from pathlib import Path

import pytest

import btfkit
from conftest import CORPORA
from test_oracle_dump import run_btfkit

LAYOUT = CORPORA / "layout"
INPUTS = {"small": "small.btf", "plain": "plain.btf", "bigvlen": "bigvlen.btf.xz",
          "min_core": "min_core.btf", "unknown": "unknown.btf", "gen_object": "gen_object.o"}
RAW_BTF = [n for n in INPUTS if n != "gen_object"]  # gen_object.o is an ELF object
# bpftool 7.1 and 7.5 refuse these ("failed to load BTF ... Invalid argument")
NEW_ONLY = ("bigvlen", "unknown")
FMTS = {"raw": ["--format", "raw"], "json": ["-j"]}
BPFTOOL_78 = Path("/opt/btf-oracles/bin/bpftool-7.8")


def _data(name: str) -> bytes:
    p = LAYOUT / INPUTS[name]
    return lzma.decompress(p.read_bytes()) if p.name.endswith(".xz") else p.read_bytes()


def _golden(name: str, fmt: str, rel: str) -> bytes:
    p = LAYOUT / "golden" / f"{name}.{fmt}.{rel}"
    if not p.exists():
        return lzma.decompress(p.with_name(p.name + ".xz").read_bytes())
    return p.read_bytes()


@pytest.fixture
def staged(tmp_path):
    def get(name: str) -> Path:
        p = tmp_path / INPUTS[name].removesuffix(".xz")
        p.write_bytes(_data(name))
        return p
    return get


def test_header_forms():
    """What the corpus holds: a 32-byte header everywhere, a layout section
    where add_layout was set, and a vlen over 0xffff."""
    for name in RAW_BTF:
        data = _data(name)
        assert int.from_bytes(data[4:8], "little") == 32, name
        layout_len = int.from_bytes(data[28:32], "little")
        assert (layout_len > 0) == (name in ("small", "bigvlen", "unknown")), name
    btf = btfkit.load(_data("bigvlen"))
    assert max(len(getattr(t, "values", ())) for t in btf) == 70000


@pytest.mark.parametrize("name", RAW_BTF)
def test_to_bytes_round_trip(name):
    data = _data(name)
    assert btfkit.load(data).to_bytes() == data


@pytest.mark.parametrize("fmt", list(FMTS))
@pytest.mark.parametrize("name", list(INPUTS))
def test_dump_matches_bpftool_78_golden(name, fmt, staged, tmp_path):
    rc, got, err = run_btfkit(["dump", str(staged(name)), "--bpftool", "7.8", *FMTS[fmt]], tmp_path)
    assert rc == 0, err
    assert got == _golden(name, fmt, "7.8"), f"{name} {fmt}: differs from bpftool 7.8"


@pytest.mark.parametrize("name", [n for n in INPUTS if n not in NEW_ONLY])
def test_older_releases_read_the_32_byte_header_alike(name, staged, tmp_path):
    """bpftool 7.1 and 7.5 read these too and print the same as 7.8."""
    for rel in ("7.1", "7.5"):
        rc, got, err = run_btfkit(["dump", str(staged(name)), "--bpftool", rel, "--format", "raw"], tmp_path)
        assert rc == 0, err
        assert got == _golden(name, "raw", rel)


@pytest.mark.parametrize("fmt", list(FMTS))
@pytest.mark.parametrize("name", list(INPUTS))
def test_dump_matches_bpftool_78_live(name, fmt, staged, tmp_path):
    if not BPFTOOL_78.exists():
        pytest.skip("bpftool 7.8 not built (../shared/oracle/build.sh)")
    path = staged(name)
    want = subprocess.run([str(BPFTOOL_78), *(["-j"] if fmt == "json" else []), "btf", "dump", "file",
                           str(path)], capture_output=True, check=True).stdout
    rc, got, err = run_btfkit(["dump", str(path), "--bpftool", "7.8", *FMTS[fmt]], tmp_path)
    assert rc == 0, err
    assert got == want


def test_unknown_kind_is_skipped_by_the_layout_table():
    btf = btfkit.load(_data("unknown"))
    assert btf.type_count == 22
    assert _golden("unknown", "raw", "7.8").endswith(b"[21] UNKNOWN '(anon)'\n")


@pytest.mark.parametrize("name", NEW_ONLY)
def test_older_releases_refuse_the_new_only_forms(name, staged, tmp_path):
    """bpftool 7.1 and 7.5 fail on these ("failed to load BTF from FILE:
    Invalid argument", exit 234, recorded in the goldens); btfkit --bpftool
    7.1|7.5 fails too, with one error line naming the file and the type."""
    path = staged(name)
    for rel in ("7.1", "7.5"):
        rc_golden = _golden(name, "raw", "rc." + rel)
        assert rc_golden.startswith(b"234\nError: failed to load BTF from FILE: Invalid argument"), rel
        for fmt in FMTS.values():
            rc, got, err = run_btfkit(["dump", str(path), "--bpftool", rel, *fmt], tmp_path)
            assert rc != 0 and got == b"", (rel, got[:200])
            lines = err.strip().splitlines()
            assert len(lines) == 1 and str(path) in lines[0] and "failed to load BTF" in lines[0], err
