/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_compile.c - what every part of the mapping compiler uses: reporting
 * a mistake at its line:col (and, in check mode, to the callback), the
 * common value checks, and the walkers of the per-object key tables
 * (see compile.h).
 */
#include "map/compile.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "util/parse_int.h"

/* ==== Check mode ==== */

int l2e__mc_keep_going(const l2e__loader *ld, int error)
{
	return ld->cb && error == L2E_EMAPPING;
}

void l2e__mc_report(l2e__loader *ld)
{
	const l2e_error *e = l2e_ctx_error(ld->ctx);
	l2e_diag d;

	if (!ld->cb || !e)
		return;
	memset(&d, 0, sizeof(d));
	d.severity = L2E_SEVERITY_ERROR;
	d.message = e->message;
	d.file = e->file;
	d.line = e->line;
	d.column = e->column;
	d.field = e->field;
	ld->cb(&d, ld->payload);
	ld->n_errors++;
}

/* ==== Reporting ==== */

/* Where every mistake goes, the readers' options' too. */
static int fail(l2e__optc *oc, const l2e__node *at, const char *msg)
{
	l2e__loader *ld = (l2e__loader *)oc; /* oc is its first member */
	l2e_buf field = L2E_BUF_INIT;

	l2e__node_path(&field, at);
	l2e__error_set_at(ld->ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
	                  ld->map->file, at ? at->line : 0, at ? at->column : 0,
	                  field.ptr, "%s", msg);
	l2e_buf_dispose(&field);
	l2e__mc_report(ld);
	return L2E_EMAPPING;
}

int l2e__mc_oom(l2e__loader *ld)
{
	return l2e__error_set(ld->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
	                      "out of memory loading the mapping");
}

static int oc_oom(l2e__optc *oc)
{
	return l2e__mc_oom((l2e__loader *)oc);
}

void l2e__loader_init(l2e__loader *ld, l2e_ctx *ctx, l2e_mapping *map)
{
	memset(ld, 0, sizeof(*ld));
	ld->oc.pool = &map->pool;
	ld->oc.fail = fail;
	ld->oc.oom = oc_oom;
	ld->ctx = ctx;
	ld->map = map;
}

int l2e__mc_expect(l2e__loader *ld, const l2e__node *n, l2e__node_kind kind,
                   const char *what)
{
	return l2e__optc_expect(&ld->oc, n, kind, what);
}

int l2e__mc_text(l2e__loader *ld, const l2e__node *n, const char **out,
                 const char *what)
{
	return l2e__optc_text(&ld->oc, n, out, what);
}

static size_t find_table(const l2e_mapping *map, const char *name)
{
	size_t i;

	for (i = 0; i < map->n_lookups; i++)
		if (!strcmp(map->lookups[i].name, name))
			return i;
	return map->n_lookups;
}

/* Every $lookup( of `path` names a table of "lookups": its index, else
 * a mistake at `n`. map_load.c compiles "lookups" before every other
 * part, and a table's own paths see the tables before it. Binding a
 * path is part of compiling it; the tables are map_lookup.c's. */
static int path_lookups(l2e__loader *ld, l2e__path *path, const l2e__node *n)
{
	size_t i;
	int error;

	for (i = 0; i < path->n_steps; i++) {
		l2e__step *s = &path->steps[i];

		if (s->kind != L2E__STEP_LOOKUP)
			continue;
		s->index = find_table(ld->map, s->name);
		if (s->index == ld->map->n_lookups)
			return l2e__optc_bad(
			    &ld->oc, n,
			    "bad path \"%s\": no look-up table "
			    "\"%s\" in \"lookups\"",
			    n->text, s->name);
		if ((error = path_lookups(ld, (l2e__path *)s->by, n)) < 0)
			return error;
	}
	return 0;
}

