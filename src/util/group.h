/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * group.h - stable grouping by a string key: equal keys together, groups
 * in order of first appearance, members in input order. n log n (by
 * sorting (key, position)), as comparing every item with every other was
 * quadratic and wide inputs took minutes.
 */
#ifndef L2E_UTIL_GROUP_H
#define L2E_UTIL_GROUP_H

#include <stddef.h>

typedef struct l2e__groups {
	size_t *order;  /* item indexes, group after group */
	size_t *starts; /* group g is order[starts[g] .. starts[g + 1]) */
	size_t n_groups;
} l2e__groups;

/**
 * Group keys[0..n) (NULL counts as ""). 0, or -1 out of memory. Free
 * with l2e__groups_dispose() either way.
 */
int l2e__group_by_key(l2e__groups *g, const char *const *keys, size_t n);

void l2e__groups_dispose(l2e__groups *g);

#endif
