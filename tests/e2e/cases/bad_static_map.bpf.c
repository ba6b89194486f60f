// SPDX-License-Identifier: MIT
/* A BTF-defined map with static linkage: libbpf 1.1 refuses to open it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hidden_map SEC(".maps");

SEC("xdp")
int use_it(struct xdp_md *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&hidden_map, &k) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
