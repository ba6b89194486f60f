"""The struct and union printer of dwarves_fprintf.c, on a computed
:class:`~btfkit.layout.Layout`.

:class:`ClassPrinter` follows ``__class__fprintf`` (struct bodies, their
hole and cacheline comments, the closing statistics), ``union__fprintf``,
``class_member__fprintf``, ``type__fprintf`` and ``enumeration__fprintf``:
tabs, the ``/* offset size */`` columns, as pahole 1.24 prints them.  It
writes plain text; :mod:`btfkit.layout.pahole` splits it into lines.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import LimitError
from ..kinds import Kind
from ..types import Array, Enum, Enum64
from .compute import find_padding_of, struct_layout
from .model import Layout, LayoutMember
from .names import TypeNames, lj
from .sizes import natural_alignment, strip_mods
from .stats import StructSums, plural, stats_text

if TYPE_CHECKING:
    from ..btf import Btf

__all__ = ["ClassPrinter", "as_enum", "TYPE_SPACING", "NAME_SPACING", "MAX_LAYOUT_NEST"]

#: pahole's default type column width (``conf.type_spacing``)
TYPE_SPACING = 26
#: pahole's default name column width of a struct (``conf.name_spacing``;
#: a union's is 21)
NAME_SPACING = 23
#: At most this many levels of declarations inside declarations in one
#: layout (anonymous structs in anonymous structs, array dimensions): more
#: raises LimitError.
MAX_LAYOUT_NEST = 64

_ENUMS = frozenset((int(Kind.ENUM), int(Kind.ENUM64)))
_INLINE = frozenset(int(k) for k in (Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64))


def _enum_value(t: Enum | Enum64, value: int) -> int:
    """pahole 1.24 prints enumerators unsigned, at the width of the kind."""
    return value & (0xFFFFFFFF if t.kind == Kind.ENUM else (1 << 64) - 1)


def as_enum(btf: Btf, tid: int) -> Enum | Enum64:
    """``btf[tid]``, whose kind the caller found to be ENUM or ENUM64."""
    t = btf[tid]
    assert t.kind == Kind.ENUM or t.kind == Kind.ENUM64
    return t


class ClassPrinter:
    """dwarves_fprintf.c's struct/union printer, for one ``pahole -C`` text.

    Text goes to :attr:`buf` through :meth:`w`; :attr:`nchars` counts it
    (pahole's column arithmetic needs what each call printed)."""

    def __init__(self, btf: Btf, cacheline: int) -> None:
        self.btf = btf
        """The BTF the layouts come from."""
        self.names = TypeNames(btf)
        """Spells type names (one step budget for the whole text)."""
        self.cacheline = cacheline
        """The cacheline size in bytes."""
        self.buf: list[str] = []
        """The text printed so far, in pieces."""
        self.nchars = 0
        """Characters printed so far."""
        self.cacheline_pos = 0
        """The last cacheline a boundary comment was printed for."""
        self.natural: dict[int, int] = {}
        """Natural alignments of the structs met, by id (natural_alignment's
        cache: each struct's members are walked once for the whole text)."""
        self.pad_cache: dict[int, int] = {}
        """:func:`~btfkit.layout.compute.find_padding_of`'s cache."""
        self.packed_marks: set[int] = set()
        """Structs found to need ``__packed__`` where they are used
        (pahole's ``is_packed`` marks, set while printing)."""
        self.name_spacing = NAME_SPACING
        """The name column width (21 for a union at the top)."""
        self.nest = 0
        """:meth:`type_decl` calls under way (:data:`MAX_LAYOUT_NEST`)."""

    def w(self, s: str) -> int:
        """Print ``s``; returns its length."""
        self.buf.append(s)
        self.nchars += len(s)
        return len(s)

    # -- type__fprintf ------------------------------------------------------------------------
    def type_decl(self, tid: int, name: str | None, spacing: int, *, last_member: bool,
                  first_member: bool, union_member: bool, indent: int, base: int,
                  inner: Layout | None = None) -> int:
        """type__fprintf for a member type; returns characters printed.

        :raises ~btfkit.errors.LimitError: declarations nested more than
            :data:`MAX_LAYOUT_NEST` levels deep."""
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
                self.w(f"{lj('void', spacing)} {name or ''}")
                break
            t = btf[tid]
            if t.kind == Kind.PTR:
                self._pointer_decl(tid, t.type, name, spacing, union_member=union_member, indent=indent,
                                   direct=direct)
                break
            if t.kind == Kind.FUNC_PROTO:
                self.w(names.ftype(t, name, is_pointer=False, spacing=spacing))
                break
            if t.kind == Kind.CONST:
                self.w("const ")
                spacing -= 6
                tid = names.skip_tags(t.type)
                direct = False
                continue
            if t.kind == Kind.ARRAY:
                self.array_decl(t, name, spacing, last_member=last_member, first_member=first_member,
                                union_member=union_member, indent=indent, base=base)
                break
            if t.kind == Kind.STRUCT or t.kind == Kind.UNION:
                if t.name:
                    kw = "struct" if t.kind == Kind.STRUCT else "union"
                    self.w(f"{kw} {lj(t.name, spacing - len(kw) - 1)} {name or ''}")
                    break
                if inner is None or inner.type_id != tid:
                    inner = struct_layout(btf, tid, cacheline=self.cacheline, base=base)
                self.composite(inner, indent, spacing - 8, suffix=name if direct else None,
                               stats=not direct, in_union=union_member)
                break
            if t.kind == Kind.ENUM or t.kind == Kind.ENUM64:
                if t.name:
                    self.w(f"enum {lj(t.name, spacing - 5)} {name or ''}")
                    break
                self.enum_body(t, indent, suffix=name if direct else None)
                break
            if t.kind == Kind.FWD:
                kw = "union" if t.kflag else "struct"
                self.w(f"{kw} {lj(t.name, spacing - len(kw) - 1)} {name or ''}")
                break
            self.w(f"{lj(names.name(tid), spacing)} {name or ''}")
            break
        return self.nchars - start

    def _pointer_decl(self, tid: int, target: int, name: str | None, spacing: int, *, union_member: bool,
                      indent: int, direct: bool) -> None:
        """type__fprintf's pointer case: a function pointer, a pointer to an
        anonymous type (expanded in place), or a pointer by name."""
        btf = self.btf
        names = self.names
        pt = names.skip_tags(target)
        pk = btf.kind_of(pt) if pt else Kind.UNKN
        if pk == Kind.FUNC_PROTO:
            proto = btf[pt]
            assert proto.kind == Kind.FUNC_PROTO
            self.w(names.ftype(proto, name, is_pointer=True, spacing=spacing))
            return
        if pk in _INLINE and not btf[pt].name and direct:
            # pahole expands a pointer to an anonymous type in place,
            # with offsets relative to the pointed-to type
            name = f"* {name or ''}"
            spacing -= 8
            if pk in _ENUMS:
                self.enum_body(as_enum(btf, pt), indent, suffix=name)
            else:
                self.composite(struct_layout(btf, pt, cacheline=self.cacheline), indent, spacing - 8,
                               suffix=name, stats=False, in_union=union_member)
            return
        self.w(f"{lj(names.name(tid), spacing)} {name or ''}")

    def array_decl(self, a: Array, name: str | None, spacing: int, *, last_member: bool,
                   first_member: bool, union_member: bool, indent: int, base: int) -> None:
        """type__fprintf's array case: the element type, then ``[n]`` (``[]``
        for a flexible array member that ends a struct)."""
        btf = self.btf
        et = self.names.skip_tags(a.type)
        if a.nelems == 0 and et and btf.kind_of(et) == Kind.CONST:
            const = btf[et]
            assert const.kind == Kind.CONST
            et = self.names.skip_tags(const.type)
        self.type_decl(et, name, spacing, last_member=last_member, first_member=first_member,
                       union_member=union_member, indent=indent, base=base)
        single = last_member and first_member
        if a.nelems != 0 or not last_member or single or union_member:
            self.w(f"[{a.nelems}]")
        else:
            self.w("[]")

    # -- enumeration__fprintf -----------------------------------------------------------------
    def enum_body(self, t: Enum | Enum64, indent: int, suffix: str | None) -> int:
        """enumeration__fprintf of an anonymous enum; returns characters printed."""
        printed = self.w("enum {\n" if t.values else "enum")
        if not t.values:
            return printed
        width = max(len(v.name) for v in t.values)
        tabs = "\t" * indent
        for v in t.values:
            printed += self.w(f"{tabs}\t{lj(v.name, width)} = {_enum_value(t, v.value)},\n")
        printed += self.w(f"{tabs}}}")
        if t.size != 4:
            printed += self.w(" __attribute__((__packed__))")
        if suffix:
            printed += self.w(f" {suffix}")
        return printed

    def named_enum(self, t: Enum | Enum64) -> None:
        """enumeration__fprintf of a named enum at the top."""
        self.w(f"enum {t.name}")
        if not t.values:
            return
        self.w(" {\n")
        width = max(len(v.name) for v in t.values)
        for v in t.values:
            self.w(f"\t{lj(v.name, width)} = {_enum_value(t, v.value)},\n")
        self.w("}")
        if t.size != 4:
            self.w(" __attribute__((__packed__))")

    # -- class_member__fprintf ----------------------------------------------------------------
    def member(self, lm: LayoutMember, *, union_member: bool, indent: int, spacing: int,
               name_spacing: int, last_member: bool, first_member: bool) -> None:
        """class_member__fprintf (the caller printed the indent tabs)."""
        btf = self.btf
        offset = lm.offset
        self._cacheline_boundary(offset, indent)
        tid = self.names.skip_tags(lm.type_id)
        k = btf.kind_of(tid) if tid else Kind.UNKN
        name = lm.name or None
        start = self.nchars
        inline = k in _INLINE
        if inline:
            self.type_decl(tid, None, spacing, inner=lm.inner, last_member=last_member, first_member=first_member,
                           union_member=union_member, indent=indent, base=offset)
            if name:
                if not btf[tid].name:
                    self.w(" ")
                self.w(name)
        else:
            self.type_decl(tid, name, spacing, last_member=last_member, first_member=first_member,
                           union_member=union_member, indent=indent, base=offset)
        if lm.bitfield_size:
            self.w(f":{lm.bitfield_size}")
        align_printed = 0
        if lm.alignment:
            align_printed = self.w(f" __attribute__((__aligned__({lm.alignment})))")
        self.w(";")
        printed = self.nchars - start
        if inline and not btf[tid].name:
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

    def _cacheline_boundary(self, offset: int, indent: int) -> None:
        """class_member__fprintf's ``--- cacheline N boundary ---`` comment,
        when the member at ``offset`` starts a new cacheline."""
        cl = offset // self.cacheline
        if cl > self.cacheline_pos:
            pos = offset % self.cacheline
            start = offset - pos
            if pos == 0:
                self.w(f"/* --- cacheline {cl} boundary ({start} bytes) --- */")
            else:
                self.w(f"/* --- cacheline {cl} boundary ({start} bytes) was {plural(pos, 'byte')} ago --- */")
            self.w("\n" + "\t" * indent)
            self.cacheline_pos = cl

    def _is_packed(self, lay: Layout | None, tid: int) -> bool:
        return tid in self.packed_marks or (lay is not None and lay.packed)

    # -- __class__fprintf / union__fprintf ----------------------------------------------------
    def composite(self, lay: Layout, indent: int, spacing: int, *, suffix: str | None = None,
                  prefix: str = "", stats: bool = False, in_union: bool = False) -> None:
        """The body of a struct or union, ``suffix`` after the closing brace."""
        if lay.kind == "union":
            self.union_body(lay, indent, spacing, suffix=suffix, prefix=prefix)
        else:
            self.struct_body(lay, indent, spacing, suffix=suffix, prefix=prefix, stats=stats,
                             in_union=in_union)

    def _mark_unnatural(self, lay: Layout, size_or_offset: bool) -> None:
        """Mark member structs placed off their natural alignment as packed:
        union__infer_packed_attributes (``size_or_offset`` False: the union's
        size is no multiple of it) and
        type__check_structs_at_unnatural_alignments (True: the member's
        offset is no multiple of it)."""
        btf = self.btf
        for lm in lay.members:
            st = strip_mods(btf, lm.type_id)
            if st and btf.kind_of(st) == Kind.STRUCT:
                if (lm.rel_offset if size_or_offset else lay.size) % natural_alignment(btf, st, self.natural):
                    self.packed_marks.add(st)

    def union_body(self, lay: Layout, indent: int, spacing: int, *, suffix: str | None, prefix: str) -> None:
        """union__fprintf."""
        name_spacing = self.name_spacing
        self.w(f"{prefix}union{' ' if lay.name else ''}{lay.name} {{\n")
        initial = self.cacheline_pos
        tabs = "\t" * (indent + 1)
        self._mark_unnatural(lay, False)
        for lm in lay.members:
            self.w(tabs)
            self.member(lm, union_member=True, indent=indent + 1, spacing=spacing, name_spacing=name_spacing,
                        last_member=False, first_member=False)
            self.w("\n")
            self.cacheline_pos = initial
        self.w("\t" * indent + "}" + (f" {suffix}" if suffix else ""))

    def struct_body(self, lay: Layout, indent: int, spacing: int, *, suffix: str | None, prefix: str,
                    stats: bool, in_union: bool) -> None:
        """__class__fprintf: members with their hole comments, then (``stats``)
        the closing statistics, then the attributes after the brace."""
        self.w(f"{prefix}struct{' ' if lay.name else ''}{lay.name} {{\n")
        ind = indent + 1
        body = StructSums("\t" * ind)
        if lay.padding or lay.nr_holes:
            self._mark_unnatural(lay, True)
        if lay.pre_bit_hole > 0:
            self._note(body, f"{body.tabs}/* XXX {plural(lay.pre_bit_hole, 'bit')} hole, try to pack */\n")
            body.sum_bit_holes += lay.pre_bit_hole
        if lay.pre_hole > 0:
            self._note(body, f"{body.tabs}/* XXX {plural(lay.pre_hole, 'byte')} hole, try to pack */\n")
            body.sum_holes += lay.pre_hole
        last: LayoutMember | None = None
        last_size = 0
        n = len(lay.members)
        for i, lm in enumerate(lay.members):
            if lm.alignment:
                forced_hole = last.hole if last is not None else lay.pre_hole
                if forced_hole:
                    body.nr_forced_holes += 1
                    body.sum_forced_holes += forced_hole
                body.nr_forced += 1
            if last is not None and last_size != 0:
                self._bitfield_notes(body, lm, last, last_size, spacing, ind, in_union)
            if body.newline:
                self.w("\n")
                body.newline = 0
            self.w(body.tabs)
            self.member(lm, union_member=in_union, indent=ind, spacing=spacing, name_spacing=self.name_spacing,
                        last_member=(i == n - 1), first_member=(last is None))
            self._member_holes(body, lm)
            if last is None or last_size == 0 or last.rel_offset != lm.rel_offset:
                last_size = lm.size
            elif last.bitfield_size == 0 and lm.bitfield_size != 0:
                last_size = lm.size
            last = lm
        if stats:
            self.w(stats_text(body, lay, self.cacheline))
        packed = lay.packed or lay.type_id in self.packed_marks
        self.w("\t" * indent + "}")
        if packed:
            self.w(" __attribute__((__packed__))")
        if suffix:
            self.w(f" {suffix}")
        if lay.alignment and not packed:
            self.w(f" __attribute__((__aligned__({lay.alignment})))")

    def _note(self, body: StructSums, text: str) -> None:
        """A comment among the members, after a blank line for the first of a run."""
        if not body.newline:
            self.w("\n")
        body.newline += 1
        self.w(text)

    def _bitfield_notes(self, body: StructSums, lm: LayoutMember, last: LayoutMember, last_size: int,
                        spacing: int, ind: int, in_union: bool) -> None:
        """__class__fprintf before member ``lm``: the anonymous bitfield that
        fills a bit hole, and the ``Bitfield combined with ...`` comments."""
        if last.bit_hole != 0 and lm.bitfield_size:
            bitfield_size = last.bit_hole
            if last.rel_offset != lm.rel_offset:
                self.w(f"\n{body.tabs}/* Force alignment to the next boundary: */\n")
                bitfield_size = 0
            self.w(body.tabs)
            self.type_decl(lm.type_id, "", spacing, last_member=False, first_member=False,
                           union_member=in_union, indent=ind, base=lm.offset)
            self.w(f":{bitfield_size};\n")
        if lm.rel_offset < last.rel_offset or (
                lm.rel_offset == last.rel_offset and last.bitfield_size == 0 and lm.bitfield_size != 0):
            self._note(body, f"{body.tabs}/* Bitfield combined with previous fields */\n")
        else:
            cc_last_size = lm.rel_offset - last.rel_offset
            if 0 < cc_last_size < last_size:
                self._note(body, f"{body.tabs}/* Bitfield combined with next fields */\n")

    def _member_holes(self, body: StructSums, lm: LayoutMember) -> None:
        """__class__fprintf after member ``lm``: the padding of its struct
        type, the bit and byte holes after it; and the member sums."""
        tabs = body.tabs
        mt = self.names.skip_tags(lm.type_id)
        if mt and self.btf.kind_of(mt) == Kind.STRUCT:
            pad = find_padding_of(self.btf, mt, self.cacheline, self.pad_cache)
            if pad > 0:
                body.nr_paddings += 1
                body.sum_paddings += pad
                self._note(body, f"\n{tabs}/* XXX last struct has {plural(pad, 'byte')} of padding */")
        if lm.bit_hole:
            self._note(body, f"\n{tabs}/* XXX {plural(lm.bit_hole, 'bit')} hole, try to pack */")
            body.sum_bit_holes += lm.bit_hole
        if lm.hole > 0:
            self._note(body, f"\n{tabs}/* XXX {plural(lm.hole, 'byte')} hole, try to pack */")
            body.sum_holes += lm.hole
        self.w("\n")
        if lm.bitfield_size:
            body.sum_bits += lm.bitfield_size
        else:
            body.sum_bytes += lm.size
