"""btfkit gen skeleton / subskeleton against bpftool 7.1, 7.5 and 7.8:
recorded goldens of every release, live bpftool on the corpus (7.1) and on
the objects of the newer features (7.5, 7.8), extra corner cases, error
cases, the object model of each libbpf, and the generated headers compiled
as C and C++ against each release's libbpf headers.

Tolerated differences from bpftool, written down:

- bpftool prints its failures on two lines (``libbpf: ...`` and ``Error:
  ...``) and exits with a negative errno; btfkit prints one line holding
  both texts and exits 1.
- An object without BTF: bpftool 7.1 still writes a skeleton (no variable
  structs); btfkit refuses with one line (issue 4's rule for BTF-less input).
- A name that is not a C identifier (or is a C/C++ keyword): bpftool writes
  a header that cannot compile; btfkit refuses.
- ``-L``/``--use-loader``: bpftool loads the programs to build a light
  skeleton; btfkit answers "not supported" (for subskeletons bpftool's own
  "cannot use loader for subskeletons").
- When bpftool writes an empty subskeleton and exits 0 (7.1: an internal map
  without DATASEC, e.g. ``.rodata.cst16``; 7.5/7.8: an ARENA map with
  __arena globals, which has no value type), btfkit does the same and adds
  a ``btfkit: warning:`` line on stderr.
- Where libbpf 1.5+ fails without a ``libbpf:`` line (btf_fixup_datasec()'s
  messages are debug-level), btfkit's one line still says why.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import oracle
from conftest import CORPORA, ROOT, need_glob

from btfkit.errors import BtfError
from btfkit.gen.codegen import (
    CodegenError, c_printf, check_obj_name, codegen, get_header_guard, get_obj_name, print_hex,
)
from btfkit.gen.skeleton import gen_skeleton
from btfkit.gen.subskeleton import gen_subskeleton
from btfkit.kinds import Kind
from btfkit.obj import (
    BPF_F_MMAPABLE, BPF_F_RDONLY_PROG, LIBBPF_MAP_BSS, LIBBPF_MAP_DATA, LIBBPF_MAP_KCONFIG, LIBBPF_MAP_RODATA,
    BpfObjectError, get_datasec_ident, internal_map_name, open_object, sanitize_identifier,
)
from btfkit_cli import cmd_gen
from btfkit_cli.main import main

OBJ = CORPORA / "obj"
CASES = ROOT / "tests" / "e2e" / "cases"
GEN_ENTRIES = oracle.entries(lambda e: oracle.is_gen(e, "skeleton") or oracle.is_gen(e, "subskeleton"))
CORPUS_OBJS = need_glob("obj/*.o")
# the releases whose gen output is recorded (entries without "bpftool" are 7.1's)
GEN_RELEASES = ("7.1", "7.5", "7.8")
ORACLES = Path(os.environ.get("BTFKIT_ORACLES", "/opt/btf-oracles"))


def entry_release(e: dict) -> str:
    return e.get("bpftool", "7.1")


def oracle_bpftool(rel: str) -> str:
    """The live bpftool of a release (7.1: the system's), or skip."""
    if rel == "7.1":
        path = shutil.which("bpftool") or "/usr/sbin/bpftool"
    else:
        path = str(ORACLES / "bin" / f"bpftool-{rel}")
    if not os.path.exists(path):
        pytest.skip(f"bpftool {rel} is not installed ({path}; ../shared/oracle/build.sh builds it)")
    return path


def gen_golden(stem: str, what: str, rel: str) -> dict:
    """The manifest entry of ``bpftool [REL] gen WHAT stem.o``."""
    name = ("skel" if what == "skeleton" else "subskel") + (".h" if rel == "7.1" else f".{rel}.h")
    ident = f"{stem}/{name}"
    found = [e for e in GEN_ENTRIES if e["id"] == ident and entry_release(e) == rel]
    assert len(found) == 1, ident
    return found[0]


def run_cli(argv: list[str]) -> tuple[int, bytes, str]:
    out = io.StringIO()
    out.buffer = io.BytesIO()
    err = io.StringIO()
    rc = main(argv, stdout=out, stderr=err)
    return rc, out.buffer.getvalue(), err.getvalue()


def bpftool_messages(stderr: bytes) -> list[str]:
    """bpftool's failure texts without prefixes: the last libbpf line (the
    warning that failed the open; earlier ones are informational) and the
    Error: line."""
    lines = stderr.decode().splitlines()
    texts = [line[len("Error: "):] for line in lines if line.startswith("Error: ")]
    libbpf = [line[len("libbpf: "):] for line in lines if line.startswith("libbpf: ")]
    if not any(t.startswith("failed to open BPF object file") for t in texts):
        libbpf = []  # bpftool's own error; the libbpf lines were informational
    return libbpf[-1:] + texts


def check_same_failure(rc: int, out: bytes, err: str, bpftool_err: bytes) -> None:
    assert rc == 1
    assert out == b""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("btfkit: error: "), err
    for text in bpftool_messages(bpftool_err):
        assert text in lines[0], f"{text!r} not in {lines[0]!r}"


def check_stderr_ok(err: str) -> None:
    """A successful run prints nothing on stderr but btfkit warnings."""
    for line in err.splitlines():
        assert line.startswith("btfkit: warning: "), err


# -- the recorded goldens ---------------------------------------------------------------------
@pytest.mark.parametrize("entry", GEN_ENTRIES, ids=[e["id"] for e in GEN_ENTRIES])
def test_golden(entry, tmp_path, monkeypatch):
    oracle.stage_inputs(entry, tmp_path)
    monkeypatch.chdir(tmp_path)
    rc, out, err = run_cli(list(entry["argv"]) + ["--bpftool", entry_release(entry)])
    want = oracle.golden_bytes(entry["stdout"], entry["stdout_xz"]) or b""
    if entry["exit"] == 0:
        assert rc == 0, err
        assert out == want
        check_stderr_ok(err)
    else:
        check_same_failure(rc, out, err, oracle.golden_bytes(entry["stderr"]))


def test_golden_coverage():
    """Every corpus object has both gen goldens of every release, and most
    are real headers."""
    for obj in CORPUS_OBJS:
        stem = obj.name.removesuffix(".o")
        for rel in GEN_RELEASES:
            for what in ("skeleton", "subskeleton"):
                gen_golden(stem, what, rel)
    for rel in GEN_RELEASES:
        made = [e for e in GEN_ENTRIES if entry_release(e) == rel and e["exit"] == 0 and e["stdout"]]
        assert len(made) >= 20, rel
    # the new cases are there and do what they were made for
    assert gen_golden("arena.bpfel", "skeleton", "7.1")["exit"] != 0
    assert b"} *arena;" in oracle.golden_bytes(gen_golden("arena.bpfel", "skeleton", "7.8")["stdout"])
    st = oracle.golden_bytes(gen_golden("st_ops_kernel.bpfel", "skeleton", "7.5")["stdout"])
    assert b"__unsupported_11[16];" in st and b"__padding_end[" in st and b"map->link = &obj->links.btfkit_reno;" in st
    assert gen_golden("st_ops_kernel.bpfeb", "skeleton", "7.8")["exit"] == 0
    assert gen_golden("st_ops_kernel.bpfeb", "skeleton", "7.5")["exit"] != 0


# -- live bpftool ------------------------------------------------------------------------------
def live(bpftool: str, argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([bpftool, *argv], cwd=cwd, capture_output=True, env={**os.environ, "LC_ALL": "C"})


def compare_live(bpftool: str, argv: list[str], cwd: Path, monkeypatch, ref_argv: list[str] | None = None) -> None:
    """bpftool REF_ARGV (default: ARGV, with the bpftool fixture, 7.1) against btfkit ARGV."""
    if ref_argv is None:
        ref_argv, argv = argv, argv + ["--bpftool", "7.1"]
    ref = live(bpftool, ref_argv, cwd)
    monkeypatch.chdir(cwd)
    rc, out, err = run_cli(argv)
    if ref.returncode == 0:
        assert rc == 0, err
        assert out == ref.stdout
        check_stderr_ok(err)
    else:
        check_same_failure(rc, out, err, ref.stderr)


@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
@pytest.mark.parametrize("obj", CORPUS_OBJS, ids=lambda p: p.name)
def test_live_corpus(bpftool, obj, what, tmp_path, monkeypatch):
    shutil.copy(obj, tmp_path / obj.name)
    compare_live(bpftool, ["gen", what, obj.name], tmp_path, monkeypatch)


LIVE_NEW = ["st_ops_kernel", "arena", "hidden", "bss_sections", "map_extra", "jumptables", "struct_ops", "maps", "linked",
            "linked_hidden"]


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
@pytest.mark.parametrize("stem", LIVE_NEW)
def test_live_newer_bpftool(rel, stem, what, tmp_path, monkeypatch):
    """bpftool 7.5 and 7.8 run live on the objects that exercise their
    changes, both byte orders (7.8 opens both; 7.5 refuses bpfeb)."""
    tool = oracle_bpftool(rel)
    for obj in need_glob(f"obj/{stem}.*.o"):
        shutil.copy(obj, tmp_path / obj.name)
        compare_live(tool, ["gen", what, obj.name, "--bpftool", rel], tmp_path, monkeypatch,
                     ref_argv=["gen", what, obj.name])


NAMES = ["A", "_x", "abcdefghijklmnopqrstuvwxyz", "n" * 70, "lib"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
def test_live_names(bpftool, what, name, tmp_path, monkeypatch):
    shutil.copy(OBJ / "sections.bpfel.o", tmp_path / "sections.bpfel.o")
    compare_live(bpftool, ["gen", what, "sections.bpfel.o", "name", name], tmp_path, monkeypatch)


FILE_NAMES = ["my-prog.bpf.o", "x" * 70 + ".o", "prog.o.o", "noext", "__.o"]


@pytest.mark.parametrize("fname", FILE_NAMES)
def test_live_file_names(bpftool, fname, tmp_path, monkeypatch):
    shutil.copy(OBJ / "lib_counter.bpfel.o", tmp_path / fname)
    for what in ("skeleton", "subskeleton"):
        compare_live(bpftool, ["gen", what, fname], tmp_path, monkeypatch)


@pytest.fixture(scope="session")
def case_objects(tmp_path_factory) -> list[Path]:
    """tests/e2e/cases/*.bpf.c built for the host's byte order (clang 14, -g -O2)."""
    clang = shutil.which("clang")
    if not clang:
        pytest.skip("clang is not installed: apt-get install clang")
    out = tmp_path_factory.mktemp("cases")
    multiarch = subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("gcc") else ""
    objs = []
    for src in need_glob("*.bpf.c", CASES):
        obj = out / (src.name.removesuffix(".bpf.c") + ".bpfel.o")
        cmd = [clang, "-g", "-O2", "-target", "bpfel", "-c", str(src), "-o", str(obj)]
        if multiarch:
            cmd[1:1] = [f"-I/usr/include/{multiarch}"]
        subprocess.run(cmd, check=True, capture_output=True)
        objs.append(obj)
    return objs


@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
def test_live_cases(bpftool, case_objects, what, monkeypatch):
    for obj in case_objects:
        compare_live(bpftool, ["gen", what, obj.name], obj.parent, monkeypatch)


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
def test_live_cases_newer(rel, case_objects, what, monkeypatch):
    """The corner cases (and the bad objects) through bpftool 7.5 and 7.8."""
    tool = oracle_bpftool(rel)
    for obj in case_objects:
        compare_live(tool, ["gen", what, obj.name, "--bpftool", rel], obj.parent, monkeypatch,
                     ref_argv=["gen", what, obj.name])


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
def test_live_names_newer(rel, what, tmp_path, monkeypatch):
    """Object names given and taken from file names (7.5 uses POSIX basename())."""
    tool = oracle_bpftool(rel)
    shutil.copy(OBJ / "st_ops_kernel.bpfel.o", tmp_path / "st_ops_kernel.bpfel.o")
    for name in NAMES:
        argv = ["gen", what, "st_ops_kernel.bpfel.o", "name", name]
        compare_live(tool, argv + ["--bpftool", rel], tmp_path, monkeypatch, ref_argv=argv)
    for fname in FILE_NAMES:
        shutil.copy(OBJ / "lib_counter.bpfel.o", tmp_path / fname)
        compare_live(tool, ["gen", what, fname, "--bpftool", rel], tmp_path, monkeypatch,
                     ref_argv=["gen", what, fname])


def test_case_ksym_dummy_names(case_objects):
    """libbpf names a kfunc's unnamed parameters 'dummy_ksym'; a function
    pointer sharing the prototype prints them (edges.bpf.c)."""
    edges = next(p for p in case_objects if p.name.startswith("edges"))
    text = gen_skeleton(edges, bpftool="7.1")
    assert "int (*fn_ptr)(int dummy_ksym, long dummy_ksym);" in text
    assert "typeof(int (*[3])(int dummy_ksym, long dummy_ksym)) *fn_table;" in gen_subskeleton(edges, bpftool="7.1")


def test_case_st_ops_values(case_objects):
    """st_ops_values.bpf.c (compared with live bpftool above) really has
    struct_ops maps of non-struct value types, whose shadows are padding."""
    obj = next(p for p in case_objects if p.name.startswith("st_ops_values"))
    text = gen_skeleton(obj, bpftool="7.8")
    assert "struct st_ops_values_bpfel__of_long__long {\n\t\t\tchar __padding_end[8];\n\t\t} *of_long;" in text
    assert "__of_typedef__two_t {\n\t\t\tchar __padding_end[16];" in text
    assert "__of_array__ {\n\t\t\tchar __padding_end[12];" in text


def test_st_ops_value_with_entries_refused(tmp_path):
    """A .maps struct_ops map whose value type has vlen entries that are not
    members (an enum's enumerators): bpftool 7.5+ reads them as members and
    writes garbage; btfkit raises CodegenError (it used to crash with
    AttributeError).  bpftool 7.1 writes no shadow types and succeeds."""
    clang = shutil.which("clang")
    if not clang:
        pytest.skip("clang is not installed: apt-get install clang")
    src = tmp_path / "en.bpf.c"
    src.write_text("#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n"
                   "enum three { A = 1, B = 2, C = 3 };\n"
                   "struct {\n\t__uint(type, BPF_MAP_TYPE_STRUCT_OPS);\n\t__uint(max_entries, 1);\n"
                   "\t__type(key, int);\n\t__type(value, enum three);\n} of_enum SEC(\".maps\");\n"
                   "char LICENSE[] SEC(\"license\") = \"GPL\";\n")
    obj = tmp_path / "en.bpfel.o"
    multiarch = subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("gcc") else ""
    cmd = [clang, "-g", "-O2", "-target", "bpfel", "-c", str(src), "-o", str(obj)]
    if multiarch:
        cmd[1:1] = [f"-I/usr/include/{multiarch}"]
    subprocess.run(cmd, check=True, capture_output=True)
    assert "of_enum" in gen_skeleton(obj, bpftool="7.1")
    for rel in ("7.5", "7.8"):
        for gen in (gen_skeleton, gen_subskeleton):
            with pytest.raises(CodegenError, match=r"struct_ops map 'of_enum': .*\(enum, vlen 3\) is not a struct"):
                gen(obj, bpftool=rel)


# -- both byte orders ----------------------------------------------------------------------------
def _strip_elf_bytes(text: str) -> str:
    return re.sub(r'\*sz = \d+;\n\treturn \(const void \*\)"\\\n.*?";\n', "<ELF>", text, flags=re.S)


@pytest.mark.parametrize("stem", sorted({p.name.split(".")[0] for p in need_glob("obj/*.bpfeb.o")}))
def test_big_endian_same_headers(stem):
    """bpftool (libbpf 1.1) refuses bpfeb objects on this host; with the check
    off, btfkit reads them into the same headers as the bpfel builds, all but
    the embedded ELF bytes (or fails the same way)."""
    el, eb = OBJ / f"{stem}.bpfel.o", OBJ / f"{stem}.bpfeb.o"
    with pytest.raises(BpfObjectError, match="Endian mismatch"):
        gen_skeleton(eb, "x", bpftool="7.1")
    for gen in (gen_skeleton, gen_subskeleton):
        try:
            a = gen(el, "x", bpftool="7.1")
        except BpfObjectError as err:
            with pytest.raises(BpfObjectError) as eb_err:
                gen(eb, "x", check_endianness=False, bpftool="7.1")
            assert eb_err.value.detail == err.detail
            continue
        b = gen(eb, "x", check_endianness=False, bpftool="7.1")
        assert _strip_elf_bytes(a) == _strip_elf_bytes(b)
    if gen_golden(f"{stem}.bpfel", "skeleton", "7.1")["exit"] == 0:
        assert "\\x7f\\x45\\x4c\\x46\\x02\\x02" in gen_skeleton(eb, "x", check_endianness=False, bpftool="7.1")


def _strip_aligned_elf_bytes(text: str) -> str:
    return re.sub(r'__attribute__\(\(__aligned__\(8\)\)\) = "\\\n.*?";\n', "<ELF>", text, flags=re.S)


@pytest.mark.parametrize("stem", sorted({p.name.split(".")[0] for p in need_glob("obj/*.bpfeb.o")}))
def test_big_endian_78(stem):
    """libbpf 1.8 opens either byte order: bpftool 7.8's headers of a bpfeb
    object are the bpfel ones but for the embedded ELF (7.5 still refuses)."""
    el, eb = OBJ / f"{stem}.bpfel.o", OBJ / f"{stem}.bpfeb.o"
    with pytest.raises(BpfObjectError, match="Endian mismatch"):
        gen_skeleton(eb, "x", bpftool="7.5")
    for gen in (gen_skeleton, gen_subskeleton):
        try:
            a = gen(el, "x", bpftool="7.8")
        except BpfObjectError as err:
            with pytest.raises(BpfObjectError) as eb_err:
                gen(eb, "x", bpftool="7.8")
            assert eb_err.value.detail == err.detail
            continue
        b = gen(eb, "x", bpftool="7.8")
        assert _strip_aligned_elf_bytes(a) == _strip_aligned_elf_bytes(b)
        if gen is gen_skeleton:
            assert "<ELF>" in _strip_aligned_elf_bytes(b)
            assert "\\x7f\\x45\\x4c\\x46\\x02\\x02" in b


def test_model_libbpf_15():
    """What libbpf 1.5 changed at open time, against 6.1 on the same objects."""
    old = open_object(OBJ / "hidden.bpfel.o", "hidden", bpftool="7.1")
    new = open_object(OBJ / "hidden.bpfel.o", "hidden", bpftool="7.5")
    mm = {m.user_name: bool(m.map_flags & BPF_F_MMAPABLE) for m in new.maps}
    assert mm == {"hidden.data": True, ".data.statics": False, "hidden.rodata": True, "hidden.bss": False}
    assert all(m.map_flags & BPF_F_MMAPABLE for m in old.maps)
    # hidden globals are static VARs from 1.5 on
    linkage = {v.name: v.linkage for v in (new.btf[i] for i in new.btf.ids()) if v.kind == Kind.VAR}
    assert linkage["hidden_data"] == 0 and linkage["visible_data"] == 1 and linkage["hidden_rodata"] == 0
    assert {v.name: v.linkage for v in (old.btf[i] for i in old.btf.ids()) if v.kind == Kind.VAR}["hidden_data"] == 1
    # .bss.NAME sections are maps from 1.5 on; 6.1 refuses their relocations
    bss = open_object(OBJ / "bss_sections.bpfel.o", "b", bpftool="7.5")
    assert [m.user_name for m in bss.maps] == [".bss.counters", ".bss.stats", "b.bss"]
    assert [m.real_name for m in bss.maps] == [".bss.counters", ".bss.stats", ".bss"]
    with pytest.raises(BpfObjectError, match="bad map relo against .* in section '.bss"):
        open_object(OBJ / "bss_sections.bpfel.o", "b", bpftool="7.1")
    # struct_ops: more sections, the value type id, BPF_F_LINK, the initial value
    st = open_object(OBJ / "st_ops_kernel.bpfel.o", "s", bpftool="7.8")
    ops = [m for m in st.maps if m.is_struct_ops]
    assert [(m.name, m.map_flags) for m in ops] == [("btfkit_reno", 1 << 13), ("btfkit_dummy", 0),
                                                   ("btfkit_dummy_off", 0), ("btfkit_qdisc", 1 << 13)]
    assert all(m.btf_value_type_id == m.st_ops_type_id > 0 and len(m.initial_value) == m.value_size for m in ops)
    assert [m.name for m in open_object(OBJ / "st_ops_kernel.bpfel.o", "s", bpftool="7.1").maps
            if m.is_struct_ops] == ["btfkit_dummy"]
    # the arena map holds the .addr_space.1 bytes
    ar = open_object(OBJ / "arena.bpfel.o", "a", bpftool="7.5")
    arena = ar.find_map("arena")
    assert arena.map_type == 33 and arena.initial_value == ar.elf.section_data(ar.elf.section(".addr_space.1"))


# -- the object model ---------------------------------------------------------------------------
def model(obj):
    return ([(m.name, m.user_name, m.libbpf_type, m.map_type, m.key_size, m.value_size, m.max_entries,
              m.map_flags, m.btf_value_type_id) for m in obj.maps],
            [(p.name, p.sec_name, p.is_subprog, p.autoload) for p in obj.programs],
            [(e.name, e.type, e.kcfg_data_off, e.kcfg_sz) for e in obj.externs],
            # string offsets differ between the two builds (the strings do not)
            [re.sub(r"name_off=\d+", "", repr(obj.btf[i])) for i in obj.btf.ids()])


@pytest.mark.parametrize("stem", sorted({p.name.split(".")[0] for p in need_glob("obj/*.bpfeb.o")}
                                        - {"app_main"}))
@pytest.mark.parametrize("rel", ["7.1", "7.8"])
def test_model_both_byte_orders(stem, rel):
    try:
        el = open_object(OBJ / f"{stem}.bpfel.o", bpftool=rel)
    except BpfObjectError as err:
        # libbpf 6.1 cannot open arena and bss_sections: the same way in both orders
        assert gen_golden(f"{stem}.bpfel", "skeleton", rel)["exit"] != 0
        with pytest.raises(BpfObjectError) as eb_err:
            open_object(OBJ / f"{stem}.bpfeb.o", bpftool=rel)
        assert eb_err.value.detail.replace("bpfeb", "bpfel") == err.detail
        return
    eb = open_object(OBJ / f"{stem}.bpfeb.o", bpftool=rel)
    assert el.elf.byteorder == "little" and eb.elf.byteorder == "big"
    assert model(el) == model(eb)


def test_model_sections():
    obj = open_object(OBJ / "sections.bpfel.o", "sections")
    names = [(m.name, m.user_name, m.ident) for m in obj.maps]
    assert names == [
        ("sections.data", "sections.data", "data"), ("sections.rodata", "sections.rodata", "rodata"),
        (".data.foo", ".data.foo", "data_foo"), (".data.two", ".data.two", "data_two"),
        (".rodata.bar", ".rodata.bar", "rodata_bar"), ("sections.bss", "sections.bss", "bss"),
        ("section.kconfig", "section.kconfig", "kconfig"),
    ]
    types = [m.libbpf_type for m in obj.maps]
    assert types == [LIBBPF_MAP_DATA, LIBBPF_MAP_RODATA, LIBBPF_MAP_DATA, LIBBPF_MAP_DATA, LIBBPF_MAP_RODATA,
                     LIBBPF_MAP_BSS, LIBBPF_MAP_KCONFIG]
    assert all(m.map_flags & BPF_F_MMAPABLE for m in obj.maps)
    assert [bool(m.map_flags & BPF_F_RDONLY_PROG) for m in obj.maps] == [False, True, False, False, True, False,
                                                                           True]
    # .kconfig: externs sorted by alignment (desc), size, name; offsets assigned in that order
    kcfg = [(e.name, e.kcfg_data_off) for e in obj.externs if e.section == ".kconfig"]
    assert kcfg == [("CONFIG_HZ", 0), ("CONFIG_BPF_JIT", 8), ("LINUX_KERNEL_VERSION", 12),
                    ("CONFIG_BPF_SYSCALL", 16), ("CONFIG_BTFKIT_SURELY_MISSING", 17),
                    ("CONFIG_DEFAULT_HOSTNAME", 18)]
    assert obj.maps[-1].value_size == 82
    ksyms = sorted(e.name for e in obj.externs if e.section == ".ksyms")
    assert ksyms == ["bpf_link_fops", "bpf_prog_active", "bpf_rcu_read_lock", "bpf_rcu_read_unlock", "init_task"]
    # DATASEC fix-ups: sizes from section headers, offsets from symbols, sorted
    btf = obj.btf
    bss = btf[btf.find(".bss")[0]]
    assert bss.size == obj.elf.section(".bss").sh_size
    offs = [v.offset for v in bss.vars]
    assert offs == sorted(offs)
    raw_bss = btf.raw[bss.id]
    assert raw_bss.size == 0 and bss != raw_bss
    # static variables stay in BTF (and out of skeletons)
    statics = [btf[v.type].name for v in bss.vars if btf[v.type].linkage == 0]
    assert statics and all(f"->{n})" not in gen_skeleton(OBJ / "sections.bpfel.o") for n in statics)
    assert [p.name for p in obj.entry_programs()] == ["on_sys_enter"]
    foo = obj.find_map(".data.foo")
    assert [(v.name, vs.offset) for v, vs in obj.variables(foo)] == [("foo_a", 0), ("foo_b", 8), ("foo_anon", 16)]
    assert "static_foo" in [obj.btf[vs.type].name for vs in obj.datasec(foo).vars]


def test_model_maps_order_and_subprogs():
    obj = open_object(OBJ / "maps.bpfel.o")
    # BTF-defined maps by .maps offset, then data sections in ELF order
    assert [m.user_name for m in obj.maps][:3] == ["inner_a", "inner_b", "outer_array"]
    assert [m.user_name for m in obj.maps][-4:] == ["maps.data", "maps.rodata", ".rodata.cst16", "maps.bss"]
    assert obj.find_map("outer_hash").inner_map is not None
    subs = [p.name for p in obj.programs if p.is_subprog]
    assert "bump_percpu" in subs and "account" in subs
    assert "bump_percpu" not in [p.name for p in obj.entry_programs()]
    cst = obj.find_map(".rodata.cst16")
    assert cst.btf_value_type_id == 0 and cst.ident == "rodata_cst16"


def test_model_struct_ops():
    obj = open_object(OBJ / "struct_ops.bpfel.o")
    m = obj.find_map("btfkit_cc")
    assert m.is_struct_ops and not m.is_internal and m.ident == "btfkit_cc"
    assert m.value_size == obj.btf[m.st_ops_type_id].size


def test_model_subskeleton_names():
    obj = open_object(OBJ / "lib_counter.bpfel.o", "")
    assert [m.user_name for m in obj.maps] == ["lib_counters", ".data", ".rodata", ".bss"]


# -- bpftool's helpers ---------------------------------------------------------------------------
@pytest.mark.parametrize("obj_name, real, want", [
    # the examples of libbpf's internal_map_name() comment
    ("my_object_name", ".rodata", "my_objec.rodata"),
    ("my_object_name", ".bss", "my_objec.bss"),
    ("my_object_name", ".kconfig", "my_obje.kconfig"),
    ("my_object_name", ".rodata.abracadabra", ".rodata.abracad"),
    ("", ".data", ".data"),
    ("sections", ".data.foo", ".data.foo"),
    ("a-b", ".data", "a_b.data"),
    ("obj", ".rodata.with-dash", ".rodata.with_da"),
])
def test_internal_map_name(obj_name, real, want):
    assert internal_map_name(obj_name, real) == want


def test_identifiers():
    assert sanitize_identifier("func.var") == "func_var"
    assert sanitize_identifier("é") == "__"
    assert get_datasec_ident(".data.foo-bar") == "data_foo_bar"
    assert get_datasec_ident(".ksyms") is None and get_datasec_ident("license") is None
    assert get_obj_name("/x/my-prog.bpf.o") == "my_prog_bpf"
    assert get_obj_name("x" * 70 + ".o") == "x" * 63
    assert get_obj_name("a.o.o") == "a_o"
    assert get_header_guard("my_prog", "SKEL_H") == "__MY_PROG_SKEL_H__"
    assert check_obj_name("n" * 70, given=True) == "n" * 63
    for bad in ("1abc", "a-b", "", "int", "class", "a b", "é"):
        with pytest.raises(CodegenError):
            check_obj_name(bad, given=True)


def test_codegen_rules():
    # baseline tabs from the first line, trailing blanks trimmed, printf arguments
    assert codegen("\t\t\n\t\tstruct %1$s {   \t\n\t\t\tint %2$s;\n\t\t};\n\t\t", "s", "x") == \
        "struct s {\n\tint x;\n};\n"
    assert codegen("\t\n\t%s %d %zu %%\n\t", "a", 1, 2) == "a 1 2 %\n"
    assert c_printf("%2$s-%1$s", "a", "b") == "b-a"
    with pytest.raises(ValueError):
        codegen("x\n")
    with pytest.raises(ValueError):
        codegen("\t\t\n\tshort\n")


def _c_printf_by_regex(fmt: str, *args):
    """c_printf as it was written with a regular expression: the reference
    the hand-read version is held to."""
    it = iter(range(len(args)))

    def sub(m):
        if m.group(2) == "%":
            return "%"
        v = args[int(m.group(1)) - 1 if m.group(1) else next(it)]
        return v if isinstance(v, str) else str(int(v))

    return re.sub(r"%(?:(\d+)\$)?(z?[sdu]|%)", sub, fmt)


def _outcome(f, *args):
    try:
        return f(*args)
    except Exception as err:  # the same exception type for the same input
        return type(err)


def test_c_printf_agrees_with_regex():
    """Random formats of '%', digits (also non-ASCII ones, which \\d
    matches), '$', z, conversions and other letters: the same text, or the
    same exception, as the regular expression."""
    rng = random.Random(7)
    alphabet = ["%", "%", "%", "z", "s", "d", "u", "1", "2", "0", "12", "$", "x", "a", "\n", "\u0663", "\u00b2"]
    args = ("A", 7, "C")
    checked = 0
    for _ in range(20000):
        fmt = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        nargs = rng.randrange(0, 4)
        want = _outcome(_c_printf_by_regex, fmt, *args[:nargs])
        assert _outcome(c_printf, fmt, *args[:nargs]) == want, (fmt, nargs)
        checked += isinstance(want, str) and want != fmt
    assert checked > 2000  # many formats really substitute


def test_c_identifier_agrees_with_regex():
    rng = random.Random(8)
    alphabet = ["a", "Z", "_", "0", "9", "-", " ", "\n", "é", "\u0663", "$"]
    names = ["", "a", "_", "0", "a\n", "ab9", "9ab", "int_"]
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 6))) for _ in range(5000)]
    ident = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
    for name in names:
        ok = bool(ident.match(name)) and name not in ("int", "class")
        try:
            check_obj_name(name, given=True)
            got = True
        except CodegenError:
            got = False
        assert got == ok, name


