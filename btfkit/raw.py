"""bpftool's raw renderings of BTF: the text of ``bpftool btf dump file F``
and the value of ``bpftool -j btf dump file F`` (bpftool 7.1, ``dump_btf_type``).

For split BTF only the split part is printed, as bpftool does; the base is
used to resolve names.
"""

from __future__ import annotations

import json
import re
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator

from .btf import Btf
from .fields import (
    ARRAY_INDEX, ARRAY_NELEMS, ARRAY_TYPE, DECL_TAG_IDX, ENUM64_HI, ENUM64_LO, ENUM64_NAME, ENUM64_WORDS,
    ENUM_NAME, ENUM_VAL, ENUM_WORDS, INFO, INT_DATA, MEMBER_NAME, MEMBER_OFFSET, MEMBER_TYPE, MEMBER_WORDS,
    NAME, PARAM_NAME, PARAM_TYPE, PARAM_WORDS, SECINFO_OFFSET, SECINFO_SIZE, SECINFO_TYPE, SECINFO_WORDS,
    TYPE, VAR_LINKAGE,
)
from .kinds import Kind, bpftool_kind_str as _kind_str

# an element's fields relative to its first word
_M_TYPE, _M_OFF = MEMBER_TYPE - MEMBER_NAME, MEMBER_OFFSET - MEMBER_NAME
_P_TYPE = PARAM_TYPE - PARAM_NAME
_E_VAL = ENUM_VAL - ENUM_NAME
_E64_LO, _E64_HI = ENUM64_LO - ENUM64_NAME, ENUM64_HI - ENUM64_NAME
_S_OFF, _S_SIZE = SECINFO_OFFSET - SECINFO_TYPE, SECINFO_SIZE - SECINFO_TYPE

_INT_ENC = {0: "(none)", 1: "SIGNED", 2: "CHAR", 4: "BOOL"}
_VAR_LINKAGE = {0: "static", 1: "global", 2: "extern"}
_FUNC_LINKAGE = {0: "static", 1: "global", 2: "extern"}


_KIND_STR = [_kind_str(k) for k in range(128)]
_K_INT, _K_PTR, _K_ARRAY, _K_STRUCT, _K_UNION = Kind.INT, Kind.PTR, Kind.ARRAY, Kind.STRUCT, Kind.UNION
_K_ENUM, _K_FWD, _K_FUNC, _K_FUNC_PROTO, _K_VAR = Kind.ENUM, Kind.FWD, Kind.FUNC, Kind.FUNC_PROTO, Kind.VAR
_K_DATASEC, _K_FLOAT, _K_DECL_TAG, _K_ENUM64 = Kind.DATASEC, Kind.FLOAT, Kind.DECL_TAG, Kind.ENUM64
# kinds printed as "type_id=N" alone
_REF_ONLY = frozenset(int(k) for k in (Kind.PTR, Kind.CONST, Kind.VOLATILE, Kind.RESTRICT, Kind.TYPEDEF,
                                         Kind.TYPE_TAG))


