"""dump_header(): ``bpftool btf dump file F format c`` (bpftool 7.1, dump_btf_c)."""

from __future__ import annotations

from ..errors import LimitError
from ..releases import Release
from .dumper import CDumper, TypeLoopError

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


def dump_header(btf, root_ids=None, *, dumper: CDumper | None = None,
                bpftool: "str | Release | None" = None) -> str:
    """The C header bpftool prints for ``btf``: every type from id 1 (base
    types too for split BTF), or only ``root_ids`` and their dependencies
    (``bpftool btf dump ... format c`` with root types).

    Like bpftool, output stops at the first type that cannot be ordered (a
    cycle C cannot express): what was printed before it is returned, without
    the closing lines; the dumper's ``error`` (a :class:`TypeLoopError`) and
    ``warnings`` say why.  Where libbpf would crash or run without end (a
    loop of typedefs, nesting beyond :data:`~btfkit.errors.MAX_TYPE_DEPTH`, an
    expansion beyond :data:`~btfkit.errors.MAX_EXPANSION`), output stops the
    same way with a :class:`~btfkit.errors.LimitError` as ``error``.  Pass ``dumper`` to see them.  ``bpftool`` picks
    the release reproduced (see :mod:`btfkit.releases`); a given ``dumper``
    keeps its own.
    """
    d = dumper if dumper is not None else CDumper(btf, bpftool=bpftool)
    ids = range(1, btf.type_count) if root_ids is None else root_ids
    out = d._out
    start = len(out)
    out.append(HEADER)
    try:
        d._dump_all(ids)
    except (TypeLoopError, LimitError) as err:
        d.error = err
    else:
        out.append(FOOTER)
    text = "".join(out[start:])
    del out[start:]
    return text
