"""How opening a BPF object fails: :class:`BpfObjectError` and libbpf's
error codes (``libbpf_errno.c``)."""

from __future__ import annotations

import errno as _errno
import os

from ..errors import BtfError

__all__ = ["BpfObjectError", "libbpf_strerror", "LIBBPF_ERRNO__LIBELF", "LIBBPF_ERRNO__FORMAT",
           "LIBBPF_ERRNO__ENDIAN", "LIBBPF_ERRNO__INTERNAL", "LIBBPF_ERRNO__RELOC"]

# libbpf_errno.c: the libbpf-specific error codes and their strings
__LIBBPF_ERRNO__START = 4000
LIBBPF_ERRNO__LIBELF = 4000
LIBBPF_ERRNO__FORMAT = 4001
LIBBPF_ERRNO__ENDIAN = 4003
LIBBPF_ERRNO__INTERNAL = 4004
LIBBPF_ERRNO__RELOC = 4005
_LIBBPF_STRERROR = {
    4000: "Something wrong in libelf",
    4001: "BPF object format invalid",
    4002: "'version' section incorrect or lost",
    4003: "Endian mismatch",
    4004: "Internal error in libbpf",
    4005: "Relocation failed",
    4007: "Kernel verifier blocks program loading",
    4008: "Program too big",
    4009: "Incorrect kernel version",
    4010: "Kernel doesn't support this program type",
    4011: "Wrong pid in netlink message",
    4012: "Invalid netlink sequence",
    4013: "Incorrect netlink message parsing",
}


def libbpf_strerror(err: int) -> str:
    """libbpf_strerror(): the text of an errno or a LIBBPF_ERRNO__* code."""
    err = abs(err)
    if err < __LIBBPF_ERRNO__START:
        return os.strerror(err)
    return _LIBBPF_STRERROR.get(err, f"Unknown libbpf error {err}")


class BpfObjectError(BtfError):
    """libbpf would fail to open this object.

    ``detail`` is libbpf's warning (what it prints as ``libbpf: ...``),
    ``errno`` the (positive) error code and ``strerror`` its text, as bpftool
    prints it after "failed to open BPF object file: "."""

    errno: int
    """The positive error code: an ``errno`` value or a ``LIBBPF_ERRNO__*``."""

    def __init__(self, message: str, *, source: str | None = None, errno: int = _errno.EINVAL) -> None:
        super().__init__(message, source=source)
        self.errno = abs(errno)

    @property
    def strerror(self) -> str:
        """:func:`libbpf_strerror` of :attr:`errno`."""
        return libbpf_strerror(self.errno)

    def with_source(self, source: str) -> "BpfObjectError":
        if self.source:
            return self
        err = type(self)(self.detail, source=source, errno=self.errno)
        err.__cause__ = self.__cause__
        return err
