/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dossier.c - accessors of l2e_dossier and document writing.
 */
#include "dossier.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
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
	return d ? d->fingerprint : NULL;
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

int l2e_dossier_write(l2e_buf *out, l2e_ctx *ctx, const l2e_dossier *d,
                      l2e_format fmt)
{
	const l2e__writer *w;
	l2e__write_info info;
	char generator[64];

	L2E_ASSERT_ARG(out && ctx && d);
	l2e__error_clear(ctx);
	if (!(w = l2e__writer_find(fmt)))
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED,
		                      L2E_ERRCLASS_WRITE,
		                      "unknown output format %d", (int)fmt);
	if (d->status != L2E_DOSSIER_OK)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_WRITE,
		                      "dossier %s was not converted", d->stem);
	snprintf(generator, sizeof(generator), "lob2europass %s",
	         l2e_version());
	info.generator = generator;
	info.document_time = d->document_time;
	return w->write(out, ctx, &d->profile, &info);
}
