/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_join.c - `mapping init` for an export whose students are not
 * one record each: spread over several kinds of file (draft_spread*.c)
 * or over rows of several record types (draft_types.c). Those build one
 * joined record per student; this file does what both need once the
 * drafter has walked them: a list that holds two sections told apart by
 * a value ("kind": "internship" / "language") becomes two sections with a
 * `where`; languages with a row per skill found by their values; an
 * `ongoing` period where the end date is missing; language-typed
 * strings picked by language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "draft/draft_json.h"

#include "draft/draft.h"

#include "core/natid.h"
#include "util/alloc.h"

#define MAX_CODES 8    /* distinct values of a column that tells sections */
#define MAX_LOOK  2000 /* records looked at for joined contact cells */

int l2e__draft_join(l2e__draft *d, l2e_ctx *ctx)
{
	size_t i;

	if (!strcmp(d->in.format, "csv") && d->in.n_tables == 1 &&
	    d->in.tables[0].headerless)
		return l2e__draft_types_join(d, ctx);
	for (i = 0; !strcmp(d->in.format, "csv") && i < d->in.n_tables; i++)
		if (d->in.tables[i].headerless)
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
			    d->in.tables[i].file, 1, 1, NULL,
			    "a file without a header line (rows of record "
			    "types) among other CSV files: draft it alone, "
			    "from a folder that holds only it");
	if (!strcmp(d->in.format, "json"))
		return l2e__draft_spread_join(d, ctx);
	return 0;
}

/* Whether `w` (lower case) is a word of section `k`, plural or not. */
static int is_section_word(const l2e__draft *d, int k, const char *w)
{
	char alt[80];
	size_t len = strlen(w);

	if (len < 3 || len + 2 > sizeof(alt))
		return 0;
	if (l2e__words_find(&d->words.sections[k], w) >= 0)
		return 1;
	snprintf(alt, sizeof(alt), "%ss", w);
	if (l2e__words_find(&d->words.sections[k], alt) >= 0)
		return 1;
	snprintf(alt, sizeof(alt), "%.*s", (int)len - 1, w);
	return w[len - 1] == 's' &&
	       l2e__words_find(&d->words.sections[k], alt) >= 0;
}

/* The section a text names by one of its words ("programOffering",
 * "internship", "programme offering associations"), or -1. */
static int section_of(const l2e__draft *d, const char *text)
{
	char w[80];
	size_t n = 0, i, len = strlen(text);
	int k;

	for (i = 0; i <= len; i++) {
		char c = text[i];
		int upper = c >= 'A' && c <= 'Z';
		int alnum =
		    upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (alnum &&
		    !(upper && n && w[n - 1] >= 'a' && w[n - 1] <= 'z')) {
			if (n + 1 < sizeof(w))
				w[n++] = (char)(upper ? c - 'A' + 'a' : c);
			continue;
		}
		w[n] = '\0';
		for (k = L2E__SEC_EDUCATION; n && k < L2E__SEC_N; k++)
			if (is_section_word(d, k, w))
				return k;
		n = 0;
		if (alnum) /* a capital starts the next word */
			w[n++] = (char)(c - 'A' + 'a');
	}
	return -1;
}

/* The list `i` again, for `section`, its items where `path` is `value`. */
static int split_group(l2e__draft *d, size_t i, int section, const char *path,
                       const char *value)
{
	l2e__dgroup *g = &d->groups[i], *n;

	if (g->section < 0) {
		g->section = section;
		g->where_path = path;
		g->where_in[0] = value;
		g->n_where = 1;
		return 0;
	}
	if (d->n_groups == d->cap_groups) {
		size_t cap = 2 * d->cap_groups;
		l2e__dgroup *grown =
		    l2e__realloc(d->groups, cap * sizeof(*grown));

		if (!grown)
			return -1;
		d->groups = grown;
		d->cap_groups = cap;
		g = &d->groups[i];
	}
	n = &d->groups[d->n_groups];
	*n = *g;
	if (!(n->cols = l2e__calloc(g->n_cols + 1, sizeof(*n->cols))))
		return -1;
	if (g->n_cols)
		memcpy(n->cols, g->cols, g->n_cols * sizeof(*n->cols));
	n->cap_cols = g->n_cols;
	n->section = section;
	n->where_path = path;
	n->where_in[0] = value;
	n->n_where = 1;
	d->n_groups++;
	return 0;
}

/* A list no name places: by the words of its kind of file, else by a
 * column whose few values name sections. */
