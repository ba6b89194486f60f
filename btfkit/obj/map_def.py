"""A BTF-defined map's definition: libbpf's ``parse_btf_map_def()`` and
``get_map_field_int()`` / ``get_map_field_long()``, which read a ``.maps``
variable's struct (``__uint(type, ...)``, ``__type(key, ...)``...)."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .. import types as T
from ..bpf_defs import (
    BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_PROG_ARRAY, BPF_MAP_TYPE_UNSPEC,
)
from ..kinds import Kind, libbpf_kind_str
from .btf import BtfLike, btf_resolve_size, skip_mods_and_typedefs

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["BtfMapDef", "parse_btf_map_def"]


class BtfMapDef:
    """libbpf's ``struct btf_map_def``: what a ``.maps`` definition says (0 where it says nothing)."""

    __slots__ = ("map_type", "key_size", "value_size", "max_entries", "map_flags", "numa_node", "key_type_id",
                 "value_type_id", "pinning", "map_extra")

    map_type: int
    """``__uint(type, ...)``: the ``BPF_MAP_TYPE_*``."""
    key_size: int
    """Key size in bytes (``__uint(key_size, ...)`` or the size of ``__type(key, ...)``)."""
    value_size: int
    """Value size in bytes (likewise; 4 for map-in-map and prog arrays)."""
    max_entries: int
    """``__uint(max_entries, ...)``."""
    map_flags: int
    """``__uint(map_flags, ...)``."""
    numa_node: int
    """``__uint(numa_node, ...)``."""
    key_type_id: int
    """BTF id of ``__type(key, ...)``, 0 without one."""
    value_type_id: int
    """BTF id of ``__type(value, ...)``, 0 without one."""
    pinning: int
    """``__uint(pinning, ...)``: 0 or 1 (LIBBPF_PIN_BY_NAME)."""
    map_extra: int
    """``__uint(map_extra, ...)`` (libbpf 1.5+: ``__ulong`` too), a __u64."""

    def __init__(self) -> None:
        self.map_type = 0
        self.key_size = 0
        self.value_size = 0
        self.max_entries = 0
        self.map_flags = 0
        self.numa_node = 0
        self.key_type_id = 0
        self.value_type_id = 0
        self.pinning = 0
        self.map_extra = 0


def _get_map_field_int(obj: BpfObject, map_name: str, btf: BtfLike, m: T.Member) -> int:
    """get_map_field_int(): ``__uint(name, N)`` is a pointer to an array of N."""
    t, _ = skip_mods_and_typedefs(btf, m.type)
    if t.kind != Kind.PTR:
        raise obj.fail(f"map '{map_name}': attr '{m.name}': expected PTR, got {libbpf_kind_str(t.kind)}.",
                       _errno.EINVAL)
    arr = btf[t.type]
    if arr.kind != Kind.ARRAY:
        raise obj.fail(f"map '{map_name}': attr '{m.name}': expected ARRAY, got {libbpf_kind_str(arr.kind)}.",
                       _errno.EINVAL)
    return arr.nelems


def _get_map_field_long(obj: BpfObject, map_name: str, btf: BtfLike, m: T.Member) -> int:
    """libbpf 1.5 get_map_field_long(): a PTR-to-ARRAY as ever, or an ENUM /
    ENUM64 of exactly one value (``__ulong(map_extra, V)``)."""
    t, _ = skip_mods_and_typedefs(btf, m.type)
    if t.kind == Kind.PTR:
        return _get_map_field_int(obj, map_name, btf, m)
    if t.kind != Kind.ENUM and t.kind != Kind.ENUM64:
        raise obj.fail(f"map '{map_name}': attr '{m.name}': expected ENUM or ENUM64, got "
                       f"{libbpf_kind_str(t.kind)}.", _errno.EINVAL)
    if len(t.values) != 1:
        raise obj.fail(f"map '{map_name}': attr '{m.name}': invalid __ulong", _errno.EINVAL)
    v = t.values[0].value
    if t.kind == Kind.ENUM:
        # libbpf reads a 32-bit enumerator as __s32 into a __u64
        v &= 0xFFFFFFFF
        v -= (v & 0x80000000) << 1
    return v & 0xFFFFFFFFFFFFFFFF


