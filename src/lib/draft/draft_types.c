/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_types.c - `mapping init` for a CSV file without a header whose
 * rows are of several record types (an MBO student system's export): the
 * type in the first field (few distinct short words), each type with
 * its own width, and each type's rows the children of the nearest row
 * of the type that always stands above them since the last row of the
 * first type (the student). The columns get names from a layout in the
 * data file record_layouts.json beside the synonyms when one fits the
 * types and widths, else generic ones (t2_c5: type 2, field 5 of its
 * rows), named for the drafter by the shape of their values (dates,
 * e-mail, EQF level, country code). The joined record per student is
 * what `record_types` gives the mapping: the student row's cells and a
 * list per child type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "draft/draft_json.h"

#include "draft/draft.h"

#include "core/buf.h"
#include "core/file.h"
#include "core/natid.h"
#include "util/alloc.h"

#define MAX_TYPES    64 /* as the CSV reader's record_types */
#define MAX_TYPE_LEN 40
#define LAYOUTS      "record_layouts.json"

typedef struct ttype {
	const char *name;
	size_t width; /* fields after the type */
	size_t n_rows;
	size_t parent;             /* index, or n_types for none */
	unsigned long long before; /* types always above its rows */
	const char **cols;
	const char *layout; /* the layout that named the columns, or NULL */
} ttype;

struct l2e__dtypes {
	ttype types[MAX_TYPES];
	size_t n_types;
	size_t n_generic; /* columns named by their shape */
};

static int oom(l2e_ctx *ctx)
{
	l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ, "out of memory");
	return -1;
}

static size_t type_of(const struct l2e__dtypes *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_types; i++)
		if (!strcmp(t->types[i].name, name))
			return i;
	return t->n_types;
}

static int not_types(l2e_ctx *ctx, const l2e__dtable *tb, const char *why)
{
	return l2e__error_set_at(
	    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, tb->file, 1, 1, NULL,
	    "the first line repeats a name, so it is no header, and %s: "
	    "give the file a header line, or start from a shipped mapping "
	    "(mappings/README.md, CSV without a header)",
	    why);
}

/* The record types of the first field, their widths and parents. */
static int find_types(struct l2e__dtypes *t, l2e_ctx *ctx,
                      const l2e__dtable *tb, l2e__pool *pool)
{
	const l2e__node *row, *cell;
	unsigned long long seen = 0;
	size_t k, p, best, n, depth;
	int widths_differ = 0;

	for (row = tb->root->first; row; row = row->next) {
		cell = row->first;
		if (!cell || !cell->text || !*cell->text ||
		    strlen(cell->text) > MAX_TYPE_LEN ||
		    strspn(cell->text, "0123456789") == strlen(cell->text) ||
		    l2e__natid_find(cell->text))
			return not_types(ctx, tb,
			                 "its first field is not a record type "
			                 "(a short word) on every line");
		if ((k = type_of(t, cell->text)) == t->n_types) {
			if (t->n_types == MAX_TYPES)
				return not_types(
				    ctx, tb,
				    "its first field has more than "
				    "64 values");
			memset(&t->types[k], 0, sizeof(t->types[k]));
			if (!(t->types[k].name =
			          l2e__pool_strdup(pool, cell->text)))
				return oom(ctx);
			t->types[k].before = ~0ULL;
			t->n_types++;
		}
		if (row->n_children - 1 > t->types[k].width)
			t->types[k].width = row->n_children - 1;
		t->types[k].n_rows++;
		if (k == 0) {
			seen = 1;
			continue;
		}
		t->types[k].before &= seen;
		seen |= 1ULL << k;
	}
	if (t->n_types < 2)
		return not_types(ctx, tb, "its first field has one value");
	for (k = 1; k < t->n_types; k++)
		widths_differ |= t->types[k].width != t->types[0].width;
	if (!widths_differ)
		return not_types(ctx, tb,
		                 "its rows are all equally long (not record "
		                 "types of their own widths)");
	t->types[0].before = 0;
	for (k = 0; k < t->n_types; k++) {
		t->types[k].parent = k ? 0 : t->n_types;
		for (p = 1, best = 0; k && p < t->n_types; p++) {
			if (p == k || !(t->types[k].before & (1ULL << p)))
				continue;
			for (n = 0, depth = 0; n < t->n_types; n++)
				depth += (t->types[p].before >> n) & 1;
			if (depth > best &&
			    !(t->types[p].before & (1ULL << k))) {
				best = depth;
				t->types[k].parent = p;
			}
		}
	}
	return 0;
}

