// SPDX-License-Identifier: MIT
/*
 * minimal.bpf.c - the smallest useful object: one program, no maps, no
 * global variables (so no datasec maps in the skeleton), only a license.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_drop_all(struct xdp_md *ctx)
{
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
