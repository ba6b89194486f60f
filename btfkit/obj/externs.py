"""Externs of a BPF object: :class:`Extern` (libbpf's ``struct extern_desc``)
and ``bpf_object__collect_externs()``, which finds the undefined symbols of
``.kconfig`` and ``.ksyms``, lays out the Kconfig values and rewrites their
DATASECs in the object's BTF as libbpf does."""

from __future__ import annotations

import errno as _errno
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from .. import types as T
from ..bpf_defs import (
    BTF_FUNC_EXTERN, BTF_FUNC_GLOBAL, BTF_VAR_GLOBAL_ALLOCATED, BTF_VAR_GLOBAL_EXTERN, EXT_KCFG, EXT_KSYM,
    EXT_UNKNOWN, KCFG_BOOL, KCFG_CHAR, KCFG_CHAR_ARR, KCFG_INT, KCFG_TRISTATE, KCFG_UNKNOWN, KCONFIG_SEC,
    KSYMS_SEC,
)
from ..chains import chain_loop
from ..kinds import Kind, kind_name
from ..schema.elf_formats import STB_WEAK
from .btf import (
    BtfLike, ObjBtf, btf_align_of, btf_find_by_name_kind, btf_resolve_size, find_int_btf_id, skip_mods_and_typedefs,
    string_offset,
)
from .errors import LIBBPF_ERRNO__FORMAT
from .sections import ELF64_SYM_SIZE, sym_is_extern

if TYPE_CHECKING:
    from .object import BpfObject

__all__ = ["Extern", "bpf_object__collect_externs", "find_kcfg_type"]


class Extern:
    """A ``struct extern_desc``: an undefined symbol resolved by libbpf (.kconfig or .ksyms)."""

    __slots__ = ("name", "type", "btf_id", "sec_btf_id", "sym_idx", "is_weak", "kcfg_type",
                 "kcfg_sz", "kcfg_align", "kcfg_is_signed", "kcfg_data_off", "ksym_type_id")

    name: str
    """The symbol's name (its BTF VAR's or FUNC's)."""
    type: int
    """``EXT_KCFG`` or ``EXT_KSYM`` (``EXT_UNKNOWN`` only while collecting)."""
    btf_id: int
    """Id of its VAR or FUNC in the object's BTF."""
    sec_btf_id: int
    """Id of the DATASEC holding it (.kconfig or .ksyms)."""
    sym_idx: int
    """Index of its ELF symbol."""
    is_weak: bool
    """True for a weak symbol (``__weak``)."""
    kcfg_type: int
    """A .kconfig extern's ``KCFG_*`` kind (``KCFG_UNKNOWN`` for a ksym)."""
    kcfg_sz: int
    """A .kconfig extern's size in bytes (0 for a ksym)."""
    kcfg_align: int
    """A .kconfig extern's alignment (0 for a ksym)."""
    kcfg_is_signed: bool
    """A .kconfig integer's signedness (False otherwise)."""
    kcfg_data_off: int
    """A .kconfig extern's offset in the .kconfig map (0 for a ksym)."""
    ksym_type_id: int
    """A .ksyms variable's type past modifiers and typedefs (0 otherwise)."""

    def __init__(self, name: str, btf_id: int, sym_idx: int, is_weak: bool) -> None:
        self.name = name
        self.type = EXT_UNKNOWN
        self.btf_id = btf_id
        self.sec_btf_id = 0
        self.sym_idx = sym_idx
        self.is_weak = is_weak
        self.kcfg_type = KCFG_UNKNOWN
        self.kcfg_sz = self.kcfg_align = self.kcfg_data_off = 0
        self.kcfg_is_signed = False
        self.ksym_type_id = 0

    @property
    def section(self) -> str:
        """``'.kconfig'`` or ``'.ksyms'`` (``''`` while unknown)."""
        return {EXT_KCFG: KCONFIG_SEC, EXT_KSYM: KSYMS_SEC}.get(self.type, "")

    def __repr__(self) -> str:
        return f"<Extern {self.name!r} in {self.section}{' weak' if self.is_weak else ''}>"


