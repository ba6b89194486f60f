"""construct schemas of ELF: identification, file header, section headers, symbols.

``elf_schemas(elfclass, byteorder)`` builds them once per (32|64, byte order).
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

import construct as cs

from .btf import struct_format

ELFCLASS32 = 1
ELFCLASS64 = 2
ELFDATA2LSB = 1
ELFDATA2MSB = 2

ET_REL = 1

SHT_NULL = 0
SHT_PROGBITS = 1
SHT_SYMTAB = 2
SHT_STRTAB = 3
SHT_RELA = 4
SHT_NOBITS = 8
SHT_REL = 9
SHT_LLVM_ADDRSIG = 0x6FFF4C03

SHF_EXECINSTR = 0x4

SHN_UNDEF = 0
SHN_LORESERVE = 0xFF00
SHN_ABS = 0xFFF1
SHN_COMMON = 0xFFF2
SHN_XINDEX = 0xFFFF

STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE = 0, 1, 2, 3, 4
STV_DEFAULT, STV_INTERNAL, STV_HIDDEN, STV_PROTECTED = 0, 1, 2, 3

EM_BPF = 247

# e_ident: the 16 bytes every ELF file starts with, whatever its class
ident = cs.Struct(
    "magic" / cs.Const(b"\x7fELF"),
    "elfclass" / cs.Int8ub,
    "data" / cs.Int8ub,
    "version" / cs.Int8ub,
    "osabi" / cs.Int8ub,
    "abiversion" / cs.Int8ub,
    "pad" / cs.Bytes(7),
)


@lru_cache(maxsize=None)
def elf_schemas(elfclass: int, byteorder: str) -> SimpleNamespace:
    """ELF header, section header and symbol schemas for one class and byte order."""
    if byteorder == "little":
        h, w, a32, a64 = cs.Int16ul, cs.Int32ul, cs.Int32ul, cs.Int64ul
    elif byteorder == "big":
        h, w, a32, a64 = cs.Int16ub, cs.Int32ub, cs.Int32ub, cs.Int64ub
    else:
        raise ValueError(byteorder)
    if elfclass == ELFCLASS64:
        addr = off = xword = a64
    elif elfclass == ELFCLASS32:
        addr = off = xword = a32
    else:
        raise ValueError(elfclass)
    u8 = cs.Int8ub

    # everything after e_ident
    header = cs.Struct(
        "e_type" / h,
        "e_machine" / h,
        "e_version" / w,
        "e_entry" / addr,
        "e_phoff" / off,
        "e_shoff" / off,
        "e_flags" / w,
        "e_ehsize" / h,
        "e_phentsize" / h,
        "e_phnum" / h,
        "e_shentsize" / h,
        "e_shnum" / h,
        "e_shstrndx" / h,
    )
    section = cs.Struct(
        "sh_name" / w,
        "sh_type" / w,
        "sh_flags" / xword,
        "sh_addr" / addr,
        "sh_offset" / off,
        "sh_size" / xword,
        "sh_link" / w,
        "sh_info" / w,
        "sh_addralign" / xword,
        "sh_entsize" / xword,
    )
    if elfclass == ELFCLASS64:
        symbol = cs.Struct(
            "st_name" / w,
            "st_info" / u8,
            "st_other" / u8,
            "st_shndx" / h,
            "st_value" / addr,
            "st_size" / xword,
        )
    else:
        symbol = cs.Struct(
            "st_name" / w,
            "st_value" / addr,
            "st_size" / w,
            "st_info" / u8,
            "st_other" / u8,
            "st_shndx" / h,
        )
    # Elf_Rel: r_info holds the symbol index (>> 32 in ELF64, >> 8 in ELF32) and the type
    rel = cs.Struct("r_offset" / addr, "r_info" / xword)
    return SimpleNamespace(
        header=header,
        section=section,
        symbol=symbol,
        rel=rel,
        fmt=SimpleNamespace(
            header=struct_format(header),
            section=struct_format(section),
            symbol=struct_format(symbol),
            rel=struct_format(rel),
        ),
    )
