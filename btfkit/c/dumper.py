"""CDumper: BTF to C declarations, a port of libbpf's ``btf_dump.c``.

The reference is ``tools/lib/bpf/btf_dump.c`` of Linux 6.1.192, the libbpf
that Debian 12's ``bpftool 7.1.0`` is built with; the output of
:func:`btfkit.c.dump_header` is byte-identical to
``bpftool btf dump file F format c``.  Newer libbpf (1.2+) changed padding,
added ``__attribute__((aligned(N)))`` and enum size modes; none of that is
here, on purpose.

The shape is libbpf's, so each method can be read next to its C original:

- one stateful dumper across calls (``struct btf_dump``): per-type state
  (order state, emit state, forward declaration emitted, resolved name,
  referenced), the two name maps (``type_names`` for struct/union/enum tags,
  ``ident_names`` for typedefs and enumerators) and the emit queue;
- the ordering pass (``btf_dump_order_type``) with strong and weak links;
- the emitting pass (``btf_dump_emit_type``) with forward declarations;
- the declarator stack (``btf_dump_emit_type_decl`` and
  ``btf_dump_emit_type_chain``) for pointers, arrays, function prototypes and
  modifiers.

What libbpf logs (``pr_warn``) goes to :attr:`CDumper.warnings`, without
the ``libbpf: `` prefix.  Cycles found by libbpf's own checks raise
:class:`TypeLoopError` from :meth:`CDumper.dump_type`, as
``btf_dump__dump_type`` returns ``-ELOOP``.  Where libbpf would crash or loop
forever on broken BTF (cycles of modifiers, a prototype taking a pointer to
itself, ...), this port stops instead: chains of typedefs, modifiers, pointers
and arrays are walked in loops (a declaration chain is cut, with a warning,
after as many links as there are types), and the walks that recurse (members,
prototypes, nested declarators) stop with a :class:`~btfkit.errors.LimitError`
beyond :data:`~btfkit.errors.MAX_TYPE_DEPTH` levels, as does a declaration
that would expand to more than :data:`~btfkit.errors.MAX_EXPANSION` members.
The interpreter's recursion limit is never raised.  Out-of-range type ids and
kinds libbpf 6.1 cannot dump fail at construction, with a :class:`BtfError`.

Four things are not in libbpf, and change no output: the ordering and
emitting walks read ``btf_type`` words directly (``btfkit.words.RawTypes``) instead
of decoding every record; the ordering pass remembers modifiers, arrays and
prototypes already found strong (libbpf walks them again on every visit,
quadratic on long chains); the emitting pass marks a pointer, modifier or
array emitted once its chain ends at an emitted type (libbpf walks it again
on every visit, to no effect); and finished declaration strings are cached.
"""

from __future__ import annotations

from .._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import MAX_EXPANSION, MAX_TYPE_DEPTH, BtfError, BtfValidationError, LimitError, UnsupportedError
from ..kinds import Kind
from ..chains import MODIFIER_KINDS as _MOD_KINDS, align_of, chain_loop, known_aligns, struct_align, too_deep
from ..sizes import resolve_size
from ..releases import Release, release
from ..fields import (
    ARRAY_NELEMS, ARRAY_TYPE, ENUM64_HI, ENUM64_LO, ENUM64_NAME, ENUM64_WORDS, ENUM_NAME, ENUM_VAL, ENUM_WORDS,
    HDR_WORDS, INFO, MEMBER_NAME, MEMBER_OFFSET, MEMBER_TYPE, MEMBER_WORDS, NAME, PARAM_NAME, PARAM_TYPE,
    PARAM_WORDS, SIZE, TYPE,
)
from ..words import RawTypes

if TYPE_CHECKING:
    from typing import Iterable, Sequence
    from ..btf import Btf

__all__ = ["CDumper", "DeclOptions", "TypeLoopError"]

# Kind numbers as plain ints: compared in the hot paths.
INT = int(Kind.INT)
PTR = int(Kind.PTR)
ARRAY = int(Kind.ARRAY)
STRUCT = int(Kind.STRUCT)
UNION = int(Kind.UNION)
ENUM = int(Kind.ENUM)
FWD = int(Kind.FWD)
TYPEDEF = int(Kind.TYPEDEF)
VOLATILE = int(Kind.VOLATILE)
CONST = int(Kind.CONST)
RESTRICT = int(Kind.RESTRICT)
FUNC = int(Kind.FUNC)
FUNC_PROTO = int(Kind.FUNC_PROTO)
VAR = int(Kind.VAR)
DATASEC = int(Kind.DATASEC)
FLOAT = int(Kind.FLOAT)
DECL_TAG = int(Kind.DECL_TAG)
TYPE_TAG = int(Kind.TYPE_TAG)
ENUM64 = int(Kind.ENUM64)

# enum btf_dump_type_order_state / btf_dump_type_emit_state
NOT_ORDERED, ORDERING, ORDERED = 0, 1, 2
NOT_EMITTED, EMITTING, EMITTED = 0, 1, 2

# btf_is_mod()
# kinds btf_dump_emit_type_decl() follows through t->type
_CHAIN_KINDS = frozenset((PTR, VOLATILE, CONST, RESTRICT, FUNC_PROTO, TYPE_TAG, ARRAY))
# kinds that end a declaration chain
_TERMINAL_KINDS = frozenset((INT, ENUM, ENUM64, FWD, STRUCT, UNION, TYPEDEF, FLOAT))
_COMPOSITE = frozenset((STRUCT, UNION))
# kinds btf_dump_order_type() handles without following a link or keeping a
# "strong" mark (_order_node directly)
_NODE_KINDS = frozenset((STRUCT, UNION, ENUM, ENUM64, FWD, INT, FLOAT, FUNC, VAR, DATASEC, DECL_TAG))
# the kinds libbpf 6.1's btf_dump knows (1..ENUM64), as bytes to delete from a kinds bytearray
_DUMPABLE_KINDS = bytes(range(1, ENUM64 + 1))

# static const char PREFIXES[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t"; and pfx()
PREFIX_CNT = 13
_PFX = tuple("\t" * i for i in range(PREFIX_CNT + 1))
_NL_PFX = tuple("\n" + p for p in _PFX)


def pfx(lvl: int) -> str:
    """libbpf's pfx(): ``lvl`` tabs, at most 13 (a negative level compares
    as a huge size_t in C: 13 too)."""
    if lvl >= PREFIX_CNT or lvl < 0:
        return _PFX[PREFIX_CNT]
    return _PFX[lvl]


# btf_dump_emit_missing_aliases(): GCC's ARM SIMD base types
_MISSING_BASE_TYPES = {
    "__Poly8_t": "unsigned char",
    "__Poly16_t": "unsigned short",
    "__Poly64_t": "unsigned long long",
    "__Poly128_t": "unsigned __int128",
}

_NAME_MAX = 256  # btf_dump_resolve_name(): char new_name[256]
_HOST_PTR_SZ = 8  # sizeof(void *) of the x86-64 bpftool this mirrors

# pieces of output joined into one string at a time by dump_types()
_CHUNK_PIECES = 1 << 14


class TypeLoopError(BtfValidationError):
    """A type cycle that C cannot express (``btf_dump__dump_type`` → -ELOOP)."""


