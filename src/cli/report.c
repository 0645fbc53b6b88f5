/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * report.c - JSON and CSV run reports (see report.h).
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json_line.h"
#include "report_html.h"

static const char *status_name(batch_status s)
{
	switch (s) {
	case BATCH_OK: return "converted";
	case BATCH_SKIPPED: return "skipped";
	case BATCH_REJECTED: return "rejected";
	case BATCH_UNCHANGED: return "unchanged";
	case BATCH_NOTE: return "note";
	case BATCH_REMOVED: return "removed";
	default: return "error";
	}
}

/* Reports hold student keys and findings: for the owner alone. */
#define REPORT_MODE 0600

/* The stream of a new temporary file for `path`; NULL, errno set. */
static FILE *open_tmp(l2e__atomic_file *a, const char *path)
{
	FILE *f;

	if (l2e__atomic_begin(a, path) < 0)
		return NULL;
	if (!(f = l2e__atomic_stream(a)))
		l2e__atomic_abort(a);
	return f;
}

int report_open(report *r, const report_config *cfg, char *why, size_t why_size)
{
	const char *json_path = cfg->json_path, *csv_path = cfg->csv_path;
	const char *const *h;
	static const char *const head[] = { "key",     "status",   "input",
		                            "outputs", "severity", "message",
		                            "file",    "line",     "column",
		                            "field",   NULL };

	memset(r, 0, sizeof(*r));
	r->csv_sep = cfg->csv_excel_nl ? ';' : ',';
	if (json_path) {
		if (!(r->json = open_tmp(&r->json_file, json_path))) {
			snprintf(why, why_size, "%.200s: %s", json_path,
			         strerror(errno));
			return -1;
		}
		fputs("{\n  \"dossiers\": [", r->json);
	}
	if (csv_path) {
		if (!(r->csv = open_tmp(&r->csv_file, csv_path))) {
			snprintf(why, why_size, "%.200s: %s", csv_path,
			         strerror(errno));
			return -1;
		}
		if (cfg->csv_excel_nl)
			fputs("\xEF\xBB\xBF", r->csv); /* UTF-8, says the BOM */
		for (h = head; *h; h++)
			fprintf(r->csv, "%s%c", *h, h[1] ? r->csv_sep : '\r');
		fputc('\n', r->csv);
	}
	if (cfg->html_path) {
		report_html_run run = { cfg->mapping, cfg->anonymous };

		if (!(r->html = report_html_open(cfg->html_path, &run, why,
		                                 why_size)))
			return -1;
	}
	return 0;
}

int report_is_open(const report *r)
{
	return r->json || r->csv || r->html;
}

/*
 * RFC 4180 quoting, and a leading ' before = + - @ tab CR: a spreadsheet
 * would otherwise run the cell as a formula (CSV injection).
 */
