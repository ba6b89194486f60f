#!/usr/bin/env python3
"""A fuzzing campaign: every target of fuzz/targets.py in turn, each for a
number of executions, with libFuzzer's final figures gathered in a table.

    python fuzz/campaign.py --runs 100000 [--targets raw,c] [--out fuzz/RESULTS.md]

Each target runs as `fuzz/run.py TARGET -runs=N` in fuzz/work/TARGET (crash
artifacts land there); a target that crashes is reported and the campaign
goes on with the next.  The table gives, per target: executions, seconds,
executions per second, libFuzzer's coverage (cov: edges, ft: features),
corpus size, and the outcome.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import NAMES  # noqa: E402

_STAT = re.compile(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/")


def run_target(target: str, runs: int, python: str) -> dict[str, object]:
    work = HERE / "work" / target
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    p = subprocess.run([python, str(HERE / "run.py"), target, f"-runs={runs}", "-print_final_stats=1"],
                       cwd=work, capture_output=True, text=True)
    secs = time.monotonic() - t0
    last = None
    for m in _STAT.finditer(p.stderr):
        last = m
    crashes = sorted(str(c.relative_to(HERE)) for c in work.glob("crash-*")) + \
        sorted(str(c.relative_to(HERE)) for c in work.glob("timeout-*"))
    execs = int(last.group(1)) if last else 0
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", p.stderr)
    if m:
        execs = int(m.group(1))
    return {
        "target": target, "execs": execs, "secs": secs, "rate": execs / secs if secs else 0.0,
        "cov": int(last.group(2)) if last else 0, "ft": int(last.group(3)) if last else 0,
        "corpus": int(last.group(4)) if last else 0,
        "outcome": "ok" if p.returncode == 0 else f"exit {p.returncode}: {', '.join(crashes) or p.stderr[-300:]}",
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--targets", default=",".join(NAMES))
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args(argv)
    rows = []
    for t in args.targets.split(","):
        r = run_target(t, args.runs, args.python)
        rows.append(r)
        print(f"{t}: {r['execs']} execs in {r['secs']:.0f} s ({r['rate']:.0f}/s), cov {r['cov']} ft {r['ft']}, "
              f"{r['outcome']}", flush=True)
    total = sum(int(r["execs"]) for r in rows)  # type: ignore[call-overload]
    lines = ["| target | executions | seconds | exec/s | cov | ft | corpus | outcome |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['target']} | {r['execs']:,} | {r['secs']:.0f} | {r['rate']:.0f} | {r['cov']} | "
                     f"{r['ft']} | {r['corpus']} | {r['outcome']} |")
    lines.append(f"| **total** | **{total:,}** | | | | | | |")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if all(r["outcome"] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
