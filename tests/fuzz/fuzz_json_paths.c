/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_json_paths.c - the JSON reader's fast path against its cJSON path
 * (read/json_tree.c).
 *
 * The input is JSON text: zero or more values in a row, as an export or
 * a JSON Lines file holds them. json_tree.c builds the record tree of
 * plain JSON within every limit in one pass of its own, and leaves
 * everything else to cJSON; a cursor with is_cjson_only set always takes
 * the cJSON path. The input is read both ways, each with its own context
 * and pool, one l2e__json_next() call after the other, and after every
 * call the two must agree exactly:
 *
 *  - the same result: the same code, a value on both or on neither;
 *  - the same tree: kinds, keys, texts, lengths, indexes, child counts,
 *    and the line and column of every value and every key;
 *  - the cursor at the same byte, line and column;
 *  - the same error on the context: code, class, message, file, line,
 *    column, field and rule (or none on both).
 *
 * Each input is compared three times: with the default limits (as
 * fuzz_json_input.c reads), with the tight limits of the unit test
 * (depth 3, numbers of 6 bytes, 9 values, strings of 4 bytes), so that
 * every limit is in reach of a small input, and with a depth limit past
 * cJSON's own nesting limit (it refuses more than 1000 levels; the fast
 * path leaves 1000 levels and more to cJSON).
 * A difference prints both outcomes to stderr and aborts.
 *
 * tests/unit/test_json_tree.c ("The fast path against the cJSON path")
 * compares the paths on fixed texts and their mutations; same_tree()
 * there is first_difference() here. Internal API (src/lib), as that test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/pool.h"
#include "read/json_tree.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One way of reading the input. */
typedef struct side {
	const char *name; /* "fast" or "cJSON" */
	l2e_ctx *ctx;
	l2e__pool pool;
	l2e__json_cursor cur;
	l2e__node *root; /* the value of the last call, or NULL */
	int error;       /* the result of the last call */
} side;

static void side_open(side *s, const char *name, const l2e_ctx_options *opts,
                      const uint8_t *data, size_t size, int is_cjson_only)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	if (l2e_ctx_new(&s->ctx, opts) < 0) {
		fprintf(stderr, "fuzz_json_paths: cannot set up\n");
		abort();
	}
	l2e__json_cursor_init(&s->cur, "fuzz.json", (const char *)data, size,
	                      l2e_ctx_options_get(s->ctx));
	s->cur.is_cjson_only = is_cjson_only;
}

static void side_close(side *s)
{
	l2e__pool_clear(&s->pool);
	l2e_ctx_free(s->ctx);
	s->ctx = NULL;
}

static void side_next(side *s)
{
	s->root = NULL;
	s->error = l2e__json_next(&s->root, &s->pool, s->ctx, &s->cur);
}

static int same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The fields of two nodes, children aside (same_tree() of the test). */
static int same_node(const l2e__node *a, const l2e__node *b)
{
	return a->kind == b->kind && a->len == b->len && a->line == b->line &&
	       a->column == b->column && a->key_line == b->key_line &&
	       a->key_column == b->key_column && a->index == b->index &&
	       a->n_children == b->n_children && same_str(a->key, b->key) &&
	       same_str(a->file, b->file) && !a->text == !b->text &&
	       (!a->text || memcmp(a->text, b->text, a->len + 1) == 0);
}

/*
 * The first node of tree `a`, in document order, that differs from its
 * twin in tree `b` (the twin in *twin_out), or NULL when the trees are
 * the same. A parent whose lists of children differ in length is the
 * node that differs.
 */
static const l2e__node *first_difference(const l2e__node *a, const l2e__node *b,
                                         const l2e__node **twin_out)
{
	const l2e__node *x, *y, *d;

	*twin_out = b;
	if (!same_node(a, b))
		return a;
	for (x = a->first, y = b->first; x && y; x = x->next, y = y->next)
		if ((d = first_difference(x, y, twin_out)) != NULL)
			return d;
	if (x || y) {
		*twin_out = b;
		return a;
	}
	return NULL;
}

static void describe_node(l2e_buf *out, const char *name, const l2e__node *n)
{
	l2e__buf_printf(out,
	                "%s: kind %d at %u:%u, key %s%s%s at %u:%u, index %zu, "
	                "%zu children, %zu bytes",
	                name, (int)n->kind, n->line, n->column,
	                n->key ? "\"" : "", n->key ? n->key : "(none)",
	                n->key ? "\"" : "", n->key_line, n->key_column,
	                n->index, n->n_children, n->len);
	if (n->text)
		l2e__buf_printf(out, " \"%.80s\"", n->text);
	l2e__buf_putc(out, '\n');
}

