"""A BPF object file as libbpf opens it: programs, maps and fixed-up BTF.

This mirrors ``bpf_object__open_mem()`` of the libbpf built into Debian 12's
bpftool 7.1.0 (``tools/lib/bpf/libbpf.c`` of Linux 6.1), step for step, and
of libbpf 1.5 and 1.8 (bpftool 7.5, 7.8) where ``BpfObject.release``'s
``libbpf_*`` switches say so (see :mod:`btfkit.releases`: memory-mapped
internal maps, hidden variables, .bss.*, struct_ops sections, ARENA maps,
__ulong map_extra, .jumptables, either byte order)::

    bpf_object__elf_init()          ELF class, type, machine
    bpf_object__check_endianness()  (only when asked: the host's byte order)
    bpf_object__elf_collect()       sections: programs, data, .maps, .BTF, relocations
    bpf_object__collect_externs()   .kconfig and .ksyms externs, their DATASEC fix-ups
    bpf_object__finalize_btf()      DATASEC sizes and variable offsets from the ELF
    bpf_object__init_maps()         .maps, .data/.rodata/.bss (+ custom), .kconfig, struct_ops
    bpf_object__collect_relos()     relocation sanity checks

Each step is a function or method named after its libbpf original.  The
result is what ``bpftool gen skeleton`` reads: :attr:`BpfObject.maps` in
libbpf's order with libbpf's names, :meth:`BpfObject.entry_programs` (what
``bpf_object__for_each_program`` visits: no sub-programs), and
:attr:`BpfObject.btf`, the object's BTF with libbpf's open-time fix-ups
applied (an :class:`ObjBtf` view over the immutable :class:`~btfkit.btf.Btf`).

bpftool's identifier helpers (``sanitize_identifier``, ``get_map_ident``,
``get_datasec_ident`` from ``tools/bpf/bpftool/gen.c``) live in
:mod:`btfkit.gen.naming` and are re-exported here; the shared uapi/libbpf
constants live in :mod:`btfkit.bpf_defs` and are re-exported here too.

A failure raises :class:`BpfObjectError`; its message is libbpf's warning and
its ``strerror`` is what bpftool prints after "failed to open BPF object file: ".
"""

from __future__ import annotations

import errno as _errno
import os
import sys
from bisect import bisect_right
from typing import Iterator

from .btf import Btf
from .elf import ElfFile
from .errors import BtfError, BtfValidationError, ElfError
from .kinds import Kind, libbpf_kind_str as _kind_str
from .loader import read_file
from .schema.elf_formats import (
    ELFCLASS64, EM_BPF, ET_REL, SHF_EXECINSTR, SHN_LORESERVE, SHN_UNDEF, SHT_NOBITS, SHT_PROGBITS, SHT_LLVM_ADDRSIG, SHT_REL, SHT_STRTAB, SHT_SYMTAB,
    STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION, STV_HIDDEN, STV_INTERNAL,
    formats as elf_formats,
)
from .releases import Release, release
from .chains import MODS_AND_TYPEDEFS, align_of, chain_loop, skip_mods_and_typedefs
from .sizes import MAX_RESOLVE_DEPTH, resolve_size
from .types import Var
from .gen.naming import (  # noqa: F401  (re-exported: the public names predate btfkit.gen.naming)
    _IDENT_BYTES, get_datasec_ident, get_map_ident, is_internal_mmapable_map, sanitize_identifier,
)

__all__ = [
    "BpfObject", "BpfMap", "BpfProgram", "Extern", "ObjBtf", "BpfObjectError",
    "open_object", "sanitize_identifier", "get_map_ident", "get_datasec_ident",
    "is_internal_mmapable_map", "datasec_var", "btf_align_of", "btf_resolve_size", "skip_mods_and_typedefs",
    "LIBBPF_MAP_UNSPEC", "LIBBPF_MAP_DATA", "LIBBPF_MAP_BSS", "LIBBPF_MAP_RODATA",
    "LIBBPF_MAP_KCONFIG", "BPF_F_MMAPABLE", "BPF_F_RDONLY_PROG",
]

# -- constants (uapi/linux/bpf.h, elf.h, libbpf.c): btfkit/bpf_defs.py --------------------------
from .bpf_defs import (  # noqa: F401  (re-exported: gen and tests import them from here)
    BPF_OBJ_NAME_LEN, BPF_INSN_SZ, BPF_F_RDONLY_PROG, BPF_F_MMAPABLE, BPF_MAP_TYPE_UNSPEC, BPF_MAP_TYPE_ARRAY,
    BPF_MAP_TYPE_PROG_ARRAY, BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_STRUCT_OPS,
    BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_ARENA, BPF_F_LINK, PAGE_SIZE, LIBBPF_MAP_UNSPEC, LIBBPF_MAP_DATA,
    LIBBPF_MAP_BSS, LIBBPF_MAP_RODATA, LIBBPF_MAP_KCONFIG, EXT_UNKNOWN, EXT_KCFG, EXT_KSYM, KCFG_UNKNOWN,
    KCFG_CHAR, KCFG_BOOL, KCFG_INT, KCFG_TRISTATE, KCFG_CHAR_ARR, SEC_UNUSED, SEC_RELO, SEC_BSS, SEC_DATA,
    SEC_RODATA, DATA_SEC, BSS_SEC, RODATA_SEC, KCONFIG_SEC, KSYMS_SEC, STRUCT_OPS_SEC, MAPS_ELF_SEC,
    BTF_ELF_SEC, BTF_EXT_ELF_SEC, ARENA_SEC, JUMPTABLES_SEC, STRUCT_OPS_LINK_SEC, _ST_OPS_SECS_15,
    BTF_VAR_STATIC, BTF_VAR_GLOBAL_ALLOCATED, BTF_VAR_GLOBAL_EXTERN, BTF_FUNC_STATIC, BTF_FUNC_GLOBAL,
    BTF_FUNC_EXTERN, BPF_PTR_SZ,
)

# entry sizes libbpf checks, from the schemas (24 and 16)
ELF64_SYM_SIZE = elf_formats(ELFCLASS64, "little").symbol.size
ELF64_REL_SIZE = elf_formats(ELFCLASS64, "little").rel.size

# libbpf_errno.c: the libbpf-specific error codes and their strings
__LIBBPF_ERRNO__START = 4000
LIBBPF_ERRNO__LIBELF = 4000
LIBBPF_ERRNO__FORMAT = 4001
LIBBPF_ERRNO__ENDIAN = 4003
LIBBPF_ERRNO__INTERNAL = 4004
LIBBPF_ERRNO__RELOC = 4005
_LIBBPF_STRERROR = {
    4000: "Something wrong in libelf",
    4001: "BPF object format invalid",
    4002: "'version' section incorrect or lost",
    4003: "Endian mismatch",
    4004: "Internal error in libbpf",
    4005: "Relocation failed",
    4007: "Kernel verifier blocks program loading",
    4008: "Program too big",
    4009: "Incorrect kernel version",
    4010: "Kernel doesn't support this program type",
    4011: "Wrong pid in netlink message",
    4012: "Invalid netlink sequence",
    4013: "Incorrect netlink message parsing",
}



def libbpf_strerror(err: int) -> str:
    """libbpf_strerror(): the text of an errno or a LIBBPF_ERRNO__* code."""
    err = abs(err)
    if err < __LIBBPF_ERRNO__START:
        return os.strerror(err)
    return _LIBBPF_STRERROR.get(err, f"Unknown libbpf error {err}")


class BpfObjectError(BtfError):
    """libbpf would fail to open this object.

    ``detail`` is libbpf's warning (what it prints as ``libbpf: ...``),
    ``errno`` the (positive) error code and ``strerror`` its text, as bpftool
    prints it after "failed to open BPF object file: "."""

    def __init__(self, message: str, *, source: str | None = None, errno: int = _errno.EINVAL) -> None:
        super().__init__(message, source=source)
        self.errno = abs(errno)

    @property
    def strerror(self) -> str:
        return libbpf_strerror(self.errno)

    def with_source(self, source: str) -> "BpfObjectError":
        if self.source:
            return self
        err = type(self)(self.detail, source=source, errno=self.errno)
        err.__cause__ = self.__cause__
        return err


