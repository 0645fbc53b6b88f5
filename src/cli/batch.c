/*
 * batch.c - the parallel conversion pipeline (see batch.h).
 */
#include "batch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WINDOW_PER_JOB 16
/* Small documents (JSON Lines) travel in groups: fewer hand-overs. */
#define GROUP_CHUNKS 64
#define GROUP_BYTES  (256 * 1024)

typedef struct job {
	long seq;
	int is_claimed;
	int is_done;
	l2e_chunk *chunks[GROUP_CHUNKS]; /* none for an input-level error */
	size_t n_chunks;
	l2e_input *to_free; /* its input's last job: free it once emitted */
	const char *input;
	batch_result error;    /* input-level error, made by the main thread */
	batch_result *results; /* made by a worker */
	size_t n_results;
	size_t cap_results;
} job;

struct batch {
	batch_config cfg;
	pthread_mutex_t lock;
	pthread_cond_t work; /* a job was queued, or stopping */
	pthread_cond_t done; /* a job was finished */
	pthread_t *threads;
	int n_threads;
	job *ring; /* slot = seq % window */
	long window;
	long next_seq;   /* to queue */
	long next_claim; /* to give to a worker */
	long next_emit;  /* to emit */
	int is_closing;  /* no more jobs will come */
	int is_stopped;  /* batch_stop: queue nothing more */
	char **inputs;   /* names, alive until the end */
	size_t n_inputs;
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
	for (i = 0; i < BATCH_MAX_FORMATS; i++)
		l2e_buf_dispose(&r->docs[i]);
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

/* The letter of c's two-character JSON escape, or 0 (as in cJSON). */
static char json_short_escape(unsigned char c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '\b': return 'b';
	case '\f': return 'f';
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	default: return 0;
	}
}

/* The length of `s` as a JSON string body, escaped as cJSON does. */
static size_t json_escaped_len(const unsigned char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += json_short_escape(*s) ? 2 : *s < 32 ? 6 : 1;
	return n;
}

/* Append `s` as a JSON string, quotes included, escaped as cJSON does:
 * the two-letter escapes, \u00xx for other controls, the rest as is. */
static char *json_put_string(char *o, const unsigned char *s)
{
	static const char hex[] = "0123456789abcdef";
	char e;

	*o++ = '"';
	for (; *s; s++) {
		e = json_short_escape(*s);
		if (e) {
			*o++ = '\\';
			*o++ = e;
		} else if (*s < 32) {
			memcpy(o, "\\u00", 4);
			o[4] = hex[*s >> 4];
			o[5] = hex[*s & 15];
			o += 6;
		} else {
			*o++ = (char)*s;
		}
	}
	*o++ = '"';
	return o;
}

/*
 * Replace a document by its JSON line (--out -), built here, on a
 * worker, where the escaping costs nothing to the others. Written
 * directly, byte for byte what cJSON_PrintUnformatted gave: through a
 * cJSON tree the document was copied three times and scanned twice,
 * 13% of a JSON Lines run.
 */
static int as_json_line(l2e_buf *doc, const char *key, const char *format)
{
	static const char k_key[] = "{\"key\":", k_format[] = ",\"format\":",
	                  k_doc[] = ",\"document\":";
	const unsigned char *text =
	    (const unsigned char *)(doc->ptr ? doc->ptr : "");
	size_t len;
	char *line, *o;

	len = sizeof(k_key) - 1 + sizeof(k_format) - 1 + sizeof(k_doc) - 1 +
	      (key ? json_escaped_len((const unsigned char *)key) + 2 : 4) +
	      json_escaped_len((const unsigned char *)format) + 2 +
	      json_escaped_len(text) + 2 + 2; /* "}\n" */
	line = malloc(len + 1);
	if (!line)
		return -1;
	o = line;
	memcpy(o, k_key, sizeof(k_key) - 1);
	o += sizeof(k_key) - 1;
	if (key) {
		o = json_put_string(o, (const unsigned char *)key);
	} else {
		memcpy(o, "null", 4);
		o += 4;
	}
	memcpy(o, k_format, sizeof(k_format) - 1);
	o += sizeof(k_format) - 1;
	o = json_put_string(o, (const unsigned char *)format);
	memcpy(o, k_doc, sizeof(k_doc) - 1);
	o += sizeof(k_doc) - 1;
	o = json_put_string(o, text);
	*o++ = '}';
	*o++ = '\n';
	*o = '\0';
	l2e_buf_dispose(doc);
	doc->ptr = line;
	doc->len = len;
	doc->cap = len + 1;
	return 0;
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
		error = l2e_dossier_write(&r->docs[i], ctx, d, cfg->formats[i]);
		if (error == 0 && cfg->as_json_lines &&
		    as_json_line(&r->docs[i], r->key,
		                 l2e_format_name(cfg->formats[i])) < 0)
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
		if ((r = new_result(j))) {
			r->input = j->input;
			convert_dossier(cfg, ctx, d, r);
		}
		l2e_dossier_free(d);
		if (!r)
			break; /* out of memory: the chunk's rest is lost */
	}
	l2e_chunk_free(chunk);
}

