/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opts.h - command-line options as a table; help is generated from it.
 *
 * The table is the single source of truth for what a command accepts:
 * the parser reads it, --help prints it, and a test checks that the man
 * page documents every entry (libgit2's cli_opt_spec).
 */
#ifndef L2E_CLI_OPTS_H
#define L2E_CLI_OPTS_H

#include <stdio.h>

#include "i18n.h"

typedef struct cli_opt {
	const char *long_name; /* without "--" */
	char short_name;       /* 0 for none */
	const char *arg;       /* metavariable, or NULL for a flag */
	const char *help;
} cli_opt;

#define CLI_MAX_OPTS 48

/* Every command's last two entries: --help, and the end of the table. */
#define CLI_OPT_HELP                                             \
	{                                                        \
		"help", 'h', NULL, N_("show this help and exit") \
	}
#define CLI_OPT_END                 \
	{                           \
		NULL, 0, NULL, NULL \
	}

/*
 * A command's options and its --help page: `intro` (usage and what it
 * does, up to "Options:"), the option table, `extra` (a section that is
 * made at run time, or NULL), then `outro`.
 */
typedef struct cli_command {
	const char *name; /* "convert", "mapping check" */
	const cli_opt *options;
	const char *intro;
	void (*extra)(FILE *f);
	const char *outro;
} cli_command;

typedef struct cli_args {
	const char *values[CLI_MAX_OPTS]; /* option i's value; flags "1" */
	char **positional;                /* points into argv */
	int n_positional;
} cli_args;

/**
 * Parse argv[1..argc) against `spec` (terminated by a zero entry).
 * Returns 0, or -1 after printing a usage hint to stderr.
 * `positional` must have room for argc entries.
 */
int cli_parse(cli_args *out, int argc, char **argv, const cli_opt *spec,
              const char *command, char **positional);

/**
 * How every command starts: room for the positional arguments, then
 * cli_parse(), then --help (the entry named "help") answered with
 * cli_print_help(). Returns -1 when the command is to go on, else the
 * exit code to return: EXIT_OK after the help, EXIT_USAGE after a
 * message, EXIT_INTERNAL out of memory. Either way cli_args_dispose()
 * frees.
 */
int cli_start(cli_args *out, int argc, char **argv, const cli_command *cmd);

/** The command's --help page, on standard output. */
void cli_print_help(const cli_command *cmd);

/** Free what cli_start() allocated (safe on a zeroed or freed one). */
void cli_args_dispose(cli_args *args);

/**
 * A whole number from min to max in `s`, read as strtol() read the
 * options before (blanks before it and a sign are taken, nothing after
 * it). 0 and *out set, or -1; the caller says what was wrong.
 */
int cli_number(const char *s, long min, long max, long *out);

/** Print the option table, aligned, to `f`. */
void cli_print_options(FILE *f, const cli_opt *spec);

#endif
