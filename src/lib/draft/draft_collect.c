/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_collect.c - `mapping init`'s first look: every value place
 * (column, member, attribute) of an export's records and of the lists
 * in them, gathered into groups and columns with their values, for the
 * choices of draft.c, draft_split.c and the others to weigh.
 */
#include <stdlib.h>
#include <string.h>

#include "draft/draft.h"

#include "core/buf.h"
#include "core/natid.h"
#include "util/alloc.h"

#define MAX_DEPTH      24
#define PATH_MAX_BYTES 1024

typedef struct pathbuf {
	char b[PATH_MAX_BYTES];
	size_t n;
} pathbuf;

/* Whether member name `key` must be quoted in a path; its length in
 * *len. One pass: this runs for every member of every record. */
static int needs_quotes(const char *key, size_t *len)
{
	int quote = !*key || *key == '$' || *key == ' ';
	size_t i;

	for (i = 0; key[i]; i++)
		switch (key[i]) {
		case '.':
		case '[':
		case ']':
		case '=':
		case '\'':
		case '"': quote = 1; break;
		default: break;
		}
	*len = i;
	return quote || (i && key[i - 1] == ' ');
}

/* Append member name `key` as a path step: quoted when it must be.
 * Returns the old length, or (size_t)-1 when the path is too long. */
static size_t push(pathbuf *p, const char *key, const char *tail)
{
	size_t old = p->n, len, i;
	int quote = needs_quotes(key, &len);
	char *b = p->b;

	if (!quote) {
		if (p->n + 1 + len + 3 >= PATH_MAX_BYTES)
			goto too_long;
		if (old)
			b[p->n++] = '.';
		memcpy(b + p->n, key, len);
		p->n += len;
	} else {
		if (p->n + 2 >= PATH_MAX_BYTES)
			goto too_long;
		b[p->n++] = '[';
		b[p->n++] = '\'';
		for (i = 0; key[i]; i++) {
			if (p->n + 3 >= PATH_MAX_BYTES)
				goto too_long;
			if (key[i] == '\'')
				b[p->n++] = '\'';
			b[p->n++] = key[i];
		}
		if (p->n + 3 >= PATH_MAX_BYTES)
			goto too_long;
		b[p->n++] = '\'';
		b[p->n++] = ']';
	}
	if (tail) {
		if (p->n + strlen(tail) + 1 >= PATH_MAX_BYTES)
			goto too_long;
		memcpy(b + p->n, tail, strlen(tail));
		p->n += strlen(tail);
	}
	b[p->n] = '\0';
	return old;
too_long:
	p->n = old;
	b[old] = '\0';
	return (size_t)-1;
}

static void pop(pathbuf *p, size_t old)
{
	p->n = old;
	p->b[old] = '\0';
}

static l2e__dgroup *group_find(l2e__draft *d, const char *each)
{
	size_t i;

	for (i = 0; i < d->n_groups; i++)
		if (!strcmp(d->groups[i].each, each))
			return &d->groups[i];
	return NULL;
}

const l2e__dgroup *l2e__draft_section_group(const l2e__draft *d, int section)
{
	size_t i;

	/* groups[0] is the record itself */
	for (i = 1; i < d->n_groups; i++)
		if (d->groups[i].section == section)
			return &d->groups[i];
	return NULL;
}

