"""``bpftool gen subskeleton``: the header a BPF library's user-space half uses.

A subskeleton does not own the ``bpf_object``: it finds its library's maps,
programs and global variables by name in whatever object the library was
linked into (``bpf_object__open_subskeleton``).  A port of
``do_subskeleton()`` and ``codegen_subskel_datasecs()`` in
``tools/bpf/bpftool/gen.c`` (bpftool 7.1.0; 7.5 and 7.8 through the
release switches), byte-identical to ``bpftool gen subskeleton FILE [name
NAME]`` of the chosen release.
"""

from __future__ import annotations

import os

from ..errors import BtfError
from ..kinds import Kind
from ..loader import read_file
from ..obj import (
    BTF_VAR_STATIC, BpfObject, datasec_var, get_datasec_ident, get_map_ident, skip_mods_and_typedefs,
)
from ..releases import Release, release
from .codegen import CodegenError, codegen, get_header_guard
from .skeleton import (
    MAP_SKEL_DECL, codegen_maps_skeleton, codegen_progs_skeleton, find_type_for_map, gen_st_ops_shadow,
    gen_st_ops_shadow_init, is_mmapable_map, new_dumper, open_for_gen, resolve_obj_name,
)

__all__ = ["gen_subskeleton"]


def _is_ptr_to_func_proto(btf, t) -> bool:
    """gen.c btf_is_ptr_to_func_proto()"""
    return t.kind == Kind.PTR and btf.kind_of(t.type) == Kind.FUNC_PROTO


def _value_datasec(btf, map):
    """The map's value type, which bpftool reads as a DATASEC."""
    t = btf[map.btf_value_type_id]
    if t.kind != Kind.DATASEC:
        raise BtfError(f".BTF: type [{t.id}] named '{t.name}' (the value type of map '{map.user_name}') is not a "
                       "DATASEC", source=btf.source)
    return t


