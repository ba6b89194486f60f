// SPDX-License-Identifier: MIT
/*
 * jumptables.bpf.c - data in a .jumptables section referenced by a program,
 * the section LLVM 20+ emits for indirect jumps (here made with a section
 * attribute, since clang 14 and 19 do not emit it).  libbpf 1.8 reads
 * .jumptables and accepts relocations against it; libbpf 6.1 and 1.5 do
 * not know the section, so bpftool 7.1 and 7.5 fail on the relocation
 * ("bad map relo ... in section '.jumptables'").  No skeleton shows it.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const __u64 table[4] SEC(".jumptables") = { 8, 16, 24, 32 };
int calls;

SEC("socket")
int jt_socket(struct __sk_buff *skb)
{
	calls++;
	return (int)table[skb->len & 3];
}

char LICENSE[] SEC("license") = "GPL";
