/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_inputs.c - the inputs of lob2europass convert into the
 * pipeline: files, "-", URLs, and folders. A folder for a mapping that
 * reads folders (a CSV bundle) is one input; for any other mapping it is
 * the files of the mapping's format in it, by extension (each is sniffed
 * again when it is opened), in name order. What else the folder holds (a
 * README, an expected/ folder) is listed once as skipped, and a folder
 * with no file to read is an error unless --allow-empty.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cmd_convert.h"
#include "i18n.h"

/* Names shown of a list of skipped entries; the rest are counted. */
#define SHOWN_NAMES 5

typedef struct names {
	char **v;
	size_t n, cap;
	int is_oom;
} names;

static void names_add(names *l, const char *a, const char *b)
{
	size_t len = strlen(a) + strlen(b) + 1;
	char *s;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **grown = realloc(l->v, cap * sizeof(*grown));

		if (!grown) {
			l->is_oom = 1;
			return;
		}
		l->v = grown;
		l->cap = cap;
	}
	if (!(s = malloc(len))) {
		l->is_oom = 1;
		return;
	}
	snprintf(s, len, "%s%s", a, b);
	l->v[l->n++] = s;
}

static void names_dispose(names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "README.md, expected/ and 3 more" into buf. */
static void list_names(char *buf, size_t size, const names *l)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < l->n && i < SHOWN_NAMES && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		                        i ? ", " : "", l->v[i]);
	if (l->n > SHOWN_NAMES && len < size)
		snprintf(buf + len, size - len, _(" and %zu more"),
		         l->n - SHOWN_NAMES);
}

static void add_folder(convert_run *r, l2e_ctx *ctx, const l2e_mapping *map,
                       const char *dir)
{
	names files = { 0 }, skipped = { 0 };
	char path[4096], list[1024];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);
	size_t i;

	if (!d) {
		convert_say(r, "error", dir, "%s", strerror(errno));
		convert_worsen(r, EXIT_INPUT);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISREG(st.st_mode) &&
		    l2e_mapping_reads_file_name(map, e->d_name))
			names_add(&files, path, "");
		else
			names_add(&skipped, e->d_name,
			          S_ISDIR(st.st_mode) ? "/" : "");
	}
	closedir(d);
	if (files.is_oom || skipped.is_oom) {
		convert_say(r, "error", dir, _("out of memory"));
		convert_worsen(r, EXIT_INTERNAL);
		goto done;
	}
	if (files.n)
		qsort(files.v, files.n, sizeof(*files.v), by_name);
	if (skipped.n)
		qsort(skipped.v, skipped.n, sizeof(*skipped.v), by_name);
	list_names(list, sizeof(list), &skipped);
	if (!files.n) {
		const char *hint = r->o->allow_empty
		                       ? ""
		                       : _(" (--allow-empty accepts an empty "
		                           "folder)");

		if (skipped.n)
			convert_say(r, r->o->allow_empty ? "warning" : "error",
			            dir,
			            _("no %s export in this folder (it holds "
			              "%s): give the folder the export was "
			              "saved in%s"),
			            l2e_mapping_reads_label(map), list, hint);
		else
			convert_say(r, r->o->allow_empty ? "warning" : "error",
			            dir,
			            _("no %s export in this folder: give the "
			              "folder the export was saved in%s"),
			            l2e_mapping_reads_label(map), hint);
		if (!r->o->allow_empty)
			convert_worsen(r, EXIT_INPUT);
		goto done;
	}
	if (skipped.n && !r->o->is_quiet)
		convert_say(
		    r, "warning", dir,
		    P_("skipped %zu entry that is not %s: %s",
		       "skipped %zu entries that are not %s exports: %s",
		       skipped.n),
		    skipped.n, l2e_mapping_reads_label(map), list);
	for (i = 0; i < files.n; i++)
		batch_add_input(r->batch, ctx, files.v[i]);
done:
	names_dispose(&files);
	names_dispose(&skipped);
}

static int is_dir(const char *path)
{
	struct stat st;

	return strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void convert_add_inputs(convert_run *r, l2e_ctx *ctx, const l2e_mapping *map)
{
	int i;

	for (i = 0; i < r->o->args.n_positional; i++) {
		const char *in = r->o->args.positional[i];

		if (is_dir(in) && !l2e_mapping_reads_folders(map))
			add_folder(r, ctx, map, in);
		else
			batch_add_input(r->batch, ctx, in);
	}
}
