"""btfkit's argparse help formatters: the terminal's width without shutil.

Imported only when a command line goes to argparse (main._parser_class).
"""

from __future__ import annotations

import argparse
import os
import sys


def _terminal_columns() -> int:
    # shutil.get_terminal_size().columns, the width argparse's help uses,
    # without importing shutil (and its compression modules) on every run
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        out = sys.__stdout__
        try:
            columns = os.get_terminal_size(out.fileno()).columns if out is not None else 0
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
