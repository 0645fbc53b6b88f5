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

typedef struct cli_opt {
	const char *long_name; /* without "--" */
	char short_name;       /* 0 for none */
	const char *arg;       /* metavariable, or NULL for a flag */
	const char *help;
} cli_opt;

#define CLI_MAX_OPTS 32

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

/** Print the option table, aligned, to `f`. */
void cli_print_options(FILE *f, const cli_opt *spec);

#endif
