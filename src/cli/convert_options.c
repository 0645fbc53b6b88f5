/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_options.c - the options of lob2europass convert: the table
 * that --help and the parser read, and the policy that checks what they
 * ask for together (see cmd_convert.h), before anything is opened.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_convert.h"
#include "commands.h"
#include "i18n.h"
#include "suggest.h"
#include "util/civil_date.h"

enum {
	OPT_MAPPING,
	OPT_OUT,
	OPT_TO,
	OPT_JOBS,
	OPT_SHARD,
	OPT_REPORT,
	OPT_REPORT_CSV,
	OPT_REPORT_HTML,
	OPT_REPORT_ANONYMOUS,
	OPT_CSV_DIALECT,
	OPT_FAIL_FAST,
	OPT_MAX_ERRORS,
	OPT_MAX_REPEATS,
	OPT_SKIP_UNCHANGED,
	OPT_PRUNE,
	OPT_PRUNE_MIN_SHARE,
	OPT_FORCE_PRUNE,
	OPT_DRY_RUN,
	OPT_LOG_FORMAT,
	OPT_MAPPINGS_DIR,
	OPT_AUTH_FILE,
	OPT_ALLOW_HTTP,
	OPT_CACERT,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_DELIVER,
	OPT_DELIVER_METHOD,
	OPT_DELIVER_AUTH_FILE,
	OPT_SIGN_KEY,
	OPT_DOCUMENT_DATE,
	OPT_QUIET,
	OPT_ALLOW_EMPTY,
	OPT_NO_PROGRESS,
	OPT_HELP
};

