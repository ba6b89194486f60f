"""The BPF object as ``bpftool gen`` reads it.

Both headers start the same way: open the object as bpftool's libbpf does
(:func:`open_for_gen`), make a C printer over its fixed-up BTF
(:func:`new_dumper`), and find the memory-mapped maps
(:func:`is_mmapable_map`) and the DATASEC behind each
(:func:`find_type_for_map`).  Each function is named after the
``tools/bpf/bpftool/gen.c`` (or libbpf) call it stands for.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..obj import BpfMap, BpfObject, BpfObjectError, ObjBtf, open_object
from ..releases import Release
from ..types import Datasec
from ..bpf_defs import BPF_MAP_TYPE_STRUCT_OPS
from .naming import get_datasec_ident, get_map_ident, is_internal_mmapable_map

if TYPE_CHECKING:
    from typing import Iterator
    from ..c import CDumper

__all__ = ["open_for_gen", "new_dumper", "is_mmapable_map", "find_type_for_map", "mmapable_datasecs",
           "struct_ops_maps"]


def open_for_gen(src: bytes, file: str, object_name: str, check_endianness: bool = True,
                 rel: Release | None = None) -> BpfObject:
    """bpf_object__open_mem() as bpftool calls it: host byte order only (but
    any with libbpf 1.8), and failures reported as bpftool does ("failed to
    open BPF object file: ...")."""
    try:
        obj: BpfObject = open_object(src, object_name, check_endianness=check_endianness, source=file,
                                     bpftool=rel)
    except BpfObjectError as err:
        raise BpfObjectError(f"failed to open BPF object file: {err.strerror} (libbpf: {err.detail})",
                             source=file, errno=err.errno) from None
    return obj


def new_dumper(obj: BpfObject) -> CDumper:
    """btf_dump__new() over the object's (fixed-up) BTF; the object must
    have BTF."""
    from ..c.dumper import CDumper  # imported on first use: `btfkit gen` starts fast

    btf = obj.btf
    assert btf is not None, "new_dumper() needs an object with BTF"
    # (the ignore goes once btfkit.obj is typed)
    return CDumper(btf.for_printer(), bpftool=obj.release)


def is_mmapable_map(map: BpfMap, rel: Release) -> str | None:
    """gen.c is_internal_mmapable_map() (7.1) / is_mmapable_map() (7.5: ARENA
    maps with __arena globals too): the ident of a map skeletons map into memory."""
    return is_internal_mmapable_map(map, arena=rel.skel_arena)


def find_type_for_map(btf: ObjBtf, map_ident: str, rel: Release | None = None) -> Datasec | None:
    """gen.c find_type_for_map(): the first DATASEC (of the object's
    :class:`~btfkit.obj.ObjBtf`) whose ident is the map's."""
    arena = rel is not None and rel.skel_arena
    secs: list[Datasec] = btf.datasecs()
    for t in secs:
        if get_datasec_ident(t.name, arena) == map_ident:
            return t
    return None


def mmapable_datasecs(obj: BpfObject) -> Iterator[tuple[BpfMap, str, Datasec | None]]:
    """(map, ident, DATASEC or None) of each memory-mapped map, in the
    object's map order: gen.c's loop of ``is_mmapable_map()`` then
    ``find_type_for_map()`` (the object must have BTF)."""
    btf = obj.btf
    assert btf is not None, "mmapable_datasecs() needs an object with BTF"
    rel = obj.release
    for map in obj.maps:
        ident = is_mmapable_map(map, rel)
        if ident is not None:
            yield map, ident, find_type_for_map(btf, ident, rel)


def struct_ops_maps(obj: BpfObject) -> Iterator[tuple[BpfMap, str]]:
    """(map, ident) of each struct_ops map with an ident, in map order
    (gen.c's ``bpf_object__for_each_map`` + ``BPF_MAP_TYPE_STRUCT_OPS``
    test of the shadow-type writers)."""
    for map in obj.maps:
        if map.map_type != BPF_MAP_TYPE_STRUCT_OPS:
            continue
        ident = get_map_ident(map)
        if ident is not None:
            yield map, ident
