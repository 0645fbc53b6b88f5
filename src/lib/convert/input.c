/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * input.c - an opened export: documents, records, dossiers (l2e_input,
 * l2e_chunk).
 *
 * The reader splits the input into documents (chunks) cheaply; parsing
 * a chunk gives a record tree, the mapping's `records` paths pick the
 * student records in it, and each record is mapped into its own dossier.
 * A chunk owns its tree and frees it with itself, and a dossier owns all
 * it needs, so memory holds one document per chunk in flight, never the
 * whole input. Chunks of a splitting reader (JSON) are independent and
 * can be converted on several threads, each with its own context.
 * Readers that cannot split (CSV bundles, XML) give one chunk that reads
 * the whole input through the input's reader state. An export behind an
 * API comes page by page (convert/paging.c): each page is read like a file,
 * and the next one is fetched when its documents are all split off.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "convert/dossier.h"
#include "convert/input.h"
#include "convert/lookup.h"
#include "convert/paging.h"
#include "convert/sniff.h"
#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/natid.h"
#include "map/map_eval.h"
#include "map/map_trace.h"
#include "map/mapping.h"
#include "read/reader.h"

struct l2e_input {
	l2e_ctx *ctx;
	const l2e_mapping *map;
	const l2e__reader *reader;
	void *state;
	char *name;
	l2e_buf data;          /* a whole input read at once */
	FILE *file;            /* a streamed input (not stdin) */
	l2e__pager *pager;     /* an input behind a URL */
	const char *page_name; /* the page being read (owned by pager) */
	int is_done;
	int whole_given;    /* non-splitting reader: its one chunk is out */
	l2e_chunk *current; /* for l2e_input_next() */
	l2e__document_cb on_document;
	void *on_document_payload;
	l2e_merger *merger;    /* dossier.merge: l2e_input_next() joins */
	l2e__lookups *lookups; /* the mapping's look-up tables; NULL: none */
	int is_merged;         /* the whole input is in the merger */
	l2e_trace *trace;      /* explain: borrowed; NULL: none */
};

struct l2e_chunk {
	l2e_input *in; /* whole-input readers parse through it */
	const l2e_mapping *map;
	const char *name; /* the input's */
	char *bytes;      /* splitting readers: a copy of the document */
	l2e__piece piece;
	int is_parsed;
	int is_failed;
	l2e__pool pool; /* the document's tree */
	const l2e__node *root;
	const l2e__node **top_scalars; /* in the pool; for fingerprint() */
	size_t n_top_scalars;
	const l2e__node **records;
	size_t n_records;
	size_t cap_records;
	size_t next_record;
	int is_oom; /* a record could not be kept */
	l2e__document_cb on_document;
	void *on_document_payload;
	l2e__lookup_resolver resolver; /* the paths' $lookup( */
};

void l2e_input_trace(l2e_input *in, l2e_trace *t)
{
	if (in)
		in->trace = t;
}

