"""Btf: a parsed .BTF blob, base or split, with lookups by id and by name.

Parsing follows libbpf (``btf_parse_hdr``, ``btf_parse_str_sec``,
``btf_parse_type_sec``): the header and section bounds are checked first, then
one pass over the type section records each type's offset, kind and name
offset; records are decoded on demand (``btf[id]``) and cached.  Every check
that fails raises a :class:`~btfkit.errors.BtfError` naming the section, the
byte offset and the type id.
"""

from __future__ import annotations

import struct
import sys
from array import array
from itertools import accumulate, compress
from types import SimpleNamespace
from ._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .errors import BtfError, BtfLookupError, BtfParseError, BtfValidationError, SplitBtfError, UnsupportedError
from .kinds import KIND_LAYOUT, KIND_NAMES, NR_KINDS, Kind, kind_name
from .fields import ARRAY_INDEX, ARRAY_TYPE, HDR_WORDS, TYPE
# the struct formats only: the construct schemas (btfkit.schema.btf) load on
# first use of Btf.schemas, not to read a blob
from .schema.btf_formats import BTF_VERSION, HDR_LEN_LAYOUT, HDR_LEN_V1, detect_byteorder, formats
from . import types as T
from .words import RawTypes, gather, kind_table

if TYPE_CHECKING:
    from typing import Any, Iterator, Protocol, TypeVar, overload
    from .btf_ext import BtfExt
    from .elf import ElfFile

    # Btf.get() / Btf.find_one(): the class asked for is the class returned
    _K = TypeVar("_K", bound=T.BtfType)

    class _HasType(Protocol):
        """What Btf.follow() follows: a member, parameter, secinfo or type with a ``type`` id."""

        @property
        def type(self) -> int: ...

MAX_TYPES = 0x7FFFFFFF
# after a blob's type words (Btf.record_words()): one zeroed record header
# (name_off, info, size_or_type)
_PAD_WORDS = (0, 0, 0)

# determine_ptr_size(): names of a C 'long' as compilers spell them
_LONG_ALIASES = frozenset((
    "long", "long int", "int long", "unsigned long", "long unsigned", "unsigned long int",
    "unsigned int long", "long unsigned int", "long int unsigned", "int unsigned long",
    "int long unsigned",
))
_HOST_PTR_SZ = 8  # sizeof(void *) of the x86-64 tools btfkit mirrors
# btf_validate_type(): kinds whose t->type must be a valid id
_VALIDATE_TYPE_KINDS = frozenset((Kind.PTR, Kind.TYPEDEF, Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.VAR,
                                  Kind.DECL_TAG, Kind.TYPE_TAG))
# ... and their classes (Btf._problems())
_VALIDATE_TYPE_CLASSES = (T.Ptr, T.Typedef, T.Volatile, T.Const, T.Restrict, T.Var, T.DeclTag, T.TypeTag)


class Header(NamedTuple):
    magic: int
    version: int
    flags: int
    hdr_len: int
    type_off: int
    type_len: int
    str_off: int
    str_len: int
    layout_off: int | None = None
    layout_len: int | None = None


