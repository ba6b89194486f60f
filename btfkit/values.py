"""Typed values as plain Python objects, both ways: :func:`decode`, :func:`encode`.

``decode(btf, type_id, data)`` turns the bytes of a value of ``type_id`` into
Python values; ``encode(btf, type_id, value)`` builds the bytes back.  Byte
order is the BTF's (``btf.byteorder``) unless ``byteorder`` is given;
bitfields follow the C ABI of that byte order (little-endian: bit offsets
count from the least significant bit of the first byte; big-endian: from the
most significant).

The mapping, kind by kind:

- INT: ``int`` (signed or not per the encoding; 128-bit too); a ``bool``
  type (``_Bool``, encoding BOOL) gives ``True``/``False`` for 0/1 and the
  ``int`` otherwise; a bitfield gives its bits as an unsigned ``int``.
- char arrays (an array of 1-byte ints named ``char`` or with CHAR encoding,
  modifiers skipped, typedefs not: bpftool's ``is_str_array``): ``str`` when
  bpftool would print a string (printable bytes up to a NUL) *and* every byte
  after the first NUL is zero, so that the ``str`` holds the whole array;
  ``bytes`` otherwise (all of the array).  Other arrays: ``list``.
- ENUM / ENUM64: the enumerator's name (``str``) where the value is named,
  the ``int`` otherwise.
- FLOAT: ``float`` for 4 and 8 bytes; ``bytes`` (raw) for other sizes
  (``long double``) so nothing is lost.
- PTR: ``int`` (the address).
- STRUCT / UNION: ``dict`` of member name to value, in member order.
  Unnamed members of struct/union type are under the key ``""`` (then
  ``"#2"``, ``"#3"``... for further unnamed ones); unnamed bitfields are
  padding and left out.  A union holds every member, each decoding the same
  bytes; :func:`encode` writes them all in order, the last overlapping write
  winning.
- TYPEDEF, modifiers, TYPE_TAG: the value of the type they name.  VAR: the
  value of its type.  DATASEC: ``dict`` of variable name to value.

Round trip: ``encode(decode(b)) == b`` holds for every ``b`` whose padding
bits are zero (bits of no named member: holes, tail padding, unnamed
bitfields); :func:`encode` writes zero padding.  ``decode`` reads only the
bits of named members.

:func:`to_json` turns a decoded value into what ``bpftool -j map dump``
prints as ``"formatted"`` (bytes as lists of numbers, 128-bit integers as
hex strings, ...).
"""

from __future__ import annotations

import struct
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any

from .errors import BtfError
from .kinds import Kind, INT_BOOL, INT_CHAR, INT_SIGNED
from .chains import MODIFIER_KINDS, MODS_AND_TYPEDEFS, ChainLoopError, skip_chain
from .sizes import resolve_size

__all__ = ["decode", "encode", "to_json", "ValueError_", "MAX_DEPTH"]

#: Deepest nesting followed (structs in arrays in structs...); a finite C
#: type never comes near it, cyclic BTF stops here with an error.
MAX_DEPTH = 512

_MODS_AND_VARS = MODS_AND_TYPEDEFS | {int(Kind.VAR)}


class ValueError_(BtfError):
    """A value that does not fit its type, data too short, or a type that has
    no value (FUNC, FWD, void)."""


def _resolve(btf: Any, type_id: int) -> Any:
    # past modifiers, typedefs and VARs to the type that holds the value
    try:
        return btf[skip_chain(btf, type_id, _MODS_AND_VARS)]
    except ChainLoopError:
        raise ValueError_(f"type [{type_id}]: modifier cycle") from None


def _ptr_size(btf: Any) -> int:
    """The pointer size libbpf uses for ``btf`` (btf_ptr_sz(): the ELF
    class, a C long in the BTF, else 8)."""
    return int(getattr(btf, "ptr_size_or_host", 8))


def _size(btf: Any, type_id: int) -> int:
    n = resolve_size(btf, type_id, _ptr_size(btf))
    if n < 0:
        raise ValueError_(f"type [{type_id}] has no size")
    return n


