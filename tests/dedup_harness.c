/* libbpf 1.8's btf__add_btf + btf__dedup, the raw bytes out (tests/test_merge.py) */
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>

int main(int argc, char **argv)
{
	struct btf *out, *base = NULL;
	const void *data;
	__u32 sz;

	if (argc >= 3 && strcmp(argv[1], "merge") == 0) {
		base = btf__parse(argv[2], NULL);
		if (!base)
			return 2;
		out = btf__new_empty_split(base);
		for (int i = 3; i < argc; i++) {
			struct btf *mod = btf__parse_split(argv[i], base);

			if (!mod || btf__add_btf(out, mod) < 0)
				return 3;
			btf__free(mod);
		}
	} else if (argc >= 3 && strcmp(argv[1], "dedup") == 0) {
		if (argc > 3 && !(base = btf__parse(argv[3], NULL)))
			return 2;
		out = btf__parse_split(argv[2], base);
		if (!out)
			return 3;
	} else {
		fprintf(stderr, "usage: %s merge BASE FILE... | dedup FILE [BASE]\n", argv[0]);
		return 1;
	}
	if (btf__dedup(out, NULL))
		return 4;
	data = btf__raw_data(out, &sz);
	fwrite(data, 1, sz, stdout);
	return 0;
}
