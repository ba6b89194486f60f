"""The object users open: :class:`BpfObject` and :func:`open_object`
(libbpf's ``bpf_object_open()``, step by step)."""

from __future__ import annotations

import os

from .. import types as T
from ..bpf_defs import BPF_OBJ_NAME_LEN, BTF_VAR_STATIC
from ..btf import Btf
from ..elf import ElfFile
from ..kinds import Kind
from ..loader import read_file
from ..releases import Release, release
from .btf import ObjBtf, datasec_var
from .datasec import bpf_object__finalize_btf
from .errors import BpfObjectError
from .externs import Extern, bpf_object__collect_externs
from .maps import BpfMap, bpf_object__init_maps
from .programs import BpfProgram
from .relos import bpf_object__collect_relos
from .sections import ElfState, bpf_object__elf_collect, bpf_object__elf_init

__all__ = ["BpfObject", "open_object"]

#: What :func:`open_object` opens: a path, or the file's bytes.
ObjectSource = str | os.PathLike[str] | bytes | bytearray | memoryview


class BpfObject:
    """A BPF ELF object opened the way libbpf opens it (no kernel involved).

    Build one with :func:`open_object` (or :meth:`BpfObject.open`); the
    constructor does libbpf's ``bpf_object__new()`` and
    ``bpf_object__elf_init()`` only."""

    data: bytes
    """The file's bytes."""
    release: Release
    """The :class:`~btfkit.releases.Release` whose libbpf it is opened as."""
    path: str
    """The file's path (or the ``source`` given for bytes); errors name it."""
    name: str
    """libbpf's object name, at most 15 bytes (it prefixes internal map names)."""
    where: str
    """What libbpf's messages call the object: ``obj->path``, which is the
    object name given to ``bpf_object__open_mem()`` or the file's path."""
    elf: ElfFile
    """The ELF file."""
    efile: ElfState
    """What ``bpf_object__elf_collect()`` found (libbpf's ``obj->efile``)."""
    btf: ObjBtf | None
    """The BTF with libbpf's open-time fix-ups, or None when the object has
    no usable BTF (then :attr:`warnings` says why, if it has a .BTF)."""
    raw_btf: Btf | None
    """The ``.BTF`` section as read, unchanged; None as for :attr:`btf`."""
    maps: list[BpfMap]
    """Every map, in libbpf's order."""
    programs: list[BpfProgram]
    """Every program, sub-programs included, sorted by section and offset."""
    externs: list[Extern]
    """The .kconfig and .ksyms externs, in libbpf's order (``cmp_externs()``)."""
    license: str
    """The ``license`` section's string ('' without one)."""
    kern_version: int
    """The ``version`` section's value (0 without one)."""
    warnings: list[str]
    """libbpf's ``pr_warn()`` lines that did not stop the open."""
    arena_map_idx: int
    """libbpf 1.5+: the ARENA map's index in :attr:`maps`, -1 when there is none."""
    kconfig_map_idx: int
    """The .kconfig map's index in :attr:`maps`, -1 when there is none."""

    def __init__(self, data: bytes, *, name: str, path: str, where: str | None = None,
                 bpftool: str | Release | None = None, check_endianness: bool = False) -> None:
        self.data = data
        self.release = release(bpftool)
        self.path = path
        # libbpf_strlcpy() into a char[BPF_OBJ_NAME_LEN]
        self.name = name.encode("utf-8", "surrogateescape")[:BPF_OBJ_NAME_LEN - 1].decode(
            "utf-8", "surrogateescape")
        self.where = path if where is None else where
        self.efile = ElfState()
        self.btf = None
        self.raw_btf = None
        self.maps = []
        self.programs = []
        self.externs = []
        self.license = ""
        self.kern_version = 0
        self.warnings = []
        self.arena_map_idx = -1
        self.kconfig_map_idx = -1
        self.elf = bpf_object__elf_init(self, check_endianness)

    # -- public views ------------------------------------------------------------------------
    @classmethod
    def open(cls, src: ObjectSource, object_name: str | None = None, *, check_endianness: bool = False,
             source: str | None = None, bpftool: str | Release | None = None) -> "BpfObject":
        """:func:`open_object`."""
        return open_object(src, object_name, check_endianness=check_endianness, source=source, bpftool=bpftool)

    def entry_programs(self) -> list[BpfProgram]:
        """bpf_object__for_each_program(): programs that are not sub-programs."""
        return [p for p in self.programs if not p.is_subprog]

    def datasec(self, map: BpfMap) -> T.Datasec | None:
        """The (fixed-up) DATASEC behind an internal map, or None (a
        .rodata.cst16 style section has none)."""
        if self.btf is None or map.btf_value_type_id <= 0:
            return None
        t = self.btf[map.btf_value_type_id]
        return t if t.kind == Kind.DATASEC else None

    def variables(self, map: BpfMap) -> list[tuple[T.Var, T.VarSecinfo]]:
        """(VAR, VarSecinfo) of an internal map's variables, offsets fixed up,
        in offset order; static variables left out, as skeletons do."""
        sec = self.datasec(map)
        if sec is None or self.btf is None:
            return []
        out = []
        for i, vs in enumerate(sec.vars):
            var = datasec_var(self.btf, sec, i)
            if var.linkage != BTF_VAR_STATIC:
                out.append((var, vs))
        return out

    def find_map(self, name: str) -> BpfMap | None:
        """bpf_object__find_map_by_name(): by bpf_map__name()."""
        for m in self.maps:
            if m.user_name == name:
                return m
        return None

    def find_program(self, name: str) -> BpfProgram | None:
        """bpf_object__find_program_by_name(): an entry program by name."""
        for p in self.entry_programs():
            if p.name == name:
                return p
        return None

    def fail(self, msg: str, err: int) -> BpfObjectError:
        """The error libbpf's open fails with: ``msg`` is its ``pr_warn()``
        line, ``err`` the errno (or ``LIBBPF_ERRNO__*``) it returns."""
        return BpfObjectError(msg, source=self.path, errno=err)

    def __repr__(self) -> str:
        return (f"<BpfObject {self.name!r} from {self.path!r}: {len(self.entry_programs())} programs, "
                f"{len(self.maps)} maps>")


