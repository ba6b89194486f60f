#!/usr/bin/env python3
"""Build the C-printer corpus and record the reference outputs.

The only producer of:

- corpora/c_cases/case_*.{bpfel,bpfeb}.o (and *-clang15.*.o): clang builds of
  corpora/c_cases/case_*.c;
- corpora/c_cases/case_*.h: ``bpftool btf dump file X format c`` of each;
- corpora/c_cases/case_synth.btf: BTF built by the harness (emit_decl -m synth);
- corpora/c_cases/case_incremental.*: the incremental-dump golden and the grown
  BTF (emit_decl -m incremental);
- corpora/c_cases/decl/ and corpora/harness/golden/: emit_decl's output
  (``btf_dump__emit_type_decl`` for every id, one dumper per option set) for
  every case, every BPF object of corpora/obj/, the frozen kernel BTF and a few
  split module BTFs;
- corpora/harness/golden/manifest.json and the VERSIONS files.

Never edit those by hand: change a source, the harness or this script and run

    python3 corpora/harness/make_golden.py            # everything
    python3 corpora/harness/make_golden.py --only c_cases
    python3 corpora/harness/make_golden.py --check    # rebuild in a temporary
                                                      # tree, compare, write nothing

The oracle is Debian 12's bpftool 7.1.0 and the harness built by
corpora/harness/build.sh against the libbpf of the same Linux 6.1 source.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HARNESS = Path(__file__).resolve().parent
CORPORA = HARNESS.parent
CASES = CORPORA / "c_cases"

# Keep in sync with opt_sets[] in emit_decl.c (checked against `emit_decl -l`).
OPT_SETS = {
    "plain": dict(field_name="", indent_level=0, strip_mods=False),
    "fname": dict(field_name="fld", indent_level=0, strip_mods=False),
    "fname_indent2": dict(field_name="fld", indent_level=2, strip_mods=False),
    "indent1": dict(field_name="", indent_level=1, strip_mods=False),
    "strip": dict(field_name="", indent_level=0, strip_mods=True),
    "strip_fname_indent1": dict(field_name="fld", indent_level=1, strip_mods=True),
}

TARGETS = {"bpfel": "bpf", "bpfeb": "bpfeb"}
CFLAGS = ("-g", "-O2", "-c")
# Cases also built by clang 15 (ENUM64 and the signed-enum flag), into
# NAME-clang15.ORDER.o.
CLANG15_CASES = ("case_types", "case_type_tags")
# Goldens larger than this are stored xz-compressed.
XZ_OVER = 256 * 1024
# Split module BTFs (corpora/modules/NAME.btf.xz on vmlinux-6.1.btf.xz) whose
# own ids get decl goldens.
MODULES = ("dummy", "veth", "r8169", "kvm-intel")


def log(msg: str) -> None:
    print(f"make_golden: {msg}", file=sys.stderr)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(argv, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], check=True, capture_output=True, **kw)


def xz(data: bytes) -> bytes:
    return lzma.compress(data, preset=9)


class Out:
    """Where generated files go: the real tree, or a scratch copy for --check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, bytes] = {}  # rel path -> uncompressed content

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, data: bytes, *, compress: bool = False) -> str:
        """Write ``data`` at corpora-relative ``rel`` (+ ".xz" when compressing);
        returns the relative path written."""
        if compress:
            rel += ".xz"
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        # keep a compressed file whose content is unchanged: compressors differ
        if not (compress and p.exists() and lzma.decompress(p.read_bytes()) == data):
            p.write_bytes(xz(data) if compress else data)
        self.written[rel] = data
        return rel


# --- tools ----------------------------------------------------------------------------

def build_harness() -> Path:
    res = subprocess.run(["bash", str(HARNESS / "build.sh")], capture_output=True, text=True)
    if res.returncode:
        sys.exit(f"make_golden: corpora/harness/build.sh failed:\n{res.stderr}")
    exe = Path(res.stdout.strip().splitlines()[-1])
    listed = run([exe, "-l"], text=True).stdout.split("\n")
    names = [line.split()[0] for line in listed if line]
    if names != list(OPT_SETS):
        sys.exit(f"make_golden: OPT_SETS {list(OPT_SETS)} != emit_decl -l {names}")
    return exe


