"""What a computed layout is: :class:`Layout` and :class:`LayoutMember`.

Values only: :mod:`btfkit.layout.compute` fills them the way pahole's BTF
loader and ``class__find_holes`` fill dwarves' ``struct class`` and
``struct class_member``; :mod:`btfkit.layout.fprintf` prints them.  Both
are frozen: a layout, once computed, is not changed by printing it.

They behave as frozen dataclasses with slots would (constructor by position
or keyword, ``==``, ``hash``, ``repr``, pickling, assignment refused with
:class:`FrozenError`), written out instead of made by
:func:`dataclasses.dataclass`: importing :mod:`dataclasses` (and
:mod:`inspect` with it) and generating the methods cost ``btfkit layout``
about a tenth of its run.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any, Iterator, Literal

__all__ = ["DEFAULT_CACHELINE", "FrozenError", "Layout", "LayoutMember"]

#: pahole's default cacheline size in bytes (``--cacheline_size``)
DEFAULT_CACHELINE = 64


class FrozenError(AttributeError):
    """Raised on assigning to (or deleting) a field of a frozen layout value."""


class _Frozen:
    """Equality, hash, repr, pickling and immutability over ``__slots__``
    (the fields, in order), as ``@dataclass(frozen=True, slots=True)``."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, f) for f in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, _Frozen)
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for f, v in zip(self.__slots__, state):
            object.__setattr__(self, f, v)


_set = object.__setattr__


class LayoutMember(_Frozen):
    """One member of a struct or union as pahole sees it (dwarves'
    ``struct class_member`` after ``class__find_holes``)."""

    name: str
    """The member's name; ``''`` for an anonymous struct or union member."""
    type_id: int
    """The member's type id as BTF records it (typedefs and modifiers not
    followed)."""
    offset: int
    """Absolute byte offset from the start of the outermost type; for a
    bitfield the offset of its storage unit."""
    size: int
    """Byte size of the member's type (pahole's ``tag__size``); for a
    bitfield the size of its storage unit; 0 for void, forward
    declarations and functions."""
    bit_offset: int
    """Absolute bit offset, as BTF records it (plus the enclosing anonymous
    members' offsets)."""
    bitfield_offset: int
    """Bit position inside the storage unit; 0 unless a bitfield."""
    bitfield_size: int
    """Width in bits; 0 unless a bitfield."""
    alignment: int
    """The ``__aligned__`` pahole infers from the offsets
    (``class__infer_alignment``); 0 when there is none."""
    hole: int
    """Bytes left unused after this member (0 in a union)."""
    bit_hole: int
    """Bits left unused after this member (0 in a union)."""
    inner: Layout | None
    """The layout of an anonymous struct or union member, laid out inline
    with absolute offsets; ``None`` for every other member (and for
    anonymous members nested more than
    :data:`~btfkit.layout.compute.MAX_ANON_INLINE` levels deep)."""
    rel_offset: int
    """Byte offset inside the enclosing struct or union (pahole's
    ``byte_offset``); for a bitfield that of its storage unit."""

    __slots__ = ("name", "type_id", "offset", "size", "bit_offset", "bitfield_offset", "bitfield_size",
                 "alignment", "hole", "bit_hole", "inner", "rel_offset")
    __match_args__ = ("name", "type_id", "offset", "size", "bit_offset", "bitfield_offset", "bitfield_size",
                 "alignment", "hole", "bit_hole", "inner", "rel_offset")

    def __init__(self, name: str, type_id: int, offset: int, size: int, bit_offset: int,
                 bitfield_offset: int = 0, bitfield_size: int = 0, alignment: int = 0, hole: int = 0,
                 bit_hole: int = 0, inner: Layout | None = None, rel_offset: int = 0) -> None:
        _set(self, "name", name)
        _set(self, "type_id", type_id)
        _set(self, "offset", offset)
        _set(self, "size", size)
        _set(self, "bit_offset", bit_offset)
        _set(self, "bitfield_offset", bitfield_offset)
        _set(self, "bitfield_size", bitfield_size)
        _set(self, "alignment", alignment)
        _set(self, "hole", hole)
        _set(self, "bit_hole", bit_hole)
        _set(self, "inner", inner)
        _set(self, "rel_offset", rel_offset)

    @property
    def is_bitfield(self) -> bool:
        """Whether the member is a bitfield."""
        return self.bitfield_size != 0


