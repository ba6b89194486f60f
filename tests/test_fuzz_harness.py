"""The fuzz harness (fuzz/) in CI: every seed, every saved finding and every
crasher through every target, then a short derandomised mutation pass per
target without atheris (so CI needs no fuzzer).  The only exception a
target may raise is BtfError (fuzz/targets.py:run_one); a hang is caught by
the per-input alarm.  fuzz/README.md says how to run the long campaign."""

from __future__ import annotations

import lzma
import random
import sys

import pytest

from conftest import CORPORA, ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
import targets  # noqa: E402

MUTATIONS = 25  # per target and seed family, derandomised


def _findings() -> list:
    found = [p for p in (ROOT / "fuzz" / "findings").iterdir() if p.is_file() and p.suffix != ".md"]
    found += [p for p in (CORPORA / "crashers").iterdir() if p.suffix not in (".py", ".md")]
    return sorted(found)


def _data(p) -> bytes:
    raw = p.read_bytes()
    return lzma.decompress(raw) if p.suffix == ".xz" else raw


def test_every_target_has_seeds():
    for t in targets.TARGETS:
        assert targets.seeds_for(t), t


@pytest.mark.parametrize("target", list(targets.TARGETS))
def test_seeds(target):
    for s in targets.seeds_for(target):
        targets.run_one(target, s.read_bytes())


@pytest.mark.parametrize("target", list(targets.TARGETS))
def test_findings_and_crashers(target):
    for p in _findings():
        data = _data(p)
        if len(data) > 300_000 and target in ("c", "layout", "tree", "emit_decl"):
            continue  # the 100k-deep chains: covered by tests/test_crashers.py
        targets.run_one(target, data)


def mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        pos = rng.randrange(len(b)) if b else 0
        if op < 0.35 and b:
            b[pos] = rng.randrange(256)
        elif op < 0.6 and len(b) >= 4:
            pos &= ~3
            b[pos:pos + 4] = rng.choice([b"\xff\xff\xff\xff", b"\0\0\0\0", b"\x01\0\0\0", b"\0\0\0\x80",
                                        b"\0\0\x13\x00", b"\x10\0\0\0", b"\x02\0\0\x04", b"\0\0\x00\x0d"])
        elif op < 0.75:
            del b[pos:]
        elif op < 0.9 and b:
            end = min(len(b), pos + rng.randint(1, 64))
            b[pos:end] = bytes(end - pos)
        elif b:
            # copy a slice over another: records and headers get reused
            src = rng.randrange(len(b))
            n = rng.randint(1, 32)
            b[pos:pos + n] = b[src:src + n]
    return bytes(b)


@pytest.mark.parametrize("target", list(targets.TARGETS))
def test_derandomised_mutations(target):
    rng = random.Random(f"btfkit-{target}")
    seeds = [s.read_bytes() for s in targets.seeds_for(target)]
    for _ in range(MUTATIONS * 4):
        targets.run_one(target, mutate(rng, rng.choice(seeds)))
