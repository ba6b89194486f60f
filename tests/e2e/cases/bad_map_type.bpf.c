// SPDX-License-Identifier: MIT
/* A map definition without a type, and one with conflicting value sizes. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} typeless SEC(".maps");

SEC("xdp")
int use_it(struct xdp_md *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&typeless, &k) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