int l2e__mc_path(l2e__loader *ld, l2e__path *out, const l2e__node *n)
{
	size_t at = 0;
	const char *why = NULL;
	const char *text;
	int error;

	if ((error = l2e__mc_expect(ld, n, L2E__NODE_STRING, "a path")) < 0)
		return error;
	if (!*n->text)
		return l2e__optc_bad(&ld->oc, n,
		                     "a path is empty (write \".\" for the "
		                     "current item)");
	if (!(text = l2e__pool_strdup(&ld->map->pool, n->text)))
		return l2e__mc_oom(ld);
	error = l2e__path_parse(out, &ld->map->pool, text, &at, &why);
	if (error == L2E_ENOMEM)
		return l2e__mc_oom(ld);
	if (error < 0) {
		l2e__node where = *n;

		where.column += (unsigned)at + 1; /* +1: the opening quote */
		return l2e__optc_bad(&ld->oc, &where, "bad path \"%s\": %s",
		                     n->text, why);
	}
	return path_lookups(ld, out, n);
}

int l2e__mc_number(l2e__loader *ld, long *out, const l2e__node *n, long min,
                   long max, const char *what)
{
	if (n->kind != L2E__NODE_NUMBER ||
	    l2e__parse_long(n->text, n->len, min, max, out) < 0)
		return l2e__optc_bad(&ld->oc, n,
		                     "%s is a whole number from %ld to %ld",
		                     what, min, max);
	return 0;
}

/* ==== Key tables ==== */

const l2e__key *l2e__key_find(const l2e__key *keys, size_t n, const char *key)
{
	return l2e__row_find(keys, n, sizeof(*keys), key);
}

int l2e__keys_check(l2e__loader *ld, const l2e__node *obj, const l2e__key *keys,
                    size_t n, const char *what)
{
	return l2e__optc_check_rows(&ld->oc, obj, keys, n, sizeof(*keys), what);
}

/* A key without a function: check `v` as its kind says, store it. */
static int key_value(l2e__loader *ld, void *out, const l2e__key *k,
                     const l2e__node *v)
{
	void *at = (char *)out + k->at;
	char what[64];
	int error;

	snprintf(what, sizeof(what), "\"%s\"", k->key);
	switch (k->kind) {
	case L2E__KEY_TEXT: return l2e__mc_text(ld, v, at, what);
	case L2E__KEY_PATH: return l2e__mc_path(ld, at, v);
	case L2E__KEY_COND: return k->value(ld, at, v);
	case L2E__KEY_NUMBER:
		return l2e__mc_number(ld, at, v, k->min, k->max, what);
	case L2E__KEY_BOOL:
		if ((error = l2e__mc_expect(ld, v, L2E__NODE_BOOL, what)) < 0)
			return error;
		*(int *)at = strcmp(v->text, "true") == 0;
		return 0;
	case L2E__KEY_FN: break;
	}
	return 0;
}

/* One key of `obj` by its row; `v` NULL: the key is absent. */
static int key_compile(l2e__loader *ld, void *out, const l2e__key *k,
                       const l2e__node *v, const l2e__node *obj)
{
	int error;

	if (!v && k->missing)
		return l2e__optc_bad(&ld->oc, obj, "%s", k->missing);
	if (k->kind != L2E__KEY_FN)
		error = key_value(ld, out, k, v);
	else
		error = k->compile ? k->compile(ld, out, v, obj) : 0;
	if (error == 0 && (k->flags & L2E__KEY_MARK))
		*(int *)((char *)out + k->mark) = 1;
	return error;
}

int l2e__keys_compile(l2e__loader *ld, void *out, const l2e__node *obj,
                      const l2e__key *keys, size_t n)
{
	const l2e__node *v;
	size_t i;
	int error;

	for (i = 0; i < n; i++) {
		v = l2e__node_member(obj, keys[i].key);
		if (!v && !(keys[i].flags & L2E__KEY_ALWAYS) &&
		    !keys[i].missing)
			continue;
		error = key_compile(ld, out, &keys[i], v, obj);
		if (error < 0 && !((keys[i].flags & L2E__KEY_PART) &&
		                   l2e__mc_keep_going(ld, error)))
			return error;
	}
	return 0;
}

int l2e__members_compile(l2e__loader *ld, void *out, const l2e__node *obj,
                         const l2e__key *keys, size_t n)
{
	const l2e__key *k;
	const l2e__node *v;
	int error;

	for (v = obj->first; v; v = v->next)
		if ((k = l2e__key_find(keys, n, v->key)) &&
		    (error = key_compile(ld, out, k, v, obj)) < 0)
			return error;
	return 0;
}
