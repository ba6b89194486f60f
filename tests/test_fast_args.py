"""The views' command lines read without argparse (btfkit_cli.fastargs).

``btfkit tree|layout|find|info`` read their plain command lines themselves:
``fast_args`` must give exactly argparse's namespace on every line it
accepts and decline every line argparse refuses or would read otherwise
(checked here on random lines, raw and after ``normalize_argv``), and a plain
line must not import argparse (with gettext and locale) nor ``re``.
(gen's reader is checked the same way in tests/test_gen.py.)
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import os
import random
import subprocess
import sys

import pytest

from btfkit_cli import cmd_find
from btfkit_cli.main import UsageError, _command_parser

from conftest import CORPORA, ROOT

VIEWS = ("tree", "layout", "find", "info")

# values and odd words: numbers for --depth/--cacheline/--max-nodes (good
# and bad), kinds for --kind (good and bad), names, globs, and the forms
# argparse reads differently (=, clusters, abbreviations, help)
_WORDS = ["task_struct", "a.btf", "x", "", "-", "--", "0", "1", "2", "0x40", "010", "-1", "-5", "abc", "1.5",
          "struct", "struct,union", "bogus", "union,", " typedef ", "*_ops", "struct foo", "--depth=2", "-d2",
          "--dep", "--no-p", "--js", "-jk", "-j1", "-h", "--help", "--debug", "--version", "-x", "--bogus"]


def _option_strings(parser) -> list[str]:
    return [s for a in parser._actions for s in a.option_strings if s not in ("-h", "--help")]


def _argparse(parser, argv: list[str]) -> dict | None:
    """What argparse makes of a command line (None: an error or --help)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return vars(parser.parse_args(argv))
    except (UsageError, SystemExit):
        return None


def _lines(parser, rng: random.Random, count: int) -> list[list[str]]:
    opts = _option_strings(parser)
    words = _WORDS + opts
    values = ["task_struct", "a.btf", "1", "3", "64", "0x80", "struct", "union,enum", "ptr", "bogus", "0", "-2"]
    lines = []
    for _ in range(count):
        if rng.random() < 0.6:
            # mostly well-formed: options with values, and one or two positional words
            line: list[str] = []
            for _ in range(rng.randrange(0, 4)):
                line.append(rng.choice(opts))
                if rng.random() < 0.7:
                    line.append(rng.choice(values))
            pos = [rng.choice(["task_struct", "vmlinux.btf", "sk_*", "4242", "-"]) for _ in range(rng.randrange(0, 3))]
            at = rng.randrange(0, len(line) + 1) if rng.random() < 0.3 else (0 if rng.random() < 0.5 else len(line))
            line[at:at] = pos
            if rng.random() < 0.1:
                line.insert(rng.randrange(0, len(line) + 1), "--")
        else:
            line = [rng.choice(words) for _ in range(rng.randrange(0, 6))]
        lines.append(line)
    return lines


@pytest.mark.parametrize("name", VIEWS)
def test_fast_args_agree_with_argparse(name):
    parser, mod = _command_parser(name)
    rng = random.Random(f"fast-args-{name}")
    plain = {"tree": [["task_struct"], ["vmlinux.btf", "list_head", "-d", "2", "-k", "struct,union", "--max-nodes",
                                        "5", "--no-pointers", "-j", "--ascii", "-B", "base", "--debug"]],
             "layout": [["task_struct"], ["vmlinux.btf", "sk_buff", "--cacheline", "0x80", "--kind", "struct",
                                          "--json", "--base", "b"]],
             "find": [["task_struct"], ["tcp_*", "-k", "struct", "-1"], ["vmlinux.btf", "-e", "^bpf_.*_ops$",
                                                                          "-i", "--json", "--names"]],
             "info": [[], ["--json"], ["prog.bpf.o", "-B", "vmlinux"]]}[name]
    for line in plain:
        argv = mod.normalize_argv(line)
        assert mod.fast_args(argv) is not None, line
        assert vars(mod.fast_args(argv)) == _argparse(parser, argv), line
    accepted = 0
    used: set[str] = set()
    for raw in plain + _lines(parser, rng, 3000):
        for argv in (raw, mod.normalize_argv(raw)):
            fast = mod.fast_args(list(argv))
            if fast is None:
                continue
            accepted += 1
            assert vars(fast) == _argparse(parser, list(argv)), (raw, argv)
            used.update(w for w in argv if w.startswith("-"))
    assert accepted > 800  # the fast path really is taken
    # every option add_arguments declares is read by the fast path too (an
    # option added to the parser only would send every line using it to argparse)
    assert set(_option_strings(parser)) <= used


