"""The C printer (btfkit.c) against bpftool 7.1 (libbpf 6.1's btf_dump).

- The live kernel's BTF: ``dump_header`` is byte-identical to
  ``bpftool btf dump file /sys/kernel/btf/vmlinux format c``, within 20x of
  bpftool's time (measured in the same run) and 150 MiB.
- Hand-made BTF (tests/btfbuild.py), one blob per topic: bitfields, packing,
  padding (64- and 32-bit longs), ___N namespacing, ordering and forward
  declarations, anonymous types, function pointers, multi-dimensional
  arrays, modifiers, type tags, enums (signed, unsigned, ENUM64), compiler
  quirks, split BTF and cycles.  The expected C next to each builder is
  bpftool's output, checked again against live bpftool when it is installed,
  in both byte orders.
- CDumper as an API: state across calls, emit_type_decl, errors.
- Broken BTF that crashes or hangs libbpf (self-referencing modifiers,
  typedefs, pointers, arrays, prototypes): no crash, no hang, a warning.
- The raw-word fast path (btfkit/words.py) agrees with the model on every
  corpus object and the frozen kernel BTF.

The selftest-style C corpus (corpora/c_cases) and the emit_type_decl
harness goldens have their own tests (test_c_cases.py, test_emit_decl.py).
"""

from __future__ import annotations

import lzma
import os
import subprocess
import sys
from pathlib import Path

import pytest

import btfkit
from btfkit.btf import Btf
from btfkit.c import CDumper, TypeLoopError, dump_header
from btfkit.errors import LimitError
from btfkit.words import RawTypes
from btfkit.c.header import FOOTER, HEADER
from btfkit.errors import BtfError, BtfValidationError
from btfkit.kinds import Kind

from btfbuild import BtfBuilder
from conftest import bpftool_path, need_glob, no_hang

SYS_VMLINUX = "/sys/kernel/btf/vmlinux"



def c_text(btf) -> bytes:
    """dump_header's output as the bytes bpftool writes."""
    return dump_header(btf).encode("utf-8", "surrogateescape")


