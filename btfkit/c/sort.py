"""bpftool's order of a sorted ``format c`` dump (btf.c ``sort_btf_c``).

bpftool 7.5 and later visit the types of a full C dump sorted by a key made
of a rank (``btf_type_rank``: named enums first, then base types, named
structs and unions, named prototypes, the rest), a sort name
(``btf_type_sort_name``, seen through arrays, modifiers and typedefs), the
type's own name, a hash of names (``btf_type_disambig_hash``) and the id.
Names compare as bytes (``strcmp``); the hashes are bpftool's 64-bit
``hash * 31 + value`` over libbpf's ``str_hash`` (signed chars).

The walks through chains of modifiers are loops here (bpftool recurses, and
crashes on a loop of them; btfkit stops with a LimitError).
"""

from __future__ import annotations

from typing import Any

from ..errors import LimitError
from ..kinds import Kind
from ..fields import ARRAY_TYPE, HDR_WORDS, INFO, MEMBER_WORDS, NAME, TYPE
from ._scan import RawTypes, btf_chain

__all__ = ["sort_btf_c", "sort_key"]

_MASK = (1 << 64) - 1
_MAX_RANK = 10
ENUM, ENUM64 = int(Kind.ENUM), int(Kind.ENUM64)
INT, FLOAT = int(Kind.INT), int(Kind.FLOAT)
STRUCT, UNION = int(Kind.STRUCT), int(Kind.UNION)
FUNC_PROTO, ARRAY = int(Kind.FUNC_PROTO), int(Kind.ARRAY)
# the kinds bpftool sees through to t->type
_LINKS = frozenset(int(k) for k in (Kind.TYPE_TAG, Kind.CONST, Kind.PTR, Kind.VOLATILE, Kind.RESTRICT,
                                    Kind.TYPEDEF, Kind.DECL_TAG))


# the kinds whose btf_type_disambig_hash() looks past the type's own name
_HASH_DEEP = frozenset({ENUM, ENUM64, STRUCT, UNION, ARRAY} | _LINKS)


def str_hash(s: bytes) -> int:
    """libbpf's str_hash(): h = h * 31 + c over signed chars, in size_t
    (reduced once at the end: the same value modulo 2**64)."""
    h = 0
    if s.isascii():
        for c in s:
            h = h * 31 + c
    else:
        for c in s:
            h = h * 31 + (c - 256 if c >= 128 else c)
    return h & _MASK


def _all_names(btf: Any) -> dict[int, bytes]:
    """Every string of ``btf``'s sections (base first) by offset, as bytes:
    one split per section instead of a search per name."""
    names: dict[int, bytes] = {}
    for b in btf_chain(btf):
        strings = b.strings
        if not strings:
            continue
        parts = strings.split(b"\0")
        parts.pop()  # after the final NUL (or an unterminated tail: looked up one by one)
        off = b.start_str_off
        for part in parts:
            names[off] = part
            off += len(part) + 1
    names[0] = b""
    return names


