/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ov_text.c - the overview as data: JSON, and CSV in two dialects.
 *
 * CSV is long: one line per published cell (table, row, column, count,
 * share), so a spreadsheet can pivot it and nothing depends on the
 * number of columns. A hidden cell has an empty count. Dutch Excel
 * opens a file as columns only with ';', decimal commas and a BOM
 * (excel_nl); rfc4180 is for programs. A text that a spreadsheet would
 * take for a formula (= + - @ at the start) gets a leading quote.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "overview/overview_int.h"
#include "util/json_escape.h"

static int json_text(l2e_buf *out, const char *s)
{
	size_t len = strlen(s);
	int err = 0;
	char *o = l2e__buf_reserve(out, L2E_JSON_ESCAPE_ROOM(len) + 2, &err);

	if (!o)
		return -1;
	*o++ = '"';
	o = l2e__json_escape(o, s, len);
	*o++ = '"';
	l2e__buf_commit(out, o);
	return 0;
}

static int json_cells(l2e_buf *out, const ov_table *t, const ov_cell *cells,
                      size_t n)
{
	size_t c;
	int rc = l2e__buf_putc(out, '{');

	for (c = 0; c < n && rc == 0; c++) {
		rc |= l2e__buf_printf(out, "%s\"%s\":", c ? "," : "",
		                      t->cols[c].id);
		rc |= cells[c].hidden
		          ? l2e__buf_puts(out, "null")
		          : l2e__buf_printf(out, "%lld", cells[c].v);
	}
	return rc | l2e__buf_putc(out, '}');
}

int l2e__overview_json(l2e_buf *out, const l2e_overview *ov)
{
	size_t i, r, c;
	int rc = l2e__buf_printf(out,
	                         "{\"overview\":{\"min_group\":%lld,"
	                         "\"tables\":[",
	                         ov->k);

	for (i = 0; i < OV__N && rc == 0; i++) {
		const ov_table *t = &ov->t[i];

		rc |= l2e__buf_printf(
		    out, "%s{\"id\":\"%s\",\"title\":", i ? "," : "", t->id);
		rc |= json_text(out, t->title);
		rc |= l2e__buf_puts(out, ",\"key_title\":");
		rc |= json_text(out, t->key_title);
		if (t->note) {
			rc |= l2e__buf_puts(out, ",\"note\":");
			rc |= json_text(out, t->note);
		}
		rc |= l2e__buf_puts(out, ",\"columns\":[");
		for (c = 0; c < t->n_cols; c++) {
			rc |= l2e__buf_printf(
			    out, "%s{\"id\":\"%s\",\"title\":", c ? "," : "",
			    t->cols[c].id);
			rc |= json_text(out, t->cols[c].title);
			if (t->cols[c].is_share)
				rc |= l2e__buf_printf(
				    out, ",\"share_of\":\"%s\"",
				    t->cols[t->cols[c].parent].id);
			rc |= l2e__buf_putc(out, '}');
		}
		rc |= l2e__buf_puts(out, "],\"rows\":[");
		for (r = 0; r < t->n_rows && rc == 0; r++) {
			rc |= l2e__buf_puts(out,
			                    r ? ",{\"label\":" : "{\"label\":");
			rc |= json_text(out, t->rows[r].label);
			rc |= l2e__buf_puts(out, ",\"counts\":");
			rc |= json_cells(out, t, t->rows[r].cells, t->n_cols);
			rc |= l2e__buf_putc(out, '}');
		}
		rc |= l2e__buf_puts(out, "],\"total\":");
		rc |= json_cells(out, t, t->total, t->total_cols);
		rc |= l2e__buf_putc(out, '}');
	}
	return rc | l2e__buf_puts(out, "]}}\n");
}

static int csv_text(l2e_buf *out, const char *s, char sep)
{
	int rc = 0;

	if (!strchr(s, sep) && !strchr(s, '"') && !strchr(s, '\n') &&
	    !strchr(s, '\r') && !strchr("=+-@", s[0]))
		return l2e__buf_puts(out, s);
	rc |= l2e__buf_putc(out, '"');
	if (s[0] && strchr("=+-@", s[0]))
		rc |= l2e__buf_putc(out, '\'');
	for (; *s; s++)
		rc |= *s == '"' ? l2e__buf_puts(out, "\"\"")
		                : l2e__buf_putc(out, *s);
	return rc | l2e__buf_putc(out, '"');
}

/* A share of the parent cell, in percent with one decimal. */
static int csv_share(l2e_buf *out, const ov_cell *x, const ov_cell *parent,
                     int excel_nl)
{
	char num[32], *dot;

	if (x->hidden || parent->hidden || parent->v <= 0)
		return 0;
	snprintf(num, sizeof(num), "%.1f",
	         100.0 * (double)x->v / (double)parent->v);
	if (excel_nl && (dot = strchr(num, '.')))
		*dot = ',';
	return l2e__buf_puts(out, num);
}

static int csv_row(l2e_buf *out, const ov_table *t, const char *label,
                   const ov_cell *cells, size_t n, int excel_nl)
{
	char sep = excel_nl ? ';' : ',';
	size_t c;
	int rc = 0;

	for (c = 0; c < n && rc == 0; c++) {
		rc |= l2e__buf_printf(out, "%s%c", t->id, sep);
		rc |= csv_text(out, label, sep);
		rc |= l2e__buf_printf(out, "%c%s%c", sep, t->cols[c].id, sep);
		if (!cells[c].hidden)
			rc |= l2e__buf_printf(out, "%lld", cells[c].v);
		rc |= l2e__buf_putc(out, sep);
		if (t->cols[c].is_share)
			rc |= csv_share(out, &cells[c],
			                &cells[t->cols[c].parent], excel_nl);
		rc |= l2e__buf_puts(out, "\r\n");
	}
	return rc;
}

int l2e__overview_csv(l2e_buf *out, const l2e_overview *ov, int excel_nl)
{
	size_t i, r;
	int rc = 0;

	if (excel_nl)
		rc |= l2e__buf_puts(out, "\xEF\xBB\xBF");
	rc |=
	    l2e__buf_puts(out, excel_nl ? "table;row;column;count;percent\r\n"
	                                : "table,row,column,count,percent\r\n");
	for (i = 0; i < OV__N && rc == 0; i++) {
		const ov_table *t = &ov->t[i];

		for (r = 0; r < t->n_rows && rc == 0; r++)
			rc |= csv_row(out, t, t->rows[r].label,
			              t->rows[r].cells, t->n_cols, excel_nl);
		rc |=
		    csv_row(out, t, "total", t->total, t->total_cols, excel_nl);
	}
	return rc;
}