l2e__dgroup *l2e__draft_group_add(l2e__draft *d, const char *each,
                                  const char *last)
{
	l2e__dgroup *g;

	if ((g = group_find(d, each)))
		return g;
	if (d->n_groups == d->cap_groups) {
		size_t cap = d->cap_groups ? 2 * d->cap_groups : 16;
		l2e__dgroup *grown =
		    l2e__realloc(d->groups, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		d->groups = grown;
		d->cap_groups = cap;
	}
	g = &d->groups[d->n_groups];
	memset(g, 0, sizeof(*g));
	g->section = -1;
	if (!(g->each = l2e__pool_strdup(&d->pool, each)) ||
	    !(g->norm = l2e__draft_norm(&d->pool, last)))
		return NULL;
	d->n_groups++;
	return g;
}

static l2e__dcol *col_get(l2e__draft *d, l2e__dgroup *g, const char *path,
                          const char *last)
{
	l2e__dcol *c;
	size_t i;

	/* the places of a record come in the same order each time: try
	 * the one after the last found first */
	if (g->hint < g->n_cols && !strcmp(g->cols[g->hint].path, path))
		return &g->cols[g->hint++];
	for (i = 0; i < g->n_cols; i++)
		if (!strcmp(g->cols[i].path, path)) {
			g->hint = i + 1;
			return &g->cols[i];
		}
	g->hint = g->n_cols + 1;
	if (g->n_cols == g->cap_cols) {
		size_t cap = g->cap_cols ? 2 * g->cap_cols : 16;
		l2e__dcol *grown = l2e__realloc(g->cols, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		g->cols = grown;
		g->cap_cols = cap;
	}
	c = &g->cols[g->n_cols];
	memset(c, 0, sizeof(*c));
	if (!(c->path = l2e__pool_strdup(&d->pool, path)) ||
	    !(c->last = l2e__draft_norm(&d->pool, last)) ||
	    !(c->full = l2e__draft_norm(&d->pool, path)))
		return NULL;
	if (g == &d->groups[0] &&
	    !(c->values = l2e__pool_alloc(&d->pool, (d->in.n_records + 1) *
	                                                sizeof(*c->values))))
		return NULL;
	g->n_cols++;
	return c;
}

static void col_add(l2e__draft *d, l2e__dcol *c, const l2e__node *v, size_t rec)
{
	const char *s = v->text ? v->text : "";
	size_t i;

	if (!*s)
		return;
	c->n++;
	if (v->kind == L2E__NODE_BOOL)
		c->n_json_bool++;
	l2e__shape_count(c->shapes, s);
	if (l2e__words_find(&d->words.yes, s) >= 0)
		c->n_yes++;
	else if (l2e__words_find(&d->words.no, s) >= 0)
		c->n_no++;
	if (l2e__words_find(&d->words.entry, s) >= 0)
		c->n_entry++;
	if (c->values && rec < d->in.n_records)
		c->values[rec] = s;
	if (c->is_many)
		return;
	for (i = 0; i < c->n_samples; i++)
		if (!strcmp(c->samples[i], s))
			return;
	if (c->n_samples < L2E__DRAFT_SAMPLES)
		c->samples[c->n_samples++] = s;
	else
		c->is_many = 1;
}

/* A list of {"language": ..., "value": ...}: one text in several
 * languages, read as its first element's value. */
int l2e__draft_is_localized(const l2e__node *arr)
{
	const l2e__node *k;

	for (k = arr->first; k; k = k->next)
		if (k->kind != L2E__NODE_OBJECT ||
		    !l2e__node_member(k, "value") ||
		    !l2e__node_member(k, "language"))
			return 0;
	return arr->first != NULL;
}

/* An object named like a section ("programme": {...}): a list of one. */
static int is_section_name(l2e__draft *d, const l2e__node *m)
{
	const char *norm = l2e__draft_norm(&d->pool, m->key);
	size_t k;

	for (k = L2E__SEC_EDUCATION; norm && k < L2E__SEC_N; k++)
		if (l2e__words_find(&d->words.sections[k], norm) >= 0)
			return 1;
	return 0;
}

/* Pass 1: every list of objects, by its path from the record. */
static int find_groups_at(l2e__draft *d, const l2e__node *obj, pathbuf *from,
                          size_t depth)
{
	const l2e__node *m, *k;
	l2e__dgroup *g;
	size_t old;
	int error;

	if (depth > MAX_DEPTH)
		return 0;
	for (m = obj->first; m; m = m->next) {
		if (!m->key ||
		    (m->kind != L2E__NODE_ARRAY && m->kind != L2E__NODE_OBJECT))
			continue;
		if ((old = push(from, m->key, NULL)) == (size_t)-1)
			continue;
		if ((m->kind == L2E__NODE_ARRAY && m->first &&
		     m->first->kind == L2E__NODE_OBJECT &&
		     !l2e__draft_is_localized(m)) ||
		    (m->kind == L2E__NODE_OBJECT && depth == 0 &&
		     is_section_name(d, m))) {
			if (!(g = l2e__draft_group_add(d, from->b, m->key)))
				return -1;
			g->is_list |= m->kind == L2E__NODE_ARRAY;
		}
		if (m->kind == L2E__NODE_OBJECT) {
			if ((error = find_groups_at(d, m, from, depth + 1)) < 0)
				return error;
		} else {
			for (k = m->first; k; k = k->next)
				if (k->kind == L2E__NODE_OBJECT &&
				    (error = find_groups_at(d, k, from,
				                            depth + 1)) < 0)
					return error;
		}
		pop(from, old);
	}
	return 0;
}

/* Pass 2: the values of `obj`, an item of `g`; `at` is the path from
 * the item, `from` the path from the record. */
static int fill(l2e__draft *d, l2e__dgroup *g, const l2e__node *obj,
                pathbuf *at, pathbuf *from, size_t rec, size_t depth)
{
	const l2e__node *m, *k, *lm;
	l2e__dgroup *sub;
	l2e__dcol *c;
	size_t old_at, old_from;
	pathbuf fresh;
	int error = 0;

	if (depth > MAX_DEPTH)
		return 0;
	for (m = obj->first; m && !error; m = m->next) {
		if (!m->key)
			continue;
		if ((old_from = push(from, m->key, NULL)) == (size_t)-1)
			continue;
		sub = NULL;
		if (m->kind == L2E__NODE_ARRAY || m->kind == L2E__NODE_OBJECT)
			sub = group_find(d, from->b);
		if (sub) {
			for (k = m->kind == L2E__NODE_ARRAY ? m->first : m; k;
			     k = m->kind == L2E__NODE_ARRAY ? k->next : NULL) {
				if (k->kind != L2E__NODE_OBJECT)
					continue;
				sub->n_items++;
				fresh.n = 0;
				fresh.b[0] = '\0';
				error = fill(d, sub, k, &fresh, from, rec,
				             depth + 1);
				if (error)
					break;
			}
		} else if (m->kind == L2E__NODE_OBJECT &&
		           (lm = l2e__shape_langmap(m)) != NULL) {
			/* one text in several languages: one place */
			if ((old_at = push(at, m->key, NULL)) != (size_t)-1) {
				if (!(c = col_get(d, g, at->b, m->key))) {
					error = -1;
				} else {
					col_add(d, c, lm, rec);
					c->is_langmap = 1;
				}
				pop(at, old_at);
			}
		} else if (m->kind == L2E__NODE_OBJECT) {
			if ((old_at = push(at, m->key, NULL)) != (size_t)-1) {
				error = fill(d, g, m, at, from, rec, depth + 1);
				pop(at, old_at);
			}
		} else if (m->kind == L2E__NODE_ARRAY) {
			int loc = l2e__draft_is_localized(m);
			const l2e__node *v =
			    loc ? l2e__node_member(m->first, "value")
			        : m->first;

			if (v && l2e__node_is_scalar(v) &&
			    (old_at =
			         push(at, m->key, loc ? "[0].value" : "[0]")) !=
			        (size_t)-1) {
				if (!(c = col_get(d, g, at->b, m->key)))
					error = -1;
				else
					col_add(d, c, v, rec);
				pop(at, old_at);
			}
		} else if (l2e__node_is_scalar(m)) {
			if ((old_at = push(at, m->key, NULL)) != (size_t)-1) {
				if (!(c = col_get(d, g, at->b, m->key)))
					error = -1;
				else
					col_add(d, c, m, rec);
				pop(at, old_at);
			}
		}
		pop(from, old_from);
	}
	return error;
}

int l2e__draft_find_groups(l2e__draft *d, const l2e__node *record)
{
	pathbuf from;

	from.n = 0;
	from.b[0] = '\0';
	return find_groups_at(d, record, &from, 0);
}

int l2e__draft_fill_item(l2e__draft *d, l2e__dgroup *g, const l2e__node *item,
                         size_t rec)
{
	pathbuf at, from;

	at.n = from.n = 0;
	at.b[0] = from.b[0] = '\0';
	g->n_items++;
	return fill(d, g, item, &at, &from, rec, 0);
}
