#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

typedef unsigned __int128 u128;

typedef __int128 s128;

typedef unsigned char u8;

typedef signed char s8;

struct scalars {
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int ui;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	_Bool b;
	long: 64;
	__int128 i128;
	unsigned __int128 u128v;
	u128 t128;
	s128 ts128;
	u8 t8;
	s8 ts8;
	float f;
	double d;
	long double ld;
	float fa[2];
	double *dp;
	long: 64;
};

enum small_signed {
	SS_MINUS = 4294967291,
	SS_ZERO = 0,
	SS_PLUS = 5,
};

enum big_unsigned {
	BU_MAX = 4294967295,
	BU_HALF = 2147483648,
};

enum wide {
	W_BIG = 878082202,
	W_NEG = 4294967294,
	W_ONE = 1,
};

enum wide_unsigned {
	WU_TOP = 1985229328,
	WU_ONE = 1,
};

enum int_min {
	IM_MIN = 2147483648,
	IM_MAX = 2147483647,
};

enum fwd_enum;

typedef enum {
	TE_A = 3,
	TE_B = 4294967293,
} typed_enum_t;

struct enums {
	enum small_signed a;
	enum big_unsigned b;
	enum wide c;
	enum wide_unsigned d;
	enum int_min e;
	enum fwd_enum *f;
	typed_enum_t g;
	enum {
		INLINE_X = 4294967295,
		INLINE_Y = 2147483647,
	} h;
	enum {
		INLINE_BIG = 0,
	} i;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
