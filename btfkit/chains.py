"""Following a type's chain of references: one set of modifier kinds, one
walk, one bound, and libbpf's ``btf__align_of``.

libbpf follows the ``type`` link of modifiers and typedefs in several places
(btf.c ``skip_mods_and_typedefs``, ``btf__align_of``; btf_dump.c's typed data
dump), and pahole does in ``tag__strip_typedefs_and_modifiers``.  Each stops
at the first kind outside a set; the sets are defined here once:

- :data:`MODIFIER_KINDS` — libbpf's ``btf_is_mod()``: volatile, const,
  restrict and type tags.  A typedef is *not* a modifier.
- :data:`MODS_AND_TYPEDEFS` — what ``skip_mods_and_typedefs`` skips.

**The bound.**  libbpf follows these chains without a bound (only
``btf__resolve_size`` has one, ``MAX_RESOLVE_DEPTH``, see
:mod:`btfkit.sizes`) and loops or overflows its stack on a cyclic chain.  A
chain that takes more steps than the BTF has types must visit some type
twice, so btfkit stops there and raises :class:`ChainLoopError`: no valid
chain is ever refused, and no hostile one runs for long.  Struct nesting in
:func:`align_of` is walked with an explicit stack and stops at
:data:`~btfkit.errors.MAX_TYPE_DEPTH` levels with a
:class:`~btfkit.errors.LimitError`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any, Sequence

from itertools import repeat
from operator import mod, mul

from .errors import MAX_TYPE_DEPTH, LimitError
from .fields import ARRAY_TYPE, INFO, MEMBER_OFFSET, MEMBER_TYPE, MEMBER_WORDS, SIZE, TYPE
from .kinds import Kind

__all__ = ["MODIFIER_KINDS", "MODS_AND_TYPEDEFS", "ChainLoopError", "skip_chain", "skip_mods_and_typedefs",
           "align_of", "known_aligns", "struct_align", "too_deep", "chain_loop"]

#: libbpf ``btf_is_mod()``: the kinds that qualify the type they point to
MODIFIER_KINDS: frozenset[int] = frozenset(int(k) for k in (Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.TYPE_TAG))
#: the kinds libbpf's ``skip_mods_and_typedefs()`` (and pahole's
#: ``tag__strip_typedefs_and_modifiers``) skip
MODS_AND_TYPEDEFS: frozenset[int] = MODIFIER_KINDS | {int(Kind.TYPEDEF)}

_ALIGN_LINKS = MODS_AND_TYPEDEFS | {int(Kind.ARRAY)}
_SCALARS = frozenset(int(k) for k in (Kind.INT, Kind.ENUM, Kind.ENUM64, Kind.FLOAT))
_ARRAY, _PTR, _STRUCT, _UNION = int(Kind.ARRAY), int(Kind.PTR), int(Kind.STRUCT), int(Kind.UNION)
# endless 0s and 8s for map(): made once (repeat() parses its arguments
# with keywords, costly per call)
_ZEROS, _EIGHTS = repeat(0), repeat(8)


class ChainLoopError(LimitError):
    """A chain of references that comes back to a type it has passed (more
    steps than the BTF has types)."""


def chain_loop(btf: Any, type_id: int) -> ChainLoopError:
    """The error for a chain of links that loops, naming where it starts."""
    return ChainLoopError(f"type [{type_id}]: its chain of typedefs, modifiers, pointers or arrays loops "
                          "(libbpf recurses on it until it crashes)", source=btf.source)


def too_deep(btf: Any, type_id: int) -> LimitError:
    """The error for nesting past :data:`~btfkit.errors.MAX_TYPE_DEPTH`."""
    return LimitError(f"type [{type_id}]: types nested more than {MAX_TYPE_DEPTH} levels deep "
                      "(btfkit's bound: a cycle that libbpf recurses on until it crashes, "
                      "or nesting no compiler writes)", source=btf.source)


def skip_chain(btf: Any, type_id: int, kinds: frozenset[int] = MODS_AND_TYPEDEFS) -> int:
    """The first id on ``type_id``'s chain whose kind is not in ``kinds``
    (``type_id`` itself when its kind is not).  Void (id 0) ends every chain.

    :raises ChainLoopError: the chain loops (see the module's bound)."""
    left = btf.type_count + 1
    kind_of = btf.kind_of
    tid = type_id
    while tid and kind_of(tid) in kinds:
        left -= 1
        if left < 0:
            raise chain_loop(btf, type_id)
        tid = btf[tid].type
    return tid


def skip_mods_and_typedefs(btf: Any, type_id: int) -> tuple[Any, int]:
    """libbpf ``skip_mods_and_typedefs()``: ``(type, id)`` past modifiers and
    typedefs.

    :raises ChainLoopError: the chain loops."""
    tid = skip_chain(btf, type_id, MODS_AND_TYPEDEFS)
    return btf[tid], tid


class _StructFrame:
    """A struct or union whose members' alignments :func:`align_of` is
    collecting (one level of libbpf's recursion), read from its words."""

    __slots__ = ("type_id", "links", "member", "end", "kflag", "size", "max_align")

    def __init__(self, type_id: int, i: int, links: list[int], words: Any) -> None:
        info = words[i + INFO]
        self.type_id = type_id
        self.links = links
        #: word index of the current member's ``type`` (members are
        #: ``MEMBER_WORDS`` apart), and one past the last member's
        self.member = i + MEMBER_TYPE
        self.end = i + MEMBER_TYPE + MEMBER_WORDS * (info & 0xFFFFFF)
        self.kflag = info >> 31
        self.size = words[i + SIZE]
        self.max_align = 1


def _scalar_align(words: Any, idx: Any, kinds: Any, type_id: int, ptr_size: int,
                  cache: dict[int, int]) -> int:
    """align_of() of a type that is a scalar or a pointer, or a short chain
    of typedefs, modifiers and arrays to one (remembered in ``cache``); 0
    for anything else, left to align_of()'s walk."""
    links: list[int] = []
    tid = type_id
    n_ids = len(kinds)
    while 0 <= tid < n_ids and len(links) < 8:
        kind = kinds[tid]
        if kind in _SCALARS:
            a: int = min(ptr_size, words[idx[tid] + SIZE])
        elif kind == _PTR:
            a = ptr_size
        elif kind in _ALIGN_LINKS:
            links.append(tid)
            tid = words[idx[tid] + (ARRAY_TYPE if kind == _ARRAY else TYPE)]
            cached = cache.get(tid)
            if cached is None:
                continue
            a = cached
        else:
            return 0
        if not a:
            return 0  # (a size-0 scalar: align_of()'s walk)
        cache[tid] = a
        for lid in links:
            cache[lid] = a
        return a
    return 0


def known_aligns(words: Any, idx: Any, kinds: Any, mtypes: Sequence[int], ptr_size: int,
                 cache: dict[int, int]) -> list[int]:
    """The alignment of each of ``mtypes`` (a struct's member types) that
    needs no walk: remembered in ``cache``, or a scalar or pointer, maybe
    behind a short chain of typedefs, modifiers and arrays (remembered
    then); 0 for the others, left to align_of()'s walk.  ``words``, ``idx``
    and ``kinds``: a :class:`~btfkit.words.RawTypes`' (or lists of theirs)."""
    aligns = list(map(cache.get, mtypes, _ZEROS))  # (0: not known)
    if 0 in aligns:
        # a member not met yet: through typedefs, modifiers and arrays
        # to a scalar or pointer, if that is what it is
        for p in [p for p, a in enumerate(aligns) if not a]:
            aligns[p] = _scalar_align(words, idx, kinds, mtypes[p], ptr_size, cache)
    return aligns


def struct_align(aligns: Sequence[int], offsets: Sequence[int], kflag: int, size: int) -> int:
    """btf__align_of() of a struct or union whose members' alignments are
    all known and above 0 (``aligns``, in member order; ``offsets``: the
    members' ``offset`` words, ``kflag``: the struct's kind flag, ``size``:
    its ``t->size``): its largest member's alignment, or 1 when it must be
    packed.  libbpf returns 1 at the first member off its alignment; with
    every alignment above 0 nothing else can end its loop early, so the
    result does not depend on where that member is."""
    # a member off its type's alignment: the struct must be packed
    # (btf_member_bitfield_size, btf_member_bit_offset)
    if kflag:
        # a bitfield (a size in the top byte) may sit anywhere
        if any(off < 0x1000000 and off % (8 * a) for a, off in zip(aligns, offsets)):
            return 1
    elif any(map(mod, offsets, map(mul, aligns, _EIGHTS))):
        return 1
    max_align = max(aligns) if aligns else 1
    # a size that is not a multiple of the alignment: packed
    return 1 if size % max_align else max_align


def align_of(btf: Any, type_id: int, ptr_size: int, cache: dict[int, int] | None = None) -> tuple[int, str | None]:
    """btf.c ``btf__align_of()``: ``(alignment, warning)``.

    The alignment in bytes through typedefs, modifiers and arrays; a struct
    or union has its largest member's, or 1 when it must be packed (a
    member off its natural alignment, or a size that is not a multiple).
    Pointers and scalars are capped at ``ptr_size``.  A kind without an
    alignment (void, FWD, FUNC_PROTO…) gives 0 and libbpf's warning text,
    ``"unsupported BTF_KIND:N"``, which libbpf prints and the caller
    should; a struct containing such a member gives 0 too.

    ``btf`` is a :class:`~btfkit.btf.Btf` or anything with its
    ``raw_types()`` (the records are read as words, not decoded).
    ``cache`` (id → alignment) is read and filled with every alignment > 0
    found on the way, so a caller that keeps it pays for each type once.

    :raises ChainLoopError: a chain of links loops, or a struct contains
        itself.
    :raises LimitError: structs nested deeper than ``MAX_TYPE_DEPTH``.
    :raises BtfLookupError: an id is out of range."""
    if cache is None:
        cache = {}
    a = cache.get(type_id)
    if a is not None:
        return a, None
    raw = btf.raw_types()
    words, idx, kinds = raw.words, raw.idx, raw.kinds
    n_ids = len(kinds)
    if 0 <= type_id < n_ids and (kinds[type_id] == _STRUCT or kinds[type_id] == _UNION):
        # the common case of a printer that defines structs after their
        # members: every member's alignment is known, so libbpf's loop over
        # btf_members(t) runs here without descending
        i = idx[type_id]
        info = words[i + INFO]
        mwords = words[i + MEMBER_TYPE:i + MEMBER_TYPE + MEMBER_WORDS * (info & 0xFFFFFF)]
        mtypes = mwords[::MEMBER_WORDS]
        aligns = known_aligns(words, idx, kinds, mtypes, ptr_size, cache)
        if 0 not in aligns:
            a = struct_align(aligns, mwords[MEMBER_OFFSET - MEMBER_TYPE::MEMBER_WORDS], info >> 31, words[i + SIZE])
            cache[type_id] = a
            return a, None
    bound = n_ids + 1
    frames: list[_StructFrame] = []
    open_structs: set[int] = set()  # the ids in ``frames``
    tid = type_id
    while True:
        # resolve ``tid`` to an alignment, or descend into a struct
        links: list[int] = []
        a = cache.get(tid)
        while a is None:
            if not 0 <= tid < n_ids:
                btf[tid]  # raises the lookup error
            kind = kinds[tid]
            i = idx[tid]
            if kind in _ALIGN_LINKS:
                links.append(tid)
                if len(links) > bound:
                    raise chain_loop(btf, type_id)
                tid = words[i + (ARRAY_TYPE if kind == _ARRAY else TYPE)]
                a = cache.get(tid)
            elif kind in _SCALARS:
                a = min(ptr_size, words[i + SIZE])
            elif kind == _PTR:
                a = ptr_size
            elif kind == _STRUCT or kind == _UNION:
                if not words[i + INFO] & 0xFFFFFF:
                    a = 1  # no member: alignment 1, and every size is a multiple
                    continue
                if tid in open_structs:
                    raise ChainLoopError(f"type [{tid}]: it contains itself, so computing its alignment "
                                         "loops (libbpf recurses on it until it crashes)", source=btf.source)
                if len(frames) >= MAX_TYPE_DEPTH:
                    raise too_deep(btf, tid)
                frames.append(_StructFrame(tid, i, links, words))
                open_structs.add(tid)
                break
            else:
                # libbpf: pr_warn + errno EINVAL; every enclosing struct
                # returns the 0 at once
                return 0, f"unsupported BTF_KIND:{kind}"
        if a is None:  # descended: align the struct's first member
            tid = words[frames[-1].member]
            continue
        cache[tid] = a
        for lid in links:
            cache[lid] = a
        # hand ``a`` to the struct it is a member of, finishing structs as
        # their last member is aligned
        while frames:
            f = frames[-1]
            if a > f.max_align:
                f.max_align = a
            # a member off its type's alignment: the struct must be packed
            # (btf_member_bit_offset / btf_member_bitfield_size)
            off = words[f.member + MEMBER_OFFSET - MEMBER_TYPE]
            if f.kflag:
                bitfield, off = off >> 24, off & 0xFFFFFF
            else:
                bitfield = 0
            if not bitfield and off % (8 * a):
                a = 1
            else:
                f.member += MEMBER_WORDS
                if f.member < f.end:
                    break
                # a size that is not a multiple of the alignment: packed
                a = 1 if f.size % f.max_align else f.max_align
            frames.pop()
            open_structs.discard(f.type_id)
            cache[f.type_id] = a
            for lid in f.links:
                cache[lid] = a
        else:
            return a, None
        tid = words[frames[-1].member]
