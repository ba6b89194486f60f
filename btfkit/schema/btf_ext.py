"""construct schemas of .BTF.ext: header, func_info, line_info and CO-RE relocations."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

import construct as cs
from construct import this

from .btf import BTF_MAGIC, struct_format

EXT_HDR_LEN_MIN = 24  # up to line_info_len
EXT_HDR_LEN_CORE = 32  # + core_relo_off, core_relo_len


@lru_cache(maxsize=None)
def btf_ext_schemas(byteorder: str) -> SimpleNamespace:
    u16, u32 = (cs.Int16ul, cs.Int32ul) if byteorder == "little" else (cs.Int16ub, cs.Int32ub)
    u8 = cs.Int8ub
    header = cs.Struct(
        "magic" / cs.Const(BTF_MAGIC, u16),
        "version" / u8,
        "flags" / u8,
        "hdr_len" / u32,
        "func_info_off" / u32,
        "func_info_len" / u32,
        "line_info_off" / u32,
        "line_info_len" / u32,
        "core_relo_off" / cs.If(this.hdr_len >= EXT_HDR_LEN_CORE, u32),
        "core_relo_len" / cs.If(this.hdr_len >= EXT_HDR_LEN_CORE, u32),
    )
    header_min = cs.Struct(
        "magic" / u16, "version" / u8, "flags" / u8, "hdr_len" / u32,
        "func_info_off" / u32, "func_info_len" / u32, "line_info_off" / u32, "line_info_len" / u32,
    )
    func_info = cs.Struct("insn_off" / u32, "type_id" / u32)
    line_info = cs.Struct("insn_off" / u32, "file_name_off" / u32, "line_off" / u32, "line_col" / u32)
    core_relo = cs.Struct("insn_off" / u32, "type_id" / u32, "access_str_off" / u32, "kind" / u32)
    sec_head = cs.Struct("sec_name_off" / u32, "num_info" / u32)
    # One info sub-section: record size, then per ELF section its records
    # (kept as raw bytes of num_info * rec_size; decoded with the record schema).
    info_section = cs.Struct(
        "rec_size" / u32,
        "secs" / cs.GreedyRange(cs.Struct(
            "sec_name_off" / u32,
            "num_info" / u32,
            "data" / cs.Bytes(this.num_info * this._.rec_size),
        )),
    )
    return SimpleNamespace(
        header=header, header_min=header_min, func_info=func_info, line_info=line_info,
        core_relo=core_relo, sec_head=sec_head, info_section=info_section,
        fmt=SimpleNamespace(
            header_min=struct_format(header_min),
            func_info=struct_format(func_info),
            line_info=struct_format(line_info),
            core_relo=struct_format(core_relo),
            sec_head=struct_format(sec_head),
            u32=struct_format(cs.Struct("v" / u32)),
        ),
    )
