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
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_line.h"
#include "output.h"

/* --log-format json: set once, at the start, before any thread runs. */
static int is_json_log;

void cli_log_json(int on)
{
	is_json_log = on;
}

int cli_is_log_json(void)
{
	return is_json_log;
}

/* "lob2europass convert: " and "lob2europass: " say nothing in JSON. */
static const char *without_prefix(const char *s)
{
	const char *sep = strstr(s, ": "), *nl = strchr(s, '\n');

	if (strncmp(s, "lob2europass", 12) != 0 || !sep || (nl && nl < sep))
		return s;
	return sep + 2;
}

static void cli_vlog(const char *level, const char *fmt, va_list ap)
{
	json_line l = JSON_LINE_INIT;
	char text[4096], *nl;
	const char *msg;

	vsnprintf(text, sizeof(text), fmt, ap);
	if (!is_json_log) {
		fputs(text, stderr);
		return;
	}
	/* the first line is the message; what follows (a hint such as
	 * "Try 'lob2europass convert --help'.") goes with it */
	msg = without_prefix(text);
	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	json_line_raw(&l, "{\"level\":");
	json_line_str(&l, level);
	json_line_opt_str(&l, "message", msg);
	if (nl && nl[1]) {
		size_t len = strlen(nl + 1);

		if (nl[len] == '\n')
			nl[len] = '\0';
		json_line_opt_str(&l, "hint", nl + 1);
	}
	json_line_raw(&l, "}");
	if (!l.is_failed)
		fprintf(stderr, "%s\n", l.ptr);
	json_line_dispose(&l);
}

void cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vlog("error", fmt, ap);
	va_end(ap);
}

void cli_log(const char *level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vlog(level, fmt, ap);
	va_end(ap);
}

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
		cli_err("lob2europass: unknown error\n");
		return;
	}
	if (is_json_log) {
		json_line l = JSON_LINE_INIT;

		json_line_raw(&l, "{\"level\":\"error\"");
		json_line_opt_str(&l, "message", e->message);
		json_line_opt_str(&l, "file", e->file);
		json_line_opt_uint(&l, "line", e->line);
		json_line_opt_uint(&l, "column", e->column);
		json_line_opt_str(&l, "field", e->field);
		json_line_raw(&l, "}");
		if (!l.is_failed)
			fprintf(stderr, "%s\n", l.ptr);
		json_line_dispose(&l);
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

int cli_files_out_dir(const char *command, int n_files, const char *dir)
{
	char why[256];

	if (n_files == 0 || (n_files > 1 && !dir)) {
		cli_err(n_files ? "lob2europass %s: more than one FILE needs "
		                  "--out DIR\nTry 'lob2europass %s --help'.\n"
		                : "lob2europass %s: no FILE given\n"
		                  "Try 'lob2europass %s --help'.\n",
		        command, command);
		return EXIT_USAGE;
	}
	if (dir && output_prepare_dir(dir, why) < 0) {
		cli_err("lob2europass: --out: %s\n", why);
		return EXIT_IO;
	}
	return -1;
}

/* One input file (or stream, or URL): each dossier to take(). */
static int read_one(const cli_reading *rd, const char *path)
{
	l2e_input *in = NULL;
	l2e_dossier *d;
	int error, rc = EXIT_OK;

	if (l2e_input_open(&in, rd->ctx, rd->map, path) < 0) {
		cli_print_error(rd->ctx);
		return EXIT_INPUT;
	}
	if (rd->trace)
		l2e_input_trace(in, rd->trace);
	for (;;) {
		d = NULL;
		error = l2e_input_next(&d, in);
		if (error == L2E_EPARSE || error == L2E_ELIMIT) {
			cli_print_error(rd->ctx);
			rc = EXIT_INPUT; /* one document; go on */
			continue;
		}
		if (error < 0) {
			cli_print_error(rd->ctx);
			rc = cli_exit_for(error);
			break;
		}
		if (!d)
			break;
		if (rd->take(d, rd->payload) < 0) {
			cli_print_error(rd->ctx);
			rc = EXIT_INTERNAL;
			break;
		}
	}
	l2e_input_free(in);
	return rc;
}

int cli_read_dossiers(const cli_reading *rd, const char *path)
{
	struct stat st;
	char **names;
	size_t n, i;
	int rc = EXIT_OK, r;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    l2e_mapping_reads_folders(rd->map))
		return read_one(rd, path);
	if (!(names = cli_folder_files(path, &n))) {
		cli_err("lob2europass: %s: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	for (i = 0; i < n; i++)
		if (l2e_mapping_reads_file_name(rd->map, names[i]) &&
		    (r = read_one(rd, names[i])) > rc)
			rc = r;
	cli_free_list(names, n);
	return rc;
}
