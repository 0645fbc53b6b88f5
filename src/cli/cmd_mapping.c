/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_mapping.c - lob2europass mapping check: lint mapping files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "opts.h"

enum { OPT_INPUT, OPT_HELP };

static const cli_opt options[] = {
	[OPT_INPUT] = { "input", 'i', "EXPORT",
	                N_("also run each mapping over EXPORT and report "
	                   "source "
	                   "fields no rule reads and profile fields no rule "
	                   "fills") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command mapping_check_command = {
	.name = "mapping check",
	.options = options,
	.intro =
	    N_("Usage: lob2europass mapping check [--input EXPORT] FILE...\n"
	       "\n"
	       "Check mapping files: unknown keys, bad paths, type errors, "
	       "unknown\n"
	       "code lists, personal data without an opt-in. Every problem is "
	       "one\n"
	       "line FILE:LINE:COL: error: message. With --input, the mapping "
	       "also\n"
	       "runs over a real export and reports its coverage as warnings.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro =
	    N_("\n"
	       "Exit status: 0 all mappings are valid, 2 usage, 3 the export "
	       "could\n"
	       "not be read, 4 a mapping has problems.\n"),
};

static void print_finding(const l2e_diag *d, void *payload)
{
	(void)payload;
	cli_print_place(stderr, d->file, d->line, d->column);
	fprintf(stderr, ": %s: %s\n",
	        d->severity == L2E_SEVERITY_ERROR ? "error" : "warning",
	        d->message);
}

static int check(l2e_ctx *ctx, const char *path, const char *input)
{
	l2e_mapping *map = NULL;
	int error, rc = EXIT_OK;

	error = l2e_mapping_check(&map, ctx, path, print_finding, NULL);
	if (error < 0) {
		rc = EXIT_MAPPING;
		goto done;
	}
	if (input) {
		error =
		    l2e_mapping_coverage(ctx, map, input, print_finding, NULL);
		if (error < 0) {
			cli_print_error(ctx);
			rc = cli_exit_for(error);
		}
	}
done:
	l2e_mapping_free(map);
	return rc;
}

int cmd_mapping(int argc, char **argv)
{
	cli_args args;
	l2e_ctx *ctx = NULL;
	int i, rc, one;

	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		if (argc >= 2 &&
		    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			cli_print_help(&mapping_check_command);
			return EXIT_OK;
		}
		fputs(_("lob2europass mapping: use 'mapping check FILE...'\n"
		        "Try 'lob2europass mapping --help'.\n"),
		      stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_start(&args, argc - 1, argv + 1,
	                    &mapping_check_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	if (args.n_positional == 0) {
		fputs(_("lob2europass mapping check: no mapping FILE given\n"
		        "Try 'lob2europass mapping --help'.\n"),
		      stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	for (i = 0; i < args.n_positional; i++) {
		one = check(ctx, args.positional[i], args.values[OPT_INPUT]);
		if (one > rc)
			rc = one;
	}
done:
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
