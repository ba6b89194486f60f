"""README's "Python API" section is a tour that runs: every ```python block
of the section in order, in one namespace, from the repository root (the
corpus paths are relative), against the live /sys/kernel/btf/vmlinux and
corpus files; a block followed by a ```text block must print exactly that.
The blocks are also type-checked with mypy --strict (the tour shows typed
lookups; a lookup that only type-checks with a cast would fail here)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT

SECTION = "## Python API"


def _blocks() -> list[tuple[str, str | None]]:
    """(code, expected output or None) for each python block of the section."""
    text = (ROOT / "README.md").read_text()
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end >= 0 else len(text)]
    fences = list(re.finditer(r"^```(\w*)\n(.*?)^```$", section, re.S | re.M))
    out: list[tuple[str, str | None]] = []
    for i, f in enumerate(fences):
        if f.group(1) != "python":
            continue
        expected = None
        nxt = fences[i + 1] if i + 1 < len(fences) else None
        # the output block follows right after (blank lines only between)
        if nxt is not None and nxt.group(1) == "text" and not section[f.end():nxt.start()].strip():
            expected = nxt.group(2)
        out.append((f.group(2), expected))
    return out


def test_section_has_blocks_with_outputs():
    blocks = _blocks()
    assert len(blocks) >= 4
    assert sum(exp is not None for _, exp in blocks) >= 3


def test_tour_runs_and_prints_what_readme_shows(monkeypatch):
    if not Path("/sys/kernel/btf/vmlinux").exists():
        pytest.skip("no /sys/kernel/btf/vmlinux: this kernel has no BTF")
    monkeypatch.chdir(ROOT)
    ns: dict[str, object] = {"__name__": "readme_tour"}
    for n, (code, expected) in enumerate(_blocks()):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, f"README.md:{SECTION}:block{n}", "exec"), ns)
        if expected is not None:
            assert buf.getvalue() == expected, f"block {n}:\n{code}"
        else:
            assert buf.getvalue(), f"block {n} printed nothing"


def test_tour_type_checks(tmp_path):
    """The tour as one module, checked by mypy --strict."""
    from mypy import api

    src = tmp_path / "readme_tour.py"
    src.write_text("\n".join(code for code, _ in _blocks()))
    stdout, stderr, rc = api.run(["--strict", "--follow-imports=silent", "--no-incremental",
                                  "--cache-dir", os.devnull, str(src)])
    assert rc == 0, stdout + stderr
