"""struct_ops shadow types (bpftool 7.5 on, release switch
``skel_struct_ops_shadow``).

Skeletons and subskeletons both get a ``struct { ... } struct_ops;`` member
with, per struct_ops map, a pointer to a "shadow" of the map's value type
that user space can edit before load (:func:`gen_st_ops_shadow`), and the
code that points each shadow at the map's initial value once the object is
open (:func:`gen_st_ops_shadow_init`).  The functions carry the names of
their ``tools/bpf/bpftool/gen.c`` originals.
"""

from __future__ import annotations

from ..bpf_defs import BPF_PTR_SZ
from ..kinds import Kind, libbpf_kind_str
from ..obj import BpfMap, BpfObject, ObjBtf, btf_resolve_size, skip_mods_and_typedefs
from ..types import BtfType, Datasec, Enum, Enum64, Func, FuncProto, Member, Unknown
from .codegen import CodegenError, codegen
from .objects import new_dumper, struct_ops_maps

__all__ = ["resolve_func_ptr", "walk_st_ops_shadow_vars", "gen_st_ops_shadow_type", "gen_st_ops_shadow",
           "gen_st_ops_shadow_init"]


def resolve_func_ptr(btf: ObjBtf, type_id: int) -> FuncProto | None:
    """gen.c resolve_func_ptr(): the FUNC_PROTO a (modified, typedef'd)
    pointer points to, or None."""
    t: BtfType
    t, _ = skip_mods_and_typedefs(btf, type_id)
    if t.kind != Kind.PTR:
        return None
    t, _ = skip_mods_and_typedefs(btf, t.type)
    return t if t.kind == Kind.FUNC_PROTO else None


def _resolve_size_or_fail(btf: ObjBtf, type_id: int, member_name: str, obj: BpfObject) -> int:
    """btf__resolve_size(), failing as walk_st_ops_shadow_vars() does."""
    size = btf_resolve_size(btf, type_id)
    if size < 0:
        raise CodegenError(f"Failed to resolve size of {member_name}: {size}", source=obj.path)
    return size


def _st_ops_members(obj: BpfObject, map: BpfMap, map_type: BtfType) -> tuple[Member, ...]:
    """What walk_st_ops_shadow_vars() reads as ``btf_members(map_type)``,
    ``btf_vlen(map_type)`` of them.  A struct_ops map declared in ``.maps``
    may have any value type (libbpf only requires a struct in
    ``.struct_ops`` sections): a kind whose vlen is 0 (an int, a typedef, an
    array...) has no members, and bpftool writes padding only; another
    kind's vlen entries (enumerators, parameters...) are not members and
    bpftool would misread them, so btfkit raises :class:`CodegenError`."""
    if map_type.kind in (Kind.STRUCT, Kind.UNION):
        return map_type.members
    vlen = 0
    if isinstance(map_type, (Enum, Enum64)):
        vlen = len(map_type.values)
    elif isinstance(map_type, FuncProto):
        vlen = len(map_type.params)
    elif isinstance(map_type, Datasec):
        vlen = len(map_type.vars)
    elif isinstance(map_type, Func):
        vlen = map_type.linkage
    elif isinstance(map_type, Unknown):
        vlen = map_type.vlen
    if vlen:
        kind = libbpf_kind_str(map_type.kind_number if isinstance(map_type, Unknown) else map_type.kind)
        raise CodegenError(f"struct_ops map '{map.user_name}': its value type [{map_type.id}] ({kind}, vlen {vlen}) "
                           f"is not a struct: bpftool would misread its {vlen} entries as members", source=obj.path)
    return ()


