/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fixtures.c - shared set-ups and checks of the unit tests (fixtures.h).
 */
#include "fixtures.h"

#include "test.h"

void fixture_mapping_open(l2e_ctx **ctx, l2e_mapping **map, const char *mapping)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;

	o.document_time = 1751526900; /* 2025-07-03T07:15:00Z */
	CHECK_INT(0, l2e_ctx_new(ctx, &o));
	CHECK_INT(0, l2e_mapping_load_memory(map, *ctx, "m.json", mapping,
	                                     strlen(mapping), NULL));
}

void fixture_mapping_close(l2e_ctx **ctx, l2e_mapping **map)
{
	l2e_mapping_free(*map);
	l2e_ctx_free(*ctx);
	*map = NULL;
	*ctx = NULL;
}

void fixture_pool_open(l2e_ctx **ctx, l2e__pool *pool)
{
	l2e_ctx_new(ctx, NULL);
	memset(pool, 0, sizeof(*pool));
}

void fixture_pool_close(l2e_ctx **ctx, l2e__pool *pool)
{
	l2e__pool_clear(pool);
	l2e_ctx_free(*ctx);
	*ctx = NULL;
}

void check_error_at(const l2e_ctx *ctx, const char *file, unsigned line,
                    unsigned column, const char *msg)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(file, e->file);
	if (e->line != line || e->column != column)
		test_fail(__FILE__, __LINE__, "'%s' at %u:%u, expected %u:%u",
		          e->message, e->line, e->column, line, column);
	CHECK_CONTAINS(e->message, msg);
}
