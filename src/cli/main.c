/*
 * main.c - lob2europass: dispatch to a subcommand.
 *
 * The CLI is thin: it parses options, calls the public API of
 * liblob2europass and prints what the library reports. It is the only
 * place that prints library errors.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_help(FILE *f)
{
	fputs(
	    "Usage: lob2europass COMMAND [OPTIONS] [ARGS]\n"
	    "\n"
	    "Convert Dutch MBO LOB-dossier exports (loopbaanorientatie en\n"
	    "-begeleiding) into Europass documents, through mapping files.\n"
	    "\n"
	    "Commands:\n"
	    "  convert    convert exports to Europass documents\n"
	    "  mapping check FILE...\n"
	    "             check mapping files (and their coverage of an "
	    "export)\n"
	    "  validate FILE...\n"
	    "             check Europass documents (schemas and built-in "
	    "checks)\n"
	    "  verify DIR check the documents of a batch against "
	    "DIR/SHA256SUMS\n"
	    "             (and its signature)\n"
	    "  help CMD   show the help of a command\n"
	    "\n"
	    "Options:\n"
	    "  -h, --help     show this help and exit\n"
	    "  -V, --version  show the version and exit\n"
	    "\n"
	    "Exit status:\n"
	    "  0  success (dossiers skipped on purpose, e.g. without consent,\n"
	    "     are not failures)\n"
	    "  1  at least one dossier was rejected (see the messages), or\n"
	    "     a validated document is invalid\n"
	    "  2  usage error\n"
	    "  3  an input could not be read or parsed\n"
	    "  4  the mapping is invalid\n"
	    "  5  output could not be written\n"
	    "  6  internal error (e.g. out of memory)\n"
	    "\n"
	    "Run 'lob2europass convert --help' to get started.\n",
	    f);
}

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

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	int rc;

	/* past a file size limit (ulimit -f) write() is to fail with EFBIG,
	 * reported as an I/O error (exit 5), not kill us half-way */
	signal(SIGXFSZ, SIG_IGN);

	if (!cmd) {
		fputs("lob2europass: no command given\n"
		      "Try 'lob2europass --help'.\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("lob2europass %s\n", l2e_version());
		return EXIT_OK;
	}
	if (!strcmp(cmd, "help")) {
		if (argc > 2 && !strcmp(argv[2], "convert")) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			return cmd_convert(2, args);
		}
		if (argc > 2 && !strcmp(argv[2], "mapping")) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			return cmd_mapping(2, args);
		}
		if (argc > 2 && !strcmp(argv[2], "validate")) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			return cmd_validate(2, args);
		}
		if (argc > 2 && !strcmp(argv[2], "verify")) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			return cmd_verify(2, args);
		}
		print_help(stdout);
		return argc > 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (l2e_global_init() < 0) {
		fputs("lob2europass: cannot initialise libraries\n", stderr);
		return EXIT_INTERNAL;
	}
	if (!strcmp(cmd, "convert")) {
		rc = cmd_convert(argc - 1, argv + 1);
	} else if (!strcmp(cmd, "mapping")) {
		rc = cmd_mapping(argc - 1, argv + 1);
	} else if (!strcmp(cmd, "validate")) {
		rc = cmd_validate(argc - 1, argv + 1);
	} else if (!strcmp(cmd, "verify")) {
		rc = cmd_verify(argc - 1, argv + 1);
	} else {
		fprintf(stderr,
		        "lob2europass: unknown command '%s'\n"
		        "Try 'lob2europass --help'.\n",
		        cmd);
		rc = EXIT_USAGE;
	}
	l2e_global_cleanup();
	/* a failed write to stdout is a failure (jq's out: block) */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("lob2europass: error writing to standard output\n",
		      stderr);
		if (rc == EXIT_OK || rc == EXIT_REJECTED)
			rc = EXIT_IO;
	}
	return rc;
}
