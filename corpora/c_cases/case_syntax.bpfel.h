#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

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
		EMB_TWO = 2,
	} inline_enum;
	struct {
		void (*cb)(struct embeds *, int);
		const struct embeds *back;
	} callbacks[2];
	int after;
};

typedef void (*void_fn_t)(void);

typedef int (*int_fn_t)(int, char *);

typedef long (*vararg_fn_t)(const char *, ...);

typedef int fn_type_t(long);

typedef fn_type_t *fn_type_ptr_t;

typedef fn_type_t *fn_type_arr_t[3];

typedef int (* (*ret_fn_t)(short))(long);

typedef char (* (*ret_arr_t)(void))[4];

typedef void (* (*fn_table_t[2])(int))(char);

typedef void (*deep_fn_t)(int (* (*)(void))(int), void (*)(void));

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
	int (*k)(void);
	void * (*l)(void *, unsigned long);
	struct embeds * (*m)(const struct embeds *);
	struct {
		int q;
	} (*n)(union {
		int r;
	} *);
	void (*o[2])(int);
};

typedef const int c_int;

typedef volatile int v_int;

typedef volatile const int cv_int;

typedef int * const cptr;

typedef int * volatile vptr;

typedef int * restrict rptr;

typedef const char * volatile const * restrict mix_ptr;

typedef const int * const * const *triple_const;

typedef volatile void * restrict const vvoid_cr;

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
	volatile const long * volatile const j;
	volatile const char * restrict const k;
	const void *l;
	void * const m;
	const int arr[3];
};

typedef struct {
	int x;
	char y;
} anon_struct_t;

typedef union {
	int i;
	float f;
} anon_union_t;

typedef enum {
	ANON_RED = 0,
	ANON_BLUE = 7,
} anon_enum_t;

typedef anon_struct_t *anon_struct_ptr_t;

typedef struct {
	long a;
} *ptr_to_anon_t;

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

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
