// SPDX-License-Identifier: MIT
/*
 * lib_counter.bpf.c - a BPF "library" object for the subskeleton scenario:
 * its own globals in .data, .bss and .rodata (plus a __weak one), a hash
 * map, a global __noinline function the application calls, and a hidden
 * helper. Linked with app_main.bpf.c by `bpftool gen object`.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct counter_val {
	__u64 hits;
	__u64 total;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct counter_val);
} lib_counters SEC(".maps");

/* .data */
__u64 lib_calls = 1;
struct counter_val lib_last = { 1, 2 };
/* .bss */
__u64 lib_total;
int lib_weak_knob __weak;
char lib_scratch[32];
/* .rodata */
const volatile __u32 lib_max_key = 63;
const volatile char lib_name[8] = "counter";

static __noinline __hidden __u64 lib_clamp(__u64 v)
{
	return v > lib_max_key ? lib_max_key : v;
}

/* the library's public entry point (a global BPF sub-program) */
__noinline int lib_count(__u32 key, __u64 delta)
{
	struct counter_val *cv, init = {};

	key = lib_clamp(key);
	cv = bpf_map_lookup_elem(&lib_counters, &key);
	if (!cv) {
		bpf_map_update_elem(&lib_counters, &key, &init, BPF_NOEXIST);
		cv = bpf_map_lookup_elem(&lib_counters, &key);
		if (!cv)
			return -1;
	}
	cv->hits++;
	cv->total += delta;
	lib_last = *cv;
	lib_calls++;
	lib_total += delta + lib_weak_knob;
	lib_scratch[key & 31] = lib_name[0];
	return 0;
}
