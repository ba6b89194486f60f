"""Sizes of BTF types as libbpf computes them (btf.c ``btf__resolve_size``).

Shared by the object layer (datasec and .kconfig sizes) and the C printer
(padding and packing decisions), which must agree with libbpf exactly."""

from __future__ import annotations

from typing import Any

from .kinds import Kind

MAX_RESOLVE_DEPTH = 32  # libbpf btf.c
EINVAL, E2BIG = 22, 7

_SIZED = frozenset({Kind.INT, Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64, Kind.DATASEC, Kind.FLOAT})
_FOLLOW = frozenset({Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.VAR, Kind.DECL_TAG,
                     Kind.TYPE_TAG})


def resolve_size(btf: Any, type_id: int, ptr_size: int = 8) -> int:
    """btf__resolve_size(): the byte size of ``type_id`` through typedefs,
    modifiers and arrays; -EINVAL (void, FWD, FUNC, a chain deeper than 32)
    or -E2BIG (over 32 bits) on failure, as libbpf returns them."""
    nelems = 1
    size = -1
    t = btf[type_id]
    for _ in range(MAX_RESOLVE_DEPTH):
        k = t.kind
        if k in _SIZED:
            size = t.size
            break
        if k == Kind.PTR:
            size = ptr_size
            break
        if k in _FOLLOW:
            type_id = t.type
        elif k == Kind.ARRAY:
            if nelems and t.nelems > 0xFFFFFFFF // nelems:
                return -E2BIG
            nelems *= t.nelems
            type_id = t.type
        else:  # void, FWD and kinds without a size
            return -EINVAL
        t = btf[type_id]
    if size < 0:
        return -EINVAL
    if nelems and size > 0xFFFFFFFF // nelems:
        return -E2BIG
    return nelems * size
