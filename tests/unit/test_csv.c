/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_csv.c - CSV parsing and input encodings (read/csv.c,
 * core/encoding.c).
 */
#include "test.h"

#include "core/buf.h"
#include "core/encoding.h"
#include "fixtures.h"
#include "read/csv.h"

static l2e_ctx *ctx;
static l2e__pool pool;

static l2e__node *parse_len(const char *text, size_t len, char sep)
{
	l2e__node *table = NULL;

	if (l2e__csv_parse(&table, &pool, ctx, "t.csv", text, len, sep) < 0)
		return NULL;
	return table;
}

static l2e__node *parse(const char *text, char sep)
{
	return parse_len(text, strlen(text), sep);
}

static const char *cell(const l2e__node *table, size_t row, const char *column)
{
	const l2e__node *c =
	    l2e__node_member(l2e__node_child(table, row), column);

	return c ? c->text : "(none)";
}

static void setup(void)
{
	fixture_pool_open(&ctx, &pool);
}

static void teardown(void)
{
	fixture_pool_close(&ctx, &pool);
}

static void test_csv_parse__rfc4180(void)
{
	l2e__node *t;

	setup();
	t = parse("Nr;Naam;Tekst\r\n0204518;\"van der; Testra\";\"regel 1\r\n"
	          "regel \"\"2\"\"\"\r\n\r\n007;;x\r\n",
	          0);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(2, t->n_children);
		CHECK_STR("0204518", cell(t, 0, "Nr"));
		CHECK_STR("van der; Testra", cell(t, 0, "Naam"));
		CHECK_STR("regel 1\r\nregel \"2\"", cell(t, 0, "Tekst"));
		CHECK_STR("007", cell(t, 1, "Nr"));
		CHECK_STR("", cell(t, 1, "Naam"));
		CHECK_INT(5, l2e__node_child(t, 1)->line);
		CHECK_INT(
		    6,
		    l2e__node_member(l2e__node_child(t, 1), "Tekst")->column);
	}
	t = parse("a,b\n1,\"2,3\"\n", 0); /* comma detected */
	CHECK(t && !strcmp(cell(t, 0, "b"), "2,3"));
	t = parse("a|b\n1|2", '|'); /* no final newline */
	CHECK(t && !strcmp(cell(t, 0, "b"), "2"));
	teardown();
}

static void expect_error_len(const char *text, size_t len, unsigned line,
                             unsigned column, const char *msg)
{
	CHECK(parse_len(text, len, 0) == NULL);
	check_error_at(ctx, "t.csv", line, column, msg);
}

static void expect_error(const char *text, unsigned line, unsigned column,
                         const char *msg)
{
	expect_error_len(text, strlen(text), line, column, msg);
}

static void test_csv_parse__errors(void)
{
	setup();
	expect_error("a;b\n1;\"open\n2;3\n", 2, 3, "never closed");
	expect_error("a;b\n1;2;3\n", 2, 1,
	             "this row has 3 fields, the "
	             "header has 2");
	expect_error("a;b\n1\n", 2, 1, "this row has 1 fields");
	expect_error("a;b\n\"x\"y;2\n", 2, 4, "after a closing quote");
	expect_error("a;a\n1;2\n", 1, 3, "appears twice");
	expect_error_len("a;b\n1;x\0y\n", 10, 2, 4, "NUL");
	teardown();
}

/* 2026-11 hostile input (issue 7): control characters and limits */
static void test_csv_parse__control_characters(void)
{
	setup();
	expect_error("a;b\n1;x\x0By\n", 2, 4, "control character U+000B");
	expect_error("a;b\n1;\"x\x1B[2J\"\n", 2, 5, "control character U+001B");
	expect_error("a\x7F;b\n1;2\n", 1, 2, "control character U+007F");
	/* tab, and CR LF inside quotes, are text */
	CHECK(parse("a;b\n1\tx;\"r\r\ns\"\n", 0) != NULL);
	teardown();
}

static void with_limits(size_t columns, size_t rows, size_t values,
                        size_t string)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;

	o.max_columns = columns;
	o.max_rows = rows;
	o.max_values = values;
	o.max_string_bytes = string;
	l2e_ctx_new(&ctx, &o);
	memset(&pool, 0, sizeof(pool));
}

static void test_csv_parse__limits(void)
{
	with_limits(3, 2, 100, 4);
	CHECK(parse("a;b;c\n1;2;3\n4;5;6\n", 0) != NULL);
	expect_error("a;b;c;d\n", 1, 7, "more than max_columns (3) columns");
	expect_error("a;b\n1;2\n3;4\n5;6\n", 4, 1,
	             "more than max_rows (2) rows");
	expect_error("a;b\n1;12345\n", 2, 3,
	             "longer than max_string_bytes (4 bytes)");
	expect_error("a;b\n1;\"12345\"\n", 2, 3,
	             "longer than max_string_bytes (4 bytes)");
	CHECK_INT(L2E_ELIMIT, l2e_ctx_error(ctx)->code);
	teardown();

	with_limits(0, 0, 5, 0); /* 2 columns: 4 cells fit, 6 do not */
	CHECK(parse("a;b\n1;2\n3;4\n", 0) != NULL);
	expect_error("a;b\n1;2\n3;4\n5;6\n", 4, 1,
	             "more than max_values (5) cells");
	teardown();
}

static void test_encoding__detect(void)
{
	l2e_buf out = L2E_BUF_INIT;
	const char *used = NULL;
	size_t bad = 0;

	CHECK_INT(0, l2e__to_utf8(&out,
	                          "\xEF\xBB\xBF"
	                          "Be\xC3\xABindigd",
	                          13, NULL, &used, &bad));
	CHECK_STR("Be\xC3\xABindigd", out.ptr);
	CHECK_STR("utf-8", used);
	l2e_buf_dispose(&out);

	/* not UTF-8: Windows-1252, with its 0x80..0x9F characters */
	CHECK_INT(0, l2e__to_utf8(&out, "Be\xEBindigd \x80 \x93x\x94", 15, NULL,
	                          &used, &bad));
	CHECK_STR("Be\xC3\xABindigd \xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D",
	          out.ptr);
	CHECK_STR("windows-1252", used);
	l2e_buf_dispose(&out);

	/* declared UTF-8 but it is not */
	CHECK_INT(L2E_EPARSE,
	          l2e__to_utf8(&out, "ab\xEB", 3, "utf-8", &used, &bad));
	CHECK_INT(2, bad);
	l2e_buf_dispose(&out);

	/* declared Windows-1252 wins over what looks like UTF-8 */
	CHECK_INT(
	    0, l2e__to_utf8(&out, "\xC3\xAB", 2, "windows-1252", &used, &bad));
	CHECK_STR("\xC3\x83\xC2\xAB", out.ptr);
	l2e_buf_dispose(&out);
}

static const test_case cases[] = {
	TEST_CASE(test_csv_parse__rfc4180),
	TEST_CASE(test_csv_parse__errors),
	TEST_CASE(test_csv_parse__control_characters),
	TEST_CASE(test_csv_parse__limits),
	TEST_CASE(test_encoding__detect),
};

TEST_MAIN(cases)
