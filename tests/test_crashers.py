"""Issue 8's crash classes, one small input each (corpora/crashers/, written
by corpora/crashers/make.py): through every library entry point only
BtfError comes out, nothing hangs and the recursion limit is never raised;
through the CLI each command exits 0 or 1 with one error line that names the
file, and writes nothing on failure; and the C dump is checked against
bpftool run live: identical where bpftool succeeds, a clean failure where it
fails, crashes or hangs (two documented bounds aside, see BOUNDED)."""

from __future__ import annotations

import lzma
import subprocess
import sys
from pathlib import Path

import pytest

import btfkit
from btfkit.c import CDumper, dump_header
from btfkit.errors import BtfError, LimitError
from btfkit.kinds import Kind
from btfkit.layout import format_pahole
from btfkit.raw import dump_json_text, dump_raw

from conftest import CORPORA, bpftool_path, need_glob, no_hang

CRASHERS = [p for p in need_glob("crashers/*") if p.suffix not in (".py", ".md")]

# where btfkit stops at a documented bound although bpftool (slowly, on the C
# stack) gets through: errors.MAX_TYPE_DEPTH
BOUNDED = {"C_deep_anon_3k.btf", "C_deep_array_900.btf"}


def _data(path: Path) -> bytes:
    raw = path.read_bytes()
    return lzma.decompress(raw) if path.suffix == ".xz" else raw


def _plain_name(path: Path) -> str:
    return path.name.removesuffix(".xz")


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict[str, Path]:
    """Every crasher as a plain file (deep ones are stored xz-compressed)."""
    d = tmp_path_factory.mktemp("crashers")
    out = {}
    for p in CRASHERS:
        q = d / _plain_name(p)
        q.write_bytes(_data(p))
        out[p.name] = q
    return out


def _composites(btf) -> list[int]:
    return [i for i in range(1, btf.type_count)
            if btf.kind_of(i) in (Kind.STRUCT, Kind.UNION, Kind.TYPEDEF)]


@pytest.mark.parametrize("path", CRASHERS, ids=lambda p: p.name)
def test_library_raises_only_btferror(path):
    from btfkit_cli.views.tree import build_tree

    limit = sys.getrecursionlimit()
    data = _data(path)
    with no_hang(120):
        try:
            btf = btfkit.load(data)
        except BtfError:
            return
        for step in (btf.validate, lambda: dump_raw(btf), lambda: dump_json_text(btf),
                     lambda: dump_header(btf), btf.to_bytes):
            try:
                step()
            except BtfError:
                pass
        try:
            d = CDumper(btf)
            for tid in range(min(btf.type_count, 50)):
                try:
                    d.emit_type_decl(tid, "x")
                except BtfError:
                    pass
        except BtfError:
            pass
        for tid in _composites(btf)[:20]:
            for view in (lambda: format_pahole(btf, tid), lambda: build_tree(btf, tid, depth=3)):
                try:
                    view()
                except BtfError:
                    pass
        if data[:4] == b"\x7fELF":
            from btfkit.gen.skeleton import gen_skeleton
            from btfkit.gen.subskeleton import gen_subskeleton
            for gen in (gen_skeleton, gen_subskeleton):
                try:
                    gen(path.name, data=data)
                except BtfError:
                    pass
    assert sys.getrecursionlimit() == limit


def _cli(*args: str) -> subprocess.CompletedProcess:
    """btfkit's main() in this process, as the console script runs it."""
    import io

    from btfkit_cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with no_hang(120):
        rc = main(list(args), out, err)
    return subprocess.CompletedProcess(list(args), rc, out.getvalue(), err.getvalue())


def _check_cli(res: subprocess.CompletedProcess, path: Path) -> None:
    assert res.returncode in (0, 1), res.stderr
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr
    if res.returncode:
        lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("libbpf: ")]
        assert len(lines) == 1, res.stderr
        assert lines[0].startswith(f"btfkit: error: {path}"), lines[0]


@pytest.mark.parametrize("path", CRASHERS, ids=lambda p: p.name)
def test_cli_one_line_nothing_written(path, plain, tmp_path):
    f = plain[path.name]
    try:
        btf = btfkit.load(f)
        names = [btf[i].name for i in _composites(btf) if btf[i].name][:1]
    except BtfError:
        names = []
    out = tmp_path / "out"
    for args in (["dump", str(f), "format", "raw"], ["dump", str(f), "-j"], ["dump", str(f), "format", "c"],
                 *(["layout", str(f), n] for n in names), *(["tree", str(f), n] for n in names)):
        out.write_text("before")
        res = _cli(*args, *(["-o", str(out)] if args[0] == "dump" else []))
        _check_cli(res, f)
        if res.returncode:
            assert out.read_text() == "before"


