"""The bpftool/libbpf releases btfkit reproduces, and every switch that differs.

btfkit's printers and gen layer are one code path; where bpftool 7.1, 7.5 and
7.8 print different bytes, the difference is a field of :class:`Release`,
read by the code that prints it.  Each field says which release introduced
it and the upstream change (libbpf or bpftool commit subject) behind it, so
this file is the one place to read when a new release comes out.

Choosing a release: the Python API takes ``bpftool="7.5"`` (or a
:class:`Release`); the CLI takes ``--bpftool``; both fall back to the
environment variable ``BTFKIT_BPFTOOL`` and then to :data:`DEFAULT`.
"""

from __future__ import annotations

import os
from ._namedtuple import NamedTuple
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any

from .errors import BtfError

#: The environment variable that picks the release when none is given.
ENV_VAR = "BTFKIT_BPFTOOL"


class Release(NamedTuple):
    """One reproduced release of bpftool and the libbpf it links.

    Attributes:
        bpftool: bpftool's version as users name it (``"7.1"``).
        libbpf: the libbpf built into that bpftool (``"6.1"`` means the
            libbpf of the Linux 6.1.192 tree Debian 12's bpftool is built
            from; ``"1.5"``, ``"1.8"`` the libbpf releases).
        description: where this reference build comes from, for ``--version``.
    """

    bpftool: str
    libbpf: str
    description: str

    # --- typed data (btf_dump__dump_type_data, btfkit.c.data) ---
    #: libbpf 1.5 prints the ``'\\0'`` that ends a char array (6.1 sets the
    #: terminated flag and prints nothing).  Upstream: "libbpf: Fix dump of
    #: subsequent char arrays" (24924003, 2024).
    data_char_nul_printed: bool = False
    #: libbpf 1.5 saves and clears ``is_array_terminated`` around each array
    #: (6.1 keeps it set for the rest of the call: later arrays print empty).
    #: Same upstream commit as ``data_char_nul_printed``.
    data_array_terminated_scoped: bool = False
    #: libbpf 1.8 has the ``emit_strings`` option (NUL-terminated char arrays
    #: as ``"..."``).  Upstream: "libbpf: Add support for printing BTF
    #: character arrays as strings" (439433a9, 2025).
    data_emit_strings: bool = False

    # --- loading ---------------------------------------------------------------------------
    #: libbpf checks every referenced type id and string offset when it
    #: parses BTF and refuses inconsistent BTF (``btf_sanity_check``): libbpf
    #: 1.3, "libbpf: Add basic BTF sanity validation".  bpftool 7.1 prints
    #: such BTF (members pointing past the last id, split BTF on the wrong
    #: base); btfkit prints it too for 7.1, with warnings, and refuses it
    #: for 7.5 and 7.8.
    sanity_checks_btf: bool = True

    # --- the C printer (libbpf btf_dump.c) and bpftool's format c (btf.c dump_btf_c) ---------
    #: libbpf 1.2 (in 1.5), e6e0e3fd "libbpf: Handle non-standardly sized
    #: enums better in BTF-to-C dumper": ``__attribute__((mode(byte)))`` on
    #: 1-byte enums, ``mode(word)`` on 8-byte ones (64-bit targets) that C
    #: would not make 8 bytes by their values.
    c_enum_mode_attr: bool = True
    #: libbpf 1.8, cc278ff7 "libbpf: Check the kflag of type tags in
    #: btf_dump": a TYPE_TAG with kind_flag is a plain attribute,
    #: ``__attribute__((address_space(1)))``.
    c_type_tag_kflag_attr: bool = False
    #: bpftool 7.5, 3e0251a "bpftool: Support dumping kfunc prototypes from
    #: BTF": ``__ksym``/``__weak`` macros after the pragma, and a
    #: ``/* BPF kfuncs */`` block of ``extern ... __weak __ksym;``
    #: prototypes (decl tag ``bpf_kfunc``) after a full dump.
    c_kfuncs: bool = True
    #: bpftool 7.8, 7cbe3da "bpftool: __bpf_fastcall for kfuncs marked with
    #: special decl_tag": the ``__bpf_fastcall`` macro block, kfuncs sorted
    #: by name, ``__bpf_fastcall`` on those tagged ``bpf_fastcall``.
    c_kfuncs_fastcall: bool = False
    #: bpftool 7.5, 0c50be2 "bpftool: Introduce btf c dump sorting": a full
    #: dump visits types by (rank, name, own name, hash, id) unless
    #: ``unsorted`` is given.  Its loop starts at the second sorted entry,
    #: so the first one is not visited (it is printed only if another type
    #: needs it).
    c_sorted: bool = True

    # --- gen (skeletons, subskeletons) and libbpf's object open ---
    # (bpftool commits from github.com/libbpf/bpftool, libbpf ones from
    # github.com/libbpf/libbpf; all are in 7.5 / libbpf 1.5 unless noted)
    # 7.5, bpftool aa95345 "bpftool: Allow compile-time checks of BPF map
    # auto-attach support in skeleton": #define BPF_SKEL_SUPPORTS_MAP_AUTO_ATTACH 1
    skel_auto_attach_macro: bool = False
    # 7.5, libbpf 5f63dbb "libbpf: Auto-attach struct_ops BPF maps in BPF
    # skeleton" (gen.c part): links.NAME for every struct_ops map, so a
    # links struct also when there are struct_ops maps but no programs.
    skel_struct_ops_links: bool = False
    # 7.5, bpftool 1b935a7 "bpftool: improve skeleton backwards compat with
    # old buggy libbpfs": s->map_skel_sz is offsetof(link) (24) or, with
    # struct_ops maps in a skeleton, sizeof (32); entries are addressed as
    # ``map = s->maps + i * map_skel_sz`` and struct_ops ones get map->link.
    skel_map_skel_sz: bool = False
    # 7.5, bpftool fc0ad76 "bpftool: Generated shadow variables for
    # struct_ops maps.": skel->struct_ops.NAME (scalars as declared, struct
    # bpf_program * for function pointers, char __unsupported_N[] /
    # __padding_N[] / __padding_end[] otherwise), set from
    # bpf_map__initial_value() in __open_opts() and the subskeleton's __open().
    skel_struct_ops_shadow: bool = False
    # 7.5, bpftool 9fd551e "bpftool: Use __typeof__() instead of typeof() in
    # BPF skeleton": the subskeleton's array / function-pointer variables.
    skel_typeof_keyword: str = "typeof"
    # 7.5, bpftool e8b7df5 "bpftool: Align output skeleton ELF code": the ELF
    # bytes are a static __aligned__(8) array, *sz = sizeof(data) - 1.
    skel_aligned_elf: bool = False
    # 7.5, bpftool 0bac781 "libbpf, selftests/bpf: Adjust libbpf, bpftool,
    # selftests to match LLVM" and bd1e316 "bpftool: rename
    # is_internal_mmapable_map into is_mmapable_map": the .addr_space.1
    # DATASEC is named "arena", and an ARENA map with global __arena
    # variables is memory-mapped in the skeleton (is_mmapable_map()).
    skel_arena: bool = False
    # libbpf 1.5, 2d042d22 "libbpf: Recognize __arena global variables.":
    # the .addr_space.1 section's data belongs to the one ARENA map.
    libbpf_arena: bool = False
    # libbpf 1.5, 3cd45b66 "libbpf: only add BPF_F_MMAPABLE flag for data
    # maps with global vars" and 0e195e45 "libbpf: clean up and refactor BTF
    # fixup step": btf_fixup_datasec() turns STV_HIDDEN/STV_INTERNAL VARs
    # static (also in linked objects, whose sizes are already set) and skips
    # extern VARs; an internal map whose DATASEC has no global VAR is not
    # BPF_F_MMAPABLE (map_is_mmapable()), so skeletons leave it out.
    libbpf_mmapable_needs_global_var: bool = False
    # libbpf 1.5, ca515c0d "selftests/bpf: Workaround for llvm nop-4 bug"
    # (its libbpf part): a NOBITS .bss.NAME section is an internal BSS map.
    libbpf_bss_subsections: bool = False
    # libbpf 1.5, 0758d8b0 "libbpf: Set btf_value_type_id of struct bpf_map
    # for struct_ops.", 465a7305 "libbpf: Use .struct_ops.link section to
    # indicate a struct_ops with a link." and fc8b86bd "libbpf: Struct_ops in
    # SEC("?.struct_ops") / SEC("?.struct_ops.link")": four struct_ops
    # sections, and a struct_ops map's value type id is its struct.
    libbpf_struct_ops_sections: bool = False
    # libbpf 1.5, 385d3448 "libbpf: Allow specifying 64-bit integers in map
    # BTF.": map_extra may also be an ENUM/ENUM64 of one value (__ulong()).
    libbpf_map_extra_ulong: bool = False
    # libbpf 1.8, 24a89cb3 "libbpf: support llvm-generated indirect jumps":
    # a .jumptables data section is read (not a map) and relocations against
    # it are accepted (1.5 and 6.1 refuse them: "bad map relo").
    libbpf_jumptables: bool = False
    # libbpf 1.8, 628b21db "libbpf: Support opening bpf objects of either
    # endianness": bpf_object__check_endianness() is gone, an object of the
    # other byte order opens (bpftool 7.8 embeds its bytes as they are).
    libbpf_any_endianness: bool = False

    # --- BTF in the newer form (btf.c) -------------------------------------------------------
    #: libbpf 1.8 reads ``btf_type.info`` as vlen:24, kind:7 and skips kinds
    #: it does not know through the header's layout section ("bpf: Extend
    #: BTF UAPI vlen, kinds to use unused bits", 9801e029; "libbpf: Add
    #: layout encoding support", aa9d4c32); earlier releases refuse BTF
    #: that needs either (see :mod:`btfkit.compat`).
    wide_type_info: bool = False

    # --- btf dump of several files (btfkit.dedup) ---
    #: bpftool 7.8 takes ``file F`` more than once and dumps the files merged
    #: on their base (``btf__add_btf`` of each, then ``btf__dedup``): bpftool
    #: 1664891 "bpftool: Support merging multiple module BTFs in btf dump",
    #: on libbpf ddb0c14f "libbpf: Support appending split BTF in
    #: btf__add_btf()".  bpftool 7.1 and 7.5 read one file and stop at the
    #: second ``file``: "unrecognized option: 'file'".
    dump_merges_files: bool = False

    @property
    def key(self) -> tuple[int, ...]:
        """The bpftool version as a tuple of ints, for ``>=`` comparisons."""
        return tuple(int(p) for p in self.bpftool.split("."))

    def at_least(self, version: str) -> bool:
        """Whether this release is ``version`` (``"7.5"``) or newer."""
        return self.key >= tuple(int(p) for p in version.split("."))


