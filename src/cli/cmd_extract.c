/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_extract.c - lob2europass extract: the Europass XML attached to a
 * Europass PDF, byte for byte.
 *
 * One FILE.pdf: the XML on standard output. With --out DIR, each goes to
 * DIR/FILE.xml (the PDF's name with .xml for .pdf). A warning (an
 * attachment under an unusual name) goes to standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "opts.h"
#include "output.h"

enum { OPT_OUT, OPT_HELP };

static const cli_opt options[] = {
	[OPT_OUT] = { "out", 'o', "DIR",
	              "write each XML to DIR/NAME.xml, NAME being the PDF's "
	              "name without .pdf (DIR is made if needed); without "
	              "it, one FILE goes to standard output" },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command extract_command = {
	.name = "extract",
	.options = options,
	.intro = "Usage: lob2europass extract [--out DIR] FILE.pdf...\n"
	         "\n"
	         "Take the Europass XML out of a Europass PDF, as the "
	         "Europass editor or\n"
	         "portal attached it: as a page attachment (2005-2012), in "
	         "the PDF's\n"
	         "embedded files (2012-2020), or as attachment.xml "
	         "(since 2020). The\n"
	         "bytes are those attached; 'upgrade' and 'validate' also "
	         "take the PDF\n"
	         "itself.\n"
	         "\n"
	         "Options:\n",
	.extra = NULL,
	.outro = "\n"
	         "Exit status: 0 every FILE gave its XML, 2 usage, 3 a FILE "
	         "is no PDF, is\n"
	         "damaged or password-protected, or has no Europass XML "
	         "attached, 5 writing\n"
	         "failed, 6 internal error.\n"
	         "\n"
	         "Example:\n"
	         "  lob2europass extract cv-2014.pdf > cv-2014.xml\n",
};

static void print_warning(const l2e_diag *d, void *payload)
{
	(void)payload;
	cli_print_place(stderr, d->file, d->line, d->column);
	fprintf(stderr, ": warning: %s\n", d->message);
}

/* NAME.pdf -> NAME.xml; NULL when it does not fit. */
static char *xml_name(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);
	char *out = malloc(n + 5);

	if (!out)
		return NULL;
	if (n > 4 && !strcmp(base + n - 4, ".pdf"))
		n -= 4;
	memcpy(out, base, n);
	memcpy(out + n, ".xml", 5);
	return out;
}

static int extract_one(l2e_ctx *ctx, const char *path, const char *dir)
{
	l2e_buf xml = L2E_BUF_INIT;
	char why[256], *name = NULL;
	int error, rc = EXIT_OK;

	if ((error = l2e_pdf_extract_file(&xml, ctx, path)) < 0) {
		cli_print_error(ctx);
		rc = error == L2E_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
		goto done;
	}
	if (!dir) {
		if (fwrite(xml.ptr, 1, xml.len, stdout) != xml.len)
			rc = EXIT_IO;
		goto done;
	}
	if (!(name = xml_name(path))) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	if (output_write_atomic(dir, name, xml.ptr, xml.len, why) < 0) {
		fprintf(stderr, "lob2europass: %s/%s: %s\n", dir, name, why);
		rc = EXIT_IO;
	}
done:
	free(name);
	l2e_buf_dispose(&xml);
	return rc;
}

int cmd_extract(int argc, char **argv)
{
	l2e_ctx *ctx = NULL;
	cli_args args;
	const char *dir;
	int rc, one, i;

	if ((rc = cli_start(&args, argc, argv, &extract_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	dir = args.values[OPT_OUT];
	if ((rc = cli_files_out_dir("extract", args.n_positional, dir)) >= 0)
		goto done;
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		fputs("lob2europass: out of memory\n", stderr);
		rc = EXIT_INTERNAL;
		goto done;
	}
	l2e_ctx_set_diag_callback(ctx, print_warning, NULL);
	for (i = 0; i < args.n_positional; i++) {
		one = extract_one(ctx, args.positional[i], dir);
		if (one > rc)
			rc = one;
	}
done:
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
