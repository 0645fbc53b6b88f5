/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * report_html.c - the batch report as a page (see report_html.h).
 *
 * Findings are grouped by kind: the message with its quoted values and
 * numbers taken out ("'31-02-2024' is not a date" and "'x' is not a
 * date" are one kind: util/finding_kind.c, by which convert caps its
 * repeated findings too). A kind keeps its first 20 findings; the rest
 * are counted. Why a dossier was not converted is the kind of its first
 * error (or, when skipped, of its first finding).
 */
#include "report_html.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/atomic_file.h"
#include "util/finding_kind.h"
#include "util/html_escape.h"

#define EXAMPLES  20   /* findings shown per kind */
#define MAX_KINDS 1024 /* past this, one kind "other findings" */
#define KIND_MAX  160  /* bytes of a kind's text */

typedef struct example {
	char *key, *file, *field, *message;
	unsigned line, column;
} example;

typedef struct kind {
	char text[KIND_MAX];
	int is_error;
	size_t n; /* findings of this kind */
	example ex[EXAMPLES];
} kind;

/* why dossiers were not converted: status and the kind of finding */
typedef struct reason {
	char text[KIND_MAX];
	batch_status status;
	size_t n;
} reason;

struct report_html {
	l2e__atomic_file file;
	report_html_run run;
	char *mapping;
	struct timespec start;
	time_t start_wall;
	kind *kinds;
	size_t n_kinds;
	reason *reasons;
	size_t n_reasons;
	int failed; /* out of memory: the page says it is incomplete */
	int begun;  /* the temporary file exists */
};

report_html *report_html_open(const char *path, const report_html_run *run,
                              char *why, size_t why_size)
{
	report_html *h = l2e__calloc(1, sizeof(*h));

	if (!h || !(h->kinds = l2e__calloc(MAX_KINDS, sizeof(*h->kinds))) ||
	    !(h->reasons = l2e__calloc(MAX_KINDS, sizeof(*h->reasons))) ||
	    !(h->mapping = l2e__strdup(run->mapping ? run->mapping : ""))) {
		snprintf(why, why_size, "out of memory");
		report_html_abort(h);
		return NULL;
	}
	/* made now, so a folder that cannot be written stops the run early */
	if (l2e__atomic_begin(&h->file, path) < 0) {
		snprintf(why, why_size, "%.200s: %s", path, strerror(errno));
		report_html_abort(h);
		return NULL;
	}
	h->begun = 1;
	h->run = *run;
	h->run.mapping = h->mapping;
	clock_gettime(CLOCK_MONOTONIC, &h->start);
	h->start_wall = time(NULL);
	return h;
}

static char *dup_or_null(const char *s)
{
	return s ? l2e__strdup(s) : NULL;
}

static kind *find_kind(report_html *h, const char *text, int is_error)
{
	size_t i;

	for (i = 0; i < h->n_kinds; i++)
		if (h->kinds[i].is_error == is_error &&
		    !strcmp(h->kinds[i].text, text))
			return &h->kinds[i];
	if (h->n_kinds == MAX_KINDS - 1) /* the last one: everything else */
		text = "other findings";
	if (h->n_kinds == MAX_KINDS)
		return &h->kinds[MAX_KINDS - 1];
	snprintf(h->kinds[h->n_kinds].text, KIND_MAX, "%s", text);
	h->kinds[h->n_kinds].is_error = is_error;
	return &h->kinds[h->n_kinds++];
}

static void add_finding(report_html *h, const batch_result *res,
                        const batch_diag *d)
{
	char text[KIND_MAX];
	kind *k;
	example *e;

	l2e__finding_kind(text, sizeof(text), d->message);
	k = find_kind(h, text, d->severity == L2E_SEVERITY_ERROR);
	if (k->n++ >= EXAMPLES)
		return;
	e = &k->ex[k->n - 1];
	e->key = h->run.anonymous ? NULL : dup_or_null(res->key);
	e->file = dup_or_null(d->file ? d->file : res->input);
	e->field = dup_or_null(d->field);
	e->message = dup_or_null(d->message);
	e->line = d->line;
	e->column = d->column;
	if ((res->key && !h->run.anonymous && !e->key) || !e->message)
		h->failed = 1;
}