def walk_st_ops_shadow_vars(out: list[str], obj: BpfObject, map: BpfMap, map_type: BtfType,
                            map_type_id: int) -> None:
    """gen.c walk_st_ops_shadow_vars(): the members of a struct_ops shadow
    type -- scalars as declared (modifiers and typedefs skipped), function
    pointers as ``struct bpf_program *``, anything else as an opaque
    ``char __unsupported_N[size]``; gaps as ``__padding_N`` / ``__padding_end``."""
    btf = obj.btf
    assert btf is not None, "struct_ops shadows need an object with BTF"
    d = new_dumper(obj)  # one btf_dump per struct_ops map, as bpftool
    next_offset = 0
    for i, m in enumerate(_st_ops_members(obj, map, map_type)):
        member_type: BtfType
        member_type_id: int
        member_type, member_type_id = skip_mods_and_typedefs(btf, m.type)
        member_name = m.name
        # gen.c reads m->offset raw: a kind_flag struct's bitfield size is in its top byte
        offset = ((m.bitfield_size << 24) | m.offset) // 8
        if next_offset < offset:
            out.append(f"\t\t\tchar __padding_{i}[{offset - next_offset}];\n")
        k = member_type.kind
        if k in (Kind.INT, Kind.FLOAT, Kind.ENUM, Kind.ENUM64):
            out.append("\t\t\t")
            out.append(d.emit_type_decl(member_type_id, member_name, 3, False))
            out.append(";\n")
            next_offset = offset + _resolve_size_or_fail(btf, member_type_id, member_name, obj)
        elif k == Kind.PTR and resolve_func_ptr(btf, m.type) is not None:
            out.append(f"\t\t\tstruct bpf_program *{member_name};\n")
            next_offset = offset + BPF_PTR_SZ
        else:
            # every other type stays opaque, so that two skeletons never
            # define the same struct
            size = _resolve_size_or_fail(btf, member_type_id, member_name, obj)
            out.append(f"\t\t\tchar __unsupported_{i}[{size}];\n")
            next_offset = offset + size
        next_offset &= 0xFFFFFFFF
    size = btf_resolve_size(btf, map_type_id)
    if next_offset < size:
        out.append(f"\t\t\tchar __padding_end[{size - next_offset}];\n")


def gen_st_ops_shadow_type(out: list[str], obj: BpfObject, obj_name: str, ident: str, map: BpfMap) -> None:
    """gen.c gen_st_ops_shadow_type(): ``struct OBJ__MAP__TYPE { ... } *MAP;``"""
    btf = obj.btf
    assert btf is not None, "struct_ops shadows need an object with BTF"
    map_type_id = map.btf_value_type_id
    if map_type_id == 0:
        raise CodegenError(f"struct_ops map '{map.user_name}' has no BTF value type", source=obj.path)
    map_type: BtfType = btf[map_type_id]
    out.append(f"\t\tstruct {obj_name}__{ident}__{map_type.name} {{\n")
    walk_st_ops_shadow_vars(out, obj, map, map_type, map_type_id)
    out.append(f"\t\t}} *{ident};\n")


def gen_st_ops_shadow(out: list[str], obj: BpfObject, obj_name: str) -> None:
    """gen.c gen_st_ops_shadow(): ``struct { ... } struct_ops;``, a pointer to
    a shadow type per struct_ops map (bpftool 7.5, release switch
    ``skel_struct_ops_shadow``)."""
    if obj.btf is None or not obj.release.skel_struct_ops_shadow:
        return
    st_ops_cnt = 0
    for map, ident in struct_ops_maps(obj):
        if st_ops_cnt == 0:
            out.append("\tstruct {\n")
        st_ops_cnt += 1
        gen_st_ops_shadow_type(out, obj, obj_name, ident, map)
    if st_ops_cnt:
        out.append("\t} struct_ops;\n")


def gen_st_ops_shadow_init(out: list[str], obj: BpfObject) -> None:
    """gen.c gen_st_ops_shadow_init(): point each shadow at the map's
    initial value once the object is open."""
    if obj.btf is None or not obj.release.skel_struct_ops_shadow:
        return
    for _, ident in struct_ops_maps(obj):
        out.append(codegen("""\
\t\t\t
\t\t\t\tobj->struct_ops.%1$s = (__typeof__(obj->struct_ops.%1$s))
\t\t\t\t\tbpf_map__initial_value(obj->maps.%1$s, NULL);
\t\t\t
\t\t\t""", ident))
