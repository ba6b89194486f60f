"""The bpftool/libbpf releases btfkit reproduces, and every switch that differs.

btfkit's printers and gen layer are one code path; where bpftool 7.1, 7.5 and
7.8 print different bytes, the difference is a field of :class:`Release`,
read by the code that prints it.  Each field says which release introduced
it and the upstream change (libbpf or bpftool commit subject) behind it, so
this file is the one place to read when a new release comes out.

Choosing a release: the Python API takes ``bpftool="7.5"`` (or a
:class:`Release`); the CLI takes ``--bpftool``; both fall back to the
environment variable ``BTFKIT_BPFTOOL`` and then to :data:`DEFAULT`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import BtfError

#: The environment variable that picks the release when none is given.
ENV_VAR = "BTFKIT_BPFTOOL"


@dataclass(frozen=True)
class Release:
    """One reproduced release of bpftool and the libbpf it links.

    Attributes:
        bpftool: bpftool's version as users name it (``"7.1"``).
        libbpf: the libbpf built into that bpftool (``"6.1"`` means the
            libbpf of the Linux 6.1.192 tree Debian 12's bpftool is built
            from; ``"1.5"``, ``"1.8"`` the libbpf releases).
        description: where this reference build comes from, for ``--version``.
    """

    bpftool: str
    libbpf: str
    description: str
    # --- typed data (btf_dump__dump_type_data, btfkit.c.data) ---
    #: libbpf 1.5 prints the ``'\\0'`` that ends a char array (6.1 sets the
    #: terminated flag and prints nothing).  Upstream: "libbpf: Fix dump of
    #: subsequent char arrays".
    data_char_nul_printed: bool = False
    #: libbpf 1.5 saves and clears ``is_array_terminated`` around each array
    #: (6.1 keeps it set for the rest of the call: later arrays print empty).
    #: Same upstream commit as ``data_char_nul_printed``.
    data_array_terminated_scoped: bool = False
    #: libbpf 1.8 has the ``emit_strings`` option (NUL-terminated char arrays
    #: as ``"..."``).  Upstream: "libbpf: add support for printing BTF
    #: character arrays as strings".
    data_emit_strings: bool = False

    @property
    def key(self) -> tuple[int, ...]:
        """The bpftool version as a tuple of ints, for ``>=`` comparisons."""
        return tuple(int(p) for p in self.bpftool.split("."))

    def at_least(self, version: str) -> bool:
        """Whether this release is ``version`` (``"7.5"``) or newer."""
        return self.key >= tuple(int(p) for p in version.split("."))


#: Every release btfkit reproduces, oldest first.
RELEASES: dict[str, Release] = {
    "7.1": Release("7.1", "6.1", "bpftool 7.1.0, libbpf of Linux 6.1.192 (Debian 12)"),
    "7.5": Release("7.5", "1.5", "bpftool 7.5.0, libbpf 1.5 (Linux 6.12 LTS)",
                   data_char_nul_printed=True, data_array_terminated_scoped=True),
    "7.8": Release("7.8", "1.8", "bpftool 7.8.0, libbpf 1.8 (upstream)",
                   data_char_nul_printed=True, data_array_terminated_scoped=True,
                   data_emit_strings=True),
}

#: The release used when neither the caller nor ``BTFKIT_BPFTOOL`` names one.
DEFAULT = "7.1"


def release(which: "str | Release | None" = None) -> Release:
    """The :class:`Release` named by ``which`` (``"7.1"``, ``"7.5"``, ``"7.8"``,
    also ``"v7.8"`` or ``"7.8.0"``); ``None`` reads ``BTFKIT_BPFTOOL``, then
    :data:`DEFAULT`.  An unknown name raises :class:`~btfkit.errors.BtfError`."""
    if isinstance(which, Release):
        return which
    name = which if which is not None else (os.environ.get(ENV_VAR) or DEFAULT)
    key = name.strip().lstrip("v")
    if key.count(".") == 2 and key.endswith(".0"):
        key = key[:-2]
    try:
        return RELEASES[key]
    except KeyError:
        known = ", ".join(RELEASES)
        raise BtfError(f"unknown bpftool release {name!r} (known: {known})") from None
