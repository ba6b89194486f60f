#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

typedef int __attribute__((btf_type_tag("user"))) *user_int_ptr_t;

typedef const char __attribute__((btf_type_tag("user"))) *user_str_t;

struct tagged {
	int __attribute__((btf_type_tag("user"))) *a;
	int __attribute__((btf_type_tag("user"))) __attribute__((btf_type_tag("rcu"))) *b;
	const int __attribute__((btf_type_tag("user"))) *c;
	volatile long __attribute__((btf_type_tag("percpu"))) *d;
	int __attribute__((btf_type_tag("user"))) * __attribute__((btf_type_tag("rcu"))) *e;
	void __attribute__((btf_type_tag("user"))) *f;
	user_int_ptr_t g;
	user_str_t h;
	struct tagged __attribute__((btf_type_tag("rcu"))) *next;
	long (*fn)(char __attribute__((btf_type_tag("user"))) *, unsigned long);
	int x;
};

union tagged_union {
	char __attribute__((btf_type_tag("user"))) *s;
	long v;
};

typedef struct tagged tagged_t;

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
