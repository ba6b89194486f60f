"""The C printer's references: the emit_decl harness (libbpf 6.1) and its
goldens (corpora/harness/golden/manifest.json, written by
corpora/harness/make_golden.py), and the c_cases corpus.

Record format of emit_decl's output (see corpora/harness/emit_decl.c):

    @@ opts=NAME field_name="..." indent_level=N strip_mods=0|1 first_id=ID type_cnt=N
    @@ id=ID kind=KIND len=LEN warn=WARN      then LEN bytes of text, "\\n", WARN "@! msg" lines
    @@ id=ID kind=KIND error=ERRNO
    @@ phase=initial type_cnt=N  /  @@ phase=added first_new_id=ID type_cnt=N
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from conftest import CORPORA, xz_to
from oracle import golden_bytes

HARNESS_DIR = CORPORA / "harness"
MANIFEST = HARNESS_DIR / "golden" / "manifest.json"


@dataclass
class Record:
    id: int
    kind: str
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    error: int | None = None


@dataclass
class Section:
    """One ``@@ opts=`` or ``@@ phase=`` section and its records, by id."""
    head: dict[str, str]
    records: dict[int, Record] = field(default_factory=dict)


_REC = re.compile(rb"@@ id=(\d+) kind=(\S+) (?:len=(\d+) warn=(\d+)|error=(-?\d+))\n")


def _fields(line: bytes) -> dict[str, str]:
    out = {}
    for m in re.finditer(r'(\w+)=("[^"]*"|\S+)', line.decode()):
        out[m.group(1)] = m.group(2).strip('"')
    return out


def parse(data: bytes) -> list[Section]:
    """Split emit_decl output into sections of per-id records (exact text)."""
    sections: list[Section] = []
    i, n = 0, len(data)
    while i < n:
        m = _REC.match(data, i)
        if m is None:
            end = data.index(b"\n", i)
            line = data[i:end]
            if not (line.startswith(b"@@ opts=") or line.startswith(b"@@ phase=")):
                raise ValueError(f"emit_decl output: unexpected line at byte {i}: {line[:80]!r}")
            sections.append(Section(_fields(line[3:])))
            i = end + 1
            continue
        if not sections:
            sections.append(Section({}))
        rid, kind = int(m.group(1)), m.group(2).decode()
        i = m.end()
        if m.group(5) is not None:
            rec = Record(rid, kind, error=int(m.group(5)))
        else:
            ln, nw = int(m.group(3)), int(m.group(4))
            text = data[i:i + ln]
            i += ln
            if data[i:i + 1] != b"\n":
                raise ValueError(f"emit_decl output: record id={rid} is not followed by a newline")
            i += 1
            warns = []
            for _ in range(nw):
                end = data.index(b"\n", i)
                line = data[i:end]
                assert line.startswith(b"@! "), line
                warns.append(line[3:].decode("utf-8", "surrogateescape"))
                i = end + 1
            rec = Record(rid, kind, text.decode("utf-8", "surrogateescape"), warns)
        sections[-1].records[rid] = rec
    return sections


def read(rel: str) -> bytes:
    return golden_bytes(rel)


@lru_cache(maxsize=None)
def manifest() -> dict:
    assert MANIFEST.exists(), f"missing {MANIFEST}: run python3 corpora/harness/make_golden.py"
    return json.loads(MANIFEST.read_text())


def option_sets() -> dict[str, dict]:
    sets = manifest()["option_sets"]
    assert sets, "manifest has no option sets"
    return sets


def decl_entries(pred=None) -> list[dict]:
    out = [e for e in manifest()["decl"] if pred is None or pred(e)]
    assert out, "no decl golden entries matched"
    return out


def staged(rel: str, tmp: Path) -> Path:
    """A corpora-relative input as a plain file (decompressed into ``tmp``)."""
    src = CORPORA / rel
    if not rel.endswith(".xz"):
        return src
    # one folder per corpus folder, so equal file names cannot collide
    sub = tmp / rel.rsplit("/", 1)[0].replace("/", "__")
    sub.mkdir(parents=True, exist_ok=True)
    return xz_to(src, sub)


# --- the live harness -------------------------------------------------------------------

def harness_path() -> Path | None:
    """The built emit_decl (corpora/harness/build.sh), or $BTFKIT_EMIT_DECL."""
    env = os.environ.get("BTFKIT_EMIT_DECL")
    if env:
        return Path(env)
    build = Path(os.environ.get("BTFKIT_HARNESS_BUILD", HARNESS_DIR / "build"))
    exe = build / "emit_decl"
    return exe if exe.exists() and os.access(exe, os.X_OK) else None


def run_harness(*args, check: bool = True) -> bytes:
    exe = harness_path()
    assert exe is not None
    res = subprocess.run([str(exe), *map(str, args)], capture_output=True)
    if check and res.returncode:
        raise AssertionError(f"emit_decl {' '.join(map(str, args))} exited {res.returncode}: "
                             f"{res.stderr.decode(errors='replace')}")
    return res.stdout


# --- comparing --------------------------------------------------------------------------

def show(s: str, limit: int = 400) -> str:
    r = repr(s)
    return r if len(r) <= limit else r[:limit] + "...'"


def mismatch_report(what: str, bad: list[tuple], total: int, limit: int = 8) -> str:
    """``bad``: (id, kind, expected, got) tuples."""
    lines = [f"{what}: {len(bad)} of {total} ids differ; first {min(limit, len(bad))}:"]
    for rid, kind, exp, got in bad[:limit]:
        lines.append(f"  id={rid} kind={kind}\n    expected {show(exp)}\n    got      {show(got)}")
    return "\n".join(lines)