class Layout(_Frozen):
    """The layout of one struct or union (dwarves' ``struct class`` after
    ``class__find_holes`` and ``class__infer_packed_attributes``)."""

    type_id: int
    """The STRUCT or UNION's id (typedefs already followed)."""
    name: str
    """Its name; ``''`` when anonymous."""
    kind: Literal["struct", "union"]
    """``'struct'`` or ``'union'``."""
    size: int
    """Its byte size."""
    offset: int
    """Absolute byte offset of this type: 0 for the outermost one, the
    member's offset for an anonymous member laid out inline."""
    members: tuple[LayoutMember, ...]
    """The members in BTF order."""
    pre_hole: int
    """Bytes unused before the first member (structs only)."""
    pre_bit_hole: int
    """Bits unused before the first member (structs only)."""
    padding: int
    """Bytes unused after the last member (structs only)."""
    bit_padding: int
    """Bits unused in the last bitfield's storage unit (structs only)."""
    nr_holes: int
    """How many byte holes, :attr:`pre_hole` counted (structs only)."""
    nr_bit_holes: int
    """How many bit holes, :attr:`pre_bit_hole` counted (structs only)."""
    alignment: int
    """The ``__aligned__`` pahole infers from the size; 0 when natural."""
    natural_alignment: int
    """pahole's ``tag__natural_alignment``: the largest natural alignment of
    a member (1 at least)."""
    packed: bool
    """Whether pahole infers ``__attribute__((__packed__))``
    (``class__infer_packed_attributes``; structs only)."""
    cacheline_size: int
    """The cacheline size the layout was computed for, in bytes."""

    __slots__ = ("type_id", "name", "kind", "size", "offset", "members", "pre_hole", "pre_bit_hole", "padding",
                 "bit_padding", "nr_holes", "nr_bit_holes", "alignment", "natural_alignment", "packed",
                 "cacheline_size")
    __match_args__ = ("type_id", "name", "kind", "size", "offset", "members", "pre_hole", "pre_bit_hole", "padding",
                 "bit_padding", "nr_holes", "nr_bit_holes", "alignment", "natural_alignment", "packed",
                 "cacheline_size")

    def __init__(self, type_id: int, name: str, kind: Literal["struct", "union"], size: int, offset: int,
                 members: tuple[LayoutMember, ...] = (), pre_hole: int = 0, pre_bit_hole: int = 0,
                 padding: int = 0, bit_padding: int = 0, nr_holes: int = 0, nr_bit_holes: int = 0,
                 alignment: int = 0, natural_alignment: int = 1, packed: bool = False,
                 cacheline_size: int = DEFAULT_CACHELINE) -> None:
        _set(self, "type_id", type_id)
        _set(self, "name", name)
        _set(self, "kind", kind)
        _set(self, "size", size)
        _set(self, "offset", offset)
        _set(self, "members", members)
        _set(self, "pre_hole", pre_hole)
        _set(self, "pre_bit_hole", pre_bit_hole)
        _set(self, "padding", padding)
        _set(self, "bit_padding", bit_padding)
        _set(self, "nr_holes", nr_holes)
        _set(self, "nr_bit_holes", nr_bit_holes)
        _set(self, "alignment", alignment)
        _set(self, "natural_alignment", natural_alignment)
        _set(self, "packed", packed)
        _set(self, "cacheline_size", cacheline_size)

    @property
    def cachelines(self) -> int:
        """Cachelines the type spans (its size rounded up)."""
        return (self.size + self.cacheline_size - 1) // self.cacheline_size

    @property
    def holes(self) -> list[tuple[int, int]]:
        """(absolute byte offset, size) of every byte hole, this level only."""
        out = []
        if self.pre_hole:
            out.append((self.offset, self.pre_hole))
        for m in self.members:
            if m.hole:
                out.append((m.offset + m.size, m.hole))
        return out

    def walk(self) -> Iterator[tuple[int, LayoutMember]]:
        """(depth, member) for every member, anonymous ones expanded
        (depth-first, with an explicit stack)."""
        stack: list[tuple[int, Iterator[LayoutMember]]] = [(0, iter(self.members))]
        while stack:
            depth, it = stack[-1]
            m = next(it, None)
            if m is None:
                stack.pop()
                continue
            yield depth, m
            if m.inner is not None:
                stack.append((depth + 1, iter(m.inner.members)))

    def to_dict(self) -> dict[str, Any]:
        """The layout as JSON-ready dicts and lists (``btfkit layout --json``)."""
        return {
            "id": self.type_id, "name": self.name, "kind": self.kind, "size": self.size,
            "offset": self.offset, "alignment": self.alignment or self.natural_alignment,
            "inferred_alignment": self.alignment, "packed": self.packed,
            "cachelines": self.cachelines, "cacheline_size": self.cacheline_size,
            "holes": [{"offset": o, "size": s} for o, s in self.holes],
            "sum_holes": sum(s for _, s in self.holes),
            "pre_bit_hole": self.pre_bit_hole,
            "padding": self.padding, "bit_padding": self.bit_padding,
            "members": [_member_dict(m) for m in self.members],
        }


def _member_dict(m: LayoutMember) -> dict[str, Any]:
    d: dict[str, Any] = {"name": m.name, "type_id": m.type_id, "offset": m.offset, "size": m.size,
                         "bit_offset": m.bit_offset}
    if m.bitfield_size:
        d["bitfield_offset"] = m.bitfield_offset
        d["bitfield_size"] = m.bitfield_size
    if m.alignment:
        d["alignment"] = m.alignment
    d["hole"] = m.hole
    d["bit_hole"] = m.bit_hole
    if m.inner is not None:
        d["layout"] = m.inner.to_dict()
    return d
