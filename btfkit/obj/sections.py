"""ELF sections and symbols of a BPF object: libbpf's ``bpf_object__elf_init()``
and ``bpf_object__elf_collect()``, what they record (:class:`ElfState`,
libbpf's ``obj->efile``) and the symbol predicates the later steps share."""

from __future__ import annotations

import errno as _errno
import sys
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..bpf_defs import (
    _ST_OPS_SECS_15, ARENA_SEC, BSS_SEC, BTF_ELF_SEC, BTF_EXT_ELF_SEC, DATA_SEC, JUMPTABLES_SEC, MAPS_ELF_SEC,
    RODATA_SEC, SEC_BSS, SEC_DATA, SEC_RELO, SEC_RODATA, SEC_UNUSED, STRUCT_OPS_SEC,
)
from ..btf import Btf
from ..elf import ElfFile, Section, Symbol
from ..errors import BtfError, ElfError
from ..schema.elf_formats import (
    ELFCLASS64, EM_BPF, ET_REL, SHF_EXECINSTR, SHN_UNDEF, SHT_LLVM_ADDRSIG, SHT_NOBITS, SHT_PROGBITS, SHT_REL,
    SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_NOTYPE, STT_SECTION, formats as elf_formats,
)
from .btf import ObjBtf
from .errors import LIBBPF_ERRNO__ENDIAN, LIBBPF_ERRNO__FORMAT, LIBBPF_ERRNO__LIBELF, BpfObjectError
from .programs import bpf_object__add_programs

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["SecDesc", "ElfState", "bpf_object__elf_init", "bpf_object__elf_collect", "ignore_elf_section",
           "sym_is_extern", "sym_is_subprog", "ELF64_SYM_SIZE", "ELF64_REL_SIZE"]

# entry sizes libbpf checks, from the schemas (24 and 16)
ELF64_SYM_SIZE: int = elf_formats(ELFCLASS64, "little").symbol.size
ELF64_REL_SIZE: int = elf_formats(ELFCLASS64, "little").rel.size


class SecDesc:
    """libbpf's ``struct elf_sec_desc``: what a section is to the object."""

    __slots__ = ("sec_type", "sec")

    sec_type: int
    """One of ``SEC_UNUSED``, ``SEC_RELO``, ``SEC_BSS``, ``SEC_DATA``, ``SEC_RODATA``."""
    sec: Section | None
    """The section header; None for an unused section."""

    def __init__(self) -> None:
        self.sec_type = SEC_UNUSED
        self.sec = None


class ElfState:
    """libbpf's ``obj->efile``: what ``bpf_object__elf_collect()`` found,
    read by the later steps of the open.  Indexes are -1 (or 0 where libbpf
    uses 0) when the object has no such section."""

    secs: list[SecDesc]
    """One :class:`SecDesc` per section header, by index."""
    symbols: list[Symbol]
    """The symbol table, by index."""
    symbols_shndx: int
    """Index of the symbol table section."""
    strtabidx: int
    """Index of the symbol string table (the symbol table's ``sh_link``)."""
    text_shndx: int
    """Index of ``.text`` (0 when there is none): its functions are sub-programs."""
    btf_maps_shndx: int
    """Index of ``.maps`` (BTF-defined maps), -1 when there is none."""
    btf_maps_sec_btf_id: int
    """Id of the ``.maps`` DATASEC, once the maps are read (0 before)."""
    st_ops_secs: list[tuple[int, str, bytes]]
    """(index, name, bytes) of each struct_ops section, in section order."""
    arena_data: bytes | None
    """The ``.addr_space.1`` section's bytes (libbpf 1.5+), or None."""
    arena_data_shndx: int
    """Index of ``.addr_space.1`` (libbpf 1.5+), -1 when there is none."""
    jumptables_shndx: int
    """Index of ``.jumptables`` (libbpf 1.8), -1 when there is none."""
    btf_data: bytes | None
    """The ``.BTF`` section's bytes, or None."""
    has_btf_ext: bool
    """True when the object has a ``.BTF.ext`` section."""
    funcs_by_sec: dict[int, list[Symbol]] | None
    """FUNC symbols by ``st_shndx``, in symbol order (built once, when the
    first program section is read)."""

    def __init__(self) -> None:
        self.secs = []
        self.symbols = []
        self.symbols_shndx = -1
        self.strtabidx = 0
        self.text_shndx = 0
        self.btf_maps_shndx = -1
        self.btf_maps_sec_btf_id = 0
        self.st_ops_secs = []
        self.arena_data = None
        self.arena_data_shndx = -1
        self.jumptables_shndx = -1
        self.btf_data = None
        self.has_btf_ext = False
        self.funcs_by_sec = None


