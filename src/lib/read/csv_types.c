/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_types.c - headerless CSV with record types (see csv_types.h).
 */
#include "csv_types.h"

#include <stdarg.h>
#include <string.h>

#include "core/buf.h"
#include "core/natid.h"

/* ==== Options ==== */

static const l2e__node *member_named(const l2e__node *obj, const char *key)
{
	return l2e__node_member(obj, key);
}

static int compile_columns(l2e__optc *oc, l2e__csv_rtype *t, const l2e__node *v)
{
	const l2e__node *c, *d;
	int error;

	if ((error = l2e__optc_expect(oc, v, L2E__NODE_ARRAY, "\"columns\"")) <
	    0)
		return error;
	if (!v->n_children)
		return l2e__optc_bad(oc, v, "\"columns\" names no column");
	if (v->n_children > L2E__CSV_MAX_TYPE_COLUMNS)
		return l2e__optc_bad(oc, v,
		                     "more than %d columns for one record type",
		                     L2E__CSV_MAX_TYPE_COLUMNS);
	t->columns =
	    l2e__pool_alloc(oc->pool, v->n_children * sizeof(*t->columns));
	if (!t->columns)
		return oc->oom(oc);
	for (c = v->first; c; c = c->next) {
		if (c->kind != L2E__NODE_STRING || !c->len)
			return l2e__optc_bad(oc, c,
			                     "a column name is a non-empty "
			                     "string");
		for (d = v->first; d != c; d = d->next)
			if (!strcmp(d->text, c->text))
				return l2e__optc_bad(
				    oc, c,
				    "column \"%s\" is named twice in record "
				    "type \"%s\"",
				    c->text, t->name);
		/* the mapping's tree dies after compiling: copy */
		if (!(t->columns[t->n_columns++] =
		          l2e__pool_strdup(oc->pool, c->text)))
			return oc->oom(oc);
	}
	return 0;
}

static const l2e__option type_keys[] = {
	{ "columns", NULL, NULL },
	{ "children_of", NULL, NULL },
	{ "comment", NULL, NULL },
};

#define N_TYPE_KEYS (sizeof(type_keys) / sizeof(type_keys[0]))

static size_t type_index(const l2e__csv_rtypes *rt, const char *name)
{
	size_t i;

	for (i = 0; i < rt->n_types; i++)
		if (!strcmp(rt->types[i].name, name))
			return i;
	return rt->n_types;
}

/* The parents, checked once all types are known: no loops. */
static int link_parents(l2e__optc *oc, l2e__csv_rtypes *rt, const l2e__node *v)
{
	const l2e__node *t, *of;
	size_t i, p, steps;

	for (t = v->first, i = 0; t; t = t->next, i++) {
		rt->types[i].parent = rt->n_types;
		if (!(of = member_named(t, "children_of")))
			continue;
		if (of->kind != L2E__NODE_STRING)
			return l2e__optc_bad(oc, of,
			                     "\"children_of\" names a record "
			                     "type");
		p = type_index(rt, of->text);
		if (p == rt->n_types)
			return l2e__optc_bad(oc, of,
			                     "\"children_of\": no record type "
			                     "\"%s\" in \"record_types\"",
			                     of->text);
		if (p == i)
			return l2e__optc_bad(oc, of,
			                     "record type \"%s\" cannot be a "
			                     "child of itself",
			                     t->key);
		rt->types[i].parent = p;
	}
	for (t = v->first, i = 0; t; t = t->next, i++) {
		for (p = rt->types[i].parent, steps = 0; p < rt->n_types;
		     p = rt->types[p].parent) {
			if (p == i || ++steps > rt->n_types)
				return l2e__optc_bad(
				    oc, member_named(t, "children_of"),
				    "\"children_of\" goes round in a circle "
				    "back to \"%s\"",
				    t->key);
			rt->types[p].below |= 1ULL << i;
		}
	}
	return 0;
}

/* A child list must not hide a column of its parent row. */
static int check_names(l2e__optc *oc, const l2e__csv_rtypes *rt,
                       const l2e__node *v)
{
	const l2e__node *t;
	const l2e__csv_rtype *p;
	size_t i, j;

	for (t = v->first, i = 0; t; t = t->next, i++) {
		if (rt->types[i].parent == rt->n_types)
			continue;
		p = &rt->types[rt->types[i].parent];
		for (j = 0; j < p->n_columns; j++)
			if (!strcmp(p->columns[j], t->key))
				return l2e__optc_bad_key(
				    oc, t,
				    "record type \"%s\" has the name of a "
				    "column of \"%s\", where its rows go; "
				    "rename the column",
				    t->key, p->name);
	}
	return 0;
}

