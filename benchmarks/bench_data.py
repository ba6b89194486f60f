#!/usr/bin/env python3
"""btfkit's typed data dumper (btf_dump__dump_type_data) next to libbpf's, in C.

The C side is the dump_data harness (corpora/harness/build.sh) given one
vmlinux struct id N times: for each it prints 4 buffers x 8 option sets, so
32*N values.  The btfkit side is a process doing the same 32*N dumps with
CDumper.dump_type_data.  Both are whole processes (loading the BTF
included), stdout to a file; the line ends with the ratio.

    python3 benchmarks/bench_data.py [--type sk_buff] [--count 300] [--bpftool 7.1] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _measure import measure, row  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBBPF = {"7.1": "6.1", "7.5": "1.5", "7.8": "1.8"}

_PY = r"""
import importlib.util, sys
sys.path.insert(0, sys.argv[1])
spec = importlib.util.spec_from_file_location("mg", sys.argv[1] + "/corpora/harness/make_golden_data.py")
mg = importlib.util.module_from_spec(spec); spec.loader.exec_module(mg)
import btfkit
from btfkit.c.dumper import CDumper
from btfkit.c.data import DataDumpError
from btfkit.sizes import resolve_size
btf = btfkit.load(sys.argv[2]); tid = int(sys.argv[3]); n = int(sys.argv[4])
d = CDumper(btf, bpftool=sys.argv[5])
bufs = mg.buffers(tid, resolve_size(btf, tid, 8))
w = sys.stdout.write
for _ in range(n):
    for b in bufs:
        for name, (il, ist, c, sk, z, s) in mg.OPT_SETS.items():
            try:
                w(d.dump_type_data(tid, b, indent_level=il, indent_str=ist, compact=c,
                                   skip_names=sk, emit_zeroes=z, emit_strings=s))
            except DataDumpError:
                pass
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--type", default="sk_buff")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--bpftool", default="7.1", choices=tuple(LIBBPF))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    build = os.environ.get("BTFKIT_HARNESS_BUILD", os.path.join(ROOT, "corpora", "harness", "build"))
    exe = os.path.join(build, f"dump_data-{LIBBPF[args.bpftool]}")
    if not os.path.exists(exe):
        raise SystemExit(f"{exe} missing: run corpora/harness/build.sh")
    sys.path.insert(0, ROOT)
    import btfkit

    with tempfile.TemporaryDirectory() as tmp:
        vm = os.path.join(tmp, "vmlinux.btf")
        with open(vm, "wb") as f:
            f.write(lzma.decompress(open(os.path.join(ROOT, "corpora", "vmlinux", "vmlinux.btf.xz"), "rb").read()))
        btf = btfkit.load(vm)
        tid = [i for i in btf.find(args.type) if btf.kind_of(i) in (4, 5)][0]
        ids = os.path.join(tmp, "ids")
        with open(ids, "w") as f:
            f.write(f"{tid}\n" * args.count)
        ref = measure(["sh", "-c", f'exec "$0" "$1" < "$2"', exe, vm, ids], runs=args.runs)
        ours = measure([sys.executable, "-c", _PY, ROOT, vm, str(tid), str(args.count), args.bpftool],
                       runs=args.runs)
    label = f"data {args.type} x{32 * args.count}"
    print(row(label, ours, ref).replace("bpftool", "libbpf C"))
    print(json.dumps({"btfkit_s": ours["wall"], "c_s": ref["wall"], "ratio": ours["wall"] / ref["wall"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
