// SPDX-License-Identifier: MIT
/*
 * app_main.bpf.c - the application half of the subskeleton scenario: entry
 * programs (socket filter, tc and syscall) that call lib_count() from
 * lib_counter.bpf.c through an extern declaration, read the library's
 * global through an extern variable, and keep their own globals.
 * Alone it has unresolved externs; `bpftool gen object` links it.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

extern int lib_count(__u32 key, __u64 delta);
extern __u64 lib_total;

__u64 app_packets;
const volatile __u32 app_mode = 2;
int app_flags = 4;

struct app_args {
	__u32 key;
	__u64 delta;
};

SEC("socket")
int app_socket(struct __sk_buff *skb)
{
	app_packets++;
	return lib_count(skb->ifindex, skb->len) ? 0 : skb->len;
}

SEC("tc")
int app_tc(struct __sk_buff *skb)
{
	lib_count(app_mode, skb->len);
	return lib_total > 1000 ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("syscall")
int app_syscall(struct app_args *args)
{
	app_flags |= 1;
	return lib_count(args->key, args->delta);
}

char LICENSE[] SEC("license") = "GPL";
