// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: C namespaces and ___N renaming.
 *
 * C has separate namespaces for tags (struct/union/enum) and for ordinary
 * identifiers (typedef names and enumerators share one): a struct and a
 * typedef of the same name never clash, an enumerator and a typedef do.
 * One translation unit can hold two types of the same name when one is
 * declared in block or prototype scope; BTF then has both and the dumper
 * renames the later ones NAME___2, NAME___3, ...
 *
 * Block-scoped types reach BTF through __builtin_preserve_type_info (as
 * bpf_core_type_size() does), wrapped in uniquely named structs: clang keeps
 * one such relocation per type name.
 */

#define KEEP(T) __builtin_preserve_type_info(*(T *)0, 1 /* size */)

/* same spelling, different namespaces: no renaming */
struct item {
	int item;
	int value;
};
typedef struct item item;

union value {
	long item;
	long value;
};
typedef union value value;

enum kind { kind_a, kind_b };
typedef enum kind kind;

struct empty_tag {};
enum lonely;
typedef int empty_tag;
typedef int lonely;

struct ns_root {
	struct item a;
	item b;
	union value c;
	value d;
	enum kind e;
	kind f;
	struct empty_tag g;
	empty_tag h;
	enum lonely *i;
	lonely j;
};

/* a struct named like a file-scope one, declared in prototype scope */
int proto_scope(struct item { char tag; } *p, enum kind { kind_z = 9 } k)
{
	return 0;
}

int entry(struct ns_root *r)
{
	int n = 0;

	{
		/* block scope: every name here clashes with a file-scope one */
		typedef long item;
		struct item { item twice; };
		union value { short v; };
		enum kind { kind_a = 10, kind_c = 11 };
		typedef enum kind kind;

		struct block1 {
			item a;
			struct item b;
			union value c;
			enum kind d;
			kind e;
		};

		n += KEEP(struct block1);
		{
			/* a third generation */
			struct item {
				int third;
				enum { kind_a = 20 } e;	/* kind_a___3 */
			};
			typedef struct item item;
			struct block2 {
				struct item s;
				item t;
			};

			n += KEEP(struct block2);
		}
	}
	{
		/* an enumerator and a typedef of the same name (ordinary
		 * identifiers): the later one becomes ___2 */
		typedef short kind_b;

		n += KEEP(kind_b);
	}
	return n;
}
