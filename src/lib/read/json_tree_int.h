/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_tree_int.h - the two ways json_tree.c turns a JSON value into a
 * record tree. Both start at the cursor, after white space, and move it
 * past the value they read.
 *
 * The fast path (json_fast.c) vouches only for plain JSON within every
 * limit and gives up on anything else; the cJSON path (json_cjson.c)
 * then reads the same value from the start and owns every refusal and
 * message. Kept apart so that each can be read on its own, and compared
 * (unit_json_tree, fuzz_json_paths).
 */
#ifndef L2E_READ_JSON_TREE_INT_H
#define L2E_READ_JSON_TREE_INT_H

#include "read/json_tree.h"

/* The fast path does not vouch for this value: the cJSON path's turn. */
#define L2E__JSON_GIVE_UP 1

/**
 * @return 0, L2E__JSON_GIVE_UP (the cursor has not moved; the pool may
 * hold a partial tree) or L2E_ENOMEM (no message set)
 */
int l2e__json_fast_parse(l2e__node **out, l2e__pool *pool,
                         l2e__json_cursor *cur);

/**
 * @return 0, or L2E_EPARSE, L2E_ELIMIT, L2E_ENOMEM with the message set
 */
int l2e__json_cjson_parse(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                          l2e__json_cursor *cur);

#endif
