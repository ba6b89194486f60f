"""bpftool 7.8's ``btf dump file A file B ...``: split BTFs merged on one base
(libbpf's btf__add_btf + btf__dedup, btfkit.dedup), compared live with
bpftool 7.8 byte for byte in every format; bpftool 7.1 and 7.5 refuse a
second file, and so does btfkit for them.

Inputs: the Debian 6.1 modules' split BTF (corpora/modules, on their
vmlinux), and small split BTFs built here whose structs, forward
declarations and duplicates overlap between files and with the base."""

from __future__ import annotations

import io
import lzma
import os
import subprocess
from pathlib import Path

import pytest

import btfkit
from btfkit.c import CDumper, dump_header
from btfkit.dedup import MAX_BTF_FILES, merge_btf_files
from btfkit.errors import BtfError
from btfkit.kinds import Kind
from btfkit.raw import dump_json_text, dump_raw
from btfkit_cli.main import main
from btfbuild import BtfBuilder
from conftest import CORPORA

ORACLES = Path("/opt/btf-oracles/bin")
B78 = ORACLES / "bpftool-7.8"
MODULES = ["bluetooth", "btrfs", "dummy", "ext4", "kvm", "kvm-intel", "mlx5_core", "nf_tables", "r8169", "veth"]

CASES = [
    ("kvm", "kvm-intel"),
    ("kvm-intel", "kvm"),
    ("ext4", "btrfs"),
    ("bluetooth", "dummy"),
    ("veth", "r8169", "nf_tables"),
    ("dummy", "dummy"),
    tuple(MODULES),
]
C_CASES = [("kvm", "kvm-intel"), tuple(MODULES)]
# (format flags for bpftool after the files, btfkit --format, leading -j)
FORMATS = {
    "raw": ([], False),
    "json": ([], True),
    "c": (["format", "c"], False),
    "c-unsorted": (["format", "c", "unsorted"], False),
}


def oracle(rel: str = "7.8") -> str:
    path = "/usr/sbin/bpftool" if rel == "7.1" else str(ORACLES / f"bpftool-{rel}")
    if not os.path.exists(path):
        pytest.skip(f"bpftool {rel} is not installed (../shared/oracle/build.sh)")
    return path


@pytest.fixture(scope="session")
def modules(tmp_path_factory) -> Path:
    """The module corpus, xz-decompressed once per session."""
    d = tmp_path_factory.mktemp("modules")
    for name in MODULES + ["vmlinux-6.1"]:
        (d / f"{name}.btf").write_bytes(lzma.decompress((CORPORA / "modules" / f"{name}.btf.xz").read_bytes()))
    return d


@pytest.fixture(scope="session")
def base(modules) -> btfkit.Btf:
    return btfkit.load(modules / "vmlinux-6.1.btf")


def render(btf: btfkit.Btf, fmt: str) -> bytes:
    """What ``btfkit dump --bpftool 7.8`` prints of ``btf`` in ``fmt``."""
    if fmt == "raw":
        return dump_raw(btf, None).encode()
    if fmt == "json":
        return dump_json_text(btf, None).encode()
    text = dump_header(btf, None, dumper=CDumper(btf, bpftool="7.8"), sort=fmt == "c")
    return text.encode()


def bpftool_merge(paths: list[str], base_path: str, fmt: str, cwd: Path) -> bytes:
    words, js = FORMATS[fmt]
    argv = [oracle("7.8")] + (["-j"] if js else []) + ["btf", "dump", "-B", base_path]
    for p in paths:
        argv += ["file", p]
    ref = subprocess.run(argv + words, capture_output=True, cwd=cwd, timeout=120)
    assert ref.returncode == 0, ref.stderr
    return ref.stdout


_counts: dict[str, list[int]] = {}


