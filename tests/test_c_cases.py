"""btfkit's C printer on the selftest-style cases of corpora/c_cases.

Each case_*.c is built by clang for both byte orders (and clang 15 for a few)
and bpftool 7.1's `btf dump file X.o format c` is stored next to it as X.h;
case_synth.btf is BTF made by the harness for what clang 14 cannot write.
btfkit.c.dump_header must print exactly that.  A live variant runs bpftool.

The incremental case follows the kernel's btf_dump incremental test: one
dumper dumps every type, types are added (btf__add_*, names clashing with
dumped ones), and the same dumper dumps every id again, printing only what is
new.  btfkit has no API to add types to a Btf, so the harness also writes the
grown BTF (case_incremental.bpfel.grown.btf) and the tests replay it two ways:

- a dumper over the grown BTF dumps the old ids, then the new ones.  The
  harness checks inside libbpf that this prints exactly what the incremental
  dumper printed (none of the added types refers to an anonymous enum of the
  input, the one place where libbpf's "referenced" marks would differ);
- the dumper of the original object is pointed at the grown BTF between the
  two passes (CDumper.btf is replaced; its state grows as libbpf's
  btf_dump_resize() does).
"""

from __future__ import annotations

import subprocess

import pytest

import btfkit
from btfkit.c import CDumper, dump_header

import harness as O
from conftest import bpftool_path, need_glob

CASES = O.manifest()["c_cases"]
INC = O.manifest()["incremental"]


def _id(e: dict) -> str:
    return e["object"].removeprefix("c_cases/")


def test_every_case_is_built_and_has_goldens():
    sources = need_glob("c_cases/case_*.c")
    objects = {e["object"] for e in CASES}
    for src in sources:
        for order in ("bpfel", "bpfeb"):
            obj = f"c_cases/{src.stem}.{order}.o"
            assert obj in objects, f"{obj} is not in the manifest: run python3 corpora/harness/make_golden.py"
            assert (O.CORPORA / obj).exists(), obj
            assert (O.CORPORA / obj.replace(".o", ".h")).exists(), obj
    assert "c_cases/case_synth.btf" in objects
    for e in CASES:
        assert (O.CORPORA / e["header"]).exists(), e["header"]


