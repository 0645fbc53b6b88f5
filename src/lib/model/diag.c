/*
 * diag.c - findings about a dossier (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "privacy/natid.h"

#define QUOTE_MAX 80

void l2e__diag_add(l2e__diags *d, l2e_severity severity, const l2e__node *at,
                   const char *rule, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT, field = L2E_BUF_INIT;
	l2e_diag *item;
	va_list ap;

	if (severity == L2E_SEVERITY_ERROR)
		d->n_errors++;
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
	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (at)
		l2e__node_path(&field, at);
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
	if (item->message && item->file)
		d->n_items++;
	else
		d->is_oom = 1;
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&field);
}

const char *l2e__diag_quote(l2e__diags *d, const char *value)
{
	l2e_buf safe = L2E_BUF_INIT;
	size_t n = 0, len;
	const char *out;

	if (l2e__natid_redact(&safe, value, &n) < 0 || !safe.ptr) {
		l2e_buf_dispose(&safe);
		return "?";
	}
	len = safe.len;
	if (len > QUOTE_MAX) {
		len = QUOTE_MAX;
		/* do not cut a UTF-8 sequence in half */
		while (len > 0 && ((unsigned char)safe.ptr[len] & 0xC0) == 0x80)
			len--;
	}
	out = l2e__pool_strndup(d->pool, safe.ptr, len);
	l2e_buf_dispose(&safe);
	return out ? out : "?";
}

void l2e__diags_dispose(l2e__diags *d)
{
	l2e__free(d->items);
	d->items = NULL;
	d->n_items = d->cap = 0;
}
