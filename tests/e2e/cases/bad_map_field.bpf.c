// SPDX-License-Identifier: MIT
/* A map definition with a field libbpf does not know: refused (strict mode). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__uint(colour, 3);
	__type(key, __u32);
	__type(value, __u64);
} odd_map SEC(".maps");

SEC("xdp")
int use_it(struct xdp_md *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&odd_map, &k) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
