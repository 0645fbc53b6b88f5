/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_compose.c - `mapping init`: a field that no column holds but
 * that the synonyms file composes from others ("compose"): a text from
 * a template (the activities of a programme from its qualification
 * code, learning path and cohort), a value under a condition (ongoing
 * while the status says active, or while no end date is known; the
 * central exam as a language certificate where the source of a level
 * says so). Which words and which templates is data
 * (mappings/init/synonyms.json); this file only finds the places they
 * name. Every Dutch MBO export has a qualification code, a learning
 * path and a cohort, a status, work-based learning abroad or not: the
 * composition is the school's convention, the places are the export's.
 *
 * An alternative of "compose" is kept when every place it names is
 * found; the kept ones become one rule, or "first" of them in order
 * (with "one": true only the first kept one).
 */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "draft/draft_json.h"

#include "draft/draft.h"

typedef struct comp {
	const l2e__draft *d;
	const l2e__dgroup *g;
	int section;
	/* a condition found in a list inside the item (evidence[type=
	 * central_exam]): the parts are looked up there first */
	const l2e__dgroup *sub;
	char prefix[300];
	int is_oom;
} comp;

static void put(comp *c, cJSON *obj, const char *key, cJSON *v)
{
	if (l2e__djson_add(obj, key, v) < 0)
		c->is_oom = 1;
}

static cJSON *text(comp *c, const char *s)
{
	cJSON *v = cJSON_CreateString(s);

	if (!v)
		c->is_oom = 1;
	return v;
}

/* Append `v` to `arr`; 0, or -1 (out of memory, `v` freed). */
static int append(comp *c, cJSON *arr, cJSON *v)
{
	if (v && arr && cJSON_AddItemToArray(arr, v))
		return 0;
	cJSON_Delete(v);
	c->is_oom = 1;
	return -1;
}

/* `s` normalised as draft_norm does, into out[size]. */
static const char *norm(char *out, size_t size, const char *s)
{
	l2e__draft_norm_into(out, size, s, strlen(s));
	return out;
}

/* The best column of `g` named one of the JSON strings `names`. */
static const l2e__dcol *named(const l2e__dgroup *g, const cJSON *names)
{
	char buf[16][64];
	const char *w[16];
	l2e__words words;
	const l2e__dcol *best = NULL;
	const cJSON *k;
	double s, best_s = 0.85;
	size_t j, n = 0;

	cJSON_ArrayForEach(k, names)
	{
		if (cJSON_IsString(k) && n < 16)
			w[n] = norm(buf[n], sizeof(buf[n]), k->valuestring),
			n++;
	}
	words.w = w;
	words.n = n;
	for (j = 0; g && j < g->n_cols; j++) {
		const l2e__dcol *col = &g->cols[j];

		if (col->is_natid || !col->n)
			continue;
		if ((s = l2e__dcol_name_score(col, &words)) >= best_s) {
			best_s = s;
			best = col;
		}
	}
	return best;
}

static const l2e__dpick *picked(const comp *c, const char *field)
{
	size_t i;

	for (i = 0; field && i < c->d->n_picks; i++)
		if (c->d->picks[i].f->section == c->section &&
		    !strcmp(c->d->picks[i].f->field, field))
			return &c->d->picks[i];
	return NULL;
}

/* The rule for a part: {"field": "qualification_code"} the place of
 * that field; {"names": [...]} a column so named; with "transform",
 * "codelist", "unmapped" copied, and "pad_digits": N a pad to N
 * digits when the column holds only digits (a spreadsheet drops the
 * leading zero of qualification code 09009). NULL when not found. */
