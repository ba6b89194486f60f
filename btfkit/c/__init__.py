"""The C printer: libbpf's ``btf_dump`` (Linux 6.1 / libbpf 1.1) in Python.

- :class:`CDumper` — one stateful dumper (``struct btf_dump``):
  :meth:`CDumper.dump_type` (``btf_dump__dump_type``) and
  :meth:`CDumper.emit_type_decl` (``btf_dump__emit_type_decl``).
- :func:`dump_header` — what ``bpftool btf dump file F format c`` prints.
"""

from __future__ import annotations

from .dumper import CDumper, TypeLoopError
from .header import dump_header

__all__ = ["CDumper", "TypeLoopError", "dump_header"]
