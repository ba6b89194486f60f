"""The BTF model: one small immutable class per kind.

Types refer to each other by id (``t.type``), exactly as libbpf and bpftool
number them; ``Btf.__getitem__`` follows an id (``btf[member.type]``) and
:meth:`btfkit.btf.Btf.follow` follows a member, parameter or modifier.

Every type has ``id``, ``name`` ('' when anonymous), ``name_off`` and the
class attribute ``kind``.  Kind-specific fields:

- ``size``: INT, STRUCT, UNION, ENUM, ENUM64, DATASEC, FLOAT (bytes)
- ``type``: PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG, FUNC, VAR,
  DECL_TAG (referenced id), ARRAY (element), FUNC_PROTO (return type)
- ``kflag``: STRUCT/UNION (member offsets carry bitfield sizes), FWD (union),
  ENUM/ENUM64 (signed values); 0 elsewhere

``repr()`` reads like a constructor; ``str()`` is a one-line summary in
bpftool's raw style.
"""

from __future__ import annotations

from typing import NamedTuple

from .kinds import Kind, INT_SIGNED, INT_CHAR, INT_BOOL


class Member(NamedTuple):
    """A struct or union member.  ``offset`` is in bits; ``bitfield_size`` is 0
    unless the parent has kflag set and the member is a bitfield."""

    name: str
    type: int
    offset: int
    bitfield_size: int = 0
    name_off: int = 0


class Param(NamedTuple):
    """A FUNC_PROTO parameter (``type`` 0 with no name: the ``...`` of a variadic)."""

    name: str
    type: int
    name_off: int = 0


class Enumerator(NamedTuple):
    """An ENUM or ENUM64 value, already signed or unsigned by the enum's kflag."""

    name: str
    value: int
    name_off: int = 0


class VarSecinfo(NamedTuple):
    """A DATASEC entry: a VAR or FUNC id, its offset and size in the section."""

    type: int
    offset: int
    size: int


class Void(NamedTuple):
    id: int = 0
    name: str = ""
    name_off: int = 0
    kflag: int = 0
    kind = Kind.UNKN


class Int(NamedTuple):
    id: int
    name: str
    size: int
    encoding: int  # INT_SIGNED | INT_CHAR | INT_BOOL
    bits_offset: int
    nr_bits: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.INT

    @property
    def signed(self) -> bool:
        return bool(self.encoding & INT_SIGNED)

    @property
    def is_char(self) -> bool:
        return bool(self.encoding & INT_CHAR)

    @property
    def is_bool(self) -> bool:
        return bool(self.encoding & INT_BOOL)


class Ptr(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.PTR


class Array(NamedTuple):
    id: int
    name: str
    type: int
    index_type: int
    nelems: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.ARRAY


class Struct(NamedTuple):
    id: int
    name: str
    size: int
    members: tuple[Member, ...]
    kflag: int = 0
    name_off: int = 0
    kind = Kind.STRUCT


class Union(NamedTuple):
    id: int
    name: str
    size: int
    members: tuple[Member, ...]
    kflag: int = 0
    name_off: int = 0
    kind = Kind.UNION


class Enum(NamedTuple):
    id: int
    name: str
    size: int
    values: tuple[Enumerator, ...]
    kflag: int = 0  # 1: signed
    name_off: int = 0
    kind = Kind.ENUM

    @property
    def signed(self) -> bool:
        return bool(self.kflag)


class Enum64(NamedTuple):
    id: int
    name: str
    size: int
    values: tuple[Enumerator, ...]
    kflag: int = 0
    name_off: int = 0
    kind = Kind.ENUM64

    @property
    def signed(self) -> bool:
        return bool(self.kflag)


class Fwd(NamedTuple):
    id: int
    name: str
    kflag: int = 0  # 1: union
    name_off: int = 0
    kind = Kind.FWD

    @property
    def is_union(self) -> bool:
        return bool(self.kflag)


class Typedef(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.TYPEDEF


class Volatile(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.VOLATILE


class Const(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.CONST


class Restrict(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.RESTRICT


class Func(NamedTuple):
    id: int
    name: str
    type: int
    linkage: int  # 0 static, 1 global, 2 extern
    name_off: int = 0
    kflag: int = 0
    kind = Kind.FUNC


class FuncProto(NamedTuple):
    id: int
    name: str
    type: int  # return type
    params: tuple[Param, ...]
    name_off: int = 0
    kflag: int = 0
    kind = Kind.FUNC_PROTO


class Var(NamedTuple):
    id: int
    name: str
    type: int
    linkage: int  # 0 static, 1 global-alloc, 2 extern
    name_off: int = 0
    kflag: int = 0
    kind = Kind.VAR


class Datasec(NamedTuple):
    id: int
    name: str
    size: int
    vars: tuple[VarSecinfo, ...]
    name_off: int = 0
    kflag: int = 0
    kind = Kind.DATASEC


class Float(NamedTuple):
    id: int
    name: str
    size: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.FLOAT


class DeclTag(NamedTuple):
    id: int
    name: str
    type: int
    component_idx: int  # -1: the type itself; else member/param index
    name_off: int = 0
    kflag: int = 0
    kind = Kind.DECL_TAG


class TypeTag(NamedTuple):
    id: int
    name: str
    type: int
    name_off: int = 0
    kflag: int = 0
    kind = Kind.TYPE_TAG


class Unknown(NamedTuple):
    """A kind this reader does not know, kept as opaque bytes (layout-table BTF)."""

    id: int
    name: str
    kind: int
    vlen: int
    kflag: int
    size_or_type: int
    info_data: bytes
    elems: bytes
    name_off: int = 0


BtfType = (
    Void | Int | Ptr | Array | Struct | Union | Enum | Enum64 | Fwd | Typedef | Volatile
    | Const | Restrict | Func | FuncProto | Var | Datasec | Float | DeclTag | TypeTag | Unknown
)

VOID = Void()

# Kinds whose btf_type.size_or_type is a type id
REF_KINDS = frozenset({
    Kind.PTR, Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.FUNC,
    Kind.FUNC_PROTO, Kind.VAR, Kind.DECL_TAG, Kind.TYPE_TAG,
})
MODIFIER_KINDS = frozenset({Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.TYPE_TAG})
COMPOSITE_KINDS = frozenset({Kind.STRUCT, Kind.UNION})
ENUM_KINDS = frozenset({Kind.ENUM, Kind.ENUM64})

__all__ = [
    "Member", "Param", "Enumerator", "VarSecinfo", "Void", "Int", "Ptr", "Array", "Struct",
    "Union", "Enum", "Enum64", "Fwd", "Typedef", "Volatile", "Const", "Restrict", "Func",
    "FuncProto", "Var", "Datasec", "Float", "DeclTag", "TypeTag", "Unknown", "BtfType", "VOID",
    "REF_KINDS", "MODIFIER_KINDS", "COMPOSITE_KINDS", "ENUM_KINDS", "Kind",
    "INT_SIGNED", "INT_CHAR", "INT_BOOL",
]