static cJSON *part(comp *c, const cJSON *def, int is_date)
{
	const cJSON *field = cJSON_GetObjectItemCaseSensitive(def, "field");
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(def, "names");
	const cJSON *pad = cJSON_GetObjectItemCaseSensitive(def, "pad_digits");
	const char *keys[] = { "transform", "codelist", "unmapped" }, *seen[6];
	const l2e__dpick *p = NULL;
	const l2e__dcol *col = NULL;
	char path[700];
	cJSON *r, *first, *t;
	size_t i, n_seen = 0;

	if (cJSON_IsString(field)) {
		if (!(p = picked(c, field->valuestring)) || p->is_long)
			return NULL;
		col = p->col[0];
	} else if (names) {
		if (c->sub && (col = named(c->sub, names)))
			snprintf(path, sizeof(path), "%s%s", c->prefix,
			         col->path);
		else if ((col = named(c->g, names)))
			snprintf(path, sizeof(path), "%s", col->path);
	}
	if (!col || !(r = cJSON_CreateObject())) {
		c->is_oom |= col != NULL;
		return NULL;
	}
	if (p && p->path && p->alt) {
		first = cJSON_CreateArray();
		if (append(c, first, text(c, p->path)) ||
		    append(c, first, text(c, p->alt)))
			c->is_oom = 1;
		put(c, r, "first", first);
	} else if (p && p->path) {
		put(c, r, "path", text(c, p->path));
	} else if (p && p->n_cols > 1) {
		first = cJSON_CreateArray();
		for (i = 0; i < p->n_cols; i++)
			(void)append(c, first, text(c, p->col[i]->path));
		put(c, r, "first", first);
	} else {
		put(c, r, "path", text(c, p ? col->path : path));
	}
	if (col->is_langmap) {
		t = cJSON_CreateArray();
		if (append(c, t, text(c, "nl")) ||
		    append(c, t, text(c, "en")) || append(c, t, text(c, "*")))
			c->is_oom = 1;
		put(c, r, "language", t);
	}
	for (i = 0; i < 3; i++)
		if ((t = cJSON_GetObjectItemCaseSensitive(def, keys[i])))
			put(c, r, keys[i], cJSON_Duplicate(t, 1));
	if (cJSON_IsNumber(pad) && col->n &&
	    col->shapes[L2E__SHAPE_DIGITS] == col->n) {
		t = cJSON_CreateObject();
		put(c, t, "pad", cJSON_CreateNumber(pad->valuedouble));
		put(c, r, "transform", t);
	}
	if (is_date) {
		n_seen = l2e__dcol_date_patterns(col, seen, 0);
		if (l2e__date_patterns_iso(seen, n_seen))
			; /* the default reads them */
		else if (n_seen == 1)
			put(c, r, "date", text(c, seen[0]));
		else {
			t = cJSON_CreateArray();
			for (i = 0; i < n_seen; i++)
				if (append(c, t, text(c, seen[i])))
					c->is_oom = 1;
			put(c, r, "date", t);
		}
	}
	return r;
}

/* "when_in": {"names": [...], "values": [...]}: a column so named with
 * a value among `values` (as normalised words) in this item, or in a
 * list inside it; then the condition, and c->sub set to that list. */
static cJSON *when_in(comp *c, const cJSON *def)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(def, "names");
	const cJSON *values = cJSON_GetObjectItemCaseSensitive(def, "values");
	const l2e__dgroup *g = c->g, *sg;
	const l2e__dcol *col;
	const cJSON *v;
	cJSON *cond, *in;
	char buf[64];
	size_t i, j, len = strlen(g->each), hits;

	for (j = 0; j <= c->d->n_groups; j++) {
		sg = j == 0 ? g : &c->d->groups[j - 1];
		if (j > 0 &&
		    (sg == g || !len || sg->section >= 0 ||
		     strncmp(sg->each, g->each, len) || sg->each[len] != '.'))
			continue;
		if (!(col = named(sg, names)) || col->is_many)
			continue;
		in = cJSON_CreateArray();
		hits = 0;
		for (i = 0; i < col->n_samples; i++) {
			norm(buf, sizeof(buf), col->samples[i]);
			cJSON_ArrayForEach(v, values)
			{
				if (cJSON_IsString(v) &&
				    !strcmp(buf, v->valuestring) &&
				    !strpbrk(col->samples[i], "[]'\"=")) {
					if (!append(c, in,
					            text(c, col->samples[i])))
						hits++;
					break;
				}
			}
		}
		if (!hits) {
			cJSON_Delete(in);
			continue;
		}
		cond = cJSON_CreateObject();
		if (sg == g) {
			put(c, cond, "path", text(c, col->path));
			put(c, cond, "in", in);
			return cond;
		}
		/* the first kind found names the list's item */
		snprintf(c->prefix, sizeof(c->prefix), "%s[%s=%s]",
		         sg->each + len + 1, col->path,
		         cJSON_GetArrayItem(in, 0)->valuestring);
		cJSON_Delete(in);
		put(c, cond, "path", text(c, c->prefix));
		put(c, cond, "exists", cJSON_CreateTrue());
		strncat(c->prefix, ".",
		        sizeof(c->prefix) - strlen(c->prefix) - 1);
		c->sub = sg;
		return cond;
	}
	return NULL;
}

/* The condition of an alternative, or NULL when its place is missing
 * (*ok = 0); *ok = 1 with NULL: no condition. */
