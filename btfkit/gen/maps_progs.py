"""The maps and programs of the generated headers.

Skeletons and subskeletons name the object's maps and programs twice: as
members of the generated struct (``struct { struct bpf_map *m; } maps;``,
:func:`codegen_map_fields`, :func:`codegen_prog_fields`) and as the
``s->maps[]`` / ``s->progs[]`` arrays libbpf fills in at open time
(:func:`codegen_maps_skeleton`, :func:`codegen_progs_skeleton`, named after
their ``tools/bpf/bpftool/gen.c`` originals).
"""

from __future__ import annotations

from ..bpf_defs import BPF_MAP_TYPE_STRUCT_OPS
from ..obj import BpfObject, BpfProgram
from .codegen import codegen
from .naming import get_map_ident
from .objects import is_mmapable_map

__all__ = ["MAP_SKEL_DECL", "codegen_map_fields", "codegen_prog_fields", "codegen_maps_skeleton",
           "codegen_progs_skeleton"]

#: bpftool 7.5's create_skeleton()/subskeleton __open() declare the map
#: table cursor (release switch ``skel_map_skel_sz``)
MAP_SKEL_DECL = "\tstruct bpf_map_skeleton *map __attribute__((unused));\n"


def codegen_map_fields(out: list[str], obj: BpfObject, map_cnt: int) -> None:
    """do_skeleton()/do_subskeleton(): ``struct { struct bpf_map *<ident>; ... } maps;``
    (nothing when ``map_cnt`` is 0); maps with no ident are left out."""
    if not map_cnt:
        return
    out.append("\tstruct {\n")
    for map in obj.maps:
        ident = get_map_ident(map)
        if ident is None:
            continue
        out.append(f"\t\tstruct bpf_map *{ident};\n")
    out.append("\t} maps;\n")


def codegen_prog_fields(out: list[str], progs: list[BpfProgram]) -> None:
    """do_skeleton()/do_subskeleton(): ``struct { struct bpf_program *<name>; ... } progs;``
    (nothing without programs)."""
    if not progs:
        return
    out.append("\tstruct {\n")
    for prog in progs:
        out.append(f"\t\tstruct bpf_program *{prog.name};\n")
    out.append("\t} progs;\n")


def codegen_maps_skeleton(out: list[str], obj: BpfObject, map_cnt: int, mmaped: bool,
                          populate_links: bool = False) -> None:
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


def codegen_progs_skeleton(out: list[str], obj: BpfObject, prog_cnt: int, populate_links: bool) -> None:
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
