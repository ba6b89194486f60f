"""The library's error classes.

Everything btfkit raises on bad input derives from :class:`BtfError`; callers
(and the CLI) catch that one class.  A message names the file and where the
input broke: the section, the byte offset and, for type records, the type id.
"""

from __future__ import annotations


class BtfError(Exception):
    """Root of every error btfkit raises for bad or unsupported input."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.detail = message
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)

    def with_source(self, source: str) -> "BtfError":
        """Return a copy of this error that names ``source`` (the file)."""
        if self.source:
            return self
        err = type(self)(self.detail, source=source)
        err.__cause__ = self.__cause__
        return err


class BtfParseError(BtfError):
    """The bytes do not follow the wire format (truncated, bad magic, ...)."""


class BtfValidationError(BtfError):
    """The bytes parse, but the content is inconsistent (ids or offsets out of range)."""


class ElfError(BtfError):
    """The ELF container is broken or lacks what is needed (no .BTF, bad section table)."""


class UnsupportedError(BtfError):
    """Valid input that btfkit cannot handle (an unknown kind with no layout table, ...)."""


class SplitBtfError(BtfValidationError):
    """Split BTF without its base, or with the wrong base."""