def test_print_hex():
    assert print_hex(b"\0\x01\xff") == "\\0\\x01\\xff"
    # 78 columns: 19 bytes of \xNN, then a backslash-newline
    lines = print_hex(b"\x01" * 40).split("\\\n")
    assert [len(x) for x in lines] == [76, 76, 8]
    lines = print_hex(b"\0" * 40).split("\\\n")
    assert [len(x) for x in lines] == [78, 2]


def _gen_c_print_hex(data: bytes) -> str:
    # gen.c print_hex() as written: a token's width is added, and a line
    # break comes first when the sum passes 78
    out, width = [], 0
    for byte in data:
        w = 4 if byte else 2
        width += w
        if width > 78:
            out.append("\\\n")
            width = w
        out.append(f"\\x{byte:02x}" if byte else "\\0")
    return "".join(out)


def test_print_hex_as_gen_c():
    """print_hex() cuts lines by searching the text; gen.c counts widths
    byte by byte: the same on random data mixing zero and other bytes (the
    runs of zeros and of others shift where the 78 columns fall)."""
    rng = random.Random(7)
    cases = [b"", b"\0", b"\x01", bytes(range(256)), bytes(1000)]
    for _ in range(3000):
        p_zero = rng.choice((0.0, 0.1, 0.5, 0.9, 1.0))
        cases.append(bytes(0 if rng.random() < p_zero else rng.randrange(1, 256)
                           for _ in range(rng.randrange(0, 200))))
    for data in cases:
        assert print_hex(data) == _gen_c_print_hex(data), data