static cJSON *condition(comp *c, const cJSON *alt, int *ok)
{
	const cJSON *yes = cJSON_GetObjectItemCaseSensitive(alt, "when_yes");
	const cJSON *miss =
	    cJSON_GetObjectItemCaseSensitive(alt, "when_missing");
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(alt, "when_in");
	const l2e__dpick *p;
	cJSON *cond = NULL, *list;
	size_t i;

	*ok = 0;
	if (cJSON_IsString(yes)) {
		/* a J/N column: the yes words seen; a JSON boolean: true */
		if (!(p = picked(c, yes->valuestring)) || p->path)
			return NULL;
		cond = cJSON_CreateObject();
		put(c, cond, "path", text(c, p->col[0]->path));
		if (p->col[0]->n_json_bool) {
			put(c, cond, "equals", cJSON_CreateTrue());
		} else {
			list = cJSON_CreateArray();
			for (i = 0; i < c->d->words.yes.n; i++)
				if (append(c, list,
				           text(c, c->d->words.yes.w[i])))
					c->is_oom = 1;
			put(c, cond, "in", list);
		}
	} else if (cJSON_IsString(miss)) {
		/* only when some items lack it: else never true */
		if (!(p = picked(c, miss->valuestring)) || p->path ||
		    p->n_cols != 1 || p->col[0]->n >= c->g->n_items)
			return NULL;
		cond = cJSON_CreateObject();
		put(c, cond, "path", text(c, p->col[0]->path));
		put(c, cond, "exists", cJSON_CreateFalse());
	} else if (cJSON_IsObject(in)) {
		if (!(cond = when_in(c, in)))
			return NULL;
	}
	*ok = 1;
	return cond;
}

/* One alternative as a rule, or NULL when a place is missing. */
static cJSON *alternative(comp *c, const l2e__dfield *f, const cJSON *alt)
{
	const cJSON *tpl = cJSON_GetObjectItemCaseSensitive(alt, "template");
	const cJSON *with = cJSON_GetObjectItemCaseSensitive(alt, "with");
	const cJSON *value = cJSON_GetObjectItemCaseSensitive(alt, "value");
	const cJSON *pdef = cJSON_GetObjectItemCaseSensitive(alt, "part");
	const cJSON *k;
	cJSON *r = NULL, *w, *cond, *one;
	int ok;

	c->sub = NULL;
	c->prefix[0] = '\0';
	cond = condition(c, alt, &ok);
	if (!ok)
		return NULL;
	if (cJSON_IsString(tpl) && cJSON_IsObject(with)) {
		r = cJSON_CreateObject();
		w = cJSON_CreateObject();
		put(c, r, "template", text(c, tpl->valuestring));
		cJSON_ArrayForEach(k, with)
		{
			if (!(one = part(c, k, 0))) {
				cJSON_Delete(w);
				cJSON_Delete(r);
				cJSON_Delete(cond);
				return NULL;
			}
			put(c, w, k->string, one);
		}
		put(c, r, "with", w);
	} else if (value) {
		r = cJSON_CreateObject();
		put(c, r, "value", cJSON_Duplicate(value, 1));
	} else if (cJSON_IsObject(pdef)) {
		r = part(c, pdef, f->type == L2E__TYPE_DATE);
	}
	if (!r) {
		cJSON_Delete(cond);
		return NULL;
	}
	if (cond)
		put(c, r, "when", cond);
	return r;
}

cJSON *l2e__draft_compose(const l2e__draft *d, const l2e__dfield *f,
                          int *is_oom)
{
	const cJSON *alts = cJSON_GetObjectItemCaseSensitive(f->def, "compose");
	int one = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f->def, "one"));
	const cJSON *alt;
	cJSON *kept = NULL, *r, *out;
	comp c;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.section = f->section;
	if (!cJSON_IsArray(alts) || !d->n_groups)
		return NULL;
	if (f->section <= L2E__SEC_HEADLINE)
		c.g = &d->groups[0];
	for (i = 1; !c.g && i < d->n_groups; i++)
		if (d->groups[i].section == f->section)
			c.g = &d->groups[i];
	if (!c.g)
		return NULL;
	if (!(kept = cJSON_CreateArray())) {
		*is_oom = 1;
		return NULL;
	}
	cJSON_ArrayForEach(alt, alts)
	{
		if (!(r = alternative(&c, f, alt)))
			continue;
		(void)append(&c, kept, r); /* on failure: freed, oom set */
		if (one)
			break;
	}
	*is_oom |= c.is_oom;
	if (!cJSON_GetArraySize(kept)) {
		cJSON_Delete(kept);
		return NULL;
	}
	if (cJSON_GetArraySize(kept) == 1) {
		out = cJSON_DetachItemFromArray(kept, 0);
		cJSON_Delete(kept);
		return out;
	}
	if (!(out = cJSON_CreateObject()) ||
	    !cJSON_AddItemToObject(out, "first", kept)) {
		cJSON_Delete(out);
		cJSON_Delete(kept);
		*is_oom = 1;
		return NULL;
	}
	return out;
}
