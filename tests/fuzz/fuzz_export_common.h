/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_export_common.h - one fuzz target body for a reader: the input is
 * an export for a shipped sample mapping (FUZZ_MAPPING, in memory: a CSV
 * export is then its main table alone); every dossier is written in
 * every format and each document checked (well-formed, valid UTF-8, no
 * national identifier), as are findings and errors.
 */
#ifndef FUZZ_EXPORT_COMMON_H
#define FUZZ_EXPORT_COMMON_H

#include <stdint.h>
#include <string.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

static l2e_ctx *fuzz_ctx;
static l2e_mapping *fuzz_map;

static inline void fuzz_setup(const char *mapping_path)
{
	if (fuzz_map)
		return;
	l2e_global_init();
	if (l2e_ctx_new(&fuzz_ctx, NULL) < 0 ||
	    l2e_mapping_load(&fuzz_map, fuzz_ctx, mapping_path) < 0)
		fuzz_fail("the mapping does not load", mapping_path, "", 0);
}

static inline void fuzz_check_error(const char *where)
{
	const l2e_error *e = l2e_ctx_error(fuzz_ctx);

	if (e && e->message)
		fuzz_check_private_str(where, e->message);
}

/* Every dossier of `in`, written and checked; `in` is freed. */
static inline void fuzz_drain(l2e_input *in)
{
	l2e_dossier *d = NULL;
	l2e_format f;
	size_t i;

	for (;;) {
		if (l2e_input_next(&d, in) < 0) {
			fuzz_check_error("a read error");
			continue; /* the next document, if any */
		}
		if (!d)
			break;
		for (i = 0; i < l2e_dossier_diag_count(d); i++)
			fuzz_check_private_str("a finding",
			                       l2e_dossier_diag(d, i)->message);
		if (l2e_dossier_file_stem(d))
			fuzz_check_private_str("a file name",
			                       l2e_dossier_file_stem(d));
		for (f = (l2e_format)1;
		     l2e_dossier_status_get(d) == L2E_DOSSIER_OK &&
		     l2e_format_name(f);
		     f = (l2e_format)(f + 1)) {
			l2e_buf doc = L2E_BUF_INIT;
			size_t k, n = l2e_format_has_parts(f)
			                  ? l2e_dossier_document_count(d, f)
			                  : 0;

			/* several documents (EDC): each is one document */
			for (k = 0; k < n; k++) {
				l2e_buf part = L2E_BUF_INIT;

				if (l2e_dossier_write_document(
				        &doc, &part, fuzz_ctx, d, f, k) == 0)
					fuzz_check_document(
					    l2e_format_extension(f), doc.ptr,
					    doc.len);
				l2e_buf_dispose(&doc);
				l2e_buf_dispose(&part);
			}
			if (!n && !l2e_format_has_parts(f) &&
			    l2e_dossier_write(&doc, fuzz_ctx, d, f) == 0)
				fuzz_check_document(l2e_format_extension(f),
				                    doc.ptr, doc.len);
			l2e_buf_dispose(&doc);
		}
		l2e_dossier_free(d);
	}
	l2e_input_free(in);
}

static inline void fuzz_convert_map(const l2e_mapping *map, const char *name,
                                    const uint8_t *data, size_t size)
{
	l2e_input *in = NULL;

	if (l2e_input_open_memory(&in, fuzz_ctx, map, name, (const char *)data,
	                          size) < 0) {
		fuzz_check_error("an open error");
		return;
	}
	fuzz_drain(in);
}

static inline void fuzz_convert(const char *name, const uint8_t *data,
                                size_t size)
{
	fuzz_convert_map(fuzz_map, name, data, size);
}

#endif
