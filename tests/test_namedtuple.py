"""btfkit/_namedtuple.py: typing.NamedTuple's class syntax without importing
typing.  The same class bodies built by typing.NamedTuple and by btfkit's
must behave the same; every btfkit class built on it must have the fields
its body declares; and the commands that must start fast (gen and the views)
must not import typing at all (which is why the module exists)."""

from __future__ import annotations

import copy
import importlib
import inspect
import os
import pickle
import pkgutil
import subprocess
import sys
import typing

import pytest

import btfkit
import btfkit_cli
from btfkit import _namedtuple
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bodies(base: typing.Any) -> dict[str, type]:
    # the same class bodies over each base; names at module level so that
    # pickle finds them (each base's classes swap in while pickling)
    class Plain(base):
        """A docstring."""

        name: str
        size: int
        offset: int = 0
        """A field's docstring (an expression: not kept)."""
        flags: int = 7

        def end(self) -> int:
            return self.offset + self.size

        @property
        def named(self) -> bool:
            return bool(self.name)

    class Empty(base):
        pass

    class Sub(Plain):  # as btfkit.types does: slotted subclass with a class attribute
        __slots__ = ()
        kind = 4

    return {"Plain": Plain, "Empty": Empty, "Sub": Sub}


def _behaviour(classes: dict[str, type]) -> list[object]:
    Plain, Empty, Sub = classes["Plain"], classes["Empty"], classes["Sub"]
    p = Plain("a", 4)
    q = Plain(size=8, name="b", flags=1)
    s = Sub("c", 2, 3)
    out: list[object] = [
        Plain._fields, Plain._field_defaults, Plain.__doc__, Plain.__name__, Plain.__qualname__.split(".")[-1],
        Plain.__module__, [c.__name__ for c in Plain.__mro__], Plain.__slots__, Plain.__match_args__,
        "__dict__" in dir(Plain), list(Plain.__annotations__),
        repr(p), repr(q), tuple(p), p == ("a", 4, 0, 7), hash(p) == hash(("a", 4, 0, 7)), p.end(), q.named,
        p._replace(offset=2), p._asdict(), Plain._make(["x", 1, 2, 3]), len(p), p[1], p[-1],
        Empty._fields, repr(Empty()), Empty() == (),
        repr(s), s.kind, s.end(), Sub.__slots__, [c.__name__ for c in Sub.__mro__], s == Plain("c", 2, 3),
        # (annotations aside: typing turns their strings into ForwardRefs)
        [(a.name, a.default, a.kind) for a in inspect.signature(Plain).parameters.values()], Plain.__new__.__defaults__, Plain.__new__.__doc__,
        Plain._make.__doc__, Plain._replace.__doc__, Plain.size.__doc__, Plain.__repr__.__doc__,
        copy.copy(q), copy.deepcopy(s), Sub._make(("d", 1, 2, 3)), type(Sub._make(("d", 1, 2, 3))).__name__,
    ]
    for bad in (lambda: Plain("a"), lambda: Plain("a", 1, 2, 3, 4), lambda: Plain("a", 1, nope=2),
                lambda: setattr(p, "size", 2), lambda: p._replace(nope=1), lambda: Plain._make(["x"]),
                lambda: Plain("a", 1, name="b")):
        try:
            bad()
            out.append(None)
        except Exception as err:  # the class of the error, not its words
            out.append(type(err).__name__)
    return out


def test_same_behaviour_as_typing():
    assert _behaviour(_bodies(typing.NamedTuple)) == _behaviour(_bodies(_namedtuple.NamedTuple))


def test_class_constant_is_a_plain_class_attribute():
    """``@class_constant`` (how btfkit.types declares ``kind``): not a field,
    and at runtime the returned value itself on the class, as a ClassVar
    would be on any other class (a type checker reads a property)."""
    class P(_namedtuple.NamedTuple):
        x: int
        y: int = 2

        @_namedtuple.class_constant
        def tag(self) -> int:
            return 7

    assert P._fields == ("x", "y") and P._field_defaults == {"y": 2}
    assert P.__dict__["tag"] == 7 and P.tag == 7 and P(1).tag == 7
    assert P(1) == (1, 2) and repr(P(1)) == "P(x=1, y=2)"
    with pytest.raises(AttributeError):
        P(1).tag = 8  # type: ignore[misc]


