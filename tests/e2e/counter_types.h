/* SPDX-License-Identifier: MIT */
/*
 * counter_types.h - the types the BPF library (corpora/bpf/lib_counter.bpf.c)
 * shares with user space: its global `lib_last` is a struct counter_val, so
 * the skeleton and the subskeleton need the definition before they are
 * included (as a project's shared header or vmlinux.h would provide).
 */
#ifndef COUNTER_TYPES_H
#define COUNTER_TYPES_H

#include <linux/types.h>

struct counter_val {
	__u64 hits;
	__u64 total;
};

/* the context of app_main.bpf.c's SEC("syscall") program */
struct app_args {
	__u32 key;
	__u64 delta;
};

#endif /* COUNTER_TYPES_H */
