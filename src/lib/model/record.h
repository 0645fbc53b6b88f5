/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record.h - the format-neutral record tree.
 *
 * Every reader (JSON, later CSV bundles and XML) turns its input into this
 * tree, and the mapping engine only ever sees this tree. That is what lets
 * one mapping language serve every export layout.
 *
 * A node is null, bool, number, string, array or object. Scalars keep
 * their text as it was written (numbers keep their lexical form, so
 * "0204518" stays a string and 32.0 stays "32.0"). Object members keep
 * their order. Every node records the 1-based line and column of its
 * value in the input, so a finding can point at the byte a person must
 * fix. Nodes and strings live in the tree's pool and die with it.
 */
#ifndef L2E_MODEL_RECORD_H
#define L2E_MODEL_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "core/pool.h"
#include "lob2europass/common.h"

typedef enum l2e__node_kind {
	L2E__NODE_NULL = 0,
	L2E__NODE_BOOL,
	L2E__NODE_NUMBER,
	L2E__NODE_STRING,
	L2E__NODE_ARRAY,
	L2E__NODE_OBJECT
} l2e__node_kind;

typedef struct l2e__node l2e__node;

struct l2e__node {
	l2e__node_kind kind;
	unsigned char is_read; /* a mapping path reached it (coverage); the
	                          only field evaluation ever writes */
	unsigned line;
	unsigned column;
	unsigned key_line; /* where the member name starts (objects) */
	unsigned key_column;
	const char *file; /* set where it differs from the input's name
	                        (a CSV bundle's table); see l2e__node_file */
	const char *key;  /* member name inside an object, else NULL */
	const char *text; /* scalar text ("true"/"false" for bools) */
	size_t len;       /* length of text */
	size_t index;     /* position among the parent's children */
	size_t n_children;
	l2e__node *parent;
	l2e__node *first;
	l2e__node *last;
	l2e__node *next;
};

/** A new node from `pool`; NULL when out of memory. */
l2e__node *l2e__node_new(l2e__pool *pool, l2e__node_kind kind, unsigned line,
                         unsigned column);

/** Append `child` to `parent` (an array or object). */
void l2e__node_append(l2e__node *parent, l2e__node *child);

/** The first member of object `obj` called `key`, or NULL. */
const l2e__node *l2e__node_member(const l2e__node *obj, const char *key);

/** The `i`th child (0-based) of an array or object, or NULL. */
const l2e__node *l2e__node_child(const l2e__node *n, size_t i);

/** Fold the subtree at `n` (kinds, names, texts) into hash `h`. */
uint64_t l2e__node_hash(uint64_t h, const l2e__node *n);

/** The file `n` came from: the nearest `file` up the tree, or NULL. */
const char *l2e__node_file(const l2e__node *n);

/** True for a scalar with text (strings may be empty: see is_blank). */
int l2e__node_is_scalar(const l2e__node *n);

/**
 * Append the path of `n` from its tree's root to `out`, in the mapping
 * language's syntax: items[2].periods[0].start.
 */
int l2e__node_path(l2e_buf *out, const l2e__node *n);

#endif
