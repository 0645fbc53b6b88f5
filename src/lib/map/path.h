/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * path.h - paths into the record tree, as written in mapping files.
 *
 *   givenName                     member of the current node
 *   organisation.address.city     members, one after another
 *   name[0].value                 an array element by index
 *   otherCodes[codeType=programme_code].code
 *                                 elements (or an object) whose member
 *                                 `codeType` has that text
 *   ['Uren per week']             a member name with spaces or dots
 *   tasks[*]                      every element
 *   .                             the current node itself
 *   $record.x  $root.x            from the dossier record, or from the
 *                                 top of the document (e.g. an envelope)
 *   $parent.x  $parent.$parent.x  from the row or object that holds the
 *                                 current one (past the list it is in),
 *                                 never above the dossier record
 *   $lookup(programmes, programmeId).name
 *                                 the entry of look-up table `programmes`
 *                                 whose id is the value at programmeId
 *                                 (a path of its own, maybe a $lookup)
 *
 * A member step over an array applies to every element (jq's `.[]`), so
 * `periods.place.name` reaches into each period. A value
 * takes the first node the path reaches; `each` takes all of them and
 * expands an array at the end into its elements.
 */
#ifndef L2E_MAP_PATH_H
#define L2E_MAP_PATH_H

#include "core/pool.h"
#include "model/record.h"

typedef enum l2e__path_base {
	L2E__PATH_CURRENT = 0,
	L2E__PATH_RECORD,
	L2E__PATH_ROOT
} l2e__path_base;

typedef enum l2e__step_kind {
	L2E__STEP_MEMBER,
	L2E__STEP_INDEX,
	L2E__STEP_ALL,
	L2E__STEP_FILTER,
	L2E__STEP_PARENT,
	L2E__STEP_LOOKUP
} l2e__step_kind;

typedef struct l2e__path l2e__path;

typedef struct l2e__step {
	l2e__step_kind kind;
	const char *name;  /* MEMBER; FILTER: the member tested */
	const char *value; /* FILTER: the text it must have */
	size_t index;      /* INDEX; LOOKUP: the table (set by the compiler) */
	const l2e__path *by; /* LOOKUP: where the id is */
} l2e__step;

struct l2e__path {
	const char *text; /* as written, for messages */
	l2e__path_base base;
	l2e__step *steps;
	size_t n_steps;
};

/* Nested $lookup( ... ) in a path, at most. */
#define L2E__PATH_MAX_LOOKUP_DEPTH 4

/*
 * Look-up tables as a path sees them: the entry of `table` whose id is
 * the text of scalar `id`, or NULL (the resolver reports the miss).
 * Given by whoever runs the mapping (convert/lookup.c).
 */
typedef struct l2e__resolver l2e__resolver;
struct l2e__resolver {
	const l2e__node *(*find)(l2e__resolver *r, size_t table,
	                         const l2e__node *id);
};

/** Where evaluation starts. */
typedef struct l2e__scope {
	const l2e__node *current;
	const l2e__node *record;
	const l2e__node *root;
	l2e__resolver *resolver; /* NULL: no look-up finds anything */
} l2e__scope;

/**
 * Parse `text` into `out`, allocating from `pool`. On a syntax error
 * returns L2E_EMAPPING and sets *err_at to the offending byte offset
 * and *why to a static reason.
 */
int l2e__path_parse(l2e__path *out, l2e__pool *pool, const char *text,
                    size_t *err_at, const char **why);

/** Called for each node reached; return non-zero to stop. */
typedef int (*l2e__path_cb)(const l2e__node *n, void *payload);

/** Visit every node the path reaches, in document order. */
void l2e__path_visit(const l2e__path *path, const l2e__scope *scope,
                     l2e__path_cb cb, void *payload);

/** The first node reached, or NULL. */
const l2e__node *l2e__path_first(const l2e__path *path,
                                 const l2e__scope *scope);

#endif
