"""btfkit.load(): raw BTF, ELF objects with .BTF, and split BTF on a base."""

from __future__ import annotations

import os

from .btf import Btf
from .errors import BtfError, BtfParseError, ElfError

SYS_BTF_DIR = "/sys/kernel/btf"
SYS_VMLINUX = "/sys/kernel/btf/vmlinux"


def read_file(path: str) -> bytes:
    """The file's bytes; a missing or unreadable file is a one-line BtfError."""
    if path.startswith(SYS_BTF_DIR + "/"):
        data = _map_sysfs(path)
        if data is not None:
            return data
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise BtfError("no such file", source=path) from None
    except IsADirectoryError:
        raise BtfError("is a directory", source=path) from None
    except OSError as err:
        raise BtfError(err.strerror or str(err), source=path) from None


def _map_sysfs(path: str) -> bytes | None:
    """The bytes of a file of /sys/kernel/btf through a private read-only
    mapping, where the kernel offers one (vmlinux, since Linux 6.16): sysfs
    hands read() 4 KiB a call, 1300 calls for a kernel's BTF.  None where it
    cannot be mapped (older kernels, modules' BTF): read it then."""
    import mmap

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None  # read() says why
    try:
        size = os.fstat(fd).st_size
        if size <= 0:
            return None
        with mmap.mmap(fd, size, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ) as mm:
            return mm[:]
    except (OSError, ValueError, OverflowError):
        return None
    finally:
        os.close(fd)


def load(src: "str | os.PathLike[str] | bytes | bytearray | memoryview", base: "Btf | str | os.PathLike[str] | bytes | None" = None) -> Btf:
    """Load BTF from a path or bytes.

    ``src`` is raw BTF (as in ``/sys/kernel/btf/*``) or an ELF file with a
    ``.BTF`` section (its ``.BTF.ext`` is read too).  ``base`` is the base BTF
    of split BTF (a Btf, a path or bytes).  A file under ``/sys/kernel/btf/``
    other than ``vmlinux`` takes ``/sys/kernel/btf/vmlinux`` as its base
    without being told.
    """
    if isinstance(src, (bytes, bytearray, memoryview)):
        data, source = bytes(src), "<bytes>"
    else:
        source = os.fspath(src)
        data = read_file(source)
        if base is None:
            # (os.path, not pathlib: importing pathlib costs a view about 10 ms)
            head, name = os.path.split(os.path.normpath(source))
            if head == SYS_BTF_DIR and name != "vmlinux":
                base = SYS_VMLINUX
    if base is not None and not isinstance(base, Btf):
        base = load(base)
    if data[:4] == b"\x7fELF":
        from .elf import ElfFile
        from .schema.elf_formats import ELFCLASS32
        elf = ElfFile(data, source=source)
        sec = elf.section(".BTF")
        if sec is None:
            raise ElfError("ELF file has no .BTF section (was it built with -g?)", source=source)
        btf = Btf(elf.section_data(sec), base=base, source=source)
        btf.elf = elf
        # btf__parse_elf(): the pointer size follows the ELF class
        btf.set_pointer_size(4 if elf.elfclass == ELFCLASS32 else 8)
        ext = elf.section(".BTF.ext")
        if ext is not None:
            btf.attach_ext(elf.section_data(ext))
        return btf
    if len(data) >= 2 and data[:2] not in (b"\x9f\xeb", b"\xeb\x9f"):
        raise BtfParseError(f"offset 0: not BTF (bad magic 0x{data[0]:02x}{data[1]:02x}, want 0xeb9f) and not ELF", source=source)
    return Btf(data, base=base, source=source)
