/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_score.c - `mapping init`: how well a value place fits a profile
 * field, by its name (the synonyms) and by the shapes of its values.
 * Its own file because both the walk (draft.c: national ids, the key,
 * consent) and the picking (draft_pick.c) score places; with the scores
 * in draft.c the picking called back into its caller.
 */
#include <string.h>

#include "draft/draft.h"

static double score(const char *last, const char *full, const l2e__words *names)
{
	double best = 0, s;
	size_t i, ln, lc = strlen(last);

	for (i = 0; i < names->n; i++) {
		s = 0;
		ln = strlen(names->w[i]);
		if (!strcmp(last, names->w[i]))
			s = 1.0 - 0.02 * (double)i;
		else if (!strcmp(full, names->w[i]))
			s = 0.95 - 0.02 * (double)i;
		else if (ln >= 4 && lc > ln &&
		         (!strncmp(last, names->w[i], ln) ||
		          !strcmp(last + lc - ln, names->w[i])))
			s = 0.6 - 0.01 * (double)i;
		if (s < 0.3 && s > 0)
			s = 0.3;
		if (s > best)
			best = s;
	}
	return best;
}

/* A linked-data concept, {"countryCode": {"id": "http://publications
 * .europa.eu/.../country/DEU", "prefLabel": {"en": "Germany"}}}: its
 * "id" (an address) and its "prefLabel" are named by the step before
 * them, normalised into out[size]. */
static const char *concept_name(const l2e__dcol *c, char *out, size_t size)
{
	const char *end, *start;

	/* (a probe of a name alone has no path) */
	if (!c->path || !c->n || !(end = strrchr(c->path, '.')) ||
	    (strcmp(c->last, "preflabel") &&
	     (strcmp(c->last, "id") ||
	      !l2e__mostly(c->shapes[L2E__SHAPE_URL], c->n, 0.8))))
		return NULL;
	for (start = end; start > c->path && start[-1] != '.'; start--)
		;
	return l2e__draft_norm_into(out, size, start, (size_t)(end - start))
	           ? out
	           : NULL;
}

/* How well `c` is called one of `names`: 1 for the first name exactly,
 * less for a later one, a part of the name, or the whole path. */
double l2e__dcol_name_score(const l2e__dcol *c, const l2e__words *names)
{
	char concept[128];
	double own = score(c->last, c->full, names), s;

	if (!concept_name(c, concept, sizeof(concept)))
		return own;
	s = score(concept, c->full, names);
	/* a concept's label is the label of the concept, not "a label" */
	if (!strcmp(c->last, "preflabel") || s > own)
		return s;
	return own;
}

int l2e__dcol_is_concept(const l2e__dcol *c)
{
	char concept[128];

	return strcmp(c->last, "preflabel") &&
	       concept_name(c, concept, sizeof(concept)) != NULL;
}

int l2e__dcol_best_date(const l2e__dcol *c)
{
	int k, best = -1;

	for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_LAST; k++)
		if (best < 0 || c->shapes[k] > c->shapes[best])
			best = k;
	return best;
}

/* A column of dates may mix forms: a certificate dated to the day in
 * one row and to the month in the next (20250610 beside 112024) is
 * still a column of dates; the draft lists every pattern it saw. */
size_t l2e__dcol_dates(const l2e__dcol *c)
{
	size_t n = 0;
	int k;

	for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_LAST; k++)
		n += c->shapes[k];
	return n < c->n ? n : c->n;
}

int l2e__mostly(size_t part, size_t n, double share)
{
	return n && (double)part >= share * (double)n;
}

/* Whether the values of `c` fit a field of `type` (an empty column
 * fits anything: its name decides). */
int l2e__dcol_fits(const l2e__dcol *c, int type)
{
	if (!c->n)
		return 1;
	switch (type) {
	case L2E__TYPE_DATE: return l2e__mostly(l2e__dcol_dates(c), c->n, 0.8);
	case L2E__TYPE_EMAIL:
		return l2e__mostly(c->shapes[L2E__SHAPE_EMAIL], c->n, 0.8);
	case L2E__TYPE_CEFR:
		return l2e__mostly(c->shapes[L2E__SHAPE_CEFR], c->n, 0.6);
	case L2E__TYPE_EQF: /* the code list knows many more forms */ return 1;
	case L2E__TYPE_BOOL:
		return l2e__mostly(c->n_yes + c->n_no + c->n_json_bool, c->n,
		                   0.8);
	case L2E__TYPE_URL:
		return l2e__mostly(c->shapes[L2E__SHAPE_URL], c->n, 0.8);
	case L2E__TYPE_TEXT:
		return !l2e__mostly(l2e__dcol_dates(c), c->n, 0.8) &&
		       !l2e__mostly(c->n_json_bool, c->n, 0.8);
	}
	return 1;
}

/* Add the date patterns of `c` to seen[6], the most common first; a
 * shape of fewer than 1 in 20 values is a slip, not a pattern. */
size_t l2e__dcol_date_patterns(const l2e__dcol *c, const char **seen,
                               size_t n_seen)
{
	int k, best;
	size_t j, done[L2E__SHAPE_N] = { 0 };
	const char *pat;

	for (;;) {
		best = -1;
		for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_LAST; k++)
			if (!done[k] && c->shapes[k] &&
			    c->shapes[k] * 20 >= c->n &&
			    (best < 0 || c->shapes[k] > c->shapes[best]))
				best = k;
		if (best < 0)
			return n_seen;
		done[best] = 1;
		if (!(pat = l2e__shape_date_pattern(best)))
			pat = "jjjj-mm-dd*";
		for (j = 0; j < n_seen; j++)
			if (!strcmp(seen[j], pat))
				break;
		if (j == n_seen && n_seen < 6)
			seen[n_seen++] = pat;
	}
}

int l2e__date_patterns_iso(const char *const *seen, size_t n_seen)
{
	size_t j;

	for (j = 0; j < n_seen; j++)
		if (strcmp(seen[j], "jjjj-mm-dd*") &&
		    strcmp(seen[j], "jjjj-mm"))
			return 0;
	return 1;
}

/* Whether a value seen in `c` is written in capitals ('S-HERTOGENBOSCH,
 * ZWOLLE): at least four letters, none of them small. */
int l2e__dcol_has_capitals(const l2e__dcol *c)
{
	size_t i, upper;
	const char *s;

	for (i = 0; i < c->n_samples; i++) {
		for (s = c->samples[i], upper = 0; *s; s++) {
			if (*s >= 'a' && *s <= 'z')
				break;
			upper += *s >= 'A' && *s <= 'Z';
		}
		if (!*s && upper >= 4)
			return 1;
	}
	return 0;
}
