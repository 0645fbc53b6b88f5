/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prune.c - the documents of an output folder that are ours, and which
 * of them a run leaves behind (see prune.h).
 */
#include "prune.h"

#include "i18n.h"
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OWNED_MAGIC "lob2europass-owned 1"
/* a name of ours: a stem of at most 200 bytes, a part, an extension */
#define NAME_MAX_LEN 255

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_stem(const void *a, const void *b)
{
	return strcmp(((const prune_stem *)a)->stem,
	              ((const prune_stem *)b)->stem);
}

/* The extension of one of our formats that `name` ends in, else NULL. */
static const char *our_extension(const char *name, size_t len)
{
	const char *ext, *best = NULL;
	l2e_format fmt;

	for (fmt = (l2e_format)1; l2e_format_name(fmt);
	     fmt = (l2e_format)(fmt + 1)) {
		size_t n;

		if (!(ext = l2e_format_extension(fmt)))
			continue;
		n = strlen(ext);
		/* the longest: ".cv.xml" before ".xml" */
		if (len > n && !strcmp(name + len - n, ext) &&
		    (!best || n > strlen(best)))
			best = ext;
	}
	return best;
}

/*
 * A document name of ours: nothing else is ever removed, or shown. The
 * names we write never hold a national identifier (the file stem is
 * made safe), so a name the privacy guard would change is not ours.
 */
static int is_our_name(const char *name)
{
	l2e_buf safe = L2E_BUF_INIT;
	size_t len = strlen(name), i;
	int is_same;

	if (!len || len > NAME_MAX_LEN || name[0] == '.' ||
	    !strcmp(name, MANIFEST_NAME) || !strcmp(name, MANIFEST_SIG_NAME))
		return 0;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || (unsigned char)name[i] < 0x20 ||
		    name[i] == 0x7f)
			return 0;
	if (!our_extension(name, len))
		return 0;
	is_same = l2e_input_name_redacted(&safe, name) == 0 && safe.ptr &&
	          !strcmp(safe.ptr, name);
	l2e_buf_dispose(&safe);
	return is_same;
}

static int add_old(const char *name, void *payload)
{
	prune *p = payload;

	if (!is_our_name(name))
		return 0;
	if (p->n_old == p->cap_old) {
		size_t cap = p->cap_old ? p->cap_old * 2 : 256;
		char **grown = realloc(p->old, cap * sizeof(*grown));

		if (!grown)
			return -1;
		p->old = grown;
		p->cap_old = cap;
	}
	if (!(p->old[p->n_old] = strdup(name)))
		return -1;
	p->n_old++;
	return 0;
}

/* DIR/.lob2europass-owned: the magic line, "dossiers N", names. */
static int read_owned(prune *p)
{
	char path[4096], line[1024];
	size_t len;
	long n;
	FILE *f;
	int rc = 0, is_first = 1;

	snprintf(path, sizeof(path), "%s/%s", p->dir, PRUNE_OWNED_NAME);
	if (!(f = fopen(path, "r")))
		return 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		char *end;

		len = strlen(line);
		if (len && line[len - 1] != '\n' && !feof(f)) {
			int c; /* not a name of ours: skip the rest */

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (is_first) { /* another file of this name: not ours */
			if (strcmp(line, OWNED_MAGIC))
				break;
			is_first = 0;
			continue;
		}
		if (!strncmp(line, "dossiers ", 9)) {
			errno = 0;
			n = strtol(line + 9, &end, 10);
			if (!errno && !*end && n >= 0)
				p->last_dossiers = n;
			continue;
		}
		rc = add_old(line, p);
	}
	fclose(f);
	return rc;
}

int prune_open(prune *p, const char *dir)
{
	size_t i, n = 0;

	memset(p, 0, sizeof(*p));
	p->last_dossiers = -1;
	if (!(p->dir = strdup(dir)) ||
	    manifest_read_names(dir, add_old, p) < 0 || read_owned(p) < 0)
		return -1;
	if (p->n_old)
		qsort(p->old, p->n_old, sizeof(*p->old), by_string);
	for (i = 0; i < p->n_old; i++) { /* each name once */
		if (n && !strcmp(p->old[n - 1], p->old[i])) {
			free(p->old[i]);
			continue;
		}
		p->old[n++] = p->old[i];
	}
	p->n_old = n;
	return 0;
}

int prune_note(prune *p, const char *stem, prune_fate fate)
{
	if (p->n_stems == p->cap_stems) {
		size_t cap = p->cap_stems ? p->cap_stems * 2 : 256;
		prune_stem *grown = realloc(p->stems, cap * sizeof(*grown));

		if (!grown)
			return -1;
		p->stems = grown;
		p->cap_stems = cap;
	}
	if (!(p->stems[p->n_stems].stem = strdup(stem)))
		return -1;
	p->stems[p->n_stems++].fate = (int)fate;
	return 0;
}

/* Sorted, each stem once with the highest fate noted for it. */
static void settle_stems(prune *p)
{
	size_t i, n = 0;

	if (!p->n_stems)
		return;
	qsort(p->stems, p->n_stems, sizeof(*p->stems), by_stem);
	for (i = 0; i < p->n_stems; i++) {
		if (n && !strcmp(p->stems[n - 1].stem, p->stems[i].stem)) {
			if (p->stems[i].fate > p->stems[n - 1].fate)
				p->stems[n - 1].fate = p->stems[i].fate;
			free(p->stems[i].stem);
			continue;
		}
		p->stems[n++] = p->stems[i];
	}
	p->n_stems = n;
}

