/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch.c - the parallel conversion pipeline (see batch.h).
 */
#include "batch.h"

#include <pthread.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_line.h"

#define WINDOW_PER_JOB 4
/* Small documents (JSON Lines) travel in groups: fewer hand-overs. */
#define GROUP_CHUNKS 64
#define GROUP_BYTES  (256 * 1024)

typedef struct converter converter;

typedef struct job {
	int is_done;
	/* none for an input-level error; freed by the main thread, which
	   split them off, once emitted */
	l2e_chunk *chunks[GROUP_CHUNKS];
	size_t n_chunks;
	l2e_input *to_free; /* its input's last job: free it once emitted */
	const char *input;
	batch_result error;    /* input-level error, made by the main thread */
	batch_result *results; /* made by `maker` */
	size_t n_results;
	size_t cap_results;
	converter *maker;
} job;

typedef struct spent_results {
	batch_result *results;
	size_t n_results;
} spent_results;

/*
 * A thread that converts (the main thread is the first), with its
 * context. Results are freed by the thread that made them: a free into
 * another thread's malloc arena takes that arena's lock, and those
 * locks were most of what a second thread cost. So a worker's emitted
 * results wait in its `spent` list (room for a window of jobs: no more
 * can be emitted between two of its claims) until it claims again.
 */
struct converter {
	batch *b;
	pthread_t thread;
	l2e_ctx *ctx;
	spent_results *spent; /* emitted, to free: filled by the main thread */
	spent_results *spare; /* being freed by this one */
	size_t n_spent;
};

struct batch {
	batch_config cfg;
	pthread_mutex_t lock;
	pthread_cond_t work; /* a job was queued, or stopping */
	pthread_cond_t done; /* a job was finished */
	converter *conv;     /* [0]: the main thread, then the workers */
	int n_conv;          /* made, with a context each */
	int n_threads;       /* workers running: n_conv - 1 at most */
	job *ring;           /* slot = seq % window */
	long window;
	long next_seq;   /* to queue */
	long next_claim; /* to convert */
	long next_emit;  /* to emit */
	int is_closing;  /* no more jobs will come */
	int is_stopped;  /* batch_stop: queue nothing more */
	char **inputs;   /* names, alive until the end */
	size_t n_inputs;
	l2e_merger *merger; /* dossier.merge: fed in input order by emit */
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void result_dispose(batch_result *r)
{
	size_t i;

	free(r->key);
	free(r->stem);
	free(r->fingerprint);
	for (i = 0; i < r->n_diags; i++) {
		free(r->diags[i].message);
		free(r->diags[i].file);
		free(r->diags[i].field);
	}
	free(r->diags);
	for (i = 0; i < BATCH_MAX_FORMATS; i++) {
		l2e_buf_dispose(&r->docs[i]);
		while (r->n_parts[i])
			free(r->parts[i][--r->n_parts[i]].name);
		free(r->parts[i]);
	}
	l2e_dossier_free(r->pending);
	memset(r, 0, sizeof(*r));
}

static int add_diag(batch_result *r, l2e_severity sev, const char *message,
                    const char *file, unsigned line, unsigned column,
                    const char *field)
{
	batch_diag *grown =
	    realloc(r->diags, (r->n_diags + 1) * sizeof(*grown));
	batch_diag *d;

	if (!grown)
		return -1;
	r->diags = grown;
	d = &r->diags[r->n_diags++];
	memset(d, 0, sizeof(*d));
	d->severity = sev;
	d->message = dup_or_null(message ? message : "unknown error");
	d->file = dup_or_null(file);
	d->line = line;
	d->column = column;
	d->field = dup_or_null(field);
	return d->message ? 0 : -1;
}

/* The context's error as a BATCH_ERROR result. */
static void error_result(batch_result *r, const l2e_ctx *ctx, int code,
                         const char *input)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	memset(r, 0, sizeof(*r));
	r->status = BATCH_ERROR;
	r->input = input;
	r->error_code = code;
	r->exit_code = cli_exit_for(code);
	add_diag(r, L2E_SEVERITY_ERROR, e ? e->message : l2e_strerror(code),
	         e && e->file ? e->file : input, e ? e->line : 0,
	         e ? e->column : 0, e ? e->field : NULL);
}