def need(tool: str) -> str:
    path = shutil.which(tool) or (Path("/usr/sbin", tool).exists() and f"/usr/sbin/{tool}")
    if not path:
        sys.exit(f"make_golden: {tool} not found (apt-get install bpftool clang clang-15)")
    return str(path)


def versions(exe: Path) -> bytes:
    lines = ["# Tools behind the goldens of corpora/c_cases and corpora/harness/golden",
             "# (written by corpora/harness/make_golden.py).", ""]
    lines.append("$ emit_decl (corpora/harness/build/VERSION)")
    lines += ["  " + l for l in (exe.parent / "VERSION").read_text().splitlines()
              if not l.startswith("harness:")]
    for argv in (("bpftool", "version"), ("clang", "--version"), ("clang-15", "--version")):
        out = run(argv, text=True).stdout.splitlines()
        lines.append("$ " + " ".join(argv))
        lines += ["  " + l for l in out[:2]]
    lines.append("")
    lines.append("# dpkg-query -W")
    for pkg in ("bpftool", "linux-source-6.1", "clang-14", "clang-15", "llvm-14",
                "libelf-dev", "zlib1g-dev", "gcc-12"):
        r = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Version}", pkg],
                           capture_output=True, text=True)
        lines.append(r.stdout if r.returncode == 0 else f"{pkg} (absent)")
    return ("\n".join(lines) + "\n").encode()


# --- c_cases --------------------------------------------------------------------------

def compile_cases(out: Out, manifest: dict, cases: Path) -> list[tuple[str, Path]]:
    """clang builds of every case; returns (relative name, path) of the objects."""
    sources = sorted(cases.glob("case_*.c"))
    if not sources:
        sys.exit("make_golden: no corpora/c_cases/case_*.c")
    objs = []
    for src in sources:
        stem = src.stem
        builds = [("clang", "")]
        if stem in CLANG15_CASES:
            builds.append(("clang-15", "-clang15"))
        for cc, suffix in builds:
            for order, target in TARGETS.items():
                rel = f"c_cases/{stem}{suffix}.{order}.o"
                dest = out.path(rel)
                dest.parent.mkdir(parents=True, exist_ok=True)
                argv = [cc, *CFLAGS[:2], "-target", target, CFLAGS[2], src.name,
                        "-o", str(dest), f"-fdebug-prefix-map={cases}=."]
                log(f"{cc} -target {target} {src.name}")
                run(argv, cwd=cases)
                out.written[rel] = dest.read_bytes()
                objs.append((rel, dest))
                manifest["c_cases"].append({
                    "source": f"c_cases/{src.name}", "object": rel, "compiler": cc,
                    "target": target, "argv": [cc, *CFLAGS[:2], "-target", target, CFLAGS[2], src.name,
                                                 "-fdebug-prefix-map=<corpora/c_cases>=."],
                })
    return objs


def c_headers(out: Out, manifest: dict, inputs: list[tuple[str, Path]], bpftool: str) -> None:
    """bpftool's `format c` next to each case object/BTF: X.o -> X.h."""
    by_obj = {e["object"]: e for e in manifest["c_cases"]}
    for rel, path in inputs:
        res = subprocess.run([bpftool, "btf", "dump", "file", str(path), "format", "c"],
                             capture_output=True)
        hdr_rel = rel.rsplit(".", 1)[0] + ".h"
        if res.returncode:
            sys.exit(f"make_golden: bpftool failed on {rel}: {res.stderr.decode(errors='replace')}")
        out.write(hdr_rel, res.stdout)
        entry = by_obj.get(rel)
        if entry is None:  # case_synth.btf: made by the harness, not clang
            entry = {"object": rel, "source": "harness/emit_decl.c", "compiler": "emit_decl -m synth",
                     "target": None}
            manifest["c_cases"].append(entry)
        entry["header"] = hdr_rel
        entry["sha256"] = sha256(path.read_bytes())


def synth(out: Out, exe: Path) -> tuple[str, Path]:
    rel = "c_cases/case_synth.btf"
    dest = out.path(rel)
    dest.parent.mkdir(parents=True, exist_ok=True)
    run([exe, "-m", "synth", "-w", dest])
    out.written[rel] = dest.read_bytes()
    return rel, dest


