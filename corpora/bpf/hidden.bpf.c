// SPDX-License-Identifier: MIT
/*
 * hidden.bpf.c - global variables libbpf 1.5+ no longer exposes: hidden
 * (visibility("hidden")) globals, which libbpf turns static, a .bss whose
 * only globals are hidden and a custom .data.statics section holding only
 * static variables.  libbpf 6.1 memory-maps every internal map, so bpftool
 * 7.1 writes a struct for each (empty ones included); libbpf 1.5 maps only
 * those with a global variable left, so bpftool 7.5 and 7.8 leave the others
 * out of the skeleton.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __hidden __attribute__((visibility("hidden")))

int visible_data = 5;
__hidden int hidden_data = 6;
__hidden __u64 hidden_bss[4];
static __u32 static_only SEC(".data.statics") = 11;
static __u32 static_too SEC(".data.statics") = 12;
const volatile int visible_rodata = 42;
__hidden const volatile int hidden_rodata = 43;

SEC("xdp")
int hidden_xdp(struct xdp_md *ctx)
{
	hidden_bss[visible_rodata & 3] += hidden_data + static_only;
	static_too += hidden_rodata;
	return visible_data > 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
