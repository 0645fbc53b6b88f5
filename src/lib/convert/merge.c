/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * merge.c - records spread over documents become one dossier per key
 * (dossier.merge; l2e_merger).
 *
 * Where the records of one key meet: after mapping. Each record is
 * mapped on its own, on any thread, into its own dossier, exactly as
 * without merge; the caller hands the dossiers over in input order (the
 * batch emits in input order whatever --jobs says), and only when the
 * input is read to the end are they grouped by key and joined. Joining
 * mapped dossiers rather than record trees keeps streaming as it is
 * (trees are freed document by document; a dossier holds only what
 * goes into the documents) and needs no reader to know about keys.
 *
 * Joining moves, it does not copy: the first record's dossier is the
 * base, the others become its parts (freed with it), their list items
 * are linked after the base's, and a single field the base lacks points
 * at the part's value.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "convert/dossier.h"
#include "core/ctx.h"
#include "core/hash.h"
#include "map/mapping.h"
#include "util/alloc.h"
#include "util/group.h"

typedef struct entry {
	l2e_dossier *d;
	const void *tag;
} entry;

struct l2e_merger {
	l2e_ctx *ctx;
	const l2e_mapping *map;
	entry *entries;
	size_t n, cap;
	l2e__groups groups;
	int is_grouped;
	size_t next_group;
};

int l2e_mapping_merges(const l2e_mapping *map)
{
	return map && map->merge;
}

