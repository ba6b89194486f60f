"""construct schemas of the .BTF blob: header, type records, layout table, strings.

``btf_schemas(byteorder)`` builds every schema once per byte order.  The flat
record structs (all fixed-size format fields) also yield a ``struct.Struct``
format through :func:`struct_format`; the model's fast decoder uses those, and
``tests/test_schema.py`` checks both decode every corpus file identically.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from types import SimpleNamespace
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any

import construct as cs
from construct import this

from ..kinds import KIND_LAYOUT, Kind

BTF_MAGIC = 0xEB9F
BTF_VERSION = 1
HDR_LEN_V1 = 24  # magic .. str_len
HDR_LEN_LAYOUT = 32  # + layout_off, layout_len (the 2026 form)


def struct_format(schema: cs.Construct) -> struct.Struct:
    """The ``struct.Struct`` equivalent of a flat construct ``Struct`` of format fields.

    Raises ``TypeError`` for anything that is not a plain sequence of
    ``FormatField``s of one byte order, so a schema change that breaks the
    fast path cannot go unnoticed.
    """
    subcons = schema.subcons if isinstance(schema, cs.Struct) else None
    if subcons is None:
        raise TypeError("struct_format needs a construct Struct")
    order = None
    letters = []
    for sc in subcons:
        field = sc.subcon if isinstance(sc, cs.Renamed) else sc
        if not isinstance(field, cs.FormatField):
            raise TypeError(f"field {sc.name!r} is not a FormatField")
        fo, letter = field.fmtstr[0], field.fmtstr[1:]
        if letter in ("B", "b") and order is None:
            pass
        elif order is None:
            order = fo
        elif fo != order and letter not in ("B", "b"):
            raise TypeError("mixed byte orders")
        letters.append(letter)
    return struct.Struct((order or "<") + "".join(letters))


class _SkipByLayout(cs.Construct):  # type: ignore[misc]  # construct has no type information
    """Switch default for a kind this reader does not know.

    With the 2026 layout table (passed as the ``layout`` parse parameter, a
    list of (info_sz, elem_sz) indexed by kind) the record is kept as opaque
    bytes; without it the stream cannot be followed and parsing stops with an
    explicit error instead of silently desynchronising (construct's Switch
    default would be Pass).
    """

    def __init__(self, part: str) -> None:
        super().__init__()
        self.part = part  # "info" or "elems"

    def _size(self, context: Any) -> int:
        layout = getattr(context._params, "layout", None) if hasattr(context, "_params") else None
        kind = context.kind
        if not layout or kind >= len(layout):
            raise cs.ExplicitError(f"unknown BTF kind {kind} and no layout table to skip it")
        info_sz, elem_sz = layout[kind]
        size: int = info_sz if self.part == "info" else elem_sz * context.vlen
        return size

    def _parse(self, stream: Any, context: Any, path: str) -> bytes:
        data: bytes = cs.stream_read(stream, self._size(context), path)
        return data

    def _build(self, obj: bytes | None, stream: Any, context: Any, path: str) -> bytes | None:
        data = bytes(obj or b"")
        if len(data) != self._size(context):
            raise cs.ExplicitError("opaque record of wrong size")
        cs.stream_write(stream, data, len(data), path)
        return obj

    def _sizeof(self, context: Any, path: str) -> int:
        raise cs.SizeofError("variable")


@lru_cache(maxsize=None)
def btf_schemas(byteorder: str) -> SimpleNamespace:
    """Every .BTF schema for ``byteorder`` ("little" or "big")."""
    if byteorder == "little":
        u16, u32, s32 = cs.Int16ul, cs.Int32ul, cs.Int32sl
    elif byteorder == "big":
        u16, u32, s32 = cs.Int16ub, cs.Int32ub, cs.Int32sb
    else:
        raise ValueError(byteorder)
    u8 = cs.Int8ub

    # struct btf_header; the layout fields exist when hdr_len >= 32.
    header = cs.Struct(
        "magic" / cs.Const(BTF_MAGIC, u16),
        "version" / u8,
        "flags" / u8,
        "hdr_len" / u32,
        "type_off" / u32,
        "type_len" / u32,
        "str_off" / u32,
        "str_len" / u32,
        "layout_off" / cs.If(this.hdr_len >= HDR_LEN_LAYOUT, u32),
        "layout_len" / cs.If(this.hdr_len >= HDR_LEN_LAYOUT, u32),
    )
    header_v1 = cs.Struct(
        "magic" / u16, "version" / u8, "flags" / u8, "hdr_len" / u32,
        "type_off" / u32, "type_len" / u32, "str_off" / u32, "str_len" / u32,
    )
    # struct btf_layout: one per kind known to the encoder
    layout = cs.Struct("info_sz" / u8, "elem_sz" / u8, "flags" / u16)

    # struct btf_type: name_off, info (vlen:24, kind:7, kflag:1; libbpf 1.8), size/type
    type_header = cs.Struct("name_off" / u32, "info" / u32, "size_or_type" / u32)
    int_info = cs.Struct("data" / u32)  # encoding:4 <<24, offset:8 <<16, bits:8
    array = cs.Struct("type" / u32, "index_type" / u32, "nelems" / u32)
    member = cs.Struct("name_off" / u32, "type" / u32, "offset" / u32)
    enum = cs.Struct("name_off" / u32, "val" / u32)
    enum64 = cs.Struct("name_off" / u32, "val_lo32" / u32, "val_hi32" / u32)
    param = cs.Struct("name_off" / u32, "type" / u32)
    var = cs.Struct("linkage" / u32)
    var_secinfo = cs.Struct("type" / u32, "offset" / u32, "size" / u32)
    decl_tag = cs.Struct("component_idx" / s32)

    info_by_kind: dict[int, Any] = {
        Kind.INT: int_info,
        Kind.ARRAY: array,
        Kind.VAR: var,
        Kind.DECL_TAG: decl_tag,
    }
    elem_by_kind: dict[int, Any] = {
        Kind.STRUCT: member,
        Kind.UNION: member,
        Kind.ENUM: enum,
        Kind.FUNC_PROTO: param,
        Kind.DATASEC: var_secinfo,
        Kind.ENUM64: enum64,
    }
    info_cases = {k: info_by_kind.get(k, cs.Pass) for k in KIND_LAYOUT}
    elem_cases = {
        k: (cs.Array(this.vlen, elem_by_kind[k]) if k in elem_by_kind else cs.Pass)
        for k in KIND_LAYOUT
    }
    # One type record.  kind, vlen and kflag are views of info; an unknown
    # kind goes to _SkipByLayout (never construct's silent Pass default).
    record = cs.Struct(
        "name_off" / u32,
        "info" / u32,
        "kind" / cs.Computed(lambda ctx: (ctx.info >> 24) & 0x7F),
        "vlen" / cs.Computed(lambda ctx: ctx.info & 0xFFFFFF),
        "kflag" / cs.Computed(lambda ctx: ctx.info >> 31),
        "size_or_type" / u32,
        "info_data" / cs.Switch(this.kind, info_cases, default=_SkipByLayout("info")),
        "elems" / cs.Switch(this.kind, elem_cases, default=_SkipByLayout("elems")),
    )
    type_section = cs.GreedyRange(record)
    layout_section = cs.GreedyRange(layout)
    string_section = cs.GreedyBytes

    ns = SimpleNamespace(
        byteorder=byteorder,
        header=header,
        header_v1=header_v1,
        layout=layout,
        type_header=type_header,
        int_info=int_info,
        array=array,
        member=member,
        enum=enum,
        enum64=enum64,
        param=param,
        var=var,
        var_secinfo=var_secinfo,
        decl_tag=decl_tag,
        record=record,
        type_section=type_section,
        layout_section=layout_section,
        string_section=string_section,
    )
    # Fast-path formats, derived from the schemas above.
    ns.fmt = SimpleNamespace(
        header_v1=struct_format(header_v1),
        type_header=struct_format(type_header),
        int_info=struct_format(int_info),
        array=struct_format(array),
        member=struct_format(member),
        enum=struct_format(enum),
        enum64=struct_format(enum64),
        param=struct_format(param),
        var=struct_format(var),
        var_secinfo=struct_format(var_secinfo),
        decl_tag=struct_format(decl_tag),
        layout=struct_format(layout),
        u32=struct_format(cs.Struct("v" / u32)),
    )
    return ns


def detect_byteorder(data: bytes) -> str | None:
    """"little" or "big" from the BTF magic, or None when it is not BTF."""
    if data[:2] == b"\x9f\xeb":
        return "little"
    if data[:2] == b"\xeb\x9f":
        return "big"
    return None
