"""A BPF object file as libbpf opens it: programs, maps and fixed-up BTF.

This mirrors ``bpf_object__open_mem()`` of the libbpf built into Debian 12's
bpftool 7.1.0 (``tools/lib/bpf/libbpf.c`` of Linux 6.1), step for step, and
of libbpf 1.5 and 1.8 (bpftool 7.5, 7.8) where ``BpfObject.release``'s
``libbpf_*`` switches say so (see :mod:`btfkit.releases`: memory-mapped
internal maps, hidden variables, .bss.*, struct_ops sections, ARENA maps,
__ulong map_extra, .jumptables, either byte order)::

    bpf_object__elf_init()          ELF class, type, machine          sections.py
    bpf_object__check_endianness()  (only when asked: the host's)     sections.py
    bpf_object__elf_collect()       sections: programs, data, .maps,  sections.py
                                    .BTF, relocations                 (programs.py)
    bpf_object__collect_externs()   .kconfig and .ksyms externs,      externs.py
                                    their DATASEC fix-ups
    bpf_object__finalize_btf()      DATASEC sizes and variable        datasec.py
                                    offsets from the ELF
    bpf_object__init_maps()         .maps, .data/.rodata/.bss (+      maps.py
                                    custom), .kconfig, struct_ops     (map_def.py)
    bpf_object__collect_relos()     relocation sanity checks          relos.py

Each step is a function named after its libbpf original, taking the
object (libbpf's style: ``bpf_object__init_maps(obj)``).  The result is
what ``bpftool gen skeleton`` reads: :attr:`BpfObject.maps` in libbpf's
order with libbpf's names, :meth:`BpfObject.entry_programs` (what
``bpf_object__for_each_program`` visits: no sub-programs), and
:attr:`BpfObject.btf`, the object's BTF with libbpf's open-time fix-ups
applied (an :class:`ObjBtf` view over the immutable
:class:`~btfkit.btf.Btf`; :meth:`ObjBtf.as_btf` re-encodes it into a
real Btf for the printers).

The modules of this package:

- ``object.py``   :class:`BpfObject` (the object users open) and :func:`open_object` (``bpf_object_open``)
- ``errors.py``   :class:`BpfObjectError`, ``libbpf_strerror`` and the ``LIBBPF_ERRNO__*`` codes
- ``sections.py`` ELF sections and symbols: ``bpf_object__elf_init/elf_collect/init_btf``, ``obj->efile``, symbol predicates
- ``programs.py`` :class:`BpfProgram` and ``bpf_object__add_programs``
- ``relos.py``    ``bpf_object__collect_relos``: the relocation checks of programs, .maps and struct_ops
- ``btf.py``      :class:`ObjBtf` (the fixed-up BTF view) and libbpf's ``btf.c`` lookups (resolve_size, align_of, find_by_name...)
- ``datasec.py``  ``bpf_object__finalize_btf`` / ``btf_fixup_datasec`` (6.1 and 1.5)
- ``externs.py``  :class:`Extern`, ``bpf_object__collect_externs``, ``find_kcfg_type``
- ``maps.py``     :class:`BpfMap`, ``bpf_object__init_maps`` (.maps, ARENA, global data, .kconfig, struct_ops)
- ``map_def.py``  ``parse_btf_map_def`` and ``get_map_field_int/long`` (a ``.maps`` definition)

bpftool's identifier helpers (``sanitize_identifier``, ``get_map_ident``,
``get_datasec_ident`` from ``tools/bpf/bpftool/gen.c``) live in
:mod:`btfkit.gen.naming` and are re-exported here; the shared uapi/libbpf
constants live in :mod:`btfkit.bpf_defs` and are re-exported here too.

A failure raises :class:`BpfObjectError`; its message is libbpf's warning and
its ``strerror`` is what bpftool prints after "failed to open BPF object file: ".
"""

from __future__ import annotations

# re-exported: gen and tests import the constants from here
from ..bpf_defs import (
    _ST_OPS_SECS_15, ARENA_SEC, BPF_F_LINK, BPF_F_MMAPABLE, BPF_F_RDONLY_PROG, BPF_INSN_SZ, BPF_MAP_TYPE_ARENA,
    BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_PROG_ARRAY,
    BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_STRUCT_OPS, BPF_MAP_TYPE_UNSPEC, BPF_OBJ_NAME_LEN, BPF_PTR_SZ, BSS_SEC,
    BTF_ELF_SEC, BTF_EXT_ELF_SEC, BTF_FUNC_EXTERN, BTF_FUNC_GLOBAL, BTF_FUNC_STATIC, BTF_VAR_GLOBAL_ALLOCATED,
    BTF_VAR_GLOBAL_EXTERN, BTF_VAR_STATIC, DATA_SEC, EXT_KCFG, EXT_KSYM, EXT_UNKNOWN, JUMPTABLES_SEC, KCFG_BOOL,
    KCFG_CHAR, KCFG_CHAR_ARR, KCFG_INT, KCFG_TRISTATE, KCFG_UNKNOWN, KCONFIG_SEC, KSYMS_SEC, LIBBPF_MAP_BSS,
    LIBBPF_MAP_DATA, LIBBPF_MAP_KCONFIG, LIBBPF_MAP_RODATA, LIBBPF_MAP_UNSPEC, MAPS_ELF_SEC, PAGE_SIZE,
    RODATA_SEC, SEC_BSS, SEC_DATA, SEC_RELO, SEC_RODATA, SEC_UNUSED, STRUCT_OPS_LINK_SEC, STRUCT_OPS_SEC,
)
# re-exported: the public names predate btfkit.gen.naming
from ..gen.naming import _IDENT_BYTES, get_datasec_ident, get_map_ident, is_internal_mmapable_map, sanitize_identifier
from .btf import (
    BtfLike, ObjBtf, btf_align_of, btf_find_by_name, btf_find_by_name_kind, btf_resolve_size, btf_resolve_type,
    datasec_var, skip_mods_and_typedefs,
)
from .errors import (
    LIBBPF_ERRNO__ENDIAN, LIBBPF_ERRNO__FORMAT, LIBBPF_ERRNO__INTERNAL, LIBBPF_ERRNO__LIBELF, LIBBPF_ERRNO__RELOC,
    BpfObjectError, libbpf_strerror,
)
from .externs import Extern
from .maps import BpfMap, internal_map_name
from .object import BpfObject, open_object
from .programs import BpfProgram
from .sections import ELF64_REL_SIZE, ELF64_SYM_SIZE

__all__ = [
    "BpfObject", "BpfMap", "BpfProgram", "Extern", "ObjBtf", "BpfObjectError",
    "open_object", "sanitize_identifier", "get_map_ident", "get_datasec_ident",
    "is_internal_mmapable_map", "datasec_var", "btf_align_of", "btf_resolve_size", "skip_mods_and_typedefs",
    "LIBBPF_MAP_UNSPEC", "LIBBPF_MAP_DATA", "LIBBPF_MAP_BSS", "LIBBPF_MAP_RODATA",
    "LIBBPF_MAP_KCONFIG", "BPF_F_MMAPABLE", "BPF_F_RDONLY_PROG",
]
