"""Memory layout of structs and unions, as pahole shows it.

:func:`struct_layout` computes, for one STRUCT or UNION, what pahole's BTF
loader and ``class__find_holes`` compute: each member's byte offset, size and
bitfield position, the byte and bit holes after it, trailing padding and bit
padding, the alignment pahole infers from the offsets, and whether the struct
must be packed.  Anonymous struct and union members are laid out recursively
(their offsets absolute, as pahole prints them).  Type and decl tags are
transparent: they change nothing in a layout (pahole 1.24 cannot read them).

:func:`format_pahole` renders a layout as ``pahole -C NAME`` text, following
dwarves' ``__class__fprintf``: tabs, the ``/* offset size */`` columns, hole
and cacheline comments and the closing statistics.

No rich here: the CLI colours the lines it gets back (:func:`pahole_lines`
gives each line a style tag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from .chains import MODS_AND_TYPEDEFS, skip_chain
from .errors import BtfError, BtfValidationError, LimitError
from .kinds import Kind, kind_name

if TYPE_CHECKING:
    from .btf import Btf

DEFAULT_CACHELINE = 64
#: At most this many members in one layout, anonymous members laid out
#: inline included (the largest vmlinux struct needs a few hundred); more
#: raises LimitError instead of printing for hours.
MAX_LAYOUT_MEMBERS = 20_000
#: At most this many levels of declarations inside declarations in one
#: layout (anonymous structs in anonymous structs, array dimensions), and
#: at most MAX_NAME_STEPS steps to spell the type names of one layout
#: (prototypes whose parameters are prototypes).
MAX_LAYOUT_NEST = 64
MAX_NAME_STEPS = 200_000

_MODS = MODS_AND_TYPEDEFS
_TYPE_TAG = frozenset((int(Kind.TYPE_TAG),))


@dataclass
class LayoutMember:
    """One member as pahole sees it.

    ``offset`` is the absolute byte offset from the start of the outermost
    type; for a bitfield it is the offset of its storage unit and
    ``bitfield_offset`` the bit position inside that unit.  ``size`` is the
    byte size of the member's type (the storage unit for a bitfield).
    ``hole``/``bit_hole``: bytes/bits left unused after this member.
    ``alignment``: an ``__aligned__`` pahole infers from the offsets (0: none).
    ``inner``: the layout of an anonymous struct or union member.
    """

    name: str
    type_id: int
    offset: int
    size: int
    bit_offset: int  # absolute, from BTF
    bitfield_offset: int = 0
    bitfield_size: int = 0
    alignment: int = 0
    hole: int = 0
    bit_hole: int = 0
    inner: "Layout | None" = None
    rel_offset: int = 0  # byte offset inside the parent (pahole's byte_offset)

    @property
    def is_bitfield(self) -> bool:
        return self.bitfield_size != 0


@dataclass
class Layout:
    """The layout of one struct or union (``kind`` 'struct' or 'union')."""

    type_id: int
    name: str
    kind: str
    size: int
    offset: int  # absolute byte offset of this type (0 for the outermost)
    members: list[LayoutMember] = field(default_factory=list)
    pre_hole: int = 0
    pre_bit_hole: int = 0
    padding: int = 0
    bit_padding: int = 0
    nr_holes: int = 0
    nr_bit_holes: int = 0
    alignment: int = 0  # inferred __aligned__ (0: natural)
    natural_alignment: int = 1
    packed: bool = False
    cacheline_size: int = DEFAULT_CACHELINE

    @property
    def cachelines(self) -> int:
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
        """(depth, member) for every member, anonymous ones expanded."""
        for m in self.members:
            yield 0, m
            if m.inner is not None:
                for d, sub in m.inner.walk():
                    yield d + 1, sub

    def to_dict(self) -> dict:
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


def _member_dict(m: LayoutMember) -> dict:
    d = {"name": m.name, "type_id": m.type_id, "offset": m.offset, "size": m.size,
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


# -- type helpers (pahole's view of BTF) ----------------------------------------------------

def _loop(btf: "Btf", tid: int, what: str) -> BtfValidationError:
    return BtfValidationError(f"type [{tid}]: {what} loop", source=btf.source)


def strip_mods(btf: "Btf", tid: int) -> int:
    """Follow typedefs, qualifiers and type tags (pahole's
    tag__strip_typedefs_and_modifiers; libbpf's skip_mods_and_typedefs).

    :raises ~btfkit.chains.ChainLoopError: the chain loops."""
    return skip_chain(btf, tid, MODS_AND_TYPEDEFS)


def type_size(btf: "Btf", tid: int) -> int:
    """Byte size of a type as pahole's tag__size computes it (0 for void,
    forward declarations and functions); pointers have the BTF's pointer
    size (libbpf's btf__pointer_size, 8 when unknown)."""
    start = tid
    left = btf.type_count
    nelems = 1
    while True:
        left -= 1
        if left < 0:
            raise _loop(btf, start, "reference")
        if tid == 0:
            return 0
        k = btf.kind_of(tid)
        if k in _MODS:
            tid = btf[tid].type
            continue
        if k == Kind.PTR:
            return nelems * btf.ptr_size_or_host
        if k == Kind.ARRAY:
            a = btf[tid]
            nelems *= a.nelems
            tid = a.type
            continue
        if k in (Kind.INT, Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64, Kind.FLOAT, Kind.DATASEC):
            return nelems * btf[tid].size
        return 0


def natural_alignment(btf: "Btf", tid: int, _cache: dict | None = None) -> int:
    """pahole's tag__natural_alignment of an already stripped type."""
    cache = {} if _cache is None else _cache
    return _natural(btf, tid, cache, 0)


def _natural(btf, tid: int, cache: dict, depth: int) -> int:
    if depth > 200:
        return 1
    k = btf.kind_of(tid) if tid else Kind.UNKN
    a = 1
    if k == Kind.PTR:
        a = btf.ptr_size_or_host
    elif k in (Kind.INT, Kind.FLOAT, Kind.ENUM, Kind.ENUM64):
        a = btf[tid].size
    elif k in (Kind.STRUCT, Kind.UNION):
        if tid in cache:
            return cache[tid]
        cache[tid] = 1  # cycles cannot happen by value, but be safe
        best = 0
        for m in btf[tid].members:
            na = _natural(btf, strip_mods(btf, m.type), cache, depth + 1)
            best = max(best, na)
        a = best
        cache[tid] = a or 1
    elif k == Kind.ARRAY:
        a = _natural(btf, strip_mods(btf, btf[tid].type), cache, depth + 1)
    return a or 1


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


# -- the layout -----------------------------------------------------------------------------

def resolve_composite(btf: "Btf", tid: int) -> int:
    """The struct or union a name leads to, through typedefs and qualifiers."""
    s = strip_mods(btf, tid)
    if btf.kind_of(s) not in (Kind.STRUCT, Kind.UNION):
        raise BtfError(f"type [{tid}] is not a struct or union (it is {kind_name(btf.kind_of(s))})",
                       source=btf.source)
    return s


def _storage(btf: "Btf", m) -> tuple[int, int, int, int, int]:
    """class__fixup_btf_bitfields for one member: (stripped type, its kind,
    storage size, byte offset of the storage unit, bit offset inside it)."""
    st = strip_mods(btf, m.type)
    sk = btf.kind_of(st) if st else Kind.UNKN
    size = type_size(btf, st) if st else 0
    byte_off = m.offset // 8
    bf_off = 0
    if size and m.bitfield_size and sk in (Kind.INT, Kind.ENUM, Kind.ENUM64, Kind.FLOAT):
        bits = size * 8
        byte_off = m.offset // bits * bits // 8
        bf_off = m.offset - byte_off * 8
    return st, sk, size, byte_off, bf_off


def struct_layout(btf: "Btf", type_id: int, *, cacheline: int = DEFAULT_CACHELINE,
                  _base: int = 0, _nat: dict | None = None, _depth: int = 0,
                  _path: frozenset[int] = frozenset(), _budget: list[int] | None = None) -> Layout:
    """Lay out the STRUCT or UNION ``type_id`` (typedefs are followed).

    Anonymous struct and union members are laid out inline, as pahole
    prints them, to 64 levels.  A struct that contains itself by value
    raises :class:`~btfkit.errors.BtfValidationError`; a layout of more than
    :data:`MAX_LAYOUT_MEMBERS` members raises
    :class:`~btfkit.errors.LimitError`."""
    if cacheline <= 0:
        raise BtfError(f"cacheline size must be positive, not {cacheline}")
    tid = resolve_composite(btf, type_id)
    if tid in _path:
        raise BtfValidationError(f"type [{tid}]: struct or union contains itself", source=btf.source)
    path = _path | {tid}
    budget = [MAX_LAYOUT_MEMBERS] if _budget is None else _budget
    t = btf[tid]
    budget[0] -= len(t.members)
    if budget[0] < 0:
        raise LimitError(f"type [{type_id}]: its layout expands to more than {MAX_LAYOUT_MEMBERS} members "
                         "(anonymous types nested in a way that repeats them): btfkit stops here",
                         source=btf.source)
    nat = {} if _nat is None else _nat
    is_struct = t.kind == Kind.STRUCT
    lay = Layout(tid, t.name, "struct" if is_struct else "union", t.size, _base,
                 cacheline_size=cacheline)
    lay.natural_alignment = _natural(btf, tid, nat, 0)

    # class__fixup_btf_bitfields: byte offsets, storage sizes, inferred alignment
    smallest = 0
    for m in t.members:
        st, sk, size, byte_off, bf_off = _storage(btf, m)
        align = 0
        if size:
            align = _infer_alignment(byte_off, _natural(btf, st, nat, 0), smallest, cacheline)
            smallest = byte_off + size
        lm = LayoutMember(m.name, m.type, _base + byte_off, size, _base * 8 + m.offset,
                          bf_off, m.bitfield_size, align, rel_offset=byte_off)
        if sk in (Kind.STRUCT, Kind.UNION) and not btf[st].name and _depth < 64:
            lm.inner = struct_layout(btf, st, cacheline=cacheline, _base=_base + byte_off,
                                     _nat=nat, _depth=_depth + 1, _path=path, _budget=budget)
        lay.members.append(lm)
    lay.alignment = _infer_alignment(t.size, lay.natural_alignment, smallest, cacheline)
    if is_struct:
        _find_holes(lay, t)
        lay.packed = _infer_packed(btf, lay, nat)
    return lay


def _find_holes(lay: Layout, t) -> None:
    """dwarves' class__find_holes, on pahole's byte offsets and storage sizes."""
    cur_bitfield_end = lay.size * 8
    cur_bitfield_size = 0
    last_seen_bit = 0
    in_bitfield = False
    last = None
    for lm, m in zip(lay.members, t.members):
        bit_start = m.offset
        if lm.bitfield_size:
            bit_end = bit_start + lm.bitfield_size
        else:
            bit_end = bit_start + lm.size * 8
        bit_holes = byte_holes = 0
        if in_bitfield:
            bitfield_end = min(bit_start, cur_bitfield_end)
            bit_holes = bitfield_end - last_seen_bit
            last_seen_bit = bitfield_end
        if lm.bitfield_size:
            aligned_start = lm.rel_offset * 8
            if last_seen_bit < aligned_start <= bit_start:
                byte_holes = lm.rel_offset - last_seen_bit // 8
                last_seen_bit = aligned_start
            bit_holes += bit_start - last_seen_bit
        else:
            byte_holes = bit_start // 8 - last_seen_bit // 8
        last_seen_bit = bit_end
        if lm.bitfield_size:
            in_bitfield = True
            bit_size = lm.size * 8
            if bit_end > cur_bitfield_end or bit_size > cur_bitfield_size:
                cur_bitfield_size = bit_size
                cur_bitfield_end = lm.rel_offset * 8 + cur_bitfield_size
                if bit_end > cur_bitfield_end:
                    cur_bitfield_end += cur_bitfield_size
        else:
            in_bitfield = False
            cur_bitfield_size = 0
            cur_bitfield_end = bit_end
        if last is not None:
            last.hole = byte_holes
            last.bit_hole = bit_holes
        else:
            lay.pre_hole = byte_holes
            lay.pre_bit_hole = bit_holes
        if bit_holes:
            lay.nr_bit_holes += 1
        if byte_holes:
            lay.nr_holes += 1
        last = lm
    if in_bitfield:
        bitfield_end = min(lay.size * 8, cur_bitfield_end)
        lay.bit_padding = bitfield_end - last_seen_bit
        last_seen_bit = bitfield_end
    else:
        lay.bit_padding = 0
    lay.padding = lay.size - last_seen_bit // 8


def _infer_packed(btf: "Btf", lay: Layout, nat: dict) -> bool:
    """dwarves' class__infer_packed_attributes (without the global marks)."""
    if lay.padding != 0 or lay.nr_holes != 0:
        return False
    max_nat = 1
    for lm in lay.members:
        st = strip_mods(btf, lm.type_id)
        na = _natural(btf, st, nat, 0)
        if na == 1:
            continue
        max_nat = max(max_nat, na)
        if lm.rel_offset % na:
            return True
    if lay.size % max_nat:
        return True
    return False


def find_padding_of(btf: "Btf", tid: int, cacheline: int, cache: dict) -> int:
    """Trailing padding of a struct type (for 'XXX last struct has N bytes of padding')."""
    if tid in cache:
        return cache[tid]
    t = btf[tid]
    lay = Layout(tid, t.name, "struct", t.size, 0, cacheline_size=cacheline)
    for m in t.members:
        _, _, size, byte_off, bf_off = _storage(btf, m)
        lay.members.append(LayoutMember(m.name, m.type, byte_off, size, m.offset, bf_off,
                                        m.bitfield_size, rel_offset=byte_off))
    _find_holes(lay, t)
    cache[tid] = lay.padding
    return lay.padding


def _enum_value(t, value: int) -> int:
    """pahole 1.24 prints enumerators unsigned, at the width of the kind."""
    return value & (0xFFFFFFFF if t.kind == Kind.ENUM else (1 << 64) - 1)


def _lj(s: str, width: int) -> str:
    """C's ``%-*s``: a negative width left-justifies too."""
    return s.ljust(abs(width))


# -- pahole's type names --------------------------------------------------------------------

class _Names:
    """dwarves' __tag__name / type__fprintf on BTF ids (type tags transparent)."""

    def __init__(self, btf: "Btf") -> None:
        self.btf = btf
        self.steps = MAX_NAME_STEPS

    def _step(self, tid: int) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise LimitError(f"type [{tid}]: its type name takes more than {MAX_NAME_STEPS} steps to spell "
                             "(prototypes nested in their own parameters): btfkit stops here",
                             source=self.btf.source)

    def skip_tags(self, tid: int) -> int:
        return skip_chain(self.btf, tid, _TYPE_TAG)

    def name(self, tid: int, depth: int = 0) -> str:
        """__tag__name."""
        btf = self.btf
        self._step(tid)
        tid = self.skip_tags(tid)
        if tid == 0:
            return "void"
        if depth > 64:
            return "<loop>"
        t = btf[tid]
        k = t.kind
        if k in (Kind.INT, Kind.FLOAT):
            return t.name
        if k == Kind.PTR:
            target = self.skip_tags(t.type)
            if target == 0:
                return "void *"
            const_pointer = ""
            tt = btf[target]
            if tt.kind == Kind.CONST:
                nxt = self.skip_tags(tt.type)
                if nxt and btf.kind_of(nxt) == Kind.PTR:
                    const_pointer = "const "
                    target = nxt
            return f"{self.name(target, depth + 1)} {const_pointer}*"
        if k in (Kind.VOLATILE, Kind.CONST, Kind.RESTRICT):
            inner = self.name(t.type, depth + 1)
            prefix = {Kind.VOLATILE: "volatile ", Kind.CONST: "const "}.get(k, "")
            suffix = " restrict" if k == Kind.RESTRICT else ""
            return f"{prefix}{inner}{suffix} "
        if k == Kind.ARRAY:
            return self.name(t.type, depth + 1)
        if k == Kind.FUNC_PROTO:
            return f"{self.name(t.type, depth + 1)} ()" + self.params(t, depth)
        if k == Kind.STRUCT:
            return f"struct {t.name}"
        if k == Kind.UNION:
            return f"union {t.name}"
        if k in (Kind.ENUM, Kind.ENUM64):
            return f"enum {t.name}"
        if k == Kind.FWD:
            return f"{'union' if t.kflag else 'struct'} {t.name}"
        return t.name

    def params(self, proto, depth: int = 0) -> str:
        """ftype__fprintf_parms (indent 0)."""
        btf = self.btf
        self._step(proto.id)
        if depth > 64:
            # a prototype among its own parameters (pahole recurses forever)
            return "(<loop>)"
        parts = []
        variadic = False
        for p in proto.params:
            if p.type == 0 and not p.name:
                variadic = True
                continue
            ptid = self.skip_tags(p.type)
            pname = p.name or None
            if ptid and btf.kind_of(ptid) == Kind.PTR:
                pt = self.skip_tags(btf[ptid].type)
                if pt and btf.kind_of(pt) == Kind.FUNC_PROTO:
                    parts.append(self.ftype(btf[pt], pname, is_pointer=True, spacing=0, depth=depth + 1))
                    continue
            elif ptid and btf.kind_of(ptid) == Kind.FUNC_PROTO:
                parts.append(self.ftype(btf[ptid], pname, is_pointer=False, spacing=0, depth=depth + 1))
                continue
            s = self.name(ptid, depth + 1)
            parts.append(s + (" " + pname if pname else ""))
        if not parts:
            # pahole: no named parameter, vararg marker or not, is (void)
            return "(void)"
        if variadic:
            return "(" + ", ".join(parts) + (", ..." if parts else "...") + ")"
        return "(" + ", ".join(parts) + ")"

    def ftype(self, proto, name: str | None, *, is_pointer: bool, spacing: int, depth: int = 0) -> str:
        """ftype__fprintf with is_prototype true."""
        ret = self.name(proto.type, depth + 1)
        return f"{_lj(ret, spacing)} ({'*' if is_pointer else ''}{name or ''})" + self.params(proto, depth)


# -- pahole -C text -------------------------------------------------------------------------

TYPE_SPACING = 26
NAME_SPACING = 23


class _Printer:
    """dwarves_fprintf.c's struct/union printer on a computed Layout."""

    def __init__(self, btf: "Btf", cacheline: int) -> None:
        self.btf = btf
        self.names = _Names(btf)
        self.cacheline = cacheline
        self.buf: list[str] = []
        self.nchars = 0
        self.cacheline_pos = 0
        self.pad_cache: dict = {}
        self.packed_marks: set[int] = set()
        self.name_spacing = NAME_SPACING
        self.nest = 0  # type_decl calls under way (MAX_LAYOUT_NEST)

    # output: pieces of text; lines are classified for colour at the end
    def w(self, s: str) -> int:
        self.buf.append(s)
        self.nchars += len(s)
        return len(s)

    def finish(self) -> list[tuple[str, str]]:
        text = "".join(self.buf)
        return [(line, _line_style(line)) for line in text.split("\n")]

    # -- members --------------------------------------------------------------------
    def type_decl(self, tid: int, name: str | None, spacing: int, *, last_member: bool,
                  first_member: bool, union_member: bool, indent: int, base: int,
                  inner: Layout | None = None) -> int:
        """type__fprintf for a member type; returns characters printed.
        Declarations nested more than MAX_LAYOUT_NEST levels deep raise
        LimitError."""
        self.nest += 1
        try:
            if self.nest > MAX_LAYOUT_NEST:
                raise LimitError(f"type [{tid}]: declarations nested more than {MAX_LAYOUT_NEST} levels deep "
                                 "(anonymous structs or array dimensions): btfkit stops here",
                                 source=self.btf.source)
            return self._type_decl(tid, name, spacing, last_member=last_member, first_member=first_member,
                                   union_member=union_member, indent=indent, base=base, inner=inner)
        finally:
            self.nest -= 1

    def _type_decl(self, tid: int, name: str | None, spacing: int, *, last_member: bool,
                   first_member: bool, union_member: bool, indent: int, base: int,
                   inner: Layout | None = None) -> int:
        btf = self.btf
        names = self.names
        start = self.nchars
        direct = True  # still at the member's own type (pahole's inner_struct conf)
        tid = names.skip_tags(tid)
        while True:
            if tid == 0:
                self.w(f"{_lj('void', spacing)} {name or ''}")
                break
            t = btf[tid]
            k = t.kind
            if k == Kind.PTR:
                pt = names.skip_tags(t.type)
                pk = btf.kind_of(pt) if pt else Kind.UNKN
                if pk == Kind.FUNC_PROTO:
                    self.w(names.ftype(btf[pt], name, is_pointer=True, spacing=spacing))
                    break
                if pk in (Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64) and not btf[pt].name and direct:
                    # pahole expands a pointer to an anonymous type in place,
                    # with offsets relative to the pointed-to type
                    name = f"* {name or ''}"
                    spacing -= 8
                    if pk in (Kind.ENUM, Kind.ENUM64):
                        self.enum_body(btf[pt], indent, suffix=name)
                    else:
                        self.composite(struct_layout(btf, pt, cacheline=self.cacheline), indent, spacing - 8,
                                       suffix=name, stats=False, in_union=union_member)
                    break
                self.w(f"{_lj(names.name(tid), spacing)} {name or ''}")
                break
            if k == Kind.FUNC_PROTO:
                self.w(names.ftype(t, name, is_pointer=False, spacing=spacing))
                break
            if k == Kind.CONST:
                self.w("const ")
                spacing -= 6
                tid = names.skip_tags(t.type)
                direct = False
                continue
            if k == Kind.ARRAY:
                self.array_decl(tid, name, spacing, last_member=last_member, first_member=first_member,
                                union_member=union_member, indent=indent, base=base)
                break
            if k in (Kind.STRUCT, Kind.UNION):
                if t.name:
                    kw = "struct" if k == Kind.STRUCT else "union"
                    self.w(f"{kw} {_lj(t.name, spacing - len(kw) - 1)} {name or ''}")
                    break
                if inner is None or inner.type_id != tid:
                    inner = struct_layout(btf, tid, cacheline=self.cacheline, _base=base)
                self.composite(inner, indent, spacing - 8, suffix=name if direct else None,
                               stats=not direct, in_union=union_member)
                break
            if k in (Kind.ENUM, Kind.ENUM64):
                if t.name:
                    self.w(f"enum {_lj(t.name, spacing - 5)} {name or ''}")
                    break
                self.enum_body(t, indent, suffix=name if direct else None)
                break
            if k == Kind.FWD:
                kw = "union" if t.kflag else "struct"
                self.w(f"{kw} {_lj(t.name, spacing - len(kw) - 1)} {name or ''}")
                break
            self.w(f"{_lj(names.name(tid), spacing)} {name or ''}")
            break
        return self.nchars - start

    def array_decl(self, tid: int, name: str | None, spacing: int, *, last_member: bool,
                   first_member: bool, union_member: bool, indent: int, base: int) -> None:
        btf = self.btf
        a = btf[tid]
        et = self.names.skip_tags(a.type)
        if a.nelems == 0 and et and btf.kind_of(et) == Kind.CONST:
            et = self.names.skip_tags(btf[et].type)
        self.type_decl(et, name, spacing, last_member=last_member, first_member=first_member,
                       union_member=union_member, indent=indent, base=base)
        single = last_member and first_member
        if a.nelems != 0 or not last_member or single or union_member:
            self.w(f"[{a.nelems}]")
        else:
            self.w("[]")

    def enum_body(self, t, indent: int, suffix: str | None) -> int:
        printed = self.w("enum {\n" if t.values else "enum")
        if not t.values:
            return printed
        width = max(len(v.name) for v in t.values)
        tabs = "\t" * indent
        for v in t.values:
            val = _enum_value(t, v.value)
            printed += self.w(f"{tabs}\t{_lj(v.name, width)} = {val},\n")
        printed += self.w(f"{tabs}}}")
        if t.size != 4:
            printed += self.w(" __attribute__((__packed__))")
        if suffix:
            printed += self.w(f" {suffix}")
        return printed

    def member(self, lm: LayoutMember, *, union_member: bool, indent: int, spacing: int,
               name_spacing: int, last_member: bool, first_member: bool) -> None:
        """class_member__fprintf (the caller printed the indent tabs)."""
        btf = self.btf
        offset = lm.offset
        cl = offset // self.cacheline
        if cl > self.cacheline_pos:
            pos = offset % self.cacheline
            start = offset - pos
            if pos == 0:
                self.w(f"/* --- cacheline {cl} boundary ({start} bytes) --- */")
            else:
                self.w(f"/* --- cacheline {cl} boundary ({start} bytes) was {pos} byte{'s' if pos > 1 else ''} ago --- */")
            self.w("\n" + "\t" * indent)
            self.cacheline_pos = cl
        tid = self.names.skip_tags(lm.type_id)
        k = btf.kind_of(tid) if tid else Kind.UNKN
        name = lm.name or None
        start = self.nchars
        inline = k in (Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64)
        kw = dict(last_member=last_member, first_member=first_member, union_member=union_member,
                  indent=indent, base=offset)
        if inline:
            self.type_decl(tid, None, spacing, inner=lm.inner, **kw)
            if name:
                if not btf[tid].name:
                    self.w(" ")
                self.w(name)
        else:
            self.type_decl(tid, name, spacing, **kw)
        if lm.bitfield_size:
            self.w(f":{lm.bitfield_size}")
        align_printed = 0
        if lm.alignment:
            align_printed = self.w(f" __attribute__((__aligned__({lm.alignment})))")
        self.w(";")
        printed = self.nchars - start
        inline_anon = inline and not btf[tid].name
        if inline_anon:
            slen = align_printed + (len(lm.name) if lm.name else -1)
            if k == Kind.STRUCT and self._is_packed(lm.inner, tid):
                slen += len("__attribute__((__packed__))") + 1
            pad = max(abs(spacing + name_spacing - slen - 3), 1)
        else:
            pad = max(spacing + name_spacing - printed, 1)
        size_spacing = 5
        s = " " * pad + f"/* {offset:5d}"
        if lm.bitfield_size:
            s += f":{lm.bitfield_offset:2d}"
            size_spacing -= 3
        s += f" {lm.size:{size_spacing}d} */"
        self.w(s)

    def _is_packed(self, lay: "Layout | None", tid: int) -> bool:
        return tid in self.packed_marks or (lay is not None and lay.packed)

    def composite(self, lay: Layout, indent: int, spacing: int, *, suffix: str | None = None,
                  prefix: str = "", stats: bool = False, in_union: bool = False) -> None:
        if lay.kind == "union":
            self.union_body(lay, indent, spacing, suffix=suffix, prefix=prefix)
        else:
            self.struct_body(lay, indent, spacing, suffix=suffix, prefix=prefix, stats=stats,
                             in_union=in_union)

    def union_body(self, lay: Layout, indent: int, spacing: int, *, suffix, prefix: str) -> None:
        name_spacing = self.name_spacing
        self.w(f"{prefix}union{' ' if lay.name else ''}{lay.name} {{\n")
        initial = self.cacheline_pos
        tabs = "\t" * (indent + 1)
        btf = self.btf
        # union__infer_packed_attributes: member structs whose alignment the union breaks
        for lm in lay.members:
            st = strip_mods(btf, lm.type_id)
            if st and btf.kind_of(st) == Kind.STRUCT:
                if lay.size % natural_alignment(btf, st):
                    self.packed_marks.add(st)
                    if lm.inner is not None:
                        lm.inner.packed = True
        for lm in lay.members:
            self.w(tabs)
            self.member(lm, union_member=True, indent=indent + 1, spacing=spacing, name_spacing=name_spacing,
                        last_member=False, first_member=False)
            self.w("\n")
            self.cacheline_pos = initial
        self.w("\t" * indent + "}" + (f" {suffix}" if suffix else ""))

    def struct_body(self, lay: Layout, indent: int, spacing: int, *, suffix, prefix: str, stats: bool,
                    in_union: bool) -> None:
        name_spacing = self.name_spacing
        btf = self.btf
        cl = self.cacheline
        self.w(f"{prefix}struct{' ' if lay.name else ''}{lay.name} {{\n")
        ind = indent + 1
        tabs = "\t" * ind
        newline = 0
        sum_bytes = sum_bits = sum_holes = sum_bit_holes = 0
        nr_paddings = sum_paddings = 0
        nr_forced = nr_forced_holes = sum_forced_holes = 0
        if lay.padding or lay.nr_holes:
            # type__check_structs_at_unnatural_alignments
            for lm in lay.members:
                st = strip_mods(btf, lm.type_id)
                if st and btf.kind_of(st) == Kind.STRUCT:
                    if lm.rel_offset % natural_alignment(btf, st):
                        self.packed_marks.add(st)
                        if lm.inner is not None:
                            lm.inner.packed = True
        if lay.pre_bit_hole > 0:
            if not newline:
                self.w("\n")
            newline += 1
            self.w(f"{tabs}/* XXX {lay.pre_bit_hole} bit{'s' if lay.pre_bit_hole != 1 else ''} hole, try to pack */\n")
            sum_bit_holes += lay.pre_bit_hole
        if lay.pre_hole > 0:
            if not newline:
                self.w("\n")
            newline += 1
            self.w(f"{tabs}/* XXX {lay.pre_hole} byte{'s' if lay.pre_hole != 1 else ''} hole, try to pack */\n")
            sum_holes += lay.pre_hole
        last: LayoutMember | None = None
        last_size = 0
        n = len(lay.members)
        for i, lm in enumerate(lay.members):
            if lm.alignment:
                forced_hole = last.hole if last is not None else lay.pre_hole
                if forced_hole:
                    nr_forced_holes += 1
                    sum_forced_holes += forced_hole
                nr_forced += 1
            if last is not None and last_size != 0:
                if last.bit_hole != 0 and lm.bitfield_size:
                    bitfield_size = last.bit_hole
                    if last.rel_offset != lm.rel_offset:
                        self.w(f"\n{tabs}/* Force alignment to the next boundary: */\n")
                        bitfield_size = 0
                    self.w(tabs)
                    self.type_decl(lm.type_id, "", spacing, last_member=False, first_member=False,
                                   union_member=in_union, indent=ind, base=lm.offset)
                    self.w(f":{bitfield_size};\n")
                if lm.rel_offset < last.rel_offset or (
                        lm.rel_offset == last.rel_offset and last.bitfield_size == 0 and lm.bitfield_size != 0):
                    if not newline:
                        self.w("\n")
                    newline += 1
                    self.w(f"{tabs}/* Bitfield combined with previous fields */\n")
                else:
                    cc_last_size = lm.rel_offset - last.rel_offset
                    if 0 < cc_last_size < last_size:
                        if not newline:
                            self.w("\n")
                        newline += 1
                        self.w(f"{tabs}/* Bitfield combined with next fields */\n")
            if newline:
                self.w("\n")
                newline = 0
            self.w(tabs)
            self.member(lm, union_member=in_union, indent=ind, spacing=spacing, name_spacing=name_spacing,
                        last_member=(i == n - 1), first_member=(last is None))
            mt = self.names.skip_tags(lm.type_id)
            if mt and btf.kind_of(mt) == Kind.STRUCT:
                pad = find_padding_of(btf, mt, cl, self.pad_cache)
                if pad > 0:
                    nr_paddings += 1
                    sum_paddings += pad
                    if not newline:
                        self.w("\n")
                    newline += 1
                    self.w(f"\n{tabs}/* XXX last struct has {pad} byte{'s' if pad != 1 else ''} of padding */")
            if lm.bit_hole:
                if not newline:
                    self.w("\n")
                newline += 1
                self.w(f"\n{tabs}/* XXX {lm.bit_hole} bit{'s' if lm.bit_hole != 1 else ''} hole, try to pack */")
                sum_bit_holes += lm.bit_hole
            if lm.hole > 0:
                if not newline:
                    self.w("\n")
                newline += 1
                self.w(f"\n{tabs}/* XXX {lm.hole} byte{'s' if lm.hole != 1 else ''} hole, try to pack */")
                sum_holes += lm.hole
            self.w("\n")
            if lm.bitfield_size:
                sum_bits += lm.bitfield_size
            else:
                sum_bytes += lm.size
            if last is None or last_size == 0 or last.rel_offset != lm.rel_offset:
                last_size = lm.size
            elif last.bitfield_size == 0 and lm.bitfield_size != 0:
                last_size = lm.size
            last = lm
        if stats:
            self.w(f"\n{tabs}/* size: {lay.size}, cachelines: {lay.cachelines}, members: {n} */\n")
            if sum_holes > 0 or sum_bit_holes > 0:
                if sum_bytes > 0:
                    s = f"{tabs}/* sum members: {sum_bytes}"
                    if sum_holes > 0:
                        s += f", holes: {lay.nr_holes}, sum holes: {sum_holes}"
                    self.w(s + " */\n")
                if sum_bits > 0:
                    s = f"{tabs}/* sum bitfield members: {sum_bits} bits"
                    if sum_bit_holes > 0:
                        s += f", bit holes: {lay.nr_bit_holes}, sum bit holes: {sum_bit_holes} bits"
                    else:
                        s += f" ({sum_bits // 8} bytes)"
                    self.w(s + " */\n")
            if lay.padding > 0:
                self.w(f"{tabs}/* padding: {lay.padding} */\n")
            if nr_paddings > 0:
                self.w(f"{tabs}/* paddings: {nr_paddings}, sum paddings: {sum_paddings} */\n")
            if lay.bit_padding > 0:
                self.w(f"{tabs}/* bit_padding: {lay.bit_padding} bits */\n")
            if nr_forced:
                s = f"{tabs}/* forced alignments: {nr_forced}"
                if nr_forced_holes:
                    s += f", forced holes: {nr_forced_holes}, sum forced holes: {sum_forced_holes}"
                self.w(s + " */\n")
            last_cl = (lay.offset + lay.size) % cl
            if last_cl:
                self.w(f"{tabs}/* last cacheline: {last_cl} bytes */\n")
            diff = lay.size * 8 - (sum_bytes * 8 + sum_bits + sum_holes * 8 + sum_bit_holes
                                   + lay.padding * 8 + lay.bit_padding)
            if diff and n:
                self.w(f"\n{tabs}/* BRAIN FART ALERT! {lay.size} bytes != {sum_bytes} (member bytes) + "
                       f"{sum_bits} (member bits) + {sum_holes} (byte holes) + {sum_bit_holes} (bit holes), "
                       f"diff = {diff} bits */\n")
        self.w("\t" * indent + "}")
        if lay.packed or lay.type_id in self.packed_marks:
            self.w(" __attribute__((__packed__))")
        if suffix:
            self.w(f" {suffix}")
        if lay.alignment and not (lay.packed or lay.type_id in self.packed_marks):
            self.w(f" __attribute__((__aligned__({lay.alignment})))")


def pahole_lines(btf: "Btf", type_id: int, *, cacheline: int = DEFAULT_CACHELINE) -> list[tuple[str, str]]:
    """``pahole -C`` text of a type as (line, style) pairs; style is '' or one
    of 'hole', 'cacheline', 'stats' (for the CLI to colour)."""
    if cacheline <= 0:
        raise BtfError(f"cacheline size must be positive, not {cacheline}")
    p = _Printer(btf, cacheline)
    t = btf[type_id]
    k = t.kind
    if k in (Kind.STRUCT, Kind.UNION):
        lay = struct_layout(btf, type_id, cacheline=cacheline)
        p.name_spacing = 21 if k == Kind.UNION else NAME_SPACING
        p.composite(lay, 0, TYPE_SPACING, stats=True)
        p.w(";")
    elif k == Kind.TYPEDEF:
        target = p.names.skip_tags(t.type)
        tk = p.btf.kind_of(target) if target else Kind.UNKN
        if target and tk in (Kind.STRUCT, Kind.UNION) and not btf[target].name:
            p.w("typedef ")
            lay = struct_layout(btf, target, cacheline=cacheline)
            p.name_spacing = 21 if tk == Kind.UNION else NAME_SPACING
            p.composite(lay, 0, TYPE_SPACING, stats=True, suffix=t.name)
            p.w(";")
        elif target and tk in (Kind.ENUM, Kind.ENUM64) and not btf[target].name:
            p.w("typedef ")
            p.enum_body(btf[target], 0, suffix=t.name)
            p.w(";")
        else:
            p.w(f"typedef {typedef_target_text(p.names, t)};")
    elif k in (Kind.ENUM, Kind.ENUM64):
        p.enum_body(t, 0, suffix=None) if not t.name else _named_enum(p, t)
        p.w(";")
    else:
        # other kinds have no members: their size and natural alignment
        st = strip_mods(btf, type_id)
        label = p.names.name(type_id) if k not in (Kind.FUNC, Kind.VAR, Kind.DECL_TAG) else t.name
        p.w(f"/* {kind_name(k).lower()} {label}: size: {type_size(btf, type_id)}, "
            f"alignment: {natural_alignment(btf, st) if st else 1} */")
    return p.finish()


_STATS = ("/* size:", "/* sum ", "/* padding:", "/* paddings:", "/* bit_padding:",
          "/* forced alignments:", "/* last cacheline:")


def _line_style(line: str) -> str:
    s = line.lstrip("\t")
    if s.startswith("/* XXX") or s.startswith("/* BRAIN FART"):
        return "hole"
    if s.startswith("/* --- cacheline"):
        return "cacheline"
    if s.startswith(_STATS):
        return "stats"
    if s.startswith("/* Bitfield combined") or s.startswith("/* Force alignment"):
        return "note"
    return ""


def _named_enum(p: _Printer, t) -> None:
    p.w(f"enum {t.name}")
    if not t.values:
        return
    p.w(" {\n")
    width = max(len(v.name) for v in t.values)
    for v in t.values:
        val = _enum_value(t, v.value)
        p.w(f"\t{_lj(v.name, width)} = {val},\n")
    p.w("}")
    if t.size != 4:
        p.w(" __attribute__((__packed__))")


def typedef_target_text(names: _Names, t) -> str:
    """typedef__fprintf for a typedef of a named type (``typedef struct foo bar``)."""
    btf = names.btf
    target = names.skip_tags(t.type)
    if target == 0:
        return f"void {t.name}"
    tt = btf[target]
    if tt.kind == Kind.ARRAY:
        return f"{names.name(tt.type)} {t.name}[{tt.nelems}]"
    if tt.kind == Kind.PTR:
        pt = names.skip_tags(tt.type)
        if pt and btf.kind_of(pt) == Kind.FUNC_PROTO:
            return names.ftype(btf[pt], t.name, is_pointer=True, spacing=0)
    if tt.kind == Kind.FUNC_PROTO:
        return names.ftype(tt, t.name, is_pointer=False, spacing=0)
    return f"{names.name(target)} {t.name}"


def format_pahole(btf: "Btf", type_id: int, *, cacheline: int = DEFAULT_CACHELINE) -> str:
    """``pahole -C`` text of a type, ending in a newline."""
    return "".join(line + "\n" for line, _ in pahole_lines(btf, type_id, cacheline=cacheline))
