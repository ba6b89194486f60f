"""btfkit: Linux BTF (BPF Type Format) in pure Python.

``btfkit.load(path_or_bytes, base=None)`` reads raw BTF, an ELF object with
``.BTF`` (and ``.BTF.ext``), or split BTF on a base; see :class:`btfkit.btf.Btf`.
"""

from __future__ import annotations

from .errors import BtfError, BtfLookupError, BtfParseError, BtfValidationError, ElfError, LimitError, SplitBtfError, UnsupportedError
from .kinds import Kind
from .btf import Btf
from .loader import load

__version__ = "0.1.0"

__all__ = [
    "Btf", "BtfError", "BtfLookupError", "BtfParseError", "LimitError", "BtfValidationError", "ElfError", "SplitBtfError",
    "UnsupportedError", "Kind", "load", "__version__",
]