# -- the command line ----------------------------------------------------------------------------
def test_cli_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(OBJ)
    want = (CORPORA / "golden/linked.bpfel/skel.name-app.h").read_bytes()
    for argv in (["gen", "skeleton", "linked.bpfel.o", "name", "app"],
                 ["gen", "skel", "linked.bpfel.o", "n", "app"],
                 ["gen", "s", "linked.bpfel.o", "--name", "app"],
                 ["gen", "skeleton", "--name=app", "linked.bpfel.o"],
                 ["gen", "skeleton", "linked.bpfel.o", "-n", "app"]):
        rc, out, err = run_cli(argv)
        assert (rc, out, err) == (0, want, ""), argv
    rc, out, err = run_cli(["gen", "sub", "lib_counter.bpfel.o", "name", "lib_counter"])
    assert out == (CORPORA / "golden/lib_counter.bpfel/subskel.name-lib_counter.h").read_bytes()
    dest = tmp_path / "out.h"
    rc, out, err = run_cli(["gen", "subskeleton", "lib_counter.bpfel.o", "-o", str(dest)])
    assert rc == 0 and out == b"" and dest.read_bytes() == (CORPORA / "golden/lib_counter.bpfel/subskel.h").read_bytes()
    assert cmd_gen.normalize_argv(["skel", "name", "name", "x"]) == ["skeleton", "name", "--name", "x"]


