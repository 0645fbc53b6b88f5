/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * report.h - run reports: JSON (--report), a CSV that opens safely in a
 * spreadsheet (--report-csv), and a page for people (--report-html,
 * report_html.h).
 *
 * Entries are streamed to a temporary file next to the report and the
 * file is renamed into place at the end (util/atomic_file.h), so a
 * report is whole or absent and memory does not grow with the number
 * of dossiers. Reports name students, so they are the owner's alone
 * (mode 0600, what they always had).
 */
#ifndef L2E_CLI_REPORT_H
#define L2E_CLI_REPORT_H

#include <stdio.h>

#include "batch.h"
#include "util/atomic_file.h"

typedef struct report_html report_html;

/* The reports asked for (any path may be NULL) and how. */
typedef struct report_config {
	const char *json_path, *csv_path, *html_path;
	int csv_excel_nl;    /* ';' and a BOM (Dutch Excel), else RFC 4180 */
	const char *mapping; /* the mapping's name, for the page */
	int anonymous;       /* no student keys on the page */
} report_config;

typedef struct report {
	FILE *json; /* the open report's stream, or NULL */
	FILE *csv;
	char csv_sep;
	report_html *html;
	l2e__atomic_file json_file; /* util/atomic_file.h */
	l2e__atomic_file csv_file;
	size_t n_entries;
	size_t n_removals; /* entries about removed documents, no dossier */
	char *run_json;    /* the "run" object, or NULL (report_set_run) */
} report;

typedef struct report_totals {
	size_t converted;
	size_t unchanged;
	size_t skipped;
	size_t rejected;
	size_t errors;
	size_t removed;  /* --prune: documents of earlier runs removed */
	int has_removed; /* --prune was asked for: report the count */
	int exit_code;
} report_totals;

/** Open the reports `cfg` asks for. 0, or -1 with `why`. */
int report_open(report *r, const report_config *cfg, char *why,
                size_t why_size);

/** 1 when a report is open (and must be closed). */
int report_is_open(const report *r);

/** One dossier (or input error) with the files written for it. */
void report_add(report *r, const batch_result *res, const char *const *outputs,
                size_t n_outputs);

/**
 * A document of an earlier run removed by --prune (or that failed to
 * be): an entry like a dossier's, with `name` as its output, not
 * counted as a dossier.
 */
void report_add_removal(report *r, const batch_result *res, const char *name);

/** Write the totals and put the reports in place. 0 or -1. */
/** The JSON report's "run" object (JSON text, copied), before closing. */
void report_set_run(report *r, const char *run_json);

int report_close(report *r, const report_totals *t, char *why, size_t why_size);

/* For tests and the log: a CSV cell that a spreadsheet cannot run. */
void report_csv_cell(FILE *f, const char *text);

#endif
