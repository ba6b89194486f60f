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

Step 3 skips, with the kernel's answer as the reason, where BPF may not be
loaded (no privilege, no BPF syscall); any other failure fails.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT, bpftool_path
from btfkit_cli.main import main

E2E = ROOT / "tests" / "e2e"
OBJ = CORPORA / "obj"
EXIT_SKIP = 77


def gen(argv: list[str]) -> bytes:
    out = io.StringIO()
    out.buffer = io.BytesIO()
    err = io.StringIO()
    assert main(["gen", *argv], stdout=out, stderr=err) == 0, err.getvalue()
    assert err.getvalue() == ""
    return out.buffer.getvalue()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """The linked object and the two generated headers."""
    d = tmp_path_factory.mktemp("e2e")
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
    (d / "linked.skel.h").write_bytes(gen(["skeleton", str(d / "linked.o"), "name", "linked"]))
    (d / "lib_counter.subskel.h").write_bytes(
        gen(["subskeleton", str(d / "lib_counter.bpfel.o"), "name", "lib_counter"]))
    return d


def test_headers_equal_bpftool(workdir):
    bpftool = bpftool_path()
    if not bpftool:
        pytest.skip("bpftool (the oracle) is not installed")
    for argv, header in ((["skeleton", "linked.o", "name", "linked"], "linked.skel.h"),
                         (["subskeleton", "lib_counter.bpfel.o", "name", "lib_counter"], "lib_counter.subskel.h")):
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


def test_cxx_syntax(workdir):
    gxx = _tool("g++")
    if not Path("/usr/include/bpf/libbpf.h").exists():
        pytest.skip("libbpf headers are missing: apt-get install libbpf-dev")
    r = subprocess.run([gxx, "-fsyntax-only", "-Wall", "-Werror", "-I", str(workdir), "-I", str(E2E),
                        str(E2E / "subskel_cxx_test.cc")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module")
def subskel_test(workdir) -> Path:
    gcc = _tool("gcc")
    if not Path("/usr/include/bpf/libbpf.h").exists():
        pytest.skip("libbpf headers are missing: apt-get install libbpf-dev")
    exe = workdir / "subskel_test"
    r = subprocess.run([gcc, "-Werror", "-Wall", "-O1", "-I", str(workdir), "-I", str(E2E),
                        str(E2E / "subskel_test.c"), "-o", str(exe), "-lbpf", "-lelf", "-lz"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


def test_live_kernel(subskel_test):
    r = subprocess.run([str(subskel_test)], capture_output=True, text=True, timeout=120)
    if r.returncode == EXIT_SKIP:
        pytest.skip(f"the kernel refused BPF: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else '?'}")
    assert r.returncode == 0, f"exit {r.returncode}\n{r.stdout}{r.stderr}"
    assert "all checks passed" in r.stdout
