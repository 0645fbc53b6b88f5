/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cli.c - what every subcommand shares: exit codes for library errors
 * and the one way an error and its place are printed (see cli.h).
 *
 * Its own file, below the commands: main.c calls the commands and the
 * commands call these, so with them in main.c the two called each other.
 */
#include "cli.h"

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
