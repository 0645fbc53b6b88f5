/*
 * json_tree.c - JSON text to record tree (see json_tree.h).
 */
#include "json_tree.h"

#include <string.h>

#include <cJSON.h>

#include "core/utf8.h"

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

	advance(w, 1); /* { or [ */
	for (child = item->child; child; child = child->next) {
		unsigned key_line = 0, key_column = 0;

		skip_ws(w);
		if (is_object) {
			key_line = w->line;
			key_column = w->column;
			if (l2e__node_member(node, child->string))
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
			return fail(w, L2E_ELIMIT,
			            "a string is longer than max_string_bytes",
			            NULL);
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

void l2e__json_cursor_init(l2e__json_cursor *cur, const char *name,
                           const char *data, size_t len,
                           const l2e_ctx_options *opts)
{
	memset(cur, 0, sizeof(*cur));
	cur->name = name;
	cur->data = data;
	cur->len = len;
	cur->line = 1;
	cur->column = 1;
	cur->max_depth = opts->max_depth;
	cur->max_string = opts->max_string_bytes;
	/* a UTF-8 byte order mark is allowed and ignored */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		cur->pos = 3;
}

int l2e__json_next(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   l2e__json_cursor *cur)
{
	walk w;
	cJSON *item = NULL;
	const char *parse_end = NULL;
	size_t bad;
	int error = 0;

	*out = NULL;
	if (!cur->is_checked) {
		if (!l2e__utf8_valid(cur->data, cur->len, &bad)) {
			unsigned line, column;

			l2e__text_position(cur->data, bad, &line, &column);
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, cur->name, line,
			    column, NULL,
			    cur->data[bad] ? "invalid UTF-8 byte sequence"
			                   : "NUL byte in JSON text");
		}
		cur->is_checked = 1;
	}

	memset(&w, 0, sizeof(w));
	w.cur = cur;
	w.pool = pool;
	w.ctx = ctx;
	w.p = cur->data + cur->pos;
	w.end = cur->data + cur->len;
	w.line = cur->line;
	w.column = cur->column;
	skip_ws(&w);
	cur->pos = (size_t)(w.p - cur->data);
	cur->line = w.line;
	cur->column = w.column;
	if (w.p == w.end)
		return 0;

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
