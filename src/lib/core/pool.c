/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pool.c - arena allocator (see pool.h).
 */
#include "pool.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "util/alloc.h"

#define CHUNK_DEFAULT 16384
#define ALIGNMENT     alignof(max_align_t)

struct l2e__pool_chunk {
	l2e__pool_chunk *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

#ifdef L2E_DEBUG_POOL
void *l2e__pool_alloc(l2e__pool *pool, size_t size)
{
	l2e__pool_chunk *c;

	if (size > SIZE_MAX - sizeof(*c))
		return NULL;
	c = l2e__calloc(1, sizeof(*c) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->next = pool->chunks;
	pool->chunks = c;
	pool->used += size;
	return c->data;
}

void *l2e__pool_alloc_slow(l2e__pool *pool, size_t size)
{
	return l2e__pool_alloc(pool, size);
}
#else
/* A new chunk (l2e__pool_alloc_raw found no room in the current one):
 * a block bigger than a quarter chunk gets one of its own, behind the
 * current chunk, which keeps serving small requests. */
void *l2e__pool_alloc_slow(l2e__pool *pool, size_t size)
{
	l2e__pool_chunk *c;
	size_t rounded, csize;

	if (size > SIZE_MAX / 2)
		return NULL;
	rounded = (size + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
	if (rounded == 0 && pool->at) /* size 0: an address, no bytes */
		return pool->at;
	csize = rounded > CHUNK_DEFAULT / 4 ? rounded : CHUNK_DEFAULT;
	c = l2e__malloc(sizeof(*c) + csize);
	if (!c)
		return NULL;
	c->size = csize;
	pool->used += rounded;
	if (rounded > CHUNK_DEFAULT / 4 && pool->chunks) {
		c->next = pool->chunks->next;
		pool->chunks->next = c;
	} else {
		c->next = pool->chunks;
		pool->chunks = c;
		pool->at = c->data + rounded;
		pool->room = csize - rounded;
	}
	return c->data;
}

void *l2e__pool_alloc(l2e__pool *pool, size_t size)
{
	void *p = l2e__pool_alloc_raw(pool, size);

	if (p)
		memset(p, 0, size);
	return p;
}
#endif

char *l2e__pool_strndup(l2e__pool *pool, const char *s, size_t len)
{
	char *p = l2e__pool_alloc_raw(pool, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *l2e__pool_strdup(l2e__pool *pool, const char *s)
{
	return l2e__pool_strndup(pool, s, strlen(s));
}

void l2e__pool_clear(l2e__pool *pool)
{
	l2e__pool_chunk *c = pool->chunks, *next;

	while (c) {
		next = c->next;
		l2e__free(c);
		c = next;
	}
	pool->chunks = NULL;
	pool->used = 0;
	pool->at = NULL;
	pool->room = 0;
}
