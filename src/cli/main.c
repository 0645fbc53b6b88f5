/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * main.c - lob2europass: dispatch to a subcommand.
 *
 * The CLI is thin: it parses options, calls the public API of
 * liblob2europass and prints what the library reports. The commands are
 * a table (cli_cmds, commands.c), read by the dispatch and by --help;
 * what they share (exit codes, printing library errors) is cli.c.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "suggest.h"

/* Where summaries start; a longer synopsis has a line of its own. */
#define SUMMARY_COLUMN 13

static void print_command(FILE *f, const char *synopsis, const char *summary)
{
	const char *p;

	if (strlen(synopsis) < SUMMARY_COLUMN - 2)
		fprintf(f, "  %-*s", SUMMARY_COLUMN - 2, synopsis);
	else
		fprintf(f, "  %s\n%*s", synopsis, SUMMARY_COLUMN, "");
	for (p = summary; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", SUMMARY_COLUMN, "");
	}
	fputc('\n', f);
}

static void print_help(FILE *f)
{
	const cli_cmd *c;

	fputs(
	    _("Usage: lob2europass COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "Convert Dutch MBO LOB-dossier exports (loopbaanorientatie en\n"
	      "-begeleiding) into Europass documents, through mapping files.\n"
	      "\n"
	      "Commands:\n"),
	    f);
	for (c = cli_cmds; c->name; c++)
		print_command(f, c->synopsis, _(c->summary));
	print_command(f, "help CMD", _("show the help of a command"));
	fputs(
	    _("\n"
	      "Options:\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n"
	      "\n"
	      "Exit status:\n"
	      "  0  success (dossiers skipped on purpose, e.g. without "
	      "consent,\n"
	      "     are not failures)\n"
	      "  1  at least one dossier was rejected (see the messages), or\n"
	      "     a validated document is invalid\n"
	      "  2  usage error (also: no mapping of the name given)\n"
	      "  3  an input could not be read or parsed, is not what the\n"
	      "     mapping reads, or is empty\n"
	      "  4  the mapping is invalid\n"
	      "  5  output could not be written\n"
	      "  6  internal error (e.g. out of memory)\n"
	      " 75  the output folder is in use by another run (try again\n"
	      "     later)\n"
	      "\n"
	      "Run 'lob2europass convert --help' to get started.\n"),
	    f);
}

static const cli_cmd *find_command(const char *name)
{
	const cli_cmd *c;

	for (c = cli_cmds; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void unknown_command(const char *cmd)
{
	const char *best;
	const cli_cmd *c;
	suggest s;

	suggest_start(&s, cmd);
	for (c = cli_cmds; c->name; c++)
		suggest_add(&s, c->name, (size_t)-1);
	suggest_add(&s, "help", (size_t)-1);
	if ((best = suggest_best(&s)))
		cli_err(_("lob2europass: unknown command '%s'; did you mean "
		          "'%s'?\nTry 'lob2europass --help'.\n"),
		        cmd, best);
	else
		cli_err(_("lob2europass: unknown command '%s'\n"
		          "Try 'lob2europass --help'.\n"),
		        cmd);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	const cli_cmd *c;
	int rc;

	/* past a file size limit (ulimit -f) write() is to fail with EFBIG,
	 * reported as an I/O error (exit 5), not kill us half-way */
	signal(SIGXFSZ, SIG_IGN);
	/* no temporary file left when Ctrl-C or a closed pipe ends us */
	cleanup_install();

	cli_i18n_init();
	if (!cmd) {
		fputs(_("lob2europass: no command given\n"
		        "Try 'lob2europass --help'.\n"),
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
		c = argc > 2 ? find_command(argv[2]) : NULL;
		if (c) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			return c->run(2, args);
		}
		print_help(stdout);
		return argc > 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (l2e_global_init() < 0) {
		fputs("lob2europass: cannot initialise libraries\n", stderr);
		return EXIT_INTERNAL;
	}
	if ((c = find_command(cmd))) {
		rc = c->run(argc - 1, argv + 1);
	} else {
		unknown_command(cmd);
		rc = EXIT_USAGE;
	}
	l2e_global_cleanup();
	/* a failed write to stdout is a failure (jq's out: block) */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("lob2europass: error writing to standard output\n");
		if (rc == EXIT_OK || rc == EXIT_REJECTED)
			rc = EXIT_IO;
	}
	return rc;
}
