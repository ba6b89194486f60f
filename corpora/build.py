#!/usr/bin/env python3
"""Build btfkit's corpus and record the oracle's golden outputs.

This is the only producer of everything under corpora/obj/, corpora/golden/,
the *.xz goldens under corpora/vmlinux/ and corpora/modules/golden/, and
corpora/VERSIONS.  Never edit those files by hand: change a source or this
script and run it again.  It ends by running corpora/harness/make_golden.py
(the c_cases and the emit_type_decl goldens of the libbpf 6.1 harness), whose
goldens read the objects built here, so one command refreshes every golden.

    python3 corpora/build.py                # everything
    python3 corpora/build.py --only bpf     # just the BPF programs (fast)
    python3 corpora/build.py --only harness # just make_golden.py's part
    python3 corpora/build.py --check        # rebuild in a temporary tree and
                                            # compare with the committed files

The oracle is Debian 12's bpftool 7.1.0 (libbpf 1.1 built from Linux
6.1.192), with Debian 12's clang 14 (and clang 15 for the few sources that
need ENUM64).  See corpora/README.md for the layout and for what each source
covers.

Every bpftool run is recorded in golden/manifest.json: its arguments, the
corpus files it reads (under the names it was run with), its exit status and
where its stdout and stderr were stored.  A command that fails is still a
golden: its stderr goes into a `.err` file next to where its stdout would be.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import lzma
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- what gets built ---------------------------------------------------------

BYTE_ORDERS = ("bpfel", "bpfeb")

# The default compiler builds every source; these sources are also built by
# another compiler, into NAME-SUFFIX.ORDER.o.
EXTRA_COMPILERS = {
    # clang 14 cannot emit ENUM64 nor the signed-enum kind flag; clang 15 can.
    ("clang-15", "clang15"): ("enums", "tags"),
}

# Linked objects: output stem -> inputs, in link order (application first).
LINKS = {
    "linked": ("app_main", "lib_counter"),
}

# bpftool commands run on every object: golden file name -> arguments.
OBJECT_COMMANDS = (
    ("btf.raw", ("btf", "dump", "file", "{obj}")),
    ("btf.json", ("-j", "btf", "dump", "file", "{obj}")),
    ("btf.pretty.json", ("-p", "btf", "dump", "file", "{obj}")),
    ("btf.c", ("btf", "dump", "file", "{obj}", "format", "c")),
    ("skel.h", ("gen", "skeleton", "{obj}")),
    ("subskel.h", ("gen", "subskeleton", "{obj}")),
)

# `name NAME` variants: object stem -> (golden file name, arguments).
NAME_VARIANTS = (
    ("sections.bpfel", "skel.name-btfkit_sections.h",
     ("gen", "skeleton", "{obj}", "name", "btfkit_sections")),
    ("linked.bpfel", "skel.name-app.h",
     ("gen", "skeleton", "{obj}", "name", "app")),
    ("lib_counter.bpfel", "subskel.name-lib_counter.h",
     ("gen", "subskeleton", "{obj}", "name", "lib_counter")),
    ("lib_counter.bpfeb", "subskel.name-lib_counter.h",
     ("gen", "subskeleton", "{obj}", "name", "lib_counter")),
    # 70 characters: bpftool keeps at most 63 (MAX_OBJ_NAME_LEN - 1).
    ("minimal.bpfel", "skel.name-long.h",
     ("gen", "skeleton", "{obj}", "name", "n" * 70)),
)

# Whole-BTF dumps of the big inputs (kernel and modules), stored xz'd.
DUMP_COMMANDS = (
    ("raw", ("btf", "dump", "file", "{obj}")),
    ("json", ("-j", "btf", "dump", "file", "{obj}")),
    ("c", ("btf", "dump", "file", "{obj}", "format", "c")),
)

MODULES_BASE = "vmlinux-6.1"
# Modules whose `format c` golden is stored.  With -B, bpftool 7.1 prints the
# base's types as well as the module's, so each of these is a whole
# vmlinux.h; a few are enough.
MODULES_WITH_C = ("nf_tables", "kvm-intel", "btrfs")

XZ_ARGS = ("xz", "-9e", "-T1", "--check=crc64", "-c")

# --- gen goldens of the newer bpftools (7.5, 7.8) ----------------------------
# Built and installed by ../shared/oracle/build.sh (PREFIX, default
# /opt/btf-oracles; BTFKIT_ORACLES overrides it here).
ORACLES = Path(os.environ.get("BTFKIT_ORACLES", "/opt/btf-oracles"))
# bpftool release -> its binary; goldens NAME.ORDER/GOLDEN.RELEASE.h, and
# their manifest entries carry "bpftool": RELEASE (entries without it are 7.1)
GEN_RELEASES = {"7.5": ORACLES / "bin" / "bpftool-7.5",
                "7.8": ORACLES / "bin" / "bpftool-7.8"}
GEN_COMMANDS = (
    ("skel", ("gen", "skeleton", "{obj}")),
    ("subskel", ("gen", "subskeleton", "{obj}")),
)
# `format c` of the newer bpftools (sorted by default since 7.5, kfunc
# block, enum mode attributes...): golden/NAME.ORDER/btf.REL.c,
# vmlinux/vmlinux.c.REL.xz, modules/golden/NAME.c.REL.xz, plus the
# `unsorted` form of the objects (btf.unsorted.REL.c).
C_RELEASE_COMMANDS = (
    ("btf.{rel}.c", ("btf", "dump", "file", "{obj}", "format", "c")),
    ("btf.unsorted.{rel}.c", ("btf", "dump", "file", "{obj}", "format", "c", "unsorted")),
)
# Linked by bpftool 7.8's linker: output stem -> inputs, bpfel only.  A
# linked object's DATASECs come with sizes and offsets set, which libbpf
# 1.5+ still walks (hidden globals made static).  7.8's linker writes BTF
# with the 32-byte header (layout section); libbpf 6.1 reads that only in
# the host's byte order ("Can't load BTF with non-native endianness due to
# unsupported header length 32"), a case for the BTF-format work, not here.
LINKS_78 = {
    "linked_hidden": ("hidden", "lib_counter"),
}
# Sources built by one other compiler instead of the default one: LLVM 19
# is the first to put __arena (address_space(1)) globals in .addr_space.1.
ONLY_COMPILER = {"arena": "clang-19"}
# Sources that include vmlinux.h: it comes from the frozen kernel's
# `format c` golden (vmlinux/vmlinux.c.xz), and their DWARF (half a megabyte
# of kernel types; BTF keeps what bpftool reads) is stripped with
# llvm-objcopy --strip-debug, as libbpf-bootstrap's `llvm-strip -g` does.
VMLINUX_H = HERE / "vmlinux" / "vmlinux.c.xz"

# Debian packages whose versions shape the outputs.
PACKAGES = ("bpftool", "clang-14", "clang-15", "clang-19", "llvm-14", "libbpf-dev",
            "linux-libc-dev", "libc6-dev", "xz-utils")


# --- small helpers -----------------------------------------------------------

def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(argv, cwd=None, check=True) -> subprocess.CompletedProcess:
    env = dict(os.environ, LC_ALL="C", LANG="C")
    res = subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True)
    if check and res.returncode != 0:
        sys.exit(f"build.py: {' '.join(map(str, argv))} failed "
                 f"({res.returncode}):\n{res.stderr.decode(errors='replace')}")
    return res


def xz_compress(data: bytes) -> bytes:
    return subprocess.run(XZ_ARGS, input=data, capture_output=True,
                          check=True).stdout


def write_xz(path: Path, data: bytes) -> None:
    """Write DATA xz-compressed, keeping an existing file that already holds
    exactly DATA (so another xz version does not churn the repository)."""
    if path.exists():
        try:
            if lzma.decompress(path.read_bytes()) == data:
                return
        except lzma.LZMAError:
            pass
    path.write_bytes(xz_compress(data))


def read_xz(path: Path) -> bytes:
    return lzma.decompress(path.read_bytes())


def multiarch_include() -> str:
    res = run(("gcc", "-print-multiarch"), check=False)
    triplet = res.stdout.decode().strip() or f"{platform.machine()}-linux-gnu"
    return f"/usr/include/{triplet}"


def need_tools(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        sys.exit("build.py: missing tools: " + ", ".join(missing) +
                 "\n  apt-get install bpftool clang llvm clang-15 clang-19 libbpf-dev"
                 " gcc xz-utils")


# --- the manifest ------------------------------------------------------------

@dataclass
class Manifest:
    out: Path
    entries: list = field(default_factory=list)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def bpftool(self, group: str, ident: str, argv, workdir: Path,
                inputs: dict, stdout_path: Path | None, compress=False,
                outputs: dict | None = None,
                release: str | None = None) -> subprocess.CompletedProcess:
        """Run bpftool ARGV in WORKDIR, store its stdout at STDOUT_PATH (if it
        printed anything) and its stderr next to it as .err, and record it.
        INPUTS maps each file name in ARGV to the corpus file it comes from.
        RELEASE runs that newer bpftool (GEN_RELEASES) instead of 7.1."""
        tool = "bpftool" if release is None else str(GEN_RELEASES[release])
        res = run((tool, *argv), cwd=workdir, check=False)
        entry = {
            "id": ident,
            "group": group,
            "argv": list(argv),
            "inputs": inputs,
            "exit": res.returncode,
            "stdout": None,
            "stdout_xz": compress,
            "stderr": None,
        }
        if outputs:
            entry["outputs"] = outputs
        if release is not None:
            entry["bpftool"] = release
        if stdout_path is not None:
            stdout_path.parent.mkdir(parents=True, exist_ok=True)
            err_path = stdout_path.with_name(
                stdout_path.name.removesuffix(".xz") + ".err")
            if res.stdout:
                if compress:
                    write_xz(stdout_path, res.stdout)
                else:
                    stdout_path.write_bytes(res.stdout)
                entry["stdout"] = self.rel(stdout_path)
            if res.stderr or res.returncode:
                err_path.write_bytes(res.stderr)
                entry["stderr"] = self.rel(err_path)
        if res.returncode:
            log(f"  [exit {res.returncode}] bpftool {' '.join(argv)}: "
                f"{res.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
        self.entries.append(entry)
        return res

    def write(self, path: Path, groups: set[str]) -> None:
        """Write the manifest; entries of groups not rebuilt this time are
        kept from the committed manifest."""
        path.parent.mkdir(parents=True, exist_ok=True)
        committed = HERE / "golden" / "manifest.json"
        if committed.exists():
            old = json.loads(committed.read_text())["entries"]
            self.entries += [e for e in old if e["group"] not in groups]
        doc = {
            "about": "Every bpftool run made by corpora/build.py. Paths are "
                     "relative to corpora/. Re-run a command by placing each "
                     "input (xz-decompressed when it ends in .xz) under its "
                     "key's name in one directory and running "
                     "`bpftool ARGV` there.",
            "entries": sorted(self.entries, key=lambda e: (e["group"], e["id"])),
        }
        path.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")


# --- BPF programs ------------------------------------------------------------

def compile_objects(out: Path, manifest: Manifest) -> list[str]:
    """Compile bpf/*.bpf.c for both byte orders, link the linked objects, and
    return the stems of every object made (NAME.ORDER)."""
    obj_dir = out / "obj"
    if obj_dir.exists():
        shutil.rmtree(obj_dir)
    obj_dir.mkdir(parents=True)
    include = multiarch_include()
    sources = sorted(p.name.removesuffix(".bpf.c")
                     for p in (HERE / "bpf").glob("*.bpf.c"))
    if not sources:
        sys.exit("build.py: no sources in bpf/")

    builds = [(ONLY_COMPILER.get(name, "clang"), "", name) for name in sources]
    for (compiler, suffix), names in EXTRA_COMPILERS.items():
        builds += [(compiler, "-" + suffix, n) for n in names]

    stems = []
    vmlinux_dir = Path(tempfile.mkdtemp(prefix="btfkit-vmlinux-h-"))
    try:
        for compiler, suffix, name in builds:
            src = HERE / "bpf" / f"{name}.bpf.c"
            uses_vmlinux_h = '#include "vmlinux.h"' in src.read_text()
            if uses_vmlinux_h and not (vmlinux_dir / "vmlinux.h").exists():
                (vmlinux_dir / "vmlinux.h").write_bytes(read_xz(VMLINUX_H))
            for order in BYTE_ORDERS:
                stem = f"{name}{suffix}.{order}"
                log(f"cc {stem}.o ({compiler})")
                # Run from corpora/ with a relative source path and map that
                # directory to ".", so no absolute path leaks into the object.
                extra = ()
                if uses_vmlinux_h:
                    extra = (f"-I{vmlinux_dir}", f"-fdebug-prefix-map={vmlinux_dir}=./vmlinux")
                res = run((compiler, "-g", "-O2", "-target", order, "-Wall",
                           "-D__TARGET_ARCH_x86", *extra, f"-I{include}",
                           f"-fdebug-prefix-map={HERE}=.",
                           "-c", f"bpf/{name}.bpf.c",
                           "-o", str(obj_dir / f"{stem}.o")), cwd=HERE)
                if res.stderr:
                    log(res.stderr.decode(errors="replace"))
                if uses_vmlinux_h:
                    run(("llvm-objcopy", "--strip-debug", str(obj_dir / f"{stem}.o")))
                stems.append(stem)
    finally:
        shutil.rmtree(vmlinux_dir, ignore_errors=True)

    for linked, parts in LINKS.items():
        for order in BYTE_ORDERS:
            stem = f"{linked}.{order}"
            target = f"{stem}.o"
            files = [f"{p}.{order}.o" for p in parts]
            log(f"link {target}")
            res = manifest.bpftool(
                "bpf", f"{stem}/link", ("gen", "object", target, *files),
                obj_dir, {f: f"obj/{f}" for f in files},
                out / "golden" / stem / "link",
                outputs={target: f"obj/{target}"})
            if res.returncode == 0:
                stems.append(stem)
            else:
                (obj_dir / target).unlink(missing_ok=True)
                manifest.entries[-1]["outputs"] = {}
    stems += link_objects_78(out, manifest)
    return sorted(stems)


def link_objects_78(out: Path, manifest: Manifest) -> list[str]:
    """LINKS_78, linked by bpftool 7.8 (`gen object`), little endian."""
    obj_dir = out / "obj"
    stems = []
    for linked, parts in LINKS_78.items():
        for order in ("bpfel",):
            stem = f"{linked}.{order}"
            target = f"{stem}.o"
            files = [f"{p}.{order}.o" for p in parts]
            log(f"link {target} (bpftool 7.8)")
            res = manifest.bpftool(
                "bpf", f"{stem}/link.7.8", ("gen", "object", target, *files),
                obj_dir, {f: f"obj/{f}" for f in files},
                out / "golden" / stem / "link.7.8",
                outputs={target: f"obj/{target}"}, release="7.8")
            if res.returncode:
                sys.exit(f"build.py: bpftool 7.8 failed to link {target}")
            stems.append(stem)
    return stems


def object_goldens(out: Path, stems: list[str], manifest: Manifest) -> None:
    obj_dir = out / "obj"
    for stem in stems:
        obj = f"{stem}.o"
        log(f"goldens {stem}")
        for golden, argv in OBJECT_COMMANDS:
            manifest.bpftool("bpf", f"{stem}/{golden}",
                             [a.format(obj=obj) for a in argv], obj_dir,
                             {obj: f"obj/{obj}"},
                             out / "golden" / stem / golden)
    for stem, golden, argv in NAME_VARIANTS:
        if stem not in stems:
            sys.exit(f"build.py: NAME_VARIANTS names unknown object {stem}")
        obj = f"{stem}.o"
        manifest.bpftool("bpf", f"{stem}/{golden}",
                         [a.format(obj=obj) for a in argv], obj_dir,
                         {obj: f"obj/{obj}"}, out / "golden" / stem / golden)
    gen_release_goldens(out, stems, manifest)


def gen_release_goldens(out: Path, stems: list[str], manifest: Manifest) -> None:
    """`gen skeleton` and `gen subskeleton` of every object by bpftool 7.5
    and 7.8 (failures recorded too): golden/NAME.ORDER/{skel,subskel}.REL.h."""
    obj_dir = out / "obj"
    for release, tool in GEN_RELEASES.items():
        if not tool.exists():
            sys.exit(f"build.py: {tool} is missing: run ../shared/oracle/build.sh "
                     f"{ORACLES} first")
        for stem in stems:
            obj = f"{stem}.o"
            log(f"goldens {stem} (bpftool {release})")
            for golden, argv in GEN_COMMANDS:
                name = f"{golden}.{release}.h"
                manifest.bpftool("bpf", f"{stem}/{name}",
                                 [a.format(obj=obj) for a in argv], obj_dir,
                                 {obj: f"obj/{obj}"}, out / "golden" / stem / name,
                                 release=release)
            for golden, argv in C_RELEASE_COMMANDS:
                name = golden.format(rel=release)
                manifest.bpftool("bpf", f"{stem}/{name}",
                                 [a.format(obj=obj) for a in argv], obj_dir,
                                 {obj: f"obj/{obj}"}, out / "golden" / stem / name,
                                 release=release)


# --- kernel BTF --------------------------------------------------------------

def vmlinux_goldens(out: Path, manifest: Manifest) -> None:
    """Freeze this machine's kernel BTF once, then dump the frozen copy."""
    frozen = HERE / "vmlinux" / "vmlinux.btf.xz"
    if not frozen.exists():
        live = Path("/sys/kernel/btf/vmlinux")
        if not live.exists():
            sys.exit("build.py: no vmlinux/vmlinux.btf.xz and no "
                     "/sys/kernel/btf/vmlinux to freeze")
        log(f"freezing {live} ({platform.release()})")
        frozen.parent.mkdir(parents=True, exist_ok=True)
        write_xz(frozen, live.read_bytes())
        (frozen.parent / "SOURCE").write_text(
            f"vmlinux.btf.xz = xz -9e of /sys/kernel/btf/vmlinux\n"
            f"kernel: {platform.release()} {platform.version()} "
            f"{platform.machine()}\n")
    dest = out / "vmlinux"
    dest.mkdir(parents=True, exist_ok=True)
    if out != HERE:
        for name in ("vmlinux.btf.xz", "SOURCE"):
            if (frozen.parent / name).exists():
                shutil.copy2(frozen.parent / name, dest / name)
    with tempfile.TemporaryDirectory(prefix="btfkit-vmlinux-") as tmp:
        work = Path(tmp)
        (work / "vmlinux.btf").write_bytes(read_xz(frozen))
        for golden, argv in DUMP_COMMANDS:
            log(f"goldens vmlinux {golden}")
            manifest.bpftool("vmlinux", f"vmlinux/{golden}",
                             [a.format(obj="vmlinux.btf") for a in argv], work,
                             {"vmlinux.btf": "vmlinux/vmlinux.btf.xz"},
                             dest / f"vmlinux.{golden}.xz", compress=True)
        for release in GEN_RELEASES:
            log(f"goldens vmlinux c (bpftool {release})")
            manifest.bpftool("vmlinux", f"vmlinux/c.{release}",
                             ["btf", "dump", "file", "vmlinux.btf", "format", "c"], work,
                             {"vmlinux.btf": "vmlinux/vmlinux.btf.xz"},
                             dest / f"vmlinux.c.{release}.xz", compress=True, release=release)


# --- kernel modules (split BTF) ----------------------------------------------

def module_goldens(out: Path, manifest: Manifest) -> None:
    src = HERE / "modules"
    base_xz = src / f"{MODULES_BASE}.btf.xz"
    if not base_xz.exists():
        log("no modules/ corpus (run corpora/modules/fetch.py); skipping")
        return
    dest = out / "modules" / "golden"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if out != HERE:
        for p in src.iterdir():
            if p.is_file():
                shutil.copy2(p, out / "modules" / p.name)
    base = f"{MODULES_BASE}.btf"
    inputs = sorted(p for p in src.glob("*.xz") if p != base_xz)
    with tempfile.TemporaryDirectory(prefix="btfkit-modules-") as tmp:
        work = Path(tmp)
        (work / base).write_bytes(read_xz(base_xz))
        for golden, argv in DUMP_COMMANDS:
            log(f"goldens {MODULES_BASE} {golden}")
            manifest.bpftool("modules", f"{MODULES_BASE}/{golden}",
                             [a.format(obj=base) for a in argv], work,
                             {base: f"modules/{base_xz.name}"},
                             dest / f"{MODULES_BASE}.{golden}.xz", compress=True)
        for path in inputs:
            name = path.name.removesuffix(".xz")        # NAME.btf or NAME.ko
            module, kind = name.rsplit(".", 1)
            label = module if kind == "btf" else name
            (work / name).write_bytes(read_xz(path))
            for golden, argv in DUMP_COMMANDS:
                if golden == "c" and (kind != "btf" or module not in MODULES_WITH_C):
                    continue
                log(f"goldens {label} {golden}")
                manifest.bpftool(
                    "modules", f"{label}/{golden}",
                    [a.format(obj=name) for a in argv] + ["-B", base], work,
                    {name: f"modules/{path.name}",
                     base: f"modules/{base_xz.name}"},
                    dest / f"{label}.{golden}.xz", compress=True)
            if kind == "btf" and module in MODULES_WITH_C:
                for release in GEN_RELEASES:
                    log(f"goldens {label} c (bpftool {release})")
                    manifest.bpftool(
                        "modules", f"{label}/c.{release}",
                        ["btf", "dump", "file", name, "format", "c", "-B", base], work,
                        {name: f"modules/{path.name}", base: f"modules/{base_xz.name}"},
                        dest / f"{label}.c.{release}.xz", compress=True, release=release)


# --- versions ----------------------------------------------------------------

def write_versions(path: Path) -> None:
    lines = ["# Tool versions used by corpora/build.py (written by it).", ""]
    for argv in (("bpftool", "version"),
                 *((str(tool), "version") for tool in GEN_RELEASES.values()),
                 ("clang", "--version"),
                 ("clang-15", "--version"), ("clang-19", "--version"),
                 ("llvm-objcopy", "--version"),
                 ("xz", "--version")):
        res = run(argv, check=False)
        text = res.stdout.decode(errors="replace").strip().splitlines()
        text = [t for t in text if not t.strip().startswith(("InstalledDir", "Host CPU"))]
        lines.append(f"$ {' '.join(argv)}")
        lines += [f"  {t}" for t in text]
    lines += ["", "# dpkg-query -W (Debian package versions)"]
    res = run(("dpkg-query", "-W", "-f", "${Package} ${Version}\\n",
               *PACKAGES), check=False)
    lines += sorted(res.stdout.decode().strip().splitlines())
    lines += ["", f"# build host: {platform.machine()}, include "
              f"{multiarch_include()}"]
    path.write_text("\n".join(lines) + "\n")


# --- check mode --------------------------------------------------------------

def compare_trees(built: Path, only: set[str]) -> int:
    """Compare what BUILT holds against the committed corpus; return the
    number of differences."""
    dirs = ["VERSIONS", "golden/manifest.json"]
    if "bpf" in only:
        dirs += ["obj", "golden"]
    if "vmlinux" in only:
        dirs += ["vmlinux"]
    if "modules" in only:
        dirs += ["modules/golden"]
    bad = 0
    for d in dirs:
        a, b = HERE / d, built / d
        names = set()
        for root in (a, b):
            if root.is_file():
                names.add(Path())
            elif root.exists():
                names |= {p.relative_to(root) for p in root.rglob("*")
                          if p.is_file()}
        for rel in sorted(names):
            pa, pb = a / rel, b / rel
            if not pa.exists() or not pb.exists():
                print(f"{'missing' if not pb.exists() else 'extra'}: {d}/{rel}")
                bad += 1
            elif not filecmp.cmp(pa, pb, shallow=False):
                if pa.suffix == ".xz" and read_xz(pa) == read_xz(pb):
                    continue
                print(f"differs: {d}/{rel}")
                bad += 1
    return bad


# --- main --------------------------------------------------------------------

def build(out: Path, only: set[str]) -> None:
    need_tools("bpftool", "clang", "clang-15", "clang-19", "gcc", "xz", "llvm-objcopy")
    if platform.machine() != "x86_64":
        log("warning: goldens were made on x86_64; asm/ headers differ here")
    manifest = Manifest(out)
    if "bpf" in only:
        golden = out / "golden"
        for p in golden.iterdir() if golden.exists() else ():
            if p.is_dir():
                shutil.rmtree(p)
        stems = compile_objects(out, manifest)
        object_goldens(out, stems, manifest)
    if "vmlinux" in only:
        vmlinux_goldens(out, manifest)
    if "modules" in only:
        module_goldens(out, manifest)
    manifest.write(out / "golden" / "manifest.json", only)
    write_versions(out / "VERSIONS")


def harness_goldens(check: bool) -> int:
    """Run corpora/harness/make_golden.py (after the objects it reads exist)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_golden", HERE / "harness" / "make_golden.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.main(["--check"] if check else [])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append",
                    choices=("bpf", "vmlinux", "modules", "harness"),
                    help="build only this part (repeatable)")
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary tree and compare it with "
                         "the committed corpus; exit 1 on any difference")
    args = ap.parse_args(argv)
    only = set(args.only or ("bpf", "vmlinux", "modules", "harness"))
    mine = only - {"harness"}
    if not args.check:
        if mine:
            build(HERE, mine)
        return harness_goldens(False) if "harness" in only else 0
    bad = 0
    if mine:
        with tempfile.TemporaryDirectory(prefix="btfkit-check-") as tmp:
            built = Path(tmp)
            build(built, mine)
            bad = compare_trees(built, mine)
        print(f"{bad} differences" if bad else "corpus is reproducible")
    if "harness" in only:
        bad += harness_goldens(True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
