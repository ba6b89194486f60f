// SPDX-License-Identifier: GPL-2.0
/* Fills array and hash maps with structs, unions, enums, bitfields and
 * arrays, for the live typed-data test (tests/test_data_maps.py): loaded
 * with bpftool prog load, run by bpftool prog run (BPF_PROG_TEST_RUN). */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum colour { RED, GREEN = 5, BLUE = -3 };

struct bits {
	unsigned int a : 3;
	int b : 5;
	enum colour c : 4;
	unsigned long long wide : 40;
};

union num {
	__u32 u;
	__s16 s[2];
	unsigned char raw[4];
};

struct value {
	__u64 id;
	struct bits bits;
	union num num;
	enum colour colour;
	char name[12];
	char blob[4];
	__s32 list[3];
	struct { __u8 x, y; } pt;
	_Bool flag;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct value);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct value);
} hash SEC(".maps");

static __always_inline void put(__u32 k)
{
	{
		struct value v = {};

		v.id = 0x1122334455667788ULL + k;
		v.bits.a = 5 + k;
		v.bits.b = -3 - (int)k;
		v.bits.c = k == 0 ? RED : k == 1 ? GREEN : BLUE;
		v.bits.wide = 0xabcdef0123ULL >> k;
		v.num.u = 0xfffe0001 + k;
		v.colour = k == 2 ? (enum colour)7 : GREEN;
		v.name[0] = 'm'; v.name[1] = 'a'; v.name[2] = 'p'; v.name[3] = '0' + k;
		v.blob[0] = 1; v.blob[1] = 0; v.blob[2] = (char)0xff; v.blob[3] = (char)k;
		v.list[0] = -1; v.list[1] = (int)k; v.list[2] = 1 << 20;
		v.pt.x = 9; v.pt.y = (__u8)(200 + k);
		v.flag = k & 1;
		bpf_map_update_elem(&arr, &k, &v, BPF_ANY);
		bpf_map_update_elem(&hash, &k, &v, BPF_ANY);
	}
}

SEC("syscall")
int fill(void *ctx)
{
	put(0);
	put(1);
	put(2);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
