/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_cjson.c - the cJSON path of json_tree.c: cJSON parses; a second,
 * trivial walk over the (already valid) text runs in step with cJSON's
 * tree, records where each value starts, keeps numbers' lexical form and
 * refuses what cJSON lets through (see json_tree.h). Every value the fast
 * path (json_fast.c) gives up on comes here, so every refusal and its
 * message is made here.
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <cJSON.h>

#include "read/json_tree_int.h"
#include "util/alloc.h"
#include "util/group.h"
#include "core/buf.h"

typedef struct walk {
	l2e__json_cursor *cur;
	l2e__pool *pool;
	l2e_ctx *ctx;
	const char *p; /* scan position */
	const char *end;
	unsigned line;
	unsigned column;
	l2e__node *root;
} walk;

static void advance(walk *w, size_t n)
{
	while (n-- > 0 && w->p < w->end) {
		if (*w->p == '\n') {
			w->line++;
			w->column = 1;
		} else if (((unsigned char)*w->p & 0xC0) != 0x80) {
			w->column++;
		}
		w->p++;
	}
}

static void skip_ws(walk *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' ||
	                         *w->p == '\n' || *w->p == '\r'))
		advance(w, 1);
}

static int fail(walk *w, int code, const char *msg, const char *detail)
{
	return l2e__error_set_at(w->ctx, code, L2E_ERRCLASS_READ, w->cur->name,
	                         w->line, w->column, NULL, "%s%s%s", msg,
	                         detail ? ": " : "", detail ? detail : "");
}

/* As fail(), at a given place. */
static int fail_at(walk *w, int code, unsigned line, unsigned column,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail_at(walk *w, int code, unsigned line, unsigned column,
                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(w->ctx, code, L2E_ERRCLASS_READ, w->cur->name, line,
	                   column, NULL, fmt, ap);
	va_end(ap);
	return code;
}

static int is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
	       c == 'e' || c == 'E';
}

/*
 * Before cJSON sees a value, one cheap pass over its bytes checks the
 * limits cJSON would report badly or not at all: nesting deeper than
 * max_depth (cJSON stops past 1000 with a bare syntax error, after
 * recursing that deep) and numbers longer than max_number_bytes (cJSON
 * reads at most 63 characters of a number and then fails), and more
 * values than max_values (counted as separators and openings: cJSON
 * would have built them all, some 200 bytes each, before we could
 * count). The pass stops where the value ends; syntax is left to cJSON.
 */
static int prescan(const walk *w)
{
	walk s = *w;
	size_t depth = 0, len, n_values = 1;
	unsigned line, column;

	while (s.p < s.end) {
		char c = *s.p;

		if (c == '"') {
			advance(&s, 1);
			while (s.p < s.end && *s.p != '"')
				advance(&s, *s.p == '\\' ? 2 : 1);
			advance(&s, 1);
			if (!depth) /* a top-level string is the whole value */
				return 0;
		} else if ((c == '{' || c == '[' || c == ',') &&
		           ++n_values > s.cur->max_values) {
			return fail_at(&s, L2E_ELIMIT, s.line, s.column,
			               "more than max_values (%zu) values",
			               s.cur->max_values);
		} else if (c == '{' || c == '[') {
			if (++depth > s.cur->max_depth)
				return fail_at(&s, L2E_ELIMIT, s.line, s.column,
				               "nesting deeper than max_depth "
				               "(%zu)",
				               s.cur->max_depth);
			advance(&s, 1);
		} else if (c == '}' || c == ']') {
			advance(&s, 1);
			if (depth <= 1)
				return 0;
			depth--;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			line = s.line;
			column = s.column;
			for (len = 0; s.p < s.end && is_number_char(*s.p);
			     len++)
				advance(&s, 1);
			if (len > s.cur->max_number)
				return fail_at(&s, L2E_ELIMIT, line, column,
				               "a number is longer than "
				               "max_number_bytes (%zu)",
				               s.cur->max_number);
			if (!depth)
				return 0;
		} else if (!depth && c != ' ' && c != '\t' && c != '\n' &&
		           c != '\r') {
			return 0; /* true, false, null or garbage: cJSON's */
		} else {
			advance(&s, 1);
		}
	}
	return 0;
}

