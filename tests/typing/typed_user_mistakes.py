"""Mistakes btfkit's types let mypy --strict catch: each line marked
``# E: code`` must be reported with that error code, and nothing else
(tests/test_typing.py).  Not run."""

from __future__ import annotations

import btfkit
from btfkit import Kind
from btfkit.types import Struct


def mistakes(btf: btfkit.Btf) -> None:
    btf.find_one("task_struct").members  # E: union-attr
    t = btf[1]
    t.members  # E: union-attr
    kind = t.kind
    if kind == Kind.STRUCT:
        t.members  # E: union-attr
    if t.kind == Kind.INT:
        t.members  # E: attr-defined
    ts = btf.get(1, Struct)
    ts.values  # E: attr-defined
    ts.name = "x"  # E: misc
    Struct(1, "a")  # E: call-arg
    btf.find_one("x", Kind.STRUCT).members  # E: union-attr
