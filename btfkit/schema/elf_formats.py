"""The struct formats of ELF headers and entries, without importing construct.

:mod:`btfkit.schema.elf` describes the ELF header, section headers, symbols
and relocations with construct and derives ``struct.Struct`` formats from
them; importing construct costs more than generating a small skeleton.  This
module keeps the same field lists (name and struct letter, in order, per ELF
class) and the ELF constants, so that :mod:`btfkit.elf` reads objects without
construct; ``tests/test_btf_formats.py`` checks them field by field against
the construct schemas, so the two cannot drift.
"""

from __future__ import annotations

import struct
from types import SimpleNamespace

__all__ = ["FIELDS", "formats", "ELFCLASS32", "ELFCLASS64", "ELFDATA2LSB", "ELFDATA2MSB", "ET_REL", "SHT_NULL",
           "SHT_PROGBITS", "SHT_SYMTAB", "SHT_STRTAB", "SHT_RELA", "SHT_NOBITS", "SHT_REL", "SHT_LLVM_ADDRSIG",
           "SHF_EXECINSTR", "SHN_UNDEF", "SHN_LORESERVE", "SHN_ABS", "SHN_COMMON", "SHN_XINDEX", "STB_LOCAL",
           "STB_GLOBAL", "STB_WEAK", "STT_NOTYPE", "STT_OBJECT", "STT_FUNC", "STT_SECTION", "STT_FILE",
           "STV_DEFAULT", "STV_INTERNAL", "STV_HIDDEN", "STV_PROTECTED", "EM_BPF"]

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


def FIELDS(elfclass: int) -> dict[str, tuple[tuple[str, str], ...]]:
    """record -> ((field, struct letter), ...) for one ELF class, exactly as
    in :func:`btfkit.schema.elf.elf_schemas` ("Q" for the 64-bit class's
    addresses, offsets and xwords, "L" for the 32-bit class's)."""
    if elfclass == ELFCLASS64:
        a = "Q"
    elif elfclass == ELFCLASS32:
        a = "L"
    else:
        raise ValueError(elfclass)
    header = (("e_type", "H"), ("e_machine", "H"), ("e_version", "L"), ("e_entry", a), ("e_phoff", a),
              ("e_shoff", a), ("e_flags", "L"), ("e_ehsize", "H"), ("e_phentsize", "H"), ("e_phnum", "H"),
              ("e_shentsize", "H"), ("e_shnum", "H"), ("e_shstrndx", "H"))
    section = (("sh_name", "L"), ("sh_type", "L"), ("sh_flags", a), ("sh_addr", a), ("sh_offset", a),
               ("sh_size", a), ("sh_link", "L"), ("sh_info", "L"), ("sh_addralign", a), ("sh_entsize", a))
    if elfclass == ELFCLASS64:
        symbol = (("st_name", "L"), ("st_info", "B"), ("st_other", "B"), ("st_shndx", "H"), ("st_value", "Q"),
                  ("st_size", "Q"))
    else:
        symbol = (("st_name", "L"), ("st_value", "L"), ("st_size", "L"), ("st_info", "B"), ("st_other", "B"),
                  ("st_shndx", "H"))
    rel = (("r_offset", a), ("r_info", a))
    return {"header": header, "section": section, "symbol": symbol, "rel": rel}


# made once per class and byte order (a dict, not functools.lru_cache:
# gen's path imports no functools, see btfkit/kinds.py)
_FORMATS: dict[tuple[int, str], SimpleNamespace] = {}


def formats(elfclass: int, byteorder: str) -> SimpleNamespace:
    """One ``struct.Struct`` per record of :func:`FIELDS` (``header``,
    ``section``, ``symbol``, ``rel``) for one class and byte order ("little"
    or "big"): the same formats as ``elf_schemas(elfclass, byteorder).fmt``."""
    f = _FORMATS.get((elfclass, byteorder))
    if f is None:
        if byteorder not in ("little", "big"):
            raise ValueError(byteorder)
        prefix = "<" if byteorder == "little" else ">"
        f = _FORMATS[elfclass, byteorder] = SimpleNamespace(**{
            rec: struct.Struct(prefix + "".join(letter for _, letter in fields)) for rec, fields in FIELDS(elfclass).items()})
    return f
