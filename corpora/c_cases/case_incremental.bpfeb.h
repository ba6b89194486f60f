#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct point {
	int x;
	int y;
};

enum color {
	RED = 0,
	GREEN = 1,
};

typedef unsigned int u32_t;

struct holder {
	struct point p;
	enum color c;
	u32_t n;
	struct holder *self;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
