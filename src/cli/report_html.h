/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * report_html.h - the batch report as one page a person reads
 * (--report-html): the run, the totals, why dossiers were not converted,
 * and the findings grouped by kind (the first 20 of each with their
 * place, then a count), so that the export can be fixed from it.
 *
 * Memory grows with the kinds of findings, not with the dossiers: each
 * kind keeps 20 examples. The page is written whole at the end, beside
 * its final name, then renamed (util/atomic_file.h).
 */
#ifndef L2E_CLI_REPORT_HTML_H
#define L2E_CLI_REPORT_HTML_H

#include <stddef.h>

#include "batch.h"
#include "report.h" /* report_totals, and the report_html type */

/* What the page says about the run, besides its dossiers. */
typedef struct report_html_run {
	const char *mapping; /* the mapping's name */
	int anonymous;       /* --report-anonymous: no student keys */
} report_html_run;

/** A new page for `path`; NULL with `why` (nothing made). */
report_html *report_html_open(const char *path, const report_html_run *run,
                              char *why, size_t why_size);

/** Count one dossier's or input's result and its findings. */
void report_html_add(report_html *h, const batch_result *res);

/**
 * Write the page with the run's totals, put it in place and free `h`.
 * 0, or -1 with `why`.
 */
int report_html_close(report_html *h, const report_totals *t, char *why,
                      size_t why_size);

/** Free without writing (a run that stopped before its end). */
void report_html_abort(report_html *h);

#endif
