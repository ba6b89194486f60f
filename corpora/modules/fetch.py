#!/usr/bin/env python3
"""Fetch real split BTF: Debian 12's kernel image package and its modules.

Downloads the pinned linux-image package with `apt-get download` (into a
scratch directory, never the repository), unpacks it with `dpkg-deb -x`,
decompresses the bzImage's payload to get the vmlinux ELF, and stores, in
corpora/modules/:

    vmlinux-6.1.btf.xz    the base: vmlinux's .BTF section, xz -9e
    NAME.btf.xz           each module's .BTF section (split BTF), xz -9e
    NAME.ko.xz            a few whole module ELF files, xz -9e, so readers
                          are also tested on real relocatable objects
    SOURCE                package, version, sha256 sums, module paths

These are committed, so tests and corpora/build.py (which makes the goldens
from them) need no network.  Run this again only to change the corpus:

    python3 corpora/modules/fetch.py            # the pinned package
    python3 corpora/modules/fetch.py --latest   # the newest 6.1 amd64 image

Needs apt-get, dpkg-deb, llvm-objcopy, xz and bpftool (apt-get install
dpkg-dev llvm xz-utils bpftool), and root for `apt-get update`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import lzma
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The pinned package: its kernel is the one bpftool 7.1.0+6.1.192-2's libbpf
# comes from.  Older versions leave the archive, hence --latest.
PACKAGE = "linux-image-6.1.0-56-amd64"
VERSION = "6.1.192-2"
BASE_NAME = "vmlinux-6.1"

# Modules whose .BTF goes into the corpus, and why.
MODULES = {
    "dummy": "tiny network driver (a handful of types)",
    "veth": "small network driver",
    "r8169": "PCI network driver",
    "mlx5_core": "large network driver (about 7000 types)",
    "nf_tables": "netfilter",
    "bluetooth": "a whole subsystem",
    "ext4": "filesystem",
    "btrfs": "filesystem, many types",
    "kvm": "virtualisation core",
    "kvm-intel": "a module built against another module (kvm)",
}
# Modules also stored as whole ELF files.
WHOLE_MODULES = ("dummy", "veth")

XZ_ARGS = ("xz", "-9e", "-T1", "--check=crc64", "-c")

# Compressed payload signatures, as scripts/extract-vmlinux looks for them.
MAGICS = (
    ("xz", b"\xfd7zXZ\x00"),
    ("zstd", b"\x28\xb5\x2f\xfd"),
    ("gzip", b"\x1f\x8b\x08"),
    ("lzma", b"\x5d\x00\x00\x00"),
    ("bzip2", b"BZh"),
    ("lz4", b"\x02\x21\x4c\x18"),
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(argv, **kw) -> subprocess.CompletedProcess:
    res = subprocess.run(list(argv), capture_output=True, **kw)
    if res.returncode:
        sys.exit(f"fetch.py: {' '.join(map(str, argv))} failed "
                 f"({res.returncode}):\n{res.stderr.decode(errors='replace')}")
    return res


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_xz(path: Path, data: bytes) -> None:
    """Write DATA xz'd, keeping an existing file that already holds DATA."""
    if path.exists():
        try:
            if lzma.decompress(path.read_bytes()) == data:
                return
        except lzma.LZMAError:
            pass
    path.write_bytes(run(XZ_ARGS, input=data).stdout)


# --- the package --------------------------------------------------------------

def latest_package() -> tuple[str, str]:
    def search() -> list[str]:
        out = run(("apt-cache", "search", "--names-only",
                   r"^linux-image-6\.1\.0-[0-9]+-amd64$")).stdout.decode()
        return [line.split()[0] for line in out.splitlines() if line]

    names = search()
    if not names:
        log("apt-cache found nothing; running apt-get update")
        run(("apt-get", "update"))
        names = search()
    if not names:
        sys.exit("fetch.py: no linux-image-6.1.0-N-amd64 package in apt")
    name = max(names, key=lambda n: int(re.search(r"6\.1\.0-(\d+)", n)[1]))
    policy = run(("apt-cache", "policy", name)).stdout.decode()
    version = re.search(r"Candidate:\s*(\S+)", policy)[1]
    return name, version


def download(package: str, version: str, work: Path) -> Path:
    debs = list(work.glob(f"{package}_{version.replace(':', '%3a')}_*.deb"))
    if debs:
        log(f"using cached {debs[0]}")
        return debs[0]
    log(f"apt-get download {package}={version}")
    res = subprocess.run(("apt-get", "download", f"{package}={version}"),
                         cwd=work, capture_output=True)
    if res.returncode:
        # A fresh machine may simply not have package lists yet.
        subprocess.run(("apt-get", "update"), capture_output=True)
        res = subprocess.run(("apt-get", "download", f"{package}={version}"),
                             cwd=work, capture_output=True)
    if res.returncode:
        sys.exit("fetch.py: apt-get download failed (try --latest if the "
                 "pinned version left the archive):\n" +
                 res.stderr.decode(errors="replace"))
    debs = list(work.glob(f"{package}_*.deb"))
    if len(debs) != 1:
        sys.exit(f"fetch.py: expected one .deb in {work}, found {debs}")
    return debs[0]


# --- bzImage -> vmlinux ------------------------------------------------------------