@pytest.mark.parametrize("case", CASES, ids=lambda c: "+".join(c) if len(c) < 5 else "all-modules")
def test_modules_merged_as_bpftool_78(case, modules, base):
    paths = [f"{m}.btf" for m in case]
    merged = merge_btf_files([modules / p for p in paths], base)
    assert merged.base is base and merged.start_id == base.type_count
    # format c prints the whole base too (seconds per dump): on the cases
    # that matter for it, raw and JSON on all
    fmts = list(FORMATS) if case in C_CASES else ["raw", "json"]
    for fmt in fmts:
        ref = bpftool_merge(paths, "vmlinux-6.1.btf", fmt, modules)
        assert render(merged, fmt) == ref, (case, fmt)


def test_cli_merge_every_format(modules):
    """The command line, bpftool's words and btfkit's options alike."""
    for fmt in ("json", "c"):
        words, js = FORMATS[fmt]
        ref = bpftool_merge(["kvm.btf", "kvm-intel.btf"], "vmlinux-6.1.btf", fmt, modules)
        out, err = io.StringIO(), io.StringIO()
        argv = ["dump"] + (["-j"] if js else []) + ["-B", str(modules / "vmlinux-6.1.btf"),
                                                    "file", str(modules / "kvm.btf"),
                                                    "file", str(modules / "kvm-intel.btf"),
                                                    *words, "--bpftool", "7.8"]
        assert main(argv, out, err) == 0, err.getvalue()
        assert out.getvalue().encode() == ref, fmt
    # positional FILEs and --format: the same bytes
    out = io.StringIO()
    assert main(["dump", str(modules / "kvm.btf"), str(modules / "kvm-intel.btf"), "--base",
                 str(modules / "vmlinux-6.1.btf"), "--format", "raw", "--bpftool", "7.8"], out, io.StringIO()) == 0
    assert out.getvalue().encode() == bpftool_merge(["kvm.btf", "kvm-intel.btf"], "vmlinux-6.1.btf", "raw", modules)


def test_sysfs_vmlinux_is_skipped(modules):
    """`file /sys/kernel/btf/vmlinux` among several is dropped (it is the
    base), with bpftool's note; the merge is the same as without it."""
    if not os.path.exists("/sys/kernel/btf/vmlinux"):
        pytest.skip("the running kernel has no BTF")
    words = ["-B", "vmlinux-6.1.btf", "file", "/sys/kernel/btf/vmlinux", "file", "dummy.btf", "file", "veth.btf"]
    ref = subprocess.run([oracle(), "btf", "dump", *words], capture_output=True, cwd=modules)
    assert ref.returncode == 0 and b"skipping /sys/kernel/btf/vmlinux (will be loaded as base)" in ref.stderr
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(modules)
    try:
        rc = main(["dump", *words, "--bpftool", "7.8"], out, err)
    finally:
        os.chdir(cwd)
    assert rc == 0 and out.getvalue().encode() == ref.stdout
    assert "skipping /sys/kernel/btf/vmlinux (will be loaded as base)" in err.getvalue()


def test_lone_sysfs_vmlinux_note():
    """bpftool 7.8 prints its "skipping" note for a lone `file
    /sys/kernel/btf/vmlinux` too; 7.1 and 7.5 do not."""
    if not os.path.exists("/sys/kernel/btf/vmlinux"):
        pytest.skip("the running kernel has no BTF")
    ref = subprocess.run([oracle(), "btf", "dump", "file", "/sys/kernel/btf/vmlinux"], capture_output=True)
    assert ref.returncode == 0 and b"skipping /sys/kernel/btf/vmlinux (will be loaded as base)" in ref.stderr
    for rel, noted in (("7.8", True), ("7.5", False), ("7.1", False)):
        out, err = io.StringIO(), io.StringIO()
        assert main(["dump", "file", "/sys/kernel/btf/vmlinux", "--bpftool", rel], out, err) == 0
        assert ("skipping /sys/kernel/btf/vmlinux (will be loaded as base)" in err.getvalue()) == noted, rel
        if rel == "7.8":
            assert out.getvalue().encode() == ref.stdout


