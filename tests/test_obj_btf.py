"""Every printer on a BPF object's fixed-up BTF (issue 9, item 2).

libbpf fixes a BPF object's BTF while opening it (DATASEC sizes and
offsets, .kconfig/.ksyms variables, a dummy_ksym VAR for kfuncs).  The
fixed-up view re-encodes into a real Btf (``ObjBtf.as_btf``), which every
printer -- the C header in each release, raw text, JSON -- takes, and which
holds the fixed-up records, not the file's.
"""

from __future__ import annotations

import pytest

from btfkit.c.header import dump_header
from btfkit.obj import BpfObjectError, open_object
from btfkit.raw import dump_json_text, dump_raw

from conftest import need_glob



def _openable() -> list:
    # the objects libbpf opens (some are refused on purpose: an extern
    # left unresolved, a map libbpf rejects -- bpftool gen refuses them too)
    out = []
    for p in need_glob("obj/*.bpfel.o") + need_glob("obj/*.bpfeb.o"):
        try:
            open_object(str(p))
        except BpfObjectError:
            continue
        out.append(p)
    return out


OBJECTS = _openable()


def test_enough_objects_open():
    assert len(OBJECTS) >= 20


@pytest.mark.parametrize("path", OBJECTS, ids=lambda p: p.name)
def test_printers_read_the_fixed_up_records(path):
    obj = open_object(str(path))
    b = obj.btf
    real = b.as_btf()
    # the re-encoded Btf decodes to the view's records, id for id
    assert real.type_count == b.type_count
    assert [real[i] for i in b.ids()] == [b[i] for i in b.ids()]
    assert [real.kind_of(i) for i in b.ids()] == [b.kind_of(i) for i in b.ids()]
    raw_text = dump_raw(real)
    dump_json_text(real)
    for rel in ("7.1", "7.5", "7.8"):
        # what gen prints from (the raw BTF unless a prototype changed) is
        # what the whole fixed-up BTF prints
        assert dump_header(b.for_printer(), bpftool=rel) == dump_header(real, bpftool=rel)
    # and what they print is libbpf's fix-up: each DATASEC of a section the
    # object has is as large as the ELF section (btf_fixup_datasec)
    elf = obj.elf
    for sec in b.datasecs():
        assert f"DATASEC '{sec.name}' size={sec.size} vlen={len(sec.vars)}" in raw_text
        shdr = elf.section(sec.name) if sec.name not in (".kconfig", ".ksyms") else None
        if shdr is not None:
            assert sec.size == shdr.sh_size, (path.name, sec.name)


def test_no_attribute_forwarding():
    """ObjBtf answers its written-down set of questions only: what reads
    words or strings takes as_btf() (the raw Btf's would miss the fix-ups)."""
    b = open_object(str(OBJECTS[0])).btf
    for name in ("record_words", "data", "strings", "str_at", "header"):
        with pytest.raises(AttributeError):
            getattr(b, name)


def test_added_records_are_printed():
    """A VAR libbpf appends (dummy_ksym, with its new name) is in the raw dump."""
    found = 0
    for path in OBJECTS:
        b = open_object(str(path)).btf
        added = [t for t in b if t.id >= b.raw.type_count]
        text = dump_raw(b.as_btf())
        for t in added:
            assert f"[{t.id}] VAR '{t.name}'" in text
            found += 1
    assert found >= 1


def _object_with(btf: bytes, undefined: list[str]) -> bytes:
    """A minimal BPF relocatable (ELF64 LE): .strtab, .symtab with an
    undefined GLOBAL NOTYPE symbol per name of ``undefined``, .BTF."""
    import struct

    strtab = b"\0" + b"".join(n.encode() + b"\0" for n in undefined)
    syms = bytes(24)
    pos = 1
    for n in undefined:
        syms += struct.pack("<IBBHQQ", pos, 0x10, 0, 0, 0, 0)  # STB_GLOBAL << 4 | STT_NOTYPE, SHN_UNDEF
        pos += len(n) + 1
    names = [".strtab", ".symtab", ".BTF", ".shstrtab"]
    shstr = b"\0" + b"".join(n.encode() + b"\0" for n in names)
    # (type, link, info, entsize, bytes) per section
    secs = [(3, 0, 0, 0, strtab), (2, 1, 1, 24, syms), (1, 0, 0, 0, btf), (3, 0, 0, 0, shstr)]
    body = bytearray(64)
    offs = []
    for *_, d in secs:
        while len(body) % 8:
            body += b"\0"
        offs.append(len(body))
        body += d
    while len(body) % 8:
        body += b"\0"
    shoff = len(body)
    body += bytes(64)
    name_pos = 1
    for (typ, link, info, entsize, d), o, n in zip(secs, offs, names):
        body += struct.pack("<IIQQQQIIQQ", name_pos, typ, 0, 0, o, len(d), link, info, 8, entsize)
        name_pos += len(n) + 1
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    body[:64] = ident + struct.pack("<HHIQQQIHHHHHH", 1, 247, 1, 0, 0, shoff, 0, 64, 0, 0, 64, len(secs) + 1,
                                    len(secs))
    return bytes(body)


