/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_overview.c - lob2europass overview: the numbers an
 * internationalisation coordinator reports (work experience abroad by
 * programme, destinations, language levels), read from the same exports
 * through the same mapping as convert, as one HTML page, CSV or JSON.
 * The library (overview.h) does the counting and the suppression of
 * small groups; this file reads the inputs and writes the files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "mapping_path.h"
#include "opts.h"
#include "overview_xlsx.h"
#include "util/alloc.h"
#include "util/atomic_file.h"

#include <lob2europass/overview.h>

enum {
	OPT_MAPPING,
	OPT_MAPPINGS_DIR,
	OPT_OUT,
	OPT_CSV,
	OPT_JSON,
	OPT_XLSX,
	OPT_DIALECT,
	OPT_MIN_GROUP,
	OPT_HELP
};

static const cli_opt options[] = {
	[OPT_MAPPING] = { "mapping", 'm', "MAPPING",
	                  N_("the mapping file, or the name of an installed "
	                     "mapping (as for convert)") },
	[OPT_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                       N_("look for a mapping name in DIR first") },
	[OPT_OUT] = { "out", 'o', "FILE.html",
	              N_("write the page to FILE.html (default: standard "
	                 "output)") },
	[OPT_CSV] = { "csv", 0, "FILE.csv",
	              N_("also write the numbers as CSV") },
	[OPT_JSON] = { "json", 0, "FILE.json",
	               N_("also write the numbers as JSON") },
	[OPT_XLSX] = { "xlsx", 0, "FILE.xlsx",
	               N_("also write the numbers as an Excel workbook, a "
	                  "sheet per table") },
	[OPT_DIALECT] = { "csv-dialect", 0, "DIALECT",
	                  N_("excel-nl (default: ';', decimal comma, BOM, as "
	                     "Dutch Excel opens it) or rfc4180 (',' for "
	                     "programs)") },
	[OPT_MIN_GROUP] = { "min-group", 'k', "K",
	                    N_("hide every group of fewer than K students "
	                       "(default 5, at least 3)") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command overview_command = {
	.name = "overview",
	.options = options,
	.intro =
	    N_("Usage: lob2europass overview -m MAPPING [-o FILE.html] "
	       "[--csv FILE.csv]\n"
	       "                             [--json FILE.json] "
	       "[--xlsx FILE.xlsx] INPUT...\n"
	       "\n"
	       "Count what an export holds, for a report to the board or the\n"
	       "national agency: students and their consent, work experience "
	       "and the\n"
	       "share abroad by programme, level and school year, "
	       "destinations, the\n"
	       "length of stays abroad, and language levels (CEFR) per "
	       "language and\n"
	       "skill. Never a person: every number below K students is "
	       "hidden, and so\n"
	       "is any number from which such a group could be worked out. "
	       "INPUT is\n"
	       "read as convert reads it.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro =
	    N_("\n"
	       "Exit status: 0 written, 2 usage, 3 an input could not be read, "
	       "4 the\n"
	       "mapping is invalid, 5 a file could not be written.\n"),
};

/* The dossiers of a run go to the overview, or first to the merger when
 * the mapping joins records of one student spread over documents. */
typedef struct counting {
	l2e_overview *ov;
	l2e_merger *merger; /* NULL: no merging */
	l2e_ctx *ctx;
	const l2e_mapping *map;
} counting;

static int take(l2e_dossier *d, void *payload)
{
	counting *c = payload;
	int error;

	if (c->merger)
		return l2e_merger_add(c->merger, d, NULL);
	error = l2e_overview_add(c->ov, d);
	l2e_dossier_free(d);
	return error;
}

/* After the last input: the merged dossiers. */
static int count_merged(counting *c)
{
	const void *tag;
	l2e_dossier *d;
	int error;

	while (c->merger) {
		d = NULL;
		if ((error = l2e_merger_next(&d, &tag, c->merger)) < 0) {
			cli_print_error(c->ctx);
			return cli_exit_for(error);
		}
		if (!d)
			break;
		error = l2e_overview_add(c->ov, d);
		l2e_dossier_free(d);
		if (error < 0) {
			cli_print_error(c->ctx);
			return EXIT_INTERNAL;
		}
	}
	return EXIT_OK;
}

/* Write one format to `path` ("-": standard output), whole or not at all. */
static int write_one(l2e_overview *ov, l2e_ctx *ctx, const char *path,
                     l2e_overview_format fmt)
{
	l2e_buf buf = L2E_BUF_INIT;
	int rc = EXIT_OK;

	if (l2e_overview_write(&buf, ov, fmt) < 0) {
		cli_print_error(ctx);
		rc = EXIT_INTERNAL;
	} else if (!strcmp(path, "-")) {
		if (fwrite(buf.ptr, 1, buf.len, stdout) != buf.len ||
		    fflush(stdout) != 0) {
			perror("lob2europass: standard output");
			rc = EXIT_IO;
		}
	} else if (l2e__atomic_write(path, buf.ptr, buf.len, 0644) < 0) {
		perror(path);
		rc = EXIT_IO;
	}
	l2e_buf_dispose(&buf);
	return rc;
}

static int write_xlsx(l2e_overview *ov, l2e_ctx *ctx, const char *path)
{
	l2e_buf json = L2E_BUF_INIT;
	char why[300];
	int rc = EXIT_OK;

	if (l2e_overview_write(&json, ov, L2E_OVERVIEW_JSON) < 0) {
		cli_print_error(ctx);
		rc = EXIT_INTERNAL;
	} else if (overview_xlsx_write(json.ptr, json.len, path, why,
	                               sizeof(why)) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		rc = EXIT_IO;
	}
	l2e_buf_dispose(&json);
	return rc;
}

static int parse_args(const cli_args *a, unsigned *k, int *excel_nl)
{
	const char *dialect = a->values[OPT_DIALECT];
	long v = L2E_OVERVIEW_K_DEFAULT;

	if (!a->values[OPT_MAPPING] || !a->n_positional) {
		fputs(
		    _("lob2europass overview: give a mapping (-m) and at least "
		      "one input\nTry 'lob2europass overview --help'.\n"),
		    stderr);
		return -1;
	}
	if (a->values[OPT_MIN_GROUP] &&
	    cli_number(a->values[OPT_MIN_GROUP], L2E_OVERVIEW_K_MIN, 1000000,
	               &v) < 0) {
		fprintf(stderr,
		        _("lob2europass overview: --min-group takes a whole "
		          "number of at least %u\n"),
		        L2E_OVERVIEW_K_MIN);
		return -1;
	}
	*k = (unsigned)v;
	*excel_nl = 1;
	if (dialect && !strcmp(dialect, "rfc4180"))
		*excel_nl = 0;
	else if (dialect && strcmp(dialect, "excel-nl")) {
		fprintf(stderr,
		        _("lob2europass overview: --csv-dialect is excel-nl or "
		          "rfc4180, not '%s'\n"),
		        dialect);
		return -1;
	}
	return 0;
}

int cmd_overview(int argc, char **argv)
{
	l2e_overview *ov = NULL;
	l2e_mapping *map = NULL;
	counting c;
	cli_reading rd;
	l2e_ctx *ctx = NULL;
	const char *out;
	unsigned k;
	cli_args args;
	int excel_nl, rc, i, in_rc = EXIT_OK;

	if ((rc = cli_start(&args, argc, argv, &overview_command)) >= 0)
		goto done;
	rc = EXIT_USAGE;
	if (parse_args(&args, &k, &excel_nl) < 0)
		goto done;
	rc = EXIT_INTERNAL;
	if (l2e_ctx_new(&ctx, NULL) < 0)
		goto done;
	if ((rc = mapping_open(&map, ctx, "lob2europass overview",
	                       args.values[OPT_MAPPING],
	                       args.values[OPT_MAPPINGS_DIR])) != 0)
		goto done;
	rc = EXIT_INTERNAL;
	if (l2e_overview_new(&ov, ctx, k) < 0) {
		cli_print_error(ctx);
		goto done;
	}
	c.ov = ov;
	c.ctx = ctx;
	c.map = map;
	c.merger = NULL;
	if (l2e_mapping_merges(map) &&
	    l2e_merger_new(&c.merger, ctx, map) < 0) {
		cli_print_error(ctx);
		goto done;
	}
	rd.ctx = ctx;
	rd.map = map;
	rd.trace = NULL;
	rd.take = take;
	rd.payload = &c;
	for (i = 0; i < args.n_positional; i++) {
		int r = cli_read_dossiers(&rd, args.positional[i]);

		if (r > in_rc)
			in_rc = r;
	}
	if (in_rc == EXIT_OK)
		in_rc = count_merged(&c);
	l2e_merger_free(c.merger);
	/* an input that could not be read makes the numbers wrong: no page */
	if (in_rc != EXIT_OK) {
		fputs(_("lob2europass overview: nothing written: the numbers "
		        "would miss what could not be read\n"),
		      stderr);
		rc = in_rc;
		goto done;
	}
	out = args.values[OPT_OUT] ? args.values[OPT_OUT] : "-";
	if ((rc = write_one(ov, ctx, out, L2E_OVERVIEW_HTML)) != EXIT_OK)
		goto done;
	if (args.values[OPT_CSV] &&
	    (rc = write_one(ov, ctx, args.values[OPT_CSV],
	                    excel_nl ? L2E_OVERVIEW_CSV_EXCEL_NL
	                             : L2E_OVERVIEW_CSV)) != EXIT_OK)
		goto done;
	if (args.values[OPT_JSON] &&
	    (rc = write_one(ov, ctx, args.values[OPT_JSON],
	                    L2E_OVERVIEW_JSON)) != EXIT_OK)
		goto done;
	if (args.values[OPT_XLSX])
		rc = write_xlsx(ov, ctx, args.values[OPT_XLSX]);
done:
	l2e_overview_free(ov);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