class _Reader:
    """The records of ``btf`` (and its bases) read as words, as bpftool's
    dump_btf_type() reads ``struct btf_type``: one reader for the text and
    the JSON forms.  Names come from one pass over each string section;
    whatever the words cannot answer (a name offset that is not the start
    of a string, kind 0) goes through the model, which reads it or raises
    the error that names the type."""

    __slots__ = ("btf", "blobs", "names")

    def __init__(self, btf: Btf) -> None:
        self.btf = btf
        blobs = []
        b: Btf | None = btf
        while b is not None:
            blobs.append(b)
            b = b.base
        self.blobs = blobs
        names: dict[int, str] = {}
        for b in reversed(blobs):
            names.update(b.strings_by_offset())
        self.names = names

    def record(self, tid: int) -> tuple[Btf, Any, int]:
        """The blob holding ``tid``, its words and the record's word index."""
        for b in self.blobs:
            if tid >= b.start_id:
                idx = tid - b.start_id
                if idx >= b.nr_types:
                    break
                words, starts = b.record_words()
                return b, words, starts[idx]
        return self.btf, None, -1  # out of range: the model raises

    def records(self, ids: Iterable[int]) -> Iterator[tuple[int, Any, int]]:
        """``(id, words, word index)`` of each id's record, in order; the
        model raises for an id out of range.  The BTF's own records (most
        ids) are found without the walk of :meth:`record`."""
        btf = self.btf
        own_start, own_end = btf.start_id, btf.type_count
        own_words, own_starts = btf.record_words()
        record = self.record
        for tid in ids:
            if own_start <= tid < own_end:
                yield tid, own_words, own_starts[tid - own_start]
            else:
                _, w, i = record(tid)
                if w is None:
                    btf[tid]  # raises: out of range
                yield tid, w, i

    def name(self, tid: int, off: int) -> str:
        """bpftool's btf_str() of a name offset in type ``tid``'s record:
        "(anon)" for 0, else the string (the model reads odd offsets)."""
        if not off:
            return "(anon)"
        s = self.names.get(off)
        if s is None:
            self.btf[tid]  # a bad offset: raises the error naming the type
            s = self.btf.str_at(off)
        return s


