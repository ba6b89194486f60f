"""The BTF model: one small immutable class per kind.

Every type is a :class:`~typing.NamedTuple` (immutable, hashable, compared by
value) whose class attribute ``kind`` is its :class:`~btfkit.kinds.Kind`.
Types refer to each other by id, exactly as libbpf and bpftool number them:
``btf[member.type]`` follows an id, :meth:`btfkit.btf.Btf.follow` follows a
member, parameter or modifier, and :meth:`btfkit.btf.Btf.get` follows an id
to a type of one class (``btf.get(tid, Struct)``).

``Btf.__getitem__`` returns :data:`BtfType`, the union of the classes.  A
type checker narrows it either way::

    t = btf[tid]
    if t.kind == Kind.STRUCT:       # each class's kind is a Literal
        t.members                   # t: Struct
    if isinstance(t, (Struct, Union)):
        t.members                   # t: Struct | Union

(compare ``t.kind`` itself: a copy in a local variable narrows only the
copy).  ``t.kind`` is a :class:`~btfkit.kinds.Kind` on every type; a record
of a kind btfkit does not know is an :class:`Unknown` with kind ``UNKN``
(as bpftool reads it) and its number in ``kind_number``.

Every class has ``id``, ``name``, ``name_off`` and ``kflag``; the rest is
per kind, documented on each class.  Two types compare equal when their
fields do (they are tuples: a CONST and a VOLATILE with the same fields are
equal).  ``repr()`` (and ``str()``, the same text) reads like a constructor:
``Int(id=1, name='int', size=4, ...)``.
"""

from __future__ import annotations

from ._namedtuple import NamedTuple, class_constant
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import ClassVar, Literal

from .chains import MODIFIER_KINDS as _MODIFIER_KINDS
from .kinds import Kind, INT_SIGNED, INT_CHAR, INT_BOOL


# -- parts of types ------------------------------------------------------------------------

class Member(NamedTuple):
    """One member of a :class:`Struct` or :class:`Union` (``struct btf_member``)."""

    name: str
    """The member's name; ``''`` for an anonymous member (an embedded
    anonymous struct or union, or an unnamed bitfield)."""
    type: int
    """The id of the member's type."""
    offset: int
    """Offset from the start of the struct, in bits (the low 24 bits of the
    record's offset word when the parent's ``kflag`` is set)."""
    bitfield_size: int = 0
    """Width in bits when the parent's ``kflag`` is set and the member is a
    bitfield; 0 otherwise (without ``kflag`` a bitfield's width is the
    ``nr_bits`` of its INT type)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: anonymous)."""


class Param(NamedTuple):
    """One parameter of a :class:`FuncProto` (``struct btf_param``).  A last
    parameter with ``type`` 0 and no name is the ``...`` of a variadic
    function."""

    name: str
    """The parameter's name; ``''`` when the prototype does not name it."""
    type: int
    """The id of the parameter's type; 0 for the ``...`` of a variadic."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: unnamed)."""


