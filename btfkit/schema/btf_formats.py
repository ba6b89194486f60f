"""The struct formats of the BTF records, without importing construct.

:mod:`btfkit.schema.btf` describes every record with construct and derives
``struct.Struct`` formats from it (``btf_schemas(order).fmt``); importing
construct costs more than a one-type view's whole work.  This module keeps
the same field lists (name and struct letter, in order) so that parsing and
decoding can start without construct; ``tests/test_btf_formats.py`` checks
them field by field against the construct schemas, so the two cannot drift.
"""

from __future__ import annotations

import struct
from types import SimpleNamespace

BTF_VERSION = 1
HDR_LEN_V1 = 24  # magic .. str_len
HDR_LEN_LAYOUT = 32  # + layout_off, layout_len

#: record -> ((field, struct letter), ...) exactly as in btfkit.schema.btf
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "header_v1": (("magic", "H"), ("version", "B"), ("flags", "B"), ("hdr_len", "L"), ("type_off", "L"),
                  ("type_len", "L"), ("str_off", "L"), ("str_len", "L")),
    "type_header": (("name_off", "L"), ("info", "L"), ("size_or_type", "L")),
    "int_info": (("data", "L"),),
    "array": (("type", "L"), ("index_type", "L"), ("nelems", "L")),
    "member": (("name_off", "L"), ("type", "L"), ("offset", "L")),
    "enum": (("name_off", "L"), ("val", "L")),
    "enum64": (("name_off", "L"), ("val_lo32", "L"), ("val_hi32", "L")),
    "param": (("name_off", "L"), ("type", "L")),
    "var": (("linkage", "L"),),
    "var_secinfo": (("type", "L"), ("offset", "L"), ("size", "L")),
    "decl_tag": (("component_idx", "l"),),
    "layout": (("info_sz", "B"), ("elem_sz", "B"), ("flags", "H")),
    "u32": (("v", "L"),),
}


def detect_byteorder(data: bytes) -> str | None:
    """"little" or "big" from the BTF magic, or None when it is not BTF
    (as :func:`btfkit.schema.btf.detect_byteorder`)."""
    if data[:2] == b"\x9f\xeb":
        return "little"
    if data[:2] == b"\xeb\x9f":
        return "big"
    return None


# made once per byte order (a dict, not functools.lru_cache: gen's path
# imports no functools, see btfkit/kinds.py)
_FORMATS: dict[str, SimpleNamespace] = {}


def formats(byteorder: str) -> SimpleNamespace:
    """One ``struct.Struct`` per record of :data:`FIELDS`, in ``byteorder``
    ("little" or "big"): the same formats as ``btf_schemas(byteorder).fmt``."""
    f = _FORMATS.get(byteorder)
    if f is None:
        prefix = "<" if byteorder == "little" else ">"
        f = _FORMATS[byteorder] = SimpleNamespace(**{
            rec: struct.Struct(prefix + "".join(letter for _, letter in fields)) for rec, fields in FIELDS.items()})
    return f


def word_of(record: str, field: str) -> int:
    """The index of ``field`` in ``record`` counted in 32-bit words."""
    pos = 0
    for name, letter in FIELDS[record]:
        if name == field:
            return pos // 4
        pos += struct.calcsize("<" + letter)
    raise KeyError(field)


def words(record: str) -> int:
    """The size of ``record`` in 32-bit words."""
    return struct.calcsize("<" + "".join(letter for _, letter in FIELDS[record])) // 4
