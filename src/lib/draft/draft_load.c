/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_load.c - read an export for `mapping init`: JSON (one value,
 * JSON Lines or pages), XML (the reader of read/, no XPath) or a CSV
 * bundle (a folder, one table per file), into record trees. Nothing
 * here knows the mapping language; the limits are the context's.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draft/draft.h"

#include "core/buf.h"
#include "core/encoding.h"
#include "core/file.h"
#include "core/natid.h"
#include "read/csv.h"
#include "read/json_tree.h"
#include "read/reader.h"
#include "util/alloc.h"

#define MAX_TABLES 64

static int oom(l2e_ctx *ctx)
{
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
	                      "out of memory");
}

static int add_record(l2e__dinput *in, l2e_ctx *ctx, l2e__node *rec)
{
	if (in->n_records == in->cap_records) {
		size_t cap = in->cap_records ? 2 * in->cap_records : 64;
		l2e__node **grown;

		if (cap > ctx->opts.max_records + 1)
			cap = ctx->opts.max_records + 1;
		if (in->n_records >= ctx->opts.max_records)
			return l2e__error_set(ctx, L2E_ELIMIT,
			                      L2E_ERRCLASS_READ,
			                      "more than max_records (%zu) "
			                      "records",
			                      ctx->opts.max_records);
		grown = l2e__realloc(in->records, cap * sizeof(*grown));
		if (!grown)
			return oom(ctx);
		in->records = grown;
		in->cap_records = cap;
	}
	in->records[in->n_records++] = rec;
	return 0;
}

static void note_path(l2e__dinput *in, const char *path)
{
	size_t i;

	for (i = 0; i < in->n_paths; i++)
		if (!strcmp(in->paths[i], path))
			return;
	if (in->n_paths < sizeof(in->paths) / sizeof(in->paths[0]))
		in->paths[in->n_paths++] = path;
}

/* The member of `obj` that is the longest array of objects: the records
 * of a page ("items", "data", "students"), whatever it is called. */
static const l2e__node *record_array(const l2e__node *obj)
{
	const l2e__node *m, *best = NULL;

	for (m = obj->first; m; m = m->next)
		if (m->kind == L2E__NODE_ARRAY && m->first && m->key &&
		    !l2e__natid_find(m->key) &&
		    m->first->kind == L2E__NODE_OBJECT &&
		    (!best || m->n_children > best->n_children))
			best = m;
	return best;
}

/* Nodes under `n`, counted up to `cap`. */
static size_t weight(const l2e__node *n, size_t cap)
{
	const l2e__node *k;
	size_t w = 1;

	for (k = n->first; k && w < cap; k = k->next)
		w += weight(k, cap - w);
	return w;
}

/* A page around records ({"items": [...], "pageSize": 4}) rather than
 * one record with a list in it ({"name": ..., "languages": [...]}): an
 * element of the list weighs more than all the rest of the object. */
static int is_page(const l2e__node *obj, const l2e__node *arr)
{
	const l2e__node *m;
	size_t rest = 0, item = weight(arr->first, 100000);

	for (m = obj->first; m; m = m->next)
		if (m != arr)
			rest += weight(m, 100000);
	return item > rest;
}

static int take_value(l2e__dinput *in, l2e_ctx *ctx, l2e__node *v)
{
	const l2e__node *arr;
	l2e__node *k;
	int error;

	if (v->kind == L2E__NODE_ARRAY) {
		note_path(in, ".");
		for (k = v->first; k; k = k->next)
			if (k->kind == L2E__NODE_OBJECT &&
			    (error = add_record(in, ctx, k)) < 0)
				return error;
		return 0;
	}
	if (v->kind != L2E__NODE_OBJECT)
		return 0;
	if ((arr = record_array(v)) && arr->n_children > 1 && is_page(v, arr)) {
		note_path(in, arr->key);
		for (k = arr->first; k; k = k->next)
			if (k->kind == L2E__NODE_OBJECT &&
			    (error = add_record(in, ctx, k)) < 0)
				return error;
		return 0;
	}
	note_path(in, ".");
	return add_record(in, ctx, v);
}