def bpf_object__collect_externs(obj: BpfObject) -> None:
    """The object's externs, sorted as libbpf sorts them, and the .ksyms and
    .kconfig DATASECs rewritten in ``obj.btf`` (allocated 4-byte ksym
    variables, Kconfig offsets)."""
    ef = obj.efile
    btf = obj.btf
    symtab = obj.elf.sections[ef.symbols_shndx]
    if symtab.sh_entsize != ELF64_SYM_SIZE:
        raise obj.fail(f"elf: symbol table entry size {symtab.sh_entsize} in {obj.where}", LIBBPF_ERRNO__FORMAT)
    dummy_var_id = _add_dummy_ksym_var(btf)
    kcfg_sec_id = ksym_sec_id = 0
    for sym in ef.symbols:
        if not sym_is_extern(sym) or not sym.name:
            continue
        ext_name = sym.name
        btf_id = _find_extern_btf_id(btf, ext_name)
        if btf_id <= 0:
            raise obj.fail(f"failed to find BTF for extern '{ext_name}': {btf_id}", -btf_id)
        assert btf is not None  # else btf_id is -ESRCH
        t = btf[btf_id]
        assert t.kind == Kind.VAR or t.kind == Kind.FUNC  # what _find_extern_btf_id() finds
        ext = Extern(t.name, btf_id, sym.index, sym.bind == STB_WEAK)
        obj.externs.append(ext)
        sec_id = _find_extern_sec_btf_id(btf, btf_id)
        if sec_id <= 0:
            raise obj.fail(f"failed to find BTF for extern '{ext_name}' [{btf_id}] section: {sec_id}", -sec_id)
        ext.sec_btf_id = sec_id
        sec_name = btf[sec_id].name
        if sec_name == KCONFIG_SEC:
            if t.kind == Kind.FUNC:
                raise obj.fail(f"extern function {ext.name} is unsupported under {KCONFIG_SEC} section",
                               _errno.ENOTSUP)
            kcfg_sec_id = sec_id
            ext.type = EXT_KCFG
            ext.kcfg_sz = btf_resolve_size(btf, t.type)
            if ext.kcfg_sz <= 0:
                raise obj.fail(f"failed to resolve size of extern (kcfg) '{ext_name}': {ext.kcfg_sz}",
                               -ext.kcfg_sz if ext.kcfg_sz < 0 else _errno.EINVAL)
            ext.kcfg_align = btf_align_of(btf, t.type)
            if ext.kcfg_align <= 0:
                raise obj.fail(f"failed to determine alignment of extern (kcfg) '{ext_name}': {ext.kcfg_align}",
                               _errno.EINVAL)
            ext.kcfg_type, ext.kcfg_is_signed = find_kcfg_type(btf, t.type)
            if ext.kcfg_type == KCFG_UNKNOWN:
                raise obj.fail(f"extern (kcfg) '{ext_name}': type is unsupported", _errno.ENOTSUP)
        elif sec_name == KSYMS_SEC:
            ksym_sec_id = sec_id
            ext.type = EXT_KSYM
            ext.ksym_type_id = skip_mods_and_typedefs(btf, t.type)[1]
        else:
            raise obj.fail(f"unrecognized extern section '{sec_name}'", _errno.ENOTSUP)
    if not obj.externs:
        return
    assert btf is not None  # an extern has a BTF id
    # cmp_externs(): by type; kcfg by descending alignment, ascending size; then by name
    obj.externs.sort(key=lambda e: (e.type, -e.kcfg_align if e.type == EXT_KCFG else 0,
                                    e.kcfg_sz if e.type == EXT_KCFG else 0,
                                    e.name.encode("utf-8", "surrogateescape")))
    by_name: dict[str, Extern] = {}
    for e in obj.externs:
        by_name.setdefault(e.name, e)
    if ksym_sec_id:
        _fixup_ksyms_sec(obj, btf, btf.get(ksym_sec_id, T.Datasec), by_name, dummy_var_id)
    if kcfg_sec_id:
        _fixup_kconfig_sec(obj, btf, btf.get(kcfg_sec_id, T.Datasec), by_name)