/* ==== Column names: a layout of the data file, else generic ==== */

static const cJSON *load_layouts(const l2e__draft *d, l2e_ctx *ctx,
                                 cJSON **tree)
{
	l2e_buf path = L2E_BUF_INIT, text = L2E_BUF_INIT;
	const char *slash = d->synonyms ? strrchr(d->synonyms, '/') : NULL;
	const cJSON *list = NULL;

	*tree = NULL;
	if (!d->synonyms)
		return NULL;
	if (l2e__buf_printf(&path, "%.*s%s" LAYOUTS,
	                    slash ? (int)(slash - d->synonyms) : 0, d->synonyms,
	                    slash ? "/" : "") < 0)
		goto done;
	if (l2e__file_read(&text, ctx, path.ptr, 1 << 22, "record layouts") <
	    0) {
		l2e__error_clear(ctx); /* no layouts: generic names */
		goto done;
	}
	if ((*tree = cJSON_ParseWithLength(text.ptr, text.len)))
		list = cJSON_GetObjectItemCaseSensitive(*tree, "layouts");
done:
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&text);
	return cJSON_IsArray(list) ? list : NULL;
}

/* How many types of the file `layout` names with enough columns; 0
 * unless it names the first (the student's) type. */
static size_t fits(const struct l2e__dtypes *t, const cJSON *layout)
{
	const cJSON *types =
	    cJSON_GetObjectItemCaseSensitive(layout, "record_types");
	const cJSON *cols;
	size_t k, n = 0;

	for (k = 0; k < t->n_types; k++) {
		cols =
		    cJSON_GetObjectItemCaseSensitive(types, t->types[k].name);
		if (cJSON_IsArray(cols) &&
		    (size_t)cJSON_GetArraySize(cols) >= t->types[k].width)
			n++;
		else if (!k)
			return 0;
	}
	return n;
}

/* A type of the file is called like generic column tK_cN. */
static int generic_taken(const struct l2e__dtypes *t, size_t k, size_t n)
{
	char buf[48];

	snprintf(buf, sizeof(buf), "t%zu_c%zu", k, n);
	return type_of(t, buf) < t->n_types;
}

static int name_columns(struct l2e__dtypes *t, l2e__draft *d, l2e_ctx *ctx)
{
	cJSON *tree;
	const cJSON *list = load_layouts(d, ctx, &tree), *l, *best = NULL;
	const cJSON *cols, *name;
	size_t k, j, n, best_n = 0;
	char buf[48];
	int error = 0;

	cJSON_ArrayForEach(l, list)
	{
		if ((n = fits(t, l)) > best_n) {
			best_n = n;
			best = l;
		}
	}
	name = cJSON_GetObjectItemCaseSensitive(best, "name");
	for (k = 0; k < t->n_types && !error; k++) {
		ttype *tt = &t->types[k];

		cols = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(best, "record_types"),
		    tt->name);
		if (cJSON_IsArray(cols) &&
		    (size_t)cJSON_GetArraySize(cols) >= tt->width) {
			tt->width = (size_t)cJSON_GetArraySize(cols);
			tt->layout = cJSON_IsString(name) ? name->valuestring
			                                  : "a layout";
			if (!(tt->layout =
			          l2e__pool_strdup(&d->pool, tt->layout)))
				break;
		}
		if (!(tt->cols = l2e__pool_alloc(
		          &d->pool, (tt->width + 1) * sizeof(*tt->cols))))
			break;
		for (j = 0; j < tt->width; j++) {
			const cJSON *c = tt->layout
			                     ? cJSON_GetArrayItem(cols, (int)j)
			                     : NULL;

			if (cJSON_IsString(c) && *c->valuestring &&
			    type_of(t, c->valuestring) == t->n_types)
				snprintf(buf, sizeof(buf), "%s",
				         c->valuestring);
			else /* field j + 2 of the row: the type is field 1 */
				snprintf(buf, sizeof(buf), "t%zu_c%zu%s", k + 1,
				         j + 2,
				         generic_taken(t, k + 1, j + 2) ? "_"
				                                        : "");
			if (!(tt->cols[j] = l2e__pool_strdup(&d->pool, buf)))
				break;
		}
		if (j < tt->width)
			break;
	}
	if (k < t->n_types)
		error = oom(ctx);
	cJSON_Delete(tree);
	return error;
}

