"""Mutation fuzzing over the corpora: whatever the bytes, btfkit either works
or raises BtfError — never IndexError, struct.error, RecursionError, a hang.

Runs derandomised (the same examples every run, so CI is stable); set
BTFKIT_FUZZ_EXAMPLES to go further locally.  Inputs that once crashed are
kept in corpora/crashers/ and replayed first."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import btfkit
from btfkit.errors import BtfError
from btfkit.c import dump_header
from btfkit.raw import dump_json, dump_raw

from btfbuild import sample
from conftest import need_glob, no_hang

EXAMPLES = int(os.environ.get("BTFKIT_FUZZ_EXAMPLES", "150"))


def seeds() -> list[bytes]:
    objs = need_glob("obj/*.o")
    small = [p.read_bytes() for p in objs if p.stat().st_size < 40_000][:6]
    raw = [sample("little").build(), sample("big").build()]
    return raw + small


SEEDS = seeds()




def exercise(data: bytes) -> None:
    """Everything a user can ask of a file; only BtfError may come out."""
    with no_hang(60):
        try:
            btf = btfkit.load(data)
            btf.validate()
            dump_raw(btf)
            dump_json(btf)
            btf.to_bytes()
            if btf.ext is not None:
                pass
            dump_header(btf)
        except BtfError:
            pass


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["byte", "word", "truncate", "zero"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "byte" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "word" and len(data) >= 4:
            pos = min(pos, len(data) - 4) & ~3
            data[pos:pos + 4] = draw(st.sampled_from([b"\xff\xff\xff\xff", b"\0\0\0\0", b"\x01\0\0\0", b"\0\0\0\x80", b"\0\0\x13\x00", b"\x10\0\0\0"]))
        elif op == "truncate":
            del data[pos:]
        elif op == "zero" and data:
            end = min(len(data), pos + draw(st.integers(1, 64)))
            data[pos:end] = bytes(end - pos)
    return bytes(data)


@settings(max_examples=EXAMPLES, derandomize=not os.environ.get("BTFKIT_FUZZ_RANDOM"), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutations_only_raise_btferror(data):
    exercise(data)


@pytest.mark.parametrize("path", need_glob("crashers/*.bin"), ids=lambda p: p.name)
def test_former_crashers(path):
    exercise(path.read_bytes())


