"""Writing BTF back: the model rebuilt into bytes.

Two builders that must agree byte for byte (``tests/test_schema.py`` checks
both on every corpus file):

- :func:`build_btf_construct` builds every record through the construct
  ``record`` schema (clear, slow: for small blobs and for checking);
- :func:`build_btf` packs the same fields with the ``struct`` formats derived
  from those schemas (fast enough for vmlinux).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from . import types as T

if TYPE_CHECKING:
    from typing import Any, Iterable
    from .btf import Btf


def _record_fields(btf: "Btf", t: T.BtfType) -> dict[str, Any]:
    """The construct ``record`` container for one model type."""
    info_data: dict[str, int] | None = None
    elems: list[dict[str, int]] | None = None
    match t:
        case T.Struct() | T.Union():
            if t.kflag:
                elems = [dict(name_off=m.name_off, type=m.type, offset=(m.bitfield_size << 24) | m.offset) for m in t.members]
            else:
                elems = [dict(name_off=m.name_off, type=m.type, offset=m.offset) for m in t.members]
            vlen, sot = len(t.members), t.size
        case T.Enum():
            elems = [dict(name_off=e.name_off, val=e.value & 0xFFFFFFFF) for e in t.values]
            vlen, sot = len(t.values), t.size
        case T.Enum64():
            elems = [dict(name_off=e.name_off, val_lo32=e.value & 0xFFFFFFFF, val_hi32=(e.value >> 32) & 0xFFFFFFFF) for e in t.values]
            vlen, sot = len(t.values), t.size
        case T.FuncProto():
            elems = [dict(name_off=p.name_off, type=p.type) for p in t.params]
            vlen, sot = len(t.params), t.type
        case T.Datasec():
            elems = [dict(type=v.type, offset=v.offset, size=v.size) for v in t.vars]
            vlen, sot = len(t.vars), t.size
        case T.Int():
            info_data = dict(data=(t.encoding << 24) | (t.bits_offset << 16) | t.nr_bits)
            vlen, sot = 0, t.size
        case T.Array():
            info_data = dict(type=t.type, index_type=t.index_type, nelems=t.nelems)
            vlen, sot = 0, 0
        case T.Var():
            info_data = dict(linkage=t.linkage)
            vlen, sot = 0, t.type
        case T.DeclTag():
            info_data = dict(component_idx=t.component_idx)
            vlen, sot = 0, t.type
        case T.Func():
            vlen, sot = t.linkage, t.type
        case T.Fwd():
            vlen, sot = 0, 0
        case T.Float():
            vlen, sot = 0, t.size
        case T.Ptr() | T.Typedef() | T.Volatile() | T.Const() | T.Restrict() | T.TypeTag():
            vlen, sot = 0, t.type
        case T.Unknown():  # a kind kept opaque (layout table)
            return dict(name_off=t.name_off, info=(t.kflag << 31) | (t.kind_number << 24) | t.vlen,
                        size_or_type=t.size_or_type, info_data=t.info_data, elems=t.elems)
        case T.Void():
            raise ValueError("void (type id 0) has no record")
    info = (t.kflag << 31) | (int(t.kind) << 24) | vlen
    return dict(name_off=t.name_off, info=info, size_or_type=sot, info_data=info_data, elems=elems)


def _types_fast(records: Iterable[T.BtfType], byteorder: str) -> bytes:
    # the struct formats (btf_formats: the schemas' own, tested equal), so
    # that writing records needs no construct import
    from .schema.btf_formats import formats
    fmt = formats(byteorder)
    th, mem, en, en64, prm, vsi = fmt.type_header.pack, fmt.member.pack, fmt.enum.pack, fmt.enum64.pack, fmt.param.pack, fmt.var_secinfo.pack
    out: list[bytes] = []
    ap = out.append
    for t in records:
        # class patterns: isinstance() checks, which also tell a type checker
        # which fields t has
        match t:
            case T.Struct() | T.Union():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | len(t.members), t.size))
                if t.kflag:
                    for m in t.members:
                        ap(mem(m.name_off, m.type, (m.bitfield_size << 24) | m.offset))
                else:
                    for m in t.members:
                        ap(mem(m.name_off, m.type, m.offset))
            case T.Enum():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | len(t.values), t.size))
                for e in t.values:
                    ap(en(e.name_off, e.value & 0xFFFFFFFF))
            case T.Enum64():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | len(t.values), t.size))
                for e in t.values:
                    v = e.value & 0xFFFFFFFFFFFFFFFF
                    ap(en64(e.name_off, v & 0xFFFFFFFF, v >> 32))
            case T.FuncProto():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | len(t.params), t.type))
                for p in t.params:
                    ap(prm(p.name_off, p.type))
            case T.Datasec():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | len(t.vars), t.size))
                for vs in t.vars:
                    ap(vsi(vs.type, vs.offset, vs.size))
            case T.Int():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), t.size))
                ap(fmt.int_info.pack((t.encoding << 24) | (t.bits_offset << 16) | t.nr_bits))
            case T.Array():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), 0))
                ap(fmt.array.pack(t.type, t.index_type, t.nelems))
            case T.Var():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), t.type))
                ap(fmt.var.pack(t.linkage))
            case T.DeclTag():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), t.type))
                ap(fmt.decl_tag.pack(t.component_idx))
            case T.Func():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | t.linkage, t.type))
            case T.Fwd():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), 0))
            case T.Float():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), t.size))
            case T.Ptr() | T.Typedef() | T.Volatile() | T.Const() | T.Restrict() | T.TypeTag():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24), t.type))
            case T.Unknown():
                ap(th(t.name_off, (t.kflag << 31) | (t.kind_number << 24) | t.vlen, t.size_or_type))
                ap(t.info_data)
                ap(t.elems)
            case T.Void():
                raise ValueError("void (type id 0) has no record")
    return b"".join(out)


def _types_construct(btf: "Btf") -> bytes:
    record = btf.schemas.record
    layout = btf.layout
    return b"".join(record.build(_record_fields(btf, t), layout=layout) for t in btf)


def _assemble(btf: "Btf", types_bytes: bytes) -> bytes:
    sch = btf.schemas
    h = btf.header
    hdr = dict(magic=h.magic, version=h.version, flags=h.flags, hdr_len=h.hdr_len,
               type_off=h.type_off, type_len=len(types_bytes), str_off=h.str_off, str_len=len(btf.strings),
               layout_off=h.layout_off, layout_len=h.layout_len)
    head = sch.header.build(hdr)
    # header bytes past the fields we know (zero, checked at parse) keep the declared hdr_len
    head = head + bytes(h.hdr_len - len(head))
    # lay the sections out where the header says; bytes no section covers are copied
    out = bytearray(btf.data)
    out[:h.hdr_len] = head
    t0 = h.hdr_len + h.type_off
    out[t0:t0 + len(types_bytes)] = types_bytes
    s0 = h.hdr_len + h.str_off
    out[s0:s0 + len(btf.strings)] = btf.strings
    if btf.layout is not None:
        lay = b"".join(sch.layout.build(dict(info_sz=i, elem_sz=e, flags=f)) for i, e, f in btf.layout_entries)
        assert h.layout_off is not None  # a layout table comes from a header that has one
        l0 = h.hdr_len + h.layout_off
        out[l0:l0 + len(lay)] = lay
    return bytes(out)


def build_btf(btf: "Btf") -> bytes:
    """The blob's bytes rebuilt from the model (struct formats derived from the schemas)."""
    return _assemble(btf, _types_fast(btf, btf.byteorder))


def build_btf_construct(btf: "Btf") -> bytes:
    """The same, every record built by construct's ``record`` schema."""
    return _assemble(btf, _types_construct(btf))


def build_btf_compact(btf: "Btf", strings: bytes | None = None, *,
                      records: "Iterable[T.BtfType] | None" = None) -> bytes:
    """A fresh blob of ``btf``'s records and string section: a 24-byte
    header, the type section, then the strings (``strings``, else the
    blob's own string section; what libbpf's
    ``btf__raw_data()`` lays out).  ``records`` are written in place of
    ``btf``'s own, in its byte order: a BPF object's fixed-up BTF
    (:meth:`btfkit.obj.ObjBtf.as_btf`), whose records may differ in number
    from the blob's, where :func:`build_btf` would keep the old offsets."""
    import struct

    if btf.layout is not None:
        raise ValueError("build_btf_compact() writes the 24-byte header: no layout section")
    types = _types_fast(btf if records is None else records, btf.byteorder)
    if strings is None:
        strings = btf.strings
    order = "<" if btf.byteorder == "little" else ">"
    head = struct.pack(order + "HBBIIIII", 0xEB9F, 1, 0, 24, 0, len(types), len(types), len(strings))
    return head + types + bytes(strings)