def _b(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _s(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def datasec_var(btf, sec, i: int):
    """Entry ``i`` of DATASEC ``sec`` as its VAR; bpftool reads any type there
    as a VAR (undefined behaviour on broken BTF), btfkit raises BtfError."""
    vs = sec.vars[i]
    var = btf[vs.type]
    if var.kind != Kind.VAR:
        raise BtfValidationError(f".BTF: DATASEC '{sec.name}' [{sec.id}] entry #{i}: type [{vs.type}] is "
                                 f"{_kind_str(var.kind)}, not a var", source=btf.source)
    return var


# -- libbpf's BTF helpers (btf.c) ---------------------------------------------------------------
def btf_resolve_size(btf, type_id: int) -> int:
    """btf__resolve_size() with libbpf's 8-byte pointers for BPF objects."""
    return resolve_size(btf, type_id, BPF_PTR_SZ)


def btf_align_of(btf, type_id: int) -> int:
    """btf__align_of() with libbpf's 8-byte pointers for BPF objects: the
    alignment of a type, 1 for packed structs; 0 for kinds that have none
    (libbpf returns 0 with errno EINVAL)."""
    return align_of(btf, type_id, BPF_PTR_SZ)[0]


def btf_find_by_name(btf, name: str) -> int:
    """btf__find_by_name(): the first id (any kind) named ``name``; 0 for
    'void'; -ENOENT when there is none."""
    if name == "void":
        return 0
    ids = btf.find(name)
    return ids[0] if ids else -_errno.ENOENT


def btf_find_by_name_kind(btf, name: str, kind: int) -> int:
    ids = btf.find(name, kind)
    return ids[0] if ids else -_errno.ENOENT


# -- the fixed-up BTF view ----------------------------------------------------------------------
class ObjBtf:
    """The object's BTF after libbpf's open-time changes.

    libbpf edits ``obj->btf`` in place while opening: DATASEC sizes and
    variable offsets (``btf_fixup_datasec``), .kconfig and .ksyms DATASECs and
    their VARs (``bpf_object__collect_externs``), a ``dummy_ksym`` VAR appended
    for kfuncs (``add_dummy_ksym_var``).  A :class:`~btfkit.btf.Btf` is
    immutable, so this view keeps the changed records in an overlay (id ->
    record) and appended ones in a list; everything else, including the raw
    bytes and string section, is the wrapped Btf's.  It answers the same
    questions as a Btf (``btf[id]``, ``kind_of``, ``type_count``, ``find``,
    iteration, ``str_at``...) so the C printer can take it in place of one.
    """

    def __init__(self, btf) -> None:
        self.raw = btf
        self._over: dict[int, object] = {}
        self._extra: list = []
        self._first_extra = btf.type_count
        self._datasecs: list | None = None
        self._btf = None  # as_btf(), built on first use

    # changes (only obj.py makes them, while opening)
    def _set(self, type_id: int, t) -> None:
        self._datasecs = None
        self._btf = None
        if type_id >= self._first_extra:
            self._extra[type_id - self._first_extra] = t
        else:
            self._over[type_id] = t

    def _add(self, make) -> int:
        self._datasecs = None
        self._btf = None
        tid = self._first_extra + len(self._extra)
        self._extra.append(make(tid))
        return tid

    def for_printer(self):
        """What the C printer should read: this view when a change is visible
        in C declarations (the parameter names libbpf gives kfunc prototypes),
        else the raw Btf (the DATASEC/VAR/FUNC changes are never printed)."""
        if any(t.kind == Kind.FUNC_PROTO for t in self._over.values()):
            return self
        return self.raw

    def datasecs(self) -> list:
        """Every DATASEC (fixed up), in id order; found once."""
        if self._datasecs is None:
            self._datasecs = [self[i] for i in range(1, self.type_count) if self.kind_of(i) == Kind.DATASEC]
        return self._datasecs

    @property
    def changed_ids(self) -> frozenset[int]:
        """Ids whose record differs from the raw BTF, appended ones included."""
        return frozenset(self._over) | frozenset(range(self._first_extra, self.type_count))

    def as_btf(self):
        """The fixed-up BTF as a real :class:`~btfkit.btf.Btf`: the records
        of this view re-encoded (changed and appended ones included) with
        the same strings, split on the same base; built on first use after
        the last change."""
        if self._btf is None:
            from .btf import Btf
            from .writer import build_btf_compact

            raw = self.raw
            # names libbpf added with the records it appended (btf__add_var's
            # "dummy_ksym") go after the section, where their offsets say
            strings = bytearray(raw.strings)
            end = raw.start_str_off
            for t in sorted(list(self._over.values()) + self._extra, key=lambda t: t.name_off):
                local = t.name_off - end
                if local >= len(strings):
                    strings += bytes(local - len(strings)) + t.name.encode("utf-8", "surrogateescape") + b"\0"
            b = Btf(build_btf_compact(self, bytes(strings)), base=raw.base, source=raw.source)
            if raw.pointer_size:
                b.set_pointer_size(raw.pointer_size)
            b.elf = raw.elf
            self._btf = b
        return self._btf

    # the Btf interface: what describes the records comes from the
    # re-encoded BTF, so a printer that reads words sees the fix-ups;
    # the rest (strings, base, byte order, source...) is the raw Btf's
    _FROM_RECORDS = frozenset({"data", "header", "record_words", "record_kinds", "record_offsets",
                               "name_offsets", "nr_types", "to_bytes", "validate", "problems",
                               "name_index", "decode", "encode", "strings", "str_at", "strings_by_offset"})

    def __getattr__(self, name: str):
        if name in ObjBtf._FROM_RECORDS:
            return getattr(self.as_btf(), name)
        return getattr(self.raw, name)

    def __getitem__(self, type_id: int):
        t = self._over.get(type_id)
        if t is not None:
            return t
        if type_id >= self._first_extra:
            i = type_id - self._first_extra
            if i < len(self._extra):
                return self._extra[i]
        return self.raw[type_id]

    type_by_id = __getitem__

    def kind_of(self, type_id: int) -> int:
        if type_id in self._over or type_id >= self._first_extra:
            return self[type_id].kind
        return self.raw.kind_of(type_id)

    @property
    def type_count(self) -> int:
        return self._first_extra + len(self._extra)

    def __len__(self) -> int:
        return len(self.raw) + len(self._extra)

    def __iter__(self) -> Iterator:
        for tid in range(self.raw.start_id, self.type_count):
            yield self[tid]

    def all_types(self) -> Iterator:
        if self.raw.base is not None:
            yield from self.raw.base.all_types()
        yield from self

    def ids(self) -> range:
        return range(self.raw.start_id, self.type_count)

    def follow(self, item):
        return self[item.type]

    def find(self, name: str, kind: int | None = None) -> list[int]:
        found = self.raw.find(name, kind)
        if self._over:
            # an overlay record keeps its name; only its kind could differ
            found = [i for i in found if kind is None or self[i].kind == kind]
        found += [t.id for t in self._extra if t.name == name and (kind is None or t.kind == kind)]
        return found

    def __repr__(self) -> str:
        return f"<ObjBtf over {self.raw!r}, {len(self._over)} changed, {len(self._extra)} added>"


# -- the object model ---------------------------------------------------------------------------
class BpfProgram:
    """A ``struct bpf_program``: one function symbol in an executable section.

    ``name`` is the function's name, ``sec_name`` its section without a
    leading '?' (libbpf's "don't autoload" mark, then ``autoload`` is False);
    ``is_subprog`` is True for functions in ``.text`` (libbpf's
    ``prog_is_subprog``), which ``bpf_object__for_each_program`` skips."""

    __slots__ = ("name", "sec_name", "sec_idx", "sec_insn_off", "sec_insn_cnt", "autoload",
                 "mark_btf_static", "is_subprog", "insns")

    def __init__(self, name: str, sec_name: str, sec_idx: int, sec_off: int, insns: bytes,
                 autoload: bool, mark_btf_static: bool) -> None:
        self.name = name
        self.sec_name = sec_name
        self.sec_idx = sec_idx
        self.sec_insn_off = sec_off // BPF_INSN_SZ
        self.sec_insn_cnt = len(insns) // BPF_INSN_SZ
        self.insns = insns
        self.autoload = autoload
        self.mark_btf_static = mark_btf_static
        self.is_subprog = False

    def __repr__(self) -> str:
        sub = ", subprog" if self.is_subprog else ""
        return f"<BpfProgram {self.name!r} in {self.sec_name!r}{sub}>"


class BpfMap:
    """A ``struct bpf_map`` as libbpf sets it up at open time.

    ``name`` is libbpf's ``map->name`` (for internal maps the kernel-visible
    one, e.g. 'my_objec.rodata'); ``user_name`` is ``bpf_map__name()`` (the
    ELF section name for custom .data.*/.rodata.* maps); ``real_name`` the
    ELF section of an internal map.  ``libbpf_type`` is one of the
    ``LIBBPF_MAP_*`` constants (UNSPEC for BTF-defined and struct_ops maps).
    ``initial_value`` is the section's bytes for .data and .rodata maps;
    ``None`` for .bss and .kconfig (all zeros, ``value_size`` bytes, which
    are not allocated: a section header may claim any size); with libbpf
    1.5 what ``bpf_map__initial_value()`` returns for struct_ops maps (the
    struct's bytes) and an ARENA map (the .addr_space.1 bytes, when there
    are any); ``None`` otherwise."""

    __slots__ = ("name", "real_name", "libbpf_type", "sec_idx", "sec_offset", "btf_var_idx",
                 "map_type", "key_size", "value_size", "max_entries", "map_flags", "map_extra",
                 "numa_node", "pinning", "btf_key_type_id", "btf_value_type_id", "inner_map",
                 "initial_value", "st_ops_type_id")

    def __init__(self, name: str, *, real_name: str | None = None, libbpf_type: int = LIBBPF_MAP_UNSPEC,
                 sec_idx: int = -1, sec_offset: int = 0) -> None:
        self.name = name
        self.real_name = real_name
        self.libbpf_type = libbpf_type
        self.sec_idx = sec_idx
        self.sec_offset = sec_offset
        self.btf_var_idx = -1
        self.map_type = BPF_MAP_TYPE_UNSPEC
        self.key_size = self.value_size = self.max_entries = self.map_flags = 0
        self.map_extra = self.numa_node = self.pinning = 0
        self.btf_key_type_id = self.btf_value_type_id = 0
        self.inner_map: BpfMap | None = None
        self.initial_value: bytes | None = None
        self.st_ops_type_id = 0

    @property
    def is_internal(self) -> bool:
        """bpf_map__is_internal()"""
        return self.libbpf_type != LIBBPF_MAP_UNSPEC

    @property
    def is_struct_ops(self) -> bool:
        return self.map_type == BPF_MAP_TYPE_STRUCT_OPS

    @property
    def user_name(self) -> str:
        """bpf_map__name(): custom .data.*/.rodata.* maps go by their section name."""
        if self.libbpf_type == LIBBPF_MAP_DATA and self.real_name != DATA_SEC:
            return self.real_name
        if self.libbpf_type == LIBBPF_MAP_RODATA and self.real_name != RODATA_SEC:
            return self.real_name
        return self.name

    @property
    def mmapable(self) -> bool:
        return bool(self.map_flags & BPF_F_MMAPABLE)

    @property
    def ident(self) -> str | None:
        """bpftool's name for this map in generated code (get_map_ident)."""
        return get_map_ident(self)

    def mmap_sz(self, page_size: int = 4096) -> int:
        """bpf_map_mmap_sz(): value size rounded to 8, times entries, rounded to a page."""
        sz = (self.value_size + 7) // 8 * 8 * self.max_entries
        return (sz + page_size - 1) // page_size * page_size

    def __repr__(self) -> str:
        kind = ("internal " if self.is_internal else "") + ("struct_ops " if self.is_struct_ops else "")
        return f"<BpfMap {kind}{self.user_name!r}>"


class Extern:
    """A ``struct extern_desc``: an undefined symbol resolved by libbpf (.kconfig or .ksyms)."""

    __slots__ = ("name", "type", "btf_id", "sec_btf_id", "sym_idx", "is_weak", "kcfg_type",
                 "kcfg_sz", "kcfg_align", "kcfg_is_signed", "kcfg_data_off", "ksym_type_id")

    def __init__(self, name: str, btf_id: int, sym_idx: int, is_weak: bool) -> None:
        self.name = name
        self.type = EXT_UNKNOWN
        self.btf_id = btf_id
        self.sec_btf_id = 0
        self.sym_idx = sym_idx
        self.is_weak = is_weak
        self.kcfg_type = KCFG_UNKNOWN
        self.kcfg_sz = self.kcfg_align = self.kcfg_data_off = 0
        self.kcfg_is_signed = False
        self.ksym_type_id = 0

    @property
    def section(self) -> str:
        return {EXT_KCFG: KCONFIG_SEC, EXT_KSYM: KSYMS_SEC}.get(self.type, "")

    def __repr__(self) -> str:
        return f"<Extern {self.name!r} in {self.section}{' weak' if self.is_weak else ''}>"


class _SecDesc:
    __slots__ = ("sec_type", "sec")

    def __init__(self) -> None:
        self.sec_type = SEC_UNUSED
        self.sec = None


def _fixed_name(name: str, limit: int) -> str:
    """libbpf_strlcpy() into a char[limit]: at most limit-1 bytes."""
    raw = _b(name)[:limit - 1]
    return _s(raw)


def internal_map_name(obj_name: str, real_name: str) -> str:
    """libbpf internal_map_name(): as much of the object name as fits in front
    of the section name within the kernel's 15 characters ('my_objec.rodata');
    custom '.data.foo' style names are used alone, cut to 15 characters."""
    real = _b(real_name)
    oname = _b(obj_name)
    sfx_len = max(7, len(real))
    if sfx_len >= BPF_OBJ_NAME_LEN:
        sfx_len = BPF_OBJ_NAME_LEN - 1
    if b"." in real[1:]:
        pfx_len = 0
    else:
        pfx_len = min(BPF_OBJ_NAME_LEN - sfx_len - 1, len(oname))
    name = (oname[:pfx_len] + real[:sfx_len])[:BPF_OBJ_NAME_LEN - 1]
    name = bytes(c if c in _IDENT_BYTES or c == 0x2E else 0x5F for c in name)
    return _s(name)


class BpfObject:
    """A BPF ELF object opened the way libbpf opens it (no kernel involved).

    Build one with :func:`open_object` (or :meth:`BpfObject.open`).
    Attributes: ``name`` (libbpf's object name, at most 15 bytes), ``path``,
    ``data`` (the file's bytes), ``elf`` (:class:`~btfkit.elf.ElfFile`),
    ``btf`` (:class:`ObjBtf`, or None when the object has no usable BTF),
    ``maps`` (list of :class:`BpfMap`, libbpf's order), ``programs`` (every
    :class:`BpfProgram`, sub-programs included, sorted by section and offset),
    ``externs`` (list of :class:`Extern`), ``license``, ``kern_version``,
    ``release`` (the :class:`~btfkit.releases.Release` whose libbpf it was
    opened as) and ``arena_map_idx`` (libbpf 1.5: the ARENA map's index in
    ``maps``, -1 when there is none).
    """

    def __init__(self, data: bytes, *, name: str, path: str, where: str | None = None,
                 bpftool: "str | Release | None" = None) -> None:
        self.data = data
        #: the :class:`~btfkit.releases.Release` whose libbpf this object is opened as
        self.release = release(bpftool)
        self.path = path
        self.name = _fixed_name(name, BPF_OBJ_NAME_LEN)
        # what libbpf's messages call the object: obj->path, which is the
        # object name given to bpf_object__open_mem() or the file's path
        self.where = path if where is None else where
        self.elf = None
        self.btf: ObjBtf | None = None
        self.raw_btf = None
        self.maps: list[BpfMap] = []
        self.programs: list[BpfProgram] = []
        self.externs: list[Extern] = []
        self.license = ""
        self.kern_version = 0
        self.warnings: list[str] = []  # libbpf's pr_warn() lines that did not stop the open
        # efile state
        self._secs: list[_SecDesc] = []
        self._symbols: list = []
        self._symbols_shndx = -1
        self._strtabidx = 0
        self._text_shndx = 0
        self._btf_maps_shndx = -1
        self._btf_maps_sec_btf_id = 0
        self._st_ops_secs: list[tuple[int, str, bytes]] = []  # (shndx, name, data) of struct_ops sections
        self._arena_data: bytes | None = None  # the .addr_space.1 section (libbpf 1.5)
        self._arena_data_shndx = -1
        self._jumptables_shndx = -1  # libbpf 1.8's .jumptables
        self.arena_map_idx = -1
        self._btf_data = None
        self._has_btf_ext = False
        self.kconfig_map_idx = -1
        self._funcs_by_sec: dict[int, list] | None = None  # FUNC symbols by st_shndx, in symbol order
        self._prog_keys: list[tuple[int, int]] | None = None  # (sec_idx, sec_insn_off) of self.programs
        self._progs_overlap = False

    # -- public views ------------------------------------------------------------------------
    @classmethod
    def open(cls, src, object_name: str | None = None, *, check_endianness: bool = False,
             source: str | None = None, bpftool: "str | Release | None" = None) -> "BpfObject":
        return open_object(src, object_name, check_endianness=check_endianness, source=source, bpftool=bpftool)

    def entry_programs(self) -> list[BpfProgram]:
        """bpf_object__for_each_program(): programs that are not sub-programs."""
        return [p for p in self.programs if not p.is_subprog]

    def datasec(self, map: BpfMap):
        """The (fixed-up) DATASEC behind an internal map, or None (a
        .rodata.cst16 style section has none)."""
        if self.btf is None or map.btf_value_type_id <= 0:
            return None
        t = self.btf[map.btf_value_type_id]
        return t if t.kind == Kind.DATASEC else None

    def variables(self, map: BpfMap) -> list[tuple[object, object]]:
        """(VAR, VarSecinfo) of an internal map's variables, offsets fixed up,
        in offset order; static variables left out, as skeletons do."""
        sec = self.datasec(map)
        if sec is None:
            return []
        out = []
        for i, vs in enumerate(sec.vars):
            var = datasec_var(self.btf, sec, i)
            if var.linkage != BTF_VAR_STATIC:
                out.append((var, vs))
        return out

    def find_map(self, name: str) -> BpfMap | None:
        """bpf_object__find_map_by_name(): by bpf_map__name()."""
        for m in self.maps:
            if m.user_name == name:
                return m
        return None

    def find_program(self, name: str) -> BpfProgram | None:
        for p in self.entry_programs():
            if p.name == name:
                return p
        return None

    def __repr__(self) -> str:
        return (f"<BpfObject {self.name!r} from {self.path!r}: {len(self.entry_programs())} programs, "
                f"{len(self.maps)} maps>")

    # -- errors ------------------------------------------------------------------------------
    def _fail(self, msg: str, err: int) -> BpfObjectError:
        return BpfObjectError(msg, source=self.path, errno=err)

    # -- bpf_object__elf_init() + check_endianness() ------------------------------------------
    def _elf_init(self, check_endianness: bool) -> None:
        data = self.data
        if len(data) < 4 or data[:4] != b"\x7fELF":
            raise self._fail(f"elf: '{self.where}' is not a proper ELF object", LIBBPF_ERRNO__FORMAT)
        if len(data) > 4 and data[4] != ELFCLASS64:
            raise self._fail(f"elf: '{self.where}' is not a 64-bit ELF object", LIBBPF_ERRNO__FORMAT)
        try:
            elf = ElfFile(data, source=self.path)
        except ElfError as err:
            raise BpfObjectError(f"elf: failed to open {self.where} as ELF file: {err.detail}",
                                 source=self.path, errno=LIBBPF_ERRNO__LIBELF) from None
        self.elf = elf
        # old LLVM set e_machine to EM_NONE
        if elf.e_type != ET_REL or (elf.e_machine and elf.e_machine != EM_BPF):
            raise self._fail(f"elf: {self.where} is not a valid eBPF object file", LIBBPF_ERRNO__FORMAT)
        # libbpf 1.8 opens either byte order (release switch libbpf_any_endianness)
        if check_endianness and not self.release.libbpf_any_endianness:
            if elf.byteorder != sys.byteorder:
                raise self._fail(f"elf: endianness mismatch in {self.where}.", LIBBPF_ERRNO__ENDIAN)

    # -- bpf_object__elf_collect() -------------------------------------------------------------
    def _elf_collect(self) -> None:
        elf = self.elf
        secs = elf.sections
        self._secs = [_SecDesc() for _ in secs]
        symtabs = [s for s in secs[1:] if s.sh_type == SHT_SYMTAB]
        if len(symtabs) > 1:
            raise self._fail(f"elf: multiple symbol tables in {self.where}", LIBBPF_ERRNO__FORMAT)
        if not symtabs:
            raise self._fail(f"elf: couldn't find symbol table in {self.where}, stripped object file?",
                             _errno.ENOENT)
        symtab = symtabs[0]
        self._symbols_shndx = symtab.index
        self._strtabidx = symtab.sh_link
        try:
            self._symbols = elf.symbols
        except ElfError as err:
            raise self._fail(err.detail, LIBBPF_ERRNO__FORMAT) from None

        idx = 0
        for sh in secs[1:]:
            idx = sh.index
            name = sh.name
            if _ignore_elf_section(sh, name):
                continue
            size = sh.sh_size
            if name == "license":
                self._init_license(sh)
            elif name == "version":
                self._init_kversion(sh)
            elif name == "maps":
                raise self._fail("elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+",
                                 _errno.ENOTSUP)
            elif name == MAPS_ELF_SEC:
                self._btf_maps_shndx = idx
            elif name == BTF_ELF_SEC:
                if sh.sh_type != SHT_PROGBITS:
                    raise self._fail(f"elf: section {name} is not PROGBITS", LIBBPF_ERRNO__FORMAT)
                self._btf_data = elf.section_data(sh)
            elif name == BTF_EXT_ELF_SEC:
                if sh.sh_type != SHT_PROGBITS:
                    raise self._fail(f"elf: section {name} is not PROGBITS", LIBBPF_ERRNO__FORMAT)
                self._has_btf_ext = True
            elif sh.sh_type == SHT_SYMTAB:
                pass  # found in the first pass
            elif sh.sh_type == SHT_PROGBITS and size > 0:
                if sh.sh_flags & SHF_EXECINSTR:
                    if name == ".text":
                        self._text_shndx = idx
                    self._add_programs(sh)
                elif name == DATA_SEC or name.startswith(DATA_SEC + "."):
                    self._secs[idx].sec_type, self._secs[idx].sec = SEC_DATA, sh
                elif name == RODATA_SEC or name.startswith(RODATA_SEC + "."):
                    self._secs[idx].sec_type, self._secs[idx].sec = SEC_RODATA, sh
                elif name in (_ST_OPS_SECS_15 if self.release.libbpf_struct_ops_sections else (STRUCT_OPS_SEC,)):
                    self._st_ops_secs.append((idx, name, elf.section_data(sh)))
                elif name == ARENA_SEC and self.release.libbpf_arena:
                    self._arena_data = elf.section_data(sh)
                    self._arena_data_shndx = idx
                elif name == JUMPTABLES_SEC and self.release.libbpf_jumptables:
                    self._jumptables_shndx = idx
                # else: libbpf skips an unrecognized data section
            elif sh.sh_type == SHT_REL:
                targ = sh.sh_info
                if sh.sh_entsize != ELF64_REL_SIZE or targ >= len(secs):
                    raise self._fail(f"elf: relocation section {name} is corrupted", LIBBPF_ERRNO__FORMAT)
                # only relocations of code, .struct_ops and .maps matter
                st_ops = _ST_OPS_SECS_15 if self.release.libbpf_struct_ops_sections else (STRUCT_OPS_SEC,)
                if not secs[targ].sh_flags & SHF_EXECINSTR and name not in (
                        *(".rel" + n for n in st_ops), ".rel" + MAPS_ELF_SEC):
                    continue
                self._secs[idx].sec_type, self._secs[idx].sec = SEC_RELO, sh
            elif sh.sh_type == SHT_NOBITS and (name == BSS_SEC or (self.release.libbpf_bss_subsections
                                                                   and name.startswith(BSS_SEC + "."))):
                self._secs[idx].sec_type, self._secs[idx].sec = SEC_BSS, sh
            # else: skipped

        if not self._strtabidx or self._strtabidx > idx:
            raise self._fail(f"elf: symbol strings section missing or invalid in {self.where}",
                             LIBBPF_ERRNO__FORMAT)
        # cmp_progs(): by section, then by offset in the section
        self.programs.sort(key=lambda p: (p.sec_idx, p.sec_insn_off))
        text = self._text_shndx
        for p in self.programs:
            p.is_subprog = p.sec_idx == text
        self._init_btf()

    def _init_license(self, sh) -> None:
        if sh.sh_type == SHT_NOBITS:
            raise self._fail(f"invalid license section in {self.where}", LIBBPF_ERRNO__FORMAT)
        data = self.elf.section_data(sh)[:127]
        self.license = _s(data.split(b"\0", 1)[0])

    def _init_kversion(self, sh) -> None:
        data = self.elf.section_data(sh)
        if sh.sh_type == SHT_NOBITS or len(data) != 4:
            raise self._fail(f"invalid kver section in {self.where}", LIBBPF_ERRNO__FORMAT)
        self.kern_version = int.from_bytes(data, self.elf.byteorder)

    # bpf_object__add_programs()
    def _add_programs(self, sh) -> None:
        sec_name = sh.name
        sec_idx = sh.index
        sec_data = self.elf.section_data(sh)
        sec_sz = len(sec_data)
        if self._funcs_by_sec is None:
            # libbpf walks the whole symbol table once per section; group it once
            self._funcs_by_sec = {}
            for sym in self._symbols:
                if sym.type == STT_FUNC:
                    self._funcs_by_sec.setdefault(sym.st_shndx, []).append(sym)
        for sym in self._funcs_by_sec.get(sec_idx, ()):
            prog_sz = sym.st_size
            sec_off = sym.st_value
            name = sym.name
            if sec_off + prog_sz > sec_sz:
                raise self._fail(f"sec '{sec_name}': program at offset {sec_off} crosses section boundary",
                                 LIBBPF_ERRNO__FORMAT)
            if sec_idx != self._text_shndx and sym.bind == STB_LOCAL:
                raise self._fail(f"sec '{sec_name}': program '{name}' is static and not supported",
                                 _errno.ENOTSUP)
            # bpf_object__init_prog()
            if prog_sz == 0 or prog_sz % BPF_INSN_SZ or sec_off % BPF_INSN_SZ:
                raise self._fail(f"sec '{sec_name}': corrupted program '{name}', offset {sec_off}, size {prog_sz}",
                                 _errno.EINVAL)
            autoload = not sec_name.startswith("?")
            mark_static = sym.bind != STB_LOCAL and sym.visibility in (STV_HIDDEN, STV_INTERNAL)
            self.programs.append(BpfProgram(name, sec_name if autoload else sec_name[1:], sec_idx, sec_off,
                                            sec_data[sec_off:sec_off + prog_sz], autoload, mark_static))

    # bpf_object__init_btf()
    def _init_btf(self) -> None:
        err = None
        if self._btf_data is not None:
            try:
                self.raw_btf = Btf(self._btf_data, source=self.path)
                self.btf = ObjBtf(self.raw_btf)
            except BtfError as e:
                err = f"Error loading ELF section {BTF_ELF_SEC}: {e.detail}"
        else:
            err = "no .BTF section"
        if err and self._libbpf_needs_btf():
            raise self._fail(f"BTF is required, but is missing or corrupted. ({err})",
                             _errno.ENOENT if self._btf_data is None else _errno.EINVAL)
        if err and self._btf_data is not None:
            self.warnings.append(err)

    def _libbpf_needs_btf(self) -> bool:
        # nr_extern is still 0 here: externs are collected after the BTF
        return self._btf_maps_shndx >= 0 or bool(self._st_ops_secs)

    # -- bpf_object__collect_externs() ------------------------------------------------------------
    def _collect_externs(self) -> None:
        btf = self.btf
        symtab = self.elf.sections[self._symbols_shndx]
        if symtab.sh_entsize != ELF64_SYM_SIZE:
            raise self._fail(f"elf: symbol table entry size {symtab.sh_entsize} in {self.where}",
                             LIBBPF_ERRNO__FORMAT)
        dummy_var_id = self._add_dummy_ksym_var()
        kcfg_sec_id = ksym_sec_id = 0
        for sym in self._symbols:
            if not _sym_is_extern(sym) or not sym.name:
                continue
            ext_name = sym.name
            btf_id = _find_extern_btf_id(btf, ext_name)
            if btf_id <= 0:
                raise self._fail(f"failed to find BTF for extern '{ext_name}': {btf_id}", -btf_id)
            t = btf[btf_id]
            ext = Extern(t.name, btf_id, sym.index, sym.bind == STB_WEAK)
            self.externs.append(ext)
            sec_id = _find_extern_sec_btf_id(btf, btf_id)
            if sec_id <= 0:
                raise self._fail(f"failed to find BTF for extern '{ext_name}' [{btf_id}] section: {sec_id}",
                                 -sec_id)
            ext.sec_btf_id = sec_id
            sec_name = btf[sec_id].name
            if sec_name == KCONFIG_SEC:
                if t.kind == Kind.FUNC:
                    raise self._fail(f"extern function {ext.name} is unsupported under {KCONFIG_SEC} section",
                                     _errno.ENOTSUP)
                kcfg_sec_id = sec_id
                ext.type = EXT_KCFG
                ext.kcfg_sz = btf_resolve_size(btf, t.type)
                if ext.kcfg_sz <= 0:
                    raise self._fail(f"failed to resolve size of extern (kcfg) '{ext_name}': {ext.kcfg_sz}",
                                     -ext.kcfg_sz if ext.kcfg_sz < 0 else _errno.EINVAL)
                ext.kcfg_align = btf_align_of(btf, t.type)
                if ext.kcfg_align <= 0:
                    raise self._fail(f"failed to determine alignment of extern (kcfg) '{ext_name}': {ext.kcfg_align}",
                                     _errno.EINVAL)
                ext.kcfg_type, ext.kcfg_is_signed = _find_kcfg_type(btf, t.type)
                if ext.kcfg_type == KCFG_UNKNOWN:
                    raise self._fail(f"extern (kcfg) '{ext_name}': type is unsupported", _errno.ENOTSUP)
            elif sec_name == KSYMS_SEC:
                ksym_sec_id = sec_id
                ext.type = EXT_KSYM
                ext.ksym_type_id = skip_mods_and_typedefs(btf, t.type)[1]
            else:
                raise self._fail(f"unrecognized extern section '{sec_name}'", _errno.ENOTSUP)
        if not self.externs:
            return
        # cmp_externs(): by type; kcfg by descending alignment, ascending size; then by name
        self.externs.sort(key=lambda e: (e.type, -e.kcfg_align if e.type == EXT_KCFG else 0,
                                         e.kcfg_sz if e.type == EXT_KCFG else 0, _b(e.name)))
        by_name = {}
        for e in self.externs:
            by_name.setdefault(e.name, e)

        if ksym_sec_id:
            # every .ksyms extern becomes a 4-byte allocated variable (kfuncs
            # point at the dummy var) so the kernel accepts the DATASEC
            int_id = _find_int_btf_id(btf)
            dummy = btf[dummy_var_id] if dummy_var_id > 0 else None
            sec = btf[ksym_sec_id]
            new_vars = []
            off = 0
            for vs in sec.vars:
                vt = btf[vs.type]
                ext = by_name.get(vt.name)
                if ext is None:
                    raise self._fail(f"failed to find extern definition for BTF {Kind(vt.kind).name.lower()} '{vt.name}'",
                                     _errno.ESRCH)
                vtype = vs.type
                if vt.kind == Kind.FUNC:
                    proto = btf[vt.type]
                    if proto.kind == Kind.FUNC_PROTO and any(p.type and not p.name_off for p in proto.params):
                        # unnamed parameters borrow the dummy var's name
                        params = tuple(p._replace(name=dummy.name, name_off=dummy.name_off)
                                       if p.type and not p.name_off else p for p in proto.params)
                        btf._set(proto.id, proto._replace(params=params))
                    vtype = dummy_var_id
                    btf._set(vt.id, vt._replace(linkage=BTF_FUNC_GLOBAL))
                else:
                    btf._set(vt.id, vt._replace(linkage=BTF_VAR_GLOBAL_ALLOCATED, type=int_id))
                new_vars.append(vs._replace(type=vtype, offset=off, size=4))
                off += 4
            btf._set(sec.id, sec._replace(vars=tuple(new_vars), size=off))

        if kcfg_sec_id:
            off = 0
            for ext in self.externs:
                if ext.type != EXT_KCFG:
                    continue
                ext.kcfg_data_off = (off + ext.kcfg_align - 1) // ext.kcfg_align * ext.kcfg_align
                off = ext.kcfg_data_off + ext.kcfg_sz
            sec = btf[kcfg_sec_id]
            new_vars = []
            for vs in sec.vars:
                t = btf[vs.type]
                ext = by_name.get(t.name)
                if ext is None:
                    raise self._fail(f"failed to find extern definition for BTF var '{t.name}'", _errno.ESRCH)
                btf._set(t.id, t._replace(linkage=BTF_VAR_GLOBAL_ALLOCATED))
                new_vars.append(vs._replace(offset=ext.kcfg_data_off))
            btf._set(sec.id, sec._replace(vars=tuple(new_vars), size=off))

    def _add_dummy_ksym_var(self) -> int:
        """add_dummy_ksym_var(): a 'dummy_ksym' VAR appended when .ksyms has a kfunc."""
        btf = self.btf
        if btf is None:
            return 0
        sec_id = btf_find_by_name_kind(btf, KSYMS_SEC, Kind.DATASEC)
        if sec_id < 0:
            return 0
        if not any(btf.kind_of(vs.type) == Kind.FUNC for vs in btf[sec_id].vars):
            return 0
        int_id = _find_int_btf_id(btf)
        name = "dummy_ksym"
        name_off = _string_offset(btf.raw, name)
        return btf._add(lambda tid: Var(tid, name, int_id, BTF_VAR_GLOBAL_ALLOCATED, name_off))

    # -- bpf_object__finalize_btf() -> btf_finalize_data() -> btf_fixup_datasec() ----------------
    def _finalize_btf(self) -> None:
        btf = self.btf
        if btf is None:
            return
        sym_off: dict[str, int] | None = None
        for tid in range(btf.start_id, btf.type_count):
            if btf.kind_of(tid) != Kind.DATASEC:
                continue
            t = btf[tid]
            if self.release.libbpf_mmapable_needs_global_var:
                size, vars_ = self._fixup_datasec_15(t)
            elif t.size:
                # .kconfig/.ksyms (set while collecting externs), or a linked object
                size, vars_ = t.size, list(t.vars)
            else:
                sec = self.elf.section(t.name)
                # find_elf_sec_sz() hands the size back as a __u32
                size = 0 if sec is None else sec.sh_size & 0xFFFFFFFF
                if not size:
                    raise self._fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.ENOENT} (invalid size for section "
                                     f"{t.name}: {size} bytes)", _errno.ENOENT)
                if sym_off is None:
                    sym_off = {}
                    for s in self._symbols:
                        if s.type == STT_OBJECT and s.bind in (STB_GLOBAL, STB_WEAK):
                            sym_off.setdefault(s.name, s.st_value)
                vars_ = []
                for vs in t.vars:
                    var = btf[vs.type]
                    if var.kind != Kind.VAR:
                        raise self._fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.EINVAL} (non-VAR type seen "
                                         f"in section {t.name})", _errno.EINVAL)
                    if var.linkage == BTF_VAR_STATIC:
                        vars_.append(vs)
                        continue
                    off = sym_off.get(var.name)
                    if off is None:
                        raise self._fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.ENOENT} (no offset found in "
                                         f"symbol table for VAR {var.name})", _errno.ENOENT)
                    vars_.append(vs._replace(offset=off & 0xFFFFFFFF))
            # compare_vsi_off(); glibc's qsort is a stable merge sort here
            vars_.sort(key=lambda v: v.offset)
            new = t._replace(size=size, vars=tuple(vars_))
            if new != t:
                btf._set(tid, new)

    def _fixup_datasec_15(self, t) -> tuple[int, list]:
        """libbpf 1.5 btf_fixup_datasec() up to the sort: the size and offsets
        from the ELF when clang left them 0, and every global VAR whose ELF
        symbol is STV_HIDDEN or STV_INTERNAL made static (the VAR overlaid)."""
        btf = self.btf
        if t.name in (KCONFIG_SEC, KSYMS_SEC):
            return t.size, list(t.vars)
        size = t.size
        fixup_offsets = False
        if size == 0:
            sec = self.elf.section(t.name)
            size = 0 if sec is None else sec.sh_size
            if not size:
                raise self._fail(f"sec '{t.name}': failed to determine size from ELF: size 0", _errno.ENOENT)
            fixup_offsets = True
        syms = self._var_syms()
        vars_ = []
        for i, vs in enumerate(t.vars):
            var = btf[vs.type]
            if var.kind != Kind.VAR:
                raise self._fail(f"sec '{t.name}': unexpected non-VAR type found", _errno.EINVAL)
            if var.linkage in (BTF_VAR_STATIC, BTF_VAR_GLOBAL_EXTERN):
                vars_.append(vs)
                continue
            sym = syms.get(var.name)
            if sym is None:
                raise self._fail(f"sec '{t.name}': failed to find ELF symbol for VAR '{var.name}'", _errno.ENOENT)
            vars_.append(vs._replace(offset=sym.st_value & 0xFFFFFFFF) if fixup_offsets else vs)
            if sym.visibility in (STV_HIDDEN, STV_INTERNAL):
                btf._set(var.id, var._replace(linkage=BTF_VAR_STATIC))
        return size, vars_

    def _var_syms(self) -> dict:
        """find_elf_var_sym() for every name: the first GLOBAL/WEAK OBJECT symbol of each."""
        out: dict = {}
        for sym in self._symbols:
            if sym.type == STT_OBJECT and sym.bind in (STB_GLOBAL, STB_WEAK):
                out.setdefault(sym.name, sym)
        return out

    # -- bpf_object__init_maps() -------------------------------------------------------------------
    def _init_maps(self) -> None:
        self._init_user_btf_maps()
        self._init_global_data_maps()
        self._init_kconfig_map()
        self._init_struct_ops_maps()

    def _init_user_btf_maps(self) -> None:
        if self._btf_maps_shndx < 0:
            return
        btf = self.btf
        sh = self.elf.sections[self._btf_maps_shndx]
        d_size = sh.sh_size
        sec = None
        for tid in range(1, btf.type_count):
            if btf.kind_of(tid) == Kind.DATASEC and btf[tid].name == MAPS_ELF_SEC:
                sec = btf[tid]
                self._btf_maps_sec_btf_id = tid
                break
        if sec is None:
            raise self._fail(f"DATASEC '{MAPS_ELF_SEC}' not found.", _errno.ENOENT)
        for i, vi in enumerate(sec.vars):
            var = btf[vi.type]
            map_name = var.name
            if not map_name:
                raise self._fail(f"map #{i}: empty name.", _errno.EINVAL)
            if vi.offset + vi.size > d_size:
                raise self._fail(f"map '{map_name}' BTF data is corrupted.", _errno.EINVAL)
            if var.kind != Kind.VAR:
                raise self._fail(f"map '{map_name}': unexpected var kind {_kind_str(var.kind)}.", _errno.EINVAL)
            if var.linkage != BTF_VAR_GLOBAL_ALLOCATED:
                raise self._fail(f"map '{map_name}': unsupported map linkage {_linkage_str(var.linkage)}.",
                                 _errno.EOPNOTSUPP)
            def_t, _ = skip_mods_and_typedefs(btf, var.type)
            if def_t.kind != Kind.STRUCT:
                raise self._fail(f"map '{map_name}': unexpected def kind {_kind_str(var.kind)}.", _errno.EINVAL)
            if def_t.size > vi.size:
                raise self._fail(f"map '{map_name}': invalid def size.", _errno.EINVAL)
            m = BpfMap(map_name, sec_idx=self._btf_maps_shndx, sec_offset=vi.offset)
            m.btf_var_idx = i
            self.maps.append(m)
            map_def, inner_def = _parse_btf_map_def(self, map_name, btf, def_t, False)
            _fill_map_from_def(m, map_def)
            if inner_def is not None:
                inner = BpfMap(f"{map_name}.inner", sec_idx=self._btf_maps_shndx)
                _fill_map_from_def(inner, inner_def)
                m.inner_map = inner
        if self.release.libbpf_arena:
            self._init_arena_maps()

    def _init_arena_maps(self) -> None:
        """The end of libbpf 1.5's bpf_object__init_user_btf_maps(): one ARENA
        map at most, holding the .addr_space.1 variables (init_arena_map_data())."""
        for i, m in enumerate(self.maps):
            if m.map_type != BPF_MAP_TYPE_ARENA:
                continue
            if self.arena_map_idx >= 0:
                other = self.maps[self.arena_map_idx].name
                raise self._fail(f"map '{m.name}': only single ARENA map is supported (map '{other}' is also "
                                 "ARENA)", _errno.EINVAL)
            self.arena_map_idx = i
            if self._arena_data is not None:
                data_sz = len(self._arena_data)
                mmap_sz = PAGE_SIZE * m.max_entries  # bpf_map_mmap_sz() of an ARENA map
                if (data_sz + PAGE_SIZE - 1) // PAGE_SIZE * PAGE_SIZE > mmap_sz:
                    raise self._fail(f"elf: sec '{ARENA_SEC}': declared ARENA map size ({mmap_sz}) is too small to "
                                     f"hold global __arena variables of size {data_sz}", _errno.E2BIG)
                # map->mmaped = obj->arena_data: bpf_map__initial_value() works for it
                m.initial_value = self._arena_data
        if self._arena_data is not None and self.arena_map_idx < 0:
            raise self._fail(f"elf: sec '{ARENA_SEC}': to use global __arena variables the ARENA map should be "
                             "explicitly declared in SEC(\".maps\")", _errno.ENOENT)

    def _init_global_data_maps(self) -> None:
        for idx in range(1, len(self._secs)):
            d = self._secs[idx]
            if d.sec is None or d.sec.sh_size == 0:
                continue
            if d.sec_type == SEC_DATA:
                self._init_internal_map(LIBBPF_MAP_DATA, d.sec.name, idx, self.elf.section_data(d.sec), d.sec.sh_size)
            elif d.sec_type == SEC_RODATA:
                self._init_internal_map(LIBBPF_MAP_RODATA, d.sec.name, idx, self.elf.section_data(d.sec),
                                        d.sec.sh_size)
            elif d.sec_type == SEC_BSS:
                self._init_internal_map(LIBBPF_MAP_BSS, d.sec.name, idx, None, d.sec.sh_size)

    # bpf_object__init_internal_map()
    def _init_internal_map(self, type_: int, real_name: str, sec_idx: int, data: bytes | None, size: int) -> BpfMap:
        m = BpfMap(internal_map_name(self.name, real_name), real_name=real_name, libbpf_type=type_,
                   sec_idx=sec_idx)
        m.map_type = BPF_MAP_TYPE_ARRAY
        m.key_size = 4
        m.value_size = size & 0xFFFFFFFF  # def->value_size is a __u32
        m.max_entries = 1
        m.map_flags = BPF_F_RDONLY_PROG if type_ in (LIBBPF_MAP_RODATA, LIBBPF_MAP_KCONFIG) else 0
        if m.mmap_sz() == 0:
            # mmap() of the content buffer with length 0 fails with EINVAL
            # (a section of 0 bytes, or one whose size truncates to 0)
            raise self._fail(f"failed to alloc map '{m.name}' content buffer: -{_errno.EINVAL}", _errno.EINVAL)
        m.initial_value = bytes(data[:size]) if data else None
        # bpf_map_find_btf_info(): failures are fine (.rodata.str1.1 has no DATASEC)
        if self.btf is not None:
            tid = btf_find_by_name(self.btf, real_name)
            if tid > 0:
                m.btf_value_type_id = tid
        # libbpf 1.5: only with a global variable (release switch libbpf_mmapable_needs_global_var)
        if not self.release.libbpf_mmapable_needs_global_var or self._map_is_mmapable(m):
            m.map_flags |= BPF_F_MMAPABLE
        self.maps.append(m)
        return m

    def _map_is_mmapable(self, m: BpfMap) -> bool:
        """libbpf 1.5 map_is_mmapable(): the map's DATASEC has a non-static VAR."""
        btf = self.btf
        if btf is None or not m.btf_value_type_id:
            return False
        t = btf[m.btf_value_type_id]
        if t.kind != Kind.DATASEC:
            return False
        for vs in t.vars:
            vt = btf[vs.type]
            if vt.kind == Kind.VAR and vt.linkage != BTF_VAR_STATIC:
                return True
        return False

    def _init_kconfig_map(self) -> None:
        last = None
        for e in self.externs:
            if e.type == EXT_KCFG:
                last = e
        if last is None:
            return
        self._init_internal_map(LIBBPF_MAP_KCONFIG, KCONFIG_SEC, self._symbols_shndx, None,
                                last.kcfg_data_off + last.kcfg_sz)
        self.kconfig_map_idx = len(self.maps) - 1

    def _init_struct_ops_maps(self) -> None:
        """bpf_object__init_struct_ops_maps() (6.1: ``.struct_ops`` only) or
        bpf_object_init_struct_ops() (1.5: every struct_ops section)."""
        for shndx, sec_name, data in self._st_ops_secs:
            self._init_struct_ops_maps_sec(sec_name, shndx, data)

    # init_struct_ops_maps()
    def _init_struct_ops_maps_sec(self, sec_name: str, shndx: int, data: bytes) -> None:
        btf = self.btf
        new = self.release.libbpf_struct_ops_sections
        sec_id = btf_find_by_name_kind(btf, sec_name, Kind.DATASEC)
        if sec_id < 0:
            raise self._fail(f"struct_ops init: DATASEC {sec_name} not found", _errno.EINVAL)
        for vsi in btf[sec_id].vars:
            var_name = btf[vsi.type].name
            type_id = _resolve_type(btf, vsi.type)
            if type_id < 0:
                raise self._fail(f"struct_ops init: Cannot resolve var type_id {vsi.type} in DATASEC "
                                 f"{sec_name}", _errno.EINVAL)
            t = btf[type_id]
            if not t.name:
                raise self._fail("struct_ops init: anonymous type is not supported", _errno.ENOTSUP)
            if t.kind != Kind.STRUCT:
                raise self._fail(f"struct_ops init: {t.name} is not a struct", _errno.EINVAL)
            m = BpfMap(var_name, sec_idx=shndx, sec_offset=vsi.offset)
            if new:
                m.btf_value_type_id = type_id
                # SEC("?.struct_ops"): not autocreated; the '?' is forgotten from here on
                sec_name = sec_name.removeprefix("?")
                m.map_flags = BPF_F_LINK if sec_name == STRUCT_OPS_LINK_SEC else 0
            m.map_type = BPF_MAP_TYPE_STRUCT_OPS
            m.key_size = 4
            m.value_size = t.size
            m.max_entries = 1
            m.st_ops_type_id = type_id
            self.maps.append(m)
            if vsi.offset + t.size > len(data):
                raise self._fail(f"struct_ops init: var {var_name} is beyond the end of DATASEC {sec_name}",
                                 _errno.EINVAL)
            if new:
                # st_ops->data: what libbpf 1.5's bpf_map__initial_value() returns
                m.initial_value = bytes(data[vsi.offset:vsi.offset + t.size])

    # -- bpf_object__collect_relos() ---------------------------------------------------------------
    def _collect_relos(self) -> None:
        for d in self._secs:
            if d.sec_type != SEC_RELO:
                continue
            sh = d.sec
            if any(sh.sh_info == shndx for shndx, _, _ in self._st_ops_secs):
                self._collect_simple_relos(sh, "struct_ops reloc")
            elif sh.sh_info == self._btf_maps_shndx:
                self._collect_map_relos(sh)
            else:
                self._collect_prog_relos(sh)

    def _rels(self, sh) -> Iterator[tuple[int, int, int]]:
        """(index, r_offset, symbol index) of each Elf64_Rel."""
        return self.elf.relocations(sh)

    def _collect_simple_relos(self, sh, what: str) -> None:
        nsyms = len(self._symbols)
        for i, _off, sym_idx in self._rels(sh):
            if sym_idx >= nsyms:
                raise self._fail(f"{what} #{i}: symbol {sym_idx:x} not found", LIBBPF_ERRNO__FORMAT)

    def _collect_map_relos(self, sh) -> None:
        if not self._btf_maps_sec_btf_id or self.btf is None:
            raise self._fail(".maps relocations without a .maps DATASEC", _errno.EINVAL)
        sec = self.btf[self._btf_maps_sec_btf_id]
        nsyms = len(self._symbols)
        for i, r_offset, sym_idx in self._rels(sh):
            if sym_idx >= nsyms:
                raise self._fail(f".maps relo #{i}: symbol {sym_idx:x} not found", LIBBPF_ERRNO__FORMAT)
            name = self._symbols[sym_idx].name or "<?>"
            for m in self.maps:
                if m.sec_idx != self._btf_maps_shndx:
                    continue
                vi = sec.vars[m.btf_var_idx]
                if vi.offset <= r_offset and r_offset + BPF_PTR_SZ <= vi.offset + vi.size:
                    break
            else:
                raise self._fail(f".maps relo #{i}: cannot find map '{name}' at rel->r_offset {r_offset}",
                                 _errno.EINVAL)

    def _collect_prog_relos(self, sh) -> None:
        sec_idx = sh.sh_info
        secs = self.elf.sections
        scn = secs[sec_idx]
        relo_sec_name = sh.name
        nsyms = len(self._symbols)
        for i, r_offset, sym_idx in self._rels(sh):
            if sym_idx >= nsyms:
                raise self._fail(f"sec '{relo_sec_name}': symbol #{sym_idx} not found for relo #{i}",
                                 LIBBPF_ERRNO__FORMAT)
            sym = self._symbols[sym_idx]
            if sym.st_shndx >= len(secs):
                raise self._fail(f"sec '{relo_sec_name}': corrupted symbol #{sym_idx} pointing to invalid "
                                 f"section #{sym.st_shndx} for relo #{i}", LIBBPF_ERRNO__FORMAT)
            if r_offset % BPF_INSN_SZ or r_offset >= scn.sh_size:
                raise self._fail(f"sec '{relo_sec_name}': invalid offset 0x{r_offset:x} for relo #{i}",
                                 LIBBPF_ERRNO__FORMAT)
            insn_idx = r_offset // BPF_INSN_SZ
            if sym.type == STT_SECTION and sym.st_name == 0:
                sym_name = secs[sym.st_shndx].name
            else:
                sym_name = sym.name
            prog = self._find_prog_by_sec_insn(sec_idx, insn_idx)
            if prog is None:
                continue  # an overridden weak function
            self._record_reloc(prog, insn_idx - prog.sec_insn_off, sym_name, sym, sym_idx)

    def _find_prog_by_sec_insn(self, sec_idx: int, insn_idx: int) -> BpfProgram | None:
        """The first program (in cmp_progs() order) that holds the instruction.
        Programs that do not overlap (as compilers emit them) leave one
        candidate, found by bisection as libbpf does; overlapping ones (only
        in crafted objects) are searched in order."""
        progs = self.programs
        if self._prog_keys is None:
            self._prog_keys = [(p.sec_idx, p.sec_insn_off) for p in progs]
            self._progs_overlap = any(a.sec_idx == b.sec_idx and a.sec_insn_off + a.sec_insn_cnt > b.sec_insn_off
                                      for a, b in zip(progs, progs[1:]))
        if self._progs_overlap:
            for p in progs:
                if p.sec_idx == sec_idx and p.sec_insn_off <= insn_idx < p.sec_insn_off + p.sec_insn_cnt:
                    return p
            return None
        i = bisect_right(self._prog_keys, (sec_idx, insn_idx)) - 1
        if i >= 0:
            p = progs[i]
            if p.sec_idx == sec_idx and insn_idx < p.sec_insn_off + p.sec_insn_cnt:
                return p
        return None

    # bpf_program__record_reloc(): the checks only
    def _record_reloc(self, prog: BpfProgram, insn_idx: int, sym_name: str, sym, sym_idx: int) -> None:
        insn = prog.insns[insn_idx * 8:insn_idx * 8 + 8]
        code = insn[0]
        regs = insn[1]
        little = self.elf.byteorder == "little"
        src_reg = regs >> 4 if little else regs & 0xF
        imm = int.from_bytes(insn[4:8], self.elf.byteorder, signed=True)
        is_call = code == 0x85  # BPF_JMP | BPF_CALL
        is_ldimm64 = code == 0x18  # BPF_LD | BPF_IMM | BPF_DW
        pname = prog.name
        RELOC = LIBBPF_ERRNO__RELOC
        if not is_call and not is_ldimm64:
            raise self._fail(f"prog '{pname}': invalid relo against '{sym_name}' for insns[{insn_idx}].code "
                             f"0x{code:x}", RELOC)
        if _sym_is_extern(sym):
            if not any(e.sym_idx == sym_idx for e in self.externs):
                raise self._fail(f"prog '{pname}': extern relo failed to find extern for '{sym_name}' ({sym_idx})",
                                 RELOC)
            return
        shndx = sym.st_shndx
        if is_call:
            if src_reg != 1:  # BPF_PSEUDO_CALL
                raise self._fail(f"prog '{pname}': incorrect bpf_call opcode", RELOC)
            if not shndx or shndx != self._text_shndx:
                sname = self.elf.sections[shndx].name
                raise self._fail(f"prog '{pname}': bad call relo against '{sym_name}' in section '{sname}'", RELOC)
            if sym.st_value % BPF_INSN_SZ:
                raise self._fail(f"prog '{pname}': bad call relo against '{sym_name}' at offset {sym.st_value}",
                                 RELOC)
            return
        if not shndx or shndx >= SHN_LORESERVE:
            raise self._fail(f"prog '{pname}': invalid relo against '{sym_name}' in special section 0x{shndx:x}; "
                             "forgot to initialize global var?..", RELOC)
        if _sym_is_subprog(sym, self._text_shndx):
            if sym.st_value % BPF_INSN_SZ or imm % BPF_INSN_SZ:
                raise self._fail(f"prog '{pname}': bad subprog addr relo against '{sym_name}' at offset "
                                 f"{sym.st_value}+{imm}", RELOC)
            return
        type_ = self._section_to_libbpf_map_type(shndx)
        sname = self.elf.sections[shndx].name
        if shndx == self._arena_data_shndx:  # arena data relocation (libbpf 1.5)
            if self.arena_map_idx < 0:
                raise self._fail(f"prog '{pname}': bad arena data relocation at insn {insn_idx}, no arena maps "
                                 "defined", RELOC)
            return
        if shndx == self._jumptables_shndx:  # jump table data relocation (libbpf 1.8)
            return
        if type_ == LIBBPF_MAP_UNSPEC:
            if shndx != self._btf_maps_shndx:
                raise self._fail(f"prog '{pname}': bad map relo against '{sym_name}' in section '{sname}'", RELOC)
            if not any(m.libbpf_type == type_ and m.sec_idx == shndx and m.sec_offset == sym.st_value
                       for m in self.maps):
                raise self._fail(f"prog '{pname}': map relo failed to find map for section '{sname}', off "
                                 f"{sym.st_value}", RELOC)
            return
        if self._secs[shndx].sec_type not in (SEC_BSS, SEC_DATA, SEC_RODATA):
            raise self._fail(f"prog '{pname}': bad data relo against section '{sname}'", RELOC)
        if not any(m.libbpf_type == type_ and m.sec_idx == shndx for m in self.maps):
            raise self._fail(f"prog '{pname}': data relo failed to find map for section '{sname}'", RELOC)

    def _section_to_libbpf_map_type(self, shndx: int) -> int:
        if shndx == self._symbols_shndx:
            return LIBBPF_MAP_KCONFIG
        return _SEC_MAP_TYPE.get(self._secs[shndx].sec_type, LIBBPF_MAP_UNSPEC)


