"""A tiny BTF assembler for tests: hand-made blobs, good and broken.

Records are built with btfkit's construct schemas, so a blob made here is
annotated by the same field names a reader sees."""

from __future__ import annotations

from btfkit.kinds import Kind
from btfkit.schema.btf import btf_schemas


class BtfBuilder:
    def __init__(self, byteorder: str = "little", *, start_str: bytes = b"\0") -> None:
        self.sch = btf_schemas(byteorder)
        self.strings = bytearray(start_str)
        self.records: list[dict] = []
        self._str_index: dict[str, int] = {}

    def s(self, name: str) -> int:
        if not name:
            return 0
        if name not in self._str_index:
            self._str_index[name] = len(self.strings)
            self.strings += name.encode("utf-8", "surrogateescape") + b"\0"
        return self._str_index[name]

    def _add(self, kind: int, name: str = "", *, vlen: int = 0, kflag: int = 0, sot: int = 0,
             info_data=None, elems=None) -> int:
        self.records.append(dict(name_off=self.s(name), info=(kflag << 31) | (kind << 24) | vlen,
                                 size_or_type=sot, info_data=info_data, elems=elems))
        return len(self.records)

    # one method per kind; each returns the new type id
    def int_(self, name: str, size: int, enc: int = 0, bits: int | None = None, offset: int = 0) -> int:
        bits = size * 8 if bits is None else bits
        return self._add(Kind.INT, name, sot=size, info_data=dict(data=(enc << 24) | (offset << 16) | bits))

    def ref(self, kind: int, type_id: int, name: str = "", kflag: int = 0) -> int:
        return self._add(kind, name, sot=type_id, kflag=kflag)

    def ptr(self, t: int) -> int:
        return self.ref(Kind.PTR, t)

    def typedef(self, name: str, t: int) -> int:
        return self.ref(Kind.TYPEDEF, t, name)

    def array(self, t: int, index_type: int, n: int) -> int:
        return self._add(Kind.ARRAY, info_data=dict(type=t, index_type=index_type, nelems=n))

    def struct(self, name: str, size: int, members, *, union: bool = False, kflag: int | None = None) -> int:
        if kflag is None:
            kflag = int(any(len(m) > 3 and m[3] for m in members))
        elems = []
        for m in members:
            mname, mtype, off = m[:3]
            bsz = m[3] if len(m) > 3 else 0
            elems.append(dict(name_off=self.s(mname), type=mtype, offset=(bsz << 24 | off) if kflag else off))
        return self._add(Kind.UNION if union else Kind.STRUCT, name, vlen=len(members), kflag=kflag, sot=size, elems=elems)

    def enum(self, name: str, size: int, values, *, signed: bool = False) -> int:
        elems = [dict(name_off=self.s(n), val=v & 0xFFFFFFFF) for n, v in values]
        return self._add(Kind.ENUM, name, vlen=len(values), kflag=int(signed), sot=size, elems=elems)

    def enum64(self, name: str, size: int, values, *, signed: bool = False) -> int:
        elems = []
        for n, v in values:
            v &= (1 << 64) - 1
            elems.append(dict(name_off=self.s(n), val_lo32=v & 0xFFFFFFFF, val_hi32=v >> 32))
        return self._add(Kind.ENUM64, name, vlen=len(values), kflag=int(signed), sot=size, elems=elems)

    def fwd(self, name: str, union: bool = False) -> int:
        return self._add(Kind.FWD, name, kflag=int(union))

    def func_proto(self, ret: int, params) -> int:
        elems = [dict(name_off=self.s(n), type=t) for n, t in params]
        return self._add(Kind.FUNC_PROTO, vlen=len(params), sot=ret, elems=elems)

    def func(self, name: str, proto: int, linkage: int = 1) -> int:
        return self._add(Kind.FUNC, name, vlen=linkage, sot=proto)

    def var(self, name: str, t: int, linkage: int = 1) -> int:
        return self._add(Kind.VAR, name, sot=t, info_data=dict(linkage=linkage))

    def datasec(self, name: str, size: int, vars_) -> int:
        elems = [dict(type=t, offset=o, size=s) for t, o, s in vars_]
        return self._add(Kind.DATASEC, name, vlen=len(vars_), sot=size, elems=elems)

    def float_(self, name: str, size: int) -> int:
        return self._add(Kind.FLOAT, name, sot=size)

    def decl_tag(self, name: str, t: int, idx: int = -1) -> int:
        return self._add(Kind.DECL_TAG, name, sot=t, info_data=dict(component_idx=idx))

    def raw_record(self, kind: int, name: str = "", vlen: int = 0, sot: int = 0, payload: bytes = b"") -> int:
        """A record of any kind number with opaque payload bytes."""
        self.records.append(dict(name_off=self.s(name), info=(kind << 24) | vlen, size_or_type=sot,
                                 _payload=payload))
        return len(self.records)

    def type_bytes(self, layout=None) -> bytes:
        out = bytearray()
        for r in self.records:
            if "_payload" in r:
                out += self.sch.type_header.build(dict(name_off=r["name_off"], info=r["info"], size_or_type=r["size_or_type"]))
                out += r["_payload"]
            else:
                out += self.sch.record.build(r, layout=layout)
        return bytes(out)

    def build(self, *, layout: list[tuple[int, int, int]] | None = None, **hdr_overrides) -> bytes:
        types = self.type_bytes([(i, e) for i, e, _ in layout] if layout else None)
        strings = bytes(self.strings)
        hdr_len = 32 if layout is not None else 24
        lay = b"".join(self.sch.layout.build(dict(info_sz=i, elem_sz=e, flags=f)) for i, e, f in (layout or []))
        hdr = dict(magic=0xEB9F, version=1, flags=0, hdr_len=hdr_len, type_off=0, type_len=len(types),
                   str_off=len(types), str_len=len(strings),
                   layout_off=len(types) + len(strings) if layout is not None else None,
                   layout_len=len(lay) if layout is not None else None)
        hdr.update(hdr_overrides)
        head = self.sch.header.build({**hdr, "magic": 0xEB9F})
        if hdr.get("magic", 0xEB9F) != 0xEB9F:
            head = self.sch.header_v1.build({k: hdr[k] for k in ("magic", "version", "flags", "hdr_len", "type_off", "type_len", "str_off", "str_len")}) + head[24:]
        return head + types + strings + lay


