/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_pick.c - `mapping init`: for every profile field of a section
 * the best value place of its list, by name and shape, with fallbacks;
 * and languages written as a row per skill.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft/draft.h"

#include "util/alloc.h"

typedef struct cand {
	const l2e__dfield *f;
	l2e__dcol *c;
	double s;
} cand;

static int cmp_cand(const void *a, const void *b)
{
	double x = ((const cand *)a)->s, y = ((const cand *)b)->s;

	return x < y ? 1 : x > y ? -1 : 0;
}

l2e__dpick *l2e__draft_pick_add(l2e__draft *d)
{
	if (d->n_picks == d->cap_picks) {
		size_t cap = d->cap_picks ? 2 * d->cap_picks : 32;
		l2e__dpick *grown =
		    l2e__realloc(d->picks, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		d->picks = grown;
		d->cap_picks = cap;
	}
	memset(&d->picks[d->n_picks], 0, sizeof(d->picks[0]));
	return &d->picks[d->n_picks++];
}

const l2e__dpick *l2e__draft_pick_of(const l2e__draft *d, const l2e__dfield *f)
{
	size_t i;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f == f)
			return &d->picks[i];
	return NULL;
}

static l2e__dpick *pick_for(l2e__draft *d, const l2e__dfield *f)
{
	const l2e__dpick *had = l2e__draft_pick_of(d, f);
	l2e__dpick *p;

	if (had)
		return &d->picks[had - d->picks];
	if ((p = l2e__draft_pick_add(d)))
		p->f = f;
	return p;
}

/* Fallbacks ("first") for a text, e-mail, date or country field: a
 * second place named almost as well. A country is often written twice
 * in one export, as a code in one item and as a name in another
 * (<land code="6030"/> beside <land>Griekenland</land>): each place
 * alone misses some items. */
static int takes_fallback(const l2e__dfield *f)
{
	return f->type == L2E__TYPE_TEXT || f->type == L2E__TYPE_EMAIL ||
	       f->type == L2E__TYPE_DATE || f->type == L2E__TYPE_COUNTRY;
}

static int pick_kinds(l2e__draft *d, l2e__dgroup *g, int sec_a, int sec_b);

int l2e__draft_pick_group(l2e__draft *d, l2e__dgroup *g, int sec_a, int sec_b)
{
	cand *cs = NULL;
	size_t n = 0, i, j, k;
	l2e__dpick *p;
	double s;
	int error = 0;

	if (!g->n_cols)
		return 0;
	cs = l2e__calloc(g->n_cols * d->words.n_fields + 1, sizeof(*cs));
	if (!cs)
		return -1;
	for (k = 0; k < d->words.n_fields; k++) {
		const l2e__dfield *f = &d->words.fields[k];

		if (f->section != sec_a && f->section != sec_b)
			continue;
		for (j = 0; j < g->n_cols; j++) {
			l2e__dcol *c = &g->cols[j];

			if (c->placed || !l2e__dcol_fits(c, f->type))
				continue;
			if ((s = l2e__dcol_name_score(c, &f->names)) <= 0 &&
			    f->type == L2E__TYPE_EMAIL && c->n &&
			    l2e__mostly(c->shapes[L2E__SHAPE_EMAIL], c->n, 0.9))
				s = 0.5; /* by its values alone */
			if (s <= 0)
				continue;
			if (!c->n)
				s *= 0.5; /* always empty here */
			cs[n].f = f;
			cs[n].c = c;
			cs[n++].s = s;
		}
	}
	qsort(cs, n, sizeof(*cs), cmp_cand);
	for (i = 0; i < n; i++) {
		if (cs[i].c->placed)
			continue;
		for (j = 0; j < d->n_picks; j++)
			if (d->picks[j].f == cs[i].f)
				break;
		if (j < d->n_picks) {
			p = &d->picks[j];
			if (!takes_fallback(p->f) || p->n_cols >= 3 ||
			    cs[i].s < 0.85 || !cs[i].c->n)
				continue;
		} else if (!(p = pick_for(d, cs[i].f))) {
			error = -1;
			break;
		} else {
			p->score = cs[i].s;
		}
		p->col[p->n_cols++] = cs[i].c;
		cs[i].c->placed = 1;
	}
	l2e__free(cs);
	return error < 0 ? error : pick_kinds(d, g, sec_a, sec_b);
}