# -- bpf_object_open() ---------------------------------------------------------------------------
def open_object(src: ObjectSource, object_name: str | None = None, *, check_endianness: bool = False,
                source: str | None = None, bpftool: str | Release | None = None) -> BpfObject:
    """Open a BPF object (a path or bytes) as ``bpf_object__open_mem()`` does.

    ``object_name`` is libbpf's ``opts.object_name`` (it prefixes internal map
    names: ``'my_objec.rodata'``); without it the name is the file's base name
    up to its first dot, as ``bpf_object__open_file()`` has it.
    ``check_endianness`` refuses an object whose byte order is not the host's,
    as libbpf does (bpftool's behaviour); by default both orders are read.
    ``bpftool`` names the release whose libbpf is reproduced (see
    :mod:`btfkit.releases`; libbpf 1.8 opens either byte order).
    Raises :class:`BpfObjectError` where libbpf fails, naming the file.
    """
    if isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        path = source or "<bytes>"
        if object_name is None:
            object_name = ""
        where = object_name
    else:
        path = os.fspath(src)
        data = read_file(path)
        if source:
            path = source
        if object_name is None:
            object_name = os.path.basename(path).split(".", 1)[0]
            where = path
        else:
            where = object_name
    # bpf_object__new() + bpf_object__elf_init() + bpf_object__check_endianness()
    obj = BpfObject(data, name=object_name, path=path, where=where, bpftool=bpftool,
                    check_endianness=check_endianness)
    bpf_object__elf_collect(obj)
    bpf_object__collect_externs(obj)
    bpf_object__finalize_btf(obj)
    bpf_object__init_maps(obj)
    bpf_object__collect_relos(obj)
    return obj
