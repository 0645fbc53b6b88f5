/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ov_table.c - tables of counts and their suppression (see ov_table.h).
 */
#include "overview/ov_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

int ov_table_init(ov_table *t)
{
	t->rows = NULL;
	t->n_rows = t->cap = 0;
	t->n_slots = 64;
	t->slots = l2e__calloc(t->n_slots, sizeof(*t->slots));
	t->total = l2e__calloc(t->n_cols, sizeof(*t->total));
	if (!t->total_cols)
		t->total_cols = t->n_cols;
	return t->slots && t->total ? 0 : -1;
}

void ov_table_dispose(ov_table *t)
{
	size_t i;

	for (i = 0; i < t->n_rows; i++) {
		l2e__free(t->rows[i].key);
		l2e__free(t->rows[i].label);
		l2e__free(t->rows[i].cells);
	}
	l2e__free(t->rows);
	l2e__free(t->slots);
	l2e__free(t->total);
	t->rows = NULL;
	t->slots = NULL;
	t->total = NULL;
}

static void slot_put(size_t *slots, size_t n_slots, const char *key,
                     size_t index)
{
	size_t i = (size_t)hash_key(key) & (n_slots - 1);

	while (slots[i])
		i = (i + 1) & (n_slots - 1);
	slots[i] = index + 1;
}

/* Keep the hash at most half full. */
static int grow_slots(ov_table *t)
{
	size_t n = t->n_slots * 2, i, *slots;

	if (!(slots = l2e__calloc(n, sizeof(*slots))))
		return -1;
	for (i = 0; i < t->n_rows; i++)
		slot_put(slots, n, t->rows[i].key, i);
	l2e__free(t->slots);
	t->slots = slots;
	t->n_slots = n;
	return 0;
}

ov_row *ov_table_find(const ov_table *t, const char *key)
{
	size_t i = (size_t)hash_key(key) & (t->n_slots - 1);

	for (; t->slots[i]; i = (i + 1) & (t->n_slots - 1))
		if (!strcmp(t->rows[t->slots[i] - 1].key, key))
			return &t->rows[t->slots[i] - 1];
	return NULL;
}

ov_row *ov_table_row(ov_table *t, const char *key, const char *label)
{
	ov_row *r = ov_table_find(t, key);

	if (r)
		return r;
	if ((t->n_rows + 1) * 2 > t->n_slots && grow_slots(t) < 0)
		return NULL;
	if (t->n_rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		ov_row *rows = l2e__realloc(t->rows, cap * sizeof(*rows));

		if (!rows)
			return NULL;
		t->rows = rows;
		t->cap = cap;
	}
	r = &t->rows[t->n_rows];
	r->key = l2e__strdup(key);
	r->label = l2e__strdup(label);
	r->cells = l2e__calloc(t->n_cols, sizeof(*r->cells));
	if (!r->key || !r->label || !r->cells) {
		l2e__free(r->key);
		l2e__free(r->label);
		l2e__free(r->cells);
		return NULL;
	}
	slot_put(t->slots, t->n_slots, key, t->n_rows);
	t->n_rows++;
	return r;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const ov_row *)a)->key, ((const ov_row *)b)->key);
}

/* Largest first; equal counts by key, so the order is deterministic. */
static int by_count(const void *a, const void *b)
{
	const ov_row *x = a, *y = b;

	if (x->cells[0].v != y->cells[0].v)
		return x->cells[0].v > y->cells[0].v ? -1 : 1;
	return strcmp(x->key, y->key);
}

void ov_table_sort(ov_table *t)
{
	size_t i;

	if (t->n_rows)
		qsort(t->rows, t->n_rows, sizeof(*t->rows),
		      t->sort_by_count ? by_count : by_key);
	memset(t->slots, 0, t->n_slots * sizeof(*t->slots));
	for (i = 0; i < t->n_rows; i++)
		slot_put(t->slots, t->n_slots, t->rows[i].key, i);
}

