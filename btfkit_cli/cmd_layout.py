"""btfkit layout: a struct's memory layout, as ``pahole -C`` prints it."""

from __future__ import annotations

from .common import add_file_args, load_btf
from .fastargs import PlainSyntax

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO
    import argparse
    from types import SimpleNamespace

EXAMPLES = """The text is pahole's (dwarves 1.24): offsets and sizes in bytes, /* XXX */ for
holes and bit holes, cacheline boundaries, then size, holes, padding and the
last cacheline.  Unlike pahole 1.24, types with decl and type tags work (tags
change nothing in a layout).  With --json: the same numbers, plus alignment.

examples:
  btfkit layout task_struct                the running kernel's task_struct
  btfkit layout sk_buff --cacheline 128    cacheline boundaries every 128 bytes
  btfkit layout vmlinux.btf list_head      a type of a BTF file
  btfkit layout atomic_t                   typedefs of anonymous structs too
  btfkit layout sk_buff --json | jq '.holes'
  diff <(btfkit layout sk_buff) <(pahole -C sk_buff /sys/kernel/btf/vmlinux)"""


def normalize_argv(argv: list[str]) -> list[str]:
    from .views.resolve import options_first

    return options_first(argv, {"-B", "--base", "-c", "--cacheline", "-k", "--kind"})


def _kinds(text: str) -> list[int]:
    # --kind's parser, imported when the option is given: building the
    # argument parser loads no view module (nor the library)
    from .views.resolve import parse_kinds

    return parse_kinds(text)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    p.add_argument("type", metavar="STRUCT", help="struct, union, typedef or enum: name or id")
    p.add_argument("-c", "--cacheline", type=_cacheline, default=64, metavar="BYTES",
                   help="cacheline size in bytes (default 64)")
    p.add_argument("-k", "--kind", type=_kinds, default=None, metavar="KIND",
                   help="the kind STRUCT names, when a name is ambiguous")
    p.add_argument("-j", "--json", action="store_true", help="print the layout as JSON")


def _cacheline(text: str) -> int:
    try:
        n = int(text, 0)
    except ValueError:
        n = None
    if n is None or n < 1:
        import argparse  # only argparse reports a bad value (fast_args leaves it)

        if n is None:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        raise argparse.ArgumentTypeError(f"must be positive, not {n}")
    return n


# fast_args(): the plain form of what add_arguments() (and main's --debug) declare
_PLAIN = PlainSyntax(
    positionals=(("file", True), ("type", False)),
    flags={"-j": "json", "--json": "json", "--debug": "debug"},
    values={"-B": ("base", None), "--base": ("base", None), "-c": ("cacheline", _cacheline),
            "--cacheline": ("cacheline", _cacheline), "-k": ("kind", _kinds), "--kind": ("kind", _kinds)},
    defaults={"debug": False, "file": None, "base": None, "type": None, "cacheline": 64, "kind": None,
              "json": False},
)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """argparse's namespace for a plain ``btfkit layout`` command line, read
    without argparse; None hands the line to argparse (fastargs.PlainSyntax)."""
    return _PLAIN.read(argv)


def layout_json(btf, tid: int, cacheline: int) -> dict:
    from btfkit.kinds import Kind
    from btfkit.layout import natural_alignment, strip_mods, struct_layout, type_size

    t = btf[tid]
    st = strip_mods(btf, tid)
    sk = btf.kind_of(st) if st else Kind.UNKN
    if sk in (Kind.STRUCT, Kind.UNION):
        from .views.ctype import CDecl

        decl = CDecl(btf)
        d = struct_layout(btf, st, cacheline=cacheline).to_dict()

        def add_decls(layout: dict) -> None:
            for m in layout["members"]:
                m["decl"] = decl(m["type_id"], m["name"]) + (f":{m['bitfield_size']}" if m.get("bitfield_size") else "")
                if "layout" in m:
                    add_decls(m["layout"])

        add_decls(d)
        if st != tid:
            d = {"id": tid, "name": t.name, "kind": Kind(t.kind).name.lower(), "type": d}
        return d
    return {"id": tid, "name": t.name, "kind": Kind(t.kind).name.lower(),
            "size": type_size(btf, tid), "alignment": natural_alignment(btf, st) if st else 1}


def run(args: argparse.Namespace | SimpleNamespace, stdout: IO, stderr: IO) -> int:
    from btfkit.layout import pahole_lines

    from .views.resolve import resolve_type

    btf = load_btf(args)
    tid = resolve_type(btf, args.type, args.kind)
    if args.json:
        from .output import emit

        import json  # only for -j


        emit(json.dumps(layout_json(btf, tid, args.cacheline), ensure_ascii=False) + "\n", None, stdout)
        return 0
    lines = pahole_lines(btf, tid, cacheline=args.cacheline)
    from .views.console import wants_colour

    if not wants_colour(stdout):
        # plain text straight to stdout, byte for byte what pahole prints
        from .output import emit

        emit("".join(line + "\n" for line, _ in lines), None, stdout)
        return 0
    from rich.text import Text

    from .views.console import make_console

    console = make_console(stdout)
    styles = {"hole": "bold red", "cacheline": "cyan", "stats": "green", "note": "yellow"}
    for line, style in lines:
        # tabs as the terminal shows them (rich would make them 4 wide)
        console.print(Text(line.expandtabs(8), style=styles.get(style, "")), soft_wrap=True)
    return 0
