"""bpftool's small code-generation helpers (``tools/bpf/bpftool/gen.c``).

- :func:`codegen` takes a template written the way gen.c writes them: a
  first line of tabs only sets the baseline indentation, every other line
  loses exactly that many leading tabs and its trailing whitespace, then the
  arguments are substituted with C printf conversions (``%1$s``, ``%zu``...),
  so the templates in :mod:`btfkit.gen.skeleton` read like gen.c's.
- :func:`print_hex` writes the embedded ELF bytes exactly as gen.c does.
- :func:`get_obj_name`, :func:`get_header_guard`, :func:`check_obj_name`
  and :func:`resolve_obj_name` name the generated struct and header guard.
"""

from __future__ import annotations

import os

from ..errors import BtfError
from .naming import sanitize_identifier

__all__ = ["codegen", "c_printf", "print_hex", "get_obj_name", "get_header_guard", "check_obj_name",
           "resolve_obj_name", "MAX_OBJ_NAME_LEN", "CodegenError"]

#: gen.c's MAX_OBJ_NAME_LEN: an object name is at most 63 bytes (and a NUL)
MAX_OBJ_NAME_LEN = 64


class CodegenError(BtfError):
    """A template, name or object bpftool's generator would refuse."""


# each template adjusted once (a dict, not functools.lru_cache: gen's path
# imports no functools, see btfkit/kinds.py)
_ADJUSTED: dict[str, str] = {}


def _adjust_template(template: str) -> str:
    """codegen()'s first half: strip the baseline indentation and trailing
    blanks; remembered per template."""
    adjusted = _ADJUSTED.get(template)
    if adjusted is None:
        adjusted = _ADJUSTED[template] = _adjust(template)
    return adjusted


def _adjust(template: str) -> str:
    skip_tabs = 0
    pos = 0
    for pos, c in enumerate(template):
        if c == "\t":
            skip_tabs += 1
        elif c == "\n":
            break
        else:
            raise ValueError(f"unrecognized character at pos {pos} in template: {c!r}")
    else:
        return ""
    out = []
    src = template[pos + 1:]
    while src:
        if not src.startswith("\t" * skip_tabs):
            raise ValueError(f"not enough tabs in template line {src.split(chr(10), 1)[0]!r}")
        src = src[skip_tabs:]
        nl = src.find("\n")
        line = src if nl < 0 else src[:nl]
        out.append(line.rstrip(" \t\n\v\f\r"))
        if nl < 0:
            break
        out.append("\n")
        src = src[nl + 1:]
    return "".join(out)


_CONVERSIONS = ("s", "d", "u")


def c_printf(fmt: str, *args: str | int) -> str:
    r"""printf() for the conversions gen.c uses: %s %d %zu %zd, positional
    (``%2$s``) or not, and ``%%``; any other '%' is left as it is.  (Read
    by hand rather than with a regular expression, whose compilation was a
    measurable part of a small skeleton's run; tests/test_gen.py holds it
    to the expression ``%(?:(\d+)\$)?(z?[sdu]|%)``.)"""
    i = fmt.find("%")
    if i < 0:
        return fmt
    it = iter(range(len(args)))
    out = []
    last = 0
    n = len(fmt)
    while i >= 0:
        p = k = i + 1
        while k < n and fmt[k].isdecimal():
            k += 1
        pos = ""
        if p < k < n and fmt[k] == "$":
            pos, p = fmt[p:k], k + 1
        c = fmt[p:p + 1]
        if c == "z" and fmt[p + 1:p + 2] in _CONVERSIONS:
            end = p + 2
        elif c in _CONVERSIONS or c == "%":
            end = p + 1
        else:
            i = fmt.find("%", i + 1)  # not a conversion: the '%' stays
            continue
        out.append(fmt[last:i])
        if c == "%":
            out.append("%")
        else:
            v = args[int(pos) - 1 if pos else next(it)]
            out.append(v if isinstance(v, str) else str(int(v)))
        last = end
        i = fmt.find("%", end)
    out.append(fmt[last:])
    return "".join(out)


def codegen(template: str, *args: str | int) -> str:
    """gen.c codegen(): the template with its baseline indentation removed,
    trailing whitespace trimmed per line, and ``args`` substituted."""
    return c_printf(_adjust_template(template), *args)


