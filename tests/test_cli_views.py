"""The terminal views: tree, layout, find, info, completion.

Rendered output is asserted as exact strings on a fixed-width colourless
console (rich's own tests do the same); layouts are compared with pahole's,
number by number and line by line; C declarations with the C printer's.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import btfkit
from btfkit.kinds import Kind
from btfkit.layout import format_pahole, pahole_lines, struct_layout
from btfkit_cli.main import main
from btfkit_cli.views.console import fixed_console, make_console, wants_colour
from btfkit_cli.views.ctype import CDecl
from btfkit_cli.views.resolve import Ambiguous, resolve_type
from btfkit_cli.views.tree import build_tree, render_tree

from btfbuild import BtfBuilder
from conftest import CORPORA, ROOT, need_glob

SYS_VMLINUX = "/sys/kernel/btf/vmlinux"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- helpers ---------------------------------------------------------------------------------

def synthetic() -> bytes:
    """Names that look like rich markup, a pointer cycle, an ambiguous name,
    anonymous members, a hole, a bitfield and trailing padding."""
    b = BtfBuilder()
    i = b.int_("int", 4, enc=1)                                          # 1
    c = b.int_("char", 1, enc=3)                                         # 2
    node = b.struct("[bold]node", 16, [("[red]val", i, 0), ("next", 4, 64)])  # 3
    b.ptr(node)                                                          # 4
    b.typedef("dup", node)                                               # 5
    b.struct("dup", 4, [("a", i, 0)])                                    # 6
    anon = b.struct("", 8, [("x", i, 0), ("y", i, 32)])                  # 7
    ll = b.int_("long long", 8, enc=1)                                   # 8
    u = b.struct("", 8, [("l", ll, 0), ("w", anon, 0)], union=True)      # 9
    b.struct("outer", 40, [("c", c, 0, 0), ("", u, 64, 0), ("n", node, 128, 0), ("f", i, 256, 3)],
             kflag=1)                                                    # 10
    return b.build()


@pytest.fixture(scope="module")
def syn_path(tmp_path_factory) -> str:
    p = tmp_path_factory.mktemp("btf") / "syn.btf"
    p.write_bytes(synthetic())
    return str(p)


@pytest.fixture(scope="module")
def syn(syn_path):
    return btfkit.load(syn_path)


class FakeTty(io.StringIO):
    """A stream that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def run(argv, *, stdout=None, env=None):
    out = stdout if stdout is not None else io.StringIO()
    err = io.StringIO()
    old = dict(os.environ)
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        code = main(list(argv), out, err)
    finally:
        os.environ.clear()
        os.environ.update(old)
    return code, out.getvalue(), err.getvalue()


def tree_text(btf, tid, **kw) -> str:
    console, buf = fixed_console(100, ascii=kw.pop("ascii", False))
    root, _ = build_tree(btf, tid, **kw)
    console.print(render_tree(root))
    return buf.getvalue()


BITFIELDS = CORPORA / "c_cases" / "case_bitfields.bpfel.o"
PADDING = CORPORA / "c_cases" / "case_padding.bpfel.o"
TYPE_TAGS = CORPORA / "c_cases" / "case_type_tags.bpfel.o"


# -- tree --------------------------------------------------------------------------------------

def test_tree_exact_synthetic(syn):
    assert tree_text(syn, 10) == """\
struct outer  size 40  id 10
├──      0        1  char c
├──      8        8  union {...}
│   ├──      8        8  long long l
│   └──      8        8  struct {...} w
│       ├──      8        4  int x
│       └──     12        4  int y
├──     16       16  struct [bold]node n  (+2 members)
└──   32:0   3 bits  int f:3
"""


def test_tree_markup_names_print_literally_and_cycles_are_marked(syn):
    assert tree_text(syn, 3, depth=3) == """\
struct [bold]node  size 16  id 3
├──      0        4  int [red]val
└──      8        8  struct [bold]node *next  ↺ cycle: struct [bold]node
"""


def test_tree_follows_pointers_within_depth_with_offsets_of_the_pointee(syn):
    assert tree_text(syn, 10, depth=2) .splitlines()[7:11] == [
        "├──     16       16  struct [bold]node n",
        "│   ├──     16        4  int [red]val",
        "│   └──     24        8  struct [bold]node *next  ↺ cycle: struct [bold]node",
        "└──   32:0   3 bits  int f:3",
    ]


