"""``pahole -C NAME`` text of one type: pahole's ``class__fprintf`` entry
for a struct or union, ``typedef__fprintf`` for a typedef (of an anonymous
struct, union or enum it prints the body), ``enumeration__fprintf`` for an
enum, and for any other kind its size and natural alignment.

No rich here: the CLI colours the lines it gets back (:func:`pahole_lines`
gives each line a style tag).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import BtfError
from ..kinds import Kind, kind_name
from .compute import struct_layout
from .fprintf import NAME_SPACING, TYPE_SPACING, ClassPrinter, as_enum
from .model import DEFAULT_CACHELINE
from .names import typedef_target_text
from .sizes import natural_alignment, strip_mods, type_size

if TYPE_CHECKING:
    from ..btf import Btf

__all__ = ["pahole_lines", "format_pahole", "line_style"]

#: a union's name column at the top (pahole's name_spacing for unions)
_UNION_NAME_SPACING = 21

_STATS = ("/* size:", "/* sum ", "/* padding:", "/* paddings:", "/* bit_padding:",
          "/* forced alignments:", "/* last cacheline:")


def line_style(line: str) -> str:
    """The style tag of one line of ``pahole -C`` text: ``'hole'`` (XXX and
    BRAIN FART comments), ``'cacheline'`` (boundaries), ``'stats'`` (the
    closing statistics), ``'note'`` (bitfield notes) or ``''``."""
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


def pahole_lines(btf: Btf, type_id: int, *, cacheline: int = DEFAULT_CACHELINE) -> list[tuple[str, str]]:
    """``pahole -C`` text of a type as (line, style) pairs; style is '' or one
    of 'hole', 'cacheline', 'stats', 'note' (for the CLI to colour; see
    :func:`line_style`).

    :raises ~btfkit.errors.BtfError: ``cacheline`` is not positive, or the
        BTF is broken where the text needs it (a LimitError past one of the
        layout's bounds)."""
    if cacheline <= 0:
        raise BtfError(f"cacheline size must be positive, not {cacheline}")
    p = ClassPrinter(btf, cacheline)
    t = btf[type_id]
    if t.kind == Kind.STRUCT or t.kind == Kind.UNION:
        lay = struct_layout(btf, type_id, cacheline=cacheline)
        p.name_spacing = _UNION_NAME_SPACING if t.kind == Kind.UNION else NAME_SPACING
        p.composite(lay, 0, TYPE_SPACING, stats=True)
        p.w(";")
    elif t.kind == Kind.TYPEDEF:
        target = p.names.skip_tags(t.type)
        tk = btf.kind_of(target) if target else Kind.UNKN
        if target and tk in (Kind.STRUCT, Kind.UNION) and not btf[target].name:
            p.w("typedef ")
            lay = struct_layout(btf, target, cacheline=cacheline)
            p.name_spacing = _UNION_NAME_SPACING if tk == Kind.UNION else NAME_SPACING
            p.composite(lay, 0, TYPE_SPACING, stats=True, suffix=t.name)
            p.w(";")
        elif target and tk in (Kind.ENUM, Kind.ENUM64) and not btf[target].name:
            p.w("typedef ")
            p.enum_body(as_enum(btf, target), 0, suffix=t.name)
            p.w(";")
        else:
            p.w(f"typedef {typedef_target_text(p.names, t)};")
    elif t.kind == Kind.ENUM or t.kind == Kind.ENUM64:
        if t.name:
            p.named_enum(t)
        else:
            p.enum_body(t, 0, suffix=None)
        p.w(";")
    else:
        # other kinds have no members: their size and natural alignment
        st = strip_mods(btf, type_id)
        label = p.names.name(type_id) if t.kind not in (Kind.FUNC, Kind.VAR, Kind.DECL_TAG) else t.name
        p.w(f"/* {kind_name(t.kind).lower()} {label}: size: {type_size(btf, type_id)}, "
            f"alignment: {natural_alignment(btf, st) if st else 1} */")
    return [(line, line_style(line)) for line in "".join(p.buf).split("\n")]


def format_pahole(btf: Btf, type_id: int, *, cacheline: int = DEFAULT_CACHELINE) -> str:
    """``pahole -C`` text of a type, ending in a newline."""
    return "".join(line + "\n" for line, _ in pahole_lines(btf, type_id, cacheline=cacheline))