class Btf:
    """A BTF blob.  Ids start at ``start_id`` (1 for base BTF); ids below it
    belong to ``base``.  ``btf[0]`` is void."""

    source: str
    """Where the blob came from: the path given to :func:`btfkit.load`, or
    ``'<bytes>'``; error messages start with it."""
    base: "Btf | None"
    """The base BTF of split BTF; None for base BTF."""
    data: bytes
    """The whole blob (header, types, strings)."""
    byteorder: str
    """``'little'`` or ``'big'``, from the magic."""
    header: Header
    """The header fields as read."""
    strings: bytes
    """This blob's string section (not the base's)."""
    start_id: int
    """The first id of this blob's own types: 1, or for split BTF the
    base's :attr:`type_count`."""
    start_str_off: int
    """The first string offset of this blob's strings: 0, or for split BTF
    the length of the base's string space."""
    nr_types: int
    """How many types this blob holds (not counting void or the base)."""
    layout: list[tuple[int, int]] | None
    """The layout section, ``(info_sz, elem_sz)`` per kind, of a blob in the
    32-byte header form that has one; None otherwise."""

    def __init__(self, data: bytes, *, base: "Btf | None" = None, source: str = "<bytes>") -> None:
        self.source = source
        self.base = base
        self.data = bytes(data)
        self._ext: "BtfExt | None" = None
        self._ext_data: bytes | None = None  # .BTF.ext bytes, parsed on first use
        self._raw_types: "RawTypes | None" = None  # raw_types(), built on first use
        #: the ELF file it came from (:class:`btfkit.elf.ElfFile`), if any
        self.elf: "ElfFile | None" = None
        # libbpf's btf->ptr_sz: 0 until set (ELF class) or guessed, -1 when
        # the guess found no C long
        self._ptr_sz = 0
        #: What is odd about the blob but does not stop libbpf from reading
        #: it (a header version other than 1).  :meth:`problems` lists the
        #: inconsistencies that newer libbpf refuses.
        self.warnings: list[str] = []
        try:
            self._parse()
        except BtfError as err:
            raise err.with_source(source) from err.__cause__

    # -- parsing ---------------------------------------------------------------------------
    def _fail(self, cls: type[BtfError], msg: str) -> BtfError:
        return cls(msg, source=self.source)

    def _parse(self) -> None:
        data = self.data
        if len(data) < HDR_LEN_V1:
            raise self._fail(BtfParseError, f".BTF: header truncated: {len(data)} bytes, need {HDR_LEN_V1}")
        order = detect_byteorder(data)
        if order is None:
            raise self._fail(BtfParseError, f".BTF: offset 0: bad magic 0x{data[0]:02x}{data[1]:02x}, want 0xeb9f")
        self.byteorder = order
        self._fmt = fmt = formats(order)
        magic, version, flags, hdr_len, type_off, type_len, str_off, str_len = fmt.header_v1.unpack_from(data, 0)
        if version != BTF_VERSION:
            # libbpf never reads the version: every release parses it as 1
            self.warnings.append(f".BTF: offset 2: header version {version}, not {BTF_VERSION} "
                                 "(read as version 1, as libbpf does)")
        if hdr_len < HDR_LEN_V1:
            raise self._fail(BtfParseError, f".BTF: offset 4: hdr_len {hdr_len} is shorter than {HDR_LEN_V1}")
        if hdr_len > len(data):
            raise self._fail(BtfParseError, f".BTF: offset 4: hdr_len {hdr_len} is past the end of the data ({len(data)} bytes)")
        layout_off = layout_len = None
        if hdr_len >= HDR_LEN_LAYOUT:
            layout_off, layout_len = struct.unpack_from(fmt.u32.format[0] + "II", data, HDR_LEN_V1)
        elif hdr_len != HDR_LEN_V1:
            raise self._fail(BtfParseError, f".BTF: offset 4: hdr_len {hdr_len} is neither {HDR_LEN_V1} nor >= {HDR_LEN_LAYOUT}")
        if hdr_len > HDR_LEN_LAYOUT and any(data[HDR_LEN_LAYOUT:hdr_len]):
            raise self._fail(BtfParseError, f".BTF: offset {HDR_LEN_LAYOUT}: unknown non-zero header fields")
        self.header = Header(magic, version, flags, hdr_len, type_off, type_len, str_off, str_len,
                             layout_off, layout_len)
        meta = len(data) - hdr_len
        if type_off + type_len > meta:
            raise self._fail(BtfParseError, f".BTF: type section (offset {hdr_len + type_off}, length {type_len}) runs past the end of the data ({len(data)} bytes)")
        if str_off + str_len > meta:
            raise self._fail(BtfParseError, f".BTF: string section (offset {hdr_len + str_off}, length {str_len}) runs past the end of the data ({len(data)} bytes)")
        if type_off + type_len > str_off and str_off + str_len > type_off:
            raise self._fail(BtfParseError, f".BTF: type section [{type_off}, {type_off + type_len}) and string section [{str_off}, {str_off + str_len}) overlap")
        if type_off % 4:
            raise self._fail(BtfParseError, f".BTF: type section offset {type_off} is not 4-byte aligned")
        self.layout: list[tuple[int, int]] | None = None
        if layout_len:
            if layout_off + layout_len > meta:
                raise self._fail(BtfParseError, f".BTF: layout section (offset {hdr_len + layout_off}, length {layout_len}) runs past the end of the data")
            for a0, a1 in ((type_off, type_len), (str_off, str_len)):
                if layout_off < a0 + a1 and a0 < layout_off + layout_len:
                    raise self._fail(BtfParseError, f".BTF: layout section [{layout_off}, {layout_off + layout_len}) overlaps another section")
            if layout_len % 4:
                raise self._fail(BtfParseError, f".BTF: layout section length {layout_len} is not a multiple of 4")
            base_off = hdr_len + layout_off
            #: the layout section's entries (info_sz, elem_sz, flags) by kind,
            #: when there is one (the 2026 BTF form); else not set
            self.layout_entries: list[tuple[int, int, int]] = [
                fmt.layout.unpack_from(data, base_off + 4 * i) for i in range(layout_len // 4)
            ]
            self.layout = [(i, e) for i, e, _ in self.layout_entries]

        # strings (btf_parse_str_sec)
        s0 = hdr_len + str_off
        self.strings = data[s0:s0 + str_len]
        base = self.base
        if base is None:
            self.start_id = 1
            self.start_str_off = 0
            if str_len == 0 or self.strings[0] != 0:
                raise self._fail(SplitBtfError if str_len and self.strings[0] else BtfParseError,
                                 ".BTF: string section does not start with an empty string"
                                 + (" (is this split BTF? it needs its base BTF)" if str_len else ""))
        else:
            self.start_id = base.start_id + base.nr_types
            self.start_str_off = base.start_str_off + len(base.strings)
        if str_len and self.strings[-1] != 0:
            raise self._fail(BtfParseError, f".BTF: string section (offset {s0}, length {str_len}) is not NUL-terminated")
        self._str_cache: dict[int, str] = {}
        self._n_decoded = 0  # records decoded so far (see _resolve_all_strings)

        # type section: one pass for offsets, kinds and name offsets (btf_parse_type_sec)
        self._type_start = t0 = hdr_len + type_off
        self._type_end = tend = t0 + type_len
        self._words: tuple[array[int], array[int]] | None = None
        # the word walk finds the records' starts only: their kinds, name
        # offsets and byte offsets are read from the words on first use
        # (see _kinds, _name_offs, _offs; a view of one type needs none of
        # them whole)
        self._offs_arr: array[int] | None = None
        # the word walk's record starts as the ints it made, until the kinds
        # are read (then only record_words()'s array: 4 MiB less for a kernel)
        self._starts: list[int] = []
        self._kinds_b: bytearray | None = None
        # the ids validate()'s walk of the raw words gathered (the header
        # kinds' and the entries' ones; see refs_walked())
        self._refs_walked: tuple[tuple[int, ...], array[int], list[int]] | None = None
        self._name_offs_b: array[int] | None = None
        if (tend - t0) % 4 == 0 and self._parse_type_words(t0, tend):
            assert self._words is not None
            nr = len(self._words[1])
        else:
            self._offs_arr, self._kinds_b, self._name_offs_b = self._parse_type_bytes(t0, tend)
            nr = len(self._kinds_b)
        self.nr_types = nr
        self._cache: list[T.BtfType | None] = [None] * nr
        self._name_index: dict[str, list[int]] | None = None
        self._all_strings = False

    def _parse_type_bytes(self, t0: int, tend: int) -> tuple[array[int], bytearray, array[int]]:
        """The records' offsets, kinds and name offsets, walking the bytes:
        any type section (a length or a layout-table record size that is
        not a multiple of 4 included)."""
        data = self.data
        fmt = self._fmt
        offs = array("I")
        kinds = bytearray()
        names = array("I")
        unpack_hdr = fmt.type_header.unpack_from
        layout = self.layout
        # record size = fixed[kind] + elem[kind] * vlen (KIND_LAYOUT; -1: ask the layout table)
        fixed = _RECORD_FIXED
        elem = _RECORD_ELEM
        off = t0
        while off < tend:
            if off + 12 > tend:
                raise self._fail(BtfParseError, f".BTF: type [{self.start_id + len(offs)}] at offset {off}: record header truncated at end of type section")
            name_off, info, _ = unpack_hdr(data, off)
            kind = (info >> 24) & 0x7F  # BTF_INFO_KIND: 7 bits (libbpf 1.8)
            vlen = info & 0xFFFFFF  # BTF_INFO_VLEN: 24 bits (libbpf 1.8)
            size = fixed[kind]
            if size < 0:
                if layout is not None and kind < len(layout):
                    size = 12 + layout[kind][0] + layout[kind][1] * vlen
                else:
                    raise self._fail(UnsupportedError, f".BTF: type [{self.start_id + len(offs)}] at offset {off}: unknown kind {kind} and no layout table to skip it")
            else:
                size += elem[kind] * vlen
            if off + size > tend:
                raise self._fail(BtfParseError, f".BTF: type [{self.start_id + len(offs)}] at offset {off}: {KIND_NAMES[kind] if kind < NR_KINDS else kind} with vlen {vlen} runs past the end of the type section")
            offs.append(off)
            kinds.append(kind)
            names.append(name_off)
            off += size
        return offs, kinds, names

    def _parse_type_words(self, t0: int, tend: int) -> bool:
        """:meth:`_parse_type_bytes` on the section read as u32 words, for
        sections of whole words: sets :attr:`_words` (the words and each
        record's first word) and returns True; False when a record size is
        not whole words (a layout-table kind) or a record runs past the end,
        to walk the bytes instead (which says where and why)."""
        words = array("I")
        words.frombytes(memoryview(self.data)[t0:tend])
        if self.byteorder != sys.byteorder:
            words.byteswap()
        nw = len(words)
        # three zero words past the end (kept: see record_words()): a record
        # that ends exactly at the end reads the info word 0 there, and one
        # cut short reads no word or a zero: the walk stops at or past nw
        words.extend(_PAD_WORDS)
        starts: list[int] = []  # a list: the ints exist already (see _kinds)
        add_start = starts.append
        fixed = _RECORD_FIXED_WORDS_OR_FAR
        elem = _RECORD_ELEM_WORDS
        # a record's size in words by its info word: a kernel's 127k records
        # have a few hundred distinct info words, and one dict lookup per
        # record is the cheapest step Python has (btf_type_size())
        size_of: dict[int, int] = {}
        infos = words[1:]  # infos[w]: the info word of a record starting at word w
        w = 0
        while True:
            try:
                while True:
                    add_start(w)
                    w += size_of[infos[w]]
            except KeyError:
                if w >= nw:
                    break
                info = infos[w]
                kind = (info >> 24) & 0x7F  # BTF_INFO_KIND: 7 bits (libbpf 1.8)
                size = size_of[info] = fixed[kind] + elem[kind] * (info & 0xFFFFFF)  # BTF_INFO_VLEN: 24 bits
                w += size
            except IndexError:
                # past the padding (a record cut short, or a kind without a
                # size, sized beyond any section): not whole-word records
                return False
        # the last start is the end of the section (w), not a record
        del starts[len(starts) - 1:]
        if w != nw:
            return False
        self._starts = starts
        self._words = (words, array("I", starts))
        return True

    @property
    def _kinds(self) -> bytearray:
        # each own record's kind (from the info words after the word walk,
        # made on first use)
        kinds = self._kinds_b
        if kinds is None:
            # the top byte of each word in the file's byte order, from each
            # record's info word: one byte gathered per record by C loops
            # (gather() over the starts' ints, which the walk made)
            t0 = self._type_start + 4 + (3 if self.byteorder == "little" else 0)
            top = self.data[t0:self._type_end:4]
            kinds = self._kinds_b = bytearray(gather(top, self._starts)).translate(_KIND_OF_TOP_BYTE)
            self._drop_starts()
        return kinds

    def _drop_starts(self) -> None:
        # the word walk's ints are kept until the kinds and the name offsets
        # are read from them (then only record_words()'s array: 4 MiB less
        # for a kernel)
        if self._kinds_b is not None and self._name_offs_b is not None:
            self._starts = []

    @property
    def _name_offs(self) -> array[int]:
        # each own record's name_off (the first word of each record after
        # the word walk, made on first use)
        names = self._name_offs_b
        if names is None:
            assert self._words is not None
            words, starts_arr = self._words
            # the first word of each record, gathered by C loops over the
            # walk's ints (kept for this; see _drop_starts)
            names = self._name_offs_b = array("I", gather(words, self._starts or starts_arr.tolist()))
            self._drop_starts()
        return names

    @property
    def _offs(self) -> array[int]:
        # each own record's byte offset in data (from the word starts after
        # the word walk, made on first use)
        offs = self._offs_arr
        if offs is None:
            assert self._words is not None
            t0 = self._type_start
            offs = self._offs_arr = array("I", [t0 + 4 * i for i in self._words[1]])
        return offs

    @property
    def schemas(self) -> SimpleNamespace:
        """The construct schemas of this blob's byte order
        (:func:`btfkit.schema.btf.btf_schemas`), imported on first use."""
        from .schema.btf import btf_schemas
        return btf_schemas(self.byteorder)

    def attach_ext(self, data: bytes) -> None:
        """Give this BTF the bytes of its object's ``.BTF.ext`` section,
        parsed on first use of :attr:`ext` (the loader does this)."""
        self._ext = None
        self._ext_data = bytes(data)

    @property
    def ext(self) -> "BtfExt | None":
        """The object's .BTF.ext (a :class:`btfkit.btf_ext.BtfExt`), or None.

        Parsed on first use, so a broken .BTF.ext does not stop a dump of
        .BTF (bpftool does not read it either)."""
        if self._ext is None and self._ext_data is not None:
            from .btf_ext import BtfExt
            self._ext = BtfExt(self._ext_data, self, source=self.source)
        return self._ext

    # -- pointer size ----------------------------------------------------------------------
    def set_pointer_size(self, size: int) -> None:
        """btf__set_pointer_size(): 4 or 8 bytes.  :func:`btfkit.load` sets
        it from the ELF class of an ELF file, as ``btf__parse_elf`` does."""
        if size not in (4, 8):
            raise BtfError(f"pointer size must be 4 or 8, not {size}", source=self.source)
        self._ptr_sz = size

    def _determine_ptr_size(self) -> int:
        # btf.c determine_ptr_size(): the base's size if it knows one, else
        # the size of the first INT named like a C long that is 4 or 8 bytes
        # (ids from 1, base first); -1 when there is none
        if self.base is not None and self.base._ptr_sz > 0:
            return self.base._ptr_sz
        chain = []
        b: "Btf | None" = self
        while b is not None:
            chain.append(b)
            b = b.base
        for b in reversed(chain):
            words, starts = b.record_words()
            for i in b._int_records():
                w = starts[i]
                name_off, size = words[w], words[w + 2]
                if size == 4 or size == 8:
                    try:
                        name: str | None = b.str_at(name_off)
                    except BtfError:  # btf__name_by_offset() -> NULL
                        name = None
                    if name in _LONG_ALIASES:
                        return int(size)
        return -1

    def _int_records(self) -> Iterator[int]:
        """The indexes of this blob's INT records, in order (from the kinds
        when they are read, else from the info words: a kernel's first INT
        named like a long comes within a few dozen records)."""
        kinds = self._kinds_b
        if kinds is not None:
            i = kinds.find(Kind.INT)
            while i >= 0:
                yield i
                i = kinds.find(Kind.INT, i + 1)
            return
        words, starts = self.record_words()
        for i, w in enumerate(starts):
            if (words[w + 1] >> 24) & 0x7F == Kind.INT:
                yield i

    @property
    def pointer_size(self) -> int:
        """btf__pointer_size(): the pointer size of the BTF's target, 4 or 8;
        0 when it is unknown (no ELF class, and no C ``long`` to guess from)."""
        if not self._ptr_sz:
            self._ptr_sz = self._determine_ptr_size()
        return max(self._ptr_sz, 0)

    @property
    def ptr_size_or_host(self) -> int:
        """btf.c btf_ptr_sz(): :attr:`pointer_size`, or the host's (8) when
        unknown: what libbpf's size and alignment helpers use."""
        return self.pointer_size or _HOST_PTR_SZ

    # -- strings ---------------------------------------------------------------------------
    def str_at(self, off: int, *, what: str = "name") -> str:
        """The string at string offset ``off`` (chained to the base for split BTF)."""
        if off < self.start_str_off:
            assert self.base is not None  # start_str_off is 0 without a base
            return self.base.str_at(off, what=what)
        s = self._str_cache.get(off)
        if s is not None:
            return s
        local = off - self.start_str_off
        strings = self.strings
        if local >= len(strings):
            raise BtfValidationError(f".BTF: {what} offset {off} is outside the string section ({self.start_str_off + len(strings)} bytes)", source=self.source)
        end = strings.index(b"\0", local)
        s = strings[local:end].decode("utf-8", "surrogateescape")
        self._str_cache[off] = s
        return s

    def _resolve_all_strings(self) -> None:
        """Fill the string cache with every string of this blob's section in
        one pass (split at the NULs), so that decoding many records costs a
        dict lookup per name.  Offsets into the middle of a string are not
        in it; :meth:`str_at` still finds those one by one."""
        self._all_strings = True
        strings = self.strings
        if not strings:
            return
        if strings.isascii():
            # one character per byte: the offsets follow from the texts
            texts = strings[:-1].decode("ascii").split("\0")
            starts = accumulate([len(x) + 1 for x in texts], initial=self.start_str_off)
        else:
            parts = strings.split(b"\0")
            parts.pop()  # after the final NUL
            starts = accumulate([len(x) + 1 for x in parts], initial=self.start_str_off)
            texts = [x.decode("utf-8", "surrogateescape") for x in parts]
        self._str_cache.update(zip(starts, texts))

    def strings_by_offset(self) -> dict[int, str]:
        """Every string of this blob's own string section by its offset
        (base offsets included in the numbering), from one pass over the
        section.  Offsets into the middle of a string are not keys:
        :meth:`str_at` finds those.  Built once; do not modify."""
        if not self._all_strings:
            self._resolve_all_strings()
        return self._str_cache

    # -- the records as words (libbpf's view of a btf_type) --------------------------------
    @property
    def record_kinds(self) -> bytearray:
        """The kind of each own type, index ``id - start_id`` (one byte each;
        read only)."""
        return self._kinds

    @property
    def record_offsets(self) -> array[int]:
        """The byte offset in :attr:`data` of each own type's record, index
        ``id - start_id`` (read only)."""
        return self._offs

    @property
    def name_offsets(self) -> array[int]:
        """Each own type's ``name_off``, index ``id - start_id`` (read only)."""
        return self._name_offs

    def record_words(self) -> tuple[array[int], array[int]]:
        """This blob's type section as host-order u32 words, and the word
        index of each own type's record in it (index ``id - start_id``): the
        ``struct btf_type`` fields libbpf reads (``name_off``, ``info``,
        ``size``/``type`` at +0, +1, +2, then the kind's extra words).  A type
        section whose length is not a multiple of 4 loses its last partial
        word.  Three zero words follow the section's: a zeroed record
        header, which :class:`~btfkit.words.RawTypes` reads as void's.
        Built once; read only."""
        if self._words is None:
            t0, tend = self._type_start, self._type_end
            w = array("I")
            w.frombytes(memoryview(self.data)[t0:tend - (tend - t0) % 4])
            if self.byteorder != sys.byteorder:
                w.byteswap()
            w.extend(_PAD_WORDS)
            self._words = (w, array("I", [(o - t0) >> 2 for o in self._offs]))
        return self._words

    def raw_types(self) -> "RawTypes":
        """Every type from id 1, base included, as host-order u32 words with
        each id's word index and kind (:class:`btfkit.words.RawTypes`):
        what the printers and :func:`btfkit.chains.align_of` read instead of
        decoding records.  Built once; read only."""
        if self._raw_types is None:
            self._raw_types = RawTypes(self)
        return self._raw_types

    # -- ids -------------------------------------------------------------------------------
    @property
    def type_count(self) -> int:
        """One past the largest id (libbpf's btf__type_cnt): void, base and own types."""
        return self.start_id + self.nr_types

    def __len__(self) -> int:
        """Number of types in this blob (not counting void or the base)."""
        return self.nr_types

    def __getitem__(self, type_id: int) -> T.BtfType:
        idx = type_id - self.start_id
        if idx >= 0:
            if idx < self.nr_types:
                t = self._cache[idx]
                if t is None:
                    t = self._cache[idx] = self._decode(idx)
                return t
            raise BtfLookupError(f"type id {type_id} is out of range (last id {self.type_count - 1})", source=self.source)
        if self.base is not None:
            return self.base[type_id]
        if type_id == 0:
            return T.VOID
        raise BtfLookupError(f"type id {type_id} is out of range", source=self.source)

    type_by_id = __getitem__

    def kind_of(self, type_id: int) -> int:
        """The kind of ``type_id`` without decoding the record."""
        idx = type_id - self.start_id
        if idx >= 0:
            if idx < self.nr_types:
                kinds = self._kinds_b
                if kinds is not None:
                    return kinds[idx]
                return (self._words[0][self._starts[idx] + 1] >> 24) & 0x7F  # type: ignore[index]  # BTF_INFO_KIND
            raise BtfLookupError(f"type id {type_id} is out of range", source=self.source)
        if self.base is not None:
            return self.base.kind_of(type_id)
        if type_id == 0:
            return Kind.UNKN
        raise BtfLookupError(f"type id {type_id} is out of range", source=self.source)

    def follow(self, item: _HasType) -> T.BtfType:
        """The type a member, parameter, modifier, typedef, var, ... refers to."""
        return self[item.type]

    def __iter__(self) -> Iterator[T.BtfType]:
        """This blob's own types in id order (not the base's, not void)."""
        for i in range(self.nr_types):
            yield self[self.start_id + i]

    def all_types(self) -> Iterator[T.BtfType]:
        """Every type from id 1: the base's, then this blob's."""
        if self.base is not None:
            yield from self.base.all_types()
        yield from self

    def ids(self) -> range:
        return range(self.start_id, self.type_count)

    # -- names -----------------------------------------------------------------------------
    def _build_name_index(self) -> dict[str, list[int]]:
        idx: dict[str, list[int]] = {}
        str_at = self.str_at
        sid = self.start_id
        for i, no in enumerate(self._name_offs):
            if no:
                idx.setdefault(str_at(no), []).append(sid + i)
        self._name_index = idx
        return idx

    def find(self, name: str, kind: int | None = None) -> list[int]:
        """Ids of every type named ``name`` (optionally of one kind), base first."""
        found = self.base.find(name, kind) if self.base is not None else []
        if self._name_index is not None:
            ids = self._name_index.get(name, [])
        else:
            ids = self._find_by_scan(name)
        if kind is not None:
            ids = [i for i in ids if self._kinds[i - self.start_id] == kind]
        return found + list(ids)

    def _find_by_scan(self, name: str) -> list[int]:
        # One name without building the index: find the string's offsets in
        # the string sections (this blob's and its bases': a split type may
        # name itself with a base string), then the types using one of them.
        want = name.encode("utf-8", "surrogateescape")
        if not want or b"\0" in want:
            return []
        offsets = self._string_offsets(want)
        if self._name_offs_b is None:
            found = self._records_named(offsets)
            if found is not None:
                return found
        names = self._name_offs
        sid = self.start_id
        out = []
        for off in offsets:
            # array.index only finds the first; walk all occurrences
            start = 0
            while True:
                try:
                    i = names.index(off, start)
                except ValueError:
                    break
                out.append(sid + i)
                start = i + 1
        out.sort()
        return out

    def _records_named(self, offsets: list[int]) -> list[int] | None:
        """The ids of the records whose name_off is one of ``offsets``,
        found in the type section's bytes without reading every record's
        name (after the word walk: a hit 4-byte aligned at a record's first
        word); None when an offset's bytes are too common in the section
        (a short offset) for the search to pay."""
        from bisect import bisect_left  # (here: only a name lookup needs it)

        assert self._words is not None
        starts = self._words[1]
        data = self.data
        t0, tend = self._type_start, self._type_end
        nr = len(starts)
        out = []
        for off in offsets:
            if off > 0xFFFFFFFF:
                continue
            word = off.to_bytes(4, self.byteorder)  # type: ignore[arg-type]
            # the search looks for the word's bytes without its zero high
            # bytes (a string offset is below 2**24): zeros abound in a
            # type section and slow bytes.find down; hits are checked whole
            pat = word.strip(b"\0")
            lead = word.index(pat)
            pos = data.find(pat, t0 + lead, tend)
            hits = 0
            while pos >= 0:
                hits += 1
                if hits > _MAX_NAME_HITS:
                    return None
                rel = pos - lead - t0
                if rel % 4 == 0 and data[pos - lead:pos - lead + 4] == word:
                    i = bisect_left(starts, rel >> 2)
                    if i < nr and starts[i] == rel >> 2:
                        out.append(self.start_id + i)
                pos = data.find(pat, pos + 1, tend)
        out.sort()
        return out

    def _string_offsets(self, want: bytes) -> list[int]:
        """Every offset (in the chained string space) where ``want`` is a whole string."""
        strings = self.strings
        out = [self.start_str_off] if strings.startswith(want + b"\0") else []
        pat = b"\0" + want + b"\0"
        pos = strings.find(pat)
        while pos >= 0:
            out.append(self.start_str_off + pos + 1)
            pos = strings.find(pat, pos + 1)
        if self.base is not None:
            out.extend(self.base._string_offsets(want))
        return out

    # -- typed lookups: one class of btfkit.types, or BtfLookupError -------------------------
    if TYPE_CHECKING:
        @overload
        def get(self, type_id: int) -> T.BtfType: ...
        @overload
        def get(self, type_id: int, cls: type[_K]) -> _K: ...

    def get(self, type_id: int, cls: type[object] | None = None) -> T.BtfType:
        """The type ``type_id`` (``btf[type_id]``), checked to be of class
        ``cls`` (``btf.get(tid, Struct)``; a type checker then knows its
        fields).  Raises :class:`~btfkit.errors.BtfLookupError` (a BtfError
        and a LookupError) when there is no such id or the type is of another
        class."""
        t = self[type_id]
        if cls is None or isinstance(t, cls):
            return t
        raise BtfLookupError(f"type [{type_id}] is {kind_name(self.kind_of(type_id))}, not {cls.__name__}",
                             source=self.source)

    if TYPE_CHECKING:
        @overload
        def find_one(self, name: str, kind: int | None = None) -> T.BtfType: ...
        @overload
        def find_one(self, name: str, kind: type[_K]) -> _K: ...

    def find_one(self, name: str, kind: int | type[object] | None = None) -> T.BtfType:
        """The first type named ``name`` (base first, then by id), of kind
        number ``kind`` or of class ``kind`` (``btf.find_one("task_struct",
        Struct)``, typed as that class) when given.  Raises
        :class:`~btfkit.errors.BtfLookupError` when there is none."""
        if isinstance(kind, type):
            for i in self.find(name):
                t = self[i]
                if isinstance(t, kind):
                    return t
            raise BtfLookupError(f"no {kind.__name__} named {name!r}", source=self.source)
        ids = self.find(name, kind)
        if not ids:
            raise BtfLookupError(f"no type named {name!r}" + (f" of kind {Kind(kind).name}" if kind is not None else ""),
                                 source=self.source)
        return self[ids[0]]

    def name_index(self) -> dict[str, list[int]]:
        """name -> ids of this blob (built once)."""
        return self._name_index if self._name_index is not None else self._build_name_index()

    # -- decoding --------------------------------------------------------------------------
    def _decode(self, idx: int) -> T.BtfType:
        self._n_decoded += 1
        if self._n_decoded == _RESOLVE_ALL_STRINGS_AFTER and not self._all_strings:
            self._resolve_all_strings()  # many records wanted: one pass over the strings
        data = self.data
        offs = self._offs_arr
        off = offs[idx] if offs is not None else self._type_start + 4 * self._words[1][idx]  # type: ignore[index]
        type_id = self.start_id + idx
        fmt = self._fmt
        name_off, info, sot = fmt.type_header.unpack_from(data, off)
        kind = (info >> 24) & 0x7F  # BTF_INFO_KIND: 7 bits (libbpf 1.8)
        vlen = info & 0xFFFFFF  # BTF_INFO_VLEN: 24 bits (libbpf 1.8)
        kflag = info >> 31
        strs = self._str_cache
        try:
            name = (strs.get(name_off) or self.str_at(name_off)) if name_off else ""
        except BtfValidationError:
            hint = " (split BTF on the wrong base?)" if self.base is not None else ""
            raise BtfValidationError(f".BTF: type [{type_id}] at offset {off}: name offset {name_off} is outside the string section{hint}", source=self.source) from None
        p = off + 12
        str_at = self.str_at
        try:
            if kind == _K_FUNC:  # the most common kind in a kernel
                return T.Func(type_id, name, sot, vlen, name_off, kflag)
            if kind == _K_STRUCT or kind == _K_UNION:
                # tuple.__new__ with every field: T.Member without the Python
                # frame of a NamedTuple's __new__ (same object)
                it = fmt.member.iter_unpack(data[p:p + 12 * vlen]) if vlen else ()
                sget = strs.get
                if kflag:
                    members = tuple([
                        _tuple_new(_Member, ((sget(mno) or str_at(mno)) if mno else "", mtype, moff & 0xFFFFFF,
                                             moff >> 24, mno))
                        for mno, mtype, moff in it])
                else:
                    members = tuple([
                        _tuple_new(_Member, ((sget(mno) or str_at(mno)) if mno else "", mtype, moff, 0, mno))
                        for mno, mtype, moff in it])
                cls = T.Struct if kind == _K_STRUCT else T.Union
                return cls(type_id, name, sot, members, kflag, name_off)
            if kind in _SIMPLE_REF:
                return _SIMPLE_REF[kind](type_id, name, sot, name_off, kflag)
            if kind == _K_INT:
                (d,) = fmt.int_info.unpack_from(data, p)
                return T.Int(type_id, name, sot, (d >> 24) & 0x0F, (d >> 16) & 0xFF, d & 0xFF, name_off, kflag)
            if kind == _K_ARRAY:
                et, it_, n = fmt.array.unpack_from(data, p)
                return T.Array(type_id, name, et, it_, n, name_off, kflag)
            if kind == _K_FUNC_PROTO:
                sget = strs.get
                params = tuple([
                    _tuple_new(_Param, ((sget(pn) or str_at(pn)) if pn else "", pt, pn))
                    for pn, pt in (fmt.param.iter_unpack(data[p:p + 8 * vlen]) if vlen else ())
                ])
                return T.FuncProto(type_id, name, sot, params, name_off, kflag)
            if kind == _K_ENUM:
                vals = []
                for en, ev in (fmt.enum.iter_unpack(data[p:p + 8 * vlen]) if vlen else ()):
                    if kflag and ev >= 0x80000000:
                        ev -= 0x100000000
                    vals.append(T.Enumerator(str_at(en) if en else "", ev, en))
                return T.Enum(type_id, name, sot, tuple(vals), kflag, name_off)
            if kind == _K_ENUM64:
                vals = []
                for en, lo, hi in (fmt.enum64.iter_unpack(data[p:p + 12 * vlen]) if vlen else ()):
                    ev = (hi << 32) | lo
                    if kflag and ev >= 1 << 63:
                        ev -= 1 << 64
                    vals.append(T.Enumerator(str_at(en) if en else "", ev, en))
                return T.Enum64(type_id, name, sot, tuple(vals), kflag, name_off)
            if kind == _K_FUNC:
                return T.Func(type_id, name, sot, vlen, name_off, kflag)
            if kind == _K_VAR:
                (lk,) = fmt.var.unpack_from(data, p)
                return T.Var(type_id, name, sot, lk, name_off, kflag)
            if kind == _K_DATASEC:
                vs = tuple(T.VarSecinfo(*v) for v in (fmt.var_secinfo.iter_unpack(data[p:p + 12 * vlen]) if vlen else ()))
                return T.Datasec(type_id, name, sot, vs, name_off, kflag)
            if kind == _K_FWD:
                return T.Fwd(type_id, name, kflag, name_off)
            if kind == _K_FLOAT:
                return T.Float(type_id, name, sot, name_off, kflag)
            if kind == _K_DECL_TAG:
                (ci,) = fmt.decl_tag.unpack_from(data, p)
                return T.DeclTag(type_id, name, sot, ci, name_off, kflag)
            if kind == _K_UNKN:
                raise BtfValidationError(f".BTF: type [{type_id}] at offset {off}: kind 0 (UNKN) is not a valid type", source=self.source)
            assert self.layout is not None  # _parse() sized the record by it
            info_sz, elem_sz = self.layout[kind]
            return T.Unknown(type_id, name, kind, vlen, kflag, sot, data[p:p + info_sz],
                             data[p + info_sz:p + info_sz + elem_sz * vlen], name_off)
        except BtfValidationError as err:
            if f"type [{type_id}]" in err.detail:
                raise
            raise BtfValidationError(f".BTF: type [{type_id}] at offset {off}: {err.detail.removeprefix('.BTF: ')}", source=self.source) from None

    # -- validation ------------------------------------------------------------------------
    def validate(self) -> None:
        """Decode every type and check every referenced id and string offset,
        as libbpf 1.3 and later do before bpftool prints (``btf_sanity_check``):
        raise the first of :meth:`problems`.  The wrong base is not checked
        here (see :meth:`base_problems`)."""
        for err in self._problems():
            raise err

    def problems(self) -> list[BtfValidationError]:
        """Every inconsistency :meth:`validate` would raise, without raising:
        what libbpf 1.3+'s ``btf_validate_type`` refuses (a referenced id
        past the last type, a FUNC whose type is not a FUNC_PROTO).  libbpf
        1.1 (bpftool 7.1) reads such BTF and bpftool prints it; btfkit's
        raw and JSON dumps for 7.1 do the same, with these as warnings.  A
        string offset outside the string section fails the decoding of the
        record itself (:class:`BtfValidationError`)."""
        return list(self._problems())

    def base_problems(self) -> list[BtfValidationError]:
        """Signs of split BTF read on the wrong base that no libbpf checks:
        names pointing into the middle of a base string.  Warnings only
        (bpftool prints such BTF, names cut as they fall)."""
        return list(self._check_base_strings()) if self.base is not None else []

    def _raw_words_clean(self) -> bool:
        """btf_validate_type() on the raw words of the type section: True when
        no record has anything :meth:`_problems` (or decoding the record)
        would report -- every referenced id below :attr:`type_count`, every
        FUNC pointing at a FUNC_PROTO, every name offset inside the string
        space, no kind 0.  Nothing is decoded; record and member strides
        come from :data:`~btfkit.kinds.KIND_LAYOUT` (the schemas' sizes).
        False means "look closer": the slow path then finds, orders and
        words the problems exactly as before."""
        t0, tend = self._type_start, self._type_end
        if (tend - t0) % 4:
            return False
        words, starts_arr = self.record_words()
        # the record starts as ints once (the word walk's, while kept): each
        # compress() below would make them again from the array
        starts = self._starts or starts_arr.tolist()
        kinds = self._kinds
        if not kinds:
            return True
        if kinds.find(Kind.UNKN) >= 0 or max(kinds) >= len(KIND_LAYOUT):
            return False  # kind 0, or a kind only the layout table can size
        cnt = self.type_count
        str_end = self.start_str_off + len(self.strings)
        if not _u32_all_below(self._name_offs, str_end):
            return False
        # the third header word (size_or_type) where it is a type id: FUNCs'
        # (which must be FUNC_PROTOs) and the other kinds'
        funcs = gather(words, _of_kinds(kinds, _FUNC_KIND_MASK, starts)[0], TYPE)
        refs = gather(words, _of_kinds(kinds, _REF_NOT_FUNC_KIND_MASK, starts)[0], TYPE) + funcs
        if refs and max(refs) >= cnt:
            return False
        fp = Kind.FUNC_PROTO
        first = self.start_id
        if first == 1:
            # every FUNC's target is an own type or void (below cnt, checked
            # above): their kinds, one byte each (void's 0), are FUNC_PROTO's
            own_kinds = bytes(gather(b"\0" + kinds, list(funcs)))
            if own_kinds.count(fp) != len(own_kinds):
                return False
        else:
            targets = set(funcs)
            if targets and min(targets) >= first:
                # all own types: their kinds, one byte each
                own_kinds = bytes(gather(kinds, [t - first for t in targets]))
                if own_kinds.count(fp) != len(own_kinds):
                    return False
            else:
                kind_of = self.kind_of
                for target in targets:
                    if kind_of(target) != fp:
                        return False
        array_starts = _of_kinds(kinds, _ARRAY_KIND_MASK, starts)[0]
        ids = array("I", gather(words, array_starts, ARRAY_TYPE))  # btf_array: type, index_type
        ids.extend(gather(words, array_starts, ARRAY_INDEX))
        names = array("I")
        proto_starts: list[int] = []
        # each record's end: the next one's start (the walk sized every
        # record by KIND_LAYOUT, so the entries of a vlen kind, which has no
        # fixed part after the header, fill the words up to there)
        ends = starts[1:]
        ends.append(len(words) - len(_PAD_WORDS))
        for mask, stride, name_at, id_at in _VLEN_RECORDS:
            # every record's entries, one after the other (one slice per
            # record, to its end: no vlen arithmetic per record), then their
            # names and ids by stride
            vlen_starts, vlen_ends = _of_kinds(kinds, mask, starts, ends)
            if mask is _FUNC_PROTO_KIND_MASK:
                proto_starts = vlen_starts
            entries = array("I")
            add_entries = entries.extend
            for w, e in zip(vlen_starts, vlen_ends):
                add_entries(words[w + HDR_WORDS:e])
            if name_at >= 0:
                names.extend(entries[name_at::stride])
            if id_at >= 0:
                ids.extend(entries[id_at::stride])
        if not _u32_all_below(ids, cnt) or not _u32_all_below(names, str_end):
            return False
        # the same ids, kept for the C printer (btf_dump_mark_referenced)
        self._refs_walked = (refs, ids, proto_starts)
        return True

    def refs_walked(self) -> tuple[set[int], int] | None:
        """Every type id this blob's own records refer to (what libbpf's
        ``btf_dump_mark_referenced`` marks: the ``type`` of the kinds that
        have one but prototypes, member, parameter and variable types, an
        array's element and index types) and the largest return type id of
        a prototype, from the ids :meth:`validate` gathered on the raw words
        (made on each call, for the printer's one); None until a validation
        walked them."""
        if self._refs_walked is None:
            return None
        refs, ids, proto_starts = self._refs_walked
        referenced = set(refs)
        referenced.update(ids)
        rets = gather(self.record_words()[0], proto_starts, TYPE)
        return referenced, max(rets) if rets else 0

    def _problems(self) -> Iterator[BtfValidationError]:
        # libbpf's btf_sanity_check() / btf_validate_type() (libbpf 1.3+), on
        # this blob's own types; decoding a record checks its string offsets
        if self._raw_words_clean():
            return
        cnt = self.type_count
        bad_id = self._bad_ref
        # each kind has one class (btfkit.types): isinstance tells the kind,
        # and a type checker which fields t has
        for t in self:
            if isinstance(t, _VALIDATE_TYPE_CLASSES):
                if t.type >= cnt:
                    yield bad_id(t, t.type, "referenced type")
            elif isinstance(t, T.Array):
                if t.type >= cnt:
                    yield bad_id(t, t.type, "element type")
                if t.index_type >= cnt:
                    yield bad_id(t, t.index_type, "index type")
            elif isinstance(t, (T.Struct, T.Union)):
                for m in t.members:
                    if m.type >= cnt:
                        yield bad_id(t, m.type, f"member '{m.name}' type")
            elif isinstance(t, T.Func):
                if t.type >= cnt:
                    yield bad_id(t, t.type, "referenced type")
                elif self.kind_of(t.type) != Kind.FUNC_PROTO:
                    yield BtfValidationError(f".BTF: type [{t.id}] (FUNC '{t.name}'): referenced type [{t.type}] "
                                             "is not FUNC_PROTO", source=self.source)
            elif isinstance(t, T.FuncProto):
                # (libbpf checks the parameters only, not the return type)
                for prm in t.params:
                    if prm.type >= cnt:
                        yield bad_id(t, prm.type, f"parameter '{prm.name}' type")
            elif isinstance(t, T.Datasec):
                for v in t.vars:
                    if v.type >= cnt:
                        yield bad_id(t, v.type, "variable")

    def _bad_ref(self, t: T.BtfType, ref: int, what: str) -> BtfValidationError:
        cnt = self.type_count
        hint = " (is this split BTF? it needs its base BTF)" if self.base is None else ""
        kind = KIND_NAMES[t.kind] if t.kind < NR_KINDS else t.kind
        return BtfValidationError(f".BTF: type [{t.id}] ({kind} '{t.name}'): {what} id {ref} is out of range "
                                  f"(last id {cnt - 1}){hint}", source=self.source)

    def _check_base_strings(self) -> Iterator[BtfValidationError]:
        """Split BTF names that point into the base must point at the start of
        a base string; on the wrong base they land mid-string (or past it)."""
        assert self.base is not None
        base_strings_end = self.start_str_off
        for i, no in enumerate(self._name_offs):
            if no and no < base_strings_end and not self._base_string_start(no):
                tid = self.start_id + i
                yield SplitBtfError(
                    f".BTF: type [{tid}] at offset {self._offs[i]}: name offset {no} is not the start of a "
                    f"string in the base BTF ({self.base.source}): wrong base?", source=self.source)
                return  # one is enough to tell the wrong base

    def _base_string_start(self, off: int) -> bool:
        b = self.base
        while b is not None and off < b.start_str_off:
            b = b.base
        if b is None:
            return False
        local = off - b.start_str_off
        return local == 0 or (local < len(b.strings) and b.strings[local - 1] == 0)

    # -- writing back ----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Build the blob again from the model with the construct schemas.

        Parse then write gives back the same bytes: header (as read), the type
        section rebuilt record by record, the string and layout sections, and
        any bytes between sections kept where they were."""
        from .writer import build_btf
        return build_btf(self)

    def decode(self, type_id: int, data: bytes, *, byteorder: str | None = None) -> Any:
        """The bytes ``data`` as Python values of type ``type_id`` (see
        :func:`btfkit.values.decode` for the mapping and the char array rule)."""
        from .values import decode
        return decode(self, type_id, data, byteorder=byteorder)

    def encode(self, type_id: int, value: Any, *, byteorder: str | None = None) -> bytes:
        """The bytes of ``value`` as type ``type_id``; the inverse of
        :meth:`decode` (see :func:`btfkit.values.encode`)."""
        from .values import encode
        return encode(self, type_id, value, byteorder=byteorder)

    def __repr__(self) -> str:
        split = f", base={self.base.source!r}, start_id={self.start_id}" if self.base is not None else ""
        return f"<Btf {self.source!r} {self.byteorder}-endian, {self.nr_types} types{split}>"


# Btf._parse(): a record's size is _RECORD_FIXED[kind] + _RECORD_ELEM[kind] * vlen
# (header + info_sz, elem_sz from KIND_LAYOUT); -1 for kinds only a layout
# table can size
_RECORD_FIXED = [12 + KIND_LAYOUT[k][0] if k in KIND_LAYOUT else -1 for k in range(128)]
_RECORD_ELEM = [KIND_LAYOUT[k][1] if k in KIND_LAYOUT else 0 for k in range(128)]
# the same in 32-bit words (every known record is whole words)
_RECORD_FIXED_WORDS = [f // 4 if f >= 0 else -1 for f in _RECORD_FIXED]
_RECORD_ELEM_WORDS = [e // 4 for e in _RECORD_ELEM]
# for the word walk: a size no section reaches for kinds without one
_RECORD_FIXED_WORDS_OR_FAR = [f if f >= 0 else 1 << 40 for f in _RECORD_FIXED_WORDS]
assert all(f % 4 == 0 for f in _RECORD_FIXED if f >= 0) and all(e % 4 == 0 for e in _RECORD_ELEM)


# _raw_words_clean(): kinds whose size_or_type word is a type id (not ARRAY:
# its ids follow the header; not FUNC, apart) ...
_REF_NOT_FUNC_KIND_MASK = kind_table(_VALIDATE_TYPE_KINDS)
# ... FUNCs (their type must be a FUNC_PROTO), FUNC_PROTOs ...
_FUNC_KIND_MASK = kind_table({Kind.FUNC})
_FUNC_PROTO_KIND_MASK = kind_table({Kind.FUNC_PROTO})
# ... ARRAYs ...
_ARRAY_KIND_MASK = kind_table({Kind.ARRAY})
# ... and kinds with vlen entries after the header: (kinds, entry stride in
# words, word of the entry's name offset, word of its type id; -1: none)
_VLEN_RECORDS = (
    (kind_table({Kind.STRUCT, Kind.UNION}), KIND_LAYOUT[Kind.STRUCT][1] >> 2, 0, 1),  # btf_member
    (_FUNC_PROTO_KIND_MASK, KIND_LAYOUT[Kind.FUNC_PROTO][1] >> 2, 0, 1),  # btf_param
    (kind_table({Kind.ENUM}), KIND_LAYOUT[Kind.ENUM][1] >> 2, 0, -1),  # btf_enum
    (kind_table({Kind.ENUM64}), KIND_LAYOUT[Kind.ENUM64][1] >> 2, 0, -1),  # btf_enum64
    (kind_table({Kind.DATASEC}), KIND_LAYOUT[Kind.DATASEC][1] >> 2, -1, 0),  # btf_var_secinfo
)



def _of_kinds(kinds: bytearray, table: bytes, *columns: list[int]) -> list[list[int]]:
    """For each of ``columns`` (one entry per record: the starts, the ends),
    the entries of the records whose kind ``table`` marks
    (:func:`~btfkit.words.kind_table`): by compress() over every record, or
    for a kind a few records have (a kernel's DATASEC, ENUM64s, ENUMs,
    ARRAYs) by finding those few in the mask."""
    mask = kinds.translate(table)
    if mask.count(1) * 16 > len(mask):
        return [list(compress(c, mask)) for c in columns]
    at: list[int] = []
    add = at.append
    find = mask.find
    i = find(1)
    while i >= 0:
        add(i)
        i = find(1, i + 1)
    return [list(gather(c, at)) for c in columns]


def _u32_all_below(values: "array[int]", bound: int) -> bool:
    """``max(values) < bound`` for an array of u32 (True when empty), without
    an int object per value when ``bound <= 2**24`` (a kernel's type count
    and string section are far below): every value's top byte must be 0,
    then the values are the 32-bit lanes of one big int with 8 spare bits
    each, and adding ``2**24 - bound`` to every lane carries into its bit 24
    exactly when the lane's value is ``>= bound``."""
    n = len(values)
    if not n:
        return True
    if bound > 1 << 24:
        return max(values) < bound
    if bound <= 0:
        return False
    order = sys.byteorder
    raw = values.tobytes()
    top = raw[3::4] if order == "little" else raw[0::4]
    if top.count(0) != n:
        return False  # a value >= 2**24 >= bound
    ones = int.from_bytes((1).to_bytes(4, order) * n, order)  # 1 in every lane
    return not (int.from_bytes(raw, order) + ones * ((1 << 24) - bound)) & (ones << 24)


# (the vlen kinds have no fixed part after the header: their entries run to
# the record's end)
assert all(KIND_LAYOUT[k][0] == 0 for k in (Kind.STRUCT, Kind.UNION, Kind.FUNC_PROTO, Kind.ENUM, Kind.ENUM64,
                                            Kind.DATASEC))
assert HDR_WORDS * 4 == _RECORD_FIXED[Kind.STRUCT]

# Btf._kinds: a record's kind from the top byte of its info word (BTF_INFO_KIND)
_KIND_OF_TOP_BYTE = bytes(b & 0x7F for b in range(256))
# Btf._records_named(): matches of a name offset's bytes in the type section
# beyond which reading every record's name_off is cheaper
_MAX_NAME_HITS = 256

# records decoded before Btf._decode() resolves every string at once: a
# one-type view decodes a few hundred, a whole dump every one
_RESOLVE_ALL_STRINGS_AFTER = 2048

# Kind members as plain ints for _decode()'s comparisons (an IntEnum member
# lookup costs more than the comparison)
_K_ARRAY = int(Kind.ARRAY)
_K_DATASEC = int(Kind.DATASEC)
_K_DECL_TAG = int(Kind.DECL_TAG)
_K_ENUM = int(Kind.ENUM)
_K_ENUM64 = int(Kind.ENUM64)
_K_FLOAT = int(Kind.FLOAT)
_K_FUNC = int(Kind.FUNC)
_K_FUNC_PROTO = int(Kind.FUNC_PROTO)
_K_FWD = int(Kind.FWD)
_K_INT = int(Kind.INT)
_K_STRUCT = int(Kind.STRUCT)
_K_UNION = int(Kind.UNION)
_K_UNKN = int(Kind.UNKN)
_K_VAR = int(Kind.VAR)

_tuple_new = tuple.__new__
_Member = T.Member
_Param = T.Param
assert len(_Member._fields) == 5 and len(_Param._fields) == 3  # the fields _decode() fills

_SIMPLE_REF: dict[int, type[T.Ptr] | type[T.Typedef] | type[T.Volatile] | type[T.Const] | type[T.Restrict]
                  | type[T.TypeTag]] = {
    Kind.PTR: T.Ptr,
    Kind.TYPEDEF: T.Typedef,
    Kind.VOLATILE: T.Volatile,
    Kind.CONST: T.Const,
    Kind.RESTRICT: T.Restrict,
    Kind.TYPE_TAG: T.TypeTag,
}
