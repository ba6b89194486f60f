"""The layout computation: what pahole's BTF loader and ``class__find_holes``
compute for one struct or union.

- :func:`struct_layout` — ``btf_loader.c``'s ``class__fixup_btf_bitfields``
  (byte offsets and storage units of bitfields) and
  ``class__infer_alignment`` (the ``__aligned__`` pahole prints), then
  dwarves.c's ``class__find_holes`` (byte and bit holes, padding) and
  ``class__infer_packed_attributes``.  Anonymous struct and union members
  are laid out inline, their offsets absolute, as pahole prints them.
- :func:`find_padding_of` — the trailing padding of a member's struct type
  (``XXX last struct has N bytes of padding``).

Type and decl tags are transparent: they change nothing in a layout
(pahole 1.24 cannot read them).
"""

from __future__ import annotations

from .._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import BtfError, BtfValidationError, LimitError
from ..kinds import Kind, kind_name
from ..types import Member, Struct, Union
from .model import DEFAULT_CACHELINE, Layout, LayoutMember
from .sizes import natural_alignment, strip_mods, type_size

if TYPE_CHECKING:
    from ..btf import Btf

__all__ = ["struct_layout", "resolve_composite", "find_padding_of", "MAX_LAYOUT_MEMBERS", "MAX_ANON_INLINE"]

#: At most this many members in one layout, anonymous members laid out
#: inline included (the largest vmlinux struct needs a few hundred); more
#: raises LimitError instead of printing for hours.
MAX_LAYOUT_MEMBERS = 20_000
#: Anonymous struct and union members are laid out inline this many levels
#: deep; deeper ones get no :attr:`~btfkit.layout.LayoutMember.inner` (the
#: printer lays them out when it reaches them, under its own bound,
#: :data:`~btfkit.layout.fprintf.MAX_LAYOUT_NEST`).
MAX_ANON_INLINE = 64

_COMPOSITE = frozenset((int(Kind.STRUCT), int(Kind.UNION)))
_BITFIELD_STORAGE = frozenset(int(k) for k in (Kind.INT, Kind.ENUM, Kind.ENUM64, Kind.FLOAT))


def resolve_composite(btf: Btf, tid: int) -> int:
    """The struct or union a name leads to, through typedefs and qualifiers.

    :raises ~btfkit.errors.BtfError: it leads to another kind."""
    s = strip_mods(btf, tid)
    if btf.kind_of(s) not in _COMPOSITE:
        raise BtfError(f"type [{tid}] is not a struct or union (it is {kind_name(btf.kind_of(s))})",
                       source=btf.source)
    return s


def _composite(btf: Btf, tid: int) -> Struct | Union:
    """``btf[tid]``, which resolve_composite found to be a struct or union."""
    t = btf[tid]
    assert t.kind == Kind.STRUCT or t.kind == Kind.UNION
    return t


class _Storage(NamedTuple):
    """One member's storage as class__fixup_btf_bitfields sees it."""

    type_id: int  # the member's type, typedefs and modifiers stripped
    kind: int  # its kind (UNKN for void)
    size: int  # its size: the storage unit of a bitfield
    byte_offset: int  # byte offset of the storage unit in the struct
    bitfield_offset: int  # bit offset inside the storage unit


def _storage(btf: Btf, m: Member) -> _Storage:
    """class__fixup_btf_bitfields for one member."""
    st = strip_mods(btf, m.type)
    sk = btf.kind_of(st) if st else Kind.UNKN
    size = type_size(btf, st) if st else 0
    byte_off = m.offset // 8
    bf_off = 0
    if size and m.bitfield_size and sk in _BITFIELD_STORAGE:
        bits = size * 8
        byte_off = m.offset // bits * bits // 8
        bf_off = m.offset - byte_off * 8
    return _Storage(st, sk, size, byte_off, bf_off)


def _infer_alignment(byte_offset: int, natural: int, smallest_offset: int, cacheline: int) -> int:
    """dwarves' class__infer_alignment (btf_loader.c), 32-bit arithmetic included."""
    delta = (byte_offset - smallest_offset) & 0xFFFFFFFF
    alignment = 0
    if delta:
        if byte_offset % 2 == 0:
            # 1 << (32 - clz(delta)); x86 masks the shift count to 5 bits
            alignment = 1 << (delta.bit_length() & 31)
    if alignment <= natural or alignment == 1:
        return 0
    if alignment < cacheline and cacheline % alignment == 0 and byte_offset % cacheline == 0:
        return cacheline
    return alignment


