/*
 * diag.c - findings about a dossier (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "privacy/natid.h"

#define QUOTE_MAX 80

void l2e__diag_add(l2e__diags *d, l2e_severity severity, const l2e__node *at,
                   const char *rule, const char *fmt, ...)
{
	l2e_buf raw = L2E_BUF_INIT, msg = L2E_BUF_INIT, field = L2E_BUF_INIT;
	l2e_buf path = L2E_BUF_INIT;
	size_t max = d->max_items ? d->max_items : L2E_DEFAULT_MAX_DIAGS;
	l2e_diag *item;
	va_list ap;
	int is_last = 0;

	if (severity == L2E_SEVERITY_ERROR)
		d->n_errors++;
	/* bounded: one finding past max_diags says the rest are left out;
	 * errors are still counted, so the verdict does not change */
	if (d->n_items > max)
		return;
	if (d->n_items == max) {
		is_last = 1;
		at = NULL;
		rule = NULL;
	}
	if (d->n_items == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		l2e_diag *grown = l2e__realloc(d->items, cap * sizeof(*grown));

		if (!grown) {
			d->is_oom = 1;
			return;
		}
		d->items = grown;
		d->cap = cap;
	}
	if (is_last) {
		l2e__buf_printf(&raw,
		                "more than max_diags (%zu) findings; the "
		                "rest are left out",
		                max);
	} else {
		va_start(ap, fmt);
		l2e__buf_vprintf(&raw, fmt, ap);
		va_end(ap);
	}
	/* a message never carries a national identifier or a control
	 * character, however a value got into it; nor does a path (a
	 * member name can be anything) */
	if (raw.ptr && l2e__natid_safe_text(&msg, raw.ptr, 1024) < 0)
		l2e_buf_dispose(&msg);
	if (at && (l2e__node_path(&path, at) < 0 || !path.ptr ||
	           l2e__natid_safe_text(&field, path.ptr, 256) < 0)) {
		l2e_buf_dispose(&field);
		d->is_oom = 1; /* no finding may lose a part silently */
	}
	item = &d->items[d->n_items];
	memset(item, 0, sizeof(*item));
	item->severity = severity;
	/* a table of a CSV bundle names its own file; copied, since the
	 * dossier outlives the tree */
	item->file = d->file;
	if (at && l2e__node_file(at))
		item->file = l2e__pool_strdup(d->pool, l2e__node_file(at));
	item->line = at ? at->line : 0;
	item->column = at ? at->column : 0;
	item->message = msg.ptr ? l2e__pool_strdup(d->pool, msg.ptr) : NULL;
	item->field = field.ptr ? l2e__pool_strdup(d->pool, field.ptr) : NULL;
	item->rule = rule;
	if (item->message && item->file && (item->field || !field.ptr))
		d->n_items++;
	else
		d->is_oom = 1;
	l2e_buf_dispose(&raw);
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&field);
	l2e_buf_dispose(&path);
}

const char *l2e__diag_quote(l2e__diags *d, const char *value)
{
	l2e_buf safe = L2E_BUF_INIT;
	const char *out;

	/* out of memory: "?" keeps the message going, and the sticky flag
	 * makes the evaluation end in L2E_ENOMEM all the same */
	if (l2e__natid_safe_text(&safe, value, QUOTE_MAX) < 0 || !safe.ptr) {
		l2e_buf_dispose(&safe);
		d->is_oom = 1;
		return "?";
	}
	out = l2e__pool_strndup(d->pool, safe.ptr, safe.len);
	l2e_buf_dispose(&safe);
	if (!out)
		d->is_oom = 1;
	return out ? out : "?";
}

void l2e__diags_dispose(l2e__diags *d)
{
	l2e__free(d->items);
	d->items = NULL;
	d->n_items = d->cap = 0;
}
