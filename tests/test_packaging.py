"""What `pip install .` (the README's install) puts in place: every module of
btfkit and btfkit_cli, so that no command works only from a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_has_every_module(tmp_path):
    # built from a copy: a checkout's build/ folder would lend the wheel
    # files the package list leaves out
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for pkg in ("btfkit", "btfkit_cli"):
        shutil.copytree(ROOT / pkg, src / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    (wheel,) = tmp_path.glob("btfkit-*.whl")
    in_wheel = {n for n in zipfile.ZipFile(wheel).namelist() if n.endswith((".py", ".typed"))}
    in_tree = {str(p.relative_to(ROOT)) for pkg in ("btfkit", "btfkit_cli") for p in (ROOT / pkg).rglob("*")
               if p.suffix in (".py", ".typed") and "__pycache__" not in p.parts}
    assert in_tree, "no sources found"
    assert in_tree <= in_wheel, f"missing from the wheel: {sorted(in_tree - in_wheel)}"
