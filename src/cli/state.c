/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * state.c - the record of an output folder's last run (see state.h).
 */
#include "state.h"

#include "util/atomic_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STATE_FILE ".lob2europass-state"

static int by_stem(const void *a, const void *b)
{
	return strcmp(((const state_entry *)a)->stem,
	              ((const state_entry *)b)->stem);
}

int state_load(run_state *s, const char *dir, const char *formats,
               const char *const *exts, size_t n_exts)
{
	char path[4096], line[1024], stem[300], fp[32], fmts[200];
	size_t cap = 0;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->dir = strdup(dir);
	s->formats = strdup(formats);
	s->exts = exts;
	s->n_exts = n_exts;
	if (!s->dir || !s->formats)
		return -1;
	snprintf(path, sizeof(path), "%s/" STATE_FILE, dir);
	if (!(f = fopen(path, "r")))
		return 0; /* a first run */
	while (fgets(line, sizeof(line), f)) {
		state_entry *e;

		if (sscanf(line, "%299s %31s %199s", stem, fp, fmts) != 3 ||
		    strlen(fp) != 16)
			continue;
		if (s->n_old == cap) {
			state_entry *grown;

			cap = cap ? cap * 2 : 256;
			grown = realloc(s->old, cap * sizeof(*grown));
			if (!grown)
				break;
			s->old = grown;
		}
		e = &s->old[s->n_old];
		e->stem = strdup(stem);
		e->formats = strdup(fmts);
		memcpy(e->fingerprint, fp, 17);
		if (e->stem && e->formats)
			s->n_old++;
	}
	fclose(f);
	if (s->n_old) /* qsort and bsearch want a real array */
		qsort(s->old, s->n_old, sizeof(*s->old), by_stem);
	return 0;
}

int state_is_unchanged(const run_state *s, const char *stem,
                       const char *fingerprint)
{
	state_entry key, *e;
	char path[4096];
	struct stat st;
	size_t i;

	if (!s->n_old)
		return 0;
	key.stem = (char *)stem;
	e = bsearch(&key, s->old, s->n_old, sizeof(key), by_stem);
	if (!e || strcmp(e->fingerprint, fingerprint) ||
	    strcmp(e->formats, s->formats))
		return 0;
	for (i = 0; i < s->n_exts; i++) {
		snprintf(path, sizeof(path), "%s/%s%s", s->dir, stem,
		         s->exts[i]);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
	}
	return 1;
}

int state_note(run_state *s, const char *stem, const char *fingerprint)
{
	state_entry *e;

	if (s->n_now == s->cap_now) {
		size_t cap = s->cap_now ? s->cap_now * 2 : 256;
		state_entry *grown = realloc(s->now, cap * sizeof(*grown));

		if (!grown)
			return -1;
		s->now = grown;
		s->cap_now = cap;
	}
	e = &s->now[s->n_now];
	e->stem = strdup(stem);
	e->formats = NULL;
	snprintf(e->fingerprint, sizeof(e->fingerprint), "%s", fingerprint);
	if (!e->stem)
		return -1;
	s->n_now++;
	return 0;
}

/* From the end: a dossier's file fails soon after it is noted. */
void state_forget(run_state *s, const char *stem)
{
	size_t i;

	for (i = s->n_now; i-- > 0;)
		if (!strcmp(s->now[i].stem, stem)) {
			free(s->now[i].stem);
			memmove(&s->now[i], &s->now[i + 1],
			        (s->n_now - i - 1) * sizeof(*s->now));
			s->n_now--;
			return;
		}
}

/* The state names the output's students: for the owner alone (0600,
 * the mode it always had). */
int state_save(run_state *s)
{
	char path[4096];
	l2e__atomic_file a;
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/" STATE_FILE, s->dir);
	if (l2e__atomic_begin(&a, path) < 0)
		return -1;
	if (!(f = l2e__atomic_stream(&a))) {
		l2e__atomic_abort(&a);
		return -1;
	}
	for (i = 0; i < s->n_now; i++)
		fprintf(f, "%s %s %s\n", s->now[i].stem, s->now[i].fingerprint,
		        s->formats);
	return l2e__atomic_commit(&a, 0600);
}

void state_dispose(run_state *s)
{
	size_t i;

	for (i = 0; i < s->n_old; i++) {
		free(s->old[i].stem);
		free(s->old[i].formats);
	}
	for (i = 0; i < s->n_now; i++)
		free(s->now[i].stem);
	free(s->old);
	free(s->now);
	free(s->dir);
	free(s->formats);
	memset(s, 0, sizeof(*s));
}
