#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct natural {
	char c;
	long l;
	short s;
	int i;
	char tail;
};

struct aligned_member {
	char c;
	long: 64;
	int i;
	char d;
	long: 64;
};

struct big_gap {
	int a;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long b;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	char c;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
};

struct explicit_unnamed {
	char a;
	short: 0;
	char: 8;
	char b;
	long: 64;
	short c;
};

struct aligned_struct {
	int x;
	long: 64;
	long: 64;
	long: 64;
};

struct contains_aligned {
	char c;
	long: 64;
	long: 64;
	long: 64;
	struct aligned_struct s;
	char d;
	long: 64;
	long: 64;
	long: 64;
};

struct tail_only {
	long l;
	char c;
};

struct pad_before_array {
	char c;
	long arr[2];
	char e[3];
	int f;
};

union padded_union {
	char c;
	long l;
};

struct odd_sizes {
	char a[3];
	short b;
	char c[5];
	int d;
	char e[7];
	long f;
};

struct padding_root {
	struct natural a;
	struct aligned_member b;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
	struct big_gap c;
	struct explicit_unnamed d;
	long: 64;
	struct contains_aligned e;
	struct tail_only f;
	struct pad_before_array g;
	union padded_union h;
	struct odd_sizes i;
	long: 64;
	long: 64;
	long: 64;
	long: 64;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