int l2e__csv_rtypes_compile(l2e__optc *oc, l2e__csv_rtypes *out,
                            const l2e__node *v)
{
	const l2e__node *t, *cols;
	l2e__csv_rtype *type;
	int error;

	if ((error = l2e__optc_expect(oc, v, L2E__NODE_OBJECT,
	                              "\"record_types\"")) < 0)
		return error;
	if (!v->n_children)
		return l2e__optc_bad(oc, v,
		                     "\"record_types\" lists no record type");
	if (v->n_children > L2E__CSV_MAX_TYPES)
		return l2e__optc_bad(oc, v,
		                     "more than %d record types in one table",
		                     L2E__CSV_MAX_TYPES);
	out->types =
	    l2e__pool_alloc(oc->pool, v->n_children * sizeof(*out->types));
	if (!out->types)
		return oc->oom(oc);
	memset(out->types, 0, v->n_children * sizeof(*out->types));
	if (!out->type_column)
		out->type_column = 1;
	for (t = v->first; t; t = t->next) {
		type = &out->types[out->n_types];
		if (!*t->key)
			return l2e__optc_bad_key(oc, t,
			                         "a record type has a name");
		if (type_index(out, t->key) < out->n_types)
			return l2e__optc_bad_key(oc, t,
			                         "record type \"%s\" is listed "
			                         "twice",
			                         t->key);
		if (!(type->name = l2e__pool_strdup(oc->pool, t->key)))
			return oc->oom(oc);
		out->n_types++;
		if ((error = l2e__optc_expect(oc, t, L2E__NODE_OBJECT,
		                              "a record type")) < 0 ||
		    (error = l2e__optc_check_keys(oc, t, type_keys, N_TYPE_KEYS,
		                                  "a record type")) < 0)
			return error;
		if (!(cols = member_named(t, "columns")))
			return l2e__optc_bad(oc, t,
			                     "record type \"%s\" needs "
			                     "\"columns\": the names of its "
			                     "fields after the record type",
			                     t->key);
		if ((error = compile_columns(oc, type, cols)) < 0)
			return error;
	}
	if ((error = link_parents(oc, out, v)) < 0)
		return error;
	return check_names(oc, out, v);
}

int l2e__csv_rtypes_column(l2e__optc *oc, l2e__csv_rtypes *out,
                           const l2e__node *v)
{
	if (v->kind != L2E__NODE_NUMBER || v->len > 2 || v->text[0] < '1' ||
	    v->text[0] > '9' ||
	    (v->len == 2 && (v->text[1] < '0' || v->text[1] > '9')))
		return l2e__optc_bad(oc, v,
		                     "\"type_column\" is the number of the "
		                     "field naming the record type, 1 to 99");
	out->type_column = (unsigned)(v->text[0] - '0');
	if (v->len == 2)
		out->type_column =
		    out->type_column * 10 + (unsigned)(v->text[1] - '0');
	return 0;
}

/* ==== Building the tree ==== */

typedef struct builder {
	l2e__pool *pool;
	l2e_ctx *ctx;
	const l2e__csv_rtypes *rt;
	const char *name;
	l2e__node *root;
	l2e__node *open[L2E__CSV_MAX_TYPES]; /* the last row of each type */
	size_t n_values;
	l2e_buf quoted;
} builder;

