/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_csv.c - CSV bundles: several tables joined on the student number.
 *
 * A bundle is a folder with one CSV file per table, as the mapping's
 * source.tables lists them. The result is one document:
 *
 *     { "<main table>": [ row, row, ... ], "<keyless table>": [ ... ] }
 *
 * where every main row (one per student) gets, for each other table, a
 * member of that table's name holding the rows with the same key — so a
 * mapping says `"each": "<table>"` inside a student record. A table without
 * the key column (a manifest) stays at the top. Keys can be zero-padded
 * (source.key_width) because spreadsheets strip leading zeros.
 *
 * Each file is decoded on its own (UTF-8 with or without BOM, or
 * Windows-1252; see core/encoding.h) and every row remembers its file,
 * so findings name the table's file, line and column.
 *
 * An Excel workbook (.xlsx, read/xlsx.h) can stand in for the bundle or
 * for one file of it: given one file that is a workbook, its sheets are
 * the tables (the sheet named like the table, or the table's "sheet");
 * in a folder, a table file that is a workbook, or <table>.xlsx where
 * the CSV file is missing, gives that table. The content decides, not
 * the file name: a ZIP file is a workbook.
 */
#include "reader.h"

#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/encoding.h"
#include "core/file.h"
#include "core/utf8.h"
#include "core/natid.h"
#include "read/csv.h"
#include "read/csv_types.h"
#include "read/xlsx.h"

/* One table of a CSV bundle. */
typedef struct csv_table {
	const char *name;       /* member name in the tree */
	const char *file;       /* file name inside the bundle folder */
	const char *sheet;      /* in a workbook; NULL: the table's name */
	int is_main;            /* one row per student: the dossier records */
	l2e__csv_rtypes rtypes; /* n_types > 0: headerless, typed rows */
} csv_table;

/* The mapping's source options for CSV (see csv_options[] below). */
typedef struct csv_opts {
	const char *encoding;   /* NULL: detect; "utf-8"; "windows-1252" */
	char separator;         /* 0: detect ';' or ',' */
	const char *key_column; /* the column joining the tables */
	unsigned key_width;     /* zero-pad numeric keys to this */
	csv_table *tables;
	size_t n_tables;
} csv_opts;

typedef struct bundle {
	const csv_opts *opt;
	char *dir; /* NULL: one table in memory */
	const char *mem_name;
	const char *mem_data;
	size_t mem_len;
	int is_done;
} bundle;

static int csv_open(void **state, l2e_ctx *ctx, const l2e__source *src,
                    const char *name, const char *data, size_t len)
{
	bundle *b = l2e__calloc(1, sizeof(*b));

	if (!b)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	b->opt = src->opts;
	b->mem_name = name;
	b->mem_data = data;
	b->mem_len = len;
	*state = b;
	return 0;
}

static int csv_open_dir(void **state, l2e_ctx *ctx, const l2e__source *src,
                        const char *path)
{
	bundle *b = l2e__calloc(1, sizeof(*b));

	if (!b || !(b->dir = l2e__strdup(path))) {
		l2e__free(b);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	}
	b->opt = src->opts;
	*state = b;
	return 0;
}

static void csv_close(void *state)
{
	bundle *b = state;

	if (b)
		l2e__free(b->dir);
	l2e__free(b);
}

static int is_workbook(const char *data, size_t len)
{
	return l2e__xlsx_is_zip(data, len) || l2e__xlsx_is_ole(data, len);
}

static const char *sheet_of(const csv_table *t)
{
	return t->sheet ? t->sheet : t->name;
}

/*
 * Decode and parse one table; every row remembers `name`. A table with
 * record types becomes an object of the lists of its top-level types.
 */
static int parse_table(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                       const bundle *b, const csv_table *t, const char *name,
                       const char *data, size_t len)
{
	l2e_buf text = L2E_BUF_INIT;
	l2e__node *row;
	const char *sheet = sheet_of(t);
	size_t bad = 0;
	unsigned line, column;
	int error;

	if (is_workbook(data, len) && t->rtypes.n_types)
		return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         name, 0, 0, NULL,
		                         "is an Excel workbook; a table with "
		                         "record types is read from CSV only");
	if (is_workbook(data, len)) /* one table: its sheet, or the first */
		return l2e__xlsx_read_tables(out, pool, ctx, name, data, len,
		                             &sheet, 1, 1);
	error = l2e__to_utf8(&text, data, len, b->opt->encoding, NULL, &bad);
	if (error == L2E_EPARSE) {
		l2e__text_position(data, bad, &line, &column);
		error = l2e__error_set_at(ctx, error, L2E_ERRCLASS_READ, name,
		                          line, column, NULL,
		                          "invalid UTF-8 (the mapping declares "
		                          "UTF-8, or the file has a BOM)");
		goto done;
	}
	if (error < 0) {
		error = l2e__error_set(ctx, error, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	if (t->rtypes.n_types) {
		if ((error = l2e__csv_parse_rows(
		         &row, pool, ctx, name, text.ptr ? text.ptr : "",
		         text.len, b->opt->separator)) < 0)
			goto done;
		if (!(*out = l2e__node_new(pool, L2E__NODE_OBJECT, 1, 1))) {
			error =
			    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
			                   "out of memory");
			goto done;
		}
		error = l2e__csv_rtypes_build(*out, pool, ctx, &t->rtypes, name,
		                              row);
		goto done;
	}
	error = l2e__csv_parse(out, pool, ctx, name, text.ptr ? text.ptr : "",
	                       text.len, b->opt->separator);
	if (error < 0)
		goto done;
	for (row = (*out)->first; row; row = row->next)
		row->file = name;
done:
	l2e_buf_dispose(&text);
	return error;
}

static int read_table(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                      const bundle *b, const csv_table *t)
{
	l2e_buf path = L2E_BUF_INIT, data = L2E_BUF_INIT;
	const char *name;
	struct stat st;
	int error;

	/* no CSV file: a workbook named after the table takes its place */
	if (l2e__buf_printf(&path, "%s/%s", b->dir, t->file) == 0 &&
	    stat(path.ptr, &st) != 0) {
		l2e__buf_clear(&path);
		if (l2e__buf_printf(&path, "%s/%s.xlsx", b->dir, t->name) ==
		        0 &&
		    stat(path.ptr, &st) != 0) {
			l2e__buf_clear(&path);
			l2e__buf_printf(&path, "%s/%s", b->dir, t->file);
		}
	}
	if (!path.ptr || !(name = l2e__pool_strdup(pool, path.ptr))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	error = l2e__file_read(&data, ctx, name, ctx->opts.max_input_bytes,
	                       "max_input_bytes");
	if (error < 0)
		goto done;
	error = parse_table(out, pool, ctx, b, t, name, data.ptr, data.len);
done:
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&data);
	return error;
}

/* Every table from the sheets of the workbook given as the bundle. */
static int read_workbook(l2e__node **tables, l2e__pool *pool, l2e_ctx *ctx,
                         const bundle *b)
{
	const char **sheets;
	size_t i;
	int error;

	if (!(sheets = l2e__calloc(b->opt->n_tables, sizeof(*sheets))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	for (i = 0; i < b->opt->n_tables; i++) {
		sheets[i] = sheet_of(&b->opt->tables[i]);
		if (b->opt->tables[i].rtypes.n_types) {
			l2e__free((void *)sheets);
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, b->mem_name, 0,
			    0, NULL,
			    "is an Excel workbook; a table with record types "
			    "is read from CSV only");
		}
	}
	error =
	    l2e__xlsx_read_tables(tables, pool, ctx, b->mem_name, b->mem_data,
	                          b->mem_len, sheets, b->opt->n_tables, 0);
	l2e__free((void *)sheets);
	return error;
}

/* ==== Joining ==== */

typedef struct key_index {
	const char **keys;
	l2e__node **rows;
	size_t cap;
} key_index;

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int index_add(key_index *ix, const char *key, l2e__node *row)
{
	size_t i;

	for (i = hash(key) & (ix->cap - 1); ix->keys[i];
	     i = (i + 1) & (ix->cap - 1))
		if (!strcmp(ix->keys[i], key))
			return 0; /* a duplicate student: the first one wins */
	ix->keys[i] = key;
	ix->rows[i] = row;
	return 1;
}

static l2e__node *index_find(const key_index *ix, const char *key)
{
	size_t i;

	for (i = hash(key) & (ix->cap - 1); ix->keys[i];
	     i = (i + 1) & (ix->cap - 1))
		if (!strcmp(ix->keys[i], key))
			return ix->rows[i];
	return NULL;
}

/*
 * The key cell of `row`, zero-padded to key_width when it is all digits
 * and shorter (Excel strips leading zeros). The padded text replaces the
 * cell's, so the padded key is what the mapping sees.
 */
static l2e__node *key_cell(l2e__pool *pool, const csv_opts *opt, l2e__node *row)
{
	l2e__node *cell = (l2e__node *)l2e__node_member(row, opt->key_column);
	size_t i, len;
	char *padded;

	if (!cell || !opt->key_width || cell->len >= opt->key_width ||
	    cell->len == 0)
		return cell;
	for (i = 0; i < cell->len; i++)
		if (cell->text[i] < '0' || cell->text[i] > '9')
			return cell;
	len = opt->key_width;
	if (!(padded = l2e__pool_alloc(pool, len + 1)))
		return NULL;
	memset(padded, '0', len - cell->len);
	memcpy(padded + len - cell->len, cell->text, cell->len + 1);
	cell->text = padded;
	cell->len = len;
	return cell;
}

/* Append `row` to the array member `name` of `parent`, made if absent. */
static int append_to_member(l2e__pool *pool, l2e__node *parent,
                            const char *name, l2e__node *row)
{
	l2e__node *arr = (l2e__node *)l2e__node_member(parent, name);

	if (!arr) {
		arr = l2e__node_new(pool, L2E__NODE_ARRAY, row->line, 0);
		if (!arr)
			return L2E_ENOMEM;
		arr->key = name;
		l2e__node_append(parent, arr);
	}
	row->next = NULL;
	l2e__node_append(arr, row);
	return 0;
}

/*
 * A key as a message may quote it: a key cell is export data like any
 * other, so it is redacted (a table keyed on the BSN), stripped of
 * control characters and cut short (core/natid.h).
 */
static const char *quote_key(l2e_buf *out, const char *key)
{
	l2e__buf_clear(out);
	if (l2e__natid_safe_text(out, key, 40) < 0 || !out->ptr)
		return "?";
	return out->ptr;
}

static int join(l2e__pool *pool, l2e_ctx *ctx, const csv_opts *opt,
                const char *table, l2e__node *rows, key_index *ix)
{
	l2e__node *row, *next, *cell, *student, *first_lost = NULL;
	l2e_buf quoted = L2E_BUF_INIT;
	size_t n_lost = 0;
	int error = 0;

	for (row = rows->first; row; row = next) {
		next = row->next;
		if (!(cell = key_cell(pool, opt, row))) {
			error = L2E_ENOMEM;
			break;
		}
		student = index_find(ix, cell->text);
		if (!student) {
			/* one warning per row up to max_diags, then a count */
			if (n_lost++ < ctx->opts.max_diags)
				l2e__ctx_warn(
				    ctx, row->file, row->line, row->column,
				    "no student %s in the main table; "
				    "row left out",
				    quote_key(&quoted, cell->text));
			else if (!first_lost)
				first_lost = row;
			continue;
		}
		if ((error = append_to_member(pool, student, table, row)) < 0)
			break;
	}
	if (!error && first_lost)
		l2e__ctx_warn(
		    ctx, first_lost->file, first_lost->line, first_lost->column,
		    "%zu more rows from here on have no student in "
		    "the main table (max_diags is %zu); left out",
		    n_lost - ctx->opts.max_diags, ctx->opts.max_diags);
	l2e_buf_dispose(&quoted);
	return error;
}

/*
 * Put a table at the top of the document: a list named after the table,
 * or for a table of record types the lists of its top-level types.
 */
static void add_table(l2e__node *root, l2e__node *rows, const csv_table *t)
{
	l2e__node *list, *next;

	if (!t->rtypes.n_types) {
		rows->key = t->name;
		l2e__node_append(root, rows);
		return;
	}
	for (list = rows->first; list; list = next) {
		next = list->next;
		list->next = NULL;
		l2e__node_append(root, list);
	}
}

static int csv_next(l2e__node **root_out, l2e__node ***records,
                    size_t *n_records, l2e__pool *pool, l2e_ctx *ctx,
                    void *state)
{
	bundle *b = state;
	const csv_opts *opt = b->opt;
	l2e__node *root, **tables = NULL, *main_rows = NULL, *cell, *row;
	key_index ix = { NULL, NULL, 0 };
	l2e_buf quoted = L2E_BUF_INIT;
	size_t i, main_i = 0, n_twice = 0;
	int error = 0;

	*root_out = NULL;
	*records = NULL;
	*n_records = 0;
	if (b->is_done)
		return 0;
	b->is_done = 1;
	if (!(root = l2e__node_new(pool, L2E__NODE_OBJECT, 1, 1)) ||
	    !(tables = l2e__calloc(opt->n_tables + 1, sizeof(*tables))))
		goto oom;
	for (i = 0; i < opt->n_tables; i++)
		if (opt->tables[i].is_main)
			main_i = i;

	if (!b->dir && is_workbook(b->mem_data, b->mem_len)) {
		/* one workbook: its sheets are the tables */
		if ((error = read_workbook(tables, pool, ctx, b)) < 0)
			goto done;
	} else if (!b->dir) { /* in memory: the main table alone */
		error =
		    parse_table(&main_rows, pool, ctx, b, &opt->tables[main_i],
		                b->mem_name, b->mem_data, b->mem_len);
		if (error < 0)
			goto done;
		add_table(root, main_rows, &opt->tables[main_i]);
		*root_out = root;
		goto done;
	}
	for (i = 0; b->dir && i < opt->n_tables; i++)
		if ((error = read_table(&tables[i], pool, ctx, b,
		                        &opt->tables[i])) < 0)
			goto done;
	main_rows = tables[main_i];
	add_table(root, main_rows, &opt->tables[main_i]);

	if (opt->key_column && !opt->tables[main_i].rtypes.n_types) {
		ix.cap = 16;
		while (ix.cap < main_rows->n_children * 2)
			ix.cap *= 2;
		ix.keys = l2e__calloc(ix.cap, sizeof(*ix.keys));
		ix.rows = l2e__calloc(ix.cap, sizeof(*ix.rows));
		if (!ix.keys || !ix.rows)
			goto oom;
		for (row = main_rows->first; row; row = row->next) {
			if (!(cell = key_cell(pool, opt, row)))
				continue;
			if (!index_add(&ix, cell->text, row) &&
			    n_twice++ < ctx->opts.max_diags)
				l2e__ctx_warn(
				    ctx, row->file, row->line, row->column,
				    "student %s appears twice in the main "
				    "table; the first row is used",
				    quote_key(&quoted, cell->text));
		}
	}
	for (i = 0; i < opt->n_tables; i++) {
		if (i == main_i)
			continue;
		if (!opt->key_column || opt->tables[i].rtypes.n_types ||
		    !tables[i]->first ||
		    !l2e__node_member(tables[i]->first, opt->key_column)) {
			/* no key column: the table stays at the top */
			add_table(root, tables[i], &opt->tables[i]);
			continue;
		}
		if ((error = join(pool, ctx, opt, opt->tables[i].name,
		                  tables[i], &ix)) < 0)
			goto oom;
	}
	*root_out = root;
	goto done;
oom:
	error =
	    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ, "out of memory");
done:
	l2e_buf_dispose(&quoted);
	l2e__free(ix.keys);
	l2e__free(ix.rows);
	l2e__free(tables);
	return error;
}

/* ==== Options (the mapping's "source") ==== */

static int opt_encoding(l2e__optc *oc, void *opts, const l2e__node *v)
{
	return l2e__optc_encoding(oc, &((csv_opts *)opts)->encoding, v);
}

static int opt_separator(l2e__optc *oc, void *opts, const l2e__node *v)
{
	int error;

	if ((error = l2e__optc_expect(oc, v, L2E__NODE_STRING,
	                              "\"separator\"")) < 0)
		return error;
	if (v->len != 1 || !strchr(";,|\t", v->text[0]))
		return l2e__optc_bad(oc, v,
		                     "\"separator\" is one of ; , | or a tab");
	((csv_opts *)opts)->separator = v->text[0];
	return 0;
}

static int opt_key_column(l2e__optc *oc, void *opts, const l2e__node *v)
{
	return l2e__optc_text(oc, v, &((csv_opts *)opts)->key_column,
	                      "\"key_column\"");
}

static int opt_key_width(l2e__optc *oc, void *opts, const l2e__node *v)
{
	csv_opts *o = opts;

	if (v->kind != L2E__NODE_NUMBER || v->len > 2 || v->text[0] < '1' ||
	    v->text[0] > '9' ||
	    (v->len == 2 && (v->text[1] < '0' || v->text[1] > '9')))
		return l2e__optc_bad(oc, v,
		                     "\"key_width\" is a number of digits, "
		                     "1 to 99");
	o->key_width = (unsigned)(v->text[0] - '0');
	if (v->len == 2)
		o->key_width = o->key_width * 10 + (unsigned)(v->text[1] - '0');
	return 0;
}

static int table_file(l2e__optc *oc, void *out, const l2e__node *v)
{
	csv_table *tab = out;
	int error;

	if ((error = l2e__optc_text(oc, v, &tab->file, "\"file\"")) < 0)
		return error;
	if (!*tab->file || strchr(tab->file, '/') || tab->file[0] == '.')
		return l2e__optc_bad(oc, v,
		                     "a table file is a plain file name inside "
		                     "the export folder");
	return 0;
}

static int table_sheet(l2e__optc *oc, void *out, const l2e__node *v)
{
	return l2e__optc_text(oc, v, &((csv_table *)out)->sheet, "\"sheet\"");
}

/* Anything but true leaves the table joined to the main one. */
static int table_main(l2e__optc *oc, void *out, const l2e__node *m)
{
	(void)oc;
	if (m->kind == L2E__NODE_BOOL && !strcmp(m->text, "true"))
		((csv_table *)out)->is_main = 1;
	return 0;
}

static int table_type_column(l2e__optc *oc, void *out, const l2e__node *v)
{
	return l2e__csv_rtypes_column(oc, &((csv_table *)out)->rtypes, v);
}

static int table_record_types(l2e__optc *oc, void *out, const l2e__node *v)
{
	return l2e__csv_rtypes_compile(oc, &((csv_table *)out)->rtypes, v);
}

/* A table written as an object; "table": "file.csv" is short for it. */
static const l2e__option table_keys[] = {
	{ "file", table_file, NULL },
	{ "sheet", table_sheet, NULL },
	{ "main", table_main, NULL },
	{ "type_column", table_type_column, NULL },
	{ "record_types", table_record_types, NULL },
	{ "comment", NULL, NULL },
};

#define N_TABLE_KEYS (sizeof(table_keys) / sizeof(table_keys[0]))

/* One table: "name": "file.csv", or "name": {"file": ..., "main": ...}. */
static int compile_table(l2e__optc *oc, csv_table *tab, const l2e__node *t)
{
	int error;

	if (t->kind == L2E__NODE_STRING)
		return table_file(oc, tab, t);
	if ((error = l2e__optc_expect(oc, t, L2E__NODE_OBJECT, "a table")) <
	        0 ||
	    (error = l2e__optc_check_keys(oc, t, table_keys, N_TABLE_KEYS,
	                                  "a table")) < 0)
		return error;
	if (!l2e__node_member(t, "file"))
		return l2e__optc_bad(oc, t, "table \"%s\" needs \"file\"",
		                     t->key);
	if ((error = l2e__optc_compile(oc, tab, t, table_keys, N_TABLE_KEYS)) <
	    0)
		return error;
	if (tab->rtypes.type_column && !tab->rtypes.n_types)
		return l2e__optc_bad(oc, l2e__node_member(t, "type_column"),
		                     "\"type_column\" goes with "
		                     "\"record_types\"");
	return 0;
}

static int opt_tables(l2e__optc *oc, void *opts, const l2e__node *tables)
{
	csv_opts *o = opts;
	const l2e__node *t;
	csv_table *tab;
	size_t n_main = 0;
	int error;

	if ((error = l2e__optc_expect(oc, tables, L2E__NODE_OBJECT,
	                              "\"tables\"")) < 0)
		return error;
	if (!tables->n_children)
		return l2e__optc_bad(oc, tables, "\"tables\" lists no table");
	o->tables =
	    l2e__pool_alloc(oc->pool, tables->n_children * sizeof(*o->tables));
	if (!o->tables)
		return oc->oom(oc);
	for (t = tables->first; t; t = t->next) {
		tab = &o->tables[o->n_tables++];
		if (!(tab->name = l2e__pool_strdup(oc->pool, t->key)))
			return oc->oom(oc);
		if ((error = compile_table(oc, tab, t)) < 0)
			return error;
		n_main += (size_t)tab->is_main;
	}
	if (n_main > 1)
		return l2e__optc_bad(oc, tables,
		                     "only one table can be \"main\"");
	if (n_main == 0)
		o->tables[0].is_main = 1; /* the first table, by default */
	return 0;
}

static int csv_options_done(l2e__optc *oc, void *opts, l2e__source *src,
                            const l2e__node *source)
{
	csv_opts *o = opts;
	const csv_table *main = NULL;
	size_t i, j, k, n_typed = 0;

	if (!o->tables)
		return l2e__optc_bad(oc, source,
		                     "a CSV source needs \"tables\": "
		                     "the files of the bundle");
	for (i = 0; i < o->n_tables; i++) {
		if (o->tables[i].is_main)
			main = &o->tables[i];
		n_typed += o->tables[i].rtypes.n_types ? 1 : 0;
	}
	if (main->rtypes.n_types && o->key_column)
		return l2e__optc_bad(oc, source,
		                     "\"key_column\" joins tables with a "
		                     "header to the main table; the main table "
		                     "has \"record_types\", whose rows nest by "
		                     "\"children_of\"");
	if (o->n_tables > 1 && !o->key_column && !n_typed)
		return l2e__optc_bad(oc, source,
		                     "a CSV bundle of several tables "
		                     "needs \"key_column\" to join them");
	/* the top-level lists of typed tables stand beside the tables */
	for (i = 0; i < o->n_tables; i++)
		for (j = 0; j < o->tables[i].rtypes.n_types; j++)
			for (k = 0; k < o->n_tables; k++)
				if (!o->tables[k].rtypes.n_types &&
				    !strcmp(o->tables[i].rtypes.types[j].name,
				            o->tables[k].name))
					return l2e__optc_bad(
					    oc, source,
					    "record type \"%s\" has the name "
					    "of a table; rename the table",
					    o->tables[k].name);
	src->n_tables = o->n_tables;
	return 0;
}

static const l2e__option csv_options[] = {
	{ "encoding", opt_encoding, NULL },
	{ "separator", opt_separator, NULL },
	{ "key_column", opt_key_column, NULL },
	{ "key_width", opt_key_width, NULL },
	{ "tables", opt_tables, NULL },
};

const l2e__reader l2e__reader_csv = {
	.name = "csv",
	.label = "CSV",
	.options = csv_options,
	.n_options = sizeof(csv_options) / sizeof(csv_options[0]),
	.opts_size = sizeof(csv_opts),
	.options_done = csv_options_done,
	.open = csv_open,
	.open_dir = csv_open_dir,
	.next = csv_next,
	.close = csv_close,
};
