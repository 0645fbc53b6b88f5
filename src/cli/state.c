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

/* the old stems, one after another in blocks of this size: no malloc
 * per dossier */
#define STEM_BLOCK (64u * 1024)

static char *keep_stem(run_state *s, const char *stem)
{
	size_t size = strlen(stem) + 1;
	char *at;

	if (!s->n_stem_blocks || s->stem_block_used + size > STEM_BLOCK) {
		char **grown = realloc(s->stem_blocks,
		                       (s->n_stem_blocks + 1) * sizeof(*grown));

		if (!grown)
			return NULL;
		s->stem_blocks = grown;
		if (!(s->stem_blocks[s->n_stem_blocks] = malloc(STEM_BLOCK)))
			return NULL;
		s->n_stem_blocks++;
		s->stem_block_used = 0;
	}
	at = s->stem_blocks[s->n_stem_blocks - 1] + s->stem_block_used;
	memcpy(at, stem, size);
	s->stem_block_used += size;
	return at;
}

/* The formats of a line: a few different ones in a file, kept once. */
static char *keep_formats(run_state *s, const char *fmts)
{
	size_t i;
	char **grown;

	for (i = s->n_old_formats; i-- > 0;)
		if (!strcmp(s->old_formats[i], fmts))
			return s->old_formats[i];
	grown =
	    realloc(s->old_formats, (s->n_old_formats + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	s->old_formats = grown;
	if (!(grown[s->n_old_formats] = strdup(fmts)))
		return NULL;
	return grown[s->n_old_formats++];
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
		e->stem = keep_stem(s, stem);
		e->formats = keep_formats(s, fmts);
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

/* a stem is a file name: far shorter */
#define MAX_STEM 4000
#define SAVE_BUF (64u * 1024)

int state_note(run_state *s, const char *stem, const char *fingerprint)
{
	char rec[MAX_STEM + 1 + 17 + 1];
	size_t len = strlen(stem);
	int n;

	if (len > MAX_STEM)
		return -1;
	memcpy(rec, stem, len + 1);
	n = snprintf(rec + len + 1, 17, "%s", fingerprint);
	if (n < 0)
		return -1;
	len += 1 + (n > 16 ? 16 : (size_t)n) + 1;
	return spool_append(&s->now, rec, len, NULL);
}

void state_forget(run_state *s, const char *stem)
{
	char *copy;

	if (s->n_forgotten == s->cap_forgotten) {
		size_t cap = s->cap_forgotten ? s->cap_forgotten * 2 : 16;
		char **grown = realloc(s->forgotten, cap * sizeof(*grown));

		if (!grown)
			return;
		s->forgotten = grown;
		s->cap_forgotten = cap;
	}
	if ((copy = strdup(stem)))
		s->forgotten[s->n_forgotten++] = copy;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The records of this run, in the order noted, as lines to `f`. */
static int copy_records(run_state *s, FILE *f)
{
	char *buf = malloc(SAVE_BUF);
	size_t have = 0, used;
	off_t pos = 0;
	int rc = -1;

	if (!buf)
		return -1;
	if (s->n_forgotten)
		qsort(s->forgotten, s->n_forgotten, sizeof(*s->forgotten),
		      by_str);
	while (pos < s->now.size) {
		ssize_t n =
		    spool_read(&s->now, pos, buf + have, SAVE_BUF - have);

		if (n <= 0)
			goto done;
		pos += n;
		have += (size_t)n;
		used = 0;
		for (;;) {
			char *stem = buf + used, *fp, *end;

			fp = memchr(stem, '\0', have - used);
			end = fp ? memchr(fp + 1, '\0',
			                  have - (size_t)(fp + 1 - buf))
			         : NULL;
			if (!end)
				break;
			fp++;
			if (!s->n_forgotten ||
			    !bsearch(&stem, s->forgotten, s->n_forgotten,
			             sizeof(*s->forgotten), by_str))
				fprintf(f, "%s %s %s\n", stem, fp, s->formats);
			used = (size_t)(end - buf) + 1;
		}
		if (used == 0) /* a record longer than the buffer */
			goto done;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	rc = have ? -1 : 0;
done:
	free(buf);
	return rc;
}

/* The state names the output's students: for the owner alone (0600,
 * the mode it always had). */
int state_save(run_state *s)
{
	char path[4096];
	l2e__atomic_file a;
	FILE *f;

	snprintf(path, sizeof(path), "%s/" STATE_FILE, s->dir);
	if (l2e__atomic_begin(&a, path) < 0)
		return -1;
	if (!(f = l2e__atomic_stream(&a)) || copy_records(s, f) < 0) {
		l2e__atomic_abort(&a);
		return -1;
	}
	return l2e__atomic_commit(&a, 0600);
}

void state_dispose(run_state *s)
{
	size_t i;

	for (i = 0; i < s->n_stem_blocks; i++)
		free(s->stem_blocks[i]);
	free(s->stem_blocks);
	for (i = 0; i < s->n_old_formats; i++)
		free(s->old_formats[i]);
	free(s->old_formats);
	for (i = 0; i < s->n_forgotten; i++)
		free(s->forgotten[i]);
	free(s->forgotten);
	spool_dispose(&s->now);
	free(s->old);
	free(s->dir);
	free(s->formats);
	memset(s, 0, sizeof(*s));
}