static const cli_opt options[] = {
	[OPT_MAPPING] = { "mapping", 'm', "FILE",
	                  N_("mapping file, or the name of an installed one "
	                     "(required)") },
	[OPT_OUT] = { "out", 'o', "DIR|FILE.zip|-",
	              N_("write DIR/<key>.<format extension> per dossier; "
	                 "FILE.zip: the same files and SHA256SUMS in one ZIP "
	                 "archive; '-' writes one JSON line per document to "
	                 "standard output (default: one dossier to standard "
	                 "output)") },
	[OPT_TO] = { "to", 't', "FORMAT[,FORMAT...]",
	             N_("output formats (default europass-xml); see Formats "
	                "below") },
	[OPT_JOBS] = { "jobs", 'j', "N",
	               N_("convert on N threads (default: the number of "
	                  "processors; with --out DIR, one of them writes the "
	                  "files); the output is the same for any N") },
	[OPT_SHARD] = { "shard", 0, "K/N",
	                N_("convert only the dossiers whose key falls in shard "
	                   "K of N (FNV-1a of the key), so that N runs on N "
	                   "machines share one export") },
	[OPT_REPORT] = { "report", 0, "FILE",
	                 N_("write a JSON report: every dossier's status, "
	                    "files "
	                    "and findings, and totals") },
	[OPT_REPORT_CSV] = { "report-csv", 0, "FILE",
	                     N_("write the report as CSV, safe to open in a "
	                        "spreadsheet") },
	[OPT_REPORT_HTML] = { "report-html", 0, "FILE",
	                      N_("write the report as a page to read: totals, "
	                         "why dossiers were not converted, findings "
	                         "by kind with their places") },
	[OPT_REPORT_ANONYMOUS] = { "report-anonymous", 0, NULL,
	                           N_("no student keys on the --report-html "
	                              "page") },
	[OPT_CSV_DIALECT] = { "csv-dialect", 0, "DIALECT",
	                      N_("--report-csv as excel-nl (default: ';' and a "
	                         "BOM, as Dutch Excel opens it) or rfc4180 "
	                         "(',')") },
	[OPT_FAIL_FAST] = { "fail-fast", 0, NULL,
	                    N_("stop at the first dossier that fails") },
	[OPT_MAX_ERRORS] = { "max-errors", 0, "N",
	                     N_("stop after N failed dossiers") },
	[OPT_MAX_REPEATS] = { "max-repeats", 0, "N",
	                      N_("show at most N findings of the same kind per "
	                         "input, then count the rest (default 20; 0: "
	                         "show all)") },
	[OPT_SKIP_UNCHANGED] = { "skip-unchanged", 0, NULL,
	                         N_("with --out DIR: skip dossiers whose "
	                            "input, "
	                            "mapping and tool version did not change "
	                            "since the last run") },
	[OPT_PRUNE] = { "prune", 0, NULL,
	                N_("with --out DIR: remove the documents of earlier "
	                   "runs that this run does not make (consent "
	                   "withdrawn, student left, format no longer asked "
	                   "for); never a file lob2europass did not write") },
	[OPT_PRUNE_MIN_SHARE] = { "prune-min-share", 0, "PCT",
	                          N_("do not prune when this run makes "
	                             "documents for fewer than PCT percent of "
	                             "the last run's dossiers (default 50; 0: "
	                             "no check)") },
	[OPT_FORCE_PRUNE] = { "force-prune", 0, NULL,
	                      N_("--prune even when the input looks "
	                         "incomplete (a failed input, or fewer "
	                         "dossiers than --prune-min-share)") },
	[OPT_DRY_RUN] = { "dry-run", 'n', NULL,
	                  N_("with --out DIR: print what the run would "
	                     "write, change, keep and remove, one line per "
	                     "document, and write nothing") },
	[OPT_LOG_FORMAT] = { "log-format", 0, "text|json",
	                     N_("messages on standard error as text (default) "
	                        "or "
	                        "one JSON object per line") },
	[OPT_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                       N_("look up mapping names here first") },
	[OPT_AUTH_FILE] = { "auth-file", 0, "FILE",
	                    N_("credentials for https:// inputs: one line "
	                       "\"bearer TOKEN\" or \"basic USER:PASSWORD\" "
	                       "(default: $LOB2EUROPASS_AUTH)") },
	[OPT_ALLOW_HTTP] = { "allow-http", 0, NULL,
	                     N_("also allow plain http:// (for tests on this "
	                        "machine; never for real data)") },
	[OPT_CACERT] = { "cacert", 0, "FILE",
	                 N_("also trust this CA certificate (PEM), e.g. a "
	                    "school's own") },
	[OPT_TIMEOUT] = { "timeout", 0, "SECONDS",
	                  N_("give up a request after this long (default "
	                     "300)") },
	[OPT_RETRIES] = { "retries", 0, "N",
	                  N_("retry a failed request N times (default 3; 0: "
	                     "never)") },
	[OPT_DELIVER] = { "deliver", 0, "URL",
	                  N_("with --out DIR: also send each document to URL; "
	                     "{file} in URL becomes its file name") },
	[OPT_DELIVER_METHOD] = { "deliver-method", 0, "post|put",
	                         N_("how to send documents (default post)") },
	[OPT_DELIVER_AUTH_FILE] = { "deliver-auth-file", 0, "FILE",
	                            N_("credentials for --deliver, as for "
	                               "--auth-file (default: "
	                               "$LOB2EUROPASS_DELIVER_AUTH)") },
	[OPT_SIGN_KEY] = { "sign-key", 0, "KEY.pem",
	                   N_("with --out DIR: sign DIR/SHA256SUMS into "
	                      "DIR/SHA256SUMS.sig (Ed25519 or RSA key)") },
	[OPT_DOCUMENT_DATE] = { "document-date", 0, "DATE",
	                        N_("document date when the mapping gives none: "
	                           "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, or 'now' "
	                           "(default: $SOURCE_DATE_EPOCH, else "
	                           "1970-01-01T00:00:00Z)") },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	                N_("print errors only: no warnings, progress or "
	                   "summary") },
	[OPT_ALLOW_EMPTY] = { "allow-empty", 0, NULL,
	                      N_("an empty input (an empty file or stream, a "
	                         "folder without export files, no student "
	                         "records at all) is not an error") },
	[OPT_NO_PROGRESS] = { "no-progress", 0, NULL,
	                      N_("no progress line on a terminal (there is "
	                         "none "
	                         "with TERM=dumb, --quiet or --log-format "
	                         "json)") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

static void print_formats(FILE *f)
{
	l2e_format fmt;

	for (fmt = (l2e_format)1; l2e_format_name(fmt);
	     fmt = (l2e_format)(fmt + 1))
		fprintf(f, "  %-16s -> <key>%s%s\n", l2e_format_name(fmt),
		        l2e_format_has_parts(fmt) ? ".<part>" : "",
		        l2e_format_extension(fmt));
	fputs(
	    "  (<part>: one credential per work item abroad, work-N, and per\n"
	    "  awarded qualification, qualification-N)\n",
	    f);
}

/* The message for an unknown --to FORMAT, with the list of formats. */
static void unknown_format(const char *name, const char *best)
{
	char *list = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&list, &len);

	if (m) {
		print_formats(m);
		fclose(m);
	}
	cli_err("lob2europass convert: unknown format '%s'%s%s%s formats "
	        "are:\n%s",
	        name, best ? "; did you mean '" : "", best ? best : "",
	        best ? "'? The" : "; the", list ? list : "");
	free(list);
}

