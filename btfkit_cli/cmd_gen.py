"""btfkit gen: bpftool's ``gen skeleton`` and ``gen subskeleton``.

Output is byte-identical to the bpftool release chosen with ``--bpftool``
(7.1, 7.5, 7.8; ``BTFKIT_BPFTOOL``).  bpftool's word forms work too:
``btfkit gen skeleton FILE name NAME`` and unambiguous prefixes of the
subcommand and of ``name`` (``gen skel FILE n NAME``).  This module imports
only what generating needs (no rich, and no argparse for the plain command
lines :func:`fast_args` reads): ``btfkit gen`` starts fast.
"""

from __future__ import annotations

from types import SimpleNamespace

from .fastargs import PlainSyntax

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO
    import argparse

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


def add_arguments(p: argparse.ArgumentParser) -> None:
    import argparse

    from .common import add_release_arg
    from .helpformat import Formatter

    class _NameOnce(argparse.Action):
        """--name given twice: bpftool's "object name already specified"."""

        def __call__(self, parser, namespace, values, option_string=None):
            if getattr(namespace, self.dest, None) is not None:
                parser.error("object name already specified")
            setattr(namespace, self.dest, values)

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


def _release_name(text: str) -> str:
    # --bpftool's choices (argparse's "invalid choice" otherwise)
    from btfkit.releases import RELEASES

    if text not in RELEASES:
        raise ValueError(text)
    return text


# fast_args(): the plain form of what add_arguments() declares, after the subcommand
_PLAIN = PlainSyntax(
    positionals=(("file", False),),
    flags={"-L": "use_loader", "--use-loader": "use_loader", "--debug": "debug"},
    values={"-n": ("name", None), "--name": ("name", None), "-o": ("output", None), "--output": ("output", None),
            "--bpftool": ("bpftool", _release_name)},
    defaults={"debug": False, "what": None, "file": None, "name": None, "output": None, "use_loader": False,
              "bpftool": None},
    once=frozenset({"name"}),  # _NameOnce: bpftool's "object name already specified"
)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """The namespace argparse would give for a plain gen command line
    (``skeleton|subskeleton FILE`` with options spelt in full, each value a
    separate word), read without importing argparse (about a tenth of
    ``btfkit gen``'s run); None for anything else (help, errors, ``--opt=V``,
    abbreviations, values starting with '-', --name twice, an unknown
    release), which main() hands to argparse.  ``argv`` is after
    :func:`normalize_argv`; tests/test_gen.py checks it against argparse."""
    if not argv or argv[0] not in ("skeleton", "subskeleton"):
        return None
    ns = _PLAIN.read(argv[1:])
    if ns is not None:
        ns.what = argv[0]
    return ns


def run(args: argparse.Namespace | SimpleNamespace, stdout: IO, stderr: IO) -> int:
    # (main() runs the command with the cyclic collector off)
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
