/*
 * input.c - an opened export: documents, records, dossiers (l2e_input).
 *
 * The reader yields documents; the mapping's `records` paths pick the
 * student records in each; each record is mapped into its own dossier.
 * Only one document's tree is held at a time, and a dossier owns all it
 * needs, so the tree is freed when the next document is read.
 */
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "convert/dossier.h"
#include "convert/input.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "map/map_eval.h"
#include "map/mapping.h"
#include "read/reader.h"

struct l2e_input {
	l2e_ctx *ctx;
	const l2e_mapping *map;
	const l2e__reader *reader;
	void *state;
	char *name;
	l2e_buf data;
	l2e__pool doc_pool; /* the current document's tree */
	const l2e__node *root;
	const l2e__node **records;
	size_t n_records;
	size_t cap_records;
	size_t next_record;
	size_t n_seen; /* records in all documents so far */
	int is_done;
	l2e__document_cb on_document;
	void *on_document_payload;
};

void l2e__input_on_document(l2e_input *in, l2e__document_cb cb, void *payload)
{
	in->on_document = cb;
	in->on_document_payload = payload;
}

/* Free the current document's tree, telling the hook first. */
static void drop_document(l2e_input *in)
{
	if (in->root && in->on_document)
		in->on_document(in->root, in->on_document_payload);
	l2e__pool_clear(&in->doc_pool);
	in->root = NULL;
}

static int open_common(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                       const char *name, l2e_input **in_out)
{
	l2e_input *in;

	*out = NULL;
	l2e__error_clear(ctx);
	if (!(in = l2e__calloc(1, sizeof(*in))) ||
	    !(in->name = l2e__strdup(name))) {
		l2e__free(in);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	}
	in->ctx = ctx;
	in->map = map;
	in->reader = l2e__reader_find(map->source.format);
	if (!in->reader) {
		l2e_input_free(in);
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ,
		                      "no reader for format %s",
		                      map->source.format);
	}
	*in_out = in;
	return 0;
}

static int start_reader(l2e_input **out, l2e_input *in)
{
	int error = in->reader->open(&in->state, in->ctx, &in->map->source,
	                             in->name, in->data.ptr, in->data.len);

	if (error < 0) {
		l2e_input_free(in);
		return error;
	}
	*out = in;
	return 0;
}

int l2e_input_open(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                   const char *path)
{
	l2e_input *in = NULL;
	int error;

	struct stat st;

	L2E_ASSERT_ARG(out && ctx && map && path);
	if ((error = open_common(
	         out, ctx, map, strcmp(path, "-") ? path : "<stdin>", &in)) < 0)
		return error;
	if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a folder: the files of a CSV bundle */
		if (!in->reader->open_dir) {
			l2e_input_free(in);
			return l2e__error_set_at(
			    ctx, L2E_EIO, L2E_ERRCLASS_READ, path, 0, 0, NULL,
			    "is a folder; "
			    "%s exports are files",
			    map->source.format);
		}
		error =
		    in->reader->open_dir(&in->state, ctx, &map->source, path);
		if (error < 0) {
			l2e_input_free(in);
			return error;
		}
		*out = in;
		return 0;
	}
	error = l2e__file_read(&in->data, ctx, path, ctx->opts.max_input_bytes,
	                       "max_input_bytes");
	if (error < 0) {
		l2e_input_free(in);
		return error;
	}
	return start_reader(out, in);
}

int l2e_input_open_memory(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                          const char *name, const char *data, size_t len)
{
	l2e_input *in = NULL;
	int error;

	L2E_ASSERT_ARG(out && ctx && map && name && (data || !len));
	if ((error = open_common(out, ctx, map, name, &in)) < 0)
		return error;
	if (len > ctx->opts.max_input_bytes) {
		l2e_input_free(in);
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         name, 0, 0, NULL,
		                         "larger than max_input_bytes (%zu "
		                         "bytes)",
		                         ctx->opts.max_input_bytes);
	}
	if (l2e__buf_put(&in->data, data ? data : "", len) < 0) {
		l2e_input_free(in);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	}
	return start_reader(out, in);
}

void l2e_input_free(l2e_input *in)
{
	if (!in)
		return;
	if (in->state)
		in->reader->close(in->state);
	drop_document(in);
	l2e__free((void *)in->records);
	l2e_buf_dispose(&in->data);
	l2e__free(in->name);
	l2e__free(in);
}