def struct_layout(btf: Btf, type_id: int, *, cacheline: int = DEFAULT_CACHELINE, base: int = 0) -> Layout:
    """Lay out the STRUCT or UNION ``type_id`` (typedefs are followed) at
    absolute byte offset ``base`` (0 for an outermost type).

    Anonymous struct and union members are laid out inline, as pahole
    prints them, to :data:`MAX_ANON_INLINE` levels.

    :raises ~btfkit.errors.BtfError: ``type_id`` is not a struct or union,
        or ``cacheline`` is not positive.
    :raises ~btfkit.errors.BtfValidationError: a struct contains itself by
        value.
    :raises ~btfkit.errors.LimitError: the layout has more than
        :data:`MAX_LAYOUT_MEMBERS` members."""
    if cacheline <= 0:
        raise BtfError(f"cacheline size must be positive, not {cacheline}")
    return _LayoutRun(btf, cacheline).layout(type_id, base, 0, frozenset())


class _LayoutRun:
    """One :func:`struct_layout` call: what its nested layouts share."""

    def __init__(self, btf: Btf, cacheline: int) -> None:
        self.btf = btf
        self.cacheline = cacheline
        self.natural: dict[int, int] = {}  # natural_alignment's cache
        self.budget = MAX_LAYOUT_MEMBERS  # members left (MAX_LAYOUT_MEMBERS)

    def layout(self, type_id: int, base: int, depth: int, path: frozenset[int]) -> Layout:
        """btf_loader.c's class__fixup_btf_bitfields and class__infer_alignment,
        then class__find_holes and class__infer_packed_attributes for a struct;
        recursive for anonymous members (at most MAX_ANON_INLINE deep)."""
        btf = self.btf
        cacheline = self.cacheline
        nat = self.natural
        tid = resolve_composite(btf, type_id)
        if tid in path:
            raise BtfValidationError(f"type [{tid}]: struct or union contains itself", source=btf.source)
        path = path | {tid}
        t = _composite(btf, tid)
        self.budget -= len(t.members)
        if self.budget < 0:
            raise LimitError(f"type [{type_id}]: its layout expands to more than {MAX_LAYOUT_MEMBERS} members "
                             "(anonymous types nested in a way that repeats them): btfkit stops here",
                             source=btf.source)
        natural = natural_alignment(btf, tid, nat)
        # class__fixup_btf_bitfields: byte offsets, storage sizes, inferred alignment
        smallest = 0
        storage: list[_Storage] = []
        aligns: list[int] = []
        inners: list[Layout | None] = []
        for m in t.members:
            s = _storage(btf, m)
            align = 0
            if s.size:
                align = _infer_alignment(s.byte_offset, natural_alignment(btf, s.type_id, nat), smallest, cacheline)
                smallest = s.byte_offset + s.size
            inner = None
            if s.kind in _COMPOSITE and not btf[s.type_id].name and depth < MAX_ANON_INLINE:
                inner = self.layout(s.type_id, base + s.byte_offset, depth + 1, path)
            storage.append(s)
            aligns.append(align)
            inners.append(inner)
        alignment = _infer_alignment(t.size, natural, smallest, cacheline)
        holes = _find_holes(t.size, t.members, storage) if t.kind == Kind.STRUCT else _NO_HOLES
        members = tuple(
            LayoutMember(m.name, m.type, base + s.byte_offset, s.size, base * 8 + m.offset, s.bitfield_offset,
                         m.bitfield_size, align, hole, bit_hole, inner, s.byte_offset)
            for m, s, align, inner, (hole, bit_hole)
            in zip(t.members, storage, aligns, inners, holes.after or ((0, 0),) * len(storage)))
        packed = t.kind == Kind.STRUCT and _infer_packed(btf, members, t.size, holes, nat)
        return Layout(tid, t.name, "struct" if t.kind == Kind.STRUCT else "union", t.size, base, members,
                      holes.pre_hole, holes.pre_bit_hole, holes.padding, holes.bit_padding, holes.nr_holes,
                      holes.nr_bit_holes, alignment, natural, packed, cacheline)