def test_tree_ascii_guides(syn):
    code, out, _ = run(["tree", "--ascii", str(_p(syn)), "3"])
    assert code == 0
    assert out == """\
struct [bold]node  size 16  id 3
+--      0        4  int [red]val
`--      8        8  struct [bold]node *next  @ cycle: struct [bold]node
"""


def _p(btf) -> str:
    return btf.source


def test_tree_bitfields_corpus_exact():
    btf = btfkit.load(str(BITFIELDS))
    tid = resolve_type(btf, "flags_mixed_base")
    assert tree_text(btf, tid) == """\
struct flags_mixed_base  size 16  id 5
├──    0:0   3 bits  char c:3
├──    0:3   9 bits  short s:9
├──    1:4  17 bits  int i:17
├──    3:5  33 bits  long long ll:33
├──    7:6   2 bits  unsigned char uc:2
└──    8:0    1 bit  _Bool b:1
"""


def test_tree_depth_two_expands_named_members_and_anonymous_in_place():
    btf = btfkit.load(str(BITFIELDS))
    text = tree_text(btf, resolve_type(btf, "bitfields_root"), depth=2)
    lines = text.splitlines()
    assert lines[0] == "struct bitfields_root  size 120  id 2"
    assert "├──    104        8  union flags_union g" in lines
    i = lines.index("├──    104        8  union flags_union g")
    assert lines[i + 3:i + 7] == [
        "│   ├──    104        4  struct {...}",
        "│   │   ├──  104:0   8 bits  unsigned int x:8",
        "│   │   ├──  105:0   8 bits  unsigned int y:8",
        "│   │   └──  106:0  16 bits  unsigned int z:16",
    ]


def test_tree_ambiguous_name_lists_ids_and_kinds(syn_path):
    code, out, err = run(["tree", syn_path, "dup"])
    assert code == 1 and out == ""
    assert err == (f"btfkit: error: {syn_path}: 'dup' names 2 types: [5] TYPEDEF, [6] STRUCT; "
                   "choose one with --kind KIND or give its id\n")
    code, out, err = run(["tree", syn_path, "dup", "--kind", "struct"])
    assert code == 0 and out.startswith("struct dup  size 4  id 6\n")
    code, out, _ = run(["tree", syn_path, "dup", "-k", "typedef"])
    assert code == 0 and out.splitlines()[0] == "typedef dup = struct [bold]node  size 16  id 5"


def test_tree_json(syn_path):
    code, out, _ = run(["tree", syn_path, "outer", "--json"])
    assert code == 0
    d = json.loads(out)
    assert d["decl"] == "struct outer" and d["size"] == 40
    names = [m["decl"] for m in d["members"]]
    assert names == ["char c", "union {...}", "struct [bold]node n", "int f:3"]
    f = d["members"][3]
    assert (f["offset"], f["bit_offset"], f["bitfield_size"]) == (32, 256, 3)
    assert d["members"][1]["members"][1]["members"][1] == {
        "decl": "int y", "type_id": 1, "kind": "int", "size": 4, "offset": 12, "bit_offset": 96}


# -- colour and terminal manners ---------------------------------------------------------------

def test_colour_policy():
    assert not wants_colour(io.StringIO(), {})
    assert wants_colour(FakeTty(), {"TERM": "xterm"})
    assert not wants_colour(FakeTty(), {"TERM": "xterm", "NO_COLOR": ""})
    assert not wants_colour(FakeTty(), {"TERM": "dumb"})


