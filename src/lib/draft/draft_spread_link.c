/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_spread_link.c - `mapping init`, a spread export: which kind of
 * file is a page of records, which kind is the person, which member of
 * a kind is its id and which members of the others refer to it; and one
 * joined record per person, every referred object copied in under
 * "$lookup(table, member)" after the member that names it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft/draft_kinds.h"

#include "core/natid.h"
#include "util/alloc.h"

int l2e__spread_grow(void **arr, size_t *cap, size_t size)
{
	size_t n = *cap ? 2 * *cap : 16;
	void *p = l2e__realloc(*arr, n * size);

	if (!p)
		return -1;
	*arr = p;
	*cap = n;
	return 0;
}

int l2e__spread_plain_name(const char *s)
{
	size_t n = s ? strspn(s, "abcdefghijklmnopqrstuvwxyz"
	                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
	             : 0;

	return n && n < 100 && !s[n] && !l2e__natid_find(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ==== Ids and references ==== */

static int cmp_val(const void *a, const void *b)
{
	return strcmp(((const sval *)a)->text, ((const sval *)b)->text);
}

/* A text that may be an id: not a date nor a national id. */
static int is_id_text(const l2e__node *v)
{
	size_t shapes[L2E__SHAPE_N] = { 0 };
	int k;

	if (!l2e__node_is_scalar(v) || v->kind != L2E__NODE_STRING ||
	    v->len < 4 || l2e__natid_find(v->text))
		return 0;
	l2e__shape_count(shapes, v->text);
	for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_DMY8; k++)
		if (shapes[k])
			return 0;
	return 1;
}

/* The cheap part of is_id_text(), for every value of the export: a
 * value that is not an id matches none and only adds to the count. */
static int could_be_id(const l2e__node *v)
{
	return v->kind == L2E__NODE_STRING && v->text && v->len >= 4;
}

/* A member named like an id: "programmeId", "id", "offering_id". */
static int named_id(const char *m)
{
	size_t len = strlen(m);

	return len >= 2 && (m[len - 1] == 'd' || m[len - 1] == 'D') &&
	       (m[len - 2] == 'i' || m[len - 2] == 'I');
}

/* Whether every entry of `k` has member `m` with a distinct text. */
static int is_unique(const skind *k, const char *m)
{
	const char **v = l2e__calloc(k->n_ents + 1, sizeof(*v));
	const l2e__node *x;
	size_t i;
	int ok = v != NULL;

	for (i = 0; i < k->n_ents && ok; i++) {
		x = l2e__node_member(k->ents[i], m);
		ok = x && is_id_text(x);
		if (ok)
			v[i] = x->text;
	}
	if (ok) {
		qsort(v, k->n_ents, sizeof(*v), cmp_str);
		for (i = 1; i < k->n_ents && ok; i++)
			ok = strcmp(v[i - 1], v[i]) != 0;
	}
	l2e__free(v);
	return ok;
}

/* Every member that could be an entry's id, with its values. */
static int collect_ids(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	const l2e__node *m;
	size_t k, i;

	for (k = 0; k < s->n_kinds; k++) {
		skind *kd = &s->kinds[k];

		if (kd->is_page || !kd->n_ents)
			continue;
		for (m = kd->ents[0]->first; m; m = m->next) {
			if (!m->key || !is_id_text(m) ||
			    !l2e__spread_plain_name(m->key) ||
			    !is_unique(kd, m->key))
				continue;
			for (i = 0; i < kd->n_ents; i++) {
				if (GROW(s->vals, s->n_vals, s->cap_vals) < 0)
					return -1;
				s->vals[s->n_vals].text =
				    l2e__node_member(kd->ents[i], m->key)->text;
				s->vals[s->n_vals].kind = k;
				s->vals[s->n_vals++].member = m->key;
			}
		}
	}
	if (s->n_vals)
		qsort(s->vals, s->n_vals, sizeof(*s->vals), cmp_val);
	return 0;
}

static int count_ref(l2e__dspread *s, size_t from, const char *member,
                     const char *text)
{
	sval key, *v;
	size_t i, lo = 0, hi = s->n_vals;

	for (i = 0; i < s->n_counts; i++)
		if (s->counts[i].kind == from &&
		    !strcmp(s->counts[i].member, member))
			break;
	if (i == s->n_counts) {
		if (GROW(s->counts, s->n_counts, s->cap_counts) < 0)
			return -1;
		s->counts[i].kind = from;
		s->counts[i].member = member;
		s->counts[i].total = 0;
		s->n_counts++;
	}
	s->counts[i].total++;
	key.text = text;
	while (lo < hi) { /* the first value with this text */
		size_t mid = (lo + hi) / 2;

		if (cmp_val(&s->vals[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (v = s->vals + lo; v < s->vals + s->n_vals && !cmp_val(v, &key);
	     v++) {
		if (v->kind == from)
			continue;
		for (i = 0; i < s->n_links; i++)
			if (s->links[i].from == from &&
			    s->links[i].to == v->kind &&
			    !strcmp(s->links[i].member, member) &&
			    !strcmp(s->links[i].id, v->member))
				break;
		if (i == s->n_links) {
			if (GROW(s->links, s->n_links, s->cap_links) < 0)
				return -1;
			memset(&s->links[i], 0, sizeof(s->links[i]));
			s->links[i].from = from;
			s->links[i].to = v->kind;
			s->links[i].member = member;
			s->links[i].id = v->member;
			s->n_links++;
		}
		s->links[i].hits++;
	}
	return 0;
}

/* The scalar members of `obj` and of the objects in it, counted. */
static int count_obj(l2e__dspread *s, size_t kind, const l2e__node *obj,
                     size_t depth)
{
	const l2e__node *m;

	for (m = obj->first; m; m = m->next) {
		if (!m->key)
			continue;
		if (m->kind == L2E__NODE_OBJECT && depth < 3) {
			if (count_obj(s, kind, m, depth + 1) < 0)
				return -1;
		} else if (could_be_id(m) && l2e__spread_plain_name(m->key) &&
		           count_ref(s, kind, m->key, m->text) < 0) {
			return -1;
		}
	}
	return 0;
}

static size_t total_of(const l2e__dspread *s, size_t kind, const char *m)
{
	size_t i;

	for (i = 0; i < s->n_counts; i++)
		if (s->counts[i].kind == kind &&
		    !strcmp(s->counts[i].member, m))
			return s->counts[i].total;
	return 0;
}

/* A real reference: most values of the member are ids of `to`. */
static int is_ref(const l2e__dspread *s, const slink *l)
{
	size_t total = total_of(s, l->from, l->member);

	return total && (double)l->hits >= SHARE_REF * (double)total;
}

static int count_refs(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	const l2e__node *it;
	size_t k, i;

	for (k = 0; k < s->n_kinds; k++)
		for (i = 0; i < s->kinds[k].n_ents; i++) {
			const skind *kd = &s->kinds[k];

			if (!kd->is_page) {
				if (count_obj(s, k, kd->ents[i], 0) < 0)
					return -1;
				continue;
			}
			it = l2e__node_member(kd->ents[i], kd->items);
			for (it = it ? it->first : NULL; it; it = it->next)
				if (it->kind == L2E__NODE_OBJECT &&
				    count_obj(s, k, it, 0) < 0)
					return -1;
		}
	return 0;
}

/* A page kind: most files are a page around records. */
void l2e__spread_pages(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	const l2e__node *arr;
	size_t k, i, pages;

	for (k = 0; k < s->n_kinds; k++) {
		skind *kd = &s->kinds[k];

		for (i = pages = 0; i < kd->n_ents; i++)
			if ((arr = l2e__draft_record_array(kd->ents[i])) &&
			    l2e__spread_plain_name(arr->key) &&
			    l2e__draft_is_page(kd->ents[i], arr)) {
				pages++;
				kd->items = arr->key;
			}
		kd->is_page = kd->n_ents && 2 * pages > kd->n_ents;
	}
}

/* The main kind: the one whose entries are named most like a person. */
int l2e__spread_main(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	const l2e__node *m;
	const char *norm;
	size_t k, f, best = 1, n;

	s->main = s->n_kinds;
	for (k = 0; k < s->n_kinds; k++) {
		if (s->kinds[k].is_page || !s->kinds[k].n_ents)
			continue;
		n = 0;
		for (f = 0; f < d->words.n_fields; f++) {
			const l2e__dfield *fd = &d->words.fields[f];

			if (fd->section != L2E__SEC_PERSON)
				continue;
			for (m = s->kinds[k].ents[0]->first; m; m = m->next)
				if (m->key &&
				    (norm =
				         l2e__draft_norm(&d->pool, m->key)) &&
				    l2e__words_find(&fd->names, norm) >= 0) {
					n++;
					break;
				}
		}
		if (n > best) {
			best = n;
			s->main = k;
		}
	}
	return s->main < s->n_kinds;
}

/* The id of each kind: its member that others name most. */
static void find_ids(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	size_t k, i, j, hits, best;

	for (k = 0; k < s->n_kinds; k++) {
		skind *kd = &s->kinds[k];

		if (kd->is_page)
			continue;
		best = 0;
		for (i = 0; i < s->n_links; i++) {
			if (s->links[i].to != k || !is_ref(s, &s->links[i]))
				continue;
			for (j = hits = 0; j < s->n_links; j++)
				if (s->links[j].to == k &&
				    !strcmp(s->links[j].id, s->links[i].id) &&
				    is_ref(s, &s->links[j]))
					hits += s->links[j].hits;
			if (named_id(s->links[i].id))
				hits *= 4; /* named so: the likelier id */
			if (hits > best) {
				best = hits;
				kd->id = s->links[i].id;
			}
		}
	}
	s->main_id = s->kinds[s->main].id;
	for (k = 0; k < s->n_kinds && s->main_id; k++) {
		skind *kd = &s->kinds[k];

		if (!kd->is_page)
			continue;
		for (i = 0; i < s->n_links; i++)
			if (s->links[i].from == k &&
			    s->links[i].to == s->main &&
			    !strcmp(s->links[i].id, s->main_id) &&
			    is_ref(s, &s->links[i]))
				kd->link = s->links[i].member;
	}
}

/* The link from kind `from`'s member `member` to another kind. */
static const slink *ref_of(const l2e__dspread *s, size_t from,
                           const char *member)
{
	size_t i;

	for (i = 0; i < s->n_links; i++)
		if (s->links[i].from == from && s->links[i].to != s->main &&
		    !strcmp(s->links[i].member, member) &&
		    s->kinds[s->links[i].to].id &&
		    !strcmp(s->links[i].id, s->kinds[s->links[i].to].id) &&
		    is_ref(s, &s->links[i]))
			return &s->links[i];
	return NULL;
}

/* ==== The joined records ==== */

static int cmp_sent(const void *a, const void *b)
{
	const sent *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	return c ? c : x->at < y->at ? -1 : x->at > y->at;
}

/* The id of entry `e` of `k`: its id member, or for a page the person
 * its first record names. */
static const char *id_of(const skind *k, const l2e__node *e)
{
	const l2e__node *v = NULL, *it;

	if (!k->is_page)
		v = l2e__node_member(e, k->id);
	else if ((it = l2e__node_member(e, k->items)) && it->first)
		v = l2e__node_member(it->first, k->link);
	return v && v->text ? v->text : NULL;
}

/* The entry of `k` with id `id`, or NULL; *oom on no memory. */
static const l2e__node *entry(skind *k, const char *id, int *oom)
{
	size_t i, lo = 0, hi;
	const char *t;

	if (!k->index && k->n_ents) {
		if (!(k->index = l2e__calloc(k->n_ents, sizeof(*k->index)))) {
			*oom = 1;
			return NULL;
		}
		for (i = 0; i < k->n_ents; i++)
			if ((t = id_of(k, k->ents[i]))) {
				k->index[k->n_index].text = t;
				k->index[k->n_index].ent = k->ents[i];
				k->index[k->n_index++].at = i;
			}
		qsort(k->index, k->n_index, sizeof(*k->index), cmp_sent);
	}
	for (hi = k->n_index; lo < hi;) { /* the first with this id */
		size_t mid = (lo + hi) / 2;

		if (strcmp(k->index[mid].text, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n_index && !strcmp(k->index[lo].text, id)
	           ? k->index[lo].ent
	           : NULL;
}

static l2e__node *copy(l2e__draft *d, const l2e__node *src, size_t kind,
                       size_t chain, int is_referred);

static l2e__node *node(l2e__draft *d, const l2e__node *src)
{
	l2e__node *n;

	if (++d->spread->n_nodes > MAX_NODES)
		return NULL;
	if (!(n = l2e__node_new(&d->in.pool, src->kind, src->line,
	                        src->column)))
		return NULL;
	n->key = src->key;
	n->text = src->text;
	n->len = src->len;
	n->file = src->file;
	return n;
}

/* Append to `obj` the members of `src`, with every referred object
 * under "$lookup(table, member)" after its id; in a referred object, a
 * list of objects becomes its first element, "$at:name". */
static int copy_members(l2e__draft *d, l2e__node *obj, const l2e__node *src,
                        size_t kind, size_t chain, int is_referred)
{
	l2e__dspread *s = d->spread;
	const l2e__node *m, *target;
	const slink *l;
	l2e__node *c;
	char key[300];
	int oom = 0;

	for (m = src->first; m; m = m->next) {
		if (is_referred && m->kind == L2E__NODE_ARRAY && m->first &&
		    m->first->kind == L2E__NODE_OBJECT && m->key &&
		    !l2e__draft_is_localized(m) &&
		    l2e__spread_plain_name(m->key)) {
			snprintf(key, sizeof(key), "$at:%s", m->key);
			if (!(c = copy(d, m->first, kind, chain, 1)) ||
			    !(c->key = l2e__pool_strdup(&d->pool, key)))
				return -1;
			l2e__node_append(obj, c);
			continue;
		}
		if (!(c = copy(d, m, kind, chain, is_referred)))
			return -1;
		l2e__node_append(obj, c);
		if (!m->key || !could_be_id(m) || chain >= MAX_CHAIN ||
		    (s->kinds[kind].id && !strcmp(m->key, s->kinds[kind].id)) ||
		    !l2e__spread_plain_name(m->key) ||
		    !(l = ref_of(s, kind, m->key)) ||
		    !(target = entry(&s->kinds[l->to], m->text, &oom))) {
			if (oom)
				return -1;
			continue;
		}
		snprintf(key, sizeof(key), "$lookup(%s, %s)",
		         s->kinds[l->to].table, m->key);
		if (!(c = copy(d, target, l->to, chain + 1, 1)) ||
		    !(c->key = l2e__pool_strdup(&d->pool, key)))
			return -1;
		s->kinds[l->to].used = 1;
		l2e__node_append(obj, c);
	}
	return 0;
}

static l2e__node *copy(l2e__draft *d, const l2e__node *src, size_t kind,
                       size_t chain, int is_referred)
{
	l2e__node *n = node(d, src);

	if (!n)
		return NULL;
	if (src->kind == L2E__NODE_OBJECT) {
		if (copy_members(d, n, src, kind, chain, is_referred) < 0)
			return NULL;
	} else if (src->kind == L2E__NODE_ARRAY) {
		const l2e__node *k;
		l2e__node *c;

		for (k = src->first; k; k = k->next) {
			if (!(c = copy(d, k, kind, chain, is_referred)))
				return NULL;
			l2e__node_append(n, c);
		}
	}
	return n;
}

/* One student: the person, its pages (only their records), and what
 * they refer to. */
l2e__node *l2e__spread_join_one(l2e__draft *d, const l2e__node *person,
                                int full)
{
	l2e__dspread *s = d->spread;
	const l2e__node *idv = l2e__node_member(person, s->main_id), *page;
	l2e__node *rec = node(d, person), *p, *items;
	size_t k;
	char key[300];
	int oom = 0;

	if (!rec ||
	    copy_members(d, rec, person, s->main, full ? 0 : MAX_CHAIN, 0) < 0)
		return NULL;
	for (k = 0; k < s->n_kinds && full && idv && idv->text; k++) {
		skind *kd = &s->kinds[k];

		if (!kd->is_page || !kd->link ||
		    !(page = entry(kd, idv->text, &oom))) {
			if (oom)
				return NULL;
			continue;
		}
		if (!(p = node(d, page)) ||
		    !(items =
		          copy(d, l2e__node_member(page, kd->items), k, 0, 0)))
			return NULL;
		snprintf(key, sizeof(key), "$lookup(%s, %s)", kd->table,
		         s->main_id);
		if (!(p->key = l2e__pool_strdup(&d->pool, key)))
			return NULL;
		l2e__node_append(p, items);
		l2e__node_append(rec, p);
		kd->used = 1;
	}
	return rec;
}

/* A member every person has and no record of another kind given as
 * an input: the persons among the records of the inputs. */
void l2e__spread_where(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	const skind *mk = &s->kinds[s->main];
	const l2e__node *m, *it;
	size_t i, k;
	int other;

	for (m = mk->ents[0]->first; m && !s->where; m = m->next) {
		if (!m->key || !l2e__node_is_scalar(m) ||
		    !l2e__spread_plain_name(m->key))
			continue;
		for (i = 0; i < mk->n_ents; i++)
			if (!l2e__node_member(mk->ents[i], m->key))
				break;
		if (i < mk->n_ents)
			continue;
		other = 0;
		for (k = 0; k < s->n_kinds && !other; k++) /* the inputs */
			for (i = 0; k != s->main && !s->kinds[k].is_page &&
			            !strchr(s->kinds[k].glob, '/') &&
			            i < s->kinds[k].n_ents && !other;
			     i++)
				other = l2e__node_member(s->kinds[k].ents[i],
				                         m->key) != NULL;
		for (k = 0; k < s->n_kinds && !other; k++)
			for (i = 0;
			     s->kinds[k].is_page && i < s->kinds[k].n_ents;
			     i++) {
				it = l2e__node_member(s->kinds[k].ents[i],
				                      s->kinds[k].items);
				if (l2e__node_member(s->kinds[k].ents[i],
				                     m->key) ||
				    (it && it->first &&
				     l2e__node_member(it->first, m->key)))
					other = 1;
			}
		if (!other)
			s->where = m->key;
	}
}

int l2e__spread_refs(l2e__draft *d)
{
	if (collect_ids(d) < 0 || count_refs(d) < 0)
		return -1;
	find_ids(d);
	return 0;
}
