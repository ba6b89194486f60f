/* BTF in libbpf 1.8's newer form: the 32-byte header with a layout section
 * (btf_new_opts.add_layout), built with libbpf 1.8's own btf__add_* API and
 * written with btf__raw_data().  Used by corpora/layout/build.py; link
 * against /opt/btf-oracles/libbpf-1.8/lib/libbpf.a.
 *
 *   make_layout_btf small OUT     a few types of every common kind
 *   make_layout_btf bigvlen OUT   an enum with 70000 values (vlen > 0xffff)
 *   make_layout_btf plain OUT     the "small" types without the layout section
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

static void die(const char *what, int err)
{
	fprintf(stderr, "make_layout_btf: %s: %d\n", what, err);
	exit(1);
}

#define CK(x) do { int __r = (x); if (__r < 0) die(#x, __r); } while (0)

static void small_types(struct btf *btf)
{
	int i32, u8, ptr, st, en, fp;

	CK(i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED));
	CK(u8 = btf__add_int(btf, "unsigned char", 1, 0));
	CK(ptr = btf__add_ptr(btf, i32));
	CK(st = btf__add_struct(btf, "pair", 16));
	CK(btf__add_field(btf, "a", i32, 0, 0));
	CK(btf__add_field(btf, "b", ptr, 64, 0));
	CK(en = btf__add_enum(btf, "small_enum", 1));
	CK(btf__add_enum_value(btf, "SMALL_A", 0));
	CK(btf__add_enum_value(btf, "SMALL_B", 1));
	CK(btf__add_enum64(btf, "wide_enum", 8, false));
	CK(btf__add_enum64_value(btf, "WIDE_A", 1ULL << 40));
	CK(btf__add_array(btf, u8, i32, 16));
	CK(btf__add_typedef(btf, "pair_t", st));
	CK(btf__add_const(btf, st));
	CK(btf__add_volatile(btf, i32));
	CK(btf__add_restrict(btf, ptr));
	CK(btf__add_fwd(btf, "opaque", BTF_FWD_STRUCT));
	CK(fp = btf__add_func_proto(btf, i32));
	CK(btf__add_func_param(btf, "x", i32));
	CK(btf__add_func(btf, "fn", BTF_FUNC_GLOBAL, fp));
	CK(btf__add_float(btf, "double", 8));
	CK(btf__add_type_tag(btf, "user", i32));
	CK(btf__add_type_attr(btf, "address_space(1)", i32));
	CK(btf__add_decl_tag(btf, "tagged", st, 0));
	CK(btf__add_var(btf, "v", BTF_VAR_GLOBAL_ALLOCATED, i32));
	CK(btf__add_datasec(btf, ".data", 4));
	CK(btf__add_datasec_var_info(btf, btf__type_cnt(btf) - 2, 0, 4));
	(void)en;
}

static void big_vlen(struct btf *btf)
{
	char name[32];
	int i;

	CK(btf__add_int(btf, "int", 4, BTF_INT_SIGNED));
	CK(btf__add_enum(btf, "huge", 4));
	for (i = 0; i < 70000; i++) {
		snprintf(name, sizeof(name), "H%d", i);
		CK(btf__add_enum_value(btf, name, i));
	}
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(btf_new_opts, opts, .add_layout = true);
	const void *raw;
	struct btf *btf;
	__u32 sz;
	FILE *f;

	if (argc != 3)
		die("usage: make_layout_btf small|bigvlen|plain OUT", -EINVAL);
	if (!strcmp(argv[1], "plain"))
		opts.add_layout = false;
	btf = btf__new_empty_opts(&opts);
	if (!btf)
		die("btf__new_empty_opts", -errno);
	if (!strcmp(argv[1], "bigvlen"))
		big_vlen(btf);
	else
		small_types(btf);
	raw = btf__raw_data(btf, &sz);
	if (!raw)
		die("btf__raw_data", -errno);
	f = fopen(argv[2], "wb");
	if (!f || fwrite(raw, 1, sz, f) != sz || fclose(f))
		die("write", -errno);
	btf__free(btf);
	return 0;
}
