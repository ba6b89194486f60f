// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * emit_decl: the reference side for btfkit's C printer (btfkit.c).
 *
 * Linked against the libbpf of the Linux 6.1 tree (the one built into Debian
 * 12's bpftool 7.1.0); see corpora/README.md and corpora/harness/build.sh.
 *
 * Modes (-m):
 *   decl         For each option set, ONE btf_dump, then
 *                btf_dump__emit_type_decl() for every id 1..btf__type_cnt-1
 *                in increasing order.  Default.
 *   dump         ONE btf_dump, btf_dump__dump_type() for every id in
 *                increasing order (what bpftool "format c" does, minus its
 *                header and footer), delimited per id.
 *   incremental  ONE btf_dump: dump every id; then add types to the BTF with
 *                btf__add_*() (names clashing with existing ones), dump every
 *                id again (only the new output appears).  -w PATH writes the
 *                grown BTF (btf__raw_data) to PATH.  As a self-check, a fresh
 *                dumper over the grown BTF dumping the old ids and then the
 *                new ones must print exactly the same (exit 3 if not).
 *   synth        No FILE: build a BTF from scratch (build_synth()) and write
 *                it to -w PATH.
 *   sizes        btf__resolve_size() and btf__align_of() of every id (no
 *                dumper): "@@ id=ID size=N align=N warn=WARN" (size < 0:
 *                -errno), then the WARN lines the two calls logged.
 *
 * Output.  Every record starts with a header line, then exactly LEN bytes of
 * text as libbpf printed it, then "\n", then WARN lines "@! <message>" with
 * what libbpf logged at LIBBPF_WARN during that call:
 *
 *   @@ opts=NAME field_name="..." indent_level=N strip_mods=0|1 first_id=ID type_cnt=N
 *   @@ id=ID kind=KIND len=LEN warn=WARN
 *   @@ id=ID kind=KIND error=ERRNO                               (skipped id)
 *   @@ phase=initial | @@ phase=added first_new_id=ID type_cnt=N (incremental)
 *
 * Usage: emit_decl [-b BASE] [-S] [-m MODE] [-o OPTSET]... [-w OUT.btf] FILE
 *        emit_decl -m synth -w OUT.btf
 *        emit_decl -l      (list option sets)
 *
 * -b BASE: FILE is split BTF on BASE (btf__parse_split).  -S: with -b, only
 * FILE's own ids (from btf__type_cnt(BASE)) instead of 1..type_cnt-1.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

struct opt_set {
	const char *name;
	const char *field_name;
	int indent_level;
	bool strip_mods;
};

/* Keep in sync with OPT_SETS in corpora/harness/make_golden.py and
 * tests/_oracle.py. */
static const struct opt_set opt_sets[] = {
	{ "plain",               "",    0, false },
	{ "fname",               "fld", 0, false },
	{ "fname_indent2",       "fld", 2, false },
	{ "indent1",             "",    1, false },
	{ "strip",               "",    0, true  },
	{ "strip_fname_indent1", "fld", 1, true  },
};
#define N_OPT_SETS (sizeof(opt_sets) / sizeof(opt_sets[0]))

static const char *const kind_names[] = {
	"UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD",
	"TYPEDEF", "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO",
	"VAR", "DATASEC", "FLOAT", "DECL_TAG", "TYPE_TAG", "ENUM64",
};

/* ---- growable text buffers ------------------------------------------------ */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sbuf_vappend(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = realloc(b->s, cap);
		if (!b->s) {
			perror("realloc");
			exit(2);
		}
		b->cap = cap;
	}
	vsnprintf(b->s + b->len, n + 1, fmt, ap);
	b->len += n;
}

static void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static struct sbuf out;   /* what the dumper printed for the current call */
static struct sbuf warns; /* what libbpf logged at WARN during the call */
static bool capturing;

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	sbuf_vappend(ctx, fmt, args);
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN)
		return 0;
	if (capturing) {
		sbuf_vappend(&warns, fmt, ap);
		return 0;
	}
	return vfprintf(stderr, fmt, ap);
}

static const char *kind_name(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;

	if (id == 0)
		return "VOID";
	t = btf__type_by_id(btf, id);
	if (!t)
		return "?";
	if (btf_kind(t) < sizeof(kind_names) / sizeof(kind_names[0]))
		return kind_names[btf_kind(t)];
	return "?";
}