/* ==== Lists of kinds: {"codeType": "qualification", "code": "90001"} ====
 *
 * Many systems write a value as an item of a list beside its kind:
 * contact[@soort=EMAIL], otherCodes[codeType=crohoCreboCode].code,
 * identifiers, phone numbers. The kind's value then is the name of the
 * field (a synonym), not the column's name. */

/* How well the word `s` (as written in the export) is one of `names`:
 * 1 for the first, less for a later one; 0 for none. */
static double word_score(l2e__draft *d, const char *s, const l2e__words *names)
{
	const char *norm;
	int i;

	if (strlen(s) > 60 || strpbrk(s, "[]'\"=") ||
	    !(norm = l2e__draft_norm(&d->pool, s)) ||
	    (i = l2e__words_find(names, norm)) < 0)
		return 0;
	return 1.0 - 0.02 * i;
}

/* The value column of a list of kinds: the one with the most distinct
 * values, other than the kind columns; it must hold the field's shape
 * at least once. */
static l2e__dcol *kind_value(l2e__dgroup *sg, const l2e__dcol *kind, int type)
{
	l2e__dcol *best = NULL, *c;
	size_t j;

	for (j = 0; j < sg->n_cols; j++) {
		c = &sg->cols[j];
		if (c == kind || c->is_natid || !c->n ||
		    (type == L2E__TYPE_EMAIL && !c->shapes[L2E__SHAPE_EMAIL]) ||
		    (type == L2E__TYPE_DATE && !l2e__dcol_dates(c)))
			continue;
		if (!best || c->is_many > best->is_many ||
		    (c->is_many == best->is_many &&
		     c->n_samples > best->n_samples))
			best = c;
	}
	return best;
}

/* A list inside the items of a section is that section's, never the
 * record's own. */
static int in_section(const l2e__draft *d, const l2e__dgroup *sg)
{
	size_t i, len;

	for (i = 1; i < d->n_groups; i++) {
		len = strlen(d->groups[i].each);
		if (d->groups[i].section >= 0 &&
		    !strncmp(sg->each, d->groups[i].each, len) &&
		    sg->each[len] == '.')
			return 1;
	}
	return 0;
}

typedef struct kind {
	l2e__dgroup *sg;
	const char *rel; /* the list's path from the item */
	l2e__dcol *kind; /* the kind column, and its value */
	const char *v;
	l2e__dcol *val; /* the value column */
	l2e__dcol *u;   /* a second kind, and its value, or NULL */
	const char *w;
	double score;
} kind;

/* The best list of kinds in `g` for `f`. */
static void kind_find(l2e__draft *d, l2e__dgroup *g, const l2e__dfield *f,
                      kind *best)
{
	size_t i, j, k, len = strlen(g->each);
	l2e__dgroup *sg;
	l2e__dcol *c, *val;
	double s;

	for (j = 1; j < d->n_groups; j++) {
		sg = &d->groups[j];
		if (sg == g || sg->section >= 0 || !sg->n_items ||
		    (len && (strncmp(sg->each, g->each, len) ||
		             sg->each[len] != '.')) ||
		    (!len && in_section(d, sg)))
			continue;
		for (k = 0; k < sg->n_cols; k++) {
			c = &sg->cols[k];
			if (c->is_many || c->is_natid || c->n_samples > 12)
				continue;
			for (i = 0; i < c->n_samples; i++) {
				if ((s = word_score(d, c->samples[i],
				                    &f->names)) <=
				        best->score ||
				    !(val = kind_value(sg, c, f->type)))
					continue;
				best->sg = sg;
				best->rel = len ? sg->each + len + 1 : sg->each;
				best->kind = c;
				best->v = c->samples[i];
				best->val = val;
				best->score = s;
			}
		}
	}
}

/* A second kind that makes a better name with the first (soort EMAIL,
 * gebruik prive: "emailprive", the first name of an e-mail address):
 * its path comes first, the kind alone after it. */
static void kind_second(l2e__draft *d, const l2e__dfield *f, kind *b)
{
	double best = b->score, s;
	char both[300];
	l2e__dcol *u;
	size_t i, k;

	for (k = 0; k < b->sg->n_cols; k++) {
		u = &b->sg->cols[k];
		if (u == b->kind || u == b->val || u->is_many ||
		    u->n_samples > 12)
			continue;
		for (i = 0; i < u->n_samples; i++) {
			snprintf(both, sizeof(both), "%s%s", b->v,
			         u->samples[i]);
			if ((s = word_score(d, both, &f->names)) > best) {
				best = s;
				b->u = u;
				b->w = u->samples[i];
			}
		}
	}
}

