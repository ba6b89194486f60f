// SPDX-License-Identifier: MIT
/*
 * subskel_test.c - the library scenario end to end, in a live kernel.
 *
 * linked.skel.h      btfkit gen skeleton linked.o name linked
 *                    (linked.o = bpftool gen object of app_main + lib_counter)
 * lib_counter.subskel.h
 *                    btfkit gen subskeleton lib_counter.o name lib_counter
 *
 * Opens the application's skeleton, opens the library's subskeleton on the
 * skeleton's bpf_object, writes library globals through the subskeleton
 * before load, loads, runs the programs with BPF_PROG_TEST_RUN, and checks
 * what the library did through both headers and through the map.
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

#include "counter_types.h"
#include "linked.skel.h"
#include "lib_counter.subskel.h"

#define EXIT_SKIP 77

static int failures;

#define CHECK(cond, fmt, ...)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "FAIL line %d: %s: " fmt "\n",		\
				__LINE__, #cond, ##__VA_ARGS__);		\
			failures++;						\
		}								\
	} while (0)

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

static int run_prog(struct bpf_program *prog, struct bpf_test_run_opts *opts, const char *what)
{
	int err = bpf_prog_test_run_opts(bpf_program__fd(prog), opts);

	if (err) {
		fprintf(stderr, "%s: bpf_prog_test_run_opts: %d (%s)\n", what, err, strerror(-err));
		return refused(err) ? EXIT_SKIP : 2;
	}
	return 0;
}

int main(void)
{
	struct counter_val val = {};
	struct lib_counter *lib;
	struct linked *skel;
	unsigned char pkt[64];
	__u64 total;
	__u32 key;
	int err, len;

	libbpf_set_print(print_fn);

	skel = linked__open();
	if (!skel) {
		fprintf(stderr, "linked__open: %s\n", strerror(errno));
		return 2;
	}
	lib = lib_counter__open(skel->obj);
	if (!lib) {
		fprintf(stderr, "lib_counter__open: %s\n", strerror(errno));
		linked__destroy(skel);
		return 2;
	}

	/* the subskeleton finds the library's pieces inside the linked object */
	CHECK(lib->maps.lib_counters == skel->maps.lib_counters, "map");
	CHECK(lib->maps.data == skel->maps.data && lib->maps.bss == skel->maps.bss &&
	      lib->maps.rodata == skel->maps.rodata, "internal maps");
	CHECK((void *)lib->data.lib_calls == (void *)&skel->data->lib_calls, "lib_calls address");
	CHECK((void *)lib->data.lib_last == (void *)&skel->data->lib_last, "lib_last address");
	CHECK((void *)lib->bss.lib_total == (void *)&skel->bss->lib_total, "lib_total address");
	CHECK((void *)lib->bss.lib_weak_knob == (void *)&skel->bss->lib_weak_knob, "weak address");
	CHECK((void *)lib->rodata.lib_max_key == (void *)&skel->rodata->lib_max_key, "rodata address");

	/* initial values come from the ELF */
	CHECK(*lib->data.lib_calls == 1, "%llu", (unsigned long long)*lib->data.lib_calls);
	CHECK(lib->data.lib_last->hits == 1 && lib->data.lib_last->total == 2, "lib_last");
	CHECK(*lib->rodata.lib_max_key == 63, "%u", *lib->rodata.lib_max_key);
	CHECK(strcmp(*lib->rodata.lib_name, "counter") == 0, "%s", *lib->rodata.lib_name);
	CHECK(skel->rodata->app_mode == 2 && skel->data->app_flags == 4, "app globals");

	/* write the library's globals through the subskeleton before load */
	*lib->data.lib_calls = 100;
	*lib->bss.lib_weak_knob = 5;
	*lib->rodata.lib_max_key = 7;
	(*lib->rodata.lib_name)[0] = 'Z';
	/* and the application's through the skeleton */
	skel->rodata->app_mode = 3;

	err = linked__load(skel);
	if (err) {
		fprintf(stderr, "linked__load: %d (%s)\n", err, strerror(-err));
		lib_counter__destroy(lib);
		linked__destroy(skel);
		return refused(err) ? EXIT_SKIP : 2;
	}

	/* SEC("syscall") app_syscall: lib_count(42, 1000), key clamped to 7 */
	{
		struct app_args args = { .key = 42, .delta = 1000 };
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &args, .ctx_size_in = sizeof(args));

		err = run_prog(skel->progs.app_syscall, &opts, "app_syscall");
		if (err)
			goto out;
		CHECK(opts.retval == 0, "retval %u", opts.retval);
	}
	CHECK(*lib->data.lib_calls == 101 && skel->data->lib_calls == 101, "%llu",
	      (unsigned long long)skel->data->lib_calls);
	CHECK(*lib->bss.lib_total == 1005 && skel->bss->lib_total == 1005, "%llu",
	      (unsigned long long)skel->bss->lib_total);
	CHECK(lib->data.lib_last->hits == 1 && lib->data.lib_last->total == 1000, "lib_last %llu %llu",
	      (unsigned long long)lib->data.lib_last->hits, (unsigned long long)lib->data.lib_last->total);
	CHECK((*lib->bss.lib_scratch)[7] == 'Z' && skel->bss->lib_scratch[7] == 'Z', "scratch '%c'",
	      (*lib->bss.lib_scratch)[7]);
	CHECK(skel->data->app_flags == 5, "app_flags %d", skel->data->app_flags);
	key = 7;
	err = bpf_map__lookup_elem(lib->maps.lib_counters, &key, sizeof(key), &val, sizeof(val), 0);
	CHECK(err == 0 && val.hits == 1 && val.total == 1000, "map[7]: %d %llu %llu", err,
	      (unsigned long long)val.hits, (unsigned long long)val.total);

	/* SEC("socket") app_socket on a packet: lib_count(ifindex, skb->len) */
	memset(pkt, 0, sizeof(pkt));
	pkt[12] = 0x08;	/* ETH_P_IP */
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

		err = run_prog(skel->progs.app_socket, &opts, "app_socket");
		if (err)
			goto out;
		len = (int)opts.retval;	/* skb->len, since lib_count() returned 0 */
	}
	CHECK(len > 0 && len <= (int)sizeof(pkt), "len %d", len);
	CHECK(skel->bss->app_packets == 1, "app_packets %llu", (unsigned long long)skel->bss->app_packets);
	total = 1005 + (__u64)len + 5;
	CHECK(*lib->bss.lib_total == total && skel->bss->lib_total == total, "%llu != %llu",
	      (unsigned long long)*lib->bss.lib_total, (unsigned long long)total);
	CHECK(*lib->data.lib_calls == 102, "%llu", (unsigned long long)*lib->data.lib_calls);

	/* SEC("tc") app_tc: lib_count(app_mode = 3, len); lib_total > 1000: TC_ACT_SHOT */
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

		err = run_prog(skel->progs.app_tc, &opts, "app_tc");
		if (err)
			goto out;
		CHECK(opts.retval == 2, "retval %u", opts.retval);
	}
	key = 3;
	err = bpf_map__lookup_elem(skel->maps.lib_counters, &key, sizeof(key), &val, sizeof(val), 0);
	CHECK(err == 0 && val.hits == 1 && val.total == sizeof(pkt), "map[3]: %d %llu %llu", err,
	      (unsigned long long)val.hits, (unsigned long long)val.total);
	CHECK(lib->data.lib_last->hits == 1 && lib->data.lib_last->total == sizeof(pkt), "lib_last");
	CHECK(*lib->data.lib_calls == 103 && skel->data->lib_calls == 103, "%llu",
	      (unsigned long long)skel->data->lib_calls);
	/* .rodata is read-only once loaded, but still readable through both */
	CHECK(*lib->rodata.lib_max_key == 7 && skel->rodata->lib_max_key == 7, "max_key");
	CHECK((*lib->rodata.lib_name)[0] == 'Z', "lib_name");

out:
	lib_counter__destroy(lib);
	linked__destroy(skel);
	if (err)
		return err;
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("subskel_test: all checks passed\n");
	return 0;
}
