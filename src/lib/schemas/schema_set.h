/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema_set.h - the pinned Europass schema set (schema_set.c).
 */
#ifndef L2E_SCHEMAS_SCHEMA_SET_H
#define L2E_SCHEMAS_SCHEMA_SET_H

#define L2E__SCHEMA_VERSION "3.4.1"

/* Where upstream keeps a file: a base URL in l2e__schema_origin. */
typedef enum l2e__schema_from {
	L2E__FROM_LIBRARY = 0, /* ours: written from l2e__schema_catalog */
	L2E__FROM_CEDEFOP = 1, /* europass/ewa-cedefop at a pinned commit */
	L2E__FROM_MIRROR = 2   /* jdlopez/europass at a pinned commit */
} l2e__schema_from;

typedef struct l2e__schema_row {
	const char *path;   /* in a schema folder */
	const char *sha256; /* pinned, lower-case hex */
	l2e__schema_from from;
	const char *upstream; /* after the origin's base URL */
} l2e__schema_row;

/* Every file of the set, in path order, ended by a row with NULL path. */
extern const l2e__schema_row l2e__schema_set[];
extern const char l2e__schema_origin[][160];
extern const char l2e__schema_catalog[];

#endif
