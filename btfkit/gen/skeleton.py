"""``bpftool gen skeleton``: the BPF skeleton header of an object file.

A port of ``do_skeleton()`` in ``tools/bpf/bpftool/gen.c`` (bpftool 7.1.0,
and 7.5 / 7.8: ``src/gen.c`` of github.com/libbpf/bpftool); the templates
are gen.c's, so the two can be read side by side.  The output is
byte-identical to ``bpftool gen skeleton FILE [name NAME]`` of the chosen
release; what differs between releases is read from
:class:`~btfkit.releases.Release` (``skel_*`` switches here, ``libbpf_*``
ones in :mod:`btfkit.obj`).

The pieces a subskeleton shares live in modules named for what they hold:
:mod:`~btfkit.gen.objects` (opening the object, its memory-mapped maps),
:mod:`~btfkit.gen.datasecs` (global-variable structs),
:mod:`~btfkit.gen.maps_progs` (map and program tables),
:mod:`~btfkit.gen.struct_ops` (struct_ops shadow types) and
:mod:`~btfkit.gen.codegen` (templates, names).
"""

from __future__ import annotations

import os

from ..bpf_defs import BPF_MAP_TYPE_STRUCT_OPS
from ..errors import BtfError
from ..loader import read_file
from ..obj import BpfObject
from ..releases import Release, release
from .codegen import CodegenError, codegen, get_header_guard, print_hex, resolve_obj_name
from .datasecs import codegen_asserts, codegen_datasecs
from .maps_progs import (
    MAP_SKEL_DECL, codegen_map_fields, codegen_maps_skeleton, codegen_prog_fields, codegen_progs_skeleton,
)
from .naming import get_map_ident, is_internal_mmapable_map
from .objects import open_for_gen
from .struct_ops import gen_st_ops_shadow, gen_st_ops_shadow_init

__all__ = ["gen_skeleton"]

# 7.5's end of __elf_bytes() (release switch skel_aligned_elf)
ALIGNED_ELF_TAIL = "\n\n\t*sz = sizeof(data) - 1;\n\treturn (const void *)data;"


def gen_skeleton(file: str | os.PathLike[str], name: str | None = None, *, data: bytes | None = None,
                 use_loader: bool = False, warnings: list[str] | None = None, check_endianness: bool = True,
                 bpftool: str | Release | None = None) -> str:
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

    # the header, in do_skeleton()'s order
    header_guard = get_header_guard(obj_name, "SKEL_H")
    out: list[str] = []
    _codegen_skel_struct(out, obj, obj_name, header_guard, map_cnt, attach_map_cnt)
    _codegen_skel_functions(out, obj, obj_name)
    _codegen_create_skeleton(out, obj, obj_name, map_cnt, data)
    codegen_asserts(out, obj, obj_name)

    out.append(codegen("""\
\t\t
\t\t
\t\t#endif /* %1$s */
\t\t""", header_guard))
    return "".join(out)


def _codegen_skel_struct(out: list[str], obj: BpfObject, obj_name: str, header_guard: str, map_cnt: int,
                         attach_map_cnt: int) -> None:
    """do_skeleton(), first part: the header's prologue and ``struct <obj>``
    up to its global-variable structs: maps, struct_ops shadows, programs,
    links."""
    rel = obj.release
    progs = obj.entry_programs()
    prog_cnt = len(progs)
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

    codegen_map_fields(out, obj, map_cnt)
    gen_st_ops_shadow(out, obj, obj_name)
    codegen_prog_fields(out, progs)
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


def _codegen_skel_functions(out: list[str], obj: BpfObject, obj_name: str) -> None:
    """do_skeleton(), second part: the end of ``struct <obj>`` (its C++
    members) and ``<obj>__destroy()``, ``__open_opts()``, ``__open()``,
    ``__load()``, ``__open_and_load()``, ``__attach()``, ``__detach()``."""
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


def _codegen_create_skeleton(out: list[str], obj: BpfObject, obj_name: str, map_cnt: int, data: bytes) -> None:
    """do_skeleton(), third part: ``<obj>__create_skeleton()`` (the map and
    program tables), ``<obj>__elf_bytes()`` embedding ``data`` (the object
    file) and the C++ members' definitions."""
    rel = obj.release
    prog_cnt = len(obj.entry_programs())
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