static int kind_pick(l2e__draft *d, l2e__dgroup *g, const l2e__dfield *f,
                     double now)
{
	kind b;
	l2e__dpick *p;
	char path[700];
	size_t i;

	memset(&b, 0, sizeof(b));
	b.score = now > 0.85 ? now : 0.85;
	kind_find(d, g, f, &b);
	if (!b.kind)
		return 0;
	kind_second(d, f, &b);
	if (snprintf(path, sizeof(path), "%s[%s=%s].%s", b.rel, b.kind->path,
	             b.v, b.val->path) >= (int)sizeof(path))
		return 0; /* too long a path for a draft */
	if (!(p = pick_for(d, f)))
		return -1;
	for (i = 0; i < p->n_cols; i++)
		p->col[i]->placed = 0; /* a weaker name loses its place */
	if (!(p->path = l2e__pool_strdup(&d->pool, path)))
		return -1;
	p->alt = NULL;
	if (b.u) {
		snprintf(path, sizeof(path), "%s[%s=%s][%s=%s].%s", b.rel,
		         b.kind->path, b.v, b.u->path, b.w, b.val->path);
		p->alt = p->path;
		if (!(p->path = l2e__pool_strdup(&d->pool, path)))
			return -1;
	} else {
		/* another kind that is a name of the field too (the
		 * qualification's code as programme_code or as
		 * crohoCreboCode) */
		for (i = 0; i < b.kind->n_samples; i++)
			if (b.kind->samples[i] != b.v &&
			    word_score(d, b.kind->samples[i], &f->names) > 0)
				break;
		if (i < b.kind->n_samples) {
			snprintf(path, sizeof(path), "%s[%s=%s].%s", b.rel,
			         b.kind->path, b.kind->samples[i], b.val->path);
			if (!(p->alt = l2e__pool_strdup(&d->pool, path)))
				return -1;
		}
	}
	p->col[0] = b.val;
	p->n_cols = 1;
	p->score = b.score;
	b.kind->placed = b.val->placed = 1;
	return 0;
}

/* An e-mail address that only a list inside the record holds, by its
 * values alone (ELM: contactPoint[0].emailAddress[0].id, a mailto:
 * address): the first item of each list on the way. */
static int first_item(l2e__draft *d, l2e__dgroup *g, const l2e__dfield *f)
{
	char path[700];
	size_t j, k, n, i, len;
	l2e__dgroup *sg;
	l2e__dcol *c;
	l2e__dpick *p;

	if (g != &d->groups[0] || f->type != L2E__TYPE_EMAIL)
		return 0;
	for (j = 1; j < d->n_groups; j++) {
		sg = &d->groups[j];
		if (sg->section >= 0 || !sg->is_list || in_section(d, sg) ||
		    strchr(sg->each, '[') || strchr(sg->each, '\''))
			continue;
		for (k = 0; k < sg->n_cols; k++) {
			c = &sg->cols[k];
			if (c->is_natid || c->placed ||
			    !l2e__mostly(c->shapes[L2E__SHAPE_EMAIL], c->n,
			                 0.9))
				continue;
			/* "a.b.c": [0] after every step that is a list */
			n = 0;
			len = strlen(sg->each);
			for (i = 0; i <= len && n + 4 < sizeof(path); i++) {
				if (i == len || sg->each[i] == '.') {
					size_t m;

					for (m = 1; m < d->n_groups; m++)
						if (d->groups[m].is_list &&
						    strlen(d->groups[m].each) ==
						        i &&
						    !strncmp(d->groups[m].each,
						             sg->each, i))
							break;
					if (m < d->n_groups) {
						memcpy(path + n, "[0]", 3);
						n += 3;
					}
				}
				if (i < len)
					path[n++] = sg->each[i];
			}
			path[n] = '\0';
			snprintf(path + n, sizeof(path) - n, ".%s", c->path);
			if (!(p = pick_for(d, f)) ||
			    !(p->path = l2e__pool_strdup(&d->pool, path)))
				return -1;
			p->col[0] = c;
			p->n_cols = 1;
			p->score = 0.5;
			c->placed = 1;
			return 0;
		}
	}
	return 0;
}

