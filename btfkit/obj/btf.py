"""The object's BTF as libbpf edits it while opening (:class:`ObjBtf`), and
the lookups of libbpf's ``btf.c`` the object layer uses on it.

:class:`ObjBtf` answers questions about records (``btf[id]``, ``kind_of``,
``find``, iteration); whatever needs the whole :class:`~btfkit.btf.Btf`
interface (the C printer, the raw and JSON dumps, typed data) takes
:meth:`ObjBtf.as_btf`, the fixed-up records re-encoded into a real Btf.
"""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Callable, Iterator, TypeVar, overload

    _K = TypeVar("_K")

from ..btf import Btf
from ..chains import MODS_AND_TYPEDEFS, align_of, skip_chain
from ..errors import BtfLookupError, BtfValidationError
from ..kinds import Kind, kind_name, libbpf_kind_str
from ..sizes import MAX_RESOLVE_DEPTH, resolve_size
from .. import types as T
from ..bpf_defs import BPF_PTR_SZ
from ..words import RawTypes

__all__ = ["ObjBtf", "BtfLike", "skip_mods_and_typedefs", "datasec_var", "btf_resolve_size", "btf_align_of", "btf_find_by_name",
           "btf_find_by_name_kind", "btf_resolve_type", "find_int_btf_id", "string_offset"]