def _char_array_elem(btf: Any, t: Any) -> Any | None:
    """bpftool's is_str_array() type test: the element int, or None."""
    try:
        e = btf[skip_chain(btf, t.type, MODIFIER_KINDS)]
    except ChainLoopError:
        return None
    if e.kind != Kind.INT or e.size != 1:
        return None
    if not (e.encoding & INT_CHAR) and e.name != "char":
        return None
    return e


def _member_key(name: str, anon: int) -> str:
    return name if name else ("" if anon == 1 else f"#{anon}")


def _get_bits(data: bytes, bit_off: int, nbits: int, order: str) -> int:
    first = bit_off // 8
    nbytes = (bit_off % 8 + nbits + 7) // 8
    chunk = int.from_bytes(data[first:first + nbytes], order)  # type: ignore[arg-type]
    if order == "little":
        return (chunk >> (bit_off % 8)) & ((1 << nbits) - 1)
    return (chunk >> (nbytes * 8 - bit_off % 8 - nbits)) & ((1 << nbits) - 1)


def _put_bits(buf: bytearray, bit_off: int, nbits: int, value: int, order: str) -> None:
    first = bit_off // 8
    nbytes = (bit_off % 8 + nbits + 7) // 8
    chunk = int.from_bytes(buf[first:first + nbytes], order)  # type: ignore[arg-type]
    mask = (1 << nbits) - 1
    shift = bit_off % 8 if order == "little" else nbytes * 8 - bit_off % 8 - nbits
    chunk = (chunk & ~(mask << shift)) | ((value & mask) << shift)
    buf[first:first + nbytes] = chunk.to_bytes(nbytes, order)  # type: ignore[arg-type]


def _signed(v: int, bits: int) -> int:
    return v - (1 << bits) if bits and v >> (bits - 1) & 1 else v


def _enum_value(t: Any, raw: int, bits: int) -> Any:
    v = _signed(raw, bits) if t.kflag else raw
    for e in t.values:
        if e.value == v:
            return e.name
    return v


