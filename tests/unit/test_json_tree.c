/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_json_tree.c - JSON to record tree, positions and refusals
 * (read/json_tree.c).
 */
#include "test.h"

#include <dirent.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/pool.h"
#include "fixtures.h"
#include "read/json_tree.h"

static l2e_ctx *ctx;
static l2e__pool pool;

static void setup(void)
{
	fixture_pool_open(&ctx, &pool);
}

static void teardown(void)
{
	fixture_pool_close(&ctx, &pool);
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

/* ==== The fast path against the cJSON path ==== */

/* Both trees the same: kinds, keys, texts and every position. */
static int same_tree(const l2e__node *a, const l2e__node *b)
{
	const l2e__node *x, *y;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->len != b->len || a->line != b->line ||
	    a->column != b->column || a->key_line != b->key_line ||
	    a->key_column != b->key_column || a->index != b->index ||
	    a->n_children != b->n_children || !a->key != !b->key ||
	    (a->key && strcmp(a->key, b->key)) || !a->text != !b->text ||
	    (a->text && memcmp(a->text, b->text, a->len + 1)))
		return 0;
	for (x = a->first, y = b->first; x && y; x = x->next, y = y->next)
		if (!same_tree(x, y))
			return 0;
	return !x && !y;
}

typedef struct outcome {
	l2e__node *roots[16];
	size_t n_roots;
	int error;
	char message[512];
	unsigned line, column;
	size_t pos;
} outcome;

/* Every value of `text` in a row, as l2e__json_next gives them. */
static void parse_all(outcome *o, const char *text, size_t len,
                      int is_cjson_only, const l2e_ctx_options *opts)
{
	l2e__json_cursor cur;
	l2e__node *root = NULL;
	const l2e_error *e;

	memset(o, 0, sizeof(*o));
	l2e__json_cursor_init(&cur, "t.json", text, len, opts);
	cur.is_cjson_only = is_cjson_only;
	while (o->n_roots < 16) {
		o->error = l2e__json_next(&root, &pool, ctx, &cur);
		if (o->error || !root)
			break;
		o->roots[o->n_roots++] = root;
	}
	o->pos = cur.pos;
	o->line = cur.line;
	o->column = cur.column;
	if (o->error && (e = l2e_ctx_error(ctx)) != NULL) {
		snprintf(o->message, sizeof(o->message), "%s", e->message);
		o->line = e->line;
		o->column = e->column;
	}
}

static size_t n_compared;

static void compare_paths(const char *what, const char *text, size_t len,
                          const l2e_ctx_options *opts)
{
	outcome fast, slow;
	size_t i;

	parse_all(&slow, text, len, 1, opts);
	parse_all(&fast, text, len, 0, opts);
	n_compared++;
	if (fast.error != slow.error || fast.n_roots != slow.n_roots ||
	    fast.pos != slow.pos || fast.line != slow.line ||
	    fast.column != slow.column ||
	    strcmp(fast.message, slow.message) != 0) {
		test_fail(__FILE__, __LINE__,
		          "%s: fast %d %zu values %u:%u \"%s\", cJSON %d %zu "
		          "values %u:%u \"%s\"",
		          what, fast.error, fast.n_roots, fast.line,
		          fast.column, fast.message, slow.error, slow.n_roots,
		          slow.line, slow.column, slow.message);
		return;
	}
	for (i = 0; i < fast.n_roots; i++)
		if (!same_tree(fast.roots[i], slow.roots[i]))
			test_fail(__FILE__, __LINE__, "%s: value %zu differs",
			          what, i);
	l2e__pool_clear(&pool);
}

static unsigned long seed = 7;

static size_t pick(size_t n)
{
	return test_pick(&seed, n);
}

/* `text` and some mutations of it: bytes that matter to JSON put in,
 * taken out or replaced. */