def incremental(out: Out, manifest: dict, exe: Path) -> None:
    src_rel = "c_cases/case_incremental.bpfel.o"
    src = out.path(src_rel)
    grown_rel = "c_cases/case_incremental.bpfel.grown.btf"
    grown = out.path(grown_rel)
    res = subprocess.run([str(exe), "-m", "incremental", "-w", str(grown), str(src)],
                         capture_output=True)
    if res.returncode:
        sys.exit(f"make_golden: emit_decl -m incremental failed ({res.returncode}): {res.stderr.decode()}")
    out.written[grown_rel] = grown.read_bytes()
    txt_rel = out.write("c_cases/case_incremental.bpfel.incremental.txt", res.stdout)
    manifest["incremental"] = {
        "input": src_rel, "input_sha256": sha256(src.read_bytes()),
        "grown": grown_rel, "grown_sha256": sha256(grown.read_bytes()),
        "golden": txt_rel,
    }


# --- decl goldens ---------------------------------------------------------------------

def decl_goldens(out: Out, manifest: dict, exe: Path, name: str, path: Path, golden_dir: str,
                 *, input_rel: str, base: Path | None = None, base_rel: str | None = None,
                 own_only: bool = False) -> None:
    entry = {"input": input_rel, "sha256": sha256(path.read_bytes()), "base": base_rel,
             "own_ids_only": own_only, "goldens": {}}
    for opt in OPT_SETS:
        argv = [exe, "-o", opt]
        if base is not None:
            argv += ["-b", base]
            if own_only:
                argv.append("-S")
        res = subprocess.run([str(a) for a in argv + [path]], capture_output=True)
        if res.returncode:
            sys.exit(f"make_golden: emit_decl failed on {input_rel} ({opt}): {res.stderr.decode()}")
        rel = out.write(f"{golden_dir}/{name}.{opt}.txt", res.stdout,
                        compress=len(res.stdout) > XZ_OVER)
        entry["goldens"][opt] = rel
        head = res.stdout.split(b"\n", 1)[0].decode()
        fields = dict(f.split("=", 1) for f in head.split()[1:] if "=" in f)
        entry["first_id"] = int(fields["first_id"])
        entry["type_cnt"] = int(fields["type_cnt"])
    log(f"decl {input_rel}: ids {entry['first_id']}..{entry['type_cnt'] - 1} x {len(OPT_SETS)} option sets")
    manifest["decl"].append(entry)


def unxz(src: Path, tmp: Path) -> Path:
    dest = tmp / src.name.removesuffix(".xz")
    if not dest.exists():
        dest.write_bytes(lzma.decompress(src.read_bytes()))
    return dest


# --- main -----------------------------------------------------------------------------

def generate(out: Out, only: set[str], cases: Path = CASES) -> dict:
    exe = build_harness()
    bpftool = need("bpftool")
    need("clang")
    need("clang-15")
    manifest = {
        "comment": "Written by corpora/harness/make_golden.py; paths are relative to corpora/.",
        "option_sets": OPT_SETS,
        "c_cases": [], "decl": [], "incremental": None,
    }
    with tempfile.TemporaryDirectory(prefix="btfkit-golden-") as t:
        tmp = Path(t)
        if "c_cases" in only:
            objs = compile_cases(out, manifest, cases)
            objs.append(synth(out, exe))
            c_headers(out, manifest, objs, bpftool)
            incremental(out, manifest, exe)
            for rel, path in objs:
                name = Path(rel).name.rsplit(".", 1)[0]
                decl_goldens(out, manifest, exe, name, path, "c_cases/decl", input_rel=rel)
        if "obj" in only:
            objs = sorted((CORPORA / "obj").glob("*.o"))
            if not objs:
                sys.exit("make_golden: no corpora/obj/*.o (run corpora/build.py first)")
            for o in objs:
                decl_goldens(out, manifest, exe, o.stem, o, "harness/golden/obj",
                             input_rel=f"obj/{o.name}")
        if "vmlinux" in only:
            frozen = CORPORA / "vmlinux" / "vmlinux.btf.xz"
            if not frozen.exists():
                # corpora/build.py freezes it; do the same (xz -9e) when it has not
                live = Path("/sys/kernel/btf/vmlinux")
                if not live.exists():
                    sys.exit("make_golden: no corpora/vmlinux/vmlinux.btf.xz and no /sys/kernel/btf/vmlinux")
                frozen.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["xz", "-9e", "-c", str(live)], stdout=frozen.open("wb"), check=True)
            decl_goldens(out, manifest, exe, "vmlinux", unxz(frozen, tmp), "harness/golden/vmlinux",
                         input_rel="vmlinux/vmlinux.btf.xz")
        if "modules" in only:
            base_xz = CORPORA / "modules" / "vmlinux-6.1.btf.xz"
            base = unxz(base_xz, tmp)
            for mod in MODULES:
                src = CORPORA / "modules" / f"{mod}.btf.xz"
                decl_goldens(out, manifest, exe, mod, unxz(src, tmp), "harness/golden/modules",
                             input_rel=f"modules/{mod}.btf.xz", base=base,
                             base_rel="modules/vmlinux-6.1.btf.xz", own_only=True)
        ver = versions(exe)
        out.write("harness/golden/VERSIONS", ver)
        out.write("c_cases/VERSIONS", ver)
    return manifest


