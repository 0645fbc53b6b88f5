/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * overview_int.h - the overview's tables, shared by the fact collector
 * (overview.c) and the writers (ov_html.c, ov_text.c).
 */
#ifndef L2E_OVERVIEW_OVERVIEW_INT_H
#define L2E_OVERVIEW_OVERVIEW_INT_H

#include "lob2europass/overview.h"
#include "overview/ov_table.h"

enum {
	OV_STUDENTS,     /* by status: converted, no consent, rejected why */
	OV_PROGRAMMES,   /* by the student's programme */
	OV_LEVELS,       /* by its EQF level */
	OV_YEARS,        /* by the school year it started */
	OV_DESTINATIONS, /* work abroad by country */
	OV_CITIES,       /* by country and city */
	OV_LENGTHS,      /* by length in weeks */
	OV_LANGUAGES,    /* CEFR level per language and skill */
	OV__N
};

#define OV_MAX_LINKS 16

struct l2e_overview {
	l2e_ctx *ctx;
	long long k;
	int sealed; /* suppressed and sorted: no more adding */
	ov_table t[OV__N];
	ov_link links[OV_MAX_LINKS];
	size_t n_links;
};

/** The page (ov_html.c) and the data files (ov_text.c). */
int l2e__overview_html(l2e_buf *out, const l2e_overview *ov);
int l2e__overview_json(l2e_buf *out, const l2e_overview *ov);
int l2e__overview_csv(l2e_buf *out, const l2e_overview *ov, int excel_nl);

#endif
