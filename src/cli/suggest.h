/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * suggest.h - "did you mean": the closest of a list of names to a word
 * that was mistyped (options, commands, formats, mapping names).
 */
#ifndef L2E_CLI_SUGGEST_H
#define L2E_CLI_SUGGEST_H

#include <stddef.h>

/* Gathers candidates one by one and keeps the closest. */
typedef struct suggest {
	const char *word;
	char best[256];
	size_t best_distance;
	char tail[256]; /* the one candidate whose last part is the word */
	size_t n_tails; /* how many such candidates were seen */
	int by_tail;    /* names whose parts users shorten: formats */
} suggest;

void suggest_start(suggest *s, const char *word);

/** Consider `len` bytes of `candidate` (len: strlen if (size_t)-1). */
void suggest_add(suggest *s, const char *candidate, size_t len);

/**
 * The closest candidate when it is close enough to be what was meant
 * (at most a third of the word's letters changed, at least one), else
 * with `by_tail` set (after suggest_start), the one candidate whose
 * last part after a '-' is the word ("xml" for "europass-xml"), or NULL.
 * Options do not use it: "--format" is not a short "--log-format".
 */
const char *suggest_best(const suggest *s);

/** The distance between two words: edits, a swap of two letters is one. */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen);

#endif
