// SPDX-License-Identifier: MIT
/*
 * map_extra.bpf.c - a bloom filter map whose map_extra (the number of hash
 * functions) is given with __ulong(), an enum of one value, as libbpf 1.5's
 * bpf_helpers.h allows for 64-bit values.  libbpf 6.1 reads map attributes
 * only as pointers to arrays, so bpftool 7.1 fails ("expected PTR, got
 * enum"); bpftool 7.5 and 7.8 write the skeleton.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef __ulong	/* libbpf 1.5's bpf_helpers.h; Debian 12's libbpf-dev is 1.1 */
#define __ulong(name, val) enum { ___bpf_concat(__unique_value, __COUNTER__) = val } name
#endif

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__type(value, __u32);
	__uint(max_entries, 64);
	__ulong(map_extra, 3);
} seen SEC(".maps");

__u64 lookups;

SEC("xdp")
int bloom_xdp(struct xdp_md *ctx)
{
	__u32 v = ctx->ingress_ifindex;

	lookups++;
	if (bpf_map_peek_elem(&seen, &v) == 0)
		return XDP_PASS;
	bpf_map_push_elem(&seen, &v, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
