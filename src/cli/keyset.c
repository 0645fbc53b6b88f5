/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keyset.c - open-addressing hash set of names (see keyset.h).
 */
#include "keyset.h"

#include <stdlib.h>
#include <string.h>

#define OFFSET_BITS 40
#define OFFSET_MASK ((UINT64_C(1) << OFFSET_BITS) - 1)
/* names are file names (stems of 200 bytes at most): far shorter */
#define MAX_KEY  4000
#define READ_BUF (64u * 1024)

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	/* FNV-1a's high bits are weak and the tag is made of them */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static void place(uint64_t *slots, size_t cap, uint64_t h, uint64_t at)
{
	size_t i;

	for (i = (size_t)h & (cap - 1); slots[i]; i = (i + 1) & (cap - 1))
		;
	slots[i] = (h & ~OFFSET_MASK) | (at + 1);
}

/*
 * A table twice the size. The slots keep only the hash's top bits, so
 * the names are read back from the file and hashed again: once per
 * doubling, all the names of a run together cost about two readings.
 */
static int grow_slots(keyset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 1024, have = 0, used;
	uint64_t *slots = calloc(cap, sizeof(*slots));
	char *buf = set->n ? malloc(READ_BUF) : NULL;
	off_t pos = 0;

	if (!slots || (set->n && !buf))
		goto fail;
	while (pos < set->names.size) {
		off_t start = pos - (off_t)have;
		ssize_t n =
		    spool_read(&set->names, pos, buf + have, READ_BUF - have);
		char *nul;

		if (n <= 0)
			goto fail;
		pos += n;
		have += (size_t)n;
		for (used = 0; (nul = memchr(buf + used, '\0', have - used));
		     used = (size_t)(nul - buf) + 1)
			place(slots, cap, hash(buf + used),
			      (uint64_t)(start + (off_t)used));
		if (used == 0)
			goto fail;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	free(buf);
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return 0;
fail:
	free(buf);
	free(slots);
	return -1;
}

/* 1 when the name at `at` in the file is `key` (`size` with its NUL). */
static int is_same(keyset *set, uint64_t at, const char *key, size_t size)
{
	char name[MAX_KEY + 1];

	return spool_read(&set->names, (off_t)at, name, size) ==
	           (ssize_t)size &&
	       memcmp(name, key, size) == 0;
}

int keyset_add(keyset *set, const char *key)
{
	size_t size = strlen(key) + 1, i;
	uint64_t h = hash(key), tag = h & ~OFFSET_MASK;
	off_t at;

	if (size > MAX_KEY + 1)
		return -1;
	/* at most half full: short probes */
	if ((set->n + 1) * 2 > set->cap && grow_slots(set) < 0)
		return -1;
	for (i = (size_t)h & (set->cap - 1); set->slots[i];
	     i = (i + 1) & (set->cap - 1))
		if ((set->slots[i] & ~OFFSET_MASK) == tag &&
		    is_same(set, (set->slots[i] & OFFSET_MASK) - 1, key, size))
			return 0;
	if ((uint64_t)set->names.size + size > OFFSET_MASK - 1 ||
	    spool_append(&set->names, key, size, &at) < 0)
		return -1;
	set->slots[i] = tag | ((uint64_t)at + 1);
	set->n++;
	return 1;
}

void keyset_dispose(keyset *set)
{
	free(set->slots);
	spool_dispose(&set->names);
	memset(set, 0, sizeof(*set));
}