static void describe_side(l2e_buf *out, const side *s)
{
	const l2e_error *e = l2e_ctx_error(s->ctx);

	l2e__buf_printf(out, "%s: rc %d, %s, cursor at byte %zu (%u:%u)",
	                s->name, s->error, s->root ? "a value" : "no value",
	                s->cur.pos, s->cur.line, s->cur.column);
	if (e)
		l2e__buf_printf(
		    out,
		    ", error %d class %d %s:%u:%u \"%s\" field %s "
		    "rule %s",
		    e->code, (int)e->klass, e->file ? e->file : "-", e->line,
		    e->column, e->message ? e->message : "(null)",
		    e->field ? e->field : "-", e->rule ? e->rule : "-");
	l2e__buf_putc(out, '\n');
}

static int same_error(const l2e_error *a, const l2e_error *b)
{
	if (!a || !b)
		return a == b;
	return a->code == b->code && a->klass == b->klass &&
	       a->line == b->line && a->column == b->column &&
	       same_str(a->message, b->message) && same_str(a->file, b->file) &&
	       same_str(a->field, b->field) && same_str(a->rule, b->rule);
}

static void differ(const char *what, const char *limits, size_t n_values,
                   const side *fast, const side *slow,
                   const l2e__node *fast_node, const l2e__node *slow_node)
{
	l2e_buf text = L2E_BUF_INIT, where = L2E_BUF_INIT;

	l2e__buf_printf(&where, "value %zu, %s limits", n_values, limits);
	describe_side(&text, fast);
	describe_side(&text, slow);
	if (fast_node && slow_node) {
		l2e__buf_puts(&text, "at '");
		l2e__node_path(&text, fast_node);
		l2e__buf_puts(&text, "' (the value's path)\n");
		describe_node(&text, fast->name, fast_node);
		describe_node(&text, slow->name, slow_node);
	}
	fuzz_fail(what, where.ptr ? where.ptr : limits, text.ptr, text.len);
	l2e_buf_dispose(&text); /* not reached: fuzz_fail() aborts */
	l2e_buf_dispose(&where);
}

/* After one call on each side: abort() unless they agree. */
static void check_step(const side *fast, const side *slow, size_t n_values,
                       const char *limits)
{
	const l2e__node *d, *twin;

	if (fast->error != slow->error || !fast->root != !slow->root)
		differ("the paths give different results", limits, n_values,
		       fast, slow, NULL, NULL);
	if (fast->cur.pos != slow->cur.pos ||
	    fast->cur.line != slow->cur.line ||
	    fast->cur.column != slow->cur.column)
		differ("the paths leave the cursor in different places", limits,
		       n_values, fast, slow, NULL, NULL);
	if (!same_error(l2e_ctx_error(fast->ctx), l2e_ctx_error(slow->ctx)))
		differ("the paths report different errors", limits, n_values,
		       fast, slow, NULL, NULL);
	if (fast->root &&
	    (d = first_difference(fast->root, slow->root, &twin)) != NULL)
		differ("the paths build different trees", limits, n_values,
		       fast, slow, d, twin);
}

/* Every value of the input, both ways, compared call by call. */
static void compare_paths(const uint8_t *data, size_t size,
                          const l2e_ctx_options *opts, const char *limits)
{
	side fast, slow;
	size_t n_values = 0, pos;

	side_open(&slow, "cJSON", opts, data, size, 1);
	side_open(&fast, "fast", opts, data, size, 0);
	for (;;) {
		pos = slow.cur.pos;
		side_next(&slow);
		side_next(&fast);
		check_step(&fast, &slow, n_values, limits);
		if (fast.error < 0 || !fast.root)
			break;
		if (fast.cur.pos <= pos)
			differ("a value took no bytes", limits, n_values, &fast,
			       &slow, NULL, NULL);
		n_values++;
		/* the trees are compared: free them before the next value */
		l2e__pool_clear(&fast.pool);
		l2e__pool_clear(&slow.pool);
	}
	side_close(&fast);
	side_close(&slow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_ctx_options defaults = L2E_CTX_OPTIONS_INIT;
	l2e_ctx_options tight = L2E_CTX_OPTIONS_INIT;
	l2e_ctx_options deep = L2E_CTX_OPTIONS_INIT;

	tight.max_depth = 3;
	tight.max_number_bytes = 6;
	tight.max_values = 9;
	tight.max_string_bytes = 4;
	deep.max_depth = 1100; /* past cJSON's 1000 levels */
	compare_paths(data, size, &defaults, "default");
	compare_paths(data, size, &tight, "tight");
	compare_paths(data, size, &deep, "deep");
	return 0;
}