class _Holes(NamedTuple):
    """What class__find_holes finds in one struct."""

    after: tuple[tuple[int, int], ...]  # (byte hole, bit hole) after each member
    pre_hole: int
    pre_bit_hole: int
    nr_holes: int
    nr_bit_holes: int
    padding: int
    bit_padding: int


_NO_HOLES = _Holes((), 0, 0, 0, 0, 0, 0)  # a union's


def _find_holes(size: int, members: tuple[Member, ...], storage: list[_Storage]) -> _Holes:
    """dwarves' class__find_holes, on pahole's byte offsets and storage sizes."""
    cur_bitfield_end = size * 8
    cur_bitfield_size = 0
    last_seen_bit = 0
    in_bitfield = False
    pre_hole = pre_bit_hole = nr_holes = nr_bit_holes = 0
    after: list[tuple[int, int]] = []
    for m, s in zip(members, storage):
        bit_start = m.offset
        if m.bitfield_size:
            bit_end = bit_start + m.bitfield_size
        else:
            bit_end = bit_start + s.size * 8
        bit_holes = byte_holes = 0
        if in_bitfield:
            bitfield_end = min(bit_start, cur_bitfield_end)
            bit_holes = bitfield_end - last_seen_bit
            last_seen_bit = bitfield_end
        if m.bitfield_size:
            aligned_start = s.byte_offset * 8
            if last_seen_bit < aligned_start <= bit_start:
                byte_holes = s.byte_offset - last_seen_bit // 8
                last_seen_bit = aligned_start
            bit_holes += bit_start - last_seen_bit
        else:
            byte_holes = bit_start // 8 - last_seen_bit // 8
        last_seen_bit = bit_end
        if m.bitfield_size:
            in_bitfield = True
            bit_size = s.size * 8
            if bit_end > cur_bitfield_end or bit_size > cur_bitfield_size:
                cur_bitfield_size = bit_size
                cur_bitfield_end = s.byte_offset * 8 + cur_bitfield_size
                if bit_end > cur_bitfield_end:
                    cur_bitfield_end += cur_bitfield_size
        else:
            in_bitfield = False
            cur_bitfield_size = 0
            cur_bitfield_end = bit_end
        # the hole before this member belongs to the one before it
        if after:
            after[-1] = (byte_holes, bit_holes)
        else:
            pre_hole, pre_bit_hole = byte_holes, bit_holes
        after.append((0, 0))
        if bit_holes:
            nr_bit_holes += 1
        if byte_holes:
            nr_holes += 1
    if in_bitfield:
        bitfield_end = min(size * 8, cur_bitfield_end)
        bit_padding = bitfield_end - last_seen_bit
        last_seen_bit = bitfield_end
    else:
        bit_padding = 0
    return _Holes(tuple(after), pre_hole, pre_bit_hole, nr_holes, nr_bit_holes, size - last_seen_bit // 8,
                  bit_padding)


def _infer_packed(btf: Btf, members: tuple[LayoutMember, ...], size: int, holes: _Holes,
                  nat: dict[int, int]) -> bool:
    """dwarves' class__infer_packed_attributes (without the global marks)."""
    if holes.padding != 0 or holes.nr_holes != 0:
        return False
    max_nat = 1
    for lm in members:
        na = natural_alignment(btf, strip_mods(btf, lm.type_id), nat)
        if na == 1:
            continue
        max_nat = max(max_nat, na)
        if lm.rel_offset % na:
            return True
    return size % max_nat != 0


def find_padding_of(btf: Btf, tid: int, cacheline: int, cache: dict[int, int]) -> int:
    """Trailing padding of the struct ``tid`` (for ``XXX last struct has N
    bytes of padding``): class__find_holes on its own members.  ``cache``
    (id → padding) is read and filled; ``cacheline`` does not change it."""
    padding = cache.get(tid)
    if padding is None:
        t = _composite(btf, tid)
        padding = cache[tid] = _find_holes(t.size, t.members, [_storage(btf, m) for m in t.members]).padding
    return padding
