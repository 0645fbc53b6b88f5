/*
 * alloc.c - allocator wrappers (see alloc.h).
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void *l2e__malloc(size_t n)
{
	return malloc(n ? n : 1);
}

void *l2e__calloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size ? size : 1);
}

void *l2e__realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

void l2e__free(void *p)
{
	free(p);
}

char *l2e__strndup(const char *s, size_t len)
{
	char *copy;

	if (!s)
		return NULL;
	copy = l2e__malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *l2e__strdup(const char *s)
{
	return s ? l2e__strndup(s, strlen(s)) : NULL;
}
