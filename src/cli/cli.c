/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.c - what every subcommand shares: exit codes for library errors
 * and the one way an error and its place are printed (see cli.h).
 *
 * Its own file, below the commands: main.c calls the commands and the
 * commands call these, so with them in main.c the two called each other.
 */
#include "cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

int cli_exit_for(int code)
{
	switch (code) {
	case L2E_EPARSE:
	case L2E_ENOTFOUND:
	case L2E_ELIMIT: return EXIT_INPUT;
	case L2E_EMAPPING: return EXIT_MAPPING;
	case L2E_ENET: return EXIT_INPUT; /* an input behind a URL */
	case L2E_EIO:
	case L2E_ECRYPTO: return EXIT_IO;
	default: return EXIT_INTERNAL;
	}
}

void cli_print_place(FILE *f, const char *file, unsigned line, unsigned column)
{
	fputs(file ? file : "-", f);
	if (line)
		fprintf(f, ":%u", line);
	if (line && column)
		fprintf(f, ":%u", column);
}

void cli_print_error(const l2e_ctx *ctx)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	if (!e) {
		fputs("lob2europass: unknown error\n", stderr);
		return;
	}
	fputs("lob2europass: ", stderr);
	if (e->file) {
		cli_print_place(stderr, e->file, e->line, e->column);
		fputs(": ", stderr);
	}
	fputs(e->message, stderr);
	if (e->field && *e->field)
		fprintf(stderr, " [%s]", e->field);
	fputc('\n', stderr);
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * A mapping given by name (no '/', no ".json") is looked up in
 * --mappings-dir, then each folder of L2E_MAPPINGS_PATH, then the
 * installed data folder.
 */
const char *cli_find_mapping(const char *arg, const char *dir, char *buf,
                             size_t size)
{
	const char *path_env = getenv("L2E_MAPPINGS_PATH");
	char list[4096];
	char *save = NULL, *part;

	if (strchr(arg, '/') || file_exists(arg))
		return arg;
	if (dir) {
		snprintf(buf, size, "%s/%s.json", dir, arg);
		if (file_exists(buf))
			return buf;
	}
	if (path_env && strlen(path_env) < sizeof(list)) {
		strcpy(list, path_env);
		for (part = strtok_r(list, ":", &save); part;
		     part = strtok_r(NULL, ":", &save)) {
			snprintf(buf, size, "%s/%s.json", part, arg);
			if (file_exists(buf))
				return buf;
		}
	}
	snprintf(buf, size, "%s/mappings/%s.json", L2E_DATADIR, arg);
	return file_exists(buf) ? buf : arg;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Each regular file, sorted; not the hidden ones, nor a README (a note
 * next to the export, as our samples have: never a student's record,
 * and read as one it would only fail).
 */
char **cli_folder_files(const char *dir, size_t *n_out)
{
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0;
	struct stat st;
	struct dirent *e;
	DIR *d = opendir(dir);

	*n_out = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		char **grown;

		if (e->d_name[0] == '.' || !strncmp(e->d_name, "README", 6))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof(*grown));
			if (!grown)
				break;
			names = grown;
		}
		if ((names[n] = strdup(path)))
			n++;
	}
	closedir(d);
	if (!names && !(names = malloc(sizeof(*names))))
		return NULL;
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	*n_out = n;
	return names;
}

void cli_free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