def _fixup_ksyms_sec(obj: BpfObject, btf: ObjBtf, sec: T.Datasec, by_name: dict[str, Extern],
                     dummy_var_id: int) -> None:
    """The .ksyms part of bpf_object__collect_externs(): every extern becomes
    a 4-byte allocated variable (kfuncs point at the dummy var, their unnamed
    parameters take its name) so the kernel accepts the DATASEC."""
    int_id = find_int_btf_id(btf)
    # btf__type_by_id(dummy_var_btf_id): void when there is no dummy var
    dummy = btf[dummy_var_id]
    new_vars = []
    off = 0
    for vs in sec.vars:
        vt = btf[vs.type]
        ext = by_name.get(vt.name)
        if ext is None:
            raise obj.fail(f"failed to find extern definition for BTF {Kind(vt.kind).name.lower()} '{vt.name}'",
                           _errno.ESRCH)
        vtype = vs.type
        if vt.kind == Kind.FUNC:
            proto = btf[vt.type]
            if proto.kind == Kind.FUNC_PROTO and any(p.type and not p.name_off for p in proto.params):
                # unnamed parameters borrow the dummy var's name
                params = tuple(p._replace(name=dummy.name, name_off=dummy.name_off)
                               if p.type and not p.name_off else p for p in proto.params)
                btf.set_type(proto.id, proto._replace(params=params))
            vtype = dummy_var_id
            btf.set_type(vt.id, vt._replace(linkage=BTF_FUNC_GLOBAL))
        elif vt.kind == Kind.VAR:
            btf.set_type(vt.id, vt._replace(linkage=BTF_VAR_GLOBAL_ALLOCATED, type=int_id))
        else:
            raise _not_var(obj, sec, vt)
        new_vars.append(vs._replace(type=vtype, offset=off, size=4))
        off += 4
    btf.set_type(sec.id, sec._replace(vars=tuple(new_vars), size=off))


def _fixup_kconfig_sec(obj: BpfObject, btf: ObjBtf, sec: T.Datasec, by_name: dict[str, Extern]) -> None:
    """The .kconfig part of bpf_object__collect_externs(): each value at its
    alignment, in extern order; the VARs allocated, the DATASEC sized."""
    off = 0
    for ext in obj.externs:
        if ext.type != EXT_KCFG:
            continue
        ext.kcfg_data_off = (off + ext.kcfg_align - 1) // ext.kcfg_align * ext.kcfg_align
        off = ext.kcfg_data_off + ext.kcfg_sz
    new_vars = []
    for vs in sec.vars:
        t = btf[vs.type]
        found = by_name.get(t.name)
        if found is None:
            raise obj.fail(f"failed to find extern definition for BTF var '{t.name}'", _errno.ESRCH)
        if t.kind != Kind.VAR:
            raise _not_var(obj, sec, t)
        btf.set_type(t.id, t._replace(linkage=BTF_VAR_GLOBAL_ALLOCATED))
        new_vars.append(vs._replace(offset=found.kcfg_data_off))
    btf.set_type(sec.id, sec._replace(vars=tuple(new_vars), size=off))


def _not_var(obj: BpfObject, sec: T.Datasec, t: T.BtfType) -> Exception:
    # libbpf writes a VAR's fields into whatever record is there; btfkit refuses
    return obj.fail(f"extern '{t.name}' in DATASEC '{sec.name}' is {kind_name(t.kind)} [{t.id}], not a var",
                    _errno.EINVAL)


