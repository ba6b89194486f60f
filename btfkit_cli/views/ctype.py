"""The C declaration of a member or variable, as the C printer writes it.

The views print declarations with the C printer's one declaration core,
:meth:`btfkit.c.CDumper.emit_type_decl` (libbpf's
``btf_dump__emit_type_decl``), with two view options
(:class:`btfkit.c.dumper.DeclOptions`): names stay as in BTF (``btf_names``:
no ``___2`` suffixes, which depend on dump order), and an anonymous struct,
union or enum is written ``struct {...}`` (``anon_stub``) instead of its
whole inline definition (the tree shows its members below it).  A
declaration costs no scan of the other types.
"""

from __future__ import annotations

from btfkit.c.dumper import CDumper, DeclOptions
from btfkit.errors import LimitError
from btfkit.kinds import Kind

ANON = "{...}"


class CDecl:
    """Declarations of the types of one Btf: ``CDecl(btf)(type_id, name)``."""

    def __init__(self, btf) -> None:
        self.btf = btf
        self._dumper = CDumper(btf)

    def __call__(self, type_id: int, name: str = "") -> str:
        try:
            return self._dumper.emit_type_decl(type_id, opts=DeclOptions(field_name=name, anon_stub=ANON,
                                                                          btf_names=True))
        except LimitError:
            # beyond the C printer's bounds (errors.MAX_TYPE_DEPTH, MAX_EXPANSION)
            return "..."


def type_label(btf, type_id: int) -> str:
    """A short name of a type for titles: ``struct sk_buff``, ``typedef atomic_t``..."""
    if type_id == 0:
        return "void"
    t = btf[type_id]
    k = t.kind
    nm = t.name or "(anon)"
    if k in (Kind.STRUCT, Kind.UNION):
        return f"{'struct' if k == Kind.STRUCT else 'union'} {t.name or ANON}"
    if k in (Kind.ENUM, Kind.ENUM64):
        return f"enum {t.name or ANON}"
    if k == Kind.FWD:
        return f"{'union' if t.kflag else 'struct'} {nm} (forward)"
    if k == Kind.TYPEDEF:
        return f"typedef {nm}"
    if k in (Kind.INT, Kind.FLOAT):
        return nm
    if k == Kind.FUNC:
        return f"func {nm}"
    if k == Kind.VAR:
        return f"var {nm}"
    if k == Kind.DATASEC:
        return f"datasec {nm}"
    if k == Kind.DECL_TAG:
        return f"decl_tag {nm}"
    return CDecl(btf)(type_id)
