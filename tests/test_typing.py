"""The typed model (btfkit/types.py): what a type checker sees matches what
runs, user code narrows without casts, and every field is documented.

- tests/typing/typed_user_code.py must pass ``mypy --strict``, and runs on
  the live /sys/kernel/btf/vmlinux;
- tests/typing/typed_user_mistakes.py must fail exactly on its lines
  marked ``# E: code`` (so the narrowing is real, not Any);
- each class's ``kind`` annotation (a Literal) is its runtime value, one
  class per kind, and every decoded record of the corpus is an instance of
  the class of its kind;
- every class, field and property of types.py has a docstring.
"""

from __future__ import annotations

import ast
import os
import re
import runpy
import typing
from pathlib import Path

import pytest

import btfkit
from btfkit import types as T
from btfkit.kinds import Kind

from btfbuild import BtfBuilder
from conftest import CORPORA, ROOT

TYPING = Path(__file__).parent / "typing"
GOOD = TYPING / "typed_user_code.py"
BAD = TYPING / "typed_user_mistakes.py"
CLASSES = typing.get_args(T.BtfType)


@pytest.fixture(scope="module")
def mypy_errors() -> dict[str, set[tuple[int, str]]]:
    """One mypy --strict run over both files: file name -> {(line, code)}."""
    from mypy import api

    stdout, stderr, rc = api.run(["--strict", "--follow-imports=silent", "--no-incremental",
                                  "--cache-dir", os.devnull, str(GOOD), str(BAD)])
    assert not stderr, stderr
    errors: dict[str, set[tuple[int, str]]] = {GOOD.name: set(), BAD.name: set()}
    for line in stdout.splitlines():
        m = re.match(r"(.*?):(\d+): error: .*\[([\w-]+)\]$", line)
        if m:
            errors[Path(m.group(1)).name].add((int(m.group(2)), m.group(3)))
        else:
            assert re.match(r".*: note: |Found \d+ errors?|Success", line), line
    return errors


def test_typed_user_code_passes_mypy_strict(mypy_errors):
    assert mypy_errors[GOOD.name] == set()


def test_typed_user_mistakes_are_caught(mypy_errors):
    want = set()
    for n, line in enumerate(BAD.read_text().splitlines(), 1):
        m = re.search(r"# E: ([\w-]+)$", line)
        if m:
            want.add((n, m.group(1)))
    assert len(want) >= 8
    assert mypy_errors[BAD.name] == want


