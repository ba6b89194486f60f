"""Type names the way pahole spells them: dwarves_fprintf.c's
``__tag__name`` (``struct foo``, ``const char *``, ``int ()(void *)``),
``ftype__fprintf`` and ``ftype__fprintf_parms``, and ``typedef__fprintf``
for a typedef of a named type.  Type tags are transparent (pahole 1.24
cannot read them).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..chains import skip_chain
from ..errors import LimitError
from ..kinds import Kind
from ..types import FuncProto, Ptr, Typedef

if TYPE_CHECKING:
    from ..btf import Btf

__all__ = ["TypeNames", "typedef_target_text", "lj", "MAX_NAME_STEPS", "MAX_NAME_DEPTH"]

#: At most this many steps to spell the type names of one layout
#: (prototypes whose parameters are prototypes): more raises LimitError.
MAX_NAME_STEPS = 200_000
#: One name is spelt at most this many types deep; a deeper part prints as
#: ``<loop>`` (pahole recurses forever on a prototype among its own
#: parameters).
MAX_NAME_DEPTH = 64

_TYPE_TAG = frozenset((int(Kind.TYPE_TAG),))
_QUALIFIER_PREFIX = {int(Kind.VOLATILE): "volatile ", int(Kind.CONST): "const "}


def lj(s: str, width: int) -> str:
    """C's ``%-*s``: a negative width left-justifies too."""
    return s.ljust(abs(width))


class TypeNames:
    """dwarves' __tag__name / type__fprintf on the BTF ids of ``btf``.

    One instance spells the names of one layout and counts its steps
    against :data:`MAX_NAME_STEPS`."""

    def __init__(self, btf: Btf) -> None:
        self.btf = btf
        """The BTF the ids are looked up in."""
        self.steps = MAX_NAME_STEPS
        """Steps left before :class:`~btfkit.errors.LimitError`."""

    def _step(self, tid: int) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise LimitError(f"type [{tid}]: its type name takes more than {MAX_NAME_STEPS} steps to spell "
                             "(prototypes nested in their own parameters): btfkit stops here",
                             source=self.btf.source)

    def skip_tags(self, tid: int) -> int:
        """``tid`` past its type tags."""
        return skip_chain(self.btf, tid, _TYPE_TAG)

    def name(self, tid: int, depth: int = 0) -> str:
        """__tag__name."""
        btf = self.btf
        self._step(tid)
        tid = self.skip_tags(tid)
        if tid == 0:
            return "void"
        if depth > MAX_NAME_DEPTH:
            return "<loop>"
        t = btf[tid]
        if t.kind == Kind.INT or t.kind == Kind.FLOAT:
            return t.name
        if t.kind == Kind.PTR:
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
        if t.kind == Kind.VOLATILE or t.kind == Kind.CONST or t.kind == Kind.RESTRICT:
            inner = self.name(t.type, depth + 1)
            suffix = " restrict" if t.kind == Kind.RESTRICT else ""
            return f"{_QUALIFIER_PREFIX.get(t.kind, '')}{inner}{suffix} "
        if t.kind == Kind.ARRAY:
            return self.name(t.type, depth + 1)
        if t.kind == Kind.FUNC_PROTO:
            return f"{self.name(t.type, depth + 1)} ()" + self.params(t, depth)
        if t.kind == Kind.STRUCT:
            return f"struct {t.name}"
        if t.kind == Kind.UNION:
            return f"union {t.name}"
        if t.kind == Kind.ENUM or t.kind == Kind.ENUM64:
            return f"enum {t.name}"
        if t.kind == Kind.FWD:
            return f"{'union' if t.kflag else 'struct'} {t.name}"
        return t.name

    def params(self, proto: FuncProto, depth: int = 0) -> str:
        """ftype__fprintf_parms (indent 0)."""
        btf = self.btf
        self._step(proto.id)
        if depth > MAX_NAME_DEPTH:
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
                target = self.skip_tags(btf.get(ptid, Ptr).type)
                if target and btf.kind_of(target) == Kind.FUNC_PROTO:
                    parts.append(self.ftype(btf.get(target, FuncProto), pname, is_pointer=True, spacing=0,
                                            depth=depth + 1))
                    continue
            elif ptid and btf.kind_of(ptid) == Kind.FUNC_PROTO:
                parts.append(self.ftype(btf.get(ptid, FuncProto), pname, is_pointer=False, spacing=0,
                                        depth=depth + 1))
                continue
            s = self.name(ptid, depth + 1)
            parts.append(s + (" " + pname if pname else ""))
        if not parts:
            # pahole: no named parameter, vararg marker or not, is (void)
            return "(void)"
        if variadic:
            return "(" + ", ".join(parts) + ", ...)"
        return "(" + ", ".join(parts) + ")"

    def ftype(self, proto: FuncProto, name: str | None, *, is_pointer: bool, spacing: int, depth: int = 0) -> str:
        """ftype__fprintf with is_prototype true."""
        ret = self.name(proto.type, depth + 1)
        return f"{lj(ret, spacing)} ({'*' if is_pointer else ''}{name or ''})" + self.params(proto, depth)


def typedef_target_text(names: TypeNames, t: Typedef) -> str:
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
            return names.ftype(btf.get(pt, FuncProto), t.name, is_pointer=True, spacing=0)
    if tt.kind == Kind.FUNC_PROTO:
        return names.ftype(tt, t.name, is_pointer=False, spacing=0)
    return f"{names.name(target)} {t.name}"
