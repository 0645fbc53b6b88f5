/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * valuemap.h - value maps: inline "map" objects and shared code lists.
 *
 * Both are a table from input text to output text, sorted once at load
 * and searched with bsearch. Matching folds ASCII case unless the table
 * says "case_sensitive": true; surrounding white space never matters.
 */
#ifndef L2E_MAP_VALUEMAP_H
#define L2E_MAP_VALUEMAP_H

#include "core/pool.h"

typedef struct l2e__valuemap_entry {
	const char *from;
	const char *to;
} l2e__valuemap_entry;

typedef struct l2e__valuemap {
	const char *name; /* code list name, or NULL for an inline map */
	int is_case_sensitive;
	l2e__valuemap_entry *entries;
	size_t n_entries;
} l2e__valuemap;

/** Sort the entries; returns the index of a duplicate key, or -1. */
long l2e__valuemap_sort(l2e__valuemap *map);

/** The output for `text`, or NULL when the map has no entry. */
const char *l2e__valuemap_lookup(const l2e__valuemap *map, const char *text);

#endif