_SEC_MAP_TYPE = {SEC_BSS: LIBBPF_MAP_BSS, SEC_DATA: LIBBPF_MAP_DATA, SEC_RODATA: LIBBPF_MAP_RODATA}


# -- helpers named after libbpf's ----------------------------------------------------------------
def _ignore_elf_section(sh, name: str) -> bool:
    """ignore_elf_section()"""
    if sh.sh_type == SHT_STRTAB or sh.sh_type == SHT_LLVM_ADDRSIG:
        return True
    if sh.sh_type == SHT_PROGBITS and sh.sh_size == 0 and name == ".text":
        return True
    if name.startswith(".debug_"):
        return True
    if name.startswith(".rel"):
        rest = name[4:]
        if rest.startswith(".debug_") or rest in (BTF_ELF_SEC, BTF_EXT_ELF_SEC):
            return True
    return False


def _sym_is_extern(sym) -> bool:
    """sym_is_extern(): NOTYPE, GLOBAL or WEAK, undefined."""
    return sym.st_shndx == SHN_UNDEF and sym.bind in (STB_GLOBAL, STB_WEAK) and sym.type == STT_NOTYPE


def _sym_is_subprog(sym, text_shndx: int) -> bool:
    if sym.st_shndx != text_shndx:
        return False
    if sym.bind == STB_LOCAL and sym.type == STT_SECTION:
        return True
    return sym.bind in (STB_GLOBAL, STB_WEAK) and sym.type == STT_FUNC


