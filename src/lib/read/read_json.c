/*
 * read_json.c - JSON exports: one document, or several in a row
 * (JSON Lines / NDJSON, or concatenated pages).
 */
#include "reader.h"

#include "core/alloc.h"
#include "read/json_tree.h"

static int json_open(void **state, l2e_ctx *ctx, const l2e__source *src,
                     const char *name, const char *data, size_t len)
{
	l2e__json_cursor *cur = l2e__calloc(1, sizeof(*cur));

	(void)src;
	if (!cur)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	l2e__json_cursor_init(cur, name, data, len, &ctx->opts);
	*state = cur;
	return 0;
}

static int json_next(l2e__node **root, l2e__node ***records, size_t *n_records,
                     l2e__pool *pool, l2e_ctx *ctx, void *state)
{
	*records = NULL;
	*n_records = 0;
	return l2e__json_next(root, pool, ctx, state);
}

static void json_close(void *state)
{
	l2e__free(state);
}

const l2e__reader l2e__reader_json = { "json", json_open, NULL, json_next,
	                               json_close };