static int place_group(l2e__draft *d, size_t i)
{
	const char *words = l2e__draft_spread_words(d, &d->groups[i]);
	size_t j, v, n_cols = d->groups[i].n_cols;
	int k;

	if (words && (k = section_of(d, words)) >= 0) {
		if (!l2e__draft_section_group(d, k))
			d->groups[i].section = k;
		return 0;
	}
	for (j = 0; j < n_cols; j++) {
		const l2e__dcol *c = &d->groups[i].cols[j];

		/* a code: a few values, each one word */
		if (c->is_many || c->is_natid || c->n_samples > MAX_CODES ||
		    c->n_samples < 2)
			continue;
		for (v = 0; v < c->n_samples; v++)
			if (!strchr(c->samples[v], ' ') &&
			    (k = section_of(d, c->samples[v])) >= 0 &&
			    !l2e__draft_section_group(d, k) &&
			    split_group(d, i, k, c->path, c->samples[v]) < 0)
				return -1;
	}
	return 0;
}

/* In a page of records of one student, a value its own records all
 * share ("role": "student") says nothing about one record: not a
 * place for a field. */
static void hide_constants(l2e__draft *d, l2e__dgroup *g)
{
	size_t j;

	if (!d->spread || g->n_items < 3)
		return;
	for (j = 0; j < g->n_cols; j++) {
		l2e__dcol *c = &g->cols[j];

		if (c->n == g->n_items && c->n_samples == 1 && !c->is_many &&
		    !strstr(c->path, "$lookup("))
			c->placed = 1;
	}
}

/* The node at `path` (the drafter's own paths: names, ['quoted'] and
 * [N]) from `n`, or NULL. */
static const l2e__node *walk(const l2e__node *n, const char *path)
{
	char key[300];
	size_t len;

	while (n && *path) {
		if (*path == '.')
			path++;
		if (!strncmp(path, "['", 2)) {
			const char *end = strstr(path + 2, "']");

			if (!end ||
			    (len = (size_t)(end - path - 2)) >= sizeof(key))
				return NULL;
			memcpy(key, path + 2, len);
			key[len] = '\0';
			path = end + 2;
			n = l2e__node_member(n, key);
		} else if (*path == '[') {
			n = l2e__node_child(n, strtoul(path + 1, NULL, 10));
			if (!(path = strchr(path, ']')))
				return NULL;
			path++;
		} else {
			len = strcspn(path, ".[");
			if (len >= sizeof(key))
				return NULL;
			memcpy(key, path, len);
			key[len] = '\0';
			path += len;
			n = l2e__node_member(n, key);
		}
	}
	return n;
}

/* In a list told apart by a value, a place that has no value in any of
 * the section's own items is not one of its places. */
static int relevance(l2e__draft *d, l2e__dgroup *g)
{
	const l2e__node *list, *it, *v, *w;
	size_t r, j, *seen;

	if (!g->where_path || g->n_where != 1 ||
	    !(seen = l2e__calloc(g->n_cols + 1, sizeof(*seen))))
		return g->where_path && g->n_where == 1 ? -1 : 0;
	for (r = 0; r < d->in.n_records; r++) {
		if (!(list = walk(d->in.records[r], g->each)) ||
		    list->kind != L2E__NODE_ARRAY)
			continue;
		for (it = list->first; it; it = it->next) {
			if (!(w = walk(it, g->where_path)) || !w->text ||
			    strcmp(w->text, g->where_in[0]))
				continue;
			for (j = 0; j < g->n_cols; j++)
				seen[j] += (v = walk(it, g->cols[j].path)) &&
				           v->text && *v->text;
		}
	}
	for (j = 0; j < g->n_cols; j++)
		if (!seen[j])
			g->cols[j].placed = 1;
	l2e__free(seen);
	return 0;
}

int l2e__draft_join_groups(l2e__draft *d)
{
	size_t i, n = d->n_groups;
	const char *words;
	int k, named;

	if (!d->spread && !d->types)
		return 0;
	l2e__draft_spread_names(d);
	l2e__draft_types_names(d);
	/* the lists whose kind of file names a section first, then those
	 * told apart by a value */
	for (i = 1; i < n; i++) {
		hide_constants(d, &d->groups[i]);
		if ((words = l2e__draft_spread_words(d, &d->groups[i])) &&
		    (k = section_of(d, words)) >= 0 &&
		    !l2e__draft_section_group(d, k))
			d->groups[i].section = k;
	}
	for (i = 1; i < n; i++) {
		for (k = L2E__SEC_EDUCATION, named = 0; k < L2E__SEC_N; k++)
			named |= l2e__words_find(&d->words.sections[k],
			                         d->groups[i].norm) >= 0;
		if (!named && d->groups[i].is_list &&
		    d->groups[i].section < 0 && place_group(d, i) < 0)
			return -1;
	}
	for (i = 1; i < d->n_groups; i++)
		if (relevance(d, &d->groups[i]) < 0)
			return -1;
	return 0;
}

