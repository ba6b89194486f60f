// SPDX-License-Identifier: MIT
/*
 * st_ops_values.bpf.c - struct_ops maps declared in .maps whose value type
 * is not a struct: libbpf (1.5, 1.8) opens them, and bpftool 7.5+ writes
 * their shadow types as the value type's vlen members (none here: padding
 * only) and a __padding_end of the type's size.  A typedef of a struct
 * counts as such: bpftool takes the typedef's name and vlen (0).  (A
 * forward-declared value type never gets that far: libbpf cannot size it.)
 *
 * Built by tests/test_gen.py (clang -g -O2 -target bpf), compared with
 * live bpftool.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct two { int a; long b; };
typedef struct two two_t;

struct {
	__uint(type, BPF_MAP_TYPE_STRUCT_OPS);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, long);
} of_long SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STRUCT_OPS);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, two_t);
} of_typedef SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STRUCT_OPS);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, int[3]);
} of_array SEC(".maps");

SEC("xdp")
int use_them(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