static int hide(ov_cell *c)
{
	if (c->hidden)
		return 0;
	c->hidden = 1;
	return 1;
}

/* Primary rules on one row: small cells, small complements. */
static int primary(const ov_table *t, ov_cell *cells, long long k)
{
	int changed = 0;
	size_t c;

	for (c = 0; c < t->n_cols; c++) {
		ov_cell *x = &cells[c];
		int p = t->cols[c].parent;

		if (x->hidden)
			continue;
		if (x->v > 0 && x->v < k)
			changed |= hide(x);
		else if (p >= 0 && cells[p].hidden)
			changed |= hide(x);
		else if (p >= 0 && cells[p].v - x->v > 0 &&
		         cells[p].v - x->v < k)
			changed |= hide(x);
	}
	return changed;
}

/*
 * One sum: `whole` = the sum of `parts`. A single hidden cell among
 * them would follow from the others, so hide one more: the smallest
 * non-zero part, else any part, else the whole.
 */
static int guard_sum(ov_cell *whole, ov_cell **parts, size_t n)
{
	ov_cell *pick = NULL;
	size_t i, hidden = whole->hidden ? 1 : 0;

	for (i = 0; i < n; i++)
		hidden += parts[i]->hidden ? 1 : 0;
	if (hidden != 1)
		return 0;
	for (i = 0; i < n; i++) {
		ov_cell *x = parts[i];

		if (x->hidden)
			continue;
		if (!pick || (x->v > 0 && (pick->v == 0 || x->v < pick->v)))
			pick = x;
	}
	return hide(pick ? pick : whole);
}

static int row_sums(const ov_table *t, ov_cell *cells, ov_cell **scratch)
{
	int changed = 0;
	size_t w, c, n;

	for (w = 0; w < t->n_cols; w++) {
		for (n = 0, c = 0; c < t->n_cols; c++)
			if (t->cols[c].part_of == (int)w)
				scratch[n++] = &cells[c];
		if (n)
			changed |= guard_sum(&cells[w], scratch, n);
	}
	return changed;
}

static int column_sums(ov_table *t, ov_cell **scratch)
{
	int changed = 0;
	size_t c, r;

	if (!t->rows_partition)
		return 0;
	for (c = 0; c < t->n_cols; c++) {
		for (r = 0; r < t->n_rows; r++)
			scratch[r] = &t->rows[r].cells[c];
		changed |= guard_sum(&t->total[c], scratch, t->n_rows);
	}
	return changed;
}

static int pass(ov_table *t, long long k)
{
	ov_cell **scratch;
	int changed = 0;
	size_t r, n = t->n_rows > t->n_cols ? t->n_rows : t->n_cols;

	/* out of memory: hide everything rather than publish unchecked */
	if (!(scratch = l2e__malloc((n ? n : 1) * sizeof(*scratch)))) {
		for (r = 0; r < t->n_rows; r++)
			for (n = 0; n < t->n_cols; n++)
				changed |= hide(&t->rows[r].cells[n]);
		for (n = 0; n < t->n_cols; n++)
			changed |= hide(&t->total[n]);
		return changed;
	}
	for (r = 0; r < t->n_rows; r++) {
		changed |= primary(t, t->rows[r].cells, k);
		changed |= row_sums(t, t->rows[r].cells, scratch);
	}
	for (r = t->total_cols; r < t->n_cols; r++)
		changed |= hide(&t->total[r]); /* not published */
	changed |= primary(t, t->total, k);
	changed |= row_sums(t, t->total, scratch);
	changed |= column_sums(t, scratch);
	l2e__free(scratch);
	return changed;
}

void ov_suppress(ov_table *const *tables, size_t n, const ov_link *links,
                 size_t n_links, long long k)
{
	int changed = 1;
	size_t i;

	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++)
			changed |= pass(tables[i], k);
		for (i = 0; i < n_links; i++)
			if (links[i].a->hidden != links[i].b->hidden) {
				links[i].a->hidden = links[i].b->hidden = 1;
				changed = 1;
			}
	}
}