class Enumerator(NamedTuple):
    """One value of an :class:`Enum` or :class:`Enum64` (``struct btf_enum``,
    ``struct btf_enum64``)."""

    name: str
    """The enumerator's name."""
    value: int
    """Its value, already signed or unsigned by the enum's ``kflag``: for a
    32-bit ENUM without ``kflag`` 0 to 2**32-1, with it -2**31 to 2**31-1;
    ENUM64 likewise on 64 bits."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""


class VarSecinfo(NamedTuple):
    """One entry of a :class:`Datasec` (``struct btf_var_secinfo``)."""

    type: int
    """The id of the :class:`Var` (or, for extern functions, :class:`Func`)."""
    offset: int
    """Its offset in the section, in bytes."""
    size: int
    """Its size in the section, in bytes."""


# -- the types, one per kind ------------------------------------------------------------------
#
# Each class is a NamedTuple of the record's fields with the class attribute
# ``kind``.  A NamedTuple body cannot declare a ClassVar, so ``kind`` is
# written as a ``class_constant``: a read-only property typed as a Literal to
# a type checker (which is what lets it narrow BtfType on ``t.kind ==
# Kind.X``), the plain class attribute it returns at runtime
# (btfkit/_namedtuple.py).  One class per kind, not a NamedTuple and a
# subclass: the 18 subclasses were a sixth of what loading this module costs
# every command.  The three modifiers share their fields and subclass them.

class Void(NamedTuple):
    """``void``: type id 0, which no record describes (``btf[0]`` is
    :data:`VOID`).  A pointer to void, a function returning void and the
    ``...`` of a variadic refer to id 0."""

    id: int = 0
    """Always 0."""
    name: str = ""
    """Always ``''``."""
    name_off: int = 0
    """Always 0."""
    kflag: int = 0
    """Always 0."""

    @class_constant
    def kind(self) -> Literal[Kind.UNKN]:
        """:attr:`Kind.UNKN <btfkit.kinds.Kind.UNKN>` (0)."""
        return Kind.UNKN


class Int(NamedTuple):
    """An integer, char or ``_Bool`` type (BTF_KIND_INT)."""

    id: int
    """The type id."""
    name: str
    """The C name (``'unsigned int'``, ``'_Bool'``)."""
    size: int
    """Size in bytes."""
    encoding: int
    """:data:`~btfkit.kinds.INT_SIGNED`, :data:`~btfkit.kinds.INT_CHAR` or
    :data:`~btfkit.kinds.INT_BOOL` bits, or 0 (unsigned); see
    :attr:`Int.signed`, :attr:`Int.is_char`, :attr:`Int.is_bool`."""
    bits_offset: int
    """Bit offset of the value within the type (0 except in old bitfield
    encodings)."""
    nr_bits: int
    """Number of value bits (``size * 8`` except for bitfield types)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid INT."""

    @class_constant
    def kind(self) -> Literal[Kind.INT]:
        """:attr:`Kind.INT <btfkit.kinds.Kind.INT>`."""
        return Kind.INT

    @property
    def signed(self) -> bool:
        """True when :attr:`encoding` has :data:`~btfkit.kinds.INT_SIGNED`."""
        return bool(self.encoding & INT_SIGNED)

    @property
    def is_char(self) -> bool:
        """True when :attr:`encoding` has :data:`~btfkit.kinds.INT_CHAR`."""
        return bool(self.encoding & INT_CHAR)

    @property
    def is_bool(self) -> bool:
        """True when :attr:`encoding` has :data:`~btfkit.kinds.INT_BOOL`."""
        return bool(self.encoding & INT_BOOL)


class Ptr(NamedTuple):
    """A pointer (BTF_KIND_PTR)."""

    id: int
    """The type id."""
    name: str
    """Always ``''`` for a valid PTR."""
    type: int
    """The id of the pointed-to type (0: ``void *``)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0)."""
    kflag: int = 0
    """Always 0 for a valid PTR."""

    @class_constant
    def kind(self) -> Literal[Kind.PTR]:
        """:attr:`Kind.PTR <btfkit.kinds.Kind.PTR>`."""
        return Kind.PTR


class Array(NamedTuple):
    """An array (BTF_KIND_ARRAY); multi-dimensional arrays are arrays of arrays."""

    id: int
    """The type id."""
    name: str
    """Always ``''`` for a valid ARRAY."""
    type: int
    """The id of the element type."""
    index_type: int
    """The id of the index type (an INT; ``__ARRAY_SIZE_TYPE__`` in vmlinux)."""
    nelems: int
    """Number of elements (0 for a flexible array member)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0)."""
    kflag: int = 0
    """Always 0 for a valid ARRAY."""

    @class_constant
    def kind(self) -> Literal[Kind.ARRAY]:
        """:attr:`Kind.ARRAY <btfkit.kinds.Kind.ARRAY>`."""
        return Kind.ARRAY


class Struct(NamedTuple):
    """A ``struct`` (BTF_KIND_STRUCT)."""

    id: int
    """The type id."""
    name: str
    """The tag name (``'task_struct'``); ``''`` for an anonymous struct."""
    size: int
    """Size in bytes."""
    members: tuple[Member, ...]
    """The members in record order (which is declaration order)."""
    kflag: int = 0
    """1 when member offsets carry bitfield sizes
    (:attr:`Member.bitfield_size`), else 0."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: anonymous)."""

    @class_constant
    def kind(self) -> Literal[Kind.STRUCT]:
        """:attr:`Kind.STRUCT <btfkit.kinds.Kind.STRUCT>`."""
        return Kind.STRUCT