def _find_extern_btf_id(btf, ext_name: str) -> int:
    if btf is None:
        return -_errno.ESRCH
    for tid in btf.find(ext_name):
        k = btf.kind_of(tid)
        if k not in (Kind.VAR, Kind.FUNC):
            continue
        t = btf[tid]
        if k == Kind.VAR and t.linkage != BTF_VAR_GLOBAL_EXTERN:
            return -_errno.EINVAL
        if k == Kind.FUNC and t.linkage != BTF_FUNC_EXTERN:
            return -_errno.EINVAL
        return tid
    return -_errno.ENOENT


def _find_extern_sec_btf_id(btf, ext_btf_id: int) -> int:
    if btf is None:
        return -_errno.ESRCH
    for tid in range(1, btf.type_count):
        if btf.kind_of(tid) != Kind.DATASEC:
            continue
        if any(vs.type == ext_btf_id for vs in btf[tid].vars):
            return tid
    return -_errno.ENOENT


def _find_kcfg_type(btf, type_id: int, _depth: int = 0) -> tuple[int, bool]:
    """find_kcfg_type(): (KCFG_* kind, is_signed)."""
    if _depth > btf.type_count:  # arrays of arrays of itself
        raise chain_loop(btf, type_id)
    t, _ = skip_mods_and_typedefs(btf, type_id)
    k = t.kind
    if k == Kind.INT:
        if t.is_bool:
            return (KCFG_BOOL if t.size == 1 else KCFG_UNKNOWN), False
        signed = t.signed
        if t.size == 1:
            return KCFG_CHAR, signed
        if t.size < 1 or t.size > 8 or t.size & (t.size - 1):
            return KCFG_UNKNOWN, signed
        return KCFG_INT, signed
    if k == Kind.ENUM:
        if t.size != 4 or t.name != "libbpf_tristate":
            return KCFG_UNKNOWN, False
        return KCFG_TRISTATE, False
    if k == Kind.ENUM64:
        return (KCFG_TRISTATE if t.name == "libbpf_tristate" else KCFG_UNKNOWN), False
    if k == Kind.ARRAY:
        if t.nelems == 0 or _find_kcfg_type(btf, t.type, _depth + 1)[0] != KCFG_CHAR:
            return KCFG_UNKNOWN, False
        return KCFG_CHAR_ARR, False
    return KCFG_UNKNOWN, False


