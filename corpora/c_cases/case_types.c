// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: base types and enums.
 *
 * Integers of every width and signedness (char's is its own), _Bool,
 * __int128, float/double/long double, and enums with negative, large
 * unsigned and (from clang 15) 64-bit values; named, typedef'd, anonymous,
 * and forward-declared enums.  clang 14 writes neither ENUM64 nor the
 * signedness flag: the clang-15 build of this file covers those.
 */

typedef unsigned __int128 u128;
typedef __int128 s128;
typedef unsigned char u8;
typedef signed char s8;

enum small_signed { SS_MINUS = -5, SS_ZERO = 0, SS_PLUS = 5 };
enum big_unsigned { BU_MAX = 0xffffffffU, BU_HALF = 0x80000000U };
enum wide { W_BIG = 0x123456789aLL, W_NEG = -2, W_ONE = 1 };
enum wide_unsigned { WU_TOP = 0xfedcba9876543210ULL, WU_ONE = 1 };
enum int_min { IM_MIN = -2147483647 - 1, IM_MAX = 2147483647 };
enum fwd_enum;
typedef enum { TE_A = 3, TE_B = -3 } typed_enum_t;

enum { GLOBAL_CONST_A = 100, GLOBAL_CONST_B = 200 } global_anon_var;

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
};

struct enums {
	enum small_signed a;
	enum big_unsigned b;
	enum wide c;
	enum wide_unsigned d;
	enum int_min e;
	enum fwd_enum *f;
	typed_enum_t g;
	enum { INLINE_X = -1, INLINE_Y = 0x7fffffff } h;
	enum { INLINE_BIG = 0x100000000ULL } i;
};

int entry(struct scalars *s, struct enums *e)
{
	return global_anon_var;
}