static void compare_mutated(const char *what, const char *text, size_t len,
                            const l2e_ctx_options *opts, int n_mutations)
{
	static const char *const pieces[] = {
		"{",        "}",
		"[",        "]",
		",",        ":",
		"\"",       "\\",
		" ",        "\n",
		"\t",       "\x01",
		"0",        "-",
		"1e999",    "01",
		".",        "e",
		"\\u0000",  "\\ud800",
		"\\udc00",  "\\ud83d\\ude00",
		"\\u00e9",  "\\n",
		"true",     "nul",
		"\xc3\xa9", "\"k\":1,",
		"1.5e3",
	};
	l2e_buf m = L2E_BUF_INIT;
	size_t at, cut, k;
	int i;

	compare_paths(what, text, len, opts);
	for (i = 0; i < n_mutations && !test_failures_in_case; i++) {
		const char *piece =
		    pieces[pick(sizeof(pieces) / sizeof(pieces[0]))];

		l2e__buf_clear(&m);
		at = len ? pick(len + 1) : 0;
		cut = at < len ? pick(3) : 0;
		if (at + cut > len)
			cut = len - at;
		k = pick(3) ? strlen(piece) : 0;
		l2e__buf_put(&m, text, at);
		l2e__buf_put(&m, piece, k);
		l2e__buf_put(&m, text + at + cut, len - at - cut);
		compare_paths(what, m.ptr ? m.ptr : "", m.len, opts);
	}
	l2e_buf_dispose(&m);
}

static void compare_folder(const char *dir, const l2e_ctx_options *opts)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	l2e_buf path = L2E_BUF_INIT, data = L2E_BUF_INIT;
	FILE *f;
	char chunk[4096];
	size_t n;

	if (!d)
		return;
	while ((ent = readdir(d)) != NULL && !test_failures_in_case) {
		if (ent->d_name[0] == '.')
			continue;
		l2e__buf_clear(&path);
		l2e__buf_printf(&path, "%s/%s", dir, ent->d_name);
		l2e__buf_clear(&data);
		if (!(f = fopen(path.ptr, "rb")))
			continue;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			l2e__buf_put(&data, chunk, n);
		fclose(f);
		compare_mutated(path.ptr, data.ptr ? data.ptr : "", data.len,
		                opts, 40);
	}
	closedir(d);
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&data);
}

/*
 * The fast path must give what the cJSON path gives (trees, positions,
 * errors, where the cursor stops) for any text: its own results on
 * plain JSON, the cJSON path's for everything it gives up on. Inputs:
 * texts by hand, the fuzz corpora and hostile cases (L2E_TEST_SRC), and
 * random mutations of them all; with tight limits too.
 */
static void test_json_tree__fast_path_agrees_with_cjson(void)
{
	static const char *const texts[] = {
		"{\"a\": 1, \"b\": [true, false, null, -0.5e-3, \"x\\\"y\"]}",
		"\xEF\xBB\xBF  {\"k\": 1}\n{\"k\": 2}\n\n[]  {}\n\"s\" 12 true",
		"{\"\\u00e9\\ud83d\\ude00\": \"caf\xc3\xa9 \\/ "
		"\\b\\f\\n\\r\\t\"}",
		"{\"a\": {\"b\": {\"c\": [[[[1]]]]}}, \"d\": \"\"}",
		"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]",
		"{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":"
		"7,"
		"\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,"
		"\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k3\":18}",
		"{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":"
		"7,"
		"\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,"
		"\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18}",
		"{\"a\":\r\n\t1}\r\n",
		"12345678901234567890123456789012345678901234567890123456789012"
		"3",
	};
	static const char *const folders[] = {
		"tests/fuzz/corpora/json_input",
		"tests/fuzz/corpora/mapping_load",
		"tests/hostile/cases",
		"mappings",
		"samples/koerskaart-json",
	};
	l2e_ctx_options tight = L2E_CTX_OPTIONS_INIT;
	const char *src = getenv("L2E_TEST_SRC");
	l2e_buf dir = L2E_BUF_INIT;
	size_t i;

	setup();
	tight.max_depth = 3;
	tight.max_number_bytes = 6;
	tight.max_values = 9;
	tight.max_string_bytes = 4;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		compare_mutated(texts[i], texts[i], strlen(texts[i]),
		                l2e_ctx_options_get(ctx), 200);
		compare_mutated(texts[i], texts[i], strlen(texts[i]), &tight,
		                50);
	}
	for (i = 0; src && i < sizeof(folders) / sizeof(folders[0]); i++) {
		l2e__buf_clear(&dir);
		l2e__buf_printf(&dir, "%s/%s", src, folders[i]);
		compare_folder(dir.ptr, l2e_ctx_options_get(ctx));
	}
	CHECK(n_compared > 1000);
	l2e_buf_dispose(&dir);
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
	TEST_CASE(test_json_tree__fast_path_agrees_with_cjson),
};

TEST_MAIN(cases)
