// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * dump_data: the reference side for btfkit's typed data dumper
 * (btfkit.c.data, libbpf's btf_dump__dump_type_data()).
 *
 * Built against each reference libbpf (6.1 by build.sh; 1.5 and 1.8 with
 * -DHAVE_EMIT_STRINGS for 1.8), see corpora/harness/build.sh.
 *
 * Usage: dump_data [-s SEED] FILE < IDS
 *
 * FILE is an ELF object or raw BTF.  IDS on stdin: one type id a line, in
 * the order to dump (one btf_dump for the whole run: names resolved with
 * ___N suffixes carry over, as in btfkit's CDumper).  For every id, for every
 * buffer kind, for every option set (OPT_SETS in make_golden_data.py, same
 * order), one record:
 *
 *   @@ id=ID buf=BUF opts=OPT ret=RET len=LEN
 *   <LEN bytes of text>\n
 *
 * Buffers (LEN = btf__resolve_size(id) clamped to 1..MAX_BUF, 64 when the
 * size does not resolve): 0 all zero, 1 all 0xff, 2 random (splitmix64 of
 * SEED ^ id), 3 the random buffer cut to half its length (LEN/2).  Each
 * buffer starts 16-byte aligned and is followed by 64 zero bytes (libbpf
 * reads a bitfield's base type past the data end).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define MAX_BUF 65536

struct opt_set {
	const char *name;
	int indent_level;
	const char *indent_str;
	bool compact, skip_names, emit_zeroes, emit_strings;
};

/* Keep in sync with OPT_SETS in corpora/harness/make_golden_data.py. */
static const struct opt_set opt_sets[] = {
	{"default", 0, NULL, 0, 0, 0, 0},
	{"compact", 0, NULL, 1, 0, 0, 0},
	{"skip_names", 0, NULL, 0, 1, 0, 0},
	{"zeroes", 0, NULL, 0, 0, 1, 0},
	{"strings", 0, NULL, 0, 0, 0, 1},
	{"indent", 2, "  ", 0, 0, 0, 0},
	{"compact_skip_zeroes", 0, NULL, 1, 1, 1, 0},
	{"zeroes_strings_indent", 1, "--", 0, 0, 1, 1},
};
#define NR_OPTS (sizeof(opt_sets) / sizeof(opt_sets[0]))

static char *out;
static size_t out_len, out_cap;

static void printf_fn(void *ctx, const char *fmt, va_list args)
{
	va_list a2;
	int n;

	(void)ctx;
	va_copy(a2, args);
	n = vsnprintf(NULL, 0, fmt, a2);
	va_end(a2);
	if (n < 0)
		return;
	if (out_len + n + 1 > out_cap) {
		out_cap = (out_len + n + 1) * 2;
		out = realloc(out, out_cap);
		if (!out)
			exit(2);
	}
	vsnprintf(out + out_len, n + 1, fmt, args);
	out_len += n;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	(void)level; (void)fmt; (void)args;
	return 0;
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	struct btf_dump *d;
	struct btf *btf;
	unsigned char *buf;
	unsigned id;
	int opt;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: dump_data [-s SEED] FILE < IDS\n");
		return 2;
	}
	libbpf_set_print(quiet);
	btf = btf__parse(argv[optind], NULL);
	if (!btf) {
		fprintf(stderr, "dump_data: cannot parse %s: %d\n", argv[optind], -errno);
		return 1;
	}
	d = btf_dump__new(btf, printf_fn, NULL, NULL);
	if (!d)
		return 1;
	buf = aligned_alloc(16, MAX_BUF + 64);
	while (scanf("%u", &id) == 1) {
		long long sz = btf__resolve_size(btf, id);
		size_t len = sz <= 0 ? 64 : sz > MAX_BUF ? MAX_BUF : (size_t)sz;

		for (int b = 0; b < 4; b++) {
			size_t n = b == 3 ? len / 2 : len;
			uint64_t x = seed ^ id;

			memset(buf, 0, MAX_BUF + 64);
			if (b == 1)
				memset(buf, 0xff, n);
			if (b >= 2)
				for (size_t i = 0; i < n; i += 8) {
					uint64_t r = splitmix64(&x);

					memcpy(buf + i, &r, n - i < 8 ? n - i : 8);
				}
			for (size_t o = 0; o < NR_OPTS; o++) {
				const struct opt_set *s = &opt_sets[o];
				LIBBPF_OPTS(btf_dump_type_data_opts, opts,
					.indent_level = s->indent_level,
					.indent_str = s->indent_str,
					.compact = s->compact,
					.skip_names = s->skip_names,
					.emit_zeroes = s->emit_zeroes,
#ifdef HAVE_EMIT_STRINGS
					.emit_strings = s->emit_strings,
#endif
				);
				int ret;

				out_len = 0;
				ret = btf_dump__dump_type_data(d, id, buf, n, &opts);
				printf("@@ id=%u buf=%d opts=%s ret=%d len=%zu\n", id, b, s->name,
				       ret, out_len);
				fwrite(out, 1, out_len, stdout);
				printf("\n");
			}
		}
	}
	btf_dump__free(d);
	btf__free(btf);
	return 0;
}
