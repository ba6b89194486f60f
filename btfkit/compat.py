"""Which BTF a release's libbpf can read: the newer form's refusals.

libbpf 1.8 decodes ``btf_type.info`` as vlen:24, kind:7, kflag:1 and skips
kinds it does not know through the layout section.  Earlier libbpf (the
Linux 6.1 tree's, 1.5) read vlen as 16 bits and know no layout section, so
a type with vlen > 0xffff or a kind past ENUM64 makes ``btf__parse`` fail
with EINVAL ("failed to load BTF from FILE: Invalid argument" in bpftool
7.1 and 7.5).  :func:`check_readable` reproduces that refusal as one
:class:`~btfkit.errors.BtfError` instead of printing what they cannot.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any

from .errors import BtfError
from .fields import INFO
from .kinds import NR_KINDS
from .releases import Release


def check_readable(btf: Any, rel: Release) -> None:
    """Raise :class:`BtfError` when ``rel``'s libbpf could not parse ``btf``
    (or its base): a type whose vlen needs more than 16 bits or whose kind
    only a layout table describes.  No-op for releases with
    :attr:`Release.wide_type_info`."""
    if rel.wide_type_info:
        return
    b = btf
    while b is not None:
        # the quick look: every kind known, no vlen above 16 bits
        w, starts = b.record_words()
        if (not b.record_kinds or max(b.record_kinds) < NR_KINDS) and b.layout is None \
                and not any(w[i + INFO] & 0xFF0000 for i in starts):
            b = b.base
            continue
        unpack = b.schemas.fmt.type_header.unpack_from
        data = b.data
        for idx, off in enumerate(b.record_offsets):
            _, info, _ = unpack(data, off)
            kind, vlen = (info >> 24) & 0x7F, info & 0xFFFFFF
            if vlen > 0xFFFF or kind >= NR_KINDS:
                what = f"vlen {vlen} > 65535" if vlen > 0xFFFF else f"kind {kind} (described only by the layout section)"
                raise BtfError(
                    f"failed to load BTF: type [{b.start_id + idx}] has {what}, which libbpf {rel.libbpf} "
                    f"(bpftool {rel.bpftool}) cannot read (Invalid argument); bpftool 7.8 can",
                    source=b.source)
        b = b.base
