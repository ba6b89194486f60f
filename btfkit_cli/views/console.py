"""The Console policy of every view.

Colour only when the stream is a terminal, ``NO_COLOR`` is unset (any value,
even empty, turns colour off: no-color.org) and ``TERM`` is not ``dumb``.
Box and tree guides are unicode unless the stream cannot encode them or
``--ascii`` is given.  Markup and highlighting are off: labels are Text.
"""

from __future__ import annotations

import os
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO


def wants_colour(stream: IO, env: "dict[str, str] | None" = None) -> bool:
    env = os.environ if env is None else env
    if "NO_COLOR" in env:
        return False
    if env.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def is_terminal(stream: IO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def unicode_ok(stream: IO) -> bool:
    enc = (getattr(stream, "encoding", None) or "utf-8").lower()
    try:
        "├─└│┃━".encode(enc)
        return True
    except (LookupError, UnicodeEncodeError):
        return False


class _AsciiStream:
    """A stream that tells rich its encoding is ASCII (rich then draws ASCII
    guides and boxes); writes go to the real stream."""

    encoding = "ascii"

    def __init__(self, stream: IO) -> None:
        self._s = stream

    def write(self, s: str) -> int:
        return self._s.write(s)

    def flush(self) -> None:
        self._s.flush()

    def isatty(self) -> bool:
        return is_terminal(self._s)

    def fileno(self) -> int:
        return self._s.fileno()


def make_console(stream: IO, *, ascii: bool | None = None, colour: bool | None = None,
                 width: int | None = None):
    """A rich Console on ``stream`` that follows the policy above.

    Off a terminal the width is unlimited (no wrapping of piped output)
    unless ``width`` is given; ``COLUMNS`` is honoured by rich on a terminal.
    """
    from rich.console import Console

    if colour is None:
        colour = wants_colour(stream)
    if ascii is None:
        ascii = not unicode_ok(stream)
    tty = is_terminal(stream)
    target = _AsciiStream(stream) if ascii else stream
    if width is None and not tty:
        width = 10_000  # piped: never wrap or cut a line
    return Console(
        file=target,
        force_terminal=colour,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        markup=False,
        emoji=False,
        width=width,
        legacy_windows=False,
        soft_wrap=False,
        safe_box=True,
    )


def fixed_console(width: int = 100, *, ascii: bool = False):
    """A fixed-width, colourless console recording to a string (for tests)."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    target = _AsciiStream(buf) if ascii else buf
    return Console(file=target, width=width, color_system=None, force_terminal=False,
                   no_color=True, highlight=False, markup=False, emoji=False,
                   legacy_windows=False, record=False, _environ={}), buf


def styled(on: bool, style: str) -> str:
    return style if on else ""


def clean(s: str) -> str:
    """Names decode with surrogateescape; a terminal gets U+FFFD for bytes
    that are not UTF-8 (JSON and plain dumps keep the bytes)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
