// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* mapfill_run OBJ PIN_DIR: load corpora/bpf/live/mapfill.bpf.c (built), run its syscall
 * program once (BPF_PROG_TEST_RUN) and pin its maps under PIN_DIR, for the
 * live typed-data test (tests/test_data_dump.py). */
#include <stdio.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	LIBBPF_OPTS(bpf_test_run_opts, topts);

	if (argc != 3)
		return 2;
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj))
		return 1;
	prog = bpf_object__find_program_by_name(obj, "fill");
	if (!prog || bpf_prog_test_run_opts(bpf_program__fd(prog), &topts)) {
		perror("test_run");
		return 1;
	}
	if (bpf_object__pin_maps(obj, argv[2]))
		return 1;
	return 0;
}
