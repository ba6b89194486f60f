#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct flags_basic {
	unsigned int ready: 1;
	unsigned int error: 1;
	unsigned int count: 6;
	unsigned int rest: 24;
};

struct flags_mixed_base {
	char c: 3;
	short s: 9;
	int i: 17;
	long long ll: 33;
	unsigned char uc: 2;
	_Bool b: 1;
};

struct flags_with_gaps {
	int a: 2;
	char: 5;
	int b: 3;
	int: 22;
	int c: 4;
	long: 28;
	short d: 2;
};

typedef unsigned int u32;

typedef unsigned long long u64;

enum mode {
	MODE_OFF = 0,
	MODE_ON = 1,
	MODE_AUTO = 2,
};

struct flags_typedefs {
	u32 lo: 12;
	u32 hi: 20;
	long: 32;
	u64 wide: 40;
	u64 narrow: 3;
	enum mode m: 2;
	enum {
		SMALL_A = 0,
		SMALL_B = 3,
	} anon: 2;
};

struct flags_then_fields {
	unsigned int tag: 4;
	unsigned char byte;
	unsigned int tail: 7;
	long after;
	unsigned short last: 1;
};

struct flags_straddle {
	unsigned char pre;
	unsigned long long across: 60;
	long: 4;
	unsigned int post: 31;
};

union flags_union {
	unsigned int whole;
	unsigned int low: 16;
	struct {
		unsigned int x: 8;
		unsigned int y: 8;
		unsigned int z: 16;
	};
	u64 big: 48;
};

struct flags_all_pad {
	char: 3;
	int named: 3;
};

struct bitfields_root {
	struct flags_basic a;
	struct flags_mixed_base b;
	struct flags_with_gaps c;
	struct flags_typedefs d;
	struct flags_then_fields e;
	struct flags_straddle f;
	union flags_union g;
	struct flags_all_pad h;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
