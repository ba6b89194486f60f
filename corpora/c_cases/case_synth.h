#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

enum sgn {
	SGN_NEG = -1,
	SGN_MIN = -2147483648,
	SGN_POS = 5,
};

enum tiny {
	TINY_A = 1,
	TINY_B = 255,
};

enum half {
	HALF_A = 65535,
};

enum e64u {
	E64U_MAX = 18446744073709551615ULL,
	E64U_BIG = 81985529216486895ULL,
};

enum e64s {
	E64S_NEG = -1LL,
	E64S_MIN = -9223372036854775808LL,
	E64S_ONE = 1LL,
};

enum {
	TINY_A___2 = 1099511627776ULL,
};

enum {
	SGN_POS___2 = 7,
	int_t = 8,
};

enum efwd;

union ufwd;

struct sfwd;

typedef int int_t___2;

typedef int (*fn0_t)(void);

typedef int (*fn1_t)(void);

typedef void (*fnv_t)(char *fmt);

typedef int (*noreturn_fn_t)(void);

typedef __builtin_va_list __gnuc_va_list;

struct dup {
	int a;
};

struct dup___2 {
	long b;
};

struct dup___2 {
	char c;
};

typedef struct dup___2 dup;

union dup___3 {};

typedef intconst  __attribute__((btf_type_tag("b"))) __attribute__((btf_type_tag("a"))) *tagged_t;

typedef void * restrict rvoid_t;

typedef enum tiny carr_t[3];

typedef char huge_t[4294967295];

struct synth_root {
	struct dup d1;
	struct dup___2 d2;
	int_t___2 t;
	unsigned int bf1: 3;
	enum tiny bf2: 2;
	long: 27;
	long unsigned int bf3: 33;
	intconst  __attribute__((btf_type_tag("b"))) __attribute__((btf_type_tag("a"))) *tp;
	enum e64u e64;
	enum efwd *ef;
	union ufwd *uf;
	struct sfwd *sf;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
