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