static void put_warns(FILE *f, int nwarn);

/* Print one record: header, the exact text, "\n", then the warnings. */
static void put_record(FILE *f, const struct btf *btf, __u32 id, int err)
{
	const char *kn = kind_name(btf, id);
	int nwarn = 0;
	char *p;

	if (err) {
		fprintf(f, "@@ id=%u kind=%s error=%d\n", id, kn, err);
		sbuf_reset(&out);
		sbuf_reset(&warns);
		return;
	}
	for (p = warns.s; p && *p; p++)
		if (*p == '\n' || p[1] == '\0')
			nwarn++;
	fprintf(f, "@@ id=%u kind=%s len=%zu warn=%d\n", id, kn, out.len, nwarn);
	if (out.len)
		fwrite(out.s, 1, out.len, f);
	fputc('\n', f);
	put_warns(f, nwarn);
	sbuf_reset(&out);
}

/* The captured warnings, one "@! " line per logged line, then reset. */
static void put_warns(FILE *f, int nwarn)
{
	char *p;

	if (nwarn) {
		/* one "@! " line per logged line; a message without a trailing
		 * newline still ends its line here */
		fputs("@! ", f);
		for (p = warns.s; *p; p++) {
			if (*p == '\n') {
				fputc('\n', f);
				if (p[1])
					fputs("@! ", f);
			} else {
				fputc(*p, f);
			}
		}
		if (warns.s[warns.len - 1] != '\n')
			fputc('\n', f);
	}
	sbuf_reset(&warns);
}

static struct btf_dump *new_dumper(const struct btf *btf)
{
	struct btf_dump *d = btf_dump__new(btf, dump_printf, &out, NULL);

	if (!d) {
		fprintf(stderr, "emit_decl: btf_dump__new: %s\n", strerror(errno));
		exit(1);
	}
	return d;
}

/* ---- modes ---------------------------------------------------------------- */

static void run_decl(const struct btf *btf, const struct opt_set *os, __u32 first)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts,
		.field_name = os->field_name,
		.indent_level = os->indent_level,
		.strip_mods = os->strip_mods,
	);
	__u32 id, n = btf__type_cnt(btf);
	struct btf_dump *d = new_dumper(btf);
	int err;

	printf("@@ opts=%s field_name=\"%s\" indent_level=%d strip_mods=%d first_id=%u type_cnt=%u\n",
	       os->name, os->field_name, os->indent_level, os->strip_mods, first, n);
	for (id = first; id < n; id++) {
		capturing = true;
		err = btf_dump__emit_type_decl(d, id, &opts);
		capturing = false;
		put_record(stdout, btf, id, err);
	}
	btf_dump__free(d);
}

/* dump_type for ids [from, to) with dumper d, records to f */
static void dump_range(FILE *f, struct btf_dump *d, const struct btf *btf, __u32 from, __u32 to)
{
	__u32 id;
	int err;

	for (id = from; id < to; id++) {
		capturing = true;
		err = btf_dump__dump_type(d, id);
		capturing = false;
		put_record(f, btf, id, err);
	}
}

static void run_sizes(const struct btf *btf, __u32 first)
{
	__u32 id, n = btf__type_cnt(btf);
	long long size;
	int align, nwarn;
	char *p;

	for (id = first; id < n; id++) {
		capturing = true;
		size = btf__resolve_size(btf, id);
		align = btf__align_of(btf, id);
		capturing = false;
		nwarn = 0;
		for (p = warns.s; p && *p; p++)
			if (*p == '\n' || p[1] == '\0')
				nwarn++;
		printf("@@ id=%u size=%lld align=%d warn=%d\n", id, size, align, nwarn);
		put_warns(stdout, nwarn);
	}
}

static void run_dump(const struct btf *btf)
{
	struct btf_dump *d = new_dumper(btf);

	dump_range(stdout, d, btf, 1, btf__type_cnt(btf));
	btf_dump__free(d);
}

static int must_find(const struct btf *btf, const char *name, __u32 kind)
{
	int id = btf__find_by_name_kind(btf, name, kind);

	if (id <= 0) {
		fprintf(stderr, "emit_decl: incremental: no %s '%s' in the input\n",
			kind_names[kind], name);
		exit(1);
	}
	return id;
}