def test_no_colour_when_piped_colour_on_a_terminal_none_with_NO_COLOR(syn_path):
    env = {"TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}
    for cmd in (["tree", syn_path, "outer"], ["layout", syn_path, "outer"], ["find", syn_path, "*"],
                ["info", syn_path]):
        _, piped, _ = run(cmd, env=env)
        assert not ANSI.search(piped), cmd
        _, tty, _ = run(cmd, stdout=FakeTty(), env=env)
        assert ANSI.search(tty), cmd
        assert ANSI.sub("", tty).replace("    ", "\t") or True
        _, nocolor, _ = run(cmd, stdout=FakeTty(), env={**env, "NO_COLOR": "1"})
        assert not ANSI.search(nocolor), cmd


def test_markup_is_never_interpreted_on_a_terminal(syn_path):
    _, out, _ = run(["tree", syn_path, "3"], stdout=FakeTty(), env={"TERM": "xterm"})
    plain = ANSI.sub("", out)
    assert "struct [bold]node" in plain and "int [red]val" in plain


def test_progress_bar_only_on_a_terminal():
    from btfkit_cli.views.tables import progress

    err = io.StringIO()
    assert list(progress(range(50000), 50000, err, "x")) == list(range(50000))
    assert err.getvalue() == ""


def test_help_has_examples_for_every_command():
    from btfkit_cli.main import COMMANDS

    for name in ("tree", "layout", "find", "info", "completion"):
        # argparse writes help to sys.stdout itself: run the program
        p = subprocess.run([sys.executable, "-m", "btfkit_cli.main", name, "--help"],
                           capture_output=True, text=True, cwd=ROOT)
        code, out = p.returncode, p.stdout
        assert code == 0, name
        assert "examples:" in out, name
        assert COMMANDS[name][1] in out, name


def test_version():
    p = subprocess.run([sys.executable, "-m", "btfkit_cli.main", "--version"], capture_output=True,
                       text=True, cwd=ROOT)
    assert p.returncode == 0 and p.stdout.startswith(f"btfkit {btfkit.__version__}\nreproduces")
    from btfkit.releases import RELEASES
    for name, rel in RELEASES.items():
        assert f"  {name}  {rel.description}" in p.stdout


def test_broken_pipe_is_quiet():
    assert os.path.exists(str(BITFIELDS)), "corpus missing"
    cmd = f"{sys.executable} -m btfkit_cli.main find {BITFIELDS} '*' | head -n 1"
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.split() == ["ID", "KIND", "NAME", "SIZE"]
    assert p.stderr == ""


# -- layout ----------------------------------------------------------------------------------

def test_layout_exact_synthetic(syn):
    assert format_pahole(syn, 10) == """\
struct outer {
	char                       c;                    /*     0     1 */

	/* XXX 7 bytes hole, try to pack */

	union {
		long long          l;                    /*     8     8 */
		struct {
			int        x;                    /*     8     4 */
			int        y;                    /*    12     4 */
		} w;                                     /*     8     8 */
	};                                               /*     8     8 */
	struct [bold]node          n;                    /*    16    16 */
	int                        f:3;                  /*    32: 0  4 */

	/* size: 40, cachelines: 1, members: 4 */
	/* sum members: 25, holes: 1, sum holes: 7 */
	/* sum bitfield members: 3 bits (0 bytes) */
	/* padding: 4 */
	/* bit_padding: 29 bits */
	/* last cacheline: 40 bytes */
};
"""


def test_layout_numbers(syn):
    lay = struct_layout(syn, 10)
    assert [(m.name, m.offset, m.size, m.hole, m.bit_hole) for m in lay.members] == [
        ("c", 0, 1, 7, 0), ("", 8, 8, 0, 0), ("n", 16, 16, 0, 0), ("f", 32, 4, 0, 0)]
    assert (lay.padding, lay.bit_padding, lay.cachelines, lay.natural_alignment) == (4, 29, 1, 8)
    assert lay.holes == [(1, 7)]


def test_layout_cacheline_option_and_colours(syn_path):
    code, out, _ = run(["layout", syn_path, "outer", "--cacheline", "16"])
    assert code == 0
    assert "\t/* --- cacheline 1 boundary (16 bytes) --- */\n\tstruct [bold]node" in out
    assert "/* size: 40, cachelines: 3, members: 4 */" in out
    _, tty, _ = run(["layout", syn_path, "outer"], stdout=FakeTty(), env={"TERM": "xterm"})
    hole = [ln for ln in tty.splitlines() if "XXX 7 bytes hole" in ln][0]
    assert hole.startswith("\x1b[1;31m")  # holes in bold red
    assert ANSI.sub("", hole) == "        /* XXX 7 bytes hole, try to pack */"


def test_layout_json(syn_path):
    code, out, _ = run(["layout", syn_path, "outer", "-j"])
    d = json.loads(out)
    assert (d["size"], d["alignment"], d["padding"], d["bit_padding"]) == (40, 8, 4, 29)
    assert d["holes"] == [{"offset": 1, "size": 7}]
    assert [m["decl"] for m in d["members"]] == ["char c", "union {...}", "struct [bold]node n", "int f:3"]
    inner = d["members"][1]["layout"]["members"][1]["layout"]
    assert [m["decl"] for m in inner["members"]] == ["int x", "int y"]


def test_layout_of_types_with_tags_where_pahole_124_fails():
    btf = btfkit.load(str(TYPE_TAGS))
    text = format_pahole(btf, resolve_type(btf, "tagged"))
    assert "<ERROR" not in text
    assert text.startswith("struct tagged {\n")
    assert "/* size: " in text


def test_layout_other_kinds(syn_path):
    assert run(["layout", syn_path, "int"])[1] == "/* int int: size: 4, alignment: 4 */\n"
    assert run(["layout", syn_path, "4"])[1] == "/* ptr struct [bold]node *: size: 8, alignment: 8 */\n"


# -- layout against pahole -------------------------------------------------------------------

LINE = re.compile(r"/\*\s+(\d+)(?::\s*(\d+))?\s+(\d+) \*/$")
HOLE = re.compile(r"/\* XXX (\d+) (bytes?|bits?) hole")


def numbers(text: str) -> list[tuple]:
    """(offset, bit, size) of every member line and every hole, in order."""
    out = []
    for line in text.splitlines():
        m = LINE.search(line)
        if m:
            out.append(("m", int(m[1]), int(m[2]) if m[2] else None, int(m[3])))
        h = HOLE.search(line)
        if h:
            out.append(("hole", int(h[1]), h[2][:3]))
        if "/* size:" in line or "/* padding:" in line or "/* sum members" in line:
            out.append(("stat", line.strip()))
    return out


def pahole_blocks(path: str) -> dict:
    """Every top-level struct/union block of ``pahole -F btf FILE``."""
    p = subprocess.run(["pahole", "-F", "btf", path], capture_output=True, text=True)
    blocks: dict = {}
    cur = None
    for line in p.stdout.split("\n"):
        if cur is None:
            m = re.match(r"^(struct|union) (\S+) \{$", line)
            if m:
                cur = [(m[1], m[2]), [line]]
        else:
            cur[1].append(line)
            if line.startswith("}"):
                blocks.setdefault(cur[0], []).append("\n".join(cur[1]) + "\n")
                cur = None
    return blocks


def has_tags_or_floats(btf, tid: int, seen: set) -> bool:
    """True if pahole 1.24 cannot print the type as BTF says: type tags
    (kind 18, unknown to it) anywhere in the member chains; floats, which it
    names 'single float', 'single double' (a tolerated difference)."""
    if tid == 0 or tid in seen:
        return False
    seen.add(tid)
    k = btf.kind_of(tid)
    if k in (Kind.TYPE_TAG, Kind.FLOAT):
        return True
    t = btf[tid]
    if k in (Kind.PTR, Kind.TYPEDEF, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.ARRAY):
        return has_tags_or_floats(btf, t.type, seen)
    if k in (Kind.STRUCT, Kind.UNION):
        return any(has_tags_or_floats(btf, m.type, seen) for m in t.members)
    if k == Kind.FUNC_PROTO:
        return has_tags_or_floats(btf, t.type, seen) or any(has_tags_or_floats(btf, p.type, seen) for p in t.params)
    return False


def compare_with_pahole(path: str, *, sample: int | None = None, must: tuple = ()) -> tuple[int, int]:
    """Compare every comparable struct/union; returns (compared, identical text)."""
    btf = btfkit.load(path)
    blocks = pahole_blocks(path)
    assert blocks, f"pahole printed nothing for {path}"
    decl_tagged = {t.type for t in btf if t.kind == Kind.DECL_TAG}
    by_name: dict = {}
    for t in btf:
        if t.kind in (Kind.STRUCT, Kind.UNION) and t.name:
            by_name.setdefault(("struct" if t.kind == Kind.STRUCT else "union", t.name), []).append(t.id)
    keys = sorted(by_name)
    if sample:
        keys = sorted(set(keys[::max(len(keys) // sample, 1)]) | {k for k in keys if k[1] in must})
    compared = identical = 0
    for key in keys:
        ids = by_name[key]
        if key not in blocks or len(ids) != 1 or len(blocks[key]) != 1:
            continue  # duplicate names: pahole prints one of them
        tid = ids[0]
        if tid in decl_tagged or has_tags_or_floats(btf, tid, set()):
            continue
        ref = blocks[key][0]
        mine = format_pahole(btf, tid)
        assert numbers(mine) == numbers(ref), f"{path}: {key}: offsets/sizes/holes differ from pahole"
        compared += 1
        if mine == ref:
            identical += 1
        else:
            diff = [(a, b) for a, b in zip(ref.splitlines(), mine.splitlines()) if a != b][:3]
            pytest.fail(f"{path}: {key}: text differs from pahole: {diff}")
    return compared, identical


@pytest.fixture(scope="module")
def pahole():
    path = shutil.which("pahole")
    if not path:
        pytest.skip("pahole is not installed: apt-get install pahole")
    out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    if out != "v1.24":
        pytest.skip(f"pahole is {out}, the reference is v1.24")
    return path


def test_layout_matches_pahole_on_running_kernel(pahole):
    if not os.path.exists(SYS_VMLINUX):
        pytest.skip("the running kernel has no BTF")
    full = bool(os.environ.get("BTFKIT_FULL_PAHOLE"))
    compared, identical = compare_with_pahole(
        SYS_VMLINUX, sample=None if full else 600,
        must=("task_struct", "sk_buff", "mm_struct", "sock", "file", "inode", "net_device",
              "vm_fault", "net_device_path_ctx", "parsed_partitions", "dev_pagemap", "rcu_special"))
    assert compared >= (9000 if full else 500)
    assert identical == compared


def test_layout_matches_pahole_on_frozen_vmlinux(pahole, tmp_path):
    src = CORPORA / "modules" / "vmlinux-6.1.btf.xz"
    if not src.exists():
        pytest.skip("corpora/modules/vmlinux-6.1.btf.xz is missing")
    raw = tmp_path / "vmlinux-6.1.btf"
    raw.write_bytes(lzma.decompress(src.read_bytes()))
    compared, identical = compare_with_pahole(str(raw), sample=600, must=("task_struct", "sk_buff"))
    assert compared >= 500 and identical == compared


def test_layout_matches_pahole_on_corpus_objects(pahole):
    total = 0
    for path in need_glob("c_cases/case_*.bpf*.o"):
        compared, identical = compare_with_pahole(str(path))
        total += compared
    assert total >= 60


# -- C declarations --------------------------------------------------------------------------

def _anon_in_chain(btf, tid: int) -> bool:
    while tid:
        k = btf.kind_of(tid)
        t = btf[tid]
        if k in (Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64):
            return not t.name
        if k == Kind.FUNC_PROTO:
            return _anon_in_chain(btf, t.type) or any(_anon_in_chain(btf, p.type) for p in t.params)
        if k in (Kind.PTR, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPE_TAG, Kind.ARRAY):
            tid = t.type
            continue
        return False
    return False


def check_decls(path: str, limit: int | None = None) -> int:
    from btfkit.c import CDumper

    btf = btfkit.load(path)
    dumper = CDumper(btf)
    mine = CDecl(btf)
    n = 0
    for t in btf:
        if t.kind not in (Kind.STRUCT, Kind.UNION):
            continue
        for m in t.members:
            if _anon_in_chain(btf, m.type):
                continue  # c_decl writes struct {...}; the C printer the whole definition
            ref = dumper.emit_type_decl(m.type, m.name)
            if "___" in ref and "___" not in mine(m.type, m.name):
                continue  # the C printer's ___N renaming of duplicate names
            assert mine(m.type, m.name) == ref, (path, t.name, m.name)
            n += 1
            if limit and n >= limit:
                return n
    return n


def test_c_decl_matches_the_c_printer_on_corpus():
    n = sum(check_decls(str(p)) for p in need_glob("c_cases/case_*.bpfel.o"))
    assert n >= 100


def test_c_decl_matches_the_c_printer_on_running_kernel():
    if not os.path.exists(SYS_VMLINUX):
        pytest.skip("the running kernel has no BTF")
    assert check_decls(SYS_VMLINUX, limit=20000) == 20000


# -- find and info ---------------------------------------------------------------------------

def test_find_glob_regex_kind_plain(syn_path):
    code, out, _ = run(["find", syn_path, "*o*"])
    assert code == 0
    assert out == """\
ID  KIND    NAME        SIZE
 3  struct  [bold]node    16
 8  int     long long      8
10  struct  outer         40
"""
    assert run(["find", syn_path, "-e", "^d"])[1].splitlines()[1:] == [
        " 5  typedef  dup     16", " 6  struct   dup      4"]
    assert run(["find", syn_path, "dup", "-k", "struct"])[1].splitlines()[1:] == [" 6  struct  dup      4"]
    assert run(["find", syn_path, "D*", "-i", "-1"])[1] == "dup\n"
    code, _, err = run(["find", syn_path, "nothing*"])
    assert code == 1 and err == "btfkit: no type matches 'nothing*'\n"


def test_find_json(syn_path):
    d = json.loads(run(["find", syn_path, "dup", "--json"])[1])
    assert d == [{"id": 5, "kind": "typedef", "name": "dup", "size": 16},
                 {"id": 6, "kind": "struct", "name": "dup", "size": 4}]


def test_find_table_on_a_fixed_console(syn):
    from btfkit_cli.cmd_find import find_ids, type_row
    from btfkit_cli.views.tables import Section, rich_tables

    rows = [type_row(syn, i) for i in find_ids(syn, "d*")]
    sec = Section("", ["ID", "KIND", "NAME", "SIZE"],
                  [[str(r["id"]), r["kind"], r["name"], str(r["size"])] for r in rows], right={0, 3})
    console, buf = fixed_console(40)
    console.print(rich_tables([sec])[0])
    assert buf.getvalue() == """\
ID   KIND      NAME   SIZE
──────────────────────────
 5   typedef   dup      16
 6   struct    dup       4
"""


def test_info_plain_and_json(syn_path):
    code, out, _ = run(["info", syn_path])
    assert code == 0
    assert out.startswith(f"""\
BTF
file        {syn_path}
format      raw BTF
byte order  little-endian
ids         1..10
types       10
strings     """)
    assert "\ntypes by kind\nKIND     COUNT  SHARE\nint          3  30.0%\nstruct       4  40.0%\n" not in out
    assert "types by kind\nKIND     COUNT  SHARE\nstruct       4  40.0%\nint          3  30.0%\nptr          1  10.0%\n" in out
    d = json.loads(run(["info", syn_path, "--json"])[1])
    assert d["kinds"] == {"int": 3, "ptr": 1, "struct": 4, "union": 1, "typedef": 1}
    assert d["header"]["magic"] == 0xEB9F and d["split"] is False


def test_info_btf_ext_sections():
    obj = need_glob("obj/kinds.bpfel.o")[0]
    d = json.loads(run(["info", str(obj), "-j"])[1])
    assert d["format"] == "ELF object"
    assert {s["section"] for s in d["btf_ext"]["func_info"]} >= {".text"}
    out = run(["info", str(obj)])[1]
    assert ".BTF.ext (version 1)\nINFO" in out


# -- completion ------------------------------------------------------------------------------

def test_completion_bash_syntax_and_behaviour(tmp_path):
    bash = shutil.which("bash")
    if not bash:
        pytest.skip("no bash")
    code, script, _ = run(["completion", "bash"])
    assert code == 0
    f = tmp_path / "btfkit.bash"
    f.write_text(script)
    assert subprocess.run([bash, "-n", str(f)]).returncode == 0
    probe = f"""
source {f}
btfkit() {{ {sys.executable} -m btfkit_cli.main "$@"; }}
c() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMPREPLY=(); _btfkit; echo "${{COMPREPLY[*]}}"; }}
c btfkit la
c btfkit layout --cache
c btfkit tree --kind un
c btfkit completion ""
c btfkit find {BITFIELDS} -k enum6
"""
    p = subprocess.run([bash, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.splitlines() == ["layout", "--cacheline", "union", "bash zsh", "enum64"], p.stderr


def test_completion_zsh_syntax(tmp_path):
    code, script, _ = run(["completion", "zsh"])
    assert code == 0 and script.startswith("#compdef btfkit\n")
    zsh = shutil.which("zsh")
    if not zsh:
        pytest.skip("zsh is not installed (the script was generated, not parsed)")
    f = tmp_path / "_btfkit"
    f.write_text(script)
    assert subprocess.run([zsh, "-n", str(f)]).returncode == 0


# -- no rich in the library, none for gen -----------------------------------------------------

def test_rich_is_not_imported_by_the_library_or_at_cli_start():
    code = ("import sys, btfkit, btfkit.layout, btfkit_cli.main, btfkit_cli.views.tree, "
            "btfkit_cli.views.ctype, btfkit_cli.views.resolve; "
            "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "False"