static int load_json(l2e__dinput *in, l2e_ctx *ctx, const char *path,
                     const l2e_buf *text)
{
	l2e__json_cursor cur;
	l2e__node *v;
	int error;

	l2e__json_cursor_init(&cur, path, text->ptr, text->len, &ctx->opts);
	for (;;) {
		if ((error = l2e__json_next(&v, &in->pool, ctx, &cur)) < 0)
			return error;
		if (!v)
			return 0;
		if ((error = take_value(in, ctx, v)) < 0)
			return error;
	}
}

static int load_xml(l2e__dinput *in, l2e_ctx *ctx, const char *path,
                    const l2e_buf *text)
{
	const l2e__reader *r = l2e__reader_find("xml");
	l2e__source src;
	void *opts = NULL, *state = NULL;
	l2e__node *root = NULL, **recs = NULL, *k;
	const l2e__node *arr;
	size_t n_recs = 0;
	int error;

	memset(&src, 0, sizeof(src));
	if (!r || !(opts = l2e__calloc(1, r->opts_size ? r->opts_size : 1)))
		return oom(ctx);
	src.reader = r;
	src.format = r->name;
	src.opts = opts;
	if ((error = r->open(&state, ctx, &src, path, text->ptr, text->len)) <
	    0)
		goto done;
	if ((error = r->next(&root, &recs, &n_recs, &in->pool, ctx, state)) <
	        0 ||
	    !root)
		goto done;
	in->root_name = root->key;
	if ((arr = record_array(root))) {
		note_path(in, arr->key);
		for (k = arr->first; k && !error; k = k->next)
			if (k->kind == L2E__NODE_OBJECT)
				error = add_record(in, ctx, k);
	} else {
		/* one record: the single element child that is an object */
		for (k = root->first; k; k = k->next)
			if (k->kind == L2E__NODE_OBJECT)
				break;
		if (k) {
			note_path(in, k->key);
			error = add_record(in, ctx, k);
		}
	}
done:
	if (state)
		r->close(state);
	l2e__free(opts);
	return error;
}

static char detect_separator(const char *s, size_t len)
{
	size_t n[3] = { 0, 0, 0 }, i;

	for (i = 0; i < len && s[i] != '\n'; i++)
		n[0] += s[i] == ';', n[1] += s[i] == ',', n[2] += s[i] == '\t';
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return n[1] > n[0] ? ',' : ';';
}

/* The first line has a field twice (unquoted fields compared): a
 * headerless file of record types, whose first row is data. */
static int repeats_a_name(const char *s, size_t len, char sep)
{
	const char *end = memchr(s, '\n', len), *a, *b, *p, *q;

	if (!end)
		end = s + len;
	for (a = s; a < end; a = b + 1) {
		b = memchr(a, sep, (size_t)(end - a));
		if (!b)
			b = end;
		for (p = b + 1; p < end; p = q + 1) {
			q = memchr(p, sep, (size_t)(end - p));
			if (!q)
				q = end;
			if (q - p == b - a && b > a &&
			    !memcmp(a, p, (size_t)(b - a)))
				return 1;
		}
	}
	return 0;
}

/* The first field of the first line starts another line too: rows of
 * record types ("Student;..." again), not a header. */
static int first_field_recurs(const char *s, size_t len, char sep)
{
	const char *end = s + len, *p = memchr(s, '\n', len);
	size_t n = 0;

	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s + n < end && s[n] != sep && s[n] != '\n' && s[n] != '"')
		n++;
	if (!n || s + n >= end || s[n] != sep)
		return 0;
	for (; p && p + 1 + n < end;
	     p = memchr(p + 1, '\n', (size_t)(end - p - 1)))
		if (!memcmp(p + 1, s, n) && p[1 + n] == sep)
			return 1;
	return 0;
}

/* A table name the mapping can use: the file stem in a-z, 0-9 and _. */
static const char *table_name(l2e__pool *pool, const char *file)
{
	size_t len = strlen(file), i;
	char *name;

	if (len > 4 && !strcmp(file + len - 4, ".csv"))
		len -= 4;
	if (!(name = l2e__pool_strndup(pool, file, len)))
		return NULL;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z')
			name[i] = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			name[i] = '_';
	}
	return name;
}

