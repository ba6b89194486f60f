// SPDX-License-Identifier: MIT
/*
 * st_ops_kernel.bpf.c - struct_ops maps of real kernel struct_ops types,
 * from vmlinux.h (corpora/vmlinux/vmlinux.c.xz, the frozen kernel's
 * bpftool format c): a TCP congestion control (struct tcp_congestion_ops)
 * in SEC(".struct_ops.link"), a struct bpf_dummy_ops in SEC(".struct_ops")
 * and another, not autocreated, in SEC("?.struct_ops"), and a struct
 * Qdisc_ops of scalars only in SEC("?.struct_ops.link").  bpftool 7.5+ gives
 * each a shadow type: function pointers as struct bpf_program *, scalars
 * as declared, everything else as char __unsupported_N[] and the tail as
 * __padding_end[].  Plus a global (.bss) and a hidden global (.data, which
 * libbpf 1.5+ treats as static, so its map is no longer memory-mapped).
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 cwnd_events;
__attribute__((visibility("hidden"))) __u32 hidden_state = 3;

SEC("struct_ops/btfkit_ssthresh")
__u32 BPF_PROG(btfkit_ssthresh, struct sock *sk)
{
	return 16;
}

SEC("struct_ops/btfkit_cong_avoid")
void BPF_PROG(btfkit_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	cwnd_events += acked;
}

SEC("struct_ops/btfkit_cwnd_event")
void BPF_PROG(btfkit_cwnd_event, struct sock *sk, enum tcp_ca_event ev)
{
	hidden_state = ev;
	cwnd_events++;
}

SEC("struct_ops/btfkit_undo_cwnd")
__u32 BPF_PROG(btfkit_undo_cwnd, struct sock *sk)
{
	return 10;
}

SEC("struct_ops/btfkit_init")
void BPF_PROG(btfkit_init, struct sock *sk)
{
}

SEC(".struct_ops.link")
struct tcp_congestion_ops btfkit_reno = {
	.ssthresh = (void *)btfkit_ssthresh,
	.cong_avoid = (void *)btfkit_cong_avoid,
	.cwnd_event = (void *)btfkit_cwnd_event,
	.undo_cwnd = (void *)btfkit_undo_cwnd,
	.init = (void *)btfkit_init,
	.name = "btfkit_reno",
	.flags = 0,
};

/* bpf_dummy_ops programs can be run with BPF_PROG_TEST_RUN */
SEC("struct_ops/test_1")
int BPF_PROG(dummy_test_1, struct bpf_dummy_ops_state *state)
{
	if (state)
		state->val = state->val * 2 + 1;
	return 7;
}

SEC("struct_ops/test_2")
int BPF_PROG(dummy_test_2, struct bpf_dummy_ops_state *state, int a1, unsigned short a2,
	     char a3, unsigned long a4)
{
	return a1 + a2 + a3 + (int)a4;
}

SEC(".struct_ops")
struct bpf_dummy_ops btfkit_dummy = {
	.test_1 = (void *)dummy_test_1,
	.test_2 = (void *)dummy_test_2,
};

SEC("?.struct_ops")
struct bpf_dummy_ops btfkit_dummy_off = {
	.test_1 = (void *)dummy_test_1,
};

/* scalars in a shadow type: a queueing discipline's ops, no programs, not
 * autocreated (?.struct_ops.link); the shadow reads priv_size and
 * static_flags at their kernel offsets, the pointers stay opaque */
SEC("?.struct_ops.link")
struct Qdisc_ops btfkit_qdisc = {
	.id = "btfkit_q",
	.priv_size = 24,
	.static_flags = 1,
};

char LICENSE[] SEC("license") = "GPL";