class _Sorter:
    def __init__(self, raw: RawTypes) -> None:
        self.btf = raw.btf
        self.words = raw.words
        self.idx = raw.idx
        self.kinds = raw.kinds
        self.limit = len(self.kinds)
        self._names: dict[int, bytes] = _all_names(self.btf)
        self._hashes: dict[int, int] = {}
        self._str_hashes: dict[int, int] = {}

    def name(self, off: int) -> bytes:
        # btf__name_by_offset() as bytes (strcmp compares bytes), read from
        # the string section of the blob the offset falls in; an offset
        # outside the strings is NULL in libbpf (bpftool would crash in
        # strcmp): compared as empty
        n = self._names.get(off)
        if n is None:
            b = self.btf
            while b.base is not None and off < b.start_str_off:
                b = b.base
            local = off - b.start_str_off
            strings = b.strings
            if 0 <= local < len(strings):
                end = strings.find(b"\0", local)
                n = strings[local:end if end >= 0 else len(strings)]
            else:
                n = b""
            self._names[off] = n
        return n

    def _next(self, tid: int, kind: int) -> int:
        i = self.idx[tid]
        return int(self.words[i + (ARRAY_TYPE if kind == ARRAY else TYPE)])

    def _too_long(self, tid: int) -> LimitError:
        return LimitError(f"type [{tid}]: its chain of modifiers loops (bpftool's sort recurses on it until "
                          "it crashes)", source=self.btf.source)

    def rank(self, tid: int) -> int:
        # btf_type_rank(btf, tid, false): a named link ranks as its target
        kind = self.kinds[tid]
        named = bool(self.words[self.idx[tid] + NAME])
        if kind == ENUM or kind == ENUM64:
            return 1 if named else 0
        if (kind == ARRAY or kind in _LINKS) and named:
            return self.rank_named(self._next(tid, kind))
        if kind in (ARRAY, *_LINKS):
            return _MAX_RANK
        return self.rank_named(tid) if named or kind in (INT, FLOAT) else _MAX_RANK

    def rank_named(self, tid: int) -> int:
        """btf_type_rank(btf, tid, true): the rank of a named link's target."""
        kinds = self.kinds
        start = tid
        for _ in range(self.limit + 1):
            kind = kinds[tid]
            if kind == ENUM or kind == ENUM64:
                return 1
            if kind == INT or kind == FLOAT:
                return 2
            if kind == STRUCT or kind == UNION:
                return 3
            if kind == FUNC_PROTO:
                return 4
            if kind == ARRAY or kind in _LINKS:
                tid = self._next(tid, kind)
                continue
            return _MAX_RANK
        raise self._too_long(start)

    def sort_name_ref(self, tid: int) -> bytes:
        """btf_type_sort_name(btf, tid, true): what a link's sort name is."""
        words, idx, kinds = self.words, self.idx, self.kinds
        start = tid
        for _ in range(self.limit + 1):
            kind = kinds[tid]
            if kind == ARRAY or kind in _LINKS:
                tid = self._next(tid, kind)
                continue
            return self.name(words[idx[tid] + NAME])
        raise self._too_long(start)

    def sort_name(self, tid: int) -> bytes:
        # btf_type_sort_name(btf, tid, false)
        words, idx, kinds = self.words, self.idx, self.kinds
        from_ref = False
        start = tid
        for _ in range(self.limit + 1):
            kind = kinds[tid]
            i = idx[tid]
            if kind == ENUM or kind == ENUM64:
                name_off = words[i + NAME]
                if not from_ref and not name_off and words[i + INFO] & 0xFFFFFF:
                    name_off = words[i + HDR_WORDS]  # the first enumerator's name
                return self.name(name_off)
            if kind == ARRAY or kind in _LINKS:
                tid = self._next(tid, kind)
                from_ref = True
                continue
            return self.name(words[i + NAME])
        raise self._too_long(start)

    def _name_hash(self, h: int, name_off: int) -> int:
        # btf_name_hasher()
        if not name_off:
            return h
        sh = self._str_hashes.get(name_off)
        if sh is None:
            sh = self._str_hashes[name_off] = str_hash(self.name(name_off))
        return (h * 31 + sh) & _MASK

    def disambig_hash(self, tid: int, include_members: bool) -> int:
        # btf_type_disambig_hash(); chains of links as a loop: each link
        # adds its own part, then hasher(part, hash of what it points to)
        if not include_members:
            h = self._hashes.get(tid)
            if h is not None:
                return h
        words, idx, kinds = self.words, self.idx, self.kinds
        parts: list[int] = []
        start = tid
        for _ in range(self.limit + 1):
            kind = kinds[tid]
            i = idx[tid]
            h = self._name_hash(0, words[i + NAME])
            if kind == ENUM or kind == ENUM64:
                step = 2 if kind == ENUM else 3
                for k in range(words[i + INFO] & 0xFFFFFF):
                    h = self._name_hash(h, words[i + HDR_WORDS + k * step])
                break
            if kind == STRUCT or kind == UNION:
                if include_members:
                    hget = self._hashes.get
                    sget = self._str_hashes.get
                    m = i + HDR_WORDS
                    for m in range(m, m + MEMBER_WORDS * (words[i + INFO] & 0xFFFFFF), MEMBER_WORDS):
                        no = words[m]
                        if no:  # btf_name_hasher(h, member name)
                            sh = sget(no)
                            if sh is None:
                                sh = self._name_hash(0, no)
                            h = (h * 31 + sh) & _MASK
                        mh = hget(words[m + 1])
                        if mh is None:
                            mh = self.disambig_hash(words[m + 1], False)
                        h = (h * 31 + mh) & _MASK
                break
            if kind in _LINKS:
                parts.append(h)
                tid = words[i + TYPE]
                continue
            if kind == ARRAY:
                nelems = words[i + HDR_WORDS + 2]
                parts.append((h * 31 + nelems) & _MASK)
                tid = words[i + ARRAY_TYPE]
                continue
            break
        else:
            raise self._too_long(start)
        for p in reversed(parts):
            h = (p * 31 + h) & _MASK
        if not include_members:
            self._hashes[start] = h
        return h


