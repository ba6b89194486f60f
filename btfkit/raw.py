"""bpftool's raw renderings of BTF: the text of ``bpftool btf dump file F``
and the value of ``bpftool -j btf dump file F`` (bpftool 7.1, ``dump_btf_type``).

For split BTF only the split part is printed, as bpftool does; the base is
used to resolve names.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from .btf import Btf
from .kinds import Kind, bpftool_kind_str as _kind_str

_INT_ENC = {0: "(none)", 1: "SIGNED", 2: "CHAR", 4: "BOOL"}
_VAR_LINKAGE = {0: "static", 1: "global", 2: "extern"}
_FUNC_LINKAGE = {0: "static", 1: "global", 2: "extern"}


def _nm(x: Any) -> str:
    """bpftool's btf_str(): "(anon)" for name offset 0, else the string at
    the offset, even an empty one (split BTF on the wrong base)."""
    return x.name if x.name_off else "(anon)"


def raw_lines(btf: Btf, ids: Iterable[int] | None = None) -> Iterator[str]:
    """One string per type (members on following lines, tab-indented), each
    ending in a newline: exactly what bpftool prints."""
    if ids is None:
        ids = range(btf.start_id, btf.type_count)
    type_count = btf.type_count
    for tid in ids:
        t = btf[tid]
        kind = t.kind
        name = t.name if t.name_off else "(anon)"
        head = f"[{tid}] {_kind_str(kind)} '{name}'"
        if kind == Kind.STRUCT or kind == Kind.UNION:
            parts = [f"{head} size={t.size} vlen={len(t.members)}"]
            for m in t.members:
                if m.bitfield_size:
                    parts.append(f"\t'{_nm(m)}' type_id={m.type} bits_offset={m.offset} bitfield_size={m.bitfield_size}")
                else:
                    parts.append(f"\t'{_nm(m)}' type_id={m.type} bits_offset={m.offset}")
            yield "\n".join(parts) + "\n"
        elif kind in (Kind.PTR, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPEDEF, Kind.TYPE_TAG):
            yield f"{head} type_id={t.type}\n"
        elif kind == Kind.INT:
            yield f"{head} size={t.size} bits_offset={t.bits_offset} nr_bits={t.nr_bits} encoding={_INT_ENC.get(t.encoding, 'UNKN')}\n"
        elif kind == Kind.ARRAY:
            yield f"{head} type_id={t.type} index_type_id={t.index_type} nr_elems={t.nelems}\n"
        elif kind == Kind.FUNC_PROTO:
            parts = [f"{head} ret_type_id={t.type} vlen={len(t.params)}"]
            parts.extend(f"\t'{_nm(p)}' type_id={p.type}" for p in t.params)
            yield "\n".join(parts) + "\n"
        elif kind == Kind.FUNC:
            yield f"{head} type_id={t.type} linkage={_FUNC_LINKAGE.get(t.linkage, '(unknown)')}\n"
        elif kind == Kind.ENUM:
            enc = "SIGNED" if t.kflag else "UNSIGNED"
            parts = [f"{head} encoding={enc} size={t.size} vlen={len(t.values)}"]
            parts.extend(f"\t'{_nm(e)}' val={e.value}" for e in t.values)
            yield "\n".join(parts) + "\n"
        elif kind == Kind.ENUM64:
            enc = "SIGNED" if t.kflag else "UNSIGNED"
            suffix = "LL" if t.kflag else "ULL"
            parts = [f"{head} encoding={enc} size={t.size} vlen={len(t.values)}"]
            parts.extend(f"\t'{_nm(e)}' val={e.value}{suffix}" for e in t.values)
            yield "\n".join(parts) + "\n"
        elif kind == Kind.VAR:
            yield f"{head} type_id={t.type}, linkage={_VAR_LINKAGE.get(t.linkage, '(unknown)')}\n"
        elif kind == Kind.DATASEC:
            parts = [f"{head} size={t.size} vlen={len(t.vars)}"]
            for v in t.vars:
                line = f"\ttype_id={v.type} offset={v.offset} size={v.size}"
                if v.type < type_count:
                    vt = btf[v.type]
                    line += f" ({_kind_str(vt.kind)} '{_nm(vt)}')"
                parts.append(line)
            yield "\n".join(parts) + "\n"
        elif kind == Kind.FWD:
            yield f"{head} fwd_kind={'union' if t.kflag else 'struct'}\n"
        elif kind == Kind.FLOAT:
            yield f"{head} size={t.size}\n"
        elif kind == Kind.DECL_TAG:
            yield f"{head} type_id={t.type} component_idx={t.component_idx}\n"
        else:
            yield head + "\n"


def dump_raw(btf: Btf, ids: Iterable[int] | None = None) -> str:
    """The whole text of ``bpftool btf dump file F`` (``format raw``)."""
    return "".join(raw_lines(btf, ids))


def _bpftool_name(name: str) -> str:
    # bpftool's jsonw_puts() writes a backslash as "\\n" (a newline once
    # parsed); we keep that so values compare equal.
    return name.replace("\\", "\n") if "\\" in name else name


def type_json(btf: Btf, tid: int) -> dict[str, Any]:
    """One type as bpftool -j renders it."""
    return dump_json(btf, (tid,))["types"][0]


def dump_json(btf: Btf, ids: Iterable[int] | None = None) -> dict[str, Any]:
    """The value bpftool -j btf dump prints: ``{"types": [...]}`` (parsed from
    :func:`dump_json_text`, the one renderer)."""
    return json.loads(dump_json_text(btf, ids))


_ESC = {ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r", ord("\f"): "\\f", ord("\b"): "\\b",
        ord("\\"): "\\n", ord('"'): '\\"'}
_ESC.update({c: f"\\u{c:04x}" for c in range(0x20) if c not in _ESC})
_SPECIAL = re.compile(r'[\x00-\x1f"\\]')


def _jstr(s: str, special=_SPECIAL.search) -> str:
    if special(s):
        return '"' + s.translate(_ESC) + '"'
    return '"' + s + '"'


def dump_json_text(btf: Btf, ids: Iterable[int] | None = None) -> str:
    """``dump_json`` written straight to compact JSON text (what ``-j`` prints),
    without building the dictionaries: the same value, several times faster."""
    if ids is None:
        ids = range(btf.start_id, btf.type_count)
    out = ['{"types":[']
    ap = out.append
    first = True
    for tid in ids:
        t = btf[tid]
        kind = t.kind
        if not first:
            ap(",")
        first = False
        head = f'{{"id":{tid},"kind":"{_kind_str(kind)}","name":{_jstr(_bpftool_name(_nm(t)))}'
        if kind == Kind.STRUCT or kind == Kind.UNION:
            ms = []
            for m in t.members:
                if m.bitfield_size:
                    ms.append(f'{{"name":{_jstr(_bpftool_name(_nm(m)))},"type_id":{m.type},"bits_offset":{m.offset},"bitfield_size":{m.bitfield_size}}}')
                else:
                    ms.append(f'{{"name":{_jstr(_bpftool_name(_nm(m)))},"type_id":{m.type},"bits_offset":{m.offset}}}')
            ap(f'{head},"size":{t.size},"vlen":{len(t.members)},"members":[{",".join(ms)}]}}')
        elif kind in (Kind.PTR, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPEDEF, Kind.TYPE_TAG):
            ap(f'{head},"type_id":{t.type}}}')
        elif kind == Kind.FUNC:
            ap(f'{head},"type_id":{t.type},"linkage":"{_FUNC_LINKAGE.get(t.linkage, "(unknown)")}"}}')
        elif kind == Kind.FUNC_PROTO:
            ps = ",".join(f'{{"name":{_jstr(_bpftool_name(_nm(p)))},"type_id":{p.type}}}' for p in t.params)
            ap(f'{head},"ret_type_id":{t.type},"vlen":{len(t.params)},"params":[{ps}]}}')
        elif kind == Kind.INT:
            ap(f'{head},"size":{t.size},"bits_offset":{t.bits_offset},"nr_bits":{t.nr_bits},"encoding":"{_INT_ENC.get(t.encoding, "UNKN")}"}}')
        elif kind == Kind.ARRAY:
            ap(f'{head},"type_id":{t.type},"index_type_id":{t.index_type},"nr_elems":{t.nelems}}}')
        elif kind == Kind.ENUM or kind == Kind.ENUM64:
            vs = []
            for e in t.values:
                v = e.value
                if kind == Kind.ENUM and not t.kflag and v >= 0x80000000:
                    v += 0xFFFFFFFF00000000
                vs.append(f'{{"name":{_jstr(_bpftool_name(_nm(e)))},"val":{v}}}')
            enc = "SIGNED" if t.kflag else "UNSIGNED"
            ap(f'{head},"encoding":"{enc}","size":{t.size},"vlen":{len(t.values)},"values":[{",".join(vs)}]}}')
        elif kind == Kind.VAR:
            ap(f'{head},"type_id":{t.type},"linkage":"{_VAR_LINKAGE.get(t.linkage, "(unknown)")}"}}')
        elif kind == Kind.DATASEC:
            vs = ",".join(f'{{"type_id":{v.type},"offset":{v.offset},"size":{v.size}}}' for v in t.vars)
            ap(f'{head},"size":{t.size},"vlen":{len(t.vars)},"vars":[{vs}]}}')
        elif kind == Kind.FWD:
            ap(f'{head},"fwd_kind":"{"union" if t.kflag else "struct"}"}}')
        elif kind == Kind.FLOAT:
            ap(f'{head},"size":{t.size}}}')
        elif kind == Kind.DECL_TAG:
            ap(f'{head},"type_id":{t.type},"component_idx":{t.component_idx}}}')
        else:
            ap(head + "}")
    ap("]}\n")
    return "".join(out)