static int chk(int id, const char *what)
{
	if (id < 0) {
		fprintf(stderr, "emit_decl: incremental: %s failed: %d\n", what, id);
		exit(1);
	}
	return id;
}

/*
 * The types added in incremental mode.  The input must define (as
 * corpora/c_cases/case_incremental.c does): int, struct point, struct
 * holder, enum color with enumerator RED, typedef u32_t.
 *
 * Roughly this C, where every name clashes with one already dumped:
 *
 *   struct point { int z; };                         -> struct point___2
 *   enum { RED = 5, BLUE = 6 };                      -> RED___2 (top level)
 *   typedef int u32_t;                               -> u32_t___2
 *   typedef int GREEN;                               -> GREEN___2 (enumerator ns)
 *   typedef int point;                               -> no clash: typedef ns
 *   struct holder;  (a FWD)                          -> struct holder___2
 *   typedef void (*cb_t)(void);
 *   struct holder2 {
 *       enum { RED = 7, VIOLET = 8 } e;              -> inline, RED___3
 *       struct point old;  struct point new;         -> point, point___2
 *       struct holder *h;  struct holder *fh;        -> old one, the FWD
 *       cb_t cb;  const volatile u32_t *q;
 *       GREEN g;  point pt;
 *   };
 *
 * None of them refers to an anonymous enum of the input (that would change
 * the input's "referenced" marks; see tests/test_c_cases.py).
 */
static void add_types(struct btf *btf)
{
	int int_id = must_find(btf, "int", BTF_KIND_INT);
	int point_old = must_find(btf, "point", BTF_KIND_STRUCT);
	int holder_old = must_find(btf, "holder", BTF_KIND_STRUCT);
	int point_new, anon_enum2, u32_new, green_t, point_t, holder_fwd;
	int proto, cb_t, cvp, h_ptr, fh_ptr, vol, cv;

	(void)must_find(btf, "u32_t", BTF_KIND_TYPEDEF);
	(void)must_find(btf, "color", BTF_KIND_ENUM);

	point_new = chk(btf__add_struct(btf, "point", 4), "add_struct point");
	chk(btf__add_field(btf, "z", int_id, 0, 0), "add_field z");

	chk(btf__add_enum(btf, NULL, 4), "add_enum anon");
	chk(btf__add_enum_value(btf, "RED", 5), "add_enum_value RED");
	chk(btf__add_enum_value(btf, "BLUE", 6), "add_enum_value BLUE");

	u32_new = chk(btf__add_typedef(btf, "u32_t", int_id), "add_typedef u32_t");
	green_t = chk(btf__add_typedef(btf, "GREEN", int_id), "add_typedef GREEN");
	point_t = chk(btf__add_typedef(btf, "point", int_id), "add_typedef point");
	holder_fwd = chk(btf__add_fwd(btf, "holder", BTF_FWD_STRUCT), "add_fwd holder");

	proto = chk(btf__add_func_proto(btf, 0), "add_func_proto");
	cb_t = chk(btf__add_typedef(btf, "cb_t", chk(btf__add_ptr(btf, proto), "add_ptr proto")),
		   "add_typedef cb_t");

	anon_enum2 = chk(btf__add_enum(btf, NULL, 4), "add_enum anon2");
	chk(btf__add_enum_value(btf, "RED", 7), "add_enum_value RED");
	chk(btf__add_enum_value(btf, "VIOLET", 8), "add_enum_value VIOLET");

	vol = chk(btf__add_volatile(btf, u32_new), "add_volatile");
	cv = chk(btf__add_const(btf, vol), "add_const");
	cvp = chk(btf__add_ptr(btf, cv), "add_ptr cv");
	h_ptr = chk(btf__add_ptr(btf, holder_old), "add_ptr holder");
	fh_ptr = chk(btf__add_ptr(btf, holder_fwd), "add_ptr holder fwd");

	/* fields must directly follow their struct: no btf__add_* in between */
	chk(btf__add_struct(btf, "holder2", 56), "add_struct holder2");
	chk(btf__add_field(btf, "e", anon_enum2, 0, 0), "add_field e");
	chk(btf__add_field(btf, "old", point_old, 32, 0), "add_field old");
	chk(btf__add_field(btf, "new", point_new, 96, 0), "add_field new");
	chk(btf__add_field(btf, "h", h_ptr, 128, 0), "add_field h");
	chk(btf__add_field(btf, "fh", fh_ptr, 192, 0), "add_field fh");
	chk(btf__add_field(btf, "cb", cb_t, 256, 0), "add_field cb");
	chk(btf__add_field(btf, "q", cvp, 320, 0), "add_field q");
	chk(btf__add_field(btf, "g", green_t, 384, 0), "add_field g");
	chk(btf__add_field(btf, "pt", point_t, 416, 0), "add_field pt");
}