static void run_job(const batch_config *cfg, l2e_ctx *ctx, job *j)
{
	size_t i;

	l2e_ctx_set_diag_callback(ctx, reader_finding, j);
	for (i = 0; i < j->n_chunks; i++) {
		run_chunk(cfg, ctx, j, j->chunks[i]);
		j->chunks[i] = NULL;
	}
	l2e_ctx_set_diag_callback(ctx, NULL, NULL);
}

static void *worker(void *arg)
{
	batch *b = arg;
	l2e_ctx *ctx = NULL;
	job *j;

	l2e_ctx_new(&ctx, b->cfg.opts);
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->next_claim == b->next_seq && !b->is_closing)
			pthread_cond_wait(&b->work, &b->lock);
		if (b->next_claim == b->next_seq && b->is_closing)
			break;
		j = &b->ring[b->next_claim % b->window];
		b->next_claim++;
		j->is_claimed = 1;
		pthread_mutex_unlock(&b->lock);
		if (ctx)
			run_job(&b->cfg, ctx, j);
		pthread_mutex_lock(&b->lock);
		j->is_done = 1;
		pthread_cond_broadcast(&b->done);
	}
	pthread_mutex_unlock(&b->lock);
	l2e_ctx_free(ctx);
	return NULL;
}

/* Emit finished jobs in order; the lock is held on entry and exit. */
static void emit_ready(batch *b)
{
	job *j;
	size_t i;

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
		for (i = 0; i < j->n_results; i++) {
			if (!b->is_stopped)
				b->cfg.emit(&j->results[i], b->cfg.payload);
			result_dispose(&j->results[i]);
		}
		free(j->results);
		/* all of this input's chunks are done: it can go */
		l2e_input_free(j->to_free);
		pthread_mutex_lock(&b->lock);
		memset(j, 0, sizeof(*j));
		b->next_emit++;
	}
}

/*
 * Queue a job: a chunk, an input-level error, or (to_free) the end of an
 * input. Waits for room in the window, emitting meanwhile.
 */
static void queue(batch *b, l2e_chunk **chunks, size_t n_chunks,
                  const char *input, const batch_result *error,
                  l2e_input *to_free)
{
	job *j;

	pthread_mutex_lock(&b->lock);
	emit_ready(b);
	while (b->next_seq - b->next_emit >= b->window) {
		pthread_cond_wait(&b->done, &b->lock);
		emit_ready(b);
	}
	j = &b->ring[b->next_seq % b->window];
	memset(j, 0, sizeof(*j));
	j->seq = b->next_seq;
	if (n_chunks)
		memcpy(j->chunks, chunks, n_chunks * sizeof(*chunks));
	j->n_chunks = n_chunks;
	j->input = input;
	j->to_free = to_free;
	if (error)
		j->error = *error;
	b->next_seq++;
	pthread_cond_signal(&b->work);
	emit_ready(b);
	pthread_mutex_unlock(&b->lock);
}

int batch_start(batch **out, const batch_config *config)
{
	batch *b = calloc(1, sizeof(*b));
	int i;

	*out = NULL;
	if (!b)
		return -1;
	b->cfg = *config;
	b->n_threads = config->jobs > 0 ? config->jobs : 1;
	b->window = (long)b->n_threads * WINDOW_PER_JOB;
	b->ring = calloc((size_t)b->window, sizeof(*b->ring));
	b->threads = calloc((size_t)b->n_threads, sizeof(*b->threads));
	if (!b->ring || !b->threads) {
		free(b->ring);
		free(b->threads);
		free(b);
		return -1;
	}
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->work, NULL);
	pthread_cond_init(&b->done, NULL);
	for (i = 0; i < b->n_threads; i++)
		if (pthread_create(&b->threads[i], NULL, worker, b) != 0)
			break;
	b->n_threads = i;
	if (i == 0) {
		batch_finish(b);
		return -1;
	}
	*out = b;
	return 0;
}

/* Called from emit, on the main thread: the only one that reads it. */
void batch_stop(batch *b)
{
	b->is_stopped = 1;
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
	name = b->inputs[b->n_inputs] =
	    strdup(strcmp(path, "-") ? path : "<stdin>");
	if (!name)
		return;
	b->n_inputs++;
	if ((error = l2e_input_open(&in, ctx, b->cfg.map, path)) < 0) {
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

void batch_finish(batch *b)
{
	int i;
	size_t k;

	if (!b)
		return;
	pthread_mutex_lock(&b->lock);
	while (b->next_emit < b->next_seq) {
		emit_ready(b);
		if (b->next_emit < b->next_seq)
			pthread_cond_wait(&b->done, &b->lock);
	}
	b->is_closing = 1;
	pthread_cond_broadcast(&b->work);
	pthread_mutex_unlock(&b->lock);
	for (i = 0; i < b->n_threads; i++)
		pthread_join(b->threads[i], NULL);
	pthread_cond_destroy(&b->work);
	pthread_cond_destroy(&b->done);
	pthread_mutex_destroy(&b->lock);
	for (k = 0; k < b->n_inputs; k++)
		free(b->inputs[k]);
	free(b->inputs);
	free(b->ring);
	free(b->threads);
	free(b);
}
