/*
 * report.c - the findings about one document: collected, put in
 * document order, and written as text or JSON (see validate_int.h).
 *
 * Every message passes through safe_message() before it is kept: a
 * schema error quotes the offending value, and that value may be a
 * national identifier or hold a line break. Kept messages are one line,
 * redacted and short.
 */
#include "validate/validate_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "privacy/natid.h"
#include "util/json_escape.h"

#define DEFAULT_MAX_FINDINGS 1000
#define MESSAGE_MAX          400

l2e_report *l2e__report_new(const char *file, size_t max_items)
{
	l2e_report *r = l2e__calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->max_items = max_items ? max_items : DEFAULT_MAX_FINDINGS;
	r->file = l2e__pool_strdup(&r->pool, file ? file : "-");
	if (!r->file) {
		l2e_report_free(r);
		return NULL;
	}
	return r;
}

const char *l2e__report_strdup(l2e_report *r, const char *s)
{
	const char *copy;

	if (!s)
		return NULL;
	copy = l2e__pool_strdup(&r->pool, s);
	if (!copy)
		r->is_oom = 1;
	return copy;
}

/*
 * `raw` as one line: national identifiers redacted, control characters
 * and invalid UTF-8 as one space or '?', trailing blanks dropped, cut at
 * a character boundary after MESSAGE_MAX bytes.
 */
static int safe_message(l2e_buf *out, const char *raw)
{
	l2e_buf redacted = L2E_BUF_INIT;
	const unsigned char *p;
	size_t n = 0, left, seq;
	int error;

	if ((error = l2e__natid_redact(&redacted, raw, &n)) < 0)
		goto done;
	p = (const unsigned char *)(redacted.ptr ? redacted.ptr : "");
	left = redacted.len;
	while (left > 0 && !error) {
		if (out->len >= MESSAGE_MAX) {
			error = l2e__buf_puts(out, "...");
			break;
		}
		seq = l2e__utf8_seq(p, left);
		if (seq == 0) {
			error = l2e__buf_putc(out, '?');
			seq = 1;
		} else if (*p < 0x20 || *p == 0x7F) {
			if (out->len && out->ptr[out->len - 1] != ' ')
				error = l2e__buf_putc(out, ' ');
		} else if (seq == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
			error = l2e__buf_putc(out, '?'); /* C1 control */
		} else {
			error = l2e__buf_put(out, (const char *)p, seq);
		}
		p += seq;
		left -= seq;
	}
	while (!error && out->len && out->ptr[out->len - 1] == ' ')
		out->ptr[--out->len] = '\0';
	if (!error && !out->ptr)
		error = l2e__buf_put(out, "", 0);
done:
	l2e_buf_dispose(&redacted);
	return error;
}

static int grow(l2e_report *r)
{
	size_t cap;
	l2e_diag *items;

	if (r->n_items < r->cap)
		return 0;
	cap = r->cap ? r->cap * 2 : 16;
	items = l2e__realloc(r->items, cap * sizeof(*items));
	if (!items)
		return L2E_ENOMEM;
	r->items = items;
	r->cap = cap;
	return 0;
}

static void add_item(l2e_report *r, l2e_severity severity, unsigned line,
                     unsigned column, const char *field, const char *rule,
                     const char *message)
{
	l2e_diag *d;

	if (grow(r) < 0) {
		r->is_oom = 1;
		return;
	}
	d = &r->items[r->n_items];
	memset(d, 0, sizeof(*d));
	d->severity = severity;
	d->file = r->file;
	d->line = line;
	d->column = column;
	d->message = l2e__report_strdup(r, message);
	d->field = l2e__report_strdup(r, field);
	d->rule = l2e__report_strdup(r, rule);
	if (d->message && (!field || d->field) && (!rule || d->rule))
		r->n_items++;
}

