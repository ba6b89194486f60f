"""bpftool's identifier helpers (``tools/bpf/bpftool/gen.c``): how a map,
a data section and a variable are named in generated code.

They read only a map's names, type, flags and initial value (:class:`MapLike`,
which :class:`btfkit.obj.BpfMap` satisfies), so this module imports nothing
from the object layer and ``btfkit.obj`` can re-export it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # MapLike only annotates: a plain class at runtime (no typing import)

from ..bpf_defs import ARENA_SEC, BPF_F_MMAPABLE, BPF_MAP_TYPE_ARENA

__all__ = ["MapLike", "sanitize_identifier", "get_datasec_ident", "get_map_ident", "is_internal_mmapable_map"]


class MapLike(Protocol):
    """What the naming helpers read of a map (:class:`btfkit.obj.BpfMap`)."""

    #: libbpf map type number (uapi ``enum bpf_map_type``)
    map_type: int
    #: ``BPF_F_*`` map flags
    map_flags: int
    #: the map's initial contents, None when it has none
    initial_value: bytes | None

    @property
    def user_name(self) -> str:
        """bpf_map__name(): for internal maps libbpf's '<obj prefix>.rodata' name."""
        ...

    @property
    def is_internal(self) -> bool:
        """True for the maps libbpf makes from .data/.rodata/.bss/.kconfig."""
        ...


# -- bpftool's identifier helpers (gen.c) ------------------------------------------------------
_IDENT_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _b(s: str) -> bytes:
    """The name's bytes (names decode with surrogateescape)."""
    return s.encode("utf-8", "surrogateescape")


def sanitize_identifier(name: str) -> str:
    """gen.c sanitize_identifier(): every byte that is not [A-Za-z0-9_] becomes '_'
    (isalnum() in the C locale, byte by byte)."""
    raw = _b(name)
    if all(c in _IDENT_BYTES for c in raw):
        return name
    return bytes(c if c in _IDENT_BYTES else 0x5F for c in raw).decode("ascii")


def get_datasec_ident(sec_name: str, arena: bool = False) -> str | None:
    """gen.c get_datasec_ident(): '.data.foo' -> 'data_foo'; None for a section
    that is not .data*, .rodata*, .bss* or .kconfig*.  ``arena`` (bpftool
    7.5, release switch ``skel_arena``): '.addr_space.1' is 'arena'."""
    if arena and sec_name == ARENA_SEC:
        return "arena"
    for pfx in (".data", ".rodata", ".bss", ".kconfig"):
        if sec_name.startswith(pfx):
            return sanitize_identifier(sec_name[1:])
    return None


def get_map_ident(map: MapLike) -> str | None:
    """gen.c get_map_ident(): a map's field name in generated code.  A
    BTF-defined map keeps its name; an internal one is named from the first
    '.data', '.rodata', '.bss' or '.kconfig' inside its libbpf name
    ('my_objec.rodata' -> 'rodata'); None if there is none."""
    name = map.user_name
    if not map.is_internal:
        return name
    for sfx in (".data", ".rodata", ".bss", ".kconfig"):
        p = name.find(sfx)
        if p >= 0:
            return sanitize_identifier(name[p + 1:])
    return None


def is_internal_mmapable_map(map: MapLike, arena: bool = False) -> str | None:
    """gen.c is_internal_mmapable_map(): the map's ident if it is an internal,
    memory-mapped map (the ones skeletons expose as structs), else None.
    ``arena`` (bpftool 7.5's is_mmapable_map(), release switch
    ``skel_arena``): an ARENA map with global __arena variables is 'arena'."""
    if arena and map.map_type == BPF_MAP_TYPE_ARENA and map.initial_value is not None:
        return "arena"
    if not map.is_internal or not map.map_flags & BPF_F_MMAPABLE:
        return None
    return get_map_ident(map)
