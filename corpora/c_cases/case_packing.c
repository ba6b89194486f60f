// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: when the dumper adds __attribute__((packed)).
 *
 * BTF has no packed flag: the dumper infers it from a member offset that is
 * not aligned for its type, or from a size that is not a multiple of the
 * alignment.  Unions are never printed packed.  Packed records nested inside
 * unpacked ones, and packed records that happen to need no attribute.
 */

struct packed_misaligned {
	char c;
	int i;
	short s;
} __attribute__((packed));

struct packed_but_aligned {
	int a;
	int b;
} __attribute__((packed));

struct packed_odd_size {
	long l;
	char tail;
} __attribute__((packed));

struct packed_aligned2 {
	char c;
	long l;
} __attribute__((packed, aligned(2)));

struct unpacked_outer {
	char c;
	struct {
		char x;
		long y;
	} __attribute__((packed)) inner;
	short after;
};

struct packed_outer_bitfields {
	unsigned char flag: 1;
	unsigned int val: 20;
	long long big;
	struct packed_misaligned pm;
} __attribute__((packed));

union packed_union {
	struct packed_misaligned pm;
	char raw[7];
} __attribute__((packed));

union union_of_packed {
	struct {
		char op;
		unsigned int arg;
	} __attribute__((packed));
	unsigned char bytes[5];
};

struct array_of_packed {
	struct packed_odd_size arr[3];
	char end;
};

struct packing_root {
	struct packed_misaligned a;
	struct packed_but_aligned b;
	struct packed_odd_size c;
	struct packed_aligned2 d;
	struct unpacked_outer e;
	struct packed_outer_bitfields f;
	union packed_union g;
	union union_of_packed h;
	struct array_of_packed i;
};

int entry(struct packing_root *r)
{
	return 0;
}
