/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_tree.c - JSON text to record tree (see json_tree.h): the cursor,
 * and the choice between the two paths (json_tree_int.h).
 */
#include "json_tree.h"

#include <string.h>

#include "core/utf8.h"
#include "read/json_tree_int.h"

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
	cur->max_number = opts->max_number_bytes;
	cur->max_values = opts->max_values;
	/* a UTF-8 byte order mark is allowed and ignored */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		cur->pos = 3;
}

/* Past white space, counting lines and columns (white space is ASCII). */
static void skip_ws(l2e__json_cursor *cur)
{
	for (; cur->pos < cur->len; cur->pos++) {
		char c = cur->data[cur->pos];

		if (c == '\n') {
			cur->line++;
			cur->column = 1;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			cur->column++;
		} else {
			return;
		}
	}
}

int l2e__json_next(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   l2e__json_cursor *cur)
{
	size_t bad;
	int error;

	*out = NULL;
	if (!cur->is_checked) {
		const char *rest = cur->data + cur->pos;

		if (!l2e__utf8_valid(rest, cur->len - cur->pos, &bad)) {
			unsigned line, column;

			/* counted from the cursor, which may not be line 1 */
			l2e__text_position(rest, bad, &line, &column);
			if (line == 1)
				column += cur->column - 1;
			line += cur->line - 1;
			bad += cur->pos;
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, cur->name, line,
			    column, NULL,
			    cur->data[bad] ? "invalid UTF-8 byte sequence"
			                   : "NUL byte in JSON text");
		}
		cur->is_checked = 1;
	}
	skip_ws(cur);
	if (cur->pos == cur->len)
		return 0;
	if (!cur->is_cjson_only) {
		error = l2e__json_fast_parse(out, pool, cur);
		if (error == 0)
			return 0;
		if (error == L2E_ENOMEM)
			return l2e__error_set(ctx, error, L2E_ERRCLASS_READ,
			                      "out of memory");
		*out = NULL; /* L2E__JSON_GIVE_UP: cJSON's, from the start */
	}
	return l2e__json_cjson_parse(out, pool, ctx, cur);
}
