"""Btf's word walk against the byte walk.

``Btf._parse_type_words`` finds each record's first word only; the kinds,
name offsets and byte offsets are read from the words on first use, one
type's kind (``kind_of``) and the ids of one name (``find``, searching the
section's bytes for the name offset) without reading them all, and the
pointer size from the first INTs.  The reference is
``Btf._parse_type_bytes``, the walk over the bytes that reads every record's
header (btf_parse_type_sec): every corpus object and BTF file, the frozen
kernel and split kernel modules.
"""

from __future__ import annotations

import pytest

import btfkit
import btfkit.btf as btf_mod
from btfkit.btf import Btf
from btfkit.errors import BtfError

from conftest import CORPORA, need_glob, xz_to


def _reference(btf: Btf):
    offs, kinds, names = btf._parse_type_bytes(btf._type_start, btf._type_end)
    return list(offs), bytes(kinds), list(names)


def _fresh(btf: Btf) -> Btf:
    """The same blob loaded again: nothing read on first use yet."""
    again = Btf(btf.data, base=btf.base, source=btf.source)
    assert again._words is not None and again._kinds_b is None and again._name_offs_b is None
    return again


def _ids_named(btf: Btf, ref_names: list[int], name: str) -> list[int]:
    want = set(btf._string_offsets(name.encode("utf-8", "surrogateescape")))
    return [btf.start_id + i for i, no in enumerate(ref_names) if no in want]


def _check(btf: Btf, names_to_find: list[str]) -> None:
    offs, kinds, names = _reference(btf)
    assert btf.nr_types == len(offs)
    # one type's kind, before the kinds are read
    b = _fresh(btf)
    assert bytes(b.kind_of(i) for i in b.ids()) == kinds
    assert b._kinds_b is None
    # the ids of a name, before the name offsets are read
    b = _fresh(btf)
    for name in names_to_find:
        assert b.find(name)[len(b.base.find(name)) if b.base else 0:] == _ids_named(b, names, name), name
    # the pointer size, before the kinds are read (base BTF: split BTF
    # takes the base's when the base knows one)
    b = _fresh(btf)
    expect = _ptr_size_reference(btf, kinds, names) if btf.base is None else None
    if expect is not None:
        assert b._determine_ptr_size() == expect
    # everything read at once
    b = _fresh(btf)
    assert bytes(b._kinds) == kinds == bytes(b.record_kinds)
    assert list(b._name_offs) == names == list(b.name_offsets)
    assert list(b._offs) == offs == list(b.record_offsets)
    assert b._determine_ptr_size() == btf._determine_ptr_size()


def _ptr_size_reference(btf: Btf, kinds: bytes, names: list[int]) -> int:
    words, starts = btf.record_words()
    for i, k in enumerate(kinds):
        if k == 1:  # INT
            size = words[starts[i] + 2]
            if size in (4, 8):
                try:
                    name = btf.str_at(names[i])
                except BtfError:
                    continue
                if name in btf_mod._LONG_ALIASES:
                    return size
    return -1


def _sample_names(btf: Btf, every: int) -> list[str]:
    names = sorted(btf.name_index())
    # absent names, names only members carry, and every n-th type name
    return names[::every] + ["no_such_name_anywhere", "next", "prev", "val", "x", "int", "long int"]


def test_corpus_objects_and_btf_files():
    files = need_glob("obj/*.o") + need_glob("c_cases/*.o") + need_glob("layout/**/*.o") + need_glob("crashers/*.btf")
    checked = 0
    for path in files:
        try:
            btf = btfkit.load(str(path))
        except BtfError:
            continue  # a crasher the loader refuses: test_bad_input's
        _check(btf, _sample_names(btf, 1))
        checked += 1
    assert checked > 60


@pytest.mark.parametrize("max_hits", [0, 1, 256, 10**9])
def test_frozen_kernel(frozen_vmlinux, monkeypatch, max_hits):
    # 0: every name falls back to reading all name offsets; 10**9: never
    monkeypatch.setattr(btf_mod, "_MAX_NAME_HITS", max_hits)
    btf = btfkit.load(str(frozen_vmlinux))
    _check(btf, _sample_names(btf, 401 if max_hits in (1, 256) else 4001))


def test_split_modules(unpacked):
    base = btfkit.load(xz_to(need_glob("modules/vmlinux-*.btf.xz")[0], unpacked))
    mods = [p for p in need_glob("modules/*.btf.xz") if not p.name.startswith("vmlinux")]
    assert mods
    for p in mods:
        btf = btfkit.load(xz_to(p, unpacked), base=base)
        _check(btf, _sample_names(btf, 37) + ["task_struct", "sk_buff"])


def test_sysfs_files_read_through_a_mapping_are_the_files_bytes(live_vmlinux):
    # btfkit.loader maps /sys/kernel/btf files where the kernel allows it
    # (vmlinux, Linux 6.16+) and reads the others: the same bytes either way
    from btfkit.loader import _map_sysfs, read_file

    paths = sorted(live_vmlinux.parent.iterdir())
    for p in paths:
        with open(p, "rb") as f:
            want = f.read()
        mapped = _map_sysfs(str(p))
        assert mapped is None or mapped == want, p
        assert read_file(str(p)) == want, p