def _argparse_gen(p, argv: list[str]) -> dict | None:
    """What argparse makes of a normalized gen command line (None: an error
    or --help)."""
    from btfkit_cli.main import UsageError

    try:
        return vars(p.parse_args(argv))
    except (UsageError, SystemExit):
        return None


def test_fast_args_agree_with_argparse():
    """cmd_gen.fast_args reads the plain command lines without argparse: on
    every line it accepts it must give argparse's namespace, and it must
    decline every line argparse refuses.  Random lines from gen's words."""
    words = ["skeleton", "subskeleton", "object", "a.o", "b.o", "x", "", "-", "--", "-n", "--name", "-o",
             "--output", "out.h", "--bpftool", "7.1", "7.5", "7.8", "7.9", "-L", "--use-loader", "--debug",
             "--name=y", "-nq", "-h", "--help", "--out", "--bpf", "-x", "-1", "name", "n"]
    rng = random.Random(12)
    lines = [["skeleton", "a.o"], ["subskeleton", "a.o", "-n", "x", "-o", "out.h", "--bpftool", "7.5", "-L"],
             ["skeleton", "a.o", "--name", "x", "--name", "y"], ["skeleton", "a.o", "-o", "-x"]]
    lines += [[rng.choice(words[:2]), *(rng.choice(words) for _ in range(rng.randrange(0, 6)))] for _ in range(2500)]
    lines += [[rng.choice(words) for _ in range(rng.randrange(0, 6))] for _ in range(300)]
    assert cmd_gen.fast_args(cmd_gen.normalize_argv(lines[0])) is not None
    assert cmd_gen.fast_args(cmd_gen.normalize_argv(lines[1])) is not None
    from btfkit_cli.main import _command_parser

    parser, _ = _command_parser("gen")
    accepted = 0
    for raw in lines:
        argv = cmd_gen.normalize_argv(raw)
        fast = cmd_gen.fast_args(argv)
        if fast is None:
            continue
        want = _argparse_gen(parser, argv)
        accepted += 1
        assert vars(fast) == want, raw
    assert accepted > 250  # the fast path really is taken


