// SPDX-License-Identifier: MIT
/*
 * kinds.bpf.c - a zoo of C types, so the object's BTF holds INT, FLOAT,
 * PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT,
 * FUNC, FUNC_PROTO, VAR and DATASEC records, with bitfields, nested and
 * anonymous aggregates, flexible arrays, odd modifier orders, function
 * pointers and arrays of const.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* ---- integers and floats ------------------------------------------------ */
struct ints {
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
	unsigned __int128 u128;
};

struct floats {
	float f;
	double d;
	long double ld;
};

/* ---- bitfields ---------------------------------------------------------- */
struct bits {
	unsigned int a : 1;
	unsigned int b : 3;
	int c : 5;		/* signed bitfield */
	unsigned int : 0;	/* zero-width: forces alignment, no member */
	unsigned long long wide : 40;
	unsigned char flag : 1;
	unsigned int : 4;	/* anonymous padding bitfield */
	long long neg : 17;
	enum { BIT_OFF, BIT_ON } e : 2;	/* enum bitfield */
};

/* a packed struct with bitfields straddling byte boundaries */
struct __attribute__((packed)) packed_bits {
	unsigned char x : 3;
	unsigned short y : 11;
	unsigned int z : 30;
	char tail;
};

/* ---- enums -------------------------------------------------------------- */
enum color { RED, GREEN = 5, BLUE };
enum sign { MINUS_ONE = -1, ZERO = 0, BIG_NEG = -2147483647 - 1 };
enum __attribute__((packed)) tiny { TINY_A = 1, TINY_B = 255 };
typedef enum { ANON_A = 10, ANON_B = 20 } anon_enum_t;

/* ---- forward declarations (FWD) ----------------------------------------- */
struct never_defined;
union never_defined_u;
typedef struct never_defined opaque_t;

/* ---- modifiers in odd orders -------------------------------------------- */
typedef const volatile int cv_int;
typedef volatile const int vc_int;
typedef int *restrict restrict_ptr;
typedef const int *volatile const *restrict cv_chain;
typedef char *const restrict const_restrict_ptr;
typedef const cv_int *const volatile ptr_to_typedef_cv;

/* ---- arrays ------------------------------------------------------------- */
typedef const char const_name_t[16];
typedef int matrix_t[3][4][5];
typedef const int *ptr_array_t[7];
typedef int (*array_ptr_t)[9];

/* ---- function pointers -------------------------------------------------- */
typedef int (*binop_t)(int, int);
typedef void (*varargs_fn)(const char *fmt, ...);
typedef int (*(*fn_returning_fn)(long))(char);
typedef void (*fnptr_array_t[2])(void);
typedef binop_t (*const const_fn_getter)(const char *restrict name);

/* ---- aggregates --------------------------------------------------------- */
struct list_node {
	struct list_node *next, **pprev;	/* self-referential */
};

union number {
	int i;
	float f;
	unsigned char bytes[8];
	struct {
		unsigned short lo, hi;
	};			/* anonymous struct member */
};

struct zoo {
	struct ints ints;
	struct floats floats;
	struct bits bits;
	struct packed_bits pb;
	enum color color;
	enum sign sign;
	enum tiny tiny;
	anon_enum_t anon_enum;
	opaque_t *opaque;
	union never_defined_u *opaque_u;
	cv_int cvi;
	vc_int vci;
	restrict_ptr rp;
	cv_chain chain;
	const_restrict_ptr crp;
	ptr_to_typedef_cv ptcv;
	const_name_t name;
	matrix_t m;
	ptr_array_t pa;
	array_ptr_t ap;
	const volatile int cv_arr[2];
	binop_t op;
	varargs_fn log;
	fn_returning_fn frf;
	fnptr_array_t fns;
	const_fn_getter getter;
	struct list_node node;
	union number num;
	union {
		int as_int;
		struct {
			short s1;
			short s2;
		} as_shorts;
	} anon_union;		/* named member of anonymous union type */
	struct {
		int inner_a;
		union {
			long inner_l;
			void *inner_p;
		};
	};			/* anonymous struct with anonymous union */
	void *vp;
	const void *cvp;
	void (*cb)(struct zoo *self);	/* pointer to fn taking our own type */
	int empty[0];
	char flex[];		/* flexible array member */
};

struct __attribute__((aligned(16))) aligned16 {
	char c;
};

struct empty_struct {};
union empty_union {};

typedef struct zoo zoo_t;
typedef zoo_t zoo_alias_t;	/* typedef of typedef */

/* ---- globals: .data, .bss, .rodata ---------------------------------------- */
zoo_alias_t zoo_bss;
struct aligned16 aligned_bss;
struct empty_struct empty_bss;
union empty_union empty_u_bss;
int counters[4] = { 1, 2, 3, 4 };
const volatile int limits[3] = { 10, 20, 30 };
const volatile char banner[] = "btfkit";
const volatile binop_t const_fn_table[2];
union number num_data = { .i = 42 };
struct { int a; char b; } anon_var = { 1, 'x' };
struct { long x, y; } anon_var_bss;
volatile unsigned long long ull_data = 7;
float ratio = 1.5f;
double precise = 2.25;

/* static globals are in the BTF and in the datasec, but not in skeletons */
static int static_counter = 3;
static volatile struct bits static_bits;

/* ---- functions ----------------------------------------------------------- */
static __noinline int add(int a, int b)
{
	return a + b + static_counter;
}

static __noinline long sum_matrix(const matrix_t *m, unsigned int n)
{
	long s = 0;

	for (unsigned int i = 0; i < 3 && i < n; i++)
		s += (*m)[i][0][0];
	return s;
}

__noinline int global_helper(struct zoo *z, const volatile char *restrict s)
{
	if (!z || !s)
		return 0;
	return z->bits.c + s[0];
}

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_openat(void *ctx)
{
	struct zoo *z = &zoo_bss;

	z->op = add;
	z->bits.a = 1;
	z->bits.wide = 123;
	z->bits.e = BIT_ON;
	z->color = BLUE;
	z->sign = MINUS_ONE;
	z->tiny = TINY_B;
	z->anon_enum = ANON_B;
	z->num = num_data;
	counters[0] = add(counters[1], limits[0]);
	anon_var.a += anon_var_bss.x;
	static_bits.b = 2;
	ull_data += *(volatile unsigned int *)&ratio + *(volatile unsigned long *)&precise;
	aligned_bss.c = banner[0];
	return (int)sum_matrix(&z->m, counters[2]) + global_helper(z, banner);
}

char LICENSE[] SEC("license") = "GPL";
