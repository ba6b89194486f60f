"""Issue 8 on real inputs and on the command line: bpftool's argument
orders, objects built without BTF, 32-bit BTF (gcc -m32 -gbtf) against
bpftool and pahole, a 64-bit object on a 32-bit base, and the views' errors
naming the file."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

import btfkit
from btfkit_cli.main import main

from conftest import CORPORA, bpftool_path, need_glob


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(argv), out, err)
    return rc, out.getvalue(), err.getvalue()


def need(tool: str) -> str:
    path = shutil.which(tool) or (tool == "bpftool" and bpftool_path())
    if not path:
        pytest.skip(f"{tool} is not installed")
    return path


# -- bpftool's argument orders ---------------------------------------------------------------

def test_bpftool_argument_orders(tmp_path):
    obj = str(CORPORA / "obj/kinds.bpfel.o")
    _, want_raw, _ = run_main("dump", obj, "--format", "raw")
    _, want_json, _ = run_main("dump", obj, "--format", "json")
    _, want_c, _ = run_main("dump", obj, "--format", "c")
    assert run_main("dump", "-j", "file", obj)[1] == want_json
    assert run_main("-j", "dump", "file", obj)[1] == want_json
    assert run_main("dump", "file", obj, "-j")[1] == want_json
    assert run_main("dump", "file", obj, "format", "raw")[1] == want_raw
    out = tmp_path / "x.h"
    assert run_main("dump", "-o", str(out), "file", obj, "format", "c")[0] == 0
    assert out.read_text() == want_c


def test_base_before_file(tmp_path, unpacked):
    from conftest import xz_to
    base = xz_to(CORPORA / "modules/vmlinux-6.1.btf.xz", unpacked)
    mod = xz_to(need_glob("modules/*.btf.xz")[0] if "vmlinux" not in need_glob("modules/*.btf.xz")[0].name
                else need_glob("modules/*.btf.xz")[1], unpacked)
    want = run_main("dump", str(mod), "--base", str(base))[1]
    assert want
    assert run_main("dump", "-B", str(base), "file", str(mod))[1] == want
    assert run_main("-B", str(base), "dump", "file", str(mod))[1] == want
    rc, _, err = run_main("dump", str(mod))
    assert rc == 1 and "give the base with --base" in err and str(mod) in err


# -- objects without BTF ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def nobtf(tmp_path_factory) -> dict[str, Path]:
    """Corpus programs built without -g (and with .BTF stripped, as bcc's
    libbpf-tools objects are once stripped)."""
    clang, objcopy = need("clang"), need("llvm-objcopy")
    d = tmp_path_factory.mktemp("nobtf")
    multiarch = subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip()
    out = {}
    for name in ("minimal", "kinds", "maps"):
        o = d / f"nobtf_{name}.o"
        subprocess.run([clang, "-O2", "-target", "bpfel", f"-I/usr/include/{multiarch}", "-c",
                        str(CORPORA / f"bpf/{name}.bpf.c"), "-o", str(o)], check=True, capture_output=True)
        subprocess.run([objcopy, "--remove-section=.BTF", "--remove-section=.BTF.ext", str(o)], check=True)
        out[name] = o
    return out


@pytest.mark.parametrize("name", ["minimal", "kinds", "maps"])
def test_gen_without_btf(nobtf, name, tmp_path):
    """bpftool 7.1 writes a skeleton for an object without BTF and without
    global variables (it compiles, loads and attaches); btfkit writes the
    same bytes.  With global variables bpftool's header does not compile:
    btfkit refuses.  Where libbpf fails to open the object, both fail."""
    bpftool = need("bpftool")
    obj = nobtf[name]
    ref = subprocess.run([bpftool, "gen", "skeleton", str(obj)], capture_output=True)
    rc, out, err = run_main("gen", "skeleton", str(obj))
    if ref.returncode != 0:
        assert rc == 1 and out == "" and err.count("\n") == 1
        return
    header = tmp_path / f"{name}.skel.h"
    header.write_bytes(ref.stdout)
    (tmp_path / "t.c").write_text(f'#include "{header.name}"\n')
    compiles = subprocess.run(["gcc", "-fsyntax-only", str(tmp_path / "t.c")], capture_output=True).returncode == 0
    if compiles:
        assert rc == 0, err
        assert out.encode() == ref.stdout
    else:
        assert rc == 1 and "global variables" in err and "would not compile" in err
    # subskeletons need BTF, in bpftool too
    rc, _, err = run_main("gen", "subskeleton", str(obj))
    sub = subprocess.run([bpftool, "gen", "subskeleton", str(obj)], capture_output=True, text=True)
    assert rc == 1 and sub.returncode != 0
    if "need btf" in sub.stderr:
        assert "need btf type information" in err


def test_gen_without_btf_minimal_is_generated(nobtf):
    """The case bcc's tools hit: no globals, no BTF, a skeleton."""
    rc, out, _ = run_main("gen", "skeleton", str(nobtf["minimal"]))
    assert rc == 0 and "struct nobtf_minimal {" in out