void l2e__input_on_document(l2e_input *in, l2e__document_cb cb, void *payload)
{
	in->on_document = cb;
	in->on_document_payload = payload;
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

static int finish_open(l2e_input **out, l2e_input *in, int error)
{
	if (error < 0) {
		l2e_input_free(in);
		return error;
	}
	*out = in;
	return 0;
}

/*
 * Look-up tables read files beside the input: in its folder, or in the
 * folder it is (a CSV bundle).
 */
static int open_lookups(l2e_input *in, const char *path)
{
	struct stat st;
	const char *slash;
	char *dir;
	int error;

	if (!in->map->n_lookups)
		return 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		dir = l2e__strdup(path);
	else if ((slash = strrchr(path, '/')) != NULL)
		dir = l2e__strndup(path,
		                   (size_t)(slash - path) + (slash == path));
	else
		dir = l2e__strdup(".");
	if (!dir)
		return l2e__error_set(in->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	error =
	    l2e__lookups_new(&in->lookups, in->ctx, in->map, dir, NULL, NULL);
	l2e__free(dir);
	return error;
}

/*
 * A stream can be looked at only one byte ahead (ungetc): enough to
 * tell an empty stream, and XML or CSV text from JSON. 0 to read on,
 * 1 when it is empty and that is allowed, or the error.
 */
static int sniff_stream(l2e_input *in, FILE *f)
{
	unsigned char byte;
	int c = getc(f);

	if (c == EOF)
		return l2e__sniff_check(in->ctx, in->map, in->name,
		                        L2E__LOOK_EMPTY);
	ungetc(c, f);
	byte = (unsigned char)c;
	if (byte == 0xef || l2e__sniff(&byte, 1) == L2E__LOOK_EMPTY)
		return 0; /* a byte order mark or white space: read on */
	return l2e__sniff_check(in->ctx, in->map, in->name,
	                        l2e__sniff(&byte, 1));
}

int l2e_input_open(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                   const char *path)
{
	l2e_input *in = NULL;
	const l2e__source *src = &map->source;
	int error, is_stdin;
	struct stat st;

	L2E_ASSERT_ARG(out && ctx && map && path);
	is_stdin = strcmp(path, "-") == 0;
	if ((error = open_common(out, ctx, map, is_stdin ? "<stdin>" : path,
	                         &in)) < 0)
		return error;
	if (!is_stdin && (error = open_lookups(in, path)) < 0)
		return finish_open(out, in, error);
	if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a folder: the files of a CSV bundle */
		if (!in->reader->open_dir)
			return finish_open(
			    out, in,
			    l2e__error_set_at(
			        ctx, L2E_EIO, L2E_ERRCLASS_READ, path, 0, 0,
			        NULL, "is a folder; %s exports are files",
			        src->format));
		return finish_open(
		    out, in, in->reader->open_dir(&in->state, ctx, src, path));
	}
	/* know the input before reading it (sniff.c); standard input is
	 * looked at once read: a bundle reads it whole (a workbook) */
	if (!is_stdin) {
		l2e__look look;

		if ((error = l2e__sniff_file(&look, ctx, path)) < 0 ||
		    (error = l2e__sniff_check(ctx, map, path, look)) < 0)
			return finish_open(out, in, error);
		if (error == 1) { /* empty, and that is allowed */
			in->is_done = 1;
			return finish_open(out, in, 0);
		}
	}
	if (in->reader->open_file) {
		/* streamed: memory holds a document, not the whole input */
		if (is_stdin) {
			if ((error = sniff_stream(in, stdin)) != 0) {
				in->is_done = error == 1;
				return finish_open(out, in,
				                   error < 0 ? error : 0);
			}
			error = in->reader->open_file(&in->state, ctx, src,
			                              in->name, stdin);
			return finish_open(out, in, error);
		}
		in->file = fopen(path, "rb");
		if (!in->file)
			return finish_open(
			    out, in,
			    l2e__error_set_at(
			        ctx, errno == ENOENT ? L2E_ENOTFOUND : L2E_EIO,
			        L2E_ERRCLASS_OS, path, 0, 0, NULL,
			        "cannot open: %s", strerror(errno)));
		error = in->reader->open_file(&in->state, ctx, src, in->name,
		                              in->file);
		return finish_open(out, in, error);
	}
	error = l2e__file_read(&in->data, ctx, path, ctx->opts.max_input_bytes,
	                       "max_input_bytes");
	if (error == 0 && is_stdin)
		error = l2e__sniff_check(
		    ctx, map, in->name,
		    l2e__sniff((const unsigned char *)in->data.ptr,
		               in->data.len < L2E__SNIFF_BYTES
		                   ? in->data.len
		                   : L2E__SNIFF_BYTES));
	if (error == 1) { /* empty, and that is allowed */
		in->is_done = 1;
		return finish_open(out, in, 0);
	}
	if (error == 0)
		error = in->reader->open(&in->state, ctx, src, in->name,
		                         in->data.ptr, in->data.len);
	return finish_open(out, in, error);
}

int l2e_input_open_memory(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                          const char *name, const char *data, size_t len)
{
	l2e_input *in = NULL;
	int error;

	L2E_ASSERT_ARG(out && ctx && map && name && (data || !len));
	if ((error = open_common(out, ctx, map, name, &in)) < 0)
		return error;
	if (len > ctx->opts.max_input_bytes)
		return finish_open(
		    out, in,
		    l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, name,
		                      0, 0, NULL,
		                      "larger than max_input_bytes (%zu bytes)",
		                      ctx->opts.max_input_bytes));
	if (l2e__buf_put(&in->data, data ? data : "", len) < 0)
		return finish_open(out, in,
		                   l2e__error_set(ctx, L2E_ENOMEM,
		                                  L2E_ERRCLASS_READ,
		                                  "out of memory"));
	if ((error = l2e__lookups_new(&in->lookups, ctx, map, NULL, NULL,
	                              NULL)) < 0)
		return finish_open(out, in, error);
	error = in->reader->open(&in->state, ctx, &map->source, in->name,
	                         in->data.ptr, in->data.len);
	return finish_open(out, in, error);
}

