"""btfkit's entry point: ``main(argv, stdout)``.

Commands live in their own modules and are imported only when used, so a
command pays only for what it needs (``gen`` never imports rich).  Errors from
the library (:class:`btfkit.BtfError`) become one line on stderr and exit 1;
usage errors exit 2; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import os
import sys
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

if TYPE_CHECKING:
    from typing import IO, Any, NoReturn, Sequence
    import argparse

PROG = "btfkit"

# command -> (module, one-line help)
COMMANDS = {
    "dump": ("btfkit_cli.cmd_dump", "print BTF as bpftool does: raw text, JSON or C (vmlinux.h)"),
    "gen": ("btfkit_cli.cmd_gen", "generate skeleton and subskeleton headers of a BPF object"),
    "tree": ("btfkit_cli.cmd_tree", "show a type as a tree of members"),
    "layout": ("btfkit_cli.cmd_layout", "show a struct's memory layout, pahole style"),
    "find": ("btfkit_cli.cmd_find", "find types by glob or regular expression"),
    "info": ("btfkit_cli.cmd_info", "summarise a BTF file"),
    "data": ("btfkit_cli.cmd_data", "typed data: object globals or bytes of a type, as libbpf prints them"),
    "completion": ("btfkit_cli.cmd_completion", "print a shell completion script (bash or zsh)"),
}


# bpftool's global options that btfkit's commands take as their own
_MOVED_FLAGS = frozenset({"-j", "--json"})
_MOVED_WITH_VALUE = frozenset({"-B", "--base", "--bpftool"})


class UsageError(Exception):
    """Bad command-line usage: exit status 2."""


_PARSER_CLASS: Any = None


def _parser_class() -> Any:
    """btfkit's argparse.ArgumentParser (usage errors raise UsageError).
    Built on first use: a command whose ``fast_args`` reads its command line
    (``btfkit gen``) never imports argparse, gettext and locale."""
    global _PARSER_CLASS
    if _PARSER_CLASS is None:
        import argparse

        from .helpformat import RawFormatter

        class _Parser(argparse.ArgumentParser):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs.setdefault("formatter_class", RawFormatter)
                super().__init__(*args, **kwargs)

            def error(self, message: str) -> NoReturn:
                raise UsageError(f"{self.prog}: {message}")

        _PARSER_CLASS = _Parser
    return _PARSER_CLASS


def version_text() -> str:
    """``btfkit --version``: the version and the releases it reproduces."""
    from btfkit import __version__
    from btfkit.releases import DEFAULT, ENV_VAR, RELEASES

    lines = [f"{PROG} {__version__}", "reproduces (--bpftool, or $" + ENV_VAR + "):"]
    for name, rel in RELEASES.items():
        lines.append(f"  {name}  {rel.description}" + ("  [default]" if name == DEFAULT else ""))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _parser_class()(
        prog=PROG,
        description="Linux BTF (BPF Type Format) toolkit: bpftool's dumps and skeletons, and views of kernel types.",
        epilog="examples:\n  btfkit dump > vmlinux.h      # the running kernel's vmlinux.h\n"
               "  btfkit dump mod.ko --base vmlinux --format raw\n"
               "  btfkit gen skeleton prog.bpf.o > prog.skel.h\n"
               "  btfkit tree task_struct --depth 1\n"
               "  btfkit layout sk_buff",
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_parser_class())
    for name, (modname, help_) in COMMANDS.items():
        # each module adds its own arguments; imported lazily only for the
        # command actually run (argparse needs the parser of that one only)
        sub.add_parser(name, help=help_, add_help=False)
    return parser


def _import(modname: str) -> Any:
    # importlib.import_module() without importing importlib (and warnings)
    __import__(modname)
    return sys.modules[modname]


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    modname = COMMANDS[name][0]
    mod = _import(modname)
    p = _parser_class()(prog=f"{PROG} {name}", description=COMMANDS[name][1],
                epilog=getattr(mod, "EXAMPLES", None))
    p.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    mod.add_arguments(p)
    return p, mod


def main(argv: Sequence[str] | None = None, stdout: IO | None = None, stderr: IO | None = None) -> int:
    """Run one btfkit command line (``sys.argv[1:]`` by default); the exit
    status.

    The cyclic garbage collector is off while the command runs: a command
    reads its input once, what it allocates is bounded by that input and
    freed at exit, and the collector's passes over the classes and functions
    the imports create were about 5% of a small command (a vmlinux dump's
    peak memory is the same either way)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        status = _main(argv, stdout, stderr)
        if argv is None:
            # still without the collector: enabled again, its first pass
            # would walk everything the command made (3% of a small gen)
            _exit_now(status)
    finally:
        if collecting:
            gc.enable()
    return status