/* ==== Languages with a row per skill, found by the skills' values ==== */

static const l2e__dfield *skill_field(l2e__draft *d, const char *value)
{
	const char *norm = l2e__draft_norm(&d->pool, value);
	size_t k;

	for (k = 0; norm && k < d->words.n_fields; k++)
		if (d->words.fields[k].section == L2E__SEC_LANGUAGES &&
		    d->words.fields[k].type == L2E__TYPE_CEFR &&
		    l2e__words_find(&d->words.fields[k].skill, norm) >= 0)
			return &d->words.fields[k];
	return NULL;
}

/* A language tag: en, nld, en-GB. */
static int is_lang_tag(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"), r;

	if (n < 2 || n > 3)
		return 0;
	if (!s[n])
		return 1;
	r = strspn(s + n + 1,
	           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	return s[n] == '-' && r >= 2 && r <= 4 && !s[n + 1 + r];
}

static int all_lang_tags(const l2e__dcol *c)
{
	size_t v;

	for (v = 0; v < c->n_samples; v++)
		if (!is_lang_tag(c->samples[v]))
			return 0;
	return c->n_samples && !c->is_many;
}

/* The language code of a list by its values, when its name chose a
 * place that holds no language tags (a "postCode" for "code"). */
static void language_code(l2e__draft *d, l2e__dgroup *g)
{
	l2e__dpick *p = NULL;
	size_t i, j;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f->section == L2E__SEC_LANGUAGES &&
		    d->picks[i].f->type == L2E__TYPE_LANGUAGE)
			p = &d->picks[i];
	if (!p || all_lang_tags(p->col[0]))
		return;
	for (j = 0; j < g->n_cols; j++)
		if (!g->cols[j].placed && all_lang_tags(&g->cols[j])) {
			p->col[0]->placed = 0;
			p->col[0] = &g->cols[j];
			p->n_cols = 1;
			g->cols[j].placed = 1;
			if (d->group_by)
				d->group_by = p->col[0];
			return;
		}
}

/* A column whose values are all skills (listening, Lezen, ...), and
 * one of CEFR levels beside it: a row per skill. */
static int long_languages(l2e__draft *d, l2e__dgroup *g)
{
	l2e__dcol *skill = NULL, *level = NULL, *c;
	const l2e__dfield *f;
	l2e__dpick *p;
	size_t j, v, n;

	for (j = 0; j < g->n_cols; j++) {
		c = &g->cols[j];
		for (v = n = 0; v < c->n_samples; v++)
			n += skill_field(d, c->samples[v]) != NULL;
		if (!skill && !c->is_many && n >= 2 && n == c->n_samples)
			skill = c;
		if (!level && !c->placed && c->n &&
		    (double)c->shapes[L2E__SHAPE_CEFR] >= 0.6 * (double)c->n)
			level = c;
	}
	if (!skill || !level || d->group_by)
		return 0;
	for (v = 0; v < skill->n_samples; v++) {
		if (!(f = skill_field(d, skill->samples[v])) ||
		    l2e__draft_pick_of(d, f) ||
		    strpbrk(skill->samples[v], "[]'\"="))
			continue;
		if (!(p = l2e__draft_pick_add(d)))
			return -1;
		p->f = f;
		p->col[0] = level;
		p->n_cols = 1;
		p->score = 0.7;
		p->is_long = 1;
		p->skill_col = skill;
		p->skill_value = skill->samples[v];
		level->placed = skill->placed = 1;
	}
	for (j = 0; j < d->n_picks; j++)
		if (d->picks[j].f->section == L2E__SEC_LANGUAGES &&
		    !strcmp(d->picks[j].f->field, "code"))
			d->group_by = d->picks[j].col[0];
	return 0;
}

int l2e__draft_join_finish(l2e__draft *d)
{
	size_t i;

	if (!d->spread && !d->types)
		return 0;
	for (i = 1; i < d->n_groups; i++)
		if (d->groups[i].section == L2E__SEC_LANGUAGES) {
			if (long_languages(d, &d->groups[i]) < 0)
				return -1;
			language_code(d, &d->groups[i]);
		}
	return l2e__draft_spread_paths(d);
}

