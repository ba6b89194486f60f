"""btfkit find: types whose names match a glob or a regular expression."""

from __future__ import annotations

from .common import add_file_args, load_btf
from .fastargs import PlainSyntax

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO
    import argparse
    from collections.abc import Callable
    from types import SimpleNamespace

EXAMPLES = """PATTERN is a shell glob over the whole name (`sk_*`, `*_ops`, `task_struct`),
or with --regex a Python regular expression searched anywhere in the name.
A pattern without * ? or [ is an exact name.

examples:
  btfkit find 'tcp_*' --kind struct          structs whose names start with tcp_
  btfkit find -e 'bpf_.*_ops$'               a regular expression
  btfkit find -i 'SK_BUFF*'                  ignore case
  btfkit find vmlinux.btf 'list_*' --json    as JSON
  btfkit find '*_ops' -k struct -1 | wc -l   names only, one per line
  btfkit find file                           every type named 'file', with its kind"""


def normalize_argv(argv: list[str]) -> list[str]:
    from .views.resolve import options_first

    return options_first(argv, {"-B", "--base", "-k", "--kind"})


def _kinds(text: str) -> list[int]:
    # --kind's parser, imported when the option is given: building the
    # argument parser loads no view module (nor the library)
    from .views.resolve import parse_kinds

    return parse_kinds(text)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    p.add_argument("pattern", metavar="PATTERN", help="glob (default) or regular expression (--regex)")
    p.add_argument("-e", "--regex", action="store_true", help="PATTERN is a regular expression (re.search)")
    p.add_argument("-i", "--ignore-case", action="store_true", help="match regardless of case")
    p.add_argument("-k", "--kind", type=_kinds, default=None, metavar="KIND[,KIND]",
                   help="only these kinds (struct, union, enum, typedef, func, var, ...)")
    p.add_argument("-j", "--json", action="store_true", help="print the matches as JSON")
    p.add_argument("-1", "--names", action="store_true", help="print names only, one per line")


# fast_args(): the plain form of what add_arguments() (and main's --debug) declare
_PLAIN = PlainSyntax(
    positionals=(("file", True), ("pattern", False)),
    flags={"-e": "regex", "--regex": "regex", "-i": "ignore_case", "--ignore-case": "ignore_case",
           "-j": "json", "--json": "json", "-1": "names", "--names": "names", "--debug": "debug"},
    values={"-B": ("base", None), "--base": ("base", None), "-k": ("kind", _kinds), "--kind": ("kind", _kinds)},
    defaults={"debug": False, "file": None, "base": None, "pattern": None, "regex": False, "ignore_case": False,
              "kind": None, "json": False, "names": False},
)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """argparse's namespace for a plain ``btfkit find`` command line, read
    without argparse; None hands the line to argparse (fastargs.PlainSyntax)."""
    return _PLAIN.read(argv)


def matcher(pattern: str, *, regex: bool, ignore_case: bool):
    """A function name -> bool; None when the pattern is an exact name."""
    if not regex and not ignore_case:
        # the common cases without re (about 4 ms to import, and fnmatch's
        # translation): an exact name, and the usual globs (star_matcher)
        if not any(c in pattern for c in "*?["):
            return None
        if "?" not in pattern and "[" not in pattern:
            match = star_matcher(pattern)
            if match is not None:
                return match
    import re

    from btfkit.errors import BtfError

    flags = re.IGNORECASE if ignore_case else 0
    if regex:
        try:
            rx = re.compile(pattern, flags)
        except re.error as err:
            raise BtfError(f"bad regular expression {pattern!r}: {err}") from None
        return rx.search
    import fnmatch

    rx = re.compile(fnmatch.translate(pattern), flags)
    return rx.match


def star_matcher(pattern: str) -> Callable[[str], bool] | None:
    """fnmatch.fnmatchcase(name, pattern) as one C call a name, for the
    usual globs whose only wildcard is ``*``: ``X*``, ``*X``, ``*X*`` (and
    ``*``); None for the others (a compiled regex is as fast or faster)."""
    from operator import methodcaller

    parts = pattern.split("*")
    if len(parts) == 2 and not parts[1]:
        return methodcaller("startswith", parts[0])  # X*
    if len(parts) == 2 and not parts[0]:
        return methodcaller("endswith", parts[1])  # *X
    if len(parts) == 3 and not parts[0] and not parts[2]:
        return methodcaller("__contains__", parts[1])  # *X*, and ** (every name)
    return None


def find_ids(btf, pattern: str, *, regex: bool = False, ignore_case: bool = False,
             kinds: "list[int] | None" = None) -> list[int]:
    match = matcher(pattern, regex=regex, ignore_case=ignore_case)
    if match is None:
        ids = btf.find(pattern)
    else:
        ids = []
        chain = []
        b = btf
        while b is not None:
            chain.append(b)
            b = b.base
        for b in reversed(chain):
            index = b.name_index()
            for name in filter(match, index):
                ids.extend(index[name])
        ids.sort()
    if kinds:
        ids = [i for i in ids if btf.kind_of(i) in kinds]
    return ids


def type_row(btf, tid: int) -> dict:
    from btfkit.kinds import Kind, kind_name
    from btfkit.layout import type_size

    t = btf[tid]
    k = btf.kind_of(tid)  # the record's number, also for a kind past the last Kind
    if k in (Kind.FUNC, Kind.FUNC_PROTO, Kind.FWD, Kind.DECL_TAG):
        size = None
    elif k == Kind.VAR:
        size = type_size(btf, t.type)
    else:
        size = type_size(btf, tid)
    return {"id": tid, "kind": kind_name(k).lower(), "name": t.name, "size": size}


def run(args: argparse.Namespace | SimpleNamespace, stdout: IO, stderr: IO) -> int:
    from .views.tables import Section, print_sections, progress

    btf = load_btf(args)
    ids = find_ids(btf, args.pattern, regex=args.regex, ignore_case=args.ignore_case, kinds=args.kind)
    if args.names:
        from .output import emit

        seen = dict.fromkeys(btf[i].name for i in ids)
        emit("".join(f"{n}\n" for n in seen), None, stdout)
        return 0 if ids else 1
    rows = [type_row(btf, i) for i in progress(ids, len(ids), stderr, "decoding")]
    if args.json:
        from .output import emit

        import json  # only for -j


        emit(json.dumps(rows, ensure_ascii=False) + "\n", None, stdout)
        return 0 if rows else 1
    if not rows:
        print(f"btfkit: no type matches {args.pattern!r}", file=stderr)
        return 1
    sec = Section("", ["ID", "KIND", "NAME", "SIZE"],
                  [[str(r["id"]), r["kind"], r["name"], "" if r["size"] is None else str(r["size"])] for r in rows],
                  right={0, 3})
    print_sections([sec], stdout, styles={0: "cyan", 1: "magenta", 3: "green"})
    return 0
