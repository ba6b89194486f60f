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

from array import array
from itertools import compress, islice
from operator import add, eq, ne, sub

from ..errors import LimitError
from ..kinds import Kind
from ..fields import (
    ARRAY_NELEMS, ARRAY_TYPE, ENUM64_NAME, ENUM64_WORDS, ENUM_NAME, ENUM_WORDS, HDR_WORDS, INFO, MEMBER_NAME,
    MEMBER_TYPE, MEMBER_WORDS, NAME, TYPE,
)
from ..words import RawTypes, btf_chain, gather, kind_table

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
# the kinds whose hash with members is a function of the type alone, whose
# walk can only fail in its members' types
_ONE_HASH = frozenset({ENUM, ENUM64, STRUCT, UNION})
_NOT = bytes((1, *bytes(255)))  # bytes.translate(): 0 -> 1, 1 -> 0
_HASH_DEEP_TABLE = kind_table(_HASH_DEEP)


def str_hash(s: str) -> int:
    """libbpf's str_hash(): h = h * 31 + c over signed chars, in size_t.
    ``s`` holds one character per byte of the C string (see
    :func:`_all_names`).

    Over ASCII that loop computes the polynomial sum(c_k * 31**(n-1-k)),
    reduced modulo 2**64 (the same at every step or once at the end).
    Writing each c as 31 * hi + lo (hi <= 4, lo < 31) splits it into two
    numbers written in base 31 with one digit per character, which int()
    reads in C: int(lo digits, 31) + 31 * int(hi digits, 31).  Bytes from
    128 (negative chars) run the loop itself, reduced every 12 characters
    so the numbers stay small."""
    raw = s.encode("latin-1")
    if raw.isascii():
        if not raw:
            return 0
        return (int(raw.translate(_B31_LO), 31) + 31 * int(raw.translate(_B31_HI), 31)) & _MASK
    h = 0
    for k in range(0, len(raw), 12):
        for c in raw[k:k + 12]:
            h = h * 31 + (c - 256 if c >= 128 else c)
        h &= _MASK
    return h


