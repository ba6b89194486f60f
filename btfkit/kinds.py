"""BTF kind numbers and the per-kind record layout (shared by schema and model)."""

from __future__ import annotations

__all__ = ["Kind", "KIND_NAMES", "NR_KINDS", "KIND_LAYOUT", "INT_SIGNED", "INT_CHAR", "INT_BOOL",
           "FUNC_LINKAGE", "VAR_LINKAGE", "kind_name", "bpftool_kind_str", "libbpf_kind_str"]

# (name, number) of every kind, in order: libbpf's BTF_KIND_* (uapi btf.h)
_KINDS = ("UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD", "TYPEDEF", "VOLATILE",
          "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC", "FLOAT", "DECL_TAG",
          "TYPE_TAG", "ENUM64")

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from enum import IntEnum

    class Kind(IntEnum):
        """A BTF kind: an ``int`` with a ``name`` ("STRUCT") and a ``value`` (4)."""
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
else:
    import sys
    from types import MappingProxyType

    # Kind behaves as the IntEnum above, which is what a type checker sees,
    # but is built without the enum module: importing enum (and the
    # functools it imports) and making the class was a seventh of what
    # ``btfkit gen`` runs over a bare interpreter (with functools' other
    # users gone, 9.6M of 68.5M instructions).  Members are ints with name
    # and value; Kind(4), Kind["STRUCT"], iteration, len, __members__,
    # repr, str, format, pickling and copying give what IntEnum gives on
    # the running Python; tests/test_kinds.py holds them equal to a real
    # IntEnum.  What differs: isinstance(Kind.STRUCT, enum.Enum) is False.

    class _KindType(type):
        """Kind's metaclass: the class-level protocol of an IntEnum."""

        def __call__(cls, value):
            try:
                return cls._value2member_map_[value]
            except (KeyError, TypeError):
                raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

        def __getitem__(cls, name):
            return cls._member_map_[name]

        def __iter__(cls):
            return iter(cls._member_list_)

        def __reversed__(cls):
            return reversed(cls._member_list_)

        def __len__(cls):
            return len(cls._member_list_)

        if sys.version_info >= (3, 12):
            def __contains__(cls, value):
                # 3.12 looks values up too
                if isinstance(value, cls):
                    return True
                try:
                    return value in cls._value2member_map_
                except TypeError:
                    return False
        else:
            def __contains__(cls, value):
                if isinstance(value, cls):
                    return True
                raise TypeError(f"unsupported operand type(s) for 'in': '{type(value).__qualname__}' "
                                f"and '{type(cls).__qualname__}'")

        @property
        def __members__(cls):
            return MappingProxyType(cls._member_map_)

        def __repr__(cls):
            return f"<enum {cls.__name__!r}>"

        def __setattr__(cls, name, value):
            if name in cls.__dict__.get("_member_map_", ()):
                raise AttributeError(f"cannot reassign member {name!r}")
            super().__setattr__(name, value)

        def __delattr__(cls, name):
            if name in cls._member_map_:
                raise AttributeError(f"{cls.__name__!r} cannot delete member {name!r}")
            super().__delattr__(name)

    class Kind(int, metaclass=_KindType):
        """A BTF kind: an ``int`` with a ``name`` ("STRUCT") and a ``value`` (4)."""

        @property
        def name(self):
            """The kind's name: "STRUCT"."""
            return self._name_

        @property
        def value(self):
            """The kind's number: 4."""
            return int(self)

        def __repr__(self):
            return f"<{type(self).__name__}.{self._name_}: {int(self)}>"

        if sys.version_info >= (3, 11):
            __str__ = int.__repr__
        else:
            def __str__(self):
                return f"{type(self).__name__}.{self._name_}"

        def __format__(self, spec):
            return int.__format__(int(self), spec)

        def __reduce_ex__(self, proto):
            return type(self), (int(self),)

        def __copy__(self):
            return self

        def __deepcopy__(self, memo):
            return self

    def _make_members():
        members = []
        for number, name in enumerate(_KINDS):
            m = int.__new__(Kind, number)
            m._name_ = name
            members.append(m)
        type.__setattr__(Kind, "_member_list_", members)
        type.__setattr__(Kind, "_member_map_", {m._name_: m for m in members})
        type.__setattr__(Kind, "_value2member_map_", {int(m): m for m in members})
        for m in members:
            type.__setattr__(Kind, m._name_, m)

    _make_members()
    del _make_members

KIND_NAMES = list(_KINDS)
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
