// SPDX-License-Identifier: MIT
/*
 * struct_ops.bpf.c - a .struct_ops map (a TCP congestion-control shaped
 * struct declared locally, since no vmlinux.h is used) whose function
 * pointer members point at struct_ops programs, plus BPF_PROG-style
 * programs with typed context arguments and a FWD-only struct sock.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct sock;				/* only ever a FWD here */

struct ack_sample {
	__u32 pkts_acked;
	__s32 rtt_us;
	__u32 in_flight;
};

/* shaped like the kernel's struct tcp_congestion_ops */
struct tcp_congestion_ops {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	void (*set_state)(struct sock *sk, __u8 new_state);
	void (*pkts_acked)(struct sock *sk, const struct ack_sample *sample);
	__u32 (*undo_cwnd)(struct sock *sk);
	void (*init)(struct sock *sk);
	void (*release)(struct sock *sk);
	char name[16];
	__u32 flags;
	void *owner;
};

__u64 ssthresh_calls;
__u32 last_state;

SEC("struct_ops/btfkit_ssthresh")
__u32 BPF_PROG(btfkit_ssthresh, struct sock *sk)
{
	ssthresh_calls++;
	return 10;
}

SEC("struct_ops/btfkit_cong_avoid")
void BPF_PROG(btfkit_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	ssthresh_calls += acked;
}

SEC("struct_ops/btfkit_set_state")
void BPF_PROG(btfkit_set_state, struct sock *sk, __u8 new_state)
{
	last_state = new_state;
}

SEC("struct_ops/btfkit_undo_cwnd")
__u32 BPF_PROG(btfkit_undo_cwnd, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/btfkit_init")
void BPF_PROG(btfkit_init, struct sock *sk)
{
}

SEC(".struct_ops")
struct tcp_congestion_ops btfkit_cc = {
	.ssthresh = (void *)btfkit_ssthresh,
	.cong_avoid = (void *)btfkit_cong_avoid,
	.set_state = (void *)btfkit_set_state,
	.undo_cwnd = (void *)btfkit_undo_cwnd,
	.init = (void *)btfkit_init,
	.name = "btfkit_cc",
	.flags = 1,
};

char LICENSE[] SEC("license") = "GPL";
