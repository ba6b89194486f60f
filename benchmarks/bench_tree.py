#!/usr/bin/env python3
"""btfkit tree / layout / find of one vmlinux type, from process start, next to bpftool.

Each figure is a whole process (interpreter start, imports, loading the BTF,
finding the type, rendering), stdout to a file.  bpftool's raw dump of the
same file is measured in the same run, and each btfkit figure is shown as a
ratio to it: bpftool has no one-type view, and its raw dump is what a person
pipes into grep instead.

Target (issue 5): `btfkit tree TYPE` under 0.5 s.

    python3 benchmarks/bench_tree.py [BTF_FILE] [--type task_struct] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _measure import measure  # noqa: E402

TARGET = 0.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default="/sys/kernel/btf/vmlinux")
    ap.add_argument("--type", default="task_struct", help="the type to show (default task_struct)")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    py = sys.executable
    f, t = args.file, args.type
    bpftool = shutil.which("bpftool") or ("/usr/sbin/bpftool" if os.path.exists("/usr/sbin/bpftool") else None)

    print(f"file: {f}  type: {t}  runs: {args.runs} (median wall from process start)")
    ref = measure([bpftool, "btf", "dump", "file", f, "format", "raw"], args.runs) if bpftool else None
    rows = [
        ("python3 -c pass", [py, "-c", "pass"]),
        (f"btfkit tree {t}", [py, "-m", "btfkit", "tree", f, t]),
        (f"btfkit tree {t} --depth 2", [py, "-m", "btfkit", "tree", f, t, "--depth", "2"]),
        (f"btfkit tree {t} --json", [py, "-m", "btfkit", "tree", f, t, "--json"]),
        (f"btfkit layout {t}", [py, "-m", "btfkit", "layout", f, t]),
        (f"btfkit find '{t[:4]}*'", [py, "-m", "btfkit", "find", f, t[:4] + "*"]),
        ("btfkit info", [py, "-m", "btfkit", "info", f]),
    ]
    if ref:
        print(f"{'bpftool btf dump file F format raw':<40} {ref['wall']:7.3f} s  (min {ref['min']:.3f})")
    tree_wall = None
    for label, cmd in rows:
        r = measure(cmd, args.runs)
        line = f"{label:<40} {r['wall']:7.3f} s  (min {r['min']:.3f})"
        if ref:
            line += f"  {r['wall'] / ref['wall']:5.2f}x bpftool raw dump"
        if label == f"btfkit tree {t}":
            tree_wall = r["wall"]
            line += f"  target < {TARGET} s: " + ("ok" if r["wall"] < TARGET else "MISSED")
        print(line)
    return 0 if tree_wall is not None and tree_wall < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
