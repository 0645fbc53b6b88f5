/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_split.c - `mapping init`: one list that holds several sections,
 * told apart by the kind of each item. A credential (ELM) has one list
 * of claims: a learning activity (an internship), a learning achievement
 * (a certificate), a qualification (a diploma); some school systems
 * keep all results in one table with a "soort" column. The words for
 * the kinds and for the kind columns are data (synonyms.json "kinds",
 * "kind_columns"); each section found becomes a group of its own over
 * the same list, with "where" on the kind, and its places are counted
 * over the items of that kind only, so that each section picks from
 * what its own items hold.
 */
#include <string.h>

#include "draft/draft.h"

#include "util/alloc.h"

#define MAX_STEPS 16

/* Call `fn` for every object at the dotted `path` under `node` (lists
 * on the way are walked through). */
typedef int (*item_fn)(l2e__draft *d, size_t gi, const l2e__node *item,
                       size_t rec);

static int walk(l2e__draft *d, size_t gi, const l2e__node *node, char **steps,
                size_t n, size_t rec, item_fn fn)
{
	const l2e__node *k;
	int error;

	if (node->kind == L2E__NODE_ARRAY) {
		for (k = node->first; k; k = k->next)
			if (k->kind == L2E__NODE_OBJECT &&
			    (error = walk(d, gi, k, steps, n, rec, fn)) < 0)
				return error;
		return 0;
	}
	if (node->kind != L2E__NODE_OBJECT)
		return 0;
	if (!n)
		return fn(d, gi, node, rec);
	if (!(k = l2e__node_member(node, steps[0])))
		return 0;
	return walk(d, gi, k, steps + 1, n - 1, rec, fn);
}

/* The text at the dotted `path` of `item` (objects only), or NULL. */
static const char *value_at(const l2e__node *item, const char *path)
{
	char step[256];
	const char *dot;
	size_t len;

	while (item && item->kind == L2E__NODE_OBJECT) {
		dot = strchr(path, '.');
		len = dot ? (size_t)(dot - path) : strlen(path);
		if (len >= sizeof(step))
			return NULL;
		memcpy(step, path, len);
		step[len] = '\0';
		item = l2e__node_member(item, step);
		if (!dot)
			return item && l2e__node_is_scalar(item) ? item->text
			                                         : NULL;
		path = dot + 1;
	}
	return NULL;
}

static int fill_kind(l2e__draft *d, size_t gi, const l2e__node *item,
                     size_t rec)
{
	l2e__dgroup *g = &d->groups[gi];
	const char *v = g->where_path ? value_at(item, g->where_path) : NULL;
	size_t i;

	if (g->where_exists && !value_at(item, g->where_exists))
		return 0;
	if (!g->n_where)
		return l2e__draft_fill_item(d, g, item, rec);
	for (i = 0; v && i < g->n_where; i++)
		if (!strcmp(v, g->where_in[i]))
			return l2e__draft_fill_item(d, g, item, rec);
	return 0;
}