def test_gen_process_start_and_exit(capsys):
    """A plain ``btfkit gen`` line run as the program (main() reading
    sys.argv): read by fast_args (no argparse, gettext or locale imported),
    the header written in full to stdout, and the process ended by
    os._exit() with the command's status, without the interpreter's
    teardown (an atexit hook registered before never runs); --help still
    goes to argparse."""
    import subprocess
    import sys

    code = ("import atexit, os, sys\n"
            "atexit.register(lambda: print('teardown', file=sys.stderr))\n"
            "real_exit = os._exit\n"
            "def exit_now(status):\n"
            "    print('argparse', 'argparse' in sys.modules, 'locale', 'locale' in sys.modules,\n"
            "          'status', status, file=sys.stderr)\n"
            "    sys.stderr.flush()\n"
            "    real_exit(status)\n"
            "os._exit = exit_now\n"
            "from btfkit_cli.main import main\n"
            "sys.argv = ['btfkit', 'gen', 'skeleton', sys.argv[1], '--bpftool', '7.1']\n"
            "main()\n"
            "print('returned', file=sys.stderr)\n")
    res = subprocess.run([sys.executable, "-c", code, str(OBJ / "lib_counter.bpfel.o")], capture_output=True,
                         check=True)
    assert res.stdout == (CORPORA / "golden/lib_counter.bpfel/skel.h").read_bytes()
    assert res.stderr.decode().split() == ["argparse", "False", "locale", "False", "status", "0"]
    rc, _, _ = run_cli(["gen", "skeleton", "--help"])
    assert rc == 0 and "usage: btfkit gen skeleton" in capsys.readouterr().out  # argparse prints to sys.stdout


