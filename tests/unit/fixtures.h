/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fixtures.h - what several unit tests set up the same way, and one
 * check they share.
 */
#ifndef L2E_TEST_FIXTURES_H
#define L2E_TEST_FIXTURES_H

#include <lob2europass/lob2europass.h>

#include "core/pool.h"

/* A context with the document time 2025-07-03T07:15:00Z, and `mapping`
 * (JSON text) loaded on it as "m.json": the public API tests. */
void fixture_mapping_open(l2e_ctx **ctx, l2e_mapping **map,
                          const char *mapping);
void fixture_mapping_close(l2e_ctx **ctx, l2e_mapping **map);

/* A context with the default options and an empty pool: the readers. */
void fixture_pool_open(l2e_ctx **ctx, l2e__pool *pool);
void fixture_pool_close(l2e_ctx **ctx, l2e__pool *pool);

/* The error on ctx is in `file` at line:column and says `msg`. */
void check_error_at(const l2e_ctx *ctx, const char *file, unsigned line,
                    unsigned column, const char *msg);

#endif
