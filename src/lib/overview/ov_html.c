/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ov_html.c - the overview as one self-contained HTML page.
 *
 * No script, no font, no image and no address outside the page: the
 * charts are inline SVG, the style is inline CSS that prints on A4 and
 * fits a phone. Every chart has the same numbers as a table under it,
 * for screen readers and for copying. A hidden cell is a dash, drawn as
 * no bar. Nothing on the page depends on the time of the run.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "overview/overview_int.h"
#include "util/html_escape.h"

#define CHART_ROWS 15 /* the largest rows; the table has them all */

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;"
    "background:#fff;line-height:1.4}"
    "main{max-width:48rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;"
    "border-bottom:2px solid #0e4c92}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;"
    "margin:.5rem 0}"
    "th,td{padding:.25rem .4rem;border-bottom:1px solid #ccc;"
    "text-align:right}th:first-child,td:first-child{text-align:left}"
    "tfoot td{font-weight:bold}svg{width:100%;height:auto}"
    ".note{font-size:.85rem;color:#444}"
    ".key{display:flex;flex-wrap:wrap;gap:1rem}"
    ".key div{border:1px solid #ccc;padding:.5rem 1rem}"
    ".key b{display:block;font-size:1.4rem}"
    "@media print{@page{size:A4;margin:15mm}main{max-width:none}"
    "section{break-inside:avoid}}";

static const char *const fills[] = { "#0e4c92", "#f2a900", "#5b9bd5", "#70ad47",
	                             "#a5a5a5", "#c55a11", "#7030a0" };

static int html_text(l2e_buf *out, const char *s)
{
	size_t len = strlen(s);
	int err = 0;
	char *o = l2e__buf_reserve(out, L2E_HTML_ESCAPE_ROOM(len), &err);

	if (!o)
		return -1;
	l2e__buf_commit(out, l2e__html_escape(o, s, len));
	return 0;
}

static int cell(l2e_buf *out, const ov_cell *x)
{
	return x->hidden ? l2e__buf_puts(out, "&#8211;")
	                 : l2e__buf_printf(out, "%lld", x->v);
}

static int share(l2e_buf *out, const ov_cell *x, const ov_cell *parent)
{
	if (x->hidden || parent->hidden || parent->v <= 0)
		return 0;
	return l2e__buf_printf(out, " <small>(%.0f%%)</small>",
	                       100.0 * (double)x->v / (double)parent->v);
}

static int table_row(l2e_buf *out, const ov_table *t, const char *label,
                     const ov_cell *cells, size_t n)
{
	size_t c;
	int rc = l2e__buf_puts(out, "<tr><td>");

	rc |= html_text(out, label);
	rc |= l2e__buf_puts(out, "</td>");
	for (c = 0; c < t->n_cols; c++) {
		rc |= l2e__buf_puts(out, "<td>");
		if (c >= n) {
			rc |= l2e__buf_puts(out, "</td>");
			continue;
		}
		rc |= cell(out, &cells[c]);
		if (t->cols[c].is_share)
			rc |= share(out, &cells[c], &cells[t->cols[c].parent]);
		rc |= l2e__buf_puts(out, "</td>");
	}
	return rc | l2e__buf_puts(out, "</tr>\n");
}

static int data_table(l2e_buf *out, const ov_table *t)
{
	size_t c, r;
	int rc = l2e__buf_puts(out, "<table><thead><tr><th scope=\"col\">");

	rc |= html_text(out, t->key_title);
	rc |= l2e__buf_puts(out, "</th>");
	for (c = 0; c < t->n_cols; c++) {
		rc |= l2e__buf_puts(out, "<th scope=\"col\">");
		rc |= html_text(out, t->cols[c].title);
		rc |= l2e__buf_puts(out, "</th>");
	}
	rc |= l2e__buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->n_rows && rc == 0; r++)
		rc |= table_row(out, t, t->rows[r].label, t->rows[r].cells,
		                t->n_cols);
	rc |= l2e__buf_puts(out, "</tbody><tfoot>");
	rc |= table_row(out, t, "Total", t->total, t->total_cols);
	return rc | l2e__buf_puts(out, "</tfoot></table>\n");
}

/* The columns a chart draws: the parts of the first column when it has
 * them (language levels), else the first column with, over it, the
 * last share column (students abroad within students). */
static size_t chart_columns(const ov_table *t, size_t *cols)
{
	size_t c, n = 0;

	for (c = 1; c < t->n_cols; c++)
		if (t->cols[c].part_of == 0)
			cols[n++] = c;
	if (n)
		return n;
	cols[n++] = 0;
	for (c = t->n_cols - 1; c > 0; c--)
		if (t->cols[c].is_share) {
			cols[n++] = c; /* the last share: abroad */
			break;
		}
	return n;
}

