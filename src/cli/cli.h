/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.h - what the subcommands share: exit codes and error printing
 * (cli.c). The commands themselves are declared in commands.h, for
 * main.c alone.
 */
#ifndef L2E_CLI_CLI_H
#define L2E_CLI_CLI_H

#include <stdio.h>

#include <lob2europass/lob2europass.h>

/* Exit codes, documented in --help and in lob2europass.1.md. */
enum {
	EXIT_OK = 0,       /* everything converted (skips are fine) */
	EXIT_REJECTED = 1, /* at least one dossier was rejected */
	EXIT_USAGE = 2,    /* wrong command line */
	EXIT_INPUT = 3,    /* an input could not be read or parsed */
	EXIT_MAPPING = 4,  /* the mapping is invalid */
	EXIT_IO = 5,       /* writing output failed */
	EXIT_INTERNAL = 6  /* out of memory or a bug */
};

/* The exit code a library error stands for. */
int cli_exit_for(int code);

/* Print "file", "file:line" or "file:line:col" (0 means unknown). */
void cli_print_place(FILE *f, const char *file, unsigned line, unsigned column);

/* Print the context's error as "lob2europass: file:line:col: message". */
void cli_print_error(const l2e_ctx *ctx);

/*
 * The export files of a folder: its regular files in name order, not
 * hidden ones nor a README. NULL (errno set) when it cannot be read;
 * free with cli_free_list().
 */
char **cli_folder_files(const char *dir, size_t *n);
void cli_free_list(char **list, size_t n);

/*
 * FILE... [--out DIR], as upgrade and extract take them: one FILE may go
 * to standard output, several need DIR, which is made when missing. -1
 * to go on, else the exit code after a message.
 */
int cli_files_out_dir(const char *command, int n_files, const char *dir);

/*
 * Reading an input as convert takes it, for the commands that look at
 * dossiers without writing them (overview, explain): a folder is its
 * export files in name order, unless the mapping reads folders (a CSV
 * bundle). Each dossier goes to take(), which owns it; take() < 0 stops
 * with the error on ctx. A broken document is reported and skipped.
 */
typedef struct cli_reading {
	l2e_ctx *ctx;
	const l2e_mapping *map;
	l2e_trace *trace; /* NULL: none */
	int (*take)(l2e_dossier *d, void *payload);
	void *payload;
} cli_reading;

/** The exit code for the worst that happened. */
int cli_read_dossiers(const cli_reading *rd, const char *path);

/*
 * Messages of the CLI itself. As text, exactly as formatted (with the
 * "lob2europass: " prefix and the newline); after cli_log_json(1)
 * (--log-format json), one JSON object per message: its first line is
 * "message", the rest "hint". cli_print_error() follows the same switch.
 */
void cli_log_json(int on);
int cli_is_log_json(void);
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_log(const char *level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
