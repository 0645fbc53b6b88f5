/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * manifest.c - SHA256SUMS and its signature (see manifest.h): sorted
 * runs on disk, merged when the file is written.
 */
/* qsort_r */
#define _GNU_SOURCE
#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "util/atomic_file.h"

/* "HASH  " before the name: 64 hex digits and two spaces, as sha256sum
 * writes in text mode */
#define NAME_AT (L2E_SHA256_HEX_SIZE - 1 + 2)
/* a record is read back whole: names are file names, far shorter */
#define MAX_NAME 4000
#define RUN_BUF  (8u * 1024)
#define OUT_BUF  (64u * 1024)

static void drop_names(manifest *m);

static int by_name_r(const void *a, const void *b, void *chunk)
{
	return strcmp((const char *)chunk + *(const uint32_t *)a + NAME_AT,
	              (const char *)chunk + *(const uint32_t *)b + NAME_AT);
}

/* The block sorted, out to the temporary file as one run. */
static int spill(manifest *m)
{
	size_t i;

	if (m->n_runs == m->cap_runs) {
		size_t cap = m->cap_runs ? m->cap_runs * 2 : 16;
		off_t *grown = realloc(m->run_ends, cap * sizeof(*grown));

		if (!grown)
			return -1;
		m->run_ends = grown;
		m->cap_runs = cap;
	}
	qsort_r(m->at, m->n, sizeof(*m->at), by_name_r, m->chunk);
	for (i = 0; i < m->n; i++) {
		const char *rec = m->chunk + m->at[i];

		if (spool_append(&m->runs, rec,
		                 NAME_AT + strlen(rec + NAME_AT) + 1, NULL) < 0)
			return -1;
	}
	m->run_ends[m->n_runs++] = m->runs.size;
	m->n = 0;
	m->chunk_len = 0;
	return 0;
}

int manifest_add(manifest *m, const char *name, const char *sha256)
{
	size_t name_len = strlen(name), size = NAME_AT + name_len + 1;

	if (name_len > MAX_NAME)
		return -1;
	drop_names(m);
	if (m->chunk_len + size > MANIFEST_CHUNK_BYTES && m->n &&
	    !m->cannot_spill) {
		off_t run_start = m->runs.size;

		/* a full block goes to disk; should the disk fail, the
		 * records stay in memory: more memory, the same file */
		if (spill(m) < 0) {
			m->cannot_spill = 1;
			spool_truncate(&m->runs, run_start);
		}
	}
	if (m->chunk_len + size > m->chunk_cap) {
		size_t cap = m->chunk_cap ? m->chunk_cap * 2 : 16 * 1024;
		char *grown;

		while (cap < m->chunk_len + size)
			cap *= 2;
		if (cap > UINT32_MAX || !(grown = realloc(m->chunk, cap)))
			return -1;
		m->chunk = grown;
		m->chunk_cap = cap;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		uint32_t *grown = realloc(m->at, cap * sizeof(*grown));

		if (!grown)
			return -1;
		m->at = grown;
		m->cap = cap;
	}
	m->at[m->n++] = (uint32_t)m->chunk_len;
	memcpy(m->chunk + m->chunk_len, sha256, NAME_AT - 2);
	memcpy(m->chunk + m->chunk_len + NAME_AT - 2, "  ", 2);
	memcpy(m->chunk + m->chunk_len + NAME_AT, name, name_len + 1);
	m->chunk_len += size;
	return 0;
}

void manifest_forget(manifest *m, const char *name)
{
	char *copy;

	drop_names(m);
	if (m->n_forgotten == m->cap_forgotten) {
		size_t cap = m->cap_forgotten ? m->cap_forgotten * 2 : 16;
		char **grown = realloc(m->forgotten, cap * sizeof(*grown));

		if (!grown)
			return;
		m->forgotten = grown;
		m->cap_forgotten = cap;
	}
	if ((copy = strdup(name)))
		m->forgotten[m->n_forgotten++] = copy;
}

/* ---- the merge ---- */

/* Where the next record comes from: a run on disk, or the block. */
typedef struct source {
	const char *rec; /* the current record; NULL: done */
	/* a run */
	off_t pos, end;
	char *buf;
	size_t have, used;
	/* the block, sorted */
	const uint32_t *at;
	size_t left;
} source;

typedef struct out_buf {
	char *ptr;
	size_t len;
	manifest_out_fn fn;
	void *payload;
	int is_failed;
} out_buf;

