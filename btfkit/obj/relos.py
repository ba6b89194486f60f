"""Relocations of a BPF object: libbpf's ``bpf_object__collect_relos()``,
the checks it makes at open time (nothing is relocated: no kernel involved)."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..bpf_defs import (
    BPF_INSN_SZ, BPF_PTR_SZ, LIBBPF_MAP_BSS, LIBBPF_MAP_DATA, LIBBPF_MAP_KCONFIG, LIBBPF_MAP_RODATA,
    LIBBPF_MAP_UNSPEC, SEC_BSS, SEC_DATA, SEC_RELO, SEC_RODATA,
)
from ..elf import Section, Symbol
from .. import types as T
from ..schema.elf_formats import SHN_LORESERVE, STT_SECTION
from .errors import LIBBPF_ERRNO__FORMAT, LIBBPF_ERRNO__RELOC
from .programs import BpfProgram
from .sections import sym_is_extern, sym_is_subprog

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["bpf_object__collect_relos"]


def bpf_object__collect_relos(obj: BpfObject) -> None:
    """Check every relocation section libbpf reads: those of struct_ops
    sections, of ``.maps`` and of programs."""
    ef = obj.efile
    progs = _ProgIndex(obj.programs)
    for d in ef.secs:
        sh = d.sec
        if d.sec_type != SEC_RELO or sh is None:
            continue
        if any(sh.sh_info == shndx for shndx, _, _ in ef.st_ops_secs):
            _collect_simple_relos(obj, sh, "struct_ops reloc")
        elif sh.sh_info == ef.btf_maps_shndx:
            _collect_map_relos(obj, sh)
        else:
            _collect_prog_relos(obj, sh, progs)


def _collect_simple_relos(obj: BpfObject, sh: Section, what: str) -> None:
    """bpf_object__collect_st_ops_relos(): the symbols must exist."""
    nsyms = len(obj.efile.symbols)
    for i, _off, sym_idx in obj.elf.relocations(sh):
        if sym_idx >= nsyms:
            raise obj.fail(f"{what} #{i}: symbol {sym_idx:x} not found", LIBBPF_ERRNO__FORMAT)


def _collect_map_relos(obj: BpfObject, sh: Section) -> None:
    """bpf_object__collect_map_relos(): each points into a map's slot of .maps."""
    ef = obj.efile
    btf = obj.btf
    if not ef.btf_maps_sec_btf_id or btf is None:
        raise obj.fail(".maps relocations without a .maps DATASEC", _errno.EINVAL)
    sec = btf.get(ef.btf_maps_sec_btf_id, T.Datasec)  # found as one by bpf_object__init_user_btf_maps()
    nsyms = len(ef.symbols)
    for i, r_offset, sym_idx in obj.elf.relocations(sh):
        if sym_idx >= nsyms:
            raise obj.fail(f".maps relo #{i}: symbol {sym_idx:x} not found", LIBBPF_ERRNO__FORMAT)
        name = ef.symbols[sym_idx].name or "<?>"
        for m in obj.maps:
            if m.sec_idx != ef.btf_maps_shndx:
                continue
            vi = sec.vars[m.btf_var_idx]
            if vi.offset <= r_offset and r_offset + BPF_PTR_SZ <= vi.offset + vi.size:
                break
        else:
            raise obj.fail(f".maps relo #{i}: cannot find map '{name}' at rel->r_offset {r_offset}", _errno.EINVAL)


def _collect_prog_relos(obj: BpfObject, sh: Section, progs: _ProgIndex) -> None:
    """bpf_object__collect_prog_relos()"""
    ef = obj.efile
    sec_idx = sh.sh_info
    secs = obj.elf.sections
    scn = secs[sec_idx]
    relo_sec_name = sh.name
    nsyms = len(ef.symbols)
    for i, r_offset, sym_idx in obj.elf.relocations(sh):
        if sym_idx >= nsyms:
            raise obj.fail(f"sec '{relo_sec_name}': symbol #{sym_idx} not found for relo #{i}",
                           LIBBPF_ERRNO__FORMAT)
        sym = ef.symbols[sym_idx]
        if sym.st_shndx >= len(secs):
            raise obj.fail(f"sec '{relo_sec_name}': corrupted symbol #{sym_idx} pointing to invalid "
                           f"section #{sym.st_shndx} for relo #{i}", LIBBPF_ERRNO__FORMAT)
        if r_offset % BPF_INSN_SZ or r_offset >= scn.sh_size:
            raise obj.fail(f"sec '{relo_sec_name}': invalid offset 0x{r_offset:x} for relo #{i}",
                           LIBBPF_ERRNO__FORMAT)
        insn_idx = r_offset // BPF_INSN_SZ
        if sym.type == STT_SECTION and sym.st_name == 0:
            sym_name = secs[sym.st_shndx].name
        else:
            sym_name = sym.name
        prog = progs.find_prog_by_sec_insn(sec_idx, insn_idx)
        if prog is None:
            continue  # an overridden weak function
        _record_reloc(obj, prog, insn_idx - prog.sec_insn_off, sym_name, sym, sym_idx)