/* ==== The draft's members ==== */

/* A period without an end is going on. */
static int ongoing(cJSON *fields)
{
	cJSON *to = cJSON_GetObjectItemCaseSensitive(fields, "to"), *p, *o, *w;

	if (!to || cJSON_GetObjectItemCaseSensitive(fields, "ongoing"))
		return 0;
	p = cJSON_GetObjectItemCaseSensitive(to, "path");
	if (!p && (p = cJSON_GetObjectItemCaseSensitive(to, "first")))
		p = cJSON_GetArrayItem(p, 0);
	if (p && cJSON_IsObject(p))
		p = cJSON_GetObjectItemCaseSensitive(p, "path");
	if (!cJSON_IsString(p))
		return 0;
	if (!(o = cJSON_CreateObject()) ||
	    l2e__djson_add(fields, "ongoing", o) < 0 ||
	    l2e__djson_add(o, "value", cJSON_CreateTrue()) < 0 ||
	    !(w = cJSON_CreateObject()) || l2e__djson_add(o, "when", w) < 0 ||
	    l2e__djson_add(w, "path", cJSON_CreateString(p->valuestring)) < 0 ||
	    l2e__djson_add(w, "exists", cJSON_CreateFalse()) < 0 ||
	    l2e__djson_add(
	        o, "comment",
	        cJSON_CreateString("no end date: going on. Check: an "
	                           "enrolment that ended without a date "
	                           "would show as going on; add a "
	                           "condition on its status if the export "
	                           "has one")) < 0)
		return -1;
	return 0;
}

static size_t lookups_in(const char *path)
{
	size_t n = 0;

	while ((path = strstr(path, "$lookup(")))
		n++, path++;
	return n;
}

/* A work period without a description column: the synonyms' default
 * text with the name the period has in the export, when it has one:
 * "<default>: Hotel Voorbeeld". */
static int described(const l2e__draft *d, cJSON *fields)
{
	cJSON *r = cJSON_GetObjectItemCaseSensitive(fields, "description");
	cJSON *text = cJSON_GetObjectItemCaseSensitive(r, "value"), *t, *w;
	cJSON *n;
	const l2e__dcol *best = NULL;
	char tmpl[300];
	size_t i, j, len;

	if (!cJSON_IsString(text) ||
	    cJSON_GetObjectItemCaseSensitive(r, "path"))
		return 0;
	for (i = 1; i < d->n_groups; i++)
		for (j = 0; d->groups[i].section == L2E__SEC_WORK &&
		            j < d->groups[i].n_cols;
		     j++) {
			const l2e__dcol *c = &d->groups[i].cols[j];

			len = strlen(c->last);
			if (c->placed || !c->n || c->is_natid || len < 4 ||
			    strcmp(c->last + len - 4, "name") ||
			    (best &&
			     lookups_in(best->path) <= lookups_in(c->path)))
				continue;
			best = c;
		}
	if (!best)
		return 0;
	snprintf(tmpl, sizeof(tmpl), "%s: {name}", text->valuestring);
	if (!(t = cJSON_CreateObject()) ||
	    l2e__djson_add(t, "template", cJSON_CreateString(tmpl)) < 0 ||
	    !(w = cJSON_CreateObject()) || l2e__djson_add(t, "with", w) < 0 ||
	    !(n = cJSON_CreateObject()) || l2e__djson_add(w, "name", n) < 0 ||
	    l2e__djson_add(n, "path", cJSON_CreateString(best->path)) < 0 ||
	    l2e__djson_add(
	        t, "comment",
	        cJSON_CreateString("the default text of the synonyms file, "
	                           "with the name of the work period in the "
	                           "export: check it")) < 0 ||
	    !cJSON_ReplaceItemInObjectCaseSensitive(fields, "description", t))
		return -1;
	return 0;
}

/* Part `i` of the comma-joined `s`, into `out`. */
static int part(const char *s, size_t i, char *out, size_t size)
{
	size_t len;

	for (; i && s; i--)
		if ((s = strchr(s, ',')))
			s++;
	if (!s)
		return 0;
	len = strcspn(s, ",");
	snprintf(out, size, "%.*s", (int)len, s);
	return 1;
}

/* Whether a value of `c` seen joins several by commas, one an e-mail
 * address (`mail`) or none (the types). */
