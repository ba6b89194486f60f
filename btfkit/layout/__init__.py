"""Memory layout of structs and unions, as pahole shows it.

The package follows pahole's own seams:

- :mod:`~btfkit.layout.sizes` — ``tag__size`` and ``tag__natural_alignment``
  (dwarves.c), and the typedef/modifier strip pahole applies everywhere.
- :mod:`~btfkit.layout.model` — :class:`Layout` and :class:`LayoutMember`,
  the computed values (dwarves' ``struct class``/``class_member``).
- :mod:`~btfkit.layout.compute` — :func:`struct_layout`: the BTF loader's
  bitfield fix-ups and inferred alignment, ``class__find_holes``,
  ``class__infer_packed_attributes``.
- :mod:`~btfkit.layout.names` — type names the way ``__tag__name`` spells
  them.
- :mod:`~btfkit.layout.fprintf` — dwarves_fprintf.c's struct, union, member
  and enum printers on a computed layout.
- :mod:`~btfkit.layout.stats` — the closing ``/* size: ... */`` statistics of a
  struct.
- :mod:`~btfkit.layout.pahole` — :func:`pahole_lines` and
  :func:`format_pahole`: the ``pahole -C NAME`` text of one type.

Every name below is importable from ``btfkit.layout``; each is imported
from its module on first use, so ``btfkit tree`` (sizes only) does not load
the printer.  No rich here: the CLI colours the lines :func:`pahole_lines`
tags.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

if TYPE_CHECKING:
    from typing import Any
    from .compute import MAX_ANON_INLINE, MAX_LAYOUT_MEMBERS, find_padding_of, resolve_composite, struct_layout
    from .fprintf import MAX_LAYOUT_NEST, NAME_SPACING, TYPE_SPACING, ClassPrinter
    from .model import DEFAULT_CACHELINE, Layout, LayoutMember
    from .names import MAX_NAME_DEPTH, MAX_NAME_STEPS, TypeNames, typedef_target_text
    from .pahole import format_pahole, line_style, pahole_lines
    from .sizes import MAX_ALIGN_DEPTH, natural_alignment, strip_mods, type_size

#: public name → the module that defines it
_HOME = {
    "MAX_ANON_INLINE": "compute", "MAX_LAYOUT_MEMBERS": "compute", "find_padding_of": "compute",
    "resolve_composite": "compute", "struct_layout": "compute",
    "MAX_LAYOUT_NEST": "fprintf", "NAME_SPACING": "fprintf", "TYPE_SPACING": "fprintf",
    "ClassPrinter": "fprintf",
    "DEFAULT_CACHELINE": "model", "Layout": "model", "LayoutMember": "model",
    "MAX_NAME_DEPTH": "names", "MAX_NAME_STEPS": "names", "TypeNames": "names",
    "typedef_target_text": "names",
    "format_pahole": "pahole", "line_style": "pahole", "pahole_lines": "pahole",
    "MAX_ALIGN_DEPTH": "sizes", "natural_alignment": "sizes", "strip_mods": "sizes", "type_size": "sizes",
}

__all__ = [
    "DEFAULT_CACHELINE", "Layout", "LayoutMember",
    "MAX_ALIGN_DEPTH", "natural_alignment", "strip_mods", "type_size",
    "MAX_ANON_INLINE", "MAX_LAYOUT_MEMBERS", "find_padding_of", "resolve_composite", "struct_layout",
    "MAX_NAME_DEPTH", "MAX_NAME_STEPS", "TypeNames", "typedef_target_text",
    "MAX_LAYOUT_NEST", "NAME_SPACING", "TYPE_SPACING", "ClassPrinter",
    "format_pahole", "line_style", "pahole_lines",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # (__import__ rather than importlib.import_module: importing importlib
    # and warnings cost a view about 1 ms)
    module = __import__(f"{__name__}.{home}", fromlist=(name,))
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
