/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_upgrade.c - lob2europass upgrade: old Europass documents (XML
 * v1.0 to v3.3, JSON V3.0 to V3.3) made into Europass v3.4.
 *
 * One FILE: the v3.4 document on standard output. With --out DIR, each
 * FILE goes to DIR under its own name (never over the file itself).
 * What an upgrade could not carry over is a warning on standard error,
 * one line each, with the line in the original; then one line per file
 * says from which version it was upgraded.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "commands.h"
#include "opts.h"
#include "output.h"

enum { OPT_OUT, OPT_TO, OPT_QUIET, OPT_HELP };

static const cli_opt options[] = {
	[OPT_OUT] = { "out", 'o', "DIR",
	              "write each upgraded document to DIR under the name "
	              "of its FILE (DIR is made if needed); without it, one "
	              "FILE goes to standard output" },
	[OPT_TO] = { "to", 0, "xml|json|europass-cv",
	             "the result: Europass v3.4 in the syntax of FILE "
	             "(xml or json only confirm it), or the current Europass "
	             "CV XML that the Europass portal imports (europass-cv; "
	             "what it cannot hold is a warning)" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	                "no line per file; warnings are still printed" },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command upgrade_command = {
	.name = "upgrade",
	.options = options,
	.intro = "Usage: lob2europass upgrade [--out DIR] "
	         "[--to xml|json|europass-cv]\n"
	         "                            FILE...\n"
	         "\n"
	         "Make old Europass documents into Europass v3.4, which the "
	         "official\n"
	         "schemas accept: XML v1.0, v1.1, v1.2, v2.0 "
	         "(europass:learnerinfo)\n"
	         "and v3.0-v3.3 (SkillsPassport), JSON V3.0-V3.3. A v3.4 "
	         "document comes\n"
	         "out unchanged. Whatever v3.4 cannot take (a date without "
	         "a year, an\n"
	         "ISCO-88 occupation code, a printing preference it no "
	         "longer knows)\n"
	         "is left out with a warning naming its line in FILE.\n"
	         "\n"
	         "Options:\n",
	.extra = NULL,
	.outro = "\n"
	         "Warnings go to standard error as FILE:LINE: warning: "
	         "message (at PATH)\n"
	         "[rule], then one line per FILE: upgraded from VERSION, or "
	         "unchanged.\n"
	         "Exit status: 0 every FILE upgraded (warnings are fine), 2 "
	         "usage, 3 a\n"
	         "FILE could not be read or upgraded, 5 writing failed, 6 "
	         "internal error.\n"
	         "\n"
	         "Examples:\n"
	         "  lob2europass upgrade cv-2011.xml > cv.xml\n"
	         "  lob2europass upgrade --out upgraded/ oud/*.xml\n"
	         "  lob2europass upgrade --to europass-cv cv-2012.pdf > "
	         "cv.xml\n",
};

/* The name an upgrade of `path` gets in --out DIR: its own, but
 * NAME.xml for NAME.pdf (the upgrade of a PDF is its XML). */
static void out_name(char *out, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/'),
	           *base = slash ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 4 && !strcasecmp(base + n - 4, ".pdf"))
		snprintf(out, size, "%.*s.xml", (int)(n - 4), base);
	else
		snprintf(out, size, "%s", base);
}

static void print_warnings(const l2e_upgrade *up)
{
	const l2e_report *r = l2e_upgrade_report(up);
	const l2e_diag *d;
	size_t i;

	for (i = 0; (d = l2e_report_diag(r, i)) != NULL; i++) {
		cli_print_place(stderr, d->file, d->line, d->column);
		fprintf(stderr, ": %s: %s",
		        d->severity == L2E_SEVERITY_ERROR ? "error" : "warning",
		        d->message);
		if (d->field)
			fprintf(stderr, " (at %s)", d->field);
		if (d->rule)
			fprintf(stderr, " [%s]", d->rule);
		fputc('\n', stderr);
	}
}

/* Is DIR/base the file at `path` itself? */
static int is_same_file(const char *dir, const char *path)
{
	char a[PATH_MAX], b[PATH_MAX], target[PATH_MAX], name[PATH_MAX];
	int n;

	out_name(name, sizeof(name), path);
	n = snprintf(target, sizeof(target), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(target))
		return 0;
	return realpath(target, a) && realpath(path, b) && !strcmp(a, b);
}