static int load_csv(l2e__dinput *in, l2e_ctx *ctx, const char *path,
                    const char *file, const l2e_buf *raw)
{
	l2e_buf text = L2E_BUF_INIT;
	l2e__dtable *t;
	int error;

	if (in->n_tables >= MAX_TABLES)
		return l2e__error_set(ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                      "a bundle of more than %d CSV files",
		                      MAX_TABLES);
	if ((error = l2e__to_utf8(&text, raw->ptr, raw->len, NULL, NULL,
	                          NULL)) < 0) {
		l2e_buf_dispose(&text);
		return error == L2E_ENOMEM ? oom(ctx) : error;
	}
	t = &in->tables[in->n_tables];
	t->sep = detect_separator(text.ptr ? text.ptr : "", text.len);
	t->file = l2e__pool_strdup(&in->pool, file);
	t->name = table_name(&in->pool, file);
	if (!t->file || !t->name) {
		l2e_buf_dispose(&text);
		return oom(ctx);
	}
	/* a first line that repeats a name is no header: rows of record
	 * types, drafted by draft_types.c */
	t->headerless =
	    repeats_a_name(text.ptr ? text.ptr : "", text.len, t->sep) ||
	    first_field_recurs(text.ptr ? text.ptr : "", text.len, t->sep);
	error = (t->headerless ? l2e__csv_parse_rows : l2e__csv_parse)(
	    &t->root, &in->pool, ctx, path, text.ptr ? text.ptr : "", text.len,
	    t->sep);
	l2e_buf_dispose(&text);
	if (error < 0)
		return error;
	in->n_tables++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_folder(l2e__dinput *in, l2e_ctx *ctx, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[MAX_TABLES];
	size_t n = 0, i, len;
	l2e_buf path = L2E_BUF_INIT, raw = L2E_BUF_INIT;
	int error = 0;

	if (!d)
		return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_READ, dir,
		                         0, 0, NULL, "cannot open the folder");
	while ((e = readdir(d)) && !error) {
		len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 4, ".csv"))
			continue;
		if (n == MAX_TABLES)
			error = l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, dir, 0, 0, NULL,
			    "more than %d CSV files in one bundle", MAX_TABLES);
		else if (!(names[n++] = l2e__pool_strdup(&in->pool, e->d_name)))
			error = oom(ctx);
	}
	closedir(d);
	if (error)
		return error;
	if (!n)
		return l2e__error_set_at(ctx, L2E_ENOTFOUND, L2E_ERRCLASS_READ,
		                         dir, 0, 0, NULL,
		                         "no .csv files in the folder");
	qsort(names, n, sizeof(names[0]), cmp_str);
	in->format = "csv";
	in->is_bundle = 1;
	if (!(in->tables =
	          l2e__pool_alloc(&in->pool, MAX_TABLES * sizeof(*in->tables))))
		return oom(ctx);
	for (i = 0; i < n && !error; i++) {
		l2e__buf_clear(&path);
		l2e__buf_clear(&raw);
		if (l2e__buf_printf(&path, "%s/%s", dir, names[i]) < 0)
			error = oom(ctx);
		else if (!(error = l2e__file_read(&raw, ctx, path.ptr,
		                                  ctx->opts.max_input_bytes,
		                                  "max_input_bytes")))
			error = load_csv(in, ctx, path.ptr, names[i], &raw);
	}
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&raw);
	return error;
}

/* Whether folder `dir` holds a file named *`ext`. */
static int has_files(const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len, n = strlen(ext);
	int found = 0;

	while (d && !found && (e = readdir(d)))
		found = e->d_name[0] != '.' && (len = strlen(e->d_name)) > n &&
		        !strcmp(e->d_name + len - n, ext);
	if (d)
		closedir(d);
	return found;
}

/* A folder of JSON files (one response each: draft_spread.c reads the
 * rest of it): its .json files in name order, as the inputs. */