def _find_int_btf_id(btf) -> int:
    """find_int_btf_id(): the first 32-bit INT, or 0."""
    for tid in range(1, btf.type_count):
        if btf.kind_of(tid) == Kind.INT and btf[tid].nr_bits == 32:
            return tid
    return 0


def _string_offset(btf, s: str) -> int:
    """Where btf__add_str() would put ``s``: its offset if present, else the end."""
    want = _b(s) + b"\0"
    strings = btf.strings
    if strings.startswith(want):
        return btf.start_str_off
    pos = strings.find(b"\0" + want)
    if pos >= 0:
        return btf.start_str_off + pos + 1
    return btf.start_str_off + len(strings)


def _resolve_type(btf, type_id: int) -> int:
    """btf__resolve_type(): past modifiers, typedefs and VARs."""
    t = btf[type_id]
    depth = 0
    while depth < MAX_RESOLVE_DEPTH and t.kind != Kind.UNKN and (
            t.kind in MODS_AND_TYPEDEFS or t.kind == Kind.VAR):
        type_id = t.type
        t = btf[type_id]
        depth += 1
    if depth == MAX_RESOLVE_DEPTH or t.kind == Kind.UNKN:
        return -_errno.EINVAL
    return type_id


def _linkage_str(linkage: int) -> str:
    return {0: "static", 1: "global", 2: "extern"}.get(linkage, "unknown")


