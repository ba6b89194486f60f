// SPDX-License-Identifier: MIT
/*
 * globals_only.bpf.c - no programs at all (a data-only object), a version
 * section, a weak and a hidden global, and a .rodata.str1.1 section made by
 * a string literal only a static function uses.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int plain = 1;
int weak_one __weak = 2;
__hidden int hidden_one = 3;
const volatile unsigned long long big_ro[4] = { 1, 2, 3, 4 };

__u32 _version SEC("version") = 1;
char LICENSE[] SEC("license") = "GPL";
