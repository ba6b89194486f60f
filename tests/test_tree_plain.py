"""``btfkit tree`` piped: views.tree.plain_tree writes what rich's Tree prints.

Piped output (no terminal, no colour, no width limit) skips importing rich:
:func:`btfkit_cli.views.tree.plain_tree` draws the guides itself.  These
tests hold it to rich's own rendering, character for character, on the
console the command would use (``make_console``, colourless, the same width):
every type of the corpus objects, a sample of the frozen kernel's types at
depths 1 and 2 (unicode and ASCII guides), hand-made edge cases and random
trees (hypothesis).  Where plain_tree declines (a label rich would measure
or wrap by its own rules), rich prints: the command's output is rich's
either way, and the tests check that the plain path is really taken for
ordinary trees.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import btfkit
from btfkit.kinds import Kind
from btfkit_cli.main import main
from btfkit_cli.views.console import make_console
from btfkit_cli.views.tree import Node, build_tree, plain_tree, render_tree

from conftest import ROOT, need_glob

PIPED_WIDTH = 10_000  # make_console's width off a terminal


def rich_text(root: Node, *, ascii: bool = False, width: int | None = None) -> str:
    """What the command printed through rich: make_console on a pipe."""
    buf = io.StringIO()
    console = make_console(buf, ascii=ascii, colour=False, width=width)
    console.print(render_tree(root, ascii=ascii))
    return buf.getvalue()


def check(root: Node, *, ascii: bool = False, width: int = PIPED_WIDTH) -> bool:
    """plain_tree agrees with rich (or declines); true when it did not decline."""
    plain = plain_tree(root, ascii=ascii, width=width)
    if plain is not None:
        assert plain == rich_text(root, ascii=ascii, width=width)
    return plain is not None


_TREE_KINDS = (Kind.STRUCT, Kind.UNION, Kind.TYPEDEF, Kind.ENUM, Kind.ENUM64, Kind.FUNC, Kind.FUNC_PROTO,
               Kind.DATASEC, Kind.VAR, Kind.PTR, Kind.INT, Kind.ARRAY)


def test_every_type_of_the_corpus_objects():
    compared = plain = 0
    for path in need_glob("c_cases/*.bpfel.o") + need_glob("obj/*.bpfel.o"):
        btf = btfkit.load(str(path))
        for tid in btf.ids():
            if btf.kind_of(tid) not in _TREE_KINDS:
                continue
            root, _ = build_tree(btf, tid, depth=2)
            for ascii in (False, True):
                plain += check(root, ascii=ascii)
                compared += 1
    assert compared > 500
    assert plain == compared  # corpus names are plain ASCII: no fallback


def test_a_sample_of_the_kernels_types(frozen_vmlinux):
    btf = btfkit.load(str(frozen_vmlinux))
    ids = [i for i in btf.ids() if btf.kind_of(i) in _TREE_KINDS][::97]
    assert len(ids) > 500
    plain = 0
    for n, tid in enumerate(ids):
        depth = 2 if n % 4 == 0 else 1
        root, _ = build_tree(btf, tid, depth=depth, max_nodes=3000)
        plain += check(root, ascii=n % 2 == 1)
    assert plain == len(ids)
    for name in ("task_struct", "sk_buff", "file"):
        (tid,) = [i for i in btf.find(name) if btf.kind_of(i) == Kind.STRUCT]
        root, _ = build_tree(btf, tid, depth=2)
        assert check(root) and check(root, ascii=True)


def _leaf(decl: str, **kw) -> Node:
    return Node(decl, 1, "int", 4, kw.pop("offset", 0), 0, **kw)


def _chain(levels: int, decl: str = "struct s m") -> Node:
    """A tree nested ``levels`` deep, two members per level."""
    root = Node("struct deep", 1, "struct", 8)
    node = root
    for i in range(levels):
        child = _leaf(f"{decl}{i}")
        node.children += [child, _leaf(f"int x{i}", offset=4)]
        node = child
    return root


def test_edge_cases():
    cases = [
        (Node("struct empty", 1, "struct", 0), True),
        (Node("struct e", 1, "struct", 0, children=[Node("", 1, "int", 4)]), True),  # an empty label
        (Node("struct e", 1, "struct", 0, children=[_leaf("")]), False),  # ends in a space
        (Node("struct e", 1, "struct", 0, children=[_leaf("  lead")]), True),
        (Node("struct t", 1, "struct", 8, children=[_leaf("int trailing ")]), False),
        (_chain(150), True),
        (_chain(3, "struct  two  spaces "), True),  # runs of spaces inside a label
        (Node("struct u", 1, "struct", 8, children=[_leaf("int ünïcödé"), _leaf("int 名前")]), False),
        (Node("struct c", 1, "struct", 8, children=[_leaf("int tab\there"), _leaf("int cr\rx"), _leaf("bell\a")]),
         False),
        (Node("struct n", 1, "struct", 8, children=[_leaf("int new\nline")]), False),
        (Node("struct marks", 1, "struct", 8, children=[
            Node("struct a *p", 2, "ptr", 8, 0, 0, note="cycle", target="struct a"),
            Node("struct b *q", 3, "ptr", 8, 8, 64, note="pointer", target="struct b",
                 children=[_leaf("int v"), Node("…", 0, "", 0, note="cut")]),
            Node("struct c d", 4, "struct", 8, 16, 128, hidden=1),
            Node("int bf:3", 5, "int", 0, 24, 195, bitfield_size=3),
            Node("int one:1", 5, "int", 0, 24, 198, bitfield_size=1)]), True),
    ]
    for root, plain_expected in cases:
        for ascii in (False, True):
            assert check(root, ascii=ascii) is plain_expected, (root.decl, ascii)
    # labels wider than their line: rich wraps them, plain_tree declines
    wide = Node("struct w", 1, "struct", 8, children=[_leaf("int " + "x" * 300)])
    assert not check(wide, width=120)
    assert check(wide, width=1000)
    deep = _chain(150)
    assert not check(deep, width=200)  # the guides alone pass the width


def test_labels_at_the_edge_of_the_width():
    # every label length around the line's room, at the top and nested:
    # rich wraps a label longer than the room left by the guides
    wrapped = 0
    for width in range(12, 48):
        for n in range(1, width + 4):
            word = "w" * n
            for root in (Node(word, 1, "int", 4),
                         Node("s", 1, "struct", 4, children=[Node(word, 1, "int", 4)]),
                         Node("s", 1, "struct", 4, children=[Node("t", 1, "struct", 4, children=[
                             Node("a", 1, "int", 4), Node("b " + word, 1, "int", 4)])])):
                check(root, width=width)
                check(root, ascii=True, width=width)
                wrapped += len(rich_text(root, width=width).splitlines()) > len(_lines(root))
    assert wrapped > 100


def _lines(root: Node) -> list[Node]:
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.children)
    return out


_names = st.text(st.sampled_from("abc_ XY[]*(){}0:→↺…\tü名\u0301"), max_size=30)


@st.composite
def _trees(draw, depth: int = 0) -> Node:
    n = Node(draw(_names), 1, draw(st.sampled_from(["struct", "int", "ptr"])), draw(st.integers(0, 99999)),
             draw(st.one_of(st.none(), st.integers(0, 99999))), draw(st.integers(0, 10**6)),
             draw(st.integers(0, 70)), draw(st.sampled_from(["", "cycle", "pointer", "cut", "anonymous"])),
             draw(_names), hidden=draw(st.integers(0, 3)))
    if depth < 4:
        n.children = draw(st.lists(_trees(depth + 1), max_size=4))  # type: ignore[call-arg]
    return n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(root=_trees(), ascii=st.booleans(), width=st.integers(10, 200))
def test_random_trees_print_as_rich_prints_them(root, ascii, width):
    check(root, ascii=ascii, width=width)


def test_the_command_piped_does_not_import_rich(frozen_vmlinux):
    code = ("import io, sys; from btfkit_cli.main import main; out = io.StringIO(); "
            f"rc = main(['tree', {str(frozen_vmlinux)!r}, 'task_struct'], out, sys.stderr); "
            "print(rc, any(m == 'rich' or m.startswith('rich.') for m in sys.modules), len(out.getvalue()) > 1000)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["0", "False", "True"], out.stderr


def test_the_command_piped_prints_richs_text(frozen_vmlinux):
    btf = btfkit.load(str(frozen_vmlinux))
    for argv, ascii in ((["sk_buff", "-d", "2"], False), (["task_struct", "--ascii"], True)):
        out, err = io.StringIO(), io.StringIO()
        assert main(["tree", str(frozen_vmlinux), *argv], out, err) == 0
        tid = [i for i in btf.find(argv[0]) if btf.kind_of(i) == Kind.STRUCT][0]
        root, _ = build_tree(btf, tid, depth=2 if "-d" in argv else 1)
        assert out.getvalue() == rich_text(root, ascii=ascii)
