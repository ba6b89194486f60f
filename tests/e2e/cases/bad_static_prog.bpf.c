// SPDX-License-Identifier: MIT
/* A static function in a program section: libbpf refuses it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__attribute__((used)) static int SEC("xdp") hidden_prog(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