int l2e__draft_load_json_folder(l2e__dinput *in, l2e_ctx *ctx)
{
	const char *dir = in->folder;
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, len;
	l2e_buf path = L2E_BUF_INIT, text = L2E_BUF_INIT;
	int error = 0;

	if (!d)
		return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_READ, dir,
		                         0, 0, NULL, "cannot open the folder");
	while (!error && (e = readdir(d))) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 ||
		    strcmp(e->d_name + len - 5, ".json"))
			continue;
		if (n == cap) {
			char **grown;

			cap = cap ? 2 * cap : 64;
			if (cap > ctx->opts.max_records + 1 ||
			    !(grown =
			          l2e__realloc(names, cap * sizeof(*grown)))) {
				error = cap > ctx->opts.max_records + 1
				            ? l2e__error_set_at(
				                  ctx, L2E_ELIMIT,
				                  L2E_ERRCLASS_READ, dir, 0, 0,
				                  NULL,
				                  "more than max_records (%zu) "
				                  "files",
				                  ctx->opts.max_records)
				            : oom(ctx);
				break;
			}
			names = grown;
		}
		if (!(names[n++] = l2e__pool_strdup(&in->pool, e->d_name)))
			error = oom(ctx);
	}
	closedir(d);
	if (!error && n)
		qsort(names, n, sizeof(*names), cmp_str);
	in->format = "json";
	for (i = 0; i < n && !error; i++) {
		l2e__buf_clear(&path);
		l2e__buf_clear(&text);
		if (l2e__buf_printf(&path, "%s/%s", dir, names[i]) < 0)
			error = oom(ctx);
		else if (!(error = l2e__file_read(&text, ctx, path.ptr,
		                                  ctx->opts.max_input_bytes,
		                                  "max_input_bytes")))
			error = load_json(in, ctx, path.ptr, &text);
	}
	l2e__free(names);
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&text);
	return error;
}

/* The format by the first byte that is not white space or a BOM. */
static const char *sniff(const l2e_buf *text)
{
	size_t i = 0;

	if (text->len >= 3 && !memcmp(text->ptr, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < text->len && strchr(" \t\r\n", text->ptr[i]))
		i++;
	if (i == text->len)
		return NULL;
	if (text->ptr[i] == '{' || text->ptr[i] == '[')
		return "json";
	if (text->ptr[i] == '<')
		return "xml";
	return "csv";
}

int l2e__draft_load(l2e__dinput *in, l2e_ctx *ctx, const char *const *inputs,
                    size_t n_inputs)
{
	l2e_buf text = L2E_BUF_INIT;
	struct stat st;
	const char *format, *slash;
	size_t i;
	int error = 0;

	memset(in, 0, sizeof(*in));
	for (i = 0; i < n_inputs && !error; i++) {
		if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (n_inputs > 1 || in->format)
				return l2e__error_set_at(
				    ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
				    inputs[i], 0, 0, NULL,
				    "a folder (a CSV bundle or the JSON "
				    "files of one export) is the only input: "
				    "give it alone");
			/* a folder of JSON files: draft_spread.c reads it */
			if (has_files(inputs[i], ".json") &&
			    !has_files(inputs[i], ".csv")) {
				in->format = "json";
				in->folder = inputs[i];
				return 0;
			}
			return load_folder(in, ctx, inputs[i]);
		}
		l2e__buf_clear(&text);
		if ((error = l2e__file_read(&text, ctx, inputs[i],
		                            ctx->opts.max_input_bytes,
		                            "max_input_bytes")) < 0)
			break;
		if (!(format = sniff(&text))) {
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, inputs[i], 0, 0,
			    NULL, "the file is empty");
			break;
		}
		if (in->format && strcmp(in->format, format)) {
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, inputs[i], 0, 0,
			    NULL,
			    "this file is %s and an earlier one %s: give "
			    "the files of one export",
			    format, in->format);
			break;
		}
		in->format = format;
		if (!strcmp(format, "json"))
			error = load_json(in, ctx, inputs[i], &text);
		else if (!strcmp(format, "xml"))
			error = load_xml(in, ctx, inputs[i], &text);
		else {
			if (!in->tables &&
			    !(in->tables = l2e__pool_alloc(
			          &in->pool, MAX_TABLES * sizeof(*in->tables))))
				error = oom(ctx);
			slash = strrchr(inputs[i], '/');
			if (!error)
				error = load_csv(in, ctx, inputs[i],
				                 slash ? slash + 1 : inputs[i],
				                 &text);
		}
	}
	l2e_buf_dispose(&text);
	if (!error && in->n_tables > 1)
		in->is_bundle = 1; /* CSV files of one folder */
	return error;
}

void l2e__draft_dispose(l2e__dinput *in)
{
	l2e__free(in->records);
	l2e__pool_clear(&in->pool);
	memset(in, 0, sizeof(*in));
}

/* For draft_spread.c: the same tests on the files of a spread export. */
const l2e__node *l2e__draft_record_array(const l2e__node *obj)
{
	return record_array(obj);
}

int l2e__draft_is_page(const l2e__node *obj, const l2e__node *arr)
{
	return is_page(obj, arr);
}