/* ==== The joined records ==== */

static int add_record(l2e__dinput *in, l2e__node *rec)
{
	if (in->n_records == in->cap_records) {
		size_t cap = in->cap_records ? 2 * in->cap_records : 64;
		l2e__node **grown =
		    l2e__realloc(in->records, cap * sizeof(*grown));

		if (!grown)
			return -1;
		in->records = grown;
		in->cap_records = cap;
	}
	in->records[in->n_records++] = rec;
	return 0;
}

/* The list named `name` in `obj`, made when missing. */
static l2e__node *list_in(l2e__pool *pool, l2e__node *obj, const char *name,
                          const l2e__node *at)
{
	l2e__node *m;

	for (m = obj->first; m; m = m->next)
		if (m->kind == L2E__NODE_ARRAY && m->key &&
		    !strcmp(m->key, name))
			return m;
	if (!(m = l2e__node_new(pool, L2E__NODE_ARRAY, at->line, at->column)))
		return NULL;
	m->key = name;
	l2e__node_append(obj, m);
	return m;
}

static int build(struct l2e__dtypes *t, l2e__draft *d, l2e__node *rows)
{
	l2e__node *open[MAX_TYPES] = { 0 }, *row, *next_row, *c, *next, *obj;
	l2e__node *list;
	l2e__pool *pool = &d->in.pool;
	size_t k, j, p;

	for (row = rows->first; row; row = next_row) {
		next_row = row->next;
		k = type_of(t, row->first->text);
		if (!(obj = l2e__node_new(pool, L2E__NODE_OBJECT, row->line,
		                          row->column)))
			return -1;
		for (c = row->first->next, j = 0; c && j < t->types[k].width;
		     c = next, j++) {
			next = c->next;
			c->next = NULL;
			c->key = t->types[k].cols[j];
			l2e__node_append(obj, c);
		}
		for (; j < t->types[k].width; j++) {
			if (!(c = l2e__node_new(pool, L2E__NODE_STRING,
			                        row->line, row->column)))
				return -1;
			c->text = "";
			c->key = t->types[k].cols[j];
			l2e__node_append(obj, c);
		}
		for (j = 0; j < t->n_types; j++)
			for (p = t->types[j].parent; p < t->n_types;
			     p = t->types[p].parent)
				if (p == k)
					open[j] = NULL; /* below the new row */
		open[k] = obj;
		if (k == 0) {
			if (add_record(&d->in, obj) < 0)
				return -1;
			continue;
		}
		p = t->types[k].parent;
		if (!open[p])
			continue; /* no row above it: left out */
		if (!(list = list_in(pool, open[p], t->types[k].name, row)))
			return -1;
		l2e__node_append(list, obj);
	}
	return 0;
}

int l2e__draft_types_join(l2e__draft *d, l2e_ctx *ctx)
{
	struct l2e__dtypes *t;
	const l2e__dtable *tb = &d->in.tables[0];
	int error;

	if (!(t = d->types = l2e__calloc(1, sizeof(*t))))
		return oom(ctx);
	if ((error = find_types(t, ctx, tb, &d->pool)) < 0 ||
	    (error = name_columns(t, d, ctx)) < 0)
		return error;
	d->main_table = tb->name;
	l2e__free(d->in.records);
	d->in.records = NULL;
	d->in.n_records = d->in.cap_records = 0;
	if (build(t, d, tb->root) < 0)
		return oom(ctx);
	return 0;
}

void l2e__draft_types_dispose(l2e__draft *d)
{
	l2e__free(d->types);
	d->types = NULL;
}

/* ==== Names by shape, and the draft's record_types ==== */

static int is_year(const char *s)
{
	return strlen(s) == 4 && (!strncmp(s, "19", 2) || !strncmp(s, "20", 2));
}