class _Abort(Exception):
    """Internal: btf_dump_order_type() returned an error."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


def _roundup(x: int, y: int) -> int:
    """The kernel's roundup() with C int division (truncating); y == 0 is
    a division by zero in libbpf: keep x."""
    if y > 0 and x >= 0:
        return (x + y - 1) // y * y
    if y == 0:
        return x
    q = x + y - 1
    d = abs(q) // abs(y)
    if (q < 0) != (y < 0):
        d = -d
    return d * y


def determine_ptr_size(btf: "Btf") -> int:
    """btf.c btf__pointer_size() as the dumper reads it: 4 or 8, or -1 when
    unknown (see :attr:`btfkit.btf.Btf.pointer_size`)."""
    return btf.pointer_size or -1


class DeclOptions(NamedTuple):
    """How :meth:`CDumper.emit_type_decl` writes one declaration: libbpf's
    ``struct btf_dump_emit_type_decl_opts`` plus the switches btfkit's own
    views need.  The defaults are libbpf's."""

    #: the declared name (``field_name``): ``int (*<name>)(void)``; "" for
    #: an abstract declarator
    field_name: str = ""
    #: tabs before the lines of an inline definition (``indent_level``)
    indent_level: int = 0
    #: leave out const/volatile/restrict and type tags (``strip_mods``)
    strip_mods: bool = False
    #: write an anonymous struct/union/enum as its bare keyword instead of
    #: its inline definition (libbpf's internal ``skip_anon_defs``, as the
    #: typed-data dump's casts use it)
    skip_anon_defs: bool = False
    #: btfkit: write an anonymous struct/union/enum as ``struct <anon_stub>``
    #: (the views use ``"{...}"``) instead of its inline definition; None:
    #: libbpf's behaviour
    anon_stub: str | None = None
    #: btfkit: names exactly as in BTF, without the ``___N`` suffixes that
    #: depend on the order of a dump (the views); the dumper's name state is
    #: neither read nor changed
    btf_names: bool = False


_DEFAULT_DECL = DeclOptions()