/* "europass-xml,europass-json" into formats; -1 after a message. */
static int parse_formats(l2e_format formats[BATCH_MAX_FORMATS], size_t *n,
                         const char *list)
{
	char name[64];
	const char *p = list, *comma;
	l2e_format fmt;
	size_t len, i;

	*n = 0;
	while (*p) {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len >= sizeof(name) ||
		    *n == BATCH_MAX_FORMATS) {
			cli_err("lob2europass convert: bad --to '%s'\n", list);
			return -1;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (l2e_format_from_name(&fmt, name) < 0) {
			suggest s;

			suggest_start(&s, name);
			s.by_tail = 1;
			for (fmt = (l2e_format)1; l2e_format_name(fmt);
			     fmt = (l2e_format)(fmt + 1))
				suggest_add(&s, l2e_format_name(fmt),
				            (size_t)-1);
			unknown_format(name, suggest_best(&s));
			return -1;
		}
		for (i = 0; i < *n && formats[i] != fmt; i++)
			;
		if (i == *n)
			formats[(*n)++] = fmt;
		p += len + (comma ? 1 : 0);
	}
	if (!*n) {
		cli_err("lob2europass convert: --to names no format\n");
		return -1;
	}
	return 0;
}

/* The Formats section of --help: the library's, as it names them. */
static void print_formats_section(FILE *f)
{
	fputs(_("\nFormats:\n"), f);
	print_formats(f);
}

const cli_command convert_command = {
	.name = "convert",
	.options = options,
	.intro =
	    N_("Usage: lob2europass convert --mapping FILE [--out DIR|-] "
	       "INPUT...\n"
	       "\n"
	       "Read school exports (files, folders, https:// URLs, or - for "
	       "JSON Lines\n"
	       "on standard input), map every student dossier through the "
	       "mapping file\n"
	       "and write Europass documents. Students without consent are "
	       "skipped; a\n"
	       "dossier that cannot be converted is reported and the others "
	       "are still\n"
	       "written. National identifiers (BSN, onderwijsnummer, ECK iD) "
	       "are never\n"
	       "written, whatever the mapping says.\n"
	       "\n"
	       "Options:\n"),
	.extra = print_formats_section,
	.outro =
	    N_("\n"
	       "Files are written whole or not at all (a temporary file, "
	       "flushed to\n"
	       "disk, then renamed); a lock keeps two runs out of one folder. "
	       "DIR/SHA256SUMS\n"
	       "lists the documents of the run ('lob2europass verify DIR' "
	       "checks them).\n"
	       "Messages go to standard error as FILE:LINE:COL: severity: "
	       "text.\n"
	       "Identical inputs give identical files: no time of the run "
	       "goes into a\n"
	       "document unless asked for (--document-date now).\n"
	       "\n"
	       "URLs: only https:// with verified certificates, at most 3 "
	       "redirects,\n"
	       "answers up to 64 MiB; 5xx, 408, 429 and time-outs are retried "
	       "with\n"
	       "backoff. The mapping's source.paging fetches an API page by "
	       "page.\n"
	       "\n"
	       "Exit status: 0 ok, 1 some dossier failed (rejected, not "
	       "written or not\n"
	       "delivered), 2 usage, 3 unreadable input (or a server that "
	       "failed),\n"
	       "4 bad mapping, 5 I/O error, 6 internal error, 75 the output "
	       "folder is\n"
	       "in use by another run.\n"
	       "\n"
	       "Examples:\n"
	       "  lob2europass convert -m mappings/our-school.json -o out "
	       "export.json\n"
	       "  lob2europass convert -m our-api --auth-file token -o out "
	       "--sign-key k.pem \\\n"
	       "      https://sis.example.nl/api/students\n"),
};

