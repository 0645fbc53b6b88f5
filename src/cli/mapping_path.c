/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * mapping_path.c - where mappings are found by name (see
 * mapping_path.h).
 */
#include "mapping_path.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
#include "suggest.h"

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void add_dir(mapping_dirs *d, const char *dir, size_t len)
{
	if (d->n < MAPPING_MAX_DIRS && len &&
	    (d->dir[d->n] = malloc(len + 1))) {
		memcpy(d->dir[d->n], dir, len);
		d->dir[d->n++][len] = '\0';
	}
}

void mapping_dirs_get(mapping_dirs *out, const char *mappings_dir)
{
	const char *env = getenv("L2E_MAPPINGS_PATH"), *p, *colon;

	memset(out, 0, sizeof(*out));
	if (mappings_dir)
		add_dir(out, mappings_dir, strlen(mappings_dir));
	for (p = env; p && *p; p = colon ? colon + 1 : p + strlen(p)) {
		colon = strchr(p, ':');
		add_dir(out, p, colon ? (size_t)(colon - p) : strlen(p));
	}
	add_dir(out, L2E_DATADIR "/mappings", strlen(L2E_DATADIR "/mappings"));
}

void mapping_dirs_dispose(mapping_dirs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->dir[i]);
	d->n = 0;
}

const char *mapping_find(const char *arg, const char *mappings_dir, char *buf,
                         size_t size)
{
	const char *found = NULL;
	mapping_dirs d;
	size_t i;

	if (strchr(arg, '/') || file_exists(arg))
		return file_exists(arg) ? arg : NULL;
	mapping_dirs_get(&d, mappings_dir);
	for (i = 0; i < d.n && !found; i++) {
		snprintf(buf, size, "%s/%s.json", d.dir[i], arg);
		if (file_exists(buf))
			found = buf;
	}
	mapping_dirs_dispose(&d);
	return found;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_mapping_name(const char *name, size_t *stem)
{
	size_t len = strlen(name);

	if (name[0] == '.' || len <= 5 || strcmp(name + len - 5, ".json"))
		return 0;
	if (len > 12 && !strcmp(name + len - 12, ".schema.json"))
		return 0;
	*stem = len - 5;
	return 1;
}

void mapping_each(const char *dir,
                  void (*fn)(const char *path, const char *name, void *payload),
                  void *payload)
{
	char **names = NULL, **grown, path[4096], stem_buf[256];
	size_t n = 0, i, stem = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!is_mapping_name(e->d_name, &stem))
			continue;
		if (!(grown = realloc(names, (n + 1) * sizeof(*names))))
			break;
		names = grown;
		if ((names[n] = strdup(e->d_name)))
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		int len = snprintf(path, sizeof(path), "%s/%s", dir, names[i]);

		is_mapping_name(names[i], &stem);
		snprintf(stem_buf, sizeof(stem_buf), "%.*s", (int)stem,
		         names[i]);
		/* a path too long to open is no mapping to offer */
		if (len > 0 && (size_t)len < sizeof(path) && file_exists(path))
			fn(path, stem_buf, payload);
		free(names[i]);
	}
	free(names);
}

static void consider(const char *path, const char *name, void *payload)
{
	(void)path;
	suggest_add(payload, name, (size_t)-1);
}

/* A path's file name among the files of its folder. */
static void consider_file(const char *path, const char *name, void *payload)
{
	const char *slash = strrchr(path, '/');
	char with_ext[NAME_MAX + 1];

	(void)name;
	/* a file name is at most NAME_MAX bytes */
	snprintf(with_ext, sizeof(with_ext), "%.*s", NAME_MAX,
	         slash ? slash + 1 : path);
	suggest_add(payload, with_ext, (size_t)-1);
}

void mapping_not_found(FILE *f, const char *prog, const char *arg,
                       const char *mappings_dir)
{
	const char *slash = strrchr(arg, '/'), *best;
	char dir[4096];
	mapping_dirs d;
	suggest s;
	size_t i;

	if (slash) { /* a path: the closest file beside it */
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - arg), arg);
		suggest_start(&s, slash + 1);
		mapping_each(*dir ? dir : "/", consider_file, &s);
		best = suggest_best(&s);
		fprintf(f, _("%s: mapping file '%s' not found"), prog, arg);
		if (best)
			fprintf(f, _("; did you mean '%s/%s'?"), dir, best);
		fputs(_(" ('lob2europass mapping list' shows the installed "
		        "mappings)\n"),
		      f);
		return;
	}
	mapping_dirs_get(&d, mappings_dir);
	suggest_start(&s, arg);
	for (i = 0; i < d.n; i++)
		mapping_each(d.dir[i], consider, &s);
	best = suggest_best(&s);
	fprintf(f,
	        _("%s: mapping '%s' not found (looked for ./%s, and for "
	          "%s.json in"),
	        prog, arg, arg, arg);
	for (i = 0; i < d.n; i++)
		fprintf(f, "%s %s", i ? "," : "", d.dir[i]);
	fputc(')', f);
	if (best)
		fprintf(f, _("; did you mean '%s'?"), best);
	fputs(_(" ('lob2europass mapping list' shows the mappings)\n"), f);
	mapping_dirs_dispose(&d);
}

int mapping_open(l2e_mapping **map, l2e_ctx *ctx, const char *prog,
                 const char *arg, const char *mappings_dir)
{
	char buf[4096];
	const char *path = mapping_find(arg, mappings_dir, buf, sizeof(buf));

	if (!path) {
		mapping_not_found(stderr, prog, arg, mappings_dir);
		return EXIT_USAGE;
	}
	if (l2e_mapping_load(map, ctx, path) < 0) {
		cli_print_error(ctx);
		return EXIT_MAPPING;
	}
	return 0;
}
