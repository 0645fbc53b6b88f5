/*
 * keyset.h - the set of output names already used in this run, so that
 * two dossiers with the same key never overwrite each other unnoticed.
 */
#ifndef L2E_CLI_KEYSET_H
#define L2E_CLI_KEYSET_H

#include <stddef.h>

typedef struct keyset {
	char **slots;
	size_t cap;
	size_t n;
} keyset;

/** 1 if added, 0 if it was there already, -1 when out of memory. */
int keyset_add(keyset *set, const char *key);
void keyset_dispose(keyset *set);

#endif
