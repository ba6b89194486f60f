"""The .BTF.ext section of a BPF object: func_info, line_info, CO-RE relocations.

Parsed as libbpf's ``btf_ext__new`` does: header bounds, then each info
sub-section as (record size, [(ELF section name, records)]).  Names are looked
up in the object's .BTF strings.
"""

from __future__ import annotations

import struct
from ._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .errors import BtfParseError
from .schema.btf_ext import EXT_HDR_LEN_CORE, EXT_HDR_LEN_MIN, btf_ext_schemas

if TYPE_CHECKING:
    from typing import Any
    from .btf import Btf

CORE_RELO_KINDS = [
    "field_byte_offset", "field_byte_size", "field_exists", "field_signed", "field_lshift_u64",
    "field_rshift_u64", "local_type_id", "target_type_id", "type_exists", "type_size",
    "enumval_exists", "enumval_value", "type_matches",
]


class FuncInfo(NamedTuple):
    insn_off: int
    type_id: int


class LineInfo(NamedTuple):
    insn_off: int
    file_name_off: int
    line_off: int
    line_col: int

    @property
    def line(self) -> int:
        return self.line_col >> 10

    @property
    def col(self) -> int:
        return self.line_col & 0x3FF


class CoreRelo(NamedTuple):
    insn_off: int
    type_id: int
    access_str_off: int
    kind: int


class ExtSection(NamedTuple):
    """The records of one ELF section in one .BTF.ext info sub-section."""

    name: str
    """The ELF section's name (``'kprobe/do_unlinkat'``)."""
    sec_name_off: int
    """Offset of :attr:`name` in the .BTF string section."""
    records: tuple[Any, ...]
    """The records: :class:`FuncInfo`, :class:`LineInfo` or :class:`CoreRelo`
    by the sub-section (:attr:`BtfExt.func_info`, ...)."""


class BtfExt:
    def __init__(self, data: bytes, btf: "Btf", *, source: str = "<bytes>") -> None:
        self.data = data
        self.source = source
        self.btf = btf
        if len(data) < 8:
            raise self._err(f"header truncated: {len(data)} bytes")
        if data[:2] == b"\x9f\xeb":
            order = "little"
        elif data[:2] == b"\xeb\x9f":
            order = "big"
        else:
            raise self._err(f"offset 0: bad magic 0x{data[0]:02x}{data[1]:02x}")
        self.byteorder = order
        sch = btf_ext_schemas(order)
        fmt = sch.fmt
        if len(data) < EXT_HDR_LEN_MIN:
            raise self._err(f"header truncated: {len(data)} bytes, need {EXT_HDR_LEN_MIN}")
        (_, self.version, self.flags, hdr_len, fi_off, fi_len, li_off, li_len) = fmt.header_min.unpack_from(data, 0)
        if self.version != 1:
            raise self._err(f"offset 2: unsupported version {self.version}")
        if hdr_len < EXT_HDR_LEN_MIN or hdr_len > len(data):
            raise self._err(f"offset 4: bad hdr_len {hdr_len}")
        self.hdr_len = hdr_len
        cr_off = cr_len = 0
        if hdr_len >= EXT_HDR_LEN_CORE:
            cr_off = fmt.u32.unpack_from(data, 24)[0]
            cr_len = fmt.u32.unpack_from(data, 28)[0]
        self.header = dict(magic=0xEB9F, version=self.version, flags=self.flags, hdr_len=hdr_len,
                           func_info_off=fi_off, func_info_len=fi_len, line_info_off=li_off,
                           line_info_len=li_len, core_relo_off=cr_off if hdr_len >= EXT_HDR_LEN_CORE else None,
                           core_relo_len=cr_len if hdr_len >= EXT_HDR_LEN_CORE else None)
        self.func_info = self._info("func_info", fi_off, fi_len, fmt.func_info, FuncInfo)
        self.line_info = self._info("line_info", li_off, li_len, fmt.line_info, LineInfo)
        self.core_relos = self._info("core_relo", cr_off, cr_len, fmt.core_relo, CoreRelo)

    def _err(self, msg: str) -> BtfParseError:
        return BtfParseError(f".BTF.ext: {msg}", source=self.source)

    def _info(self, what: str, off: int, length: int, rec_fmt: struct.Struct,
              cls: type[FuncInfo] | type[LineInfo] | type[CoreRelo]) -> list[ExtSection]:
        if not length:
            return []
        start = self.hdr_len + off
        end = start + length
        if end > len(self.data):
            raise self._err(f"{what} (offset {start}, length {length}) runs past the end of the section ({len(self.data)} bytes)")
        if off % 4:
            raise self._err(f"{what} offset {off} is not 4-byte aligned")
        data = self.data
        u32 = btf_ext_schemas(self.byteorder).fmt.u32
        if length < 4:
            raise self._err(f"{what}: offset {start}: truncated record size")
        (rec_size,) = u32.unpack_from(data, start)
        if rec_size < rec_fmt.size or rec_size % 4:
            raise self._err(f"{what}: offset {start}: bad record size {rec_size}")
        p = start + 4
        out = []
        while p < end:
            if p + 8 > end:
                raise self._err(f"{what}: offset {p}: section header truncated")
            name_off, num = u32.unpack_from(data, p)[0], u32.unpack_from(data, p + 4)[0]
            if num == 0:
                raise self._err(f"{what}: offset {p}: section with no records")
            p += 8
            if p + num * rec_size > end:
                raise self._err(f"{what}: offset {p}: {num} records of {rec_size} bytes run past the end")
            try:
                name = self.btf.str_at(name_off, what=f"{what} section name")
            except Exception as err:  # BtfValidationError
                raise self._err(f"{what}: offset {p - 8}: section name offset {name_off} is invalid") from err
            recs = tuple(cls(*rec_fmt.unpack_from(data, p + i * rec_size)) for i in range(num))
            out.append(ExtSection(name, name_off, recs))
            p += num * rec_size
        self.__dict__.setdefault("rec_sizes", {})[what] = rec_size
        return out
