/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * group.c - stable grouping by a string key (see group.h).
 */
#include "util/group.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct ref {
	const char *key;
	size_t index;
	size_t size; /* on a group's first member: the group's size */
} ref;

static int by_key_then_index(const void *a, const void *b)
{
	const ref *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	if (d)
		return d;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int by_first_index(const void *a, const void *b)
{
	const ref *const *x = a, *const *y = b;

	return (*x)->index < (*y)->index ? -1 : (*x)->index > (*y)->index;
}

int l2e__group_by_key(l2e__groups *g, const char *const *keys, size_t n)
{
	ref *refs = NULL, **firsts = NULL;
	size_t i, j, k, at = 0;
	int rc = -1;

	memset(g, 0, sizeof(*g));
	if (!(g->order = l2e__calloc(n, sizeof(*g->order))) ||
	    !(g->starts = l2e__calloc(n + 1, sizeof(*g->starts))) ||
	    !(refs = l2e__calloc(n, sizeof(*refs))) ||
	    !(firsts = l2e__calloc(n, sizeof(*firsts))))
		goto done;
	for (i = 0; i < n; i++) {
		refs[i].key = keys[i] ? keys[i] : "";
		refs[i].index = i;
	}
	if (n)
		qsort(refs, n, sizeof(*refs), by_key_then_index);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(refs[j].key, refs[i].key); j++)
			;
		refs[i].size = j - i;
		firsts[g->n_groups++] = &refs[i];
	}
	if (g->n_groups)
		qsort(firsts, g->n_groups, sizeof(*firsts), by_first_index);
	for (i = 0; i < g->n_groups; i++) {
		g->starts[i] = at;
		for (k = 0; k < firsts[i]->size; k++)
			g->order[at++] = firsts[i][k].index;
	}
	g->starts[g->n_groups] = at;
	rc = 0;
done:
	l2e__free(refs);
	l2e__free((void *)firsts);
	return rc;
}

void l2e__groups_dispose(l2e__groups *g)
{
	l2e__free(g->order);
	l2e__free(g->starts);
	memset(g, 0, sizeof(*g));
}
