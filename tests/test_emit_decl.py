"""btfkit.c.CDumper.emit_type_decl against libbpf 6.1's btf_dump__emit_type_decl.

The goldens are emit_decl's output (corpora/harness/emit_decl.c): for each
input and option set, ONE dumper and emit_type_decl for every id in
increasing order (the dumper's ___N naming state carries over between
calls, so the order matters).  What libbpf logged during each call (pr_warn,
e.g. "unexpected type in decl chain" for a FUNC) is compared with
CDumper.warnings as well.  Inputs: the c_cases objects and
case_synth.btf, every corpora/obj/*.o, the frozen kernel BTF, and split
module BTFs (their own ids only).  Text is compared byte for byte.

A live variant runs the built harness (corpora/harness/build.sh) and compares
btfkit with what it prints now, and checks that the goldens are current.
"""

from __future__ import annotations

import hashlib

import pytest

import btfkit
from btfkit.c import CDumper

import harness as O
from conftest import need_glob

ENTRIES = O.decl_entries()
OPT_SETS = O.option_sets()
SMALL = [e for e in ENTRIES if e["input"].startswith(("c_cases/", "obj/"))]


def _id(e: dict) -> str:
    return e["input"].replace("/", ":")


@pytest.fixture(scope="module")
def staging(tmp_path_factory):
    return tmp_path_factory.mktemp("emit_decl")


_btf_cache: dict = {}


def load(e: dict, staging):
    key = (e["input"], e.get("base"))
    if key not in _btf_cache:
        base = btfkit.load(O.staged(e["base"], staging)) if e.get("base") else None
        _btf_cache.clear()  # keep one (vmlinux-sized) input in memory at a time
        _btf_cache[key] = btfkit.load(O.staged(e["input"], staging), base=base)
    return _btf_cache[key]


def compare(btf, first: int, opts: dict, expected: O.Section, what: str, release: str = "7.1") -> None:
    """emit_type_decl for every id in order with one dumper: the text byte
    for byte, and what libbpf logged (pr_warn, "libbpf: " dropped) against
    CDumper.warnings."""
    d = CDumper(btf, bpftool=release)
    bad, bad_warn = [], []
    assert expected.records, f"{what}: the golden has no records"
    ids = range(first, btf.type_count)
    assert sorted(expected.records) == list(ids), f"{what}: golden ids do not cover {first}..{btf.type_count - 1}"
    warnings = getattr(d, "warnings", None)
    for tid in ids:
        rec = expected.records[tid]
        nwarn = len(warnings) if warnings is not None else 0
        got = d.emit_type_decl(tid, **opts)
        if rec.error is not None:
            continue  # libbpf refused this id; nothing to compare
        if got != rec.text:
            bad.append((tid, rec.kind, rec.text, got))
        if warnings is not None:
            got_w = [w.rstrip("\n") for w in warnings[nwarn:]]
            exp_w = [w.removeprefix("libbpf: ") for w in rec.warnings]
            if got_w != exp_w:
                bad_warn.append((tid, rec.kind, "\n".join(exp_w), "\n".join(got_w)))
    assert not bad, O.mismatch_report(what, bad, len(ids))
    assert not bad_warn, O.mismatch_report(f"{what} (libbpf warnings)", bad_warn, len(ids))


# --- the corpus is all there -------------------------------------------------------------

def test_manifest_covers_every_case_and_object():
    inputs = {e["input"] for e in ENTRIES}
    objs = need_glob("c_cases/case_*.o") + need_glob("obj/*.o")
    cases = [p for p in objs if p.parent.name == "c_cases"]
    missing = [f"{p.parent.name}/{p.name}" for p in objs if f"{p.parent.name}/{p.name}" not in inputs]
    assert not missing, f"objects without emit_decl goldens (run make_golden.py): {missing}"
    assert "c_cases/case_synth.btf" in inputs
    assert "vmlinux/vmlinux.btf.xz" in inputs
    assert any(e.get("base") for e in ENTRIES), "no split BTF input"
    assert len(cases) >= 2 * len(need_glob("c_cases/case_*.c"))
    for e in ENTRIES:
        assert set(e["goldens"]) == set(OPT_SETS), e["input"]
        for rel in e["goldens"].values():
            assert (O.CORPORA / rel).exists(), rel


