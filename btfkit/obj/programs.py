"""Programs of a BPF object: :class:`BpfProgram` (libbpf's ``struct
bpf_program``) and ``bpf_object__add_programs()``, which finds them in the
executable sections."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..bpf_defs import BPF_INSN_SZ
from ..elf import Section, Symbol
from ..schema.elf_formats import STB_LOCAL, STT_FUNC, STV_HIDDEN, STV_INTERNAL
from .errors import LIBBPF_ERRNO__FORMAT

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["BpfProgram", "bpf_object__add_programs"]


class BpfProgram:
    """A ``struct bpf_program``: one function symbol in an executable section."""

    __slots__ = ("name", "sec_name", "sec_idx", "sec_insn_off", "sec_insn_cnt", "autoload",
                 "mark_btf_static", "is_subprog", "insns")

    name: str
    """The function's name (its ELF symbol)."""
    sec_name: str
    """Its section's name without a leading '?' (libbpf's "don't autoload" mark)."""
    sec_idx: int
    """Index of its section."""
    sec_insn_off: int
    """Its first instruction's index in the section."""
    sec_insn_cnt: int
    """How many instructions it has."""
    insns: bytes
    """Its instructions, as the section has them (8 bytes each)."""
    autoload: bool
    """False when the section name starts with '?' (``SEC("?...")``)."""
    mark_btf_static: bool
    """True for a global function that is hidden or internal (libbpf makes
    its BTF FUNC static when loading)."""
    is_subprog: bool
    """True for a function in ``.text`` (libbpf's ``prog_is_subprog``):
    ``bpf_object__for_each_program`` skips it."""

    def __init__(self, name: str, sec_name: str, sec_idx: int, sec_off: int, insns: bytes,
                 autoload: bool, mark_btf_static: bool) -> None:
        self.name = name
        self.sec_name = sec_name
        self.sec_idx = sec_idx
        self.sec_insn_off = sec_off // BPF_INSN_SZ
        self.sec_insn_cnt = len(insns) // BPF_INSN_SZ
        self.insns = insns
        self.autoload = autoload
        self.mark_btf_static = mark_btf_static
        self.is_subprog = False

    def __repr__(self) -> str:
        sub = ", subprog" if self.is_subprog else ""
        return f"<BpfProgram {self.name!r} in {self.sec_name!r}{sub}>"


def bpf_object__add_programs(obj: BpfObject, sh: Section) -> None:
    """One :class:`BpfProgram` per FUNC symbol of executable section ``sh``
    (``bpf_object__init_prog()`` for each), appended to ``obj.programs``."""
    ef = obj.efile
    sec_name = sh.name
    sec_idx = sh.index
    sec_data = obj.elf.section_data(sh)
    sec_sz = len(sec_data)
    if ef.funcs_by_sec is None:
        # libbpf walks the whole symbol table once per section; group it once
        funcs: dict[int, list[Symbol]] = {}
        for sym in ef.symbols:
            if sym.type == STT_FUNC:
                funcs.setdefault(sym.st_shndx, []).append(sym)
        ef.funcs_by_sec = funcs
    for sym in ef.funcs_by_sec.get(sec_idx, ()):
        prog_sz = sym.st_size
        sec_off = sym.st_value
        name = sym.name
        if sec_off + prog_sz > sec_sz:
            raise obj.fail(f"sec '{sec_name}': program at offset {sec_off} crosses section boundary",
                           LIBBPF_ERRNO__FORMAT)
        if sec_idx != ef.text_shndx and sym.bind == STB_LOCAL:
            raise obj.fail(f"sec '{sec_name}': program '{name}' is static and not supported", _errno.ENOTSUP)
        # bpf_object__init_prog()
        if prog_sz == 0 or prog_sz % BPF_INSN_SZ or sec_off % BPF_INSN_SZ:
            raise obj.fail(f"sec '{sec_name}': corrupted program '{name}', offset {sec_off}, size {prog_sz}",
                           _errno.EINVAL)
        autoload = not sec_name.startswith("?")
        mark_static = sym.bind != STB_LOCAL and sym.visibility in (STV_HIDDEN, STV_INTERNAL)
        obj.programs.append(BpfProgram(name, sec_name if autoload else sec_name[1:], sec_idx, sec_off,
                                       sec_data[sec_off:sec_off + prog_sz], autoload, mark_static))
