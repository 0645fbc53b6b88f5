/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_out.h - a small JSON tree for the documents the writers build.
 *
 * Nodes and their texts live in one pool and die with it; printing gives
 * exactly what cJSON_Print (1.7.15) gives for the same tree: members in
 * insertion order, tab indents, "key":<TAB>value, arrays on one line
 * with ", " between items, strings escaped as cJSON escapes them, and
 * the integers the writers use in "%d".
 *
 * Why not cJSON itself: it mallocs every node, key and text, copies them,
 * and prints through a growing buffer, then frees it all; half of a JSON
 * conversion's time on the benchmark records. test_json_out.c prints the
 * same random trees through both and wants the same bytes, so cJSON
 * stays the reference.
 *
 * Errors are sticky: once an allocation failed every call does nothing
 * and returns NULL; l2e__json_print reports it.
 */
#ifndef L2E_WRITE_JSON_OUT_H
#define L2E_WRITE_JSON_OUT_H

#include "core/pool.h"
#include "lob2europass/common.h"

typedef struct l2e__json l2e__json;

typedef struct l2e__json_tree {
	l2e__pool pool;
	int is_oom;
} l2e__json_tree;

/** A new empty object: the root. */
l2e__json *l2e__json_root(l2e__json_tree *t);
/**
 * Member `name` of object `parent` (NULL parent: does nothing). Names
 * are borrowed and must outlive the tree (the writers pass literals);
 * texts are copied.
 */
l2e__json *l2e__json_add_object(l2e__json_tree *t, l2e__json *parent,
                                const char *name);
l2e__json *l2e__json_add_array(l2e__json_tree *t, l2e__json *parent,
                               const char *name);
/** A new object at the end of array `parent`. */
l2e__json *l2e__json_append_object(l2e__json_tree *t, l2e__json *parent);
/** "name": "text" (text copied). */
void l2e__json_add_string(l2e__json_tree *t, l2e__json *parent,
                          const char *name, const char *text);
void l2e__json_add_int(l2e__json_tree *t, l2e__json *parent, const char *name,
                       int n);
void l2e__json_add_bool(l2e__json_tree *t, l2e__json *parent, const char *name,
                        int value);

/** Append the tree at `root` to `out` as cJSON_Print would print it. */
int l2e__json_print(l2e_buf *out, l2e__json_tree *t, const l2e__json *root);

/** Release everything. */
void l2e__json_tree_dispose(l2e__json_tree *t);

#endif
