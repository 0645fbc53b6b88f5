/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx_sheet.c - one worksheet into a table of rows, as csv.h makes one
 * (see xlsx.h for what a cell's text is).
 *
 * The sheet is read as a stream of <row> and <c> elements. Rows and
 * cells may be sparse (their `r` attribute says where they are) but must
 * come in order, as Excel writes them. A row is built when it ends, so
 * memory holds the table plus one row of cells.
 */
#include "read/xlsx_int.h"

#include <math.h> /* isfinite, a macro */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/civil_date.h"
#include "core/natid.h"

#define MAX_COLUMN 16384   /* XFD, Excel's last column */
#define MAX_ROW    1048576 /* Excel's last row */

typedef struct cell {
	unsigned col; /* 1-based */
	const char *text;
	size_t len;
	int is_bool;
} cell;

typedef struct sheet_reader {
	l2e__xlsx *wb;
	xlsx_part p;
	const char *sheet; /* its name */
	const char *file;  /* "<workbook>, sheet <name>": rows' file */
	cell *cells;       /* the current row */
	size_t n_cells, cap_cells;
	unsigned last_col; /* of the current row, empty cells included */
	const char **header;
	size_t n_header;
	unsigned long header_row;
	unsigned long row; /* the current row's number */
	size_t n_rows;
	l2e__node *table;
	l2e_buf v;  /* a cell's <v> */
	l2e_buf is; /* a cell's <is> */
} sheet_reader;

/* "C12" for column 3, row 12. */
static void cell_name(char *out, size_t size, unsigned col, unsigned long row)
{
	char letters[8];
	size_t n = 0, i;

	while (col && n < sizeof(letters)) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = letters[n - 1 - i];
	snprintf(out + i, size - i, "%lu", row);
}

static int cell_fail(sheet_reader *sr, unsigned col, int code, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

static int cell_fail(sheet_reader *sr, unsigned col, int code, const char *fmt,
                     ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	char where[32];
	va_list ap;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	cell_name(where, sizeof(where), col, sr->row);
	sr->p.error = l2e__error_set_at(
	    sr->wb->ctx, code, L2E_ERRCLASS_READ, sr->wb->name, 0, 0, NULL,
	    "sheet %s, cell %s: %s", sr->sheet, where, msg.ptr ? msg.ptr : "");
	l2e_buf_dispose(&msg);
	return sr->p.error;
}

static int oom(sheet_reader *sr)
{
	return sr->p.error = l2e__error_set(sr->wb->ctx, L2E_ENOMEM,
	                                    L2E_ERRCLASS_READ, "out of memory");
}

/* "C12" -> 3; 0 when it is no cell reference. */
static unsigned parse_col(const char *r, unsigned long *row)
{
	unsigned long col = 0;
	char *end;

	for (; *r >= 'A' && *r <= 'Z'; r++)
		if ((col = col * 26 + (unsigned long)(*r - 'A' + 1)) >
		    MAX_COLUMN)
			return 0;
	if (*r < '1' || *r > '9')
		return 0;
	*row = strtoul(r, &end, 10);
	return *end ? 0 : (unsigned)col;
}

/* ==== A number as text: plain, zero-padded, or a date ==== */

static int put_text(sheet_reader *sr, cell *c, const char *s, size_t len)
{
	if (!(c->text = l2e__pool_strndup(sr->wb->pool, s, len)))
		return oom(sr);
	c->len = len;
	return 0;
}

/* Excel's serial `d` as ISO 8601 text: 0 when it is no date Excel shows. */
static size_t serial_text(char *out, size_t size, double d, int kind,
                          int is_1904)
{
	long long days, secs;
	long y;
	int m, day;

	if (!(d >= 0 && d < 2958466)) /* up to 9999-12-31 */
		return 0;
	days = (long long)d; /* d >= 0: truncation is floor (no libm) */
	secs = (long long)((d - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs = 0;
	}
	if (is_1904) {
		days -= 24107; /* 1904-01-01 */
	} else {
		/* 1900-01-01 is 1; Excel counts a 29-02-1900 that never was */
		if (kind != XLSX_TIME && (days == 0 || days == 60))
			return 0;
		days -= days < 60 ? 25568 : 25569;
	}
	l2e__civil_from_days(days, &y, &m, &day);
	if (kind == XLSX_TIME)
		return (size_t)snprintf(out, size, "%02lld:%02lld:%02lld",
		                        secs / 3600, secs / 60 % 60, secs % 60);
	if (kind == XLSX_DATE)
		return (size_t)snprintf(out, size, "%04ld-%02d-%02d", y, m,
		                        day);
	return (size_t)snprintf(out, size,
	                        "%04ld-%02d-%02dT%02lld:%02lld:%02lld", y, m,
	                        day, secs / 3600, secs / 60 % 60, secs % 60);
}

static int number_text(sheet_reader *sr, cell *c, const char *v, size_t len,
                       xlsx_style st)
{
	char buf[64], *end;
	double d;
	size_t n;

	d = strtod(v, &end);
	if (end == v || *end || !isfinite(d))
		return cell_fail(sr, c->col, L2E_EPARSE,
		                 "a number cell holds no number");
	if (st.kind == XLSX_PAD && d >= 0 && d < 1e15 &&
	    d == (double)(long long)d) {
		n = (size_t)snprintf(buf, sizeof(buf), "%0*.0f", (int)st.width,
		                     d);
		return put_text(sr, c, buf, n);
	}
	if (st.kind >= XLSX_DATE &&
	    (n = serial_text(buf, sizeof(buf), d, st.kind, sr->wb->is_1904)))
		return put_text(sr, c, buf, n);
	return put_text(sr, c, v, len);
}

/* ==== Cells ==== */

static int shared_string(sheet_reader *sr, cell *c, const char *v)
{
	char *end;
	unsigned long i = strtoul(v, &end, 10);

	if (end == v || *end || i >= sr->wb->n_sst)
		return cell_fail(sr, c->col, L2E_EPARSE,
		                 "no shared string %s (the workbook has %zu)",
		                 v, sr->wb->n_sst);
	c->text = sr->wb->sst[i];
	c->len = sr->wb->sst_len[i];
	return 0;
}

/* Control characters have no place in an export, as in CSV (csv.h). */
static int check_chars(sheet_reader *sr, const cell *c)
{
	size_t i;
	unsigned char b;

	for (i = 0; i < c->len; i++) {
		b = (unsigned char)c->text[i];
		if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') ||
		    b == 0x7F)
			return cell_fail(sr, c->col, L2E_EPARSE,
			                 "control character U+%04X; remove it "
			                 "from the workbook",
			                 b);
	}
	return 0;
}

/* The value of <c> from what its children held. */
static int cell_value(sheet_reader *sr, cell *c, const char *type, long s,
                      int has_v, int has_is)
{
	const char *v = sr->v.ptr ? sr->v.ptr : "";
	const char *d;
	xlsx_style st = { 0, 0 };

	if (!type || !strcmp(type, "n")) {
		if (!has_v || !sr->v.len)
			return 0;
		if (s >= 0 && (size_t)s < sr->wb->n_xf)
			st = sr->wb->xf[s];
		return number_text(sr, c, v, sr->v.len, st);
	}
	if (!strcmp(type, "s"))
		return has_v ? shared_string(sr, c, v) : 0;
	if (!strcmp(type, "inlineStr"))
		return has_is ? put_text(sr, c, sr->is.ptr ? sr->is.ptr : "",
		                         sr->is.len)
		              : 0;
	if (!strcmp(type, "b")) {
		c->is_bool = 1;
		c->text = !strcmp(v, "1") ? "true" : "false";
		c->len = strlen(c->text);
		return has_v ? 0 : (c->text = NULL, 0);
	}
	if (!strcmp(type, "d")) { /* ISO 8601 already; midnight is a date */
		d = strstr(v, "T00:00:00");
		return put_text(sr, c, v, d ? (size_t)(d - v) : sr->v.len);
	}
	if (!strcmp(type, "str") || !strcmp(type, "e"))
		return put_text(sr, c, v, sr->v.len);
	return cell_fail(sr, c->col, L2E_EPARSE, "unknown cell type \"%s\"",
	                 type);
}

static int read_cell(sheet_reader *sr)
{
	char *r = l2e__xlsx_attr(&sr->p, "r"), *type = NULL, *s = NULL;
	unsigned long row = sr->row;
	unsigned col, last = sr->last_col;
	int depth = xmlTextReaderDepth(sr->p.r), got = 1, error = 0;
	int has_v = 0, has_is = 0;
	cell c, *grown;

	col = r ? parse_col(r, &row) : last + 1;
	memset(&c, 0, sizeof(c));
	c.col = col ? col : last + 1;
	if (!col || row != sr->row || col > MAX_COLUMN) {
		error = cell_fail(sr, c.col, L2E_EPARSE,
		                  "bad cell reference \"%s\"", r ? r : "");
		goto done;
	}
	if (col <= last) {
		error = cell_fail(sr, col, L2E_EPARSE,
		                  "cells out of order (Excel writes them left "
		                  "to right)");
		goto done;
	}
	sr->last_col = col; /* a cell without `r` is the next one */
	type = l2e__xlsx_attr(&sr->p, "t");
	s = l2e__xlsx_attr(&sr->p, "s");
	l2e__buf_clear(&sr->v);
	l2e__buf_clear(&sr->is);
	if (!xmlTextReaderIsEmptyElement(sr->p.r)) {
		while ((got = l2e__xlsx_part_next(&sr->p)) == 1 &&
		       !l2e__xlsx_is_end_at(&sr->p, depth)) {
			if (l2e__xlsx_is_start(&sr->p, "v")) {
				has_v = 1;
				error = l2e__xlsx_part_text(&sr->p, &sr->v);
			} else if (l2e__xlsx_is_start(&sr->p, "is")) {
				has_is = 1;
				error = l2e__xlsx_rich_text(&sr->p, &sr->is);
			}
			if (error < 0)
				goto done;
		}
		if (got != 1) {
			error = got < 0
			            ? got
			            : l2e__xlsx_part_fail(&sr->p, L2E_EPARSE,
			                                  "the XML ends "
			                                  "early");
			goto done;
		}
	}
	if ((error = cell_value(sr, &c, type, s ? strtol(s, NULL, 10) : -1,
	                        has_v, has_is)) < 0 ||
	    !c.text || !c.len || (error = check_chars(sr, &c)) < 0)
		goto done;
	if (sr->n_cells == sr->cap_cells) {
		sr->cap_cells = sr->cap_cells ? sr->cap_cells * 2 : 32;
		grown = l2e__realloc(sr->cells, sr->cap_cells * sizeof(*grown));
		if (!grown) {
			error = oom(sr);
			goto done;
		}
		sr->cells = grown;
	}
	sr->cells[sr->n_cells++] = c;
done:
	xmlFree(r);
	xmlFree(type);
	xmlFree(s);
	return error;
}

/* ==== Rows ==== */

static int take_header(sheet_reader *sr)
{
	size_t i, j, n = sr->cells[sr->n_cells - 1].col;

	if (n > sr->wb->ctx->opts.max_columns)
		return cell_fail(sr, (unsigned)n, L2E_ELIMIT,
		                 "more than max_columns (%zu) columns",
		                 sr->wb->ctx->opts.max_columns);
	if (!(sr->header = l2e__calloc(n, sizeof(*sr->header))))
		return oom(sr);
	sr->n_header = n;
	for (i = 0; i < n; i++)
		sr->header[i] = "";
	for (i = 0; i < sr->n_cells; i++)
		sr->header[sr->cells[i].col - 1] = sr->cells[i].text;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(sr->header[i], sr->header[j]))
				return cell_fail(sr, (unsigned)i + 1,
				                 L2E_EPARSE,
				                 "a column name appears twice "
				                 "in the header");
	sr->header_row = sr->row;
	return 0;
}

static int build_row(sheet_reader *sr)
{
	const l2e_ctx_options *o = &sr->wb->ctx->opts;
	l2e__node *row, *node;
	size_t i, k = 0;
	unsigned line = (unsigned)sr->row;

	if (sr->cells[sr->n_cells - 1].col > sr->n_header)
		return cell_fail(sr, sr->cells[sr->n_cells - 1].col, L2E_EPARSE,
		                 "a value right of the last named column; "
		                 "name its column in the header row or clear "
		                 "it");
	if (++sr->n_rows > o->max_rows)
		return cell_fail(sr, 1, L2E_ELIMIT,
		                 "more than max_rows (%zu) rows", o->max_rows);
	if (sr->n_rows > o->max_values / sr->n_header)
		return cell_fail(sr, 1, L2E_ELIMIT,
		                 "more than max_values (%zu) cells in this "
		                 "sheet",
		                 o->max_values);
	if (!(row = l2e__node_new(sr->wb->pool, L2E__NODE_OBJECT, line, 1)))
		return oom(sr);
	row->file = sr->file;
	l2e__node_append(sr->table, row);
	for (i = 0; i < sr->n_header; i++) {
		const cell *c = k < sr->n_cells && sr->cells[k].col == i + 1
		                    ? &sr->cells[k++]
		                    : NULL;

		node = l2e__node_new(sr->wb->pool,
		                     c && c->is_bool ? L2E__NODE_BOOL
		                                     : L2E__NODE_STRING,
		                     line, (unsigned)i + 1);
		if (!node)
			return oom(sr);
		node->key = sr->header[i];
		node->key_line = (unsigned)sr->header_row;
		node->key_column = (unsigned)i + 1;
		node->text = c ? c->text : "";
		node->len = c ? c->len : 0;
		l2e__node_append(row, node);
	}
	return 0;
}

static int end_row(sheet_reader *sr)
{
	if (!sr->n_cells) /* an empty row, perhaps only formatted */
		return 0;
	return sr->header ? build_row(sr) : take_header(sr);
}

static int start_row(sheet_reader *sr)
{
	char *r = l2e__xlsx_attr(&sr->p, "r"), *end = NULL;
	unsigned long n = sr->row + 1;
	int is_bad = 0;

	if (r) {
		n = strtoul(r, &end, 10);
		is_bad = end == r || *end;
	}
	xmlFree(r);
	if (is_bad || n <= sr->row || n > MAX_ROW) {
		sr->row = n > sr->row && n <= MAX_ROW ? n : sr->row + 1;
		return l2e__xlsx_part_fail(&sr->p, L2E_EPARSE,
		                           "row %lu is out of order or "
		                           "out of range",
		                           n);
	}
	sr->row = n;
	sr->n_cells = 0;
	sr->last_col = 0;
	return 0;
}

static int read_rows(sheet_reader *sr)
{
	int got, error = 0, row_depth = -1;

	while ((got = l2e__xlsx_part_next(&sr->p)) == 1) {
		if (l2e__xlsx_is_start(&sr->p, "row")) {
			if ((error = start_row(sr)) < 0)
				return error;
			if (xmlTextReaderIsEmptyElement(sr->p.r))
				continue;
			row_depth = xmlTextReaderDepth(sr->p.r);
		} else if (row_depth >= 0 &&
		           l2e__xlsx_is_end_at(&sr->p, row_depth)) {
			row_depth = -1;
			if ((error = end_row(sr)) < 0)
				return error;
		} else if (row_depth >= 0 && l2e__xlsx_is_start(&sr->p, "c")) {
			if ((error = read_cell(sr)) < 0)
				return error;
		}
	}
	return got;
}

int l2e__xlsx_sheet_table(l2e__node **out, l2e__xlsx *wb, size_t i)
{
	sheet_reader sr;
	l2e_buf label = L2E_BUF_INIT, file = L2E_BUF_INIT;
	int error;

	*out = NULL;
	memset(&sr, 0, sizeof(sr));
	sr.wb = wb;
	sr.sheet = wb->sheets[i].name;
	if (l2e__buf_printf(&label, "sheet %s", sr.sheet) < 0 ||
	    /* a finding's file is not sanitised: the sheet name is input */
	    l2e__buf_printf(&file, "%s, sheet ", wb->name) < 0 ||
	    l2e__natid_safe_text(&file, sr.sheet, 64) < 0 ||
	    !(sr.file = l2e__pool_strdup(wb->pool, file.ptr)) ||
	    !(sr.table = l2e__node_new(wb->pool, L2E__NODE_ARRAY, 1, 1))) {
		error = l2e__error_set(wb->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	if ((error = l2e__xlsx_part_open(&sr.p, wb, wb->sheets[i].part,
	                                 label.ptr)) < 0 ||
	    (error = read_rows(&sr)) < 0)
		goto done;
	if (!sr.header) {
		error = l2e__error_set_at(
		    wb->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, wb->name, 0, 0,
		    NULL, "sheet %s is empty: no header row", sr.sheet);
		goto done;
	}
	*out = sr.table;
done:
	l2e__xlsx_part_close(&sr.p);
	l2e__free(sr.cells);
	l2e__free((void *)sr.header);
	l2e_buf_dispose(&sr.v);
	l2e_buf_dispose(&sr.is);
	l2e_buf_dispose(&label);
	l2e_buf_dispose(&file);
	return error;
}
