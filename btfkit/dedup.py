"""Merging split BTF and BTF deduplication: libbpf 1.8's ``btf__add_btf()`` and
``btf__dedup()``, as bpftool 7.8's ``btf dump file A file B ...`` uses them.

bpftool 7.8 (``merge_btf_files()`` in bpftool's ``btf.c``) makes an empty
split BTF on the base (``btf__new_empty_split``), appends every file parsed as
split BTF on that base (``btf__add_btf``), then deduplicates the result
(``btf__dedup``): types that several files share become one, and a type equal
to one of the base's collapses onto the base's id.  :func:`merge_btf_files`
does the same and returns an ordinary :class:`~btfkit.btf.Btf` (split, on the
base), so every printer works on it unchanged.

The port works on the raw 32-bit words of each record, as libbpf does, and
keeps libbpf's shape so a reader can hold the two side by side:

- :class:`_DedupTable` is libbpf's ``hashmap`` as ``btf_dedup`` uses it
  (``hashmap__append`` and ``hashmap__for_each_key_entry``): when several
  candidates share a hash, the order they are tried in is the bucket chain's,
  newest first, and every time the map grows the chains are rebuilt in
  reverse.  The canonical type, and so every id printed, depends on it.
- ``btf_dedup_prep``, ``btf_dedup_strings``, ``btf_dedup_prim_types``,
  ``btf_dedup_struct_types`` (with ``btf_dedup_is_equiv`` and
  ``btf_dedup_merge_hypot_map``), ``btf_dedup_resolve_fwds``,
  ``btf_dedup_ref_types``, ``btf_dedup_compact_types`` and
  ``btf_dedup_remap_types`` are methods of :class:`_BtfDedup` named as in
  libbpf.

libbpf's ``btf_dedup_is_equiv`` and ``btf_dedup_ref_type`` recurse along the
type graph; here they walk it with explicit stacks (in the same order), so no
depth of input reaches Python's recursion limit.  ``btf_dedup_identical_types``
recurses at most 16 levels, as in libbpf; where libbpf would loop forever (a
cycle of modifiers with no struct in it) btfkit raises
:class:`~btfkit.errors.LimitError`.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Iterable, Sequence

from .btf import Btf
from .errors import BtfError, LimitError, SplitBtfError
from .kinds import KIND_LAYOUT, Kind
from .words import btf_chain

__all__ = ["merge_btf_files", "dedup_btf", "add_btf", "MAX_BTF_FILES", "MergeError"]

#: bpftool 7.8's MAX_BTF_FILES: at most this many ``file F`` in one dump.
MAX_BTF_FILES = 64

_MASK64 = (1 << 64) - 1
_UNPROCESSED = 0xFFFFFFFF  # BTF_UNPROCESSED_ID
_IN_PROGRESS = 0xFFFFFFFE  # BTF_IN_PROGRESS_ID
_MAX_NR_TYPES = 0x7FFFFFFF  # BTF_MAX_NR_TYPES

_INT, _PTR, _ARRAY, _STRUCT, _UNION, _ENUM, _FWD, _TYPEDEF = 1, 2, 3, 4, 5, 6, 7, 8
_VOLATILE, _CONST, _RESTRICT, _FUNC, _FUNC_PROTO, _VAR, _DATASEC = 9, 10, 11, 12, 13, 14, 15
_FLOAT, _DECL_TAG, _TYPE_TAG, _ENUM64 = 16, 17, 18, 19

# kinds whose third header word is a type id followed directly (t->type)
_REF_KINDS = frozenset((_CONST, _VOLATILE, _RESTRICT, _PTR, _TYPEDEF, _FUNC, _TYPE_TAG))
_KNOWN_KINDS = frozenset(int(k) for k in Kind if k != Kind.UNKN)

Record = list[int]
Source = str | os.PathLike[str] | Btf


class MergeError(BtfError):
    """libbpf refused to append or deduplicate (``btf__add_btf`` or
    ``btf__dedup`` returned an error): the message says which file and why."""


def _kind(t: Record) -> int:
    return (t[1] >> 24) & 0x7F  # BTF_INFO_KIND (7 bits, libbpf 1.8)


def _vlen(t: Record) -> int:
    return t[1] & 0xFFFFFF  # BTF_INFO_VLEN (24 bits, libbpf 1.8)


def _kflag(t: Record) -> int:
    return t[1] >> 31


# -- btf_field_iter (libbpf btf_iter.c): which words of a record are what -------------------
def _str_positions(t: Record) -> list[int] | None:
    """BTF_FIELD_ITER_STRS: the word indexes of ``t``'s string offsets, in
    libbpf's order (the name, then each member's/enumerator's/parameter's);
    None for a kind libbpf's iterator does not know (-EINVAL)."""
    kind = _kind(t)
    if kind == 0:
        return []
    if kind in (_STRUCT, _UNION, _ENUM64):
        return [0] + list(range(3, 3 + 3 * _vlen(t), 3))
    if kind in (_ENUM, _FUNC_PROTO):
        return [0] + list(range(3, 3 + 2 * _vlen(t), 2))
    if kind in _KNOWN_KINDS:
        return [0]
    return None


def _id_positions(t: Record) -> list[int] | None:
    """BTF_FIELD_ITER_IDS: the word indexes of ``t``'s type ids, in libbpf's
    order; None for a kind libbpf's iterator does not know (-EINVAL)."""
    kind = _kind(t)
    if kind in (0, _INT, _FLOAT, _ENUM, _ENUM64):
        return []
    if kind in _REF_KINDS or kind in (_FWD, _VAR, _DECL_TAG):
        return [2]
    if kind == _ARRAY:
        return [3, 4]
    if kind in (_STRUCT, _UNION):
        return list(range(4, 3 + 3 * _vlen(t), 3))
    if kind == _FUNC_PROTO:
        return [2] + list(range(4, 3 + 2 * _vlen(t), 2))
    if kind == _DATASEC:
        return list(range(3, 3 + 3 * _vlen(t), 3))
    return None


