// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: btf_type_tag and btf_decl_tag.
 *
 * Type tags are printed where they sit in the declarator chain (tags on
 * pointees, several tags, tags mixed with const/volatile, tags behind
 * typedefs and in function pointer parameters); strip_mods keeps them.
 * Declaration tags (DECL_TAG) are not printed by the C dumper at all.
 */

#define __user __attribute__((btf_type_tag("user")))
#define __rcu __attribute__((btf_type_tag("rcu")))
#define __percpu __attribute__((btf_type_tag("percpu")))
#define __dtag(x) __attribute__((btf_decl_tag(x)))

typedef int __user *user_int_ptr_t;
typedef const char __user *user_str_t;

struct tagged {
	int __user *a;
	int __user __rcu *b;
	const int __user *c;
	volatile long __percpu *d;
	int __user *__rcu *e;
	void __user *f;
	user_int_ptr_t g;
	user_str_t h;
	struct tagged __rcu *next;
	long (*fn)(char __user *buf, unsigned long len);
	int x __dtag("field_tag");
} __dtag("struct_tag");

union tagged_union {
	char __user *s;
	long v;
} __dtag("union_tag");

typedef struct tagged tagged_t __dtag("typedef_tag");

int __dtag("func_tag") entry(struct tagged *t, union tagged_union *u, tagged_t *tt,
			     int __user *p __dtag("param_tag"))
{
	return 0;
}
