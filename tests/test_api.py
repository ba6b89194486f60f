"""The Python API: load(), lookups by id and name, iteration, split BTF and
its automatic base, the byte order, following members to their types."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

import btfkit
from btfkit import loader
from btfkit.kinds import Kind
from btfkit import types as T
from btfkit_cli.main import main

from btfbuild import BtfBuilder, sample
from conftest import CORPORA, need_glob, xz_to


def test_lookups_on_sample():
    btf = btfkit.load(sample("big").build())
    assert btf.byteorder == "big" and btf.start_id == 1 and len(btf) == 19 and btf.type_count == 20
    assert btf[0] is T.VOID and btf[0].kind == Kind.UNKN
    pair = btf.find_one("pair")
    assert isinstance(pair, T.Struct) and pair.kind == Kind.STRUCT and pair.size == 8
    a, b = pair.members
    assert (a.name, a.offset, a.bitfield_size) == ("a", 0, 0)
    assert (b.name, b.offset, b.bitfield_size) == ("b", 32, 3)
    assert btf.follow(a).name == "int" and btf[b.type].name == "unsigned int"
    assert btf.find("pair_t") == [8] and btf.find("pair_t", Kind.STRUCT) == []
    assert btf.find("nothing") == []
    assert [e.value for e in btf.find_one("color").values] == [0, -1]
    assert btf.find_one("big").values[0].value == 1 << 40
    assert [t.id for t in btf] == list(range(1, 20))
    assert btf.kind_of(16) == Kind.FLOAT and btf[16].size == 8
    assert btf.find_one("user").kind == Kind.TYPE_TAG
    assert repr(btf[1]).startswith("Int(id=1, name='int'")
    # immutable and hashable
    with pytest.raises(AttributeError):
        btf[1].name = "x"
    assert len({btf[1], btf[1]}) == 1
    with pytest.raises(btfkit.BtfError):
        btf[99]
    with pytest.raises(btfkit.BtfError):
        btf.find_one("nothing")


def test_name_index_equals_scan(frozen_vmlinux):
    btf = btfkit.load(frozen_vmlinux)
    for name in ("task_struct", "list_head", "int", "sk_buff", "__u32", "file_operations"):
        scanned = btf.find(name)
        assert scanned, name
        assert all(btf[i].name == name for i in scanned)
    idx = btf.name_index()
    for name in ("task_struct", "list_head", "int", "sk_buff", "__u32", "file_operations"):
        assert sorted(idx[name]) == btf.find(name)


def test_odd_names_survive(tmp_path):
    b = BtfBuilder()
    b.strings += b"caf\xe9\xff\0"  # not UTF-8
    b.records.append(dict(name_off=1, info=(Kind.INT << 24), size_or_type=4, info_data=dict(data=32), elems=None))
    data = b.build()
    btf = btfkit.load(data)
    assert btf[1].name.encode("utf-8", "surrogateescape") == b"caf\xe9\xff"
    assert btf.to_bytes() == data
    p = tmp_path / "odd.btf"
    p.write_bytes(data)
    out = io.StringIO()
    out.buffer = io.BytesIO()
    assert main(["dump", str(p), "--format", "raw"], stdout=out) == 0
    assert b"'caf\xe9\xff'" in out.buffer.getvalue()
    if shutil.which("bpftool"):
        assert out.buffer.getvalue() == subprocess.run(["bpftool", "btf", "dump", "file", str(p)], capture_output=True).stdout


def test_split_modules_with_base(unpacked):
    base = btfkit.load(xz_to(need_glob("modules/vmlinux-*.btf.xz")[0], unpacked))
    mods = [p for p in need_glob("modules/*.btf.xz") if not p.name.startswith("vmlinux")]
    assert len(mods) >= 5
    for m in mods:
        btf = btfkit.load(xz_to(m, unpacked), base=base)
        btf.validate()
        assert btf.base is base and btf.start_id == base.type_count
        own = next(iter(btf))
        assert own.id == btf.start_id
        # base ids resolve through the split BTF
        assert btf[1] == base[1]
        assert btf.find("int") == base.find("int")
    with pytest.raises(btfkit.SplitBtfError, match="it needs its base BTF"):
        btfkit.load(xz_to(mods[0], unpacked)).validate()


def test_sysfs_module_takes_vmlinux_as_base(tmp_path, monkeypatch, unpacked):
    base = xz_to(need_glob("modules/vmlinux-*.btf.xz")[0], unpacked)
    mod = next(p for p in need_glob("modules/*.btf.xz") if not p.name.startswith("vmlinux"))
    sysdir = tmp_path / "sys" / "kernel" / "btf"
    sysdir.mkdir(parents=True)
    (sysdir / "vmlinux").write_bytes(base.read_bytes())
    (sysdir / "mymod").write_bytes(xz_to(mod, unpacked).read_bytes())
    monkeypatch.setattr(loader, "SYS_BTF_DIR", str(sysdir))
    monkeypatch.setattr(loader, "SYS_VMLINUX", str(sysdir / "vmlinux"))
    btf = btfkit.load(str(sysdir / "mymod"))
    assert btf.base is not None and btf.start_id > 1
    btf.validate()
    assert btfkit.load(str(sysdir / "vmlinux")).base is None


def test_elf_object_sections_and_ext():
    for p in need_glob("obj/minimal.bpf*.o"):
        btf = btfkit.load(p)
        assert btf.elf is not None and btf.elf.section(".BTF") is not None
        assert btf.byteorder == ("big" if "bpfeb" in p.name else "little")
        assert btf.ext is not None and btf.ext.func_info
        for sec in btf.ext.func_info:
            for rec in sec.records:
                assert btf[rec.type_id].kind == Kind.FUNC


def test_cli_no_file_prints_running_kernel_header(live_vmlinux, bpftool):
    out = io.StringIO()
    out.buffer = io.BytesIO()
    assert main(["dump"], stdout=out) == 0
    ref = subprocess.run([bpftool, "btf", "dump", "file", str(live_vmlinux), "format", "c"], capture_output=True).stdout
    assert out.buffer.getvalue() == ref


def test_cli_no_file_without_kernel_btf(monkeypatch):
    import btfkit_cli.common as common
    monkeypatch.setattr(common, "SYS_VMLINUX", "/nonexistent/vmlinux")
    err = io.StringIO()
    assert main(["dump"], stdout=io.StringIO(), stderr=err) == 1
    assert "/sys/kernel/btf/vmlinux does not exist" in err.getvalue()


def test_cli_word_forms_and_output_file(tmp_path):
    obj = need_glob("obj/kinds.bpfel.o")[0]
    out1, out2 = tmp_path / "a.txt", tmp_path / "b.txt"
    assert main(["dump", "file", str(obj), "format", "raw", "-o", str(out1)]) == 0
    assert main(["dump", str(obj), "--format", "raw", "-o", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes() and out1.read_bytes().startswith(b"[1] ")
    assert main(["dump", str(obj), "-j", "-o", str(out2)]) == 0
    assert out2.read_bytes().startswith(b'{"types":[')


def test_python_m_btfkit_version():
    import sys
    r = subprocess.run([sys.executable, "-m", "btfkit", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("btfkit ")


def test_layout_form_btf_matches_bpftool(tmp_path, bpftool):
    """The 2026 header (hdr_len 32, layout table after the strings): bpftool
    7.1 ignores the extra header fields, so both must print the same types."""
    from btfkit.kinds import KIND_LAYOUT
    layout = [(*KIND_LAYOUT[k], 0) for k in range(20)]
    for order in ("little", "big"):
        data = sample(order).build(layout=layout)
        btf = btfkit.load(data)
        assert btf.header.hdr_len == 32 and btf.layout == [l[:2] for l in layout]
        assert btf.to_bytes() == data
        if order == "big":
            continue  # libbpf 6.1 refuses non-native BTF whose hdr_len is not 24
        p = tmp_path / f"layout-{order}.btf"
        p.write_bytes(data)
        out = io.StringIO()
        out.buffer = io.BytesIO()
        assert main(["dump", str(p), "--format", "raw"], stdout=out) == 0
        ref = subprocess.run([bpftool, "btf", "dump", "file", str(p)], capture_output=True)
        assert ref.returncode == 0 and out.buffer.getvalue() == ref.stdout


def test_missing_ids_and_names_are_lookup_errors():
    """A missing id or name is both a BtfError and a LookupError."""
    btf = btfkit.load(CORPORA / "obj/minimal.bpfel.o")
    for bad in (lambda: btf[btf.type_count], lambda: btf.kind_of(10**6), lambda: btf.find_one("no such type")):
        with pytest.raises(LookupError) as info:
            bad()
        assert isinstance(info.value, btfkit.BtfError) and isinstance(info.value, btfkit.BtfLookupError)
