"""The global-variable structs of the generated headers.

Every memory-mapped map (``.data``, ``.rodata``, ``.bss``, ``.kconfig``
and their ``.data.foo`` kin; bpftool 7.5's ARENA map) becomes a struct with
one member per non-static variable of its DATASEC:

- in a skeleton, the variables themselves, padded to the DATASEC's offsets
  (:func:`codegen_datasecs`, :func:`codegen_datasec_def`), and a function of
  ``_Static_assert`` s checking their sizes (:func:`codegen_asserts`);
- in a subskeleton, a pointer per variable (:func:`codegen_subskel_datasecs`),
  since the library's variables live in whatever object it was linked into.

The functions carry the names of their ``tools/bpf/bpftool/gen.c`` originals.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..bpf_defs import BTF_VAR_STATIC
from ..errors import BtfError
from ..kinds import Kind
from ..obj import BpfMap, BpfObject, ObjBtf, btf_align_of, btf_resolve_size, datasec_var, skip_mods_and_typedefs
from ..types import BtfType, Datasec, Var, VarSecinfo
from .codegen import CodegenError, codegen
from .naming import get_datasec_ident, sanitize_identifier
from .objects import mmapable_datasecs, new_dumper

if TYPE_CHECKING:
    from typing import Iterator
    from ..c import CDumper

__all__ = ["exposed_vars", "map_value_datasec", "codegen_datasec_def", "codegen_datasecs", "codegen_asserts",
           "codegen_subskel_datasecs", "btf_is_ptr_to_func_proto"]


def exposed_vars(btf: ObjBtf, sec: Datasec) -> Iterator[tuple[int, VarSecinfo, Var]]:
    """(index, entry, VAR) of each variable of ``sec`` a skeleton shows, in
    the DATASEC's order: gen.c's loops over ``btf_var_secinfos()`` that
    skip static variables ("static variables are not exposed through BPF
    skeleton").  A non-VAR entry raises :class:`~btfkit.errors.BtfError`
    when reached (:func:`~btfkit.obj.datasec_var`)."""
    for i, sec_var in enumerate(sec.vars):
        var: Var = datasec_var(btf, sec, i)
        if var.linkage == BTF_VAR_STATIC:
            continue
        yield i, sec_var, var


def map_value_datasec(btf: ObjBtf, map: BpfMap) -> Datasec:
    """The map's value type, which do_subskeleton() reads as a DATASEC
    (``btf__type_by_id(btf, bpf_map__btf_value_type_id(map))``); btfkit
    raises :class:`~btfkit.errors.BtfError` where it is something else."""
    t: BtfType = btf[map.btf_value_type_id]
    if t.kind != Kind.DATASEC:
        raise BtfError(f".BTF: type [{t.id}] named '{t.name}' (the value type of map '{map.user_name}') is not a "
                       "DATASEC", source=btf.source)
    return t


# -- skeletons ---------------------------------------------------------------------------------
def codegen_datasec_def(out: list[str], obj: BpfObject, btf: ObjBtf, d: CDumper, sec: Datasec,
                        obj_name: str) -> None:
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
    for i, sec_var, var in exposed_vars(btf, sec):
        var_name = var.name
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


def codegen_datasecs(out: list[str], obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_datasecs(): a struct per memory-mapped internal map
    (the object must have BTF)."""
    btf = obj.btf
    assert btf is not None, "codegen_datasecs() needs an object with BTF"
    d = new_dumper(obj)
    for _, map_ident, sec in mmapable_datasecs(obj):
        # a map without DATASEC (.rodata.cst16: compiler constants only)
        # still gets an (empty) struct and stays reachable
        if sec is None:
            out.append(f"\tstruct {obj_name}__{map_ident} {{\n")
            out.append(f"\t}} *{map_ident};\n")
        else:
            codegen_datasec_def(out, obj, btf, d, sec, obj_name)


def codegen_asserts(out: list[str], obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_asserts(): ``<obj>__assert()``, a _Static_assert of
    every variable's size (nothing without BTF)."""
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
    for _, map_ident, sec in mmapable_datasecs(obj):
        if sec is None:
            continue  # best effort
        for _, _, var in exposed_vars(btf, sec):
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


# -- subskeletons ------------------------------------------------------------------------------
def btf_is_ptr_to_func_proto(btf: ObjBtf, t: BtfType) -> bool:
    """gen.c btf_is_ptr_to_func_proto(): ``t`` is a pointer straight to a
    FUNC_PROTO (no modifiers or typedefs in between)."""
    if t.kind != Kind.PTR:
        return False
    target_kind: int = btf.kind_of(t.type)
    return target_kind == Kind.FUNC_PROTO


def codegen_subskel_datasecs(out: list[str], obj: BpfObject, obj_name: str) -> None:
    """gen.c codegen_subskel_datasecs(): for each memory-mapped internal map a
    struct of pointers, one per variable; arrays and function pointers are
    declared through ``typeof(...)`` so every member reads ``T *name``
    (the object must have BTF)."""
    btf = obj.btf
    assert btf is not None, "codegen_subskel_datasecs() needs an object with BTF"
    rel = obj.release
    typeof = rel.skel_typeof_keyword
    d = new_dumper(obj)
    for _, _, sec in mmapable_datasecs(obj):
        if sec is None:
            continue
        sec_name = sec.name
        sec_ident = get_datasec_ident(sec_name, rel.skel_arena)
        if sec_ident is None:
            continue
        strip_mods = sec_name != ".kconfig"
        out.append(f"\tstruct {obj_name}__{sec_ident} {{\n")
        for _, _, var in exposed_vars(btf, sec):
            # the variable's underlying type (an INT, not the VAR)
            t: BtfType
            t, _ = skip_mods_and_typedefs(btf, var.type)
            out.append("\t\t")
            needs_typeof = t.kind == Kind.ARRAY or btf_is_ptr_to_func_proto(btf, t)
            if needs_typeof:
                out.append(typeof + "(")
            out.append(d.emit_type_decl(var.type, "", 2, strip_mods))
            if needs_typeof:
                out.append(")")
            out.append(f" *{var.name};\n")
        out.append(f"\t}} {sec_ident};\n")
