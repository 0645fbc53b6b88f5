/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test.c - the harness behind test.h.
 */
#include "test.h"

#include <stdarg.h>

int test_failures_in_case;

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	test_failures_in_case++;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

int test_main(int argc, char **argv, const test_case *cases, size_t n)
{
	size_t i, passed = 0, failed = 0, ran = 0;

	for (i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], cases[i].name) != 0)
			continue;
		ran++;
		test_failures_in_case = 0;
		cases[i].fn();
		if (test_failures_in_case) {
			failed++;
			printf("FAIL %s\n", cases[i].name);
		} else {
			passed++;
			printf("ok   %s\n", cases[i].name);
		}
	}
	if (argc > 1 && ran == 0) {
		printf("no test called %s\n", argv[1]);
		return 2;
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}

size_t test_pick(unsigned long *seed, size_t n)
{
	*seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
	return (size_t)((*seed >> 33) % n);
}

void test_random_text(unsigned long *seed, char *s, size_t cap,
                      const char *const *pieces, size_t n_pieces,
                      size_t max_pieces)
{
	size_t n = test_pick(seed, max_pieces), len = 0, k, i;

	s[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *piece = pieces[test_pick(seed, n_pieces)];

		k = strlen(piece);
		if (len + k + 1 > cap)
			break;
		memcpy(s + len, piece, k + 1);
		len += k;
	}
}
