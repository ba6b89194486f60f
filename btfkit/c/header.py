"""dump_header(): ``bpftool btf dump file F format c`` (bpftool's dump_btf_c, 7.1, 7.5 and 7.8)."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import BtfError, LimitError
from ..fields import TYPE
from ..releases import Release
from .dumper import CDumper, TypeLoopError

if TYPE_CHECKING:
    from typing import Iterable
    from ..btf import Btf

HEADER = (
    "#ifndef __VMLINUX_H__\n"
    "#define __VMLINUX_H__\n"
    "\n"
    "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
    "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
    "#endif\n\n"
)

FOOTER = (
    "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
    "#pragma clang attribute pop\n"
    "#endif\n"
    "\n"
    "#endif /* __VMLINUX_H__ */\n"
)


KSYM_WEAK = (
    "#ifndef __ksym\n"
    "#define __ksym __attribute__((section(\".ksyms\")))\n"
    "#endif\n\n"
    "#ifndef __weak\n"
    "#define __weak __attribute__((weak))\n"
    "#endif\n\n"
)

FASTCALL = (
    "#ifndef __bpf_fastcall\n"
    "#if __has_attribute(bpf_fastcall)\n"
    "#define __bpf_fastcall __attribute__((bpf_fastcall))\n"
    "#else\n"
    "#define __bpf_fastcall\n"
    "#endif\n"
    "#endif\n\n"
)

KFUNC_DECL_TAG = "bpf_kfunc"
FASTCALL_DECL_TAG = "bpf_fastcall"


def dump_header(btf: "Btf", root_ids: "Iterable[int] | None" = None, *, dumper: CDumper | None = None,
                bpftool: "str | Release | None" = None, sort: bool = True) -> str:
    """The C header bpftool prints for ``btf`` (bpftool's ``dump_btf_c``):
    every type from id 1 (base types too for split BTF), or only
    ``root_ids`` and their dependencies (``root_id``).

    ``bpftool`` picks the release reproduced (see :mod:`btfkit.releases`; a
    given ``dumper`` keeps its own).  From 7.5 a full dump visits the types
    in bpftool's sorted order unless ``sort`` is false (bpftool's
    ``unsorted``), and ends with the kfunc prototypes.  bpftool's sorted
    loop skips the first entry of the order: when that leaves a type out,
    the dumper's ``left_out`` says which.

    Like bpftool, output stops at the first type that cannot be ordered (a
    cycle C cannot express): what was printed before it is returned, without
    the closing lines; the dumper's ``error`` (a :class:`TypeLoopError`) and
    ``warnings`` say why.  Where libbpf would crash or run without end (a
    loop of typedefs, nesting beyond :data:`~btfkit.errors.MAX_TYPE_DEPTH`,
    an expansion beyond :data:`~btfkit.errors.MAX_EXPANSION`), output stops
    the same way with a :class:`~btfkit.errors.LimitError` as ``error``.
    Pass ``dumper`` to see them.
    """
    d = dumper if dumper is not None else CDumper(btf, bpftool=bpftool)
    rel = d.release
    parts = [HEADER]
    if rel.c_kfuncs:
        parts.append(KSYM_WEAK)
    if rel.c_kfuncs_fastcall:
        parts.append(FASTCALL)
    ids: Iterable[int]
    order: list[int] = []
    if root_ids is not None:
        ids = root_ids
    elif rel.c_sorted and sort:
        from .sort import sort_btf_c

        order = sort_btf_c(d.raw_types())
        # bpftool's loop runs i = 1 .. cnt-1 over the sorted list
        ids = order[1:]
    else:
        ids = range(1, btf.type_count)
    text, err = d.dump_types(ids)
    parts.append(text)
    if err is None and root_ids is None and rel.c_sorted and sort:
        first = order[0]
        if first and not d.is_ordered(first):  # never printed
            d.left_out = first
    if err is None and root_ids is None and rel.c_kfuncs:
        text, err = dump_btf_kfuncs(d, btf)
        parts.append(text)
    if err is None:
        parts.append(FOOTER)
    else:
        d.error = err
    return "".join(parts)


def dump_btf_kfuncs(d: CDumper, btf: "Btf") -> "tuple[str, BtfError | None]":
    """bpftool's dump_btf_kfuncs(): ``extern`` prototypes of the FUNCs that a
    ``bpf_kfunc`` decl tag (on the function itself) marks; 7.8 sorts them by
    name and adds ``__bpf_fastcall`` where a ``bpf_fastcall`` tag says so.
    Returns the text and the error that stopped it (bpftool stops there)."""
    from .. import types as T
    from ..kinds import Kind

    out: list[str] = []
    out.append("\n/* BPF kfuncs */\n")
    out.append("#ifndef BPF_NO_KFUNC_PROTOTYPES\n")
    kfuncs: list[int] = []
    fastcalls: set[int] = set()
    fastcall = d.release.c_kfuncs_fastcall
    kinds = d.raw_types().kinds
    tid = 0
    while True:
        tid = kinds.find(Kind.DECL_TAG, tid + 1)  # the next DECL_TAG
        if tid < 0:
            break
        t = btf[tid]
        if not isinstance(t, T.DeclTag) or t.component_idx != -1 or btf.kind_of(t.type) != Kind.FUNC:
            continue
        if t.name == KFUNC_DECL_TAG:
            kfuncs.append(t.type)
        elif fastcall and t.name == FASTCALL_DECL_TAG:
            fastcalls.add(t.type)
    raw = d.raw_types()
    if fastcall:
        # sorted by name for a stable vmlinux.h (strcmp order)
        kfuncs.sort(key=lambda f: d._name_of(f).encode("utf-8", "surrogateescape"))
    for f in kfuncs:
        out.append("extern " + ("__bpf_fastcall " if f in fastcalls else ""))
        try:
            # the FUNC's prototype (t->type) declared with the FUNC's name
            out.append(d.emit_type_decl(raw.words[raw.idx[f] + TYPE], d._name_of(f)))
        except (TypeLoopError, LimitError) as err:
            return "".join(out), err
        out.append(" __weak __ksym;\n")
    out.append("#endif\n\n")
    return "".join(out), None