# --- gen (skeletons, subskeletons) and libbpf's object open ---
# what bpftool 7.5 / libbpf 1.5 changed in gen, kept by 7.8
_GEN_75: dict[str, Any] = dict(skel_auto_attach_macro=True, skel_struct_ops_links=True, skel_map_skel_sz=True,
               skel_struct_ops_shadow=True, skel_typeof_keyword="__typeof__",
               skel_aligned_elf=True, skel_arena=True, libbpf_arena=True, libbpf_mmapable_needs_global_var=True,
               libbpf_bss_subsections=True, libbpf_struct_ops_sections=True, libbpf_map_extra_ulong=True)

#: Every release btfkit reproduces, oldest first.
RELEASES: dict[str, Release] = {
    "7.1": Release("7.1", "6.1", "bpftool 7.1.0, libbpf of Linux 6.1.192 (Debian 12)",
                   sanity_checks_btf=False, c_enum_mode_attr=False, c_kfuncs=False, c_sorted=False),
    "7.5": Release("7.5", "1.5", "bpftool 7.5.0, libbpf 1.5 (Linux 6.12 LTS)",
                   **_GEN_75, data_char_nul_printed=True, data_array_terminated_scoped=True),
    "7.8": Release("7.8", "1.8", "bpftool 7.8.0, libbpf 1.8 (upstream)",
                   **_GEN_75, libbpf_any_endianness=True, libbpf_jumptables=True,
                   c_type_tag_kflag_attr=True, c_kfuncs_fastcall=True, wide_type_info=True,
                   dump_merges_files=True,
                   data_char_nul_printed=True, data_array_terminated_scoped=True, data_emit_strings=True),
}

#: The release used when neither the caller nor ``BTFKIT_BPFTOOL`` names one.
DEFAULT = "7.8"


def release(which: "str | Release | None" = None) -> Release:
    """The :class:`Release` named by ``which`` (``"7.1"``, ``"7.5"``, ``"7.8"``,
    also ``"v7.8"`` or ``"7.8.0"``); ``None`` reads ``BTFKIT_BPFTOOL``, then
    :data:`DEFAULT`.  An unknown name raises :class:`~btfkit.errors.BtfError`."""
    if isinstance(which, Release):
        return which
    name = which if which is not None else (os.environ.get(ENV_VAR) or DEFAULT)
    key = name.strip().lstrip("v")
    if key.count(".") == 2 and key.endswith(".0"):
        key = key[:-2]
    try:
        return RELEASES[key]
    except KeyError:
        known = ", ".join(RELEASES)
        raise BtfError(f"unknown bpftool release {name!r} (known: {known})") from None