static int fail(builder *b, int code, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(builder *b, int code, const l2e__node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(b->ctx, code, L2E_ERRCLASS_READ, b->name, at->line,
	                   at->column, NULL, fmt, ap);
	va_end(ap);
	return code;
}

/* Export text as a message may quote it (core/natid.h). */
static const char *quote(builder *b, const char *s)
{
	l2e__buf_clear(&b->quoted);
	if (l2e__natid_safe_text(&b->quoted, s, 40) < 0 || !b->quoted.ptr)
		return "?";
	return b->quoted.ptr;
}

/* The list `name` inside `parent`, made if absent. */
static l2e__node *list_in(builder *b, l2e__node *parent, const char *name,
                          const l2e__node *at)
{
	l2e__node *arr = (l2e__node *)l2e__node_member(parent, name);

	if (arr)
		return arr;
	if (!(arr = l2e__node_new(b->pool, L2E__NODE_ARRAY, at->line,
	                          at->column)))
		return NULL;
	arr->key = name;
	l2e__node_append(parent, arr);
	return arr;
}

/* The row's cells as members named by its type's columns, padded. */
static int make_row(builder *b, l2e__node **out, const l2e__csv_rtype *t,
                    const l2e__node *raw, const l2e__node *type_cell)
{
	l2e__node *obj, *c, *next;
	size_t j = 0, n_fields = raw->n_children - 1;

	if (n_fields > t->n_columns) {
		c = (l2e__node *)l2e__node_child(raw, t->n_columns + 1);
		return fail(b, L2E_EPARSE, c,
		            "this %s row has %zu fields after its record type; "
		            "record_types.%s.columns names %zu",
		            t->name, n_fields, t->name, t->n_columns);
	}
	b->n_values += t->n_columns - n_fields;
	if (b->n_values > b->ctx->opts.max_values)
		return fail(b, L2E_ELIMIT, raw,
		            "more than max_values (%zu) cells in this table",
		            b->ctx->opts.max_values);
	if (!(obj = l2e__node_new(b->pool, L2E__NODE_OBJECT, raw->line,
	                          raw->column)))
		return L2E_ENOMEM;
	obj->file = b->name;
	for (c = raw->first; c; c = next) {
		next = c->next;
		if (c == type_cell)
			continue;
		c->next = NULL;
		c->key = t->columns[j++];
		c->key_line = c->line;
		c->key_column = c->column;
		l2e__node_append(obj, c);
	}
	for (; j < t->n_columns; j++) {
		if (!(c = l2e__node_new(b->pool, L2E__NODE_STRING, raw->line,
		                        raw->column)))
			return L2E_ENOMEM;
		c->text = "";
		c->key = t->columns[j];
		c->key_line = raw->line;
		c->key_column = raw->column;
		l2e__node_append(obj, c);
	}
	*out = obj;
	return 0;
}

static int place_row(builder *b, size_t ti, l2e__node *obj,
                     const l2e__node *raw)
{
	const l2e__csv_rtypes *rt = b->rt;
	const l2e__csv_rtype *t = &rt->types[ti];
	l2e__node *parent, *list;
	size_t i;

	if (t->parent == rt->n_types) {
		parent = b->root;
	} else if (!(parent = b->open[t->parent])) {
		return fail(b, L2E_EPARSE, raw,
		            "this %s row has no %s row above it "
		            "(record_types.%s.children_of); the export is "
		            "cut or out of order",
		            t->name, rt->types[t->parent].name, t->name);
	}
	if (!(list = list_in(b, parent, t->name, raw)))
		return L2E_ENOMEM;
	if (parent != b->root && list->n_children >= b->ctx->opts.max_items)
		return fail(b, L2E_ELIMIT, raw,
		            "more than max_items (%zu) %s rows under one %s "
		            "row",
		            b->ctx->opts.max_items, t->name,
		            rt->types[t->parent].name);
	l2e__node_append(list, obj);
	/* a new row closes the rows below its type: a child row never
	   joins the parent of an earlier student */
	b->open[ti] = obj;
	for (i = 0; i < rt->n_types; i++)
		if (t->below >> i & 1)
			b->open[i] = NULL;
	return 0;
}

int l2e__csv_rtypes_build(l2e__node *root, l2e__pool *pool, l2e_ctx *ctx,
                          const l2e__csv_rtypes *rt, const char *name,
                          const l2e__node *rows)
{
	builder b;
	l2e__node *raw, *next, *obj = NULL; /* set by make_row */
	const l2e__node *type_cell;
	size_t ti;
	int error = 0;

	memset(&b, 0, sizeof(b));
	b.pool = pool;
	b.ctx = ctx;
	b.rt = rt;
	b.name = name;
	b.root = root;
	b.n_values = 0;
	for (raw = rows->first; raw; raw = next) {
		next = raw->next;
		b.n_values += raw->n_children;
		type_cell = l2e__node_child(raw, rt->type_column - 1);
		if (!type_cell) {
			error = fail(&b, L2E_EPARSE, raw,
			             "this row has no field %u: the record "
			             "type (type_column)",
			             rt->type_column);
			break;
		}
		ti = type_index(rt, type_cell->text);
		if (ti == rt->n_types) {
			error = fail(&b, L2E_EPARSE, type_cell,
			             "unknown record type \"%s\"; add it to "
			             "\"record_types\" with its columns",
			             quote(&b, type_cell->text));
			break;
		}
		if ((error = make_row(&b, &obj, &rt->types[ti], raw,
		                      type_cell)) < 0 ||
		    (error = place_row(&b, ti, obj, raw)) < 0)
			break;
	}
	if (error == L2E_ENOMEM)
		l2e__error_set(ctx, error, L2E_ERRCLASS_READ, "out of memory");
	l2e_buf_dispose(&b.quoted);
	return error;
}