static int joins(const l2e__dcol *c, int mail)
{
	size_t v;

	for (v = 0; v < c->n_samples; v++)
		if (strchr(c->samples[v], ',') &&
		    !strchr(c->samples[v], '@') == !mail)
			return 1;
	return 0;
}

/* Contact details joined in one cell ("06...,jan@x.nl") with their
 * types in a parallel cell ("Mobiel,E-mail"): the e-mail is the part
 * whose type is the word the e-mail addresses always have. */
static int joined_email(const l2e__draft *d, cJSON *person)
{
	const l2e__dgroup *g = &d->groups[0];
	const l2e__dcol *c, *t;
	char v[300], type[64], best[64] = "";
	size_t i, j, r, k, n_mail, n_same;
	cJSON *rule, *pick;

	if (!person || cJSON_GetObjectItemCaseSensitive(person, "email"))
		return 0;
	for (i = 0; i < g->n_cols; i++) {
		c = &g->cols[i];
		if (!c->values || c->placed || c->is_natid || !joins(c, 1))
			continue;
		for (j = 0; j < g->n_cols; j++) {
			t = &g->cols[j];
			if (j == i || !t->values || t->is_natid || !joins(t, 0))
				continue;
			for (r = n_mail = n_same = 0;
			     r < d->in.n_records && r < MAX_LOOK; r++)
				for (k = 0; c->values[r] && t->values[r] &&
				            part(c->values[r], k, v, sizeof(v));
				     k++) {
					if (!strchr(v, '@') ||
					    !part(t->values[r], k, type,
					          sizeof(type)))
						continue;
					if (!n_mail++)
						snprintf(best, sizeof(best),
						         "%s", type);
					n_same += !strcmp(best, type);
				}
			if (n_mail >= 2 && 10 * n_same >= 9 * n_mail && *best &&
			    !strchr(best, '@') && !l2e__natid_find(best))
				goto found;
		}
	}
	return 0;
found:
	if (!(rule = cJSON_CreateObject()) ||
	    l2e__djson_add(person, "email", rule) < 0 ||
	    l2e__djson_add(rule, "path", cJSON_CreateString(c->path)) < 0 ||
	    l2e__djson_add(rule, "split", cJSON_CreateString(",")) < 0 ||
	    !(pick = cJSON_CreateObject()) ||
	    l2e__djson_add(rule, "pick", pick) < 0 ||
	    l2e__djson_add(pick, "by", cJSON_CreateString(t->path)) < 0 ||
	    l2e__djson_add(pick, "equals", cJSON_CreateString(best)) < 0)
		return -1;
	snprintf(v, sizeof(v),
	         "contact details joined by commas in '%s', their types at "
	         "the same place in '%s': every e-mail address there has "
	         "type '%s' (%zu seen)",
	         c->path, t->path, best, n_mail);
	return l2e__djson_add(rule, "comment", cJSON_CreateString(v));
}

/* Consent in a list of the record, one item per consumer of the data
 * ("consumers": [{"consumerKey": "x", "europassConsent": true}]): the
 * item of the one consumer the export names, else the first. */
