/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * keyset.h - the set of output names already used in this run, so that
 * two dossiers with the same key never overwrite each other unnoticed.
 *
 * It must answer for every name of the run, so it is kept small: the
 * names themselves go to a temporary file (spool.h), and memory holds an
 * open-addressing table of 8-byte slots, each the name's place in the
 * file and 24 more bits of its hash (about 16 bytes a name, 1.6 MB for
 * 100,000). A name is read back only when those bits match, to tell a
 * true duplicate from a chance likeness: the answer is exact.
 */
#ifndef L2E_CLI_KEYSET_H
#define L2E_CLI_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "spool.h"

typedef struct keyset {
	uint64_t *slots; /* tag << 40 | (offset + 1) in `names`; 0: empty */
	size_t cap;      /* slots, a power of two */
	size_t n;
	spool names; /* the names, each ending in NUL */
} keyset;

/* Zero-filled (memset or = {0}) is an empty set. */

/** 1 if added, 0 if it was there already, -1 when out of memory. */
int keyset_add(keyset *set, const char *key);
void keyset_dispose(keyset *set);

#endif