static int next(manifest *m, source *s)
{
	size_t want;
	char *nul;
	ssize_t n;

	if (!s->buf) {
		s->rec = s->left ? m->chunk + *s->at : NULL;
		if (s->left) {
			s->at++;
			s->left--;
		}
		return 0;
	}
	for (;;) {
		nul = memchr(s->buf + s->used, '\0', s->have - s->used);
		if (nul) {
			s->rec = s->buf + s->used;
			s->used = (size_t)(nul - s->buf) + 1;
			return 0;
		}
		if (s->pos >= s->end) {
			s->rec = NULL;
			return s->have == s->used ? 0 : -1;
		}
		memmove(s->buf, s->buf + s->used, s->have - s->used);
		s->have -= s->used;
		s->used = 0;
		want = RUN_BUF - s->have;
		if ((off_t)want > s->end - s->pos)
			want = (size_t)(s->end - s->pos);
		if (!want || (n = spool_read(&m->runs, s->pos, s->buf + s->have,
		                             want)) <= 0)
			return -1;
		s->pos += n;
		s->have += (size_t)n;
	}
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void put_line(out_buf *o, const char *rec)
{
	size_t len = NAME_AT + strlen(rec + NAME_AT);

	if (o->is_failed)
		return;
	if (o->len + len + 1 > OUT_BUF) {
		if (o->fn(o->payload, o->ptr, o->len) < 0) {
			o->is_failed = 1;
			return;
		}
		o->len = 0;
	}
	memcpy(o->ptr + o->len, rec, len);
	o->ptr[o->len + len] = '\n';
	o->len += len + 1;
}

/* The source with the smallest name first: a binary heap. */
static void sift_down(source **h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, min = i;
		source *t;

		if (l < n &&
		    strcmp(h[l]->rec + NAME_AT, h[min]->rec + NAME_AT) < 0)
			min = l;
		if (r < n &&
		    strcmp(h[r]->rec + NAME_AT, h[min]->rec + NAME_AT) < 0)
			min = r;
		if (min == i)
			return;
		t = h[i];
		h[i] = h[min];
		h[min] = t;
		i = min;
	}
}

static int merge(manifest *m, source *src, size_t n_src, out_buf *o)
{
	source **heap = malloc(n_src * sizeof(*heap));
	size_t n = 0, i;

	if (!heap)
		return -1;
	for (i = 0; i < n_src; i++) {
		if (next(m, &src[i]) < 0)
			goto fail;
		if (src[i].rec)
			heap[n++] = &src[i];
	}
	for (i = n / 2; i-- > 0;)
		sift_down(heap, n, i);
	while (n) {
		source *s = heap[0];
		const char *name = s->rec + NAME_AT;

		if (!m->n_forgotten ||
		    !bsearch(&name, m->forgotten, m->n_forgotten,
		             sizeof(*m->forgotten), by_str))
			put_line(o, s->rec);
		if (next(m, s) < 0)
			goto fail;
		if (!s->rec)
			heap[0] = heap[--n];
		sift_down(heap, n, 0);
	}
	free(heap);
	return 0;
fail:
	free(heap);
	return -1;
}

int manifest_emit(manifest *m, manifest_out_fn fn, void *payload)
{
	out_buf o = { NULL, 0, fn, payload, 0 };
	size_t n_src = m->n_runs + 1, i;
	source *src = calloc(n_src, sizeof(*src));
	int rc = -1;

	if (!src || !(o.ptr = malloc(OUT_BUF)))
		goto done;
	if (m->n_forgotten)
		qsort(m->forgotten, m->n_forgotten, sizeof(*m->forgotten),
		      by_str);
	if (m->n)
		qsort_r(m->at, m->n, sizeof(*m->at), by_name_r, m->chunk);
	if (m->n_runs && spool_flush(&m->runs) < 0)
		goto done;
	for (i = 0; i < m->n_runs; i++) {
		src[i].pos = i ? m->run_ends[i - 1] : 0;
		src[i].end = m->run_ends[i];
		if (!(src[i].buf = malloc(RUN_BUF)))
			goto done;
	}
	src[m->n_runs].at = m->at;
	src[m->n_runs].left = m->n;
	if (merge(m, src, n_src, &o) < 0 || o.is_failed ||
	    (o.len && fn(payload, o.ptr, o.len) < 0))
		goto done;
	rc = 0;
done:
	for (i = 0; src && i < n_src; i++)
		free(src[i].buf);
	free(src);
	free(o.ptr);
	return rc;
}

/* ---- SHA256SUMS as one block, and on disk ---- */

typedef struct text_buf {
	char *ptr;
	size_t len, cap;
} text_buf;

