"""``bpftool gen skeleton``: the BPF skeleton header of an object file.

A port of ``do_skeleton()`` and its helpers in ``tools/bpf/bpftool/gen.c``
(bpftool 7.1.0, and 7.5 / 7.8: ``src/gen.c`` of github.com/libbpf/bpftool);
functions carry the names of their gen.c originals and the templates are
gen.c's, so the two can be read side by side.  The output is byte-identical
to ``bpftool gen skeleton FILE [name NAME]`` of the chosen release; what
differs between releases is read from :class:`~btfkit.releases.Release`
(``skel_*`` switches here, ``libbpf_*`` ones in :mod:`btfkit.obj`).

The helpers shared with subskeletons (:func:`find_type_for_map`,
:func:`codegen_maps_skeleton`, :func:`codegen_progs_skeleton`) live here.
"""

from __future__ import annotations

import os

from ..errors import BtfError
from ..loader import read_file
from ..kinds import Kind
from ..obj import (
    BPF_MAP_TYPE_STRUCT_OPS, BPF_PTR_SZ, BpfObject, BpfObjectError, BTF_VAR_STATIC, btf_align_of, btf_resolve_size,
    datasec_var, get_datasec_ident, get_map_ident, is_internal_mmapable_map, open_object, sanitize_identifier,
    skip_mods_and_typedefs,
)
from ..releases import Release, release
from .codegen import (
    CodegenError, check_obj_name, codegen, get_header_guard, get_obj_name, print_hex,
)

__all__ = ["gen_skeleton", "find_type_for_map", "codegen_maps_skeleton", "codegen_progs_skeleton",
           "open_for_gen", "new_dumper", "is_mmapable_map", "gen_st_ops_shadow", "gen_st_ops_shadow_init"]


def new_dumper(obj: BpfObject):
    """btf_dump__new() over the object's (fixed-up) BTF."""
    from ..c import CDumper

    return CDumper(obj.btf.for_printer(), bpftool=obj.release)


def open_for_gen(src, file: str, object_name: str, check_endianness: bool = True,
                 rel: Release | None = None) -> BpfObject:
    """bpf_object__open_mem() as bpftool calls it: host byte order only (but
    any with libbpf 1.8), and failures reported as bpftool does ("failed to
    open BPF object file: ...")."""
    try:
        return open_object(src, object_name, check_endianness=check_endianness, source=file, bpftool=rel)
    except BpfObjectError as err:
        raise BpfObjectError(f"failed to open BPF object file: {err.strerror} (libbpf: {err.detail})",
                             source=file, errno=err.errno) from None


def is_mmapable_map(map, rel: Release) -> str | None:
    """gen.c is_internal_mmapable_map() (7.1) / is_mmapable_map() (7.5: ARENA
    maps with __arena globals too): the ident of a map skeletons map into memory."""
    return is_internal_mmapable_map(map, arena=rel.skel_arena)


def find_type_for_map(btf, map_ident: str, rel: Release | None = None):
    """gen.c find_type_for_map(): the first DATASEC (of the object's
    :class:`~btfkit.obj.ObjBtf`) whose ident is the map's."""
    arena = rel is not None and rel.skel_arena
    for t in btf.datasecs():
        if get_datasec_ident(t.name, arena) == map_ident:
            return t
    return None


def codegen_datasec_def(out: list, obj: BpfObject, btf, d, sec, obj_name: str) -> None:
    """gen.c codegen_datasec_def(): ``struct <obj>__<sec> { ... } *<sec>;``,
    with ``__padN`` members where the next variable's offset is past where C
    would put it (assuming 32-bit alignment rules, as bpftool does)."""
    sec_name = sec.name
    sec_ident = get_datasec_ident(sec_name, obj.release.skel_arena)
    if sec_ident is None:
        return
    strip_mods = sec_name != ".kconfig"
    out.append(f"\tstruct {obj_name}__{sec_ident} {{\n")
    off = 0
    pad_cnt = 0
    for i, sec_var in enumerate(sec.vars):
        var = datasec_var(btf, sec, i)
        var_name = var.name
        # static variables are not exposed through BPF skeleton
        if var.linkage == BTF_VAR_STATIC:
            continue
        need_off = sec_var.offset
        if off > need_off:
            raise CodegenError(f"Something is wrong for {sec_name}'s variable #{i}: need offset {need_off}, "
                               f"already at {off}.", source=obj.path)
        align = btf_align_of(btf, var.type)
        if align <= 0:
            raise CodegenError(f"Failed to determine alignment of variable '{var_name}': {align}",
                               source=obj.path)
        # bpftool assumes 32-bit alignment rules: more padding, never less
        if align > 4:
            align = 4
        align_off = (off + align - 1) // align * align
        if align_off != need_off:
            out.append(f"\t\tchar __pad{pad_cnt}[{need_off - off}];\n")
            pad_cnt += 1
        # 'func.var' (a function's static) becomes 'func_var'
        var_ident = sanitize_identifier(var_name)
        out.append("\t\t")
        out.append(d.emit_type_decl(var.type, var_ident, 2, strip_mods))
        out.append(";\n")
        off = sec_var.offset + sec_var.size
    out.append(f"\t}} *{sec_ident};\n")