int l2e_merger_new(l2e_merger **out, l2e_ctx *ctx, const l2e_mapping *map)
{
	L2E_ASSERT_ARG(out && ctx && map);
	if (!(*out = l2e__calloc(1, sizeof(**out))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	(*out)->ctx = ctx;
	(*out)->map = map;
	return 0;
}

int l2e_merger_add(l2e_merger *m, l2e_dossier *d, const void *tag)
{
	L2E_ASSERT_ARG(m && d);
	if (m->is_grouped) {
		l2e_dossier_free(d);
		return l2e__error_set(m->ctx, L2E_ERROR, L2E_ERRCLASS_MAP,
		                      "a dossier added after the merge began");
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		entry *grown = l2e__realloc(m->entries, cap * sizeof(*grown));

		if (!grown) {
			l2e_dossier_free(d);
			return l2e__error_set(m->ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_MAP,
			                      "out of memory");
		}
		m->entries = grown;
		m->cap = cap;
	}
	m->entries[m->n].d = d;
	m->entries[m->n++].tag = tag;
	return 0;
}

static void diag_add(l2e__diags *f, l2e_severity sev, const char *file,
                     unsigned line, unsigned column, const char *field,
                     const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

static void diag_add(l2e__diags *f, l2e_severity sev, const char *file,
                     unsigned line, unsigned column, const char *field,
                     const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__findings_vadd(f, sev, file, line, column, field, rule, fmt, ap);
	va_end(ap);
}

/* A single field both have, with different values: the first stays. */
static void conflict(l2e_dossier *base, const l2e_dossier *part, int sec,
                     int field, const l2e__value *kept, const l2e__value *other)
{
	const char *name = l2e__sections[sec].fields[field].name;
	char target[96], first[256], second[256];

	snprintf(target, sizeof(target), "%s.%s", l2e__sections[sec].name,
	         name);
	snprintf(first, sizeof(first), "%s",
	         l2e__diag_quote(&base->diags, kept->text));
	snprintf(second, sizeof(second), "%s",
	         l2e__diag_quote(&base->diags, other->text));
	diag_add(&base->diags, L2E_SEVERITY_WARNING, part->diags.file,
	         part->io.places[sec][field].line,
	         part->io.places[sec][field].column, NULL, target,
	         "%s: \"%s\" (%s:%u:%u) and \"%s\" (%s:%u:%u) differ; the "
	         "first is kept",
	         target, first, base->diags.file,
	         base->io.places[sec][field].line,
	         base->io.places[sec][field].column, second, part->diags.file,
	         part->io.places[sec][field].line,
	         part->io.places[sec][field].column);
}

static void join_single(l2e_dossier *base, l2e_dossier *part, int sec)
{
	l2e__item *b = base->profile.first[sec], *p = part->profile.first[sec];
	size_t f, n = l2e__sections[sec].n_fields;

	if (!p)
		return;
	if (!b) { /* the base had none: the part's, with its places */
		base->profile.first[sec] = base->profile.last[sec] = p;
		base->profile.n_items[sec] = 1;
		part->profile.first[sec] = part->profile.last[sec] = NULL;
		for (f = 0; f < n && f < L2E__SINGLE_FIELDS; f++)
			base->io.places[sec][f] = part->io.places[sec][f];
		return;
	}
	for (f = 0; f < n; f++) {
		const l2e__value *v = &p->values[f];

		if (!v->is_set)
			continue;
		if (!b->values[f].is_set) {
			b->values[f] = *v;
			if (f < L2E__SINGLE_FIELDS)
				base->io.places[sec][f] =
				    part->io.places[sec][f];
		} else if (f < L2E__SINGLE_FIELDS && v->text &&
		           b->values[f].text &&
		           strcmp(v->text, b->values[f].text) != 0) {
			conflict(base, part, sec, (int)f, &b->values[f], v);
		}
	}
}

static void join_list(l2e_dossier *base, l2e_dossier *part, int sec)
{
	l2e__profile *b = &base->profile, *p = &part->profile;

	if (!p->first[sec])
		return;
	if (b->last[sec])
		b->last[sec]->next = p->first[sec];
	else
		b->first[sec] = p->first[sec];
	b->last[sec] = p->last[sec];
	b->n_items[sec] += p->n_items[sec];
	p->first[sec] = p->last[sec] = NULL;
	p->n_items[sec] = 0;
}

static void copy_findings(l2e_dossier *base, const l2e_dossier *part)
{
	size_t i;

	for (i = 0; i < part->diags.n_items; i++) {
		const l2e_diag *g = &part->diags.items[i];

		diag_add(&base->diags, g->severity,
		         g->file ? g->file : part->diags.file, g->line,
		         g->column, g->field, g->rule, "%s", g->message);
	}
}

/* What a merged dossier must hold that no single record had to. */
static void check_merged(const l2e_mapping *map, l2e_dossier *base,
                         size_t max_items)
{
	size_t i, k;
	int sec;

	for (i = 0; i < map->n_blocks; i++) {
		const l2e__block *b = &map->blocks[i];
		const l2e__item *item;

		if (b->has_each)
			continue;
		item = base->profile.first[b->section];
		for (k = 0; k < b->n_rules; k++)
			if (b->rules[k]->is_required &&
			    (!item || !item->values[b->rules[k]->field].is_set))
				diag_add(&base->diags, L2E_SEVERITY_ERROR,
				         base->diags.file, 0, 0, NULL,
				         b->rules[k]->target,
				         "%s is required but none of the "
				         "records of this student has a value",
				         b->rules[k]->target);
	}
	if (!max_items)
		max_items = L2E_DEFAULT_MAX_ITEMS;
	for (sec = 0; sec < L2E__SEC_COUNT; sec++)
		if (base->profile.n_items[sec] > max_items)
			diag_add(&base->diags, L2E_SEVERITY_ERROR,
			         base->diags.file, 0, 0, NULL, NULL,
			         "%s has more than max_items (%zu) items",
			         l2e__sections[sec].name, max_items);
}

/* Join the dossiers of group `g` into the first one. */
static int join_group(l2e_merger *m, size_t g, l2e_dossier **out,
                      const void **tag)
{
	size_t from = m->groups.starts[g], to = m->groups.starts[g + 1], i;
	l2e_dossier *base = m->entries[m->groups.order[from]].d;
	uint64_t h = L2E__FNV_INIT;
	int is_included, is_rejected, sec;

	*tag = m->entries[m->groups.order[from]].tag;
	m->entries[m->groups.order[from]].d = NULL;
	*out = base;
	if (!base->key) /* no key, no others: as it came */
		return 0;
	if (to - from > 1 &&
	    !(base->parts = l2e__calloc(to - from - 1, sizeof(*base->parts))))
		return l2e__error_set(m->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	is_included = base->io.is_included;
	is_rejected = base->status == L2E_DOSSIER_REJECTED;
	h = l2e__fnv(h, base->fingerprint, sizeof(base->fingerprint));
	for (i = from + 1; i < to; i++) {
		l2e_dossier *part = m->entries[m->groups.order[i]].d;

		m->entries[m->groups.order[i]].d = NULL;
		base->parts[base->n_parts++] = part;
		is_included |= part->io.is_included;
		is_rejected |= part->status == L2E_DOSSIER_REJECTED;
		h = l2e__fnv(h, part->fingerprint, sizeof(part->fingerprint));
		copy_findings(base, part);
		for (sec = 0; sec < L2E__SEC_COUNT; sec++) {
			if (l2e__sections[sec].is_list)
				join_list(base, part, sec);
			else
				join_single(base, part, sec);
		}
	}
	if (to - from > 1 && base->fingerprint[0]) /* none when skipped */
		snprintf(base->fingerprint, sizeof(base->fingerprint),
		         "%016llx", (unsigned long long)h);
	if (is_included && !is_rejected)
		check_merged(m->map, base, base->profile.max_items);
	if (is_rejected || base->diags.n_errors)
		base->status = L2E_DOSSIER_REJECTED;
	else if (!is_included)
		base->status = L2E_DOSSIER_SKIPPED;
	else
		base->status = L2E_DOSSIER_OK;
	if (base->status == L2E_DOSSIER_SKIPPED)
		diag_add(&base->diags, L2E_SEVERITY_WARNING, base->diags.file,
		         0, 0, NULL, NULL, "skipped: %s",
		         m->map->skip_message
		             ? m->map->skip_message
		             : "the mapping's include condition is false for "
		               "every record of this student");
	if (base->diags.is_oom)
		return l2e__error_set(m->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	return 0;
}

/*
 * Group by key, in the order the keys first appear. A record without a
 * key stands alone: it gets a key of its own longer than any real key
 * can be (L2E__KEY_MAX), so it never meets another.
 */
#define LONE_KEY (L2E__KEY_MAX + 2)

static int group(l2e_merger *m)
{
	const char **keys = NULL;
	char *lone = NULL;
	size_t i, n_lone = 0;
	int error = 0;

	m->is_grouped = 1;
	if (!m->n)
		return 0;
	for (i = 0; i < m->n; i++)
		n_lone += !m->entries[i].d->key;
	if (!(keys = l2e__calloc(m->n, sizeof(*keys))) ||
	    (n_lone && !(lone = l2e__malloc(n_lone * LONE_KEY)))) {
		error = l2e__error_set(m->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	for (i = 0, n_lone = 0; i < m->n; i++) {
		keys[i] = m->entries[i].d->key;
		if (!keys[i]) {
			snprintf(lone + n_lone * LONE_KEY, LONE_KEY, "%0*zu",
			         LONE_KEY - 1, i);
			keys[i] = lone + n_lone++ * LONE_KEY;
		}
	}
	if (l2e__group_by_key(&m->groups, keys, m->n) < 0)
		error = l2e__error_set(m->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
done:
	l2e__free(lone);
	l2e__free((void *)keys);
	return error;
}

int l2e_merger_next(l2e_dossier **out, const void **tag, l2e_merger *m)
{
	const void *t = NULL;
	int error;

	L2E_ASSERT_ARG(out && m);
	*out = NULL;
	if (tag)
		*tag = NULL;
	if (!m->is_grouped && (error = group(m)) < 0)
		return error;
	if (m->next_group >= m->groups.n_groups)
		return 0;
	error = join_group(m, m->next_group++, out, &t);
	if (tag)
		*tag = t;
	return error;
}

void l2e_merger_free(l2e_merger *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		l2e_dossier_free(m->entries[i].d);
	l2e__free(m->entries);
	l2e__groups_dispose(&m->groups);
	l2e__free(m);
}