/* Upgrade one FILE; its exit code. */
static int upgrade_one(l2e_ctx *ctx, const char *path, const char *dir,
                       const l2e_upgrade_options *o, int is_quiet, int is_cv)
{
	l2e_upgrade *up = NULL;
	l2e_buf cv = L2E_BUF_INIT;
	const char *data;
	char why[256], name[PATH_MAX];
	size_t len, n;
	int error, rc = EXIT_OK;

	out_name(name, sizeof(name), path);
	if (dir && is_same_file(dir, path)) {
		fprintf(stderr,
		        "lob2europass: %s: --out %s would write over the file "
		        "itself; choose another folder\n",
		        path, dir);
		return EXIT_USAGE;
	}
	if ((error = l2e_upgrade_file(&up, ctx, path, o)) < 0) {
		cli_print_error(ctx);
		/* a version or syntax it cannot make is about the input */
		return error == L2E_ENOTSUPPORTED ? EXIT_INPUT
		                                  : cli_exit_for(error);
	}
	if (is_cv && (error = l2e_upgrade_to_cv(&cv, ctx, up)) < 0) {
		cli_print_error(ctx);
		l2e_upgrade_free(up);
		return error == L2E_ENOTSUPPORTED ? EXIT_INPUT
		                                  : cli_exit_for(error);
	}
	print_warnings(up);
	data = is_cv ? cv.ptr : l2e_upgrade_output(up, &len);
	if (is_cv)
		len = cv.len;
	if (!dir) {
		if (fwrite(data, 1, len, stdout) != len)
			rc = EXIT_IO;
	} else if (output_write_atomic(dir, name, data, len, why) < 0) {
		fprintf(stderr, "lob2europass: %s/%s: %s\n", dir, name, why);
		rc = EXIT_IO;
	}
	n = l2e_report_count(l2e_upgrade_report(up));
	if (rc == EXIT_OK && !is_quiet) {
		if (l2e_upgrade_is_changed(up))
			fprintf(stderr,
			        "lob2europass: %s: upgraded from %s to V3.4 "
			        "(%zu warning%s)\n",
			        path, l2e_upgrade_from_version(up), n,
			        n == 1 ? "" : "s");
		else
			fprintf(stderr,
			        "lob2europass: %s: already V3.4, unchanged\n",
			        path);
	}
	l2e_upgrade_free(up);
	l2e_buf_dispose(&cv);
	return rc;
}

int cmd_upgrade(int argc, char **argv)
{
	l2e_upgrade_options o = L2E_UPGRADE_OPTIONS_INIT;
	l2e_ctx *ctx = NULL;
	cli_args args;
	const char *dir, *to;
	char a[PATH_MAX], b[PATH_MAX];
	int rc, one, i;

	if ((rc = cli_start(&args, argc, argv, &upgrade_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	dir = args.values[OPT_OUT];
	to = args.values[OPT_TO];
	if (to && strcmp(to, "xml") && strcmp(to, "json") &&
	    strcmp(to, "europass-cv")) {
		fprintf(stderr,
		        "lob2europass upgrade: --to is xml, json or "
		        "europass-cv, not '%s'\n"
		        "Try 'lob2europass upgrade --help'.\n",
		        to);
		rc = EXIT_USAGE;
		goto done;
	}
	if (to && strcmp(to, "europass-cv"))
		o.to = !strcmp(to, "xml") ? L2E_UPGRADE_TO_XML
		                          : L2E_UPGRADE_TO_JSON;
	if ((rc = cli_files_out_dir("upgrade", args.n_positional, dir)) >= 0)
		goto done;
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		fputs("lob2europass: out of memory\n", stderr);
		rc = EXIT_INTERNAL;
		goto done;
	}
	/* two FILEs that would get the same name in DIR */
	for (i = 0; dir && i < args.n_positional; i++) {
		out_name(a, sizeof(a), args.positional[i]);
		for (one = 0; one < i; one++) {
			out_name(b, sizeof(b), args.positional[one]);
			if (strcmp(a, b))
				continue;
			fprintf(stderr,
			        "lob2europass upgrade: %s and %s would both "
			        "be %s/%s; upgrade them into different "
			        "folders\n",
			        args.positional[one], args.positional[i], dir,
			        a);
			rc = EXIT_USAGE;
			goto done;
		}
	}
	for (i = 0; i < args.n_positional; i++) {
		one = upgrade_one(ctx, args.positional[i], dir, &o,
		                  args.values[OPT_QUIET] != NULL,
		                  to && !strcmp(to, "europass-cv"));
		if (one > rc)
			rc = one;
	}
done:
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