void l2e__report_add(l2e_report *r, l2e_severity severity, unsigned line,
                     unsigned column, const char *field, const char *rule,
                     const char *fmt, ...)
{
	l2e_buf raw = L2E_BUF_INIT, msg = L2E_BUF_INIT, safe = L2E_BUF_INIT;
	va_list ap;

	if (severity == L2E_SEVERITY_ERROR)
		r->n_errors++;
	else
		r->n_warnings++;
	if (r->is_truncated)
		return;
	if (r->n_items + 1 >= r->max_items) {
		r->is_truncated = 1;
		add_item(r, L2E_SEVERITY_WARNING, 0, 0, NULL, "too-many",
		         "too many findings; the rest are left out");
		return;
	}
	va_start(ap, fmt);
	if (l2e__buf_vprintf(&raw, fmt, ap) < 0)
		r->is_oom = 1;
	va_end(ap);
	if (raw.ptr && safe_message(&msg, raw.ptr) < 0)
		r->is_oom = 1;
	/* a pointer holds member names, which are document text too */
	if (field && safe_message(&safe, field) < 0)
		r->is_oom = 1;
	if (msg.ptr && (!field || safe.ptr))
		add_item(r, severity, line, column, field ? safe.ptr : NULL,
		         rule, msg.ptr);
	l2e_buf_dispose(&raw);
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&safe);
}

typedef struct ranked {
	l2e_diag d;
	size_t order;
} ranked;

static int by_place(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.column != y->d.column)
		return x->d.column < y->d.column ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void l2e__report_sort(l2e_report *r)
{
	ranked *tmp;
	size_t i;

	if (r->n_items < 2)
		return;
	tmp = l2e__calloc(r->n_items, sizeof(*tmp));
	if (!tmp)
		return; /* unsorted is still correct */
	for (i = 0; i < r->n_items; i++) {
		tmp[i].d = r->items[i];
		tmp[i].order = i;
	}
	qsort(tmp, r->n_items, sizeof(*tmp), by_place);
	for (i = 0; i < r->n_items; i++)
		r->items[i] = tmp[i].d;
	l2e__free(tmp);
}

/* ==== Public accessors ==== */

void l2e_report_free(l2e_report *r)
{
	if (!r)
		return;
	l2e__free(r->items);
	l2e__pool_clear(&r->pool);
	l2e__free(r);
}

const char *l2e_report_file(const l2e_report *r)
{
	return r ? r->file : NULL;
}

l2e_doc_kind l2e_report_kind(const l2e_report *r)
{
	return r ? r->kind : L2E_DOC_NOT_EUROPASS;
}

const char *l2e_report_version(const l2e_report *r)
{
	return r ? r->version : NULL;
}

int l2e_report_is_valid(const l2e_report *r)
{
	if (!r)
		return 0;
	return (r->kind == L2E_DOC_V3_XML || r->kind == L2E_DOC_V3_JSON ||
	        r->kind == L2E_DOC_CV_XML) &&
	       r->n_errors == 0;
}

l2e_schema_status l2e_report_schema_status(const l2e_report *r)
{
	return r ? r->schema : L2E_SCHEMA_NOT_APPLICABLE;
}

size_t l2e_report_count(const l2e_report *r)
{
	return r ? r->n_items : 0;
}

const l2e_diag *l2e_report_diag(const l2e_report *r, size_t i)
{
	return r && i < r->n_items ? &r->items[i] : NULL;
}

const char *l2e_doc_kind_name(l2e_doc_kind kind)
{
	switch (kind) {
	case L2E_DOC_V3_XML: return "europass-v3-xml";
	case L2E_DOC_V3_JSON: return "europass-v3-json";
	case L2E_DOC_CV_XML: return "europass-cv-xml";
	case L2E_DOC_OLDER: return "europass-older";
	default: return "not-europass";
	}
}

const char *l2e_schema_status_name(l2e_schema_status status)
{
	switch (status) {
	case L2E_SCHEMA_VALID: return "valid";
	case L2E_SCHEMA_INVALID: return "invalid";
	case L2E_SCHEMA_SKIPPED: return "skipped";
	default: return "not-applicable";
	}
}

/* ==== Formatting ==== */

static const char *severity_name(l2e_severity s)
{
	return s == L2E_SEVERITY_ERROR ? "error" : "warning";
}

