#!/usr/bin/env python3
"""btfkit gen subskeleton on a small object, next to python3 -c pass and bpftool.

Issue 4's target: ``btfkit gen subskeleton`` on a small object takes at most
4x the wall time of ``python3 -c pass`` (start-up dominates: the command
imports only what it needs, never rich).  Runs are interleaved (pass, btfkit,
bpftool, pass, ...) so load on the machine hits all three alike; the figures
are medians (and minimums) over the runs.

Python is measured twice:

- as the environment is (``PYTHONDONTWRITEBYTECODE`` set here: nothing is
  cached, every btfkit module is compiled from source on every run);
- with a bytecode cache (what ``pip install`` leaves), in a private
  ``PYTHONPYCACHEPREFIX`` filled by one warm-up run, for both commands.

    python3 benchmarks/bench_gen.py [OBJECT] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OBJ = ROOT / "corpora" / "obj" / "lib_counter.bpfel.o"
TARGET = 4.0


def btfkit_cmd() -> list[str]:
    """The installed console script (not a pyenv shim), else python -m btfkit."""
    script = Path(sys.executable).parent / "btfkit"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "btfkit"]


def interleaved(cmds: dict[str, list[str]], runs: int, env: dict) -> dict[str, list[float]]:
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for key, cmd in cmds.items():
            t = time.perf_counter()
            r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            walls[key].append(time.perf_counter() - t)
            if r.returncode:
                raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr.decode()}")
    return walls


def report(title: str, walls: dict[str, list[float]]) -> float:
    med = {k: statistics.median(v) for k, v in walls.items()}
    low = {k: min(v) for k, v in walls.items()}
    base = med["python3 -c pass"]
    print(title)
    for key in walls:
        line = f"  {key:<28} median {med[key] * 1e3:7.1f} ms   min {low[key] * 1e3:7.1f} ms"
        if key.startswith("btfkit"):
            line += f"   {med[key] / base:4.2f}x python3 -c pass"
            if "bpftool gen subskeleton" in med:
                line += f", {med[key] / med['bpftool gen subskeleton']:5.1f}x bpftool"
        print(line)
    ratio = med["btfkit gen subskeleton"] / base
    print(f"  target <= {TARGET:.0f}x python3 -c pass: {'ok' if ratio <= TARGET else 'MISSED'} ({ratio:.2f}x)")
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("object", nargs="?", default=str(DEFAULT_OBJ))
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    obj = args.object
    cmds = {
        "python3 -c pass": [sys.executable, "-c", "pass"],
        "btfkit gen subskeleton": [*btfkit_cmd(), "gen", "subskeleton", obj],
    }
    bpftool = shutil.which("bpftool")
    if bpftool:
        cmds["bpftool gen subskeleton"] = [bpftool, "gen", "subskeleton", obj]
    print(f"object: {obj} ({os.path.getsize(obj)} bytes)  runs: {args.runs}  btfkit: {' '.join(btfkit_cmd())}")

    env = dict(os.environ)
    worst = report(f"as the environment is (PYTHONDONTWRITEBYTECODE={env.get('PYTHONDONTWRITEBYTECODE', '')!s}):",
                   interleaved(cmds, args.runs, env))
    with tempfile.TemporaryDirectory(prefix="btfkit-pyc-") as cache:
        warm = {**env, "PYTHONPYCACHEPREFIX": cache}
        warm.pop("PYTHONDONTWRITEBYTECODE", None)
        interleaved(cmds, 1, warm)  # fill the cache
        warm["PYTHONDONTWRITEBYTECODE"] = "1"
        worst = max(worst, report("with a bytecode cache:", interleaved(cmds, args.runs, warm)))
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
