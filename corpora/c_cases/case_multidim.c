// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btfkit C-printer case: arrays of every shape.
 *
 * Multi-dimensional arrays (no parentheses between dimensions), arrays of
 * pointers vs pointers to arrays (parentheses), typedef'd rows inside arrays,
 * arrays of function pointers, zero-length and flexible arrays, arrays of
 * anonymous records, and const/volatile elements (array-level modifiers are
 * dropped by the dumper).
 */

typedef int row_t[4];
typedef row_t grid_t[3];
typedef char name_t[16];
typedef long cube_t[2][3][4];
typedef int *ptr_row_t[5];
typedef int (*row_ptr_t)[7];
typedef int (*(*ptr_to_arr_of_ptr_to_arr_t)[2])[3];
typedef void (*handlers_t[8])(int, long);
typedef int (*(*table_t[2][3])(void))[4];
typedef const volatile short cv_row_t[6];

struct with_flex {
	int len;
	char data[];
};

struct with_zero {
	long hdr;
	int none[0];
	unsigned char more[0][4];
};

struct arrays_root {
	row_t a;
	grid_t b;
	name_t names[3];
	cube_t c;
	cube_t cubes[2];
	ptr_row_t d;
	row_ptr_t e;
	ptr_to_arr_of_ptr_to_arr_t f;
	handlers_t g;
	table_t h;
	cv_row_t i;
	int raw[2][3];
	int *ptrs[2][2];
	int (*pa)[9];
	int (*pma)[2][2];
	char (*fnarr[3])(char *[4]);
	const char *const strs[4];
	volatile int vi[5];
	struct {
		int x;
		int y;
	} points[10];
	union {
		int i;
		float f;
	} vals[2][2];
	struct with_flex *flex;
	struct with_zero zero;
};

int entry(struct arrays_root *r)
{
	return 0;
}
