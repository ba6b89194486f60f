"""btfkit tree: a type as a tree of members, with offsets, sizes and C types."""

from __future__ import annotations

from .common import add_file_args, load_btf
from .fastargs import PlainSyntax

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO
    import argparse
    from types import SimpleNamespace

EXAMPLES = """columns:
  OFFSET  bytes from the start of the type (BYTE:BIT for a bitfield;
          below a followed pointer, from the start of the pointed-to type)
  SIZE    bytes (bits for a bitfield)
  DECL    the member's C declaration, as `btfkit dump` writes it

examples:
  btfkit tree task_struct                  the running kernel's task_struct, one level
  btfkit tree sk_buff --depth 2            named struct members expanded one more level
  btfkit tree vmlinux.btf list_head        a type of a BTF file
  btfkit tree mod.ko -B vmlinux veth_priv  split BTF on its base
  btfkit tree file --kind struct           'file' names several types: pick the struct
  btfkit tree 4242                         by type id
  btfkit tree sk_buff --json | jq '.members[].decl'"""


def normalize_argv(argv: list[str]) -> list[str]:
    from .views.resolve import options_first

    return options_first(argv, {"-B", "--base", "-d", "--depth", "-k", "--kind", "--max-nodes"})


def _kinds(text: str) -> list[int]:
    # --kind's parser, imported when the option is given: building the
    # argument parser loads no view module (nor the library)
    from .views.resolve import parse_kinds

    return parse_kinds(text)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    p.add_argument("type", metavar="TYPE", help="type name or id (with one positional argument, the running kernel's)")
    p.add_argument("-d", "--depth", type=_positive, default=1, metavar="N",
                   help="levels of members to show: named struct members and pointers are "
                        "followed while the level is at most N (default 1: the type's own members)")
    p.add_argument("-k", "--kind", type=_kinds, default=None, metavar="KIND",
                   help="the kind TYPE names, when a name is ambiguous (struct, union, typedef, enum, ...)")
    p.add_argument("--no-pointers", action="store_true", help="do not follow pointers")
    p.add_argument("--max-nodes", type=_positive, default=20000, metavar="N",
                   help="stop after N members (default 20000)")
    p.add_argument("-j", "--json", action="store_true", help="print the tree as JSON")
    p.add_argument("--ascii", action="store_true", help="ASCII guides instead of unicode")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = None
    if n is None or n < 1:
        import argparse  # only argparse reports a bad value (fast_args leaves it)

        if n is None:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


# fast_args(): the plain form of what add_arguments() (and main's --debug) declare
_PLAIN = PlainSyntax(
    positionals=(("file", True), ("type", False)),
    flags={"--no-pointers": "no_pointers", "-j": "json", "--json": "json", "--ascii": "ascii", "--debug": "debug"},
    values={"-B": ("base", None), "--base": ("base", None), "-d": ("depth", _positive), "--depth": ("depth", _positive),
            "-k": ("kind", _kinds), "--kind": ("kind", _kinds), "--max-nodes": ("max_nodes", _positive)},
    defaults={"debug": False, "file": None, "base": None, "type": None, "depth": 1, "kind": None,
              "no_pointers": False, "max_nodes": 20000, "json": False, "ascii": False},
)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """argparse's namespace for a plain ``btfkit tree`` command line, read
    without argparse; None hands the line to argparse (fastargs.PlainSyntax)."""
    return _PLAIN.read(argv)


def run(args: argparse.Namespace | SimpleNamespace, stdout: IO, stderr: IO) -> int:
    from .views.resolve import resolve_type
    from .views.tree import build_tree

    btf = load_btf(args)
    tid = resolve_type(btf, args.type, args.kind)
    root, cut = build_tree(btf, tid, depth=args.depth, max_nodes=args.max_nodes,
                           follow_pointers=not args.no_pointers)
    if args.json:
        from .output import emit

        import json  # only for -j


        emit(json.dumps(root.to_dict(), ensure_ascii=False) + "\n", None, stdout)
    else:
        from .views.console import is_terminal, unicode_ok

        ascii = args.ascii or not unicode_ok(stdout)
        text = None
        if not is_terminal(stdout):
            # piped: no colour and no width limit, the text rich would
            # print, without importing rich (views.tree.plain_tree; None
            # when a label needs rich's own measuring)
            from .views.tree import plain_tree

            text = plain_tree(root, ascii=ascii)
        if text is not None:
            stdout.write(text)
            stdout.flush()
        else:
            from .views.console import make_console
            from .views.tree import render_tree

            console = make_console(stdout, ascii=ascii)
            console.print(render_tree(root, ascii=ascii))
    if cut == "nest":
        from .views.tree import MAX_NEST

        print(f"btfkit: note: structs nested more than {MAX_NEST} levels deep were cut", file=stderr)
    elif cut:
        print(f"btfkit: note: stopped after {args.max_nodes} members (--max-nodes); lower --depth or use --no-pointers",
              file=stderr)
    return 0