class Union(NamedTuple):
    """A ``union`` (BTF_KIND_UNION)."""

    id: int
    """The type id."""
    name: str
    """The tag name; ``''`` for an anonymous union."""
    size: int
    """Size in bytes."""
    members: tuple[Member, ...]
    """The members in record order (every offset is usually 0)."""
    kflag: int = 0
    """1 when member offsets carry bitfield sizes
    (:attr:`Member.bitfield_size`), else 0."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: anonymous)."""

    @class_constant
    def kind(self) -> Literal[Kind.UNION]:
        """:attr:`Kind.UNION <btfkit.kinds.Kind.UNION>`."""
        return Kind.UNION


class Enum(NamedTuple):
    """An ``enum`` with 32-bit values (BTF_KIND_ENUM)."""

    id: int
    """The type id."""
    name: str
    """The tag name; ``''`` for an anonymous enum."""
    size: int
    """Size in bytes (1, 2, 4 or 8)."""
    values: tuple[Enumerator, ...]
    """The enumerators in record order."""
    kflag: int = 0
    """1 when the values are signed, else 0 (see :attr:`Enum.signed`)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: anonymous)."""

    @class_constant
    def kind(self) -> Literal[Kind.ENUM]:
        """:attr:`Kind.ENUM <btfkit.kinds.Kind.ENUM>`."""
        return Kind.ENUM

    @property
    def signed(self) -> bool:
        """True when :attr:`kflag` marks the values as signed."""
        return bool(self.kflag)


class Enum64(NamedTuple):
    """An ``enum`` with 64-bit values (BTF_KIND_ENUM64)."""

    id: int
    """The type id."""
    name: str
    """The tag name; ``''`` for an anonymous enum."""
    size: int
    """Size in bytes (usually 8)."""
    values: tuple[Enumerator, ...]
    """The enumerators in record order."""
    kflag: int = 0
    """1 when the values are signed, else 0 (see :attr:`Enum64.signed`)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0: anonymous)."""

    @class_constant
    def kind(self) -> Literal[Kind.ENUM64]:
        """:attr:`Kind.ENUM64 <btfkit.kinds.Kind.ENUM64>`."""
        return Kind.ENUM64

    @property
    def signed(self) -> bool:
        """True when :attr:`kflag` marks the values as signed."""
        return bool(self.kflag)


class Fwd(NamedTuple):
    """A forward declaration, ``struct NAME;`` or ``union NAME;`` (BTF_KIND_FWD)."""

    id: int
    """The type id."""
    name: str
    """The tag name of the declared struct or union."""
    kflag: int = 0
    """1 for ``union NAME;``, 0 for ``struct NAME;`` (see :attr:`Fwd.is_union`)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""

    @class_constant
    def kind(self) -> Literal[Kind.FWD]:
        """:attr:`Kind.FWD <btfkit.kinds.Kind.FWD>`."""
        return Kind.FWD

    @property
    def is_union(self) -> bool:
        """True for a forward declaration of a union."""
        return bool(self.kflag)


class Typedef(NamedTuple):
    """A ``typedef`` (BTF_KIND_TYPEDEF)."""

    id: int
    """The type id."""
    name: str
    """The typedef's name (``'u32'``)."""
    type: int
    """The id of the aliased type."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid TYPEDEF."""

    @class_constant
    def kind(self) -> Literal[Kind.TYPEDEF]:
        """:attr:`Kind.TYPEDEF <btfkit.kinds.Kind.TYPEDEF>`."""
        return Kind.TYPEDEF


class _ModifierFields(NamedTuple):
    id: int
    """The type id."""
    name: str
    """Always ``''`` for a valid modifier."""
    type: int
    """The id of the modified type (0: ``void``)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0)."""
    kflag: int = 0
    """Always 0 for a valid modifier."""


class Volatile(_ModifierFields):
    """The ``volatile`` qualifier (BTF_KIND_VOLATILE)."""

    __slots__ = ()
    kind: ClassVar[Literal[Kind.VOLATILE]] = Kind.VOLATILE
    """:attr:`Kind.VOLATILE <btfkit.kinds.Kind.VOLATILE>`."""


class Const(_ModifierFields):
    """The ``const`` qualifier (BTF_KIND_CONST)."""

    __slots__ = ()
    kind: ClassVar[Literal[Kind.CONST]] = Kind.CONST
    """:attr:`Kind.CONST <btfkit.kinds.Kind.CONST>`."""


