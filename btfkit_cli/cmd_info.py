"""btfkit info: what a BTF file holds: header, counts by kind, strings, base, .BTF.ext."""

from __future__ import annotations

from .common import add_file_args, load_btf
from .fastargs import PlainSyntax

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO
    import argparse
    from types import SimpleNamespace

EXAMPLES = """examples:
  btfkit info                               the running kernel's BTF
  btfkit info prog.bpf.o                    a BPF object: .BTF and .BTF.ext
  btfkit info /sys/kernel/btf/veth          a module's split BTF (base found by itself)
  btfkit info mod.ko -B vmlinux             split BTF on a given base
  btfkit info --json | jq '.kinds.struct'"""


def normalize_argv(argv: list[str]) -> list[str]:
    from .views.resolve import options_first

    return options_first(argv, {"-B", "--base"})


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_file_args(p)
    p.add_argument("-j", "--json", action="store_true", help="print the summary as JSON")


# fast_args(): the plain form of what add_arguments() (and main's --debug) declare
_PLAIN = PlainSyntax(
    positionals=(("file", True),),
    flags={"-j": "json", "--json": "json", "--debug": "debug"},
    values={"-B": ("base", None), "--base": ("base", None)},
    defaults={"debug": False, "file": None, "base": None, "json": False},
)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """argparse's namespace for a plain ``btfkit info`` command line, read
    without argparse; None hands the line to argparse (fastargs.PlainSyntax)."""
    return _PLAIN.read(argv)


def summary(btf) -> dict:
    from collections import Counter

    from btfkit.kinds import KIND_NAMES, NR_KINDS

    h = btf.header
    counts = Counter(btf.record_kinds)  # the kind byte of each own type
    kinds = {KIND_NAMES[k].lower() if k < NR_KINDS else str(k): counts[k] for k in sorted(counts)}
    header = {k: v for k, v in h._asdict().items() if v is not None}
    d: dict = {
        "file": btf.source,
        "format": "ELF object" if btf.elf is not None else "raw BTF",
        "byte_order": btf.byteorder,
        "header": header,
        "types": btf.nr_types,
        "first_id": btf.start_id,
        "last_id": btf.type_count - 1,
        "kinds": kinds,
        "strings": {"bytes": len(btf.strings), "count": btf.strings.count(b"\0")},
        "split": btf.base is not None,
    }
    if btf.base is not None:
        base = btf.base
        d["base"] = {"file": base.source, "types": base.nr_types, "first_id": base.start_id,
                     "last_id": base.type_count - 1, "string_bytes": len(base.strings)}
    if btf.layout is not None:
        d["kind_layout"] = [{"kind": i, "info_size": a, "elem_size": b} for i, (a, b) in enumerate(btf.layout)]
    ext = btf.ext
    if ext is not None:
        e = {"version": ext.version, "flags": ext.flags, "header": ext.header}
        for what in ("func_info", "line_info", "core_relos"):
            secs = getattr(ext, what)
            e[what] = [{"section": s.name, "records": len(s.records)} for s in secs]
        d["btf_ext"] = e
    return d


def sections(d: dict) -> list:
    from .views.tables import Section

    rows = [["file", d["file"]], ["format", d["format"]], ["byte order", f"{d['byte_order']}-endian"]]
    if d["split"]:
        b = d["base"]
        rows.append(["split BTF", f"ids {d['first_id']}..{d['last_id']} on base {b['file']} (ids {b['first_id']}..{b['last_id']})"])
    else:
        rows.append(["ids", f"{d['first_id']}..{d['last_id']}"])
    rows.append(["types", str(d["types"])])
    rows.append(["strings", f"{d['strings']['bytes']} bytes, {d['strings']['count']} strings"])
    out = [Section("BTF", ["", ""], rows, header=False)]
    h = d["header"]
    hrows = [[k, (f"0x{v:04x}" if k == "magic" else str(v))] for k, v in h.items()]
    out.append(Section("header", ["field", "value"], hrows, right={1}, header=False))
    total = sum(d["kinds"].values())
    krows = [[k, str(n), f"{100 * n / total:.1f}%" if total else ""]
             for k, n in sorted(d["kinds"].items(), key=lambda kv: (-kv[1], kv[0]))]
    out.append(Section("types by kind", ["KIND", "COUNT", "SHARE"], krows, right={1, 2}))
    if "kind_layout" in d:
        out.append(Section("kind layout section", ["KIND", "INFO SIZE", "ELEM SIZE"],
                           [[str(x["kind"]), str(x["info_size"]), str(x["elem_size"])] for x in d["kind_layout"]],
                           right={0, 1, 2}))
    e = d.get("btf_ext")
    if e is not None:
        erows = []
        for what, label in (("func_info", "func_info"), ("line_info", "line_info"), ("core_relos", "CO-RE relocations")):
            for s in e[what]:
                erows.append([label, s["section"], str(s["records"])])
            if not e[what]:
                erows.append([label, "-", "0"])
        out.append(Section(f".BTF.ext (version {e['version']})", ["INFO", "SECTION", "RECORDS"], erows, right={2}))
    return out


def run(args: argparse.Namespace | SimpleNamespace, stdout: IO, stderr: IO) -> int:
    from .views.tables import print_sections

    btf = load_btf(args)
    d = summary(btf)
    if args.json:
        from .output import emit

        import json  # only for -j


        emit(json.dumps(d, ensure_ascii=False) + "\n", None, stdout)
        return 0
    print_sections(sections(d), stdout, styles={})
    return 0