def codegen_subskel_datasecs(out: list, obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_subskel_datasecs(): for each memory-mapped internal map a
    struct of pointers, one per variable; arrays and function pointers are
    declared through ``typeof(...)`` so every member reads ``T *name``."""
    btf = obj.btf
    rel = obj.release
    typeof = rel.skel_typeof_keyword
    d = new_dumper(obj)
    for map in obj.maps:
        map_ident = is_mmapable_map(map, rel)
        if map_ident is None:
            continue
        sec = find_type_for_map(btf, map_ident, rel)
        if sec is None:
            continue
        sec_name = sec.name
        sec_ident = get_datasec_ident(sec_name, rel.skel_arena)
        if sec_ident is None:
            continue
        strip_mods = sec_name != ".kconfig"
        out.append(f"\tstruct {obj_name}__{sec_ident} {{\n")
        for i in range(len(sec.vars)):
            var = datasec_var(btf, sec, i)
            var_name = var.name
            var_type_id = var.type
            # static variables are not exposed through BPF skeleton
            if var.linkage == BTF_VAR_STATIC:
                continue
            # the variable's underlying type (an INT, not the VAR)
            t, _ = skip_mods_and_typedefs(btf, var.type)
            out.append("\t\t")
            needs_typeof = t.kind == Kind.ARRAY or _is_ptr_to_func_proto(btf, t)
            if needs_typeof:
                out.append(typeof + "(")
            out.append(d.emit_type_decl(var_type_id, "", 2, strip_mods))
            if needs_typeof:
                out.append(")")
            out.append(f" *{var_name};\n")
        out.append(f"\t}} {sec_ident};\n")


def gen_subskeleton(file, name: str | None = None, *, data: bytes | None = None, use_loader: bool = False,
                    warnings: list | None = None, check_endianness: bool = True,
                    bpftool: "str | Release | None" = None) -> str:
    """gen.c do_subskeleton(): the subskeleton header of BPF object ``file``.

    As bpftool 7.1 does, this returns an empty string (and succeeds) when an
    internal map has no DATASEC in the BTF (``.rodata.cst16`` and the like);
    a note goes to ``warnings``.  ``check_endianness`` is as for
    :func:`~btfkit.gen.skeleton.gen_skeleton`.  Raises a :class:`~btfkit.errors.BtfError`
    where bpftool fails.  ``bpftool`` picks the release reproduced
    (see :mod:`btfkit.releases`)."""
    rel = release(bpftool)
    file = os.fspath(file)
    if use_loader:
        raise CodegenError("cannot use loader for subskeletons")
    obj_name = resolve_obj_name(file, name)
    if data is None:
        data = read_file(file)
    # the empty object name makes libbpf name internal maps after their
    # sections ('.data', not 'obj.data')
    obj = open_for_gen(data, file, "", check_endianness, rel)
    btf = obj.btf
    if btf is None:
        raise BtfError(f"need btf type information for {obj_name}", source=file)

    progs = obj.entry_programs()
    prog_cnt = len(progs)

    # count the variables first: the subskeleton allocates room for them
    map_cnt = var_cnt = 0
    for map in obj.maps:
        if get_map_ident(map) is None:
            continue
        map_cnt += 1
        if is_mmapable_map(map, rel) is None:
            continue
        if map.btf_value_type_id <= 0:
            # bpftool stops here, prints nothing and exits 0
            if warnings is not None:
                what = "internal map" if map.is_internal else "ARENA map"
                warnings.append(f"{what} '{map.user_name}' has no BTF type (no DATASEC); "
                                f"bpftool {rel.bpftool} writes an empty subskeleton for this object, and so does "
                                "btfkit")
            return ""
        map_type = _value_datasec(btf, map)
        for i in range(len(map_type.vars)):
            if datasec_var(btf, map_type, i).linkage == BTF_VAR_STATIC:
                continue
            var_cnt += 1

    header_guard = get_header_guard(obj_name, "SUBSKEL_H")
    out: list[str] = []
    out.append(codegen("""\
\t
\t/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
\t
\t/* THIS FILE IS AUTOGENERATED! */
\t#ifndef %2$s
\t#define %2$s
\t
\t#include <errno.h>
\t#include <stdlib.h>
\t#include <bpf/libbpf.h>
\t
\tstruct %1$s {
\t\tstruct bpf_object *obj;
\t\tstruct bpf_object_subskeleton *subskel;
\t""", obj_name, header_guard))

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

    codegen_subskel_datasecs(out, obj, obj_name)

    # code that allocates room for every symbol
    out.append(codegen("""\
\t\t
\t\t
\t\t#ifdef __cplusplus
\t\t\tstatic inline struct %1$s *open(const struct bpf_object *src);
\t\t\tstatic inline void destroy(struct %1$s *skel);
\t\t#endif /* __cplusplus */
\t\t};
\t\t
\t\tstatic inline void
\t\t%1$s__destroy(struct %1$s *skel)
\t\t{
\t\t\tif (!skel)
\t\t\t\treturn;
\t\t\tif (skel->subskel)
\t\t\t\tbpf_object__destroy_subskeleton(skel->subskel);
\t\t\tfree(skel);
\t\t}
\t\t
\t\tstatic inline struct %1$s *
\t\t%1$s__open(const struct bpf_object *src)
\t\t{
\t\t\tstruct %1$s *obj;
\t\t\tstruct bpf_object_subskeleton *s;
\t\t%3$s\tint err;
\t\t
\t\t\tobj = (struct %1$s *)calloc(1, sizeof(*obj));
\t\t\tif (!obj) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t\ts = (struct bpf_object_subskeleton *)calloc(1, sizeof(*s));
\t\t\tif (!s) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t\ts->sz = sizeof(*s);
\t\t\ts->obj = src;
\t\t\ts->var_skel_sz = sizeof(*s->vars);
\t\t\tobj->subskel = s;
\t\t
\t\t\t/* vars */
\t\t\ts->var_cnt = %2$d;
\t\t\ts->vars = (struct bpf_var_skeleton *)calloc(%2$d, sizeof(*s->vars));
\t\t\tif (!s->vars) {
\t\t\t\terr = -ENOMEM;
\t\t\t\tgoto err;
\t\t\t}
\t\t""", obj_name, var_cnt, MAP_SKEL_DECL if rel.skel_map_skel_sz else ""))

    # each symbol's runtime representation
    var_idx = 0
    for map in obj.maps:
        ident = is_mmapable_map(map, rel)
        if ident is None:
            continue
        if map.btf_value_type_id <= 0:
            continue  # internal maps with no type
        map_type = _value_datasec(btf, map)
        for i in range(len(map_type.vars)):
            var_type = datasec_var(btf, map_type, i)
            if var_type.linkage == BTF_VAR_STATIC:
                continue
            # the '.' of '.data' is the field access: maps.data, obj->data.x
            out.append(codegen("""\
\t\t\t
\t\t\t
\t\t\t\ts->vars[%3$d].name = "%1$s";
\t\t\t\ts->vars[%3$d].map = &obj->maps.%2$s;
\t\t\t\ts->vars[%3$d].addr = (void **) &obj->%2$s.%1$s;
\t\t\t""", var_type.name, ident, var_idx))
            var_idx += 1

    codegen_maps_skeleton(out, obj, map_cnt, False, False)
    codegen_progs_skeleton(out, obj, prog_cnt, False)

    out.append(codegen("""\
\t\t
\t\t
\t\t\terr = bpf_object__open_subskeleton(s);
\t\t\tif (err)
\t\t\t\tgoto err;
\t\t
\t\t"""))
    gen_st_ops_shadow_init(out, obj)
    out.append(codegen("""\
\t\t
\t\t\treturn obj;
\t\terr:
\t\t\t%1$s__destroy(obj);
\t\t\terrno = -err;
\t\t\treturn NULL;
\t\t}
\t\t
\t\t#ifdef __cplusplus
\t\tstruct %1$s *%1$s::open(const struct bpf_object *src) { return %1$s__open(src); }
\t\tvoid %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }
\t\t#endif /* __cplusplus */
\t\t
\t\t#endif /* %2$s */
\t\t""", obj_name, header_guard))
    return "".join(out)
