"""btfkit.schema.btf_formats (struct formats without construct, for start-up)
must say exactly what the construct schemas of btfkit.schema.btf say."""

from __future__ import annotations

import subprocess
import sys

import construct as cs
import pytest

from btfkit.schema import btf as schema
from btfkit.schema import btf_formats as fast


@pytest.mark.parametrize("order", ["little", "big"])
def test_formats_equal_the_schemas(order):
    sch = schema.btf_schemas(order)
    assert set(vars(sch.fmt)) == set(vars(fast.formats(order)))
    for rec in vars(sch.fmt):
        assert fast.formats(order).__dict__[rec].format == sch.fmt.__dict__[rec].format, rec
        construct_rec = getattr(sch, rec, None)
        if construct_rec is None:
            continue  # u32: a format only
        got = [(sc.name, (sc.subcon if isinstance(sc, cs.Renamed) else sc).fmtstr[1:]) for sc in construct_rec.subcons]
        assert tuple(got) == fast.FIELDS[rec], rec
        assert fast.words(rec) * 4 == construct_rec.sizeof()


def test_constants_and_byteorder_equal_the_schema():
    assert (fast.BTF_VERSION, fast.HDR_LEN_V1, fast.HDR_LEN_LAYOUT) == \
        (schema.BTF_VERSION, schema.HDR_LEN_V1, schema.HDR_LEN_LAYOUT)
    for data in (b"\x9f\xeb\1\0", b"\xeb\x9f\0\1", b"\0\0", b""):
        assert fast.detect_byteorder(data) == schema.detect_byteorder(data)


def test_loading_btf_does_not_import_construct(tmp_path):
    # what a one-type view pays for at start-up
    code = ("import sys, btfkit; b = btfkit.load(sys.argv[1]); b.find_one('int'); "
            "b.validate(); assert 'construct' not in sys.modules, 'construct imported'")
    from btfbuild import sample
    f = tmp_path / "s.btf"
    f.write_bytes(sample("little").build())
    subprocess.run([sys.executable, "-c", code, str(f)], check=True)


@pytest.mark.parametrize("order", ["little", "big"])
@pytest.mark.parametrize("elfclass", [1, 2])
def test_elf_formats_equal_the_schemas(elfclass, order):
    from btfkit.schema import elf as elf_schema
    from btfkit.schema import elf_formats as elf_fast
    sch = elf_schema.elf_schemas(elfclass, order)
    fast_fmt = elf_fast.formats(elfclass, order)
    assert set(vars(sch.fmt)) == set(vars(fast_fmt)) == set(elf_fast.FIELDS(elfclass))
    for rec in vars(sch.fmt):
        assert fast_fmt.__dict__[rec].format == sch.fmt.__dict__[rec].format, rec
        got = [(sc.name, (sc.subcon if isinstance(sc, cs.Renamed) else sc).fmtstr[1:])
               for sc in getattr(sch, rec).subcons]
        assert tuple(got) == elf_fast.FIELDS(elfclass)[rec], rec


def test_opening_an_object_does_not_import_construct():
    # what `btfkit gen` pays for at start-up
    from conftest import ROOT
    obj = ROOT / "corpora" / "obj" / "lib_counter.bpfel.o"
    code = ("import sys; from btfkit.gen.subskeleton import gen_subskeleton; "
            "out = gen_subskeleton(sys.argv[1], 'x'); assert 'struct x' in out, out[:200]; "
            "assert 'construct' not in sys.modules, 'construct imported'")
    subprocess.run([sys.executable, "-c", code, str(obj)], check=True)
