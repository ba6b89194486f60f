#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

#ifndef __ksym
#define __ksym __attribute__((section(".ksyms")))
#endif

#ifndef __weak
#define __weak __attribute__((weak))
#endif

#ifndef __bpf_fastcall
#if __has_attribute(bpf_fastcall)
#define __bpf_fastcall __attribute__((bpf_fastcall))
#else
#define __bpf_fastcall
#endif
#endif

typedef unsigned int __u32;

struct bpf_flow_keys;

typedef unsigned long long __u64;

struct bpf_sock;

typedef unsigned char __u8;

struct __sk_buff {
	__u32 len;
	__u32 pkt_type;
	__u32 mark;
	__u32 queue_mapping;
	__u32 protocol;
	__u32 vlan_present;
	__u32 vlan_tci;
	__u32 vlan_proto;
	__u32 priority;
	__u32 ingress_ifindex;
	__u32 ifindex;
	__u32 tc_index;
	__u32 cb[5];
	__u32 hash;
	__u32 tc_classid;
	__u32 data;
	__u32 data_end;
	__u32 napi_id;
	__u32 family;
	__u32 remote_ip4;
	__u32 local_ip4;
	__u32 remote_ip6[4];
	__u32 local_ip6[4];
	__u32 remote_port;
	__u32 local_port;
	__u32 data_meta;
	union {
		struct bpf_flow_keys *flow_keys;
	};
	__u64 tstamp;
	__u32 wire_len;
	__u32 gso_segs;
	union {
		struct bpf_sock *sk;
	};
	__u32 gso_size;
	__u8 tstamp_type;
	__u64 hwtstamp;
};

enum u64_enum {
	BIG_ONE = 1ULL,
	BIG_HIGH = 4294967296ULL,
	BIG_MAX = 18446744073709551615ULL,
};

enum s64_enum {
	SBIG_MIN = -9223372036854775808LL,
	SBIG_NEG = -5LL,
	SBIG_HIGH = 9223372032559808512LL,
};

enum s32_enum {
	S_MIN = -2147483648,
	S_NEG = -1,
	S_ZERO = 0,
	S_MAX = 2147483647,
};

enum u32_enum {
	U_ZERO = 0,
	U_ONE = 1,
	U_MAX = 4294967295,
};

enum u8_enum {
	P_A = 1,
	P_B = 200,
} __attribute__((mode(byte)));

enum s16_enum {
	PS_NEG = -300,
	PS_POS = 300,
};

enum dup_values {
	DUP_A = 7,
	DUP_B = 7,
	DUP_C = 8,
};

enum empty_ish {
	ONLY_ONE = 0,
};

typedef enum {
	TD_A = 0,
	TD_B = 1,
} td_enum_t;

typedef enum u64_enum u64_enum_t;

enum fwd_enum;

struct enum_holder {
	enum u32_enum u;
	enum s32_enum s;
	enum u8_enum p8;
	enum s16_enum p16;
	enum u64_enum b;
	enum s64_enum sb;
	enum dup_values d;
	enum empty_ish e;
	td_enum_t td;
	u64_enum_t tdb;
	enum fwd_enum *fwd_ptr;
	enum u8_enum bits: 4;
};


/* BPF kfuncs */
#ifndef BPF_NO_KFUNC_PROTOTYPES
#endif

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
