/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_cap.c - repeated findings, capped per input (--max-repeats).
 *
 * The wrong export for a mapping used to give a finding per record: a
 * thousand lines of "record has no dossier key" hide the one thing to
 * know. Findings of the same kind (severity, field, and the kind of the
 * message: util/finding_kind.c, as the HTML report groups them) in one
 * input are shown up to N times; at the end of the run this file tells
 * how many more there were and whether most dossiers of an input failed
 * the same way (the likely cause: the wrong mapping for this input).
 * It only counts and decides; convert_log.c says it (convert_log.c asks
 * this file whether to show a finding, so this file says nothing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_convert.h"
#include "util/finding_kind.h"

/* Kinds of findings tracked; past this every new kind is shown. */
#define MAX_KINDS 4096
#define SLOTS     8192 /* a power of two, twice MAX_KINDS */
#define KIND_MAX  1024 /* bytes of a message's kind compared */

typedef struct cap_input {
	char *name;
	size_t n_dossiers;
} cap_input;

typedef struct cap_kind {
	uint64_t hash;
	size_t input;    /* index into inputs */
	char *example;   /* the first message of this kind */
	size_t n;        /* findings */
	size_t n_failed; /* dossiers that failed with it */
	size_t last_seq; /* the last result counted in n_failed */
} cap_kind;

struct convert_cap {
	long max;
	cap_input *inputs;
	size_t n_inputs;
	cap_kind *kinds;
	size_t n_kinds;
	uint32_t *slots; /* kind index + 1; 0 is free */
	size_t seq;      /* results seen */
};

int convert_cap_new(convert_cap **out, long max)
{
	convert_cap *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || !(c->slots = calloc(SLOTS, sizeof(*c->slots)))) {
		free(c);
		return -1;
	}
	c->max = max;
	*out = c;
	return 0;
}

void convert_cap_free(convert_cap *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_inputs; i++)
		free(c->inputs[i].name);
	for (i = 0; i < c->n_kinds; i++)
		free(c->kinds[i].example);
	free(c->inputs);
	free(c->kinds);
	free(c->slots);
	free(c);
}

/* The input's index; results come input by input, so look from the end. */
static long input_of(convert_cap *c, const char *name)
{
	cap_input *grown;
	size_t i;

	if (!name)
		name = "-";
	for (i = c->n_inputs; i-- > 0;)
		if (!strcmp(c->inputs[i].name, name))
			return (long)i;
	grown = realloc(c->inputs, (c->n_inputs + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	c->inputs = grown;
	if (!(grown[c->n_inputs].name = strdup(name)))
		return -1;
	grown[c->n_inputs].n_dossiers = 0;
	return (long)c->n_inputs++;
}

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return (h ^ 0xff) * 0x100000001b3ull; /* ends a field */
}

/* A finding's kind in its input: severity, field, the message's kind. */
static uint64_t kind_hash(const batch_diag *d, size_t input)
{
	uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)input;
	char kind[KIND_MAX];

	h = (h ^ (unsigned)d->severity) * 0x100000001b3ull;
	h = fnv(h, d->field);
	l2e__finding_kind(kind, sizeof(kind), d->message);
	return fnv(h, kind);
}

static cap_kind *kind_of(convert_cap *c, const batch_diag *d, size_t input)
{
	uint64_t h = kind_hash(d, input);
	size_t s = (size_t)h & (SLOTS - 1);
	cap_kind *grown, *k;

	for (; c->slots[s]; s = (s + 1) & (SLOTS - 1)) {
		k = &c->kinds[c->slots[s] - 1];
		if (k->hash == h && k->input == input)
			return k;
	}
	if (c->n_kinds == MAX_KINDS)
		return NULL;
	grown = realloc(c->kinds, (c->n_kinds + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	c->kinds = grown;
	k = &grown[c->n_kinds];
	memset(k, 0, sizeof(*k));
	k->hash = h;
	k->input = input;
	k->example = strdup(d->message ? d->message : "");
	k->last_seq = (size_t)-1;
	c->slots[s] = (uint32_t)++c->n_kinds;
	return k;
}

int convert_cap_admit(convert_cap *c, const batch_result *res,
                      const batch_diag *d)
{
	long input = input_of(c, res->input);
	cap_kind *k;

	if (input < 0 || !(k = kind_of(c, d, (size_t)input)))
		return 1; /* out of room: shown, as before */
	k->n++;
	if (res->status == BATCH_REJECTED &&
	    d->severity == L2E_SEVERITY_ERROR && k->last_seq != c->seq) {
		k->n_failed++;
		k->last_seq = c->seq;
	}
	return c->max <= 0 || k->n <= (size_t)c->max;
}

void convert_cap_result(convert_cap *c, const batch_result *res)
{
	long input = input_of(c, res->input);

	c->seq++;
	/* a dossier, even without a key; not a note or an input's error */
	if (input >= 0 && res->status != BATCH_NOTE &&
	    (res->key || res->status != BATCH_ERROR))
		c->inputs[input].n_dossiers++;
}

int convert_cap_hidden(const convert_cap *c, size_t *i, size_t *n_more,
                       const char **input, const char **example)
{
	for (; c && c->max > 0 && *i < c->n_kinds; ++*i) {
		const cap_kind *k = &c->kinds[*i];

		if (k->n > (size_t)c->max) {
			*n_more = k->n - (size_t)c->max;
			*input = c->inputs[k->input].name;
			*example = k->example;
			++*i;
			return 1;
		}
	}
	return 0;
}

int convert_cap_likely(const convert_cap *c, size_t *j, size_t *n_failed,
                       size_t *n_dossiers, const char **input,
                       const char **example)
{
	size_t i;

	for (; c && *j < c->n_inputs; ++*j) {
		const cap_kind *worst = NULL;
		size_t all = c->inputs[*j].n_dossiers;

		for (i = 0; i < c->n_kinds; i++)
			if (c->kinds[i].input == *j &&
			    (!worst || c->kinds[i].n_failed > worst->n_failed))
				worst = &c->kinds[i];
		/* most of at least three dossiers: not one unlucky record */
		if (!worst || all < 3 || worst->n_failed * 2 <= all)
			continue;
		*n_failed = worst->n_failed;
		*n_dossiers = all;
		*input = c->inputs[*j].name;
		*example = worst->example;
		++*j;
		return 1;
	}
	return 0;
}
