"""A lazy ELF reader: sections by name and index, section data, symbols.

Only what btfkit needs (the .BTF and .BTF.ext sections, and the sections and
symbols libbpf looks at when it opens a BPF object).  Every bound is checked
before a slice; a broken file raises :class:`~btfkit.errors.ElfError`.
"""

from __future__ import annotations

from ._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Iterator

from .errors import ElfError
from .schema.elf_formats import (
    ELFCLASS32, ELFCLASS64, ELFDATA2LSB, ELFDATA2MSB, SHN_XINDEX, SHT_NOBITS,
    SHT_SYMTAB, formats,
)

EI_NIDENT = 16


class Section(NamedTuple):
    """One section header (Elf32_Shdr/Elf64_Shdr fields) with its index and name."""

    # the field shadows tuple.index(), which nothing here calls
    index: int  # type: ignore[assignment]
    name: str
    sh_name: int
    sh_type: int
    sh_flags: int
    sh_addr: int
    sh_offset: int
    sh_size: int
    sh_link: int
    sh_info: int
    sh_addralign: int
    sh_entsize: int


class Symbol(NamedTuple):
    """One .symtab entry (Elf32_Sym/Elf64_Sym fields) with its index and name."""

    index: int  # type: ignore[assignment]  # shadows tuple.index(), as in Section
    name: str
    st_name: int
    st_value: int
    st_size: int
    st_info: int
    st_other: int
    st_shndx: int

    @property
    def bind(self) -> int:
        return self.st_info >> 4

    @property
    def type(self) -> int:
        return self.st_info & 0xF

    @property
    def visibility(self) -> int:
        return self.st_other & 0x3


