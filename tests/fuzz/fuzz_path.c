/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_path.c - mapping paths: parsing and evaluation (map/path.c).
 *
 * The input is a path, up to the first NUL byte. It is parsed with
 * l2e__path_parse() and evaluated against a fixed record tree, with each
 * of its records as the current node. If a NUL byte follows, the rest of
 * the input is read as a JSON document and the path is evaluated
 * against that tree as well.
 *
 * Checks beyond the sanitizers:
 *  - a syntax error has a reason and points inside the text;
 *  - a parsed path has the steps its kind promises (names, values);
 *  - l2e__path_first() is the first node l2e__path_visit() reaches;
 *  - the path of a reached node (l2e__node_path(), which findings
 *    show) parses, and leads from the root back to that very node;
 *  - a path that does not start at $root ($parent included) reaches
 *    nothing outside its record: never another student's rows.
 *
 * Internal API (src/lib), as tests/unit/test_path.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/pool.h"
#include "map/path.h"
#include "read/json_tree.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_doc[] =
    "{\"env\": \"e\", \"n\": 3, \"items\": ["
    " {\"name\": [{\"lang\": \"en\", \"v\": \"E\"}, {\"lang\": \"nl\", "
    "\"v\": \"N\"}], \"id\": {\"type\": \"sn\", \"code\": \"007\"},"
    " \"Uren per week\": \"32,0\", \"a.b\": {\"c\": true},"
    " \"\": \"empty key\", \"tags\": [\"a\", \"b\", [\"c\", null]],"
    " \"codes\": {\"x\": {\"t\": \"1\"}, \"y\": {\"t\": \"2\"}}},"
    " {\"name\": [{\"lang\": \"nl\", \"v\": \"M\"}], \"n\": 1.5e3,"
    " \"id\": [{\"type\": \"sn\", \"code\": 8}, {\"type\": \"x\"}]},"
    " [1, 2, {\"deep\": [[{\"z\": \"Z\"}]]}], null, \"s\"]}";

static l2e_ctx *ctx;
static l2e__pool fixed_pool = L2E__POOL_INIT;
static l2e__node *fixed_root;

static l2e__node *parse_tree(l2e__pool *pool, const char *text, size_t len)
{
	l2e__json_cursor cur;
	l2e__node *root = NULL;

	l2e__json_cursor_init(&cur, "tree", text, len,
	                      l2e_ctx_options_get(ctx));
	if (l2e__json_next(&root, pool, ctx, &cur) < 0)
		return NULL;
	return root;
}

static void setup(void)
{
	if (ctx)
		return;
	if (l2e_ctx_new(&ctx, NULL) < 0 ||
	    !(fixed_root =
	          parse_tree(&fixed_pool, fixed_doc, sizeof(fixed_doc) - 1))) {
		fprintf(stderr, "fuzz_path: cannot set up\n");
		abort();
	}
}

typedef struct visit_state {
	const l2e__node *root;
	const l2e__node *record; /* NULL: the path starts at $root */
	const l2e__node *first;
	size_t n;
	l2e__pool *pool;
} visit_state;

typedef struct find_state {
	const l2e__node *want;
	int is_found;
} find_state;

static int find_node(const l2e__node *n, void *payload)
{
	find_state *fs = payload;

	fs->is_found |= n == fs->want;
	return fs->is_found;
}

/* The path of `n` from its root must parse and lead back to `n`. */
static void check_node_path(const l2e__node *n, const l2e__node *root,
                            l2e__pool *pool)
{
	l2e_buf text = L2E_BUF_INIT;
	l2e__path path;
	l2e__scope scope = { root, root, root, NULL };
	find_state fs = { n, 0 };
	const l2e__node *p;
	const char *why = NULL;
	size_t at = 0, depth = 0, longest = 0;

	for (p = n; p && p->parent; p = p->parent) {
		depth++;
		if (p->key && strlen(p->key) > longest)
			longest = strlen(p->key);
	}
	/*
	 * node_path stops at 256 levels, and the parser takes quoted
	 * names of up to 511 bytes (path.c, quoted()): beyond those
	 * limits a finding's path is for reading only.
	 */
	if (p != root || depth >= 256 || longest >= 511)
		return;
	if (l2e__node_path(&text, n) < 0)
		abort(); /* out of memory: not expected while fuzzing */
	if (!text.ptr) {
		if (n != root)
			fuzz_fail(
			    "an empty path for a node that is not the root",
			    "l2e__node_path", NULL, 0);
		return;
	}
	if (l2e__path_parse(&path, pool, text.ptr, &at, &why) < 0)
		fuzz_fail("the path of a node does not parse", "l2e__node_path",
		          text.ptr, text.len);
	l2e__path_visit(&path, &scope, find_node, &fs);
	if (!fs.is_found)
		fuzz_fail("the path of a node does not lead to it",
		          "l2e__node_path", text.ptr, text.len);
	l2e_buf_dispose(&text);
}

