/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pool.h - arena allocator for per-input and per-dossier data.
 *
 * Record trees and learner profiles consist of many small nodes and
 * strings that all die together; they come from a pool that is freed at
 * once (libgit2's git_pool). Built with L2E_DEBUG_POOL, every allocation
 * is a separate malloc so ASan and valgrind see each one.
 */
#ifndef L2E_CORE_POOL_H
#define L2E_CORE_POOL_H

#include <stddef.h>

typedef struct l2e__pool_chunk l2e__pool_chunk;

typedef struct l2e__pool {
	l2e__pool_chunk *chunks;
	size_t used; /* bytes handed out, for limits */
} l2e__pool;

#define L2E__POOL_INIT  \
	{               \
		NULL, 0 \
	}

/** Zeroed memory, aligned for any object; NULL when out of memory. */
void *l2e__pool_alloc(l2e__pool *pool, size_t size);
/** The same, not zeroed: for strings, which are written whole at once
 * (a record's strings were half of all pool memory zeroed for nothing). */
void *l2e__pool_alloc_raw(l2e__pool *pool, size_t size);
/** Copy of `len` bytes of `s`, NUL-terminated. */
char *l2e__pool_strndup(l2e__pool *pool, const char *s, size_t len);
char *l2e__pool_strdup(l2e__pool *pool, const char *s);
/** Release everything; the pool can be used again. */
void l2e__pool_clear(l2e__pool *pool);

#endif