/* Fetch the next page and read it; 0 when there is none. */
static int open_next_page(l2e_input *in)
{
	int got;

	if (in->state) {
		in->reader->close(in->state);
		in->state = NULL;
	}
	got = l2e__pager_next(in->pager, in->ctx, &in->data, &in->page_name);
	if (got <= 0)
		return got;
	if (in->data.len > in->ctx->opts.max_input_bytes)
		return l2e__error_set_at(
		    in->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, in->page_name, 0, 0,
		    NULL, "larger than max_input_bytes (%zu bytes)",
		    in->ctx->opts.max_input_bytes);
	if (!in->reader->open)
		return l2e__error_set_at(in->ctx, L2E_ENOTSUPPORTED,
		                         L2E_ERRCLASS_READ, in->page_name, 0, 0,
		                         NULL, "%s exports cannot be fetched",
		                         in->map->source.format);
	got = in->reader->open(&in->state, in->ctx, &in->map->source,
	                       in->page_name, in->data.ptr ? in->data.ptr : "",
	                       in->data.len);
	return got < 0 ? got : 1;
}

int l2e_input_open_url(l2e_input **out, l2e_ctx *ctx, const l2e_mapping *map,
                       l2e_net *net, const char *url)
{
	l2e_buf name = L2E_BUF_INIT;
	l2e_input *in = NULL;
	int error;

	L2E_ASSERT_ARG(out && ctx && map && net && url);
	*out = NULL;
	if (l2e_url_redacted(&name, url) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	error = open_common(out, ctx, map, name.ptr, &in);
	l2e_buf_dispose(&name);
	if (error < 0)
		return error;
	if (map->source.format && l2e_mapping_reads_folders(map) &&
	    map->source.n_tables > 1)
		return finish_open(
		    out, in,
		    l2e__error_set_at(ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ,
		                      in->name, 0, 0, NULL,
		                      "a bundle of several CSV files is a "
		                      "folder; it cannot be fetched"));
	if ((error = l2e__pager_open(&in->pager, ctx, net, map, url)) < 0 ||
	    (error = l2e__lookups_new(&in->lookups, ctx, map, NULL, net, url)) <
	        0)
		return finish_open(out, in, error);
	/* the first page now: an unreachable server fails the open */
	error = open_next_page(in);
	if (error == 0)
		in->is_done = 1;
	return finish_open(out, in, error < 0 ? error : 0);
}

void l2e_input_free(l2e_input *in)
{
	if (!in)
		return;
	l2e_chunk_free(in->current);
	l2e_merger_free(in->merger);
	l2e__lookups_free(in->lookups);
	if (in->state)
		in->reader->close(in->state);
	l2e__pager_free(in->pager);
	if (in->file)
		fclose(in->file);
	l2e_buf_dispose(&in->data);
	l2e__free(in->name);
	l2e__free(in);
}

/* ==== Chunks ==== */

int l2e_input_next_chunk(l2e_chunk **out, l2e_input *in)
{
	l2e__piece piece;
	l2e_chunk *c;
	int got;

	L2E_ASSERT_ARG(out && in);
	*out = NULL;
	l2e__error_clear(in->ctx);
	if (in->is_done)
		return 0;
	if (in->reader->split) {
		while ((got = in->reader->split(&piece, in->ctx, in->state)) ==
		           0 &&
		       in->pager && (got = open_next_page(in)) > 0)
			; /* this page is done: on to the next */
		if (got <= 0) {
			in->is_done = 1;
			return got;
		}
	} else if (in->whole_given) {
		in->is_done = 1;
		return 0;
	}
	if (!(c = l2e__calloc(1, sizeof(*c))))
		return l2e__error_set(in->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	c->in = in;
	c->map = in->map;
	c->name = in->page_name ? in->page_name : in->name;
	c->on_document = in->on_document;
	c->on_document_payload = in->on_document_payload;
	if (in->reader->split) {
		c->bytes = l2e__malloc(piece.len + 1);
		if (!c->bytes) {
			l2e__free(c);
			return l2e__error_set(in->ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_READ,
			                      "out of memory");
		}
		memcpy(c->bytes, piece.data, piece.len);
		c->bytes[piece.len] = '\0';
		c->piece = piece;
		c->piece.data = c->bytes;
	} else {
		in->whole_given = 1;
	}
	*out = c;
	return 0;
}

size_t l2e_chunk_size(const l2e_chunk *c)
{
	return c && c->bytes ? c->piece.len : 0;
}

/*
 * Drop the parsed document once its dossiers are out: on the thread
 * that parsed it (memory goes back to the malloc arena it came from),
 * and early, while the chunk itself waits to be freed by its maker.
 */
static void release_tree(l2e_chunk *c)
{
	if (c->root && c->on_document)
		c->on_document(c->root, c->on_document_payload);
	l2e__resolver_dispose(&c->resolver);
	c->root = NULL;
	c->top_scalars = NULL;
	c->n_top_scalars = 0;
	l2e__pool_clear(&c->pool);
	l2e__free((void *)c->records);
	c->records = NULL;
	c->n_records = c->cap_records = c->next_record = 0;
}

void l2e_chunk_free(l2e_chunk *c)
{
	if (!c)
		return;
	release_tree(c);
	l2e__free(c->bytes);
	l2e__free(c);
}

static int add_record(const l2e__node *n, void *payload)
{
	l2e_chunk *c = payload;
	const l2e__node *k;

	if (n->kind == L2E__NODE_ARRAY) {
		for (k = n->first; k; k = k->next)
			if (add_record(k, payload))
				return 1;
		return 0;
	}
	if (c->n_records == c->cap_records) {
		size_t cap = c->cap_records ? c->cap_records * 2 : 64;
		const l2e__node **grown =
		    l2e__realloc((void *)c->records, cap * sizeof(*grown));

		if (!grown) {
			c->is_oom = 1;
			return 1;
		}
		c->records = grown;
		c->cap_records = cap;
	}
	c->records[c->n_records++] = n;
	return 0;
}

static int exists(const l2e__node *n, void *payload)
{
	(void)n;
	*(int *)payload = 1;
	return 1;
}

/*
 * The scalars at the top of the document, once per document: every
 * record's fingerprint takes them, and looking for them among the top's
 * members for each record was quadratic when the top is the array of
 * records itself (4 000 records: 2.5 s, three quarters of it there).
 */
static int keep_top_scalars(l2e_chunk *c)
{
	const l2e__node *n;
	size_t i = 0;

	for (n = c->root->first; n; n = n->next)
		c->n_top_scalars += l2e__node_is_scalar(n) ? 1 : 0;
	if (!c->n_top_scalars)
		return 0;
	c->top_scalars = l2e__pool_alloc(&c->pool, c->n_top_scalars *
	                                               sizeof(*c->top_scalars));
	if (!c->top_scalars)
		return -1;
	for (n = c->root->first; n; n = n->next)
		if (l2e__node_is_scalar(n))
			c->top_scalars[i++] = n;
	return 0;
}

/* Parse the chunk and collect its records. */
static int parse_chunk(l2e_chunk *c, l2e_ctx *ctx)
{
	const l2e_mapping *map = c->map;
	l2e__node *root = NULL, **selected = NULL;
	size_t i, n_selected = 0;
	l2e__scope scope;
	int error, found = 0;

	c->is_parsed = 1;
	if (c->bytes)
		error = c->in->reader->parse(&root, &c->pool, ctx, &map->source,
		                             c->name, &c->piece);
	else
		error = c->in->reader->next(&root, &selected, &n_selected,
		                            &c->pool, ctx, c->in->state);
	if (error < 0)
		return error;
	if (!root)
		return 0;
	c->root = root;
	l2e__resolver_init(&c->resolver, c->in->lookups, ctx);
	l2e__resolver_document(&c->resolver, root);
	if (keep_top_scalars(c) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	scope.current = scope.record = scope.root = root;
	if (selected) {
		/* the reader selected the records (an XPath) */
		for (i = 0; i < n_selected; i++)
			if (add_record(selected[i], c))
				return l2e__error_set(ctx, L2E_ENOMEM,
				                      L2E_ERRCLASS_READ,
				                      "out of memory");
		found = 1;
	}
	/* the first `records` path that exists in this document wins */
	for (i = 0; i < map->n_records && !found; i++) {
		l2e__path_visit(&map->records[i], &scope, exists, &found);
		if (found)
			l2e__path_visit(&map->records[i], &scope, add_record,
			                c);
	}
	if (c->is_oom) /* never drop records silently */
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	if (!found)
		return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         c->name, root->line, root->column,
		                         NULL, "no student records at \"%s\"",
		                         map->n_records ? map->records[0].text
		                                        : "(no records path)");
	if (c->n_records > ctx->opts.max_records)
		return l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, c->name, root->line,
		    root->column, NULL, "more than max_records (%zu) records",
		    ctx->opts.max_records);
	return 0;
}

/*
 * What a dossier's documents depend on: its record, the scalars at the
 * top of its document (an export date, say), the mapping with its code
 * lists, and the tool's version.
 */
static void fingerprint(l2e_dossier *d, const l2e_chunk *c,
                        const l2e__node *record)
{
	const char *v = l2e_version();
	uint64_t h = l2e__node_hash(L2E__FNV_INIT, record);
	size_t i;

	for (i = 0; i < c->n_top_scalars; i++)
		h = l2e__node_hash(h, c->top_scalars[i]);
	h = l2e__fnv(h, &c->map->fingerprint, sizeof(c->map->fingerprint));
	h = l2e__fnv(h, v, strlen(v));
	snprintf(d->fingerprint, sizeof(d->fingerprint), "%016llx",
	         (unsigned long long)h);
}

static l2e_dossier_status status_of(l2e__verdict v)
{
	switch (v) {
	case L2E__VERDICT_OK: return L2E_DOSSIER_OK;
	case L2E__VERDICT_SKIPPED: return L2E_DOSSIER_SKIPPED;
	default: return L2E_DOSSIER_REJECTED;
	}
}

int l2e_chunk_next(l2e_dossier **out, l2e_chunk *c, l2e_ctx *ctx)
{
	const l2e__node *record;
	l2e__verdict verdict;
	l2e_dossier *d;
	int error;

	L2E_ASSERT_ARG(out && c && ctx);
	*out = NULL;
	l2e__error_clear(ctx);
	if (c->is_failed)
		return 0;
	if (!c->is_parsed && (error = parse_chunk(c, ctx)) < 0) {
		c->is_failed = 1;
		release_tree(c);
		return error;
	}
next:
	if (c->next_record >= c->n_records) {
		release_tree(c);
		return 0;
	}
	record = c->records[c->next_record++];
	if (!(d = l2e__dossier_new(c->name, ctx->opts.document_time)))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	d->profile.max_items = ctx->opts.max_items;
	d->diags.max_items = ctx->opts.max_diags;
	d->io.n_records = c->n_records;
	d->io.trace = c->in->trace;
	if (d->io.trace)
		l2e__trace_input(d->io.trace, c->name);
	if (c->in->lookups) {
		c->resolver.ctx = ctx;
		l2e__resolver_dossier(&c->resolver, &d->diags);
		d->io.resolver = &c->resolver.base;
	}
	error = l2e__map_eval(&d->profile, &d->diags, &d->key, &verdict, c->map,
	                      record, c->root, &d->io);
	if (error < 0) {
		l2e_dossier_free(d);
		return l2e__error_set(ctx, error, L2E_ERRCLASS_MAP,
		                      "out of memory");
	}
	if (verdict == L2E__VERDICT_DROPPED) { /* records_where: quietly */
		l2e_dossier_free(d);
		goto next;
	}
	d->status = status_of(verdict);
	if (!ctx->opts.skip_fingerprints) /* 4% of a conversion */
		fingerprint(d, c, record);
	if (d->key)
		l2e__file_stem(d->stem, d->key);
	/* merged: the dossier of the key is skipped or not (merge.c) */
	if (d->status == L2E_DOSSIER_SKIPPED && !c->map->merge)
		l2e__diag_add(&d->diags, L2E_SEVERITY_WARNING, record, NULL,
		              "skipped: %s",
		              c->map->skip_message
		                  ? c->map->skip_message
		                  : "the mapping's include condition is false");
	*out = d;
	return 0;
}

/* ==== One dossier after another ==== */

static int next_unmerged(l2e_dossier **out, l2e_input *in);

/* Merging: read the whole input into the merger, then hand out. An
 * error for one document comes back; the next call reads on. */
static int next_merged(l2e_dossier **out, l2e_input *in)
{
	l2e_dossier *d;
	int error;

	if (!in->merger &&
	    (error = l2e_merger_new(&in->merger, in->ctx, in->map)) < 0)
		return error;
	while (!in->is_merged) {
		if ((error = next_unmerged(&d, in)) < 0)
			return error;
		if (!d)
			in->is_merged = 1;
		else if ((error = l2e_merger_add(in->merger, d, NULL)) < 0)
			return error;
	}
	return l2e_merger_next(out, NULL, in->merger);
}

int l2e_input_next(l2e_dossier **out, l2e_input *in)
{
	L2E_ASSERT_ARG(out && in);
	*out = NULL;
	if (in->map->merge)
		return next_merged(out, in);
	return next_unmerged(out, in);
}

static int next_unmerged(l2e_dossier **out, l2e_input *in)
{
	int error;

	*out = NULL;
	for (;;) {
		if (!in->current) {
			if ((error = l2e_input_next_chunk(&in->current, in)) <
			    0)
				return error;
			if (!in->current)
				return 0;
		}
		error = l2e_chunk_next(out, in->current, in->ctx);
		if (error < 0 || !*out) {
			/* this document is done (or broken): on to the next */
			l2e_chunk_free(in->current);
			in->current = NULL;
			if (error < 0)
				return error;
			continue;
		}
		return 0;
	}
}

int l2e_input_name_redacted(l2e_buf *out, const char *name)
{
	l2e_buf url = L2E_BUF_INIT;
	int error;

	L2E_ASSERT_ARG(out && name);
	if (l2e_is_url(name)) {
		if ((error = l2e_url_redacted(&url, name)) < 0)
			return error;
		name = url.ptr;
	}
	error = l2e__natid_safe_text(out, name, 0) < 0 ? L2E_ENOMEM : 0;
	l2e_buf_dispose(&url);
	return error;
}
