/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.c - what every subcommand shares: exit codes for library errors
 * and the one way an error and its place are printed (see cli.h).
 *
 * Its own file, below the commands: main.c calls the commands and the
 * commands call these, so with them in main.c the two called each other.
 */
#include "cli.h"

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