def raw_lines(btf: Btf, ids: Iterable[int] | None = None) -> Iterator[str]:
    """One string per type (members on following lines, tab-indented), each
    ending in a newline: exactly what bpftool prints (``dump_btf_type``)."""
    if ids is None:
        ids = range(btf.start_id, btf.type_count)
    rd = _Reader(btf)
    names = rd.names
    name = rd.name
    type_count = btf.type_count
    for tid, w, i in rd.records(ids):
        info = w[i + INFO]
        kind = (info >> 24) & 0x7F
        vlen = info & 0xFFFFFF
        no = w[i + NAME]
        nm = (names.get(no) or name(tid, no)) if no else "(anon)"
        if kind == _K_FUNC:
            yield f"[{tid}] FUNC '{nm}' type_id={w[i + TYPE]} linkage={_FUNC_LINKAGE.get(vlen, '(unknown)')}\n"
        elif kind == _K_STRUCT or kind == _K_UNION:
            parts = [f"[{tid}] {_KIND_STR[kind]} '{nm}' size={w[i + TYPE]} vlen={vlen}"]
            kflag = info >> 31
            for j in range(i + MEMBER_NAME, i + MEMBER_NAME + MEMBER_WORDS * vlen, MEMBER_WORDS):
                mno = w[j]
                mnm = (names.get(mno) or name(tid, mno)) if mno else "(anon)"
                off = w[j + _M_OFF]
                if kflag and off >> 24:
                    parts.append(f"\t'{mnm}' type_id={w[j + _M_TYPE]} bits_offset={off & 0xFFFFFF} bitfield_size={off >> 24}")
                else:
                    parts.append(f"\t'{mnm}' type_id={w[j + _M_TYPE]} bits_offset={off & 0xFFFFFF if kflag else off}")
            parts.append("")
            yield "\n".join(parts)
        elif kind in _REF_ONLY:
            yield f"[{tid}] {_KIND_STR[kind]} '{nm}' type_id={w[i + TYPE]}\n"
        elif kind == _K_FUNC_PROTO:
            parts = [f"[{tid}] FUNC_PROTO '{nm}' ret_type_id={w[i + TYPE]} vlen={vlen}"]
            for j in range(i + PARAM_NAME, i + PARAM_NAME + PARAM_WORDS * vlen, PARAM_WORDS):
                pno = w[j]
                parts.append(f"\t'{(names.get(pno) or name(tid, pno)) if pno else '(anon)'}' type_id={w[j + _P_TYPE]}")
            parts.append("")
            yield "\n".join(parts)
        elif kind == _K_INT:
            d = w[i + INT_DATA]
            yield (f"[{tid}] INT '{nm}' size={w[i + TYPE]} bits_offset={(d >> 16) & 0xFF} nr_bits={d & 0xFF} "
                   f"encoding={_INT_ENC.get((d >> 24) & 0x0F, 'UNKN')}\n")
        elif kind == _K_ARRAY:
            yield (f"[{tid}] ARRAY '{nm}' type_id={w[i + ARRAY_TYPE]} index_type_id={w[i + ARRAY_INDEX]} "
                   f"nr_elems={w[i + ARRAY_NELEMS]}\n")
        elif kind == _K_ENUM:
            kflag = info >> 31
            parts = [f"[{tid}] ENUM '{nm}' encoding={'SIGNED' if kflag else 'UNSIGNED'} size={w[i + TYPE]} vlen={vlen}"]
            for j in range(i + ENUM_NAME, i + ENUM_NAME + ENUM_WORDS * vlen, ENUM_WORDS):
                eno = w[j]
                v = w[j + _E_VAL]
                if kflag and v >= 0x80000000:
                    v -= 0x100000000
                parts.append(f"\t'{(names.get(eno) or name(tid, eno)) if eno else '(anon)'}' val={v}")
            parts.append("")
            yield "\n".join(parts)
        elif kind == _K_ENUM64:
            kflag = info >> 31
            suffix = "LL" if kflag else "ULL"
            parts = [f"[{tid}] ENUM64 '{nm}' encoding={'SIGNED' if kflag else 'UNSIGNED'} size={w[i + TYPE]} vlen={vlen}"]
            for j in range(i + ENUM64_NAME, i + ENUM64_NAME + ENUM64_WORDS * vlen, ENUM64_WORDS):
                eno = w[j]
                v = (w[j + _E64_HI] << 32) | w[j + _E64_LO]
                if kflag and v >= 1 << 63:
                    v -= 1 << 64
                parts.append(f"\t'{(names.get(eno) or name(tid, eno)) if eno else '(anon)'}' val={v}{suffix}")
            parts.append("")
            yield "\n".join(parts)
        elif kind == _K_VAR:
            yield f"[{tid}] VAR '{nm}' type_id={w[i + TYPE]}, linkage={_VAR_LINKAGE.get(w[i + VAR_LINKAGE], '(unknown)')}\n"
        elif kind == _K_DATASEC:
            parts = [f"[{tid}] DATASEC '{nm}' size={w[i + TYPE]} vlen={vlen}"]
            for j in range(i + SECINFO_TYPE, i + SECINFO_TYPE + SECINFO_WORDS * vlen, SECINFO_WORDS):
                vt = w[j]
                line = f"\ttype_id={vt} offset={w[j + _S_OFF]} size={w[j + _S_SIZE]}"
                if vt < type_count:
                    vkind, vname = _kind_and_name(rd, vt)
                    line += f" ({_KIND_STR[vkind]} '{vname}')"
                parts.append(line)
            parts.append("")
            yield "\n".join(parts)
        elif kind == _K_FWD:
            yield f"[{tid}] FWD '{nm}' fwd_kind={'union' if info >> 31 else 'struct'}\n"
        elif kind == _K_FLOAT:
            yield f"[{tid}] FLOAT '{nm}' size={w[i + TYPE]}\n"
        elif kind == _K_DECL_TAG:
            ci = w[i + DECL_TAG_IDX]
            yield f"[{tid}] DECL_TAG '{nm}' type_id={w[i + TYPE]} component_idx={ci - (ci >> 31 << 32)}\n"
        elif kind == 0:
            btf[tid]  # kind 0 is no type: the model raises
        else:
            yield f"[{tid}] {_KIND_STR[kind]} '{nm}'\n"


def _kind_and_name(rd: _Reader, tid: int) -> tuple[int, str]:
    """Kind and btf_str() name of ``tid`` (void: kind 0, "(anon)")."""
    if tid == 0:
        return 0, "(anon)"
    b, w, i = rd.record(tid)
    if w is None:
        t = rd.btf[tid]
        return t.kind, t.name if t.name_off else "(anon)"
    kind = (w[i + INFO] >> 24) & 0x7F
    if kind == 0:
        rd.btf[tid]  # kind 0 is no type: the model raises
    return kind, rd.name(tid, w[i + NAME])