/*
 * The index of the first member whose key an earlier member has, or
 * (size_t)-1; -2 when out of memory. The first repeat of a key is the
 * second member of its group (util/group.h keeps members in input
 * order), so the answer is the smallest of those. n log n: looking every
 * key up among the members before it was quadratic, and an object of
 * 200 000 members took minutes.
 */
static size_t first_duplicate(const cJSON *obj)
{
	const cJSON *child;
	const char **keys;
	l2e__groups g;
	size_t n = 0, i, second, dup = (size_t)-1;

	for (child = obj->child; child; child = child->next)
		n++;
	if (n < 2)
		return dup;
	if (!(keys = l2e__calloc(n, sizeof(*keys))))
		return (size_t)-2;
	for (i = 0, child = obj->child; child; child = child->next, i++)
		keys[i] = child->string; /* NULL groups as "" */
	if (l2e__group_by_key(&g, keys, n) < 0)
		dup = (size_t)-2;
	for (i = 0; dup != (size_t)-2 && i < g.n_groups; i++) {
		if (g.starts[i + 1] - g.starts[i] < 2)
			continue;
		second = g.order[g.starts[i] + 1];
		if (second < dup)
			dup = second;
	}
	l2e__groups_dispose(&g);
	l2e__free((void *)keys);
	return dup;
}

/* Skip a string token; refuse "\u0000", which cJSON would truncate at. */
static int skip_string(walk *w)
{
	advance(w, 1); /* opening quote */
	while (w->p < w->end && *w->p != '"') {
		if (*w->p == '\\') {
			if (w->end - w->p >= 6 &&
			    memcmp(w->p, "\\u0000", 6) == 0)
				return fail(w, L2E_EPARSE,
				            "a string contains \\u0000", NULL);
			advance(w, 2);
		} else {
			advance(w, 1);
		}
	}
	advance(w, 1); /* closing quote */
	return 0;
}

static void skip_scalar(walk *w)
{
	while (w->p < w->end && !strchr(",]} \t\r\n", *w->p))
		advance(w, 1);
}

static int build(walk *w, const cJSON *item, l2e__node *parent, const char *key,
                 size_t depth, unsigned key_line, unsigned key_column);

static int build_children(walk *w, const cJSON *item, l2e__node *node,
                          size_t depth)
{
	const cJSON *child;
	int is_object = cJSON_IsObject(item), error;
	size_t i, dup = is_object ? first_duplicate(item) : (size_t)-1;

	if (dup == (size_t)-2)
		return L2E_ENOMEM;
	advance(w, 1); /* { or [ */
	for (i = 0, child = item->child; child; child = child->next, i++) {
		unsigned key_line = 0, key_column = 0;

		skip_ws(w);
		if (is_object) {
			key_line = w->line;
			key_column = w->column;
			if (i == dup)
				return fail(w, L2E_EPARSE, "duplicate key",
				            child->string);
			if ((error = skip_string(w)) < 0)
				return error;
			skip_ws(w);
			advance(w, 1); /* : */
		}
		error = build(w, child, node, is_object ? child->string : NULL,
		              depth + 1, key_line, key_column);
		if (error < 0)
			return error;
		skip_ws(w);
		if (w->p < w->end && *w->p == ',')
			advance(w, 1);
	}
	skip_ws(w);
	advance(w, 1); /* } or ] */
	return 0;
}