/* --jobs, --max-errors, --timeout: a whole number from 1 to max. */
static long number_arg(const char *s, const char *what, long max)
{
	long v;

	if (cli_number(s, 1, max, &v) < 0) {
		cli_err("lob2europass convert: %s takes a whole number from 1 "
		        "to %ld\n",
		        what, max);
		return -1;
	}
	return v;
}

/* --shard K/N: 1 <= K <= N <= 65536. 0, or -1 after a message. */
static int shard_arg(const char *s, int *k, int *n)
{
	char kpart[16];
	const char *slash = strchr(s, '/');
	long kv, nv;

	if (slash && (size_t)(slash - s) < sizeof(kpart)) {
		memcpy(kpart, s, (size_t)(slash - s));
		kpart[slash - s] = '\0';
		if (cli_number(kpart, 1, 65536, &kv) == 0 &&
		    cli_number(slash + 1, 1, 65536, &nv) == 0 && kv <= nv) {
			*k = (int)kv;
			*n = (int)nv;
			return 0;
		}
	}
	fprintf(stderr,
	        "lob2europass convert: --shard takes K/N, shard K of N, "
	        "with 1 <= K <= N <= 65536 (e.g. --shard 2/4), not '%s'\n",
	        s);
	return -1;
}

/* --retries: 0 to 10. */
static int retries_arg(const char *s, unsigned *out)
{
	if (!strcmp(s, "10") || (s[0] >= '0' && s[0] <= '9' && !s[1])) {
		*out = s[1] ? 10u : (unsigned)(s[0] - '0');
		return 0;
	}
	cli_err("%s",
	        "lob2europass convert: --retries takes a whole number from 0 "
	        "to 10\n");
	return -1;
}

/* s is shape, 'd' standing for any digit. */
static int has_shape(const char *s, const char *shape)
{
	for (; *s && *shape; s++, shape++)
		if (*shape == 'd' ? (*s < '0' || *s > '9') : *s != *shape)
			return 0;
	return !*s && !*shape;
}

/*
 * The document date: --document-date, else SOURCE_DATE_EPOCH, else
 * 1970-01-01T00:00:00Z. Never the clock unless asked for ('now'), so
 * that identical inputs give identical files. 0, or -1 (said why).
 */
static int document_date(long long *out, const char *arg)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
	long epoch;

	*out = 0;
	if (arg && !strcmp(arg, "now")) {
		*out = (long long)time(NULL);
		return 0;
	}
	if (arg) {
		if ((has_shape(arg, "dddd-dd-dd") ||
		     has_shape(arg, "dddd-dd-ddTdd:dd:ddZ")) &&
		    sscanf(arg, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi,
		           &sec) >= 3 &&
		    y >= 1970 && l2e__date_exists(y, mo, d) && h < 24 &&
		    mi < 60 && sec < 60) {
			*out = l2e__days_from_civil(y, mo, d) * 86400 +
			       h * 3600 + mi * 60 + sec;
			return 0;
		}
		cli_err("lob2europass convert: --document-date must be "
		        "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ (UTC, from 1970) or "
		        "'now', not '%s'\n",
		        arg);
		return -1;
	}
	if (sde && *sde) {
		if (cli_number(sde, 0, LONG_MAX, &epoch) < 0) {
			cli_err("%s", "lob2europass convert: SOURCE_DATE_EPOCH "
			              "must be "
			              "a number of seconds since 1970\n");
			return -1;
		}
		*out = epoch;
	}
	return 0;
}

/* The client rules shared by fetching and delivering. */
static int net_options(l2e_net_options *o, const cli_args *args)
{
	long seconds;

	o->allow_http = args->values[OPT_ALLOW_HTTP] != NULL;
	o->ca_file = args->values[OPT_CACERT];
	if (args->values[OPT_TIMEOUT]) {
		if ((seconds = number_arg(args->values[OPT_TIMEOUT],
		                          "--timeout", 86400)) < 0)
			return -1;
		o->timeout_ms = seconds * 1000;
	}
	if (args->values[OPT_RETRIES] &&
	    retries_arg(args->values[OPT_RETRIES], &o->retries) < 0)
		return -1;
	return 0;
}

