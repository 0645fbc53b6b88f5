/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_spread_emit.c - `mapping init`, a spread export: the places in
 * referred objects named after their kind ("programme" + "name"), the
 * joined paths turned into the mapping's `$lookup(table, path)`, and
 * the `lookups` and `records_where` of the draft.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "draft/draft_json.h"

#include "draft/draft_kinds.h"

#include "core/buf.h"
#include "util/alloc.h"

#define LOOKUP_AT "['$lookup("
#define FIRST_AT  "['$at:"

static const skind *kind_named(const l2e__dspread *s, const char *p, size_t len)
{
	size_t k;

	for (k = 0; k < s->n_kinds; k++)
		if (strlen(s->kinds[k].table) == len &&
		    !strncmp(s->kinds[k].table, p, len))
			return &s->kinds[k];
	return NULL;
}

/* The kind of the last referred object on `path`, and where the path
 * goes on after it. */
static const skind *last_kind(const l2e__dspread *s, const char *path,
                              const char **tail)
{
	const char *at = NULL, *p = path, *t, *end;

	while ((p = strstr(p, LOOKUP_AT)))
		at = p++;
	if (!at)
		return NULL;
	t = at + strlen(LOOKUP_AT);
	if (!(end = strchr(t, ',')) || !(*tail = strstr(t, ")']")))
		return NULL;
	*tail += 3;
	return kind_named(s, t, (size_t)(end - t));
}

/* The name of the last step on `tail` that is not a number nor a code
 * ("countryCode" for countryCode.iso3166-1-alpha2), into `out`. */
static void step_name(const char *tail, char *out, size_t size)
{
	char tok[128], prev[128];
	size_t n, len = strlen(tail), i = 0;
	int digit, only_digits;

	out[0] = prev[0] = '\0';
	if (len >= 9 && !strcmp(tail + len - 9, "[0].value"))
		len -= 9;
	while (i < len) {
		for (n = 0, digit = 0, only_digits = 1;
		     i < len && !strchr(".[]'", tail[i]); i++) {
			if (n + 1 < sizeof(tok))
				tok[n++] = tail[i];
			digit |= tail[i] >= '0' && tail[i] <= '9';
			only_digits &= tail[i] >= '0' && tail[i] <= '9';
		}
		i++;
		tok[n] = '\0';
		if (!n || only_digits)
			continue;
		snprintf(prev, sizeof(prev), "%s", out);
		snprintf(out, size, "%s",
		         !strncmp(tok, "$at:", 4) ? tok + 4 : tok);
		if ((digit || strchr(out, '-')) && *prev)
			snprintf(out, size, "%s", prev);
	}
}

/* Whether `c` holds ids, not a field: a member that refers to another
 * kind (a "$lookup(t, member)" stands beside it), or a referred
 * object's own id. */
static int is_id_place(const l2e__dspread *s, const l2e__dgroup *g,
                       const l2e__dcol *c)
{
	const char *step = strrchr(c->path, '.'), *tail, *p;
	const skind *k;
	size_t len, j;

	step = step ? step + 1 : c->path;
	len = (size_t)(step - c->path) - (step > c->path);
	if ((k = last_kind(s, c->path, &tail)) && k->id && tail[0] == '.' &&
	    !strcmp(tail + 1, k->id))
		return 1;
	for (j = 0; j < g->n_cols; j++) {
		p = g->cols[j].path;
		if (strncmp(p, c->path, len) ||
		    strncmp(p + len, LOOKUP_AT, strlen(LOOKUP_AT)))
			continue;
		p = strchr(p + len, ',');
		if (p && !strncmp(p + 2, step, strlen(step)) &&
		    !strncmp(p + 2 + strlen(step), ")']", 3))
			return 1;
	}
	return 0;
}

/* A place in a referred object is named after its kind: the name of a
 * programme is "programmename", so that it is the title and the
 * offering's "name" is not; its dates are not the enrolment's. */
void l2e__draft_spread_names(l2e__draft *d)
{
	const l2e__dspread *s = d->spread;
	const skind *k;
	const char *tail, *norm;
	char step[128], name[300];
	size_t i, j;

	if (!s)
		return;
	for (i = 0; i < d->n_groups; i++)
		for (j = 0; j < d->groups[i].n_cols; j++) {
			l2e__dcol *c = &d->groups[i].cols[j];

			if (is_id_place(s, &d->groups[i], c))
				c->placed = 1;
			if (!(k = last_kind(s, c->path, &tail)))
				continue;
			step_name(tail, step, sizeof(step));
			if (!*step)
				continue;
			snprintf(name, sizeof(name), "%s%s", k->noun, step);
			if ((norm = l2e__draft_norm(&d->pool, name)))
				c->last = norm;
		}
}

/* The words of the page kind a group's list is in, but the person's
 * ("programme offering associations"), or NULL. */
const char *l2e__draft_spread_words(l2e__draft *d, const l2e__dgroup *g)
{
	const l2e__dspread *s = d->spread;
	const skind *k;
	const char *tail, *w, *mw;
	char out[256];
	size_t n = 0, len;

	if (!s || !(k = last_kind(s, g->each, &tail)) || !k->is_page ||
	    tail[0] != '.' || strcmp(tail + 1, k->items))
		return NULL;
	mw = s->kinds[s->main].words;
	for (w = k->words; *w; w += len + (w[len] == ' ')) {
		len = strcspn(w, " ");
		if (!(strlen(mw) >= len && !strncmp(mw, w, len) &&
		      (mw[len] == ' ' || !mw[len])) &&
		    n + len + 2 < sizeof(out)) {
			if (n)
				out[n++] = ' ';
			memcpy(out + n, w, len);
			n += len;
		}
	}
	out[n] = '\0';
	return l2e__pool_strdup(&d->pool, out);
}