# parse_btf_map_def() / get_map_field_int()
_MAP_DEF_INT_FIELDS = ("type", "max_entries", "map_flags", "numa_node", "key_size", "value_size",
                       "pinning", "map_extra")


def _get_map_field_int(obj: BpfObject, map_name: str, btf, m) -> int:
    t, _ = skip_mods_and_typedefs(btf, m.type)
    if t.kind != Kind.PTR:
        raise obj._fail(f"map '{map_name}': attr '{m.name}': expected PTR, got {_kind_str(t.kind)}.", _errno.EINVAL)
    arr = btf[t.type]
    if arr.kind != Kind.ARRAY:
        raise obj._fail(f"map '{map_name}': attr '{m.name}': expected ARRAY, got {_kind_str(arr.kind)}.",
                        _errno.EINVAL)
    return arr.nelems


def _get_map_field_long(obj: BpfObject, map_name: str, btf, m) -> int:
    """libbpf 1.5 get_map_field_long(): a PTR-to-ARRAY as ever, or an ENUM /
    ENUM64 of exactly one value (``__ulong(map_extra, V)``)."""
    t, _ = skip_mods_and_typedefs(btf, m.type)
    if t.kind == Kind.PTR:
        return _get_map_field_int(obj, map_name, btf, m)
    if t.kind not in (Kind.ENUM, Kind.ENUM64):
        raise obj._fail(f"map '{map_name}': attr '{m.name}': expected ENUM or ENUM64, got {_kind_str(t.kind)}.",
                        _errno.EINVAL)
    if len(t.values) != 1:
        raise obj._fail(f"map '{map_name}': attr '{m.name}': invalid __ulong", _errno.EINVAL)
    v = t.values[0].value
    if t.kind == Kind.ENUM:
        # libbpf reads a 32-bit enumerator as __s32 into a __u64
        v &= 0xFFFFFFFF
        v -= (v & 0x80000000) << 1
    return v & 0xFFFFFFFFFFFFFFFF


