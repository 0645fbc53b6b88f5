/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test.h - a tiny unit-test harness (in the spirit of clar).
 *
 * Each test file defines `static void test_<module>_<topic>__<case>(void)`
 * functions and a table of them, and calls test_main(). Run one case by
 * naming it: `unit_date test_date_parse__iso`. The last line of output is
 * "N passed, N failed", which CI reads.
 */
#ifndef L2E_TEST_H
#define L2E_TEST_H

#include <stdio.h>
#include <string.h>

typedef struct test_case {
	const char *name;
	void (*fn)(void);
} test_case;

#define TEST_CASE(fn)   \
	{               \
#fn, fn \
	}

extern int test_failures_in_case;

void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                 \
	do {                                                        \
		if (!(cond))                                        \
			test_fail(__FILE__, __LINE__, "%s", #cond); \
	} while (0)

#define CHECK_INT(expected, actual)                                           \
	do {                                                                  \
		long long e_ = (long long)(expected),                         \
		          a_ = (long long)(actual);                           \
		if (e_ != a_)                                                 \
			test_fail(__FILE__, __LINE__,                         \
			          "%s: expected %lld, got %lld", #actual, e_, \
			          a_);                                        \
	} while (0)

#define CHECK_STR(expected, actual)                                           \
	do {                                                                  \
		const char *e_ = (expected), *a_ = (actual);                  \
		if (!a_ || strcmp(e_, a_) != 0)                               \
			test_fail(__FILE__, __LINE__,                         \
			          "%s: expected \"%s\", got \"%s\"", #actual, \
			          e_, a_ ? a_ : "(null)");                    \
	} while (0)

#define CHECK_CONTAINS(haystack, needle)                                \
	do {                                                            \
		const char *h_ = (haystack), *n_ = (needle);            \
		if (!h_ || !strstr(h_, n_))                             \
			test_fail(__FILE__, __LINE__,                   \
			          "%s does not contain \"%s\": \"%s\"", \
			          #haystack, n_, h_ ? h_ : "(null)");   \
	} while (0)

int test_main(int argc, char **argv, const test_case *cases, size_t n);

/* A pseudo-random number below n from the generator state *seed (an LCG:
 * the same seed, the same sequence on every machine). */
size_t test_pick(unsigned long *seed, size_t n);

/* Up to max_pieces - 1 of `pieces`, drawn with test_pick, joined into s
 * (cap bytes, always terminated; a piece that does not fit ends it). */
void test_random_text(unsigned long *seed, char *s, size_t cap,
                      const char *const *pieces, size_t n_pieces,
                      size_t max_pieces);

#define TEST_MAIN(cases)                                            \
	int main(int argc, char **argv)                             \
	{                                                           \
		return test_main(argc, argv, cases,                 \
		                 sizeof(cases) / sizeof(cases[0])); \
	}

#endif