@pytest.mark.parametrize("path", CRASHERS, ids=lambda p: p.name)
def test_c_dump_against_bpftool(path, plain):
    """Where bpftool 7.1 prints C and exits 0, btfkit prints the same bytes;
    where it fails (cycle), crashes (SIGSEGV) or runs past 8 s, btfkit
    exits 1 with one line.  libbpf's warnings are the same either way."""
    if not bpftool_path():
        pytest.skip("bpftool is not installed")
    f = plain[path.name]
    try:
        ref = subprocess.run([bpftool_path(), "btf", "dump", "file", str(f), "format", "c"],
                             capture_output=True, timeout=8)
        ref_rc = ref.returncode
    except subprocess.TimeoutExpired:
        ref, ref_rc = None, "hang"
    res = subprocess.run([sys.executable, "-m", "btfkit", "dump", str(f), "format", "c"],
                         capture_output=True, timeout=180)
    if ref_rc == 0 and _plain_name(path) not in BOUNDED:
        assert res.returncode == 0, res.stderr
        assert res.stdout == ref.stdout
        assert res.stderr == ref.stderr
        return
    if ref_rc == "hang":
        # libbpf is quadratic on long modifier chains (btfkit is not) and
        # loops forever on others: either way, no answer to compare
        assert res.returncode in (0, 1)
        assert res.returncode == 0 or (res.stdout == b"" and res.stderr.count(b"\n") == 1)
        return
    assert res.returncode == 1 and res.stdout == b""
    if _plain_name(path) in BOUNDED:
        assert ref_rc == 0
        assert b"levels deep" in res.stderr
    if ref is not None and ref.stderr.startswith(b"libbpf: "):
        # bpftool's own failure (an unsatisfiable cycle): the same warning
        assert res.stderr.startswith(ref.stderr)


def test_bounds_are_limit_errors():
    """Each documented bound raises LimitError (a BtfError)."""
    def c(name: str) -> BtfError | None:
        btf = btfkit.load(_data(CORPORA / "crashers" / name))
        d = CDumper(btf)
        dump_header(btf, dumper=d)
        return d.error
    assert isinstance(c("E_anon_dag_2p40.btf"), LimitError)          # MAX_EXPANSION
    assert isinstance(c("C_deep_anon_3k.btf.xz"), LimitError)        # MAX_TYPE_DEPTH
    assert isinstance(c("typedef_self.btf"), LimitError)             # a loop of links
    btf = btfkit.load(_data(CORPORA / "crashers" / "E_anon_dag_2p40.btf"))
    with pytest.raises(LimitError, match="layout expands"):
        format_pahole(btf, btf.find("dag")[0])


def test_recursion_bounds_hold_on_default_limit():
    """The depth bound leaves room under Python's default recursion limit
    even when the caller is already deep (no RecursionError, no SIGSEGV:
    the whole process stays at the default limit of 1000)."""
    code = (
        "import sys, lzma, btfkit\n"
        "from btfkit.c import CDumper, dump_header\n"
        "assert sys.getrecursionlimit() == 1000\n"
        "def deep(n):\n"
        "    if n: return deep(n - 1)\n"
        f"    data = lzma.decompress(open({str(CORPORA / 'crashers' / 'C_deep_anon_3k.btf.xz')!r}, 'rb').read())\n"
        "    btf = btfkit.load(data); d = CDumper(btf); dump_header(btf, dumper=d)\n"
        "    print(type(d.error).__name__)\n"
        "deep(150)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "LimitError"


def test_nobits_sections_are_not_allocated():
    """A .bss claiming 2^63 bytes fails as libbpf fails (the DATASEC fix-up
    sees the size truncated to __u32, 0); 3 GiB generates a skeleton without
    allocating 3 GiB."""
    import resource

    from btfkit.gen.skeleton import gen_skeleton
    from btfkit.obj import open_object

    with pytest.raises(BtfError, match=r"Error finalizing \.BTF: -2"):
        gen_skeleton("D_bss_2p63.o", data=(CORPORA / "crashers/D_bss_2p63.o").read_bytes())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    obj = open_object((CORPORA / "crashers/D_bss_3g.o").read_bytes(), "D_bss_3g")
    bss = next(m for m in obj.maps if m.real_name == ".bss")
    assert bss.value_size == 3 << 30 and bss.initial_value is None
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 512 * 1024  # KiB