def sample(byteorder: str = "little") -> BtfBuilder:
    """A small BTF with one of most kinds."""
    b = BtfBuilder(byteorder)
    i = b.int_("int", 4, enc=1)                       # 1
    u = b.int_("unsigned int", 4)                     # 2
    p = b.ptr(i)                                      # 3
    arr = b.array(i, u, 4)                            # 4
    s = b.struct("pair", 8, [("a", i, 0), ("b", u, 32, 3)], kflag=1)  # 5
    b.enum("color", 4, [("RED", 0), ("NEG", -1)], signed=True)       # 6
    b.fwd("opaque", union=True)                       # 7
    td = b.typedef("pair_t", s)                       # 8
    c = b.ref(Kind.CONST, td)                         # 9
    b.ref(Kind.VOLATILE, c)                           # 10
    b.ref(Kind.RESTRICT, p)                           # 11
    fp = b.func_proto(i, [("x", i), ("y", p)])        # 12
    b.func("f", fp)                                   # 13
    v = b.var("g", arr)                               # 14
    b.datasec(".data", 16, [(v, 0, 16)])              # 15
    b.float_("double", 8)                             # 16
    b.decl_tag("tag", s, 0)                           # 17
    b.ref(Kind.TYPE_TAG, i, "user")                   # 18
    b.enum64("big", 8, [("HUGE", 1 << 40)])           # 19
    return b
