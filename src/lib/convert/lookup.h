/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lookup.h - the mapping's look-up tables at run time (for input.c).
 *
 * One l2e__lookups per input holds what every dossier of it may look up:
 * tables built once from other files of the export (a glob beside the
 * input file), and entries fetched from the same API as the input, once
 * per id. It is shared by the input's chunks on worker threads (a mutex
 * guards it) and lives until the input is freed, after its chunks.
 *
 * Each chunk has a resolver (l2e__lookup_resolver): the paths' way in
 * (map/path.h), with what is per document (the index of a table at the
 * top of the document, a CSV bundle's) and per dossier (where to report
 * a missing id, once per id).
 */
#ifndef L2E_CONVERT_LOOKUP_H
#define L2E_CONVERT_LOOKUP_H

#include "core/ctx.h"
#include "lob2europass/net.h"
#include "map/mapping.h"
#include "model/diag.h"

typedef struct l2e__lookups l2e__lookups;

/**
 * The look-up tables of `map` for one input: `dir` the folder of its
 * files (NULL for memory and standard input), `net` and `url` for an
 * input fetched from an API (else NULL). *out stays NULL when the
 * mapping has no look-up tables.
 * @return 0 or L2E_ENOMEM
 */
int l2e__lookups_new(l2e__lookups **out, l2e_ctx *ctx, const l2e_mapping *map,
                     const char *dir, l2e_net *net, const char *url);
void l2e__lookups_free(l2e__lookups *lk);

/** Requests made for URL look-ups so far (for tests and reports). */
long l2e__lookups_requests(const l2e__lookups *lk);

typedef struct l2e__table_index l2e__table_index;

typedef struct l2e__lookup_resolver {
	l2e__resolver base; /* first: what the paths call */
	l2e__lookups *lk;
	l2e_ctx *ctx;
	const l2e__node *root;     /* the document */
	l2e__diags *diags;         /* the dossier being mapped */
	l2e__table_index **tables; /* per document: "table" look-ups */
	char **missed;             /* "table\nid" reported for this dossier */
	size_t n_missed;
} l2e__lookup_resolver;

/* Set up `r` for the documents of `lk` (may be NULL: finds nothing). */
void l2e__resolver_init(l2e__lookup_resolver *r, l2e__lookups *lk,
                        l2e_ctx *ctx);
/* A new document (its tables are indexed when first used). */
void l2e__resolver_document(l2e__lookup_resolver *r, const l2e__node *root);
/* A new dossier: its findings go to `diags`. */
void l2e__resolver_dossier(l2e__lookup_resolver *r, l2e__diags *diags);
void l2e__resolver_dispose(l2e__lookup_resolver *r);

#endif