def codegen_datasecs(out: list, obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_datasecs(): a struct per memory-mapped internal map."""
    btf = obj.btf
    d = new_dumper(obj)
    for map in obj.maps:
        map_ident = is_mmapable_map(map, obj.release)
        if map_ident is None:
            continue
        sec = find_type_for_map(btf, map_ident, obj.release)
        # a map without DATASEC (.rodata.cst16: compiler constants only)
        # still gets an (empty) struct and stays reachable
        if sec is None:
            out.append(f"\tstruct {obj_name}__{map_ident} {{\n")
            out.append(f"\t}} *{map_ident};\n")
        else:
            codegen_datasec_def(out, obj, btf, d, sec, obj_name)


def codegen_asserts(out: list, obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_asserts(): _Static_assert of every variable's size."""
    btf = obj.btf
    if btf is None:
        return
    out.append(codegen("""\
\t\t
\t\t__attribute__((unused)) static void
\t\t%1$s__assert(struct %1$s *s __attribute__((unused)))
\t\t{
\t\t#ifdef __cplusplus
\t\t#define _Static_assert static_assert
\t\t#endif
\t\t""", obj_name))
    for map in obj.maps:
        map_ident = is_mmapable_map(map, obj.release)
        if map_ident is None:
            continue
        sec = find_type_for_map(btf, map_ident, obj.release)
        if sec is None:
            continue  # best effort
        for i in range(len(sec.vars)):
            var = datasec_var(btf, sec, i)
            if var.linkage == BTF_VAR_STATIC:
                continue
            var_size = btf_resolve_size(btf, var.type)
            if var_size < 0:
                continue
            var_ident = sanitize_identifier(var.name)
            out.append(f"\t_Static_assert(sizeof(s->{map_ident}->{var_ident}) == {var_size}, "
                       f"\"unexpected size of '{var_ident}'\");\n")
    out.append(codegen("""\
\t\t
\t\t#ifdef __cplusplus
\t\t#undef _Static_assert
\t\t#endif
\t\t}
\t\t"""))


def codegen_maps_skeleton(out: list, obj: BpfObject, map_cnt: int, mmaped: bool, populate_links: bool = False) -> None:
    """gen.c codegen_maps_skeleton(): the ``s->maps[]`` array (7.5: addressed
    through ``s->map_skel_sz``, with ``map->link`` for struct_ops maps)."""
    if not map_cnt:
        return
    rel = obj.release
    if not rel.skel_map_skel_sz:
        out.append(codegen("""\
\t\t
\t\t
\t\t\t/* maps */
\t\t\ts->map_cnt = %zu;
\t\t\ts->map_skel_sz = sizeof(*s->maps);
\t\t\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt, s->map_skel_sz);
\t\t\tif (!s->maps) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t""", map_cnt))
    else:
        # offsetof(struct bpf_map_skeleton, link) for old libbpfs, the whole
        # struct only when struct_ops maps need their links
        map_sz = 24
        if populate_links and any(m.map_type == BPF_MAP_TYPE_STRUCT_OPS for m in obj.maps):
            map_sz = 32
        out.append(codegen("""\
\t\t
\t\t
\t\t\t/* maps */
\t\t\ts->map_cnt = %zu;
\t\t\ts->map_skel_sz = %zu;
\t\t\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt,
\t\t\t\t\tsizeof(*s->maps) > %zu ? sizeof(*s->maps) : %zu);
\t\t\tif (!s->maps) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t""", map_cnt, map_sz, map_sz, map_sz))
    i = 0
    for map in obj.maps:
        ident = get_map_ident(map)
        if ident is None:
            continue
        if not rel.skel_map_skel_sz:
            out.append(codegen("""\
\t\t\t
\t\t\t
\t\t\t\ts->maps[%zu].name = "%s";
\t\t\t\ts->maps[%zu].map = &obj->maps.%s;
\t\t\t""", i, map.user_name, i, ident))
            # memory-mapped internal maps
            mm_ident = is_mmapable_map(map, rel)
            if mmaped and mm_ident is not None:
                out.append(f"\ts->maps[{i}].mmaped = (void **)&obj->{mm_ident};\n")
        else:
            out.append(codegen("""\
\t\t\t
\t\t\t
\t\t\t\tmap = (struct bpf_map_skeleton *)((char *)s->maps + %zu * s->map_skel_sz);
\t\t\t\tmap->name = "%s";
\t\t\t\tmap->map = &obj->maps.%s;
\t\t\t""", i, map.user_name, ident))
            mm_ident = is_mmapable_map(map, rel)
            if mmaped and mm_ident is not None:
                out.append(f"\tmap->mmaped = (void **)&obj->{mm_ident};\n")
            if populate_links and map.map_type == BPF_MAP_TYPE_STRUCT_OPS:
                out.append(codegen("""\
\t\t\t\t
\t\t\t\t\tmap->link = &obj->links.%s;
\t\t\t\t""", ident))
        i += 1


def codegen_progs_skeleton(out: list, obj: BpfObject, prog_cnt: int, populate_links: bool) -> None:
    """gen.c codegen_progs_skeleton(): the ``s->progs[]`` array."""
    if not prog_cnt:
        return
    out.append(codegen("""\
\t\t
\t\t
\t\t\t/* programs */
\t\t\ts->prog_cnt = %zu;
\t\t\ts->prog_skel_sz = sizeof(*s->progs);
\t\t\ts->progs = (struct bpf_prog_skeleton *)calloc(s->prog_cnt, s->prog_skel_sz);
\t\t\tif (!s->progs) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t""", prog_cnt))
    for i, prog in enumerate(obj.entry_programs()):
        out.append(codegen("""\
\t\t\t
\t\t\t
\t\t\t\ts->progs[%1$zu].name = "%2$s";
\t\t\t\ts->progs[%1$zu].prog = &obj->progs.%2$s;
\t\t\t""", i, prog.name))
        if populate_links:
            out.append(codegen("""\
\t\t\t\t
\t\t\t\t\ts->progs[%1$zu].link = &obj->links.%2$s;
\t\t\t\t""", i, prog.name))


# 7.5's create_skeleton()/subskeleton __open() declare the map table cursor
MAP_SKEL_DECL = "\tstruct bpf_map_skeleton *map __attribute__((unused));\n"
# 7.5's end of __elf_bytes() (release switch skel_aligned_elf)
ALIGNED_ELF_TAIL = "\n\n\t*sz = sizeof(data) - 1;\n\treturn (const void *)data;"


def resolve_func_ptr(btf, type_id: int):
    """gen.c resolve_func_ptr(): the FUNC_PROTO a (modified, typedef'd)
    pointer points to, or None."""
    t, _ = skip_mods_and_typedefs(btf, type_id)
    if t.kind != Kind.PTR:
        return None
    t, _ = skip_mods_and_typedefs(btf, t.type)
    return t if t.kind == Kind.FUNC_PROTO else None


def _resolve_size_or_fail(btf, type_id: int, member_name: str, obj: BpfObject) -> int:
    size = btf_resolve_size(btf, type_id)
    if size < 0:
        raise CodegenError(f"Failed to resolve size of {member_name}: {size}", source=obj.path)
    return size


def walk_st_ops_shadow_vars(out: list, obj: BpfObject, map_type, map_type_id: int) -> None:
    """gen.c walk_st_ops_shadow_vars(): the members of a struct_ops shadow
    type -- scalars as declared (modifiers and typedefs skipped), function
    pointers as ``struct bpf_program *``, anything else as an opaque
    ``char __unsupported_N[size]``; gaps as ``__padding_N`` / ``__padding_end``."""
    btf = obj.btf
    d = new_dumper(obj)  # one btf_dump per struct_ops map, as bpftool
    next_offset = 0
    for i, m in enumerate(map_type.members):
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


def gen_st_ops_shadow_type(out: list, obj: BpfObject, obj_name: str, ident: str, map) -> None:
    """gen.c gen_st_ops_shadow_type(): ``struct OBJ__MAP__TYPE { ... } *MAP;``"""
    btf = obj.btf
    map_type_id = map.btf_value_type_id
    if map_type_id == 0:
        raise CodegenError(f"struct_ops map '{map.user_name}' has no BTF value type", source=obj.path)
    map_type = btf[map_type_id]
    out.append(f"\t\tstruct {obj_name}__{ident}__{map_type.name} {{\n")
    walk_st_ops_shadow_vars(out, obj, map_type, map_type_id)
    out.append(f"\t\t}} *{ident};\n")


def gen_st_ops_shadow(out: list, obj: BpfObject, obj_name: str) -> None:
    """gen.c gen_st_ops_shadow(): ``struct { ... } struct_ops;``, a pointer to
    a shadow type per struct_ops map (bpftool 7.5, release switch
    ``skel_struct_ops_shadow``)."""
    if obj.btf is None or not obj.release.skel_struct_ops_shadow:
        return
    st_ops_cnt = 0
    for map in obj.maps:
        if map.map_type != BPF_MAP_TYPE_STRUCT_OPS:
            continue
        ident = get_map_ident(map)
        if ident is None:
            continue
        if st_ops_cnt == 0:
            out.append("\tstruct {\n")
        st_ops_cnt += 1
        gen_st_ops_shadow_type(out, obj, obj_name, ident, map)
    if st_ops_cnt:
        out.append("\t} struct_ops;\n")


def gen_st_ops_shadow_init(out: list, obj: BpfObject) -> None:
    """gen.c gen_st_ops_shadow_init(): point each shadow at the map's
    initial value once the object is open."""
    if obj.btf is None or not obj.release.skel_struct_ops_shadow:
        return
    for map in obj.maps:
        if map.map_type != BPF_MAP_TYPE_STRUCT_OPS:
            continue
        ident = get_map_ident(map)
        if ident is None:
            continue
        out.append(codegen("""\
\t\t\t
\t\t\t\tobj->struct_ops.%1$s = (__typeof__(obj->struct_ops.%1$s))
\t\t\t\t\tbpf_map__initial_value(obj->maps.%1$s, NULL);
\t\t\t
\t\t\t""", ident))


def resolve_obj_name(file: str, name: str | None) -> str:
    """The object name: ``name`` if given (cut to 63 bytes), else
    get_obj_name(file); either way it must be a usable C identifier."""
    if name is not None:
        return check_obj_name(name, given=True)
    return check_obj_name(get_obj_name(file), given=False, file=file)


def gen_skeleton(file, name: str | None = None, *, data: bytes | None = None, use_loader: bool = False,
                 warnings: list | None = None, check_endianness: bool = True,
                 bpftool: "str | Release | None" = None) -> str:
    """gen.c do_skeleton(): the skeleton header of BPF object ``file``.

    ``name`` is bpftool's ``name NAME`` (default: from the file name).
    ``data`` is the file's content if already read.  ``warnings`` collects
    what bpftool would print on stderr while still succeeding.
    ``check_endianness=False`` accepts an object of the other byte order
    (bpftool's libbpf refuses it: "Endian mismatch"), generating what a
    bpftool of that byte order would.  Raises a
    :class:`~btfkit.errors.BtfError` where bpftool fails (with nothing
    written: the header is built in memory first).  ``bpftool`` picks the
    release reproduced (see :mod:`btfkit.releases`)."""
    rel = release(bpftool)
    file = os.fspath(file)
    if use_loader:
        raise CodegenError("light skeletons (-L/--use-loader) are not supported: generating one loads the "
                           "programs into the kernel; use bpftool gen skeleton -L")
    obj_name = resolve_obj_name(file, name)
    if data is None:
        data = read_file(file)
    obj = open_for_gen(data, file, obj_name, check_endianness, rel)
    if obj.btf is None:
        # bpftool writes a skeleton without the global-variable structs
        # (no BTF to print them from); with global variables its header
        # would use those structs and not compile: btfkit refuses that one
        globals_ = [m.real_name or m.user_name for m in obj.maps if is_internal_mmapable_map(m) is not None]
        if globals_:
            raise BtfError(f"no BTF (.BTF section) in the object, but it has global variables "
                           f"({', '.join(globals_)}): bpftool's skeleton would not compile "
                           "(compile with clang -g)", source=file)

    map_cnt = attach_map_cnt = 0
    for map in obj.maps:
        if get_map_ident(map) is None:
            if warnings is not None:
                warnings.append(f"ignoring unrecognized internal map '{map.user_name}'...")
            continue
        if rel.skel_struct_ops_links and map.map_type == BPF_MAP_TYPE_STRUCT_OPS:
            attach_map_cnt += 1
        map_cnt += 1
    progs = obj.entry_programs()
    prog_cnt = len(progs)

    header_guard = get_header_guard(obj_name, "SKEL_H")
    out: list[str] = []
    out.append(codegen("""\
\t\t
\t\t/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
\t\t
\t\t/* THIS FILE IS AUTOGENERATED BY BPFTOOL! */
\t\t#ifndef %2$s
\t\t#define %2$s
\t\t
\t\t#include <errno.h>
\t\t#include <stdlib.h>
\t\t#include <bpf/libbpf.h>
\t\t""", obj_name, header_guard))
    if rel.skel_auto_attach_macro:
        out.append(codegen("""\
\t\t
\t\t
\t\t#define BPF_SKEL_SUPPORTS_MAP_AUTO_ATTACH 1
\t\t"""))
    out.append(codegen("""\
\t\t
\t\t
\t\tstruct %1$s {
\t\t\tstruct bpf_object_skeleton *skeleton;
\t\t\tstruct bpf_object *obj;
\t\t""", obj_name))

    if map_cnt:
        out.append("\tstruct {\n")
        for map in obj.maps:
            ident = get_map_ident(map)
            if ident is None:
                continue
            out.append(f"\t\tstruct bpf_map *{ident};\n")
        out.append("\t} maps;\n")

    gen_st_ops_shadow(out, obj, obj_name)

    if prog_cnt:
        out.append("\tstruct {\n")
        for prog in progs:
            out.append(f"\t\tstruct bpf_program *{prog.name};\n")
        out.append("\t} progs;\n")
    if prog_cnt + attach_map_cnt:
        out.append("\tstruct {\n")
        for prog in progs:
            out.append(f"\t\tstruct bpf_link *{prog.name};\n")
        if rel.skel_struct_ops_links:
            for map in obj.maps:
                ident = get_map_ident(map)
                if ident is None or map.map_type != BPF_MAP_TYPE_STRUCT_OPS:
                    continue
                out.append(f"\t\tstruct bpf_link *{ident};\n")
        out.append("\t} links;\n")

    if obj.btf is not None:
        codegen_datasecs(out, obj, obj_name)

    out.append(codegen("""\
\t\t
\t\t
\t\t#ifdef __cplusplus
\t\t\tstatic inline struct %1$s *open(const struct bpf_object_open_opts *opts = nullptr);
\t\t\tstatic inline struct %1$s *open_and_load();
\t\t\tstatic inline int load(struct %1$s *skel);
\t\t\tstatic inline int attach(struct %1$s *skel);
\t\t\tstatic inline void detach(struct %1$s *skel);
\t\t\tstatic inline void destroy(struct %1$s *skel);
\t\t\tstatic inline const void *elf_bytes(size_t *sz);
\t\t#endif /* __cplusplus */
\t\t};
\t\t
\t\tstatic void
\t\t%1$s__destroy(struct %1$s *obj)
\t\t{
\t\t\tif (!obj)
\t\t\t\treturn;
\t\t\tif (obj->skeleton)
\t\t\t\tbpf_object__destroy_skeleton(obj->skeleton);
\t\t\tfree(obj);
\t\t}
\t\t
\t\tstatic inline int
\t\t%1$s__create_skeleton(struct %1$s *obj);
\t\t
\t\tstatic inline struct %1$s *
\t\t%1$s__open_opts(const struct bpf_object_open_opts *opts)
\t\t{
\t\t\tstruct %1$s *obj;
\t\t\tint err;
\t\t
\t\t\tobj = (struct %1$s *)calloc(1, sizeof(*obj));
\t\t\tif (!obj) {
\t\t\t\terrno = ENOMEM;
\t\t\t\treturn NULL;
\t\t\t}
\t\t
\t\t\terr = %1$s__create_skeleton(obj);
\t\t\tif (err)
\t\t\t\tgoto err_out;
\t\t
\t\t\terr = bpf_object__open_skeleton(obj->skeleton, opts);
\t\t\tif (err)
\t\t\t\tgoto err_out;
\t\t
\t\t""", obj_name))
    gen_st_ops_shadow_init(out, obj)
    out.append(codegen("""\
\t\t
\t\t\treturn obj;
\t\terr_out:
\t\t\t%1$s__destroy(obj);
\t\t\terrno = -err;
\t\t\treturn NULL;
\t\t}
\t\t
\t\tstatic inline struct %1$s *
\t\t%1$s__open(void)
\t\t{
\t\t\treturn %1$s__open_opts(NULL);
\t\t}
\t\t
\t\tstatic inline int
\t\t%1$s__load(struct %1$s *obj)
\t\t{
\t\t\treturn bpf_object__load_skeleton(obj->skeleton);
\t\t}
\t\t
\t\tstatic inline struct %1$s *
\t\t%1$s__open_and_load(void)
\t\t{
\t\t\tstruct %1$s *obj;
\t\t\tint err;
\t\t
\t\t\tobj = %1$s__open();
\t\t\tif (!obj)
\t\t\t\treturn NULL;
\t\t\terr = %1$s__load(obj);
\t\t\tif (err) {
\t\t\t\t%1$s__destroy(obj);
\t\t\t\terrno = -err;
\t\t\t\treturn NULL;
\t\t\t}
\t\t\treturn obj;
\t\t}
\t\t
\t\tstatic inline int
\t\t%1$s__attach(struct %1$s *obj)
\t\t{
\t\t\treturn bpf_object__attach_skeleton(obj->skeleton);
\t\t}
\t\t
\t\tstatic inline void
\t\t%1$s__detach(struct %1$s *obj)
\t\t{
\t\t\tbpf_object__detach_skeleton(obj->skeleton);
\t\t}
\t\t""", obj_name))

    out.append(codegen("""\
\t\t
\t\t
\t\tstatic inline const void *%1$s__elf_bytes(size_t *sz);
\t\t
\t\tstatic inline int
\t\t%1$s__create_skeleton(struct %1$s *obj)
\t\t{
\t\t\tstruct bpf_object_skeleton *s;
\t\t%2$s\tint err;
\t\t
\t\t\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));
\t\t\tif (!s)\t{
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t
\t\t\ts->sz = sizeof(*s);
\t\t\ts->name = "%1$s";
\t\t\ts->obj = &obj->obj;
\t\t""", obj_name, MAP_SKEL_DECL if rel.skel_map_skel_sz else ""))

    codegen_maps_skeleton(out, obj, map_cnt, True, True)
    codegen_progs_skeleton(out, obj, prog_cnt, True)

    # gen.c: 7.5 embeds the ELF in an 8-aligned array and drops the cast;
    # 7.1 returns a string literal with its size written out
    if rel.skel_aligned_elf:
        data_cast = ""
        elf_bytes_open = ("\tstatic const char data[] __attribute__((__aligned__(8))) = \"\\\n")
    else:
        data_cast = "(void *)"
        elf_bytes_open = f"\t*sz = {len(data)};\n\treturn (const void *)\"\\\n"
    out.append(codegen("""\
\t\t
\t\t
\t\t\ts->data = %2$s%1$s__elf_bytes(&s->data_sz);
\t\t
\t\t\tobj->skeleton = s;
\t\t\treturn 0;
\t\terr:
\t\t\tbpf_object__destroy_skeleton(s);
\t\t\treturn err;
\t\t}
\t\t
\t\tstatic inline const void *%1$s__elf_bytes(size_t *sz)
\t\t{
\t\t""", obj_name, data_cast))
    out.append(elf_bytes_open)

    # embed contents of BPF object file
    out.append(print_hex(data))

    out.append(codegen("""\
\t\t
\t\t";%2$s
\t\t}
\t\t
\t\t#ifdef __cplusplus
\t\tstruct %1$s *%1$s::open(const struct bpf_object_open_opts *opts) { return %1$s__open_opts(opts); }
\t\tstruct %1$s *%1$s::open_and_load() { return %1$s__open_and_load(); }
\t\tint %1$s::load(struct %1$s *skel) { return %1$s__load(skel); }
\t\tint %1$s::attach(struct %1$s *skel) { return %1$s__attach(skel); }
\t\tvoid %1$s::detach(struct %1$s *skel) { %1$s__detach(skel); }
\t\tvoid %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }
\t\tconst void *%1$s::elf_bytes(size_t *sz) { return %1$s__elf_bytes(sz); }
\t\t#endif /* __cplusplus */
\t\t
\t\t""", obj_name, ALIGNED_ELF_TAIL if rel.skel_aligned_elf else ""))

    codegen_asserts(out, obj, obj_name)

    out.append(codegen("""\
\t\t
\t\t
\t\t#endif /* %1$s */
\t\t""", header_guard))
    return "".join(out)
