/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * overview.h - the internationalisation overview: numbers about a whole
 * export (students, BPV placements abroad by programme, level and school
 * year, destinations, placement length, language levels, Europass
 * readiness), never about a person.
 *
 * Feed it every dossier of an export (l2e_overview_add), then write it as
 * a self-contained HTML page, CSV or JSON (l2e_overview_write). Only
 * converted dossiers contribute facts; skipped ones (no consent) and
 * rejected ones are only counted. Every published number that counts
 * fewer than k students (k >= 3, default 5) is suppressed, and so is any
 * number from which such a count could be worked out by subtraction
 * (complementary suppression). Labels are programme titles, countries,
 * cities and languages; names, keys and free text never appear.
 */
#ifndef LOB2EUROPASS_OVERVIEW_H
#define LOB2EUROPASS_OVERVIEW_H

#include "common.h"
#include "context.h"
#include "convert.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_overview l2e_overview;

#define L2E_OVERVIEW_K_DEFAULT 5u
#define L2E_OVERVIEW_K_MIN     3u

typedef enum l2e_overview_format {
	L2E_OVERVIEW_HTML = 1,        /* one self-contained page, inline SVG */
	L2E_OVERVIEW_JSON = 2,        /* the tables, suppressed cells null */
	L2E_OVERVIEW_CSV = 3,         /* RFC 4180: ',' and '.', no BOM */
	L2E_OVERVIEW_CSV_EXCEL_NL = 4 /* UTF-8 BOM, ';', decimal comma */
} l2e_overview_format;

/**
 * A new, empty overview whose cells need at least `k` students
 * (0: L2E_OVERVIEW_K_DEFAULT). A k below L2E_OVERVIEW_K_MIN is an error
 * (L2E_ERROR on ctx). `ctx` must outlive the overview.
 */
L2E_API int l2e_overview_new(l2e_overview **out, l2e_ctx *ctx, unsigned k);

/** Count one dossier (any status); its facts when it was converted. */
L2E_API int l2e_overview_add(l2e_overview *ov, const l2e_dossier *d);

/**
 * Append the overview to `out` in `fmt`. Suppression is applied on the
 * first write; adding after a write is an error.
 */
L2E_API int l2e_overview_write(l2e_buf *out, l2e_overview *ov,
                               l2e_overview_format fmt);

L2E_API void l2e_overview_free(l2e_overview *ov);

#ifdef __cplusplus
}
#endif

#endif