@pytest.mark.parametrize("e", ENTRIES, ids=_id)
def test_golden_input_is_current(e, staging):
    """The goldens were made from the input as committed."""
    data = (O.CORPORA / e["input"]).read_bytes()
    if e["input"].endswith(".xz"):
        data = O.staged(e["input"], staging).read_bytes()
    assert hashlib.sha256(data).hexdigest() == e["sha256"], \
        f"{e['input']} changed since its goldens were made: run python3 corpora/harness/make_golden.py"


# --- btfkit against the goldens ----------------------------------------------------------

@pytest.mark.parametrize("opt", list(OPT_SETS))
@pytest.mark.parametrize("e", ENTRIES, ids=_id)
def test_emit_type_decl_matches_golden(e, opt, staging):
    btf = load(e, staging)
    sections = O.parse(O.read(e["goldens"][opt]))
    assert len(sections) == 1 and sections[0].head["opts"] == opt
    assert int(sections[0].head["type_cnt"]) == btf.type_count
    compare(btf, e["first_id"], OPT_SETS[opt], sections[0], f"{e['input']} [{opt}]")


# --- btfkit against the live harness -----------------------------------------------------

@pytest.fixture(scope="module")
def harness():
    exe = O.harness_path()
    if exe is None:
        pytest.skip("emit_decl is not built: bash corpora/harness/build.sh")
    return exe


def _harness_args(e: dict, staging, opt: str) -> list:
    args = ["-o", opt]
    if e.get("base"):
        args += ["-b", O.staged(e["base"], staging)]
        if e.get("own_ids_only"):
            args.append("-S")
    return args + [O.staged(e["input"], staging)]


@pytest.mark.parametrize("e", SMALL, ids=_id)
def test_goldens_are_what_the_harness_prints(harness, e, staging):
    """Every golden of the small inputs equals the harness' output now."""
    for opt in OPT_SETS:
        live = O.run_harness(*_harness_args(e, staging, opt))
        assert live == O.read(e["goldens"][opt]), \
            f"{e['input']} [{opt}]: the golden is stale: run python3 corpora/harness/make_golden.py"


@pytest.mark.parametrize("opt", list(OPT_SETS))
@pytest.mark.parametrize("e", SMALL, ids=_id)
def test_emit_type_decl_matches_live_harness(harness, e, opt, staging):
    btf = load(e, staging)
    live = O.parse(O.run_harness(*_harness_args(e, staging, opt)))
    compare(btf, e["first_id"], OPT_SETS[opt], live[0], f"live {e['input']} [{opt}]")


@pytest.mark.parametrize("opt", ["plain", "strip_fname_indent1"])
def test_emit_type_decl_running_kernel_live(harness, opt, live_vmlinux):
    """The running kernel's BTF (not frozen), straight from /sys."""
    btf = btfkit.load(live_vmlinux)
    live = O.parse(O.run_harness("-o", opt, live_vmlinux))
    compare(btf, 1, OPT_SETS[opt], live[0], f"live {live_vmlinux} [{opt}]")


def test_harness_links_libbpf_6_1(harness):
    """The harness prints `(void)` for a prototype without parameters, as
    bpftool 7.1 (libbpf of Linux 6.1) does; libbpf-dev 1.1.2 prints `()`."""
    out = O.parse(O.run_harness("-o", "plain", O.CORPORA / "c_cases" / "case_synth.btf"))[0]
    protos = [r.text for r in out.records.values() if r.kind == "FUNC_PROTO"]
    assert "int(void)" in protos, protos
    assert "int()" not in protos, protos


# --- libbpf 1.5 and 1.8 (bpftool 7.5 and 7.8), live -------------------------------------

RELEASE_HARNESS = {"7.5": "1.5", "7.8": "1.8"}


def _release_harness(libbpf: str):
    exe = O.harness_path()
    if exe is None:
        pytest.skip("emit_decl is not built: bash corpora/harness/build.sh")
    other = exe.parent / f"emit_decl-{libbpf}"
    if not other.exists():
        pytest.skip(f"{other} is not built: ../shared/oracle/build.sh, then corpora/harness/build.sh")
    return other


def _run(exe, *args) -> bytes:
    import subprocess
    res = subprocess.run([str(exe), *map(str, args)], capture_output=True, timeout=600)
    assert res.returncode == 0, res.stderr.decode(errors="replace")
    return res.stdout