class ElfFile:
    """An ELF file in memory."""

    def __init__(self, data: bytes, *, source: str = "<bytes>") -> None:
        self.data = data
        self.source = source
        if len(data) < EI_NIDENT or data[:4] != b"\x7fELF":
            raise self._err("not an ELF file (bad magic)")
        elfclass, ei_data = data[4], data[5]
        if elfclass not in (ELFCLASS32, ELFCLASS64):
            raise self._err(f"ELF header: offset 4: unknown class {elfclass}")
        if ei_data not in (ELFDATA2LSB, ELFDATA2MSB):
            raise self._err(f"ELF header: offset 5: unknown data encoding {ei_data}")
        self.elfclass = elfclass
        self.byteorder = "little" if ei_data == ELFDATA2LSB else "big"
        #: ``struct.Struct`` per record (header, section, symbol, rel) for
        #: this file's class and byte order (btfkit.schema.elf_formats)
        self.formats = sch = formats(elfclass, self.byteorder)
        hfmt = sch.header
        if len(data) < EI_NIDENT + hfmt.size:
            raise self._err(f"ELF header truncated: {len(data)} bytes")
        (self.e_type, self.e_machine, self.e_version, self.e_entry, self.e_phoff, self.e_shoff,
         self.e_flags, self.e_ehsize, self.e_phentsize, self.e_phnum, self.e_shentsize,
         self.e_shnum, self.e_shstrndx) = hfmt.unpack_from(data, EI_NIDENT)
        sfmt = sch.section
        shoff, shnum = self.e_shoff, self.e_shnum
        if shoff == 0:
            raise self._err("ELF file has no section header table")
        if self.e_shentsize != sfmt.size:
            raise self._err(f"ELF header: e_shentsize {self.e_shentsize}, want {sfmt.size}")
        if shoff + sfmt.size > len(data):
            raise self._err(f"section header table at offset {shoff} is past the end of the file ({len(data)} bytes)")
        shstrndx = self.e_shstrndx
        if shnum == 0 or shstrndx == SHN_XINDEX:
            # extended numbering: the real values live in section 0
            s0 = sfmt.unpack_from(data, shoff)
            if shnum == 0:
                shnum = s0[5]
            if shstrndx == SHN_XINDEX:
                shstrndx = s0[6]
        if shoff + shnum * sfmt.size > len(data):
            raise self._err(f"section header table ({shnum} entries at offset {shoff}) runs past the end of the file ({len(data)} bytes)")
        raw = [sfmt.unpack_from(data, shoff + i * sfmt.size) for i in range(shnum)]
        for i, s in enumerate(raw):
            sh_type, sh_offset, sh_size = s[1], s[4], s[5]
            if sh_type != SHT_NOBITS and i and sh_offset + sh_size > len(data):
                raise self._err(f"section [{i}]: data (offset {sh_offset}, size {sh_size}) runs past the end of the file ({len(data)} bytes)")
        if not 0 <= shstrndx < shnum:
            raise self._err(f"ELF header: section name table index {shstrndx} out of range ({shnum} sections)")
        strtab = raw[shstrndx]
        shstr = data[strtab[4]:strtab[4] + strtab[5]]
        secs = []
        for i, s in enumerate(raw):
            name = self._cstr(shstr, s[0], f"section [{i}] name")
            secs.append(Section(i, name, *s))
        self.sections: list[Section] = secs
        self._by_name: dict[str, Section] = {}
        for s in secs:
            self._by_name.setdefault(s.name, s)
        self._symbols: list[Symbol] | None = None

    def _err(self, msg: str) -> ElfError:
        return ElfError(msg, source=self.source)

    def _cstr(self, table: bytes, off: int, what: str) -> str:
        if off >= len(table) and off:
            raise self._err(f"{what}: string offset {off} outside its string table ({len(table)} bytes)")
        if not table:
            return ""
        end = table.find(b"\0", off)
        if end < 0:
            raise self._err(f"{what}: string at offset {off} is not NUL-terminated")
        return table[off:end].decode("utf-8", "surrogateescape")

    def section(self, name: str) -> Section | None:
        return self._by_name.get(name)

    def section_data(self, sec: Section) -> bytes:
        if sec.sh_type == SHT_NOBITS:
            return b""
        return self.data[sec.sh_offset:sec.sh_offset + sec.sh_size]

    @property
    def symbols(self) -> list[Symbol]:
        """The .symtab symbols, index 0 included (libbpf's view)."""
        if self._symbols is None:
            self._symbols = self._read_symbols()
        return self._symbols

    def _read_symbols(self) -> list[Symbol]:
        symtab = next((s for s in self.sections if s.sh_type == SHT_SYMTAB), None)
        if symtab is None:
            return []
        fmt = self.formats.symbol
        if symtab.sh_entsize != fmt.size:
            raise self._err(f"section [{symtab.index}] {symtab.name}: entry size {symtab.sh_entsize}, want {fmt.size}")
        if not 0 <= symtab.sh_link < len(self.sections):
            raise self._err(f"section [{symtab.index}] {symtab.name}: string table index {symtab.sh_link} out of range")
        strs = self.section_data(self.sections[symtab.sh_link])
        data = self.section_data(symtab)
        out = []
        for i in range(len(data) // fmt.size):
            vals = fmt.unpack_from(data, i * fmt.size)
            if self.elfclass == ELFCLASS64:
                st_name, st_info, st_other, st_shndx, st_value, st_size = vals
            else:
                st_name, st_value, st_size, st_info, st_other, st_shndx = vals
            name = self._cstr(strs, st_name, f"symbol [{i}] name")
            out.append(Symbol(i, name, st_name, st_value, st_size, st_info, st_other, st_shndx))
        return out

    def relocations(self, sec: Section) -> Iterator[tuple[int, int, int]]:
        """(index, r_offset, symbol index) of each Elf_Rel in ``sec`` (a
        trailing partial entry is ignored, as libbpf's count does)."""
        fmt = self.formats.rel
        data = self.section_data(sec)
        shift = 32 if self.elfclass == ELFCLASS64 else 8
        for i, (r_offset, r_info) in enumerate(fmt.iter_unpack(data[:len(data) // fmt.size * fmt.size])):
            yield i, r_offset, r_info >> shift

    def __iter__(self) -> Iterator[Section]:
        return iter(self.sections)

    def __repr__(self) -> str:
        return f"<ElfFile {self.source!r} ELF{32 if self.elfclass == ELFCLASS32 else 64} {self.byteorder}-endian, {len(self.sections)} sections>"
