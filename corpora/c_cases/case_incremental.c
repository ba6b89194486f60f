// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: incremental dumping.
 *
 * The base for emit_decl's "incremental" mode (corpora/harness/emit_decl.c,
 * add_types()): one dumper dumps these types, then types whose names clash
 * with them are added to the same BTF and dumped again.  The added types
 * need: int, struct point, struct holder, enum color (with RED, GREEN) and
 * typedef u32_t.  There is no anonymous enum here on purpose.
 */

typedef unsigned int u32_t;

enum color { RED, GREEN };

struct point {
	int x;
	int y;
};

struct holder {
	struct point p;
	enum color c;
	u32_t n;
	struct holder *self;
};

int entry(struct holder *h)
{
	return 0;
}