def test_cli_usage_errors(monkeypatch):
    monkeypatch.chdir(OBJ)
    assert run_cli(["gen"])[0] == 2
    assert run_cli(["gen", "object", "a.o", "b.o"])[0] == 2
    rc, _, err = run_cli(["gen", "skeleton", "minimal.bpfel.o", "name", "a", "name", "b"])
    assert rc == 2 and "object name already specified" in err


def fails(argv: list[str], text: str, out_file: Path | None = None) -> str:
    if out_file is not None:
        argv = [*argv, "-o", str(out_file)]
    rc, out, err = run_cli(argv)
    assert rc == 1 and out == b"", (rc, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("btfkit: error: ") and text in lines[0], err
    if out_file is not None:
        assert not out_file.exists()
    return lines[0]


def _rename_section(data: bytes, old: bytes, new: bytes) -> bytes:
    """The object with every section name containing ``old`` renamed (same length)."""
    from btfkit.elf import ElfFile

    elf = ElfFile(data)
    strtab = elf.sections[elf.e_shstrndx]
    start, end = strtab.sh_offset, strtab.sh_offset + strtab.sh_size
    return data[:start] + data[start:end].replace(old, new) + data[end:]


def test_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.h"
    Path("notelf.o").write_bytes(b"hello, world\n" * 10)
    for what in ("skeleton", "subskeleton"):
        fails(["gen", what, "notelf.o"], "not a proper ELF object", out)
        fails(["gen", what, "missing.o"], "no such file", out)
    minimal = (OBJ / "minimal.bpfel.o").read_bytes()
    Path("trunc.o").write_bytes(minimal[:200])
    fails(["gen", "skeleton", "trunc.o"], "failed to open BPF object file", out)
    # no BTF and no global variables: bpftool writes a skeleton that works,
    # and so does btfkit (see test_errors_match_live_bpftool for the bytes)
    Path("nobtf.o").write_bytes(_rename_section(minimal, b".BTF", b".BTX"))
    rc, text, _ = run_cli(["gen", "skeleton", "nobtf.o"])
    assert rc == 0 and b"struct nobtf {" in text
    fails(["gen", "subskeleton", "nobtf.o"], "need btf type information for nobtf", out)
    # no BTF and global variables: bpftool's header would not compile
    kinds = (OBJ / "kinds.bpfel.o").read_bytes()
    Path("kindsnobtf.o").write_bytes(_rename_section(kinds, b".BTF", b".BTX"))
    fails(["gen", "skeleton", "kindsnobtf.o"], "would not compile", out)
    # ... and where libbpf needs BTF (a .maps section), bpftool fails too
    lib = (OBJ / "lib_counter.bpfel.o").read_bytes()
    Path("libnobtf.o").write_bytes(_rename_section(lib, b".BTF", b".BTX"))
    fails(["gen", "skeleton", "libnobtf.o"], "BTF is required, but is missing or corrupted", out)
    # names
    shutil.copy(OBJ / "minimal.bpfel.o", "1prog.o")
    fails(["gen", "skeleton", "1prog.o"], "not a C identifier; choose one with --name", out)
    fails(["gen", "skeleton", "1prog.o", "name", "bad-name"], "name 'bad-name' is not a C identifier", out)
    fails(["gen", "subskeleton", "1prog.o", "--name", "class"], "keyword", out)
    assert run_cli(["gen", "skeleton", "1prog.o", "name", "prog"])[0] == 0
    # light skeletons
    fails(["gen", "skeleton", "-L", "1prog.o", "name", "p"], "not supported", out)
    fails(["gen", "subskeleton", "--use-loader", "1prog.o"], "cannot use loader for subskeletons", out)
    # an existing output file is left as it was
    out.write_text("keep")
    rc, _, _ = run_cli(["gen", "skeleton", "notelf.o", "-o", str(out)])
    assert rc == 1 and out.read_text() == "keep"
    # the wrong byte order, as bpftool: "Endian mismatch"
    shutil.copy(OBJ / "minimal.bpfeb.o", "minimal.bpfeb.o")
    fails(["gen", "skeleton", "minimal.bpfeb.o"], "Endian mismatch")


def test_errors_match_live_bpftool(bpftool, tmp_path, monkeypatch):
    minimal = (OBJ / "minimal.bpfel.o").read_bytes()
    lib = (OBJ / "lib_counter.bpfel.o").read_bytes()
    (tmp_path / "notelf.o").write_bytes(b"hello, world\n" * 10)
    (tmp_path / "libnobtf.o").write_bytes(_rename_section(lib, b".BTF", b".BTX"))
    (tmp_path / "nobtfsub.o").write_bytes(_rename_section(minimal, b".BTF", b".BTX"))
    for argv in (["gen", "skeleton", "notelf.o"], ["gen", "subskeleton", "notelf.o"],
                 ["gen", "skeleton", "libnobtf.o"], ["gen", "subskeleton", "nobtfsub.o"],
                 ["gen", "skeleton", "nobtfsub.o"]):
        compare_live(bpftool, argv, tmp_path, monkeypatch)


def test_empty_subskeleton_warns(monkeypatch):
    """bpftool 7.1 writes nothing and exits 0 for maps.bpfel.o (.rodata.cst16 has no DATASEC)."""
    monkeypatch.chdir(OBJ)
    rc, out, err = run_cli(["gen", "subskeleton", "maps.bpfel.o", "--bpftool", "7.1"])
    assert (rc, out) == (0, b"")
    assert err.startswith("btfkit: warning: maps.bpfel.o: internal map '.rodata.cst16' has no BTF type")


def test_mutations_raise_only_btf_errors():
    """Corrupted objects: generating either succeeds or raises BtfError.
    Half the mutations hit the sections libbpf reads (.BTF, .symtab, ...)."""
    from btfkit.elf import ElfFile

    rnd = random.Random(4)
    srcs = []
    for n in ("lib_counter.bpfel.o", "sections.bpfel.o", "maps.bpfel.o", "kinds.bpfel.o", "linked.bpfel.o"):
        data = (OBJ / n).read_bytes()
        regions = [(s.sh_offset, s.sh_offset + s.sh_size) for s in ElfFile(data).sections
                   if s.name in (".BTF", ".symtab", ".strtab", ".maps", ".rel.text") and s.sh_size]
        srcs.append((data, regions))
    for i in range(400):
        src, regions = rnd.choice(srcs)
        data = bytearray(src)
        lo, hi = rnd.choice(regions) if i % 2 else (0, len(data))
        for _ in range(rnd.randint(1, 8)):
            pos = rnd.randrange(lo, hi)
            data[pos] = rnd.choice((0, 1, 0xFF, 0x80, rnd.randrange(256)))
        if rnd.random() < 0.2:
            del data[rnd.randrange(len(data)):]
        for gen in (gen_skeleton, gen_subskeleton):
            try:
                gen("mutant.o", "m", data=bytes(data))
            except BtfError:
                pass


def test_mutations_raise_only_btf_errors_78():
    """The same for bpftool 7.8's paths (libbpf 1.8's open of either byte
    order, struct_ops shadow types, arena maps, hidden variables), with
    mutations in the sections those read."""
    from btfkit.elf import ElfFile

    rnd = random.Random(78)
    srcs = []
    for n in ("st_ops_kernel.bpfel.o", "st_ops_kernel.bpfeb.o", "arena.bpfel.o", "hidden.bpfeb.o",
              "bss_sections.bpfel.o", "struct_ops.bpfel.o", "map_extra.bpfel.o"):
        data = (OBJ / n).read_bytes()
        regions = [(s.sh_offset, s.sh_offset + s.sh_size) for s in ElfFile(data).sections
                   if s.name in (".BTF", ".symtab", ".maps", ".struct_ops", ".struct_ops.link", ".addr_space.1",
                                 ".rel.struct_ops", ".rel.struct_ops.link") and s.sh_size]
        srcs.append((data, regions))
    made = 0
    for i in range(300):
        src, regions = rnd.choice(srcs)
        data = bytearray(src)
        lo, hi = rnd.choice(regions) if i % 3 else (0, len(data))
        for _ in range(rnd.randint(1, 6)):
            pos = rnd.randrange(lo, hi)
            data[pos] = rnd.choice((0, 1, 0xFF, 0x80, rnd.randrange(256)))
        for gen in (gen_skeleton, gen_subskeleton):
            try:
                gen("mutant.o", "m", data=bytes(data), bpftool="7.8")
                made += 1
            except BtfError:
                pass
    assert made > 50  # the mutants do reach the generators


# -- the headers compile -------------------------------------------------------------------------
# (object stem, header, compiler) -> why it does not compile; every other one must.
# In each case the trouble is in the BPF side's own C types (the prelude below),
# never in the generated code, and the skeleton's size asserts are what catch it.
TOLERATED = {
    ("enums", "skeleton", "c"): "clang 14 records 64-bit enumerators cut to 32 bits in an 8-byte ENUM; "
                                "the C type dumped from BTF is 4 bytes and the size asserts catch it",
    ("enums", "skeleton", "c++"): "enum fwd_enum is declared before its definition (C only); and the "
                                  "truncated 8-byte enums as for C",
    ("enums", "subskeleton", "c++"): "enum fwd_enum is declared before its definition (C only)",
    ("enums-clang15", "skeleton", "c++"): "enum fwd_enum is declared before its definition (C only)",
    ("enums-clang15", "subskeleton", "c++"): "enum fwd_enum is declared before its definition (C only)",
    ("kinds", "skeleton", "c"): "struct aligned16 is __attribute__((aligned(16))), which libbpf 1.1's C "
                                "dump does not write: zoo_bss gets another size",
    ("kinds", "skeleton", "c++"): "as for C, and empty structs are 1 byte in C++ (0 in GNU C)",
}


def prelude(obj_path: Path, rel: str = "7.1") -> str:
    """The BPF program's own types the datasec variables use, as C (what a
    project's shared header or vmlinux.h would give), minus what libbpf.h has."""
    from btfkit.c import CDumper
    from btfkit.kinds import Kind

    obj = open_object(obj_path, bpftool=rel)
    btf = obj.btf
    d = CDumper(btf.raw, bpftool=rel)
    parts = []
    for t in btf:
        if t.kind == Kind.DATASEC and get_datasec_ident(t.name):
            for vs in t.vars:
                parts.append(d.dump_type(btf[vs.type].type))
    text = "".join(parts)
    return re.sub(r"enum libbpf_tristate \{.*?\};\n\n", "", text, flags=re.S)


@pytest.fixture(scope="module")
def compilers():
    gcc, gxx = shutil.which("gcc"), shutil.which("g++")
    if not gcc or not gxx:
        pytest.skip("gcc and g++ are needed: apt-get install gcc g++")
    return {"c": gcc, "c++": gxx}


def libbpf_include(rel: str) -> list[str]:
    """-I flags for the libbpf headers a release's headers are compiled
    against: the system's libbpf-dev (1.1) for 7.1, the oracle builds'
    libbpf 1.5 / 1.8 for 7.5 / 7.8 (their skeletons use bpf_map_skeleton.link)."""
    if rel == "7.1":
        if not Path("/usr/include/bpf/libbpf.h").exists():
            pytest.skip("libbpf headers are missing: apt-get install libbpf-dev")
        return []
    inc = ORACLES / f"libbpf-1.{rel.split('.')[1]}" / "include"
    if not (inc / "bpf" / "libbpf.h").exists():
        pytest.skip(f"{inc} is missing: ../shared/oracle/build.sh builds it")
    return ["-I", str(inc)]


@pytest.mark.parametrize("rel", GEN_RELEASES)
@pytest.mark.parametrize("what", ["skeleton", "subskeleton"])
@pytest.mark.parametrize("obj", need_glob("obj/*.bpfel.o"), ids=lambda p: p.name)
def test_headers_compile(compilers, obj, what, rel, tmp_path):
    stem = obj.name.removesuffix(".bpfel.o")
    golden = gen_golden(obj.name.removesuffix(".o"), what, rel)
    gen = gen_skeleton if what == "skeleton" else gen_subskeleton
    try:
        header = gen(obj, bpftool=rel)
    except BtfError:
        # no header to compile: bpftool fails on it too (checked against its
        # golden in the tests above), so this is a pass, not a skip
        assert golden["exit"] != 0, f"{obj.name}: unexpected gen failure"
        return
    if not header:
        assert golden["exit"] == 0 and golden["stdout"] is None, "bpftool writes a header here"
        return
    include = libbpf_include(rel)
    (tmp_path / "gen.h").write_text(header)
    (tmp_path / "types.h").write_text(prelude(obj, rel))
    main_src = '#include <bpf/libbpf.h>\n#include "types.h"\n#include "gen.h"\nint main(void) { return 0; }\n'
    for lang, cc in compilers.items():
        src = tmp_path / ("t.c" if lang == "c" else "t.cc")
        src.write_text(main_src)
        flags = ["-Drestrict=__restrict"] if lang == "c++" else []
        r = subprocess.run([cc, "-fsyntax-only", "-Wall", *flags, *include, "-I", str(tmp_path), str(src)],
                           capture_output=True, text=True)
        why = TOLERATED.get((stem, what, lang))
        if why is None:
            assert r.returncode == 0, f"{lang}: {r.stderr}"
            continue
        if rel == "7.1":
            assert r.returncode != 0, f"{lang}: compiles now; remove it from TOLERATED ({why})"
        for line in r.stderr.splitlines():
            if "error:" in line:
                assert "types.h" in line or "static assertion failed" in line, line


def test_gen_imports_no_rich():
    """``btfkit gen`` stays off rich (start-up time: issue 4)."""
    code = ("import sys, io; from btfkit_cli.main import main; out = io.StringIO(); out.buffer = io.BytesIO(); "
            f"rc = main(['gen', 'subskeleton', {str(OBJ / 'lib_counter.bpfel.o')!r}], stdout=out); "
            "assert rc == 0 and out.buffer.getvalue(); "
            "bad = [m for m in sys.modules if m == 'rich' or m.startswith('rich.')]; assert not bad, bad")
    r = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("path", need_glob("*.o", ROOT / "tests" / "e2e" / "crashers"), ids=lambda p: p.name)
def test_crashers(path):
    """Objects that once crashed btfkit gen (see tests/e2e/crashers/README.md)."""
    for gen in (gen_skeleton, gen_subskeleton):
        try:
            gen(path, "m")
        except BtfError as err:
            assert str(err).count("\n") == 0
    with pytest.raises(BtfError, match="loops|not a var"):
        gen_skeleton(path, "m")


@pytest.mark.parametrize("rel", ["7.5", "7.8"])
@pytest.mark.parametrize("path", need_glob("*.o", ROOT / "tests" / "e2e" / "crashers"), ids=lambda p: p.name)
def test_crashers_newer(path, rel, tmp_path, monkeypatch):
    """The crashers through bpftool 7.5/7.8: libbpf 1.5's btf_fixup_datasec()
    refuses a DATASEC entry that is no VAR (as btfkit does, same exit and
    message); align_loop.o's skeleton still segfaults bpftool, where btfkit
    gives one error line."""
    tool = oracle_bpftool(rel)
    shutil.copy(path, tmp_path / path.name)
    for what in ("skeleton", "subskeleton"):
        argv = ["gen", what, path.name]
        ref = live(tool, argv, tmp_path)
        if ref.returncode < 0:  # killed by a signal: bpftool crashed
            assert (path.name, what) == ("align_loop.o", "skeleton"), ref.returncode
            monkeypatch.chdir(tmp_path)
            rc, out, err = run_cli(argv + ["--bpftool", rel])
            assert rc == 1 and out == b"" and err.count("\n") == 1 and "loops" in err
            continue
        compare_live(tool, argv + ["--bpftool", rel], tmp_path, monkeypatch, ref_argv=argv)
