#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#endif

struct node;

typedef struct node node_t;

struct tree;

struct node {
	node_t *next;
	node_t *prev;
	struct tree *owner;
	long key;
};

typedef struct tree *tree_ptr_t;

struct opaque;

union opaque_u;

struct forest;

struct tree {
	struct node root;
	tree_ptr_t parent;
	struct forest *forest;
	struct opaque *priv;
	union opaque_u *upriv;
};

struct leaf;

struct forest {
	struct tree trees[2];
	int (*visit)(struct tree *, struct leaf *);
	struct forest *next;
};

struct ring_a;

struct ring_c {
	struct ring_a *a;
};

struct ring_b;

struct ring_a {
	struct ring_b *b;
};

struct ring_b {
	struct ring_c *c;
};

struct ring_d {
	struct ring_c c;
	struct ring_a a;
	struct ring_b b;
};

struct cb_arg;

union cb_val;

typedef void (*callback_t)(struct cb_arg *, union cb_val);

struct self_ref;

typedef struct {
	struct self_ref *me;
	int depth;
} holder_t;

struct self_ref {
	holder_t h;
};

struct leaf {
	int weight;
};

struct ordering_root {
	struct forest f;
	struct ring_d rings;
	callback_t cb;
	struct self_ref s;
	struct leaf l;
};

union cb_val {
	int i;
	void *p;
};

struct cb_arg {
	int id;
};

#ifndef BPF_NO_PRESERVE_ACCESS_INDEX
#pragma clang attribute pop
#endif

#endif /* __VMLINUX_H__ */
