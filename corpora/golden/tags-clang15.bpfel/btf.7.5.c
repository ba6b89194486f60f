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

typedef int __attribute__((btf_type_tag("user"))) *user_int_ptr;

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long rbp;
	unsigned long rbx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long rax;
	unsigned long rcx;
	unsigned long rdx;
	unsigned long rsi;
	unsigned long rdi;
	unsigned long orig_rax;
	unsigned long rip;
	unsigned long cs;
	unsigned long eflags;
	unsigned long rsp;
	unsigned long ss;
};

struct tagged_node {
	int key;
	char __attribute__((btf_type_tag("user"))) *ubuf;
	int __attribute__((btf_type_tag("user"))) __attribute__((btf_type_tag("rcu"))) *stacked;
	const int __attribute__((btf_type_tag("user"))) * volatile cv_user;
	struct tagged_node __attribute__((btf_type_tag("rcu"))) *next;
	unsigned long __attribute__((btf_type_tag("percpu"))) *pcpu;
	void __attribute__((btf_type_tag("user"))) * __attribute__((btf_type_tag("user"))) *uu;
	unsigned int flags: 4;
	unsigned int spare: 28;
};

typedef struct tagged_node tagged_node_t;

union tagged_union {
	long as_long;
	void __attribute__((btf_type_tag("user"))) *as_ptr;
};


/* BPF kfuncs */
#ifndef BPF_NO_KFUNC_PROTOTYPES
#endif

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
