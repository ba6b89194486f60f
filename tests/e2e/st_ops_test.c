// SPDX-License-Identifier: MIT
/*
 * st_ops_test.c - bpftool 7.5+ struct_ops skeleton features, in a live kernel.
 *
 * st_ops.skel.h      btfkit gen skeleton st_ops_kernel.bpfel.o name st_ops --bpftool 7.5|7.8
 * st_ops.subskel.h   btfkit gen subskeleton st_ops_kernel.bpfel.o name st_ops_sub (the same)
 *                    (corpora/bpf/st_ops_kernel.bpf.c), built against libbpf 1.5 / 1.8
 *
 * After open, the struct_ops shadow types point at the maps' initial values:
 * function pointer members are the programs, scalars are the initialiser's.
 * A shadow write (flags) reaches the kernel's copy.  bpf_dummy_ops programs
 * run with BPF_PROG_TEST_RUN.  The TCP congestion control in
 * .struct_ops.link is registered by attaching its map into the skeleton's
 * links.btfkit_reno, which __destroy() detaches (map->link in the map table
 * sized by map_skel_sz): the algorithm appears in and then leaves
 * tcp_available_congestion_control.
 *
 * Exit status: 0 all checks passed; 1 a check failed; 2 a setup error;
 * 77 the kernel refused BPF (no privilege): the test skips.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "st_ops.skel.h"
#include "st_ops.subskel.h"

#define EXIT_SKIP 77
#define CC_LIST "/proc/sys/net/ipv4/tcp_available_congestion_control"

#ifndef BPF_SKEL_SUPPORTS_MAP_AUTO_ATTACH
#error "bpftool 7.5+ skeletons define BPF_SKEL_SUPPORTS_MAP_AUTO_ATTACH"
#endif

static int failures;

#define CHECK(cond, fmt, ...)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "FAIL line %d: %s: " fmt "\n",		\
				__LINE__, #cond, ##__VA_ARGS__);		\
			failures++;						\
		}								\
	} while (0)

struct dummy_state {
	int val;
};

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static int refused(int err)
{
	err = err < 0 ? -err : err;
	return err == EPERM || err == EACCES || err == ENOSYS || err == EOPNOTSUPP;
}

static int cc_listed(const char *name)
{
	char buf[1024] = "", *tok, *save;
	FILE *f = fopen(CC_LIST, "r");

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	for (tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (strcmp(tok, name) == 0)
			return 1;
	return 0;
}

int main(void)
{
	struct dummy_state state = { .val = 20 };
	__u64 args[1] = { (unsigned long)&state };
	struct st_ops_sub *sub;
	struct st_ops *skel;
	int err;

	libbpf_set_print(print_fn);

	skel = st_ops__open();
	if (!skel) {
		fprintf(stderr, "st_ops__open: %s\n", strerror(errno));
		return 2;
	}

	/* the shadow types, set by __open() from bpf_map__initial_value() */
	CHECK(skel->struct_ops.btfkit_reno != NULL && skel->struct_ops.btfkit_dummy != NULL, "shadows");
	CHECK(skel->struct_ops.btfkit_reno->ssthresh == skel->progs.btfkit_ssthresh, "ssthresh");
	CHECK(skel->struct_ops.btfkit_reno->cong_avoid == skel->progs.btfkit_cong_avoid, "cong_avoid");
	CHECK(skel->struct_ops.btfkit_reno->undo_cwnd == skel->progs.btfkit_undo_cwnd, "undo_cwnd");
	CHECK(skel->struct_ops.btfkit_reno->init == skel->progs.btfkit_init, "init");
	CHECK(skel->struct_ops.btfkit_reno->release == NULL && skel->struct_ops.btfkit_reno->set_state == NULL,
	      "unset members");
	CHECK(strcmp(skel->struct_ops.btfkit_reno->__unsupported_11, "btfkit_reno") == 0, "name");
	CHECK(skel->struct_ops.btfkit_reno->flags == 0, "flags %u", skel->struct_ops.btfkit_reno->flags);
	CHECK(sizeof(*skel->struct_ops.btfkit_reno) == bpf_map__value_size(skel->maps.btfkit_reno),
	      "shadow size %zu", sizeof(*skel->struct_ops.btfkit_reno));
	CHECK(skel->struct_ops.btfkit_dummy->test_1 == skel->progs.dummy_test_1 &&
	      skel->struct_ops.btfkit_dummy->test_2 == skel->progs.dummy_test_2 &&
	      skel->struct_ops.btfkit_dummy->test_sleepable == NULL, "dummy");
	CHECK(skel->struct_ops.btfkit_dummy_off->test_1 == skel->progs.dummy_test_1, "dummy_off");
	CHECK(!bpf_map__autocreate(skel->maps.btfkit_dummy_off), "?.struct_ops is not autocreated");
	/* scalar members at the kernel's offsets, opaque ones as char arrays */
	CHECK(skel->struct_ops.btfkit_qdisc->priv_size == 24 && skel->struct_ops.btfkit_qdisc->static_flags == 1,
	      "qdisc scalars %d %u", skel->struct_ops.btfkit_qdisc->priv_size,
	      skel->struct_ops.btfkit_qdisc->static_flags);
	CHECK(strcmp(skel->struct_ops.btfkit_qdisc->__unsupported_2, "btfkit_q") == 0, "qdisc id");
	CHECK(skel->struct_ops.btfkit_qdisc->enqueue == NULL, "qdisc enqueue");
	CHECK(sizeof(*skel->struct_ops.btfkit_qdisc) == bpf_map__value_size(skel->maps.btfkit_qdisc), "qdisc size");
	CHECK(!bpf_map__autocreate(skel->maps.btfkit_qdisc), "?.struct_ops.link is not autocreated");

	/* the subskeleton's shadows, found in the skeleton's object */
	sub = st_ops_sub__open(skel->obj);
	if (!sub) {
		fprintf(stderr, "st_ops_sub__open: %s\n", strerror(errno));
		st_ops__destroy(skel);
		return 2;
	}
	CHECK((void *)sub->struct_ops.btfkit_reno == (void *)skel->struct_ops.btfkit_reno, "subskel shadow pointer");
	CHECK(sub->struct_ops.btfkit_reno->cong_avoid == skel->progs.btfkit_cong_avoid &&
	      sub->progs.btfkit_cong_avoid == skel->progs.btfkit_cong_avoid, "subskel programs");
	CHECK(sub->maps.btfkit_dummy == skel->maps.btfkit_dummy && *sub->bss.cwnd_events == 0, "subskel maps");
	/* a write through the shadow changes the map's value before load */
	sub->struct_ops.btfkit_qdisc->priv_size = 32;
	CHECK(skel->struct_ops.btfkit_qdisc->priv_size == 32, "shadow write");
	st_ops_sub__destroy(sub);
	/* the map table holds the link slots (map_skel_sz == sizeof) */
	CHECK(skel->skeleton->map_skel_sz == sizeof(struct bpf_map_skeleton), "map_skel_sz %d",
	      skel->skeleton->map_skel_sz);

	err = st_ops__load(skel);
	if (err) {
		fprintf(stderr, "st_ops__load: %d (%s)\n", err, strerror(-err));
		st_ops__destroy(skel);
		return refused(err) ? EXIT_SKIP : 2;
	}

	/* bpf_dummy_ops: test_1 doubles state->val and adds one, returns 7 */
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof(args));

		err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.dummy_test_1), &opts);
		if (err) {
			fprintf(stderr, "test_run dummy_test_1: %d (%s)\n", err, strerror(-err));
			st_ops__destroy(skel);
			return refused(err) ? EXIT_SKIP : 2;
		}
		CHECK(opts.retval == 7 && state.val == 41, "retval %u val %d", opts.retval, state.val);
	}

	/* register the congestion control through the skeleton's link slot */
	CHECK(cc_listed("btfkit_reno") == 0, "listed before attach");
	skel->links.btfkit_reno = bpf_map__attach_struct_ops(skel->maps.btfkit_reno);
	if (!skel->links.btfkit_reno) {
		err = -errno;
		fprintf(stderr, "attach btfkit_reno: %d (%s)\n", err, strerror(-err));
		st_ops__destroy(skel);
		return refused(err) ? EXIT_SKIP : 2;
	}
	CHECK(cc_listed("btfkit_reno") == 1, "not listed after attach");
	st_ops__destroy(skel);	/* detaches links.btfkit_reno through map->link */
	CHECK(cc_listed("btfkit_reno") == 0, "still listed after destroy");

	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("st_ops_test: all checks passed\n");
	return 0;
}