/* --prune, --prune-min-share, --force-prune, --dry-run. 0, or -1 after
 * a message. */
static int prune_options(convert_opts *o, const cli_args *a)
{
	const char *needs = NULL;

	o->force_prune = a->values[OPT_FORCE_PRUNE] != NULL;
	o->prune = o->force_prune || a->values[OPT_PRUNE] != NULL;
	o->dry_run = a->values[OPT_DRY_RUN] != NULL;
	o->prune_min_share = 50;
	if (a->values[OPT_PRUNE_MIN_SHARE] &&
	    cli_number(a->values[OPT_PRUNE_MIN_SHARE], 0, 100,
	               &o->prune_min_share) < 0) {
		cli_err("%s",
		        _("lob2europass convert: --prune-min-share takes "
		          "a percentage, a whole number from 0 to 100\n"));
		return -1;
	}
	if (a->values[OPT_PRUNE_MIN_SHARE] && !o->prune) {
		cli_err("%s", _("lob2europass convert: --prune-min-share goes "
		                "with --prune\n"));
		return -1;
	}
	if (o->prune && o->mode == OUT_ZIP) {
		/* an archive holds this run's documents only: nothing of
		 * an earlier run is left in it to remove */
		cli_err("%s",
		        _("lob2europass convert: --prune is for --out DIR: an "
		          "archive (--out FILE.zip) is written anew each run "
		          "and holds only this run's documents, so leave "
		          "--prune out\n"));
		return -1;
	}
	if (o->prune && o->mode != OUT_DIR)
		needs = "--prune";
	else if (o->dry_run && o->mode != OUT_DIR)
		needs = "--dry-run";
	if (needs) {
		cli_err(_("lob2europass convert: %s needs --out DIR\n"), needs);
		return -1;
	}
	if (o->dry_run && (a->values[OPT_REPORT] || a->values[OPT_REPORT_CSV] ||
	                   a->values[OPT_REPORT_HTML])) {
		cli_err("%s", _("lob2europass convert: --dry-run writes no "
		                "files, no report either: leave out --report, "
		                "--report-csv and --report-html\n"));
		return -1;
	}
	return 0;
}

/*
 * The checks run in this order, each stopping at the first problem: a
 * command line with several gets the message it always got.
 */
