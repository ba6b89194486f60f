"""What a computed layout is: :class:`Layout` and :class:`LayoutMember`.

Values only: :mod:`btfkit.layout.compute` fills them the way pahole's BTF
loader and ``class__find_holes`` fill dwarves' ``struct class`` and
``struct class_member``; :mod:`btfkit.layout.fprintf` prints them.  Both
are frozen: a layout, once computed, is not changed by printing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Literal

__all__ = ["DEFAULT_CACHELINE", "Layout", "LayoutMember"]

#: pahole's default cacheline size in bytes (``--cacheline_size``)
DEFAULT_CACHELINE = 64


@dataclass(frozen=True, slots=True)
class LayoutMember:
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
    bitfield_offset: int = 0
    """Bit position inside the storage unit; 0 unless a bitfield."""
    bitfield_size: int = 0
    """Width in bits; 0 unless a bitfield."""
    alignment: int = 0
    """The ``__aligned__`` pahole infers from the offsets
    (``class__infer_alignment``); 0 when there is none."""
    hole: int = 0
    """Bytes left unused after this member (0 in a union)."""
    bit_hole: int = 0
    """Bits left unused after this member (0 in a union)."""
    inner: Layout | None = None
    """The layout of an anonymous struct or union member, laid out inline
    with absolute offsets; ``None`` for every other member (and for
    anonymous members nested more than
    :data:`~btfkit.layout.compute.MAX_ANON_INLINE` levels deep)."""
    rel_offset: int = 0
    """Byte offset inside the enclosing struct or union (pahole's
    ``byte_offset``); for a bitfield that of its storage unit."""

    @property
    def is_bitfield(self) -> bool:
        """Whether the member is a bitfield."""
        return self.bitfield_size != 0


@dataclass(frozen=True, slots=True)
class Layout:
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
    members: tuple[LayoutMember, ...] = ()
    """The members in BTF order."""
    pre_hole: int = 0
    """Bytes unused before the first member (structs only)."""
    pre_bit_hole: int = 0
    """Bits unused before the first member (structs only)."""
    padding: int = 0
    """Bytes unused after the last member (structs only)."""
    bit_padding: int = 0
    """Bits unused in the last bitfield's storage unit (structs only)."""
    nr_holes: int = 0
    """How many byte holes, :attr:`pre_hole` counted (structs only)."""
    nr_bit_holes: int = 0
    """How many bit holes, :attr:`pre_bit_hole` counted (structs only)."""
    alignment: int = 0
    """The ``__aligned__`` pahole infers from the size; 0 when natural."""
    natural_alignment: int = 1
    """pahole's ``tag__natural_alignment``: the largest natural alignment of
    a member (1 at least)."""
    packed: bool = False
    """Whether pahole infers ``__attribute__((__packed__))``
    (``class__infer_packed_attributes``; structs only)."""
    cacheline_size: int = DEFAULT_CACHELINE
    """The cacheline size the layout was computed for, in bytes."""

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
