"""Writing BTF back: the model rebuilt into bytes.

Two builders that must agree byte for byte (``tests/test_roundtrip.py``):

- :func:`build_btf_construct` builds every record through the construct
  ``record`` schema (clear, slow: for small blobs and for checking);
- :func:`build_btf` packs the same fields with the ``struct`` formats derived
  from those schemas (fast enough for vmlinux).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import Kind

if TYPE_CHECKING:
    from .btf import Btf


def _record_fields(btf: "Btf", t) -> dict:
    """The construct ``record`` container for one model type."""
    kind = t.kind
    info_data = None
    elems = None
    if kind in (Kind.STRUCT, Kind.UNION):
        if t.kflag:
            elems = [dict(name_off=m.name_off, type=m.type, offset=(m.bitfield_size << 24) | m.offset) for m in t.members]
        else:
            elems = [dict(name_off=m.name_off, type=m.type, offset=m.offset) for m in t.members]
        vlen, sot = len(t.members), t.size
    elif kind == Kind.ENUM:
        elems = [dict(name_off=e.name_off, val=e.value & 0xFFFFFFFF) for e in t.values]
        vlen, sot = len(t.values), t.size
    elif kind == Kind.ENUM64:
        elems = [dict(name_off=e.name_off, val_lo32=e.value & 0xFFFFFFFF, val_hi32=(e.value >> 32) & 0xFFFFFFFF) for e in t.values]
        vlen, sot = len(t.values), t.size
    elif kind == Kind.FUNC_PROTO:
        elems = [dict(name_off=p.name_off, type=p.type) for p in t.params]
        vlen, sot = len(t.params), t.type
    elif kind == Kind.DATASEC:
        elems = [dict(type=v.type, offset=v.offset, size=v.size) for v in t.vars]
        vlen, sot = len(t.vars), t.size
    elif kind == Kind.INT:
        info_data = dict(data=(t.encoding << 24) | (t.bits_offset << 16) | t.nr_bits)
        vlen, sot = 0, t.size
    elif kind == Kind.ARRAY:
        info_data = dict(type=t.type, index_type=t.index_type, nelems=t.nelems)
        vlen, sot = 0, 0
    elif kind == Kind.VAR:
        info_data = dict(linkage=t.linkage)
        vlen, sot = 0, t.type
    elif kind == Kind.DECL_TAG:
        info_data = dict(component_idx=t.component_idx)
        vlen, sot = 0, t.type
    elif kind == Kind.FUNC:
        vlen, sot = t.linkage, t.type
    elif kind == Kind.FWD:
        vlen, sot = 0, 0
    elif kind == Kind.FLOAT:
        vlen, sot = 0, t.size
    elif kind in (Kind.PTR, Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.TYPE_TAG):
        vlen, sot = 0, t.type
    else:  # Unknown kind kept opaque
        return dict(name_off=t.name_off, info=(t.kflag << 31) | (t.kind << 24) | t.vlen,
                    size_or_type=t.size_or_type, info_data=t.info_data, elems=t.elems)
    info = (t.kflag << 31) | (int(kind) << 24) | vlen
    return dict(name_off=t.name_off, info=info, size_or_type=sot, info_data=info_data, elems=elems)


def _types_fast(btf: "Btf") -> bytes:
    fmt = btf.schemas.fmt
    th, mem, en, en64, prm, vsi = fmt.type_header.pack, fmt.member.pack, fmt.enum.pack, fmt.enum64.pack, fmt.param.pack, fmt.var_secinfo.pack
    out = []
    ap = out.append
    for t in btf:
        kind = t.kind
        if kind == Kind.STRUCT or kind == Kind.UNION:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | len(t.members), t.size))
            if t.kflag:
                for m in t.members:
                    ap(mem(m.name_off, m.type, (m.bitfield_size << 24) | m.offset))
            else:
                for m in t.members:
                    ap(mem(m.name_off, m.type, m.offset))
        elif kind == Kind.ENUM:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | len(t.values), t.size))
            for e in t.values:
                ap(en(e.name_off, e.value & 0xFFFFFFFF))
        elif kind == Kind.ENUM64:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | len(t.values), t.size))
            for e in t.values:
                v = e.value & 0xFFFFFFFFFFFFFFFF
                ap(en64(e.name_off, v & 0xFFFFFFFF, v >> 32))
        elif kind == Kind.FUNC_PROTO:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | len(t.params), t.type))
            for p in t.params:
                ap(prm(p.name_off, p.type))
        elif kind == Kind.DATASEC:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | len(t.vars), t.size))
            for v in t.vars:
                ap(vsi(v.type, v.offset, v.size))
        elif kind == Kind.INT:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), t.size))
            ap(fmt.int_info.pack((t.encoding << 24) | (t.bits_offset << 16) | t.nr_bits))
        elif kind == Kind.ARRAY:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), 0))
            ap(fmt.array.pack(t.type, t.index_type, t.nelems))
        elif kind == Kind.VAR:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), t.type))
            ap(fmt.var.pack(t.linkage))
        elif kind == Kind.DECL_TAG:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), t.type))
            ap(fmt.decl_tag.pack(t.component_idx))
        elif kind == Kind.FUNC:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24) | t.linkage, t.type))
        elif kind == Kind.FWD:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), 0))
        elif kind == Kind.FLOAT:
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), t.size))
        elif kind in (Kind.PTR, Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.TYPE_TAG):
            ap(th(t.name_off, (t.kflag << 31) | (kind << 24), t.type))
        else:
            ap(th(t.name_off, (t.kflag << 31) | (t.kind << 24) | t.vlen, t.size_or_type))
            ap(t.info_data)
            ap(t.elems)
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
        l0 = h.hdr_len + h.layout_off
        out[l0:l0 + len(lay)] = lay
    return bytes(out)


def build_btf(btf: "Btf") -> bytes:
    """The blob's bytes rebuilt from the model (struct formats derived from the schemas)."""
    return _assemble(btf, _types_fast(btf))


def build_btf_construct(btf: "Btf") -> bytes:
    """The same, every record built by construct's ``record`` schema."""
    return _assemble(btf, _types_construct(btf))