static batch_result *new_result(job *j)
{
	if (j->n_results == j->cap_results) {
		size_t cap = j->cap_results ? j->cap_results * 2 : 4;
		batch_result *grown = realloc(j->results, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		j->results = grown;
		j->cap_results = cap;
	}
	memset(&j->results[j->n_results], 0, sizeof(batch_result));
	return &j->results[j->n_results++];
}

/*
 * Replace a document by its JSON line (--out -), built here, on a
 * worker, where the escaping costs nothing to the others. Written
 * directly, byte for byte what cJSON_PrintUnformatted gave: through a
 * cJSON tree the document was copied three times and scanned twice,
 * 13% of a JSON Lines run. One pass: escaping adds a few percent to an
 * XML document, so the first guess of the size holds.
 */
static int as_json_line(l2e_buf *doc, const char *key, const char *format,
                        const char *part)
{
	const char *text = doc->ptr ? doc->ptr : "";
	size_t text_len = doc->ptr ? doc->len : 0;
	json_line l = JSON_LINE_INIT;

	json_line_reserve_string(&l, text_len, 64);
	json_line_raw(&l, "{\"key\":");
	json_line_str(&l, key);
	json_line_raw(&l, ",\"format\":");
	json_line_str(&l, format);
	if (part) {
		json_line_raw(&l, ",\"part\":");
		json_line_str(&l, part);
	}
	json_line_raw(&l, ",\"document\":");
	json_line_string(&l, text, text_len);
	json_line_raw(&l, "}\n");
	if (l.is_failed) {
		json_line_dispose(&l);
		return -1;
	}
	/* give back the room made for the worst case */
	if (l.cap - l.len > 4096) {
		char *fit = realloc(l.ptr, l.len + 1);

		if (fit) {
			l.ptr = fit;
			l.cap = l.len + 1;
		}
	}
	l2e_buf_dispose(doc);
	doc->ptr = l.ptr;
	doc->len = l.len;
	doc->cap = l.cap;
	return 0;
}

/* Append to a buffer the library made (plain malloc, as as_json_line's
 * hand-over relies on too). */
static int buf_append(l2e_buf *b, const char *data, size_t len)
{
	char *grown;

	if (b->len + len + 1 > b->cap) {
		size_t cap = (b->len + len + 1) * 2;

		if (!(grown = realloc(b->ptr, cap)))
			return -1;
		b->ptr = grown;
		b->cap = cap;
	}
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

/*
 * The documents of a format with parts, one after the other in `all`,
 * each as a JSON line when asked; `r` notes where each one is.
 */
static int write_parts(const batch_config *cfg, l2e_ctx *ctx,
                       const l2e_dossier *d, batch_result *r, size_t f)
{
	size_t i, n = l2e_dossier_document_count(d, cfg->formats[f]);
	l2e_buf doc = L2E_BUF_INIT, name = L2E_BUF_INIT;
	l2e_buf *all = &r->docs[f];
	batch_part *part;
	int error = 0;

	if (n && !(r->parts[f] = calloc(n, sizeof(batch_part))))
		return L2E_ENOMEM;
	for (i = 0; i < n && !error; i++) {
		l2e_buf_dispose(&doc);
		l2e_buf_dispose(&name);
		error = l2e_dossier_write_document(&doc, &name, ctx, d,
		                                   cfg->formats[f], i);
		if (error == 0 && cfg->as_json_lines &&
		    as_json_line(&doc, r->key, l2e_format_name(cfg->formats[f]),
		                 name.ptr ? name.ptr : "") < 0)
			error = L2E_ENOMEM;
		if (error < 0)
			break;
		part = &r->parts[f][r->n_parts[f]];
		part->offset = all->len;
		part->len = doc.len;
		if (!(part->name = dup_or_null(name.ptr ? name.ptr : "")) ||
		    buf_append(all, doc.ptr ? doc.ptr : "", doc.len) < 0)
			error = L2E_ENOMEM;
		r->n_parts[f] += part->name != NULL;
	}
	l2e_buf_dispose(&doc);
	l2e_buf_dispose(&name);
	return error;
}

static void convert_dossier(const batch_config *cfg, l2e_ctx *ctx,
                            l2e_dossier *d, batch_result *r)
{
	size_t i;
	int error;

	r->key = dup_or_null(l2e_dossier_key(d));
	r->stem = dup_or_null(l2e_dossier_file_stem(d));
	r->fingerprint = dup_or_null(l2e_dossier_fingerprint(d));
	for (i = 0; i < l2e_dossier_diag_count(d); i++) {
		const l2e_diag *g = l2e_dossier_diag(d, i);

		add_diag(r, g->severity, g->message, g->file, g->line,
		         g->column, g->field);
	}
	switch (l2e_dossier_status_get(d)) {
	case L2E_DOSSIER_SKIPPED: r->status = BATCH_SKIPPED; return;
	case L2E_DOSSIER_REJECTED: r->status = BATCH_REJECTED; return;
	default: break;
	}
	r->status = BATCH_OK;
	if (cfg->unchanged && r->stem &&
	    cfg->unchanged(r->stem, r->fingerprint, cfg->unchanged_payload)) {
		r->status = BATCH_UNCHANGED;
		return;
	}
	for (i = 0; i < cfg->n_formats; i++) {
		if (l2e_format_has_parts(cfg->formats[i]))
			error = write_parts(cfg, ctx, d, r, i);
		else
			error = l2e_dossier_write(&r->docs[i], ctx, d,
			                          cfg->formats[i]);
		if (error == 0 && cfg->as_json_lines &&
		    !l2e_format_has_parts(cfg->formats[i]) &&
		    as_json_line(&r->docs[i], r->key,
		                 l2e_format_name(cfg->formats[i]), NULL) < 0)
			error = L2E_ENOMEM;
		if (error < 0) {
			const l2e_error *e = l2e_ctx_error(ctx);

			r->status = BATCH_ERROR;
			r->error_code = error;
			r->exit_code = EXIT_INTERNAL;
			add_diag(r, L2E_SEVERITY_ERROR,
			         e ? e->message : l2e_strerror(error), NULL, 0,
			         0, NULL);
			return;
		}
	}
}

/* A reader's finding that belongs to no dossier: a note, in order. */
static void reader_finding(const l2e_diag *g, void *payload)
{
	job *j = payload;
	batch_result *r = new_result(j);

	if (!r)
		return;
	r->status = BATCH_NOTE;
	r->input = j->input;
	add_diag(r, g->severity, g->message, g->file, g->line, g->column,
	         g->field);
}

int batch_shard_of(const char *key, int n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	const unsigned char *p = (const unsigned char *)key;

	if (!key || n <= 1)
		return 1;
	for (; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return (int)(h % (unsigned long long)n) + 1;
}

static void run_chunk(const batch_config *cfg, l2e_ctx *ctx, job *j,
                      l2e_chunk *chunk)
{
	l2e_dossier *d = NULL;
	batch_result *r;
	int error;

	for (;;) {
		error = l2e_chunk_next(&d, chunk, ctx);
		if (error < 0) {
			if ((r = new_result(j)))
				error_result(r, ctx, error, j->input);
			break;
		}
		if (!d)
			break;
		/* another shard's: as if it were not in the input */
		if (cfg->shard_n > 1 &&
		    batch_shard_of(l2e_dossier_file_stem(d), cfg->shard_n) !=
		        cfg->shard_k) {
			l2e_dossier_free(d);
			continue;
		}
		if ((r = new_result(j))) {
			r->input = j->input;
			if (l2e_mapping_merges(cfg->map)) {
				r->pending = d; /* joined at the end */
				continue;
			}
			convert_dossier(cfg, ctx, d, r);
		}
		l2e_dossier_free(d);
		if (!r)
			break; /* out of memory: the chunk's rest is lost */
	}
	/* the chunk itself is the main thread's to free (emit_ready) */
}

static void run_job(const batch_config *cfg, l2e_ctx *ctx, job *j)
{
	size_t i;

	l2e_ctx_set_diag_callback(ctx, reader_finding, j);
	for (i = 0; i < j->n_chunks; i++)
		run_chunk(cfg, ctx, j, j->chunks[i]);
	l2e_ctx_set_diag_callback(ctx, NULL, NULL);
}

static void results_free(batch_result *results, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		result_dispose(&results[i]);
	free(results);
}

/* Free the results c made that were emitted; the lock is held. */
static void free_spent(batch *b, converter *c)
{
	spent_results *mine = c->spent;
	size_t i, n = c->n_spent;

	if (!n)
		return;
	c->spent = c->spare;
	c->spare = mine;
	c->n_spent = 0;
	pthread_mutex_unlock(&b->lock);
	for (i = 0; i < n; i++)
		results_free(mine[i].results, mine[i].n_results);
	pthread_mutex_lock(&b->lock);
}

/* Convert the oldest job nobody has taken; the lock is held. */
static void claim_and_run(batch *b, converter *c)
{
	job *j = &b->ring[b->next_claim % b->window];

	b->next_claim++;
	j->maker = c;
	free_spent(b, c);
	pthread_mutex_unlock(&b->lock);
	run_job(&b->cfg, c->ctx, j);
	pthread_mutex_lock(&b->lock);
	j->is_done = 1;
	pthread_cond_broadcast(&b->done);
}

static void *worker(void *arg)
{
	converter *c = arg;
	batch *b = c->b;

	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->next_claim == b->next_seq && !b->is_closing)
			pthread_cond_wait(&b->work, &b->lock);
		if (b->next_claim == b->next_seq && b->is_closing)
			break;
		claim_and_run(b, c);
	}
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* Hand a job's emitted results to the thread that made them to free. */
static void retire(batch *b, job *j)
{
	converter *c = j->maker;

	if (c && c != &b->conv[0] && c->n_spent < (size_t)b->window) {
		c->spent[c->n_spent].results = j->results;
		c->spent[c->n_spent].n_results = j->n_results;
		c->n_spent++;
	} else { /* made here (or, never, no room): free here */
		pthread_mutex_unlock(&b->lock);
		results_free(j->results, j->n_results);
		pthread_mutex_lock(&b->lock);
	}
}

/* Emit finished jobs in order; the lock is held on entry and exit. */
static void emit_ready(batch *b)
{
	size_t i;
	job *j;

	for (;;) {
		if (b->next_emit == b->next_seq)
			return;
		j = &b->ring[b->next_emit % b->window];
		if (!j->is_done)
			return;
		pthread_mutex_unlock(&b->lock);
		/* after batch_stop nothing more is emitted, only freed */
		if (j->error.status == BATCH_ERROR && !b->is_stopped)
			b->cfg.emit(&j->error, b->cfg.payload);
		result_dispose(&j->error);
		for (i = 0; i < j->n_results && !b->is_stopped; i++) {
			batch_result *r = &j->results[i];

			if (r->pending) { /* into the merger, in input order */
				l2e_merger_add(b->merger, r->pending, r->input);
				r->pending = NULL;
				continue;
			}
			b->cfg.emit(r, b->cfg.payload);
		}
		/* split off here, freed here, into this thread's arena */
		for (i = 0; i < j->n_chunks; i++)
			l2e_chunk_free(j->chunks[i]);
		/* all of this input's chunks are done: it can go */
		l2e_input_free(j->to_free);
		pthread_mutex_lock(&b->lock);
		retire(b, j);
		memset(j, 0, sizeof(*j));
		b->next_emit++;
	}
}

/*
 * The main thread converts too: whenever more jobs wait than the
 * workers will take before it is back, and whenever it would otherwise
 * wait for room in the window. So --jobs N keeps N threads converting,
 * never N + 1 on N cores, and --jobs 1 converts each job as it is
 * queued. The lock is held on entry and exit.
 */
static void help_and_emit(batch *b, int until_room)
{
	int is_full, has_unclaimed;

	for (;;) {
		emit_ready(b);
		is_full = b->next_seq - b->next_emit >= b->window;
		has_unclaimed = b->next_claim < b->next_seq;
		if (b->next_seq - b->next_claim > 2L * b->n_threads ||
		    (until_room && is_full && has_unclaimed))
			claim_and_run(b, &b->conv[0]);
		else if (until_room && is_full)
			pthread_cond_wait(&b->done, &b->lock);
		else
			return;
	}
}

/*
 * Queue a job: a chunk, an input-level error, or (to_free) the end of an
 * input. Waits for room in the window, converting and emitting meanwhile.
 */
static void queue(batch *b, l2e_chunk **chunks, size_t n_chunks,
                  const char *input, const batch_result *error,
                  l2e_input *to_free)
{
	job *j;

	pthread_mutex_lock(&b->lock);
	help_and_emit(b, 1);
	j = &b->ring[b->next_seq % b->window];
	memset(j, 0, sizeof(*j));
	if (n_chunks)
		memcpy(j->chunks, chunks, n_chunks * sizeof(*chunks));
	j->n_chunks = n_chunks;
	j->input = input;
	j->to_free = to_free;
	if (error)
		j->error = *error;
	b->next_seq++;
	if (b->n_threads)
		pthread_cond_signal(&b->work);
	help_and_emit(b, 0);
	pthread_mutex_unlock(&b->lock);
}

/*
 * A worker's malloc arena gives memory back to the system whenever
 * 128 KiB lie free at its top, which they do after every job, and takes
 * it back a moment later: 13 000 page faults for 100 000 dossiers at
 * --jobs 2 against 2 300 at --jobs 1. Keeping up to 4 MiB (1 MiB and
 * more as mappings of their own) costs 1.5 MiB of peak memory and
 * leaves 3 300 (glibc only; mallopt is the process's, and the CLI is).
 */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

int batch_start(batch **out, const batch_config *config)
{
	batch *b = calloc(1, sizeof(*b));
	/* the main thread is one of the jobs (see help_and_emit) */
	int i, n_conv = config->jobs > 1 ? config->jobs : 1;

	*out = NULL;
	if (!b)
		return -1;
	b->cfg = *config;
	if (n_conv > 1)
		keep_freed_memory();
	b->window = (long)n_conv * WINDOW_PER_JOB;
	b->ring = calloc((size_t)b->window, sizeof(*b->ring));
	b->conv = calloc((size_t)n_conv, sizeof(*b->conv));
	if (!b->ring || !b->conv) {
		free(b->ring);
		free(b->conv);
		free(b);
		return -1;
	}
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->work, NULL);
	pthread_cond_init(&b->done, NULL);
	for (i = 0; i < n_conv; i++) {
		converter *c = &b->conv[i];

		c->b = b;
		b->n_conv = i + 1;
		c->spent = calloc((size_t)b->window, sizeof(*c->spent));
		c->spare = calloc((size_t)b->window, sizeof(*c->spare));
		if (!c->spent || !c->spare ||
		    l2e_ctx_new(&c->ctx, b->cfg.opts) < 0) {
			batch_finish(b);
			return -1;
		}
	}
	if (l2e_mapping_merges(config->map) &&
	    l2e_merger_new(&b->merger, b->conv[0].ctx, config->map) < 0) {
		batch_finish(b);
		return -1;
	}
	/* fewer workers than asked only makes it slower, never wrong */
	while (b->n_threads < n_conv - 1 &&
	       pthread_create(&b->conv[b->n_threads + 1].thread, NULL, worker,
	                      &b->conv[b->n_threads + 1]) == 0)
		b->n_threads++;
	*out = b;
	return 0;
}

/* Called from emit, on the main thread: the only one that reads it. */
void batch_stop(batch *b)
{
	b->is_stopped = 1;
}

/* How an input is named in messages: a URL without its secrets. */
static char *input_name(const char *path)
{
	l2e_buf url = L2E_BUF_INIT;
	char *name;

	if (!strcmp(path, "-"))
		return strdup("<stdin>");
	if (!l2e_is_url(path))
		return strdup(path);
	name = l2e_url_redacted(&url, path) == 0 ? strdup(url.ptr) : NULL;
	l2e_buf_dispose(&url);
	return name;
}

void batch_add_input(batch *b, l2e_ctx *ctx, const char *path)
{
	l2e_input *in = NULL;
	l2e_chunk *group[GROUP_CHUNKS], *chunk = NULL;
	size_t n_group = 0, group_bytes = 0;
	batch_result err;
	char **grown;
	const char *name;
	int error;

	if (b->is_stopped)
		return;
	grown = realloc(b->inputs, (b->n_inputs + 1) * sizeof(*grown));
	if (!grown)
		return;
	b->inputs = grown;
	name = b->inputs[b->n_inputs] = input_name(path);
	if (!name)
		return;
	b->n_inputs++;
	if (l2e_is_url(path) && b->cfg.net)
		error =
		    l2e_input_open_url(&in, ctx, b->cfg.map, b->cfg.net, path);
	else
		error = l2e_input_open(&in, ctx, b->cfg.map, path);
	if (error < 0) {
		error_result(&err, ctx, error, name);
		queue(b, NULL, 0, name, &err, NULL);
		return;
	}
	while (!b->is_stopped) {
		if ((error = l2e_input_next_chunk(&chunk, in)) < 0) {
			if (n_group)
				queue(b, group, n_group, name, NULL, NULL);
			n_group = 0;
			error_result(&err, ctx, error, name);
			queue(b, NULL, 0, name, &err, NULL);
			break;
		}
		if (!chunk)
			break;
		group[n_group++] = chunk;
		group_bytes += l2e_chunk_size(chunk);
		if (n_group == GROUP_CHUNKS || group_bytes >= GROUP_BYTES) {
			queue(b, group, n_group, name, NULL, NULL);
			n_group = 0;
			group_bytes = 0;
		}
	}
	if (n_group)
		queue(b, group, n_group, name, NULL, NULL);
	/* freed when emitted, after every chunk of it is done */
	queue(b, NULL, 0, name, NULL, in);
}

/*
 * Merging: every record is in, the workers are gone; join key by key
 * and write here, on the main thread (the documents are written once
 * the joined dossier exists, which is only now).
 */
static void emit_merged(batch *b)
{
	l2e_ctx *ctx = b->conv[0].ctx;
	batch_result r;
	l2e_dossier *d;
	const void *tag;
	int error;

	if (!b->merger)
		return;
	while (!b->is_stopped) {
		error = l2e_merger_next(&d, &tag, b->merger);
		memset(&r, 0, sizeof(r));
		if (error < 0) {
			error_result(&r, ctx, error,
			             b->n_inputs ? b->inputs[0] : "");
			b->cfg.emit(&r, b->cfg.payload);
			result_dispose(&r);
			break;
		}
		if (!d)
			break;
		r.input = tag;
		convert_dossier(&b->cfg, ctx, d, &r);
		l2e_dossier_free(d);
		b->cfg.emit(&r, b->cfg.payload);
		result_dispose(&r);
	}
	l2e_merger_free(b->merger);
	b->merger = NULL;
}

void batch_finish(batch *b)
{
	int i;
	size_t k;

	if (!b)
		return;
	pthread_mutex_lock(&b->lock);
	while (b->next_emit < b->next_seq) {
		emit_ready(b);
		if (b->next_claim < b->next_seq)
			claim_and_run(b, &b->conv[0]);
		else if (b->next_emit < b->next_seq)
			pthread_cond_wait(&b->done, &b->lock);
	}
	b->is_closing = 1;
	pthread_cond_broadcast(&b->work);
	pthread_mutex_unlock(&b->lock);
	for (i = 0; i < b->n_threads; i++)
		pthread_join(b->conv[i + 1].thread, NULL);
	emit_merged(b);
	for (i = 0; i < b->n_conv; i++) {
		converter *c = &b->conv[i];

		for (k = 0; k < c->n_spent; k++)
			results_free(c->spent[k].results,
			             c->spent[k].n_results);
		free(c->spent);
		free(c->spare);
		l2e_ctx_free(c->ctx);
	}
	pthread_cond_destroy(&b->work);
	pthread_cond_destroy(&b->done);
	pthread_mutex_destroy(&b->lock);
	for (k = 0; k < b->n_inputs; k++)
		free(b->inputs[k]);
	free(b->inputs);
	free(b->ring);
	free(b->conv);
	free(b);
}