def _parse_btf_map_def(obj: BpfObject, map_name: str, btf, def_t, is_inner: bool) -> tuple[dict, dict | None]:
    d = {"map_type": 0, "key_size": 0, "value_size": 0, "max_entries": 0, "map_flags": 0, "numa_node": 0,
         "key_type_id": 0, "value_type_id": 0, "pinning": 0, "map_extra": 0}
    inner = None
    vlen = len(def_t.members)
    fail = obj._fail
    for i, m in enumerate(def_t.members):
        name = m.name
        if name == "map_extra" and obj.release.libbpf_map_extra_ulong:
            d[name] = _get_map_field_long(obj, map_name, btf, m)
        elif name in ("type", "max_entries", "map_flags", "numa_node", "map_extra"):
            d["map_type" if name == "type" else name] = _get_map_field_int(obj, map_name, btf, m)
        elif name in ("key_size", "value_size"):
            sz = _get_map_field_int(obj, map_name, btf, m)
            if d[name] and d[name] != sz:
                raise fail(f"map '{map_name}': conflicting {name.replace('_', ' ')} {d[name]} != {sz}.", _errno.EINVAL)
            d[name] = sz
        elif name in ("key", "value"):
            t = btf[m.type]
            if t.kind != Kind.PTR:
                raise fail(f"map '{map_name}': {name} spec is not PTR: {_kind_str(t.kind)}.", _errno.EINVAL)
            sz = btf_resolve_size(btf, t.type)
            if sz < 0:
                raise fail(f"map '{map_name}': can't determine {name} size for type [{t.type}]: {sz}.", -sz)
            key = f"{name}_size"
            if d[key] and d[key] != sz:
                raise fail(f"map '{map_name}': conflicting {name} size {d[key]} != {sz}.", _errno.EINVAL)
            d[key] = sz
            d[f"{name}_type_id"] = t.type
        elif name == "values":
            is_map_in_map = d["map_type"] in (BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS)
            is_prog_array = d["map_type"] == BPF_MAP_TYPE_PROG_ARRAY
            desc = "map-in-map inner" if is_map_in_map else "prog-array value"
            if is_inner:
                raise fail(f"map '{map_name}': multi-level inner maps not supported.", _errno.ENOTSUP)
            if i != vlen - 1:
                raise fail(f"map '{map_name}': '{name}' member should be last.", _errno.EINVAL)
            if not is_map_in_map and not is_prog_array:
                raise fail(f"map '{map_name}': should be map-in-map or prog-array.", _errno.ENOTSUP)
            if d["value_size"] and d["value_size"] != 4:
                raise fail(f"map '{map_name}': conflicting value size {d['value_size']} != 4.", _errno.EINVAL)
            d["value_size"] = 4
            t = btf[m.type]
            if t.kind != Kind.ARRAY or t.nelems:
                raise fail(f"map '{map_name}': {desc} spec is not a zero-sized array.", _errno.EINVAL)
            t, _ = skip_mods_and_typedefs(btf, t.type)
            if t.kind != Kind.PTR:
                raise fail(f"map '{map_name}': {desc} def is of unexpected kind {_kind_str(t.kind)}.", _errno.EINVAL)
            t, _ = skip_mods_and_typedefs(btf, t.type)
            if is_prog_array:
                if t.kind != Kind.FUNC_PROTO:
                    raise fail(f"map '{map_name}': prog-array value def is of unexpected kind {_kind_str(t.kind)}.",
                               _errno.EINVAL)
                continue
            if t.kind != Kind.STRUCT:
                raise fail(f"map '{map_name}': map-in-map inner def is of unexpected kind {_kind_str(t.kind)}.",
                           _errno.EINVAL)
            inner, _ = _parse_btf_map_def(obj, f"{map_name}.inner", btf, t, True)
        elif name == "pinning":
            if is_inner:
                raise fail(f"map '{map_name}': inner def can't be pinned.", _errno.EINVAL)
            val = _get_map_field_int(obj, map_name, btf, m)
            if val not in (0, 1):
                raise fail(f"map '{map_name}': invalid pinning value {val}.", _errno.EINVAL)
            d["pinning"] = val
        else:
            # strict: libbpf 1.0 refuses unknown fields
            raise fail(f"map '{map_name}': unknown field '{name}'.", _errno.ENOTSUP)
    if d["map_type"] == BPF_MAP_TYPE_UNSPEC:
        raise fail(f"map '{map_name}': map type isn't specified.", _errno.EINVAL)
    return d, inner


