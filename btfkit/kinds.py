"""BTF kind numbers and the per-kind record layout (shared by schema and model)."""

from __future__ import annotations

from enum import IntEnum


class Kind(IntEnum):
    UNKN = 0
    INT = 1
    PTR = 2
    ARRAY = 3
    STRUCT = 4
    UNION = 5
    ENUM = 6
    FWD = 7
    TYPEDEF = 8
    VOLATILE = 9
    CONST = 10
    RESTRICT = 11
    FUNC = 12
    FUNC_PROTO = 13
    VAR = 14
    DATASEC = 15
    FLOAT = 16
    DECL_TAG = 17
    TYPE_TAG = 18
    ENUM64 = 19


KIND_NAMES = [k.name for k in Kind]
NR_KINDS = len(KIND_NAMES)

# (info_sz, elem_sz): bytes after the 12-byte btf_type, and bytes per vlen
# element.  The same table a 2026-form BTF carries in its layout section;
# libbpf's btf_type_size() encodes it in code.
KIND_LAYOUT: dict[int, tuple[int, int]] = {
    Kind.UNKN: (0, 0),
    Kind.INT: (4, 0),
    Kind.PTR: (0, 0),
    Kind.ARRAY: (12, 0),
    Kind.STRUCT: (0, 12),
    Kind.UNION: (0, 12),
    Kind.ENUM: (0, 8),
    Kind.FWD: (0, 0),
    Kind.TYPEDEF: (0, 0),
    Kind.VOLATILE: (0, 0),
    Kind.CONST: (0, 0),
    Kind.RESTRICT: (0, 0),
    Kind.FUNC: (0, 0),
    Kind.FUNC_PROTO: (0, 8),
    Kind.VAR: (4, 0),
    Kind.DATASEC: (0, 12),
    Kind.FLOAT: (0, 0),
    Kind.DECL_TAG: (4, 0),
    Kind.TYPE_TAG: (0, 0),
    Kind.ENUM64: (0, 12),
}

# INT encoding bits
INT_SIGNED = 1
INT_CHAR = 2
INT_BOOL = 4

# FUNC linkage / VAR linkage
FUNC_LINKAGE = {0: "static", 1: "global", 2: "extern"}
VAR_LINKAGE = {0: "static", 1: "global-alloc", 2: "extern"}


def kind_name(kind: int) -> str:
    """The name of kind number ``kind`` ("STRUCT"), or "KIND_N" for a kind
    this btfkit does not know (a newer BTF describes those in its layout
    section); never raises."""
    return KIND_NAMES[kind] if 0 <= kind < NR_KINDS else f"KIND_{kind}"


def bpftool_kind_str(kind: int) -> str:
    """bpftool's ``btf_kind_str[btf_kind_safe(kind)]`` (btf.c): "STRUCT";
    kind 0 and kinds past the last known one (readable with a layout table,
    libbpf 1.8) print as "UNKNOWN"."""
    return KIND_NAMES[kind] if 0 < kind < NR_KINDS else "UNKNOWN"


def libbpf_kind_str(kind: int) -> str:
    """libbpf's ``btf_kind_str()`` (libbpf.c), used in its warnings:
    "struct", "void" for kind 0, "unknown" past the last known kind."""
    if kind == Kind.UNKN:
        return "void"
    return KIND_NAMES[kind].lower() if 0 < kind < NR_KINDS else "unknown"
