"""Constants btfkit's object layer and gen share: uapi/linux/bpf.h map
types and flags, libbpf.c's enums and special section names, BTF linkages.

Plain ints and strings, no imports, so any module (``btfkit.obj``,
``btfkit.gen.naming``) can take them without an import cycle.
"""

from __future__ import annotations

BPF_OBJ_NAME_LEN = 16
BPF_INSN_SZ = 8
BPF_F_RDONLY_PROG = 1 << 7
BPF_F_MMAPABLE = 1 << 10
BPF_MAP_TYPE_UNSPEC = 0
BPF_MAP_TYPE_ARRAY = 2
BPF_MAP_TYPE_PROG_ARRAY = 3
BPF_MAP_TYPE_ARRAY_OF_MAPS = 12
BPF_MAP_TYPE_HASH_OF_MAPS = 13
BPF_MAP_TYPE_STRUCT_OPS = 26
BPF_MAP_TYPE_RINGBUF = 27
BPF_MAP_TYPE_ARENA = 33
BPF_F_LINK = 1 << 13
PAGE_SIZE = 4096  # sysconf(_SC_PAGE_SIZE) on the reference (x86_64) hosts

# enum libbpf_map_type
LIBBPF_MAP_UNSPEC, LIBBPF_MAP_DATA, LIBBPF_MAP_BSS, LIBBPF_MAP_RODATA, LIBBPF_MAP_KCONFIG = range(5)
# enum extern_type, enum kcfg_type
EXT_UNKNOWN, EXT_KCFG, EXT_KSYM = range(3)
KCFG_UNKNOWN, KCFG_CHAR, KCFG_BOOL, KCFG_INT, KCFG_TRISTATE, KCFG_CHAR_ARR = range(6)
# enum sec_type
SEC_UNUSED, SEC_RELO, SEC_BSS, SEC_DATA, SEC_RODATA = range(5)

DATA_SEC, BSS_SEC, RODATA_SEC = ".data", ".bss", ".rodata"
KCONFIG_SEC, KSYMS_SEC, STRUCT_OPS_SEC = ".kconfig", ".ksyms", ".struct_ops"
MAPS_ELF_SEC, BTF_ELF_SEC, BTF_EXT_ELF_SEC = ".maps", ".BTF", ".BTF.ext"
ARENA_SEC = ".addr_space.1"
JUMPTABLES_SEC = ".jumptables"
STRUCT_OPS_LINK_SEC = ".struct_ops.link"
# the struct_ops sections of libbpf 1.5 (bpf_object__elf_collect())
_ST_OPS_SECS_15 = (STRUCT_OPS_SEC, STRUCT_OPS_LINK_SEC, "?" + STRUCT_OPS_SEC, "?" + STRUCT_OPS_LINK_SEC)

BTF_VAR_STATIC, BTF_VAR_GLOBAL_ALLOCATED, BTF_VAR_GLOBAL_EXTERN = 0, 1, 2
BTF_FUNC_STATIC, BTF_FUNC_GLOBAL, BTF_FUNC_EXTERN = 0, 1, 2
BPF_PTR_SZ = 8  # libbpf: btf__set_pointer_size(obj->btf, 8)
