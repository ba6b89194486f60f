"""Bulk scans of the raw type section for the C printer.

``btf_dump_mark_referenced`` looks at every type once; decoding 100,000+
records into model objects just to read their referenced ids would cost
more than the whole dump.  This walks the type section as 32-bit words
instead (the fast path derived from the record layout, as
``btfkit/schema/btf.py`` describes it) and is checked against the model in
the tests.
"""

from __future__ import annotations

import sys
from array import array

from ..kinds import KIND_LAYOUT, Kind

_REF_KINDS = frozenset(int(k) for k in (
    Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.PTR, Kind.TYPEDEF, Kind.FUNC,
    Kind.VAR, Kind.DECL_TAG, Kind.TYPE_TAG))
_NO_REF_KINDS = frozenset(int(k) for k in (Kind.INT, Kind.ENUM, Kind.ENUM64, Kind.FWD, Kind.FLOAT))
ARRAY = int(Kind.ARRAY)
STRUCT = int(Kind.STRUCT)
UNION = int(Kind.UNION)
FUNC_PROTO = int(Kind.FUNC_PROTO)
DATASEC = int(Kind.DATASEC)


def _needs_swap(btf) -> bool:
    return btf.byteorder != sys.byteorder  # "little" / "big" both


def referenced_ids(btf, first_id: int = 1) -> set[int]:
    """Ids referenced by any type with id >= ``first_id``, base included
    (``btf_dump_mark_referenced``).  Unknown kinds refer to nothing."""
    refs: set[int] = set()
    base = btf.base
    if base is not None and first_id < btf.start_id:
        refs |= referenced_ids(base, first_id)
    hdr = btf.header
    t0 = hdr.hdr_len + hdr.type_off
    words = array("I")
    words.frombytes(btf.data[t0:t0 + hdr.type_len - hdr.type_len % 4])
    if _needs_swap(btf):
        words.byteswap()
    layout = btf.layout
    n = len(words)
    i = 0
    tid = btf.start_id
    add = refs.add
    update = refs.update
    ref_kinds = _REF_KINDS
    known = KIND_LAYOUT
    while i + 3 <= n:
        info = words[i + 1]
        kind = (info >> 24) & 0x1F
        vlen = info & 0xFFFF
        lay = known.get(kind)
        if lay is None:
            lay = layout[kind] if layout is not None and kind < len(layout) else (0, 0)
        nxt = i + 3 + (lay[0] + lay[1] * vlen) // 4
        if tid >= first_id:
            if kind in ref_kinds:
                add(words[i + 2])
            elif kind == STRUCT or kind == UNION:
                update(words[i + 4:i + 3 + 3 * vlen:3])
            elif kind == FUNC_PROTO:
                update(words[i + 4:i + 3 + 2 * vlen:2])
            elif kind == ARRAY:
                add(words[i + 3])
                add(words[i + 4])
            elif kind == DATASEC:
                update(words[i + 3:i + 3 + 3 * vlen:3])
        i = nxt
        tid += 1
    return refs