static int format_text(l2e_buf *out, const l2e_report *r)
{
	const l2e_diag *d;
	size_t i;
	int error = 0;

	for (i = 0; i < r->n_items && !error; i++) {
		d = &r->items[i];
		error = l2e__buf_puts(out, d->file);
		if (!error && d->line)
			error = l2e__buf_printf(out, ":%u", d->line);
		if (!error && d->line && d->column)
			error = l2e__buf_printf(out, ":%u", d->column);
		if (!error)
			error = l2e__buf_printf(out, ": %s: %s",
			                        severity_name(d->severity),
			                        d->message);
		if (!error && d->field && *d->field)
			error = l2e__buf_printf(out, " (at %s)", d->field);
		if (!error && d->rule)
			error = l2e__buf_printf(out, " [%s]", d->rule);
		if (!error)
			error = l2e__buf_putc(out, '\n');
	}
	if (error)
		return error;
	return l2e__buf_printf(
	    out, "%s: %s (%s%s%s; %zu error%s, %zu warning%s%s)\n", r->file,
	    l2e_report_is_valid(r) ? "valid" : "invalid",
	    l2e_doc_kind_name(r->kind), r->version ? " " : "",
	    r->version ? r->version : "", r->n_errors,
	    r->n_errors == 1 ? "" : "s", r->n_warnings,
	    r->n_warnings == 1 ? "" : "s",
	    r->schema == L2E_SCHEMA_SKIPPED ? "; schema validation skipped"
	                                    : "");
}

/* `s` as a JSON string (or null), with quotes, escaped as cJSON does. */
static int json_string(l2e_buf *out, const char *s)
{
	size_t len;
	char *o;
	int error = 0;

	if (!s)
		return l2e__buf_puts(out, "null");
	len = strlen(s);
	/* the quotes, and the NUL that keeps `out` a C string */
	if (!(o = l2e__buf_reserve(out, L2E_JSON_ESCAPE_ROOM(len) + 3, &error)))
		return error;
	*o++ = '"';
	o = l2e__json_escape(o, s, len);
	*o++ = '"';
	*o = '\0';
	l2e__buf_commit(out, o);
	return 0;
}

static int format_json(l2e_buf *out, const l2e_report *r)
{
	const l2e_diag *d;
	size_t i;
	int error;

	error = l2e__buf_puts(out, "{\"file\": ");
	if (!error)
		error = json_string(out, r->file);
	if (!error)
		error =
		    l2e__buf_printf(out, ", \"kind\": \"%s\", \"version\": ",
		                    l2e_doc_kind_name(r->kind));
	if (!error)
		error = json_string(out, r->version);
	if (!error)
		error = l2e__buf_printf(
		    out,
		    ", \"valid\": %s, \"schema\": \"%s\", \"errors\": %zu, "
		    "\"warnings\": %zu, \"findings\": [",
		    l2e_report_is_valid(r) ? "true" : "false",
		    l2e_schema_status_name(r->schema), r->n_errors,
		    r->n_warnings);
	for (i = 0; i < r->n_items && !error; i++) {
		d = &r->items[i];
		error =
		    l2e__buf_printf(out,
		                    "%s{\"severity\": \"%s\", \"line\": %u, "
		                    "\"column\": %u, \"path\": ",
		                    i ? ", " : "", severity_name(d->severity),
		                    d->line, d->column);
		if (!error)
			error = json_string(out, d->field);
		if (!error)
			error = l2e__buf_puts(out, ", \"rule\": ");
		if (!error)
			error = json_string(out, d->rule);
		if (!error)
			error = l2e__buf_puts(out, ", \"message\": ");
		if (!error)
			error = json_string(out, d->message);
		if (!error)
			error = l2e__buf_putc(out, '}');
	}
	return error ? error : l2e__buf_puts(out, "]}");
}

int l2e_report_format(l2e_buf *out, const l2e_report *r, l2e_report_style style)
{
	L2E_ASSERT_ARG(out);
	L2E_ASSERT_ARG(r);
	switch (style) {
	case L2E_REPORT_TEXT: return format_text(out, r);
	case L2E_REPORT_JSON: return format_json(out, r);
	default: return L2E_ENOTSUPPORTED;
	}
}
