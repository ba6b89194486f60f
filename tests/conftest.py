"""Shared fixtures: the oracle (bpftool 7.1), corpus files and their goldens.

A fixture that needs a tool skips with the reason when the tool is missing;
CI installs everything, so nothing skips there (``-ra`` prints the summary).
"""

from __future__ import annotations

import lzma
import signal
from contextlib import contextmanager
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The tests written against bpftool 7.1's goldens run btfkit (in this process
# and in subprocesses) without naming a release: they mean 7.1.  Tests of
# other releases pass --bpftool / bpftool= explicitly, and the test of the
# default (7.8) removes this variable.
os.environ.setdefault("BTFKIT_BPFTOOL", "7.1")
CORPORA = ROOT / "corpora"


def need_glob(pattern: str, base: Path = CORPORA) -> list[Path]:
    """Files matching ``pattern`` under ``base``; a glob that matches nothing fails."""
    found = sorted(base.glob(pattern))
    assert found, f"corpus glob {pattern!r} under {base} matched nothing"
    return found


def bpftool_path() -> str | None:
    return shutil.which("bpftool") or (os.path.exists("/usr/sbin/bpftool") and "/usr/sbin/bpftool") or None


@pytest.fixture(scope="session")
def bpftool() -> str:
    path = bpftool_path()
    if not path:
        pytest.skip("bpftool (the oracle) is not installed: apt-get install bpftool")
    out = subprocess.run([path, "version"], capture_output=True, text=True).stdout
    if "v7.1.0" not in out:
        pytest.skip(f"bpftool is not the reference 7.1.0: {out.splitlines()[:1]}")
    return path


def run_bpftool(*args: str) -> subprocess.CompletedProcess:
    path = bpftool_path()
    return subprocess.run([path, *args], capture_output=True)


def xz_to(path: Path, dest_dir: Path) -> Path:
    """Decompress ``path`` (.xz) into ``dest_dir`` once; returns the new path."""
    out = dest_dir / path.name.removesuffix(".xz")
    if not out.exists():
        out.write_bytes(lzma.decompress(path.read_bytes()))
    return out


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory) -> Path:
    """A session folder for decompressed corpus files."""
    return tmp_path_factory.mktemp("unpacked")


@pytest.fixture(scope="session")
def frozen_vmlinux(unpacked) -> Path:
    """The frozen kernel 6.18 BTF from corpora/vmlinux (decompressed)."""
    src = CORPORA / "vmlinux" / "vmlinux.btf.xz"
    assert src.exists(), f"missing frozen kernel BTF {src}"
    return xz_to(src, unpacked)


@pytest.fixture(scope="session")
def live_vmlinux() -> Path:
    p = Path("/sys/kernel/btf/vmlinux")
    if not p.exists():
        pytest.skip("the running kernel has no /sys/kernel/btf/vmlinux")
    return p


@contextmanager
def no_hang(seconds: int = 120):
    """Fail, instead of waiting forever, if the body does not finish: a hang
    detector for hostile input, not a speed test (speed lives in benchmarks/)."""
    def boom(*_):
        raise TimeoutError(f"no answer in {seconds} s: a hang")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# -- CI: a skip fails the run unless .ci/allowed-skips lists its reason --------------------

_ALLOWED_SKIPS = ROOT / ".ci" / "allowed-skips"


def _allowed_skip_patterns() -> list[str]:
    import re

    pats = []
    for line in _ALLOWED_SKIPS.read_text().splitlines() if _ALLOWED_SKIPS.exists() else []:
        line = line.strip()
        if line and not line.startswith("#"):
            re.compile(line)
            pats.append(line)
    return pats


def pytest_sessionfinish(session, exitstatus):
    """With CI=true, a skipped test whose reason matches no line of
    .ci/allowed-skips turns a green run red (exit 1)."""
    import re

    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    pats = _allowed_skip_patterns()
    bad = []
    for rep in reporter.stats.get("skipped", []):
        reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
        if not any(re.search(p, reason) for p in pats):
            bad.append(f"{rep.nodeid}: {reason}")
    if bad:
        reporter.write_line(f"CI: {len(bad)} skip(s) not on .ci/allowed-skips:", red=True)
        for b in bad:
            reporter.write_line(f"  {b}")
        if session.exitstatus == 0:
            session.exitstatus = 1
