/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_kinds.h - what draft_spread.c finds in a spread export (the
 * kinds of file, their ids and references), for the files that join the
 * records (draft_spread_link.c) and write the draft (draft_spread_emit.c).
 */
#ifndef L2E_DRAFT_KINDS_H
#define L2E_DRAFT_KINDS_H

#include "draft/draft.h"

#define MAX_FILES  100000
#define MAX_KINDS  32
#define MAX_CHAIN  3       /* referred objects inside each other */
#define MAX_JOINED 2000    /* students joined in full (a sample) */
#define MAX_NODES  4000000 /* nodes copied into joined records */
#define SHARE_REF  0.8     /* of a member's values that are ids */

/* An entry by its id (or a page by the person it names), for bsearch. */
typedef struct sent {
	const char *text;
	const l2e__node *ent;
	size_t at; /* its place among the entries: the first one wins */
} sent;

typedef struct skind {
	const char *glob;  /* its files, relative to the folder */
	const char *table; /* the look-up table's name */
	const char *noun;  /* its name in one word, singular, normalised */
	const char *words; /* its name's words, space-separated (sections) */
	l2e__node **ents;  /* its entries: objects (a page is one) */
	size_t n_ents, cap_ents;
	int is_page;
	const char *items; /* page: the member holding the records */
	const char *id;    /* an entry's id member (not for pages) */
	const char *link;  /* page: the member of its records naming the
	                      main kind's id */
	int used;
	sent *index; /* by id (pages: by the person), made when first asked */
	size_t n_index;
} skind;

/* A member of kind `from` whose values are ids of `to` (member `id`). */
typedef struct slink {
	size_t from, to;
	const char *member, *id;
	size_t hits;
} slink;

typedef struct sval {
	const char *text;
	size_t kind;
	const char *member;
} sval;

typedef struct scount {
	size_t kind;
	const char *member;
	size_t total;
} scount;

typedef struct l2e__dspread l2e__dspread;

struct l2e__dspread {
	skind kinds[MAX_KINDS];
	size_t n_kinds, main;
	const char *main_id;
	slink *links;
	size_t n_links, cap_links;
	scount *counts;
	size_t n_counts, cap_counts;
	sval *vals;
	size_t n_vals, cap_vals;
	const char *where; /* a member only the main kind's records have */
	size_t n_nodes;
	unsigned long long n_bytes; /* of the files read */
};

int l2e__spread_grow(void **arr, size_t *cap, size_t size);
/* A member or folder name a `$lookup(...)`, a key or a pattern can
 * carry as it is: letters, digits, '_' and '-', and no national id. */
int l2e__spread_plain_name(const char *s);

#define GROW(arr, n, cap)                                         \
	((n) < (cap) || l2e__spread_grow((void **)&(arr), &(cap), \
	                                 sizeof(*(arr))) == 0     \
	     ? 0                                                  \
	     : -1)

/* draft_spread_link.c: the page kinds, the main kind, the ids and the
 * references between kinds (0, or -1 when out of memory), the member
 * that tells a person among the inputs' records, and one joined record
 * per person (NULL: out of memory or too large). */
void l2e__spread_pages(l2e__draft *d);
int l2e__spread_main(l2e__draft *d);
int l2e__spread_refs(l2e__draft *d);
void l2e__spread_where(l2e__draft *d);
l2e__node *l2e__spread_join_one(l2e__draft *d, const l2e__node *person,
                                int full);

#endif