/* Fields of `g` named weakly or not at all, looked up in the lists of
 * kinds inside it. */
static int pick_kinds(l2e__draft *d, l2e__dgroup *g, int sec_a, int sec_b)
{
	const l2e__dpick *p;
	const l2e__dfield *f;
	size_t k;

	for (k = 0; k < d->words.n_fields; k++) {
		f = &d->words.fields[k];
		if ((f->section != sec_a && f->section != sec_b) ||
		    !f->names.n ||
		    (f->type != L2E__TYPE_TEXT && f->type != L2E__TYPE_EMAIL &&
		     f->type != L2E__TYPE_DATE && f->type != L2E__TYPE_URL))
			continue;
		p = l2e__draft_pick_of(d, f);
		if (p && p->score >= 0.85)
			continue;
		if (kind_pick(d, g, f, p ? p->score : 0) < 0)
			return -1;
		if (!l2e__draft_pick_of(d, f) && first_item(d, g, f) < 0)
			return -1;
	}
	return 0;
}

/* The skill column and the level column of `g`, if it has both. */
static void skill_level(l2e__draft *d, l2e__dgroup *g, l2e__dcol **skill,
                        l2e__dcol **level)
{
	l2e__dcol *c;
	size_t j;

	*skill = *level = NULL;
	for (j = 0; j < g->n_cols; j++) {
		c = &g->cols[j];
		if (!*skill &&
		    l2e__words_find(&d->words.skill_columns, c->last) >= 0)
			*skill = c;
		if (!*level && !c->placed &&
		    l2e__words_find(&d->words.level_columns, c->last) >= 0 &&
		    l2e__mostly(c->shapes[L2E__SHAPE_CEFR], c->n, 0.6))
			*level = c;
	}
}

/* Languages with a row per skill: a skill column (Lezen, Luisteren,
 * ...) and a level column; one item per language (group_by). Or a list
 * of scores inside each language (XML: score[@skill=LEZEN].@level):
 * then `sub` is that list and each level a filtered path. */
int l2e__draft_pick_long(l2e__draft *d, l2e__dgroup *g)
{
	l2e__dcol *skill = NULL, *level = NULL;
	l2e__dgroup *sub = NULL;
	const l2e__dfield *f;
	l2e__dpick *p;
	const char *norm, *rel = NULL;
	size_t j, k, i, len = strlen(g->each);
	char path[512];

	skill_level(d, g, &skill, &level);
	for (j = 1; j < d->n_groups && (!skill || !level); j++) {
		sub = &d->groups[j];
		if (strncmp(sub->each, g->each, len) || sub->each[len] != '.')
			continue;
		skill_level(d, sub, &skill, &level);
		rel = sub->each + len + 1;
	}
	if (!skill || !level)
		return 0;
	for (k = 0; k < d->words.n_fields; k++) {
		f = &d->words.fields[k];
		if (f->section != L2E__SEC_LANGUAGES ||
		    f->type != L2E__TYPE_CEFR)
			continue;
		for (i = 0; i < skill->n_samples; i++) {
			if (!(norm =
			          l2e__draft_norm(&d->pool, skill->samples[i])))
				return -1;
			if (l2e__words_find(&f->skill, norm) >= 0 &&
			    !strpbrk(skill->samples[i], "[]'\"="))
				break;
		}
		if (i == skill->n_samples)
			continue;
		if (l2e__draft_pick_of(d, f))
			continue; /* a column of its own won */
		if (!(p = pick_for(d, f)))
			return -1;
		p->col[0] = level;
		p->n_cols = 1;
		p->score = 0.7;
		p->is_long = 1;
		p->skill_col = skill;
		p->skill_value = skill->samples[i];
		if (rel) {
			snprintf(path, sizeof(path), "%s[%s=%s].%s", rel,
			         skill->path, skill->samples[i], level->path);
			if (!(p->path = l2e__pool_strdup(&d->pool, path)))
				return -1;
		}
		level->placed = skill->placed = 1;
	}
	if (rel)
		return 0;
	for (j = 0; j < d->n_picks; j++)
		if (d->picks[j].is_long)
			break;
	if (j == d->n_picks)
		return 0;
	for (j = 0; j < d->n_picks; j++)
		if (d->picks[j].f->section == L2E__SEC_LANGUAGES &&
		    !strcmp(d->picks[j].f->field, "code"))
			d->group_by = d->picks[j].col[0];
	return 0;
}
