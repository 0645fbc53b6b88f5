/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alloc.c - allocator wrappers (see alloc.h).
 */
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

#ifdef L2E_FAULT_INJECTION
/*
 * Test builds only (cmake -DL2E_FAULT_INJECTION=ON): the Nth allocation
 * from l2e__fault_set(N) on fails, as SQLite's faultsim does. Process
 * globals, which the library otherwise never has: this is a test switch,
 * absent from every other build, and not API. No locking: the fault
 * test runs one thread.
 */
static unsigned long fault_at;   /* 0: never */
static unsigned long fault_seen; /* allocations since l2e__fault_set */
static int fault_fired;
static int fault_persists; /* every allocation after the nth fails too */

void l2e__fault_set(unsigned long n, int is_persistent)
{
	fault_at = n;
	fault_seen = 0;
	fault_fired = 0;
	fault_persists = is_persistent;
}

int l2e__fault_fired(void)
{
	return fault_fired;
}

int l2e__fault_next(void)
{
	if (!fault_at)
		return 0;
	if (++fault_seen < fault_at ||
	    (fault_seen > fault_at && !fault_persists))
		return 0;
	fault_fired = 1;
	return 1;
}

#define FAULT() l2e__fault_next()
#else
#define FAULT() 0
#endif

void *l2e__malloc(size_t n)
{
	return FAULT() ? NULL : malloc(n ? n : 1);
}

void *l2e__calloc(size_t n, size_t size)
{
	return FAULT() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *l2e__realloc(void *p, size_t n)
{
	return FAULT() ? NULL : realloc(p, n ? n : 1);
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
