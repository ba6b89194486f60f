"""btfkit dump against the oracle: raw text byte for byte, JSON as a value, C
byte for byte — on every recorded run in corpora/golden/manifest.json
(corpus objects in both byte orders, the frozen kernel BTF, module split BTF),
and again against bpftool run live when it is installed."""

from __future__ import annotations

import io
import json
import os

import pytest

from btfkit_cli.main import main

import oracle

DUMPS = oracle.entries(oracle.is_btf_dump)


class _Out(io.StringIO):
    def __init__(self):
        super().__init__()
        self.buffer = io.BytesIO()


def run_btfkit(args: list[str], cwd) -> tuple[int, bytes, str]:
    out, err = _Out(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        rc = main(args, stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return rc, out.buffer.getvalue(), err.getvalue()


def compare(fmt: str, got: bytes, want: bytes, what: str) -> None:
    if fmt == "json":
        assert json.loads(got) == json.loads(want), what
    else:
        if got != want:
            gl, wl = got.decode(errors="replace").splitlines(), want.decode(errors="replace").splitlines()
            for i, (a, b) in enumerate(zip(gl, wl)):
                if a != b:
                    pytest.fail(f"{what}: first difference at line {i + 1}:\n  got:  {a!r}\n  want: {b!r}")
            pytest.fail(f"{what}: {len(gl)} lines, want {len(wl)}")


def _ids(es):
    return [e["id"] for e in es]


@pytest.fixture(scope="module")
def stage(tmp_path_factory):
    root = tmp_path_factory.mktemp("dump")
    cache = {}

    def get(e):
        key = tuple(sorted(e["inputs"].items()))
        if key not in cache:
            cache[key] = oracle.stage_inputs(e, root / f"in{len(cache)}")
        return cache[key]
    return get


@pytest.mark.parametrize("entry", DUMPS, ids=_ids(DUMPS))
def test_dump_matches_golden(entry, stage):
    args, fmt = oracle.dump_args(entry)
    wd = stage(entry)
    rc, got, err = run_btfkit(args, wd)
    if entry["exit"] != 0:
        assert rc == 1 and err.count("\n") == 1, err
        return
    assert rc == 0, err
    compare(fmt, got, oracle.golden_bytes(entry["stdout"], entry.get("stdout_xz", False)), entry["id"])


@pytest.mark.parametrize("entry", DUMPS, ids=_ids(DUMPS))
def test_dump_matches_live_bpftool(entry, stage, bpftool):
    args, fmt = oracle.dump_args(entry)
    wd = stage(entry)
    live = oracle.live_bpftool(entry, wd)
    if live is None:
        pytest.skip(f"bpftool {entry.get('bpftool', '7.1')} is not installed (../shared/oracle/build.sh)")
    rc, got, err = run_btfkit(args, wd)
    if live.returncode != 0:
        assert rc == 1, err
        return
    assert rc == 0, err
    compare(fmt, got, live.stdout, entry["id"] + " (live)")
