/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_date.c - date patterns (map/date.c).
 */
#include "test.h"

#include "map/date.h"

static void expect_date(const char *text, const char *fmt, int y, int m, int d)
{
	l2e__date out = { 0, 0, 0 };
	const char *why = NULL;
	int rc = l2e__date_parse(&out, text, fmt, &why);

	if (rc != 1) {
		test_fail(__FILE__, __LINE__, "'%s' with '%s': rc %d (%s)",
		          text, fmt, rc, why ? why : "no match");
		return;
	}
	CHECK_INT(y, out.year);
	CHECK_INT(m, out.month);
	CHECK_INT(d, out.day);
}

static void test_date_parse__patterns(void)
{
	expect_date("2024-09-02", "jjjj-mm-dd", 2024, 9, 2);
	expect_date("2-9-2024", "d-m-jjjj", 2024, 9, 2);
	expect_date("02-09-2024", "d-m-jjjj", 2024, 9, 2);
	expect_date("02-09-2024", "dd-mm-jjjj", 2024, 9, 2);
	expect_date("20240902", "jjjjmmdd", 2024, 9, 2);
	expect_date("02092024", "ddmmjjjj", 2024, 9, 2);
	expect_date("092023", "mmjjjj", 2023, 9, 0);
	expect_date("2024-09", "jjjj-mm", 2024, 9, 0);
	expect_date("2024", "jjjj", 2024, 0, 0);
	expect_date("29-02-2024", "dd-mm-jjjj", 2024, 2, 29);
	expect_date("2024/09/02", "yyyy/mm/dd", 2024, 9, 2);
}

static void test_date_parse__no_match(void)
{
	l2e__date out;
	const char *why;

	CHECK_INT(0, l2e__date_parse(&out, "2-9-2024", "dd-mm-jjjj", &why));
	CHECK_INT(0, l2e__date_parse(&out, "2024-09-02x", "jjjj-mm-dd", &why));
	CHECK_INT(0, l2e__date_parse(&out, "maart 2025", "jjjj-mm", &why));
	CHECK_INT(0, l2e__date_parse(&out, "", "jjjj", &why));
	CHECK_INT(0, l2e__date_parse(&out, "123-9-2024", "d-m-jjjj", &why));
}

static void test_date_parse__impossible(void)
{
	l2e__date out;
	const char *why = NULL;

	CHECK_INT(-1, l2e__date_parse(&out, "31-02-2024", "dd-mm-jjjj", &why));
	CHECK_STR("day does not exist in that month", why);
	CHECK_INT(-1, l2e__date_parse(&out, "29-02-2023", "dd-mm-jjjj", &why));
	CHECK_INT(-1, l2e__date_parse(&out, "2024-13", "jjjj-mm", &why));
	CHECK_STR("month outside 1..12", why);
	CHECK_INT(-1, l2e__date_parse(&out, "1899-12-31", "jjjj-mm-dd", &why));
	CHECK_INT(-1, l2e__date_parse(&out, "00-01-2024", "dd-mm-jjjj", &why));
}

static void test_date_format__valid(void)
{
	CHECK(l2e__date_format_valid("jjjj-mm-dd"));
	CHECK(l2e__date_format_valid("d-m-jjjj"));
	CHECK(l2e__date_format_valid("jjjj"));
	CHECK(!l2e__date_format_valid(""));
	CHECK(!l2e__date_format_valid("dd-mm"));      /* no year */
	CHECK(!l2e__date_format_valid("jjjj-dd"));    /* day, no month */
	CHECK(!l2e__date_format_valid("jjj-mm-dd"));  /* 3-digit year */
	CHECK(!l2e__date_format_valid("jjjj-mm-mm")); /* month twice */
	CHECK(!l2e__date_format_valid("jjjj-mmm"));
}

static void test_date_parse__dutch_text(void)
{
	expect_date("3 mrt. 2025", "tekst", 2025, 3, 3);
	expect_date("3 mrt 2025", "tekst", 2025, 3, 3);
	expect_date("maart 2025", "tekst", 2025, 3, 0);
	expect_date("Maart 2025", "tekst", 2025, 3, 0);
	expect_date("sept 2024", "tekst", 2024, 9, 0);
	expect_date("2 september 2024", "tekst", 2024, 9, 2);
	expect_date("1 okt. 2024", "tekst", 2024, 10, 1);
	expect_date("17 mei 2025", "tekst", 2025, 5, 17);
}

static void test_date_parse__excel_serials(void)
{
	l2e__date out;
	const char *why;

	expect_date("45537", "excel", 2024, 9, 2);
	expect_date("61", "excel", 1900, 3, 1);
	expect_date("44927", "excel", 2023, 1, 1);
	CHECK_INT(-1, l2e__date_parse(&out, "60", "excel", &why));
	CHECK_INT(0, l2e__date_parse(&out, "45537.5", "excel", &why));
	CHECK_INT(0, l2e__date_parse(&out, "4553711", "excel", &why));
}

static void test_date_parse__short_year_and_rest(void)
{
	l2e__date out = { 0, 0, 0 };
	const char *why = NULL;

	CHECK_INT(1, l2e__date_parse(&out, "02-09-24", "dd-mm-jj", &why));
	CHECK_INT(2024, out.year);
	CHECK(why != NULL); /* a two-digit year earns a note */
	CHECK_INT(1, l2e__date_parse(&out, "02-09-85", "dd-mm-jj", &why));
	CHECK_INT(1985, out.year);
	expect_date("2025-07-03T09:15:00+02:00", "jjjj-mm-dd*", 2025, 7, 3);
	CHECK(l2e__date_format_valid("jjjj-mm-dd*"));
	CHECK(!l2e__date_format_valid("*jjjj"));
	CHECK(!l2e__date_format_valid("jjjj*-mm"));
	CHECK(l2e__date_format_valid("tekst"));
	CHECK(l2e__date_format_valid("excel"));
}

static const test_case cases[] = {
	TEST_CASE(test_date_parse__dutch_text),
	TEST_CASE(test_date_parse__excel_serials),
	TEST_CASE(test_date_parse__short_year_and_rest),
	TEST_CASE(test_date_parse__patterns),
	TEST_CASE(test_date_parse__no_match),
	TEST_CASE(test_date_parse__impossible),
	TEST_CASE(test_date_format__valid),
};

TEST_MAIN(cases)