void report_csv_cell(FILE *f, const char *text)
{
	const char *p;

	if (!text)
		text = "";
	fputc('"', f);
	if (strchr("=+-@\t\r", text[0]) && text[0])
		fputc('\'', f);
	for (p = text; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, char sep, const batch_result *res,
                    const char *outputs, const batch_diag *d)
{
	char num[32];

	report_csv_cell(f, res->key);
	fputc(sep, f);
	report_csv_cell(f, status_name(res->status));
	fputc(sep, f);
	report_csv_cell(f, res->input);
	fputc(sep, f);
	report_csv_cell(f, outputs);
	fputc(sep, f);
	report_csv_cell(
	    f,
	    d ? (d->severity == L2E_SEVERITY_ERROR ? "error" : "warning") : "");
	fputc(sep, f);
	report_csv_cell(f, d ? d->message : "");
	fputc(sep, f);
	report_csv_cell(f, d ? d->file : "");
	fputc(sep, f);
	snprintf(num, sizeof(num), "%u", d ? d->line : 0);
	report_csv_cell(f, d && d->line ? num : "");
	fputc(sep, f);
	snprintf(num, sizeof(num), "%u", d ? d->column : 0);
	report_csv_cell(f, d && d->column ? num : "");
	fputc(sep, f);
	report_csv_cell(f, d ? d->field : "");
	fputs("\r\n", f);
}

/* {"key":..,"status":..,"input":..,"outputs":[..],"findings":[..]} */
static void entry(json_line *l, const batch_result *res,
                  const char *const *outputs, size_t n_outputs)
{
	size_t i, n = 0;

	json_line_raw(l, "{\"key\":");
	json_line_str(l, res->key);
	json_line_opt_str(l, "status", status_name(res->status));
	json_line_opt_str(l, "input", res->input ? res->input : "");
	json_line_raw(l, ",\"outputs\":[");
	for (i = 0; i < n_outputs; i++) {
		if (!outputs[i])
			continue;
		if (n++)
			json_line_raw(l, ",");
		json_line_str(l, outputs[i]);
	}
	json_line_raw(l, "],\"findings\":[");
	for (i = 0; i < res->n_diags; i++) {
		const batch_diag *g = &res->diags[i];

		json_line_raw(l, i ? ",{\"severity\":" : "{\"severity\":");
		json_line_str(l, g->severity == L2E_SEVERITY_ERROR ? "error"
		                                                   : "warning");
		json_line_opt_str(l, "message", g->message);
		json_line_opt_str(l, "file", g->file);
		json_line_opt_uint(l, "line", g->line);
		json_line_opt_uint(l, "column", g->column);
		json_line_opt_str(l, "field", g->field);
		json_line_raw(l, "}");
	}
	json_line_raw(l, "]}");
}

void report_add(report *r, const batch_result *res, const char *const *outputs,
                size_t n_outputs)
{
	char joined[4096]; /* not zeroed: 4 KiB a dossier on the main thread */
	size_t i, len = 0;

	joined[0] = '\0';

	if (r->json) {
		json_line l = JSON_LINE_INIT;

		entry(&l, res, outputs, n_outputs);
		if (!l.is_failed)
			fprintf(r->json, "%s\n    %s", r->n_entries ? "," : "",
			        l.ptr);
		json_line_dispose(&l);
	}
	if (r->csv) {
		for (i = 0; i < n_outputs && len < sizeof(joined) - 1; i++)
			len +=
			    (size_t)snprintf(joined + len, sizeof(joined) - len,
			                     "%s%s", i ? " " : "", outputs[i]);
		if (!res->n_diags)
			csv_row(r->csv, r->csv_sep, res, joined, NULL);
		for (i = 0; i < res->n_diags; i++)
			csv_row(r->csv, r->csv_sep, res, joined,
			        &res->diags[i]);
	}
	report_html_add(r->html, res);
	r->n_entries++;
}

void report_add_removal(report *r, const batch_result *res, const char *name)
{
	const char *outputs[1];

	outputs[0] = name;
	report_add(r, res, outputs, 1);
	r->n_removals++;
}

static int finish(l2e__atomic_file *a, char *why, size_t why_size)
{
	if (l2e__atomic_commit(a, REPORT_MODE) == 0)
		return 0;
	snprintf(why, why_size, "%.200s: %s", a->path, strerror(errno));
	return -1;
}

void report_set_run(report *r, const char *run_json)
{
	free(r->run_json);
	r->run_json = run_json ? strdup(run_json) : NULL;
}

int report_close(report *r, const report_totals *t, char *why, size_t why_size)
{
	int rc = 0;

	if (r->json && r->run_json)
		fprintf(r->json,
		        "\n  ],\n  \"run\": %s,\n  \"totals\": "
		        "{\"dossiers\": %zu, ",
		        r->run_json, r->n_entries - r->n_removals);
	else if (r->json)
		fprintf(r->json, "\n  ],\n  \"totals\": {\"dossiers\": %zu, ",
		        r->n_entries - r->n_removals);
	if (r->json) {
		fprintf(r->json,
		        "\"converted\": %zu, \"unchanged\": %zu, \"skipped\": "
		        "%zu, \"rejected\": %zu, \"errors\": %zu, ",
		        t->converted, t->unchanged, t->skipped, t->rejected,
		        t->errors);
		if (t->has_removed) /* --prune only: older reports stay */
			fprintf(r->json, "\"removed\": %zu, ", t->removed);
		fprintf(r->json, "\"exit_code\": %d}\n}\n", t->exit_code);
		rc |= finish(&r->json_file, why, why_size);
	}
	if (r->csv)
		rc |= finish(&r->csv_file, why, why_size);
	if (r->html && report_html_close(r->html, t, why, why_size) < 0)
		rc = -1;
	free(r->run_json);
	memset(r, 0, sizeof(*r));
	return rc ? -1 : 0;
}