# str_hash(): each ASCII byte's c % 31 and c // 31 as a base-31 digit
# (int()'s 0-9a-u); bytes from 128 never reach these
_B31_DIGITS = b"0123456789abcdefghijklmnopqrstu"
_B31_LO = bytes(_B31_DIGITS[c % 31] for c in range(128)) + bytes(128)
_B31_HI = bytes(_B31_DIGITS[c // 31] for c in range(128)) + bytes(128)


def _all_names(raw: RawTypes) -> dict[int, str]:
    """Every string of the type words' sections (base first) by offset, one
    character per byte, so that strings compare as ``strcmp`` compares the
    bytes: the printer's own table (:meth:`RawTypes.strings_by_offset`) when
    every section is ASCII (not to be modified), else the bytes read as
    latin-1."""
    chain = btf_chain(raw.btf)
    if all(b.strings.isascii() for b in chain):
        return raw.strings_by_offset()
    names: dict[int, str] = {}
    for b in chain:
        strings = b.strings
        if not strings:
            continue
        parts = strings.decode("latin-1").split("\0")
        parts.pop()  # after the final NUL (or an unterminated tail: looked up one by one)
        off = b.start_str_off
        for part in parts:
            names[off] = part
            off += len(part) + 1
    return names


class _Sorter:
    def __init__(self, raw: RawTypes) -> None:
        self.btf = raw.btf
        self.words = raw.words
        self.idx = raw.idx
        self.kinds = raw.kinds
        self.limit = len(self.kinds)
        self._names: dict[int, str] = _all_names(raw)
        self._odd_names: dict[int, str] = {0: ""}  # offsets not in _names
        # disambig_hash() by id, without and with members (for a struct
        # met at the end of a chain: the struct's own hash with members)
        self._hashes: dict[int, int] = {}
        self._member_hashes: dict[int, int] = {}
        self._str_hashes: dict[int, int] = {}
        # True once _link_keys() has followed every chain of links and
        # arrays to its end: no walk through them can loop or leave the ids
        self.chains_end = False

    def name(self, off: int) -> str:
        # btf__name_by_offset(), one character per byte (strcmp compares
        # bytes), read from the string section of the blob the offset
        # falls in; an offset outside the strings is NULL in libbpf
        # (bpftool would crash in strcmp): compared as empty
        n = self._names.get(off)
        if n is None:
            n = self._odd_names.get(off)
        if n is None:
            b = self.btf
            while b.base is not None and off < b.start_str_off:
                b = b.base
            local = off - b.start_str_off
            strings = b.strings
            if 0 <= local < len(strings):
                end = strings.find(b"\0", local)
                n = strings[local:end if end >= 0 else len(strings)].decode("latin-1")
            else:
                n = ""
            self._odd_names[off] = n
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

    def sort_name_ref(self, tid: int) -> str:
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

    def sort_name(self, tid: int) -> str:
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
                    name_off = words[i + (ENUM_NAME if kind == ENUM else ENUM64_NAME)]  # the first enumerator's name
                return self.name(name_off)
            if kind == ARRAY or kind in _LINKS:
                tid = self._next(tid, kind)
                from_ref = True
                continue
            return self.name(words[i + NAME])
        raise self._too_long(start)

    def _str_hash_of(self, name_off: int) -> int:
        # str_hash() of the name at name_off (not 0), memoised by offset
        # (a string's start read from the table without a call to name())
        n = self._names.get(name_off)
        sh = self._str_hashes[name_off] = str_hash(self.name(name_off) if n is None else n)
        return sh

    def disambig_hash(self, tid: int, include_members: bool) -> int:
        # btf_type_disambig_hash(); chains of links as a loop: each link
        # adds its own part, then hasher(part, hash of what it points to).
        # btf_name_hasher(h, off) is (h * 31 + str_hash(name)) for off != 0,
        # h for 0; str_hash() memoised by offset in _str_hashes
        memo = self._hashes if not include_members else self._member_hashes
        h = memo.get(tid)
        if h is not None:
            return h
        words, idx, kinds = self.words, self.idx, self.kinds
        sget, str_hash_of = self._str_hashes.get, self._str_hash_of
        parts: list[int] = []
        start = tid
        for _ in range(self.limit + 1):
            kind = kinds[tid]
            i = idx[tid]
            no = words[i + NAME]
            # btf_name_hasher(0, t->name_off)
            if no:
                h = sget(no)
                if h is None:
                    h = str_hash_of(no)
            else:
                h = 0
            if kind == ENUM or kind == ENUM64:
                step, first = (ENUM_WORDS, ENUM_NAME) if kind == ENUM else (ENUM64_WORDS, ENUM64_NAME)
                first += i
                for no in words[first:first + step * (words[i + INFO] & 0xFFFFFF):step]:
                    if no:  # btf_name_hasher(h, enumerator name)
                        sh = sget(no)
                        if sh is None:
                            sh = str_hash_of(no)
                        h = (h * 31 + sh) & _MASK
                break
            if kind == STRUCT or kind == UNION:
                if include_members and tid != start and tid in self._member_hashes:
                    h = self._member_hashes[tid]  # the struct's own hash, members included
                elif include_members:
                    hget, disambig_hash = self._hashes.get, self.disambig_hash
                    m = i + HDR_WORDS
                    end = m + MEMBER_WORDS * (words[i + INFO] & 0xFFFFFF)
                    for no, mtype in zip(words[m + MEMBER_NAME - HDR_WORDS:end:MEMBER_WORDS],
                                         words[m + MEMBER_TYPE - HDR_WORDS:end:MEMBER_WORDS]):
                        if no:  # btf_name_hasher(h, member name)
                            sh = sget(no)
                            if sh is None:
                                sh = str_hash_of(no)
                            h = (h * 31 + sh) & _MASK
                        mh = hget(mtype)
                        if mh is None:
                            mh = disambig_hash(mtype, False)
                        h = (h * 31 + mh) & _MASK
                    if tid != start:
                        self._member_hashes[tid] = h
                break
            if kind in _LINKS:
                parts.append(h)
                tid = words[i + TYPE]
            elif kind == ARRAY:
                nelems = words[i + ARRAY_NELEMS]
                parts.append((h * 31 + nelems) & _MASK)
                tid = words[i + ARRAY_TYPE]
            else:
                break
            # the rest of the chain is known when its hash (the same with
            # or without members, but for a struct or union: in ``memo``
            # as this walk would find it) is
            h = memo.get(tid)
            if h is not None:
                break
        else:
            raise self._too_long(start)
        for p in reversed(parts):
            h = (p * 31 + h) & _MASK
        memo[start] = h
        return h


    def walk_member_types(self, tid: int) -> None:
        """What disambig_hash(tid, True) of a struct or union walks besides
        names: its members' types' hashes (which raise on a loop of links,
        where bpftool crashes).  Nothing for an enum.  Once every chain of
        links and arrays is known to end (:attr:`chains_end`), only the
        members' type ids are checked: the walks cannot fail."""
        if self.kinds[tid] == STRUCT or self.kinds[tid] == UNION:
            words, i = self.words, self.idx[tid]
            m = i + MEMBER_TYPE
            mtypes = words[m:m + MEMBER_WORDS * (words[i + INFO] & 0xFFFFFF):MEMBER_WORDS]
            if self.chains_end and (not mtypes or max(mtypes) < self.limit):
                return
            hget, disambig_hash = self._hashes.get, self.disambig_hash
            for mtype in mtypes:
                if hget(mtype) is None:
                    disambig_hash(mtype, False)


def sort_key(s: _Sorter, tid: int) -> tuple[int, str, str, int, int]:
    """bpftool's sort_datum for type ``tid``, in btf_type_compare order."""
    own = s.name(s.words[s.idx[tid] + NAME])
    return (s.rank(tid), s.sort_name(tid), own, s.disambig_hash(tid, True), tid)


# btf_type_rank() of a kind that is not a link or an enum, as one
# character (ranks compare as characters; "\0" is kept out of keys), for a
# named and an anonymous type
_RANK_CHR_NAMED = [chr(65 + _MAX_RANK)] * 256
_RANK_CHR_ANON = [chr(65 + _MAX_RANK)] * 256
for _k, _named, _anon in ((INT, 2, 2), (FLOAT, 2, 2), (STRUCT, 3, _MAX_RANK), (UNION, 3, _MAX_RANK),
                          (FUNC_PROTO, 4, _MAX_RANK)):
    _RANK_CHR_NAMED[_k], _RANK_CHR_ANON[_k] = chr(65 + _named), chr(65 + _anon)
# bytes.translate() tables marking the kinds whose key _keys() works out
# from what they refer to (links, arrays) and from their enumerators
_LINK_TABLE = kind_table(_LINKS | {ARRAY})
_ENUM_TABLE = kind_table(frozenset({ENUM, ENUM64}))
# the word of a link's or array's record that holds the next id of its chain
_NEXT_WORD = [ARRAY_TYPE if k == ARRAY else TYPE for k in range(256)]
# btf_type_rank(btf, tid, true) of the kind that ends a chain, as a character
_RANK_CHR_REF = [chr(65 + _MAX_RANK)] * 256
for _k, _r in ((ENUM, 1), (ENUM64, 1), (INT, 2), (FLOAT, 2), (STRUCT, 3), (UNION, 3), (FUNC_PROTO, 4)):
    _RANK_CHR_REF[_k] = chr(65 + _r)
# _link_keys(): chains longer than this are walked one by one (a kernel's
# longest is a few steps; a loop never ends)
_CHAIN_STEPS = 32


def _keys(s: _Sorter, ids: list[int]) -> list[str]:
    """For every id, one string whose order is bpftool's order of (rank,
    sort name, own name) -- ``chr(65 + rank) + sort_name + "\0" + own`` --
    as _Sorter.rank/sort_name compute them (a link's rank and sort name are
    those of where its chain ends: :func:`_link_keys`).  Names hold
    no NUL, so the NUL ends the sort name as strcmp would.  ``ids`` is
    ``list(range(len(s.kinds)))``, made once for every pass over the ids."""
    words, idx, kinds, name = s.words, s.idx, s.kinds, s.name

    # every id's name_off (void's is 0; the blobs' own arrays, read by the
    # parse) and own name ("" for none; an offset that is not a string's
    # start is looked up one by one)
    nos = array("I", (0,))
    for b in btf_chain(s.btf):
        nos.extend(b.name_offsets)
    nos_list: list[int] = nos.tolist()
    get = s._names.get
    found = list(map(get, nos_list))  # (offset 0 is the empty string's)
    owns: list[str] = found if None not in found else \
        [own if own is not None else name(no) for own, no in zip(found, nos_list)]  # type: ignore[assignment]
    # the key of a kind that is not a link, an array or an enum
    named_chr, anon_chr = _RANK_CHR_NAMED, _RANK_CHR_ANON
    out = [f"{named_chr[k] if no else anon_chr[k]}{own}\0{own}" for k, no, own in zip(kinds, nos_list, owns)]
    # links and arrays: rank and sort name from the end of their chain
    # (btf_type_rank(.., true) and btf_type_sort_name(.., true) of what
    # they refer to)
    if _link_keys(s, ids, out, nos_list, owns):
        s.chains_end = True
    else:
        _link_keys_walked(s, out, nos_list, owns)
    # enums: rank 0 or 1, an anonymous one sorted by its first enumerator
    enum = ENUM
    for tid in compress(ids, kinds.translate(_ENUM_TABLE)):
        kind = kinds[tid]
        i = idx[tid]
        no = nos_list[tid]
        if not no and words[i + INFO] & 0xFFFFFF:
            # rank 0, sorted by the first enumerator's name
            out[tid] = "A" + name(words[i + (ENUM_NAME if kind == enum else ENUM64_NAME)]) + "\0"
        else:
            out[tid] = ("B" if no else "A") + owns[tid] + "\0" + owns[tid]
    return out


def _link_keys(s: _Sorter, ids: list[int], out: list[str], nos: list[int], owns: list[str]) -> bool:
    """The keys of the links and arrays (see :func:`_keys`), from where each
    one's chain ends, found a step at a time for all of them at once.
    False (nothing changed) when a chain is longer than
    :data:`_CHAIN_STEPS`, loops, or leaves the ids: the walks of
    :func:`_link_keys_walked` then say what bpftool would do."""
    words, idx, kinds = s.words, s.idx, s.kinds
    links = list(compress(ids, kinds.translate(_LINK_TABLE)))
    if not links:
        return True
    # the word holding each one's next id (t->type, an array's type)
    at = list(map(add, gather(idx, links), map(_NEXT_WORD.__getitem__, gather(kinds, links))))
    nxt = ids[:]  # each id's next in its chain (itself at the end)
    follows = _LINK_TABLE
    try:
        ends = list(gather(words, at))
        for tid, t in zip(links, ends):
            nxt[tid] = t
        # the chains that go on past their first step (their places in
        # ``links``), followed a step at a time; those that end drop out
        going = bytes(gather(kinds, ends)).translate(follows)
        pend = list(compress(range(len(links)), going))
        cur = list(compress(ends, going))
        for _ in range(_CHAIN_STEPS):
            if not pend:
                break
            cur = list(map(nxt.__getitem__, cur))
            going = bytes(gather(kinds, cur)).translate(follows)
            stop = going.translate(_NOT)
            for p, e in zip(compress(pend, stop), compress(cur, stop)):
                ends[p] = e
            pend = list(compress(pend, going))
            cur = list(compress(cur, going))
        else:
            return False  # longer, or a loop of links
    except IndexError:
        return False
    ref_chr, anon_link = _RANK_CHR_REF, chr(65 + _MAX_RANK)
    for tid, e in zip(links, ends):
        # a named link: its target's rank (btf_type_rank(.., true)); an
        # anonymous one ranks last
        out[tid] = f"{ref_chr[kinds[e]]}{owns[e]}\0{owns[tid]}" if nos[tid] else f"{anon_link}{owns[e]}\0"
    return True


def _link_keys_walked(s: _Sorter, out: list[str], nos: list[int], owns: list[str]) -> None:
    """:func:`_link_keys` by walking each link's chain with
    _Sorter.sort_name_ref/rank_named (memoised by target): what raises a
    LimitError on a loop of links as bpftool's recursion crashes."""
    words, idx, kinds = s.words, s.idx, s.kinds
    rank_named: dict[int, int] = {}   # rank with has_name already true
    ref_names: dict[int, str] = {}  # sort name with from_ref true
    array_kind = ARRAY
    anon_link = chr(65 + _MAX_RANK)  # an anonymous link or array's rank
    for tid in compress(range(len(kinds)), kinds.translate(_LINK_TABLE)):
        kind = kinds[tid]
        i = idx[tid]
        no = nos[tid]
        nxt = words[i + (ARRAY_TYPE if kind == array_kind else TYPE)]
        sort_name = ref_names.get(nxt)
        if sort_name is None:
            sort_name = ref_names[nxt] = s.sort_name_ref(nxt)
        if not no:
            out[tid] = anon_link + sort_name + "\0"
            continue
        r = rank_named.get(nxt)
        if r is None:
            r = rank_named[nxt] = s.rank_named(nxt)
        out[tid] = chr(65 + r) + sort_name + "\0" + owns[tid]


def sort_btf_c(raw: RawTypes) -> list[int]:
    """Every id from 0 (void) to the last, in bpftool's sorted order
    (``sort_btf_c``).  bpftool visits entries 1.. of this list: entry 0 is
    not visited.

    The hash only breaks ties of rank and names, so it is computed for the
    runs of equal keys left after sorting by them (the order is the same as
    sorting by :func:`sort_key`)."""
    s = _Sorter(raw)
    ids = list(range(len(s.kinds)))  # (the ints made once)
    keys = _keys(s, ids)
    words, idx, kinds, disambig_hash = s.words, s.idx, s.kinds, s.disambig_hash
    hash_deep, links = _HASH_DEEP, _LINKS
    member_hashes, sget, str_hash_of = s._member_hashes, s._str_hashes.get, s._str_hash_of

    limit = s.limit

    def tie_terminal(tid: int) -> int:
        # where tid's btf_type_disambig_hash(tid, true) is decided.  An
        # anonymous link adds hasher(0, h) = h: its target's hash is its
        # own, so the walk starts past them
        t = tid
        for _ in range(limit):
            i = idx[t]
            if kinds[t] not in links or words[i + NAME]:  # (an anonymous link hashes as its target)
                return t
            t = words[i + TYPE]
        return tid  # a loop of links: disambig_hash() says so

    order = sorted(ids, key=keys.__getitem__)  # stable: ids ascend within a tie
    in_order = list(map(keys.__getitem__, order))
    # the positions whose key equals the one before: runs of them, each
    # with the position before it, are the ties.  Positions of one run are
    # consecutive, so position minus place in ``same`` tells the runs apart
    same = list(compress(islice(ids, 1, None), map(eq, in_order, islice(in_order, 1, None))))
    m = len(same)
    run_of = list(map(sub, same, range(m)))
    bounds = [0, *compress(range(1, m), map(ne, islice(run_of, 1, None), run_of)), m] if m else []
    for a, b in zip(bounds, islice(bounds, 1, None)):
        first, end = same[a] - 1, same[b - 1] + 1
        run = order[first:end]
        # the tie key, (btf_type_disambig_hash(tid, true), id) as one
        # number, is the id alone where the hash is 0: an anonymous type
        # (the run shares its own name) that is not a link and has no
        # members, enumerators or elements.  Those come first, in the
        # run's (id) order; only the others' keys are sorted
        tkeys: list[int] = []
        moved = bytearray(len(run))  # 1 where the hash is not 0
        if in_order[first].endswith("\0"):  # anonymous
            hashed = list(compress(range(len(run)), bytes(gather(kinds, run)).translate(_HASH_DEEP_TABLE)))
        else:
            hashed = list(range(len(run)))
        # tie_terminal() of each (a named type or a kind other than a link
        # is its own)
        terms = [t if kinds[t] not in links or words[idx[t] + NAME] else tie_terminal(t)
                 for t in map(run.__getitem__, hashed)]
        if len(terms) == len(run) and terms.count(terms[0]) == len(terms) and kinds[terms[0]] in _ONE_HASH:
            # every id hashes as one struct, union or enum: equal hashes,
            # so the ids' order stays.  (bpftool still walks the members'
            # types: a loop of links there crashes it, and stops btfkit)
            s.walk_member_types(terms[0])
            continue
        for p, t in zip(hashed, terms):
            # btf_type_disambig_hash(t, true) of a tie_terminal(): a kind
            # without members, enumerators or a link hashes its own name
            # only (btf_name_hasher(0, name_off))
            if kinds[t] in hash_deep:
                h = member_hashes.get(t)
                if h is None:
                    h = disambig_hash(t, True)
            else:
                no = words[idx[t] + NAME]
                if not no:
                    continue
                h = sget(no)
                if h is None:
                    h = str_hash_of(no)
            if h:
                tkeys.append(h << 32 | run[p])
                moved[p] = 1
        if tkeys:
            tkeys.sort()
            order[first:end] = [*compress(run, moved.translate(_NOT)), *[k & 0xFFFFFFFF for k in tkeys]]
    return order