def parse_btf_map_def(obj: BpfObject, map_name: str, btf: BtfLike, def_t: T.Struct | T.Union,
                      is_inner: bool) -> tuple[BtfMapDef, BtfMapDef | None]:
    """parse_btf_map_def(): the map's definition and, for a map-in-map with
    a ``values`` inner definition, the inner map's (else None).  Strict, as
    libbpf 1.0: an unknown field fails."""
    d = BtfMapDef()
    inner = None
    vlen = len(def_t.members)
    fail = obj.fail
    for i, m in enumerate(def_t.members):
        name = m.name
        if name == "map_extra" and obj.release.libbpf_map_extra_ulong:
            d.map_extra = _get_map_field_long(obj, map_name, btf, m)
        elif name == "type":
            d.map_type = _get_map_field_int(obj, map_name, btf, m)
        elif name == "max_entries":
            d.max_entries = _get_map_field_int(obj, map_name, btf, m)
        elif name == "map_flags":
            d.map_flags = _get_map_field_int(obj, map_name, btf, m)
        elif name == "numa_node":
            d.numa_node = _get_map_field_int(obj, map_name, btf, m)
        elif name == "map_extra":
            d.map_extra = _get_map_field_int(obj, map_name, btf, m)
        elif name == "key_size" or name == "value_size":
            sz = _get_map_field_int(obj, map_name, btf, m)
            have = d.key_size if name == "key_size" else d.value_size
            if have and have != sz:
                raise fail(f"map '{map_name}': conflicting {name.replace('_', ' ')} {have} != {sz}.", _errno.EINVAL)
            if name == "key_size":
                d.key_size = sz
            else:
                d.value_size = sz
        elif name == "key" or name == "value":
            t = btf[m.type]
            if t.kind != Kind.PTR:
                raise fail(f"map '{map_name}': {name} spec is not PTR: {libbpf_kind_str(t.kind)}.", _errno.EINVAL)
            sz = btf_resolve_size(btf, t.type)
            if sz < 0:
                raise fail(f"map '{map_name}': can't determine {name} size for type [{t.type}]: {sz}.", -sz)
            have = d.key_size if name == "key" else d.value_size
            if have and have != sz:
                raise fail(f"map '{map_name}': conflicting {name} size {have} != {sz}.", _errno.EINVAL)
            if name == "key":
                d.key_size, d.key_type_id = sz, t.type
            else:
                d.value_size, d.value_type_id = sz, t.type
        elif name == "values":
            inner_t = _values_inner_def(obj, map_name, btf, d, m, is_inner, i == vlen - 1)
            if inner_t is not None:
                inner, _ = parse_btf_map_def(obj, f"{map_name}.inner", btf, inner_t, True)
        elif name == "pinning":
            if is_inner:
                raise fail(f"map '{map_name}': inner def can't be pinned.", _errno.EINVAL)
            val = _get_map_field_int(obj, map_name, btf, m)
            if val not in (0, 1):
                raise fail(f"map '{map_name}': invalid pinning value {val}.", _errno.EINVAL)
            d.pinning = val
        else:
            # strict: libbpf 1.0 refuses unknown fields
            raise fail(f"map '{map_name}': unknown field '{name}'.", _errno.ENOTSUP)
    if d.map_type == BPF_MAP_TYPE_UNSPEC:
        raise fail(f"map '{map_name}': map type isn't specified.", _errno.EINVAL)
    return d, inner


def _values_inner_def(obj: BpfObject, map_name: str, btf: BtfLike, d: BtfMapDef, m: T.Member, is_inner: bool,
                      is_last: bool) -> T.Struct | None:
    """The ``values`` member of parse_btf_map_def(): a zero-sized array of
    pointers to the inner map's definition (map-in-map; returned) or to a
    function prototype (prog array; None).  Sets the value size to 4."""
    fail = obj.fail
    is_map_in_map = d.map_type in (BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS)
    is_prog_array = d.map_type == BPF_MAP_TYPE_PROG_ARRAY
    desc = "map-in-map inner" if is_map_in_map else "prog-array value"
    if is_inner:
        raise fail(f"map '{map_name}': multi-level inner maps not supported.", _errno.ENOTSUP)
    if not is_last:
        raise fail(f"map '{map_name}': '{m.name}' member should be last.", _errno.EINVAL)
    if not is_map_in_map and not is_prog_array:
        raise fail(f"map '{map_name}': should be map-in-map or prog-array.", _errno.ENOTSUP)
    if d.value_size and d.value_size != 4:
        raise fail(f"map '{map_name}': conflicting value size {d.value_size} != 4.", _errno.EINVAL)
    d.value_size = 4
    arr = btf[m.type]
    if arr.kind != Kind.ARRAY or arr.nelems:
        raise fail(f"map '{map_name}': {desc} spec is not a zero-sized array.", _errno.EINVAL)
    t, _ = skip_mods_and_typedefs(btf, arr.type)
    if t.kind != Kind.PTR:
        raise fail(f"map '{map_name}': {desc} def is of unexpected kind {libbpf_kind_str(t.kind)}.", _errno.EINVAL)
    t, _ = skip_mods_and_typedefs(btf, t.type)
    if is_prog_array:
        if t.kind != Kind.FUNC_PROTO:
            raise fail(f"map '{map_name}': prog-array value def is of unexpected kind {libbpf_kind_str(t.kind)}.",
                       _errno.EINVAL)
        return None
    if t.kind != Kind.STRUCT:
        raise fail(f"map '{map_name}': map-in-map inner def is of unexpected kind {libbpf_kind_str(t.kind)}.",
                   _errno.EINVAL)
    return t
