/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keyset.h - the set of output names already used in this run, so that
 * two dossiers with the same key never overwrite each other unnoticed.
 *
 * It grows with the run (every name must be remembered), so it is kept
 * small: the names one after another in one block, and a hash table of
 * 4-byte offsets into it, about 20 bytes a name.
 */
#ifndef L2E_CLI_KEYSET_H
#define L2E_CLI_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct keyset {
	uint32_t *slots; /* offset + 1 of a name in `text`; 0: empty */
	size_t cap;      /* slots, a power of two */
	size_t n;
	char *text; /* the names, each ending in NUL */
	size_t len;
	size_t text_cap;
} keyset;

/** 1 if added, 0 if it was there already, -1 when out of memory. */
int keyset_add(keyset *set, const char *key);
void keyset_dispose(keyset *set);

#endif