@pytest.mark.parametrize("release", list(RELEASE_HARNESS))
@pytest.mark.parametrize("opt", list(OPT_SETS))
@pytest.mark.parametrize("e", SMALL, ids=_id)
def test_emit_type_decl_per_release_live(release, e, opt, staging):
    """The harness linked against each release's libbpf, every id of every
    small input in every option set, against CDumper(bpftool=release)."""
    exe = _release_harness(RELEASE_HARNESS[release])
    btf = load(e, staging)
    live = O.parse(_run(exe, *_harness_args(e, staging, opt)))
    compare(btf, e["first_id"], OPT_SETS[opt], live[0], f"libbpf {RELEASE_HARNESS[release]} {e['input']} [{opt}]",
            release=release)


@pytest.mark.parametrize("release", list(RELEASE_HARNESS))
@pytest.mark.parametrize("opt", ["plain", "strip_fname_indent1"])
def test_emit_type_decl_per_release_vmlinux(release, opt, frozen_vmlinux):
    exe = _release_harness(RELEASE_HARNESS[release])
    btf = btfkit.load(frozen_vmlinux)
    live = O.parse(_run(exe, "-o", opt, frozen_vmlinux))
    compare(btf, 1, OPT_SETS[opt], live[0], f"libbpf {RELEASE_HARNESS[release]} vmlinux [{opt}]", release=release)


# --- btf__resolve_size() and btf__align_of() (the harness' sizes mode), live --------------

def _sizes_args(e: dict, staging) -> list:
    return ["-m", "sizes", *_harness_args(e, staging, "plain")[2:]]


def check_sizes(btf, first: int, out: bytes, what: str) -> None:
    """btfkit.sizes.resolve_size and btfkit.chains.align_of (which read the
    records as words) against what libbpf returned for every id, and the
    warning libbpf logged (``unsupported BTF_KIND:N``)."""
    from btfkit.chains import align_of
    from btfkit.sizes import resolve_size

    lines = out.decode("utf-8", "surrogateescape").splitlines()
    psz = btf.ptr_size_or_host
    cache: dict[int, int] = {}
    seen, bad = 0, []
    i = 0
    while i < len(lines):
        f = O._fields(lines[i].encode())
        tid, nwarn = int(f["id"]), int(f["warn"])
        want_warns = [w.removeprefix("@! ") for w in lines[i + 1:i + 1 + nwarn]]
        i += 1 + nwarn
        size = resolve_size(btf, tid, psz)
        align, warning = align_of(btf, tid, psz, cache)
        got_warns = [f"libbpf: {warning}"] if warning else []
        seen += 1
        if (size, align, got_warns) != (int(f["size"]), int(f["align"]), want_warns):
            bad.append((tid, (size, align, got_warns), (int(f["size"]), int(f["align"]), want_warns)))
    assert seen == btf.type_count - first, f"{what}: the harness printed {seen} ids"
    assert not bad, f"{what}: {len(bad)} of {seen} ids differ (btfkit, libbpf): {bad[:5]}"


@pytest.mark.parametrize("release", ["7.1", *RELEASE_HARNESS])
@pytest.mark.parametrize("e", SMALL, ids=_id)
def test_sizes_and_alignments_live(release, e, staging):
    """Every id of every small input, against each release's libbpf."""
    exe = O.harness_path() if release == "7.1" else _release_harness(RELEASE_HARNESS[release])
    if exe is None:
        pytest.skip("emit_decl is not built: bash corpora/harness/build.sh")
    btf = load(e, staging)
    check_sizes(btf, e["first_id"], _run(exe, *_sizes_args(e, staging)), f"libbpf of {release}: {e['input']}")


@pytest.mark.parametrize("e", [e for e in ENTRIES if e not in SMALL], ids=_id)
def test_sizes_and_alignments_large_live(harness, e, staging):
    """The frozen kernel BTF and the split module BTFs, against libbpf 6.1."""
    btf = load(e, staging)
    check_sizes(btf, e["first_id"], _run(harness, *_sizes_args(e, staging)), f"libbpf 6.1: {e['input']}")


def test_sizes_and_alignments_running_kernel(harness, live_vmlinux):
    btf = btfkit.load(live_vmlinux)
    check_sizes(btf, 1, _run(harness, "-m", "sizes", live_vmlinux), f"libbpf 6.1: {live_vmlinux}")
