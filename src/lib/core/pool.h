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
	size_t used;       /* bytes handed out, for limits */
	unsigned char *at; /* the free room of the current chunk: */
	size_t room;       /* `room` bytes at `at` (NULL, 0: none) */
} l2e__pool;

#define L2E__POOL_INIT           \
	{                        \
		NULL, 0, NULL, 0 \
	}

/** Zeroed memory, aligned for any object; NULL when out of memory. */
void *l2e__pool_alloc(l2e__pool *pool, size_t size);
/** The same, not zeroed: for strings, which are written whole at once
 * (a record's strings were half of all pool memory zeroed for nothing). */
static inline void *l2e__pool_alloc_raw(l2e__pool *pool, size_t size);
/** Where l2e__pool_alloc_raw goes when the current chunk is full. */
void *l2e__pool_alloc_slow(l2e__pool *pool, size_t size);
/** Copy of `len` bytes of `s`, NUL-terminated. */
char *l2e__pool_strndup(l2e__pool *pool, const char *s, size_t len);
char *l2e__pool_strdup(l2e__pool *pool, const char *s);
/** Release everything; the pool can be used again. */
void l2e__pool_clear(l2e__pool *pool);

/*
 * Inline, as a record's parse and mapping make a few hundred small
 * blocks (a node, a string): most of them only move `at` (as a call,
 * this was 2.3% of a run of --out -). Sizes round up to the alignment of any
 * object, as the slow path's do. With L2E_DEBUG_POOL `at` stays NULL,
 * so every block goes to its own malloc.
 */
static inline void *l2e__pool_alloc_raw(l2e__pool *pool, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size_t rounded = (size + align - 1) & ~(align - 1);
	void *p;

	/* size 0 and sizes near SIZE_MAX (rounded wraps) go slow too */
	if (size == 0 || size > pool->room || rounded > pool->room)
		return l2e__pool_alloc_slow(pool, size);
	p = pool->at;
	pool->at += rounded;
	pool->room -= rounded;
	pool->used += rounded;
	return p;
}

#endif
