/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv.c - RFC 4180 CSV parsing (see csv.h).
 */
#include "csv.h"

#include <stdarg.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"

typedef struct csv {
	l2e_ctx *ctx;
	l2e__pool *pool;
	const char *name;
	const char *p;
	const char *end;
	unsigned line;
	unsigned column;
	char sep;
	l2e_buf field;
} csv;

static void step(csv *c)
{
	if (*c->p == '\n') {
		c->line++;
		c->column = 1;
	} else if (((unsigned char)*c->p & 0xC0) != 0x80) {
		c->column++;
	}
	c->p++;
}

static int at_line_end(const csv *c)
{
	return c->p == c->end || *c->p == '\n' || *c->p == '\r';
}

static void skip_line_end(csv *c)
{
	if (c->p < c->end && *c->p == '\r')
		step(c);
	if (c->p < c->end && *c->p == '\n')
		step(c);
}

static int fail(csv *c, int code, unsigned line, unsigned column,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(csv *c, int code, unsigned line, unsigned column,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(c->ctx, code, L2E_ERRCLASS_READ, c->name, line,
	                   column, NULL, fmt, ap);
	va_end(ap);
	return code;
}

/*
 * NUL and the control characters other than tab, CR and LF have no
 * place in an export: they are errors at their line and column rather
 * than being cleaned away, so that a damaged file is noticed.
 */
static int bad_char(csv *c)
{
	unsigned char b = (unsigned char)*c->p;

	if (b == '\0')
		return fail(c, L2E_EPARSE, c->line, c->column,
		            "NUL byte in CSV text");
	return fail(c, L2E_EPARSE, c->line, c->column,
	            "control character U+%04X in CSV text; remove it from "
	            "the export",
	            b);
}

static int is_bad_char(char ch)
{
	unsigned char b = (unsigned char)ch;

	return (b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F;
}

/* Read one field into c->field; the cursor stops at the separator,
 * the line end or the end of the text. */
static int read_field(csv *c)
{
	unsigned line = c->line, column = c->column;
	size_t max = c->ctx->opts.max_string_bytes;
	int error = 0;

	l2e__buf_clear(&c->field);
	if (c->p < c->end && *c->p == '"') {
		step(c);
		for (;;) {
			if (c->p == c->end)
				return fail(c, L2E_EPARSE, line, column,
				            "quoted field is never closed");
			if (*c->p == '"') {
				step(c);
				if (c->p < c->end && *c->p == '"') {
					error = l2e__buf_putc(&c->field, '"');
					step(c);
				} else {
					break;
				}
			} else if (is_bad_char(*c->p)) {
				return bad_char(c);
			} else {
				error = l2e__buf_putc(&c->field, *c->p);
				step(c);
			}
			if (error)
				return l2e__error_set(c->ctx, error,
				                      L2E_ERRCLASS_READ,
				                      "out of memory");
			if (c->field.len > max)
				return fail(c, L2E_ELIMIT, line, column,
				            "a field is longer than "
				            "max_string_bytes (%zu bytes)",
				            max);
		}
		if (c->p < c->end && *c->p != c->sep && !at_line_end(c))
			return fail(
			    c, L2E_EPARSE, c->line, c->column,
			    "unexpected character after a closing quote "
			    "(a quote inside a field is written \"\")");
		return 0;
	}
	while (c->p < c->end && *c->p != c->sep && !at_line_end(c)) {
		if (is_bad_char(*c->p))
			return bad_char(c);
		if (l2e__buf_putc(&c->field, *c->p) < 0)
			return l2e__error_set(c->ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_READ,
			                      "out of memory");
		step(c);
		if (c->field.len > max)
			return fail(c, L2E_ELIMIT, line, column,
			            "a field is longer than max_string_bytes "
			            "(%zu bytes)",
			            max);
	}
	return 0;
}

/* ';' or ',': whichever the header line has more of, outside quotes. */
static char detect_separator(const char *p, const char *end)
{
	size_t semi = 0, comma = 0, tab = 0;
	int quoted = 0;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

/* A reader at the start of `text`; the separator guessed when 0. */
static void csv_start(csv *c, l2e_ctx *ctx, l2e__pool *pool, const char *name,
                      const char *text, size_t len, char separator)
{
	memset(c, 0, sizeof(*c));
	c->ctx = ctx;
	c->pool = pool;
	c->name = name;
	c->p = text;
	c->end = text + len;
	c->line = 1;
	c->column = 1;
	c->sep = separator ? separator : detect_separator(text, c->end);
}

int l2e__csv_parse(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   const char *name, const char *text, size_t len,
                   char separator)
{
	csv c;
	l2e__node *table = NULL, *row, *cell;
	const char **header = NULL, **grown;
	size_t n_header = 0, cap_header = 0, n_fields, i, n_rows = 0;
	size_t max_columns = ctx->opts.max_columns;
	unsigned row_line, row_column, cell_line, cell_column;
	int error = 0;

	*out = NULL;
	csv_start(&c, ctx, pool, name, text, len, separator);

	if (!(table = l2e__node_new(pool, L2E__NODE_ARRAY, 1, 1))) {
		error = L2E_ENOMEM;
		goto done;
	}
	/* the header */
	while (c.p < c.end) {
		cell_line = c.line;
		cell_column = c.column;
		if ((error = read_field(&c)) < 0)
			goto done;
		if (n_header == max_columns) {
			error = fail(&c, L2E_ELIMIT, cell_line, cell_column,
			             "more than max_columns (%zu) columns",
			             max_columns);
			goto done;
		}
		if (n_header == cap_header) {
			cap_header = cap_header ? cap_header * 2 : 32;
			grown = l2e__realloc((void *)header,
			                     cap_header * sizeof(*header));
			if (!grown) {
				error = L2E_ENOMEM;
				goto done;
			}
			header = grown;
		}
		for (i = 0; i < n_header; i++)
			if (!strcmp(header[i],
			            c.field.ptr ? c.field.ptr : "")) {
				error =
				    fail(&c, L2E_EPARSE, cell_line, cell_column,
				         "a column name appears twice in the "
				         "header");
				goto done;
			}
		header[n_header] =
		    l2e__pool_strdup(pool, c.field.ptr ? c.field.ptr : "");
		if (!header[n_header++]) {
			error = L2E_ENOMEM;
			goto done;
		}
		if (at_line_end(&c))
			break;
		step(&c); /* separator */
	}
	if (!n_header) {
		error = fail(&c, L2E_EPARSE, 1, 1, "no header line");
		goto done;
	}
	skip_line_end(&c);

	while (c.p < c.end) {
		if (at_line_end(&c)) { /* an empty line */
			skip_line_end(&c);
			continue;
		}
		if (++n_rows > ctx->opts.max_rows) {
			error = fail(&c, L2E_ELIMIT, c.line, 1,
			             "more than max_rows (%zu) rows",
			             ctx->opts.max_rows);
			goto done;
		}
		/* every cell is a node (~130 bytes), even an empty one */
		if (n_rows > ctx->opts.max_values / n_header) {
			error = fail(&c, L2E_ELIMIT, c.line, 1,
			             "more than max_values (%zu) cells in "
			             "this table",
			             ctx->opts.max_values);
			goto done;
		}
		row_line = c.line;
		row_column = c.column;
		if (!(row = l2e__node_new(pool, L2E__NODE_OBJECT, row_line,
		                          row_column))) {
			error = L2E_ENOMEM;
			goto done;
		}
		l2e__node_append(table, row);
		for (n_fields = 0;; n_fields++) {
			cell_line = c.line;
			cell_column = c.column;
			if ((error = read_field(&c)) < 0)
				goto done;
			if (n_fields < n_header) {
				cell = l2e__node_new(pool, L2E__NODE_STRING,
				                     cell_line, cell_column);
				if (!cell) {
					error = L2E_ENOMEM;
					goto done;
				}
				cell->key = header[n_fields];
				cell->key_line = 1;
				cell->len = c.field.len;
				cell->text = l2e__pool_strndup(
				    pool, c.field.ptr ? c.field.ptr : "",
				    c.field.len);
				if (!cell->text) {
					error = L2E_ENOMEM;
					goto done;
				}
				l2e__node_append(row, cell);
			}
			if (at_line_end(&c))
				break;
			step(&c);
		}
		if (n_fields + 1 != n_header) {
			error = fail(&c, L2E_EPARSE, row_line, row_column,
			             "this row has %zu fields, the header "
			             "has %zu",
			             n_fields + 1, n_header);
			goto done;
		}
		skip_line_end(&c);
	}
	*out = table;
done:
	if (error == L2E_ENOMEM)
		l2e__error_set(ctx, error, L2E_ERRCLASS_READ, "out of memory");
	l2e__free((void *)header);
	l2e_buf_dispose(&c.field);
	return error;
}

/*
 * Headerless: every row an array of string cells. The limits are the
 * same as with a header (max_rows, max_values, max_string_bytes), and a
 * row of more than max_columns fields is refused where its field starts.
 */
int l2e__csv_parse_rows(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                        const char *name, const char *text, size_t len,
                        char separator)
{
	csv c;
	l2e__node *table = NULL, *row, *cell;
	size_t n_fields, n_rows = 0, n_values = 0;
	size_t max_columns = ctx->opts.max_columns;
	unsigned cell_line, cell_column;
	int error = 0;

	*out = NULL;
	csv_start(&c, ctx, pool, name, text, len, separator);

	if (!(table = l2e__node_new(pool, L2E__NODE_ARRAY, 1, 1))) {
		error = L2E_ENOMEM;
		goto done;
	}
	while (c.p < c.end) {
		if (at_line_end(&c)) { /* an empty line */
			skip_line_end(&c);
			continue;
		}
		if (++n_rows > ctx->opts.max_rows) {
			error = fail(&c, L2E_ELIMIT, c.line, 1,
			             "more than max_rows (%zu) rows",
			             ctx->opts.max_rows);
			goto done;
		}
		if (!(row = l2e__node_new(pool, L2E__NODE_ARRAY, c.line,
		                          c.column))) {
			error = L2E_ENOMEM;
			goto done;
		}
		l2e__node_append(table, row);
		for (n_fields = 0;; n_fields++) {
			cell_line = c.line;
			cell_column = c.column;
			if (n_fields == max_columns) {
				error =
				    fail(&c, L2E_ELIMIT, cell_line, cell_column,
				         "more than max_columns (%zu) fields "
				         "in a row",
				         max_columns);
				goto done;
			}
			if (++n_values > ctx->opts.max_values) {
				error =
				    fail(&c, L2E_ELIMIT, cell_line, cell_column,
				         "more than max_values (%zu) cells in "
				         "this table",
				         ctx->opts.max_values);
				goto done;
			}
			if ((error = read_field(&c)) < 0)
				goto done;
			cell = l2e__node_new(pool, L2E__NODE_STRING, cell_line,
			                     cell_column);
			if (!cell || !(cell->text = l2e__pool_strndup(
			                   pool, c.field.ptr ? c.field.ptr : "",
			                   c.field.len))) {
				error = L2E_ENOMEM;
				goto done;
			}
			cell->len = c.field.len;
			l2e__node_append(row, cell);
			if (at_line_end(&c))
				break;
			step(&c);
		}
		skip_line_end(&c);
	}
	*out = table;
done:
	if (error == L2E_ENOMEM)
		l2e__error_set(ctx, error, L2E_ERRCLASS_READ, "out of memory");
	l2e_buf_dispose(&c.field);
	return error;
}