/* A new group over the list of group `of`, for `section`. */
static l2e__dgroup *add(l2e__draft *d, size_t of, int section,
                        const l2e__dcol *kind)
{
	l2e__dgroup *g;

	if (d->n_groups == d->cap_groups) {
		size_t cap = 2 * d->cap_groups;
		l2e__dgroup *grown =
		    l2e__realloc(d->groups, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		d->groups = grown;
		d->cap_groups = cap;
	}
	g = &d->groups[d->n_groups++];
	memset(g, 0, sizeof(*g));
	g->each = d->groups[of].each;
	g->norm = d->groups[of].norm;
	g->is_list = 1;
	g->section = section;
	g->where_path = kind->path;
	return g;
}

/* The section the kind `v` names, or -1. */
static int section_of(l2e__draft *d, const char *v)
{
	const char *norm = l2e__draft_norm(&d->pool, v);
	int k;

	for (k = L2E__SEC_EDUCATION; norm && k < L2E__SEC_N; k++)
		if (l2e__words_find(&d->words.kinds[k], norm) >= 0)
			return k;
	return -1;
}

/* Fill the groups from `first` on with the items of list `gi`. */
static int refill(l2e__draft *d, size_t gi, size_t first)
{
	char copy[1024], *steps[MAX_STEPS], *p;
	size_t i, n = 0, r, len;
	int error;

	if ((len = strlen(d->groups[gi].each)) >= sizeof(copy))
		return 0;
	memcpy(copy, d->groups[gi].each, len + 1);
	for (p = copy; n < MAX_STEPS;) {
		steps[n++] = p;
		if (!(p = strchr(p, '.')))
			break;
		*p++ = '\0';
	}
	for (i = first; i < d->n_groups; i++)
		for (r = 0; r < d->in.n_records; r++)
			if ((error = walk(d, i, d->in.records[r], steps, n, r,
			                  fill_kind)) < 0)
				return error;
	return 0;
}

/* Claims about a language (a certificate of German) in a list of
 * kinds: the items with a language code are the languages section,
 * among the certificates' kind when the list has one (the language of
 * instruction of an internship is no language skill). */
static int split_languages(l2e__draft *d, size_t gi)
{
	const l2e__dgroup *cert = NULL;
	l2e__dgroup *g;
	const l2e__dcol *c, *code = NULL;
	size_t i, k, first = d->n_groups;

	if (l2e__draft_section_group(d, L2E__SEC_LANGUAGES))
		return 0;
	for (k = 0; k < d->words.n_fields && !code; k++) {
		const l2e__dfield *f = &d->words.fields[k];

		if (f->section != L2E__SEC_LANGUAGES ||
		    f->type != L2E__TYPE_LANGUAGE)
			continue;
		for (i = 0; i < d->groups[gi].n_cols && !code; i++) {
			c = &d->groups[gi].cols[i];
			if (c->n && !c->is_natid && !strchr(c->path, '[') &&
			    l2e__dcol_name_score(c, &f->names) >= 0.9)
				code = c;
		}
	}
	if (!code)
		return 0;
	for (i = 1; i < d->n_groups; i++)
		if (d->groups[i].section == L2E__SEC_CERTIFICATES &&
		    !strcmp(d->groups[i].each, d->groups[gi].each))
			cert = &d->groups[i];
	if (!(g = add(d, gi, L2E__SEC_LANGUAGES, code)))
		return -1;
	g->where_exists = code->path;
	g->where_path = NULL;
	if (cert) {
		g->where_path = cert->where_path;
		g->n_where = cert->n_where;
		memcpy(g->where_in, cert->where_in, sizeof(g->where_in));
	}
	return refill(d, gi, first);
}

/* Split the list of group `gi` by its kind column `kind`. */
static int split(l2e__draft *d, size_t gi, size_t ci)
{
	size_t i, first = d->n_groups, r;
	l2e__dgroup *g;
	l2e__dcol *kind;
	int k;

	for (i = 0; i < d->groups[gi].cols[ci].n_samples; i++) {
		kind = &d->groups[gi].cols[ci];
		if ((k = section_of(d, kind->samples[i])) < 0 ||
		    l2e__draft_section_group(d, k))
			continue;
		for (r = first; r < d->n_groups; r++)
			if (d->groups[r].section == k)
				break;
		if (r == d->n_groups && !(g = add(d, gi, k, kind)))
			return -1;
		g = &d->groups[r];
		if (g->n_where < sizeof(g->where_in) / sizeof(g->where_in[0]))
			g->where_in[g->n_where++] = kind->samples[i];
	}
	if (first == d->n_groups)
		return 0;
	return refill(d, gi, first);
}

/* A list inside the items of a section (the evidence of a language)
 * belongs to that section: it is never split into sections of its own. */
static int in_section(const l2e__draft *d, const l2e__dgroup *g)
{
	size_t i, len;

	for (i = 1; i < d->n_groups; i++) {
		len = strlen(d->groups[i].each);
		if (d->groups[i].section >= 0 &&
		    !strncmp(g->each, d->groups[i].each, len) &&
		    g->each[len] == '.')
			return 1;
	}
	return 0;
}

int l2e__draft_split(l2e__draft *d)
{
	size_t i, j, n = d->n_groups, before;
	const l2e__dcol *c;
	int error;

	if (!d->in.records)
		return 0; /* a CSV bundle: a table per section already */
	for (i = 1; i < n; i++) {
		if (d->groups[i].section >= 0 || !d->groups[i].is_list ||
		    in_section(d, &d->groups[i]) ||
		    strchr(d->groups[i].each, '[') ||
		    strchr(d->groups[i].each, '\''))
			continue;
		before = d->n_groups;
		for (j = 0; j < d->groups[i].n_cols; j++) {
			c = &d->groups[i].cols[j];
			if (c->is_many || c->is_natid || c->n_samples > 12 ||
			    strchr(c->path, '[') ||
			    l2e__words_find(&d->words.kind_columns, c->last) <
			        0)
				continue;
			if ((error = split(d, i, j)) < 0)
				return error;
		}
		if (d->n_groups > before && (error = split_languages(d, i)) < 0)
			return error;
	}
	return 0;
}