def test_star_matcher_is_fnmatchcase():
    """find's globs without re: the same names as fnmatch (patterns and names
    from a small alphabet, newline included: fnmatch's * crosses it)."""
    rng = random.Random(5)
    checked = 0
    for _ in range(3000):
        pattern = "".join(rng.choice("ab*\n") for _ in range(rng.randrange(0, 6)))
        match = cmd_find.matcher(pattern, regex=False, ignore_case=False)
        for _ in range(20):
            name = "".join(rng.choice("ab\n") for _ in range(rng.randrange(0, 7)))
            want = fnmatch.fnmatchcase(name, pattern)
            got = name == pattern if match is None else bool(match(name))
            assert got == want, (pattern, name)
            checked += 1
    assert cmd_find.star_matcher("task_*") is not None and cmd_find.star_matcher("*sock*") is not None
    assert cmd_find.star_matcher("bpf_*_ops") is None  # a regex does that one
    assert checked == 60000


# what a plain view line must not import: argparse (and the gettext and locale
# it brings), and re (argparse's, fnmatch's; a plain name or a usual glob
# needs no regex).  typing imports re itself, and an editable install's
# import hook imports re and fnmatch at start-up: the child imports typing
# first and forgets these modules, so only an import by btfkit's own path counts.
_WATCHED = ("argparse", "gettext", "locale", "re", "fnmatch")
_CHILD = """
import io, sys
import typing
for m in [m for m in sys.modules if m in {watched!r} or m.startswith("re.")]:
    del sys.modules[m]
from btfkit_cli.main import main
for line in sys.argv[1:]:
    argv = line.split("|")
    rc = main(argv, io.StringIO(), io.StringIO())
    print(rc, *[m for m in {watched!r} if m in sys.modules], sep=" ")
"""


def test_plain_view_lines_import_no_argparse_or_re():
    obj = str(CORPORA / "obj" / "kinds.bpfel.o")
    raw = str(CORPORA / "c_cases" / "case_incremental.bpfel.grown.btf")
    # (info of an object with .BTF.ext is not here: the library's .BTF.ext
    # schema imports all of construct, re included)
    lines = [["tree", obj, "zoo"], ["layout", obj, "zoo", "-c", "32"], ["find", obj, "zoo"],
             ["find", obj, "*_struct", "-k", "struct"], ["find", obj, "list_*", "-1"], ["info", raw],
             ["tree", obj, "-d", "2", "--kind", "struct", "zoo"]]
    if os.path.exists("/sys/kernel/btf/vmlinux"):
        lines += [["tree", "task_struct"], ["layout", "task_struct"], ["find", "task_struct"], ["find", "task_*"],
                  ["info"]]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    res = subprocess.run([sys.executable, "-c", _CHILD.format(watched=_WATCHED), *("|".join(a) for a in lines)],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["0"] * len(lines), list(zip(lines, res.stdout.splitlines()))
    # the forms that need them still get them: a regex, a glob with ? or [, --help
    res = subprocess.run([sys.executable, "-c", _CHILD.format(watched=_WATCHED), f"find|{obj}|-e|^zo",
                          f"find|{obj}|z?o"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert res.stdout.splitlines() == ["0 re", "0 re fnmatch"]


def test_views_run_with_the_collector_off(monkeypatch):
    """Each view's run() has the cyclic collector off (main() turns it off
    for every command) and it is back on after, also after an error."""
    import gc

    from btfkit_cli import cmd_info, cmd_layout, cmd_tree
    from btfkit_cli.common import load_btf
    from btfkit_cli.main import main

    seen: list[tuple[str, bool]] = []
    for mod in (cmd_tree, cmd_layout, cmd_find, cmd_info):
        def spy(args, _name=mod.__name__):
            seen.append((_name.rsplit("_", 1)[1], gc.isenabled()))
            return load_btf(args)

        monkeypatch.setattr(mod, "load_btf", spy)
    raw = str(CORPORA / "c_cases" / "case_incremental.bpfel.grown.btf")
    assert gc.isenabled()
    out, err = io.StringIO(), io.StringIO()
    codes = [main(argv, out, err) for argv in (["tree", raw, "1"], ["layout", raw, "1"], ["find", raw, "*"],
                                               ["info", raw], ["tree", raw, "no_such_type"])]
    assert codes == [0, 0, 0, 0, 1], err.getvalue()
    assert seen == [("tree", False), ("layout", False), ("find", False), ("info", False), ("tree", False)]
    assert gc.isenabled()
