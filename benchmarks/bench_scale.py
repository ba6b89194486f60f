#!/usr/bin/env python3
"""How the raw and C dumps scale: synthetic BTF of 10k, 100k and 1M types.

For each size, ``gen_synthetic.py`` writes the blob (to a temporary
directory), then ``btfkit dump F --format raw|c --bpftool 7.1`` and ``bpftool
btf dump file F format raw|c`` run in turn (bpftool 7.1, /usr/sbin/bpftool).  Printed per
size: median wall time and peak memory of both, the ratio, and btfkit's time
per type -- constant per-type cost across sizes is linear growth; the last
column is the time's growth against the previous size for a 10x larger blob
(10 = linear).  Both outputs are compared with cmp on the first run.

    python3 benchmarks/bench_scale.py [--sizes 10000,100000,1000000] [--runs N]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from _measure import measure_alternating  # noqa: E402
from gen_synthetic import synthetic_btf  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3, help="runs per size up to 100k types (1M: --runs-large)")
    ap.add_argument("--runs-large", type=int, default=1)
    args = ap.parse_args()
    py = sys.executable
    bpftool = shutil.which("bpftool") or "/usr/sbin/bpftool"
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"btfkit: {py} -m btfkit   bpftool: {bpftool}   (median wall, max peak RSS)")
    print(f"{'types':>8} {'format':<4} {'btfkit s':>9} {'MiB':>6} {'bpftool s':>10} {'MiB':>6} {'ratio':>6} "
          f"{'us/type':>8} {'growth':>7}")
    prev: dict[str, float] = {}
    bad = 0
    with tempfile.TemporaryDirectory(prefix="btfkit-scale-") as d:
        for n in sizes:
            f = os.path.join(d, f"synthetic-{n}.btf")
            with open(f, "wb") as out:
                out.write(synthetic_btf(n))
            runs = args.runs if n <= 100_000 else args.runs_large
            for fmt in ("raw", "c"):
                # like for like: the release of the reference (the C header
                # of the default, 7.8, differs from 7.1's)
                ours_cmd = [py, "-m", "btfkit", "dump", f, "--format", fmt, "--bpftool", "7.1"]
                ref_cmd = [bpftool, "btf", "dump", "file", f, "format", fmt]
                a, b = os.path.join(d, "a"), os.path.join(d, "b")
                with open(a, "wb") as fa, open(b, "wb") as fb:
                    subprocess.run(ours_cmd, stdout=fa, check=True)
                    subprocess.run(ref_cmd, stdout=fb, check=True)
                same = filecmp.cmp(a, b, shallow=False)
                bad += not same
                ours, ref = measure_alternating([ours_cmd, ref_cmd], runs)
                growth = f"{ours['wall'] / prev[fmt]:6.1f}x" if fmt in prev else "      -"
                prev[fmt] = ours["wall"]
                print(f"{n:>8} {fmt:<4} {ours['wall']:9.3f} {ours['rss_mib']:6.1f} {ref['wall']:10.3f} "
                      f"{ref['rss_mib']:6.1f} {ours['wall'] / ref['wall']:5.1f}x "
                      f"{ours['wall'] / n * 1e6:8.2f} {growth}" + ("" if same else "  OUTPUT DIFFERS"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
