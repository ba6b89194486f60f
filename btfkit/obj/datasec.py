"""DATASEC fix-ups: libbpf's ``bpf_object__finalize_btf()`` ->
``btf_finalize_data()`` -> ``btf_fixup_datasec()``, which give each DATASEC
of the object's BTF its ELF section's size and its variables their symbols'
offsets (clang leaves them 0), written into :class:`~btfkit.obj.btf.ObjBtf`."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .. import types as T
from ..bpf_defs import BTF_ELF_SEC, BTF_VAR_GLOBAL_EXTERN, BTF_VAR_STATIC, KCONFIG_SEC, KSYMS_SEC
from ..elf import Symbol
from ..kinds import Kind
from ..schema.elf_formats import STB_GLOBAL, STB_WEAK, STT_OBJECT, STV_HIDDEN, STV_INTERNAL
from .btf import ObjBtf

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["bpf_object__finalize_btf", "find_elf_var_syms"]


def bpf_object__finalize_btf(obj: BpfObject) -> None:
    """btf_fixup_datasec() on every DATASEC; variables sorted by offset."""
    btf = obj.btf
    if btf is None:
        return
    syms: dict[str, Symbol] | None = None
    for tid in range(btf.start_id, btf.type_count):
        if btf.kind_of(tid) != Kind.DATASEC:
            continue
        t = btf.get(tid, T.Datasec)
        if syms is None:
            syms = find_elf_var_syms(obj.efile.symbols)
        if obj.release.libbpf_mmapable_needs_global_var:
            size, vars_ = _fixup_datasec_15(obj, btf, t, syms)
        else:
            size, vars_ = _fixup_datasec_61(obj, btf, t, syms)
        # compare_vsi_off(); glibc's qsort is a stable merge sort here
        vars_.sort(key=lambda v: v.offset)
        new = t._replace(size=size, vars=tuple(vars_))
        if new != t:
            btf.set_type(tid, new)


def _fixup_datasec_61(obj: BpfObject, btf: ObjBtf, t: T.Datasec,
                      syms: dict[str, Symbol]) -> tuple[int, list[T.VarSecinfo]]:
    """libbpf 6.1 btf_fixup_datasec() up to the sort: a DATASEC of size 0
    takes its ELF section's size and its global variables their symbols'
    offsets; one with a size (.kconfig/.ksyms, set while collecting externs,
    or a linked object) is left as it is."""
    if t.size:
        return t.size, list(t.vars)
    sec = obj.elf.section(t.name)
    # find_elf_sec_sz() hands the size back as a __u32
    size = 0 if sec is None else sec.sh_size & 0xFFFFFFFF
    if not size:
        raise obj.fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.ENOENT} (invalid size for section "
                       f"{t.name}: {size} bytes)", _errno.ENOENT)
    vars_ = []
    for vs in t.vars:
        var = btf[vs.type]
        if var.kind != Kind.VAR:
            raise obj.fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.EINVAL} (non-VAR type seen "
                           f"in section {t.name})", _errno.EINVAL)
        if var.linkage == BTF_VAR_STATIC:
            vars_.append(vs)
            continue
        sym = syms.get(var.name)
        if sym is None:
            raise obj.fail(f"Error finalizing {BTF_ELF_SEC}: -{_errno.ENOENT} (no offset found in "
                           f"symbol table for VAR {var.name})", _errno.ENOENT)
        vars_.append(vs._replace(offset=sym.st_value & 0xFFFFFFFF))
    return size, vars_


def _fixup_datasec_15(obj: BpfObject, btf: ObjBtf, t: T.Datasec,
                      syms: dict[str, Symbol]) -> tuple[int, list[T.VarSecinfo]]:
    """libbpf 1.5 btf_fixup_datasec() up to the sort: the size and offsets
    from the ELF when clang left them 0, and every global VAR whose ELF
    symbol is STV_HIDDEN or STV_INTERNAL made static (the VAR overlaid)."""
    if t.name in (KCONFIG_SEC, KSYMS_SEC):
        return t.size, list(t.vars)
    size = t.size
    fixup_offsets = False
    if size == 0:
        sec = obj.elf.section(t.name)
        size = 0 if sec is None else sec.sh_size
        if not size:
            raise obj.fail(f"sec '{t.name}': failed to determine size from ELF: size 0", _errno.ENOENT)
        fixup_offsets = True
    vars_ = []
    for vs in t.vars:
        var = btf[vs.type]
        if var.kind != Kind.VAR:
            raise obj.fail(f"sec '{t.name}': unexpected non-VAR type found", _errno.EINVAL)
        if var.linkage in (BTF_VAR_STATIC, BTF_VAR_GLOBAL_EXTERN):
            vars_.append(vs)
            continue
        sym = syms.get(var.name)
        if sym is None:
            raise obj.fail(f"sec '{t.name}': failed to find ELF symbol for VAR '{var.name}'", _errno.ENOENT)
        vars_.append(vs._replace(offset=sym.st_value & 0xFFFFFFFF) if fixup_offsets else vs)
        if sym.visibility in (STV_HIDDEN, STV_INTERNAL):
            btf.set_type(var.id, var._replace(linkage=BTF_VAR_STATIC))
    return size, vars_


def find_elf_var_syms(symbols: list[Symbol]) -> dict[str, Symbol]:
    """find_elf_var_sym() for every name: the first GLOBAL/WEAK OBJECT symbol of each."""
    out: dict[str, Symbol] = {}
    for sym in symbols:
        if sym.type == STT_OBJECT and sym.bind in (STB_GLOBAL, STB_WEAK):
            out.setdefault(sym.name, sym)
    return out
