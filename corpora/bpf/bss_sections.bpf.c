// SPDX-License-Identifier: MIT
/*
 * bss_sections.bpf.c - zero-initialised variables in custom .bss.NAME
 * sections (SHT_NOBITS).  libbpf 1.5+ makes each an internal map, as it does
 * .bss; libbpf 6.1 does not know them, so bpftool 7.1 fails on the first
 * relocation against one ("bad map relo ... in section '.bss.counters'").
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 counters[4] SEC(".bss.counters");
struct {
	__u32 last_len;
	__u32 seen;
} stats SEC(".bss.stats");
int plain_bss;

SEC("socket")
int bss_socket(struct __sk_buff *skb)
{
	counters[skb->len & 3]++;
	stats.last_len = skb->len;
	stats.seen++;
	plain_bss++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