class _ProgIndex:
    """The programs (in ``cmp_progs()`` order) searched by instruction."""

    def __init__(self, progs: list[BpfProgram]) -> None:
        self.progs = progs
        self._keys = [(p.sec_idx, p.sec_insn_off) for p in progs]
        self._overlap = any(a.sec_idx == b.sec_idx and a.sec_insn_off + a.sec_insn_cnt > b.sec_insn_off
                            for a, b in zip(progs, progs[1:]))

    def find_prog_by_sec_insn(self, sec_idx: int, insn_idx: int) -> BpfProgram | None:
        """find_prog_by_sec_insn(): the first program that holds the
        instruction.  Programs that do not overlap (as compilers emit them)
        leave one candidate, found by bisection as libbpf does; overlapping
        ones (only in crafted objects) are searched in order."""
        progs = self.progs
        if self._overlap:
            for p in progs:
                if p.sec_idx == sec_idx and p.sec_insn_off <= insn_idx < p.sec_insn_off + p.sec_insn_cnt:
                    return p
            return None
        # bisect.bisect_right(keys, key) - 1, written out: the bisect module
        # (and its C extension) cost more to load than a small object's
        # few searches take
        keys, key = self._keys, (sec_idx, insn_idx)
        lo, hi = 0, len(keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if key < keys[mid]:
                hi = mid
            else:
                lo = mid + 1
        i = lo - 1
        if i >= 0:
            p = progs[i]
            if p.sec_idx == sec_idx and insn_idx < p.sec_insn_off + p.sec_insn_cnt:
                return p
        return None


def _record_reloc(obj: BpfObject, prog: BpfProgram, insn_idx: int, sym_name: str, sym: Symbol,
                  sym_idx: int) -> None:
    """bpf_program__record_reloc(): the checks only."""
    ef = obj.efile
    insn = prog.insns[insn_idx * 8:insn_idx * 8 + 8]
    code = insn[0]
    regs = insn[1]
    little = obj.elf.byteorder == "little"
    src_reg = regs >> 4 if little else regs & 0xF
    imm = int.from_bytes(insn[4:8], "little" if little else "big", signed=True)
    is_call = code == 0x85  # BPF_JMP | BPF_CALL
    is_ldimm64 = code == 0x18  # BPF_LD | BPF_IMM | BPF_DW
    pname = prog.name
    RELOC = LIBBPF_ERRNO__RELOC
    if not is_call and not is_ldimm64:
        raise obj.fail(f"prog '{pname}': invalid relo against '{sym_name}' for insns[{insn_idx}].code "
                       f"0x{code:x}", RELOC)
    if sym_is_extern(sym):
        if not any(e.sym_idx == sym_idx for e in obj.externs):
            raise obj.fail(f"prog '{pname}': extern relo failed to find extern for '{sym_name}' ({sym_idx})", RELOC)
        return
    shndx = sym.st_shndx
    if is_call:
        if src_reg != 1:  # BPF_PSEUDO_CALL
            raise obj.fail(f"prog '{pname}': incorrect bpf_call opcode", RELOC)
        if not shndx or shndx != ef.text_shndx:
            sname = obj.elf.sections[shndx].name
            raise obj.fail(f"prog '{pname}': bad call relo against '{sym_name}' in section '{sname}'", RELOC)
        if sym.st_value % BPF_INSN_SZ:
            raise obj.fail(f"prog '{pname}': bad call relo against '{sym_name}' at offset {sym.st_value}", RELOC)
        return
    if not shndx or shndx >= SHN_LORESERVE:
        raise obj.fail(f"prog '{pname}': invalid relo against '{sym_name}' in special section 0x{shndx:x}; "
                       "forgot to initialize global var?..", RELOC)
    if sym_is_subprog(sym, ef.text_shndx):
        if sym.st_value % BPF_INSN_SZ or imm % BPF_INSN_SZ:
            raise obj.fail(f"prog '{pname}': bad subprog addr relo against '{sym_name}' at offset "
                           f"{sym.st_value}+{imm}", RELOC)
        return
    type_ = _section_to_libbpf_map_type(obj, shndx)
    sname = obj.elf.sections[shndx].name
    if shndx == ef.arena_data_shndx:  # arena data relocation (libbpf 1.5)
        if obj.arena_map_idx < 0:
            raise obj.fail(f"prog '{pname}': bad arena data relocation at insn {insn_idx}, no arena maps "
                           "defined", RELOC)
        return
    if shndx == ef.jumptables_shndx:  # jump table data relocation (libbpf 1.8)
        return
    if type_ == LIBBPF_MAP_UNSPEC:
        if shndx != ef.btf_maps_shndx:
            raise obj.fail(f"prog '{pname}': bad map relo against '{sym_name}' in section '{sname}'", RELOC)
        if not any(m.libbpf_type == type_ and m.sec_idx == shndx and m.sec_offset == sym.st_value
                   for m in obj.maps):
            raise obj.fail(f"prog '{pname}': map relo failed to find map for section '{sname}', off "
                           f"{sym.st_value}", RELOC)
        return
    if ef.secs[shndx].sec_type not in (SEC_BSS, SEC_DATA, SEC_RODATA):
        raise obj.fail(f"prog '{pname}': bad data relo against section '{sname}'", RELOC)
    if not any(m.libbpf_type == type_ and m.sec_idx == shndx for m in obj.maps):
        raise obj.fail(f"prog '{pname}': data relo failed to find map for section '{sname}'", RELOC)


_SEC_MAP_TYPE = {SEC_BSS: LIBBPF_MAP_BSS, SEC_DATA: LIBBPF_MAP_DATA, SEC_RODATA: LIBBPF_MAP_RODATA}


def _section_to_libbpf_map_type(obj: BpfObject, shndx: int) -> int:
    """bpf_object__section_to_libbpf_map_type()"""
    if shndx == obj.efile.symbols_shndx:
        return LIBBPF_MAP_KCONFIG
    return _SEC_MAP_TYPE.get(obj.efile.secs[shndx].sec_type, LIBBPF_MAP_UNSPEC)
