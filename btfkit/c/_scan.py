"""The raw type section as 32-bit words, for the C printer's hot paths.

``btf_dump_mark_referenced`` looks at every type once, and the ordering pass
(``btf_dump_order_type``) at most of them; decoding 100,000+ records into
model objects just to read the ids they refer to costs more than the rest of
the dump.  :class:`RawTypes` keeps the type sections (base first for split
BTF) as host-order u32 words with each id's word index, so those passes read
``btf_type`` fields the way libbpf does (``t->type``, ``btf_members(t)``,
``btf_params(t)``...).  Everything that prints still goes through the model.
The tests check these reads against the model on every corpus file.
"""

from __future__ import annotations

import sys
from array import array

from ..kinds import Kind

_REF_KINDS = frozenset(int(k) for k in (
    Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.PTR, Kind.TYPEDEF, Kind.FUNC,
    Kind.VAR, Kind.DECL_TAG, Kind.TYPE_TAG))
ARRAY = int(Kind.ARRAY)
STRUCT = int(Kind.STRUCT)
UNION = int(Kind.UNION)
FUNC_PROTO = int(Kind.FUNC_PROTO)
DATASEC = int(Kind.DATASEC)


class RawTypes:
    """Words of every type from id 1, base included.

    - ``words``: the type sections as host-order u32 (base's, then own);
    - ``idx[id]``: word index of type ``id``'s ``btf_type`` (id 0: a zeroed
      record standing for void);
    - ``kinds[id]``: its kind (0 for void).

    Fields, as in ``struct btf_type``: ``words[i]`` name_off, ``words[i+1]``
    info (vlen in the low 16 bits), ``words[i+2]`` size or type; members at
    ``i+3`` (3 words each: name_off, type, offset), params at ``i+3`` (2
    words: name_off, type), ``struct btf_array`` at ``i+3`` (type,
    index_type, nelems), var_secinfos at ``i+3`` (3 words: type, ...).
    """

    def __init__(self, btf) -> None:
        chain = []
        b = btf
        while b is not None:
            chain.append(b)
            b = b.base
        chain.reverse()
        words = array("I", (0, 0, 0))  # void
        idx = array("I", (0,))
        kinds = bytearray(1)
        for b in chain:
            # Btf's parse already walked the records: reuse its offsets and kinds
            hdr = b.header
            t0 = hdr.hdr_len + hdr.type_off
            w = array("I")
            w.frombytes(b.data[t0:t0 + hdr.type_len - hdr.type_len % 4])
            if b.byteorder != sys.byteorder:
                w.byteswap()
            shift = len(words)
            words.extend(w)
            idx.extend([((off - t0) >> 2) + shift for off in b._offs])
            kinds += b._kinds
        self.words = words
        self.idx = idx
        self.kinds = kinds

    def referenced_ids(self, first_id: int = 1) -> set[int]:
        """Ids referenced by any type with id >= ``first_id``
        (``btf_dump_mark_referenced``).  Unknown kinds refer to nothing."""
        refs: set[int] = set()
        add = refs.add
        update = refs.update
        words = self.words
        idx = self.idx
        kinds = self.kinds
        ref_kinds = _REF_KINDS
        for tid in range(max(first_id, 1), len(kinds)):
            kind = kinds[tid]
            i = idx[tid]
            if kind in ref_kinds:
                add(words[i + 2])
            elif kind == STRUCT or kind == UNION:
                update(words[i + 4:i + 3 + 3 * (words[i + 1] & 0xFFFF):3])
            elif kind == FUNC_PROTO:
                update(words[i + 4:i + 3 + 2 * (words[i + 1] & 0xFFFF):2])
            elif kind == ARRAY:
                add(words[i + 3])
                add(words[i + 4])
            elif kind == DATASEC:
                update(words[i + 3:i + 3 + 3 * (words[i + 1] & 0xFFFF):3])
        return refs

    def refs_of(self, tid: int) -> list[int]:
        """The ids type ``tid`` refers to (as referenced_ids sees them)."""
        words = self.words
        kind = self.kinds[tid]
        i = self.idx[tid]
        vlen = words[i + 1] & 0xFFFF
        if kind in _REF_KINDS:
            return [words[i + 2]]
        if kind == STRUCT or kind == UNION:
            return list(words[i + 4:i + 3 + 3 * vlen:3])
        if kind == FUNC_PROTO:
            return list(words[i + 4:i + 3 + 2 * vlen:2])
        if kind == ARRAY:
            return [words[i + 3], words[i + 4]]
        if kind == DATASEC:
            return list(words[i + 3:i + 3 + 3 * vlen:3])
        return []

    def first_bad_ref(self, first_id: int, type_cnt: int) -> str:
        """A message naming the first type (id >= ``first_id``) that refers
        to an id >= ``type_cnt``."""
        for tid in range(max(first_id, 1), len(self.kinds)):
            bad = [r for r in self.refs_of(tid) if r >= type_cnt]
            if bad:
                k = self.kinds[tid]
                kind = Kind(k).name if k < len(Kind) else str(k)
                return (f"type [{tid}] ({kind}): referenced type id {bad[0]} is out of range "
                        f"(last id {type_cnt - 1})")
        return "a referenced type id is out of range"