/* `path` in the mapping's syntax: ['$lookup(t, id)'] after a prefix P
 * is $lookup(t, P.id); ['$at:name'] is .name[0]. NULL: out of memory. */
static const char *rewrite(l2e__pool *pool, const char *path)
{
	l2e_buf out = L2E_BUF_INIT, next = L2E_BUF_INIT;
	const char *p = path, *close, *comma, *res = NULL;
	int error = 0;

	if (!strstr(path, "['$"))
		return path;
	while (*p && !error) {
		if (!strncmp(p, LOOKUP_AT, strlen(LOOKUP_AT)) &&
		    (close = strstr(p, ")']")) && (comma = strchr(p, ',')) &&
		    comma < close) {
			const char *t = p + strlen(LOOKUP_AT), *id = comma + 1;

			while (*id == ' ')
				id++;
			l2e__buf_clear(&next);
			error =
			    l2e__buf_printf(
			        &next, "$lookup(%.*s, %s%s%.*s)",
			        (int)(comma - t), t, out.len ? out.ptr : "",
			        out.len ? "." : "", (int)(close - id), id) < 0;
			l2e__buf_clear(&out);
			error |= l2e__buf_puts(&out, next.ptr) < 0;
			p = close + 3;
		} else if (!strncmp(p, FIRST_AT, strlen(FIRST_AT)) &&
		           (close = strstr(p, "']"))) {
			const char *n = p + strlen(FIRST_AT);

			error = l2e__buf_printf(&out, "%s%.*s[0]",
			                        out.len ? "." : "",
			                        (int)(close - n), n) < 0;
			p = close + 2;
		} else {
			error = l2e__buf_putc(&out, *p++) < 0;
		}
	}
	if (!error)
		res = l2e__pool_strdup(pool, out.ptr ? out.ptr : "");
	l2e_buf_dispose(&out);
	l2e_buf_dispose(&next);
	return res;
}

int l2e__draft_spread_paths(l2e__draft *d)
{
	size_t i, j;

	if (!d->spread)
		return 0;
	for (i = 0; i < d->n_groups; i++) {
		l2e__dgroup *g = &d->groups[i];

		if (!(g->each = rewrite(&d->pool, g->each)) ||
		    (g->where_path &&
		     !(g->where_path = rewrite(&d->pool, g->where_path))))
			return -1;
		for (j = 0; j < g->n_cols; j++)
			if (!(g->cols[j].path =
			          rewrite(&d->pool, g->cols[j].path)))
				return -1;
	}
	return 0;
}

int l2e__draft_spread_emit(void *root_, const l2e__draft *d)
{
	cJSON *root = root_, *lookups, *t, *dossier, *w;
	const l2e__dspread *s = d->spread;
	char text[600];
	size_t k;
	int error = 0;

	if (!s)
		return 0;
	if (!(lookups = cJSON_CreateObject()) ||
	    l2e__djson_add(root, "lookups", lookups) < 0)
		return -1;
	for (k = 0; k < s->n_kinds && !error; k++) {
		const skind *kd = &s->kinds[k];

		if (!kd->used)
			continue;
		if (!(t = cJSON_CreateObject()) ||
		    l2e__djson_add(lookups, kd->table, t) < 0)
			return -1;
		error |= l2e__djson_add_str(t, "files", kd->glob);
		if (kd->is_page)
			snprintf(text, sizeof(text), "%s[0].%s", kd->items,
			         kd->link);
		error |=
		    l2e__djson_add_str(t, "key", kd->is_page ? text : kd->id);
		if (kd->is_page)
			snprintf(text, sizeof(text),
			         "a page of records for each student (files: "
			         "%zu), found by the student's '%s' in '%s' "
			         "of its first record. Fetched from an API? "
			         "Add \"url\": the page's address relative to "
			         "the students' address, with {id} where the "
			         "student's id goes",
			         kd->n_ents, s->main_id, kd->link);
		else
			snprintf(text, sizeof(text),
			         "objects (%zu) referred to by their '%s'. "
			         "Fetched from an API? Add \"url\": the "
			         "object's address relative to the students' "
			         "address, with {id} where its id goes (such "
			         "as \"%.*s/{id}\")",
			         kd->n_ents, kd->id,
			         (int)(strchr(kd->glob, '/')
			                   ? strchr(kd->glob, '/') - kd->glob
			                   : (long)strlen(kd->table)),
			         strchr(kd->glob, '/') ? kd->glob : kd->table);
		error |= l2e__djson_add_str(t, "comment", text);
	}
	dossier = cJSON_GetObjectItemCaseSensitive(root, "dossier");
	if (dossier && s->where) {
		if (!(w = cJSON_CreateObject()) ||
		    l2e__djson_add(dossier, "records_where", w) < 0)
			return -1;
		error |= l2e__djson_add_str(w, "path", s->where);
		error |= l2e__djson_add(w, "exists", cJSON_CreateTrue());
		snprintf(text, sizeof(text),
		         "only the %zu files of '%s' are students: the other "
		         "files given are read through \"lookups\"",
		         s->kinds[s->main].n_ents, s->kinds[s->main].glob);
		error |= l2e__djson_add_str(w, "comment", text);
	}
	return error ? -1 : 0;
}