def _records(btf: Btf) -> list[Record]:
    """Every record of ``btf``'s own type section as its 32-bit words, in the
    blob's byte order decoded to ints (libbpf keeps them native in memory)."""
    h = btf.header
    t0 = h.hdr_len + h.type_off
    words = array("I")
    words.frombytes(btf.data[t0:t0 + h.type_len - h.type_len % 4])
    if btf.byteorder != sys.byteorder:
        words.byteswap()
    layout = btf.layout
    out: list[Record] = []
    i, n = 0, len(words)
    fixed = [(12 + KIND_LAYOUT[k][0]) // 4 if k in KIND_LAYOUT else -1 for k in range(128)]
    elem = [KIND_LAYOUT[k][1] // 4 if k in KIND_LAYOUT else 0 for k in range(128)]
    while i < n:
        info = words[i + 1]
        kind = (info >> 24) & 0x7F
        vlen = info & 0xFFFFFF
        size = fixed[kind]
        if size < 0:
            if layout is None or kind >= len(layout):  # Btf() refuses this already
                raise BtfError(f".BTF: type [{btf.start_id + len(out)}]: unknown kind {kind}", source=btf.source)
            size = (12 + layout[kind][0] + layout[kind][1] * vlen) // 4
        else:
            size += elem[kind] * vlen
        out.append(words[i:i + size].tolist())
        i += size
    return out


class _StrSet:
    """libbpf's ``strset``: a string section with one offset per distinct
    string (the first one, for a section read from a blob)."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = bytearray(data)
        self.index: dict[bytes, int] = {}
        if data:
            parts = bytes(data).split(b"\0")
            parts.pop()  # after the final NUL
            off = 0
            index = self.index
            for p in parts:
                if p not in index:  # strset__new(): hashmap__add keeps the first
                    index[p] = off
                off += len(p) + 1

    def find(self, s: bytes) -> int:
        """strset__find_str(): the offset of ``s``, or -1."""
        return self.index.get(s, -1)

    def add(self, s: bytes) -> int:
        """strset__add_str(): the offset of ``s``, appended if new."""
        off = self.index.get(s)
        if off is None:
            off = self.index[s] = len(self.data)
            self.data += s + b"\0"
        return off


def _str_at(btf: Btf, off: int) -> bytes:
    """btf__str_by_offset() as bytes (chained to the base)."""
    while off < btf.start_str_off and btf.base is not None:
        btf = btf.base
    local = off - btf.start_str_off
    strings = btf.strings
    if not 0 <= local < len(strings):
        raise BtfError(f".BTF: string offset {off} is outside the string section", source=btf.source)
    return strings[local:strings.index(b"\0", local)]


class _DedupTable:
    """libbpf's ``hashmap`` as ``btf_dedup->dedup_table``: keys are type
    signature hashes, values type ids, several values per key
    (``hashmap__append``).

    Only the order of the values of one key is observable
    (``hashmap__for_each_key_entry`` walks one bucket's chain and skips other
    keys).  A new entry goes to the head of its chain; ``hashmap_grow()``
    (when ``(size + 1) * 4 / 3 > capacity``) moves the chains entry by entry,
    head first, onto the heads of the new chains, which reverses the values
    of every key.  Each list here is kept tail first (a new value is
    appended), so :meth:`cands` reads it backwards."""

    __slots__ = ("lists", "multi", "sz", "cap", "cap_bits")

    def __init__(self) -> None:
        self.lists: dict[int, list[int]] = {}
        self.multi: set[int] = set()  # keys with more than one value
        self.sz = 0
        self.cap = 0
        self.cap_bits = 0

    def append(self, key: int, value: int) -> None:
        if self.cap == 0 or (self.sz + 1) * 4 // 3 > self.cap:  # hashmap_needs_to_grow
            self.cap_bits = max(self.cap_bits + 1, 2)  # HASHMAP_MIN_CAP_BITS
            self.cap = 1 << self.cap_bits
            lists = self.lists
            for k in self.multi:
                lists[k].reverse()
        lst = self.lists.get(key)
        if lst is None:
            self.lists[key] = [value]
        else:
            lst.append(value)
            self.multi.add(key)
        self.sz += 1

    def cands(self, key: int) -> Iterable[int]:
        """The values of ``key`` in hashmap__for_each_key_entry() order."""
        lst = self.lists.get(key)
        return reversed(lst) if lst else ()


# -- signature hashes and equality checks (btf.c btf_hash_* / btf_equal_* / btf_compat_*) ----
def _hash_combine(h: int, value: int) -> int:
    return (h * 31 + value) & _MASK64


def btf_hash_common(t: Record) -> int:
    return _hash_combine(_hash_combine(t[0], t[1]), t[2])


def btf_hash_typedef(t: Record) -> int:
    return _hash_combine(t[0], t[1])


def btf_hash_int_decl_tag(t: Record) -> int:
    return _hash_combine(btf_hash_common(t), t[3])


def btf_hash_enum(t: Record) -> int:
    # name only: an enum forward declaration must find its enum
    return t[0]


def btf_hash_struct(t: Record) -> int:
    h = btf_hash_common(t)
    for i in range(3, 3 + 3 * _vlen(t), 3):
        h = _hash_combine(_hash_combine(h, t[i]), t[i + 2])  # name_off, offset; not the type
    return h


def btf_hash_array(t: Record) -> int:
    return _hash_combine(_hash_combine(_hash_combine(btf_hash_common(t), t[3]), t[4]), t[5])


def btf_hash_fnproto(t: Record) -> int:
    h = btf_hash_common(t)
    for i in range(3, 3 + 2 * _vlen(t), 2):
        h = _hash_combine(_hash_combine(h, t[i]), t[i + 1])
    return h


def btf_equal_common(t1: Record, t2: Record) -> bool:
    return t1[0] == t2[0] and t1[1] == t2[1] and t1[2] == t2[2]


def btf_equal_typedef(t1: Record, t2: Record) -> bool:
    return t1[0] == t2[0] and t1[1] == t2[1]


def btf_equal_int_tag(t1: Record, t2: Record) -> bool:
    return btf_equal_common(t1, t2) and t1[3] == t2[3]


def btf_equal_enum(t1: Record, t2: Record) -> bool:
    if not btf_equal_common(t1, t2):
        return False
    # same kind, same vlen: the members (name_off, value words) compare as words
    return t1[3:] == t2[3:]


def _is_any_enum(t: Record) -> bool:
    k = _kind(t)
    return k == _ENUM or k == _ENUM64


def btf_is_enum_fwd(t: Record) -> bool:
    return _is_any_enum(t) and _vlen(t) == 0


def btf_compat_enum(t1: Record, t2: Record) -> bool:
    if not btf_is_enum_fwd(t1) and not btf_is_enum_fwd(t2):
        return btf_equal_enum(t1, t2)
    # a forward declaration on either side: name and any enum kind suffice
    return t1[0] == t2[0] and _is_any_enum(t1) and _is_any_enum(t2)


def btf_shallow_equal_struct(t1: Record, t2: Record) -> bool:
    # common fields, then each member's name_off and offset (not its type);
    # equal info means equal vlen, so the slices line up
    return (t1[0] == t2[0] and t1[1] == t2[1] and t1[2] == t2[2]
            and t1[3::3] == t2[3::3] and t1[5::3] == t2[5::3])


def btf_equal_array(t1: Record, t2: Record) -> bool:
    return btf_equal_common(t1, t2) and t1[3] == t2[3] and t1[4] == t2[4] and t1[5] == t2[5]


def btf_compat_array(t1: Record, t2: Record) -> bool:
    return btf_equal_common(t1, t2) and t1[5] == t2[5]


def btf_equal_fnproto(t1: Record, t2: Record) -> bool:
    # common fields, then every parameter's name_off and type
    return btf_equal_common(t1, t2) and t1[3:] == t2[3:]


def btf_compat_fnproto(t1: Record, t2: Record) -> bool:
    # the return type is not compared
    if t1[0] != t2[0] or t1[1] != t2[1]:
        return False
    for i in range(3, 3 + 2 * _vlen(t1), 2):
        if t1[i] != t2[i]:
            return False
    return True


class _SplitBtf:
    """A modifiable BTF as libbpf holds one after ``btf_ensure_modifiable()``:
    records as word lists (void, the base's and its own, by id), its own
    string set, and the base chain it is split on."""

    def __init__(self, base: Btf | None) -> None:
        self.base = base
        self.chain = btf_chain(base) if base is not None else []
        # void, then every base type (btf_type_by_id() through the chain)
        self.recs: list[Record] = [[0, 0, 0]]
        for b in self.chain:
            self.recs += _records(b)
        self.start_id = len(self.recs) if base is not None else 1
        self.start_str_off = base.start_str_off + len(base.strings) if base is not None else 0
        self.byteorder = base.byteorder if base is not None else sys.byteorder
        # btf_new_empty(): an empty split BTF has no string; a base one has ""
        self.strs = _StrSet(b"" if base is not None else b"\0")
        # btf_ensure_modifiable(): a BTF made from scratch has unique strings
        self.strs_deduped = True
        self._base_strs: list[_StrSet] | None = None
        self.hdr_len = 32  # sizeof(struct btf_header) in libbpf 1.8

    @classmethod
    def from_btf(cls, btf: Btf) -> "_SplitBtf":
        """``btf`` made modifiable (btf_ensure_modifiable()): its records
        copied, its string section indexed (first occurrence of each string)."""
        if btf.layout is not None or btf.header.hdr_len not in (24, 32):
            raise MergeError("BTF with a layout section or a longer header: not supported by btfkit's dedup",
                             source=btf.source)
        self = cls(btf.base)
        self.hdr_len = btf.header.hdr_len
        self.recs += _records(btf)
        self.byteorder = btf.byteorder
        self.strs = _StrSet(btf.strings)
        # strings are known unique only in a BTF built from scratch
        self.strs_deduped = len(btf.strings) == 0 or (btf.base is None and len(btf.strings) == 1)
        return self

    @property
    def nr_types(self) -> int:
        return len(self.recs) - self.start_id

    # -- strings ---------------------------------------------------------------------------
    def base_find_str(self, s: bytes) -> int:
        """btf__find_str(base_btf, s): the offset of ``s`` in the base chain
        (root first, each level's first occurrence), or -1."""
        if self._base_strs is None:
            self._base_strs = [_StrSet(b.strings) for b in self.chain]
        for b, ss in zip(self.chain, self._base_strs):
            off = ss.find(s)
            if off >= 0:
                return b.start_str_off + off
        return -1

    def add_str(self, s: bytes) -> int:
        """btf__add_str(): the base's offset of ``s`` if the base has it, else
        this BTF's (added if new)."""
        if self.base is not None:
            off = self.base_find_str(s)
            if off >= 0:
                return off
        return self.start_str_off + self.strs.add(s)

    def str_at(self, off: int) -> bytes:
        if off < self.start_str_off and self.base is not None:
            return _str_at(self.base, off)
        local = off - self.start_str_off
        data = self.strs.data
        return bytes(data[local:data.index(b"\0", local)])

    # -- btf__add_btf ----------------------------------------------------------------------
    def add_btf(self, src: Btf) -> int:
        """btf__add_btf(): append every type of ``src``, its string offsets
        rewritten into this BTF's strings and its type ids shifted; ids and
        strings of the shared base are kept.  Returns the id of the first
        appended type."""
        if src.base is not None and src.base is not self.base:
            raise MergeError("split BTF on another base than the merged BTF's (EOPNOTSUPP)", source=src.source)
        src_start_id = src.start_id if src.base is not None else 1
        src_start_str = src.start_str_off
        shift = self.start_id + self.nr_types - src_start_id
        str_map: dict[int, int] = {}  # p.str_off_map
        new: list[Record] = []
        for k, t in enumerate(_records(src)):
            spos = _str_positions(t)
            ipos = _id_positions(t)
            if spos is None or ipos is None:
                raise MergeError(f".BTF: type [{src.start_id + k}]: kind {_kind(t)} cannot be merged (EINVAL)",
                                 source=src.source)
            for p in spos:
                off = t[p]
                # don't remap strings from the shared base
                if off == 0 or off < src_start_str:
                    continue
                m = str_map.get(off)
                if m is None:  # btf_rewrite_str()
                    m = str_map[off] = self.add_str(_str_at(src, off))
                t[p] = m
            for p in ipos:
                tid = t[p]
                if tid and tid >= src_start_id:  # not VOID, not the shared base
                    t[p] = tid + shift
            new.append(t)
        first = self.start_id + self.nr_types
        self.recs += new
        return first

    # -- the result ------------------------------------------------------------------------
    def to_btf(self, source: str) -> Btf:
        """The blob libbpf's btf__raw_data() would give (header, types,
        strings), read back as a :class:`Btf` on the same base."""
        words = array("I")
        for t in self.recs[self.start_id:]:
            words.extend(t)
        if self.byteorder != sys.byteorder:
            words.byteswap()
        types = words.tobytes()
        strings = bytes(self.strs.data)
        e = "<" if self.byteorder == "little" else ">"
        # libbpf 1.8's struct btf_header is 32 bytes (layout_off and
        # layout_len after the v1 fields; zero: no layout section)
        # (a parsed BTF keeps its header's length, as libbpf keeps btf->hdr)
        hdr = struct.pack(e + "HBBIIIIIII", 0xEB9F, 1, 0, self.hdr_len, 0, len(types), len(types), len(strings), 0, 0)
        hdr = hdr[:self.hdr_len]
        btf = Btf(hdr + types + strings, base=self.base, source=source)
        btf.set_pointer_size(8)  # btf_new_empty(): ptr_sz = sizeof(void *)
        return btf


class _DedupFailed(Exception):
    """btf__dedup() returned an error: (errno name, what)."""


class _BtfDedup:
    """libbpf's ``struct btf_dedup``: the state of one ``btf__dedup()``."""

    def __init__(self, btf: _SplitBtf) -> None:
        # btf_dedup_new()
        self.btf = btf
        self.recs = btf.recs
        self.table = _DedupTable()
        cnt = len(btf.recs)
        m = [_UNPROCESSED] * cnt
        m[0] = 0
        for i in range(1, cnt):
            k = _kind(self.recs[i])
            if k == _VAR or k == _DATASEC:  # never deduped, self-canonical
                m[i] = i
        self.map = m
        self.hypot_map = [_UNPROCESSED] * cnt
        self.hypot_list: list[int] = []
        self.hypot_adjust_canon = False

    def fail(self, errno_name: str, what: str) -> _DedupFailed:
        return _DedupFailed(errno_name, what)

    def run(self) -> None:
        """btf__dedup(), phase by phase."""
        self.btf_dedup_prep()
        self.btf_dedup_strings()
        self.btf_dedup_prim_types()
        self.btf_dedup_struct_types()
        self.btf_dedup_resolve_fwds()
        self.btf_dedup_ref_types()
        self.btf_dedup_compact_types()
        self.btf_dedup_remap_types()

    # -- helpers -----------------------------------------------------------------------------
    def is_type_mapped(self, type_id: int) -> bool:
        return self.map[type_id] <= _MAX_NR_TYPES

    def resolve_type_id(self, type_id: int) -> int:
        m = self.map
        while m[type_id] <= _MAX_NR_TYPES and m[type_id] != type_id:
            type_id = m[type_id]
        return type_id

    def resolve_fwd_id(self, type_id: int) -> int:
        if _kind(self.recs[type_id]) != _FWD:
            return type_id
        resolved = self.resolve_type_id(type_id)
        return resolved if _kind(self.recs[resolved]) != _FWD else type_id

    def clear_hypot_map(self) -> None:
        hm = self.hypot_map
        for i in self.hypot_list:
            hm[i] = _UNPROCESSED
        self.hypot_list.clear()
        self.hypot_adjust_canon = False

    def hypot_map_add(self, from_id: int, to_id: int) -> None:
        self.hypot_list.append(from_id)
        self.hypot_map[from_id] = to_id

    # -- btf_dedup_prep ------------------------------------------------------------------------
    def btf_dedup_prep(self) -> None:
        """Base types are self-canonical; all but VAR/DATASEC go into the table."""
        if self.btf.base is None:
            return
        recs, m, add = self.recs, self.map, self.table.append
        for type_id in range(1, self.btf.start_id):
            t = recs[type_id]
            m[type_id] = type_id
            kind = _kind(t)
            if kind == _VAR or kind == _DATASEC:
                continue
            if kind in (_CONST, _VOLATILE, _RESTRICT, _PTR, _FWD, _FUNC, _FLOAT, _TYPE_TAG):
                h = btf_hash_common(t)
            elif kind == _TYPEDEF:
                h = btf_hash_typedef(t)
            elif kind == _INT or kind == _DECL_TAG:
                h = btf_hash_int_decl_tag(t)
            elif kind == _ENUM or kind == _ENUM64:
                h = btf_hash_enum(t)
            elif kind == _STRUCT or kind == _UNION:
                h = btf_hash_struct(t)
            elif kind == _ARRAY:
                h = btf_hash_array(t)
            elif kind == _FUNC_PROTO:
                h = btf_hash_fnproto(t)
            else:
                raise self.fail("EINVAL", f"unknown kind {kind} for base type [{type_id}]")
            add(h, type_id)

    # -- btf_dedup_strings ---------------------------------------------------------------------
    def btf_dedup_strings(self) -> None:
        """Keep only referenced strings, each once, in first-use order; a
        string the base has takes the base's offset.  (A BTF built from
        scratch, as bpftool's merge is, has deduped strings already: no-op.)"""
        btf = self.btf
        if btf.strs_deduped:
            return
        new = _StrSet()
        if btf.base is None:
            new.add(b"")
        for t in self.recs[btf.start_id:]:
            for p in _str_positions(t) or ():
                off = t[p]
                if off == 0 or off < btf.start_str_off:
                    continue
                s = btf.str_at(off)
                if btf.base is not None:
                    boff = btf.base_find_str(s)
                    if boff >= 0:
                        t[p] = boff
                        continue
                t[p] = btf.start_str_off + new.add(s)
        btf.strs = new
        btf.strs_deduped = True

    # -- btf_dedup_prim_types ------------------------------------------------------------------
    def btf_dedup_prim_types(self) -> None:
        for type_id in range(self.btf.start_id, len(self.recs)):
            self.btf_dedup_prim_type(type_id)

    def btf_dedup_prim_type(self, type_id: int) -> None:
        recs, m = self.recs, self.map
        t = recs[type_id]
        kind = _kind(t)
        new_id = type_id
        if kind == _INT:
            h = btf_hash_int_decl_tag(t)
            for cand_id in self.table.cands(h):
                if btf_equal_int_tag(t, recs[cand_id]):
                    new_id = cand_id
                    break
        elif kind == _ENUM or kind == _ENUM64:
            h = btf_hash_enum(t)
            t_fwd = btf_is_enum_fwd(t)
            for cand_id in self.table.cands(h):
                cand = recs[cand_id]
                if not t_fwd and cand[1] & 0xFFFFFF and cand[1] != t[1]:
                    # neither is a forward declaration and the kinds or
                    # vlens differ: neither equal nor compatible
                    continue
                if btf_equal_enum(t, cand):
                    new_id = cand_id
                    break
                if btf_compat_enum(t, cand):
                    if btf_is_enum_fwd(t):
                        new_id = cand_id  # resolve fwd to full enum
                        break
                    m[cand_id] = type_id  # resolve canonical enum fwd to full enum
        elif kind == _FWD or kind == _FLOAT:
            h = btf_hash_common(t)
            for cand_id in self.table.cands(h):
                if btf_equal_common(t, recs[cand_id]):
                    new_id = cand_id
                    break
        elif kind in _KNOWN_KINDS:
            return
        else:
            raise self.fail("EINVAL", f"type [{type_id}]: kind {kind} cannot be deduplicated")
        m[type_id] = new_id
        if type_id == new_id:
            self.table.append(h, type_id)

    # -- btf_dedup_struct_types ----------------------------------------------------------------
    def btf_dedup_struct_types(self) -> None:
        for type_id in range(self.btf.start_id, len(self.recs)):
            self.btf_dedup_struct_type(type_id)

    def btf_dedup_struct_type(self, type_id: int) -> None:
        m = self.map
        if m[type_id] <= _MAX_NR_TYPES:  # already deduped, or in progress
            return
        recs = self.recs
        t = recs[type_id]
        kind = _kind(t)
        if kind == _TYPEDEF:
            h, equal = btf_hash_typedef(t), btf_equal_typedef
        elif kind == _STRUCT or kind == _UNION:
            h, equal = btf_hash_struct(t), btf_shallow_equal_struct
        else:
            return
        new_id = type_id
        t_res: list[int] | None = None
        for cand_id in list(self.table.cands(h)):
            # guard against a FWD that collides on the hash
            if not equal(t, recs[cand_id]):
                continue
            if kind != _TYPEDEF:
                if t_res is None:
                    t_res = [self.resolve_type_id(x) for x in t[4::3]]
                if self._first_member_differs(t, t_res, cand_id):
                    continue  # what btf_dedup_is_equiv() would find first
            self.clear_hypot_map()
            if not self.btf_dedup_is_equiv(type_id, cand_id):
                continue
            self.btf_dedup_merge_hypot_map()
            if self.hypot_adjust_canon:  # not really equivalent
                t_res = None  # the map changed: resolve t's members again
                continue
            new_id = cand_id
            break
        m[type_id] = new_id
        if type_id == new_id:
            self.table.append(h, type_id)

    def _first_member_differs(self, t: Record, t_res: list[int], canon_id: int) -> bool:
        """True when ``btf_dedup_is_equiv(type_id, canon_id)`` of struct
        ``t`` and its shallow-equal candidate would return 0 at the first
        member whose types do not resolve to the same id, decided without
        touching any state.

        A speed-up only (many anonymous unions of two anonymous members
        share a hash: libbpf tries each of them in turn, quickly in C).
        It is exact because a failed check leaves nothing behind: the
        hypothetical map and ``hypot_adjust_canon`` are cleared before the
        next check and rebuilt by compaction, and ``map`` changes only
        after a success.  At the first member the hypothetical map holds
        just ``canon_id -> type_id``; every "not sure" answers False."""
        m, recs = self.map, self.recs
        ct = recs[canon_id]
        # members whose types resolve to the same id pass without a trace
        # (``t_res``: t's member types resolved)
        for k, b in enumerate(ct[4::3]):
            a = t_res[k]
            rb = b
            while m[rb] <= _MAX_NR_TYPES and m[rb] != rb:
                rb = m[rb]
            if a != rb:
                return self._step_fails(t[4 + 3 * k], b, rb, canon_id)
        return False

    def _step_fails(self, cand_id: int, b: int, rb: int, root_canon: int) -> bool:
        # _is_equiv_step(cand_id, b) would return False (see
        # _first_member_differs); ``rb`` is b resolved
        recs = self.recs
        cand = recs[cand_id]
        if (recs[b][1] >> 24) & 0x7F == _FWD and (recs[rb][1] >> 24) & 0x7F != _FWD:
            b = rb  # resolve_fwd_id()
        if b == root_canon:
            return False  # the one entry of the hypothetical map
        canon = recs[b]
        if cand[0] != canon[0]:
            return True
        ck = (cand[1] >> 24) & 0x7F
        nk = (canon[1] >> 24) & 0x7F
        if (ck == _FWD or nk == _FWD) and ck != nk:
            fwd = cand if ck == _FWD else canon
            return (_UNION if _kflag(fwd) else _STRUCT) != (nk if ck == _FWD else ck)
        if ck != nk:
            return True
        if ck == _INT:
            return not btf_equal_int_tag(cand, canon)
        if ck == _ENUM or ck == _ENUM64:
            return not btf_compat_enum(cand, canon)
        if ck == _FWD or ck == _FLOAT:
            return not btf_equal_common(cand, canon)
        if ck in _REF_KINDS:
            return cand[1] != canon[1]
        if ck == _ARRAY:
            return not btf_compat_array(cand, canon)
        if ck == _STRUCT or ck == _UNION:
            return not btf_shallow_equal_struct(cand, canon)
        if ck == _FUNC_PROTO:
            return not btf_compat_fnproto(cand, canon)
        return False

    def btf_dedup_is_equiv(self, cand_id: int, canon_id: int) -> int:
        """Whether the type graphs from ``cand_id`` and ``canon_id`` are
        equivalent (1) or not (0), building the hypothetical map on the way.

        libbpf recurses into referenced types in order and returns the first
        result that is not 1; every step is either a verdict or "equal so
        far, now check these pairs".  So a depth-first walk with a stack of
        pairs (pushed in reverse) visits the same pairs in the same order and
        stops at the same verdict."""
        stack = [(cand_id, canon_id)]
        step = self._is_equiv_step
        while stack:
            cand_id, canon_id = stack.pop()
            if not step(cand_id, canon_id, stack):
                return 0
        return 1

    def _is_equiv_step(self, cand_id: int, canon_id: int, stack: list[tuple[int, int]]) -> bool:
        # one call of libbpf's btf_dedup_is_equiv(), its recursive calls
        # pushed on ``stack``
        m = self.map
        a, b = cand_id, canon_id  # resolve_type_id() of both, inline
        while m[a] <= _MAX_NR_TYPES and m[a] != a:
            a = m[a]
        while m[b] <= _MAX_NR_TYPES and m[b] != b:
            b = m[b]
        if a == b:
            return True
        recs = self.recs
        if (recs[canon_id][1] >> 24) & 0x7F == _FWD and (recs[b][1] >> 24) & 0x7F != _FWD:
            canon_id = b  # resolve_fwd_id()
        hm = self.hypot_map
        hypot = hm[canon_id]
        if hypot <= _MAX_NR_TYPES:
            if hypot == cand_id:
                return True
            # identical types the compiler emitted twice in one CU
            return self.btf_dedup_identical_types(hypot, cand_id, 16)
        self.hypot_list.append(canon_id)  # btf_dedup_hypot_map_add()
        hm[canon_id] = cand_id
        cand = recs[cand_id]
        canon = recs[canon_id]
        cand_kind = (cand[1] >> 24) & 0x7F
        canon_kind = (canon[1] >> 24) & 0x7F
        if cand[0] != canon[0]:
            return False
        # FWD <--> STRUCT/UNION
        if (cand_kind == _FWD or canon_kind == _FWD) and cand_kind != canon_kind:
            if cand_kind == _FWD:
                real_kind = canon_kind
                fwd_kind = _UNION if _kflag(cand) else _STRUCT
            else:
                real_kind = cand_kind
                fwd_kind = _UNION if _kflag(canon) else _STRUCT
                # a base FWD would need resolving to a STRUCT/UNION
                if fwd_kind == real_kind and canon_id < self.btf.start_id:
                    self.hypot_adjust_canon = True
            return fwd_kind == real_kind
        if cand_kind != canon_kind:
            return False
        if cand_kind == _INT:
            return btf_equal_int_tag(cand, canon)
        if cand_kind == _ENUM or cand_kind == _ENUM64:
            return btf_compat_enum(cand, canon)
        if cand_kind == _FWD or cand_kind == _FLOAT:
            return btf_equal_common(cand, canon)
        if cand_kind in _REF_KINDS:
            if cand[1] != canon[1]:
                return False
            stack.append((cand[2], canon[2]))
            return True
        if cand_kind == _ARRAY:
            if not btf_compat_array(cand, canon):
                return False
            stack.append((cand[3], canon[3]))  # element type, second
            stack.append((cand[4], canon[4]))  # index type, first
            return True
        if cand_kind == _STRUCT or cand_kind == _UNION:
            if not btf_shallow_equal_struct(cand, canon):
                return False
            for i in range(3 + 3 * _vlen(cand) - 2, 3, -3):  # members, last pushed first
                stack.append((cand[i], canon[i]))
            return True
        if cand_kind == _FUNC_PROTO:
            if not btf_compat_fnproto(cand, canon):
                return False
            for i in range(3 + 2 * _vlen(cand) - 1, 3, -2):
                stack.append((cand[i], canon[i]))
            stack.append((cand[2], canon[2]))  # the return type first
            return True
        raise self.fail("EINVAL", f"type [{cand_id}]: kind {cand_kind} in a type graph")

    def btf_dedup_identical_types(self, id1: int, id2: int, depth: int) -> bool:
        """Structural equality up to ``depth`` levels (libbpf passes 16, so
        this recursion is at most 16 deep).  As in libbpf, an ARRAY's element
        and index types compare with themselves (``a2 = btf_array(t1)``), so
        two arrays are identical when their sizes and counts are."""
        recs = self.recs
        steps = 0
        while True:
            t1 = recs[id1]
            t2 = recs[id2]
            if depth <= 0:
                return False
            k1 = _kind(t1)
            if k1 != _kind(t2):
                return False
            if k1 == 0:
                return True
            if k1 == _INT:
                return btf_equal_int_tag(t1, t2)
            if k1 == _ENUM or k1 == _ENUM64:
                return btf_compat_enum(t1, t2)
            if k1 == _FWD or k1 == _FLOAT:
                return btf_equal_common(t1, t2)
            if k1 in _REF_KINDS:
                if t1[1] != t2[1] or t1[0] != t2[0]:
                    return False
                id1, id2 = t1[2], t2[2]
                steps += 1
                if steps > len(recs):  # libbpf's `goto recur` loops forever here
                    raise LimitError(f"type [{id1}]: a cycle of modifiers with no struct in it")
                continue
            if k1 == _ARRAY:
                return btf_compat_array(t1, t2)
            if k1 == _STRUCT or k1 == _UNION:
                if not btf_shallow_equal_struct(t1, t2):
                    return False
                for i in range(4, 3 + 3 * _vlen(t1), 3):
                    if t1[i] != t2[i] and not self.btf_dedup_identical_types(t1[i], t2[i], depth - 1):
                        return False
                return True
            if k1 == _FUNC_PROTO:
                if not btf_compat_fnproto(t1, t2):
                    return False
                if t1[2] != t2[2] and not self.btf_dedup_identical_types(t1[2], t2[2], depth - 1):
                    return False
                for i in range(4, 3 + 2 * _vlen(t1), 2):
                    if t1[i] != t2[i] and not self.btf_dedup_identical_types(t1[i], t2[i], depth - 1):
                        return False
                return True
            return False

    def btf_dedup_merge_hypot_map(self) -> None:
        """Record what a successful equivalence check proved: FWDs resolved
        to STRUCT/UNION (also a base FWD), and candidate structs mapped to
        canonical ones where that is already safe."""
        m, hm, recs = self.map, self.hypot_map, self.recs
        resolve = self.resolve_type_id
        for canon_type_id in self.hypot_list:
            targ_type_id = hm[canon_type_id]
            t_id = resolve(targ_type_id)
            c_id = resolve(canon_type_id)
            t_kind = _kind(recs[t_id])
            c_kind = _kind(recs[c_id])
            if t_kind != _FWD and c_kind == _FWD:
                m[c_id] = t_id
            if self.hypot_adjust_canon:
                continue
            if t_kind == _FWD and c_kind != _FWD:
                m[t_id] = c_id
            if ((t_kind == _STRUCT or t_kind == _UNION) and c_kind != _FWD
                    and m[c_id] <= _MAX_NR_TYPES and not m[t_id] <= _MAX_NR_TYPES):
                m[t_id] = c_id

    # -- btf_dedup_resolve_fwds ----------------------------------------------------------------
    def btf_dedup_resolve_fwds(self) -> None:
        """A FWD still on its own resolves to the one canonical STRUCT/UNION
        of its name (base or split), if the name is unique."""
        recs, m = self.recs, self.map
        names: dict[int, int] = {}  # btf_dedup_fill_unique_names_map(); 0: not unique
        for type_id in range(1, len(recs)):
            t = recs[type_id]
            kind = _kind(t)
            if (kind != _STRUCT and kind != _UNION) or m[type_id] != type_id:
                continue
            names[t[0]] = 0 if t[0] in names else type_id
        for type_id in range(self.btf.start_id, len(recs)):  # btf_dedup_resolve_fwd()
            t = recs[type_id]
            if _kind(t) != _FWD or m[type_id] != type_id:
                continue
            cand_id = names.get(t[0], 0)
            if not cand_id:
                continue
            cand_kind = _kind(recs[cand_id])
            fwd_union = _kflag(t)
            if (cand_kind == _STRUCT and fwd_union) or (cand_kind == _UNION and not fwd_union):
                continue
            m[type_id] = cand_id

    # -- btf_dedup_ref_types -------------------------------------------------------------------
    def btf_dedup_ref_types(self) -> None:
        for type_id in range(self.btf.start_id, len(self.recs)):
            self.btf_dedup_ref_type(type_id)
        self.table = _DedupTable()  # not needed any more

    def _ref_frame(self, type_id: int) -> tuple[int, Record, list[int], list[int]]:
        # entering libbpf's btf_dedup_ref_type() for an unprocessed type:
        # mark it in progress, and list the words holding the ids it refers to
        t = self.recs[type_id]
        self.map[type_id] = _IN_PROGRESS
        kind = _kind(t)
        if kind in _REF_KINDS or kind == _DECL_TAG:
            pos = [2]
        elif kind == _ARRAY:
            pos = [3, 4]  # element type, then index type
        elif kind == _FUNC_PROTO:
            pos = [2] + list(range(4, 3 + 2 * _vlen(t), 2))
        else:
            raise self.fail("EINVAL", f"type [{type_id}]: kind {kind} is not a reference type")
        return type_id, t, pos, [0]

    def btf_dedup_ref_type(self, type_id: int) -> int:
        """The canonical id of reference type ``type_id``, deduplicating the
        reference types it refers to first (depth first, with an explicit
        stack of frames where libbpf recurses)."""
        m = self.map
        if m[type_id] == _IN_PROGRESS:
            raise self.fail("ELOOP", f"type [{type_id}]: reference loop")
        if m[type_id] <= _MAX_NR_TYPES:
            return self.resolve_type_id(type_id)
        recs = self.recs
        stack = [self._ref_frame(type_id)]
        result = 0
        while stack:
            tid, t, pos, idx = stack[-1]
            if idx[0] < len(pos):
                child = t[pos[idx[0]]]
                cm = m[child]
                if cm == _IN_PROGRESS:
                    raise self.fail("ELOOP", f"type [{child}]: reference loop")
                if cm <= _MAX_NR_TYPES:
                    t[pos[idx[0]]] = self.resolve_type_id(child)
                    idx[0] += 1
                else:
                    stack.append(self._ref_frame(child))
                continue
            # every referenced id is canonical now: look for an equal type
            kind = _kind(t)
            new_id = tid
            if kind == _DECL_TAG:
                h = btf_hash_int_decl_tag(t)
                equal = btf_equal_int_tag
            elif kind == _ARRAY:
                h = btf_hash_array(t)
                equal = btf_equal_array
            elif kind == _FUNC_PROTO:
                h = btf_hash_fnproto(t)
                equal = btf_equal_fnproto
            else:
                h = btf_hash_common(t)
                equal = btf_equal_common
            for cand_id in self.table.cands(h):
                if equal(t, recs[cand_id]):
                    new_id = cand_id
                    break
            m[tid] = new_id
            if tid == new_id:
                self.table.append(h, tid)
            stack.pop()
            if stack:
                _, pt, ppos, pidx = stack[-1]
                pt[ppos[pidx[0]]] = new_id
                pidx[0] += 1
            else:
                result = new_id
        return result

    # -- btf_dedup_compact_types / btf_dedup_remap_types ---------------------------------------
    def btf_dedup_compact_types(self) -> None:
        """Keep the canonical types of the split part, in id order;
        ``hypot_map`` becomes old id -> new id (base ids unchanged)."""
        btf, m = self.btf, self.map
        start = btf.start_id
        hm = list(range(start)) + [_UNPROCESSED] * (len(self.recs) - start)
        kept: list[Record] = []
        next_id = start
        for type_id in range(start, len(self.recs)):
            if m[type_id] != type_id:
                continue
            kept.append(self.recs[type_id])
            hm[type_id] = next_id
            next_id += 1
        self.hypot_map = hm
        self.compacted = kept

    def btf_dedup_remap_types(self) -> None:
        """Point every type id at its canonical type's new id."""
        hm, resolve = self.hypot_map, self.resolve_type_id
        for t in self.compacted:
            for p in _id_positions(t) or ():
                new_id = hm[resolve(t[p])]
                if new_id > _MAX_NR_TYPES:
                    raise self.fail("EINVAL", f"type id {t[p]} has no deduplicated type")
                t[p] = new_id
        btf = self.btf
        del btf.recs[btf.start_id:]
        btf.recs += self.compacted


_ERRNO_TEXT = {"EINVAL": "Invalid argument", "ELOOP": "Too many levels of symbolic links"}


def dedup_split(btf: _SplitBtf) -> None:
    """btf__dedup() on ``btf`` in place; :class:`MergeError` when libbpf's
    would fail (the errno's text, as bpftool prints it, and why)."""
    try:
        _BtfDedup(btf).run()
    except _DedupFailed as err:
        errno_name, what = err.args
        raise MergeError(f"failed to dedup combined BTF: {_ERRNO_TEXT.get(errno_name, errno_name)} ({what})") from None


def _load_split(src: Source, base: Btf) -> Btf:
    if isinstance(src, Btf):
        return src
    from .loader import load

    return load(src, base=base)


def add_btf(dst: _SplitBtf, src: Btf) -> int:
    """btf__add_btf(dst, src): see :meth:`_SplitBtf.add_btf`."""
    return dst.add_btf(src)


def dedup_btf(btf: Btf) -> Btf:
    """libbpf 1.8's ``btf__dedup()`` of one BTF (base or split): duplicate
    types merged, unused strings dropped and the rest deduplicated (a split
    BTF's strings that its base has take the base's offsets).

    Arguments:
        btf: the BTF to deduplicate; it is not changed.

    Returns:
        A new :class:`~btfkit.btf.Btf` on the same base, the bytes libbpf's
        ``btf__raw_data()`` gives after ``btf__dedup()`` (a 32-byte header,
        types, strings); its ``source`` is ``btf``'s.

    Raises:
        MergeError: where libbpf's ``btf__dedup`` fails (an unknown kind, a
            loop of reference types); :class:`~btfkit.errors.LimitError`
            where libbpf would not terminate.
    """
    work = _SplitBtf.from_btf(btf)
    dedup_split(work)
    return work.to_btf(btf.source)


def merge_btf_files(sources: Sequence[Source], base: Btf, *, validate: bool = True) -> Btf:
    """bpftool 7.8's ``merge_btf_files()``: several split BTFs on one base,
    appended in order and deduplicated, as one split BTF on ``base``.

    Arguments:
        sources: the split BTFs, in order.  A path (raw BTF or an ELF file
            with ``.BTF``) is read as split BTF on ``base``, as
            ``btf__parse_split()`` reads it, whatever it is; a
            :class:`~btfkit.btf.Btf` is taken as it is (its base must be
            ``base`` itself, or none: a base BTF is then appended whole,
            its ids and strings renumbered).
        base: the base BTF they share (vmlinux).  It is not changed; types
            equal to one of its types take its id.
        validate: check each source as libbpf 1.8 does when it parses
            (:meth:`Btf.validate`) before merging; inconsistent BTF raises.

    Returns:
        A :class:`~btfkit.btf.Btf` split on ``base``: its ``start_id`` is
        ``base.type_count``; its types are libbpf's, in libbpf's order with
        libbpf's ids (so bpftool's raw, JSON and C dumps of the merge are
        btfkit's dumps of it); its ``source`` names the inputs joined by
        ``+``; its pointer size is 8 (libbpf's ``btf__new_empty_split``).

    Raises:
        BtfError: a source cannot be read or is inconsistent (the source
            names the file); :class:`MergeError` when libbpf's
            ``btf__add_btf`` or ``btf__dedup`` would fail;
            :class:`~btfkit.errors.LimitError` where libbpf would not
            terminate.
    """
    if not sources:
        raise BtfError("no BTF to merge")
    combined = _SplitBtf(base)  # btf__new_empty_split(base)
    names: list[str] = []
    for src in sources:
        btf = _load_split(src, base)
        names.append(btf.source)
        if btf.base is not None and btf.base is not base:
            raise SplitBtfError("split BTF on another base than the merge's", source=btf.source)
        if validate:
            btf.validate()
        try:
            combined.add_btf(btf)
        except MergeError as err:
            raise MergeError(f"failed to merge BTF: {err.detail}", source=btf.source) from None
    dedup_split(combined)
    return combined.to_btf("+".join(names))
