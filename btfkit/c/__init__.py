"""The C printer: libbpf's ``btf_dump`` (Linux 6.1 / libbpf 1.1) in Python.

- :class:`CDumper` — one stateful dumper (``struct btf_dump``):
  :meth:`CDumper.dump_type` (``btf_dump__dump_type``) and
  :meth:`CDumper.emit_type_decl` (``btf_dump__emit_type_decl``).
- :func:`dump_header` — what ``bpftool btf dump file F format c`` prints.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .dumper import CDumper, TypeLoopError

if TYPE_CHECKING:
    from .header import dump_header

__all__ = ["CDumper", "TypeLoopError", "dump_header"]


def __getattr__(name: str) -> object:
    """:func:`dump_header` on first use (PEP 562): ``btfkit gen`` prints
    declarations with :class:`CDumper` and never loads the header module."""
    if name != "dump_header":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .header import dump_header
    globals()[name] = dump_header
    return dump_header