# -- small split BTFs whose types overlap -------------------------------------------------------
class SplitBuilder(BtfBuilder):
    """Split BTF on ``base``: ids continue the base's, strings the base
    reuses come from the base (as pahole writes modules)."""

    def __init__(self, base: BtfBuilder) -> None:
        super().__init__(start_str=b"")
        self.base = base
        self.id0 = len(base.records)

    def s(self, name: str) -> int:
        if not name:
            return 0
        if name in self.base._str_index:
            return self.base._str_index[name]
        if name not in self._str_index:
            self._str_index[name] = len(self.base.strings) + len(self.strings)
            self.strings += name.encode() + b"\0"
        return self._str_index[name]

    def _add(self, *a, **kw) -> int:
        return super()._add(*a, **kw) + self.id0


def crafted(tmp: Path) -> tuple[Path, list[Path]]:
    base = BtfBuilder()
    i = base.int_("int", 4, enc=1)
    c = base.int_("char", 1, enc=2)
    bs = base.struct("base_s", 4, [("x", i, 0)])
    base.ptr(bs)
    base.fwd("opaque_in_base")
    base.enum("base_e", 4, [("BE_A", 0)])

    # A: a FWD that B defines, a struct equal to the base's, a struct that B
    # repeats with the FWD resolved, a typedef, an enum forward declaration
    a = SplitBuilder(base)
    fwd = a.fwd("foo")
    pfoo = a.ptr(fwd)
    a.struct("dup", 16, [("a", i, 0), ("p", pfoo, 64)])
    a.struct("base_s", 4, [("x", i, 0)])
    a.typedef("myint", i)
    a.enum("later_e", 4, [])
    a.struct("opaque_in_base", 4, [("o", i, 0)])
    fp = a.func_proto(i, [("s", a.ptr(c)), ("n", i)])
    a.func("do_it", fp)
    # B: the full struct foo, the same dup, the same typedef, an anonymous
    # struct used twice, a union forward
    b = SplitBuilder(base)
    foo = b.struct("foo", 4, [("v", i, 0)])
    b.struct("dup", 16, [("a", i, 0), ("p", b.ptr(foo), 64)])
    b.typedef("myint", i)
    anon = b.struct("", 8, [("lo", i, 0), ("hi", i, 32)])
    b.struct("holder", 16, [("h1", anon, 0), ("h2", b.struct("", 8, [("lo", i, 0), ("hi", i, 32)]), 64)])
    b.fwd("u", union=True)
    b.ptr(b.ref(Kind.CONST, b.typedef("myint", i)))
    # C: the full enum A declared, the same function, an array, the union u
    cc = SplitBuilder(base)
    cc.enum("later_e", 4, [("L_A", 1), ("L_B", 2)])
    fp2 = cc.func_proto(i, [("s", cc.ptr(c)), ("n", i)])
    cc.func("do_it", fp2)
    cc.struct("with_arr", 16, [("arr", cc.array(c, i, 16), 0)])
    cc.struct("u", 4, [("x", i, 0)], union=True)
    cc.struct("user", 8, [("pu", cc.ptr(cc.fwd("u", union=True)), 0)])

    bp = tmp / "base.btf"
    bp.write_bytes(base.build())
    files = []
    for name, sb in (("a", a), ("b", b), ("c", cc)):
        f = tmp / f"{name}.btf"
        f.write_bytes(sb.build())
        files.append(f)
    return bp, files


@pytest.mark.parametrize("order", ["abc", "ab", "ba", "cba", "bca", "aa"])
def test_crafted_overlaps(order, tmp_path):
    bp, files = crafted(tmp_path)
    by = {f.stem: f for f in files}
    paths = [by[x] for x in order]
    base = btfkit.load(bp)
    merged = merge_btf_files(paths, base)
    for fmt in FORMATS:
        ref = bpftool_merge([str(p) for p in paths], str(bp), fmt, tmp_path)
        assert render(merged, fmt) == ref, (order, fmt)
    if order == "ab":
        names = {(merged[t].kind, merged[t].name) for t in range(merged.start_id, merged.type_count)}
        # the FWD found its struct, base_s and the duplicates collapsed
        assert (Kind.FWD, "foo") not in names and (Kind.STRUCT, "base_s") not in names
        assert sum(1 for t in range(merged.start_id, merged.type_count) if merged[t].name == "dup") == 1