# -- bpf_object__elf_init() + bpf_object__check_endianness() ---------------------------------------
def bpf_object__elf_init(obj: BpfObject, check_endianness: bool) -> ElfFile:
    """The object's ELF file, refused as libbpf refuses it: not ELF, not
    64-bit, not a relocatable eBPF object, or (``check_endianness``, before
    libbpf 1.8) not in the host's byte order."""
    data = obj.data
    if len(data) < 4 or data[:4] != b"\x7fELF":
        raise obj.fail(f"elf: '{obj.where}' is not a proper ELF object", LIBBPF_ERRNO__FORMAT)
    if len(data) > 4 and data[4] != ELFCLASS64:
        raise obj.fail(f"elf: '{obj.where}' is not a 64-bit ELF object", LIBBPF_ERRNO__FORMAT)
    try:
        elf = ElfFile(data, source=obj.path)
    except ElfError as err:
        raise BpfObjectError(f"elf: failed to open {obj.where} as ELF file: {err.detail}",
                             source=obj.path, errno=LIBBPF_ERRNO__LIBELF) from None
    # old LLVM set e_machine to EM_NONE
    if elf.e_type != ET_REL or (elf.e_machine and elf.e_machine != EM_BPF):
        raise obj.fail(f"elf: {obj.where} is not a valid eBPF object file", LIBBPF_ERRNO__FORMAT)
    # libbpf 1.8 opens either byte order (release switch libbpf_any_endianness)
    if check_endianness and not obj.release.libbpf_any_endianness:
        if elf.byteorder != sys.byteorder:
            raise obj.fail(f"elf: endianness mismatch in {obj.where}.", LIBBPF_ERRNO__ENDIAN)
    return elf


# -- bpf_object__elf_collect() ---------------------------------------------------------------------
def bpf_object__elf_collect(obj: BpfObject) -> None:
    """Classify every section (programs, data, .maps, .BTF, relocations),
    read the license and version, add the programs and load the BTF."""
    elf = obj.elf
    ef = obj.efile
    rel = obj.release
    secs = elf.sections
    ef.secs = [SecDesc() for _ in secs]
    symtabs = [s for s in secs[1:] if s.sh_type == SHT_SYMTAB]
    if len(symtabs) > 1:
        raise obj.fail(f"elf: multiple symbol tables in {obj.where}", LIBBPF_ERRNO__FORMAT)
    if not symtabs:
        raise obj.fail(f"elf: couldn't find symbol table in {obj.where}, stripped object file?", _errno.ENOENT)
    symtab = symtabs[0]
    ef.symbols_shndx = symtab.index
    ef.strtabidx = symtab.sh_link
    try:
        ef.symbols = elf.symbols
    except ElfError as err:
        raise obj.fail(err.detail, LIBBPF_ERRNO__FORMAT) from None
    st_ops = _ST_OPS_SECS_15 if rel.libbpf_struct_ops_sections else (STRUCT_OPS_SEC,)

    idx = 0
    for sh in secs[1:]:
        idx = sh.index
        name = sh.name
        if ignore_elf_section(sh, name):
            continue
        size = sh.sh_size
        desc = ef.secs[idx]
        if name == "license":
            _init_license(obj, sh)
        elif name == "version":
            _init_kversion(obj, sh)
        elif name == "maps":
            raise obj.fail("elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+",
                           _errno.ENOTSUP)
        elif name == MAPS_ELF_SEC:
            ef.btf_maps_shndx = idx
        elif name == BTF_ELF_SEC:
            if sh.sh_type != SHT_PROGBITS:
                raise obj.fail(f"elf: section {name} is not PROGBITS", LIBBPF_ERRNO__FORMAT)
            ef.btf_data = elf.section_data(sh)
        elif name == BTF_EXT_ELF_SEC:
            if sh.sh_type != SHT_PROGBITS:
                raise obj.fail(f"elf: section {name} is not PROGBITS", LIBBPF_ERRNO__FORMAT)
            ef.has_btf_ext = True
        elif sh.sh_type == SHT_SYMTAB:
            pass  # found in the first pass
        elif sh.sh_type == SHT_PROGBITS and size > 0:
            if sh.sh_flags & SHF_EXECINSTR:
                if name == ".text":
                    ef.text_shndx = idx
                bpf_object__add_programs(obj, sh)
            elif name == DATA_SEC or name.startswith(DATA_SEC + "."):
                desc.sec_type, desc.sec = SEC_DATA, sh
            elif name == RODATA_SEC or name.startswith(RODATA_SEC + "."):
                desc.sec_type, desc.sec = SEC_RODATA, sh
            elif name in st_ops:
                ef.st_ops_secs.append((idx, name, elf.section_data(sh)))
            elif name == ARENA_SEC and rel.libbpf_arena:
                ef.arena_data = elf.section_data(sh)
                ef.arena_data_shndx = idx
            elif name == JUMPTABLES_SEC and rel.libbpf_jumptables:
                ef.jumptables_shndx = idx
            # else: libbpf skips an unrecognized data section
        elif sh.sh_type == SHT_REL:
            targ = sh.sh_info
            if sh.sh_entsize != ELF64_REL_SIZE or targ >= len(secs):
                raise obj.fail(f"elf: relocation section {name} is corrupted", LIBBPF_ERRNO__FORMAT)
            # only relocations of code, .struct_ops and .maps matter
            if not secs[targ].sh_flags & SHF_EXECINSTR and name not in (
                    *(".rel" + n for n in st_ops), ".rel" + MAPS_ELF_SEC):
                continue
            desc.sec_type, desc.sec = SEC_RELO, sh
        elif sh.sh_type == SHT_NOBITS and (name == BSS_SEC or (rel.libbpf_bss_subsections
                                                               and name.startswith(BSS_SEC + "."))):
            desc.sec_type, desc.sec = SEC_BSS, sh
        # else: skipped

    if not ef.strtabidx or ef.strtabidx > idx:
        raise obj.fail(f"elf: symbol strings section missing or invalid in {obj.where}", LIBBPF_ERRNO__FORMAT)
    # cmp_progs(): by section, then by offset in the section
    obj.programs.sort(key=lambda p: (p.sec_idx, p.sec_insn_off))
    text = ef.text_shndx
    for p in obj.programs:
        p.is_subprog = p.sec_idx == text
    bpf_object__init_btf(obj)


