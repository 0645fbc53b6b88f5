/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_trace.c - the trace of one dossier (lob2europass/explain.h): per
 * rule applied, the source node's place and text, each step and the
 * result, for `lob2europass explain`.
 *
 * Entries live in a growing array, their texts and step lists in the
 * trace's pool. Both are bounded (MAX_FIELDS, MAX_STEPS): past a limit
 * the trace stops growing and says so (l2e_trace_error), it never cuts
 * a text. Every text passes l2e__natid_safe_text first: the trace of a
 * BSN is "[verwijderd]", as in every other output.
 */
#include "map/map_trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/natid.h"
#include "core/pool.h"
#include "util/alloc.h"

#define MAX_FIELDS 20000
#define MAX_STEPS  32
#define MAX_TEXT   2048 /* bytes of one text, as messages cut them */

typedef struct entry {
	l2e_trace_field pub;
	l2e_trace_step steps[MAX_STEPS]; /* pub.steps points here */
} entry;

/* Counting mode: how often a rule ran and how often it set its field. */
typedef struct count {
	const l2e__rule *rule;
	size_t n_tried, n_set;
} count;

struct l2e_trace {
	l2e__pool pool;
	int is_counting; /* all records, counts only (trace_new_counter) */
	count *counts;
	size_t n_counts, cap_counts;
	size_t at; /* the count of the rule that runs */
	char *key;
	const char *input;        /* the input being read, from the pool */
	const char *mapping_file; /* from the pool */
	int is_merged;            /* the mapping joins records of a key */
	size_t n_records;
	entry **entries; /* each its own block: pub.steps stays put */
	size_t n, cap;
	int has_current; /* entries[n - 1] is open */
	int error;
};

/* A copy of `s` made safe to show, from the pool; NULL on failure. */
static const char *keep(l2e_trace *t, const char *s)
{
	l2e_buf safe = L2E_BUF_INIT;
	const char *copy = NULL;

	if (!s)
		return NULL;
	if (l2e__natid_safe_text(&safe, s, MAX_TEXT) == 0)
		copy = l2e__pool_strdup(&t->pool, safe.ptr ? safe.ptr : "");
	if (!copy)
		t->error = L2E_ENOMEM;
	l2e_buf_dispose(&safe);
	return copy;
}

static entry *current(l2e_trace *t)
{
	return t && t->has_current && !t->error ? t->entries[t->n - 1] : NULL;
}

int l2e_trace_new(l2e_trace **out, const char *key)
{
	l2e_trace *t;

	L2E_ASSERT_ARG(out && key);
	*out = NULL;
	if (!(t = l2e__calloc(1, sizeof(*t))))
		return L2E_ENOMEM;
	if (!(t->key = l2e__strdup(key))) {
		l2e__free(t);
		return L2E_ENOMEM;
	}
	*out = t;
	return 0;
}

int l2e__trace_new_counter(l2e_trace **out)
{
	int error = l2e_trace_new(out, "");

	if (!error)
		(*out)->is_counting = 1;
	return error;
}

int l2e__trace_count_of(const l2e_trace *t, const l2e__rule *r, size_t *n_tried,
                        size_t *n_set)
{
	size_t i;

	*n_tried = *n_set = 0;
	for (i = 0; t && i < t->n_counts; i++)
		if (t->counts[i].rule == r) {
			*n_tried = t->counts[i].n_tried;
			*n_set = t->counts[i].n_set;
			return 1;
		}
	return 0;
}

/* Rules run in the same order in every record: the next count is
 * nearly always the one after the last. */
static void count_begin(l2e_trace *t, const l2e__rule *r)
{
	size_t i;

	if (t->at + 1 < t->n_counts && t->counts[t->at + 1].rule == r) {
		t->at++;
		return;
	}
	for (i = 0; i < t->n_counts; i++)
		if (t->counts[i].rule == r) {
			t->at = i;
			return;
		}
	if (t->n_counts == t->cap_counts) {
		size_t cap = t->cap_counts ? t->cap_counts * 2 : 64;
		count *grown = l2e__realloc(t->counts, cap * sizeof(*grown));

		if (!grown) {
			t->error = L2E_ENOMEM;
			return;
		}
		t->counts = grown;
		t->cap_counts = cap;
	}
	t->at = t->n_counts++;
	t->counts[t->at].rule = r;
	t->counts[t->at].n_tried = 0;
	t->counts[t->at].n_set = 0;
}

void l2e_trace_free(l2e_trace *t)
{
	size_t i;

	if (!t)
		return;
	l2e__free(t->counts);
	for (i = 0; i < t->n; i++)
		l2e__free(t->entries[i]);
	l2e__free(t->entries);
	l2e__pool_clear(&t->pool);
	l2e__free(t->key);
	l2e__free(t);
}

size_t l2e_trace_records(const l2e_trace *t)
{
	return t ? t->n_records : 0;
}

int l2e_trace_error(const l2e_trace *t)
{
	return t ? t->error : 0;
}

size_t l2e_trace_count(const l2e_trace *t)
{
	return t ? t->n : 0;
}

const l2e_trace_field *l2e_trace_field_at(const l2e_trace *t, size_t i)
{
	return t && i < t->n ? &t->entries[i]->pub : NULL;
}

void l2e__trace_input(l2e_trace *t, const char *name)
{
	if (t)
		t->input = keep(t, name);
}

