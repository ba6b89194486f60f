"""Argument helpers shared by commands: the BTF file and its base."""

from __future__ import annotations

import argparse
import os
import sys

SYS_VMLINUX = "/sys/kernel/btf/vmlinux"


def _terminal_columns() -> int:
    # shutil.get_terminal_size().columns, the width argparse's help uses,
    # without importing shutil (and its compression modules) on every run
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Width:
    """Gives argparse's help formatters their width without shutil."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,  # type: ignore[call-arg]
                         _terminal_columns() - 2 if width is None else width)


class Formatter(_Width, argparse.HelpFormatter):
    """argparse's help formatter (descriptions re-wrapped)."""


class RawFormatter(_Width, argparse.RawDescriptionHelpFormatter):
    """argparse's raw-description help formatter (descriptions as written)."""


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


def load_btf(args: argparse.Namespace):
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