/* All values a country: ISO alpha-2, or a 4-digit GBA code not a year. */
static int is_country(const l2e__dcol *c)
{
	size_t i;

	if (c->is_many || !c->n_samples ||
	    c->shapes[L2E__SHAPE_COUNTRY] != c->n)
		return 0;
	for (i = 0; i < c->n_samples; i++)
		if (is_year(c->samples[i]))
			return 0;
	return 1;
}

static int mostly(size_t part, size_t n)
{
	return n && (double)part >= 0.8 * (double)n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A value in every record, never twice. */
static int is_unique(const l2e__dcol *c, size_t n_records)
{
	const char **v;
	size_t i;
	int ok;

	if (!c->values || c->n != n_records || !n_records ||
	    !(v = l2e__calloc(n_records, sizeof(*v))))
		return 0;
	memcpy(v, c->values, n_records * sizeof(*v));
	qsort(v, n_records, sizeof(*v), cmp_str);
	for (i = 1, ok = 1; i < n_records && ok; i++)
		ok = strcmp(v[i - 1], v[i]) != 0;
	l2e__free(v);
	return ok;
}

/* The name a generic column gets from its values, or NULL. */
static const char *shape_name(l2e__draft *d, const l2e__dcol *c, int is_root,
                              size_t *n_dates, int *has_key)
{
	int date = L2E__SHAPE_DATE_ISO, k;

	for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_DMY8; k++)
		if (c->shapes[k] > c->shapes[date])
			date = k;
	if (!c->n || c->is_natid)
		return NULL;
	if (mostly(c->shapes[L2E__SHAPE_EMAIL], c->n))
		return "email";
	if (mostly(c->shapes[date], c->n))
		return (*n_dates)++ == 0
		           ? (is_root ? "geboortedatum" : "begindatum")
		       : *n_dates == 2 && !is_root ? "einddatum"
		                                   : NULL;
	if (mostly(c->shapes[L2E__SHAPE_EQF], c->n))
		return "niveau";
	if (is_country(c))
		return "landcode";
	if (is_root && !*has_key && c->shapes[L2E__SHAPE_DIGITS] == c->n &&
	    !c->shapes[L2E__SHAPE_NATID] && is_unique(c, d->in.n_records)) {
		*has_key = 1;
		return "nummer";
	}
	return NULL;
}

/* The type of a group: the last step of its path. */
static const ttype *group_type(const struct l2e__dtypes *t,
                               const l2e__dgroup *g, size_t i)
{
	const char *dot = strrchr(g->each, '.');
	size_t k = i ? type_of(t, dot ? dot + 1 : g->each) : 0;

	return k < t->n_types ? &t->types[k] : NULL;
}

/* A list of a type no name places: an enrolment when it has an EQF
 * level, a work period when it has dates and a country. */
static void place_by_shape(l2e__draft *d, l2e__dgroup *g, int has_level,
                           size_t n_dates, int has_country)
{
	int k;

	for (k = L2E__SEC_EDUCATION; k < L2E__SEC_N; k++)
		if (l2e__words_find(&d->words.sections[k], g->norm) >= 0)
			return;
	if (has_level && !l2e__draft_section_group(d, L2E__SEC_EDUCATION))
		g->section = L2E__SEC_EDUCATION;
	else if (n_dates && has_country &&
	         !l2e__draft_section_group(d, L2E__SEC_WORK))
		g->section = L2E__SEC_WORK;
}

void l2e__draft_types_names(l2e__draft *d)
{
	struct l2e__dtypes *t = d->types;
	const ttype *tt;
	const char *name, *norm;
	size_t i, j, n_dates;
	int has_key = 0, has_level, has_country;

	if (!t)
		return;
	for (i = 0; i < d->n_groups; i++) {
		if (!(tt = group_type(t, &d->groups[i], i)) || tt->layout)
			continue;
		has_level = has_country = 0;
		for (j = 0, n_dates = 0; j < d->groups[i].n_cols; j++) {
			l2e__dcol *c = &d->groups[i].cols[j];

			if ((name = shape_name(d, c, i == 0, &n_dates,
			                       &has_key)) &&
			    (norm = l2e__draft_norm(&d->pool, name))) {
				c->last = c->full = norm;
				t->n_generic++;
				has_level |= !strcmp(name, "niveau");
				has_country |= !strcmp(name, "landcode");
			}
		}
		if (i > 0)
			place_by_shape(d, &d->groups[i], has_level, n_dates,
			               has_country);
	}
}