def test_sixty_four_files_and_no_more(modules):
    """bpftool's MAX_BTF_FILES: 64 files merge (here one tiny module 64
    times: every copy collapses onto the first), 65 are refused."""
    paths = ["dummy.btf"] * MAX_BTF_FILES
    ref = bpftool_merge(paths, "vmlinux-6.1.btf", "raw", modules)
    out, err = io.StringIO(), io.StringIO()
    args = ["dump", "-B", str(modules / "vmlinux-6.1.btf")] + [str(modules / p) for p in paths]
    assert main(args + ["--bpftool", "7.8"], out, err) == 0
    assert out.getvalue().encode() == ref
    words = ["btf", "dump", "-B", "vmlinux-6.1.btf"] + sum((["file", p] for p in paths + ["dummy.btf"]), [])
    bad = subprocess.run([oracle(), *words], capture_output=True, cwd=modules)
    assert bad.returncode != 0 and b"too many BTF files (max 64)" in bad.stderr and not bad.stdout
    out, err = io.StringIO(), io.StringIO()
    assert main(args + [str(modules / "dummy.btf"), "--bpftool", "7.8"], out, err) == 1
    assert out.getvalue() == "" and err.getvalue().count("\n") == 1
    assert "too many BTF files (max 64)" in err.getvalue()


def test_base_required(modules):
    ref = subprocess.run([oracle(), "btf", "dump", "file", "kvm.btf", "file", "kvm-intel.btf"],
                         capture_output=True, cwd=modules)
    msg = "base BTF is required when merging multiple BTF files"
    assert ref.returncode != 0 and msg.encode() in ref.stderr
    out, err = io.StringIO(), io.StringIO()
    rc = main(["dump", "file", str(modules / "kvm.btf"), "file", str(modules / "kvm-intel.btf"), "--bpftool", "7.8"],
              out, err)
    assert rc == 1 and out.getvalue() == "" and err.getvalue().count("\n") == 1 and msg in err.getvalue()


@pytest.mark.parametrize("rel", ["7.1", "7.5"])
def test_older_bpftool_refuses_a_second_file(rel, modules):
    """bpftool 7.1 and 7.5 read the first file, then stop at the second
    ``file``: "unrecognized option: 'file'", a failure exit; btfkit the same
    (one line, exit 1); with no base, the first file's load fails first."""
    ref = subprocess.run([oracle(rel), "btf", "dump", "-B", "vmlinux-6.1.btf", "file", "kvm.btf", "file",
                          "kvm-intel.btf"], capture_output=True, cwd=modules)
    assert ref.returncode != 0 and b"unrecognized option: 'file'" in ref.stderr and not ref.stdout
    out, err = io.StringIO(), io.StringIO()
    rc = main(["dump", "-B", str(modules / "vmlinux-6.1.btf"), "file", str(modules / "kvm.btf"), "file",
               str(modules / "kvm-intel.btf"), "--bpftool", rel], out, err)
    assert rc == 1 and out.getvalue() == "" and err.getvalue().count("\n") == 1
    assert "unrecognized option: 'file'" in err.getvalue()
    ref = subprocess.run([oracle(rel), "btf", "dump", "file", "kvm.btf", "file", "kvm-intel.btf"],
                         capture_output=True, cwd=modules)
    assert ref.returncode != 0 and b"failed to load BTF from kvm.btf" in ref.stderr
    out, err = io.StringIO(), io.StringIO()
    rc = main(["dump", "file", str(modules / "kvm.btf"), "file", str(modules / "kvm-intel.btf"), "--bpftool", rel],
              out, err)
    assert rc == 1 and "unrecognized" not in err.getvalue() and "base" in err.getvalue()


