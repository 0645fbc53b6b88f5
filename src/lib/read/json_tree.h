/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_tree.h - JSON text to record tree, with positions.
 *
 * cJSON parses; it keeps no positions, so a second, trivial walk over the
 * (already valid) text runs in step with cJSON's tree and records where
 * each value starts. Numbers keep their lexical form from that walk.
 * Used for exports and for mapping files alike. Plain JSON within every
 * limit takes a fast path that builds the same tree in one pass, and
 * leaves everything else to cJSON (json_fast.c, json_cjson.c).
 *
 * Beyond what cJSON checks, this refuses: invalid UTF-8 and NUL bytes
 * (checked once by the cursor), "\u0000" escapes (cJSON would cut the
 * string there), duplicate keys in an object (cJSON would silently take
 * the first), nesting deeper than max_depth, more values than
 * max_values, numbers longer than max_number_bytes and numbers that are
 * not finite as a double (1e999).
 */
#ifndef L2E_READ_JSON_TREE_H
#define L2E_READ_JSON_TREE_H

#include "core/ctx.h"
#include "model/record.h"

/** A position in a text holding zero or more JSON values in a row. */
typedef struct l2e__json_cursor {
	const char *name; /* file name for messages */
	const char *data;
	size_t len;
	size_t pos;
	unsigned line; /* at pos */
	unsigned column;
	size_t max_depth;
	size_t max_string;
	size_t max_number;
	size_t max_values;
	int is_checked;    /* UTF-8 checked */
	int is_cjson_only; /* tests: skip the fast path (json_fast.c) */
} l2e__json_cursor;

void l2e__json_cursor_init(l2e__json_cursor *cur, const char *name,
                           const char *data, size_t len,
                           const l2e_ctx_options *opts);

/**
 * Parse the next JSON value at the cursor into a tree in `pool`.
 * *out is NULL when only white space is left.
 * @return 0, L2E_EPARSE or L2E_ELIMIT (with file:line:col), L2E_ENOMEM
 */
int l2e__json_next(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   l2e__json_cursor *cur);

#endif
