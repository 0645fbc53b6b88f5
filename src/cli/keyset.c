/*
 * keyset.c - open-addressing hash set of strings (see keyset.h).
 */
#include "keyset.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int grow(keyset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64, i, j;
	char **slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < set->cap; i++) {
		if (!set->slots[i])
			continue;
		for (j = hash(set->slots[i]) & (cap - 1); slots[j];
		     j = (j + 1) & (cap - 1))
			;
		slots[j] = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return 0;
}

int keyset_add(keyset *set, const char *key)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap && grow(set) < 0)
		return -1;
	for (i = hash(key) & (set->cap - 1); set->slots[i];
	     i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slots[i], key) == 0)
			return 0;
	if (!(set->slots[i] = strdup(key)))
		return -1;
	set->n++;
	return 1;
}

void keyset_dispose(keyset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof(*set));
}