int convert_opts_parse(convert_opts *o, int argc, char **argv)
{
	const cli_args *a = &o->args;
	const char *v;
	int rc, i;

	memset(o, 0, sizeof(*o));
	o->net = (l2e_net_options)L2E_NET_OPTIONS_INIT;
	/* --log-format json holds from the first message on, usage
	 * errors included: look for it before the options are read */
	for (i = 1; i < argc; i++)
		if ((!strcmp(argv[i], "--log-format") && i + 1 < argc &&
		     !strcmp(argv[i + 1], "json")) ||
		    !strcmp(argv[i], "--log-format=json"))
			cli_log_json(1);
	rc = cli_start(&o->args, argc, argv, &convert_command);
	if (rc >= 0)
		return rc;
	if (!a->values[OPT_MAPPING] || a->n_positional == 0) {
		cli_err("%sTry 'lob2europass convert --help'.\n",
		        !a->values[OPT_MAPPING]
		            ? "lob2europass convert: --mapping FILE is "
		              "required\n"
		            : "lob2europass convert: no INPUT given\n");
		return EXIT_USAGE;
	}
	o->mapping = a->values[OPT_MAPPING];
	o->mappings_dir = a->values[OPT_MAPPINGS_DIR];
	o->formats[0] = L2E_FORMAT_EUROPASS_XML;
	o->n_formats = 1;
	if (a->values[OPT_TO] &&
	    parse_formats(o->formats, &o->n_formats, a->values[OPT_TO]) < 0)
		return EXIT_USAGE;
	o->out_dir = a->values[OPT_OUT];
	o->mode = !o->out_dir                  ? OUT_ONE
	          : !strcmp(o->out_dir, "-")   ? OUT_NDJSON
	          : zip_out_is_zip(o->out_dir) ? OUT_ZIP
	                                       : OUT_DIR;
	if (o->mode == OUT_ONE && o->n_formats > 1) {
		cli_err("%s",
		        "lob2europass convert: several formats need --out DIR "
		        "or --out -\n");
		return EXIT_USAGE;
	}
	o->is_quiet = a->values[OPT_QUIET] != NULL;
	v = a->values[OPT_LOG_FORMAT];
	if (v && strcmp(v, "text") && strcmp(v, "json")) {
		cli_err("%s",
		        "lob2europass convert: --log-format is text or json\n");
		return EXIT_USAGE;
	}
	o->is_json_log = v && !strcmp(v, "json");
	cli_log_json(o->is_json_log);
	o->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (o->jobs < 1)
		o->jobs = 1;
	if (a->values[OPT_JOBS] &&
	    (o->jobs = number_arg(a->values[OPT_JOBS], "--jobs", 256)) < 0)
		return EXIT_USAGE;
	if (a->values[OPT_SHARD] &&
	    shard_arg(a->values[OPT_SHARD], &o->shard_k, &o->shard_n) < 0)
		return EXIT_USAGE;
	if (a->values[OPT_MAX_ERRORS] &&
	    (o->max_errors = number_arg(a->values[OPT_MAX_ERRORS],
	                                "--max-errors", 1000000000L)) < 0)
		return EXIT_USAGE;
	o->max_repeats = 20;
	if (a->values[OPT_MAX_REPEATS] &&
	    cli_number(a->values[OPT_MAX_REPEATS], 0, 1000000000L,
	               &o->max_repeats) < 0) {
		cli_err("%s",
		        "lob2europass convert: --max-repeats takes a whole "
		        "number from 0 to 1000000000\n");
		return EXIT_USAGE;
	}
	if (a->values[OPT_FAIL_FAST])
		o->max_errors = 1;
	o->allow_empty = a->values[OPT_ALLOW_EMPTY] != NULL;
	o->no_progress = a->values[OPT_NO_PROGRESS] != NULL;
	o->skip_unchanged = a->values[OPT_SKIP_UNCHANGED] != NULL;
	if (o->skip_unchanged && o->mode != OUT_DIR) {
		cli_err("%s", "lob2europass convert: --skip-unchanged needs "
		              "--out DIR\n");
		return EXIT_USAGE;
	}
	for (i = 0; o->skip_unchanged && (size_t)i < o->n_formats; i++)
		if (l2e_format_has_parts(o->formats[i])) {
			/* the state notes one file per format and dossier;
			 * a credential per work item does not fit it yet */
			fprintf(stderr,
			        "lob2europass convert: --skip-unchanged does "
			        "not work with --to %s yet; leave one of them "
			        "out\n",
			        l2e_format_name(o->formats[i]));
			return EXIT_USAGE;
		}
	if (prune_options(o, a) < 0)
		return EXIT_USAGE;
	if (net_options(&o->net, a) < 0)
		return EXIT_USAGE;
	if (document_date(&o->document_time, a->values[OPT_DOCUMENT_DATE]) < 0)
		return EXIT_USAGE;
	o->report_json = a->values[OPT_REPORT];
	o->report_csv = a->values[OPT_REPORT_CSV];
	o->report_html = a->values[OPT_REPORT_HTML];
	o->report_anonymous = a->values[OPT_REPORT_ANONYMOUS] != NULL;
	v = a->values[OPT_CSV_DIALECT];
	if (v && strcmp(v, "excel-nl") && strcmp(v, "rfc4180")) {
		fprintf(stderr,
		        _("lob2europass convert: --csv-dialect is excel-nl or "
		          "rfc4180, not '%s'\n"),
		        v);
		return EXIT_USAGE;
	}
	o->csv_excel_nl = !v || !strcmp(v, "excel-nl");
	o->auth_file = a->values[OPT_AUTH_FILE];
	o->deliver_url = a->values[OPT_DELIVER];
	o->deliver_method = a->values[OPT_DELIVER_METHOD];
	o->deliver_auth_file = a->values[OPT_DELIVER_AUTH_FILE];
	o->sign_key = a->values[OPT_SIGN_KEY];
	return -1;
}

void convert_opts_dispose(convert_opts *o)
{
	cli_args_dispose(&o->args);
}
