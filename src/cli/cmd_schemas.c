/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_schemas.c - lob2europass schemas install|status: the official
 * Europass schemas that `validate` checks against, installed after
 * checking each file's SHA-256 against the pins of the library
 * (schemas.h), and their state where validate looks for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "opts.h"
#include "schema_dirs.h"

enum { OPT_FROM, OPT_SCHEMA_DIR, OPT_CACERT, OPT_HELP };

static const cli_opt options[] = {
	[OPT_FROM] = { "from", 0, "DIR|URL",
	               N_("install from a folder laid out as a schema folder "
	                  "(DIR/v3.4.1/xsd/, DIR/v3.4.1/jsonschema/), or an "
	                  "https:// URL of one; default: the upstream copies "
	                  "over "
	                  "HTTPS") },
	[OPT_SCHEMA_DIR] = { "schema-dir", 0, "DIR",
	                     N_("the schema folder to install into or report "
	                        "on; default: $L2E_SCHEMA_DIR, then the data "
	                        "folder when it can be written, else "
	                        "$XDG_DATA_HOME/lob2europass/schemas") },
	[OPT_CACERT] = { "cacert", 0, "FILE",
	                 N_("also trust this CA certificate (PEM) for HTTPS") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command schemas_command = {
	.name = "schemas",
	.options = options,
	.intro =
	    N_("Usage: lob2europass schemas install [--from DIR|URL] "
	       "[--schema-dir DIR]\n"
	       "       lob2europass schemas status [--schema-dir DIR]\n"
	       "\n"
	       "install puts the official Europass v3.4.1 schemas (the XML "
	       "schemas with\n"
	       "their catalog, and the JSON schema) where validate finds them. "
	       "Every\n"
	       "file must have the SHA-256 pinned in lob2europass; one that "
	       "has not is\n"
	       "refused, and then nothing is installed. status says which "
	       "folder\n"
	       "validate reads and whether every file there is as pinned.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro =
	    N_("\n"
	       "Exit status: 0 installed (status: installed and as "
	       "pinned), 1 a file was\n"
	       "refused (status: not installed, or not as pinned), 2 "
	       "usage, 3 the\n"
	       "source could not be read, 5 the schema folder could not be "
	       "written.\n"
	       "\n"
	       "Examples:\n"
	       "  sudo lob2europass schemas install\n"
	       "  lob2europass schemas install --from ../shared/europass\n"
	       "  lob2europass schemas status\n"),
};

typedef struct tally {
	size_t refused;
	int is_install; /* refusals are install's, lines are status's */
} tally;

/* One line per file that is not as pinned. */
static void on_file(const l2e_schema_file *f, void *payload)
{
	tally *t = payload;
	FILE *out = t->is_install ? stderr : stdout;
	const char *lead =
	    t->is_install ? _("lob2europass schemas: refused ") : "  ";

	if (f->state == L2E_SCHEMA_FILE_OK)
		return;
	t->refused++;
	if (f->state == L2E_SCHEMA_FILE_MISSING)
		fprintf(out, _("%s%s: missing (%s: %s)\n"), lead, f->path,
		        f->source, f->reason);
	else
		fprintf(out,
		        _("%s%s: SHA-256 %s, not the pinned %s (from %s)\n"),
		        lead, f->path, f->found, f->pinned, f->source);
}

static int install(l2e_ctx *ctx, const cli_args *args)
{
	l2e_net_options o = L2E_NET_OPTIONS_INIT;
	l2e_net *net = NULL;
	const char *from = args->values[OPT_FROM], *dir;
	char buf[CLI_PATH_MAX];
	tally t = { 0, 1 };
	int error, rc;

	dir = cli_schema_dir(args->values[OPT_SCHEMA_DIR], 1, buf, sizeof(buf));
	if (!from || l2e_is_url(from)) {
		o.ca_file = args->values[OPT_CACERT];
		if ((error = l2e_net_new(&net, ctx, &o)) < 0) {
			cli_print_error(ctx);
			return cli_exit_for(error);
		}
	}
	error = l2e_schemas_install(ctx, dir, from, net, on_file, &t);
	l2e_net_free(net);
	if (error < 0) {
		cli_print_error(ctx);
		if (error == L2E_ECRYPTO ||
		    (error == L2E_ENOTFOUND && t.refused))
			return EXIT_REJECTED;
		rc = cli_exit_for(error);
		return rc == EXIT_INPUT || error == L2E_ENOMEM ? rc : EXIT_IO;
	}
	printf(_("lob2europass: installed the Europass v%s schemas in %s "
	         "(%zu files, each with its pinned SHA-256)\n"),
	       l2e_schemas_version(), dir, l2e_schemas_count());
	return EXIT_OK;
}

static int has_set_folder(const char *dir)
{
	char path[CLI_PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/v%s", dir, l2e_schemas_version());
	return stat(path, &st) == 0;
}

/* One folder's state; 1 when it holds the whole set as pinned. */
static int status_of(l2e_ctx *ctx, const char *dir, const char *role)
{
	size_t ok = 0, n = l2e_schemas_count();
	tally t = { 0, 0 };

	printf("%s: %s\n", role, dir);
	if (l2e_schemas_status(ctx, dir, NULL, NULL, &ok) < 0)
		return -1;
	if (ok == n) {
		printf(_("  Europass v%s schemas installed, all %zu files as "
		         "pinned\n"),
		       l2e_schemas_version(), n);
		return 1;
	}
	if (ok == 0 && !has_set_folder(dir)) {
		printf(_("  not installed\n"));
		return 0;
	}
	printf(_("  Europass v%s schemas: %zu of %zu files as pinned; "
	         "validate may fail or be wrong (run 'lob2europass schemas "
	         "install' again):\n"),
	       l2e_schemas_version(), ok, n);
	if (l2e_schemas_status(ctx, dir, on_file, &t, NULL) < 0)
		return -1;
	return 0;
}

static int status(l2e_ctx *ctx, const cli_args *args)
{
	const char *opt = args->values[OPT_SCHEMA_DIR], *env, *used, *user;
	char buf[CLI_PATH_MAX], ubuf[CLI_PATH_MAX];
	int is_ok;

	env = getenv("L2E_SCHEMA_DIR");
	used = cli_schema_dir(opt, 0, buf, sizeof(buf));
	is_ok = status_of(ctx, used, _("validate reads"));
	if (is_ok < 0)
		goto oom;
	if (!opt && !(env && *env)) {
		/* the other default folder, when it is not the one read */
		const char *other = cli_schema_dir_system();

		user = cli_schema_dir_user(ubuf, sizeof(ubuf));
		if (!strcmp(used, other))
			other = user;
		if (other && status_of(ctx, other, _("also looked in")) < 0)
			goto oom;
	}
	return is_ok ? EXIT_OK : EXIT_REJECTED;
oom:
	fputs(_("lob2europass: out of memory\n"), stderr);
	return EXIT_INTERNAL;
}

int cmd_schemas(int argc, char **argv)
{
	cli_args args;
	l2e_ctx *ctx = NULL;
	const char *what = argc > 1 ? argv[1] : "";
	int rc, is_install = !strcmp(what, "install");

	if (!is_install && strcmp(what, "status") != 0) {
		if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
			cli_print_help(&schemas_command);
			return EXIT_OK;
		}
		fputs(_("lob2europass schemas: use 'schemas install' or "
		        "'schemas status'\n"
		        "Try 'lob2europass schemas --help'.\n"),
		      stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_start(&args, argc - 1, argv + 1, &schemas_command)) >= 0)
		goto done;
	rc = EXIT_USAGE;
	if (args.n_positional > 0) {
		fprintf(stderr,
		        _("lob2europass schemas %s: unexpected argument '%s'\n"
		          "Try 'lob2europass schemas --help'.\n"),
		        what, args.positional[0]);
		goto done;
	}
	if (!is_install && (args.values[OPT_FROM] || args.values[OPT_CACERT])) {
		fprintf(stderr,
		        _("lob2europass schemas status: --%s is for 'schemas "
		          "install'\n"
		          "Try 'lob2europass schemas --help'.\n"),
		        args.values[OPT_FROM] ? "from" : "cacert");
		goto done;
	}
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	rc = is_install ? install(ctx, &args) : status(ctx, &args);
done:
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