def _fill_map_from_def(m: BpfMap, d: dict) -> None:
    m.map_type = d["map_type"]
    m.key_size = d["key_size"]
    m.value_size = d["value_size"]
    m.max_entries = d["max_entries"]
    m.map_flags = d["map_flags"]
    m.map_extra = d["map_extra"]
    m.numa_node = d["numa_node"]
    m.pinning = d["pinning"]
    m.btf_key_type_id = d["key_type_id"]
    m.btf_value_type_id = d["value_type_id"]


# -- bpf_object_open() ---------------------------------------------------------------------------
def open_object(src, object_name: str | None = None, *, check_endianness: bool = False,
                source: str | None = None, bpftool: "str | Release | None" = None) -> BpfObject:
    """Open a BPF object (a path or bytes) as ``bpf_object__open_mem()`` does.

    ``object_name`` is libbpf's ``opts.object_name`` (it prefixes internal map
    names: ``'my_objec.rodata'``); without it the name is the file's base name
    up to its first dot, as ``bpf_object__open_file()`` has it.
    ``check_endianness`` refuses an object whose byte order is not the host's,
    as libbpf does (bpftool's behaviour); by default both orders are read.
    ``bpftool`` names the release whose libbpf is reproduced (see
    :mod:`btfkit.releases`; libbpf 1.8 opens either byte order).
    Raises :class:`BpfObjectError` where libbpf fails, naming the file.
    """
    if isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        path = source or "<bytes>"
        if object_name is None:
            object_name = ""
        where = object_name
    else:
        path = os.fspath(src)
        data = read_file(path)
        if source:
            path = source
        if object_name is None:
            object_name = os.path.basename(path).split(".", 1)[0]
            where = path
        else:
            where = object_name
    obj = BpfObject(data, name=object_name, path=path, where=where, bpftool=bpftool)
    obj._elf_init(check_endianness)
    obj._elf_collect()
    obj._collect_externs()
    obj._finalize_btf()
    obj._init_maps()
    obj._collect_relos()
    return obj
