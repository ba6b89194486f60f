"""btfkit data: typed data as libbpf's btf_dump__dump_type_data prints it.

Without --type: the initial value of every global variable of a BPF object,
section by section (the DATASEC types and their ELF sections; .bss and
.kconfig are zero).  With --type: the bytes of --input/--hex/stdin decoded as
that type, as many consecutive values as the bytes hold."""

from __future__ import annotations

import argparse
import json
import sys
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO, Any

from .common import add_file_args, add_release_arg, load_btf

EXAMPLES = """examples:
  btfkit data prog.bpf.o                         globals, section by section
  btfkit data prog.bpf.o --json                  the same as decoded values
  btfkit data --type task_struct --input blob    bytes of a file as a vmlinux type
  btfkit data prog.bpf.o --type 'struct cfg' --hex '0x01 0x00 0x00 0x00'
  bpftool map dump id 7 -j | ... | btfkit data prog.bpf.o --type 12 --input -"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    add_release_arg(p)
    p.add_argument("-t", "--type", metavar="NAME_OR_ID", help="decode bytes as this type")
    p.add_argument("-i", "--input", metavar="BLOB", help="file with the bytes ('-': stdin)")
    p.add_argument("--hex", metavar="BYTES", help="the bytes as hex ('0x12 0x34 ...' or '1234')")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip N bytes of input")
    p.add_argument("-j", "--json", action="store_true", help="print decoded values as JSON")


def _parse_hex(text: str) -> bytes:
    from btfkit.errors import BtfError

    out = bytearray()
    try:
        for tok in text.replace(",", " ").split():
            if tok.lower().startswith("0x") and len(tok) <= 4:
                out.append(int(tok, 16))  # bpftool's "0x12 0x3 ..." form
            else:
                out += bytes.fromhex(tok[2:] if tok.lower().startswith("0x") else tok)
    except ValueError:
        raise BtfError(f"--hex: not hex bytes: {text!r}") from None
    return bytes(out)


def _resolve(btf: Any, spec: str) -> int:
    from btfkit.errors import BtfError

    from .common import checked_id
    from .views.resolve import resolve_type

    if spec.isdigit():
        return checked_id(btf, spec)
    for prefix in ("struct ", "union ", "enum "):
        if spec.startswith(prefix):
            spec = spec[len(prefix):]
    try:
        return int(resolve_type(btf, spec, None))
    except SystemExit:
        raise BtfError(f"no type {spec!r}", source=btf.source) from None


def _sections(args: argparse.Namespace) -> tuple[Any, list[tuple[int, bytes]]]:
    """The object's BTF as libbpf fixes it at open (DATASEC sizes and
    offsets) and each DATASEC with its section's bytes (zeros for NOBITS)."""
    from btfkit.errors import BtfError
    from btfkit.kinds import Kind
    from btfkit.obj import open_object

    if not args.file:
        raise BtfError("no FILE: give a BPF object, or --type to decode bytes")
    obj = open_object(args.file)
    btf = obj.btf
    from btfkit.elf import ElfFile
    from btfkit.loader import read_file

    elf = ElfFile(read_file(args.file), source=args.file)
    if btf is None:
        raise BtfError("not a BPF object with BTF: give --type to decode bytes", source=args.file)
    out = []
    for t in btf.datasecs():
        sec = elf.section(t.name)
        data = elf.section_data(sec) if sec is not None and sec.sh_type != 8 else b""
        out.append((t.id, data + bytes(max(0, t.size - len(data)))))
    return btf.as_btf(), out


def run(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from btfkit.c.dumper import CDumper
    from btfkit.errors import BtfError
    from btfkit.sizes import resolve_size
    from btfkit.values import decode, to_json

    from .output import emit

    items: list[tuple[int, bytes]] = []
    if args.type is None:
        btf, items = _sections(args)
    else:
        btf = load_btf(args)
        tid = _resolve(btf, args.type)
        if args.hex is not None:
            data = _parse_hex(args.hex)
        elif args.input in (None, "-"):
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(args.input, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise BtfError(f"{args.input}: {e.strerror}") from None
        data = data[args.offset:]
        size = resolve_size(btf, tid, btf.ptr_size_or_host)
        if size <= 0:
            raise BtfError(f"type [{tid}] has no size", source=btf.source)
        if len(data) < size:
            raise BtfError(f"{len(data)} bytes, type [{tid}] needs {size}", source=btf.source)
        items = [(tid, data[i:i + size]) for i in range(0, len(data) - size + 1, size)]
    d = CDumper(btf, bpftool=args.bpftool)
    if args.json:
        vals = [to_json(btf, tid, decode(btf, tid, b)) for tid, b in items]
        emit(json.dumps(vals if len(vals) != 1 or args.type is None else vals[0],
                        ensure_ascii=False) + "\n", None, stdout)
        return 0
    texts = [d.dump_type_data(tid, b) for tid, b in items]
    from .views.console import wants_colour

    if not wants_colour(stdout):
        emit("".join(t + "\n" for t in texts), None, stdout)
        return 0
    from .views.console import make_console

    console = make_console(stdout)
    for tid, b in items:
        console.print(value_tree(btf, tid, decode(btf, tid, b)))
    return 0


def value_tree(btf: Any, tid: int, value: Any) -> Any:
    """A rich Tree of a decoded value: each node is the member's C
    declaration (as the tree view writes it) and its value; enum names are
    shown as names, zero values dimmed.  Labels are Text, never markup."""
    from rich.text import Text
    from rich.tree import Tree

    from btfkit.kinds import Kind
    from btfkit.values import _resolve

    from .views.ctype import CDecl

    decl = CDecl(btf)

    def label(text: str, val: Any = None, leaf: bool = False) -> Any:
        t = Text(text, style="bold" if not leaf else "")
        if leaf:
            t.append(" = ")
            shown = val if isinstance(val, str) else repr(val)
            t.append(shown, style="magenta" if isinstance(val, str) else ("dim" if not val else "cyan"))
            if not val:
                t.stylize("dim")
        return t

    root = Tree(label(f"[{tid}] " + decl(tid, "")))
    # (parent node, type id, value): one explicit stack, no recursion
    stack = [(root, tid, value)]
    while stack:
        node, t_id, val = stack.pop()
        t = _resolve(btf, t_id)
        children: list[tuple[str, int, Any]] = []
        if isinstance(val, dict) and t.kind in (Kind.STRUCT, Kind.UNION):
            anon = 0
            for m in t.members:
                if not m.name:
                    mt = _resolve(btf, m.type)
                    if m.bitfield_size or mt.kind not in (Kind.STRUCT, Kind.UNION):
                        continue
                    anon += 1
                key = m.name if m.name else ("" if anon == 1 else f"#{anon}")
                if key in val:
                    text = decl(m.type, m.name) + (f":{m.bitfield_size}" if m.bitfield_size else "")
                    children.append((text, m.type, val[key]))
        elif isinstance(val, dict) and t.kind == Kind.DATASEC:
            for v in t.vars:
                var = btf[v.type]
                if var.name in val:
                    children.append((decl(var.type, var.name), var.type, val[var.name]))
        elif isinstance(val, list) and t.kind == Kind.ARRAY:
            for i, x in enumerate(val):
                children.append((f"[{i}] {decl(t.type, '')}", t.type, x))
        for text, ctid, cval in children:
            if isinstance(cval, (dict, list)):
                stack.append((node.add(label(text)), ctid, cval))
            else:
                node.add(label(text, cval, leaf=True))
    return root