def live_bpftool(path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([bpftool_path(), *extra, "btf", "dump", "file", str(path), "format", "c"],
                          capture_output=True, timeout=120)


def need_bpftool() -> None:
    if not bpftool_path():
        pytest.skip("bpftool (the oracle) is not installed: apt-get install bpftool")


# -- hand-made BTF, one builder per topic ----------------------------------------------------

def case_bitfields(b):
    i = b.int_("int", 4, 1); u = b.int_("unsigned int", 4); c = b.int_("char", 1, 2)
    l = b.int_("long", 8, 1); s = b.int_("short", 2, 1)
    b.struct("bf_basic", 4, [("a", u, 0, 1), ("b", u, 1, 2), ("c", i, 3, 29)])
    b.struct("bf_holes", 16, [("a", i, 0, 1), ("b", i, 17, 2), ("c", i, 40, 3), ("d", c, 56), ("e", l, 64, 7)])
    b.struct("bf_wide", 16, [("a", l, 0, 1), ("b", l, 64, 2)])
    b.struct("bf_after_char", 12, [("a", c, 0, 1), ("b", i, 64, 2)])
    b.struct("bf_union", 8, [("a", c, 0, 3), ("b", l, 0, 60), ("s", s, 0)], union=True, kflag=1)
    b.struct("bf_tail", 8, [("x", i, 0), ("y", s, 32, 4)])


def case_packing(b):
    i = b.int_("int", 4, 1); c = b.int_("char", 1, 2); l = b.int_("long", 8, 1); s = b.int_("short", 2, 1)
    b.struct("packed_odd", 5, [("a", c, 0), ("b", i, 8)])
    b.struct("packed_tail", 9, [("a", l, 0), ("b", c, 64)])
    b.struct("packed_bits", 16, [("a", c, 0, 3), ("b", l, 3, 60), ("c", s, 72)], kflag=1)
    inner = b.struct("", 9, [("x", l, 0), ("y", c, 64)])
    b.struct("holds_packed", 24, [("a", c, 0), ("b", inner, 8), ("z", i, 160)])
    b.struct("not_packed", 16, [("a", c, 0), ("b", l, 64)])
    b.struct("packed_union_member", 6, [("a", s, 0), ("u", b.struct("", 4, [("x", i, 0), ("y", c, 0)], union=True), 16)])


def case_padding(b):
    i = b.int_("int", 4, 1); c = b.int_("char", 1, 2); l = b.int_("long int", 8, 1); s = b.int_("short", 2, 1)
    b.struct("gaps", 64, [("a", c, 0), ("b", c, 256), ("c", i, 480)])
    b.struct("tail_pad", 24, [("a", l, 0), ("b", c, 64)])
    b.struct("odd_gap", 12, [("a", c, 0), ("b", s, 24), ("c", i, 64)])
    b.struct("long_gap", 32, [("a", i, 0), ("b", l, 192)])
    b.struct("lead_gap", 16, [("a", l, 64)])
    b.struct("", 0, [])
    b.struct("empty", 0, [])
    b.struct("sized_empty", 8, [])
    b.struct("empty_union", 0, [], union=True)


def case_padding_ptr32(b):
    l = b.int_("long int", 4, 1); c = b.int_("char", 1, 2)
    b.struct("gaps32", 16, [("a", c, 0), ("b", c, 96)])
    b.struct("with_ptr", 12, [("p", b.ptr(c), 0), ("c", c, 32)])
    b.struct("bits32", 12, [("a", l, 0, 3), ("b", l, 40, 2), ("c", c, 88)], kflag=1)


def case_namespacing(b):
    i = b.int_("int", 4, 1)
    b.struct("dup", 4, [("a", i, 0)])
    b.struct("dup", 4, [("b", i, 0)])
    b.struct("dup", 4, [("c", i, 0)], union=True)
    b.typedef("dup", i)
    b.typedef("dup", i)
    b.enum("dup", 4, [("dup", 1), ("X", 2)])
    b.enum("e", 4, [("X", 3)])
    b.fwd("dup")
    b.enum("empty_e", 4, [])
    b.enum("empty_e", 4, [])
    b.typedef("X", i)
    n = "n" * 253
    b.struct(n, 4, [("a", i, 0)])
    b.struct(n, 4, [("b", i, 0)])
    b.typedef(n, i)
    b.typedef(n, i)


def case_ordering(b):
    i = b.int_("int", 4, 1)
    # struct a embeds struct b, which comes later by id
    a = b.struct("a", 16, [("b", 3, 0), ("pa", 4, 64)])
    b.struct("b", 4, [("x", i, 0)])
    b.ptr(a)
    # mutual pointers: forward declaration needed
    b.struct("list", 16, [("next", 6, 0), ("other", 7, 64)])
    b.ptr(5)
    b.ptr(8)
    b.struct("other", 8, [("back", 6, 0)])
    # typedef used through a pointer before its target is defined
    b.typedef("node_t", 10)
    b.struct("node", 16, [("self", 11, 0), ("val", i, 64)])
    b.ptr(9)
    # a struct reached only through an anonymous struct behind a pointer
    inner = b.struct("deep", 4, [("x", i, 0)])
    anon = b.struct("", 4, [("d", inner, 0)])
    b.struct("holder", 8, [("p", b.ptr(anon), 0)])


def case_anonymous(b):
    i = b.int_("int", 4, 1); c = b.int_("char", 1, 2)
    au = b.struct("", 4, [("x", i, 0), ("c", c, 0)], union=True)
    ast = b.struct("", 8, [("y", i, 0), ("u", au, 32)])
    ae = b.enum("", 4, [("AE_ONE", 1), ("AE_TWO", 2)])
    b.struct("outer", 16, [("s", ast, 0), ("e", ae, 64), ("p", b.ptr(b.struct("", 4, [("z", i, 0)])), 0)])
    b.typedef("anon_t", b.struct("", 4, [("w", i, 0)]))
    b.typedef("anon_e", b.enum("", 4, [("AT_A", 0)]))
    b.enum("", 4, [("GLOBAL_A", 10), ("GLOBAL_B", 20)])
    b.fwd("fwd_struct")
    b.fwd("fwd_union", union=True)


def case_func_pointers(b):
    i = b.int_("int", 4, 1); c = b.int_("char", 1, 2)
    fp0 = b.func_proto(0, [])
    fpv = b.func_proto(i, [("", 0)])
    fva = b.func_proto(i, [("fmt", b.ptr(c)), ("", 0)])
    pf = b.ptr(fva)
    ret = b.func_proto(pf, [("x", i), ("", b.ptr(fp0))])
    pr = b.ptr(ret)
    b.struct("fns", 48, [("a", b.array(b.array(pr, i, 3), i, 2), 0)])
    b.typedef("fn_t", ret)
    b.typedef("fnp_t", b.ptr(fpv))
    b.typedef("cb_t", b.ptr(b.func_proto(b.ptr(b.func_proto(i, [("a", i)])), [("cb", b.ptr(fpv))])))
    b.func("some_func", fva)


def case_multidim(b):
    i = b.int_("int", 4, 1); c = b.int_("char", 1, 2)
    a4 = b.array(i, i, 4); a34 = b.array(a4, i, 3); a234 = b.array(a34, i, 2)
    b.typedef("arr3d_t", a234)
    b.typedef("ptr_to_arr_t", b.ptr(a34))
    b.typedef("arr_of_ptr_to_arr_t", b.array(b.ptr(a4), i, 5))
    b.struct("grid", 24, [("cells", a234, 0), ("name", b.array(c, i, 0), 192)])
    b.typedef("ptr_to_arr_of_fnptr_t", b.ptr(b.array(b.ptr(b.func_proto(i, [("", 0)])), i, 2)))


def case_modifiers(b):
    i = b.int_("int", 4, 1)
    ci = b.ref(Kind.CONST, i); vi = b.ref(Kind.VOLATILE, ci)
    b.typedef("cvi_t", vi)
    pcv = b.ptr(vi); cp = b.ref(Kind.CONST, pcv); rp = b.ref(Kind.RESTRICT, cp)
    b.typedef("rcpcvi_t", rp)
    b.typedef("cpp_t", b.ptr(b.ref(Kind.CONST, b.ptr(b.ref(Kind.CONST, i)))))
    # GCC-style const on the array itself is dropped
    b.typedef("carr_t", b.ref(Kind.CONST, b.array(ci, i, 4)))
    # GCC-style volatile on a noreturn function pointer's proto is dropped
    b.typedef("noret_t", b.ptr(b.ref(Kind.VOLATILE, b.func_proto(0, [("", 0)]))))
    b.struct("mods", 16, [("a", vi, 0), ("p", rp, 64)])
    b.typedef("cvoidp_t", b.ptr(b.ref(Kind.CONST, 0)))


def case_type_tags(b):
    i = b.int_("int", 4, 1)
    tt = b.ref(Kind.TYPE_TAG, i, "user"); p = b.ptr(tt)
    tt2 = b.ref(Kind.TYPE_TAG, p, "rcu"); cc = b.ref(Kind.CONST, tt2); v = b.ref(Kind.VOLATILE, cc)
    b.struct("tagged", 8, [("p", v, 0)])
    b.typedef("tt_t", b.ptr(b.ref(Kind.TYPE_TAG, b.ref(Kind.CONST, b.ref(Kind.TYPE_TAG, i, "a")), "b")))
    b.typedef("percpu_t", b.ptr(b.ref(Kind.TYPE_TAG, b.struct("pc", 4, [("x", i, 0)]), "percpu")))


def case_enums(b):
    i = b.int_("int", 4, 1)
    b.enum("e_signed", 4, [("ES_NEG", -5), ("ES_MIN", -2147483648), ("ES_MAX", 2147483647)], signed=True)
    b.enum("e_unsigned", 4, [("EU_BIG", 0xFFFFFFFF), ("EU_HALF", 0x80000000)])
    b.enum("e_small", 1, [("ESM_A", 1)])
    b.enum64("e64_signed", 8, [("E64_NEG", -5), ("E64_MIN", -(1 << 63)), ("E64_BIG", 0x123456789A)], signed=True)
    b.enum64("e64_unsigned", 8, [("E64U_TOP", (1 << 64) - 1), ("E64U_ONE", 1)])
    b.enum64("", 8, [("E64_ANON", 1 << 40)])
    b.enum64("e64_empty", 8, [])
    b.struct("uses", 16, [("a", b.enum64("", 8, [("IN64", 7)]), 0), ("b", b.enum("", 4, [("IN32", -1)], signed=True), 64)])


def case_quirks(b):
    i = b.int_("int", 4, 1)
    b.typedef("__gnuc_va_list", 0)
    vl = b.typedef("__builtin_va_list", b.ptr(b.int_("char", 1, 2)))
    p8 = b.int_("__Poly8_t", 1)
    p128 = b.int_("__Poly128_t", 16)
    u128 = b.int_("unsigned __int128", 16)
    s128 = b.int_("__int128", 16, 1)
    f = b.float_("double", 8)
    ld = b.float_("long double", 16)
    bl = b.int_("_Bool", 1, 4)
    b.struct("quirks", 112, [("ap", vl, 0), ("p8", p8, 64), ("p128", p128, 128), ("u", u128, 256),
                            ("s", s128, 384), ("d", f, 512), ("ld", ld, 640), ("b", bl, 768)])
    b.typedef("va_t", 2)


def case_cycle(b):
    i = b.int_("int", 4, 1)
    b.struct("before", 4, [("x", i, 0)])
    a = b.struct("A", 8, [("x", i, 0), ("b", 4, 32)])
    b.struct("B", 4, [("a", a, 0)])
    b.struct("after", 4, [("x", i, 0)])


def case_anon_cycle(b):
    i = b.int_("int", 4, 1)
    b.ptr(3)
    b.struct("", 8, [("p", 2, 0)])
    b.typedef("T", 3)





EXPECTED = {
    "bitfields": (True, """\
struct bf_basic {
	unsigned int a: 1;
	unsigned int b: 2;
	int c: 29;
};

struct bf_holes {
	int a: 1;
	short: 15;
	char: 1;
	int b: 2;
	int: 13;
	char: 8;
	int c: 3;
	char: 8;
	char d;
	long e: 7;
};

struct bf_wide {
	long a: 1;
	long: 63;
	long b: 2;
};

struct bf_after_char {
	char a: 1;
	long: 63;
	int b: 2;
};

union bf_union {
	char a: 3;
	long b: 60;
	short s;
};

struct bf_tail {
	int x;
	short y: 4;
};

"""),
    "packing": (True, """\
struct packed_odd {
	char a;
	int b;
} __attribute__((packed));

struct packed_tail {
	long a;
	char b;
} __attribute__((packed));

struct packed_bits {
	char a: 3;
	long b: 60;
	char: 8;
	short c;
	long: 0;
} __attribute__((packed));

struct holds_packed {
	char a;
	struct {
		long x;
		char y;
	} __attribute__((packed)) b;
	long: 0;
	int: 32;
	int z;
};

struct not_packed {
	char a;
	long b;
};

struct packed_union_member {
	short a;
	union {
		int x;
		char y;
	} u;
} __attribute__((packed));

"""),
    "padding": (True, """\
struct gaps {
	char a;
	long: 64;
	long: 64;
	long: 64;
	char b;
	long: 64;
	long: 64;
	int: 32;
	int c;
};

struct tail_pad {
	long int a;
	char b;
	long: 64;
};

struct odd_gap {
	char a;
	short: 0;
	char: 8;
	short b;
	long: 0;
	int c;
} __attribute__((packed));

struct long_gap {
	int a;
	long: 64;
	long: 64;
	long int b;
};

struct lead_gap {
	long: 64;
	long int a;
};

struct empty {};

struct sized_empty {
	long: 64;
};

union empty_union {};

"""),
    "padding_ptr32": (True, """\
struct gaps32 {
	char a;
	long: 32;
	long: 32;
	char b;
	long: 0;
};

struct with_ptr {
	char *p;
	char c;
	long: 32;
};

struct bits32 {
	long int a: 3;
	long: 29;
	char: 8;
	long int b: 2;
	int: 24;
	char c;
};

"""),
    "namespacing": (True, """\
struct dup {
	int a;
};

struct dup___2 {
	int b;
};

union dup___3 {
	int c;
};

typedef int dup;

typedef int dup___2;

enum dup___4 {
	dup___3 = 1,
	X = 2,
};

enum e {
	X___2 = 3,
};

struct dup;

enum empty_e;

enum empty_e;

typedef int X___3;

struct {N253} {
	int a;
};

struct {N253}__ {
	int b;
};

typedef int {N253};

typedef int {N253}__;

"""),
    "ordering": (True, """\
struct b {
	int x;
};

struct a {
	struct b b;
	struct a *pa;
};

struct other;

struct list {
	struct list *next;
	struct other *other;
};

struct other {
	struct list *back;
};

struct node;

typedef struct node node_t;

struct node {
	node_t *self;
	int val;
};

struct deep {
	int x;
};

struct holder {
	struct {
		struct deep d;
	} *p;
};

"""),
    "anonymous": (True, """\
struct outer {
	struct {
		int y;
		union {
			int x;
			char c;
		} u;
	} s;
	enum {
		AE_ONE = 1,
		AE_TWO = 2,
	} e;
	struct {
		int z;
	} *p;
	long: 64;
};

typedef struct {
	int w;
} anon_t;

typedef enum {
	AT_A = 0,
} anon_e;

enum {
	GLOBAL_A = 10,
	GLOBAL_B = 20,
};

struct fwd_struct;

union fwd_union;

"""),
    "func_pointers": (True, """\
struct fns {
	int (* (*a[2][3])(int x, void (*)(void)))(char *fmt, ...);
};

typedef int (*fn_t(int x, void (*)(void)))(char *fmt, ...);

typedef int (*fnp_t)(void);

typedef int (* (*cb_t)(int (*cb)(void)))(int a);

"""),
    "multidim": (True, """\
typedef int arr3d_t[2][3][4];

typedef int (*ptr_to_arr_t)[3][4];

typedef int (*arr_of_ptr_to_arr_t[5])[4];

struct grid {
	int cells[2][3][4];
	char name[0];
};

typedef int (*(*ptr_to_arr_of_fnptr_t)[2])(void);

"""),
    "modifiers": (True, """\
typedef const volatile int cvi_t;

typedef const volatile int * const restrict rcpcvi_t;

typedef const int * const *cpp_t;

typedef const int carr_t[4];

typedef void (*noret_t)(void);

struct mods {
	const volatile int a;
	const volatile int * const restrict p;
};

typedef const void *cvoidp_t;

"""),
    "type_tags": (True, """\
struct tagged {
	int __attribute__((btf_type_tag("user"))) *const volatile  __attribute__((btf_type_tag("rcu"))) p;
};

typedef intconst  __attribute__((btf_type_tag("a"))) __attribute__((btf_type_tag("b"))) *tt_t;

struct pc {
	int x;
};

typedef struct pc __attribute__((btf_type_tag("percpu"))) *percpu_t;

"""),
    "enums": (True, """\
enum e_signed {
	ES_NEG = -5,
	ES_MIN = -2147483648,
	ES_MAX = 2147483647,
};

enum e_unsigned {
	EU_BIG = 4294967295,
	EU_HALF = 2147483648,
};

enum e_small {
	ESM_A = 1,
};

enum e64_signed {
	E64_NEG = -5LL,
	E64_MIN = -9223372036854775808LL,
	E64_BIG = 78187493530LL,
};

enum e64_unsigned {
	E64U_TOP = 18446744073709551615ULL,
	E64U_ONE = 1ULL,
};

enum {
	E64_ANON = 1099511627776ULL,
};

enum e64_empty;

struct uses {
	enum {
		IN64 = 7ULL,
	} a;
	enum {
		IN32 = -1,
	} b;
};

"""),
    "quirks": (True, """\
typedef __builtin_va_list __gnuc_va_list;

typedef unsigned char __Poly8_t;

typedef unsigned __int128 __Poly128_t;

struct quirks {
	__builtin_va_list ap;
	__Poly8_t p8;
	__Poly128_t p128;
	unsigned __int128 u;
	__int128 s;
	double d;
	long: 64;
	long double ld;
	_Bool b;
	long: 64;
};

typedef __gnuc_va_list va_t;

"""),
    "cycle": (False, """\
struct before {
	int x;
};

"""),
    "anon_cycle": (False, """\
"""),
}


CASES = {name[5:]: fn for name, fn in dict(globals()).items() if name.startswith("case_")}
N253 = "n" * 253


def build_case(name: str, byteorder: str) -> bytes:
    b = BtfBuilder(byteorder)
    CASES[name](b)
    return b.build()


def expected_case(name: str) -> bytes:
    footer, body = EXPECTED[name]
    return (HEADER + body.replace("{N253}", N253) + (FOOTER if footer else "")).encode()


def test_every_case_has_expected_output():
    assert CASES and set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("byteorder", ["little", "big"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_golden(name, byteorder):
    assert c_text(Btf(build_case(name, byteorder))) == expected_case(name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_live(name, tmp_path):
    need_bpftool()
    path = tmp_path / f"{name}.btf"
    path.write_bytes(build_case(name, "little"))
    res = live_bpftool(path)
    assert res.stdout == expected_case(name)
    assert c_text(btfkit.load(path)) == res.stdout
    # bpftool stops at the first unsatisfiable cycle, exit status != 0
    assert (res.returncode == 0) == EXPECTED[name][0]


def test_cycle_stops_like_bpftool():
    btf = Btf(build_case("cycle", "little"))
    d = CDumper(btf)
    text = dump_header(btf, dumper=d)
    assert text.endswith("struct before {\n\tint x;\n};\n\n")
    assert "#pragma clang attribute pop" not in text
    assert d.warnings == ["unsatisfiable type cycle, id:[3]"]
    assert isinstance(d.error, TypeLoopError)
    d2 = CDumper(btf)
    d2.dump_type(2)
    with pytest.raises(TypeLoopError, match="unsatisfiable type cycle"):
        d2.dump_type(3)


# -- split BTF -------------------------------------------------------------------------------

class SplitBuilder(BtfBuilder):
    """Types and strings numbered after a base's."""

    def __init__(self, base: Btf, byteorder: str = "little") -> None:
        super().__init__(byteorder, start_str=b"")
        self.str_base = len(base.strings)
        self.first = base.type_count

    def s(self, name: str) -> int:
        if not name:
            return 0
        if name not in self._str_index:
            self._str_index[name] = self.str_base + len(self.strings)
            self.strings += name.encode() + b"\0"
        return self._str_index[name]

    def _add(self, *args, **kw) -> int:
        return super()._add(*args, **kw) + self.first - 1


def split_pair() -> tuple[bytes, bytes]:
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    lng = b.int_("long", 8, 1)
    lh = b.struct("list_head", 16, [("next", 4, 0), ("prev", 4, 64)])
    b.ptr(lh)
    b.enum("state", 4, [("RUNNING", 0)])
    base_blob = b.build()
    base = Btf(base_blob)
    s = SplitBuilder(base)
    p = s.ptr(lh)
    s.struct("my_mod", 24, [("p", p, 0), ("l", lh, 64)])
    s.struct("list_head", 16, [("x", i, 0), ("y", lng, 64)])
    s.enum("", 4, [("RUNNING", 1)])
    s.typedef("state", i)
    return base_blob, s.build()


SPLIT_EXPECTED = """\
struct list_head {
	struct list_head *next;
	struct list_head *prev;
};

enum state {
	RUNNING = 0,
};

struct my_mod {
	struct list_head *p;
	struct list_head l;
};

struct list_head___2 {
	int x;
	long y;
};

enum {
	RUNNING___2 = 1,
};

typedef int state;

"""


def test_split_btf(tmp_path):
    base_blob, split_blob = split_pair()
    base = Btf(base_blob)
    btf = Btf(split_blob, base=base)
    assert c_text(btf) == (HEADER + SPLIT_EXPECTED + FOOTER).encode()
    if bpftool_path():
        (tmp_path / "base.btf").write_bytes(base_blob)
        (tmp_path / "split.btf").write_bytes(split_blob)
        res = live_bpftool(tmp_path / "split.btf", "-B", str(tmp_path / "base.btf"))
        assert res.returncode == 0 and res.stdout == c_text(btf)


# -- CDumper as an API -----------------------------------------------------------------------

def small_btf() -> Btf:
    b = BtfBuilder()
    i = b.int_("int", 4, 1)                                  # 1
    s = b.struct("pair", 8, [("a", i, 0), ("b", i, 32)])    # 2
    b.typedef("pair_t", s)                                  # 3
    b.struct("pair", 4, [("c", i, 0)])                      # 4
    fp = b.func_proto(i, [("x", i), ("p", b.ptr(s))])       # 6 (the pointer is 5)
    b.typedef("cb_t", b.ptr(fp))                            # 7, 8
    b.ref(Kind.CONST, 3)                                    # 9
    b.array(b.array(9, i, 3), i, 2)                         # 10, 11
    return Btf(b.build())


def test_dump_type_is_incremental():
    btf = small_btf()
    d = CDumper(btf)
    assert d.dump_type(3) == "struct pair {\n\tint a;\n\tint b;\n};\n\ntypedef struct pair pair_t;\n\n"
    assert d.dump_type(2) == ""
    assert d.dump_type(3) == ""
    # the second struct pair is renamed; the name sticks
    assert d.dump_type(4) == "struct pair___2 {\n\tint c;\n};\n\n"
    assert d.emit_type_decl(4, "v") == "struct pair___2 v"
    assert d.dump_type(8) == "typedef int (*cb_t)(int x, struct pair *p);\n\n"
    assert d.dump_type(0) == ""


def test_emit_type_decl():
    btf = small_btf()
    d = CDumper(btf)
    assert d.emit_type_decl(8) == "cb_t"
    assert d.emit_type_decl(7, "fn") == "int (*fn)(int x, struct pair *p)"
    assert d.emit_type_decl(7) == "int (*)(int x, struct pair *p)"
    assert d.emit_type_decl(6, "f") == "int f(int x, struct pair *p)"
    assert d.emit_type_decl(6) == "int(int x, struct pair *p)"
    assert d.emit_type_decl(5, "q") == "struct pair *q"
    assert d.emit_type_decl(11, "grid") == "const pair_t grid[2][3]"
    assert d.emit_type_decl(11, "grid", strip_mods=True) == "pair_t grid[2][3]"
    assert d.emit_type_decl(9) == "const pair_t"
    assert d.emit_type_decl(9, strip_mods=True) == "pair_t"
    assert d.emit_type_decl(2, "s", indent_level=3) == "struct pair s"
    assert d.emit_type_decl(0, "v") == "void v"
    # repeated calls (served from the declaration cache) are the same
    for _ in range(2):
        assert d.emit_type_decl(7, "other") == "int (*other)(int x, struct pair *p)"
        assert d.emit_type_decl(7) == "int (*)(int x, struct pair *p)"


def test_emit_type_decl_inline_anonymous_definitions():
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    e = b.enum("", 4, [("A", 1)])
    s = b.struct("", 8, [("x", i, 0), ("e", e, 32)])
    btf = Btf(b.build())
    d = CDumper(btf)
    want = "struct {\n\t\t\tint x;\n\t\t\tenum {\n\t\t\t\tA = 1,\n\t\t\t} e;\n\t\t} v"
    assert d.emit_type_decl(s, "v", indent_level=2) == want
    # enumerators are counted each time an anonymous enum is printed
    assert d.emit_type_decl(s, "v", indent_level=2) == want.replace("A = 1", "A___2 = 1")


def test_out_of_range_ids():
    btf = small_btf()
    d = CDumper(btf)
    for bad in (-1, btf.type_count, 10**6):
        with pytest.raises(BtfError):
            d.dump_type(bad)
        with pytest.raises(BtfError):
            d.emit_type_decl(bad)


@pytest.mark.parametrize("make", [
    lambda b, i: b.struct("S", 4, [("x", 99, 0)]),
    lambda b, i: b.ptr(99),
    lambda b, i: b.array(i, 77, 2),
    lambda b, i: b.func_proto(i, [("a", 50)]),
    lambda b, i: b.datasec(".data", 4, [(40, 0, 4)]),
], ids=["member", "ptr", "array-index", "param", "datasec"])
def test_references_out_of_range(make):
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    make(b, i)
    btf = Btf(b.build())
    with pytest.raises(BtfValidationError, match=r"type \[2\] .*out of range"):
        dump_header(btf)


def test_unknown_kinds_refused_like_libbpf():
    """btf_dump__new() fails on kind 0 records and kinds past ENUM64."""
    from btfkit.errors import UnsupportedError
    from btfkit.kinds import KIND_LAYOUT
    b = BtfBuilder()
    b.int_("int", 4, 1)
    b.raw_record(0)
    with pytest.raises(UnsupportedError, match=r"type \[2\]: kind 0"):
        CDumper(Btf(b.build()))
    b = BtfBuilder()
    b.int_("int", 4, 1)
    b.raw_record(25)
    layout = [(*KIND_LAYOUT[k], 0) for k in range(20)] + [(0, 0, 0)] * 6
    with pytest.raises(UnsupportedError, match=r"type \[2\]: kind 25"):
        dump_header(Btf(b.build(layout=layout)))


def test_negative_indent_is_thirteen_tabs():
    """pfx(): a negative level compares as a huge size_t in C."""
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    s = b.struct("", 4, [("x", i, 0)])
    d = CDumper(Btf(b.build()))
    assert d.emit_type_decl(s, "v", indent_level=-2) == "struct {\n" + "\t" * 13 + "int x;\n" + "\t" * 13 + "} v"


def test_huge_gap_is_padded_in_bulk():
    """A 16 MiB struct: 2M `long: 64;` lines, as bpftool prints them."""
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    b.struct("huge", 1 << 24, [("a", i, 0)])
    with no_hang():
        text = dump_header(Btf(b.build()))
    body = "struct huge {\n\tint a;" + "\n\tlong: 64;" * ((1 << 21) - 1) + "\n};\n\n"
    assert text == HEADER + body + FOOTER


# -- broken BTF: libbpf crashes or hangs, btfkit warns and goes on ---------------------------

def _const_self(b, i):
    b.ref(Kind.CONST, 2)


def _typedef_self(b, i):
    b.typedef("T", 2)


def _ptr_self(b, i):
    b.ptr(2)


def _ptr_self_in_struct(b, i):
    b.ptr(2)
    b.struct("S", 8, [("p", 2, 0)])


def _array_self(b, i):
    b.array(2, i, 2)


def _proto_self(b, i):
    b.func_proto(i, [("f", 3)])
    b.ptr(2)
    b.typedef("T", 3)


def _tag_loop(b, i):
    b.ref(Kind.TYPE_TAG, 3, "a")
    b.ref(Kind.VOLATILE, 2)
    b.struct("S", 4, [("x", 3, 0)])


def _decl_loop_in_member(b, i):
    b.struct("S", 8, [("x", i, 0), ("p", 3, 32)])
    b.ref(Kind.CONST, 4)
    b.ref(Kind.RESTRICT, 3)


@pytest.mark.parametrize("make", [_const_self, _typedef_self, _ptr_self, _ptr_self_in_struct,
                                  _array_self, _proto_self, _tag_loop, _decl_loop_in_member])
def test_cycles_libbpf_cannot_survive(make):
    b = BtfBuilder()
    i = b.int_("int", 4, 1)
    make(b, i)
    btf = Btf(b.build())
    d = CDumper(btf)
    limit = sys.getrecursionlimit()
    with no_hang():
        text = dump_header(btf, dumper=d)
    assert text.startswith(HEADER)
    # libbpf crashes here: btfkit stops with a warning or a clean error
    assert d.warnings or isinstance(d.error, LimitError)
    # every entry point stays usable, and raises only BtfError
    d2 = CDumper(btf)
    for tid in range(btf.type_count):
        try:
            d2.dump_type(tid)
        except (TypeLoopError, LimitError):
            pass
        try:
            d2.emit_type_decl(tid, "x")
        except LimitError:
            pass
    # the interpreter's recursion limit is never raised
    assert sys.getrecursionlimit() == limit


def test_long_modifier_chain():
    """20,000 consts: deep for Python recursion, fine for libbpf (and
    ordered in linear time, where libbpf walks the chain once per id)."""
    b = BtfBuilder()
    t = i = b.int_("int", 4, 1)
    n = 20000
    for _ in range(n):
        t = b.ref(Kind.CONST, t)
    b.typedef("T", t)
    b.struct("S", 4, [("x", t, 0)])
    btf = Btf(b.build())
    d = CDumper(btf)
    with no_hang():
        text = dump_header(btf, dumper=d)
    assert not d.warnings
    consts = "const " * n
    # btf__resolve_size() gives up after 32 links, so libbpf sees a member
    # of unknown size and pads the whole struct after it
    assert f"typedef {consts}int T;\n\nstruct S {{\n\t{consts}int x;\n\tint: 32;\n}};\n\n" in text
    assert text.endswith(FOOTER)


# -- random BTF against live bpftool ---------------------------------------------------------

RANDOM_NAMES = ["a", "b", "s", "t", "x", "dup", "node", "X", "int", "__u32", "", "", "", ""]


def random_btf(seed: int) -> bytes:
    """A small random BTF of every kind C is printed from: structs and
    unions (bitfields, gaps, odd sizes), pointers, typedefs, modifiers, type
    tags, arrays, enums, prototypes (varargs), forward declarations, names
    that clash.  Mostly backward references, some forward (cycles)."""
    import random
    rng = random.Random(seed)
    b = BtfBuilder(rng.choice(["little", "big"]))
    ints = [b.int_("int", 4, 1), b.int_("char", 1, 2),
            b.int_(rng.choice(["long", "unsigned long"]), rng.choice([4, 8]), 1),
            b.int_("short", 2, 1), b.int_("unsigned __int128", 16)]
    total = len(ints) + rng.randint(5, 40)
    while len(b.records) < total:
        cur = len(b.records)

        def ref() -> int:
            return rng.randint(0, total) if rng.random() < 0.15 else rng.randint(0, cur)

        r = rng.random()
        name = rng.choice(RANDOM_NAMES)
        if r < 0.2:
            kflag = rng.random() < 0.4
            off, members = 0, []
            for _ in range(rng.randint(0, 5)):
                bits = rng.choice([0, 0, 0, 1, 3, 7, 13, 31]) if kflag else 0
                off += rng.choice([0, 1, 3, 8, 16, 24, 32, 64])
                members.append((rng.choice(RANDOM_NAMES), rng.choice(ints) if bits else ref(), off, bits))
                off += bits or rng.choice([8, 16, 32, 64])
            b.struct(name, (off + rng.choice([0, 0, 7, 63])) // 8, members,
                     union=rng.random() < 0.25, kflag=int(kflag))
        elif r < 0.35:
            b.ptr(ref())
        elif r < 0.45:
            b.typedef(name or "td", ref())
        elif r < 0.55:
            b.ref(rng.choice([Kind.CONST, Kind.VOLATILE, Kind.RESTRICT]), ref())
        elif r < 0.6:
            b.ref(Kind.TYPE_TAG, ref(), rng.choice(["user", "rcu"]))
        elif r < 0.68:
            b.array(ref(), ints[0], rng.choice([0, 1, 2, 5]))
        elif r < 0.76:
            vals = [(rng.choice(RANDOM_NAMES + ["E1"]), rng.randint(-3, 3)) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.3:
                b.enum64(name, 8, vals, signed=rng.random() < 0.5)
            else:
                b.enum(name, 4, vals, signed=rng.random() < 0.5)
        elif r < 0.86:
            params = [(rng.choice(RANDOM_NAMES), ref()) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.2:
                params.append(("", 0))
            b.func_proto(ref(), params)
        elif r < 0.9:
            b.fwd(name or "f", rng.random() < 0.5)
        elif r < 0.95:
            b.func(name or "fn", ref())
        else:
            b.float_("double", 8)
    while len(b.records) < total + 1:
        b.int_("pad_int", 4, 1)
    return b.build()


def _limit_memory() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_random_btf_against_bpftool(tmp_path):
    """Byte-identical output and the same libbpf warnings on random BTF;
    inputs bpftool crashes on or hangs with (cycles) must not crash or hang
    btfkit."""
    need_bpftool()
    compared = 0
    for seed in range(120):
        data = random_btf(seed)
        path = tmp_path / f"r{seed}.btf"
        path.write_bytes(data)
        btf = Btf(data)
        d = CDumper(btf)
        with no_hang():
            mine = dump_header(btf, dumper=d).encode("utf-8", "surrogateescape")
        try:
            res = subprocess.run([bpftool_path(), "btf", "dump", "file", str(path), "format", "c"],
                                 capture_output=True, timeout=3, preexec_fn=_limit_memory)
        except subprocess.TimeoutExpired:
            continue
        if res.returncode < 0:  # libbpf crashed
            continue
        assert mine == res.stdout, f"seed {seed}"
        logged = [ln.removeprefix("libbpf: ") for ln in res.stderr.decode().splitlines()
                  if ln.startswith("libbpf: ")]
        assert d.warnings == logged, f"seed {seed}"
        compared += 1
    assert compared >= 60, f"only {compared} of 120 random inputs had a bpftool result"


# -- the raw-word fast path against the model ------------------------------------------------

def model_refs(t) -> list[int]:
    k = t.kind
    if k in (Kind.STRUCT, Kind.UNION):
        return [m.type for m in t.members]
    if k == Kind.FUNC_PROTO:
        return [p.type for p in t.params]
    if k == Kind.ARRAY:
        return [t.type, t.index_type]
    if k == Kind.DATASEC:
        return [v.type for v in t.vars]
    if k in (Kind.VOLATILE, Kind.CONST, Kind.RESTRICT, Kind.PTR, Kind.TYPEDEF, Kind.FUNC,
             Kind.VAR, Kind.DECL_TAG, Kind.TYPE_TAG):
        return [t.type]
    return []


def check_raw(btf) -> None:
    raw = RawTypes(btf)
    assert len(raw.kinds) == btf.type_count
    words = raw.words
    for tid in range(1, btf.type_count):
        t = btf[tid]
        i = raw.idx[tid]
        assert raw.kinds[tid] == t.kind
        assert words[i] == t.name_off
        assert raw.refs_of(tid) == model_refs(t)
        if t.kind == Kind.FUNC_PROTO:
            assert words[i + 2] == t.type


def corpus_objects() -> list[Path]:
    return need_glob("obj/*.o")


@pytest.mark.parametrize("path", corpus_objects(), ids=lambda p: p.name)
def test_raw_words_match_model(path):
    check_raw(btfkit.load(path))


def frozen_vmlinux(tmp_path_factory) -> Path:
    src = need_glob("vmlinux/vmlinux.btf.xz")[0]
    out = tmp_path_factory.getbasetemp() / "vmlinux.btf"
    if not out.exists():
        out.write_bytes(lzma.decompress(src.read_bytes()))
    return out


def test_raw_words_match_model_vmlinux(tmp_path_factory):
    check_raw(Btf(frozen_vmlinux(tmp_path_factory).read_bytes()))


def test_raw_words_split_and_big_endian():
    base_blob, split_blob = split_pair()
    check_raw(Btf(split_blob, base=Btf(base_blob)))
    for name in CASES:
        check_raw(Btf(build_case(name, "big")))


# -- corpus objects against live bpftool -----------------------------------------------------

@pytest.mark.parametrize("path", corpus_objects(), ids=lambda p: p.name)
def test_corpus_object_live(path):
    need_bpftool()
    res = live_bpftool(path)
    assert res.returncode == 0
    assert c_text(btfkit.load(path)) == res.stdout


# -- the running kernel ----------------------------------------------------------------------

def need_sys_vmlinux() -> None:
    need_bpftool()
    if not os.path.exists(SYS_VMLINUX):
        pytest.skip(f"no {SYS_VMLINUX}: the kernel has no BTF (CONFIG_DEBUG_INFO_BTF)")


def test_vmlinux_live():
    need_sys_vmlinux()
    res = live_bpftool(SYS_VMLINUX)
    assert res.returncode == 0
    mine = c_text(btfkit.load(SYS_VMLINUX))
    if mine != res.stdout:
        a, b = res.stdout.splitlines(), mine.splitlines()
        n = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        pytest.fail(f"first difference at line {n + 1}: bpftool {a[n:n + 1]!r}, btfkit {b[n:n + 1]!r}")


