"""User code of btfkit's typed API, with no cast and no ``# type: ignore``.

tests/test_typing.py checks it with ``mypy --strict`` (it must pass) and runs
it against the live /sys/kernel/btf/vmlinux.  Each function is one way of
getting from a ``BtfType`` to the fields of one kind.
"""

from __future__ import annotations

import btfkit
from btfkit import Kind
from btfkit.types import BtfType, Enum, Enum64, Func, FuncProto, Int, Member, Struct, Typedef, Union


def readme_example(btf: btfkit.Btf) -> list[tuple[str, str, int]]:
    """README's example: a typed lookup gives a Struct, whose members a
    type checker knows; ``kind`` is a Kind on every type."""
    ts = btf.find_one("task_struct", Struct)
    return [(m.name, btf[m.type].kind.name, m.offset // 8) for m in ts.members[:3]]


def size_by_kind(btf: btfkit.Btf, type_id: int) -> int | None:
    """Narrowing on ``t.kind == Kind.X`` (and ``or``, and ``in``)."""
    t = btf[type_id]
    if t.kind == Kind.STRUCT or t.kind == Kind.UNION:
        return t.size
    if t.kind in (Kind.ENUM, Kind.ENUM64):
        return t.size
    if t.kind == Kind.INT:
        return t.nr_bits // 8
    if t.kind == Kind.TYPEDEF:
        return size_by_kind(btf, t.type)
    return None


def members_by_isinstance(t: BtfType) -> tuple[Member, ...]:
    """Narrowing with isinstance on the classes."""
    if isinstance(t, (Struct, Union)):
        return t.members
    return ()


def describe(t: BtfType) -> str:
    """Narrowing with ``match`` and class patterns."""
    match t:
        case Struct(name=name, size=size):
            return f"struct {name or '(anon)'}: {size} bytes"
        case Enum() | Enum64():
            return f"enum {t.name}: {len(t.values)} values, signed={t.signed}"
        case Int():
            return f"{t.name}: {t.nr_bits} bits, signed={t.signed}"
        case _:
            return f"{t.kind.name} {t.name}"


def prototype(btf: btfkit.Btf, name: str) -> list[str]:
    """``get`` follows an id to a type of one class (or raises BtfLookupError)."""
    func = btf.find_one(name, Func)
    proto = btf.get(func.type, FuncProto)
    return [p.name for p in proto.params]


def resolve_typedefs(btf: btfkit.Btf, type_id: int) -> BtfType:
    """``follow`` returns any type; narrow before reading kind-specific fields."""
    t = btf[type_id]
    while isinstance(t, Typedef):
        t = btf.follow(t)
    return t


def main() -> None:
    btf = btfkit.load("/sys/kernel/btf/vmlinux")
    print(readme_example(btf))
    ts = btf.find_one("task_struct", Struct)
    print(size_by_kind(btf, ts.id) == ts.size, len(members_by_isinstance(ts)) == len(ts.members))
    print(describe(ts))
    print(prototype(btf, "schedule_timeout"))
    print(resolve_typedefs(btf, btf.find_one("u32", Typedef).id).name)


if __name__ == "__main__":
    main()
