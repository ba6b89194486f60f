// SPDX-License-Identifier: MIT
/*
 * sections.bpf.c - every kind of DATASEC a skeleton cares about: .data,
 * .rodata, .bss, .kconfig (strong and __weak externs of several types),
 * .ksyms (typed and typeless kernel variables, a kfunc), custom .data.foo,
 * .data.two and .rodata.bar sections, anonymous-struct variables, arrays,
 * and static variables (in BTF, left out of skeletons).
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* .kconfig */
extern int LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig __weak;
extern unsigned long CONFIG_HZ __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[64] __kconfig __weak;
extern enum libbpf_tristate CONFIG_BPF_JIT __kconfig __weak;
extern bool CONFIG_BTFKIT_SURELY_MISSING __kconfig __weak;

/* .ksyms: typed variable, per-CPU variable, typeless symbol, kfuncs */
extern const int bpf_prog_active __ksym;
extern const void bpf_link_fops __ksym;
extern const void init_task __ksym __weak;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym __weak;

/* .data */
int data_int = 1;
struct { int a; short b; } anon_data = { 7, 8 };
char data_str[8] = "abc";

/* .bss */
int bss_int;
struct { int a; char b[3]; } anon_var;
unsigned long long bss_array[5];
void *bss_ptrs[2];

/* .rodata */
const volatile int rodata_int = 11;
const volatile struct { unsigned int x, y; } anon_rodata = { 1, 2 };
const volatile char rodata_msg[] = "hello";
const volatile short rodata_arr[3] = { 1, 2, 3 };

/* custom sections */
int foo_a SEC(".data.foo") = 3;
long foo_b SEC(".data.foo") = 4;
struct { char tag[4]; int n; } foo_anon SEC(".data.foo") = { "foo", 5 };
int two_only SEC(".data.two") = 9;
const volatile int bar_x SEC(".rodata.bar") = 100;
const volatile char bar_name[10] SEC(".rodata.bar") = "bar";

/* static variables: in BTF datasecs, but skeletons omit them */
static int static_data = 12;
static int static_bss;
static const volatile int static_rodata = 13;
static int static_foo SEC(".data.foo") = 14;

SEC("tp_btf/sys_enter")
int on_sys_enter(void *ctx)
{
	static int func_static;	/* function-scope static */

	func_static++;
	static_bss += static_data + static_rodata + static_foo + func_static;
	bss_int = LINUX_KERNEL_VERSION;
	if (CONFIG_BPF_SYSCALL && !CONFIG_BTFKIT_SURELY_MISSING)
		bss_int += CONFIG_HZ + CONFIG_DEFAULT_HOSTNAME[0];
	if (CONFIG_BPF_JIT == TRI_YES)
		bss_int++;
	bss_array[0] = (unsigned long long)&bpf_prog_active;
	bss_ptrs[0] = (void *)&bpf_link_fops;
	bss_ptrs[1] = (void *)&init_task;
	bpf_rcu_read_lock();
	if (bpf_rcu_read_unlock)
		bpf_rcu_read_unlock();
	anon_var.a = anon_data.a + anon_rodata.x + rodata_int + rodata_arr[1];
	foo_a += foo_b + foo_anon.n + two_only + bar_x + bar_name[0];
	data_int += data_str[0] + rodata_msg[0] + static_bss;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
