"""Typed data as C initializers: a port of libbpf's ``btf_dump__dump_type_data``.

``dump_type_data(dumper, type_id, data, ...)`` prints ``data`` as a value of
``type_id`` exactly as libbpf's ``btf_dump__dump_type_data()`` of the
dumper's release does (``(struct s){.a = (int)1,.b = ...}``), with the type
casts written by the dumper's declaration printer, so that names resolved
with ``___N`` suffixes agree with the C printer's state.

The functions below keep libbpf's names (``btf_dump_int_data``,
``btf_dump_struct_data``, ...) and its quirks, which are part of the output:

- a struct or union is "zero" (skipped unless ``emit_zeroes``) when its first
  member is zero (libbpf compares ``err != ENODATA`` with a positive errno);
- once a char array was seen, ``is_array_char`` stays set for the rest of the
  call;
- an enum at an address not aligned for it is read without sign extension;
- the data are read as the host (x86-64, little-endian) reads them;
- reads libbpf makes past the end of the buffer (the ``t->size`` bytes of a
  bitfield's base type) see zeros: the reference harness gives libbpf a
  zero-padded buffer.

The buffer is taken as starting at an address aligned to 16 bytes (libbpf's
``ptr_is_aligned`` tests real addresses: an aligned ``void *`` prints with
``%p``, ``(nil)`` for NULL, an unaligned one with ``0x%llx``).

Errors: where libbpf returns a negative errno, :class:`DataDumpError` is
raised with ``errno`` set, and no text is returned.  Nesting is bounded by
:data:`MAX_DEPTH` (libbpf recurses without a bound; BTF this deep is a cycle).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py

from ..errors import BtfError
from ..kinds import Kind
from ..chains import ChainLoopError, skip_mods_and_typedefs
from ..sizes import resolve_size
from .dumper import DeclOptions

if TYPE_CHECKING:
    from typing import Any
    from .dumper import CDumper

__all__ = ["DataDumpError", "dump_type_data", "MAX_DEPTH", "E2BIG", "EINVAL", "ENOENT",
           "ENOTSUP", "ELOOP"]

E2BIG, EINVAL, ENOENT, ENODATA, ENOTSUP, ELOOP = 7, 22, 2, 61, 95, 40

#: Deepest nesting of arrays, structs, unions, VARs followed (a bound of ours:
#: libbpf has none; a finite C type never comes near it).
MAX_DEPTH = 512

# the padding past the buffer end that libbpf may read (see module doc)
_PAD = 16

_INT = int(Kind.INT)
_PTR = int(Kind.PTR)
_ARRAY = int(Kind.ARRAY)
_STRUCT = int(Kind.STRUCT)
_UNION = int(Kind.UNION)
_ENUM = int(Kind.ENUM)
_ENUM64 = int(Kind.ENUM64)
_FWD = int(Kind.FWD)
_TYPEDEF = int(Kind.TYPEDEF)
_FUNC = int(Kind.FUNC)
_FUNC_PROTO = int(Kind.FUNC_PROTO)
_VAR = int(Kind.VAR)
_DATASEC = int(Kind.DATASEC)
_FLOAT = int(Kind.FLOAT)
_DECL_TAG = int(Kind.DECL_TAG)
_UNKN = int(Kind.UNKN)


class DataDumpError(BtfError):
    """``btf_dump__dump_type_data`` failed; ``errno`` is libbpf's (positive)
    error number (``E2BIG``: the data is shorter than a value to print).

    Attributes:
        errno: the positive errno libbpf returned negated.
    """

    def __init__(self, message: str, *, errno: int = EINVAL, source: str | None = None) -> None:
        self.errno = errno
        super().__init__(message, source=source)

    def with_source(self, source: str) -> "DataDumpError":
        if self.source:
            return self
        return DataDumpError(self.detail, errno=self.errno, source=source)


class _Fail(Exception):
    """Internal: a negative return of libbpf, carried up."""

    def __init__(self, err: int) -> None:
        self.err = err


def _isprint(c: int) -> bool:
    return 0x20 <= c < 0x7F


@dataclass
class _TypedDump:
    """struct btf_dump_data, plus the output and the dumper."""

    d: "CDumper"
    data: bytes
    data_end: int
    indent_lvl: int
    indent_str: str
    compact: bool
    skip_names: bool
    emit_zeroes: bool
    emit_strings: bool
    depth: int = 0
    is_array_member: bool = False
    is_array_terminated: bool = False
    is_array_char: bool = False
    out: list[str] = field(default_factory=list)
    casts: dict[int, str] = field(default_factory=dict)
    nesting: int = 0


def _skip_mods_and_typedefs(btf: Any, type_id: int) -> Any:
    # libbpf skip_mods_and_typedefs(); a looping chain is btf_dump's -ELOOP
    try:
        return skip_mods_and_typedefs(btf, type_id)[0]
    except ChainLoopError:
        raise _Fail(-ELOOP) from None


def btf_dump_data_newline(td: _TypedDump) -> str:
    return "" if td.compact or td.depth == 0 else "\n"


def btf_dump_data_delim(td: _TypedDump) -> str:
    return "" if td.depth == 0 else ","


def btf_dump_data_pfx(td: _TypedDump) -> None:
    if td.compact:
        return
    lvl = td.indent_lvl + td.depth
    if lvl > 0:
        td.out.append(td.indent_str * lvl)


def btf_dump_type_values(td: _TypedDump, text: str) -> None:
    td.out.append(text + btf_dump_data_delim(td) + btf_dump_data_newline(td))


def btf_dump_emit_type_cast(td: _TypedDump, type_id: int, top_level: bool) -> None:
    if td.is_array_member:
        return
    kind = int(td.d.btf[type_id].kind)
    if kind == _VAR or kind == _DATASEC:
        return
    decl = td.casts.get(type_id)
    if decl is None:
        decl = _type_cast_decl(td.d, type_id)
        td.casts[type_id] = decl
    td.out.append(f"({decl})" if top_level else decl)


# btf_dump_emit_type_cast(): d->skip_anon_defs = true; d->strip_mods = true
_CAST_DECL = DeclOptions(strip_mods=True, skip_anon_defs=True)


def _type_cast_decl(d: "CDumper", type_id: int) -> str:
    """The declaration btf_dump_emit_type_cast() prints: modifiers stripped,
    anonymous structs as their bare keyword (``skip_anon_defs``)."""
    return d.emit_type_decl(type_id, opts=_CAST_DECL)


def _aligned(td: _TypedDump, type_id: int, off: int) -> bool:
    """ptr_is_aligned() for ``data + off`` of a 16-byte aligned buffer."""
    a = td.d.align_of(type_id)
    return a != 0 and off % a == 0


def _le(td: _TypedDump, off: int, n: int) -> int:
    return int.from_bytes(td.data[off:off + n], "little")


def btf_dump_get_bitfield_value(td: _TypedDump, t: Any, off: int, bits_offset: int,
                                bit_sz: int) -> int:
    start_bit = bits_offset % 8
    nr_bytes = ((start_bit + bit_sz + 7) // 8) & 0xFF
    if off + nr_bytes > td.data_end:
        raise _Fail(-E2BIG)
    if t.size > 8:
        td.d.warnings.append(f"unexpected bitfield size {t.size}")
        raise _Fail(-EINVAL)
    num = _le(td, off, t.size)
    nr_copy_bits = (bit_sz + bits_offset) & 0xFF
    # x86-64 takes shift counts modulo 64 (a shift by 64 keeps the value)
    left = (64 - nr_copy_bits) & 63
    right = (64 - bit_sz) & 63
    return ((num << left) & 0xFFFFFFFFFFFFFFFF) >> right


def btf_dump_bitfield_check_zero(td: _TypedDump, t: Any, off: int, bits_offset: int,
                                 bit_sz: int) -> int:
    return -ENODATA if btf_dump_get_bitfield_value(td, t, off, bits_offset, bit_sz) == 0 else 0


def btf_dump_bitfield_data(td: _TypedDump, t: Any, off: int, bits_offset: int,
                           bit_sz: int) -> None:
    v = btf_dump_get_bitfield_value(td, t, off, bits_offset, bit_sz)
    btf_dump_type_values(td, f"0x{v:x}")


def btf_dump_base_type_check_zero(td: _TypedDump, t: Any, type_id: int, off: int) -> int:
    nr_bytes = td.d.ptr_sz if int(t.kind) == _PTR else t.size
    if nr_bytes < 1 or nr_bytes > 16:
        td.d.warnings.append(f"unexpected size {nr_bytes} for id [{type_id}]")
        raise _Fail(-EINVAL)
    return -ENODATA if not any(td.data[off:off + nr_bytes]) else 0


def _signed(v: int, bits: int) -> int:
    return v - (1 << bits) if v >> (bits - 1) & 1 else v


def btf_dump_int_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    sz = t.size
    sign = t.signed
    if sz == 0 or sz > 16:
        td.d.warnings.append(f"unexpected size {sz} for id [{type_id}]")
        raise _Fail(-EINVAL)
    if sz == 16:
        lsi = _le(td, off, 8)
        msi = _le(td, off + 8, 8)
        btf_dump_type_values(td, f"0x{lsi:x}" if msi == 0 else f"0x{msi:x}{lsi:016x}")
    elif sz in (8, 4, 2):
        v = _le(td, off, sz)
        btf_dump_type_values(td, str(_signed(v, sz * 8) if sign else v))
    elif sz == 1:
        c = td.data[off]
        if td.is_array_char:
            if td.is_array_terminated:
                return
            if c == 0:
                if td.d.release.data_char_nul_printed:
                    btf_dump_type_values(td, "'\\0'")
                td.is_array_terminated = True
                return
            if _isprint(c):
                btf_dump_type_values(td, f"'{chr(c)}'")
                return
        btf_dump_type_values(td, str(_signed(c, 8) if sign else c))
    else:
        td.d.warnings.append(f"unexpected sz {sz} for id [{type_id}]")
        raise _Fail(-EINVAL)


def _fmt_f(x: Fraction, negative: bool) -> str:
    """printf("%f") of an exact value: 6 decimals, rounded half to even."""
    with localcontext() as ctx:
        ctx.prec = 100000
        q = (Decimal(x.numerator) / Decimal(x.denominator)).quantize(
            Decimal("0.000001"), rounding=ROUND_HALF_EVEN)
    s = f"{q:f}"
    if negative and not s.startswith("-"):
        s = "-" + s
    return s


def _fmt_double(v: float) -> str:
    if math.isnan(v):
        return "-nan" if math.copysign(1.0, v) < 0 else "nan"
    if math.isinf(v):
        return "-inf" if v < 0 else "inf"
    return "%f" % v


def _fmt_long_double(raw: bytes) -> str:
    """printf("%Lf") of an x87 80-bit extended value (the low 10 bytes)."""
    mant = int.from_bytes(raw[0:8], "little")
    se = int.from_bytes(raw[8:10], "little")
    neg = bool(se >> 15)
    exp = se & 0x7FFF
    intbit = mant >> 63
    if exp == 0x7FFF:
        if mant & 0x7FFFFFFFFFFFFFFF == 0 and intbit:
            return "-inf" if neg else "inf"
        return "-nan" if neg else "nan"
    if exp != 0 and not intbit:
        # unnormals: glibc prints them as NaN
        return "-nan" if neg else "nan"
    e = (exp if exp else 1) - 16383 - 63
    x = Fraction(mant) * (Fraction(2) ** e)
    return _fmt_f(x, neg)


def btf_dump_float_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    sz = t.size
    raw = td.data[off:off + sz]
    if sz == 16:
        btf_dump_type_values(td, _fmt_long_double(raw))
    elif sz == 8:
        btf_dump_type_values(td, _fmt_double(struct.unpack("<d", raw)[0]))
    elif sz == 4:
        btf_dump_type_values(td, _fmt_double(struct.unpack("<f", raw)[0]))
    else:
        td.d.warnings.append(f"unexpected size {sz} for id [{type_id}]")
        raise _Fail(-EINVAL)


def btf_dump_var_data(td: _TypedDump, v: Any, type_id: int, off: int) -> None:
    linkage = v.linkage
    td.out.append("static " if linkage == 0 else "extern " if linkage == 2 else "")
    btf_dump_emit_type_cast(td, v.type, False)
    td.out.append(f" {v.name} = ")
    btf_dump_dump_type_data(td, None, td.d.btf[v.type], v.type, off, 0, 0)


def btf_dump_string_data(td: _TypedDump, t: Any, type_id: int, off: int) -> int:
    n = t.nelems
    i = 0
    while i < n:
        if off + i >= td.data_end:
            return -E2BIG
        if td.data[off + i] == 0:
            break
        i += 1
    if i == n:
        return -EINVAL
    btf_dump_data_pfx(td)
    parts = ['"']
    for c in td.data[off:off + i]:
        parts.append(chr(c) if _isprint(c) else f"\\x{c:02x}")
    parts.append('"')
    td.out.append("".join(parts))
    return 0


def btf_dump_array_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    elem_type_id = t.type
    elem_type = _skip_mods_and_typedefs(td.d.btf, elem_type_id)
    elem_size = resolve_size(td.d.btf, elem_type_id, td.d.btf.ptr_size_or_host)
    if elem_size <= 0:
        td.d.warnings.append(f"unexpected elem size {elem_size} for array type [{type_id}]")
        raise _Fail(-EINVAL)
    if int(elem_type.kind) == _INT and elem_size == 1:
        if td.emit_strings and td.d.release.data_emit_strings:
            if btf_dump_string_data(td, t, type_id, off) == 0:
                return
        td.is_array_char = True
    td.depth += 1
    td.out.append("[" + btf_dump_data_newline(td))
    is_array_member = td.is_array_member
    td.is_array_member = True
    scoped = td.d.release.data_array_terminated_scoped
    is_array_terminated = td.is_array_terminated
    if scoped:
        td.is_array_terminated = False
    for i in range(t.nelems):
        if td.is_array_terminated:
            break
        try:
            btf_dump_dump_type_data(td, None, elem_type, elem_type_id, off + i * elem_size, 0, 0)
        except _Fail:
            pass  # libbpf ignores the return of each element
    td.is_array_member = is_array_member
    if scoped:
        td.is_array_terminated = is_array_terminated
    td.depth -= 1
    btf_dump_data_pfx(td)
    btf_dump_type_values(td, "]")


def btf_dump_struct_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    td.depth += 1
    td.out.append("{" + btf_dump_data_newline(td))
    btf = td.d.btf
    for m in t.members:
        btf_dump_dump_type_data(td, m.name, btf[m.type], m.type, off + m.offset // 8,
                                m.offset % 8, m.bitfield_size)
    td.depth -= 1
    btf_dump_data_pfx(td)
    btf_dump_type_values(td, "}")


def btf_dump_ptr_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    ptr_sz = td.d.ptr_sz
    if _aligned(td, type_id, off) and ptr_sz == 8:
        v = _le(td, off, 8)
        btf_dump_type_values(td, f"0x{v:x}" if v else "(nil)")
    elif ptr_sz == 4:
        btf_dump_type_values(td, f"0x{_le(td, off, 4):x}")
    else:
        btf_dump_type_values(td, f"0x{_le(td, off, 8):x}")


def btf_dump_get_enum_value(td: _TypedDump, t: Any, off: int, type_id: int,
                            aligned: bool | None = None) -> int:
    """The enum's value as libbpf's ``__s64``."""
    if aligned is None:
        aligned = _aligned(td, type_id, off)
    if not aligned:
        # btf_dump_get_bitfield_value(d, t, data, 0, 0): no bound check (0
        # bytes), then (num << 64) >> 64, which the compiler folds to 0 once
        # the constant bit size is inlined (undefined in C; the reference
        # builds all print 0 for an enum at an unaligned address)
        if t.size > 8:
            td.d.warnings.append(f"unexpected bitfield size {t.size}")
            raise _Fail(-EINVAL)
        return 0
    sz = t.size
    if sz == 8:
        return _signed(_le(td, off, 8), 64)
    if sz in (4, 2, 1):
        v = _le(td, off, sz)
        return _signed(v, sz * 8) if t.kflag else v
    td.d.warnings.append(f"unexpected size {sz} for enum, id:[{type_id}]")
    raise _Fail(-EINVAL)


def btf_dump_enum_data(td: _TypedDump, t: Any, type_id: int, value: int) -> None:
    is_signed = bool(t.kflag)
    u64 = value & 0xFFFFFFFFFFFFFFFF
    if int(t.kind) == _ENUM:
        for e in t.values:
            # e->val is a __s32 compared with an __s64
            if value == _signed(e.value & 0xFFFFFFFF, 32):
                btf_dump_type_values(td, e.name)
                return
        # an __s64 printed with %d / %u: its low 32 bits
        low = u64 & 0xFFFFFFFF
        # btf_dump_type_values(d, is_signed ? "%d" : "%u", value): the macro
        # appends the delimiter format to the "%u" literal only
        if is_signed:
            td.out.append(str(_signed(low, 32)))
        else:
            btf_dump_type_values(td, str(low))
    else:
        for e in t.values:
            if u64 == e.value & 0xFFFFFFFFFFFFFFFF:
                btf_dump_type_values(td, e.name)
                return
        if is_signed:  # same macro quirk: no delimiter after "%lldLL"
            td.out.append(f"{_signed(u64, 64)}LL")
        else:
            btf_dump_type_values(td, f"{u64}ULL")


def btf_dump_datasec_data(td: _TypedDump, t: Any, type_id: int, off: int) -> None:
    btf_dump_type_values(td, f'SEC("{t.name}") ')
    btf = td.d.btf
    for vsi in t.vars:
        btf_dump_dump_type_data(td, None, btf[vsi.type], vsi.type, off + vsi.offset, 0, 0)
        td.out.append(";")


def btf_dump_type_data_check_overflow(td: _TypedDump, t: Any, type_id: int, off: int,
                                      bits_offset: int, bit_sz: int) -> int:
    if bit_sz:
        nr_bytes = ((bits_offset + bit_sz + 7) // 8) & 0xFF
        if off + nr_bytes > td.data_end:
            raise _Fail(-E2BIG)
        return nr_bytes
    size = resolve_size(td.d.btf, type_id, td.d.btf.ptr_size_or_host)
    if size < 0 or size >= 0x7FFFFFFF:
        td.d.warnings.append(f"unexpected size [{size & 0xFFFFFFFFFFFFFFFF}] for id [{type_id}]")
        raise _Fail(-EINVAL)
    t = _skip_mods_and_typedefs(td.d.btf, type_id)
    if int(t.kind) in (_INT, _FLOAT, _PTR, _ENUM, _ENUM64):
        if off + bits_offset // 8 + size > td.data_end:
            raise _Fail(-E2BIG)
    return size


def btf_dump_type_data_check_zero(td: _TypedDump, t: Any, type_id: int, off: int,
                                  bits_offset: int, bit_sz: int) -> int:
    if td.emit_zeroes or td.depth == 0 or (td.is_array_member and not td.is_array_char):
        return 0
    return _check_zero(td, td.d.btf, type_id, off, bits_offset, bit_sz, 0)


def _check_zero(td: _TypedDump, btf: Any, type_id: int, off: int, bits_offset: int,
                bit_sz: int, nesting: int) -> int:
    if nesting > MAX_DEPTH:
        raise _Fail(-ELOOP)
    t = _skip_mods_and_typedefs(btf, type_id)
    kind = int(t.kind)
    if kind == _INT:
        if bit_sz:
            return btf_dump_bitfield_check_zero(td, t, off, bits_offset, bit_sz)
        return btf_dump_base_type_check_zero(td, t, type_id, off)
    if kind == _FLOAT or kind == _PTR:
        return btf_dump_base_type_check_zero(td, t, type_id, off)
    if kind == _ARRAY:
        elem_type_id = t.type
        elem_size = resolve_size(btf, elem_type_id, td.d.btf.ptr_size_or_host) & 0xFFFFFFFF
        elem_type = _skip_mods_and_typedefs(btf, elem_type_id)
        ischar = int(elem_type.kind) == _INT and elem_size == 1
        for i in range(t.nelems):
            # past the buffer libbpf reads the harness's zero padding
            if i == 0 and ischar and (off >= len(td.data) or td.data[off] == 0):
                return -ENODATA
            err = _check_zero(td, btf, elem_type_id, off + i * elem_size, bits_offset, 0,
                              nesting + 1)
            if err != -ENODATA:
                return err
        return -ENODATA
    if kind == _STRUCT or kind == _UNION:
        for m in t.members:
            # libbpf: "if (err != ENODATA) return err;" -- the first member decides
            return _check_zero(td, btf, m.type, off + m.offset // 8, m.offset % 8,
                               m.bitfield_size, nesting + 1)
        return -ENODATA
    if kind == _ENUM or kind == _ENUM64:
        return -ENODATA if btf_dump_get_enum_value(td, t, off, type_id) == 0 else 0
    return 0


def btf_dump_dump_type_data(td: _TypedDump, fname: str | None, t: Any, type_id: int, off: int,
                            bits_offset: int, bit_sz: int) -> int:
    """Print one value; returns its size, raises :class:`_Fail` on error."""
    td.nesting += 1
    try:
        if td.nesting > MAX_DEPTH:
            raise _Fail(-ELOOP)
        size = btf_dump_type_data_check_overflow(td, t, type_id, off, bits_offset, bit_sz)
        err = btf_dump_type_data_check_zero(td, t, type_id, off, bits_offset, bit_sz)
        if err:
            if err == -ENODATA:
                return size
            raise _Fail(err)
        btf_dump_data_pfx(td)
        if not td.skip_names:
            if fname:
                td.out.append(f".{fname} = ")
            btf_dump_emit_type_cast(td, type_id, True)
        t = _skip_mods_and_typedefs(td.d.btf, type_id)
        kind = int(t.kind)
        if kind in (_UNKN, _FWD, _FUNC, _FUNC_PROTO, _DECL_TAG):
            td.out.append(f"<unsupported kind:{kind}>")
            raise _Fail(-ENOTSUP)
        if kind == _INT:
            if bit_sz:
                btf_dump_bitfield_data(td, t, off, bits_offset, bit_sz)
            else:
                btf_dump_int_data(td, t, type_id, off)
        elif kind == _FLOAT:
            btf_dump_float_data(td, t, type_id, off)
        elif kind == _PTR:
            btf_dump_ptr_data(td, t, type_id, off)
        elif kind == _ARRAY:
            btf_dump_array_data(td, t, type_id, off)
        elif kind == _STRUCT or kind == _UNION:
            btf_dump_struct_data(td, t, type_id, off)
        elif kind == _ENUM or kind == _ENUM64:
            if bit_sz:
                v = btf_dump_get_bitfield_value(td, t, off, bits_offset, bit_sz)
                # read back through an aligned __s64 on the stack
                sz = t.size
                if sz in (4, 2, 1):
                    low = v & ((1 << (8 * sz)) - 1)
                    val = _signed(low, 8 * sz) if t.kflag else low
                elif sz == 8:
                    val = _signed(v, 64)
                else:
                    td.d.warnings.append(f"unexpected size {sz} for enum, id:[{type_id}]")
                    raise _Fail(-EINVAL)
                btf_dump_enum_data(td, t, type_id, val)
            else:
                btf_dump_enum_data(td, t, type_id, btf_dump_get_enum_value(td, t, off, type_id))
        elif kind == _VAR:
            btf_dump_var_data(td, t, type_id, off)
        elif kind == _DATASEC:
            btf_dump_datasec_data(td, t, type_id, off)
        else:
            td.d.warnings.append(f"unexpected kind [{kind}] for id [{type_id}]")
            raise _Fail(-EINVAL)
        return size
    finally:
        td.nesting -= 1


def dump_type_data(d: "CDumper", type_id: int, data: bytes, *, indent_level: int = 0,
                   indent_str: str = "\t", compact: bool = False, skip_names: bool = False,
                   emit_zeroes: bool = False, emit_strings: bool = False) -> str:
    """btf_dump__dump_type_data(): ``data`` as a C initializer of ``type_id``.

    See :meth:`btfkit.c.CDumper.dump_type_data`."""
    btf = d.btf
    if type_id < 0 or type_id >= btf.type_count:
        raise DataDumpError(f"type id {type_id} does not exist", errno=ENOENT)
    d.raw_types()  # btf_dump_resize()
    raw = bytes(data)
    # libbpf_strlcpy into char indent_str[BTF_DATA_INDENT_STR_LEN = 32]
    istr = indent_str.encode()[:31].decode(errors="ignore") if indent_str else "\t"
    td = _TypedDump(d, raw + bytes(_PAD), len(raw), indent_level, istr, compact, skip_names,
                    emit_zeroes, emit_strings)
    try:
        btf_dump_dump_type_data(td, None, btf[type_id], type_id, 0, 0, 0)
    except _Fail as f:
        raise DataDumpError(f"btf_dump__dump_type_data: error {f.err} for type [{type_id}]",
                            errno=-f.err) from None
    return "".join(td.out)
