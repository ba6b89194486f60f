// SPDX-License-Identifier: MIT
/*
 * maps.bpf.c - BTF-defined maps of many kinds (array, hash, per-CPU array
 * and hash, LRU hash, ring buffer, perf event array, program array,
 * array-of-maps and hash-of-maps with initialised inner slots, a pinned map)
 * used by programs of several types (xdp, socket filter, tc, syscall,
 * cgroup_skb, perf_event) that share static and global sub-programs and a
 * tail call.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct flow_stats {
	__u64 packets;
	__u64 bytes;
	struct {
		__u32 first_seen;
		__u32 last_seen;
	} times;
};

struct event {
	__u32 pid;
	__u32 kind;
	char comm[16];
	__u64 values[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct flow_stats);
} stats_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow_key);
	__type(value, struct flow_stats);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, int);
	__type(value, __u64);
} pcpu_counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 64);
	__uint(key_size, sizeof(__u32));	/* sizes instead of types */
	__uint(value_size, sizeof(__u64));
} pcpu_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 128);
	__type(key, __u64);
	__type(value, struct event);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} lru_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} perf_events SEC(".maps");

/* inner map template and map-in-map outers with initial inner slots */
struct inner_array {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner_array);
} outer_array SEC(".maps") = {
	.values = { &inner_a, 0, &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_HASH);
		__uint(max_entries, 4);
		__type(key, int);
		__type(value, int);
	});
} outer_hash SEC(".maps");

/* program array for tail calls, pre-populated with a program */
int tail_target(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jump_table SEC(".maps") = {
	.values = { [1] = (void *)&tail_target },
};

/* globals the programs update */
__u64 total_packets;
__u32 last_proto = 255;
const volatile __u32 sample_rate = 1;

static __noinline void account(struct flow_key *k, __u64 len)
{
	struct flow_stats *st, zero = {};

	st = bpf_map_lookup_elem(&flows, k);
	if (!st) {
		bpf_map_update_elem(&flows, k, &zero, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&flows, k);
		if (!st)
			return;
	}
	__sync_fetch_and_add(&st->packets, 1);
	__sync_fetch_and_add(&st->bytes, len);
}

__noinline int bump_percpu(int idx)
{
	__u64 *v = bpf_map_lookup_elem(&pcpu_counters, &idx);

	if (!v)
		return 0;
	(*v)++;
	return 1;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	struct flow_key k = { .proto = 17 };
	__u64 len = ctx->data_end - ctx->data;

	account(&k, len);
	bump_percpu(0);
	total_packets++;
	return XDP_PASS;
}

SEC("socket")
int socket_filter(struct __sk_buff *skb)
{
	struct event *e;

	last_proto = skb->protocol;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (e) {
		e->pid = skb->len;
		e->kind = 1;
		bpf_ringbuf_submit(e, 0);
	}
	return skb->len;
}

SEC("tc")
int tc_ingress(struct __sk_buff *skb)
{
	__u32 key = 0;
	void *inner;

	inner = bpf_map_lookup_elem(&outer_array, &key);
	if (inner)
		bpf_map_lookup_elem(inner, &key);
	bump_percpu(1);
	bpf_tail_call(skb, &jump_table, 1);
	return TC_ACT_OK;
}

SEC("tc")
int tail_target(struct __sk_buff *skb)
{
	return skb->mark == sample_rate ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("cgroup_skb/egress")
int cgroup_egress(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct flow_stats *st = bpf_map_lookup_elem(&stats_array, &key);

	if (st)
		st->packets++;
	return 1;
}

SEC("perf_event")
int on_perf(void *ctx)
{
	struct event e = { .kind = 2 };
	__u64 key = bpf_get_prandom_u32();

	bpf_map_update_elem(&lru_events, &key, &e, BPF_ANY);
	bpf_perf_event_output(ctx, &perf_events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

struct syscall_args {
	int fd;
	__u32 flags;
	__u64 cookie;
};

SEC("syscall")
int run_syscall(struct syscall_args *args)
{
	__u32 key = args->flags;
	__u64 val = args->cookie;

	bpf_map_update_elem(&pcpu_hash, &key, &val, BPF_ANY);
	return bump_percpu(2);
}

char LICENSE[] SEC("license") = "GPL";
