"""btfkit gen: bpftool's ``gen skeleton`` and ``gen subskeleton``.

Output is byte-identical to the bpftool release chosen with ``--bpftool``
(7.1, 7.5, 7.8; ``BTFKIT_BPFTOOL``).  bpftool's word forms work too:
``btfkit gen skeleton FILE name NAME`` and unambiguous prefixes of the
subcommand and of ``name`` (``gen skel FILE n NAME``).  This module imports
only what generating needs (no rich): ``btfkit gen`` starts fast.
"""

from __future__ import annotations

import argparse
from typing import IO

from .common import Formatter, add_release_arg

EXAMPLES = """examples:
  btfkit gen skeleton prog.bpf.o > prog.skel.h        what bpftool gen skeleton writes
  btfkit gen skeleton prog.bpf.o --name prog -o prog.skel.h
  btfkit gen subskeleton lib.bpf.o name lib > lib.subskel.h   bpftool's word form
  btfkit gen skel prog.bpf.o                          subcommand prefixes, as bpftool
  btfkit gen skeleton prog.bpf.o --bpftool 7.8        bpftool 7.8's skeleton (struct_ops shadows...)

Objects must match the host's byte order with --bpftool 7.1 and 7.5, as with
those bpftools (libbpf refuses the others: "Endian mismatch"); 7.8 (libbpf
1.8) takes either.  Light skeletons (-L) are not supported."""

# bpftool's do_gen() command table, in its order: a prefix selects the first match
_BPFTOOL_CMDS = ("object", "skeleton", "subskeleton", "min_core_btf", "help")
_OPTS_WITH_VALUE = ("-o", "--output", "--name", "--bpftool")


class _NameOnce(argparse.Action):
    """--name given twice: bpftool's "object name already specified"."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            parser.error("object name already specified")
        setattr(namespace, self.dest, values)


def add_arguments(p: argparse.ArgumentParser) -> None:
    common = type(p)(add_help=False)  # btfkit's parser class: its formatter
    common.add_argument("file", metavar="FILE", help="a BPF object file (clang -target bpf -g)")
    common.add_argument("-n", "--name", metavar="NAME", action=_NameOnce, default=None,
                        help="object name used in the generated code (default: from FILE, as bpftool)")
    common.add_argument("-o", "--output", metavar="OUT", help="write to OUT atomically instead of stdout")
    common.add_argument("-L", "--use-loader", action="store_true",
                        help="light skeleton (bpftool -L): not supported")
    add_release_arg(common)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show Python tracebacks on errors")
    sub = p.add_subparsers(dest="what", metavar="{skeleton,subskeleton}")
    sub.required = True
    sub.add_parser("skeleton", parents=[common], formatter_class=Formatter, help="the BPF skeleton header (bpftool gen skeleton)",
                   description="The skeleton header of a BPF object, as bpftool gen skeleton writes it.")
    sub.add_parser("subskeleton", parents=[common], formatter_class=Formatter, help="the subskeleton header of a BPF library object",
                   description="The subskeleton header of a BPF library object, as bpftool gen subskeleton "
                               "writes it.")


def normalize_argv(argv: list[str]) -> list[str]:
    """bpftool's forms: a prefix of the subcommand, and ``name NAME`` (or a
    prefix of 'name') after FILE."""
    out: list[str] = []
    i = 0
    cmd_seen = file_seen = False
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out += argv[i:]
            break
        if a.startswith("-"):
            out.append(a)
            if a in _OPTS_WITH_VALUE and i + 1 < len(argv):
                out.append(argv[i + 1])
                i += 1
            i += 1
            continue
        if not cmd_seen:
            cmd_seen = True
            for cmd in _BPFTOOL_CMDS:
                if a and cmd.startswith(a):
                    a = cmd
                    break
            out.append(a)
        elif not file_seen:
            file_seen = True
            out.append(a)
        elif "name".startswith(a) and a and i + 1 < len(argv):
            out += ["--name", argv[i + 1]]
            i += 1
        else:
            out.append(a)
        i += 1
    return out


def run(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from btfkit_cli.output import emit

    warnings: list[str] = []
    if args.what == "skeleton":
        from btfkit.gen.skeleton import gen_skeleton as generate
    else:
        from btfkit.gen.subskeleton import gen_subskeleton as generate
    text = generate(args.file, args.name, use_loader=args.use_loader, warnings=warnings, bpftool=args.bpftool)
    for w in warnings:
        print(f"btfkit: warning: {args.file}: {w}", file=stderr)
    emit(text, args.output, stdout)
    return 0
