// SPDX-License-Identifier: MIT
/*
 * subskel_cxx_test.cc - the same generated headers as C++ (g++
 * -fsyntax-only): the skeleton's and subskeleton's C++ wrappers.
 */
#include <cerrno>
#include <cstring>
#include <bpf/libbpf.h>

#include "counter_types.h"
#include "linked.skel.h"
#include "lib_counter.subskel.h"

int main()
{
	struct linked *skel = linked::open();
	if (!skel)
		return 2;
	struct lib_counter *lib = lib_counter::open(skel->obj);
	if (!lib) {
		linked::destroy(skel);
		return 2;
	}
	*lib->data.lib_calls = 100;
	(*lib->rodata.lib_name)[0] = 'Z';
	size_t sz = 0;
	int ok = linked::elf_bytes(&sz) != nullptr && sz > 0 && linked::load(skel) == 0;
	lib_counter::destroy(lib);
	linked::destroy(skel);
	return ok ? 0 : 1;
}
