/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dossier.c - accessors of l2e_dossier and document writing.
 */
#include "dossier.h"

#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "write/writer.h"

l2e_dossier *l2e__dossier_new(const char *file, long long document_time)
{
	l2e_dossier *d = l2e__calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->profile.pool = &d->pool;
	d->diags.pool = &d->pool;
	/* findings outlive the input they came from */
	d->diags.file = l2e__pool_strdup(&d->pool, file);
	if (!d->diags.file) {
		l2e__free(d);
		return NULL;
	}
	d->document_time = document_time;
	return d;
}

void l2e__file_stem(char stem[L2E__STEM_MAX + 1], const char *key)
{
	size_t i, n = 0;
	char c;

	for (i = 0; key[i] && n < L2E__STEM_MAX; i++) {
		c = key[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && n > 0))
			stem[n++] = c;
		else
			stem[n++] = '_';
	}
	stem[n] = '\0';
	if (n == 0)
		memcpy(stem, "_", 2);
}

void l2e_dossier_free(l2e_dossier *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n_parts; i++)
		l2e_dossier_free(d->parts[i]);
	l2e__free(d->parts);
	l2e__diags_dispose(&d->diags);
	l2e__pool_clear(&d->pool);
	l2e__free(d);
}

const char *l2e_dossier_fingerprint(const l2e_dossier *d)
{
	return d && d->fingerprint[0] ? d->fingerprint : NULL;
}

const char *l2e_dossier_key(const l2e_dossier *d)
{
	return d ? d->key : NULL;
}

const char *l2e_dossier_file_stem(const l2e_dossier *d)
{
	return d && d->key ? d->stem : NULL;
}

l2e_dossier_status l2e_dossier_status_get(const l2e_dossier *d)
{
	return d ? d->status : L2E_DOSSIER_REJECTED;
}

size_t l2e_dossier_diag_count(const l2e_dossier *d)
{
	return d ? d->diags.n_items : 0;
}

const l2e_diag *l2e_dossier_diag(const l2e_dossier *d, size_t i)
{
	return d && i < d->diags.n_items ? &d->diags.items[i] : NULL;
}

/* the writer, after the checks every write makes */
static int writer_for(const l2e__writer **out, l2e_ctx *ctx,
                      const l2e_dossier *d, l2e_format fmt)
{
	if (!(*out = l2e__writer_find(fmt)))
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED,
		                      L2E_ERRCLASS_WRITE,
		                      "unknown output format %d", (int)fmt);
	if (d->status != L2E_DOSSIER_OK)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_WRITE,
		                      "dossier %s was not converted", d->stem);
	return 0;
}

static int write_part(l2e_buf *out, l2e_ctx *ctx, const l2e_dossier *d,
                      const l2e__writer *w, size_t part)
{
	static const char name[] = "lob2europass ";
	const char *version = l2e_version();
	size_t n = strlen(version);
	l2e__write_info info;
	char generator[64];

	/* "lob2europass VERSION", as snprintf would write it, which cost as
	 * much as the rest of a short part's set-up */
	if (n > sizeof(generator) - sizeof(name))
		n = sizeof(generator) - sizeof(name);
	memcpy(generator, name, sizeof(name) - 1);
	memcpy(generator + sizeof(name) - 1, version, n);
	generator[sizeof(name) - 1 + n] = '\0';
	info.generator = generator;
	info.document_time = d->document_time;
	info.part = part;
	return w->write(out, ctx, &d->profile, &info);
}

int l2e_dossier_write(l2e_buf *out, l2e_ctx *ctx, const l2e_dossier *d,
                      l2e_format fmt)
{
	const l2e__writer *w;
	size_t i, n;
	int error;

	L2E_ASSERT_ARG(out && ctx && d);
	l2e__error_clear(ctx);
	if ((error = writer_for(&w, ctx, d, fmt)) < 0)
		return error;
	if (!w->parts)
		return write_part(out, ctx, d, w, 0);
	n = w->parts(&d->profile, 0, NULL, 0);
	for (i = 0, error = 0; i < n && !error; i++)
		error = write_part(out, ctx, d, w, i);
	return error;
}

size_t l2e_dossier_document_count(const l2e_dossier *d, l2e_format fmt)
{
	const l2e__writer *w = l2e__writer_find(fmt);

	if (!d || !w || d->status != L2E_DOSSIER_OK)
		return 0;
	return w->parts ? w->parts(&d->profile, 0, NULL, 0) : 1;
}

int l2e_dossier_write_document(l2e_buf *out, l2e_buf *name, l2e_ctx *ctx,
                               const l2e_dossier *d, l2e_format fmt, size_t i)
{
	const l2e__writer *w;
	char part[48] = "";
	int error;

	L2E_ASSERT_ARG(out && name && ctx && d);
	l2e__error_clear(ctx);
	if ((error = writer_for(&w, ctx, d, fmt)) < 0)
		return error;
	if (i >= (w->parts ? w->parts(&d->profile, i, part, sizeof(part)) : 1))
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_WRITE,
		                      "dossier %s has no document %zu in %s",
		                      d->stem, i + 1, w->name);
	if ((error = l2e__buf_puts(name, part)) < 0)
		return l2e__error_set(ctx, error, L2E_ERRCLASS_WRITE,
		                      "out of memory naming a document");
	return write_part(out, ctx, d, w, i);
}
