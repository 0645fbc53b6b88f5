/*
 * test_json_tree.c - JSON to record tree, positions and refusals
 * (read/json_tree.c).
 */
#include "test.h"

#include "core/buf.h"
#include "core/pool.h"
#include "read/json_tree.h"

static l2e_ctx *ctx;
static l2e__pool pool;

static void setup(void)
{
	l2e_ctx_new(&ctx, NULL);
	memset(&pool, 0, sizeof(pool));
}

static void teardown(void)
{
	l2e__pool_clear(&pool);
	l2e_ctx_free(ctx);
	ctx = NULL;
}

/* Parse the first value of `text`; returns its error code. */
static int parse(const char *text, l2e__node **root)
{
	l2e__json_cursor cur;

	l2e__json_cursor_init(&cur, "t.json", text, strlen(text),
	                      l2e_ctx_options_get(ctx));
	return l2e__json_next(root, &pool, ctx, &cur);
}

static void expect_error(const char *text, int code, unsigned line,
                         unsigned column, const char *msg)
{
	l2e__node *root = NULL;
	const l2e_error *e;

	CHECK_INT(code, parse(text, &root));
	e = l2e_ctx_error(ctx);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_INT(line, e->line);
	CHECK_INT(column, e->column);
	CHECK_CONTAINS(e->message, msg);
}

static void test_json_tree__positions(void)
{
	const char *text = "{\n  \"a\": 1,\n  \"b\": [true, \"x\"],\n"
	                   "  \"c\": {\"d\": null}\n}";
	l2e__node *root = NULL;
	const l2e__node *b, *x;

	setup();
	CHECK_INT(0, parse(text, &root));
	CHECK(root && root->kind == L2E__NODE_OBJECT);
	CHECK_INT(1, root->line);
	CHECK_INT(1, root->column);
	CHECK_INT(2, l2e__node_member(root, "a")->line);
	CHECK_INT(8, l2e__node_member(root, "a")->column);
	b = l2e__node_member(root, "b");
	CHECK_INT(L2E__NODE_ARRAY, b->kind);
	x = l2e__node_child(b, 1);
	CHECK_STR("x", x->text);
	CHECK_INT(3, x->line);
	CHECK_INT(15, x->column);
	CHECK_INT(L2E__NODE_NULL,
	          l2e__node_member(l2e__node_member(root, "c"), "d")->kind);
	teardown();
}

static void test_json_tree__numbers_keep_their_text(void)
{
	l2e__node *root = NULL;

	setup();
	CHECK_INT(0, parse("{\"h\": 32.0, \"n\": -1e3, \"z\": 0}", &root));
	CHECK_STR("32.0", l2e__node_member(root, "h")->text);
	CHECK_STR("-1e3", l2e__node_member(root, "n")->text);
	CHECK_STR("0", l2e__node_member(root, "z")->text);
	teardown();
}

static void test_json_tree__path_of_a_node(void)
{
	l2e__node *root = NULL;
	l2e_buf path = L2E_BUF_INIT;

	setup();
	CHECK_INT(0, parse("{\"items\": [{}, {\"a b\": [1, 2]}]}", &root));
	l2e__node_path(
	    &path,
	    l2e__node_child(
	        l2e__node_member(
	            l2e__node_child(l2e__node_member(root, "items"), 1), "a b"),
	        1));
	CHECK_STR("items[1]['a b'][1]", path.ptr);
	l2e_buf_dispose(&path);
	teardown();
}

static void test_json_tree__several_values_in_a_row(void)
{
	const char *text = "\xEF\xBB\xBF{\"k\": 1}\n{\"k\": 2}\n\n";
	l2e__json_cursor cur;
	l2e__node *root = NULL;

	setup();
	l2e__json_cursor_init(&cur, "t.ndjson", text, strlen(text),
	                      l2e_ctx_options_get(ctx));
	CHECK_INT(0, l2e__json_next(&root, &pool, ctx, &cur));
	CHECK_STR("1", l2e__node_member(root, "k")->text);
	CHECK_INT(0, l2e__json_next(&root, &pool, ctx, &cur));
	CHECK_STR("2", l2e__node_member(root, "k")->text);
	CHECK_INT(2, root->line);
	CHECK_INT(0, l2e__json_next(&root, &pool, ctx, &cur));
	CHECK(root == NULL);
	teardown();
}