@pytest.mark.parametrize("sec", [".ksyms", ".kconfig"])
def test_extern_datasec_entry_that_is_not_a_var(sec):
    """An extern's DATASEC entry of another kind under the extern's name:
    libbpf writes a VAR's fields into that record; btfkit refuses it with a
    BpfObjectError (not a crash), and opens the same object without it."""
    from btfbuild import BtfBuilder

    def build(with_struct: bool) -> bytes:
        b = BtfBuilder()
        i = b.int_("int", 4, enc=1)
        v = b.var("foo", i, linkage=2)
        entries = [(v, 0, 4)]
        if with_struct:
            entries.append((b.struct("foo", 4, [("x", i, 0)]), 4, 4))
        b.datasec(sec, 0, entries)
        return _object_with(b.build(), ["foo"])

    obj = open_object(build(False), source="good.o")
    assert [(e.name, e.section) for e in obj.externs] == [("foo", sec)]
    with pytest.raises(BpfObjectError, match=r"extern 'foo' in DATASEC '\.k\w+' is STRUCT \[3\], not a var"):
        open_object(build(True), source="bad.o")


def test_kfunc_in_a_second_ksyms_datasec():
    """add_dummy_ksym_var() looks at the first .ksyms DATASEC only; a kfunc
    in a second one gets libbpf's dummy_var_btf_id 0 (btf__type_by_id(0)
    is void): its entry points at void and its unnamed parameter keeps an
    empty name.  main crashed here with an AttributeError."""
    from btfbuild import BtfBuilder

    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    bar = b.var("bar", i, linkage=2)
    proto = b.func_proto(i, [("", i)])
    foo = b.func("foo", proto, linkage=2)
    b.datasec(".ksyms", 4, [(bar, 0, 4)])  # sized: only the last-found .ksyms is fixed up
    sec2 = b.datasec(".ksyms", 0, [(foo, 0, 0)])
    obj = open_object(_object_with(b.build(), ["bar", "foo"]), source="two_ksyms.o")
    btf = obj.btf
    assert [e.name for e in obj.externs] == ["bar", "foo"]
    assert btf.type_count == btf.raw.type_count  # no dummy_ksym appended
    assert [(v.type, v.offset, v.size) for v in btf[sec2].vars] == [(0, 0, 4)]
    assert btf[proto].params[0].name == "" and btf[foo].linkage == 1
    # and the re-encoded BTF holds the same records
    real = btf.as_btf()
    assert [real[t] for t in btf.ids()] == list(btf)


@pytest.mark.parametrize("rel", ["7.1", "7.5", "7.8"])
def test_kfunc_in_a_second_ksyms_datasec_gen_like_bpftool(rel, tmp_path):
    """The object above through ``gen skeleton``: what the live bpftool prints."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    from btfbuild import BtfBuilder
    from btfkit.gen.skeleton import gen_skeleton

    if rel == "7.1":
        tool = shutil.which("bpftool") or "/usr/sbin/bpftool"
    else:
        tool = str(Path(os.environ.get("BTFKIT_ORACLES", "/opt/btf-oracles")) / "bin" / f"bpftool-{rel}")
    if not os.path.exists(tool):
        pytest.skip(f"bpftool {rel} is not installed ({tool}; ../shared/oracle/build.sh builds it)")
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)
    bar = b.var("bar", i, linkage=2)
    foo = b.func("foo", b.func_proto(i, [("", i)]), linkage=2)
    b.datasec(".ksyms", 4, [(bar, 0, 4)])
    b.datasec(".ksyms", 0, [(foo, 0, 0)])
    path = tmp_path / "two_ksyms.o"
    path.write_bytes(_object_with(b.build(), ["bar", "foo"]))
    ref = subprocess.run([tool, "gen", "skeleton", str(path), "name", "x"], capture_output=True, check=True)
    assert gen_skeleton(path, "x", bpftool=rel).encode() == ref.stdout


def test_prog_index_bisection_agrees_with_scan():
    """find_prog_by_sec_insn()'s bisection over programs that do not overlap
    finds what the in-order scan (its path for overlapping programs) finds,
    for every instruction around random program layouts."""
    import random
    from types import SimpleNamespace

    from btfkit.obj.relos import _ProgIndex

    rng = random.Random(5)
    for _ in range(300):
        progs = []
        for sec in sorted(rng.sample(range(1, 8), rng.randrange(1, 4))):
            off = rng.randrange(0, 3)
            for _ in range(rng.randrange(1, 5)):
                cnt = rng.randrange(1, 6)
                progs.append(SimpleNamespace(sec_idx=sec, sec_insn_off=off, sec_insn_cnt=cnt))
                off += cnt + rng.randrange(0, 3)  # gaps between functions too
        index = _ProgIndex(progs)  # type: ignore[arg-type]
        assert not index._overlap
        scan = _ProgIndex(progs)  # type: ignore[arg-type]
        scan._overlap = True  # force the in-order scan
        for sec in range(0, 9):
            for insn in range(-1, 40):
                assert index.find_prog_by_sec_insn(sec, insn) is scan.find_prog_by_sec_insn(sec, insn)
