/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * optc.c - the helpers with which a reader compiles its "source" options
 * (declared in reader.h: "Helpers for compiling options").
 *
 * The mapping compiler checks the rest of a mapping with these same
 * helpers, so that a message reads the same wherever its key lives. They
 * call no reader: the table of readers (reader.c) names the readers, and
 * the readers stand on this file.
 */
#include "reader.h"

#include <stdarg.h>
#include <string.h>

#include "core/buf.h"

static int optc_vbad(l2e__optc *oc, const l2e__node *at, int is_key,
                     const char *fmt, va_list ap)
{
	l2e_buf msg = L2E_BUF_INIT;
	l2e__node where;
	int error;

	l2e__buf_vprintf(&msg, fmt, ap);
	if (at && is_key && at->key_line) {
		where = *at;
		where.line = at->key_line;
		where.column = at->key_column;
		at = &where;
	}
	error = oc->fail(oc, at, msg.ptr ? msg.ptr : "invalid mapping");
	l2e_buf_dispose(&msg);
	return error;
}

int l2e__optc_bad(l2e__optc *oc, const l2e__node *at, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = optc_vbad(oc, at, 0, fmt, ap);
	va_end(ap);
	return error;
}

int l2e__optc_bad_key(l2e__optc *oc, const l2e__node *at, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = optc_vbad(oc, at, 1, fmt, ap);
	va_end(ap);
	return error;
}

static const char *kind_name(l2e__node_kind k)
{
	static const char *names[] = { "null",     "true/false", "a number",
		                       "a string", "an array",   "an object" };
	return names[k];
}

int l2e__optc_expect(l2e__optc *oc, const l2e__node *n, l2e__node_kind kind,
                     const char *what)
{
	if (n->kind == kind)
		return 0;
	return l2e__optc_bad(oc, n, "%s must be %s, not %s", what,
	                     kind_name(kind), kind_name(n->kind));
}

int l2e__optc_text(l2e__optc *oc, const l2e__node *n, const char **out,
                   const char *what)
{
	if (!l2e__node_is_scalar(n))
		return l2e__optc_bad(
		    oc, n, "%s must be a string, number or true/false", what);
	*out = l2e__pool_strdup(oc->pool, n->text);
	return *out ? 0 : oc->oom(oc);
}

const void *l2e__row_find(const void *rows, size_t n, size_t size,
                          const char *key)
{
	const char *row = rows;
	size_t i;

	for (i = 0; i < n; i++, row += size)
		if (!strcmp(*(const char *const *)row, key))
			return row;
	return NULL;
}

int l2e__optc_check_rows(l2e__optc *oc, const l2e__node *obj, const void *rows,
                         size_t n, size_t size, const char *what)
{
	const l2e__node *c;

	for (c = obj->first; c; c = c->next)
		if (!l2e__row_find(rows, n, size, c->key))
			return l2e__optc_bad_key(
			    oc, c, "unknown key \"%s\" in %s", c->key, what);
	return 0;
}

const l2e__option *l2e__option_find(const l2e__option *options, size_t n,
                                    const char *key)
{
	return l2e__row_find(options, n, sizeof(*options), key);
}

int l2e__optc_check_keys(l2e__optc *oc, const l2e__node *obj,
                         const l2e__option *options, size_t n, const char *what)
{
	return l2e__optc_check_rows(oc, obj, options, n, sizeof(*options),
	                            what);
}

int l2e__optc_compile(l2e__optc *oc, void *out, const l2e__node *obj,
                      const l2e__option *options, size_t n)
{
	const l2e__node *v;
	size_t i;
	int error;

	for (i = 0; i < n; i++) {
		if (options[i].refusal || !options[i].compile ||
		    !(v = l2e__node_member(obj, options[i].key)))
			continue;
		if ((error = options[i].compile(oc, out, v)) < 0)
			return error;
	}
	return 0;
}

int l2e__optc_encoding(l2e__optc *oc, const char **out, const l2e__node *v)
{
	int error;

	if ((error =
	         l2e__optc_expect(oc, v, L2E__NODE_STRING, "\"encoding\"")) < 0)
		return error;
	if (!strcmp(v->text, "utf-8"))
		*out = "utf-8";
	else if (!strcmp(v->text, "windows-1252"))
		*out = "windows-1252";
	else if (strcmp(v->text, "auto") != 0)
		return l2e__optc_bad(oc, v,
		                     "\"encoding\" is \"auto\", \"utf-8\" or "
		                     "\"windows-1252\"");
	return 0;
}