def merge_manifest(path: Path, new: dict, only: set[str]) -> dict:
    """With --only, keep the other parts of the existing manifest."""
    if not path.exists() or only == set(PARTS):
        return new
    old = json.loads(path.read_text())
    def part_of(e):
        inp = e["input"]
        return ("c_cases" if inp.startswith("c_cases/") else "obj" if inp.startswith("obj/")
                else "vmlinux" if inp.startswith("vmlinux/") else "modules")
    new["decl"] = [e for e in old.get("decl", []) if part_of(e) not in only] + new["decl"]
    if "c_cases" not in only:
        new["c_cases"] = old.get("c_cases", [])
        new["incremental"] = old.get("incremental")
    new["decl"].sort(key=lambda e: e["input"])
    return new


PARTS = ("c_cases", "obj", "vmlinux", "modules")
# generated files of each part: what is there and was not written is stale
GENERATED = {
    "c_cases": ("c_cases/decl/*", "c_cases/case_*.o", "c_cases/case_*.h", "c_cases/case_*.btf",
                "c_cases/case_*.txt"),
    "obj": ("harness/golden/obj/*",),
    "vmlinux": ("harness/golden/vmlinux/*",),
    "modules": ("harness/golden/modules/*",),
}


def remove_stale(out: Out, only: set[str]) -> None:
    for part in only:
        for pattern in GENERATED[part]:
            for p in CORPORA.glob(pattern):
                rel = p.relative_to(CORPORA).as_posix()
                if p.is_file() and rel not in out.written:
                    log(f"removing stale {rel}")
                    p.unlink()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", choices=PARTS)
    ap.add_argument("--check", action="store_true",
                    help="rebuild in a temporary tree and compare with the committed files")
    args = ap.parse_args(argv)
    only = set(args.only or PARTS)
    mpath_rel = "harness/golden/manifest.json"

    if not args.check:
        out = Out(CORPORA)
        manifest = generate(out, only)
        manifest = merge_manifest(CORPORA / mpath_rel, manifest, only)
        remove_stale(out, only)
        out.write(mpath_rel, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
        log(f"wrote {len(out.written)} files")
        return 0

    with tempfile.TemporaryDirectory(prefix="btfkit-golden-check-") as t:
        root = Path(t)
        # sources and inputs the scratch tree needs
        shutil.copytree(CASES, root / "c_cases", ignore=shutil.ignore_patterns("*.o", "decl"))
        out = Out(root)
        out.path("c_cases").mkdir(exist_ok=True)
        # build from the scratch copy of the sources, but read obj/, vmlinux/, modules/ in place
        generate(out, only, root / "c_cases")
        bad = []
        for rel, data in sorted(out.written.items()):
            if rel.endswith("VERSIONS"):
                continue
            mine = CORPORA / rel
            if not mine.exists():
                bad.append(f"missing: corpora/{rel}")
                continue
            have = mine.read_bytes()
            if rel.endswith(".xz"):
                have = lzma.decompress(have)
            if have != data:
                bad.append(f"differs: corpora/{rel}")
        for b in bad:
            print(b)
        print(f"{len(out.written) - len(bad)} files match, {len(bad)} do not")
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
