// SPDX-License-Identifier: MIT
/*
 * enums.bpf.c - enumerations: unsigned and signed 32-bit enums, packed
 * (1- and 2-byte) enums, enums with 64-bit values (ENUM64 when built with
 * clang >= 15; clang 14 truncates them into an 8-byte ENUM), anonymous
 * enums, enumerator names that clash across enums in C's single namespace,
 * duplicate values, enum typedefs and enum forward declarations.
 *
 * build.py compiles this file twice: with clang 14 (enums.*) and with
 * clang 15 (enums-clang15.*), which is where ENUM64 and the signed-enum
 * kind flag come from.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum u32_enum { U_ZERO, U_ONE, U_MAX = 0xffffffffu };
enum s32_enum { S_MIN = -2147483647 - 1, S_NEG = -1, S_ZERO = 0, S_MAX = 2147483647 };
enum __attribute__((packed)) u8_enum { P_A = 1, P_B = 200 };
enum __attribute__((packed)) s16_enum { PS_NEG = -300, PS_POS = 300 };
enum u64_enum { BIG_ONE = 1, BIG_HIGH = 0x100000000ull, BIG_MAX = 0xffffffffffffffffull };
enum s64_enum { SBIG_MIN = -9223372036854775807ll - 1, SBIG_NEG = -5, SBIG_HIGH = 0x7fffffff00000000ll };
enum dup_values { DUP_A = 7, DUP_B = 7, DUP_C = DUP_A + 1 };
enum empty_ish { ONLY_ONE };
enum { ANON_X = 100, ANON_Y };		/* anonymous, used through a variable */
typedef enum { TD_A, TD_B } td_enum_t;
typedef enum u64_enum u64_enum_t;
enum fwd_enum;				/* forward declaration only */

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
	enum u8_enum bits : 4;
};

struct enum_holder holder;
enum u64_enum big_var = BIG_MAX;
enum s64_enum sbig_var = SBIG_NEG;
typeof(ANON_X) anon_enum_var = ANON_Y;
const volatile enum s32_enum ro_enum = S_NEG;

SEC("socket")
int enum_prog(struct __sk_buff *skb)
{
	holder.u = U_MAX;
	holder.s = S_MIN;
	holder.p8 = P_B;
	holder.p16 = PS_NEG;
	holder.b = BIG_HIGH;
	holder.sb = SBIG_MIN;
	holder.d = DUP_C;
	holder.td = TD_B;
	holder.bits = P_A;
	return (int)(big_var + sbig_var + anon_enum_var + ro_enum);
}

char LICENSE[] SEC("license") = "GPL";
