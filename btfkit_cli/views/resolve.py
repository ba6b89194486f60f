"""TYPE arguments: a name or an id, and ``--kind`` when a name is ambiguous."""

from __future__ import annotations

from btfkit.errors import BtfError
from btfkit.kinds import Kind, kind_name

from ..common import checked_id, named

# what `--kind` accepts: bpftool's lower-case kind names, plus short forms
KIND_CHOICES = [k.name.lower() for k in Kind if k != Kind.UNKN]
_ALIASES = {"ptr": Kind.PTR, "pointer": Kind.PTR, "proto": Kind.FUNC_PROTO, "func_proto": Kind.FUNC_PROTO,
            "decl_tag": Kind.DECL_TAG, "type_tag": Kind.TYPE_TAG, "enum64": Kind.ENUM64}

# kinds a name refers to when the user means "the type": definitions first
_TYPE_KINDS = (Kind.STRUCT, Kind.UNION, Kind.TYPEDEF, Kind.ENUM, Kind.ENUM64, Kind.INT,
               Kind.FLOAT, Kind.DATASEC)


def parse_kind(text: str) -> int:
    t = text.strip().lower()
    if t in _ALIASES:
        return int(_ALIASES[t])
    try:
        return int(Kind[t.upper()])
    except KeyError:
        import argparse  # --kind's converter: its error is argparse's to print

        raise argparse.ArgumentTypeError(
            f"unknown kind {text!r} (one of: {', '.join(KIND_CHOICES)})") from None


def parse_kinds(text: str) -> list[int]:
    """``struct,union`` -> [STRUCT, UNION]."""
    return [parse_kind(p) for p in text.split(",") if p.strip()]


class Ambiguous(BtfError):
    """A name that names several types; ``candidates`` are (id, kind name)."""

    def __init__(self, name: str, candidates: list[tuple[int, str]], source: str | None = None) -> None:
        self.name = name
        self.candidates = candidates
        listed = ", ".join(f"[{i}] {k}" for i, k in candidates)
        super().__init__(f"{name!r} names {len(candidates)} types: {listed}; "
                         f"choose one with --kind KIND or give its id", source=source)


def resolve_type(btf, spec: str, kinds: "list[int] | None" = None, *, allow=_TYPE_KINDS) -> int:
    """The one id ``spec`` means: a decimal id, or a name (optionally of the
    given kinds).  Without kinds, a name prefers struct/union/typedef/enum
    definitions over forward declarations, functions and variables."""
    spec = spec.strip()
    if spec.isdigit():
        return checked_id(btf, spec)
    # accept "struct foo" / "union foo" / "enum foo" as C spells them
    words = spec.split()
    if len(words) == 2 and words[0] in ("struct", "union", "enum", "typedef"):
        kw, spec = words
        kinds = list(kinds or []) or {"struct": [Kind.STRUCT], "union": [Kind.UNION],
                                      "enum": [Kind.ENUM, Kind.ENUM64], "typedef": [Kind.TYPEDEF]}[kw]
    found = named(btf, spec)
    if kinds:
        ids = [i for i in found if btf.kind_of(i) in kinds]
        if not ids:
            have = ", ".join(f"[{i}] {kind_name(btf.kind_of(i))}" for i in found)
            raise BtfError(f"no {'/'.join(kind_name(k) for k in kinds)} named {spec!r} (there is {have})",
                           source=btf.source)
    else:
        ids = [i for i in found if btf.kind_of(i) in allow] or found
    if len(ids) > 1:
        raise Ambiguous(spec, [(i, kind_name(btf.kind_of(i))) for i in ids], source=btf.source)
    return ids[0]


def options_first(argv: list[str], takes_value: set[str]) -> list[str]:
    """Move options (and their values) before positional arguments, so that
    ``btfkit find FILE -e PATTERN`` parses as ``btfkit find -e FILE PATTERN``
    would (argparse alone gives both positionals' slots away at the first one)."""
    opts: list[str] = []
    pos: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            pos.extend(argv[i + 1:])
            break
        if a.startswith("-") and len(a) > 1:
            opts.append(a)
            if a in takes_value and "=" not in a and i + 1 < len(argv):
                opts.append(argv[i + 1])
                i += 1
        else:
            pos.append(a)
        i += 1
    return opts + (["--"] + pos if pos else [])