def decompress(kind: str, data: bytes) -> bytes:
    """Decompress one stream of KIND from the start of DATA; trailing bytes
    (the bzImage's padding and size word) are ignored."""
    if kind in ("xz", "lzma"):
        fmt = lzma.FORMAT_XZ if kind == "xz" else lzma.FORMAT_ALONE
        return lzma.LZMADecompressor(format=fmt).decompress(data)
    if kind == "gzip":
        return gzip.GzipFile(fileobj=__import__("io").BytesIO(data)).read()
    tool = {"zstd": ("zstd", "-dc"), "bzip2": ("bzip2", "-dc"),
            "lz4": ("lz4", "-dc")}[kind]
    res = subprocess.run(tool, input=data, capture_output=True)
    return res.stdout                      # trailing garbage makes it complain


def extract_vmlinux(bzimage: bytes) -> bytes:
    candidates = []
    # The x86 boot protocol (>= 2.08) says where the payload is.
    if bzimage[0x202:0x206] == b"HdrS":
        setup_sects = bzimage[0x1F1] or 4
        offset, length = struct.unpack_from("<II", bzimage, 0x248)
        start = (setup_sects + 1) * 512 + offset
        candidates.append((start, bzimage[start:start + length]))
    # Otherwise (or if that fails) scan for signatures, as extract-vmlinux does.
    for _, magic in MAGICS:
        pos = bzimage.find(magic)
        while pos >= 0 and len(candidates) < 64:
            candidates.append((pos, bzimage[pos:]))
            pos = bzimage.find(magic, pos + 1)
    for start, payload in candidates:
        for kind, magic in MAGICS:
            if not payload.startswith(magic):
                continue
            try:
                elf = decompress(kind, payload)
            except (lzma.LZMAError, OSError, EOFError):
                continue
            if elf.startswith(b"\x7fELF"):
                log(f"vmlinux: {kind} payload at {start:#x}, {len(elf)} bytes")
                return elf
    sys.exit("fetch.py: no compressed vmlinux ELF found in the bzImage")


def btf_section(elf_path: Path, out: Path) -> bytes:
    run(("llvm-objcopy", f"--dump-section=.BTF={out}", str(elf_path),
         os.devnull))
    return out.read_bytes()


def read_module(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".xz":
        return lzma.decompress(data)
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".zst":
        return run(("zstd", "-dc"), input=data).stdout
    return data


# --- main --------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--latest", action="store_true",
                    help="use the newest linux-image-6.1.0-N-amd64 instead "
                         f"of the pinned {PACKAGE} {VERSION}")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/btfkit-modules"),
                    help="scratch directory for the download (default: "
                         "%(default)s)")
    args = ap.parse_args(argv)

    package, version = latest_package() if args.latest else (PACKAGE, VERSION)
    work = args.workdir.resolve()
    if HERE in work.parents or work == HERE:
        sys.exit("fetch.py: the work directory must be outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    deb = download(package, version, work)

    root = work / "root"
    if root.exists():
        shutil.rmtree(root)
    log(f"dpkg-deb -x {deb.name}")
    run(("dpkg-deb", "-x", str(deb), str(root)))

    kver = package.removeprefix("linux-image-")
    vmlinuz = root / "boot" / f"vmlinuz-{kver}"
    elf = extract_vmlinux(vmlinuz.read_bytes())
    (work / "vmlinux").write_bytes(elf)
    base = btf_section(work / "vmlinux", work / f"{BASE_NAME}.btf")
    write_xz(HERE / f"{BASE_NAME}.btf.xz", base)
    sums = [f"{sha256(base)}  {BASE_NAME}.btf  (.BTF of /boot/vmlinuz-{kver})"]

    mod_root = root / "lib" / "modules" / kver
    found = {}
    for path in sorted(mod_root.rglob("*.ko*")):
        name = path.name.split(".ko")[0]
        if name in MODULES:
            found[name] = path
    missing = sorted(set(MODULES) - set(found))
    if missing:
        sys.exit(f"fetch.py: modules not in the package: {missing}")

    for name in MODULES:
        path = found[name]
        ko = work / f"{name}.ko"
        ko.write_bytes(read_module(path))
        btf = btf_section(ko, work / f"{name}.btf")
        # bpftool must accept it as split BTF over the base.
        run(("bpftool", "btf", "dump", "file", str(work / f"{name}.btf"),
             "-B", str(work / f"{BASE_NAME}.btf")))
        write_xz(HERE / f"{name}.btf.xz", btf)
        rel = path.relative_to(root)
        sums.append(f"{sha256(btf)}  {name}.btf  (.BTF of /{rel})")
        if name in WHOLE_MODULES:
            write_xz(HERE / f"{name}.ko.xz", ko.read_bytes())
            sums.append(f"{sha256(ko.read_bytes())}  {name}.ko  (/{rel})")
        log(f"{name}: {len(btf)} bytes of BTF")

    lines = [
        "# Written by corpora/modules/fetch.py; do not edit.",
        f"package: {package}",
        f"version: {version}",
        f"deb: {deb.name}",
        f"deb sha256: {sha256(deb.read_bytes())}",
        "",
        "# sha256 of the uncompressed files (name: what it is)",
        *sums,
        "",
        "# modules and why they are here",
        *(f"{name}: {why}" for name, why in MODULES.items()),
    ]
    (HERE / "SOURCE").write_text("\n".join(lines) + "\n")
    log(f"done; now run corpora/build.py --only modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