def test_library_errors_are_btf_errors(tmp_path, base):
    with pytest.raises(BtfError):
        merge_btf_files([], base)
    with pytest.raises(BtfError):
        merge_btf_files([tmp_path / "missing.btf"], base)
    other = btfkit.load(BtfBuilder().build())
    _, files = crafted(tmp_path)
    with pytest.raises(BtfError):
        merge_btf_files([btfkit.load(files[0], base=btfkit.load(tmp_path / "base.btf"))], other)


# -- the blob itself: libbpf 1.8's btf__raw_data() after add_btf/dedup -----------------------
LIBBPF18 = Path(os.environ.get("BTFKIT_ORACLES", "/opt/btf-oracles")) / "libbpf-1.8"


@pytest.fixture(scope="session")
def harness(tmp_path_factory) -> str:
    """tests/dedup_harness.c linked with libbpf 1.8: btf__add_btf and
    btf__dedup as bpftool 7.8 calls them, the raw bytes on stdout."""
    if not (LIBBPF18 / "lib" / "libbpf.a").exists():
        pytest.skip("libbpf 1.8 is not installed (../shared/oracle/build.sh)")
    out = tmp_path_factory.mktemp("harness") / "dedup_harness"
    subprocess.run(["gcc", "-O1", "-I", str(LIBBPF18 / "include"), str(Path(__file__).with_name("dedup_harness.c")),
                    str(LIBBPF18 / "lib" / "libbpf.a"), "-lelf", "-lz", "-o", str(out)], check=True)
    return str(out)


def harness_bytes(harness: str, *argv: str) -> bytes:
    ref = subprocess.run([harness, *argv], capture_output=True, timeout=120)
    assert ref.returncode == 0, (argv, ref.returncode)
    return ref.stdout


@pytest.mark.parametrize("case", [("kvm", "kvm-intel"), ("ext4", "btrfs"), ("dummy", "dummy", "veth")],
                         ids=lambda c: "+".join(c))
def test_merged_blob_is_libbpfs(case, modules, base, harness):
    """Not only the dumps: the merged BTF's bytes (types in order, strings
    in first-use order, header) are libbpf 1.8's."""
    paths = [modules / f"{m}.btf" for m in case]
    ref = harness_bytes(harness, "merge", str(modules / "vmlinux-6.1.btf"), *map(str, paths))
    assert merge_btf_files(paths, base).data == ref


def test_crafted_merged_blob_is_libbpfs(tmp_path, harness):
    bp, files = crafted(tmp_path)
    base = btfkit.load(bp)
    for order in ("abc", "cba", "bab"):
        by = {f.stem: f for f in files}
        paths = [by[x] for x in order]
        assert merge_btf_files(paths, base).data == harness_bytes(harness, "merge", str(bp), *map(str, paths)), order


@pytest.mark.parametrize("path", sorted((CORPORA / "obj").glob("*.o")), ids=lambda p: p.name)
def test_dedup_btf_of_objects_is_libbpfs(path, harness):
    """dedup_btf() of one BTF, strings deduplicated too: every corpus
    object, both byte orders, as libbpf 1.8's btf__dedup leaves it."""
    from btfkit.dedup import dedup_btf

    assert dedup_btf(btfkit.load(path)).data == harness_bytes(harness, "dedup", str(path))


def test_dedup_btf_of_split_modules_is_libbpfs(modules, base, harness):
    """A module's split BTF deduplicated alone: its strings the base has
    take the base's offsets."""
    from btfkit.dedup import dedup_btf

    for name in ("dummy", "veth", "kvm-intel"):
        p = modules / f"{name}.btf"
        got = dedup_btf(btfkit.load(p, base=base)).data
        assert got == harness_bytes(harness, "dedup", str(p), str(modules / "vmlinux-6.1.btf")), name
