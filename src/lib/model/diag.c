/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * diag.c - findings about a dossier (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>

#include "core/buf.h"

#define QUOTE_MAX 80

void l2e__diag_add(l2e__diags *d, l2e_severity severity, const l2e__node *at,
                   const char *rule, const char *fmt, ...)
{
	l2e_buf path = L2E_BUF_INIT;
	const char *field = NULL;
	va_list ap;

	/* the node's source path is the field; without it the finding
	 * still counts, but no finding may lose a part silently. A JSON
	 * Lines record is its own root: its path is empty, not lost. */
	if (at && !d->is_truncated) {
		if (l2e__node_path(&path, at) < 0)
			d->is_oom = 1;
		else
			field = path.ptr;
	}
	/* a table of a CSV bundle names its own file; the collector
	 * copies it, since the dossier outlives the tree */
	va_start(ap, fmt);
	l2e__findings_vadd(d, severity, at ? l2e__node_file(at) : NULL,
	                   at ? at->line : 0, at ? at->column : 0, field, rule,
	                   fmt, ap);
	va_end(ap);
	l2e_buf_dispose(&path);
}

const char *l2e__diag_quote(l2e__diags *d, const char *value)
{
	l2e_buf safe = L2E_BUF_INIT;
	const char *out;

	/* out of memory: "?" keeps the message going, and the sticky flag
	 * makes the evaluation end in L2E_ENOMEM all the same */
	if (l2e__findings_safe_text(&safe, value, QUOTE_MAX) < 0 || !safe.ptr) {
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
	l2e__findings_dispose(d);
}
