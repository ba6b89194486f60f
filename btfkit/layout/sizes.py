"""Sizes and natural alignments of types, as pahole computes them.

pahole's ``tag__size`` and ``tag__natural_alignment`` (dwarves.c), on BTF
ids.  They differ from libbpf's ``btf__resolve_size`` and ``btf__align_of``
(:mod:`btfkit.sizes`, :func:`btfkit.chains.align_of`): void, forward
declarations and functions have size 0 rather than an error, a scalar's
alignment is its size (not capped at the pointer size), and a struct's is
its largest member's even when the struct must be packed.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..chains import MODS_AND_TYPEDEFS, skip_chain
from ..errors import BtfValidationError
from ..kinds import Kind

if TYPE_CHECKING:
    from ..btf import Btf

__all__ = ["strip_mods", "type_size", "natural_alignment", "MAX_ALIGN_DEPTH"]

#: :func:`natural_alignment` looks at most this many levels of structs and
#: arrays deep; a member deeper counts as aligned to 1 byte.  (Structs
#: cannot nest by value forever; BTF that claims they do is hostile.)
MAX_ALIGN_DEPTH = 200

_MODS = MODS_AND_TYPEDEFS
_SIZED = frozenset(int(k) for k in (Kind.INT, Kind.STRUCT, Kind.UNION, Kind.ENUM, Kind.ENUM64, Kind.FLOAT,
                                    Kind.DATASEC))


def strip_mods(btf: Btf, tid: int) -> int:
    """Follow typedefs, qualifiers and type tags (pahole's
    tag__strip_typedefs_and_modifiers; libbpf's skip_mods_and_typedefs).

    :raises ~btfkit.chains.ChainLoopError: the chain loops."""
    return skip_chain(btf, tid, MODS_AND_TYPEDEFS)


def type_size(btf: Btf, tid: int) -> int:
    """Byte size of a type as pahole's tag__size computes it (0 for void,
    forward declarations and functions); pointers have the BTF's pointer
    size (libbpf's btf__pointer_size, 8 when unknown).

    :raises ~btfkit.errors.BtfValidationError: the chain of modifiers and
        arrays takes more steps than the BTF has types (it loops)."""
    start = tid
    left = btf.type_count
    nelems = 1
    while True:
        left -= 1
        if left < 0:
            raise BtfValidationError(f"type [{start}]: reference loop", source=btf.source)
        if tid == 0:
            return 0
        t = btf[tid]
        if t.kind == Kind.TYPEDEF or t.kind == Kind.VOLATILE or t.kind == Kind.CONST or \
                t.kind == Kind.RESTRICT or t.kind == Kind.TYPE_TAG:
            tid = t.type
            continue
        if t.kind == Kind.PTR:
            return nelems * btf.ptr_size_or_host
        if t.kind == Kind.ARRAY:
            nelems *= t.nelems
            tid = t.type
            continue
        if t.kind == Kind.INT or t.kind == Kind.STRUCT or t.kind == Kind.UNION or t.kind == Kind.ENUM or \
                t.kind == Kind.ENUM64 or t.kind == Kind.FLOAT or t.kind == Kind.DATASEC:
            return nelems * t.size
        return 0


def natural_alignment(btf: Btf, tid: int, cache: dict[int, int] | None = None) -> int:
    """pahole's tag__natural_alignment of an already stripped type.

    ``cache`` (id → alignment of a struct or union) is read and filled, so
    a caller that keeps it pays for each struct once.  Nesting is walked
    with an explicit stack, to :data:`MAX_ALIGN_DEPTH` levels."""
    return _natural(btf, tid, {} if cache is None else cache)


class _Frame:
    """A struct or union whose members' natural alignments are being
    collected (one level of pahole's recursion)."""

    __slots__ = ("type_id", "members", "index", "best", "depth")

    def __init__(self, type_id: int, members: tuple[int, ...], depth: int) -> None:
        self.type_id = type_id
        self.members = members  # member type ids
        self.index = 0
        self.best = 0
        self.depth = depth


def _natural(btf: Btf, tid: int, cache: dict[int, int]) -> int:
    """tag__natural_alignment, its recursion into members and array
    elements made an explicit stack of structs."""
    frames: list[_Frame] = []
    depth = 0
    while True:
        # the alignment of ``tid`` at ``depth`` (0: descended into a struct)
        a = 0
        while depth <= MAX_ALIGN_DEPTH and tid:
            t = btf[tid]
            if t.kind == Kind.ARRAY:
                tid = strip_mods(btf, t.type)
                depth += 1
                continue
            if t.kind == Kind.PTR:
                a = btf.ptr_size_or_host
            elif t.kind == Kind.INT or t.kind == Kind.FLOAT or t.kind == Kind.ENUM or t.kind == Kind.ENUM64:
                a = t.size or 1
            elif t.kind == Kind.STRUCT or t.kind == Kind.UNION:
                cached = cache.get(tid)
                if cached is not None:
                    a = cached
                else:
                    cache[tid] = 1  # cycles cannot happen by value, but be safe
                    if t.members:
                        frames.append(_Frame(tid, tuple(m.type for m in t.members), depth))
                    else:
                        a = 1
            else:
                a = 1
            break
        else:
            a = 1  # void, or deeper than MAX_ALIGN_DEPTH
        if a == 0:
            f = frames[-1]
        else:
            # hand ``a`` to the struct it is a member of, finishing structs
            # as their last member is aligned
            while frames:
                f = frames[-1]
                if a > f.best:
                    f.best = a
                f.index += 1
                if f.index < len(f.members):
                    break
                frames.pop()
                a = f.best or 1
                cache[f.type_id] = a
            else:
                return a
        tid = strip_mods(btf, f.members[f.index])
        depth = f.depth + 1
