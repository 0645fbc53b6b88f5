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

static l2e__dpick *pick_for(l2e__draft *d, const l2e__dfield *f)
{
	size_t i;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f == f)
			return &d->picks[i];
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
	d->picks[d->n_picks].f = f;
	return &d->picks[d->n_picks++];
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
	return error;
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
		for (j = 0; j < d->n_picks; j++)
			if (d->picks[j].f == f)
				break;
		if (j < d->n_picks)
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