# gen.c print_hex()'s token of each byte: \0 for zero, \xNN otherwise
_TOKS = ["\\0"] + [f"\\x{i:02x}" for i in range(1, 256)]


def print_hex(data: bytes) -> str:
    """gen.c print_hex(): ``\\xNN`` per byte (``\\0`` for zero), a
    backslash-newline whenever a line would pass 78 characters."""
    # gen.c counts each token's width and breaks before the one that would
    # pass 78; every token starts with the only backslash it has, so a line
    # is the text up to the last backslash within the next 79 characters
    text = "".join(map(_TOKS.__getitem__, data))
    lines = []
    start, end = 0, len(text)
    while end - start > 78:
        cut = text.rfind("\\", start + 1, start + 79)
        lines.append(text[start:cut])
        start = cut
    if start < end:
        lines.append(text[start:])
    return "\\\n".join(lines)


def get_obj_name(file: str) -> str:
    """gen.c get_obj_name(): the file's base name, at most 63 bytes, without a
    trailing '.o', every byte outside [A-Za-z0-9_] turned into '_'."""
    raw = os.fsencode(os.path.basename(os.fspath(file)))[:MAX_OBJ_NAME_LEN - 1]
    if raw.endswith(b".o"):
        raw = raw[:-2]
    return sanitize_identifier(raw.decode("utf-8", "surrogateescape"))


def get_header_guard(obj_name: str, suffix: str) -> str:
    """gen.c get_header_guard(): ``__<NAME>_<SUFFIX>__`` in upper case (ASCII)."""
    guard = f"__{obj_name}_{suffix}__"
    return guard.translate(_UPPER)


_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}

# C11 keywords, and the C++ ones: the header is compiled as both
_KEYWORDS = frozenset("""
auto break case char const continue default do double else enum extern float for goto if inline
int long register restrict return short signed sizeof static struct switch typedef union unsigned
void volatile while _Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary _Noreturn
_Static_assert _Thread_local
alignas alignof and and_eq asm bitand bitor bool catch char8_t char16_t char32_t class compl
concept consteval constexpr constinit const_cast co_await co_return co_yield decltype delete
dynamic_cast explicit export false friend mutable namespace new noexcept not not_eq nullptr
operator or or_eq private protected public reinterpret_cast requires static_assert static_cast
template this thread_local throw true try typeid typename using virtual wchar_t xor xor_eq
""".split())
# [A-Za-z_][A-Za-z0-9_]*: a C identifier's characters (ASCII)
_IDENT_CHARS = "_" + "".join(map(chr, range(ord("a"), ord("z") + 1))) + "".join(
    map(chr, range(ord("A"), ord("Z") + 1))) + "0123456789"


def _is_c_identifier(name: str) -> bool:
    """``[A-Za-z_][A-Za-z0-9_]*``, the whole of ``name``."""
    return name != "" and name[0] not in "0123456789" and not name.strip(_IDENT_CHARS)


def check_obj_name(name: str, *, given: bool, file: str | None = None) -> str:
    """The object name as bpftool uses it (cut to 63 bytes), or
    :class:`CodegenError` when it is not a C identifier the generated header
    could use: bpftool would write a header that does not compile."""
    raw = name.encode("utf-8", "surrogateescape")[:MAX_OBJ_NAME_LEN - 1]
    cut = raw.decode("utf-8", "surrogateescape")
    where = f"name {name!r}" if given else f"object name {cut!r} (from the file name)"
    hint = "" if given else "; choose one with --name NAME"
    if not _is_c_identifier(cut):
        raise CodegenError(f"{where} is not a C identifier{hint}", source=file if not given else None)
    if cut in _KEYWORDS:
        raise CodegenError(f"{where} is a C or C++ keyword{hint}", source=file if not given else None)
    return cut


def resolve_obj_name(file: str, name: str | None) -> str:
    """do_skeleton()/do_subskeleton()'s object name: ``name`` if given (cut
    to 63 bytes), else get_obj_name(file); either way it must be a usable C
    identifier (:func:`check_obj_name`)."""
    if name is not None:
        return check_obj_name(name, given=True)
    return check_obj_name(get_obj_name(file), given=False, file=file)
