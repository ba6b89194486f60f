#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct packed_misaligned {
	char c;
	int i;
	short s;
} __attribute__((packed));

struct packed_but_aligned {
	int a;
	int b;
};

struct packed_odd_size {
	long l;
	char tail;
} __attribute__((packed));

struct packed_aligned2 {
	char c;
	long l;
	short: 0;
} __attribute__((packed));

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
};

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
} __attribute__((packed));

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
