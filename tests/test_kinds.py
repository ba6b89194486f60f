"""btfkit.kinds.Kind is built without the enum module (see the comment in
btfkit/kinds.py) but must behave as the IntEnum a type checker sees.  Each
test holds it equal to a real IntEnum of the same members on the running
Python (the smoke run repeats this file on the oldest and newest Python,
where str() and ``in`` differ)."""

from __future__ import annotations

import copy
import enum
import json
import pickle
import subprocess
import sys

import pytest

from btfkit import kinds
from btfkit.kinds import KIND_NAMES, Kind

# the reference: an IntEnum of the same names and numbers, made here
Ref = enum.IntEnum("Kind", [(name, i) for i, name in enumerate(kinds._KINDS)])  # type: ignore[misc]

NAMES = list(kinds._KINDS)


def _outcome(f):
    try:
        return ("ok", f())
    except Exception as e:  # the exception's type is part of the behaviour
        return ("raises", type(e).__name__)


def test_members_in_order():
    assert [(m.name, m.value, int(m)) for m in Kind] == [(m.name, m.value, int(m)) for m in Ref]
    assert [m.name for m in reversed(Kind)] == [m.name for m in reversed(Ref)]
    assert len(Kind) == len(Ref) == 20
    assert list(Kind.__members__) == list(Ref.__members__)
    assert KIND_NAMES == NAMES
    # the uapi numbers btfkit relies on
    assert (Kind.STRUCT, Kind.FUNC_PROTO, Kind.ENUM64) == (4, 13, 19)


@pytest.mark.parametrize("name", NAMES)
def test_member_behaviour(name):
    k, r = Kind[name], Ref[name]
    assert type(k) is Kind and isinstance(k, int)
    assert k is getattr(Kind, name) is Kind(int(k)) is Kind(k)
    assert repr(k) == repr(r)
    assert str(k) == str(r)
    assert format(k) == format(r) and f"{k:>4}|{k:x}|{k!s}|{k!r}" == f"{r:>4}|{r:x}|{r!s}|{r!r}"
    assert "%d %s" % (k, k) == "%d %s" % (r, r)
    assert hash(k) == hash(r) == hash(int(k))
    assert k == r == int(k) and not (k != int(k))
    assert bool(k) == bool(r)
    assert k + 1 == r + 1 and type(k + 1) is int
    assert json.dumps({"k": k, "l": [k]}) == json.dumps({"k": r, "l": [r]})
    assert {int(k): 1}[k] == 1 and {k: 1}[int(k)] == 1
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(k, proto)) is k
    assert copy.copy(k) is k and copy.deepcopy(k) is k
    assert k.__class__ is Kind and type(Kind) is not type


@pytest.mark.parametrize("value", [-1, 20, 25, 4.0, 4.5, "4", "STRUCT", None, [4], True])
def test_lookup_by_value(value):
    got = _outcome(lambda: Kind(value).name)
    assert got == _outcome(lambda: Ref(value).name)
    if got[0] == "raises":
        with pytest.raises(ValueError) as mine:
            Kind(value)
        with pytest.raises(ValueError) as ref:
            Ref(value)
        assert str(mine.value) == str(ref.value)


@pytest.mark.parametrize("key", ["STRUCT", "struct", "UNKN", "x", 4])
def test_lookup_by_name(key):
    assert _outcome(lambda: Kind[key].name) == _outcome(lambda: Ref[key].name)


@pytest.mark.parametrize("value", [4, 99, "STRUCT", 4.0])
def test_contains(value):
    # 3.11 refuses a non-member (TypeError), 3.12 looks the value up
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert _outcome(lambda: value in Kind) == _outcome(lambda: value in Ref)
    assert Kind.STRUCT in Kind and Ref.STRUCT in Ref


def test_class_behaviour():
    assert repr(Kind) == repr(Ref)
    assert Kind.__name__ == "Kind" and Kind.__module__ == "btfkit.kinds"
    with pytest.raises(AttributeError):
        Kind.STRUCT = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del Kind.STRUCT
    assert Kind.STRUCT.value == 4 and Kind(4) is Kind.STRUCT
    assert sorted([Kind.PTR, Kind.INT, 0]) == [0, Kind.INT, Kind.PTR]
    assert max(Kind) is Kind.ENUM64


def test_kinds_module_does_not_import_enum():
    """Why Kind is not an IntEnum: enum with the functools it imports was a
    seventh of what a small `btfkit gen` runs (btfkit/kinds.py)."""
    code = "import sys, btfkit.kinds; print('enum' in sys.modules, 'functools' in sys.modules)"
    run = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parent.parent)})
    assert run.stdout.split() == ["False", "False"], run.stdout + run.stderr
