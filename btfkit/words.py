"""The type sections as 32-bit words: libbpf's view of a ``btf_type``.

``btf_dump_mark_referenced`` looks at every type once, and the ordering pass
(``btf_dump_order_type``) at most of them; decoding 100,000+ records into
model objects just to read the ids they refer to costs more than the rest of
a dump.  :class:`RawTypes` keeps the type sections (base first for split
BTF) as host-order u32 words with each id's word index, so those passes, the
C printer's struct definitions and :func:`btfkit.chains.align_of` /
:func:`btfkit.sizes.resolve_size` read ``btf_type`` fields the way libbpf
does (``t->type``, ``btf_members(t)``, ``btf_params(t)``...).  The tests
check these reads against the model on every corpus file.
"""

from __future__ import annotations

from array import array
from operator import itemgetter

from .fields import (  # word positions, from the schema's record structs
    ARRAY_INDEX, ARRAY_TYPE, HDR_WORDS, INFO, MEMBER_TYPE, MEMBER_WORDS, NAME, PARAM_TYPE, PARAM_WORDS,
    SECINFO_TYPE, SECINFO_WORDS, TYPE,
)
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .kinds import Kind
from .types import REF_KINDS

if TYPE_CHECKING:
    from .btf import Btf

__all__ = ["RawTypes", "btf_chain", "gather", "kind_table", "ARRAY_INDEX", "ARRAY_TYPE", "HDR_WORDS", "INFO",
           "MEMBER_TYPE", "MEMBER_WORDS", "NAME", "PARAM_TYPE", "PARAM_WORDS", "SECINFO_TYPE",
           "SECINFO_WORDS", "TYPE"]

# btf_dump_mark_referenced() marks t->type for these (a FUNC_PROTO's return
# type is not marked, only its parameters)
_REF_KINDS = frozenset(int(k) for k in REF_KINDS - {Kind.FUNC_PROTO})
ARRAY = int(Kind.ARRAY)
STRUCT = int(Kind.STRUCT)
UNION = int(Kind.UNION)
FUNC_PROTO = int(Kind.FUNC_PROTO)
DATASEC = int(Kind.DATASEC)


def gather(seq: "array[int] | bytes | bytearray | list[int]", at: list[int], offset: int = 0) -> tuple[int, ...]:
    """``seq[i + offset]`` for each ``i`` of ``at``, gathered by C loops
    (itemgetter; with an offset, over a view of ``seq`` released before
    returning, so an array or bytearray may grow again)."""
    if len(at) > 1:
        if not offset:
            got: tuple[int, ...] = itemgetter(*at)(seq)
            return got
        if not isinstance(seq, list):
            with memoryview(seq) as mv, mv[offset:] as view:
                got = itemgetter(*at)(view)
                return got
    return tuple([seq[i + offset] for i in at])


def kind_table(kinds: "set[int] | frozenset[int]") -> bytes:
    """A ``bytes.translate()`` table over kind bytes: 1 for ``kinds``, 0 for
    every other byte (``kinds_bytes.translate(table)`` is a compress() mask)."""
    return bytes(1 if k in kinds else 0 for k in range(256))


def btf_chain(btf: "Btf") -> list["Btf"]:
    """``btf`` and its bases, base first (the order of ids from 1)."""
    chain = []
    b: Btf | None = btf
    while b is not None:
        chain.append(b)
        b = b.base
    chain.reverse()
    return chain


