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


class BtfLookupError(BtfValidationError, LookupError):
    """A type id past the last type, or a name no type has: both a
    :class:`BtfError` and a :class:`LookupError` (``except KeyError`` does
    not catch it; ``except LookupError`` does)."""


class SplitBtfError(BtfValidationError):
    """Split BTF without its base, or with the wrong base."""


class LimitError(BtfValidationError):
    """The input reaches one of btfkit's documented bounds: type nesting deeper
    than :data:`MAX_TYPE_DEPTH` levels, or a C expansion longer than
    :data:`MAX_EXPANSION` members.  libbpf and pahole have no such bounds and
    crash (stack overflow) or run for hours on such input; btfkit stops."""


#: How deep btfkit's recursive walks of the type graph go (struct members
#: inside struct members, nested declarators, prototypes in prototypes).
#: Chains of typedefs, modifiers and pointers are walked in loops and do not
#: count.  The kernel refuses BTF nested deeper than 32 (MAX_RESOLVE_DEPTH).
MAX_TYPE_DEPTH = 300

#: How many struct/union members one printed C declaration may expand to
#: (anonymous types are printed inline, so a small BTF can describe a C
#: text of 2^40 lines).  The largest vmlinux type (task_struct) needs 976.
MAX_EXPANSION = 100_000
