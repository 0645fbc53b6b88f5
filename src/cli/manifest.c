/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * manifest.c - SHA256SUMS and its signature (see manifest.h).
 */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

int manifest_add(manifest *m, const char *name, const char *sha256)
{
	manifest_entry *grown;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;

		if (!(grown = realloc(m->entries, cap * sizeof(*grown))))
			return -1;
		m->entries = grown;
		m->cap = cap;
	}
	if (!(m->entries[m->n].name = strdup(name)))
		return -1;
	memcpy(m->entries[m->n].sha256, sha256, L2E_SHA256_HEX_SIZE);
	m->n++;
	return 0;
}

/* From the end: a document fails soon after it is noted. */
void manifest_forget(manifest *m, const char *name)
{
	size_t i;

	for (i = m->n; i-- > 0;)
		if (!strcmp(m->entries[i].name, name)) {
			free(m->entries[i].name);
			m->entries[i] = m->entries[--m->n];
			return;
		}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const manifest_entry *)a)->name,
	              ((const manifest_entry *)b)->name);
}

char *manifest_text(manifest *m, size_t *len_out)
{
	char *text;
	size_t i, len = 0, size = 0, line = 64 + 2 + 1;

	if (m->n)
		qsort(m->entries, m->n, sizeof(*m->entries), by_name);
	for (i = 0; i < m->n; i++)
		size += line + strlen(m->entries[i].name);
	if (!(text = malloc(size + 1)))
		return NULL;
	text[0] = '\0';
	/* "HASH  NAME": two spaces, as sha256sum writes in text mode */
	for (i = 0; i < m->n; i++)
		len +=
		    (size_t)snprintf(text + len, size + 1 - len, "%s  %s\n",
		                     m->entries[i].sha256, m->entries[i].name);
	*len_out = len;
	return text;
}

int manifest_write(manifest *m, const char *dir, l2e_signer *signer,
                   l2e_ctx *ctx, char *why)
{
	l2e_buf sig = L2E_BUF_INIT;
	char *text, path[4096];
	size_t len = 0;
	int rc = -1;

	if (!(text = manifest_text(m, &len))) {
		snprintf(why, 256, "out of memory");
		return -1;
	}
	if (output_write_atomic(dir, MANIFEST_NAME, text, len, why) < 0)
		goto done;
	if (!signer) {
		/* an old signature would not match the new list */
		snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_SIG_NAME);
		unlink(path);
	} else {
		if (l2e_signer_sign(signer, ctx, text, len, &sig) < 0) {
			snprintf(why, 256, "cannot sign %s: %s", MANIFEST_NAME,
			         l2e_ctx_error(ctx)->message);
			goto done;
		}
		if (output_write_atomic(dir, MANIFEST_SIG_NAME, sig.ptr,
		                        sig.len, why) < 0)
			goto done;
	}
	rc = 0;
done:
	free(text);
	l2e_buf_dispose(&sig);
	return rc;
}

void manifest_dispose(manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->entries[i].name);
	free(m->entries);
	memset(m, 0, sizeof(*m));
}

size_t manifest_count(const manifest *m)
{
	return m->n;
}

const char *manifest_name(const manifest *m, size_t i)
{
	return m->entries[i].name;
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
