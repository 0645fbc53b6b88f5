/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * suggest.c - "did you mean" (see suggest.h): the optimal string
 * alignment distance (Levenshtein with a swap of neighbours as one
 * edit, the commonest typo), letters compared without case.
 */
#include "suggest.h"

#include <string.h>

/* Words longer than this are not compared (no typo of a name is). */
#define MAX_WORD 64

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t d[MAX_WORD + 1][MAX_WORD + 1], i, j;

	if (alen > MAX_WORD || blen > MAX_WORD)
		return (size_t)-1;
	for (i = 0; i <= alen; i++)
		d[i][0] = i;
	for (j = 0; j <= blen; j++)
		d[0][j] = j;
	for (i = 1; i <= alen; i++)
		for (j = 1; j <= blen; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
			               d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[alen][blen];
}

void suggest_start(suggest *s, const char *word)
{
	s->word = word;
	s->best[0] = '\0';
	s->best_distance = (size_t)-1;
	s->tail[0] = '\0';
	s->n_tails = 0;
	s->by_tail = 0;
}

/* "xml" for "europass-xml": the short name a user may think of. */
static int is_tail(const char *word, const char *candidate, size_t len)
{
	size_t wlen = strlen(word), i;

	if (!wlen || wlen + 1 >= len || candidate[len - wlen - 1] != '-')
		return 0;
	for (i = 0; i < wlen; i++)
		if (lower(word[i]) != lower(candidate[len - wlen + i]))
			return 0;
	return 1;
}

void suggest_add(suggest *s, const char *candidate, size_t len)
{
	size_t d;

	if (len == (size_t)-1)
		len = strlen(candidate);
	if (len >= sizeof(s->best))
		return;
	if (s->by_tail && is_tail(s->word, candidate, len) &&
	    s->n_tails++ == 0) {
		memcpy(s->tail, candidate, len);
		s->tail[len] = '\0';
	}
	d = suggest_distance(s->word, strlen(s->word), candidate, len);
	if (d < s->best_distance) {
		memcpy(s->best, candidate, len);
		s->best[len] = '\0';
		s->best_distance = d;
	}
}

const char *suggest_best(const suggest *s)
{
	size_t len = strlen(s->word), room = len / 3 ? len / 3 : 1;

	if (s->best[0] && strcmp(s->best, s->word) && s->best_distance <= room)
		return s->best;
	/* a last part shared by two names says nothing */
	return s->n_tails == 1 ? s->tail : NULL;
}