class ObjBtf:
    """The object's BTF after libbpf's open-time changes.

    libbpf edits ``obj->btf`` in place while opening: DATASEC sizes and
    variable offsets (``btf_fixup_datasec``), .kconfig and .ksyms DATASECs and
    their VARs (``bpf_object__collect_externs``), a ``dummy_ksym`` VAR appended
    for kfuncs (``add_dummy_ksym_var``).  A :class:`~btfkit.btf.Btf` is
    immutable, so this view keeps the changed records in an overlay (id ->
    record) and the appended ones in a list; the other records are the
    wrapped Btf's.

    Its interface is this written-down set, no more: the record lookups
    ``btf[id]`` (and :meth:`type_by_id`), :meth:`get`, :meth:`kind_of`,
    :meth:`find`, iteration, :meth:`ids`, ``len()``, :attr:`type_count`,
    :attr:`start_id`, :attr:`source`; the object layer's own
    :meth:`datasecs`, :attr:`changed_ids`, and the two changes libbpf
    makes (:meth:`set_type`, :meth:`add_type`, while opening only); and
    :attr:`raw`, :meth:`as_btf` and :meth:`for_printer` for everything a
    :class:`~btfkit.btf.Btf` does beyond that (printers, dumps, strings).
    There is no attribute forwarding: a Btf's other attributes read on
    this view raise AttributeError rather than answer with the raw records.
    """

    raw: Btf
    """The BTF as the ELF file's ``.BTF`` section has it, unchanged."""

    def __init__(self, btf: Btf) -> None:
        self.raw = btf
        self._over: dict[int, T.BtfType] = {}
        self._extra: list[T.BtfType] = []
        self._first_extra = btf.type_count
        self._datasecs: list[T.Datasec] | None = None
        self._btf: Btf | None = None  # as_btf(), built on first use

    # -- changes: made by the object layer only, while opening ----------------------------------
    def set_type(self, type_id: int, t: T.BtfType) -> None:
        """Replace the record of ``type_id`` (libbpf writes into ``obj->btf``)."""
        self._datasecs = None
        self._btf = None
        if type_id >= self._first_extra:
            self._extra[type_id - self._first_extra] = t
        else:
            self._over[type_id] = t

    def add_type(self, make: Callable[[int], T.BtfType]) -> int:
        """Append the record ``make(new_id)`` (libbpf's ``btf__add_*``); its id."""
        self._datasecs = None
        self._btf = None
        tid = self._first_extra + len(self._extra)
        self._extra.append(make(tid))
        return tid

    # -- the object layer's questions ---------------------------------------------------------------
    def datasecs(self) -> list[T.Datasec]:
        """Every DATASEC (fixed up), in id order; found once."""
        if self._datasecs is None:
            found: list[T.Datasec] = []
            for i in range(1, self.type_count):
                if self.kind_of(i) == Kind.DATASEC:
                    t = self[i]
                    assert t.kind == Kind.DATASEC
                    found.append(t)
            self._datasecs = found
        return self._datasecs

    @property
    def changed_ids(self) -> frozenset[int]:
        """Ids whose record differs from the raw BTF, appended ones included."""
        return frozenset(self._over) | frozenset(range(self._first_extra, self.type_count))

    # -- a real Btf -------------------------------------------------------------------------------
    def as_btf(self) -> Btf:
        """The fixed-up BTF as a real :class:`~btfkit.btf.Btf`: the records
        of this view re-encoded (changed and appended ones included) with
        the raw strings (and the names libbpf added), split on the same
        base, with the raw one's pointer size and ELF file; built on first
        use after the last change.  Ids are this view's."""
        if self._btf is None:
            from ..writer import build_btf_compact

            raw = self.raw
            # names libbpf added with the records it appended (btf__add_var's
            # "dummy_ksym") go after the section, where their offsets say
            strings = bytearray(raw.strings)
            end = raw.start_str_off
            for t in sorted(list(self._over.values()) + self._extra, key=lambda t: t.name_off):
                local = t.name_off - end
                if local >= len(strings):
                    strings += bytes(local - len(strings)) + t.name.encode("utf-8", "surrogateescape") + b"\0"
            b = Btf(build_btf_compact(raw, bytes(strings), records=iter(self)), base=raw.base, source=raw.source)
            if raw.pointer_size:
                b.set_pointer_size(raw.pointer_size)
            b.elf = raw.elf
            self._btf = b
        return self._btf

    def raw_types(self) -> "RawTypes":
        """The records of this view as words (:meth:`btfkit.btf.Btf.raw_types`,
        changes included: :meth:`as_btf`'s when anything was changed), for
        :func:`btfkit.chains.align_of` and :func:`btfkit.sizes.resolve_size`."""
        if not self._over and not self._extra:
            return self.raw.raw_types()
        return self.as_btf().raw_types()

    def for_printer(self) -> Btf:
        """What the C printer should read: :meth:`as_btf` when a change is
        visible in C declarations (the parameter names libbpf gives kfunc
        prototypes), else the raw Btf (the DATASEC/VAR/FUNC changes are never
        printed as C), which spares the re-encoding."""
        if any(t.kind == Kind.FUNC_PROTO for t in self._over.values()):
            return self.as_btf()
        return self.raw

    # -- record lookups, as a Btf answers them ------------------------------------------------------
    @property
    def source(self) -> str:
        """Where the BTF came from (the object file's path): :attr:`raw`'s."""
        return self.raw.source

    @property
    def start_id(self) -> int:
        """The first id of the BTF's own types (1: an object's BTF is not split)."""
        return self.raw.start_id

    @property
    def type_count(self) -> int:
        """One past the largest id, appended records included (btf__type_cnt)."""
        return self._first_extra + len(self._extra)

    def __len__(self) -> int:
        """How many types, appended records included (void not counted)."""
        return len(self.raw) + len(self._extra)

    def __getitem__(self, type_id: int) -> T.BtfType:
        """The (fixed-up) record of ``type_id``; BtfLookupError past the end."""
        t = self._over.get(type_id)
        if t is not None:
            return t
        if type_id >= self._first_extra:
            i = type_id - self._first_extra
            if i < len(self._extra):
                return self._extra[i]
        return self.raw[type_id]

    type_by_id = __getitem__

    if TYPE_CHECKING:
        @overload
        def get(self, type_id: int) -> T.BtfType: ...
        @overload
        def get(self, type_id: int, cls: type[_K]) -> _K: ...

    def get(self, type_id: int, cls: type[object] | None = None) -> object:
        """``btf[type_id]`` checked to be of class ``cls``, as
        :meth:`btfkit.btf.Btf.get` (BtfLookupError otherwise)."""
        t = self[type_id]
        if cls is None or isinstance(t, cls):
            return t
        raise BtfLookupError(f"type [{type_id}] is {kind_name(t.kind)}, not {cls.__name__}", source=self.source)

    def kind_of(self, type_id: int) -> int:
        """The kind of ``type_id`` (of the fixed-up record)."""
        if type_id in self._over or type_id >= self._first_extra:
            return self[type_id].kind
        return self.raw.kind_of(type_id)

    def __iter__(self) -> Iterator[T.BtfType]:
        """The BTF's own types in id order, fixed up, appended ones last."""
        for tid in range(self.raw.start_id, self.type_count):
            yield self[tid]

    def ids(self) -> range:
        """Every id of the BTF's own types, appended ones included."""
        return range(self.raw.start_id, self.type_count)

    def find(self, name: str, kind: int | None = None) -> list[int]:
        """Ids of every type named ``name`` (optionally of one kind), appended ones last."""
        found = self.raw.find(name, kind)
        if self._over:
            # an overlay record keeps its name; only its kind could differ
            found = [i for i in found if kind is None or self[i].kind == kind]
        found += [t.id for t in self._extra if t.name == name and (kind is None or t.kind == kind)]
        return found

    def __repr__(self) -> str:
        return f"<ObjBtf over {self.raw!r}, {len(self._over)} changed, {len(self._extra)} added>"


