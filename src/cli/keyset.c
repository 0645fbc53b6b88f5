/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keyset.c - open-addressing hash set of names (see keyset.h).
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

static int grow_slots(keyset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64, i, j;
	uint32_t *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < set->cap; i++) {
		if (!set->slots[i])
			continue;
		for (j = hash(set->text + set->slots[i] - 1) & (cap - 1);
		     slots[j]; j = (j + 1) & (cap - 1))
			;
		slots[j] = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return 0;
}

/* Append `key` to the text; its offset + 1, or 0 when it cannot. */
static uint32_t store(keyset *set, const char *key)
{
	size_t size = strlen(key) + 1, cap;
	char *grown;
	uint32_t at;

	if (set->len + size > UINT32_MAX - 1)
		return 0;
	if (set->len + size > set->text_cap) {
		cap = set->text_cap ? set->text_cap * 2 : 4096;
		while (cap < set->len + size)
			cap *= 2;
		if (!(grown = realloc(set->text, cap)))
			return 0;
		set->text = grown;
		set->text_cap = cap;
	}
	memcpy(set->text + set->len, key, size);
	at = (uint32_t)set->len + 1;
	set->len += size;
	return at;
}

int keyset_add(keyset *set, const char *key)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap && grow_slots(set) < 0)
		return -1;
	for (i = hash(key) & (set->cap - 1); set->slots[i];
	     i = (i + 1) & (set->cap - 1))
		if (strcmp(set->text + set->slots[i] - 1, key) == 0)
			return 0;
	if (!(set->slots[i] = store(set, key)))
		return -1;
	set->n++;
	return 1;
}

void keyset_dispose(keyset *set)
{
	free(set->slots);
	free(set->text);
	memset(set, 0, sizeof(*set));
}
