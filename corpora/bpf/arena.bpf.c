// SPDX-License-Identifier: MIT
/*
 * arena.bpf.c - a BPF_MAP_TYPE_ARENA map with __arena (address_space(1))
 * global variables, which LLVM 19 places in the .addr_space.1 section.
 * libbpf 1.5+ gives that section's bytes to the arena map and bpftool 7.5+
 * exposes them as skel->arena (struct NAME__arena); libbpf 6.1 does not know
 * the section, so bpftool 7.1 fails on the first relocation against it.
 * Needs clang 19 (build.py compiles only this source with clang-19).
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define __arena __attribute__((address_space(1)))

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);	/* pages */
} arena SEC(".maps");

int __arena arena_counter = 1;
__u64 __arena arena_hits[4] = { 1, 2, 3, 4 };
char __arena arena_tag[8] = "btfkit";
int plain_global;

SEC("syscall")
int arena_prog(void *ctx)
{
	arena_counter++;
	arena_hits[arena_counter & 3] += 2;
	plain_global++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
