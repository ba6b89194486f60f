"""Maps of a BPF object: :class:`BpfMap` (libbpf's ``struct bpf_map``) and
``bpf_object__init_maps()``: BTF-defined maps of ``.maps`` (and the ARENA
map), the internal maps of .data/.rodata/.bss (and their custom
subsections), the .kconfig map, struct_ops maps."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .. import types as T
from ..bpf_defs import (
    ARENA_SEC, BPF_F_LINK, BPF_F_MMAPABLE, BPF_F_RDONLY_PROG, BPF_MAP_TYPE_ARENA, BPF_MAP_TYPE_ARRAY,
    BPF_MAP_TYPE_STRUCT_OPS, BPF_MAP_TYPE_UNSPEC, BPF_OBJ_NAME_LEN, BTF_VAR_GLOBAL_ALLOCATED, BTF_VAR_STATIC,
    DATA_SEC, EXT_KCFG, KCONFIG_SEC, LIBBPF_MAP_BSS, LIBBPF_MAP_DATA, LIBBPF_MAP_KCONFIG, LIBBPF_MAP_RODATA,
    LIBBPF_MAP_UNSPEC, MAPS_ELF_SEC, PAGE_SIZE, RODATA_SEC, SEC_BSS, SEC_DATA, SEC_RODATA, STRUCT_OPS_LINK_SEC,
)
from ..gen.naming import _IDENT_BYTES, get_map_ident
from ..kinds import Kind, libbpf_kind_str
from .btf import btf_find_by_name, btf_find_by_name_kind, btf_resolve_type, skip_mods_and_typedefs
from .map_def import BtfMapDef, parse_btf_map_def

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["BpfMap", "internal_map_name", "bpf_object__init_maps"]


class BpfMap:
    """A ``struct bpf_map`` as libbpf sets it up at open time."""

    __slots__ = ("name", "real_name", "libbpf_type", "sec_idx", "sec_offset", "btf_var_idx",
                 "map_type", "key_size", "value_size", "max_entries", "map_flags", "map_extra",
                 "numa_node", "pinning", "btf_key_type_id", "btf_value_type_id", "inner_map",
                 "initial_value", "st_ops_type_id")

    name: str
    """libbpf's ``map->name``: for internal maps the kernel-visible one,
    e.g. 'my_objec.rodata' (:func:`internal_map_name`)."""
    real_name: str | None
    """The ELF section of an internal map ('.rodata', '.data.foo'); None otherwise."""
    libbpf_type: int
    """One of the ``LIBBPF_MAP_*`` constants (UNSPEC for BTF-defined and struct_ops maps)."""
    sec_idx: int
    """Index of the ELF section the map comes from (-1 for none)."""
    sec_offset: int
    """Offset of its definition in that section (.maps, struct_ops)."""
    btf_var_idx: int
    """Index of its VAR in the .maps DATASEC (-1 for other maps)."""
    map_type: int
    """``BPF_MAP_TYPE_*``."""
    key_size: int
    """Key size in bytes."""
    value_size: int
    """Value size in bytes (a __u32)."""
    max_entries: int
    """Maximum number of entries."""
    map_flags: int
    """``BPF_F_*`` flags (internal maps: RDONLY_PROG, MMAPABLE)."""
    map_extra: int
    """``map_extra`` of the definition (a __u64)."""
    numa_node: int
    """``numa_node`` of the definition."""
    pinning: int
    """``pinning`` of the definition (0 or 1)."""
    btf_key_type_id: int
    """BTF id of the key type, 0 without one."""
    btf_value_type_id: int
    """BTF id of the value type (an internal map's DATASEC, a struct_ops
    map's struct with libbpf 1.5+), 0 without one."""
    inner_map: "BpfMap | None"
    """A map-in-map's inner map definition, else None."""
    initial_value: bytes | None
    """The section's bytes for .data and .rodata maps; ``None`` for .bss and
    .kconfig (all zeros, ``value_size`` bytes, which are not allocated: a
    section header may claim any size); with libbpf 1.5 what
    ``bpf_map__initial_value()`` returns for struct_ops maps (the struct's
    bytes) and an ARENA map (the .addr_space.1 bytes, when there are any);
    ``None`` otherwise."""
    st_ops_type_id: int
    """A struct_ops map's struct type id, else 0."""

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
        self.inner_map = None
        self.initial_value = None
        self.st_ops_type_id = 0

    @property
    def is_internal(self) -> bool:
        """bpf_map__is_internal()"""
        return self.libbpf_type != LIBBPF_MAP_UNSPEC

    @property
    def is_struct_ops(self) -> bool:
        """True for a struct_ops map."""
        return self.map_type == BPF_MAP_TYPE_STRUCT_OPS

    @property
    def user_name(self) -> str:
        """bpf_map__name(): custom .data.*/.rodata.* maps go by their section name."""
        if self.libbpf_type == LIBBPF_MAP_DATA and self.real_name is not None and self.real_name != DATA_SEC:
            return self.real_name
        if self.libbpf_type == LIBBPF_MAP_RODATA and self.real_name is not None and self.real_name != RODATA_SEC:
            return self.real_name
        return self.name

    @property
    def mmapable(self) -> bool:
        """True when ``BPF_F_MMAPABLE`` is set."""
        return bool(self.map_flags & BPF_F_MMAPABLE)

    @property
    def ident(self) -> str | None:
        """bpftool's name for this map in generated code (get_map_ident)."""
        return get_map_ident(self)

    def mmap_sz(self, page_size: int = 4096) -> int:
        """bpf_map_mmap_sz(): value size rounded to 8, times entries, rounded to a page."""
        sz = (self.value_size + 7) // 8 * 8 * self.max_entries
        return (sz + page_size - 1) // page_size * page_size

    def fill_from_def(self, d: BtfMapDef) -> None:
        """fill_map_from_def(): take the fields of a parsed definition."""
        self.map_type = d.map_type
        self.key_size = d.key_size
        self.value_size = d.value_size
        self.max_entries = d.max_entries
        self.map_flags = d.map_flags
        self.map_extra = d.map_extra
        self.numa_node = d.numa_node
        self.pinning = d.pinning
        self.btf_key_type_id = d.key_type_id
        self.btf_value_type_id = d.value_type_id

    def __repr__(self) -> str:
        kind = ("internal " if self.is_internal else "") + ("struct_ops " if self.is_struct_ops else "")
        return f"<BpfMap {kind}{self.user_name!r}>"


def internal_map_name(obj_name: str, real_name: str) -> str:
    """libbpf internal_map_name(): as much of the object name as fits in front
    of the section name within the kernel's 15 characters ('my_objec.rodata');
    custom '.data.foo' style names are used alone, cut to 15 characters."""
    real = real_name.encode("utf-8", "surrogateescape")
    oname = obj_name.encode("utf-8", "surrogateescape")
    sfx_len = max(7, len(real))
    if sfx_len >= BPF_OBJ_NAME_LEN:
        sfx_len = BPF_OBJ_NAME_LEN - 1
    if b"." in real[1:]:
        pfx_len = 0
    else:
        pfx_len = min(BPF_OBJ_NAME_LEN - sfx_len - 1, len(oname))
    name = (oname[:pfx_len] + real[:sfx_len])[:BPF_OBJ_NAME_LEN - 1]
    name = bytes(c if c in _IDENT_BYTES or c == 0x2E else 0x5F for c in name)
    return name.decode("utf-8", "surrogateescape")


# -- bpf_object__init_maps() -------------------------------------------------------------------------
def bpf_object__init_maps(obj: BpfObject) -> None:
    """Every map, in libbpf's order: .maps, global data, .kconfig, struct_ops."""
    _init_user_btf_maps(obj)
    _init_global_data_maps(obj)
    _init_kconfig_map(obj)
    _init_struct_ops_maps(obj)


def _init_user_btf_maps(obj: BpfObject) -> None:
    """bpf_object__init_user_btf_maps(): one map per VAR of the .maps DATASEC."""
    ef = obj.efile
    if ef.btf_maps_shndx < 0:
        return
    btf = obj.btf
    assert btf is not None  # bpf_object__init_btf() requires it with .maps
    sh = obj.elf.sections[ef.btf_maps_shndx]
    d_size = sh.sh_size
    sec = None
    for tid in range(1, btf.type_count):
        if btf.kind_of(tid) == Kind.DATASEC:
            t = btf.get(tid, T.Datasec)
            if t.name == MAPS_ELF_SEC:
                sec = t
                ef.btf_maps_sec_btf_id = tid
                break
    if sec is None:
        raise obj.fail(f"DATASEC '{MAPS_ELF_SEC}' not found.", _errno.ENOENT)
    for i, vi in enumerate(sec.vars):
        var = btf[vi.type]
        map_name = var.name
        if not map_name:
            raise obj.fail(f"map #{i}: empty name.", _errno.EINVAL)
        if vi.offset + vi.size > d_size:
            raise obj.fail(f"map '{map_name}' BTF data is corrupted.", _errno.EINVAL)
        if var.kind != Kind.VAR:
            raise obj.fail(f"map '{map_name}': unexpected var kind {libbpf_kind_str(var.kind)}.", _errno.EINVAL)
        if var.linkage != BTF_VAR_GLOBAL_ALLOCATED:
            raise obj.fail(f"map '{map_name}': unsupported map linkage {_linkage_str(var.linkage)}.",
                           _errno.EOPNOTSUPP)
        def_t, _ = skip_mods_and_typedefs(btf, var.type)
        if def_t.kind != Kind.STRUCT:
            raise obj.fail(f"map '{map_name}': unexpected def kind {libbpf_kind_str(var.kind)}.", _errno.EINVAL)
        if def_t.size > vi.size:
            raise obj.fail(f"map '{map_name}': invalid def size.", _errno.EINVAL)
        m = BpfMap(map_name, sec_idx=ef.btf_maps_shndx, sec_offset=vi.offset)
        m.btf_var_idx = i
        obj.maps.append(m)
        map_def, inner_def = parse_btf_map_def(obj, map_name, btf, def_t, False)
        m.fill_from_def(map_def)
        if inner_def is not None:
            inner = BpfMap(f"{map_name}.inner", sec_idx=ef.btf_maps_shndx)
            inner.fill_from_def(inner_def)
            m.inner_map = inner
    if obj.release.libbpf_arena:
        _init_arena_maps(obj)


def _linkage_str(linkage: int) -> str:
    return {0: "static", 1: "global", 2: "extern"}.get(linkage, "unknown")


def _init_arena_maps(obj: BpfObject) -> None:
    """The end of libbpf 1.5's bpf_object__init_user_btf_maps(): one ARENA
    map at most, holding the .addr_space.1 variables (init_arena_map_data())."""
    arena_data = obj.efile.arena_data
    for i, m in enumerate(obj.maps):
        if m.map_type != BPF_MAP_TYPE_ARENA:
            continue
        if obj.arena_map_idx >= 0:
            other = obj.maps[obj.arena_map_idx].name
            raise obj.fail(f"map '{m.name}': only single ARENA map is supported (map '{other}' is also "
                           "ARENA)", _errno.EINVAL)
        obj.arena_map_idx = i
        if arena_data is not None:
            data_sz = len(arena_data)
            mmap_sz = PAGE_SIZE * m.max_entries  # bpf_map_mmap_sz() of an ARENA map
            if (data_sz + PAGE_SIZE - 1) // PAGE_SIZE * PAGE_SIZE > mmap_sz:
                raise obj.fail(f"elf: sec '{ARENA_SEC}': declared ARENA map size ({mmap_sz}) is too small to "
                               f"hold global __arena variables of size {data_sz}", _errno.E2BIG)
            # map->mmaped = obj->arena_data: bpf_map__initial_value() works for it
            m.initial_value = arena_data
    if arena_data is not None and obj.arena_map_idx < 0:
        raise obj.fail(f"elf: sec '{ARENA_SEC}': to use global __arena variables the ARENA map should be "
                       "explicitly declared in SEC(\".maps\")", _errno.ENOENT)


def _init_global_data_maps(obj: BpfObject) -> None:
    """bpf_object__init_global_data_maps(): a map per data, rodata and bss section."""
    secs = obj.efile.secs
    for idx in range(1, len(secs)):
        d = secs[idx]
        sh = d.sec
        if sh is None or sh.sh_size == 0:
            continue
        if d.sec_type == SEC_DATA:
            _init_internal_map(obj, LIBBPF_MAP_DATA, sh.name, idx, obj.elf.section_data(sh), sh.sh_size)
        elif d.sec_type == SEC_RODATA:
            _init_internal_map(obj, LIBBPF_MAP_RODATA, sh.name, idx, obj.elf.section_data(sh), sh.sh_size)
        elif d.sec_type == SEC_BSS:
            _init_internal_map(obj, LIBBPF_MAP_BSS, sh.name, idx, None, sh.sh_size)


def _init_internal_map(obj: BpfObject, type_: int, real_name: str, sec_idx: int, data: bytes | None,
                       size: int) -> BpfMap:
    """bpf_object__init_internal_map()"""
    m = BpfMap(internal_map_name(obj.name, real_name), real_name=real_name, libbpf_type=type_, sec_idx=sec_idx)
    m.map_type = BPF_MAP_TYPE_ARRAY
    m.key_size = 4
    m.value_size = size & 0xFFFFFFFF  # def->value_size is a __u32
    m.max_entries = 1
    m.map_flags = BPF_F_RDONLY_PROG if type_ in (LIBBPF_MAP_RODATA, LIBBPF_MAP_KCONFIG) else 0
    if m.mmap_sz() == 0:
        # mmap() of the content buffer with length 0 fails with EINVAL
        # (a section of 0 bytes, or one whose size truncates to 0)
        raise obj.fail(f"failed to alloc map '{m.name}' content buffer: -{_errno.EINVAL}", _errno.EINVAL)
    m.initial_value = bytes(data[:size]) if data else None
    # bpf_map_find_btf_info(): failures are fine (.rodata.str1.1 has no DATASEC)
    if obj.btf is not None:
        tid = btf_find_by_name(obj.btf, real_name)
        if tid > 0:
            m.btf_value_type_id = tid
    # libbpf 1.5: only with a global variable (release switch libbpf_mmapable_needs_global_var)
    if not obj.release.libbpf_mmapable_needs_global_var or _map_is_mmapable(obj, m):
        m.map_flags |= BPF_F_MMAPABLE
    obj.maps.append(m)
    return m


def _map_is_mmapable(obj: BpfObject, m: BpfMap) -> bool:
    """libbpf 1.5 map_is_mmapable(): the map's DATASEC has a non-static VAR."""
    btf = obj.btf
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


def _init_kconfig_map(obj: BpfObject) -> None:
    """bpf_object__init_kconfig_map(): sized to hold the last Kconfig value."""
    last = None
    for e in obj.externs:
        if e.type == EXT_KCFG:
            last = e
    if last is None:
        return
    _init_internal_map(obj, LIBBPF_MAP_KCONFIG, KCONFIG_SEC, obj.efile.symbols_shndx, None,
                       last.kcfg_data_off + last.kcfg_sz)
    obj.kconfig_map_idx = len(obj.maps) - 1


def _init_struct_ops_maps(obj: BpfObject) -> None:
    """bpf_object__init_struct_ops_maps() (6.1: ``.struct_ops`` only) or
    bpf_object_init_struct_ops() (1.5: every struct_ops section)."""
    for shndx, sec_name, data in obj.efile.st_ops_secs:
        _init_struct_ops_maps_sec(obj, sec_name, shndx, data)


def _init_struct_ops_maps_sec(obj: BpfObject, sec_name: str, shndx: int, data: bytes) -> None:
    """init_struct_ops_maps(): one map per VAR of the section's DATASEC."""
    btf = obj.btf
    assert btf is not None  # bpf_object__init_btf() requires it with struct_ops
    new = obj.release.libbpf_struct_ops_sections
    sec_id = btf_find_by_name_kind(btf, sec_name, Kind.DATASEC)
    if sec_id < 0:
        raise obj.fail(f"struct_ops init: DATASEC {sec_name} not found", _errno.EINVAL)
    for vsi in btf.get(sec_id, T.Datasec).vars:
        var_name = btf[vsi.type].name
        type_id = btf_resolve_type(btf, vsi.type)
        if type_id < 0:
            raise obj.fail(f"struct_ops init: Cannot resolve var type_id {vsi.type} in DATASEC "
                           f"{sec_name}", _errno.EINVAL)
        t = btf[type_id]
        if not t.name:
            raise obj.fail("struct_ops init: anonymous type is not supported", _errno.ENOTSUP)
        if t.kind != Kind.STRUCT:
            raise obj.fail(f"struct_ops init: {t.name} is not a struct", _errno.EINVAL)
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
        obj.maps.append(m)
        if vsi.offset + t.size > len(data):
            raise obj.fail(f"struct_ops init: var {var_name} is beyond the end of DATASEC {sec_name}",
                           _errno.EINVAL)
        if new:
            # st_ops->data: what libbpf 1.5's bpf_map__initial_value() returns
            m.initial_value = bytes(data[vsi.offset:vsi.offset + t.size])