def dump_raw(btf: Btf, ids: Iterable[int] | None = None) -> str:
    """The whole text of ``bpftool btf dump file F`` (``format raw``)."""
    return "".join(raw_lines(btf, ids))


def _bpftool_name(name: str) -> str:
    # bpftool's jsonw_puts() writes a backslash as "\\n" (a newline once
    # parsed); we keep that so values compare equal.
    return name.replace("\\", "\n") if "\\" in name else name


def type_json(btf: Btf, tid: int) -> dict[str, Any]:
    """One type as bpftool -j renders it."""
    value: dict[str, Any] = dump_json(btf, (tid,))["types"][0]
    return value


def dump_json(btf: Btf, ids: Iterable[int] | None = None) -> dict[str, Any]:
    """The value bpftool -j btf dump prints: ``{"types": [...]}`` (parsed from
    :func:`dump_json_text`, the one renderer)."""
    value: dict[str, Any] = json.loads(dump_json_text(btf, ids))
    return value


_ESC = {ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r", ord("\f"): "\\f", ord("\b"): "\\b",
        ord("\\"): "\\n", ord('"'): '\\"'}
_ESC.update({c: f"\\u{c:04x}" for c in range(0x20) if c not in _ESC})
_SPECIAL = re.compile(r'[\x00-\x1f"\\]')


def _jstr(s: str, special: Callable[[str], re.Match[str] | None] = _SPECIAL.search) -> str:
    if special(s):
        return '"' + s.translate(_ESC) + '"'
    return '"' + s + '"'