def _enum_raw(t: Any, value: Any, bits: int) -> int:
    if isinstance(value, str):
        for e in t.values:
            if e.name == value:
                return int(e.value) & ((1 << bits) - 1)
        raise ValueError_(f"{value!r} is not an enumerator of enum {t.name or '(anon)'}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError_(f"enum {t.name or '(anon)'}: {value!r} is not an int or a name")
    return value & ((1 << bits) - 1)


def decode(btf: Any, type_id: int, data: bytes, *, byteorder: str | None = None) -> Any:
    """The value of type ``type_id`` held in ``data`` (see the module doc for
    the mapping).  ``data`` shorter than the type raises :class:`ValueError_`;
    longer is fine (the rest is ignored)."""
    order = byteorder or btf.byteorder
    size = _size(btf, type_id)
    data = bytes(data)
    if len(data) < size:
        raise ValueError_(f"type [{type_id}] needs {size} bytes, got {len(data)}")
    return _decode(btf, type_id, data, 0, order, 0)


def _decode(btf: Any, type_id: int, data: bytes, off: int, order: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError_(f"type [{type_id}]: nested deeper than {MAX_DEPTH}")
    t = _resolve(btf, type_id)
    k = t.kind
    if k == Kind.INT:
        raw = int.from_bytes(data[off:off + t.size], order)  # type: ignore[arg-type]
        if t.encoding & INT_BOOL and raw in (0, 1):
            return bool(raw)
        return _signed(raw, t.size * 8) if t.encoding & INT_SIGNED else raw
    if k in (Kind.ENUM, Kind.ENUM64):
        raw = int.from_bytes(data[off:off + t.size], order)  # type: ignore[arg-type]
        return _enum_value(t, raw, t.size * 8)
    if k == Kind.PTR:
        psz = _ptr_size(btf)
        return int.from_bytes(data[off:off + psz], order)  # type: ignore[arg-type]
    if k == Kind.FLOAT:
        raw_b = data[off:off + t.size]
        fmt = {4: "f", 8: "d"}.get(t.size)
        if fmt is None:
            return raw_b
        return struct.unpack(("<" if order == "little" else ">") + fmt, raw_b)[0]
    if k == Kind.ARRAY:
        esz = _size(btf, t.type)
        if _char_array_elem(btf, t) is not None:
            raw_b = data[off:off + t.nelems]
            nul = raw_b.find(b"\0")
            if (t.nelems and nul >= 0 and all(0x20 <= c < 0x7F for c in raw_b[:nul])
                    and not any(raw_b[nul:])):
                return raw_b[:nul].decode("ascii")
            return raw_b
        return [_decode(btf, t.type, data, off + i * esz, order, depth + 1)
                for i in range(t.nelems)]
    if k in (Kind.STRUCT, Kind.UNION):
        out: dict[str, Any] = {}
        anon = 0
        for m in t.members:
            if not m.name:
                mt = _resolve(btf, m.type)
                if m.bitfield_size or mt.kind not in (Kind.STRUCT, Kind.UNION):
                    continue
                anon += 1
            key = _member_key(m.name, anon)
            if m.bitfield_size:
                mt = _resolve(btf, m.type)
                raw = _get_bits(data[off:], m.offset, m.bitfield_size, order)
                out[key] = (_enum_value(mt, raw, m.bitfield_size)
                            if mt.kind in (Kind.ENUM, Kind.ENUM64) else raw)
            else:
                out[key] = _decode(btf, m.type, data, off + m.offset // 8, order, depth + 1)
        return out
    if k == Kind.DATASEC:
        return {btf[v.type].name: _decode(btf, v.type, data, off + v.offset, order, depth + 1)
                for v in t.vars if btf[v.type].kind == Kind.VAR}
    raise ValueError_(f"type [{type_id}] ({Kind(k).name}) has no value")


def encode(btf: Any, type_id: int, value: Any, *, byteorder: str | None = None) -> bytes:
    """The bytes of ``value`` as type ``type_id`` (the inverse of
    :func:`decode`); padding is zero.  Missing struct members are zero; a
    value that does not fit raises :class:`ValueError_`."""
    order = byteorder or btf.byteorder
    buf = bytearray(_size(btf, type_id))
    _encode(btf, type_id, value, buf, 0, order, 0)
    return bytes(buf)


def _int_bytes(v: int, size: int, signed: bool, order: str, what: str) -> bytes:
    try:
        return v.to_bytes(size, order, signed=signed and v < 0)  # type: ignore[arg-type]
    except OverflowError:
        raise ValueError_(f"{what}: {v} does not fit in {size} bytes") from None


def _encode(btf: Any, type_id: int, value: Any, buf: bytearray, off: int, order: str,
            depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError_(f"type [{type_id}]: nested deeper than {MAX_DEPTH}")
    t = _resolve(btf, type_id)
    k = t.kind
    what = f"type [{type_id}]"
    if k == Kind.INT:
        if not isinstance(value, int):
            raise ValueError_(f"{what}: {value!r} is not an int")
        v = int(value)
        buf[off:off + t.size] = _int_bytes(v, t.size, bool(t.encoding & INT_SIGNED) or v < 0,
                                           order, what)
    elif k in (Kind.ENUM, Kind.ENUM64):
        raw = _enum_raw(t, value, t.size * 8)
        buf[off:off + t.size] = raw.to_bytes(t.size, order)  # type: ignore[arg-type]
    elif k == Kind.PTR:
        if not isinstance(value, int):
            raise ValueError_(f"{what}: {value!r} is not an address")
        psz = _ptr_size(btf)
        buf[off:off + psz] = _int_bytes(value, psz, False, order, what)
    elif k == Kind.FLOAT:
        fmt = {4: "f", 8: "d"}.get(t.size)
        if fmt is None:
            if not isinstance(value, (bytes, bytearray)) or len(value) != t.size:
                raise ValueError_(f"{what}: expected {t.size} raw bytes")
            buf[off:off + t.size] = value
        else:
            buf[off:off + t.size] = struct.pack(("<" if order == "little" else ">") + fmt, value)
    elif k == Kind.ARRAY:
        esz = _size(btf, t.type)
        if isinstance(value, str):
            value = value.encode("ascii")
        if isinstance(value, (bytes, bytearray)):
            if _char_array_elem(btf, t) is None or len(value) > t.nelems:
                raise ValueError_(f"{what}: {len(value)} bytes for char[{t.nelems}]")
            buf[off:off + len(value)] = value
            return
        if not isinstance(value, (list, tuple)) or len(value) > t.nelems:
            raise ValueError_(f"{what}: expected a list of at most {t.nelems} elements")
        for i, v in enumerate(value):
            _encode(btf, t.type, v, buf, off + i * esz, order, depth + 1)
    elif k in (Kind.STRUCT, Kind.UNION):
        if not isinstance(value, dict):
            raise ValueError_(f"{what}: expected a dict of members")
        anon = 0
        for m in t.members:
            if not m.name:
                mt = _resolve(btf, m.type)
                if m.bitfield_size or mt.kind not in (Kind.STRUCT, Kind.UNION):
                    continue
                anon += 1
            key = _member_key(m.name, anon)
            if key not in value:
                continue
            v = value[key]
            if m.bitfield_size:
                mt = _resolve(btf, m.type)
                if mt.kind in (Kind.ENUM, Kind.ENUM64):
                    raw = _enum_raw(mt, v, m.bitfield_size)
                elif isinstance(v, int):
                    raw = int(v) & ((1 << m.bitfield_size) - 1)
                else:
                    raise ValueError_(f"{what}: member {m.name}: {v!r} is not an int")
                sub = bytearray(buf[off:])
                _put_bits(sub, m.offset, m.bitfield_size, raw, order)
                buf[off:] = sub
            else:
                _encode(btf, m.type, v, buf, off + m.offset // 8, order, depth + 1)
    elif k == Kind.DATASEC:
        if not isinstance(value, dict):
            raise ValueError_(f"{what}: expected a dict of variables")
        for vs in t.vars:
            var = btf[vs.type]
            if var.kind == Kind.VAR and var.name in value:
                _encode(btf, vs.type, value[var.name], buf, off + vs.offset, order, depth + 1)
    else:
        raise ValueError_(f"{what} ({Kind(k).name}) has no value")


def to_json(btf: Any, type_id: int, value: Any, *, _depth: int = 0) -> Any:
    """The decoded ``value`` of ``type_id`` in the form of bpftool's
    ``"formatted"`` JSON: 128-bit integers as ``"0x..."`` strings, ``bytes``
    of char arrays as lists of numbers, raw floats as lists of numbers."""
    if _depth > MAX_DEPTH:
        raise ValueError_(f"type [{type_id}]: nested deeper than {MAX_DEPTH}")
    t = _resolve(btf, type_id)
    k = t.kind
    if k == Kind.INT and t.size == 16 and isinstance(value, int):
        return f"0x{value & ((1 << 128) - 1):x}"
    if k == Kind.INT and t.encoding & INT_BOOL:
        return bool(value)
    if k == Kind.ARRAY:
        if isinstance(value, (bytes, bytearray)):
            e = _char_array_elem(btf, t)
            nul = value.find(b"\0")
            # bpftool's is_str_array(): printable bytes up to a NUL
            if nul >= 0 and all(0x20 <= c < 0x7F for c in value[:nul]):
                return value[:nul].decode("ascii")
            signed = bool(e is not None and e.encoding & INT_SIGNED)
            return [_signed(c, 8) if signed else c for c in value]
        if isinstance(value, str):
            return value
        return [to_json(btf, t.type, v, _depth=_depth + 1) for v in value]
    if k in (Kind.STRUCT, Kind.UNION) and isinstance(value, dict):
        out = {}
        anon = 0
        for m in t.members:
            if not m.name:
                mt = _resolve(btf, m.type)
                if m.bitfield_size or mt.kind not in (Kind.STRUCT, Kind.UNION):
                    continue
                anon += 1
            key = _member_key(m.name, anon)
            if key in value:
                if m.bitfield_size:
                    # bpftool prints a bitfield's bits as a "0x..." string
                    mt = _resolve(btf, m.type)
                    raw = (_enum_raw(mt, value[key], m.bitfield_size)
                           if mt.kind in (Kind.ENUM, Kind.ENUM64) else int(value[key]))
                    out[key] = f"0x{raw & ((1 << m.bitfield_size) - 1):x}"
                else:
                    out[key] = to_json(btf, m.type, value[key], _depth=_depth + 1)
        return out
    if k == Kind.DATASEC and isinstance(value, dict):
        return {btf[v.type].name: to_json(btf, v.type, value[btf[v.type].name], _depth=_depth + 1)
                for v in t.vars if btf[v.type].name in value}
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    return value
