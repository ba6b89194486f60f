// SPDX-License-Identifier: MIT
/*
 * edges.bpf.c - skeleton corner cases not in corpora/bpf: a custom section
 * name longer than the kernel's 15 characters and one with a '-', a kfunc
 * with unnamed parameters whose prototype a function pointer shares (libbpf
 * names those parameters 'dummy_ksym'), function pointers and arrays of
 * them in .data, a '?' (no autoload) section, several programs in one
 * section, a section holding only static variables, and padding after
 * chars and before 8-byte members.
 *
 * Built by tests/test_gen.py (clang -g -O2 -target bpf), compared with
 * live bpftool.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_btfkit_never(int, long) __ksym __weak;

int (*fn_ptr)(int, long);
int (*fn_table[3])(int, long);
typedef unsigned long (*getter_t)(void);
getter_t getters[2];

char c1 = 1;
long after_char = 2;
char c2 = 3;
struct { char a; long long b; } packed_ish = { 4, 5 };

int in_long_sec SEC(".data.a_rather_long_section_name") = 6;
const volatile int in_dash_sec SEC(".rodata.with-dash") = 7;
static int only_static SEC(".data.statics") = 8;

SEC("?tc")
int maybe_tc(struct __sk_buff *skb)
{
	return c1 + after_char + c2 + packed_ish.b + in_long_sec + in_dash_sec + only_static;
}

SEC("tc")
int tc_one(struct __sk_buff *skb)
{
	if (bpf_btfkit_never)
		return bpf_btfkit_never(1, 2);
	return fn_ptr ? 1 : 0;
}

SEC("tc")
int tc_two(struct __sk_buff *skb)
{
	return fn_table[1] ? 2 : (getters[0] ? 3 : 0);
}

char LICENSE[] SEC("license") = "GPL";