static int fate_of(const prune *p, const char *stem)
{
	prune_stem key, *hit;

	if (!p->n_stems)
		return 0;
	key.stem = (char *)stem;
	hit = bsearch(&key, p->stems, p->n_stems, sizeof(key), by_stem);
	return hit ? hit->fate : 0;
}

/*
 * Why a document is left behind: STEM.EXT, or STEM.PART.EXT for a
 * format of several documents, and what became of STEM in this run.
 */
static prune_reason reason_of(const prune *p, const char *name,
                              size_t *stem_len)
{
	char stem[NAME_MAX_LEN + 1];
	const char *ext = our_extension(name, strlen(name));
	size_t len = strlen(name) - strlen(ext);
	char *dot;
	int fate;

	memcpy(stem, name, len);
	stem[len] = '\0';
	*stem_len = len;
	fate = fate_of(p, stem);
	if (!fate && (dot = strrchr(stem, '.')) && dot != stem) {
		*dot = '\0';
		if ((fate = fate_of(p, stem)) != 0)
			*stem_len = (size_t)(dot - stem);
	}
	switch (fate) {
	case PRUNE_SKIPPED: return PRUNE_CONSENT;
	case PRUNE_PRODUCED: return PRUNE_FORMAT;
	case PRUNE_FAILED: return PRUNE_KEEP_FAILED;
	default: return PRUNE_NOT_IN_EXPORT;
	}
}

int prune_plan(prune *p, const manifest *now)
{
	size_t n_now = manifest_count(now), i;
	const char **names = NULL;
	char path[4096];
	struct stat st;

	settle_stems(p);
	free(p->left);
	p->left = NULL;
	p->n_left = 0;
	if (!p->n_old)
		return 0;
	if (!(p->left = calloc(p->n_old, sizeof(*p->left))) ||
	    (n_now && !(names = malloc(n_now * sizeof(*names))))) {
		free(p->left);
		p->left = NULL;
		return -1;
	}
	for (i = 0; i < n_now; i++)
		names[i] = manifest_name(now, i);
	if (n_now)
		qsort(names, n_now, sizeof(*names), by_string);
	for (i = 0; i < p->n_old; i++) {
		const char *name = p->old[i];

		if (n_now &&
		    bsearch(&name, names, n_now, sizeof(*names), by_string))
			continue;
		snprintf(path, sizeof(path), "%s/%s", p->dir, name);
		/* gone already, or no longer a file of ours (a folder, a
		 * link the user put there): nothing to do */
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		p->left[p->n_left].name = name;
		p->left[p->n_left].reason =
		    reason_of(p, name, &p->left[p->n_left].stem_len);
		p->n_left++;
	}
	free(names);
	return 0;
}

int prune_remove(prune *p, prune_doc *d)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", p->dir, d->name);
	if (unlink(path) != 0 && errno != ENOENT)
		return -1;
	d->is_removed = 1;
	return 0;
}

void prune_sync(const prune *p)
{
	int fd = open(p->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int prune_save(const prune *p, const manifest *now, long dossiers)
{
	size_t n_now = manifest_count(now), n = 0, i;
	const char **names;
	char path[4096];
	l2e__atomic_file a;
	FILE *f;

	if (!(names = malloc((n_now + p->n_left + 1) * sizeof(*names)))) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < n_now; i++)
		names[n++] = manifest_name(now, i);
	for (i = 0; i < p->n_left; i++)
		if (!p->left[i].is_removed)
			names[n++] = p->left[i].name;
	if (n)
		qsort(names, n, sizeof(*names), by_string);
	snprintf(path, sizeof(path), "%s/%s", p->dir, PRUNE_OWNED_NAME);
	if (l2e__atomic_begin(&a, path) < 0) {
		free(names);
		return -1;
	}
	if (!(f = l2e__atomic_stream(&a))) {
		l2e__atomic_abort(&a);
		free(names);
		return -1;
	}
	fprintf(f, "%s\ndossiers %ld\n", OWNED_MAGIC, dossiers);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", names[i]);
	free(names);
	/* it names the students: for the owner alone, as the state */
	return l2e__atomic_commit(&a, 0600);
}

const char *prune_reason_text(prune_reason r)
{
	switch (r) {
	case PRUNE_CONSENT: return N_("consent withdrawn");
	case PRUNE_FORMAT: return N_("format no longer asked for");
	case PRUNE_KEEP_FAILED: return N_("its dossier failed in this run");
	default: return N_("not in the export any more");
	}
}

int prune_compare(const char *dir, const char *name, const char *data,
                  size_t len)
{
	char path[4096], chunk[65536];
	struct stat st;
	size_t at = 0;
	ssize_t got;
	int fd, rc = 2;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : 2;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto done;
	while (at < len && (got = read(fd, chunk, sizeof(chunk))) > 0) {
		if ((size_t)got > len - at ||
		    memcmp(chunk, data + at, (size_t)got))
			goto done;
		at += (size_t)got;
	}
	rc = at == len ? 1 : 2;
done:
	close(fd);
	return rc;
}

void prune_dispose(prune *p)
{
	size_t i;

	for (i = 0; i < p->n_old; i++)
		free(p->old[i]);
	for (i = 0; i < p->n_stems; i++)
		free(p->stems[i].stem);
	free(p->old);
	free(p->stems);
	free(p->left);
	free(p->dir);
	memset(p, 0, sizeof(*p));
}
