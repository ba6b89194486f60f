"""btfkit data: object globals, --type decoding, JSON, bad input."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

import btfkit
from btfkit.c.dumper import CDumper
from btfkit_cli.main import main

ROOT = Path(__file__).resolve().parent.parent
KINDS = str(ROOT / "corpora" / "obj" / "kinds.bpfel.o")
SECTIONS = str(ROOT / "corpora" / "obj" / "sections.bpfel.o")


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_type_hex_many_values_piped_is_libbpf_text():
    btf = btfkit.load(KINDS)
    tid = btf.find("int")[0]
    code, out, err = run(["data", KINDS, "--type", "int", "--hex", "0x01 0x00 0x00 0x00 0xff 0xff 0xff 0xff",
                          "--bpftool", "7.1"])
    assert code == 0, err
    d = CDumper(btf, bpftool="7.1")
    assert out == d.dump_type_data(tid, b"\1\0\0\0") + "\n" + d.dump_type_data(tid, b"\xff" * 4) + "\n"
    assert out == "(int)1\n(int)-1\n"


def test_type_json_and_offset():
    code, out, err = run(["data", KINDS, "--type", "int", "--hex", "ff 02000000", "--offset", "1", "--json"])
    assert code == 0, err
    assert json.loads(out) == 2


def test_globals_sections_text_and_json():
    code, out, err = run(["data", SECTIONS, "--bpftool", "7.8"])
    assert code == 0, err
    assert 'SEC(".data")' in out and "data_int = (int)1" in out
    code, out, err = run(["data", SECTIONS, "--json"])
    assert code == 0, err
    vals = json.loads(out)
    assert {"data_int": 1, "anon_data": {"a": 7, "b": 8}, "data_str": "abc"} in vals


def test_globals_match_bpftool_gen_rodata_size():
    # every DATASEC printed, one line per section when piped
    code, out, _ = run(["data", SECTIONS])
    names = subprocess.run(["bpftool", "btf", "dump", "file", SECTIONS], capture_output=True, text=True,
                           check=True).stdout.count("DATASEC")
    assert out.count("SEC(") == names


@pytest.mark.parametrize("argv,needle", [
    (["data", KINDS, "--type", "nosuch", "--hex", "01"], "nosuch"),
    (["data", KINDS, "--type", "int", "--hex", "zz"], "not hex"),
    (["data", KINDS, "--type", "int", "--hex", "01"], "needs 4"),
    (["data", str(ROOT / "README.md")], "README.md"),
])
def test_bad_input_one_line(argv, needle):
    code, out, err = run(argv)
    assert code != 0
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_terminal_tree_shows_c_types_and_enum_names():
    """In a terminal the value is a tree of C declarations and values."""
    import io as _io

    from rich.console import Console

    import btfkit
    from btfkit.values import decode
    from btfkit_cli.cmd_data import value_tree

    btf = btfkit.load(KINDS)
    tid = btf.find("bits")[0]
    data = bytes(range(1, 1 + btf[tid].size))
    con = Console(file=_io.StringIO(), width=100, color_system=None)
    con.print(value_tree(btf, tid, decode(btf, tid, data)))
    text = con.file.getvalue()
    assert text.startswith(f"[{tid}] struct bits\n")
    assert "unsigned int a:1 = 1" in text
    assert "unsigned long long wide:40 = " in text
    assert "enum {...} e:2 = BIT_OFF" in text
