/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft.c - `mapping init`: walk the records of an export (their value
 * places gathered by draft_collect.c) and choose: the dossier key, the
 * consent, the list of each section, and for every profile field its
 * best source by name (the synonyms data file) and by the shape of its
 * values.
 */
#include <stdlib.h>
#include <string.h>

#include "draft/draft.h"

#include "core/buf.h"
#include "core/natid.h"
#include "util/alloc.h"

/* A national identifier: by its name, or by its values. */
static void mark_natid(l2e__draft *d)
{
	size_t i, j;
	l2e__dcol *c;

	for (i = 0; i < d->n_groups; i++)
		for (j = 0; j < d->groups[i].n_cols; j++) {
			c = &d->groups[i].cols[j];
			/* an 8-digit date (jjjjmmdd) can pass for a BSN
			 * that lost its leading zero: a column of dates is
			 * not one of national ids by its values alone */
			c->is_natid =
			    l2e__natid_find(c->path) ||
			    l2e__dcol_name_score(c, &d->words.natid) >= 0.9 ||
			    (c->shapes[L2E__SHAPE_NATID] &&
			     l2e__mostly(c->shapes[L2E__SHAPE_NATID], c->n,
			                 0.3) &&
			     !l2e__mostly(c->shapes[l2e__dcol_best_date(c)],
			                  c->n, 0.9));
			if (c->is_natid)
				c->placed = 1;
		}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every record has a value, and no two the same. */
static int is_unique(const l2e__dcol *c, size_t n_records)
{
	const char **v;
	size_t i;
	int ok = 1;

	if (!c->values || c->n != n_records || !n_records)
		return 0;
	if (!(v = l2e__calloc(n_records, sizeof(*v))))
		return 0;
	memcpy(v, c->values, n_records * sizeof(*v));
	qsort(v, n_records, sizeof(*v), cmp_str);
	for (i = 1; i < n_records && ok; i++)
		ok = v[i] && v[i - 1] && strcmp(v[i], v[i - 1]) != 0;
	l2e__free(v);
	return ok;
}

/* The dossier key: a unique value of every record, best one named like
 * a student number and of digits; never a national identifier. */
static void choose_key(l2e__draft *d)
{
	l2e__dgroup *g = &d->groups[0];
	l2e__dcol *c;
	double s;
	size_t j;

	for (j = 0; j < g->n_cols; j++) {
		c = &g->cols[j];
		if (c->is_natid || c->shapes[L2E__SHAPE_NATID] ||
		    strchr(c->path, '[') != NULL ||
		    !is_unique(c, d->in.n_records))
			continue;
		s = 0.3 + 0.6 * l2e__dcol_name_score(c, &d->words.key);
		if (c->shapes[L2E__SHAPE_DIGITS] == c->n)
			s += 0.1;
		if (s > d->key_score) {
			d->key_score = s;
			d->key = c;
		}
	}
	if (d->key)
		d->key->placed = 1;
}

static void choose_consent(l2e__draft *d)
{
	l2e__dgroup *g = &d->groups[0];
	l2e__dcol *c;
	double s, best = 0;
	size_t j;

	for (j = 0; j < g->n_cols; j++) {
		c = &g->cols[j];
		if (c->placed || !c->n ||
		    !l2e__mostly(c->n_yes + c->n_no + c->n_json_bool, c->n,
		                 0.9))
			continue;
		if ((s = l2e__dcol_name_score(c, &d->words.consent)) > best) {
			best = s;
			d->consent = c;
		}
	}
	if (d->consent)
		d->consent->placed = 1;
}

/* The list of each section: by its name; among several, the best. */
static void choose_sections(l2e__draft *d)
{
	double best[L2E__SEC_N] = { 0 }, s;
	size_t i, k;
	int idx;

	for (k = L2E__SEC_EDUCATION; k < L2E__SEC_N; k++)
		for (i = 1; i < d->n_groups; i++) {
			idx = l2e__words_find(&d->words.sections[k],
			                      d->groups[i].norm);
			if (idx < 0 || d->groups[i].section >= 0 ||
			    l2e__natid_find(d->groups[i].each))
				continue;
			s = 1.0 - 0.02 * idx;
			if (!d->groups[i].is_list)
				s -= 0.5; /* one object: a list wins */
			if (s > best[k]) {
				size_t j;

				for (j = 1; j < d->n_groups; j++)
					if (d->groups[j].section == (int)k)
						d->groups[j].section = -1;
				best[k] = s;
				d->groups[i].section = (int)k;
			}
		}
}

/* ==== A CSV bundle: the join and the main table ==== */

static const l2e__node *first_row(const l2e__dtable *t)
{
	return t->root ? t->root->first : NULL;
}

static size_t tables_with(const l2e__dinput *in, const char *column)
{
	size_t i, n = 0;

	for (i = 0; i < in->n_tables; i++)
		n += first_row(&in->tables[i]) &&
		     l2e__node_member(first_row(&in->tables[i]), column);
	return n;
}

/* The key column: in the most tables, named like a student number. */
static const char *join_column(l2e__draft *d)
{
	const l2e__node *row, *m;
	const char *best = NULL, *norm;
	double s, best_s = 0;
	size_t i;

	for (i = 0; i < d->in.n_tables; i++) {
		if (!(row = first_row(&d->in.tables[i])))
			continue;
		for (m = row->first; m; m = m->next) {
			if (!(norm = l2e__draft_norm(&d->pool, m->key)) ||
			    l2e__words_find(&d->words.natid, norm) >= 0 ||
			    l2e__natid_find(m->key))
				continue;
			s = (double)tables_with(&d->in, m->key);
			if (l2e__words_find(&d->words.key, norm) >= 0)
				s += 0.5;
			if (s > best_s) {
				best_s = s;
				best = m->key;
			}
		}
	}
	return best;
}

static size_t person_names(l2e__draft *d, const l2e__node *row)
{
	const l2e__node *m;
	l2e__dcol probe;
	size_t k, n = 0;

	memset(&probe, 0, sizeof(probe));
	for (m = row->first; m; m = m->next) {
		probe.last = probe.full = l2e__draft_norm(&d->pool, m->key);
		if (!probe.last)
			return 0;
		for (k = 0; k < d->words.n_fields; k++)
			if (d->words.fields[k].section == L2E__SEC_PERSON &&
			    l2e__dcol_name_score(
			        &probe, &d->words.fields[k].names) >= 0.9)
				n++;
	}
	return n;
}

static int fill_rows(l2e__draft *d, l2e__dgroup *g, const l2e__dtable *t,
                     int is_main)
{
	const l2e__node *row;
	size_t rec = 0;

	for (row = first_row(t); row; row = row->next, rec++)
		if (l2e__draft_fill_item(d, g, row,
		                         is_main ? rec : (size_t)-1) < 0)
			return -1;
	return 0;
}

static int analyse_bundle(l2e__draft *d, l2e_ctx *ctx)
{
	const l2e__dtable *t, *main = NULL;
	const l2e__node *row, *v;
	size_t i, best = 0, n, minw = (size_t)-1, maxw = 0, len;
	int all_digits = 1;
	l2e__dgroup *g;

	d->key_column = d->in.n_tables > 1 ? join_column(d) : NULL;
	for (i = 0; i < d->in.n_tables; i++) {
		t = &d->in.tables[i];
		if (!(row = first_row(t)) || l2e__natid_find(t->file) ||
		    (d->key_column && !l2e__node_member(row, d->key_column)))
			continue;
		n = person_names(d, row) + 1;
		if (n > best) {
			best = n;
			main = t;
		}
	}
	if (!main)
		return l2e__error_set(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                      "no table with rows in the bundle");
	d->main_table = main->name;
	for (row = first_row(main); row; row = row->next)
		d->in.n_records++;
	if (!(g = l2e__draft_group_add(d, "", "")) ||
	    fill_rows(d, g, main, 1) < 0)
		return -1;
	for (i = 0; i < d->in.n_tables && d->key_column; i++) {
		t = &d->in.tables[i];
		if (t == main || !(row = first_row(t)) ||
		    l2e__natid_find(t->file) ||
		    !l2e__node_member(row, d->key_column))
			continue;
		if (!(g = l2e__draft_group_add(d, t->name, t->name)))
			return -1;
		g->is_list = 1; /* a table is a list of rows */
		if (fill_rows(d, g, t, 0) < 0)
			return -1;
		for (; row; row = row->next) {
			v = l2e__node_member(row, d->key_column);
			len = v && v->text ? strlen(v->text) : 0;
			if (!len)
				continue;
			all_digits &= strspn(v->text, "0123456789") == len;
			minw = len < minw ? len : minw;
			maxw = len > maxw ? len : maxw;
		}
	}
	/* a spreadsheet strips leading zeros: pad to the widest number */
	if (all_digits && maxw && minw < maxw && maxw < 100)
		d->key_width = maxw;
	return 0;
}

static int analyse_records(l2e__draft *d)
{
	size_t i;

	if (!l2e__draft_group_add(d, "", ""))
		return -1;
	for (i = 0; i < d->in.n_records; i++)
		if (l2e__draft_find_groups(d, d->in.records[i]) < 0)
			return -1;
	for (i = 0; i < d->in.n_records; i++)
		/* groups[0] afresh: adding groups may move them */
		if (l2e__draft_fill_item(d, &d->groups[0], d->in.records[i],
		                         i) < 0)
			return -1;
	return 0;
}

int l2e__draft_analyse(l2e__draft *d, l2e_ctx *ctx)
{
	size_t i;
	int error;

	if ((error = l2e__draft_join(d, ctx)) < 0)
		return error; /* draft_join.c: spread, or record types */
	if (d->spread || d->types)
		error = analyse_records(d);
	else if (!strcmp(d->in.format, "csv") && d->in.is_bundle)
		error = analyse_bundle(d, ctx);
	else if (!strcmp(d->in.format, "csv")) {
		/* one file: its rows are the records */
		const l2e__node *row;

		d->main_table = d->in.tables[0].name;
		for (row = first_row(&d->in.tables[0]); row; row = row->next)
			d->in.n_records++;
		error = l2e__draft_group_add(d, "", "") &&
		                fill_rows(d, &d->groups[0], &d->in.tables[0],
		                          1) == 0
		            ? 0
		            : -1;
	} else
		error = analyse_records(d);
	if (error == -1)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	if (error < 0)
		return error;
	if (!d->in.n_records)
		return l2e__error_set(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                      "no student records found in the "
		                      "export");
	mark_natid(d);
	if (l2e__draft_join_groups(d) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	if (d->key_column) {
		for (i = 0; i < d->groups[0].n_cols; i++)
			if (!strcmp(d->groups[0].cols[i].last,
			            l2e__draft_norm(&d->pool, d->key_column)))
				d->key = &d->groups[0].cols[i];
		if (d->key) {
			d->key->placed = 1;
			d->key_score = 0.9;
		}
	} else {
		choose_key(d);
		l2e__draft_person_key(d);
	}
	choose_consent(d);
	choose_sections(d);
	if (l2e__draft_split(d) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	mark_natid(d); /* the places of the sections split by kind too */
	if (l2e__draft_pick_group(d, &d->groups[0], L2E__SEC_PERSON,
	                          L2E__SEC_HEADLINE) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	for (i = 1; i < d->n_groups; i++)
		if (d->groups[i].section >= 0 &&
		    (l2e__draft_pick_group(d, &d->groups[i],
		                           d->groups[i].section, -1) < 0 ||
		     (d->groups[i].section == L2E__SEC_LANGUAGES &&
		      l2e__draft_pick_long(d, &d->groups[i]) < 0)))
			return l2e__error_set(ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_READ,
			                      "out of memory");
	if (l2e__draft_join_finish(d) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	return 0;
}