def _exit_now(status: int) -> None:
    # The program's own run (the console script, python -m) ends here,
    # without the interpreter's teardown: its last garbage collection and
    # freeing every module, object and array one by one were 3 ms of a
    # small gen and 8 ms of a view, and more after a dump.  Nothing btfkit
    # leaves needs it (a command closes the files it writes; btfkit
    # registers no atexit hook); the standard streams are flushed first.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (`| head`), or closed
            pass
    os._exit(status)


def _main(argv: Sequence[str] | None, stdout: IO | None, stderr: IO | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    debug = "--debug" in argv
    source: str | None = None
    try:
        # global options and the command name; bpftool's global options
        # (-j, -p, -B BASE) before the command are handed to the command
        # (`btfkit -j dump file F`, `btfkit -B vmlinux dump file mod.ko`)
        i = 0
        moved: list[str] = []
        rest_global: list[str] = []
        while i < len(argv) and argv[i].startswith("-"):
            a = argv[i]
            if a in _MOVED_FLAGS:
                moved.append(a)
            elif a in _MOVED_WITH_VALUE and i + 1 < len(argv):
                moved += [a, argv[i + 1]]
                i += 1
            else:
                rest_global.append(a)
            i += 1
        if i < len(argv) and argv[i] in COMMANDS and moved:
            argv = rest_global + [argv[i]] + moved + argv[i + 1:]
            i = len(rest_global)
        if i >= len(argv) or argv[i] not in COMMANDS:
            # --help and --version exit here; an unknown command is a usage error
            parser = build_parser()
            parser.parse_args(argv)
            parser.print_help(stdout)
            return 2
        if i:
            build_parser().parse_args(argv[:i])  # --version / bad global flags
        name = argv[i]
        mod = _import(COMMANDS[name][0])
        rest = argv[i + 1:]
        if hasattr(mod, "normalize_argv"):
            rest = mod.normalize_argv(rest)
        # a command may read its plain command lines itself (no argparse);
        # None hands anything else (help, errors, rare forms) to argparse
        fast_args = getattr(mod, "fast_args", None)
        args = fast_args(rest) if fast_args is not None else None
        if args is None:
            p, mod = _command_parser(name)
            args = p.parse_args(rest)
        args.debug = debug or args.debug
        source = getattr(args, "file", None)
        return int(mod.run(args, stdout, stderr) or 0)
    except UsageError as err:
        print(str(err), file=stderr)
        return 2
    except SystemExit as err:  # argparse --help / --version
        return int(err.code or 0) if isinstance(err.code, int) else (0 if err.code is None else 2)
    except BrokenPipeError:
        # `btfkit dump | head`: stop quietly; point stdout at devnull so the
        # interpreter's final flush does not complain again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=stderr)
        return 130
    except Exception as err:
        from btfkit.errors import BtfError

        if debug:
            raise
        if isinstance(err, BtfError):
            # every error names the file, even one the library raised
            # without it (a view's own check)
            if source and not err.source:
                err = err.with_source(source)
            print(f"{PROG}: error: {err}", file=stderr)
            return 1
        if isinstance(err, OSError):
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            print(f"{PROG}: error: {where}{err.strerror or err}", file=stderr)
            return 1
        print(f"{PROG}: internal error: {type(err).__name__}: {err} (run with --debug for the traceback)", file=stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