def test_pickles_like_typing():
    for base in (typing.NamedTuple, _namedtuple.NamedTuple):
        classes = _bodies(base)
        for name, cls in classes.items():
            globals()[name] = cls
            cls.__qualname__ = name
        try:
            p = classes["Sub"]("c", 2, 3)
            assert pickle.loads(pickle.dumps(p)) == p
            assert type(pickle.loads(pickle.dumps(p))) is classes["Sub"]
        finally:
            for name in classes:
                del globals()[name]


@pytest.mark.parametrize("body, error", [
    ("a: int = 0\nb: int\n", TypeError),  # a field without default after one with
    ("a: int\ndef _replace(self): pass\n", AttributeError),  # a namedtuple method
    ("a: int\n_fields = ()\n", AttributeError),
])
def test_refuses_what_typing_refuses(body, error):
    for base in (typing.NamedTuple, _namedtuple.NamedTuple):
        with pytest.raises(error):
            exec(f"class X(base):\n" + "".join("    " + line + "\n" for line in body.splitlines()), {"base": base})


def _btfkit_named_tuples() -> list[type]:
    found = []
    for pkg in (btfkit, btfkit_cli):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            mod = importlib.import_module(info.name)
            for obj in vars(mod).values():
                if inspect.isclass(obj) and obj.__module__ == mod.__name__ and issubclass(obj, tuple) \
                        and hasattr(obj, "_fields"):
                    found.append(obj)
    return found


def test_btfkit_classes_have_their_declared_fields():
    """Each class built on btfkit's NamedTuple: its fields are the annotated
    names of its body in order, the assigned ones its defaults, from the
    source as written (read back with ast, not from the class)."""
    import ast

    classes = _btfkit_named_tuples()
    assert len(classes) >= 35, [c.__name__ for c in classes]
    checked = 0
    for cls in classes:
        tree = ast.parse(inspect.getsource(sys.modules[cls.__module__]))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == cls.__name__ \
                    and any(isinstance(b, ast.Name) and b.id == "NamedTuple" for b in node.bases):
                fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign)]
                with_default = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and s.value]
                assert cls._fields == tuple(fields), cls
                assert list(cls._field_defaults) == with_default, cls
                checked += 1
    assert checked >= 30  # the NamedTuple bodies (the kinds' classes subclass them)


@pytest.mark.parametrize("argv", [
    ["gen", "skeleton", str(ROOT / "corpora" / "obj" / "lib_counter.bpfel.o")],
    ["gen", "subskeleton", str(ROOT / "corpora" / "obj" / "lib_counter.bpfel.o")],
    ["tree", "task_struct"], ["layout", "task_struct"], ["find", "task_struct"], ["info"],
    ["dump", "--format", "raw"],
])
def test_commands_do_not_import_typing(argv):
    """Why btfkit/_namedtuple.py exists: typing (and the re it imports) is
    about 7 ms of every command's start.  A plain command must not import it,
    nor enum and functools (why btfkit.kinds.Kind is no IntEnum)."""
    code = ("import io, sys\nfrom btfkit_cli.main import main\n"
            f"rc = main({argv!r}, io.StringIO())\n"
            "print(rc, *(m in sys.modules for m in ('typing', 're', 'enum', 'functools')))\n")
    # -S: no site (a development venv's editable-install hook imports re);
    # nothing these commands run needs site-packages
    run = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd="/",
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    # nor re, enum and functools, but for dump (its command line goes through
    # argparse, which imports all three)
    dump = str(argv[0] == "dump")
    assert run.stdout.split() == ["0", "False", dump, dump, dump], run.stdout + run.stderr
