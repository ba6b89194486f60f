"""The oracle's recorded runs (corpora/golden/manifest.json, written by
corpora/build.py) and ways to replay them: through btfkit, and live through
bpftool when it is installed."""

from __future__ import annotations

import json
import lzma
import shutil
import subprocess
from pathlib import Path

from conftest import CORPORA

MANIFEST = CORPORA / "golden" / "manifest.json"


def entries(pred=None) -> list[dict]:
    data = json.loads(MANIFEST.read_text())
    out = [e for e in data["entries"] if pred is None or pred(e)]
    assert out, "no manifest entries matched"
    return out


def is_btf_dump(e: dict) -> bool:
    a = [x for x in e["argv"] if x not in ("-j", "-p")]
    return a[:3] == ["btf", "dump", "file"]


def is_gen(e: dict, what: str) -> bool:
    return e["argv"][:2] == ["gen", what]


def golden_bytes(rel: str | None, xz: bool = False) -> bytes | None:
    if rel is None:
        return None
    data = (CORPORA / rel).read_bytes()
    return lzma.decompress(data) if xz or rel.endswith(".xz") else data


def stage_inputs(e: dict, workdir: Path) -> Path:
    """Put each input under its manifest name in ``workdir`` (decompressed)."""
    workdir.mkdir(parents=True, exist_ok=True)
    for name, rel in e["inputs"].items():
        dest = workdir / name
        if not dest.exists():
            src = CORPORA / rel
            data = src.read_bytes()
            if rel.endswith(".xz"):
                data = lzma.decompress(data)
            dest.write_bytes(data)
    return workdir


def dump_args(e: dict) -> tuple[list[str], str]:
    """btfkit's CLI arguments for a recorded bpftool btf dump, and the format."""
    argv = list(e["argv"])
    fmt = "raw"
    if argv[0] in ("-j", "-p"):
        fmt = "json"
        argv = argv[1:]
    base = None
    if argv[0] == "-B":
        base = argv[1]
        argv = argv[2:]
    rest = argv[3:]
    src = rest[0]
    if "format" in rest:
        fmt = rest[rest.index("format") + 1]
    if "-B" in e["argv"]:
        base = e["argv"][e["argv"].index("-B") + 1]
    args = ["dump", src, "--format", fmt]
    if base:
        args += ["--base", base]
    if "unsorted" in rest:
        args.append("--unsorted")
    # entries without "bpftool" are 7.1's
    args += ["--bpftool", e.get("bpftool", "7.1")]
    return args, fmt


ORACLES = Path("/opt/btf-oracles/bin")


def bpftool_for(e: dict) -> str | None:
    """The bpftool that made entry ``e``: 7.1 (the system's) or a newer one
    from ../shared/oracle/build.sh."""
    rel = e.get("bpftool")
    if rel is None:
        return shutil.which("bpftool")
    path = ORACLES / f"bpftool-{rel}"
    return str(path) if path.exists() else None


def live_bpftool(e: dict, workdir: Path) -> subprocess.CompletedProcess | None:
    path = bpftool_for(e)
    if not path:
        return None
    return subprocess.run([path, *e["argv"]], cwd=workdir, capture_output=True)
