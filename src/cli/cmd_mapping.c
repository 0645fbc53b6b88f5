/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_mapping.c - lob2europass mapping check: lint mapping files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "mapping_path.h"
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
	        d->severity == L2E_SEVERITY_ERROR  ? "error"
	        : d->severity == L2E_SEVERITY_NOTE ? "note"
	                                           : "warning",
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

/* ==== mapping list ==== */

enum { LIST_MAPPINGS_DIR, LIST_HELP };

static const cli_opt list_options[] = {
	[LIST_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                        "look here first, as convert --mappings-dir "
	                        "does" },
	[LIST_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command mapping_list_command = {
	.name = "mapping list",
	.options = list_options,
	.intro = "Usage: lob2europass mapping list [--mappings-dir DIR]\n"
	         "\n"
	         "List the mappings that convert --mapping NAME finds, folder "
	         "by folder in\n"
	         "the order it looks (--mappings-dir, L2E_MAPPINGS_PATH, the "
	         "installed\n"
	         "mappings), each with its name and the first sentence of its "
	         "description.\n"
	         "\n"
	         "Options:\n",
	.extra = NULL,
	.outro = "\n"
	         "Exit status: 0, also when no mapping is found; 2 usage.\n",
};

/* Description column and width: one line per mapping on 80 columns. */
#define NAME_WIDTH 22
#define DESC_WIDTH (80 - 2 - NAME_WIDTH - 1)

typedef struct listing {
	l2e_ctx *ctx;
	char **seen;
	size_t n_seen;
	size_t n_listed;
} listing;

/* The description's first sentence, cut to fit on the line. */
static void one_line(char *out, size_t size, const char *desc)
{
	size_t len = 0;

	while (desc && desc[len] &&
	       !(desc[len] == '.' && (!desc[len + 1] || desc[len + 1] == ' ')))
		len++;
	if (len > DESC_WIDTH) {
		len = DESC_WIDTH - 3;
		while (len && (desc[len] & 0xc0) == 0x80)
			len--; /* not inside a UTF-8 character */
		snprintf(out, size, "%.*s...", (int)len, desc);
	} else {
		snprintf(out, size, "%.*s", (int)len, desc ? desc : "");
	}
}

static void list_one(const char *path, const char *name, void *payload)
{
	listing *l = payload;
	l2e_mapping *map = NULL;
	char line[256], **grown;
	size_t i;

	for (i = 0; i < l->n_seen; i++)
		if (!strcmp(l->seen[i], name)) {
			printf("  %-*s (hidden by %s above)\n", NAME_WIDTH,
			       name, name);
			return;
		}
	if ((grown = realloc(l->seen, (l->n_seen + 1) * sizeof(*grown))) &&
	    (grown[l->n_seen] = strdup(name)))
		l->n_seen++;
	if (grown)
		l->seen = grown;
	if (l2e_mapping_load(&map, l->ctx, path) < 0)
		snprintf(line, sizeof(line),
		         "(does not load: lob2europass mapping check %s)",
		         path);
	else
		one_line(line, sizeof(line), l2e_mapping_description(map));
	printf("  %-*s %s\n", NAME_WIDTH, name, line);
	l->n_listed++;
	l2e_mapping_free(map);
}

static int mapping_list(int argc, char **argv)
{
	listing l = { NULL, NULL, 0, 0 };
	mapping_dirs dirs;
	cli_args args;
	size_t i;
	int rc;

	if ((rc = cli_start(&args, argc, argv, &mapping_list_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	if (args.n_positional) {
		fputs("lob2europass mapping list: takes no FILE\n"
		      "Try 'lob2europass mapping list --help'.\n",
		      stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	if (l2e_ctx_new(&l.ctx, NULL) < 0) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	mapping_dirs_get(&dirs, args.values[LIST_MAPPINGS_DIR]);
	for (i = 0; i < dirs.n; i++) {
		struct stat st;

		printf("%s%s:\n", i ? "\n" : "", dirs.dir[i]);
		if (stat(dirs.dir[i], &st) != 0 || !S_ISDIR(st.st_mode))
			puts("  (no such folder)");
		mapping_each(dirs.dir[i], list_one, &l);
	}
	if (!l.n_listed)
		fputs("\nNo mappings found. Give a mapping file with --mapping "
		      "FILE, or set L2E_MAPPINGS_PATH.\n",
		      stdout);
	mapping_dirs_dispose(&dirs);
done:
	for (i = 0; i < l.n_seen; i++)
		free(l.seen[i]);
	free(l.seen);
	l2e_ctx_free(l.ctx);
	cli_args_dispose(&args);
	return rc;
}

/* ==== mapping check ==== */

int cmd_mapping(int argc, char **argv)
{
	cli_args args;
	l2e_ctx *ctx = NULL;
	int i, rc, one;

	if (argc >= 2 && !strcmp(argv[1], "list"))
		return mapping_list(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "init"))
		return cmd_mapping_init(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		if (argc >= 2 &&
		    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			cli_print_help(&mapping_check_command);
			return EXIT_OK;
		}
		fputs(_("lob2europass mapping: use 'mapping check FILE...', "
		        "'mapping list' or 'mapping init INPUT...'\n"
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
