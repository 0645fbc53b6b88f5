/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * valuemap.c - value maps (see valuemap.h).
 */
#include "valuemap.h"

#include <stdlib.h>
#include <string.h>

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int compare_text(const char *a, const char *b, int is_cs)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	if (is_cs)
		return strcmp(a, b);
	while (*x && fold(*x) == fold(*y)) {
		x++;
		y++;
	}
	return fold(*x) - fold(*y);
}

static int cmp_cs(const void *a, const void *b)
{
	return compare_text(((const l2e__valuemap_entry *)a)->from,
	                    ((const l2e__valuemap_entry *)b)->from, 1);
}

static int cmp_ci(const void *a, const void *b)
{
	return compare_text(((const l2e__valuemap_entry *)a)->from,
	                    ((const l2e__valuemap_entry *)b)->from, 0);
}

long l2e__valuemap_sort(l2e__valuemap *map)
{
	size_t i;

	if (!map->n_entries)
		return -1;
	qsort(map->entries, map->n_entries, sizeof(*map->entries),
	      map->is_case_sensitive ? cmp_cs : cmp_ci);
	for (i = 1; i < map->n_entries; i++)
		if (compare_text(map->entries[i - 1].from, map->entries[i].from,
		                 map->is_case_sensitive) == 0)
			return (long)i;
	return -1;
}

const char *l2e__valuemap_lookup(const l2e__valuemap *map, const char *text)
{
	l2e__valuemap_entry key, *hit;
	char trimmed[256];
	size_t len;

	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len >= sizeof(trimmed))
		return NULL;
	memcpy(trimmed, text, len);
	trimmed[len] = '\0';
	key.from = trimmed;
	key.to = NULL;
	hit = bsearch(&key, map->entries, map->n_entries, sizeof(key),
	              map->is_case_sensitive ? cmp_cs : cmp_ci);
	return hit ? hit->to : NULL;
}