def test_typed_user_code_runs(capsys):
    if not Path("/sys/kernel/btf/vmlinux").exists():
        pytest.skip("no /sys/kernel/btf/vmlinux: this kernel has no BTF")
    ns = runpy.run_path(str(GOOD))
    ns["main"]()
    lines = capsys.readouterr().out.splitlines()
    btf = btfkit.load("/sys/kernel/btf/vmlinux")
    ts = btf.find_one("task_struct", T.Struct)
    assert lines[0] == repr([(m.name, btf[m.type].kind.name, m.offset // 8) for m in ts.members[:3]])
    assert lines[1] == "True True"
    assert lines[2] == f"struct task_struct: {ts.size} bytes"


def _kind_literal(cls: type) -> typing.Any:
    """The Literal a type checker reads for ``cls.kind``: the return
    annotation of its ``@class_constant def kind`` (a NamedTuple body), or
    its ``ClassVar[Literal[...]]`` annotation (the modifiers, which subclass
    their shared fields)."""
    names = {**vars(T), "ClassVar": typing.ClassVar, "Literal": typing.Literal}
    if "kind" in cls.__dict__.get("__annotations__", {}):
        # the annotations are strings (btfkit.types imports no typing at
        # runtime): resolve them with typing's names, as a type checker does
        hint = typing.get_type_hints(cls, names)["kind"]
        assert typing.get_origin(hint) is typing.ClassVar, cls
        (lit,) = typing.get_args(hint)
        return lit
    tree = ast.parse(Path(T.__file__).read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls.__name__]
    (fn,) = [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "kind"]
    assert [ast.unparse(d) for d in fn.decorator_list] == ["class_constant"], cls
    assert fn.returns is not None
    # what the method returns is what the class holds, and what it is typed as
    assert ast.unparse(fn.body[-1]) == f"return Kind.{cls.kind.name}", cls
    return eval(ast.unparse(fn.returns), names)


def test_kind_annotation_is_the_runtime_kind():
    """``kind`` is typed ``Literal[Kind.X]`` (a ``@class_constant`` or a
    ``ClassVar``): the Literal a type checker narrows on is the value that
    runs, a plain class attribute; the classes are slotted tuples (no
    __dict__), so they stay immutable and small."""
    seen: dict[Kind, list[str]] = {}
    for cls in CLASSES:
        lit = _kind_literal(cls)
        assert typing.get_origin(lit) is typing.Literal, cls
        assert typing.get_args(lit) == (cls.kind,), cls
        assert "kind" in vars(cls) and not hasattr(vars(cls)["kind"], "__get__"), cls
        assert type(cls.kind) is Kind
        assert cls.__slots__ == () and "__dict__" not in dir(cls), cls
        seen.setdefault(cls.kind, []).append(cls.__name__)
    # one class per kind; UNKN is void and the kinds btfkit does not know
    assert set(seen) == set(Kind)
    assert sorted(seen.pop(Kind.UNKN)) == ["Unknown", "Void"]
    assert all(len(v) == 1 for v in seen.values()), seen


@pytest.mark.parametrize("name", ["kinds.bpfel.o", "kinds.bpfeb.o", "tags-clang15.bpfel.o",
                                  "enums-clang15.bpfeb.o", "maps.bpfel.o"])
def test_decoded_class_matches_record_kind(name):
    btf = btfkit.load(CORPORA / "obj" / name)
    kinds_seen = set()
    for tid in btf.ids():
        t = btf[tid]
        assert type(t).kind == t.kind == btf.kind_of(tid), (tid, t)
        assert btf.get(tid, type(t)) is t
        kinds_seen.add(t.kind)
    assert len(kinds_seen) >= 5


def test_unknown_kind_is_unkn_with_its_number():
    b = BtfBuilder()
    b.int_("int", 4, enc=1)
    b.raw_record(25, "mystery", vlen=1, payload=b"\xaa" * 4 + b"\xbb" * 4)
    from btfkit.kinds import KIND_LAYOUT
    layout = [(*KIND_LAYOUT.get(k, (0, 0)), 0) for k in range(20)] + [(0, 0, 0)] * 5 + [(4, 4, 0)]
    btf = btfkit.load(b.build(layout=layout))
    t = btf.get(2, T.Unknown)
    assert t.kind == Kind.UNKN and t.kind_number == btf.kind_of(2) == 25
    assert btf.find_one("mystery", T.Unknown) is t
    with pytest.raises(btfkit.BtfLookupError, match=r"type \[2\] is KIND_25, not Struct"):
        btf.get(2, T.Struct)


def test_typed_lookups_raise_lookup_errors():
    btf = btfkit.load(CORPORA / "obj" / "kinds.bpfel.o")
    zoo = btf.find_one("zoo", T.Struct)
    assert btf.get(zoo.id, T.Struct) is zoo is btf.get(zoo.id) is btf[zoo.id]
    assert btf.find_one("zoo", Kind.STRUCT) is zoo
    for bad in (lambda: btf.get(zoo.id, T.Union), lambda: btf.get(btf.type_count, T.Struct),
                lambda: btf.find_one("zoo", T.Union), lambda: btf.find_one("no such type", T.Struct)):
        with pytest.raises(LookupError) as info:
            bad()
        assert isinstance(info.value, btfkit.BtfLookupError) and isinstance(info.value, btfkit.BtfError)
        assert "kinds.bpfel.o" in str(info.value)


def _documented(body: list[ast.stmt], i: int) -> bool:
    nxt = body[i + 1] if i + 1 < len(body) else None
    return isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant) and isinstance(nxt.value.value, str)


def test_every_class_field_and_property_is_documented():
    tree = ast.parse((ROOT / "btfkit" / "types.py").read_text())
    missing = []
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    assert len(classes) >= 20 + 4  # one per kind, Void, and the modifiers' shared fields
    for cls in classes:
        if not cls.name.startswith("_") and ast.get_docstring(cls) is None:
            missing.append(cls.name)
        for i, st in enumerate(cls.body):
            if isinstance(st, ast.AnnAssign) and not _documented(cls.body, i):
                missing.append(f"{cls.name}.{ast.unparse(st.target)}")
            if isinstance(st, ast.FunctionDef) and ast.get_docstring(st) is None:
                missing.append(f"{cls.name}.{st.name}()")
    assert missing == []
    # the public classes' fields are documented where they are declared
    for cls in CLASSES:
        assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(")


def test_validation_classes_are_the_validation_kinds():
    """Btf._problems() picks the records to check by class; the classes must
    be exactly libbpf's kinds (btf_validate_type) that _raw_words_clean()
    checks by number."""
    from btfkit import btf as B

    assert {c.kind for c in B._VALIDATE_TYPE_CLASSES} == set(B._VALIDATE_TYPE_KINDS)
    assert len(B._VALIDATE_TYPE_CLASSES) == len(B._VALIDATE_TYPE_KINDS)
