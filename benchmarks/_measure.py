"""Wall time and peak memory of a command, measured the same way for btfkit and bpftool."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

_CHILD = r"""
import json, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1]); out = sys.argv[2]
with open(out, "wb") as f:
    t = time.perf_counter()
    rc = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def measure(cmd: list[str], runs: int = 5) -> dict:
    """Median wall seconds and max peak RSS (MiB) of ``cmd`` over ``runs`` runs
    (stdout to a temporary file, as a user redirecting to vmlinux.h)."""
    walls, rss = [], []
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        for _ in range(runs):
            r = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(cmd), out], capture_output=True, text=True, check=True)
            res = json.loads(r.stdout)
            if res["rc"] != 0:
                raise SystemExit(f"command failed ({res['rc']}): {' '.join(cmd)}")
            walls.append(res["wall"])
            rss.append(res["maxrss_kib"] / 1024)
    return {"wall": statistics.median(walls), "min": min(walls), "rss_mib": max(rss)}


def _once(cmd: list[str], out: str) -> tuple[float, float]:
    r = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(cmd), out], capture_output=True, text=True, check=True)
    res = json.loads(r.stdout)
    if res["rc"] != 0:
        raise SystemExit(f"command failed ({res['rc']}): {' '.join(cmd)}")
    return res["wall"], res["maxrss_kib"] / 1024


def measure_alternating(cmds: list[list[str]], runs: int = 5) -> list[dict]:
    """:func:`measure` for several commands, run in turn (a, b, c, a, b, c,
    ...) so that load on a shared machine falls on all of them alike."""
    walls: list[list[float]] = [[] for _ in cmds]
    rss: list[list[float]] = [[] for _ in cmds]
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        for _ in range(runs):
            for i, cmd in enumerate(cmds):
                w, m = _once(cmd, out)
                walls[i].append(w)
                rss[i].append(m)
    return [{"wall": statistics.median(w), "min": min(w), "rss_mib": max(m)} for w, m in zip(walls, rss)]


def row(label: str, ours: dict, ref: dict | None) -> str:
    if ref is None:
        return f"{label:<34} btfkit {ours['wall']:7.3f} s {ours['rss_mib']:7.1f} MiB"
    return (f"{label:<34} btfkit {ours['wall']:7.3f} s {ours['rss_mib']:7.1f} MiB | "
            f"bpftool {ref['wall']:7.3f} s {ref['rss_mib']:7.1f} MiB | "
            f"ratio {ours['wall'] / ref['wall']:5.1f}x time, {ours['rss_mib'] / ref['rss_mib']:5.1f}x memory")
