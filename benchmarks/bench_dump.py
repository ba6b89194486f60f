#!/usr/bin/env python3
"""btfkit dump vs bpftool btf dump on vmlinux, from the same run.

Prints: load time; raw dump wall time and peak memory; C dump (vmlinux.h)
wall time and peak memory; finding one type by name from process start.
Each btfkit figure stands next to bpftool's, as a ratio.

Targets (issues 2 and 3): raw and C dumps within 8x bpftool's wall time,
never over 20x; C dump peak memory at most 150 MiB; one name lookup from
process start well under 0.5 s.

    python3 benchmarks/bench_dump.py [BTF_FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _measure import measure, row  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default="/sys/kernel/btf/vmlinux")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--name", default="task_struct", help="type to look up by name")
    args = ap.parse_args()
    py = sys.executable
    bpftool = shutil.which("bpftool")
    f = args.file

    print(f"file: {f}  runs: {args.runs} (median wall, max peak RSS)")
    load = measure([py, "-c", f"import btfkit; btfkit.load({f!r})"], args.runs)
    start = measure([py, "-c", "pass"], args.runs)
    print(row("python3 -c pass", start, None))
    print(row("load (import + index)", load, None))

    for fmt in ("raw", "c"):
        ours = measure([py, "-m", "btfkit", "dump", f, "--format", fmt], args.runs)
        ref = measure([bpftool, "btf", "dump", "file", f, "format", fmt], args.runs) if bpftool else None
        print(row(f"dump --format {fmt}", ours, ref))
    ours = measure([py, "-m", "btfkit", "dump", f, "--format", "json"], args.runs)
    ref = measure([bpftool, "-j", "btf", "dump", "file", f], args.runs) if bpftool else None
    print(row("dump --format json", ours, ref))

    code = (f"import btfkit; b = btfkit.load({f!r}); t = b.find_one({args.name!r}); "
            f"assert t.name == {args.name!r}")
    find = measure([py, "-c", code], args.runs)
    print(row(f"find {args.name!r} from process start", find, None)
          + ("  (target < 0.5 s: " + ("ok" if find["wall"] < 0.5 else "MISSED") + ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
