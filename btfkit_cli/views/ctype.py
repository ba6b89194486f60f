"""The C declaration of a member or variable, as the C printer writes it.

:class:`btfkit.c.CDumper`'s ``emit_type_decl`` is the reference (libbpf's
``btf_dump__emit_type_decl``), but building a CDumper scans the whole type
section (a quarter of a second on vmlinux), which a one-type view cannot
afford.  :func:`c_decl` walks only the declarator chain of the one type, with
the same rules as ``btf_dump_emit_type_chain``: qualifiers left of the base
type, `` *`` then ``*``, parentheses around pointers to arrays and functions,
``(void)`` and ``...`` in prototypes, ``btf_type_tag`` attributes.  Two
deliberate differences: names stay as in BTF (no ``___2`` suffixes, which
depend on dump order), and an anonymous struct, union or enum is written
``struct {...}`` instead of its whole inline definition (the tree shows its
members below it).  The tests check c_decl against CDumper on every member
of the vmlinux structs where neither difference applies.
"""

from __future__ import annotations

from btfkit.kinds import Kind

_CHAIN = frozenset({Kind.PTR, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPE_TAG,
                    Kind.ARRAY, Kind.FUNC_PROTO})
_MODS = frozenset({Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPE_TAG})
ANON = "{...}"


class CDecl:
    """Declarations of the types of one Btf: ``CDecl(btf)(type_id, name)``."""

    def __init__(self, btf) -> None:
        self.btf = btf

    #: Declarator steps one declaration may take: prototypes whose
    #: parameters are prototypes repeat exponentially; past this the rest
    #: of a parameter list is written "...".
    MAX_STEPS = 5000

    def __call__(self, type_id: int, name: str = "") -> str:
        out: list[str] = []
        self._steps = self.MAX_STEPS
        self._decl(type_id, name, out, 0)
        return "".join(out)

    def _decl(self, type_id: int, fname: str, out: list[str], depth: int) -> None:
        btf = self.btf
        self._steps -= 1
        decls = []
        tid = type_id
        limit = 1000
        while True:
            decls.append(tid)
            if tid == 0:
                break
            if btf.kind_of(tid) not in _CHAIN:
                break
            tid = btf[tid].type
            limit -= 1
            if limit < 0:
                out.append("<type loop>")
                return
        self._chain(decls, fname, out, depth)

    def _mods(self, decls: list, out: list[str]) -> None:
        btf = self.btf
        while decls:
            k = btf.kind_of(decls[-1]) if decls[-1] else Kind.UNKN
            if k == Kind.VOLATILE:
                out.append("volatile ")
            elif k == Kind.CONST:
                out.append("const ")
            elif k == Kind.RESTRICT:
                out.append("restrict ")
            else:
                return
            decls.pop()

    def _drop_mods(self, decls: list) -> None:
        btf = self.btf
        while decls and decls[-1] and btf.kind_of(decls[-1]) in _MODS:
            decls.pop()

    @staticmethod
    def _name(fname: str, last_was_ptr: bool, out: list[str]) -> None:
        if fname and not last_was_ptr:
            out.append(" " + fname)
        else:
            out.append(fname)

    def _chain(self, decls: list, fname: str, out: list[str], depth: int) -> None:
        btf = self.btf
        last_was_ptr = True
        while decls:
            tid = decls.pop()
            if tid == 0:
                self._mods(decls, out)
                out.append("void")
                last_was_ptr = False
                continue
            t = btf[tid]
            k = t.kind
            if k == Kind.PTR:
                out.append("*" if last_was_ptr else " *")
            elif k in (Kind.INT, Kind.FLOAT, Kind.TYPEDEF):
                self._mods(decls, out)
                out.append(t.name)
            elif k in (Kind.STRUCT, Kind.UNION):
                self._mods(decls, out)
                kw = "struct" if k == Kind.STRUCT else "union"
                out.append(f"{kw} {t.name}" if t.name else f"{kw} {ANON}")
            elif k == Kind.CONST:
                out.append(" const")
            elif k == Kind.VOLATILE:
                out.append(" volatile")
            elif k == Kind.RESTRICT:
                out.append(" restrict")
            elif k in (Kind.ENUM, Kind.ENUM64):
                self._mods(decls, out)
                out.append(f"enum {t.name}" if t.name else f"enum {ANON}")
            elif k == Kind.FWD:
                self._mods(decls, out)
                out.append(("union " if t.kflag else "struct ") + t.name)
            elif k == Kind.TYPE_TAG:
                self._mods(decls, out)
                out.append(f' __attribute__((btf_type_tag("{t.name}")))')
            elif k == Kind.ARRAY:
                self._drop_mods(decls)
                if not decls:
                    self._name(fname, last_was_ptr, out)
                    out.append(f"[{t.nelems}]")
                    return
                multidim = btf.kind_of(decls[-1]) == Kind.ARRAY if decls[-1] else False
                if fname and not last_was_ptr:
                    out.append(" ")
                if not multidim:
                    out.append("(")
                self._chain(decls, fname, out, depth)
                if not multidim:
                    out.append(")")
                out.append(f"[{t.nelems}]")
                return
            elif k == Kind.FUNC_PROTO:
                self._drop_mods(decls)
                if decls:
                    out.append(" (")
                    self._chain(decls, fname, out, depth)
                    out.append(")")
                else:
                    self._name(fname, last_was_ptr, out)
                out.append("(")
                params = t.params
                n = len(params)
                if n == 0 or (n == 1 and params[0].type == 0):
                    out.append("void)")
                    return
                for i, p in enumerate(params):
                    if i:
                        out.append(", ")
                    if i == n - 1 and p.type == 0:
                        out.append("...")
                        break
                    if depth > 50 or self._steps <= 0:
                        out.append("...")
                        break
                    self._decl(p.type, p.name, out, depth + 1)
                out.append(")")
                return
            else:
                out.append(f"<{Kind(k).name if k < len(Kind) else k}>")
                return
            last_was_ptr = k == Kind.PTR
        self._name(fname, last_was_ptr, out)


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
