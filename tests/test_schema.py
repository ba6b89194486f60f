"""The construct schemas are the source of truth: annotated bytes parse to
the named fields and build back; the struct fast path is derived from them
and decodes every corpus file exactly as construct does; the model writes
every file back byte for byte, through construct and through the fast path."""

from __future__ import annotations

import struct

import construct as cs
import pytest

import btfkit
from btfkit.kinds import Kind
from btfkit.schema.btf import btf_schemas, struct_format
from btfkit.schema.btf_ext import btf_ext_schemas
from btfkit.schema.elf import elf_schemas, ELFCLASS32, ELFCLASS64
from btfkit.writer import _record_fields, build_btf, build_btf_construct

from btfbuild import sample
from conftest import CORPORA, need_glob


def corpus_objects():
    return need_glob("obj/*.o")


# -- annotated bytes ----------------------------------------------------------------------
HEADER_LE = bytes.fromhex(
    "9feb"        # magic 0xeb9f, little-endian
    "01"          # version
    "00"          # flags
    "18000000"    # hdr_len 24
    "00000000"    # type_off
    "10000000"    # type_len 16
    "10000000"    # str_off 16
    "05000000"    # str_len 5
)
INT_RECORD_BE = bytes.fromhex(
    "00000001"    # name_off 1
    "01000000"    # info: kind 1 (INT), vlen 0, kflag 0
    "00000004"    # size 4
    "01000020"    # encoding SIGNED (1 << 24), offset 0, nr_bits 32
)
STRUCT_KFLAG_LE = bytes.fromhex(
    "05000000"    # name_off 5
    "02000084"    # info: kflag 1, kind 4 (STRUCT), vlen 2
    "08000000"    # size 8
    "07000000" "01000000" "00000000"  # member 'a' (7), type 1, offset 0
    "09000000" "02000000" "20000003"  # member 'b' (9), type 2, bitfield_size 3 << 24 | bit offset 32
)


def test_header_annotated():
    h = btf_schemas("little").header.parse(HEADER_LE)
    assert (h.magic, h.version, h.hdr_len, h.type_len, h.str_off, h.str_len) == (0xEB9F, 1, 24, 16, 16, 5)
    assert h.layout_off is None
    assert btf_schemas("little").header.build(h) == HEADER_LE
    with pytest.raises(cs.ConstError):
        btf_schemas("big").header.parse(HEADER_LE)  # the magic tells the byte order


def test_layout_header_annotated():
    raw = HEADER_LE[:4] + struct.pack("<I", 32) + HEADER_LE[8:] + struct.pack("<II", 21, 80)
    h = btf_schemas("little").header.parse(raw)
    assert (h.hdr_len, h.layout_off, h.layout_len) == (32, 21, 80)
    assert btf_schemas("little").header.build(h) == raw


def test_records_annotated():
    r = btf_schemas("big").record.parse(INT_RECORD_BE)
    assert (r.kind, r.vlen, r.kflag, r.size_or_type, r.info_data.data) == (Kind.INT, 0, 0, 4, 0x01000020)
    assert btf_schemas("big").record.build(r) == INT_RECORD_BE
    r = btf_schemas("little").record.parse(STRUCT_KFLAG_LE)
    assert (r.kind, r.vlen, r.kflag, r.size_or_type) == (Kind.STRUCT, 2, 1, 8)
    assert [(m.name_off, m.type, m.offset) for m in r.elems] == [(7, 1, 0), (9, 2, 0x03000020)]
    assert btf_schemas("little").record.build(r) == STRUCT_KFLAG_LE


def test_unknown_kind_is_never_passed_silently():
    rec = struct.pack("<III", 0, (25 << 24) | 1, 0) + b"\0" * 8
    with pytest.raises(cs.ExplicitError):
        btf_schemas("little").record.parse(rec)
    r = btf_schemas("little").record.parse(rec, layout=[(0, 0)] * 25 + [(4, 4)])
    assert r.info_data == b"\0" * 4 and r.elems == b"\0" * 4


