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

typedef enum {
	ANON_A = 10,
	ANON_B = 20,
} anon_enum_t;

enum color {
	RED = 0,
	GREEN = 5,
	BLUE = 6,
};

enum sign {
	MINUS_ONE = 4294967295,
	ZERO = 0,
	BIG_NEG = 2147483648,
};

enum tiny {
	TINY_A = 1,
	TINY_B = 255,
} __attribute__((mode(byte)));

typedef const char const_name_t[16];

typedef char * restrict const const_restrict_ptr;

typedef int (*array_ptr_t)[9];

typedef const int * volatile const * restrict cv_chain;

typedef volatile const int cv_int;

typedef int matrix_t[3][4][5];

typedef const int *ptr_array_t[7];

typedef const cv_int * volatile const ptr_to_typedef_cv;

typedef int * restrict restrict_ptr;

typedef volatile const int vc_int;

struct aligned16 {
	char c;
	long: 64;
};

struct bits {
	unsigned int a: 1;
	unsigned int b: 3;
	int c: 5;
	long: 55;
	unsigned long long wide: 40;
	unsigned char flag: 1;
	char: 4;
	long long neg: 17;
	enum {
		BIT_OFF = 0,
		BIT_ON = 1,
	} e: 2;
};

struct empty_struct {};

union empty_union {};

struct floats {
	float f;
	double d;
	long double ld;
};

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
	long: 64;
	__int128 i128;
	unsigned __int128 u128;
};

struct list_node {
	struct list_node *next;
	struct list_node **pprev;
};

union number {
	int i;
	float f;
	unsigned char bytes[8];
	struct {
		unsigned short lo;
		unsigned short hi;
	};
};

struct packed_bits {
	unsigned char x: 3;
	unsigned short y: 11;
	unsigned int z: 30;
	char tail;
} __attribute__((packed));

struct never_defined;

typedef struct never_defined opaque_t;

union never_defined_u;

typedef int (*binop_t)(int, int);

typedef void (*varargs_fn)(const char *, ...);

typedef int (* (*fn_returning_fn)(long))(char);

typedef void (*fnptr_array_t[2])(void);

typedef binop_t (* const const_fn_getter)(const char * restrict);

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
	volatile const int cv_arr[2];
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
	} anon_union;
	struct {
		int inner_a;
		union {
			long inner_l;
			void *inner_p;
		};
	};
	void *vp;
	const void *cvp;
	void (*cb)(struct zoo *);
	int empty[0];
	char flex[0];
	long: 64;
};

typedef struct zoo zoo_t;

typedef zoo_t zoo_alias_t;


/* BPF kfuncs */
#ifndef BPF_NO_KFUNC_PROTOTYPES
#endif

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