class CDumper:
    """One ``struct btf_dump`` over a :class:`~btfkit.btf.Btf`.

    ``bpftool`` names the release whose libbpf is reproduced (``"7.1"``,
    ``"7.5"``, ``"7.8"``; see :mod:`btfkit.releases`).

    State is kept across calls: a type emitted by one :meth:`dump_type` is not
    emitted again by the next, names keep their ``___N`` suffixes, forward
    declarations are made once.
    """

    def __init__(self, btf: "Btf", *, bpftool: "str | Release | None" = None) -> None:
        self.btf = btf
        #: the bpftool/libbpf release whose output this dumper reproduces
        self.release = release(bpftool)
        # btf_dump__new(): d->ptr_sz = btf__pointer_size(btf) ? : sizeof(void *)
        psz = determine_ptr_size(btf)
        self._btf_ptr_sz = _HOST_PTR_SZ if psz < 0 else psz  # btf.c btf_ptr_sz()
        self.ptr_sz = psz if psz > 0 else _HOST_PTR_SZ
        self.strip_mods = False
        self.skip_anon_defs = False
        # the btfkit switches of DeclOptions, for the call in progress
        self._anon_stub: str | None = None
        self._btf_names = False
        # the four switches above as one value: the declaration cache in
        # use is the one for these switches (set with them, see _set_switches)
        self._switches: tuple[bool, bool, str | None, bool] = (False, False, None, False)
        self.last_id = 0
        # types whose references btf_dump_mark_referenced() has seen: the
        # scan of every type runs when ordering first needs it, not here
        self._marked_id = 0
        # per-type auxiliary state (struct btf_dump_type_aux_state), by id
        # (lists: CPython's indexing fast path covers lists, not bytearrays),
        # grown when a dump first needs them (_grow_states): a declaration
        # alone reads none
        self.order_state: list[int] = []
        self.emit_state: list[int] = []
        self.fwd_emitted: list[int] = []
        self.referenced: list[int] = []
        self.cached_names: dict[int, str] = {}  # name_resolved + cached_names
        # name -> number of occurrences
        self.type_names: dict[str, int] = {}
        self.ident_names: dict[str, int] = {}
        self.emit_queue: list[int] = []
        # modifiers/arrays/protos known to return 1 (see _order_type)
        self._strong: set[int] = set()
        self._strong_tp: set[int] = set()
        self.warnings: list[str] = []
        # why dump_header() stopped early (bpftool's "goto done"), if it did
        self.error: BtfError | None = None
        # the type a sorted bpftool 7.5+ dump leaves out (dump_header), if any
        self.left_out: int | None = None
        self._out: list[str] = []
        # string offset -> text (see _str): every string of the chain for a
        # full dump (_dump_all), else filled by Btf.str_at as names are read
        self._strs: dict[int, str] = {}
        self._align_cache: dict[int, int] = {}
        self._size_cache: dict[int, int] = {}
        # _switches -> {2 * id + (field name empty?) -> declaration text}, for
        # chains that print no inline definition (_emit_type_decl); _decls
        # is the one for the current switches
        self._decl_caches: dict[tuple[bool, bool, str | None, bool], dict[int, str]] = {}
        self._decls: dict[int, str] = self._decl_caches.setdefault(self._switches, {})
        self._anon_defs = 0
        self._pads = (("long", self.ptr_sz * 8), ("int", 32), ("short", 16), ("char", 8))
        # nesting of the recursive walks, and members left to expand in this
        # call (errors.MAX_TYPE_DEPTH, errors.MAX_EXPANSION)
        self._depth = 0
        self._budget = MAX_EXPANSION
        self._resize()

    # -- helpers ---------------------------------------------------------------------------
    def _str(self, type_id: int, off: int) -> str:
        # btf__name_by_offset() for a name in type_id's record (the records
        # are read as words, not decoded): an offset outside the strings
        # fails as decoding the record would
        s = self._strs.get(off)
        if s is None:
            try:
                s = self.btf.str_at(off)
            except BtfValidationError:
                self.btf[type_id]  # the decoding error names the type
                raise
        return s

    def _name_of(self, type_id: int) -> str:
        # btf__name_by_offset(btf, t->name_off)
        off = self._words[self._idx[type_id] + NAME]
        return self._str(type_id, off) if off else ""

    def _warn(self, msg: str) -> None:
        # libbpf's pr_warn(): "libbpf: <msg>" on stderr
        self.warnings.append(msg)

    def _check_id(self, type_id: int) -> None:
        if not 0 <= type_id < self.btf.type_count:
            raise BtfError(f"type id {type_id} is out of range (last id {self.btf.type_count - 1})",
                           source=self.btf.source)

    # btf_dump_resize()
    def _resize(self) -> None:
        last_id = self.btf.type_count - 1
        if last_id <= self.last_id and self.last_id:
            return
        # libbpf fails btf_dump__new() (-EINVAL) on a kind it does not know,
        # and on a kind 0 record: bpftool prints nothing
        raw = self.btf.raw_types()
        kinds = raw.kinds
        first = self.last_id + 1
        if kinds[first:].translate(None, _DUMPABLE_KINDS):  # any other kind left?
            bad = next(k for k in range(first, len(kinds)) if not 0 < kinds[k] <= ENUM64)
            raise UnsupportedError(f"type [{bad}]: kind {kinds[bad]} is not one libbpf 6.1's btf_dump knows",
                                   source=self.btf.source)
        # raw words for the ordering and emitting walks (see btfkit.words)
        self._raw = raw
        self._words = raw.words
        # (lists once a full dump needs speed: see _dump_all)
        self._idx: Sequence[int] = raw.idx
        self._kinds: Sequence[int] = raw.kinds
        self.last_id = last_id

    def _grow_states(self) -> None:
        # the rest of btf_dump_resize(): the per-type states up to last_id
        # (four lists of a kernel's 127k entries; emit_type_decl reads none)
        grow = self.last_id + 1 - len(self.order_state)
        if grow <= 0:
            return
        zeros = [0] * grow
        for arr in (self.order_state, self.emit_state, self.fwd_emitted, self.referenced):
            arr.extend(zeros)
        if len(self.order_state) == grow:
            # VOID is special
            self.order_state[0] = ORDERED
            self.emit_state[0] = EMITTED

    # btf_dump_mark_referenced()
    def _mark_referenced(self) -> None:
        # libbpf marks eagerly in btf_dump__new(); only the ordering pass
        # reads the marks (anonymous enums), so they are made before the
        # first ordering instead: one declaration costs no scan of all types
        self._resize()
        self._grow_states()
        first = self._marked_id + 1
        if first > self.last_id:
            return
        refs = self.referenced
        n = len(refs)
        ids = self._raw.referenced_ids(first)
        if (ids and max(ids) >= n) or self._raw.max_proto_ret >= n:
            # libbpf writes past its state array here; say which type is bad
            raise BtfValidationError(self._raw.first_bad_ref(first, n),
                                     source=self.btf.source)
        for rid in ids:
            refs[rid] = 1
        self._marked_id = self.last_id

    # -- public API --------------------------------------------------------------------------
    def dump_type(self, type_id: int) -> str:
        """btf_dump__dump_type(): C for ``type_id`` and every dependency not
        emitted yet (with forward declarations where C needs them).

        Raises :class:`TypeLoopError` on a cycle C cannot express; nothing of
        this call is emitted then, as in libbpf."""
        out = self._out
        start = len(out)
        self._dump_type(type_id)
        text = "".join(out[start:])
        del out[start:]
        return text

    def emit_type_decl(self, type_id: int, field_name: str = "", indent_level: int = 0,
                       strip_mods: bool = False, *, opts: DeclOptions | None = None) -> str:
        """btf_dump__emit_type_decl(): the declaration of ``field_name`` of
        type ``type_id`` (``int (*f)(void)``, ``char name[16]``...).

        ``opts`` (a :class:`DeclOptions`) replaces the three keyword
        arguments when given.  Nothing outside the declaration is looked at:
        no scan of the other types."""
        if opts is None:
            opts = (_DEFAULT_DECL if not (field_name or indent_level or strip_mods)
                    else DeclOptions(field_name or "", indent_level, bool(strip_mods)))
        self._check_id(type_id)
        self._resize()
        out = self._out
        start = len(out)
        self._set_switches(opts.strip_mods, opts.skip_anon_defs, opts.anon_stub, opts.btf_names)
        self._depth = 0
        self._budget = MAX_EXPANSION
        try:
            self._emit_type_decl(type_id, opts.field_name, opts.indent_level)
        except RecursionError:
            # the caller's own stack was already deep
            del out[start:]
            raise too_deep(self.btf, type_id) from None
        except BtfError:
            del out[start:]
            raise
        finally:
            self._set_switches(False, False, None, False)
        text = "".join(out[start:])
        del out[start:]
        return text

    def _set_switches(self, strip_mods: bool, skip_anon_defs: bool, anon_stub: str | None,
                      btf_names: bool) -> None:
        self.strip_mods = strip_mods
        self.skip_anon_defs = skip_anon_defs
        self._anon_stub = anon_stub
        self._btf_names = btf_names
        self._switches = switches = (strip_mods, skip_anon_defs, anon_stub, btf_names)
        self._decls = self._decl_caches.setdefault(switches, {})

    def raw_types(self) -> RawTypes:
        """The type words the ordering and emitting walks read, base types
        included (:class:`~btfkit.words.RawTypes`; read only)."""
        self._resize()
        return self._raw

    def is_ordered(self, type_id: int) -> bool:
        """Whether ``type_id`` went through the ordering pass (and so was
        printed, or needs no printing) in an earlier dump of this dumper."""
        return type_id < len(self.order_state) and self.order_state[type_id] == ORDERED

    def dump_types(self, ids: Iterable[int]) -> tuple[str, BtfError | None]:
        """btf_dump__dump_type() for each id in turn, as bpftool's
        dump_btf_c() loops (types already emitted are skipped): the C text,
        and the error that stopped the loop -- a :class:`TypeLoopError` or a
        :class:`~btfkit.errors.LimitError` -- or None.  The text is what was
        printed before the error, as bpftool's output ends there."""
        out = self._out
        start = len(out)
        chunks: list[str] = []
        err: BtfError | None = None
        try:
            self._dump_all(ids, chunks, start)
        except (TypeLoopError, LimitError) as e:
            err = e
        chunks.append("".join(out[start:]))
        del out[start:]
        return "".join(chunks), err

    def dump_type_data(self, type_id: int, data: bytes, indent_level: int = 0,
                       indent_str: str = "\t", compact: bool = False, skip_names: bool = False,
                       emit_zeroes: bool = False, emit_strings: bool = False) -> str:
        """btf_dump__dump_type_data(): ``data`` printed as a C initializer of
        ``type_id`` (``(struct s){.a = (int)1,}``), as this release's libbpf
        prints it.  ``emit_strings`` needs libbpf 1.8 (ignored before).
        Where libbpf returns an error (``-E2BIG`` for data shorter than a
        value), :class:`btfkit.c.data.DataDumpError` is raised with ``errno``;
        no partial text.  See :mod:`btfkit.c.data`."""
        from .data import dump_type_data
        return dump_type_data(self, type_id, data, indent_level=indent_level,
                              indent_str=indent_str, compact=compact, skip_names=skip_names,
                              emit_zeroes=emit_zeroes, emit_strings=emit_strings)

    def _dump_type(self, type_id: int) -> None:
        # btf_dump__dump_type()
        self._check_id(type_id)
        self._mark_referenced()
        self._order_and_emit(type_id)

    def _order_and_emit(self, type_id: int) -> None:
        # the two passes of btf_dump__dump_type(): order, then emit the queue
        self.emit_queue = []
        self._depth = 0
        self._budget = MAX_EXPANSION
        try:
            self._order_type(type_id, False)
            emit = self._emit_type
            for qid in self.emit_queue:
                emit(qid, 0)
        except _Abort as err:
            raise TypeLoopError(err.msg, source=self.btf.source) from None
        except RecursionError:
            # only when the caller's own stack was already deep
            raise too_deep(self.btf, type_id) from None

    def _dump_all(self, ids: Iterable[int], chunks: list[str], start: int) -> None:
        """btf_dump__dump_type() for each id in turn into the output list, as
        bpftool's dump_btf_c() loops; stops with TypeLoopError.  Between
        types, the pieces past ``start`` are joined into ``chunks`` now and
        then: a few large strings take far less memory than a million small
        ones."""
        self._mark_referenced()
        # a full dump reads the indexes and kinds of most types: as lists
        # (CPython's indexing fast path covers lists, not arrays)
        if not isinstance(self._kinds, list):
            self._idx = self._raw.idx.tolist()
            self._kinds = list(self._raw.kinds)
        # a full dump prints most names: resolve every string in one pass
        # (shared with the sorted order's keys)
        self._strs = self._raw.strings_by_offset()
        order_state = self.order_state
        kinds = self._kinds
        idx = self._idx
        words = self._words
        strong = self._strong
        n = len(order_state)
        out = self._out
        order_and_emit = self._order_and_emit
        for type_id in ids:
            if not 0 <= type_id < n:
                self._check_id(type_id)
            # already ordered: btf_dump_order_type() returns at once and
            # the emit queue stays empty
            if order_state[type_id] == ORDERED:
                continue
            kind = kinds[type_id]
            if kind == FUNC or kind == VAR or kind == DATASEC or kind == DECL_TAG:
                order_state[type_id] = ORDERED
                continue
            if kind == FUNC_PROTO:
                # btf_dump_order_type() of a prototype whose return and
                # parameter types are all ordered: strong, nothing queued
                i = idx[type_id]
                if order_state[words[i + TYPE]] == ORDERED:
                    for ptype in words[i + PARAM_TYPE:i + HDR_WORDS + PARAM_WORDS * (words[i + INFO] & 0xFFFFFF):
                                       PARAM_WORDS]:
                        if order_state[ptype] != ORDERED:
                            break
                    else:
                        strong.add(type_id)
                        continue
            elif kind == PTR:
                # a pointer to an ordered type: ordered, nothing queued
                if order_state[words[idx[type_id] + TYPE]] == ORDERED:
                    order_state[type_id] = ORDERED
                    continue
            elif kind == ARRAY or kind in _MOD_KINDS:
                # a modifier or an array of an ordered type: strong (the
                # memo _order_type keeps), nothing queued
                if order_state[words[idx[type_id] + (ARRAY_TYPE if kind == ARRAY else TYPE)]] == ORDERED:
                    strong.add(type_id)
                    continue
            order_and_emit(type_id)
            if len(out) - start > _CHUNK_PIECES:
                chunks.append("".join(out[start:]))
                del out[start:]

    # -- ordering ----------------------------------------------------------------------------
    def _order_type(self, type_id: int, through_ptr: bool) -> int:
        # btf_dump_order_type(): 1 for a strong link, 0 for a weak one;
        # errors raise _Abort.  Reads the raw btf_type words (see btfkit.words).
        #
        # libbpf recurses through every link.  Here a chain of pointers,
        # typedefs, modifiers and arrays is walked in a loop, down to the
        # first type that is not one of those (or that returns at once);
        # what each link does after its child has returned is then applied
        # from the bottom up.  Only structs, unions and prototypes recurse.
        order_state = self.order_state
        st = order_state[type_id]
        if st == ORDERED:  # the common case, first
            return 1
        kinds = self._kinds
        kind = kinds[type_id]
        if st == NOT_ORDERED:
            # no link to walk: straight to the type itself
            if kind in _NODE_KINDS:
                return self._order_node(type_id, kind, self._idx[type_id], through_ptr)
            # a prototype, modifier or array found strong before (see
            # below; pointers and typedefs are never in these sets)
            if type_id in (self._strong_tp if through_ptr else self._strong):
                return 1
            if kind == FUNC_PROTO:
                return self._order_node(type_id, kind, self._idx[type_id], through_ptr)
        words = self._words
        idx = self._idx
        chain: list[tuple[int, int, bool]] = []  # (id, kind, through_ptr) of the links passed
        tid, tp = type_id, through_ptr
        # more links than types: a loop of links (libbpf recurses until the
        # stack overflows)
        max_links = self.last_id + 1
        try:
            while True:
                if len(chain) > max_links:
                    raise chain_loop(self.btf, type_id)
                st = order_state[tid]
                # return true, letting typedefs know that it's ok to be emitted
                if st == ORDERED:
                    r = 1
                    break
                kind = kinds[tid]
                i = idx[tid]
                if st == ORDERING:
                    # type loop, but resolvable through fwd declaration
                    if (kind == STRUCT or kind == UNION) and tp and words[i + NAME]:
                        r = 0
                        break
                    msg = f"unsatisfiable type cycle, id:[{tid}]"
                    self._warn(msg)
                    raise _Abort(msg)
                if kind == PTR:
                    chain.append((tid, kind, tp))
                    tid, tp = words[i + TYPE], True
                    continue
                if kind == TYPEDEF:
                    chain.append((tid, kind, tp))
                    tid = words[i + TYPE]
                    continue
                if kind == ARRAY or kind in _MOD_KINDS or kind == FUNC_PROTO:
                    # Modifiers, arrays and prototypes keep no state in
                    # libbpf and are walked again on every visit: quadratic
                    # on long chains.  Once a visit has completed, a later
                    # one with the same through_ptr meets only types that
                    # are ORDERED by now or that return 0 early again (named
                    # structs through a pointer), so it queues nothing; and
                    # a strong result stays strong, as it came from ORDERED
                    # types.  So a strong result is remembered.
                    if tid in (self._strong_tp if tp else self._strong):
                        r = 1
                        break
                    if kind == ARRAY:
                        chain.append((tid, kind, tp))
                        tid, tp = words[i + ARRAY_TYPE], False
                        continue
                    if kind != FUNC_PROTO:
                        chain.append((tid, kind, tp))
                        tid = words[i + TYPE]
                        continue
                r = self._order_node(tid, kind, i, tp)
                break
        except BaseException:
            # libbpf's pointer case marks the pointer ordered on its way out
            # whatever the result
            for cid, kind, _ in chain:
                if kind == PTR:
                    order_state[cid] = ORDERED
            raise
        for cid, kind, ctp in reversed(chain):
            if kind == PTR:
                order_state[cid] = ORDERED
            elif kind == TYPEDEF:
                # typedef is similar to struct/union w.r.t. fwd-decls
                if ctp and not r:
                    r = 0
                    continue
                # typedef is always a named definition
                self.emit_queue.append(cid)
                order_state[cid] = ORDERED
                r = 1
            elif r > 0:  # array or modifier
                (self._strong_tp if ctp else self._strong).add(cid)
        return r

    def _order_node(self, type_id: int, kind: int, i: int, through_ptr: bool) -> int:
        # btf_dump_order_type() for the kinds that end a chain of links
        words = self._words
        order_state = self.order_state
        if kind == STRUCT or kind == UNION:
            # struct/union is part of strong link, only if it's embedded
            # (so no ptr in a path) or it's anonymous (so has to be
            # defined inline, even if declared through ptr)
            name_off = words[i + NAME]
            if through_ptr and name_off:
                return 0
            order_state[type_id] = ORDERING
            depth = self._depth = self._depth + 1
            if depth > MAX_TYPE_DEPTH:
                raise too_deep(self.btf, type_id)
            order = self._order_type
            for mtype in words[i + MEMBER_TYPE:i + HDR_WORDS + MEMBER_WORDS * (words[i + INFO] & 0xFFFFFF):MEMBER_WORDS]:
                if order_state[mtype] != ORDERED:  # (an ORDERED type returns at once)
                    order(mtype, False)
            self._depth = depth - 1
            if name_off:
                self.emit_queue.append(type_id)
            order_state[type_id] = ORDERED
            return 1

        if kind == FUNC_PROTO:
            depth = self._depth = self._depth + 1
            if depth > MAX_TYPE_DEPTH:
                raise too_deep(self.btf, type_id)
            order = self._order_type
            is_strong = order(words[i + TYPE], through_ptr) > 0
            for ptype in words[i + PARAM_TYPE:i + HDR_WORDS + PARAM_WORDS * (words[i + INFO] & 0xFFFFFF):PARAM_WORDS]:
                # an ORDERED type returns 1 at once
                if order_state[ptype] == ORDERED or order(ptype, through_ptr) > 0:
                    is_strong = True
            self._depth = depth - 1
            if is_strong:
                (self._strong_tp if through_ptr else self._strong).add(type_id)
                return 1
            return 0

        if kind == INT or kind == FLOAT:
            order_state[type_id] = ORDERED
            return 0

        if kind == ENUM or kind == ENUM64 or kind == FWD:
            # non-anonymous or non-referenced enums are top-level
            # declarations and should be emitted. Same logic can be
            # applied to FWDs, it won't hurt anyways.
            if words[i + NAME] or not self.referenced[type_id]:
                self.emit_queue.append(type_id)
            order_state[type_id] = ORDERED
            return 1

        if kind == FUNC or kind == VAR or kind == DATASEC or kind == DECL_TAG:
            order_state[type_id] = ORDERED
            return 0

        raise _Abort(f"unknown kind {kind}, id:[{type_id}]")  # -EINVAL

    # -- emitting ----------------------------------------------------------------------------
    def _is_blacklisted(self, type_id: int) -> bool:
        # btf_dump_is_blacklisted(): __builtin_va_list is the compiler's own
        return self._name_of(type_id) == "__builtin_va_list"

    def _emit_type(self, type_id: int, cont_id: int) -> None:
        # btf_dump_emit_type(); walks the raw words.  Links (pointers,
        # modifiers, arrays, typedefs) are followed in a loop; a typedef's
        # own definition is emitted on the way back up.
        emit_state = self.emit_state
        if emit_state[type_id] == EMITTED:  # the common case, first
            return
        kinds = self._kinds
        words = self._words
        idx = self._idx
        typedefs: list[int] = []
        tid = type_id
        links = self.last_id + 1
        while True:
            links -= 1
            if links < 0:
                # a loop of links: libbpf recurses until the stack overflows
                raise chain_loop(self.btf, type_id)
            st = emit_state[tid]
            if st == EMITTED:
                break
            kind = kinds[tid]
            if st == EMITTING:
                self._emit_type_emitting(tid, kind, cont_id)
                break
            i = idx[tid]
            if kind == PTR or kind in _MOD_KINDS:
                tid = words[i + TYPE]
            elif kind == ARRAY:
                tid = words[i + ARRAY_TYPE]
            elif kind == TYPEDEF:
                emit_state[tid] = EMITTING
                typedefs.append(tid)
                cont_id = tid
                tid = words[i + TYPE]
            else:
                self._emit_type_node(tid, kind, i, cont_id)
                break
        if typedefs:
            out = self._out
            for td in reversed(typedefs):
                # typedef can serve as both definition and forward declaration;
                # unless already done, emit it now
                if not self.fwd_emitted[td] and not self._is_blacklisted(td):
                    self._emit_typedef_def(td, 0)
                    out.append(";\n\n")
                emit_state[td] = EMITTED
        if tid != type_id and emit_state[tid] == EMITTED:
            # btfkit: a pointer, modifier or array (libbpf keeps no state
            # for them) whose chain ends at an emitted type: every later
            # visit would walk to an emitted type again and do nothing
            emit_state[type_id] = EMITTED

    def _emit_type_emitting(self, type_id: int, kind: int, cont_id: int) -> None:
        # btf_dump_emit_type() on a type whose emission is under way
        if self.fwd_emitted[type_id]:
            return
        out = self._out
        if kind == STRUCT or kind == UNION:
            # if we are referencing a struct/union that we are
            # part of - then no need for fwd declaration
            if type_id == cont_id:
                return
            if not self._words[self._idx[type_id] + NAME]:
                self._warn(f"anonymous struct/union loop, id:[{type_id}]")
                return
            self._emit_struct_fwd(type_id)
            out.append(";\n\n")
            self.fwd_emitted[type_id] = 1
        elif kind == TYPEDEF:
            # for typedef fwd_emitted means typedef definition
            # was emitted, but it can be used only for "weak"
            # references through pointer only, not for embedding
            if not self._is_blacklisted(type_id):
                self._emit_typedef_def(type_id, 0)
                out.append(";\n\n")
            self.fwd_emitted[type_id] = 1

    def _emit_type_node(self, type_id: int, kind: int, i: int, cont_id: int) -> None:
        # btf_dump_emit_type() for the kinds that end a chain of links
        emit_state = self.emit_state
        words = self._words
        out = self._out
        if kind == STRUCT or kind == UNION:
            emit_state[type_id] = EMITTING
            top_level_def = cont_id == 0
            name_off = words[i + NAME]
            # a top-level or anonymous struct/union is emitted with all its
            # fields, so referenced types need their forward declarations
            if top_level_def or not name_off:
                new_cont_id = cont_id if not name_off else type_id
                vlen = words[i + INFO] & 0xFFFFFF
                depth = self._depth = self._depth + 1
                if depth > MAX_TYPE_DEPTH:
                    raise too_deep(self.btf, type_id)
                # _spend(), inline
                self._budget -= vlen
                if self._budget < 0:
                    self._spend(type_id, 0)
                emit = self._emit_type
                for mtype in words[i + MEMBER_TYPE:i + HDR_WORDS + MEMBER_WORDS * vlen:MEMBER_WORDS]:
                    if emit_state[mtype] != EMITTED:  # (an EMITTED type returns at once)
                        emit(mtype, new_cont_id)
                self._depth = depth - 1
            elif not self.fwd_emitted[type_id] and type_id != cont_id:
                self._emit_struct_fwd(type_id)
                out.append(";\n\n")
                self.fwd_emitted[type_id] = 1
            if top_level_def:
                self._emit_struct_def(type_id, 0)
                out.append(";\n\n")
                emit_state[type_id] = EMITTED
            else:
                emit_state[type_id] = NOT_EMITTED
        elif kind == FUNC_PROTO:
            depth = self._depth = self._depth + 1
            if depth > MAX_TYPE_DEPTH:
                raise too_deep(self.btf, type_id)
            emit = self._emit_type
            emit(words[i + TYPE], cont_id)
            for ptype in words[i + PARAM_TYPE:i + HDR_WORDS + PARAM_WORDS * (words[i + INFO] & 0xFFFFFF):PARAM_WORDS]:
                if emit_state[ptype] != EMITTED:  # (an EMITTED type returns at once)
                    emit(ptype, cont_id)
            self._depth = depth - 1
        elif kind == INT:
            # emit type alias definitions if necessary
            self._emit_missing_aliases(type_id)
            emit_state[type_id] = EMITTED
        elif kind == ENUM or kind == ENUM64:
            if cont_id == 0:
                self._emit_enum_def(type_id, 0)
                out.append(";\n\n")
            emit_state[type_id] = EMITTED
        elif kind == FWD:
            self._emit_fwd_def(type_id)
            out.append(";\n\n")
            emit_state[type_id] = EMITTED

    def _spend(self, type_id: int, members: int) -> None:
        """Count ``members`` against this call's expansion budget
        (errors.MAX_EXPANSION): anonymous types print inline, so a small
        BTF can describe an exponentially long C text."""
        self._budget -= members
        if self._budget < 0:
            raise LimitError(f"type [{type_id}]: its C declaration expands to more than {MAX_EXPANSION} "
                             "members (anonymous types nested in a way that repeats them): "
                             "btfkit stops here", source=self.btf.source)

    # -- layout ------------------------------------------------------------------------------
    def align_of(self, type_id: int) -> int:
        """btf.c btf__align_of() as this dumper reads it: the alignment of
        ``type_id`` in bytes, 0 for kinds without one; remembered per id."""
        return self._align_of(type_id)

    def _align_of(self, type_id: int) -> int:
        # btf.c btf__align_of() (chains.align_of), remembered per id; libbpf's
        # warning for a kind without alignment is printed as libbpf does
        a = self._align_cache.get(type_id)
        if a is None:
            a, warning = align_of(self.btf, type_id, self._btf_ptr_sz, self._align_cache)
            if warning:
                self._warn(warning)
        return a

    def _resolve_size(self, type_id: int) -> int:
        # btf.c btf__resolve_size(); <0 on error
        s = self._size_cache.get(type_id)
        if s is None:
            s = self._size_cache[type_id] = resolve_size(self.btf, type_id, self._btf_ptr_sz)
        return s

    def _members(self, type_id: int) -> tuple[int, int, int, int]:
        # btf_members(t) as word positions: (word index of the first
        # member's name_off, of one past the last member, kflag, t->size)
        i = self._idx[type_id]
        info = self._words[i + INFO]
        first = i + HDR_WORDS
        return first, first + MEMBER_WORDS * (info & 0xFFFFFF), info >> 31, self._words[i + SIZE]

    def _is_struct_packed(self, type_id: int) -> bool:
        # btf_is_struct_packed()
        words = self._words
        first, end, kflag, size = self._members(type_id)
        max_align = 1
        align_of = self._align_of
        # all non-bitfield fields have to be naturally aligned
        for m in range(first, end, MEMBER_WORDS):
            align = align_of(words[m + MEMBER_TYPE - HDR_WORDS])
            # btf_member_bit_offset(), btf_member_bitfield_size()
            m_off = words[m + MEMBER_OFFSET - HDR_WORDS]
            if align and not (kflag and m_off >> 24) and (m_off & 0xFFFFFF if kflag else m_off) % (8 * align):
                return True
            if align > max_align:
                max_align = align
        # size of a non-packed struct has to be a multiple of its alignment
        return bool(size % max_align)

    def _emit_bit_padding(self, cur_off: int, next_off: int, next_align: int,
                          in_bitfield: bool, lvl: int) -> None:
        # btf_dump_emit_bit_padding() as in libbpf 1.1 / Linux 6.1
        if cur_off >= next_off:
            return  # no gap
        out = self._out
        pads = self._pads
        nl = _NL_PFX[lvl] if 0 <= lvl < PREFIX_CNT else ("\n" + pfx(lvl))
        # the largest of long, int, short, char that reaches an aligned
        # boundary within the gap
        for pad_type, pad_bits in pads:
            new_off = _roundup(cur_off, pad_bits)
            if new_off <= next_off:
                break
        if cur_off < new_off <= next_off:
            # an explicit `<type>: 0` mark is needed if the next field sits
            # right on the boundary but its own alignment would not get it
            # there, or if a `<type>: X` would fit in the remaining hole
            if (in_bitfield
                    or (new_off == next_off and _roundup(cur_off, next_align * 8) != new_off)
                    or (new_off != next_off and next_off - new_off <= new_off - cur_off)):
                # but for bitfields we'll emit explicit bit count
                out.append(f"{nl}{pad_type}: {new_off - cur_off if in_bitfield else 0};")
            cur_off = new_off
        # fill the rest with full `<type>: sizeof(<type>)` markers, the last
        # one with the smallest type that covers the remainder
        while cur_off != next_off:
            bits = min(next_off - cur_off, pad_bits)
            if bits == pad_bits:
                # all the full markers at once (a gap can be 2^31 bits)
                count = (next_off - cur_off) // pad_bits
                out.append(f"{nl}{pad_type}: {pad_bits};" * count)
                cur_off += count * pad_bits
                continue
            for pad_type, pad_bits in reversed(pads):
                if pad_bits < bits:
                    continue
                out.append(f"{nl}{pad_type}: {bits};")
                cur_off += bits
                break
            else:  # pragma: no cover - bits is below some pad size
                break

    # -- definitions -------------------------------------------------------------------------
    def _emit_struct_fwd(self, type_id: int) -> None:
        # btf_dump_emit_struct_fwd()
        self._out.append(("struct" if self._kinds[type_id] == STRUCT else "union")
                         + (" " if self._words[self._idx[type_id] + NAME] else "") + self._type_name(type_id))

    def _emit_struct_def(self, type_id: int, lvl: int) -> None:
        # btf_dump_emit_struct_def(), reading the record's words
        out = self._out
        words = self._words
        is_struct = self._kinds[type_id] == STRUCT
        first, end, kflag, t_size = self._members(type_id)
        vlen = (end - first) // MEMBER_WORDS
        # the members' name_off, type and offset words, side by side
        mwords = words[first:end]
        mnames = mwords[MEMBER_NAME - HDR_WORDS::MEMBER_WORDS]
        mtypes = mwords[MEMBER_TYPE - HDR_WORDS::MEMBER_WORDS]
        moffs = mwords[MEMBER_OFFSET - HDR_WORDS::MEMBER_WORDS]
        aligns = self._align_cache
        align = aligns.get(type_id)
        if align is None:
            # btf__align_of(), here when every member's alignment is known
            # (the common case: members are defined first), else through
            # chains.align_of's walk
            known = known_aligns(words, self._idx, self._kinds, mtypes, self._btf_ptr_sz, aligns)
            if all(known):
                align = aligns[type_id] = struct_align(known, moffs, kflag, t_size)
            else:
                align = self._align_of(type_id)
        # btf__align_of() gives 1 to a struct that must be packed; with an
        # alignment above 1 (all members aligned, none without alignment)
        # btf_is_struct_packed() cannot find one out of place
        packed = self._is_struct_packed(type_id) if is_struct and align <= 1 else False
        # each member's btf__align_of() (1 when packed) matters only where
        # padding goes before it.  An alignment above 1 came from every
        # member's, all remembered then: those are read where needed.
        # Otherwise each is asked for in turn, as libbpf does (a member
        # without one warns, or fails, there).
        lazy = align > 1 and not packed
        eager = align <= 1 and not packed

        out.append(("struct" if is_struct else "union") + (" " if words[first - HDR_WORDS + NAME] else "")
                   + self._type_name(type_id) + " {")
        # _spend(), inline
        self._budget -= vlen
        if self._budget < 0:
            self._spend(type_id, 0)

        lvl1 = lvl + 1
        nl1 = _NL_PFX[lvl1] if 0 <= lvl1 < PREFIX_CNT else ("\n" + pfx(lvl1))
        align_of = self._align_of
        resolve_size = self._resolve_size
        sizes = self._size_cache
        bit_padding = self._emit_bit_padding
        type_decl = self._emit_type_decl
        strs = self._strs
        # _emit_type_decl's cache, looked up here first (the switches do
        # not change within a definition)
        decls = self._decls
        prev_bitfield = False
        off = 0
        m_align = 1
        append = out.append
        for name_off, mtype, m_off in zip(mnames, mtypes, moffs):
            # btf_member_bitfield_size(), btf_member_bit_offset() (as int)
            if kflag:
                m_sz = m_off >> 24
                m_off &= 0xFFFFFF
            else:
                m_sz = 0
                if m_off >= 0x80000000:
                    m_off -= 0x100000000
            if eager:
                m_align = aligns.get(mtype) or align_of(mtype)
            if off < m_off:
                # (in_bitfield: prev_bitfield and m_sz != 0)
                bit_padding(off, m_off, aligns[mtype] if lazy else m_align, prev_bitfield and m_sz != 0, lvl1)
            append(nl1)
            name = (strs.get(name_off) or self._str(type_id, name_off)) if name_off else ""
            cached = decls.get(2 * mtype + (not name))
            if cached is None:
                type_decl(mtype, name, lvl1)
            else:
                append(cached.replace("\0", name) if name else cached)
            if m_sz:
                append(f": {m_sz};")
                off = m_off + m_sz
                prev_bitfield = True
            else:
                size = sizes.get(mtype)
                m_sz = resolve_size(mtype) if size is None else size
                if m_sz > 0:
                    off = m_off + m_sz * 8
                else:
                    off = m_off
                prev_bitfield = False
                append(";")

        # pad at the end, if necessary
        if is_struct:
            end_off = (t_size * 8) & 0xFFFFFFFF  # t->size * 8 in __u32, then int
            if end_off >= 0x80000000:
                end_off -= 0x100000000
            bit_padding(off, end_off, align, False, lvl1)

        # keep `struct empty {}` on a single line
        if vlen or t_size:
            out.append("\n" + pfx(lvl) + "}")
        else:
            out.append("}")
        if packed:
            out.append(" __attribute__((packed))")
        self._anon_defs += 1

    def _emit_missing_aliases(self, type_id: int) -> None:
        # btf_dump_emit_missing_aliases()
        name = self._type_name(type_id)
        alias = _MISSING_BASE_TYPES.get(name)
        if alias is not None:
            self._out.append(f"typedef {alias} {name};\n\n")

    def _emit_enum_fwd(self, type_id: int) -> None:
        # btf_dump_emit_enum_fwd()
        self._out.append("enum " + self._type_name(type_id))

    def _enum_values(self, type_id: int) -> list[tuple[int, int]]:
        # btf_enum(t) / btf_enum64(t): (name_off, value) of each enumerator,
        # signed when the kind flag says so
        words = self._words
        i = self._idx[type_id]
        info = words[i + INFO]
        vlen = info & 0xFFFFFF
        signed = info >> 31
        if self._kinds[type_id] == ENUM:
            seg = words[i + HDR_WORDS:i + HDR_WORDS + ENUM_WORDS * vlen]
            vals = list(zip(seg[ENUM_NAME - HDR_WORDS::ENUM_WORDS], seg[ENUM_VAL - HDR_WORDS::ENUM_WORDS]))
            if signed:
                return [(n, v - 0x100000000 if v >= 0x80000000 else v) for n, v in vals]
            return vals
        seg = words[i + HDR_WORDS:i + HDR_WORDS + ENUM64_WORDS * vlen]
        vals = [(n, hi << 32 | lo) for n, lo, hi in zip(seg[ENUM64_NAME - HDR_WORDS::ENUM64_WORDS],
                                                        seg[ENUM64_LO - HDR_WORDS::ENUM64_WORDS],
                                                        seg[ENUM64_HI - HDR_WORDS::ENUM64_WORDS])]
        if signed:
            return [(n, v - (1 << 64) if v >= 1 << 63 else v) for n, v in vals]
        return vals

    def _emit_enum_vals(self, type_id: int, values: list[tuple[int, int]], lvl: int) -> None:
        # btf_dump_emit_enum32_val() / btf_dump_emit_enum64_val()
        out = self._out
        nl = "\n" + pfx(lvl + 1)
        ident_names = self.ident_names
        strs = self._strs
        if self._kinds[type_id] == ENUM:
            suffix = ","
        else:
            suffix = "LL," if self._words[self._idx[type_id] + INFO] >> 31 else "ULL,"
        for name_off, value in values:
            name = (strs.get(name_off) or self._str(type_id, name_off)) if name_off else ""
            # enumerators share namespace with typedef idents
            dup_cnt = ident_names.get(name, 0) + 1
            ident_names[name] = dup_cnt
            if dup_cnt > 1:
                out.append(f"{nl}{name}___{dup_cnt} = {value}{suffix}")
            else:
                out.append(f"{nl}{name} = {value}{suffix}")

    def _emit_enum_def(self, type_id: int, lvl: int) -> None:
        # btf_dump_emit_enum_def()
        out = self._out
        i = self._idx[type_id]
        out.append("enum" + (" " if self._words[i + NAME] else "") + self._type_name(type_id))
        self._anon_defs += 1
        values = self._enum_values(type_id)
        if not values:
            return
        out.append(" {")
        self._emit_enum_vals(type_id, values, lvl)
        out.append("\n" + pfx(lvl) + "}")
        if self.release.c_enum_mode_attr:
            # special case enums with special sizes (libbpf 1.2+)
            size = self._words[i + SIZE]
            if size == 1:
                out.append(" __attribute__((mode(byte)))")
            elif size == 8 and self.ptr_sz == 8:
                # an ENUM can't hold 64-bit values; an ENUM64 needs the
                # mode unless one of its values has upper bits set
                if self._kinds[type_id] == ENUM or not any((v & 0xFFFFFFFF00000000) for _, v in values):
                    out.append(" __attribute__((mode(word)))")

    def _emit_fwd_def(self, type_id: int) -> None:
        # btf_dump_emit_fwd_def()
        name = self._type_name(type_id)
        self._out.append(("union " if self._words[self._idx[type_id] + INFO] >> 31 else "struct ") + name)

    def _emit_typedef_def(self, type_id: int, lvl: int) -> None:
        # btf_dump_emit_typedef_def()
        name = self._ident_name(type_id)
        target = self._words[self._idx[type_id] + TYPE]
        # old GCC emits __gnuc_va_list as a typedef of void: point it at
        # __builtin_va_list instead
        if target == 0 and name == "__gnuc_va_list":
            self._out.append("typedef __builtin_va_list __gnuc_va_list")
            return
        self._out.append("typedef ")
        self._emit_type_decl(target, name, lvl)

    # -- declarations ------------------------------------------------------------------------
    def _emit_type_decl(self, type_id: int, fname: str, lvl: int) -> None:
        # btf_dump_emit_type_decl()
        #
        # A chain that prints no inline definition (anonymous struct, union
        # or enum) and no warning comes out the same every time once its
        # names are resolved, at any level: it is cached, with a
        # placeholder for a non-empty field name (an empty one changes the
        # spacing, so it has its own entry).  A non-empty name is printed
        # as the placeholder and put in afterwards (a NUL is in no name, and
        # nothing printed depends on the name but its emptiness).
        key = 2 * type_id + (not fname)
        cached = self._decls.get(key)
        out = self._out
        if cached is not None:
            out.append(cached.replace("\0", fname) if fname else cached)
            return
        start = len(out)
        defs = self._anon_defs
        warns = len(self.warnings)
        depth = self._depth = self._depth + 1
        if depth > MAX_TYPE_DEPTH:
            raise too_deep(self.btf, type_id)
        if not fname or "\0" in fname:
            self._emit_type_chain(self._decl_stack(type_id), fname, lvl)
            self._depth = depth - 1
            if not fname and self._anon_defs == defs and len(self.warnings) == warns:
                self._decls[key] = "".join(out[start:])
            return
        try:
            self._emit_type_chain(self._decl_stack(type_id), "\0", lvl)
        finally:
            # (also when an error stops the output here: what was printed
            # carries the name)
            tmpl = "".join(out[start:])
            del out[start:]
            out.append(tmpl.replace("\0", fname))
        self._depth = depth - 1
        if self._anon_defs == defs and len(self.warnings) == warns:
            self._decls[key] = tmpl

    def _decl_stack(self, type_id: int) -> list[int]:
        # the for (;;) loop of btf_dump_emit_type_decl(): push the chain of
        # modifiers, pointers, arrays and prototypes down to a base type.
        # libbpf loops forever on a cycle; it is cut after type_cnt links.
        kinds = self._kinds
        words = self._words
        idx = self._idx
        strip_mods = self.strip_mods
        decls: list[int] = []
        tid = type_id
        limit = self.last_id + 2
        n_ids = self.last_id + 1
        while True:
            if tid >= n_ids:
                # no scan of all types vouches for the ids of a lone declaration
                raise BtfValidationError(f"type [{decls[-1] if decls else type_id}]: referenced type id {tid} "
                                         f"is out of range (last id {self.last_id})", source=self.btf.source)
            kind = kinds[tid]
            if not (strip_mods and kind in _MOD_KINDS):
                decls.append(tid)
            # VOID
            if tid == 0:
                break
            if kind in _CHAIN_KINDS:
                # t->type; btf_array(t)->type for an array
                tid = words[idx[tid] + (ARRAY_TYPE if kind == ARRAY else TYPE)]
                limit -= 1
                if limit < 0:
                    self._warn(f"type chain loop, id:[{type_id}]")
                    break
                continue
            if kind not in _TERMINAL_KINDS:
                self._warn(f"unexpected type in decl chain, kind:{kind}, id:[{tid}]")
            break
        return decls

    def _emit_mods(self, decls: list[int]) -> None:
        # btf_dump_emit_mods(): const/volatile/restrict left of a base type
        kinds = self._kinds
        out = self._out
        while decls:
            kind = kinds[decls[-1]]
            if kind == VOLATILE:
                out.append("volatile ")
            elif kind == CONST:
                out.append("const ")
            elif kind == RESTRICT:
                out.append("restrict ")
            else:
                return
            decls.pop()

    def _drop_mods(self, decls: list[int]) -> None:
        # btf_dump_drop_mods()
        kinds = self._kinds
        while decls and kinds[decls[-1]] in _MOD_KINDS:
            decls.pop()

    def _emit_name(self, name: str, last_was_ptr: bool) -> None:
        # btf_dump_emit_name()
        if name and not last_was_ptr:
            self._out.append(" " + name)
        else:
            self._out.append(name)

    def _emit_type_chain(self, decls: list[int], fname: str, lvl: int) -> None:
        # btf_dump_emit_type_chain(): pops decls (terminal type on top)
        #
        # last_was_ptr: no space before '*' after another '*' (`int ***`);
        # true at first for a lone pointer in a function pointer's chain,
        # emitted as (*) or (*<fname>)
        kinds = self._kinds
        words = self._words
        idx = self._idx
        out = self._out
        last_was_ptr = True
        while decls:
            tid = decls.pop()
            if tid == 0:
                # VOID is a special snowflake
                self._emit_mods(decls)
                out.append("void")
                last_was_ptr = False
                continue
            kind = kinds[tid]
            if kind == PTR:
                out.append("*" if last_was_ptr else " *")
            elif kind == TYPEDEF:
                self._emit_mods(decls)
                out.append(self._ident_name(tid))
            elif kind == INT or kind == FLOAT:
                self._emit_mods(decls)
                out.append(self._name_of(tid))
            elif kind == STRUCT or kind == UNION:
                self._emit_mods(decls)
                named = words[idx[tid] + NAME]
                # inline anonymous struct/union
                if not named and self._anon_stub is not None:
                    out.append(("struct " if kind == STRUCT else "union ") + self._anon_stub)
                elif not named and not self.skip_anon_defs:
                    self._emit_struct_def(tid, lvl)
                else:
                    self._emit_struct_fwd(tid)
            elif kind == CONST:
                out.append(" const")
            elif kind == VOLATILE:
                out.append(" volatile")
            elif kind == RESTRICT:
                out.append(" restrict")
            elif kind == ENUM or kind == ENUM64:
                self._emit_mods(decls)
                named = words[idx[tid] + NAME]
                # inline anonymous enum
                if not named and self._anon_stub is not None:
                    out.append("enum " + self._anon_stub)
                elif not named and not self.skip_anon_defs:
                    self._emit_enum_def(tid, lvl)
                else:
                    self._emit_enum_fwd(tid)
            elif kind == FWD:
                self._emit_mods(decls)
                self._emit_fwd_def(tid)
            elif kind == TYPE_TAG:
                self._emit_mods(decls)
                tag = self._name_of(tid)
                if words[idx[tid] + INFO] >> 31 and self.release.c_type_tag_kflag_attr:
                    out.append(f" __attribute__(({tag}))")
                else:
                    out.append(f' __attribute__((btf_type_tag("{tag}")))')
            elif kind == ARRAY:
                nelems = words[idx[tid] + ARRAY_NELEMS]
                # GCC emits extra const/volatile for arrays of const or
                # volatile elements (gcc bug 8354): drop them
                self._drop_mods(decls)
                if not decls:
                    self._emit_name(fname, last_was_ptr)
                    out.append(f"[{nelems}]")
                    return
                multidim = kinds[decls[-1]] == ARRAY
                # we need space if we have named non-pointer
                if fname and not last_was_ptr:
                    out.append(" ")
                # no parentheses for multi-dimensional array
                if not multidim:
                    out.append("(")
                depth = self._depth = self._depth + 1
                if depth > MAX_TYPE_DEPTH:
                    raise too_deep(self.btf, tid)
                self._emit_type_chain(decls, fname, lvl)
                self._depth = depth - 1
                if not multidim:
                    out.append(")")
                out.append(f"[{nelems}]")
                return
            elif kind == FUNC_PROTO:
                i = idx[tid]
                vlen = words[i + INFO] & 0xFFFFFF
                seg = words[i + HDR_WORDS:i + HDR_WORDS + PARAM_WORDS * vlen]
                # btf_params(t): (name_off, type) of each parameter
                params = list(zip(seg[PARAM_NAME - HDR_WORDS::PARAM_WORDS], seg[PARAM_TYPE - HDR_WORDS::PARAM_WORDS]))
                # GCC adds volatile to noreturn function pointers: drop it
                self._drop_mods(decls)
                if decls:
                    out.append(" (")
                    depth = self._depth = self._depth + 1
                    if depth > MAX_TYPE_DEPTH:
                        raise too_deep(self.btf, tid)
                    self._emit_type_chain(decls, fname, lvl)
                    self._depth = depth - 1
                    out.append(")")
                else:
                    self._emit_name(fname, last_was_ptr)
                out.append("(")
                # no args, or clang's single void arg: (void)
                if vlen == 0 or (vlen == 1 and params[0][1] == 0):
                    out.append("void)")
                    return
                for n, (pname_off, ptype) in enumerate(params):
                    if n > 0:
                        out.append(", ")
                    # last arg of type void is vararg
                    if n == vlen - 1 and ptype == 0:
                        out.append("...")
                        break
                    self._emit_type_decl(ptype, self._str(tid, pname_off) if pname_off else "", lvl)
                out.append(")")
                return
            else:
                self._warn(f"unexpected type in decl chain, kind:{kind}, id:[{tid}]")
                return
            last_was_ptr = kind == PTR
        self._emit_name(fname, last_was_ptr)

    # -- names -------------------------------------------------------------------------------
    def _resolve_name(self, type_id: int, name_map: dict[str, int]) -> str:
        # btf_dump_resolve_name()
        if self._btf_names:
            return self.btf[type_id].name
        cached = self.cached_names.get(type_id)
        if cached is not None:
            return cached
        i = self._idx[type_id]
        words = self._words
        name_off = words[i + NAME]
        if not name_off:
            return ""
        orig = self._strs.get(name_off) or self._str(type_id, name_off)
        kind = self._kinds[type_id]
        if kind == FWD or (kind == ENUM and not words[i + INFO] & 0xFFFFFF):
            self.cached_names[type_id] = orig
            return orig
        # btf_dump_name_dups()
        dup_cnt = name_map.get(orig, 0) + 1
        name_map[orig] = dup_cnt
        if dup_cnt > 1:
            name = f"{orig}___{dup_cnt}"
            raw = name.encode("utf-8", "surrogateescape")
            if len(raw) >= _NAME_MAX:  # snprintf(new_name, 256, ...)
                name = raw[:_NAME_MAX - 1].decode("utf-8", "surrogateescape")
        else:
            name = orig
        self.cached_names[type_id] = name
        return name

    def _type_name(self, type_id: int) -> str:
        # btf_dump_type_name() (a name resolved already: straight from
        # _resolve_name's cache)
        if not self._btf_names:
            name = self.cached_names.get(type_id)
            if name is not None:
                return name
        return self._resolve_name(type_id, self.type_names)

    def _ident_name(self, type_id: int) -> str:
        # btf_dump_ident_name() (as _type_name)
        if not self._btf_names:
            name = self.cached_names.get(type_id)
            if name is not None:
                return name
        return self._resolve_name(type_id, self.ident_names)