def sort_key(s: _Sorter, tid: int) -> tuple[int, bytes, bytes, int, int]:
    """bpftool's sort_datum for type ``tid``, in btf_type_compare order."""
    own = s.name(s.words[s.idx[tid] + NAME])
    return (s.rank(tid), s.sort_name(tid), own, s.disambig_hash(tid, True), tid)


def _keys(s: _Sorter) -> list[tuple[int, bytes, bytes]]:
    """(rank, sort name, own name) of every id, as _Sorter.rank/sort_name
    compute them, in one loop with the chain walks memoised (a typedef's
    rank and sort name are its target's)."""
    words, idx, kinds, name = s.words, s.idx, s.kinds, s.name
    links = _LINKS
    rank_named: dict[int, int] = {}   # rank with has_name already true
    ref_names: dict[int, bytes] = {}  # sort name with from_ref true

    def follow_rank(tid: int) -> int:
        r = rank_named.get(tid)
        if r is None:
            r = rank_named[tid] = s.rank_named(tid)
        return r

    def follow_name(tid: int) -> bytes:
        n = ref_names.get(tid)
        if n is None:
            n = ref_names[tid] = s.sort_name_ref(tid)
        return n

    out: list[tuple[int, bytes, bytes]] = []
    append = out.append
    for tid in range(len(kinds)):
        kind = kinds[tid]
        i = idx[tid]
        no = words[i + NAME]
        own = name(no) if no else b""
        if kind == ENUM or kind == ENUM64:
            rank = 1 if no else 0
            if not no and words[i + INFO] & 0xFFFFFF:
                sname = name(words[i + HDR_WORDS])
            else:
                sname = own
        elif kind == ARRAY or kind in links:
            nxt = words[i + (ARRAY_TYPE if kind == ARRAY else TYPE)]
            rank = follow_rank(nxt) if no else _MAX_RANK
            sname = follow_name(nxt)
        else:
            if kind == INT or kind == FLOAT:
                rank = 2
            elif kind == STRUCT or kind == UNION:
                rank = 3 if no else _MAX_RANK
            elif kind == FUNC_PROTO:
                rank = 4 if no else _MAX_RANK
            else:
                rank = _MAX_RANK
            sname = own
        append((rank, sname, own))
    return out


def sort_btf_c(raw: RawTypes) -> list[int]:
    """Every id from 0 (void) to the last, in bpftool's sorted order
    (``sort_btf_c``).  bpftool visits entries 1.. of this list: entry 0 is
    not visited.

    The hash only breaks ties of rank and names, so it is computed for the
    types that tie (the order is the same as sorting by :func:`sort_key`)."""
    s = _Sorter(raw)
    keys = _keys(s)
    words, idx, kinds, name_hash, disambig_hash = s.words, s.idx, s.kinds, s._name_hash, s.disambig_hash

    def tie_key(tid: int) -> tuple[int, int]:
        # (btf_type_disambig_hash(tid, true), id); a kind without members,
        # enumerators or a link hashes its own name only
        if kinds[tid] in _HASH_DEEP:
            return disambig_hash(tid, True), tid
        return name_hash(0, words[idx[tid] + NAME]), tid

    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: ids ascend within a tie
    out: list[int] = []
    i, n = 0, len(order)
    while i < n:
        j = i + 1
        k = keys[order[i]]
        while j < n and keys[order[j]] == k:
            j += 1
        if j - i > 1:
            out.extend(sorted(order[i:j], key=tie_key))
        else:
            out.append(order[i])
        i = j
    return out
