// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: declarator syntax.
 *
 * Function pointers (with and without parameters, variadic), arrays of
 * them, functions returning function pointers and pointers to arrays,
 * function types (not pointers) behind typedefs, every order of
 * const/volatile/restrict around pointers, anonymous structs, unions and
 * enums embedded in records, inline in parameters, and behind typedefs.
 */

typedef void (*void_fn_t)(void);
typedef int (*int_fn_t)(int, char *);
typedef long (*vararg_fn_t)(const char *, ...);
typedef int fn_type_t(long);			/* a function type, no pointer */
typedef fn_type_t *fn_type_ptr_t;
typedef fn_type_t *fn_type_arr_t[3];

/* a function returning a pointer to a function returning int */
typedef int (*(*ret_fn_t)(short))(long);
/* a function returning a pointer to an array of 4 chars */
typedef char (*(*ret_arr_t)(void))[4];
/* an array of pointers to functions returning pointers to functions */
typedef void (*(*fn_table_t[2])(int))(char);
/* a function taking a function that returns a function */
typedef void (*deep_fn_t)(int (*(*)(void))(int), void (*)(void));

typedef const int c_int;
typedef volatile int v_int;
typedef const volatile int cv_int;
typedef int *const cptr;
typedef int *volatile vptr;
typedef int *restrict rptr;
typedef const char *const volatile *restrict mix_ptr;
typedef const int *const *const *triple_const;
typedef volatile void *const restrict vvoid_cr;

typedef struct {
	int x;
	char y;
} anon_struct_t;

typedef union {
	int i;
	float f;
} anon_union_t;

typedef enum {
	ANON_RED,
	ANON_BLUE = 7,
} anon_enum_t;

typedef anon_struct_t *anon_struct_ptr_t;
typedef struct {
	long a;
} *ptr_to_anon_t;

struct embeds {
	int before;
	struct {
		int a;
		union {
			char b;
			short c;
		};
		struct {
			long d;
		} named_inner;
	};
	union {
		struct {
			int e;
			int f;
		} pair;
		long g;
	};
	enum {
		EMB_ONE = 1,
		EMB_TWO,
	} inline_enum;
	struct {
		void (*cb)(struct embeds *, int);
		const struct embeds *back;
	} callbacks[2];
	int after;
};

struct fn_members {
	void_fn_t a;
	int_fn_t b;
	vararg_fn_t c;
	fn_type_ptr_t d;
	fn_type_arr_t e;
	ret_fn_t f;
	ret_arr_t g;
	fn_table_t h;
	deep_fn_t i;
	void (*j)(void);
	int (*k)();
	void *(*l)(void *, unsigned long);
	struct embeds *(*m)(const struct embeds *);
	struct {
		int q;
	} (*n)(union { int r; } *);
	void (*o[2])(int);
};

struct mod_members {
	c_int a;
	v_int b;
	cv_int c;
	cptr d;
	vptr e;
	rptr f;
	mix_ptr g;
	triple_const h;
	vvoid_cr i;
	const volatile long *const volatile j;
	volatile const char *restrict const k;
	const void *l;
	void *const m;
	const int arr[3];
};

struct syntax_root {
	struct embeds a;
	struct fn_members b;
	struct mod_members c;
	anon_struct_t d;
	anon_union_t e;
	anon_enum_t f;
	anon_struct_ptr_t g;
	ptr_to_anon_t h;
};

int entry(struct syntax_root *r, void (*notify)(int, ...), const char *restrict name)
{
	return 0;
}

/* parameters declare anonymous records inline */
long entry2(struct { int a; long b; } *s, union { char c[8]; long l; } *u)
{
	return 0;
}
