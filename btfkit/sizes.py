"""Sizes of BTF types as libbpf computes them (btf.c ``btf__resolve_size``).

Shared by the object layer (datasec and .kconfig sizes) and the C printer
(padding and packing decisions), which must agree with libbpf exactly."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any

from .fields import ARRAY_NELEMS, ARRAY_TYPE, SIZE, TYPE
from .kinds import Kind

MAX_RESOLVE_DEPTH = 32  # libbpf btf.c
EINVAL, E2BIG = 22, 7

_SIZED = frozenset(int(k) for k in (Kind.INT, Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64, Kind.DATASEC,
                                     Kind.FLOAT))
_FOLLOW = frozenset(int(k) for k in (Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.VAR,
                                     Kind.DECL_TAG, Kind.TYPE_TAG))
_PTR, _ARRAY = int(Kind.PTR), int(Kind.ARRAY)


def resolve_size(btf: Any, type_id: int, ptr_size: int = 8) -> int:
    """btf__resolve_size(): the byte size of ``type_id`` through typedefs,
    modifiers and arrays; -EINVAL (void, FWD, FUNC, a chain deeper than 32)
    or -E2BIG (over 32 bits) on failure, as libbpf returns them.

    ``btf`` is a :class:`~btfkit.btf.Btf` or anything with its
    ``raw_types()``: the records are read as words, not decoded.

    :raises BtfLookupError: an id is out of range."""
    raw = btf.raw_types()
    words, idx, kinds = raw.words, raw.idx, raw.kinds
    n_ids = len(kinds)
    nelems = 1
    size = -1
    for _ in range(MAX_RESOLVE_DEPTH):
        if not 0 <= type_id < n_ids:
            btf[type_id]  # raises the lookup error
        k = kinds[type_id]
        i = idx[type_id]
        if k in _SIZED:
            size = words[i + SIZE]
            break
        if k == _PTR:
            size = ptr_size
            break
        if k in _FOLLOW:
            type_id = words[i + TYPE]
        elif k == _ARRAY:
            n = words[i + ARRAY_NELEMS]
            if nelems and n > 0xFFFFFFFF // nelems:
                return -E2BIG
            nelems *= n
            type_id = words[i + ARRAY_TYPE]
        else:  # void, FWD and kinds without a size
            return -EINVAL
    else:
        # the last link followed is looked up (and must exist) before libbpf
        # gives up on the depth
        if not 0 <= type_id < n_ids:
            btf[type_id]
    if size < 0:
        return -EINVAL
    if nelems and size > 0xFFFFFFFF // nelems:
        return -E2BIG
    return nelems * size
