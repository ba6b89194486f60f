"""The library scenario end to end, in the running kernel.

1. The BPF library (corpora/obj/lib_counter.bpfel.o) and the application
   that calls into it (app_main.bpfel.o) are linked with ``bpftool gen
   object`` (the corpus's own linked.bpfel.o, made the same way, when bpftool
   is missing).
2. btfkit writes the skeleton of the linked object and the subskeleton of
   the library (byte-identical to bpftool's, checked when it is installed).
3. tests/e2e/subskel_test.c, compiled with ``gcc -Werror`` against libbpf,
   opens the skeleton, opens the subskeleton on ``skel->obj``, writes library
   globals through the subskeleton, loads, runs the programs with
   BPF_PROG_TEST_RUN and checks the results through both headers.
4. Both headers also compile as C++ (tests/e2e/subskel_cxx_test.cc, using
   the C++ wrappers).

The scenario runs once per reproduced bpftool release: 7.1's headers are
built against the system's libbpf (libbpf-dev), 7.5's and 7.8's against the
oracle builds' static libbpf 1.5 / 1.8 (``/opt/btf-oracles/libbpf-1.X``,
``BTFKIT_ORACLES`` overrides the prefix), as a project using that bpftool
would.  For 7.5 and 7.8 a second program, tests/e2e/st_ops_test.c, runs
the skeleton of corpora/obj/st_ops_kernel.bpfel.o: the struct_ops shadow
types (``skel->struct_ops.NAME``), a bpf_dummy_ops program run with
BPF_PROG_TEST_RUN, and a TCP congestion control registered through the
skeleton's ``links.btfkit_reno`` and gone again after ``__destroy()``.

Step 3 skips, with the kernel's answer as the reason, where BPF may not be
loaded (no privilege, no BPF syscall); any other failure fails.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT, bpftool_path
from btfkit_cli.main import main

E2E = ROOT / "tests" / "e2e"
OBJ = CORPORA / "obj"
EXIT_SKIP = 77
RELEASES = ("7.1", "7.5", "7.8")
ORACLES = Path(os.environ.get("BTFKIT_ORACLES", "/opt/btf-oracles"))


def libbpf_flags(rel: str) -> tuple[list[str], list[str]]:
    """(-I flags, link arguments) of the libbpf a release's headers are built
    against: libbpf-dev for 7.1, the oracle builds' static libbpf for 7.5/7.8."""
    if rel == "7.1":
        if not Path("/usr/include/bpf/libbpf.h").exists():
            pytest.skip("libbpf headers are missing: apt-get install libbpf-dev")
        return [], ["-lbpf", "-lelf", "-lz"]
    prefix = ORACLES / f"libbpf-1.{rel.split('.')[1]}"
    lib = prefix / "lib" / "libbpf.a"
    if not lib.exists():
        pytest.skip(f"{lib} is missing: ../shared/oracle/build.sh builds it")
    return ["-I", str(prefix / "include")], [str(lib), "-lelf", "-lz"]


def oracle_bpftool(rel: str) -> str | None:
    if rel == "7.1":
        return bpftool_path()
    path = ORACLES / "bin" / f"bpftool-{rel}"
    return str(path) if path.exists() else None


def gen(argv: list[str]) -> bytes:
    out = io.StringIO()
    out.buffer = io.BytesIO()
    err = io.StringIO()
    assert main(["gen", *argv], stdout=out, stderr=err) == 0, err.getvalue()
    assert err.getvalue() == ""
    return out.buffer.getvalue()


@pytest.fixture(scope="module", params=RELEASES)
def rel(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, rel) -> Path:
    """The linked object and the two generated headers (of release ``rel``)."""
    d = tmp_path_factory.mktemp(f"e2e-{rel}")
    for name in ("app_main.bpfel.o", "lib_counter.bpfel.o"):
        src = OBJ / name
        assert src.exists(), f"missing corpus object {src}"
        shutil.copy(src, d / name)
    bpftool = bpftool_path()
    if bpftool:
        subprocess.run([bpftool, "gen", "object", "linked.o", "app_main.bpfel.o", "lib_counter.bpfel.o"],
                       cwd=d, check=True, capture_output=True)
    else:
        shutil.copy(OBJ / "linked.bpfel.o", d / "linked.o")
    (d / "linked.skel.h").write_bytes(gen(["skeleton", str(d / "linked.o"), "name", "linked", "--bpftool", rel]))
    (d / "lib_counter.subskel.h").write_bytes(
        gen(["subskeleton", str(d / "lib_counter.bpfel.o"), "name", "lib_counter", "--bpftool", rel]))
    shutil.copy(OBJ / "st_ops_kernel.bpfel.o", d / "st_ops_kernel.bpfel.o")
    (d / "st_ops.skel.h").write_bytes(
        gen(["skeleton", str(d / "st_ops_kernel.bpfel.o"), "name", "st_ops", "--bpftool", rel]))
    (d / "st_ops.subskel.h").write_bytes(
        gen(["subskeleton", str(d / "st_ops_kernel.bpfel.o"), "name", "st_ops_sub", "--bpftool", rel]))
    return d


