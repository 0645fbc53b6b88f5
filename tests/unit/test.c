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