l2e_trace *l2e__trace_wants(l2e_trace *t, const l2e_mapping *map,
                            const char *key)
{
	if (!t || !key || (!t->is_counting && strcmp(t->key, key) != 0))
		return NULL;
	t->is_merged = map->merge;
	if (!t->mapping_file)
		t->mapping_file = keep(t, map->file);
	t->n_records++;
	t->has_current = 0;
	return t;
}

void l2e__trace_begin(l2e_trace *t, const l2e__rule *r, int section,
                      size_t item)
{
	const l2e__field_spec *spec;
	entry *e;

	if (!t || t->error)
		return;
	t->has_current = 0;
	if (t->is_counting) {
		count_begin(t, r);
		return;
	}
	if (t->n == MAX_FIELDS) {
		t->error = L2E_ELIMIT;
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		entry **grown = l2e__realloc(t->entries, cap * sizeof(*grown));

		if (!grown) {
			t->error = L2E_ENOMEM;
			return;
		}
		t->entries = grown;
		t->cap = cap;
	}
	if (!(e = l2e__calloc(1, sizeof(*e)))) {
		t->error = L2E_ENOMEM;
		return;
	}
	t->entries[t->n++] = e;
	t->has_current = 1;
	spec = &l2e__sections[section].fields[r->field];
	e->pub.section = l2e__sections[section].name;
	e->pub.field = spec->name;
	e->pub.is_list = l2e__sections[section].is_list;
	e->pub.item = item;
	e->pub.record = t->n_records;
	e->pub.rule_file = t->mapping_file;
	e->pub.rule_line = r->line;
	e->pub.rule_column = r->column;
	e->pub.steps = e->steps;
	if (spec->flags & L2E__F_OPT_IN)
		l2e__trace_step(t, "opt-in", NULL,
		                "personal data, written because the mapping's "
		                "\"opt_in\" lists %s.%s",
		                e->pub.section, e->pub.field);
}

void l2e__trace_source(l2e_trace *t, const l2e__node *n)
{
	entry *e = current(t);
	l2e_buf path = L2E_BUF_INIT;
	const char *file;

	if (!e || !n)
		return;
	if (e->pub.raw) { /* a template's or a list's further parts */
		l2e__trace_step(t, "source", n->text, "also read line %u:%u",
		                n->line, n->column);
		return;
	}
	file = l2e__node_file(n);
	e->pub.file = file ? keep(t, file) : t->input;
	e->pub.line = n->line;
	e->pub.column = n->column;
	if (l2e__node_path(&path, n) < 0)
		t->error = L2E_ENOMEM;
	else
		e->pub.path = keep(t, path.ptr ? path.ptr : "");
	e->pub.raw = keep(t, n->text ? n->text : "");
	l2e_buf_dispose(&path);
}

void l2e__trace_step(l2e_trace *t, const char *kind, const char *value,
                     const char *fmt, ...)
{
	entry *e = current(t);
	l2e_buf detail = L2E_BUF_INIT;
	l2e_trace_step *s;
	va_list ap;
	int error;

	if (!e)
		return;
	if (e->pub.n_steps == MAX_STEPS) {
		t->error = L2E_ELIMIT;
		return;
	}
	va_start(ap, fmt);
	error = l2e__buf_vprintf(&detail, fmt, ap);
	va_end(ap);
	s = &e->steps[e->pub.n_steps];
	s->kind = kind; /* static text */
	s->detail = error < 0 ? NULL : keep(t, detail.ptr ? detail.ptr : "");
	s->value = keep(t, value);
	l2e_buf_dispose(&detail);
	if (!s->detail)
		t->error = L2E_ENOMEM;
	else
		e->pub.n_steps++;
}

/* Merged: a single field comes from the first record that has it. */
static void note_merge(l2e_trace *t, entry *e)
{
	size_t i;

	for (i = 0; i + 1 < t->n; i++) {
		const l2e_trace_field *f = &t->entries[i]->pub;

		if (f->is_kept && f->record < e->pub.record &&
		    f->section == e->pub.section && f->field == e->pub.field) {
			e->pub.is_kept = 0;
			l2e__trace_step(t, "merge", NULL,
			                "record %zu of this student already "
			                "gave %s.%s; that value is kept",
			                f->record, f->section, f->field);
			return;
		}
	}
}

/* The field's value as the dossier holds it, after the rule set it. */
static void set_result(l2e_trace *t, entry *e, const l2e__item *item, int field)
{
	const l2e__value *v;
	char date[16];
	int section;

	v = &item->values[field];
	section = l2e__section_find(e->pub.section);
	if (l2e__sections[section].fields[field].type == L2E__FT_DATE) {
		if (v->date.day)
			snprintf(date, sizeof(date), "%04d-%02d-%02d",
			         v->date.year, v->date.month, v->date.day);
		else if (v->date.month)
			snprintf(date, sizeof(date), "%04d-%02d", v->date.year,
			         v->date.month);
		else
			snprintf(date, sizeof(date), "%04d", v->date.year);
		e->pub.result = keep(t, date);
	} else {
		e->pub.result = keep(t, v->text ? v->text : "");
	}
	e->pub.is_kept = 1;
	if (t->is_merged && !l2e__sections[section].is_list)
		note_merge(t, e);
}

void l2e__trace_result(l2e_trace *t, const l2e__item *item, int field,
                       int is_set)
{
	entry *e = current(t);

	if (t && t->is_counting && !t->error && t->at < t->n_counts) {
		t->counts[t->at].n_tried++;
		t->counts[t->at].n_set += (size_t)(is_set != 0);
		return;
	}
	if (!e)
		return;
	if (is_set)
		set_result(t, e, item, field);
	t->has_current = 0;
}
