/*
 * report.c - JSON and CSV run reports (see report.h).
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

static const char *status_name(batch_status s)
{
	switch (s) {
	case BATCH_OK: return "converted";
	case BATCH_SKIPPED: return "skipped";
	case BATCH_REJECTED: return "rejected";
	case BATCH_UNCHANGED: return "unchanged";
	case BATCH_NOTE: return "note";
	default: return "error";
	}
}

static FILE *open_tmp(const char *path, char **tmp_out)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	int fd;
	FILE *f;

	if (!tmp)
		return NULL;
	snprintf(tmp, n, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	*tmp_out = tmp;
	return f;
}

int report_open(report *r, const char *json_path, const char *csv_path,
                char *why, size_t why_size)
{
	memset(r, 0, sizeof(*r));
	if (json_path) {
		r->json_path = strdup(json_path);
		r->json =
		    r->json_path ? open_tmp(json_path, &r->json_tmp) : NULL;
		if (!r->json) {
			snprintf(why, why_size, "%.200s: %s", json_path,
			         strerror(errno));
			return -1;
		}
		fputs("{\n  \"dossiers\": [", r->json);
	}
	if (csv_path) {
		r->csv_path = strdup(csv_path);
		r->csv = r->csv_path ? open_tmp(csv_path, &r->csv_tmp) : NULL;
		if (!r->csv) {
			snprintf(why, why_size, "%.200s: %s", csv_path,
			         strerror(errno));
			return -1;
		}
		fputs("key,status,input,outputs,severity,message,file,line,"
		      "column,field\r\n",
		      r->csv);
	}
	return 0;
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

static void csv_row(FILE *f, const batch_result *res, const char *outputs,
                    const batch_diag *d)
{
	char num[32];

	report_csv_cell(f, res->key);
	fputc(',', f);
	report_csv_cell(f, status_name(res->status));
	fputc(',', f);
	report_csv_cell(f, res->input);
	fputc(',', f);
	report_csv_cell(f, outputs);
	fputc(',', f);
	report_csv_cell(
	    f,
	    d ? (d->severity == L2E_SEVERITY_ERROR ? "error" : "warning") : "");
	fputc(',', f);
	report_csv_cell(f, d ? d->message : "");
	fputc(',', f);
	report_csv_cell(f, d ? d->file : "");
	fputc(',', f);
	snprintf(num, sizeof(num), "%u", d ? d->line : 0);
	report_csv_cell(f, d && d->line ? num : "");
	fputc(',', f);
	snprintf(num, sizeof(num), "%u", d ? d->column : 0);
	report_csv_cell(f, d && d->column ? num : "");
	fputc(',', f);
	report_csv_cell(f, d ? d->field : "");
	fputs("\r\n", f);
}

static cJSON *entry(const batch_result *res, const char *const *outputs,
                    size_t n_outputs)
{
	cJSON *o = cJSON_CreateObject(), *arr, *d;
	size_t i;

	if (!o)
		return NULL;
	if (res->key)
		cJSON_AddStringToObject(o, "key", res->key);
	else
		cJSON_AddNullToObject(o, "key");
	cJSON_AddStringToObject(o, "status", status_name(res->status));
	cJSON_AddStringToObject(o, "input", res->input ? res->input : "");
	arr = cJSON_AddArrayToObject(o, "outputs");
	for (i = 0; arr && i < n_outputs; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(outputs[i]));
	arr = cJSON_AddArrayToObject(o, "findings");
	for (i = 0; arr && i < res->n_diags; i++) {
		const batch_diag *g = &res->diags[i];

		d = cJSON_CreateObject();
		if (!d)
			break;
		cJSON_AddStringToObject(
		    d, "severity",
		    g->severity == L2E_SEVERITY_ERROR ? "error" : "warning");
		cJSON_AddStringToObject(d, "message", g->message);
		if (g->file)
			cJSON_AddStringToObject(d, "file", g->file);
		if (g->line)
			cJSON_AddNumberToObject(d, "line", g->line);
		if (g->column)
			cJSON_AddNumberToObject(d, "column", g->column);
		if (g->field)
			cJSON_AddStringToObject(d, "field", g->field);
		cJSON_AddItemToArray(arr, d);
	}
	return o;
}

void report_add(report *r, const batch_result *res, const char *const *outputs,
                size_t n_outputs)
{
	char joined[4096] = "";
	size_t i, len = 0;

	if (r->json) {
		cJSON *o = entry(res, outputs, n_outputs);
		char *text = o ? cJSON_PrintUnformatted(o) : NULL;

		if (text)
			fprintf(r->json, "%s\n    %s", r->n_entries ? "," : "",
			        text);
		cJSON_free(text);
		cJSON_Delete(o);
	}
	if (r->csv) {
		for (i = 0; i < n_outputs && len < sizeof(joined) - 1; i++)
			len +=
			    (size_t)snprintf(joined + len, sizeof(joined) - len,
			                     "%s%s", i ? " " : "", outputs[i]);
		if (!res->n_diags)
			csv_row(r->csv, res, joined, NULL);
		for (i = 0; i < res->n_diags; i++)
			csv_row(r->csv, res, joined, &res->diags[i]);
	}
	r->n_entries++;
}

static int finish(FILE *f, const char *tmp, const char *path, char *why,
                  size_t why_size)
{
	int failed = ferror(f) != 0;

	failed |= fflush(f) != 0 || fsync(fileno(f)) != 0;
	failed |= fclose(f) != 0;
	if (!failed && rename(tmp, path) == 0)
		return 0;
	snprintf(why, why_size, "%.200s: %s", path, strerror(errno));
	unlink(tmp);
	return -1;
}

int report_close(report *r, const report_totals *t, char *why, size_t why_size)
{
	int rc = 0;

	if (r->json) {
		fprintf(
		    r->json,
		    "\n  ],\n  \"totals\": {\"dossiers\": %zu, "
		    "\"converted\": %zu, \"unchanged\": %zu, \"skipped\": %zu, "
		    "\"rejected\": %zu, \"errors\": %zu, \"exit_code\": "
		    "%d}\n}\n",
		    r->n_entries, t->converted, t->unchanged, t->skipped,
		    t->rejected, t->errors, t->exit_code);
		rc |= finish(r->json, r->json_tmp, r->json_path, why, why_size);
	}
	if (r->csv)
		rc |= finish(r->csv, r->csv_tmp, r->csv_path, why, why_size);
	free(r->json_path);
	free(r->csv_path);
	free(r->json_tmp);
	free(r->csv_tmp);
	memset(r, 0, sizeof(*r));
	return rc ? -1 : 0;
}
