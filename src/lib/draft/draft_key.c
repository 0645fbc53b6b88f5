/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_key.c - `mapping init`: records about fewer persons than there
 * are records. An export of credentials has a file per credential and
 * several per learner; an API hands out a person once per enrolment.
 * Then the value unique per record (the credential's id) is not the
 * student's key: the key is the value that recurs exactly as the
 * person's names recur (credentialSubject.id, the learner's wallet),
 * and the records of one key are merged into one dossier ("merge").
 */
#include <stdlib.h>
#include <string.h>

#include "draft/draft.h"

#include "util/alloc.h"

typedef struct row {
	const char *k;     /* the candidate key */
	const char *a, *b; /* the person's names */
} row;

static int cmp_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "");
}

static int cmp_row(const void *pa, const void *pb)
{
	const row *x = pa, *y = pb;
	int c;

	if ((c = cmp_text(x->k, y->k)) != 0)
		return c;
	if ((c = cmp_text(x->a, y->a)) != 0)
		return c;
	return cmp_text(x->b, y->b);
}

/* The records' columns named as the person's first name and surname. */
static void names(l2e__draft *d, l2e__dcol **first, l2e__dcol **last)
{
	l2e__dgroup *g = &d->groups[0];
	double s, best_f = 0.85, best_l = 0.85;
	size_t j, k;

	*first = *last = NULL;
	for (k = 0; k < d->words.n_fields; k++) {
		const l2e__dfield *f = &d->words.fields[k];
		int is_first = !strcmp(f->field, "first_name");

		if (f->section != L2E__SEC_PERSON ||
		    (!is_first && strcmp(f->field, "surname")))
			continue;
		for (j = 0; j < g->n_cols; j++) {
			l2e__dcol *c = &g->cols[j];

			if (!c->values || c->is_natid ||
			    (s = l2e__dcol_name_score(c, &f->names)) <
			        (is_first ? best_f : best_l))
				continue;
			if (is_first) {
				best_f = s;
				*first = c;
			} else {
				best_l = s;
				*last = c;
			}
		}
	}
}

/* Sort the records by `key`, then the names; whether some key comes
 * twice (*repeats), and whether the names are the same wherever the
 * key is (one key, one person). With key == a: whether a person (both
 * names) comes twice. */
static int check(row *rows, size_t n, l2e__dcol *key, l2e__dcol *a,
                 l2e__dcol *b, int *repeats)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rows[i].k = key->values[i];
		rows[i].a = a ? a->values[i] : NULL;
		rows[i].b = b ? b->values[i] : NULL;
	}
	qsort(rows, n, sizeof(*rows), cmp_row);
	*repeats = 0;
	for (i = 1; i < n; i++) {
		if (cmp_text(rows[i].k, rows[i - 1].k))
			continue;
		if (cmp_text(rows[i].a, rows[i - 1].a) ||
		    cmp_text(rows[i].b, rows[i - 1].b)) {
			if (key != a)
				return 0; /* one key, two persons */
			continue;
		}
		*repeats = 1;
	}
	return 1;
}

/* The length of the path up to its last step ("credentialSubject."). */
static size_t parent(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? (size_t)(dot - path) + 1 : 0;
}

void l2e__draft_person_key(l2e__draft *d)
{
	l2e__dgroup *g = &d->groups[0];
	l2e__dcol *a, *b, *c, *best = NULL;
	size_t j, n = d->in.n_records, pa;
	double s, best_s = 0;
	int repeats;
	row *rows;

	if (d->key_column || n < 2 || !d->n_groups)
		return;
	names(d, &a, &b);
	if ((!a && !b) || !(rows = l2e__calloc(n, sizeof(*rows))))
		return;
	/* one record per person: the unique key stands */
	if (!a)
		a = b, b = NULL;
	check(rows, n, a, a, b, &repeats);
	if (!repeats)
		goto done;
	pa = parent(a ? a->path : b->path);
	for (j = 0; j < g->n_cols; j++) {
		c = &g->cols[j];
		if (c == a || c == b || c->is_natid || c->n != n ||
		    c->shapes[L2E__SHAPE_NATID] || strchr(c->path, '[') ||
		    (s = l2e__dcol_name_score(c, &d->words.key)) <= 0)
			continue;
		/* beside the names (the person's own id) is better */
		if (pa && parent(c->path) == pa &&
		    !strncmp(c->path, a ? a->path : b->path, pa))
			s += 1;
		if (s <= best_s || !check(rows, n, c, a, b, &repeats) ||
		    !repeats)
			continue;
		best_s = s;
		best = c;
	}
	if (best && (best_s >= 1 || best_s >= 0.9)) {
		if (d->key)
			d->key->placed = 0;
		d->key = best;
		d->key->placed = 1;
		d->key_score = 0.8;
		d->merge = 1;
	}
done:
	l2e__free(rows);
}