def dump_json_text(btf: Btf, ids: Iterable[int] | None = None) -> str:
    """``dump_json`` written straight to compact JSON text (what ``-j`` prints),
    from the same record reader as the text form."""
    if ids is None:
        ids = range(btf.start_id, btf.type_count)
    rd = _Reader(btf)
    names = rd.names
    name = rd.name

    # each name offset's JSON text, made once (member names repeat a lot)
    jnames: dict[int, str] = {0: '"(anon)"'}
    jget = jnames.get

    def tname(tid: int, no: int) -> str:
        # a type's own name: most are used once, not worth keeping
        return _jstr(_bpftool_name(names.get(no) or name(tid, no)))

    def jname(tid: int, no: int) -> str:
        text = jnames[no] = tname(tid, no)
        return text

    out = ['{"types":[']
    chunks: list[str] = []  # pieces joined now and then: less peak memory
    ap = out.append
    first = True
    for tid, w, i in rd.records(ids):
        if len(out) > 4096:
            chunks.append("".join(out))
            out.clear()
        info = w[i + INFO]
        kind = (info >> 24) & 0x7F
        vlen = info & 0xFFFFFF
        if kind == 0:
            btf[tid]  # kind 0 is no type: the model raises
        if not first:
            ap(",")
        first = False
        head = f'{{"id":{tid},"kind":"{_KIND_STR[kind]}","name":{jget(w[i + NAME]) or tname(tid, w[i + NAME])}'
        if kind == _K_FUNC:
            ap(f'{head},"type_id":{w[i + TYPE]},"linkage":"{_FUNC_LINKAGE.get(vlen, "(unknown)")}"}}')
        elif kind == _K_STRUCT or kind == _K_UNION:
            kflag = info >> 31
            ms = []
            for j in range(i + MEMBER_NAME, i + MEMBER_NAME + MEMBER_WORDS * vlen, MEMBER_WORDS):
                off = w[j + _M_OFF]
                if kflag and off >> 24:
                    ms.append(f'{{"name":{jget(w[j]) or jname(tid, w[j])},"type_id":{w[j + _M_TYPE]},"bits_offset":{off & 0xFFFFFF},"bitfield_size":{off >> 24}}}')
                else:
                    ms.append(f'{{"name":{jget(w[j]) or jname(tid, w[j])},"type_id":{w[j + _M_TYPE]},"bits_offset":{off & 0xFFFFFF if kflag else off}}}')
            ap(f'{head},"size":{w[i + TYPE]},"vlen":{vlen},"members":[{",".join(ms)}]}}')
        elif kind in _REF_ONLY:
            ap(f'{head},"type_id":{w[i + TYPE]}}}')
        elif kind == _K_FUNC_PROTO:
            ps = ",".join([f'{{"name":{jget(w[j]) or jname(tid, w[j])},"type_id":{w[j + _P_TYPE]}}}'
                           for j in range(i + PARAM_NAME, i + PARAM_NAME + PARAM_WORDS * vlen, PARAM_WORDS)])
            ap(f'{head},"ret_type_id":{w[i + TYPE]},"vlen":{vlen},"params":[{ps}]}}')
        elif kind == _K_INT:
            d = w[i + INT_DATA]
            ap(f'{head},"size":{w[i + TYPE]},"bits_offset":{(d >> 16) & 0xFF},"nr_bits":{d & 0xFF},'
               f'"encoding":"{_INT_ENC.get((d >> 24) & 0x0F, "UNKN")}"}}')
        elif kind == _K_ARRAY:
            ap(f'{head},"type_id":{w[i + ARRAY_TYPE]},"index_type_id":{w[i + ARRAY_INDEX]},"nr_elems":{w[i + ARRAY_NELEMS]}}}')
        elif kind == _K_ENUM or kind == _K_ENUM64:
            kflag = info >> 31
            vs = []
            if kind == _K_ENUM:
                for j in range(i + ENUM_NAME, i + ENUM_NAME + ENUM_WORDS * vlen, ENUM_WORDS):
                    v = w[j + _E_VAL]
                    if v >= 0x80000000:
                        # signed: the negative value; unsigned: bpftool prints the
                        # __s32 sign-extended into a __u64
                        v = v - 0x100000000 if kflag else v + 0xFFFFFFFF00000000
                    vs.append(f'{{"name":{jget(w[j]) or jname(tid, w[j])},"val":{v}}}')
            else:
                for j in range(i + ENUM64_NAME, i + ENUM64_NAME + ENUM64_WORDS * vlen, ENUM64_WORDS):
                    v = (w[j + _E64_HI] << 32) | w[j + _E64_LO]
                    if kflag and v >= 1 << 63:
                        v -= 1 << 64
                    vs.append(f'{{"name":{jget(w[j]) or jname(tid, w[j])},"val":{v}}}')
            ap(f'{head},"encoding":"{"SIGNED" if kflag else "UNSIGNED"}","size":{w[i + TYPE]},"vlen":{vlen},"values":[{",".join(vs)}]}}')
        elif kind == _K_VAR:
            ap(f'{head},"type_id":{w[i + TYPE]},"linkage":"{_VAR_LINKAGE.get(w[i + VAR_LINKAGE], "(unknown)")}"}}')
        elif kind == _K_DATASEC:
            secinfo = ",".join([f'{{"type_id":{w[j]},"offset":{w[j + _S_OFF]},"size":{w[j + _S_SIZE]}}}'
                                for j in range(i + SECINFO_TYPE, i + SECINFO_TYPE + SECINFO_WORDS * vlen, SECINFO_WORDS)])
            ap(f'{head},"size":{w[i + TYPE]},"vlen":{vlen},"vars":[{secinfo}]}}')
        elif kind == _K_FWD:
            ap(f'{head},"fwd_kind":"{"union" if info >> 31 else "struct"}"}}')
        elif kind == _K_FLOAT:
            ap(f'{head},"size":{w[i + TYPE]}}}')
        elif kind == _K_DECL_TAG:
            ci = w[i + DECL_TAG_IDX]
            ap(f'{head},"type_id":{w[i + TYPE]},"component_idx":{ci - (ci >> 31 << 32)}}}')
        else:
            ap(head + "}")
    ap("]}\n")
    chunks.append("".join(out))
    return "".join(chunks)