static int list_consent(const l2e__draft *d, cJSON *dossier)
{
	const l2e__dgroup *g = NULL;
	const l2e__dcol *c = NULL, *k = NULL;
	char path[600], text[700];
	size_t i, j, v;
	cJSON *inc, *in;

	if (!dossier || cJSON_GetObjectItemCaseSensitive(dossier, "include"))
		return 0;
	for (i = 1; i < d->n_groups && !c; i++) {
		g = &d->groups[i];
		if (strpbrk(g->each, ".[$'") || !g->is_list)
			continue;
		for (j = 0; j < g->n_cols && !c; j++)
			if (g->cols[j].n && !g->cols[j].is_natid &&
			    10 * (g->cols[j].n_yes + g->cols[j].n_no +
			          g->cols[j].n_json_bool) >=
			        9 * g->cols[j].n &&
			    l2e__words_find(&d->words.consent,
			                    g->cols[j].last) >= 0)
				c = &g->cols[j];
		for (j = 0; c && j < g->n_cols && !k; j++)
			if (&g->cols[j] != c && g->cols[j].n_samples == 1 &&
			    !g->cols[j].is_many && !g->cols[j].is_natid &&
			    !strpbrk(g->cols[j].path, ".[") &&
			    !strpbrk(g->cols[j].samples[0], "[]='\" "))
				k = &g->cols[j];
	}
	if (!c)
		return 0;
	if (k)
		snprintf(path, sizeof(path), "%s[%s=%s].%s", g->each, k->path,
		         k->samples[0], c->path);
	else
		snprintf(path, sizeof(path), "%s[0].%s", g->each, c->path);
	if (!(inc = cJSON_CreateObject()) ||
	    l2e__djson_add(dossier, "include", inc) < 0 ||
	    l2e__djson_add(inc, "path", cJSON_CreateString(path)) < 0)
		return -1;
	if (c->n_json_bool) {
		if (l2e__djson_add(inc, "equals", cJSON_CreateTrue()) < 0)
			return -1;
	} else {
		if (!(in = cJSON_CreateArray()) ||
		    l2e__djson_add(inc, "in", in) < 0)
			return -1;
		for (v = 0; v < d->words.yes.n; v++)
			if (!cJSON_AddItemToArray(
			        in, cJSON_CreateString(d->words.yes.w[v])))
				return -1;
	}
	snprintf(text, sizeof(text),
	         "consent in the list '%s', %s: check that this is the "
	         "consent for the Europass export",
	         g->each,
	         k ? "the item of the one consumer the export names"
	           : "its first item");
	if (l2e__djson_add(inc, "comment", cJSON_CreateString(text)) < 0)
		return -1;
	snprintf(text, sizeof(text),
	         "no consent for a Europass export (%s is not yes)", path);
	return l2e__djson_add(dossier, "skip_message",
	                      cJSON_CreateString(text));
}

/* A language-typed string ("name": [{language, value}]): by language,
 * Dutch first, instead of the first of the list. */
static int by_language(cJSON *node)
{
	cJSON *k, *o, *langs;
	size_t len;

	for (k = node ? node->child : NULL; k; k = k->next) {
		if (cJSON_IsString(k) && (len = strlen(k->valuestring)) > 9 &&
		    !strcmp(k->valuestring + len - 9, "[0].value") &&
		    (!k->string || !strcmp(k->string, "path"))) {
			k->valuestring[len - 9] = '\0';
			if (k->string) { /* "path": the rule is node */
				o = node;
			} else { /* an alternative of "first" */
				if (!(o = cJSON_CreateObject()) ||
				    l2e__djson_add(o, "path",
				                   cJSON_CreateString(
				                       k->valuestring)) < 0 ||
				    !cJSON_ReplaceItemViaPointer(node, k, o))
					return -1;
				k = o;
			}
			if (!(langs = cJSON_CreateArray()) ||
			    l2e__djson_add(o, "language", langs) < 0 ||
			    !cJSON_AddItemToArray(langs,
			                          cJSON_CreateString("nl")) ||
			    !cJSON_AddItemToArray(langs,
			                          cJSON_CreateString("en")) ||
			    !cJSON_AddItemToArray(langs,
			                          cJSON_CreateString("*")))
				return -1;
		} else if ((cJSON_IsObject(k) || cJSON_IsArray(k)) &&
		           by_language(k) < 0) {
			return -1;
		}
	}
	return 0;
}

int l2e__draft_join_emit(void *root_, const l2e__draft *d)
{
	cJSON *root = root_, *profile, *sec;
	int k;

	if (!d->spread && !d->types)
		return 0;
	if (l2e__draft_spread_emit(root, d) < 0 ||
	    l2e__draft_types_emit(root, d) < 0)
		return -1;
	/* the "where" of a list that holds several sections: draft_emit.c */
	profile = cJSON_GetObjectItemCaseSensitive(root, "profile");
	for (k = L2E__SEC_EDUCATION; k <= L2E__SEC_WORK; k++)
		if ((sec = cJSON_GetObjectItemCaseSensitive(
		         profile, l2e__section_names[k])) &&
		    ongoing(cJSON_GetObjectItemCaseSensitive(sec, "fields")) <
		        0)
			return -1;
	if (joined_email(
	        d, cJSON_GetObjectItemCaseSensitive(profile, "person")) < 0 ||
	    list_consent(d, cJSON_GetObjectItemCaseSensitive(root, "dossier")) <
	        0)
		return -1;
	if (d->spread &&
	    (described(d, cJSON_GetObjectItemCaseSensitive(
	                      cJSON_GetObjectItemCaseSensitive(profile, "work"),
	                      "fields")) < 0 ||
	     by_language(profile) < 0))
		return -1;
	return 0;
}

void l2e__draft_join_dispose(l2e__draft *d)
{
	l2e__draft_spread_dispose(d);
	l2e__draft_types_dispose(d);
}