/* A column without a name is placed by its values, whatever the
 * comment of the rule says: say so. */
static int say_shape(cJSON *node)
{
	cJSON *k, *p, *c;
	unsigned a, b;
	char end, text[800];

	for (k = node ? node->child : NULL; k; k = k->next) {
		if (!cJSON_IsObject(k) && !cJSON_IsArray(k))
			continue;
		p = cJSON_GetObjectItemCaseSensitive(k, "path");
		c = cJSON_GetObjectItemCaseSensitive(k, "comment");
		if (cJSON_IsString(p) && cJSON_IsString(c) &&
		    sscanf(p->valuestring, "t%u_c%u%c", &a, &b, &end) == 2 &&
		    !strncmp(c->valuestring, "from '", 6)) {
			snprintf(text, sizeof(text),
			         "%s. NO HEADER: this column was placed by the "
			         "shape of its values alone; check it",
			         c->valuestring);
			if (!cJSON_ReplaceItemInObjectCaseSensitive(
			        k, "comment", cJSON_CreateString(text)))
				return -1;
		}
		if (say_shape(k) < 0)
			return -1;
	}
	return 0;
}

int l2e__draft_types_emit(void *root_, const l2e__draft *d)
{
	const struct l2e__dtypes *t = d->types;
	cJSON *root = root_, *source, *table, *rts, *rt, *cols;
	const char *layout = NULL;
	char text[900];
	size_t k, j;
	int error = 0;

	if (!t)
		return 0;
	source = cJSON_GetObjectItemCaseSensitive(root, "source");
	table = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(source, "tables"), d->main_table);
	if (!table || !cJSON_IsObject(table))
		return 0;
	if (!(rts = cJSON_CreateObject()) ||
	    l2e__djson_add(table, "record_types", rts) < 0)
		return -1;
	for (k = 0; k < t->n_types && !error; k++) {
		const ttype *tt = &t->types[k];

		if (!(rt = cJSON_CreateObject()) ||
		    l2e__djson_add(rts, tt->name, rt) < 0 ||
		    !(cols = cJSON_CreateArray()) ||
		    l2e__djson_add(rt, "columns", cols) < 0)
			return -1;
		for (j = 0; j < tt->width; j++)
			if (!cJSON_AddItemToArray(
			        cols, cJSON_CreateString(tt->cols[j])))
				return -1;
		if (tt->parent < t->n_types)
			error |= l2e__djson_add_str(rt, "children_of",
			                            t->types[tt->parent].name);
		snprintf(text, sizeof(text),
		         "%zu rows of up to %zu fields after the type%s%s",
		         tt->n_rows, tt->width,
		         tt->parent < t->n_types
		             ? "; each below the nearest row above it of type "
		             : "",
		         tt->parent < t->n_types ? t->types[tt->parent].name
		                                 : "");
		error |= l2e__djson_add_str(rt, "comment", text);
		if (tt->layout)
			layout = tt->layout;
	}
	if (layout)
		snprintf(
		    text, sizeof(text),
		    "No header line: the record type is the first field of "
		    "every row. Columns named by the layout '%s' of "
		    "record_layouts.json (it fits these types and widths); "
		    "check them against the export's documentation.%s",
		    layout,
		    t->n_generic ? " Types it does not know have generic "
		                   "names, as below."
		                 : "");
	else
		snprintf(text, sizeof(text),
		         "No header line, and no known layout: the record type "
		         "is the first field of every row, and column tK_cN is "
		         "field N of the rows of the K-th type (field 1 is the "
		         "type). %zu of them were placed by the shape of their "
		         "values (dates, e-mail, level, country, a unique "
		         "number as the key): rename the columns after the "
		         "export's documentation, and check every place and "
		         "each \"children_of\" (a row belongs to the row of "
		         "that type above it). A layout for this export can go "
		         "into record_layouts.json beside the synonyms.",
		         t->n_generic);
	error |= l2e__djson_add_str(table, "comment", text);
	cJSON_ReplaceItemInObjectCaseSensitive(
	    source, "records", cJSON_CreateString(t->types[0].name));
	if (say_shape(cJSON_GetObjectItemCaseSensitive(root, "profile")) < 0)
		return -1;
	return error ? -1 : 0;
}
