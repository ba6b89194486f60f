"""Argument helpers shared by commands: the BTF file and its base.

No argparse at import: the views import this module for :func:`load_btf`
on command lines their ``fast_args`` reads (argparse only annotates here).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

SYS_VMLINUX = "/sys/kernel/btf/vmlinux"


def add_file_args(p: argparse.ArgumentParser, *, file_optional: bool = True) -> None:
    p.add_argument("file", nargs="?" if file_optional else None, metavar="FILE",
                   help="raw BTF or an ELF object with .BTF (default: /sys/kernel/btf/vmlinux)")
    p.add_argument("-B", "--base", metavar="FILE", help="base BTF of split BTF (a kernel module's vmlinux)")


def add_release_arg(p: argparse.ArgumentParser) -> None:
    """--bpftool RELEASE: whose output to reproduce (btfkit.releases)."""
    from btfkit.releases import DEFAULT, ENV_VAR, RELEASES

    p.add_argument("--bpftool", metavar="RELEASE", choices=tuple(RELEASES), default=None,
                   help=f"reproduce this bpftool release: {', '.join(RELEASES)} "
                        f"(default: ${ENV_VAR}, else {DEFAULT})")


def load_btf(args: argparse.Namespace | SimpleNamespace):
    """Load FILE (or the running kernel's BTF) with its base."""
    import btfkit
    from btfkit.errors import BtfError

    path = args.file
    if not path:
        if not os.path.exists(SYS_VMLINUX):
            raise BtfError("no FILE given and the running kernel has no BTF (/sys/kernel/btf/vmlinux does not exist)")
        path = SYS_VMLINUX
    from btfkit.errors import SplitBtfError

    base = btfkit.load(args.base) if getattr(args, "base", None) else None
    try:
        return btfkit.load(path, base=base)
    except SplitBtfError as err:
        if base is not None:
            raise
        # the library says what is missing; the command line says how
        raise SplitBtfError(f"{err.detail}: give the base with --base BASE", source=err.source) from None


def checked_id(btf, spec: str) -> int:
    """A type id given as decimal text, checked against the BTF."""
    from btfkit.errors import BtfError

    tid = int(spec)
    if not 0 < tid < btf.type_count:
        raise BtfError(f"type id {tid} is out of range (1..{btf.type_count - 1})", source=btf.source)
    return tid


def named(btf, name: str) -> list[int]:
    """Every id named ``name``; none is an error."""
    from btfkit.errors import BtfError

    found = btf.find(name)
    if not found:
        raise BtfError(f"no type named {name!r}", source=btf.source)
    return found
