"""construct schemas of ELF: identification, file header, section headers, symbols.

``elf_schemas(elfclass, byteorder)`` builds them once per (32|64, byte order).
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

import construct as cs

from .btf import struct_format

# the ELF constants live with the construct-free formats; re-exported here
from .elf_formats import (  # noqa: F401,E402
    ELFCLASS32, ELFCLASS64, ELFDATA2LSB, ELFDATA2MSB, EM_BPF, ET_REL, SHF_EXECINSTR, SHN_ABS, SHN_COMMON,
    SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX, SHT_LLVM_ADDRSIG, SHT_NOBITS, SHT_NULL, SHT_PROGBITS, SHT_REL,
    SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_FUNC, STT_NOTYPE,
    STT_OBJECT, STT_SECTION, STV_DEFAULT, STV_HIDDEN, STV_INTERNAL, STV_PROTECTED,
)

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