static void add_reason(report_html *h, const batch_result *res)
{
	char text[KIND_MAX] = "no finding";
	size_t i;

	for (i = 0; i < res->n_diags; i++)
		if (res->status == BATCH_SKIPPED ||
		    res->status == BATCH_REMOVED ||
		    res->diags[i].severity == L2E_SEVERITY_ERROR) {
			l2e__finding_kind(text, sizeof(text),
			                  res->diags[i].message);
			break;
		}
	for (i = 0; i < h->n_reasons; i++)
		if (h->reasons[i].status == res->status &&
		    !strcmp(h->reasons[i].text, text)) {
			h->reasons[i].n++;
			return;
		}
	if (h->n_reasons == MAX_KINDS)
		i = MAX_KINDS - 1, snprintf(text, sizeof(text), "other");
	else
		i = h->n_reasons++;
	snprintf(h->reasons[i].text, KIND_MAX, "%s", text);
	h->reasons[i].status = res->status;
	h->reasons[i].n++;
}

void report_html_add(report_html *h, const batch_result *res)
{
	size_t i;

	if (!h)
		return;
	if (res->status == BATCH_SKIPPED || res->status == BATCH_REJECTED ||
	    res->status == BATCH_ERROR || res->status == BATCH_REMOVED)
		add_reason(h, res);
	if (res->status == BATCH_REMOVED) /* its reason is no finding */
		return;
	for (i = 0; i < res->n_diags; i++)
		add_finding(h, res, &res->diags[i]);
}

static void text(FILE *f, const char *s)
{
	char o[L2E_HTML_ESCAPE_ROOM(256)];

	if (!s)
		return;
	while (*s) {
		size_t n = strnlen(s, 256);

		fwrite(o, 1, (size_t)(l2e__html_escape(o, s, n) - o), f);
		s += n;
	}
}

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;"
    "line-height:1.4}main{max-width:60rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;"
    "border-bottom:2px solid #0e4c92}h3{font-size:1rem}"
    "table{border-collapse:collapse;width:100%;font-size:.85rem}"
    "th,td{padding:.2rem .4rem;border-bottom:1px solid #ccc;"
    "text-align:left;vertical-align:top}td.n{text-align:right}"
    ".error{color:#a00}.warning{color:#8a5a00}"
    "code{font-size:.85rem;word-break:break-all}"
    "@media print{@page{size:A4;margin:15mm}main{max-width:none}}";

static const char *status_text(batch_status s)
{
	switch (s) {
	case BATCH_SKIPPED: return "skipped";
	case BATCH_REJECTED: return "rejected";
	case BATCH_ERROR: return "could not be read";
	case BATCH_REMOVED: return "removed";
	default: return "other";
	}
}

static void run_table(FILE *f, const report_html *h, const report_totals *t)
{
	struct timespec now;
	char when[32];
	struct tm tm;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - h->start.tv_sec) +
	       (double)(now.tv_nsec - h->start.tv_nsec) / 1e9;
	gmtime_r(&h->start_wall, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("<table><tbody><tr><th scope=\"row\">Tool</th><td>"
	      "lob2europass ",
	      f);
	text(f, l2e_version());
	fputs("</td></tr><tr><th scope=\"row\">Mapping</th><td>", f);
	text(f, h->run.mapping);
	fprintf(f,
	        "</td></tr><tr><th scope=\"row\">Started</th><td>%s</td></tr>"
	        "<tr><th scope=\"row\">Duration</th><td>%.1f s</td></tr>"
	        "<tr><th scope=\"row\">Exit status</th><td>%d</td></tr>"
	        "</tbody></table>\n",
	        when, secs, t->exit_code);
}

static void totals_table(FILE *f, const report_totals *t)
{
	static const char *const names[] = { "converted", "unchanged",
		                             "skipped", "rejected",
		                             "could not be read" };
	size_t v[5] = { t->converted, t->unchanged, t->skipped, t->rejected,
		        t->errors };
	size_t i;

	fputs("<h2>Totals</h2>\n<table><tbody>", f);
	for (i = 0; i < 5; i++)
		fprintf(f,
		        "<tr><th scope=\"row\">%s</th><td class=\"n\">%zu"
		        "</td></tr>",
		        names[i], v[i]);
	if (t->has_removed) /* --prune: documents of earlier runs */
		fprintf(f,
		        "<tr><th scope=\"row\">documents removed</th>"
		        "<td class=\"n\">%zu</td></tr>",
		        t->removed);
	fputs("</tbody></table>\n", f);
}

