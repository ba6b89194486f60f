"""The dumped C compiles: vmlinux.h with clang for the BPF target, corpus
headers with gcc, and `--type` subsets whose sizes must agree with BTF."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

import btfkit
from btfkit.kinds import Kind
from btfkit_cli.main import main

from conftest import need_glob


def dump(args) -> bytes:
    out = io.StringIO()
    out.buffer = io.BytesIO()
    assert main(["dump", *args], stdout=out) == 0
    return out.buffer.getvalue()


@pytest.fixture(scope="module")
def clang():
    path = shutil.which("clang")
    if not path:
        pytest.skip("clang is not installed")
    return path


@pytest.fixture(scope="module")
def gcc():
    path = shutil.which("gcc")
    if not path:
        pytest.skip("gcc is not installed")
    return path


def test_vmlinux_h_compiles_for_bpf(tmp_path, clang, frozen_vmlinux):
    (tmp_path / "vmlinux.h").write_bytes(dump([str(frozen_vmlinux), "--format", "c"]))
    (tmp_path / "prog.c").write_text(
        '#include "vmlinux.h"\n'
        "int sz(struct task_struct *t) { return sizeof(*t) + t->pid; }\n"
        "long skb_len(struct sk_buff *skb) { return skb->len; }\n")
    r = subprocess.run([clang, "-g", "-O2", "-target", "bpf", "-c", "prog.c", "-o", "prog.o"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]


def size_asserts(btf, names) -> str:
    lines = []
    for n in names:
        t = btf.find_one(n, Kind.STRUCT)
        lines.append(f"_Static_assert(sizeof(struct {n}) == {t.size}, \"{n}\");")
        for m in t.members:
            if m.name and not m.bitfield_size and btf.kind_of(m.type) != Kind.UNKN:
                lines.append(f"_Static_assert(__builtin_offsetof(struct {n}, {m.name}) == {m.offset // 8}, \"{n}.{m.name}\");")
    return "\n".join(lines) + "\n"


def test_type_subset_compiles_with_btf_sizes(tmp_path, clang, frozen_vmlinux):
    btf = btfkit.load(frozen_vmlinux)
    names = ["task_struct", "sk_buff", "file", "list_head"]
    args = [str(frozen_vmlinux), "--format", "c"]
    for n in names:
        args += ["--type", n]
    header = dump(args)
    assert header.count(b"struct task_struct {") == 1
    assert len(header) < len(dump([str(frozen_vmlinux), "--format", "c"]))
    (tmp_path / "sub.h").write_bytes(header)
    (tmp_path / "t.c").write_text('#include "sub.h"\n' + size_asserts(btf, names))
    r = subprocess.run([clang, "-O2", "-target", "bpf", "-c", "t.c", "-o", "t.o"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]


def test_type_by_id_equals_type_by_name(frozen_vmlinux):
    btf = btfkit.load(frozen_vmlinux)
    tid = btf.find("task_struct", Kind.STRUCT)[0]
    assert dump([str(frozen_vmlinux), "--type", str(tid), "--format", "c"]) == \
        dump([str(frozen_vmlinux), "--type", "task_struct", "--format", "c"])


@pytest.mark.parametrize("obj", need_glob("obj/kinds*.bpfel.o") + need_glob("obj/enums*.bpfel.o"), ids=lambda p: p.name)
def test_corpus_header_compiles_with_gcc(tmp_path, gcc, obj):
    (tmp_path / "h.h").write_bytes(dump([str(obj), "--format", "c"]))
    (tmp_path / "t.c").write_text('#include "h.h"\nint main(void) { return 0; }\n')
    r = subprocess.run([gcc, "-std=gnu11", "-Wno-attributes", "-c", "t.c", "-o", "t.o"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