class Restrict(_ModifierFields):
    """The ``restrict`` qualifier (BTF_KIND_RESTRICT)."""

    __slots__ = ()
    kind: ClassVar[Literal[Kind.RESTRICT]] = Kind.RESTRICT
    """:attr:`Kind.RESTRICT <btfkit.kinds.Kind.RESTRICT>`."""


class Func(NamedTuple):
    """A function (BTF_KIND_FUNC): a name and linkage for a :class:`FuncProto`."""

    id: int
    """The type id."""
    name: str
    """The function's name."""
    type: int
    """The id of its :class:`FuncProto`."""
    linkage: int
    """0 static, 1 global, 2 extern (the record's vlen;
    :data:`~btfkit.kinds.FUNC_LINKAGE` names them)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid FUNC."""

    @class_constant
    def kind(self) -> Literal[Kind.FUNC]:
        """:attr:`Kind.FUNC <btfkit.kinds.Kind.FUNC>`."""
        return Kind.FUNC


class FuncProto(NamedTuple):
    """A function prototype (BTF_KIND_FUNC_PROTO): what a function pointer
    points to and what a :class:`Func` names."""

    id: int
    """The type id."""
    name: str
    """Always ``''`` for a valid FUNC_PROTO."""
    type: int
    """The id of the return type (0: ``void``)."""
    params: tuple[Param, ...]
    """The parameters in order; empty for ``(void)``."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section (0)."""
    kflag: int = 0
    """Always 0 for a valid FUNC_PROTO."""

    @class_constant
    def kind(self) -> Literal[Kind.FUNC_PROTO]:
        """:attr:`Kind.FUNC_PROTO <btfkit.kinds.Kind.FUNC_PROTO>`."""
        return Kind.FUNC_PROTO


class Var(NamedTuple):
    """A global or static variable (BTF_KIND_VAR), placed by a :class:`Datasec`."""

    id: int
    """The type id."""
    name: str
    """The variable's name."""
    type: int
    """The id of the variable's type."""
    linkage: int
    """0 static, 1 global (allocated), 2 extern
    (:data:`~btfkit.kinds.VAR_LINKAGE` names them)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid VAR."""

    @class_constant
    def kind(self) -> Literal[Kind.VAR]:
        """:attr:`Kind.VAR <btfkit.kinds.Kind.VAR>`."""
        return Kind.VAR


class Datasec(NamedTuple):
    """A data section of an object (BTF_KIND_DATASEC)."""

    id: int
    """The type id."""
    name: str
    """The ELF section's name (``'.data'``, ``'.bss'``, ``'.kconfig'``)."""
    size: int
    """Size of the section in bytes (0 in an object before libbpf fixes it up)."""
    vars: tuple[VarSecinfo, ...]
    """The variables (and extern functions) in the section."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid DATASEC."""

    @class_constant
    def kind(self) -> Literal[Kind.DATASEC]:
        """:attr:`Kind.DATASEC <btfkit.kinds.Kind.DATASEC>`."""
        return Kind.DATASEC


