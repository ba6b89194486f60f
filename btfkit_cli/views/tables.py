"""Tables for ``find`` and ``info``: rich on a terminal, aligned plain text when piped.

A :class:`Section` is a title, column headers and rows of strings.  On a
terminal it becomes a rich Table (Text cells: no markup); piped, it is plain
text with columns separated by two spaces, numbers right-aligned, so ``awk``
and ``sort`` can use it; no colour either way off a terminal.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO, Iterable, Iterator


class Section:
    """One titled table: column names, rows of cells, the right-aligned
    column indexes, and whether the column names are printed."""

    __slots__ = ("title", "columns", "rows", "right", "header")

    def __init__(self, title: str, columns: list[str], rows: list[list[str]] | None = None,
                 right: set[int] | None = None, header: bool = True) -> None:
        self.title = title
        self.columns = columns
        self.rows: list[list[str]] = [] if rows is None else rows
        self.right: set[int] = set() if right is None else right  # right-aligned column indexes
        self.header = header


def plain_text(sections: list[Section]) -> str:
    out: list[str] = []
    for n, s in enumerate(sections):
        if n:
            out.append("")
        if s.title:
            out.append(s.title)
        rows = ([s.columns] if s.header else []) + s.rows
        if not rows:
            continue
        widths = [max(len(r[i]) for r in rows) for i in range(len(s.columns))]
        for r in rows:
            cells = []
            for i, c in enumerate(r):
                last = i == len(r) - 1
                if i in s.right:
                    cells.append(c.rjust(widths[i]))
                else:
                    cells.append(c if last else c.ljust(widths[i]))
            out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"


def rich_tables(sections: list[Section], *, styles: dict[int, str] | None = None) -> list:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .console import clean

    tables = []
    for s in sections:
        t = Table(title=Text(s.title, style="bold") if s.title else None, title_justify="left",
                  box=box.SIMPLE_HEAD, show_header=s.header, header_style="bold", pad_edge=False,
                  show_edge=False)
        for i, c in enumerate(s.columns):
            t.add_column(Text(c), justify="right" if i in s.right else "left",
                         style=(styles or {}).get(i, ""), no_wrap=True, overflow="fold")
        for r in s.rows:
            t.add_row(*(Text(clean(c)) for c in r))
        tables.append(t)
    return tables


def print_sections(sections: list[Section], stdout: IO, *, styles: dict[int, str] | None = None,
                   ascii: bool = False) -> None:
    from .console import wants_colour

    if not wants_colour(stdout):
        from ..output import emit

        emit(plain_text(sections), None, stdout)
        return
    from .console import make_console

    console = make_console(stdout, ascii=ascii or None)
    for n, t in enumerate(rich_tables(sections, styles=styles)):
        if n:
            console.print()
        console.print(t)


def progress(items: Iterable, total: int, stderr: IO, description: str, *, threshold: int = 20000) -> Iterator:
    """Yield ``items``; with a progress bar on stderr when it is a terminal
    and the work is long (``total`` at least ``threshold``)."""
    from .console import is_terminal

    if total < threshold or not is_terminal(stderr) or _no_progress():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .console import wants_colour

    console = Console(file=stderr, highlight=False, markup=False, no_color=not wants_colour(stderr))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        step = max(total // 200, 1)
        for i, item in enumerate(items, 1):
            yield item
            if i % step == 0:
                bar.update(task, completed=i)
        bar.update(task, completed=total)


def _no_progress() -> bool:
    import os

    return bool(os.environ.get("BTFKIT_NO_PROGRESS"))
