// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: the order of definitions and forward declarations.
 *
 * Embedding (a strong link) needs the full definition first; a pointer (a
 * weak link) needs only a forward declaration.  Typedefs act as both.
 * Cycles through pointers, a struct only ever seen through a pointer, opaque
 * (never defined) structs and unions, typedefs of pointers to records
 * defined later, and records reached through function pointer parameters.
 */

struct opaque;
union opaque_u;
struct leaf;
struct cb_arg;
union cb_val;

typedef struct node node_t;
typedef struct tree *tree_ptr_t;

struct node {
	node_t *next;
	node_t *prev;
	struct tree *owner;
	long key;
};

struct tree {
	struct node root;	/* strong: node first */
	tree_ptr_t parent;	/* weak, through a typedef */
	struct forest *forest;	/* weak: forward declaration only */
	struct opaque *priv;
	union opaque_u *upriv;
};

struct forest {
	struct tree trees[2];
	int (*visit)(struct tree *, struct leaf *);
	struct forest *next;
};

struct leaf {
	int weight;
};

/* a ring: a -> b -> c -> a, all through pointers, embedded into d */
struct ring_a { struct ring_b *b; };
struct ring_b { struct ring_c *c; };
struct ring_c { struct ring_a *a; };
struct ring_d {
	struct ring_c c;
	struct ring_a a;
	struct ring_b b;
};

/* only reachable through a typedef of a function pointer */
typedef void (*callback_t)(struct cb_arg *arg, union cb_val val);
struct cb_arg { int id; };
union cb_val { int i; void *p; };

/* a typedef'd anonymous struct that refers to itself through a named one */
typedef struct {
	struct self_ref *me;
	int depth;
} holder_t;
struct self_ref {
	holder_t h;
};

struct ordering_root {
	struct forest f;
	struct ring_d rings;
	callback_t cb;
	struct self_ref s;
	struct leaf l;
};

int entry(struct ordering_root *r)
{
	return 0;
}