static int by_count(const void *a, const void *b)
{
	const reason *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void reasons_table(FILE *f, report_html *h)
{
	size_t i;

	fputs("<h2>Why dossiers were not converted</h2>\n", f);
	if (!h->n_reasons) {
		fputs("<p>Every dossier was converted.</p>\n", f);
		return;
	}
	qsort(h->reasons, h->n_reasons, sizeof(*h->reasons), by_count);
	fputs("<table><thead><tr><th scope=\"col\">Status</th>"
	      "<th scope=\"col\">Reason</th><th scope=\"col\">Dossiers</th>"
	      "</tr></thead><tbody>\n",
	      f);
	for (i = 0; i < h->n_reasons; i++) {
		fprintf(f, "<tr><td>%s</td><td>",
		        status_text(h->reasons[i].status));
		text(f, h->reasons[i].text);
		fprintf(f, "</td><td class=\"n\">%zu</td></tr>\n",
		        h->reasons[i].n);
	}
	fputs("</tbody></table>\n", f);
}

/* Errors first, then by how often. */
static int kind_order(const void *a, const void *b)
{
	const kind *x = a, *y = b;

	if (x->is_error != y->is_error)
		return x->is_error ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void place(FILE *f, const example *e)
{
	text(f, e->file);
	if (e->line)
		fprintf(f, ":%u", e->line);
	if (e->line && e->column)
		fprintf(f, ":%u", e->column);
}

static void kind_section(FILE *f, const report_html *h, const kind *k)
{
	size_t i, shown = k->n < EXAMPLES ? k->n : EXAMPLES;
	const char *sev = k->is_error ? "error" : "warning";

	fprintf(f, "<h3 class=\"%s\">%s: ", sev, sev);
	text(f, k->text);
	fprintf(f, " &#8211; %zu</h3>\n<table><thead><tr>", k->n);
	if (!h->run.anonymous)
		fputs("<th scope=\"col\">Dossier</th>", f);
	fputs("<th scope=\"col\">Place</th><th scope=\"col\">Field</th>"
	      "<th scope=\"col\">Message</th></tr></thead><tbody>\n",
	      f);
	for (i = 0; i < shown; i++) {
		const example *e = &k->ex[i];

		fputs("<tr>", f);
		if (!h->run.anonymous) {
			fputs("<td>", f);
			text(f, e->key);
			fputs("</td>", f);
		}
		fputs("<td><code>", f);
		place(f, e);
		fputs("</code></td><td><code>", f);
		text(f, e->field);
		fputs("</code></td><td>", f);
		text(f, e->message);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	if (k->n > shown)
		fprintf(f, "<p>&#8230; and %zu more like this.</p>\n",
		        k->n - shown);
}

static void write_page(FILE *f, report_html *h, const report_totals *t)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	      "charset=\"utf-8\"><meta name=\"viewport\" "
	      "content=\"width=device-width,initial-scale=1\">"
	      "<title>lob2europass: batch report</title><style>",
	      f);
	fputs(style, f);
	fputs("</style></head>\n<body><main>\n<h1>Batch report</h1>\n", f);
	if (h->failed)
		fputs("<p class=\"error\">Out of memory while collecting: some "
		      "examples are missing; the counts are whole.</p>\n",
		      f);
	run_table(f, h, t);
	totals_table(f, t);
	reasons_table(f, h);
	fputs("<h2>Findings by kind</h2>\n", f);
	if (!h->n_kinds)
		fputs("<p>No findings.</p>\n", f);
	qsort(h->kinds, h->n_kinds, sizeof(*h->kinds), kind_order);
	for (i = 0; i < h->n_kinds; i++)
		kind_section(f, h, &h->kinds[i]);
	fputs("</main></body></html>\n", f);
}

static void free_all(report_html *h)
{
	size_t i, j;

	for (i = 0; i < h->n_kinds; i++)
		for (j = 0; j < EXAMPLES; j++) {
			l2e__free(h->kinds[i].ex[j].key);
			l2e__free(h->kinds[i].ex[j].file);
			l2e__free(h->kinds[i].ex[j].field);
			l2e__free(h->kinds[i].ex[j].message);
		}
	l2e__free(h->kinds);
	l2e__free(h->reasons);
	l2e__free(h->mapping);
	l2e__free(h);
}

/* Like the other reports: it names students, so it is the owner's. */
#define REPORT_MODE 0600

int report_html_close(report_html *h, const report_totals *t, char *why,
                      size_t why_size)
{
	FILE *f = l2e__atomic_stream(&h->file);
	int rc = 0;

	if (f)
		write_page(f, h, t);
	if (!f || l2e__atomic_commit(&h->file, REPORT_MODE) < 0) {
		snprintf(why, why_size, "%.200s: %s", h->file.path,
		         strerror(errno));
		if (!f)
			l2e__atomic_abort(&h->file);
		rc = -1;
	}
	free_all(h);
	return rc;
}

void report_html_abort(report_html *h)
{
	if (!h)
		return;
	if (h->begun)
		l2e__atomic_abort(&h->file);
	free_all(h);
}