def test_headers_equal_bpftool(workdir, rel):
    bpftool = oracle_bpftool(rel)
    if not bpftool:
        pytest.skip(f"bpftool {rel} (the oracle) is not installed")
    cases = [(["skeleton", "linked.o", "name", "linked"], "linked.skel.h"),
             (["subskeleton", "lib_counter.bpfel.o", "name", "lib_counter"], "lib_counter.subskel.h")]
    cases.append((["skeleton", "st_ops_kernel.bpfel.o", "name", "st_ops"], "st_ops.skel.h"))
    cases.append((["subskeleton", "st_ops_kernel.bpfel.o", "name", "st_ops_sub"], "st_ops.subskel.h"))
    for argv, header in cases:
        ref = subprocess.run([bpftool, "gen", *argv], cwd=workdir, capture_output=True, check=True).stdout
        assert (workdir / header).read_bytes() == ref


def test_linked_object_is_the_corpus_one(workdir):
    """bpftool's linker is deterministic: the live link equals corpora/obj/linked.bpfel.o."""
    assert (workdir / "linked.o").read_bytes() == (OBJ / "linked.bpfel.o").read_bytes()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.skip(f"{name} is not installed")
    return path


def test_cxx_syntax(workdir, rel):
    gxx = _tool("g++")
    include, _ = libbpf_flags(rel)
    r = subprocess.run([gxx, "-fsyntax-only", "-Wall", "-Werror", *include, "-I", str(workdir), "-I", str(E2E),
                        str(E2E / "subskel_cxx_test.cc")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def build(workdir: Path, rel: str, source: str) -> Path:
    gcc = _tool("gcc")
    include, link = libbpf_flags(rel)
    exe = workdir / source.removesuffix(".c")
    r = subprocess.run([gcc, "-Werror", "-Wall", "-O1", *include, "-I", str(workdir), "-I", str(E2E),
                        str(E2E / source), "-o", str(exe), *link], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


@pytest.fixture(scope="module")
def subskel_test(workdir, rel) -> Path:
    return build(workdir, rel, "subskel_test.c")


def run_live(exe: Path) -> None:
    r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=120)
    if r.returncode == EXIT_SKIP:
        pytest.skip(f"the kernel refused BPF: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else '?'}")
    assert r.returncode == 0, f"exit {r.returncode}\n{r.stdout}{r.stderr}"
    assert "all checks passed" in r.stdout


def test_live_kernel(subskel_test):
    run_live(subskel_test)


def test_live_struct_ops(workdir, rel):
    """bpftool 7.5+'s struct_ops shadow types and map links, in the kernel
    (7.1's skeleton has neither: it must still compile, as C++ here)."""
    gxx = _tool("g++")
    include, _ = libbpf_flags(rel)
    src = workdir / "st_ops_cxx.cc"
    src.write_text('#include <bpf/libbpf.h>\n#include "st_ops.skel.h"\n#include "st_ops.subskel.h"\n'
                   "int main() { struct st_ops *s = st_ops::open_and_load();\n"
                   "  struct st_ops_sub *u = st_ops_sub::open(s->obj); st_ops_sub::destroy(u);\n"
                   "  st_ops::destroy(s); return 0; }\n")
    r = subprocess.run([gxx, "-fsyntax-only", "-Wall", "-Werror", *include, "-I", str(workdir), str(src)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    header = (workdir / "st_ops.skel.h").read_text()
    if rel == "7.1":
        assert "struct_ops;" not in header and "BPF_SKEL_SUPPORTS_MAP_AUTO_ATTACH" not in header
        assert "struct_ops;" not in (workdir / "st_ops.subskel.h").read_text()
        # libbpf 6.1 knows .struct_ops only: no btfkit_reno (.struct_ops.link), no btfkit_dummy_off
        assert "struct bpf_map *btfkit_dummy;" in header and "btfkit_reno" not in header
        return
    run_live(build(workdir, rel, "st_ops_test.c"))
