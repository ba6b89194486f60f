"""The closing statistics of a struct in ``pahole -C`` text: what
dwarves_fprintf.c's ``__class__fprintf`` counts while it prints the members
(:class:`StructSums`) and the ``/* size: ..., cachelines: ... */`` block it
ends with (:func:`stats_text`).
"""

from __future__ import annotations

from .model import Layout

__all__ = ["StructSums", "stats_text", "plural"]


def plural(n: int, word: str) -> str:
    """``'1 byte'``, ``'2 bytes'``: pahole's ``%d byte%s``."""
    return f"{n} {word}{'s' if n != 1 else ''}"


class StructSums:
    """What __class__fprintf counts while it prints one struct's members
    (an accumulator, filled by :class:`~btfkit.layout.fprintf.ClassPrinter`)."""

    __slots__ = ("tabs", "newline", "sum_bytes", "sum_bits", "sum_holes", "sum_bit_holes", "nr_paddings",
                 "sum_paddings", "nr_forced", "nr_forced_holes", "sum_forced_holes")

    def __init__(self, tabs: str) -> None:
        self.tabs = tabs
        """The members' indent."""
        self.newline = 0
        """Comments printed since the last blank line."""
        self.sum_bytes = 0
        """Bytes of the members that are not bitfields."""
        self.sum_bits = 0
        """Bits of the bitfield members."""
        self.sum_holes = 0
        """Bytes in holes, the one before the first member included."""
        self.sum_bit_holes = 0
        """Bits in bit holes, the one before the first member included."""
        self.nr_paddings = 0
        """Members whose struct type ends in padding."""
        self.sum_paddings = 0
        """Bytes of that padding."""
        self.nr_forced = 0
        """Members with an inferred ``__aligned__``."""
        self.nr_forced_holes = 0
        """Holes before such members."""
        self.sum_forced_holes = 0
        """Bytes in those holes."""


def stats_text(sums: StructSums, lay: Layout, cacheline: int) -> str:
    """__class__fprintf's closing statistics (``/* size: ... */`` to the
    ``BRAIN FART ALERT`` a layout that does not add up gets)."""
    tabs = sums.tabs
    n = len(lay.members)
    out = [f"\n{tabs}/* size: {lay.size}, cachelines: {lay.cachelines}, members: {n} */\n"]
    if sums.sum_holes > 0 or sums.sum_bit_holes > 0:
        if sums.sum_bytes > 0:
            s = f"{tabs}/* sum members: {sums.sum_bytes}"
            if sums.sum_holes > 0:
                s += f", holes: {lay.nr_holes}, sum holes: {sums.sum_holes}"
            out.append(s + " */\n")
        if sums.sum_bits > 0:
            s = f"{tabs}/* sum bitfield members: {sums.sum_bits} bits"
            if sums.sum_bit_holes > 0:
                s += f", bit holes: {lay.nr_bit_holes}, sum bit holes: {sums.sum_bit_holes} bits"
            else:
                s += f" ({sums.sum_bits // 8} bytes)"
            out.append(s + " */\n")
    if lay.padding > 0:
        out.append(f"{tabs}/* padding: {lay.padding} */\n")
    if sums.nr_paddings > 0:
        out.append(f"{tabs}/* paddings: {sums.nr_paddings}, sum paddings: {sums.sum_paddings} */\n")
    if lay.bit_padding > 0:
        out.append(f"{tabs}/* bit_padding: {lay.bit_padding} bits */\n")
    if sums.nr_forced:
        s = f"{tabs}/* forced alignments: {sums.nr_forced}"
        if sums.nr_forced_holes:
            s += f", forced holes: {sums.nr_forced_holes}, sum forced holes: {sums.sum_forced_holes}"
        out.append(s + " */\n")
    last_cl = (lay.offset + lay.size) % cacheline
    if last_cl:
        out.append(f"{tabs}/* last cacheline: {last_cl} bytes */\n")
    diff = lay.size * 8 - (sums.sum_bytes * 8 + sums.sum_bits + sums.sum_holes * 8 + sums.sum_bit_holes
                           + lay.padding * 8 + lay.bit_padding)
    if diff and n:
        out.append(f"\n{tabs}/* BRAIN FART ALERT! {lay.size} bytes != {sums.sum_bytes} (member bytes) + "
                   f"{sums.sum_bits} (member bits) + {sums.sum_holes} (byte holes) + {sums.sum_bit_holes} "
                   f"(bit holes), diff = {diff} bits */\n")
    return "".join(out)