@pytest.mark.parametrize("e", CASES, ids=_id)
def test_object_is_the_one_the_golden_was_made_from(e):
    import hashlib
    data = (O.CORPORA / e["object"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == e["sha256"], \
        f"{e['object']} changed since its golden was made: run python3 corpora/harness/make_golden.py"


@pytest.mark.parametrize("e", CASES, ids=_id)
def test_dump_header_matches_bpftool_golden(e):
    btf = btfkit.load(O.CORPORA / e["object"])
    got = dump_header(btf)
    expected = O.read(e["header"]).decode("utf-8", "surrogateescape")
    if got != expected:
        exp_l, got_l = expected.splitlines(True), got.splitlines(True)
        n = next((i for i, (a, b) in enumerate(zip(exp_l, got_l)) if a != b), min(len(exp_l), len(got_l)))
        ctx = slice(max(0, n - 3), n + 4)
        pytest.fail(f"{e['object']}: first difference at line {n + 1}\n"
                    f"--- bpftool\n{''.join(exp_l[ctx])}--- btfkit\n{''.join(got_l[ctx])}")


@pytest.mark.parametrize("e", CASES, ids=_id)
def test_dump_type_per_id_matches_live_harness(e):
    """dump_type id by id against btf_dump__dump_type (emit_decl -m dump):
    pins a difference to the id whose call printed it."""
    if O.harness_path() is None:
        pytest.skip("emit_decl is not built: bash corpora/harness/build.sh")
    path = O.CORPORA / e["object"]
    live = O.parse(O.run_harness("-m", "dump", path))[0]
    d = CDumper(btfkit.load(path))
    bad = []
    for tid, rec in sorted(live.records.items()):
        got = d.dump_type(tid)
        if rec.error is None and got != rec.text:
            bad.append((tid, rec.kind, rec.text, got))
    assert not bad, O.mismatch_report(f"dump_type {e['object']}", bad, len(live.records))


@pytest.mark.parametrize("e", CASES, ids=_id)
def test_dump_header_matches_live_bpftool(e):
    tool = bpftool_path()
    if not tool:
        pytest.skip("bpftool (the oracle) is not installed: apt-get install bpftool")
    path = O.CORPORA / e["object"]
    res = subprocess.run([tool, "btf", "dump", "file", str(path), "format", "c"], capture_output=True)
    assert res.returncode == 0, res.stderr
    assert dump_header(btfkit.load(path)) == res.stdout.decode("utf-8", "surrogateescape")


@pytest.mark.parametrize("e", [e for e in CASES if e["compiler"].startswith("clang")], ids=_id)
def test_dumped_case_compiles(e, tmp_path):
    """btfkit's header for every clang-built case is valid C for BPF
    (case_synth is not: libbpf 6.1 prints `intconst  __attribute__...` for a
    type tag behind a const, and the oracle's output is what we match)."""
    import shutil
    clang = shutil.which("clang")
    if not clang:
        pytest.skip("clang is not installed")
    hdr = tmp_path / "case.h"
    hdr.write_text(dump_header(btfkit.load(O.CORPORA / e["object"])), "utf-8", "surrogateescape")
    res = subprocess.run([clang, "-target", "bpf", "-fsyntax-only", "-Werror", "-x", "c", str(hdr)],
                         capture_output=True, text=True)
    assert res.returncode == 0, f"{e['object']}:\n{res.stderr[:2000]}"


# --- incremental ------------------------------------------------------------------------

def _incremental_golden():
    secs = O.parse(O.read(INC["golden"]))
    assert [s.head.get("phase") for s in secs] == ["initial", "added"], [s.head for s in secs]
    first_new = int(secs[1].head["first_new_id"])
    assert int(secs[0].head["type_cnt"]) == first_new
    return secs[0], secs[1], first_new


def _check_pass(d: CDumper, sec: O.Section, ids, what: str) -> None:
    bad = []
    for tid in ids:
        rec = sec.records[tid]
        got = d.dump_type(tid)
        if got != rec.text:
            bad.append((tid, rec.kind, rec.text, got))
    assert not bad, O.mismatch_report(what, bad, len(ids))


def test_incremental_inputs_are_current():
    import hashlib
    for key in ("input", "grown"):
        data = (O.CORPORA / INC[key]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == INC[f"{key}_sha256"], INC[key]


def test_incremental_grown_btf_extends_the_original():
    orig = btfkit.load(O.CORPORA / INC["input"])
    grown = btfkit.load(O.CORPORA / INC["grown"])
    _, _, first_new = _incremental_golden()
    assert orig.type_count == first_new < grown.type_count
    for tid in range(1, first_new):
        a, b = orig[tid], grown[tid]
        assert (orig.kind_of(tid), getattr(a, "name", None)) == (grown.kind_of(tid), getattr(b, "name", None)), tid


def test_incremental_dump_on_grown_btf():
    """Old ids, then new ids, with one dumper over the grown BTF."""
    initial, added, first_new = _incremental_golden()
    grown = btfkit.load(O.CORPORA / INC["grown"])
    d = CDumper(grown)
    _check_pass(d, initial, range(1, first_new), "incremental, first pass")
    assert all(added.records[t].text == "" for t in range(1, first_new))
    _check_pass(d, added, range(first_new, grown.type_count), "incremental, added types")
    # and once more: everything was emitted, nothing is printed again
    assert [d.dump_type(t) for t in range(1, grown.type_count)] == [""] * (grown.type_count - 1)


def test_incremental_dump_same_dumper_grown_btf():
    """The dumper of the original object carries its state over to the grown
    BTF, as libbpf's does when btf__add_*() grows the btf under it."""
    initial, added, first_new = _incremental_golden()
    orig = btfkit.load(O.CORPORA / INC["input"])
    grown = btfkit.load(O.CORPORA / INC["grown"])
    d = CDumper(orig)
    _check_pass(d, initial, range(1, first_new), "incremental, first pass (original object)")
    d.btf = grown
    _check_pass(d, added, range(1, grown.type_count), "incremental, second pass (grown BTF)")


def test_incremental_golden_is_current():
    if O.harness_path() is None:
        pytest.skip("emit_decl is not built: bash corpora/harness/build.sh")
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as t:
        grown = Path(t) / "grown.btf"
        out = O.run_harness("-m", "incremental", "-w", grown, O.CORPORA / INC["input"])
        assert out == O.read(INC["golden"]), "stale: run python3 corpora/harness/make_golden.py"
        assert grown.read_bytes() == (O.CORPORA / INC["grown"]).read_bytes()