static void test_json_tree__refusals(void)
{
	setup();
	expect_error("{\"a\": 1,\n \"a\": 2}", L2E_EPARSE, 2, 2,
	             "duplicate key");
	expect_error("{\"a\": \"x\\u0000y\"}", L2E_EPARSE, 1, 9, "\\u0000");
	expect_error("{\"a\":\n \"\xC3\x28\"}", L2E_EPARSE, 2, 3,
	             "invalid UTF-8");
	expect_error("{\"a\": \"\xED\xA0\x80\"}", L2E_EPARSE, 1, 8,
	             "invalid UTF-8"); /* a UTF-16 surrogate */
	expect_error("{\"a\": \"\xC0\xAF\"}", L2E_EPARSE, 1, 8,
	             "invalid UTF-8"); /* overlong '/' */
	expect_error("{\n  \"a\": [1, 2,, 3]\n}", L2E_EPARSE, 2, 14,
	             "syntax error");
	teardown();
}

static void test_json_tree__depth_limit(void)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;
	l2e__node *root = NULL;

	o.max_depth = 3;
	l2e_ctx_new(&ctx, &o);
	memset(&pool, 0, sizeof(pool));
	CHECK_INT(0, parse("[[[1]]]", &root));
	CHECK_INT(L2E_ELIMIT, parse("[[[[1]]]]", &root));
	CHECK_CONTAINS(l2e_ctx_error(ctx)->message, "max_depth");
	teardown();
}

/* 2026-11 hostile input (issue 7): numbers, values, wide objects */
static void test_json_tree__number_limits(void)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;
	l2e__node *root = NULL;

	o.max_number_bytes = 6;
	o.max_values = 5;
	l2e_ctx_new(&ctx, &o);
	memset(&pool, 0, sizeof(pool));
	CHECK_INT(0, parse("[123456, 1e300]", &root));
	expect_error("[1,\n 1234567]", L2E_ELIMIT, 2, 2,
	             "longer than max_number_bytes (6)");
	expect_error("[1,\n -1e999]", L2E_EPARSE, 2, 2,
	             "number is out of range");
	expect_error("{\"a\": 1e400}", L2E_EPARSE, 1, 7, "out of range");
	/* counted as 1 + openings + separators: an array and four numbers
	 * fit in five, a fifth number does not */
	CHECK_INT(0, parse("[1, 2, 3, 4]", &root));
	expect_error("[1, 2, 3, 4, 5]", L2E_ELIMIT, 1, 12,
	             "more than max_values (5) values");
	expect_error("[[], [], [[]]]", L2E_ELIMIT, 1, 8, "max_values");
	teardown();
}

static void test_json_tree__duplicate_keys_quoted_safely(void)
{
	l2e_buf text = L2E_BUF_INIT;
	l2e__node *root = NULL;
	size_t i;

	setup();
	/* the key of a duplicate is quoted, but never a national id */
	expect_error("{\"123456782\": 1, \"123456782\": 2}", L2E_EPARSE, 1, 18,
	             "duplicate key: [verwijderd]");
	CHECK(strstr(l2e_ctx_error(ctx)->message, "123456782") == NULL);
	/* a wide object is checked in n log n: 100 000 members, then the
	 * duplicate is the last one */
	l2e__buf_putc(&text, '{');
	for (i = 0; i < 100000; i++)
		l2e__buf_printf(&text, "\"k%zu\": %zu, ", i, i);
	l2e__buf_puts(&text, "\"k5\": 0}");
	CHECK_INT(L2E_EPARSE, parse(text.ptr, &root));
	CHECK_CONTAINS(l2e_ctx_error(ctx)->message, "duplicate key: k5");
	l2e_buf_dispose(&text);
	teardown();
}

static const test_case cases[] = {
	TEST_CASE(test_json_tree__positions),
	TEST_CASE(test_json_tree__numbers_keep_their_text),
	TEST_CASE(test_json_tree__path_of_a_node),
	TEST_CASE(test_json_tree__several_values_in_a_row),
	TEST_CASE(test_json_tree__refusals),
	TEST_CASE(test_json_tree__depth_limit),
	TEST_CASE(test_json_tree__number_limits),
	TEST_CASE(test_json_tree__duplicate_keys_quoted_safely),
};

TEST_MAIN(cases)
