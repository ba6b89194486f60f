// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: padding.
 *
 * Natural padding stays implicit; padding that natural alignment would not
 * produce (aligned attributes, over-aligned members, explicit unnamed
 * bitfields) is written out as unnamed bitfields of long/int/short/char.
 * Tail padding, padding in unions, and gaps of many bytes.
 */

struct natural {
	char c;
	long l;
	short s;
	int i;
	char tail;
};

struct aligned_member {
	char c;
	int i __attribute__((aligned(16)));
	char d;
};

struct big_gap {
	int a;
	long b __attribute__((aligned(64)));
	char c __attribute__((aligned(128)));
};

struct explicit_unnamed {
	char a;
	int: 12;
	char b;
	long: 64;
	short c;
};

struct aligned_struct {
	int x;
} __attribute__((aligned(32)));

struct contains_aligned {
	char c;
	struct aligned_struct s;
	char d;
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
	long l __attribute__((aligned(16)));
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
	struct big_gap c;
	struct explicit_unnamed d;
	struct contains_aligned e;
	struct tail_only f;
	struct pad_before_array g;
	union padded_union h;
	struct odd_sizes i;
};

int entry(struct padding_root *r)
{
	return 0;
}