static int run_incremental(struct btf *btf, const char *write_path)
{
	__u32 first_new = btf__type_cnt(btf), n;
	struct btf_dump *d = new_dumper(btf), *d2;
	char *inc_text = NULL, *one_text = NULL;
	size_t inc_len = 0, one_len = 0;
	FILE *f;
	int ret = 0;

	printf("@@ phase=initial type_cnt=%u\n", first_new);
	dump_range(stdout, d, btf, 1, first_new);

	add_types(btf);
	n = btf__type_cnt(btf);

	/* the same dumper, grown BTF: every id again, only new output appears */
	f = open_memstream(&inc_text, &inc_len);
	dump_range(f, d, btf, 1, n);
	fclose(f);
	printf("@@ phase=added first_new_id=%u type_cnt=%u\n", first_new, n);
	fwrite(inc_text, 1, inc_len, stdout);
	btf_dump__free(d);

	/* self-check: a fresh dumper over the grown BTF, old ids then new
	 * ones, prints what the incremental one printed */
	d2 = new_dumper(btf);
	f = open_memstream(&one_text, &one_len);
	dump_range(f, d2, btf, 1, first_new);
	fclose(f);
	free(one_text);
	one_text = NULL;
	f = open_memstream(&one_text, &one_len);
	dump_range(f, d2, btf, first_new, n);
	fclose(f);
	btf_dump__free(d2);
	{
		/* the fresh dumper's second pass has records for new ids
		 * only; the incremental one has records for old ids too
		 * (empty); compare the concatenated text of the new ids */
		char key[64], *p;

		snprintf(key, sizeof(key), "@@ id=%u ", first_new);
		p = strstr(inc_text, key);
		if (!p || strlen(p) != one_len || memcmp(p, one_text, one_len) != 0) {
			fprintf(stderr, "emit_decl: incremental self-check FAILED: a fresh dumper over the grown BTF prints differently\n");
			ret = 3;
		}
	}

	if (write_path) {
		__u32 sz;
		const void *raw = btf__raw_data(btf, &sz);

		f = raw ? fopen(write_path, "wb") : NULL;
		if (!f || fwrite(raw, 1, sz, f) != sz || fclose(f)) {
			fprintf(stderr, "emit_decl: writing %s failed\n", write_path);
			return 1;
		}
	}
	free(inc_text);
	free(one_text);
	if (fflush(stdout)) {
		perror("emit_decl: stdout");
		return 1;
	}
	return ret;
}

/*
 * synth: a BTF built from scratch for what clang 14 cannot write or C cannot
 * say: ENUM64 and signed enums, 1/2/8-byte enums, enum forward declarations,
 * FWD unions, FUNC_PROTOs without parameters and with a lone void one,
 * __builtin_va_list and a void __gnuc_va_list, names that already end in
 * ___2, type tags between modifiers, modifiers on arrays and prototypes,
 * a pointer to a FUNC, DECL_TAGs, a VAR and a DATASEC.  Written with
 * btf__raw_data (host byte order) to -w PATH; corpora/c_cases/case_synth.btf.
 */