def _init_license(obj: BpfObject, sh: Section) -> None:
    """bpf_object__init_license()"""
    if sh.sh_type == SHT_NOBITS:
        raise obj.fail(f"invalid license section in {obj.where}", LIBBPF_ERRNO__FORMAT)
    data = obj.elf.section_data(sh)[:127]
    obj.license = data.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")


def _init_kversion(obj: BpfObject, sh: Section) -> None:
    """bpf_object__init_kversion()"""
    data = obj.elf.section_data(sh)
    if sh.sh_type == SHT_NOBITS or len(data) != 4:
        raise obj.fail(f"invalid kver section in {obj.where}", LIBBPF_ERRNO__FORMAT)
    obj.kern_version = int.from_bytes(data, "little" if obj.elf.byteorder == "little" else "big")


def bpf_object__init_btf(obj: BpfObject) -> None:
    """The object's BTF from ``.BTF``; a missing or broken one fails only
    when libbpf needs it (BTF-defined maps, struct_ops), else it warns."""
    ef = obj.efile
    err = None
    if ef.btf_data is not None:
        try:
            obj.raw_btf = Btf(ef.btf_data, source=obj.path)
            obj.btf = ObjBtf(obj.raw_btf)
        except BtfError as e:
            err = f"Error loading ELF section {BTF_ELF_SEC}: {e.detail}"
    else:
        err = "no .BTF section"
    # libbpf_needs_btf(): nr_extern is still 0 here (externs come after the BTF)
    needs_btf = ef.btf_maps_shndx >= 0 or bool(ef.st_ops_secs)
    if err and needs_btf:
        raise obj.fail(f"BTF is required, but is missing or corrupted. ({err})",
                       _errno.ENOENT if ef.btf_data is None else _errno.EINVAL)
    if err and ef.btf_data is not None:
        obj.warnings.append(err)


# -- helpers named after libbpf's ------------------------------------------------------------------
def ignore_elf_section(sh: Section, name: str) -> bool:
    """ignore_elf_section(): string tables, address-significance tables,
    an empty .text, DWARF and the relocations of DWARF and BTF."""
    if sh.sh_type == SHT_STRTAB or sh.sh_type == SHT_LLVM_ADDRSIG:
        return True
    if sh.sh_type == SHT_PROGBITS and sh.sh_size == 0 and name == ".text":
        return True
    if name.startswith(".debug_"):
        return True
    if name.startswith(".rel"):
        rest = name[4:]
        if rest.startswith(".debug_") or rest in (BTF_ELF_SEC, BTF_EXT_ELF_SEC):
            return True
    return False


def sym_is_extern(sym: Symbol) -> bool:
    """sym_is_extern(): NOTYPE, GLOBAL or WEAK, undefined."""
    return sym.st_shndx == SHN_UNDEF and sym.bind in (STB_GLOBAL, STB_WEAK) and sym.type == STT_NOTYPE


def sym_is_subprog(sym: Symbol, text_shndx: int) -> bool:
    """sym_is_subprog(): a section symbol or a global function in .text."""
    if sym.st_shndx != text_shndx:
        return False
    if sym.bind == STB_LOCAL and sym.type == STT_SECTION:
        return True
    return sym.bind in (STB_GLOBAL, STB_WEAK) and sym.type == STT_FUNC
