#!/usr/bin/env python3
"""Coverage-guided fuzzing of one btfkit entry point with atheris (libFuzzer).

    pip install atheris            # into the venv that has btfkit
    python fuzz/run.py TARGET [libFuzzer options...]
    python fuzz/run.py raw -runs=100000 -max_len=65536
    python fuzz/run.py --list

The corpus directory fuzz/corpus/TARGET (created, git-ignored) starts from
the target's seeds (fuzz/targets.py:seeds_for) and keeps what libFuzzer
finds interesting.  A crash (any exception other than BtfError, a hang past
targets.TIME_LIMIT, a MemoryError past targets.MEMORY_LIMIT) stops the run
and leaves the input as ./crash-*; minimise it (-minimize_crash=1), copy it
to fuzz/findings/ and add it to the table in fuzz/FINDINGS.md: the tests
replay every file there.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


NAMES = ("load", "raw", "json", "c", "emit_decl", "layout", "tree", "gen_skeleton", "gen_subskeleton", "split")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "--list"):
        print(__doc__)
        print("targets:", " ".join(NAMES))
        return 0 if argv else 2
    target, rest = argv[0], argv[1:]
    if target not in NAMES:
        print(f"unknown target {target!r}; one of: {' '.join(NAMES)}", file=sys.stderr)
        return 2

    import atheris

    # btfkit must be imported first here, under the instrumentation, for
    # libFuzzer to see its coverage
    with atheris.instrument_imports(include=["btfkit", "btfkit_cli"]):
        import btfkit  # noqa: F401
        import btfkit.c  # noqa: F401
        import btfkit.gen.skeleton  # noqa: F401
        import btfkit.gen.subskeleton  # noqa: F401
        import btfkit.layout.pahole  # noqa: F401  (btfkit.layout imports lazily; this loads all of it)
        import btfkit.raw  # noqa: F401
        import btfkit_cli.views.tree  # noqa: F401
    import targets

    assert tuple(targets.TARGETS) == NAMES

    corpus = HERE / "corpus" / target
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for s in targets.seeds_for(target):
            shutil.copy(s, corpus / s.name)
    targets.limit_memory()
    if target == "split":
        targets.split_base()

    def one(data: bytes) -> None:
        targets.run_one(target, data)

    # libFuzzer options first, then the corpus directory
    args = [sys.argv[0], *rest, str(corpus)]
    if not any(a.startswith("-max_len") for a in rest):
        args.insert(1, "-max_len=65536")
    if not any(a.startswith("-timeout") for a in rest):
        args.insert(1, f"-timeout={targets.TIME_LIMIT + 10}")
    atheris.Setup(args, one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main(sys.argv[1:]))
