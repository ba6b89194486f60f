#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct item {
	char tag;
};

enum kind {
	kind_z = 9,
};

struct item___2 {
	int item;
	int value;
};

typedef struct item___2 item;

union value {
	long item;
	long value;
};

typedef union value value;

enum kind___2 {
	kind_a = 0,
	kind_b = 1,
};

typedef enum kind___2 kind;

struct empty_tag {};

typedef int empty_tag;

enum lonely;

typedef int lonely;

struct ns_root {
	struct item___2 a;
	item b;
	union value c;
	value d;
	enum kind___2 e;
	kind f;
	struct empty_tag g;
	empty_tag h;
	enum lonely *i;
	lonely j;
};

typedef long item___2;

struct item___3 {
	item___2 twice;
};

union value___2 {
	short v;
};

enum kind___3 {
	kind_a___2 = 10,
	kind_c = 11,
};

typedef enum kind___3 kind___2;

struct block1 {
	item___2 a;
	struct item___3 b;
	union value___2 c;
	enum kind___3 d;
	kind___2 e;
};

struct item___4 {
	int third;
	enum {
		kind_a___3 = 20,
	} e;
};

typedef struct item___4 item___3;

struct block2 {
	struct item___4 s;
	item___3 t;
};

typedef short kind_b___2;

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