static int build(walk *w, const cJSON *item, l2e__node *parent, const char *key,
                 size_t depth, unsigned key_line, unsigned key_column)
{
	l2e__node_kind kind;
	l2e__node *node;
	const char *start;
	int error;

	skip_ws(w);
	if (cJSON_IsObject(item))
		kind = L2E__NODE_OBJECT;
	else if (cJSON_IsArray(item))
		kind = L2E__NODE_ARRAY;
	else if (cJSON_IsString(item))
		kind = L2E__NODE_STRING;
	else if (cJSON_IsNumber(item))
		kind = L2E__NODE_NUMBER;
	else if (cJSON_IsBool(item))
		kind = L2E__NODE_BOOL;
	else
		kind = L2E__NODE_NULL;

	if ((kind == L2E__NODE_OBJECT || kind == L2E__NODE_ARRAY) &&
	    depth > w->cur->max_depth)
		return fail(w, L2E_ELIMIT, "nesting deeper than max_depth",
		            NULL);
	if (kind == L2E__NODE_NUMBER && !isfinite(item->valuedouble))
		return fail(w, L2E_EPARSE,
		            "a number is out of range (too large for a "
		            "double)",
		            NULL);
	node = l2e__node_new(w->pool, kind, w->line, w->column);
	if (!node)
		return L2E_ENOMEM;
	if (key && !(node->key = l2e__pool_strdup(w->pool, key)))
		return L2E_ENOMEM;
	node->key_line = key_line;
	node->key_column = key_column;
	if (parent)
		l2e__node_append(parent, node);
	else
		w->root = node;

	switch (kind) {
	case L2E__NODE_OBJECT:
	case L2E__NODE_ARRAY: return build_children(w, item, node, depth);
	case L2E__NODE_STRING:
		if ((error = skip_string(w)) < 0)
			return error;
		node->len = strlen(item->valuestring);
		if (node->len > w->cur->max_string)
			return fail_at(w, L2E_ELIMIT, node->line, node->column,
			               "a string is longer than "
			               "max_string_bytes (%zu bytes)",
			               w->cur->max_string);
		node->text =
		    l2e__pool_strndup(w->pool, item->valuestring, node->len);
		break;
	default:
		start = w->p;
		skip_scalar(w);
		node->len = (size_t)(w->p - start);
		node->text = l2e__pool_strndup(w->pool, start, node->len);
		if (kind == L2E__NODE_NULL) {
			node->text = NULL;
			node->len = 0;
			return 0;
		}
		break;
	}
	return node->text ? 0 : L2E_ENOMEM;
}

/* The value at the cursor (after white space), read by cJSON. */
int l2e__json_cjson_parse(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                          l2e__json_cursor *cur)
{
	walk w;
	cJSON *item = NULL;
	const char *parse_end = NULL;
	int error;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	w.cur = cur;
	w.pool = pool;
	w.ctx = ctx;
	w.p = cur->data + cur->pos;
	w.end = cur->data + cur->len;
	w.line = cur->line;
	w.column = cur->column;
	if ((error = prescan(&w)) < 0)
		return error;
	item = cJSON_ParseWithLengthOpts(w.p, (size_t)(w.end - w.p), &parse_end,
	                                 0);
	if (!item) {
		size_t at = parse_end ? (size_t)(parse_end - w.p) : 0;

		advance(&w, at);
		error = l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          cur->name, w.line, w.column, NULL,
		                          "JSON syntax error");
		goto done;
	}
	error = build(&w, item, NULL, NULL, 1, 0, 0);
	if (error < 0)
		goto done;
	/* the walk and cJSON must agree on where the value ends */
	if (w.p != parse_end) {
		error = l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          cur->name, w.line, w.column, NULL,
		                          "JSON value could not be located");
		goto done;
	}
	cur->pos = (size_t)(w.p - cur->data);
	cur->line = w.line;
	cur->column = w.column;
	*out = w.root;
done:
	if (error == L2E_ENOMEM)
		l2e__error_set(ctx, error, L2E_ERRCLASS_READ, "out of memory");
	cJSON_Delete(item);
	return error;
}
