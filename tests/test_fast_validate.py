"""Btf.validate()/problems() check the raw words first (Btf._raw_words_clean)
and fall back to decoding every record only when something looks wrong.  The
fast check must never call clean what the decoding path rejects: compared here
on mutated type sections of the corpora (both byte orders), word by word."""

from __future__ import annotations

import os
import random

import pytest

import btfkit
from btfkit.errors import BtfError

from btfbuild import sample
from conftest import need_glob

ROUNDS = int(os.environ.get("BTFKIT_FAST_VALIDATE_ROUNDS", "300"))
# words that make ids, names and kinds go out of range or change meaning
_WORDS = (0xFFFFFFFF, 0, 1, 0x80000000, 0x0D000000, 0x0C000001, 0x7FFF, 0x10000)


def slow_outcome(btf: btfkit.Btf) -> list[str] | str:
    """What the decoding path says: its problems, or the error it raises."""
    try:
        btf._raw_words_clean = lambda: False  # type: ignore[method-assign]
        return [str(e) for e in btf.problems()]
    except BtfError as err:
        return f"raises {err}"


def outcome(btf: btfkit.Btf) -> list[str] | str:
    try:
        return [str(e) for e in btf.problems()]
    except BtfError as err:
        return f"raises {err}"


def seeds() -> list[bytes]:
    objs = [p for p in need_glob("obj/*.o") if p.stat().st_size < 60_000][:4]
    out = [sample("little").build(), sample("big").build()]
    for p in objs:
        out.append(btfkit.load(str(p)).data)
    return out


@pytest.mark.parametrize("seed_no", range(len(seeds())))
def test_fast_check_agrees_with_decoding(seed_no):
    data = seeds()[seed_no]
    clean = btfkit.load(data)
    assert clean._raw_words_clean() and outcome(clean) == [] == slow_outcome(btfkit.load(data))
    t0, tend = clean._type_start, clean._type_end
    rng = random.Random(seed_no)
    order = "little" if clean.byteorder == "little" else "big"
    flagged = 0
    for _ in range(ROUNDS):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            pos = t0 + 4 * rng.randrange((tend - t0) // 4)
            buf[pos:pos + 4] = rng.choice(_WORDS).to_bytes(4, order)
        try:
            fast_btf = btfkit.load(bytes(buf))
        except BtfError:
            continue  # the parse itself refused it
        fast = outcome(fast_btf)
        slow = slow_outcome(btfkit.load(bytes(buf)))
        assert fast == slow
        if slow:
            flagged += 1
            assert not btfkit.load(bytes(buf))._raw_words_clean()
    assert flagged > ROUNDS // 10, "mutations too gentle to test anything"


def test_walked_refs_are_the_printers():
    """validate()'s walk keeps the ids it gathered for the C printer
    (RawTypes.referenced_ids: btf_dump_mark_referenced's marks and the
    largest prototype return id); they must be exactly what the printer's
    own walk of every record finds, on the corpora, the frozen and the
    running kernel, and mutated sections that still validate."""
    from btfkit.words import RawTypes

    paths = [str(p) for p in need_glob("obj/*.o")] + ["/sys/kernel/btf/vmlinux"]
    blobs = [btfkit.load(p).data for p in paths if os.path.exists(p)]
    rng = random.Random(5)
    for data in list(blobs[:6]):
        b = btfkit.load(data)
        t0, tend = b._type_start, b._type_end
        for _ in range(40):
            buf = bytearray(data)
            pos = t0 + 4 * rng.randrange((tend - t0) // 4)
            buf[pos:pos + 4] = rng.randrange(b.type_count).to_bytes(4, b.byteorder)
            blobs.append(bytes(buf))
    walked = 0
    for data in blobs:
        try:
            own = btfkit.load(data)
            want = RawTypes(own)
            want_ids = want.referenced_ids(1)
            own.validate()
        except BtfError:
            continue
        got = RawTypes(own)
        if own.refs_walked() is None:
            continue
        walked += 1
        assert got.referenced_ids(1) == want_ids
        assert got.max_proto_ret == want.max_proto_ret
    assert walked > len(paths)


@pytest.mark.parametrize("seed", range(40))
def test_u32_all_below_is_max_below(seed: int) -> None:
    """The fast check's range test on u32 arrays (one big int, 24-bit
    lanes) says what ``max(values) < bound`` says: random arrays and bounds,
    and the values at and around the bound and the lanes' limits."""
    from array import array

    from btfkit.btf import _u32_all_below

    rnd = random.Random(seed)
    edges = (0, 1, 2, (1 << 24) - 2, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 31), 0xFFFFFFFF)
    for _ in range(50):
        bound = rnd.choice((rnd.randrange(1, 1 << 24), rnd.choice(edges), rnd.randrange(1 << 32), 0))
        near = [v for v in (bound - 1, bound, bound + 1) if 0 <= v <= 0xFFFFFFFF]
        n = rnd.choice((0, 1, 2, 7, 100))
        values = array("I", (rnd.choice((rnd.randrange(max(bound, 1)), rnd.choice(near + list(edges)),
                                         rnd.randrange(1 << 32))) for _ in range(n)))
        assert _u32_all_below(values, bound) == (not values or max(values) < bound), (list(values), bound)