static int build_synth(const char *write_path)
{
	struct btf *btf = btf__new_empty();
	int i_int, i_uint, i_long, i_char, i_ulong, e_small, s_dup, s_dup2, p, fp0, fp1, fpv;
	int s_a, t_a, cst, vol, arr, fn, tag1, tag2, var, u_fwd, s_fwd, e_fwd, e64, ef, uf, sf;
	__u32 sz;
	const void *raw;
	FILE *f;

	if (!btf) {
		fprintf(stderr, "emit_decl: btf__new_empty failed\n");
		return 1;
	}
	i_int = chk(btf__add_int(btf, "int", 4, BTF_INT_SIGNED), "int");
	i_uint = chk(btf__add_int(btf, "unsigned int", 4, 0), "unsigned int");
	i_long = chk(btf__add_int(btf, "long", 8, BTF_INT_SIGNED), "long");
	i_ulong = chk(btf__add_int(btf, "long unsigned int", 8, 0), "ulong");
	i_char = chk(btf__add_int(btf, "char", 1, BTF_INT_CHAR), "char");
	chk(btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL), "_Bool");
	chk(btf__add_float(btf, "long double", 16), "long double");

	/* enums: signed (a negative value sets the kind flag), sizes 1, 2, 8 */
	chk(btf__add_enum(btf, "sgn", 4), "enum sgn");
	chk(btf__add_enum_value(btf, "SGN_NEG", -1), "SGN_NEG");
	chk(btf__add_enum_value(btf, "SGN_MIN", -2147483647 - 1), "SGN_MIN");
	chk(btf__add_enum_value(btf, "SGN_POS", 5), "SGN_POS");
	e_small = chk(btf__add_enum(btf, "tiny", 1), "enum tiny");
	chk(btf__add_enum_value(btf, "TINY_A", 1), "TINY_A");
	chk(btf__add_enum_value(btf, "TINY_B", 255), "TINY_B");
	chk(btf__add_enum(btf, "half", 2), "enum half");
	chk(btf__add_enum_value(btf, "HALF_A", 65535), "HALF_A");
	e64 = chk(btf__add_enum64(btf, "e64u", 8, false), "enum64 e64u");
	chk(btf__add_enum64_value(btf, "E64U_MAX", 0xffffffffffffffffULL), "E64U_MAX");
	chk(btf__add_enum64_value(btf, "E64U_BIG", 0x123456789abcdefULL), "E64U_BIG");
	chk(btf__add_enum64(btf, "e64s", 8, true), "enum64 e64s");
	chk(btf__add_enum64_value(btf, "E64S_NEG", (__u64)-1LL), "E64S_NEG");
	chk(btf__add_enum64_value(btf, "E64S_MIN", 0x8000000000000000ULL), "E64S_MIN");
	chk(btf__add_enum64_value(btf, "E64S_ONE", 1), "E64S_ONE");
	chk(btf__add_enum64(btf, NULL, 8, false), "enum64 anon");
	chk(btf__add_enum64_value(btf, "TINY_A", 1ULL << 40), "TINY_A 64");
	chk(btf__add_enum(btf, NULL, 4), "enum anon");
	chk(btf__add_enum_value(btf, "SGN_POS", 7), "SGN_POS anon");
	chk(btf__add_enum_value(btf, "int_t", 8), "int_t anon");
	e_fwd = chk(btf__add_fwd(btf, "efwd", BTF_FWD_ENUM), "fwd enum");
	u_fwd = chk(btf__add_fwd(btf, "ufwd", BTF_FWD_UNION), "fwd union");
	s_fwd = chk(btf__add_fwd(btf, "sfwd", BTF_FWD_STRUCT), "fwd struct");
	/* a typedef clashing with an enumerator dumped before it */
	t_a = chk(btf__add_typedef(btf, "int_t", i_int), "typedef int_t");

	/* prototypes: no parameters, a lone void parameter, variadic */
	fp0 = chk(btf__add_func_proto(btf, i_int), "proto0");
	fp1 = chk(btf__add_func_proto(btf, i_int), "proto1");
	chk(btf__add_func_param(btf, NULL, 0), "proto1 void");
	/* params must directly follow their prototype, like fields */
	p = chk(btf__add_ptr(btf, i_char), "char *");
	fpv = chk(btf__add_func_proto(btf, 0), "protov");
	chk(btf__add_func_param(btf, "fmt", p), "fmt");
	chk(btf__add_func_proto(btf, 0), "protov2");
	chk(btf__add_func_param(btf, "x", i_int), "x");
	chk(btf__add_func_param(btf, NULL, 0), "...");
	fn = chk(btf__add_func(btf, "some_func", BTF_FUNC_GLOBAL, fp0), "func");
	chk(btf__add_ptr(btf, fn), "ptr to func");
	chk(btf__add_typedef(btf, "fn0_t", chk(btf__add_ptr(btf, fp0), "ptr fp0")), "fn0_t");
	chk(btf__add_typedef(btf, "fn1_t", chk(btf__add_ptr(btf, fp1), "ptr fp1")), "fn1_t");
	chk(btf__add_typedef(btf, "fnv_t", chk(btf__add_ptr(btf, fpv), "ptr fpv")), "fnv_t");
	vol = chk(btf__add_volatile(btf, fp0), "volatile proto");
	chk(btf__add_typedef(btf, "noreturn_fn_t", chk(btf__add_ptr(btf, vol), "ptr vol proto")), "noreturn_fn_t");

	/* va_list typedefs */
	chk(btf__add_typedef(btf, "__builtin_va_list", chk(btf__add_ptr(btf, i_char), "char *")), "__builtin_va_list");
	chk(btf__add_typedef(btf, "__gnuc_va_list", 0), "__gnuc_va_list");

	/* names: dup, dup, dup___2 (already suffixed), typedef dup */
	s_dup = chk(btf__add_struct(btf, "dup", 4), "struct dup");
	chk(btf__add_field(btf, "a", i_int, 0, 0), "dup.a");
	s_dup2 = chk(btf__add_struct(btf, "dup", 8), "struct dup 2");
	chk(btf__add_field(btf, "b", i_long, 0, 0), "dup.b");
	chk(btf__add_struct(btf, "dup___2", 1), "struct dup___2");
	chk(btf__add_field(btf, "c", i_char, 0, 0), "dup___2.c");
	chk(btf__add_typedef(btf, "dup", s_dup2), "typedef dup");
	chk(btf__add_union(btf, "dup", 0), "union dup (empty)");

	/* type tags between modifiers: ptr -> tag a -> const -> tag b -> int */
	tag2 = chk(btf__add_type_tag(btf, "b", i_int), "tag b");
	cst = chk(btf__add_const(btf, tag2), "const tag b");
	tag1 = chk(btf__add_type_tag(btf, "a", cst), "tag a");
	p = chk(btf__add_ptr(btf, tag1), "ptr tag a");
	chk(btf__add_typedef(btf, "tagged_t", p), "tagged_t");
	chk(btf__add_typedef(btf, "rvoid_t",
		chk(btf__add_restrict(btf, chk(btf__add_ptr(btf, 0), "void *")), "restrict")), "rvoid_t");

	/* const on an array (dropped), a huge array, a zero-sized struct */
	arr = chk(btf__add_array(btf, i_uint, e_small, 3), "array");
	chk(btf__add_typedef(btf, "carr_t", chk(btf__add_const(btf, arr), "const arr")), "carr_t");
	chk(btf__add_typedef(btf, "huge_t", chk(btf__add_array(btf, i_uint, i_char, 0xffffffffU), "huge")), "huge_t");

	/* a struct using the above; bitfields set the kind flag */
	ef = chk(btf__add_ptr(btf, e_fwd), "ptr efwd");
	uf = chk(btf__add_ptr(btf, u_fwd), "ptr ufwd");
	sf = chk(btf__add_ptr(btf, s_fwd), "ptr sfwd");
	s_a = chk(btf__add_struct(btf, "synth_root", 72), "synth_root");
	chk(btf__add_field(btf, "d1", s_dup, 0, 0), "d1");
	chk(btf__add_field(btf, "d2", s_dup2, 64, 0), "d2");
	chk(btf__add_field(btf, "t", t_a, 128, 0), "t");
	chk(btf__add_field(btf, "bf1", i_uint, 160, 3), "bf1");
	chk(btf__add_field(btf, "bf2", e_small, 163, 2), "bf2");
	chk(btf__add_field(btf, "bf3", i_ulong, 192, 33), "bf3");
	chk(btf__add_field(btf, "tp", p, 256, 0), "tp");
	chk(btf__add_field(btf, "e64", e64, 320, 0), "e64");
	chk(btf__add_field(btf, "ef", ef, 384, 0), "ef");
	chk(btf__add_field(btf, "uf", uf, 448, 0), "uf");
	chk(btf__add_field(btf, "sf", sf, 512, 0), "sf");

	/* declaration tags, a variable and its section */
	chk(btf__add_decl_tag(btf, "root_tag", s_a, -1), "decl_tag struct");
	chk(btf__add_decl_tag(btf, "field_tag", s_a, 1), "decl_tag field");
	var = chk(btf__add_var(btf, "some_var", BTF_VAR_GLOBAL_ALLOCATED, s_a), "var");
	chk(btf__add_datasec(btf, ".data", 72), "datasec");
	chk(btf__add_datasec_var_info(btf, var, 0, 72), "datasec var");

	raw = btf__raw_data(btf, &sz);
	f = raw && write_path ? fopen(write_path, "wb") : NULL;
	if (!f || fwrite(raw, 1, sz, f) != sz || fclose(f)) {
		fprintf(stderr, "emit_decl: synth: writing %s failed (-w PATH is required)\n",
			write_path ? write_path : "(none)");
		return 1;
	}
	btf__free(btf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base_path = NULL, *mode = "decl", *write_path = NULL;
	const char *sel[N_OPT_SETS];
	int nsel = 0, c;
	bool own_only = false;
	__u32 first;
	struct btf *base = NULL, *btf;
	size_t i;

	while ((c = getopt(argc, argv, "b:m:o:w:lS")) != -1) {
		switch (c) {
		case 'S': own_only = true; break;
		case 'b': base_path = optarg; break;
		case 'm': mode = optarg; break;
		case 'o':
			if (nsel == (int)N_OPT_SETS) {
				fprintf(stderr, "emit_decl: too many -o\n");
				return 1;
			}
			sel[nsel++] = optarg;
			break;
		case 'w': write_path = optarg; break;
		case 'l':
			for (i = 0; i < N_OPT_SETS; i++)
				printf("%s field_name=\"%s\" indent_level=%d strip_mods=%d\n",
				       opt_sets[i].name, opt_sets[i].field_name,
				       opt_sets[i].indent_level, opt_sets[i].strip_mods);
			return 0;
		default:
			fprintf(stderr, "usage: %s [-b BASE] [-S] [-m decl|dump|incremental|synth|sizes] [-o OPTSET]... [-w OUT.btf] FILE\n", argv[0]);
			return 1;
		}
	}
	libbpf_set_print(libbpf_print);
	if (strcmp(mode, "synth") == 0)
		return build_synth(write_path);
	if (optind != argc - 1) {
		fprintf(stderr, "usage: %s [-b BASE] [-S] [-m decl|dump|incremental|synth|sizes] [-o OPTSET]... [-w OUT.btf] FILE\n", argv[0]);
		return 1;
	}

	if (base_path) {
		base = btf__parse(base_path, NULL);
		if (!base) {
			fprintf(stderr, "emit_decl: %s: %s\n", base_path, strerror(errno));
			return 1;
		}
	}
	btf = btf__parse_split(argv[optind], base);
	if (!btf) {
		fprintf(stderr, "emit_decl: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}

	/* -S: split BTF's own ids only (from btf__start_id, skipping the base) */
	first = own_only && base ? btf__type_cnt(base) : 1;
	if (strcmp(mode, "decl") == 0) {
		if (nsel == 0)
			for (i = 0; i < N_OPT_SETS; i++)
				run_decl(btf, &opt_sets[i], first);
		for (c = 0; c < nsel; c++) {
			for (i = 0; i < N_OPT_SETS; i++)
				if (strcmp(sel[c], opt_sets[i].name) == 0)
					break;
			if (i == N_OPT_SETS) {
				fprintf(stderr, "emit_decl: unknown option set '%s' (-l lists them)\n", sel[c]);
				return 1;
			}
			run_decl(btf, &opt_sets[i], first);
		}
	} else if (strcmp(mode, "dump") == 0) {
		run_dump(btf);
	} else if (strcmp(mode, "sizes") == 0) {
		run_sizes(btf, first);
	} else if (strcmp(mode, "incremental") == 0) {
		return run_incremental(btf, write_path);
	} else {
		fprintf(stderr, "emit_decl: unknown mode '%s'\n", mode);
		return 1;
	}
	if (fflush(stdout)) {
		perror("emit_decl: stdout");
		return 1;
	}
	btf__free(btf);
	btf__free(base);
	return 0;
}
