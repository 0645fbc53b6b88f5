/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * findings.c - the one findings type (see findings.h).
 */
#include "model/findings.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/natid.h"

int l2e__findings_safe_text(l2e_buf *out, const char *raw, size_t max)
{
	return l2e__natid_safe_text(out, raw, max);
}

const char *l2e__findings_strdup(l2e__findings *f, const char *s)
{
	const char *copy;

	if (!s)
		return NULL;
	copy = l2e__pool_strdup(f->pool, s);
	if (!copy)
		f->is_oom = 1;
	return copy;
}

static int grow(l2e__findings *f)
{
	size_t cap;
	l2e_diag *items;

	if (f->n_items < f->cap)
		return 0;
	cap = f->cap ? f->cap * 2 : 16;
	items = l2e__realloc(f->items, cap * sizeof(*items));
	if (!items)
		return L2E_ENOMEM;
	f->items = items;
	f->cap = cap;
	return 0;
}

/* Keep a finding whose strings are safe already; they are copied. */
static void keep(l2e__findings *f, l2e_severity severity, const char *file,
                 unsigned line, unsigned column, const char *field,
                 const char *rule, const char *message)
{
	l2e_diag *d;

	if (grow(f) < 0) {
		f->is_oom = 1;
		return;
	}
	d = &f->items[f->n_items];
	memset(d, 0, sizeof(*d));
	d->severity = severity;
	/* the collector's file is in its pool already */
	d->file = file ? l2e__findings_strdup(f, file) : f->file;
	d->line = line;
	d->column = column;
	d->message = l2e__findings_strdup(f, message);
	d->field = l2e__findings_strdup(f, field);
	d->rule = l2e__findings_strdup(f, rule);
	if (d->message && d->file && (!field || d->field) && (!rule || d->rule))
		f->n_items++;
	else
		f->is_oom = 1;
}

/* The one finding past the cap (see l2e__findings_cap). */
static void keep_cap_note(l2e__findings *f, l2e_severity severity, size_t max)
{
	l2e_buf msg = L2E_BUF_INIT;

	f->is_truncated = 1;
	if (f->cap_style == L2E__CAP_MAX_FINDINGS) {
		keep(f, L2E_SEVERITY_WARNING, NULL, 0, 0, NULL, "too-many",
		     "too many findings; the rest are left out");
		return;
	}
	if (l2e__buf_printf(&msg,
	                    "more than max_diags (%zu) findings; the rest "
	                    "are left out",
	                    max) < 0)
		f->is_oom = 1;
	else
		keep(f, severity, NULL, 0, 0, NULL, NULL, msg.ptr);
	l2e_buf_dispose(&msg);
}

void l2e__findings_vadd(l2e__findings *f, l2e_severity severity,
                        const char *file, unsigned line, unsigned column,
                        const char *field, const char *rule, const char *fmt,
                        va_list ap)
{
	l2e_buf raw = L2E_BUF_INIT, msg = L2E_BUF_INIT, safe = L2E_BUF_INIT;
	size_t max = f->max_items ? f->max_items : L2E_DEFAULT_MAX_DIAGS;
	size_t room = max;

	/* counted before the cap: the verdict takes every finding */
	if (severity == L2E_SEVERITY_ERROR)
		f->n_errors++;
	else
		f->n_warnings++;
	if (f->is_truncated)
		return;
	if (f->cap_style == L2E__CAP_MAX_FINDINGS)
		room--; /* the note is one of max_items */
	if (f->n_items >= room) {
		keep_cap_note(f, severity, max);
		return;
	}
	if (l2e__buf_vprintf(&raw, fmt, ap) < 0)
		f->is_oom = 1;
	if (raw.ptr && l2e__findings_safe_text(&msg, raw.ptr,
	                                       L2E__FINDING_MESSAGE_MAX) < 0)
		f->is_oom = 1;
	/* a path holds member names, which are document text too */
	if (field &&
	    l2e__findings_safe_text(&safe, field, L2E__FINDING_FIELD_MAX) < 0)
		f->is_oom = 1;
	if (msg.ptr && (!field || safe.ptr))
		keep(f, severity, file, line, column, field ? safe.ptr : NULL,
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

void l2e__findings_sort(l2e__findings *f)
{
	ranked *tmp;
	size_t i;

	if (f->n_items < 2)
		return;
	tmp = l2e__calloc(f->n_items, sizeof(*tmp));
	if (!tmp)
		return; /* unsorted is still correct */
	for (i = 0; i < f->n_items; i++) {
		tmp[i].d = f->items[i];
		tmp[i].order = i;
	}
	qsort(tmp, f->n_items, sizeof(*tmp), by_place);
	for (i = 0; i < f->n_items; i++)
		f->items[i] = tmp[i].d;
	l2e__free(tmp);
}

const char *l2e__severity_name(l2e_severity severity)
{
	return severity == L2E_SEVERITY_ERROR ? "error" : "warning";
}

void l2e__findings_dispose(l2e__findings *f)
{
	if (!f)
		return;
	l2e__free(f->items);
	f->items = NULL;
	f->n_items = f->cap = 0;
	l2e__pool_clear(&f->own_pool);
}