static int on_node(const l2e__node *n, void *payload)
{
	visit_state *vs = payload;

	if (!n)
		fuzz_fail("a NULL node reached", "l2e__path_visit", NULL, 0);
	if (vs->record) {
		const l2e__node *p = n;

		while (p && p != vs->record)
			p = p->parent;
		if (!p)
			fuzz_fail("a path reached a node outside its record",
			          "l2e__path_visit", NULL, 0);
	}
	if (vs->n++ == 0)
		vs->first = n;
	if (vs->n <= 64)
		check_node_path(n, vs->root, vs->pool);
	return 0;
}

static void evaluate(const l2e__path *path, const l2e__node *root,
                     l2e__pool *pool)
{
	const l2e__node *records[8], *c;
	size_t n_records = 0, i;

	records[n_records++] = root;
	if (root->kind == L2E__NODE_OBJECT || root->kind == L2E__NODE_ARRAY)
		for (c = root->first; c && n_records < 8; c = c->next)
			records[n_records++] = c;
	c = l2e__node_member(root, "items");
	if (c)
		for (c = c->first; c && n_records < 8; c = c->next)
			records[n_records++] = c;
	for (i = 0; i < n_records; i++) {
		l2e__scope scope = { records[i], records[i], root, NULL };
		visit_state vs;

		memset(&vs, 0, sizeof(vs));
		vs.root = root;
		vs.record = path->base == L2E__PATH_ROOT ? NULL : records[i];
		vs.pool = pool;
		l2e__path_visit(path, &scope, on_node, &vs);
		if (l2e__path_first(path, &scope) != vs.first)
			fuzz_fail("path_first is not the first node visited",
			          path->text, NULL, 0);
	}
}

static void check_parsed(const l2e__path *path, const char *text)
{
	size_t i;

	if (path->text != text)
		fuzz_fail("the path does not keep its text", text, NULL, 0);
	if (path->n_steps && !path->steps)
		fuzz_fail("steps counted but missing", text, NULL, 0);
	for (i = 0; i < path->n_steps; i++) {
		const l2e__step *s = &path->steps[i];

		if (s->kind == L2E__STEP_PARENT && path->base)
			fuzz_fail("$parent after $record or $root", text, NULL,
			          0);
		if ((s->kind == L2E__STEP_MEMBER && !s->name) ||
		    (s->kind == L2E__STEP_FILTER && (!s->name || !s->value)))
			fuzz_fail("a step without its name or value", text,
			          NULL, 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__path path;
	const uint8_t *nul = memchr(data, 0, size);
	size_t len = nul ? (size_t)(nul - data) : size;
	char *text;
	const char *why = NULL;
	size_t at = (size_t)-1;
	l2e__node *tree = NULL;
	int rc;

	setup();
	if (!(text = l2e__pool_strndup(&pool, (const char *)data, len)))
		abort();
	rc = l2e__path_parse(&path, &pool, text, &at, &why);
	if (rc == L2E_EMAPPING) {
		if (!why || at > len)
			fuzz_fail("a syntax error without a reason or place",
			          text, text, len);
		goto done;
	}
	if (rc != 0)
		fuzz_fail("an unexpected return code", text, text, len);
	check_parsed(&path, text);
	evaluate(&path, fixed_root, &pool);
	if (nul) {
		tree = parse_tree(&pool, (const char *)nul + 1, size - len - 1);
		if (tree)
			evaluate(&path, tree, &pool);
	}
done:
	l2e__pool_clear(&pool);
	return 0;
}