class Float(NamedTuple):
    """A floating-point type (BTF_KIND_FLOAT)."""

    id: int
    """The type id."""
    name: str
    """The C name (``'double'``)."""
    size: int
    """Size in bytes (2, 4, 8, 12 or 16)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """Always 0 for a valid FLOAT."""

    @class_constant
    def kind(self) -> Literal[Kind.FLOAT]:
        """:attr:`Kind.FLOAT <btfkit.kinds.Kind.FLOAT>`."""
        return Kind.FLOAT


class DeclTag(NamedTuple):
    """A declaration tag (BTF_KIND_DECL_TAG)."""

    id: int
    """The type id."""
    name: str
    """The tag's text (``btf_decl_tag("<name>")``, or the attribute)."""
    type: int
    """The id of the tagged STRUCT, UNION, VAR, FUNC or TYPEDEF."""
    component_idx: int
    """-1 when the tag is on the type itself; else the index of the tagged
    member (STRUCT, UNION) or parameter (FUNC)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """1 when the tag is a plain attribute, ``__attribute__((<name>))``,
    not a ``btf_decl_tag``; else 0."""

    @class_constant
    def kind(self) -> Literal[Kind.DECL_TAG]:
        """:attr:`Kind.DECL_TAG <btfkit.kinds.Kind.DECL_TAG>`."""
        return Kind.DECL_TAG


class TypeTag(NamedTuple):
    """A type tag (BTF_KIND_TYPE_TAG), a modifier in a chain like ``const``."""

    id: int
    """The type id."""
    name: str
    """The tag's text (``btf_type_tag("<name>")``, or the attribute)."""
    type: int
    """The id of the tagged type."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""
    kflag: int = 0
    """1 when the tag is a plain attribute, ``__attribute__((<name>))``
    (printed so by libbpf 1.8, :attr:`~btfkit.releases.Release.c_type_tag_kflag_attr`),
    not a ``btf_type_tag``; else 0."""

    @class_constant
    def kind(self) -> Literal[Kind.TYPE_TAG]:
        """:attr:`Kind.TYPE_TAG <btfkit.kinds.Kind.TYPE_TAG>`."""
        return Kind.TYPE_TAG


class Unknown(NamedTuple):
    """A record of a kind this btfkit does not know, kept as opaque bytes.
    Present only in BTF with a layout section (the 2026 header form), whose
    table gives the record's size; without one such BTF does not load."""

    id: int
    """The type id."""
    name: str
    """The name its name offset points to (``''`` when 0)."""
    kind_number: int
    """The record's kind number (past the last :class:`~btfkit.kinds.Kind`,
    at most 127); what :meth:`btfkit.btf.Btf.kind_of` returns for it."""
    vlen: int
    """The record's vlen (24 bits)."""
    kflag: int
    """The record's kind_flag bit."""
    size_or_type: int
    """The record's third word, uninterpreted."""
    info_data: bytes
    """The ``info_sz`` bytes after the 12-byte header (from the layout table)."""
    elems: bytes
    """The ``vlen * elem_sz`` bytes after those (from the layout table)."""
    name_off: int = 0
    """Offset of :attr:`name` in the string section."""

    @class_constant
    def kind(self) -> Literal[Kind.UNKN]:
        """:attr:`Kind.UNKN <btfkit.kinds.Kind.UNKN>`, as bpftool's
        ``btf_kind_safe()`` reads every kind past the last it knows (and prints
        ``UNKNOWN``); the record's own number is :attr:`kind_number`.  So
        ``t.kind`` is a :class:`~btfkit.kinds.Kind` for every type, and a type
        checker can narrow on it."""
        return Kind.UNKN


BtfType = (
    Void | Int | Ptr | Array | Struct | Union | Enum | Enum64 | Fwd | Typedef | Volatile
    | Const | Restrict | Func | FuncProto | Var | Datasec | Float | DeclTag | TypeTag | Unknown
)
"""Any type :meth:`btfkit.btf.Btf.__getitem__` returns; narrow it with
``t.kind == Kind.X`` or ``isinstance``."""

#: ``btf[0]``.
VOID = Void()

#: Kinds whose ``btf_type.size_or_type`` is a type id.
REF_KINDS = frozenset({
    Kind.PTR, Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.FUNC,
    Kind.FUNC_PROTO, Kind.VAR, Kind.DECL_TAG, Kind.TYPE_TAG,
})
#: Kinds that qualify the type they refer to (C declarator modifiers; the
#: one definition is :data:`btfkit.chains.MODIFIER_KINDS`).
MODIFIER_KINDS = _MODIFIER_KINDS
#: STRUCT and UNION: the kinds with :attr:`Struct.members`.
COMPOSITE_KINDS = frozenset({Kind.STRUCT, Kind.UNION})
#: ENUM and ENUM64: the kinds with :attr:`Enum.values`.
ENUM_KINDS = frozenset({Kind.ENUM, Kind.ENUM64})

__all__ = [
    "Member", "Param", "Enumerator", "VarSecinfo", "Void", "Int", "Ptr", "Array", "Struct",
    "Union", "Enum", "Enum64", "Fwd", "Typedef", "Volatile", "Const", "Restrict", "Func",
    "FuncProto", "Var", "Datasec", "Float", "DeclTag", "TypeTag", "Unknown", "BtfType", "VOID",
    "REF_KINDS", "MODIFIER_KINDS", "COMPOSITE_KINDS", "ENUM_KINDS", "Kind",
    "INT_SIGNED", "INT_CHAR", "INT_BOOL",
]
