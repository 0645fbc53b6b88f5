/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * report.c - the report about one document: made, read through the
 * public accessors, and written as text or JSON. A report is the one
 * findings type (model/findings.h), which collects, caps, redacts and
 * sorts its findings; the validator fills in kind, version and schema.
 */
#include "validate/validate_int.h"

#include <stdarg.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "util/json_escape.h"

#define DEFAULT_MAX_FINDINGS 1000

l2e_report *l2e__report_new(const char *file, size_t max_items)
{
	l2e_report *r = l2e__calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->pool = &r->own_pool;
	r->max_items = max_items ? max_items : DEFAULT_MAX_FINDINGS;
	r->cap_style = L2E__CAP_MAX_FINDINGS;
	r->file = l2e__pool_strdup(r->pool, file ? file : "-");
	if (!r->file) {
		l2e_report_free(r);
		return NULL;
	}
	return r;
}

const char *l2e__report_strdup(l2e_report *r, const char *s)
{
	return l2e__findings_strdup(r, s);
}

void l2e__report_add(l2e_report *r, l2e_severity severity, unsigned line,
                     unsigned column, const char *field, const char *rule,
                     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__findings_vadd(r, severity, NULL, line, column, field, rule, fmt,
	                   ap);
	va_end(ap);
}

void l2e__report_sort(l2e_report *r)
{
	l2e__findings_sort(r);
}

/* ==== Public accessors ==== */

void l2e_report_free(l2e_report *r)
{
	if (!r)
		return;
	l2e__findings_dispose(r);
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
	        r->kind == L2E_DOC_CV_XML || r->kind == L2E_DOC_EDC) &&
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
	case L2E_DOC_EDC: return "edc";
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
			                        l2e__severity_name(d->severity),
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
	/* never "valid" for a check that did not run */
	return l2e__buf_printf(
	    out, "%s: %s (%s%s%s; %zu error%s, %zu warning%s%s)\n", r->file,
	    !l2e_report_is_valid(r)           ? "invalid"
	    : r->schema == L2E_SCHEMA_SKIPPED ? "valid by the built-in checks; "
	                                        "official schemas not installed"
	                                      : "valid",
	    l2e_doc_kind_name(r->kind), r->version ? " " : "",
	    r->version ? r->version : "", r->n_errors,
	    r->n_errors == 1 ? "" : "s", r->n_warnings,
	    r->n_warnings == 1 ? "" : "s",
	    r->schema == L2E_SCHEMA_SKIPPED && !l2e_report_is_valid(r)
	        ? "; schema validation skipped"
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
		error = l2e__buf_printf(
		    out,
		    "%s{\"severity\": \"%s\", \"line\": %u, "
		    "\"column\": %u, \"path\": ",
		    i ? ", " : "", l2e__severity_name(d->severity), d->line,
		    d->column);
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
