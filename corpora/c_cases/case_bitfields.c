// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: bitfields.
 *
 * How the dumper rebuilds bitfield layout from BTF member offsets: mixed
 * base types, unnamed padding bitfields, zero-width flushes, bitfields of
 * typedef'd and enum types, 64-bit bitfields, bitfields next to ordinary
 * members, in unions, and at the end of a struct (tail padding).
 */

typedef unsigned int u32;
typedef unsigned long long u64;

enum mode { MODE_OFF, MODE_ON, MODE_AUTO };

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
	int: 5;		/* unnamed: not in BTF, the dumper pads it back */
	int b: 3;
	int: 0;		/* flush to the next int */
	int c: 4;
	long: 0;	/* flush to the next long */
	short d: 2;
};

struct flags_typedefs {
	u32 lo: 12;
	u32 hi: 20;
	u64 wide: 40;
	u64 narrow: 3;
	enum mode m: 2;
	enum { SMALL_A, SMALL_B = 3 } anon: 2;
};

struct flags_then_fields {
	unsigned int tag: 4;
	unsigned char byte;	/* shares the storage unit of tag */
	unsigned int tail: 7;
	long after;
	unsigned short last: 1;	/* tail padding after this */
};

struct flags_straddle {
	unsigned char pre;
	unsigned long long across: 60;	/* 4 bits of it do not fit the first long */
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
	long: 3;
	int named: 3;
	char: 8;
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

int entry(struct bitfields_root *r)
{
	return 0;
}