static int add_record(const l2e__node *n, void *payload)
{
	l2e_input *in = payload;
	const l2e__node *c;

	if (n->kind == L2E__NODE_ARRAY) {
		for (c = n->first; c; c = c->next)
			if (add_record(c, payload))
				return 1;
		return 0;
	}
	if (in->n_records == in->cap_records) {
		size_t cap = in->cap_records ? in->cap_records * 2 : 64;
		const l2e__node **grown =
		    l2e__realloc((void *)in->records, cap * sizeof(*grown));

		if (!grown)
			return 1;
		in->records = grown;
		in->cap_records = cap;
	}
	in->records[in->n_records++] = n;
	return 0;
}

static int exists(const l2e__node *n, void *payload)
{
	(void)n;
	*(int *)payload = 1;
	return 1;
}

/* Read the next document and collect its records. 0 at the end. */
static int next_document(l2e_input *in)
{
	l2e__scope scope;
	l2e__node *root = NULL, **selected = NULL;
	size_t i, n_selected = 0;
	int error, found = 0;

	drop_document(in);
	in->n_records = in->next_record = 0;
	error = in->reader->next(&root, &selected, &n_selected, &in->doc_pool,
	                         in->ctx, in->state);
	if (error < 0)
		return error;
	if (!root) {
		in->is_done = 1;
		return 0;
	}
	in->root = root;
	scope.current = scope.record = scope.root = root;
	if (selected) {
		/* the reader selected the records (an XPath) */
		for (i = 0; i < n_selected; i++)
			if (add_record(selected[i], in))
				return l2e__error_set(in->ctx, L2E_ENOMEM,
				                      L2E_ERRCLASS_READ,
				                      "out of memory");
		found = 1;
	}
	/* the first `records` path that exists in this document wins */
	for (i = 0; i < in->map->n_records && !found; i++) {
		l2e__path_visit(&in->map->records[i], &scope, exists, &found);
		if (found)
			l2e__path_visit(&in->map->records[i], &scope,
			                add_record, in);
	}
	if (!found)
		return l2e__error_set_at(in->ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         in->name, root->line, root->column,
		                         NULL, "no student records at \"%s\"",
		                         in->map->n_records
		                             ? in->map->records[0].text
		                             : "(no records path)");
	in->n_seen += in->n_records;
	if (in->n_seen > in->ctx->opts.max_records)
		return l2e__error_set_at(in->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         in->name, root->line, root->column,
		                         NULL,
		                         "more than max_records (%zu) "
		                         "records",
		                         in->ctx->opts.max_records);
	return 1;
}

static l2e_dossier_status status_of(l2e__verdict v)
{
	switch (v) {
	case L2E__VERDICT_OK: return L2E_DOSSIER_OK;
	case L2E__VERDICT_SKIPPED: return L2E_DOSSIER_SKIPPED;
	default: return L2E_DOSSIER_REJECTED;
	}
}

int l2e_input_next(l2e_dossier **out, l2e_input *in)
{
	const l2e_mapping *map;
	const l2e__node *record;
	l2e__verdict verdict;
	l2e_dossier *d = NULL;
	long long when;
	int error;

	L2E_ASSERT_ARG(out && in);
	*out = NULL;
	l2e__error_clear(in->ctx);
	map = in->map;
	while (!in->is_done && in->next_record == in->n_records)
		if ((error = next_document(in)) < 0)
			return error;
	if (in->is_done)
		return 0;

	record = in->records[in->next_record++];
	when = in->ctx->opts.document_time ? in->ctx->opts.document_time
	                                   : (long long)time(NULL);
	if (!(d = l2e__dossier_new(in->name, when)))
		return l2e__error_set(in->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	error = l2e__map_eval(&d->profile, &d->diags, &d->key, &verdict, map,
	                      record, in->root);
	if (error < 0) {
		l2e_dossier_free(d);
		return l2e__error_set(in->ctx, error, L2E_ERRCLASS_MAP,
		                      "out of memory");
	}
	d->status = status_of(verdict);
	if (d->key)
		l2e__file_stem(d->stem, d->key);
	if (d->status == L2E_DOSSIER_SKIPPED)
		l2e__diag_add(&d->diags, L2E_SEVERITY_WARNING, record, NULL,
		              "skipped: %s",
		              map->skip_message
		                  ? map->skip_message
		                  : "the mapping's include condition is false");
	*out = d;
	return 0;
}