static int bar_chart(l2e_buf *out, const ov_table *t)
{
	size_t cols[8], n_cols = chart_columns(t, cols), r, i, rows;
	int stacked = t->cols[cols[0]].part_of == 0;
	long long max = 1;
	int rc = 0;
	double x;

	rows = t->n_rows < CHART_ROWS ? t->n_rows : CHART_ROWS;
	if (!rows)
		return l2e__buf_puts(out, "<p class=\"note\">No data.</p>\n");
	for (r = 0; r < rows; r++)
		if (!t->rows[r].cells[0].hidden && t->rows[r].cells[0].v > max)
			max = t->rows[r].cells[0].v;
	rc |= l2e__buf_printf(out,
	                      "<svg viewBox=\"0 0 640 %zu\" role=\"img\" "
	                      "aria-labelledby=\"c-%s\"><title id=\"c-%s\">",
	                      rows * 24 + 30, t->id, t->id);
	rc |= html_text(out, t->title);
	rc |=
	    l2e__buf_puts(out, " (the table below has the numbers)</title>\n");
	for (r = 0; r < rows && rc == 0; r++) {
		const ov_cell *cells = t->rows[r].cells;
		double y = (double)r * 24 + 4;

		rc |= l2e__buf_printf(
		    out, "<text x=\"0\" y=\"%.0f\" font-size=\"12\">", y + 14);
		rc |= html_text(out, t->rows[r].label);
		rc |= l2e__buf_puts(out, "</text>");
		for (x = 250, i = 0; i < n_cols; i++) {
			const ov_cell *v = &cells[cols[i]];
			double w = 340.0 * (double)v->v / (double)max;

			if (v->hidden || cells[0].hidden)
				continue;
			rc |= l2e__buf_printf(
			    out,
			    "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
			    "height=\"%d\" fill=\"%s\"/>",
			    stacked ? x : 250.0, y + (stacked || !i ? 2 : 6), w,
			    stacked || !i ? 16 : 8, fills[i % 7]);
			if (stacked)
				x += w;
		}
		rc |= l2e__buf_printf(
		    out,
		    "<text x=\"636\" y=\"%.0f\" font-size=\"12\" "
		    "text-anchor=\"end\">",
		    y + 14);
		rc |= cell(out, &cells[0]);
		rc |= l2e__buf_puts(out, "</text>\n");
	}
	for (i = 0; i < n_cols && rc == 0; i++) {
		rc |= l2e__buf_printf(
		    out,
		    "<rect x=\"%zu\" y=\"%zu\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>"
		    "<text x=\"%zu\" y=\"%zu\" font-size=\"11\">",
		    250 + i * 110, rows * 24 + 12, fills[i % 7], 264 + i * 110,
		    rows * 24 + 21);
		rc |= html_text(out, t->cols[cols[i]].title);
		rc |= l2e__buf_puts(out, "</text>");
	}
	return rc | l2e__buf_puts(out, "</svg>\n");
}

static const ov_cell *students_cell(const l2e_overview *ov, const char *key)
{
	size_t r;

	for (r = 0; r < ov->t[OV_STUDENTS].n_rows; r++)
		if (!strcmp(ov->t[OV_STUDENTS].rows[r].key, key))
			return &ov->t[OV_STUDENTS].rows[r].cells[0];
	return NULL;
}

static int key_figure(l2e_buf *out, const char *what, const ov_cell *x)
{
	static const ov_cell none = { 0, 0 };
	int rc = l2e__buf_puts(out, "<div><b>");

	rc |= cell(out, x ? x : &none);
	rc |= l2e__buf_puts(out, "</b>");
	rc |= html_text(out, what);
	return rc | l2e__buf_puts(out, "</div>");
}

int l2e__overview_html(l2e_buf *out, const l2e_overview *ov)
{
	size_t i;
	int rc = 0;

	rc |=
	    l2e__buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	                       "<meta charset=\"utf-8\">"
	                       "<meta name=\"viewport\" content=\"width=device-"
	                       "width,initial-scale=1\">"
	                       "<title>Internationalisation overview</title>"
	                       "<style>");
	rc |= l2e__buf_puts(out, style);
	rc |= l2e__buf_puts(out, "</style></head>\n<body><main>\n"
	                         "<h1>Internationalisation overview</h1>\n");
	rc |= l2e__buf_printf(out,
	                      "<p class=\"note\">Numbers of students, never a "
	                      "person. A group of fewer than %lld students "
	                      "is not shown (&#8211;), nor any number from "
	                      "which such a group follows by "
	                      "subtraction.</p>\n<div class=\"key\">",
	                      ov->k);
	rc |= key_figure(out, "students in the export",
	                 &ov->t[OV_STUDENTS].total[0]);
	rc |= key_figure(out, "converted to Europass", students_cell(ov, "1"));
	rc |= key_figure(out, "with work experience abroad",
	                 &ov->t[OV_PROGRAMMES].total[2]);
	rc |= l2e__buf_puts(out, "</div>\n");
	for (i = 0; i < OV__N && rc == 0; i++) {
		const ov_table *t = &ov->t[i];

		rc |= l2e__buf_printf(out, "<section id=\"%s\"><h2>", t->id);
		rc |= html_text(out, t->title);
		rc |= l2e__buf_puts(out, "</h2>\n");
		rc |= bar_chart(out, t);
		rc |= data_table(out, t);
		if (t->note) {
			rc |= l2e__buf_puts(out, "<p class=\"note\">");
			rc |= html_text(out, t->note);
			rc |= l2e__buf_puts(out, "</p>\n");
		}
		rc |= l2e__buf_puts(out, "</section>\n");
	}
	return rc | l2e__buf_puts(out, "</main></body></html>\n");
}
