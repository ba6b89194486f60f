"""The btfkit.layout package: the names it has always offered, imports that
stay light, values that stay put, and walks that need no deep Python stack.
(What the layouts say is tested against pahole in test_cli_views.py and
test_hardening.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import btfkit
import btfkit.layout as layout
from btfbuild import BtfBuilder

ROOT = Path(__file__).resolve().parent.parent

#: every public name of btfkit/layout.py before it became a package
SINGLE_MODULE_NAMES = (
    "DEFAULT_CACHELINE", "MAX_LAYOUT_MEMBERS", "MAX_LAYOUT_NEST", "MAX_NAME_STEPS", "Layout", "LayoutMember",
    "strip_mods", "type_size", "natural_alignment", "resolve_composite", "struct_layout", "find_padding_of",
    "TYPE_SPACING", "NAME_SPACING", "pahole_lines", "typedef_target_text", "format_pahole",
)


@pytest.mark.parametrize("name", SINGLE_MODULE_NAMES)
def test_old_names_still_import(name):
    assert name in layout.__all__
    ns: dict[str, object] = {}
    exec(f"from btfkit.layout import {name}", ns)
    assert ns[name] is getattr(layout, name)


def test_every_exported_name_resolves_to_its_module():
    assert sorted(layout.__all__) == sorted(layout._HOME)
    for name in layout.__all__:
        obj = getattr(layout, name)
        home = layout._HOME[name]
        assert getattr(sys.modules[f"btfkit.layout.{home}"], name) is obj
    with pytest.raises(AttributeError):
        layout.no_such_name  # noqa: B018


def _loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "; import sys; print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return {m for m in out.split() if m.startswith("btfkit.layout.")}


def test_sizes_alone_do_not_load_the_printer():
    # btfkit tree needs strip_mods and type_size only
    assert _loaded("from btfkit.layout import strip_mods, type_size") == {"btfkit.layout.sizes"}
    assert "btfkit.layout.fprintf" not in _loaded("import btfkit_cli.views.tree")
    assert "btfkit.layout.fprintf" in _loaded("from btfkit.layout import pahole_lines")


def _anon_nest(depth: int) -> tuple[btfkit.Btf, int]:
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    t = b.struct("", 8, [("a", i, 0), ("b", i, 32)])
    for d in range(depth):
        t = b.struct("" if d < depth - 1 else "outer", 12, [("", t, 0), ("z", i, 64)], union=(d % 4 == 1))
    return btfkit.load(b.build()), t


def test_layouts_are_frozen_values():
    from btfkit.layout.model import FrozenError

    assert issubclass(FrozenError, AttributeError)  # as dataclasses.FrozenInstanceError
    btf, t = _anon_nest(3)
    lay = layout.struct_layout(btf, t)
    with pytest.raises(FrozenError):
        lay.size = 1  # type: ignore[misc]
    with pytest.raises(FrozenError):
        lay.members[0].hole = 1  # type: ignore[misc]
    # printing a layout leaves it as it was
    before = lay.to_dict()
    layout.format_pahole(btf, t)
    assert layout.struct_layout(btf, t) == lay and lay.to_dict() == before


def test_walk_expands_anonymous_members_depth_first():
    btf, t = _anon_nest(40)
    lay = layout.struct_layout(btf, t)

    def rec(lay, depth):
        for m in lay.members:
            yield depth, m
            if m.inner is not None:
                yield from rec(m.inner, depth + 1)

    walked = list(lay.walk())
    assert walked == list(rec(lay, 0)) and len(walked) == 2 * 40 + 2
    assert max(d for d, _ in walked) == 40


@pytest.mark.parametrize("depth, alignment", [(150, 16), (199, 16), (200, 1), (400, 1)])
def test_natural_alignment_walks_deep_structs_without_recursion(tmp_path, depth, alignment):
    """Structs nested by value ``depth`` levels around a 16-byte int: its
    alignment counts while it is within MAX_ALIGN_DEPTH levels (pahole's
    recursion, made a loop); the walk runs under a small recursion limit."""
    b = BtfBuilder()
    c = b.int_("char", 1)
    t = b.struct("leaf", 16, [("x", b.int_("__int128", 16), 0)])
    for d in range(depth):
        t = b.struct(f"s{d}", 32, [("c", c, 0), ("m", t, 128)])
    f = tmp_path / "deep.btf"
    f.write_bytes(b.build())
    assert layout.MAX_ALIGN_DEPTH == 200
    code = ("import sys, btfkit; from btfkit.layout import natural_alignment; "
            f"btf = btfkit.load(open({str(f)!r}, 'rb').read()); sys.setrecursionlimit(80); "
            f"print(natural_alignment(btf, {t}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == alignment


def _as_dataclass(cls):
    """The ``@dataclass(frozen=True, slots=True)`` the class stands for: the
    same fields, order and defaults (from its constructor)."""
    import dataclasses
    import inspect

    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == list(cls.__slots__) == list(cls.__match_args__)
    fields = [(p.name, object) if p.default is p.empty else (p.name, object, dataclasses.field(default=p.default))
              for p in params]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


def test_layout_values_behave_as_the_frozen_dataclasses_they_replace():
    import copy
    import pickle

    from btfkit.layout.model import Layout, LayoutMember

    ref = {Layout: _as_dataclass(Layout), LayoutMember: _as_dataclass(LayoutMember)}

    def conv(v):
        if isinstance(v, (Layout, LayoutMember)):
            return ref[type(v)](*(conv(getattr(v, f)) for f in v.__slots__))
        if isinstance(v, tuple):
            return tuple(conv(x) for x in v)
        return v

    btf = btfkit.load(str(ROOT / "corpora" / "c_cases" / "case_bitfields.bpfel.o"))
    lays = [layout.struct_layout(btf, i) for i in btf.ids() if btf.kind_of(i) in (4, 5)]
    assert len(lays) > 5
    for lay in lays:
        for a in [lay, *(m for _, m in lay.walk())]:
            r = conv(a)
            assert repr(a) == repr(r)
            assert hash(a) == hash(r)
            assert pickle.loads(pickle.dumps(a)) == a == copy.deepcopy(a) and hash(copy.copy(a)) == hash(a)
        for other in lays:
            assert (lay == other) == (conv(lay) == conv(other))