@pytest.mark.parametrize("order", ["little", "big"])
def test_fast_formats_are_derived(order):
    s = btf_schemas(order)
    e = "<" if order == "little" else ">"
    assert s.fmt.type_header.format == e + "LLL"
    assert s.fmt.member.format == e + "LLL"
    assert s.fmt.enum64.format == e + "LLL"
    assert s.fmt.decl_tag.format == e + "l"
    assert s.fmt.layout.format == e + "BBH"
    for name in ("member", "enum", "param", "var_secinfo", "array"):
        assert getattr(s.fmt, name).size == getattr(s, name).sizeof()
    for cls in (ELFCLASS32, ELFCLASS64):
        es = elf_schemas(cls, order)
        assert es.fmt.section.size == es.section.sizeof()
        assert es.fmt.symbol.size == es.symbol.sizeof()
    assert btf_ext_schemas(order).fmt.line_info.size == 16
    with pytest.raises(TypeError):
        struct_format(cs.Struct("x" / cs.CString("utf8")))


# -- fast path == construct, on every corpus file -------------------------------------------
def construct_decode(btf):
    """Every record of the type section, parsed by the construct schema."""
    t0 = btf.header.hdr_len + btf.header.type_off
    types = btf.data[t0:t0 + btf.header.type_len]
    return btf.schemas.type_section.parse(types, layout=btf.layout)


def assert_same_decode(btf):
    recs = construct_decode(btf)
    assert len(recs) == len(btf)
    for rec, t in zip(recs, btf):
        want = _record_fields(btf, t)
        got = dict(name_off=rec.name_off, info=rec.info, size_or_type=rec.size_or_type,
                   info_data=None if rec.info_data is None else dict((k, v) for k, v in rec.info_data.items() if not k.startswith("_")),
                   elems=None if rec.elems is None else [dict((k, v) for k, v in e.items() if not k.startswith("_")) for e in rec.elems])
        if t.kind == Kind.ARRAY:
            got["size_or_type"] = 0  # unused for arrays; the writer writes 0
        assert got == want, f"type [{t.id}]"


@pytest.mark.parametrize("path", corpus_objects(), ids=lambda p: p.name)
def test_fast_decode_equals_construct_and_roundtrip(path):
    btf = btfkit.load(path)
    assert_same_decode(btf)
    assert build_btf(btf) == btf.data
    assert build_btf_construct(btf) == btf.data


@pytest.mark.parametrize("order", ["little", "big"])
def test_sample_roundtrip(order):
    data = sample(order).build()
    btf = btfkit.load(data)
    assert btf.byteorder == order
    assert_same_decode(btf)
    assert build_btf(btf) == data == build_btf_construct(btf)


def test_vmlinux_roundtrip_and_construct_decode(frozen_vmlinux):
    btf = btfkit.load(frozen_vmlinux)
    assert len(btf) > 100_000
    assert btf.to_bytes() == btf.data
    assert build_btf_construct(btf) == btf.data
    assert_same_decode(btf)


def test_modules_roundtrip(unpacked):
    from conftest import xz_to
    base = btfkit.load(xz_to(need_glob("modules/vmlinux-*.btf.xz")[0], unpacked))
    mods = [p for p in need_glob("modules/*.btf.xz") if not p.name.startswith("vmlinux")]
    for m in mods:
        btf = btfkit.load(xz_to(m, unpacked), base=base)
        assert btf.start_id == base.type_count
        assert btf.to_bytes() == btf.data, m.name
        assert build_btf_construct(btf) == btf.data, m.name
    assert base.to_bytes() == base.data


@pytest.mark.parametrize("path", corpus_objects(), ids=lambda p: p.name)
def test_btf_ext_fast_equals_construct(path):
    btf = btfkit.load(path)
    ext = btf.ext
    assert ext is not None, "every corpus object is built with -g"
    sch = btf_ext_schemas(ext.byteorder)
    hdr = sch.header.parse(ext.data)
    assert hdr.hdr_len == ext.hdr_len
    for what, rec_schema, secs in (("func_info", sch.func_info, ext.func_info),
                                   ("line_info", sch.line_info, ext.line_info),
                                   ("core_relo", sch.core_relo, ext.core_relos)):
        off, length = hdr[f"{what}_off"], hdr[f"{what}_len"]
        if not length:
            assert secs == []
            continue
        start = hdr.hdr_len + off
        parsed = sch.info_section.parse(ext.data[start:start + length])
        assert [s.sec_name_off for s in parsed.secs] == [s.sec_name_off for s in secs]
        for ps, es in zip(parsed.secs, secs):
            recs = [rec_schema.parse(ps.data[i * parsed.rec_size:(i + 1) * parsed.rec_size]) for i in range(ps.num_info)]
            assert [tuple(v for k, v in r.items() if not k.startswith("_")) for r in recs] == [tuple(r) for r in es.records]
            assert es.name == btf.str_at(es.sec_name_off)