#: What the object layer's BTF helpers read: the fixed-up view or a plain Btf.
BtfLike = ObjBtf | Btf


def datasec_var(btf: BtfLike, sec: T.Datasec, i: int) -> T.Var:
    """Entry ``i`` of DATASEC ``sec`` as its VAR; bpftool reads any type there
    as a VAR (undefined behaviour on broken BTF), btfkit raises BtfError."""
    vs = sec.vars[i]
    var = btf[vs.type]
    if var.kind != Kind.VAR:
        raise BtfValidationError(f".BTF: DATASEC '{sec.name}' [{sec.id}] entry #{i}: type [{vs.type}] is "
                                 f"{libbpf_kind_str(var.kind)}, not a var", source=btf.source)
    return var


# -- libbpf's BTF helpers (btf.c) ---------------------------------------------------------------
def skip_mods_and_typedefs(btf: BtfLike, type_id: int) -> tuple[T.BtfType, int]:
    """libbpf skip_mods_and_typedefs(): ``(type, id)`` past modifiers and
    typedefs (the walk is :func:`btfkit.chains.skip_chain`, typed here).

    :raises ~btfkit.chains.ChainLoopError: the chain loops."""
    tid = skip_chain(btf, type_id, MODS_AND_TYPEDEFS)
    return btf[tid], tid


def btf_resolve_size(btf: BtfLike, type_id: int) -> int:
    """btf__resolve_size() with libbpf's 8-byte pointers for BPF objects."""
    return resolve_size(btf, type_id, BPF_PTR_SZ)


def btf_align_of(btf: BtfLike, type_id: int) -> int:
    """btf__align_of() with libbpf's 8-byte pointers for BPF objects: the
    alignment of a type, 1 for packed structs; 0 for kinds that have none
    (libbpf returns 0 with errno EINVAL)."""
    return align_of(btf, type_id, BPF_PTR_SZ)[0]


def btf_find_by_name(btf: BtfLike, name: str) -> int:
    """btf__find_by_name(): the first id (any kind) named ``name``; 0 for
    'void'; -ENOENT when there is none."""
    if name == "void":
        return 0
    ids = btf.find(name)
    return ids[0] if ids else -_errno.ENOENT


def btf_find_by_name_kind(btf: BtfLike, name: str, kind: int) -> int:
    """btf__find_by_name_kind(): the first id of ``kind`` named ``name``; -ENOENT."""
    ids = btf.find(name, kind)
    return ids[0] if ids else -_errno.ENOENT


# the classes of the kinds btf__resolve_type() passes: MODS_AND_TYPEDEFS and VAR
_RESOLVE_THROUGH = (T.Typedef, T.Volatile, T.Const, T.Restrict, T.TypeTag, T.Var)
assert {c.kind for c in _RESOLVE_THROUGH} == MODS_AND_TYPEDEFS | {Kind.VAR}


def btf_resolve_type(btf: BtfLike, type_id: int) -> int:
    """btf__resolve_type(): past modifiers, typedefs and VARs; -EINVAL for
    void or a chain of :data:`~btfkit.sizes.MAX_RESOLVE_DEPTH` links."""
    t = btf[type_id]
    depth = 0
    while depth < MAX_RESOLVE_DEPTH and isinstance(t, _RESOLVE_THROUGH):
        type_id = t.type
        t = btf[type_id]
        depth += 1
    if depth == MAX_RESOLVE_DEPTH or t.kind == Kind.UNKN:
        return -_errno.EINVAL
    return type_id


def find_int_btf_id(btf: BtfLike) -> int:
    """libbpf find_int_btf_id(): the first 32-bit INT, or 0."""
    for tid in range(1, btf.type_count):
        if btf.kind_of(tid) == Kind.INT:
            t = btf[tid]
            if t.kind == Kind.INT and t.nr_bits == 32:
                return tid
    return 0


def string_offset(btf: Btf, s: str) -> int:
    """Where btf__add_str() would put ``s``: its offset if present, else the end."""
    want = s.encode("utf-8", "surrogateescape") + b"\0"
    strings = btf.strings
    if strings.startswith(want):
        return btf.start_str_off
    pos = strings.find(b"\0" + want)
    if pos >= 0:
        return btf.start_str_off + pos + 1
    return btf.start_str_off + len(strings)
