/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_finding_kind.c - the kind of a finding (util/finding_kind.c):
 * what the HTML report groups by and convert's cap counts by.
 */
#include <string.h>

#include "test.h"
#include "util/finding_kind.h"

static const char *kind(char *out, size_t size, const char *msg)
{
	l2e__finding_kind(out, size, msg);
	return out;
}

static void test_finding_kind__values_and_numbers_go(void)
{
	char a[160], b[160];

	CHECK_STR("… is not a date (line N)",
	          kind(a, sizeof(a), "'31-02-2024' is not a date (line 12)"));
	CHECK_STR(kind(a, sizeof(a), "'31-02-2024' is not a date (line 12)"),
	          kind(b, sizeof(b), "'x' is not a date (line 13)"));
	CHECK_STR(
	    "field … has N values, at most N",
	    kind(a, sizeof(a), "field \"talen\" has 12 values, at most 5"));
	/* a run of digits is one N: 7 and 1463 are one kind */
	CHECK_STR(kind(a, sizeof(a), "7 records"),
	          kind(b, sizeof(b), "1463 records"));
	/* ... but a number is not nothing */
	CHECK(strcmp(kind(a, sizeof(a), "record 7 failed"),
	             kind(b, sizeof(b), "record failed")) != 0);
	/* the words are the kind */
	CHECK(strcmp(kind(a, sizeof(a), "'x' is not a date"),
	             kind(b, sizeof(b), "'x' is not a number")) != 0);
}

static void test_finding_kind__quotes_pair_or_stay(void)
{
	char a[160];

	/* an apostrophe without its mate is text */
	CHECK_STR("the student's record N",
	          kind(a, sizeof(a), "the student's record 4"));
	/* single and double quotes each pair with their own kind */
	CHECK_STR("… and …", kind(a, sizeof(a), "'a \"b' and \"c'd\""));
	CHECK_STR("…", kind(a, sizeof(a), "''"));
	CHECK_STR("", kind(a, sizeof(a), ""));
	CHECK_STR("", kind(a, sizeof(a), NULL));
}

static void test_finding_kind__cut_to_size(void)
{
	char a[8], big[64];
	size_t n;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = l2e__finding_kind(a, sizeof(a), big);
	CHECK_INT(4, n); /* room is kept for a "…" */
	CHECK_STR("xxxx", a);
	/* an ellipsis is never cut in half */
	n = l2e__finding_kind(a, sizeof(a), "abc'v'");
	CHECK_STR("abc…", a);
	CHECK_INT(6, n);
	n = l2e__finding_kind(a, 4, "abc");
	CHECK_INT(0, n);
	CHECK_STR("", a);
}

static const test_case cases[] = {
	TEST_CASE(test_finding_kind__values_and_numbers_go),
	TEST_CASE(test_finding_kind__quotes_pair_or_stay),
	TEST_CASE(test_finding_kind__cut_to_size),
};

TEST_MAIN(cases)
