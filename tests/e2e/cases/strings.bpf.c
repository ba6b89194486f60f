// SPDX-License-Identifier: MIT
/*
 * strings.bpf.c - compiler-made sections: bpf_printk's format (a static in
 * .rodata), string literals (.rodata.str1.1, an internal map with no
 * DATASEC: the skeleton gets an empty struct for it, and bpftool 7.1 writes
 * an empty subskeleton); a .kconfig extern declared const volatile (the one
 * section whose modifiers skeletons keep); a __weak global sub-program.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern const volatile unsigned int CONFIG_NR_CPUS __kconfig __weak;

char buf[16];
int hits;

__weak __noinline int weak_helper(int x)
{
	return x + 1;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	const char *msg = "a string literal";

	bpf_probe_read_kernel_str(buf, sizeof(buf), msg);
	bpf_printk("getpid %d on %u cpus", hits, CONFIG_NR_CPUS);
	hits = weak_helper(hits);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
