#!/usr/bin/env python3
"""Every target of issue 12 in one run, each as a ratio to its reference.

Whole processes, stdout to a file, median over --runs, each btfkit command run
in turn with its reference (see _measure.measure_alternating) so load on a
shared machine falls on both alike.  btfkit is measured as a user gets it
from the README's ``pip install -U pip`` and ``pip install .``: a fresh venv
in a temporary folder with a regular (not editable) install of this
checkout by a current pip, bytecode compiled by pip
(an editable install's import hook alone adds about 25 ms to every
process); ``python3 -c pass`` runs that venv's interpreter.  The venv is
made by Debian's ``/usr/bin/python3`` where there is one: the python3 the
README's install gets on Debian 12 (``--interpreter`` picks another, and
the header line says which ran).  PYTHONDONTWRITEBYTECODE is dropped and
one warm-up run of each command comes first.

Targets:
- dump --format c|raw|json of vmlinux: <= 5x bpftool 7.1 (``-j`` for json;
  format c with ``--bpftool 7.1``, the same header), and format c (7.8's
  sorted header, the default) <= 4x bpftool 7.8; peak RSS <= 100 MiB;
- tree, layout, find, info on one vmlinux type: <= 0.25 s wall and <= 6x
  ``python3 -c pass``;
- gen skeleton and gen subskeleton of a small object: <= 2.5x ``python3 -c pass``.

    python3 benchmarks/bench_targets.py [BTF_FILE] [--type task_struct] [--object OBJ] [--runs N]
                                        [--btfkit CMD --python PY]   # an existing install instead

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _measure import measure_alternating  # noqa: E402

ROOT = HERE.parent
BPFTOOL_71 = "/usr/sbin/bpftool"
BPFTOOL_78 = "/opt/btf-oracles/bin/bpftool-7.8"


# the interpreter the README's install gets on Debian 12 (python3 from
# apt); a python3 earlier on PATH (pyenv, a source build) may be built
# differently: CPython built without --enable-optimizations (no PGO/LTO)
# runs btfkit's dumps about 15% slower here than Debian's build
DEBIAN_PYTHON3 = "/usr/bin/python3"


def fresh_install(folder: str, interpreter: str) -> tuple[list[str], str]:
    """The README's install in a new venv under ``folder`` made by
    ``interpreter``: (console script, that venv's python)."""
    venv = os.path.join(folder, "venv")
    subprocess.run([interpreter, "-m", "venv", venv], check=True)
    py = os.path.join(venv, "bin", "python")
    # pip first, as the README does: since pip 25.0 (pypa/pip#13166) the
    # console-script wrapper no longer imports re (about 3 ms of every
    # command here); Debian 12's venv ships pip 23.0.1
    for what in (["-U", "pip"], [str(ROOT)]):
        subprocess.run([py, "-m", "pip", "install", "-q", *what], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [os.path.join(venv, "bin", "btfkit")], py


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default="/sys/kernel/btf/vmlinux")
    ap.add_argument("--type", default="task_struct")
    ap.add_argument("--object", default=str(ROOT / "corpora" / "obj" / "lib_counter.bpfel.o"),
                    help="small BPF object for gen skeleton/subskeleton")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--btfkit", default="", help="the btfkit command (default: a fresh pip install of this checkout)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter of `python3 -c pass` with --btfkit")
    ap.add_argument("--only", default="", help="comma-separated groups: dump,views,gen (default all)")
    ap.add_argument("--interpreter", default=DEBIAN_PYTHON3 if os.path.exists(DEBIAN_PYTHON3) else sys.executable,
                    help=f"the python that makes the fresh venv (default {DEBIAN_PYTHON3}, as the README's install "
                         "on Debian 12, else this one)")
    args = ap.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="btfkit-bench-") as tmp:
        if args.btfkit:
            bk, py = args.btfkit.split(), args.python
        else:
            bk, py = fresh_install(tmp, args.interpreter)
        return run(args, bk, py)


def run(args: argparse.Namespace, bk: list[str], py: str) -> int:
    f, t, obj = args.file, args.type, args.object
    py_pass = [py, "-c", "pass"]
    groups = set(args.only.split(",")) if args.only else {"dump", "views", "gen"}
    # (label, btfkit command, reference label, reference command, max ratio, max seconds, max MiB)
    rows: list[tuple[str, list[str], str, list[str], float, float | None, float | None]] = []
    if "dump" in groups:
        for fmt in ("c", "raw", "json"):
            ref = [BPFTOOL_71, "btf", "dump", "file", f, "format", fmt] if fmt != "json" else \
                  [BPFTOOL_71, "-j", "btf", "dump", "file", f]
            # like for like: the C header of 7.1 against bpftool 7.1 (7.8's
            # sorted header is measured against bpftool 7.8 below)
            rel = ["--bpftool", "7.1"] if fmt == "c" else []
            rows.append((f"dump --format {fmt}" + (" --bpftool 7.1" if rel else ""),
                         [*bk, "dump", f, "--format", fmt, *rel], "bpftool 7.1", ref, 5.0, None, 100.0))
        if os.path.exists(BPFTOOL_78):
            rows.append(("dump --format c", [*bk, "dump", f, "--format", "c"], "bpftool 7.8",
                         [BPFTOOL_78, "btf", "dump", "file", f, "format", "c"], 4.0, None, 100.0))
    if "views" in groups:
        for view in (["tree", f, t], ["layout", f, t], ["find", f, t], ["info", f]):
            rows.append((" ".join(view).replace(f + " ", "").replace(f, "").strip() or view[0],
                         [*bk, *view], "python3 -c pass", py_pass, 6.0, 0.25, None))
    if "gen" in groups:
        for what in ("skeleton", "subskeleton"):
            rows.append((f"gen {what} {Path(obj).name}", [*bk, "gen", what, obj], "python3 -c pass", py_pass,
                         2.5, None, None))
    version = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0], sys.executable)"],
                             capture_output=True, text=True).stdout.strip()
    print(f"file: {f}  type: {t}  object: {obj}  runs: {args.runs}  btfkit: {' '.join(bk)}  python: {version}")
    print(f"{'command':<34} {'btfkit':>8} {'MiB':>6} | {'reference':<16} {'s':>7} | {'ratio':>6} {'target':>16}  met?")
    missed = 0
    for label, ours_cmd, ref_label, ref_cmd, max_ratio, max_s, max_mib in rows:
        measure_alternating([ours_cmd, ref_cmd], 1)  # warm-up: .pyc files, page cache
        ours, ref = measure_alternating([ours_cmd, ref_cmd], args.runs)
        ratio = ours["wall"] / ref["wall"]
        ok = ratio <= max_ratio and (max_s is None or ours["wall"] <= max_s) \
            and (max_mib is None or ours["rss_mib"] <= max_mib)
        target = f"<={max_ratio:g}x" + (f", <={max_s:g}s" if max_s else "") + (f", <={max_mib:g}MiB" if max_mib else "")
        missed += not ok
        print(f"{label:<34} {ours['wall']:7.3f}s {ours['rss_mib']:6.1f} | {ref_label:<16} {ref['wall']:6.3f}s | "
              f"{ratio:5.1f}x {target:>16}  {'yes' if ok else 'NO'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
