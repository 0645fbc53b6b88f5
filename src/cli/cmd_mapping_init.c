/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_mapping_init.c - lob2europass mapping init: draft a mapping from
 * an export (the library's l2e_mapping_draft), to a file or stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lob2europass/lob2europass.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "opts.h"
#include "util/atomic_file.h"

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

#define SYNONYMS "init/synonyms.json"

enum { OPT_OUTPUT, OPT_SYNONYMS, OPT_FORCE, OPT_HELP };

static const cli_opt options[] = {
	[OPT_OUTPUT] = { "output", 'o', "FILE",
	                 N_("write the draft to FILE (default: standard "
	                    "output)") },
	[OPT_SYNONYMS] = { "synonyms", 0, "FILE",
	                   N_("the names of the profile fields (default: "
	                      "init/synonyms.json of the mappings)") },
	[OPT_FORCE] = { "force", 'f', NULL, N_("replace FILE when it exists") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command mapping_init_command = {
	.name = "mapping init",
	.options = options,
	.intro =
	    N_("Usage: lob2europass mapping init [-o FILE] INPUT...\n"
	       "\n"
	       "Draft a mapping from an export: the files of one export "
	       "(JSON, XML),\n"
	       "or one folder of CSV files. The draft names the dossier key, "
	       "the\n"
	       "lists and a source for every profile field it recognises, "
	       "with a\n"
	       "\"comment\" on each choice. National identifiers are never "
	       "mapped.\n"
	       "Check the draft, then run 'lob2europass mapping check'.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro = N_("\n"
	            "Exit status: 0 a draft was written, 2 usage, 3 the "
	            "export could not\n"
	            "be read, 4 the synonyms file is invalid, 5 the draft "
	            "could not be\n"
	            "written.\n"),
};

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* --synonyms, else init/synonyms.json in each folder of
 * L2E_MAPPINGS_PATH, else in the installed mappings. */
static const char *find_synonyms(const char *given, char *buf, size_t size)
{
	const char *env = getenv("L2E_MAPPINGS_PATH"), *p, *colon;
	size_t len;

	if (given)
		return given;
	for (p = env; p && *p; p = colon ? colon + 1 : NULL) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len && len + sizeof(SYNONYMS) + 1 < size) {
			snprintf(buf, size, "%.*s/%s", (int)len, p, SYNONYMS);
			if (is_file(buf))
				return buf;
		}
	}
	snprintf(buf, size, "%s/mappings/%s", L2E_DATADIR, SYNONYMS);
	return buf;
}

static int write_draft(const l2e_buf *draft, const char *path, int force)
{
	if (!path || !strcmp(path, "-")) {
		if (fwrite(draft->ptr, 1, draft->len, stdout) != draft->len ||
		    fflush(stdout) != 0) {
			perror("lob2europass: standard output");
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	if (!force && is_file(path)) {
		fprintf(stderr,
		        _("lob2europass mapping init: %s exists; give "
		          "--force to replace it\n"),
		        path);
		return EXIT_USAGE;
	}
	if (l2e__atomic_write(path, draft->ptr, draft->len, 0644) < 0) {
		perror(path);
		return EXIT_IO;
	}
	fprintf(stderr,
	        _("lob2europass mapping init: wrote %s; read its comments, "
	          "then run 'lob2europass mapping check %s'\n"),
	        path, path);
	return EXIT_OK;
}

int cmd_mapping_init(int argc, char **argv)
{
	cli_args args;
	l2e_ctx *ctx = NULL;
	l2e_buf draft = L2E_BUF_INIT;
	char buf[4096];
	const char *synonyms;
	int rc;

	if ((rc = cli_start(&args, argc, argv, &mapping_init_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	if (args.n_positional == 0) {
		fputs(_("lob2europass mapping init: no INPUT given\n"
		        "Try 'lob2europass mapping init --help'.\n"),
		      stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	synonyms = find_synonyms(args.values[OPT_SYNONYMS], buf, sizeof(buf));
	if ((rc = l2e_mapping_draft(&draft, ctx,
	                            (const char *const *)args.positional,
	                            (size_t)args.n_positional, synonyms)) < 0) {
		cli_print_error(ctx);
		rc = cli_exit_for(rc);
		goto done;
	}
	rc = write_draft(&draft, args.values[OPT_OUTPUT],
	                 args.values[OPT_FORCE] != NULL);
done:
	l2e_buf_dispose(&draft);
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
