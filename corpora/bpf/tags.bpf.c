// SPDX-License-Identifier: MIT
/*
 * tags.bpf.c - DECL_TAG and TYPE_TAG records: decl tags on structs,
 * unions, typedefs, members, functions, parameters and variables (one and
 * several per entity), type tags on pointers (alone, stacked, mixed with
 * const/volatile), in kprobe and fentry-style programs using bpf_tracing.h.
 *
 * Part of the btfkit corpus: build with corpora/build.py, never by hand.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __user __attribute__((btf_type_tag("user")))
#define __rcu __attribute__((btf_type_tag("rcu")))
#define __percpu __attribute__((btf_type_tag("percpu")))

struct tagged_node {
	int key __tag("key") __tag("immutable");
	char __user *ubuf __tag("user-buffer");
	int __user __rcu *stacked;		/* two type tags in a row */
	const int __user *volatile cv_user;	/* tag under modifiers */
	struct tagged_node __rcu *next;
	unsigned long __percpu *pcpu;
	void __user *__user *uu;		/* tags at two pointer levels */
	unsigned int flags : 4 __tag("bitfield");
	unsigned int spare : 28;
} __tag("struct-tag") __tag("second-struct-tag");

union __tag("union-tag") tagged_union {
	long as_long __tag("as-long");
	void __user *as_ptr;
};

typedef struct tagged_node tagged_node_t __tag("typedef-tag");
typedef int __user *user_int_ptr;

tagged_node_t node_var __tag("var-tag") __tag("var-tag-2");
union tagged_union union_var;
user_int_ptr user_ptr_var;
int plain_counter __tag("counter");
static int static_tagged __tag("static-var-tag") = 1;

/* a global sub-program with tags on itself and on its parameters */
__noinline __tag("func-tag") int
tagged_func(struct tagged_node *n __tag("param-n"),
	    const char __user *u __tag("param-u") __tag("param-u-2"),
	    int len __tag("param-len"))
{
	if (!n || !u)
		return 0;
	return n->key + len + static_tagged;
}

static __noinline __tag("static-func-tag") long
static_tagged_func(union tagged_union *un __tag("param-un"))
{
	return un ? un->as_long : -1;
}

SEC("kprobe/do_sys_openat2")
int BPF_KPROBE(kprobe_openat2, int dfd, const char __user *filename)
{
	node_var.key = dfd;
	node_var.flags = 3;
	plain_counter++;
	static_tagged++;
	return tagged_func(&node_var, filename, 16) + static_tagged_func(&union_var);
}

SEC("kretprobe/do_sys_openat2")
int BPF_KRETPROBE(kretprobe_openat2, long ret)
{
	union_var.as_long = ret;
	return 0;
}

SEC("uprobe")
int BPF_KPROBE(uprobe_any, void *arg0)
{
	user_ptr_var = arg0;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
