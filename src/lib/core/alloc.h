/*
 * alloc.h - the library's allocator entry points.
 *
 * All library allocations go through these, so that a test build can
 * fail the Nth allocation (fault injection) without touching callers.
 */
#ifndef L2E_CORE_ALLOC_H
#define L2E_CORE_ALLOC_H

#include <stddef.h>

void *l2e__malloc(size_t n);
void *l2e__calloc(size_t n, size_t size);
void *l2e__realloc(void *p, size_t n);
void l2e__free(void *p);
/** Copy of `s` (may be NULL: returns NULL). */
char *l2e__strdup(const char *s);
char *l2e__strndup(const char *s, size_t len);

#endif