class RawTypes:
    """Words of every type from id 1, base included.

    - ``words``: the type sections as host-order u32 (base's, then own);
    - ``idx[id]``: word index of type ``id``'s ``btf_type`` (id 0: a zeroed
      record standing for void, after the last type);
    - ``kinds[id]``: its kind (0 for void);
    - ``btf``: the Btf they were read from.

    Fields, as in ``struct btf_type`` (word positions from the schema, see
    the constants above): ``words[i+NAME]`` name_off (0), ``words[i+INFO]``
    info (1; vlen in the low 24 bits), ``words[i+TYPE]`` size or type (2);
    members, params, ``struct btf_array`` and var_secinfos follow at
    ``i+HDR_WORDS`` (3), ``*_WORDS`` words each, their ``type`` at
    ``i+*_TYPE`` (the first one's).
    """

    def __init__(self, btf: "Btf") -> None:
        self.btf = btf
        idx = array("I", (0,))  # void: set below
        kinds = bytearray(1)
        # Btf's parse already walked the records: its words and kinds
        chain = btf_chain(btf)
        if len(chain) == 1:
            # the blob's own words, not a copy (10 MiB of a kernel's)
            words, starts = btf.record_words()
            idx.extend(starts)
            kinds += btf.record_kinds
        else:
            words = array("I")
            for b in chain:
                w, starts = b.record_words()
                shift = len(words)
                words.extend(w)
                idx.extend([i + shift for i in starts] if shift else starts)
                kinds += b.record_kinds
        # void reads as a zeroed record: the header of zeros that ends each
        # blob's words (Btf.record_words()), the last blob's here
        idx[0] = len(words) - HDR_WORDS
        self.words = words
        self.idx = idx
        self.kinds = kinds
        self._strings: dict[int, str] | None = None

    def strings_by_offset(self) -> dict[int, str]:
        """Every string of the chain's string sections (base first) by
        offset (:meth:`btfkit.btf.Btf.strings_by_offset` of each blob, one
        dict for all; the Btf's own dict when there is no base).  Built once;
        do not modify."""
        if self._strings is None:
            chain = btf_chain(self.btf)
            if len(chain) == 1:
                self._strings = self.btf.strings_by_offset()
            else:
                merged: dict[int, str] = {}
                for b in chain:
                    merged.update(b.strings_by_offset())
                self._strings = merged
        return self._strings

    def referenced_ids(self, first_id: int = 1) -> set[int]:
        """Ids referenced by any type with id >= ``first_id``
        (``btf_dump_mark_referenced``).  Unknown kinds refer to nothing."""
        walked = self.btf.refs_walked() if self.btf.base is None and first_id <= 1 else None
        if walked is not None:
            # validate() gathered them already (bpftool 7.5+ validates first)
            refs_done, self.max_proto_ret = walked
            return refs_done
        refs: set[int] = set()
        add = refs.add
        update = refs.update
        words = self.words
        idx = self.idx
        kinds = self.kinds
        ref_kinds = _REF_KINDS
        max_ret = 0
        for tid in range(max(first_id, 1), len(kinds)):
            kind = kinds[tid]
            i = idx[tid]
            if kind in ref_kinds:
                add(words[i + TYPE])
            elif kind == STRUCT or kind == UNION:
                update(words[i + MEMBER_TYPE:i + HDR_WORDS + MEMBER_WORDS * (words[i + INFO] & 0xFFFFFF):MEMBER_WORDS])
            elif kind == FUNC_PROTO:
                if words[i + TYPE] > max_ret:
                    max_ret = words[i + TYPE]
                update(words[i + PARAM_TYPE:i + HDR_WORDS + PARAM_WORDS * (words[i + INFO] & 0xFFFFFF):PARAM_WORDS])
            elif kind == ARRAY:
                add(words[i + ARRAY_TYPE])
                add(words[i + ARRAY_INDEX])
            elif kind == DATASEC:
                update(words[i + SECINFO_TYPE:i + HDR_WORDS + SECINFO_WORDS * (words[i + INFO] & 0xFFFFFF):SECINFO_WORDS])
        #: the largest return type id of a prototype (not marked referenced,
        #: but followed by the printer: checked against the type count)
        self.max_proto_ret = max_ret
        return refs

    def refs_of(self, tid: int) -> list[int]:
        """The ids type ``tid`` refers to (as referenced_ids sees them)."""
        words = self.words
        kind = self.kinds[tid]
        i = self.idx[tid]
        vlen = words[i + INFO] & 0xFFFFFF
        if kind in _REF_KINDS:
            return [words[i + TYPE]]
        if kind == STRUCT or kind == UNION:
            return list(words[i + MEMBER_TYPE:i + HDR_WORDS + MEMBER_WORDS * vlen:MEMBER_WORDS])
        if kind == FUNC_PROTO:
            return list(words[i + PARAM_TYPE:i + HDR_WORDS + PARAM_WORDS * vlen:PARAM_WORDS])
        if kind == ARRAY:
            return [words[i + ARRAY_TYPE], words[i + ARRAY_INDEX]]
        if kind == DATASEC:
            return list(words[i + SECINFO_TYPE:i + HDR_WORDS + SECINFO_WORDS * vlen:SECINFO_WORDS])
        return []

    def followed_refs(self, tid: int) -> list[int]:
        """The ids the printer follows from type ``tid``: :meth:`refs_of`
        and a prototype's return type."""
        refs = self.refs_of(tid)
        if self.kinds[tid] == FUNC_PROTO:
            refs.append(self.words[self.idx[tid] + TYPE])
        return refs

    def first_bad_ref(self, first_id: int, type_cnt: int) -> str:
        """A message naming the first type (id >= ``first_id``) that refers
        to an id >= ``type_cnt``."""
        for tid in range(max(first_id, 1), len(self.kinds)):
            bad = [r for r in self.followed_refs(tid) if r >= type_cnt]
            if bad:
                k = self.kinds[tid]
                kind = Kind(k).name if k < len(Kind) else str(k)
                return (f"type [{tid}] ({kind}): referenced type id {bad[0]} is out of range "
                        f"(last id {type_cnt - 1})")
        return "a referenced type id is out of range"
