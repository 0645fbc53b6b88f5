/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alloc.h - the library's allocator entry points.
 *
 * All library allocations go through these, so that a test build can
 * fail the Nth allocation (fault injection) without touching callers.
 */
#ifndef L2E_UTIL_ALLOC_H
#define L2E_UTIL_ALLOC_H

#include <stddef.h>

void *l2e__malloc(size_t n);
void *l2e__calloc(size_t n, size_t size);
void *l2e__realloc(void *p, size_t n);
void l2e__free(void *p);
/** Copy of `s` (may be NULL: returns NULL). */
char *l2e__strdup(const char *s);
char *l2e__strndup(const char *s, size_t len);

#ifdef L2E_FAULT_INJECTION
/*
 * Fault injection (test builds only, never API): after
 * l2e__fault_set(n, is_persistent) the nth allocation through the
 * functions above fails, and every one after it fails too when
 * is_persistent, else succeeds again; n = 0 turns it off.
 * l2e__fault_next() counts one allocation and says whether it is to
 * fail, so that a test can route libxml2 and cJSON through the same
 * count (xmlMemSetup, cJSON_InitHooks). l2e__fault_fired() says whether
 * the failure happened since the last l2e__fault_set().
 */
void l2e__fault_set(unsigned long n, int is_persistent);
int l2e__fault_next(void);
int l2e__fault_fired(void);
#endif

#endif