# -- 32-bit BTF ------------------------------------------------------------------------------

M32_SRC = r"""
/* no 'long' anywhere: libbpf cannot guess the pointer size, the ELF class says 4 */
struct node { struct node *next; void *data; char c; int (*fn)(int, char *); };
struct holder { char a; struct node *p; short s; int *q[3]; };
union u { char c; void *p; };
struct packed_ptrs { char a; void *p; } __attribute__((packed));
struct node n; struct holder h; union u uu; struct packed_ptrs pp;
"""


@pytest.fixture(scope="module")
def m32(tmp_path_factory) -> Path:
    gcc = need("gcc")
    d = tmp_path_factory.mktemp("m32")
    (d / "m32.c").write_text(M32_SRC)
    res = subprocess.run([gcc, "-m32", "-gbtf", "-c", str(d / "m32.c"), "-o", str(d / "m32.o")],
                         capture_output=True, text=True)
    if res.returncode:
        pytest.skip(f"gcc -m32 -gbtf does not work here: {res.stderr.strip()[:200]}")
    return d / "m32.o"


def test_32bit_pointer_size_from_elf_class(m32):
    btf = btfkit.load(m32)
    assert btf.pointer_size == 4
    # the same BTF as raw bytes: no ELF class, no 'long' to guess from
    raw = btfkit.load(btf.data)
    assert raw.pointer_size == 0 and raw.ptr_size_or_host == 8


@pytest.mark.parametrize("fmt", ["c", "raw"])
def test_32bit_dump_matches_bpftool(m32, fmt):
    bpftool = need("bpftool")
    ref = subprocess.run([bpftool, "btf", "dump", "file", str(m32), "format", fmt], capture_output=True)
    assert ref.returncode == 0
    rc, out, _ = run_main("dump", str(m32), "--format", fmt)
    assert rc == 0 and out.encode() == ref.stdout
    if fmt == "c":
        # the packed attribute follows the 4-byte pointers
        assert "struct packed_ptrs {\n\tchar a;\n\tvoid *p;\n} __attribute__((packed));" in out
        assert "struct holder {\n\tchar a;\n\tstruct node *p;" in out


@pytest.mark.parametrize("name", ["node", "holder", "u", "packed_ptrs"])
def test_32bit_layout_matches_pahole(m32, name):
    pahole = need("pahole")
    ref = subprocess.run([pahole, "-C", name, str(m32)], capture_output=True, text=True)
    if ref.returncode or not ref.stdout:
        pytest.skip(f"pahole cannot read {m32.name}: {ref.stderr.strip()[:200]}")
    rc, out, err = run_main("layout", str(m32), name)
    assert rc == 0, err
    assert out == ref.stdout


def test_32bit_tree_shows_4_byte_pointers(m32):
    rc, out, _ = run_main("tree", str(m32), "holder", "-j")
    assert rc == 0
    import json
    members = {m["decl"]: m for m in json.loads(out)["members"]}
    assert members["struct node *p"]["size"] == 4 and members["struct node *p"]["offset"] == 4


def test_64bit_object_on_32bit_base(m32, tmp_path):
    """A 64-bit ELF's split BTF on a 32-bit base: the ELF class wins (8),
    as libbpf's btf__parse_elf sets it; a raw split on that base takes the
    base's (determine_ptr_size looks at the base first)."""
    base = btfkit.load(m32)
    assert base.pointer_size == 4
    split_raw = btfkit.load(_split_ptr_struct(base), base=base)
    assert split_raw.pointer_size == 4


def _split_ptr_struct(base) -> bytes:
    """A split BTF over ``base``: struct sp { void *p; char c; }."""
    from btfkit.kinds import Kind
    from btfbuild import BtfBuilder

    b = BtfBuilder(start_str=b"")
    b.strings = bytearray()
    b._str_index = {}
    first = base.type_count
    str_base = len(base.strings)
    name = b"sp\0"
    b.strings += name
    b.records.append(dict(name_off=0, info=(Kind.PTR << 24), size_or_type=0, info_data=None, elems=None))
    b.records.append(dict(name_off=str_base, info=(Kind.STRUCT << 24) | 1, size_or_type=8, info_data=None,
                          elems=[dict(name_off=0, type=first, offset=0)]))
    return b.build()


# -- views name the file ---------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["tree", "{f}", "t"], ["layout", "{f}", "t"], ["tree", "{f}", "nope"], ["layout", "{f}", "nope"],
    ["find", "{f}", "-e", "("], ["info", "{f}"], ["gen", "skeleton", "{f}"], ["gen", "subskeleton", "{f}"],
])
def test_view_errors_name_the_file(argv, tmp_path):
    f = tmp_path / "loop.btf"
    f.write_bytes((CORPORA / "crashers/typedef_self.btf").read_bytes())
    rc, out, err = run_main(*[a.format(f=f) for a in argv])
    if rc == 0:
        return  # (info succeeds on it)
    assert rc in (1, 2), err
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    if rc == 1:
        assert lines[0].startswith(f"btfkit: error: {f}"), lines[0]