def _add_dummy_ksym_var(btf: ObjBtf | None) -> int:
    """add_dummy_ksym_var(): a 'dummy_ksym' VAR appended when .ksyms has a kfunc; its id, or 0."""
    if btf is None:
        return 0
    sec_id = btf_find_by_name_kind(btf, KSYMS_SEC, Kind.DATASEC)
    if sec_id < 0:
        return 0
    if not any(btf.kind_of(vs.type) == Kind.FUNC for vs in btf.get(sec_id, T.Datasec).vars):
        return 0
    int_id = find_int_btf_id(btf)
    name = "dummy_ksym"
    name_off = string_offset(btf.raw, name)
    return btf.add_type(lambda tid: T.Var(tid, name, int_id, BTF_VAR_GLOBAL_ALLOCATED, name_off))


def _find_extern_btf_id(btf: BtfLike | None, ext_name: str) -> int:
    """find_extern_btf_id(): the extern VAR or FUNC named ``ext_name``; -errno."""
    if btf is None:
        return -_errno.ESRCH
    for tid in btf.find(ext_name):
        t = btf[tid]
        if t.kind == Kind.VAR:
            return tid if t.linkage == BTF_VAR_GLOBAL_EXTERN else -_errno.EINVAL
        if t.kind == Kind.FUNC:
            return tid if t.linkage == BTF_FUNC_EXTERN else -_errno.EINVAL
    return -_errno.ENOENT


def _find_extern_sec_btf_id(btf: BtfLike, ext_btf_id: int) -> int:
    """find_extern_sec_btf_id(): the DATASEC that holds ``ext_btf_id``; -errno."""
    for tid in range(1, btf.type_count):
        if btf.kind_of(tid) != Kind.DATASEC:
            continue
        if any(vs.type == ext_btf_id for vs in btf.get(tid, T.Datasec).vars):
            return tid
    return -_errno.ENOENT


def find_kcfg_type(btf: BtfLike, type_id: int) -> tuple[int, bool]:
    """find_kcfg_type(): (``KCFG_*`` kind, is_signed) of a .kconfig extern's type.

    libbpf recurses into an array's element type; this walks the chain of
    arrays in a loop with the same bound as the recursion it replaces (more
    levels than the BTF has types: ``ChainLoopError``)."""
    depth = 0
    while True:
        if depth > btf.type_count:  # arrays of arrays of itself
            raise chain_loop(btf, type_id)
        t, _ = skip_mods_and_typedefs(btf, type_id)
        if t.kind == Kind.ARRAY and t.nelems:
            type_id = t.type
            depth += 1
            continue
        found = _kcfg_scalar_type(t)
        break
    if depth == 0:
        return found
    # an array is a char array when its element is a char; an element that
    # is an array is a char array or unknown, never a char
    return (KCFG_CHAR_ARR, False) if depth == 1 and found[0] == KCFG_CHAR else (KCFG_UNKNOWN, False)


def _kcfg_scalar_type(t: T.BtfType) -> tuple[int, bool]:
    """find_kcfg_type() of a type that is not an array of elements."""
    if t.kind == Kind.INT:
        if t.is_bool:
            return (KCFG_BOOL if t.size == 1 else KCFG_UNKNOWN), False
        signed = t.signed
        if t.size == 1:
            return KCFG_CHAR, signed
        if t.size < 1 or t.size > 8 or t.size & (t.size - 1):
            return KCFG_UNKNOWN, signed
        return KCFG_INT, signed
    if t.kind == Kind.ENUM:
        if t.size != 4 or t.name != "libbpf_tristate":
            return KCFG_UNKNOWN, False
        return KCFG_TRISTATE, False
    if t.kind == Kind.ENUM64:
        return (KCFG_TRISTATE if t.name == "libbpf_tristate" else KCFG_UNKNOWN), False
    return KCFG_UNKNOWN, False