static int to_buf(void *payload, const char *text, size_t len)
{
	text_buf *b = payload;

	if (b->cap - b->len < len + 1) {
		size_t cap = b->cap ? b->cap : OUT_BUF;
		char *grown;

		while (cap - b->len < len + 1)
			cap *= 2;
		if (!(grown = realloc(b->ptr, cap)))
			return -1;
		b->ptr = grown;
		b->cap = cap;
	}
	memcpy(b->ptr + b->len, text, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

char *manifest_text(manifest *m, size_t *len_out)
{
	text_buf b = { NULL, 0, 0 };

	if (manifest_emit(m, to_buf, &b) < 0 || to_buf(&b, "", 0) < 0) {
		free(b.ptr);
		return NULL;
	}
	*len_out = b.len;
	return b.ptr;
}

static int to_fd(void *payload, const char *text, size_t len)
{
	int fd = *(int *)payload;

	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Without a signature: straight from the runs to the file. */
static int write_streamed(manifest *m, const char *dir, char *why)
{
	char path[L2E_ATOMIC_PATH_MAX];
	l2e__atomic_file a;
	int e;

	if (snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME) >=
	    (int)sizeof(path)) {
		snprintf(why, 256, "path too long");
		return -1;
	}
	if (l2e__atomic_begin(&a, path) < 0) {
		snprintf(why, 256, "cannot create a file in %.200s: %s", dir,
		         strerror(errno));
		return -1;
	}
	errno = 0;
	if (manifest_emit(m, to_fd, &a.fd) < 0) {
		e = errno ? errno : ENOMEM;
		l2e__atomic_abort(&a);
		snprintf(why, 256, "%.200s: %s", path, strerror(e));
		return -1;
	}
	/* documents are for sharing: 0644, whatever the umask */
	if (l2e__atomic_commit(&a, 0644) < 0) {
		snprintf(why, 256, "%.200s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int manifest_write(manifest *m, const char *dir, l2e_signer *signer,
                   l2e_ctx *ctx, char *why)
{
	l2e_buf sig = L2E_BUF_INIT;
	char *text = NULL, path[4096];
	size_t len = 0;
	int rc = -1;

	if (!signer) {
		if (write_streamed(m, dir, why) < 0)
			return -1;
		/* an old signature would not match the new list */
		snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_SIG_NAME);
		unlink(path);
		return 0;
	}
	/* the signature is over the whole text: it is made in memory */
	if (!(text = manifest_text(m, &len))) {
		snprintf(why, 256, "out of memory");
		return -1;
	}
	if (output_write_atomic(dir, MANIFEST_NAME, text, len, why) < 0)
		goto done;
	if (l2e_signer_sign(signer, ctx, text, len, &sig) < 0) {
		snprintf(why, 256, "cannot sign %s: %s", MANIFEST_NAME,
		         l2e_ctx_error(ctx)->message);
		goto done;
	}
	if (output_write_atomic(dir, MANIFEST_SIG_NAME, sig.ptr, sig.len, why) <
	    0)
		goto done;
	rc = 0;
done:
	free(text);
	l2e_buf_dispose(&sig);
	return rc;
}

void manifest_dispose(manifest *m)
{
	size_t i;

	for (i = 0; i < m->n_forgotten; i++)
		free(m->forgotten[i]);
	free(m->forgotten);
	free(m->chunk);
	free(m->at);
	free(m->run_ends);
	spool_dispose(&m->runs);
	drop_names(m);
	memset(m, 0, sizeof(*m));
}

/* The names, read back into memory once (for --prune alone: it keeps
 * the last run's names in memory too); a later add or forget drops
 * them. The manifest is const to the caller, not to this cache. */
static int cache_names(manifest *m)
{
	text_buf b = { NULL, 0, 0 };
	size_t n = 0, i;
	char *p, *end;

	if (m->names)
		return 0;
	if (manifest_emit(m, to_buf, &b) < 0)
		goto fail;
	for (i = 0; i < b.len; i++)
		n += b.ptr[i] == '\n';
	if (!(m->names = malloc((n + 1) * sizeof(*m->names))))
		goto fail;
	m->n_names = 0;
	for (p = b.ptr, end = b.ptr + b.len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl) /* every line ends so: never */
			break;
		*nl = '\0';
		m->names[m->n_names++] = p + NAME_AT;
		p = nl + 1;
	}
	m->names_text = b.ptr;
	return 0;
fail:
	free(b.ptr);
	return -1;
}

static void drop_names(manifest *m)
{
	free(m->names);
	free(m->names_text);
	m->names = NULL;
	m->names_text = NULL;
	m->n_names = 0;
}

size_t manifest_count(const manifest *m)
{
	return cache_names((manifest *)m) < 0 ? 0 : m->n_names;
}

const char *manifest_name(const manifest *m, size_t i)
{
	return cache_names((manifest *)m) < 0 || i >= m->n_names ? ""
	                                                         : m->names[i];
}

int manifest_read_names(const char *dir,
                        int (*fn)(const char *name, void *payload),
                        void *payload)
{
	char path[4096], line[1024];
	size_t len;
	FILE *f;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME);
	if (!(f = fopen(path, "r")))
		return 0; /* a first run, or none kept */
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		len = strlen(line);
		if (len && line[len - 1] != '\n' && !feof(f)) {
			int c; /* longer than any name of ours: skip it */

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len > 66 && strspn(line, "0123456789abcdef") == 64 &&
		    line[64] == ' ' && line[65] == ' ')
			rc = fn(line + 66, payload);
	}
	fclose(f);
	return rc;
}
