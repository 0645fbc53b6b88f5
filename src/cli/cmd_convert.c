/*
 * cmd_convert.c - lob2europass convert: exports in, Europass documents out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "keyset.h"
#include "opts.h"
#include "output.h"

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

enum { OPT_MAPPING, OPT_OUT, OPT_TO, OPT_MAPPINGS_DIR, OPT_QUIET, OPT_HELP };

static const cli_opt options[] = {
	[OPT_MAPPING] = { "mapping", 'm', "FILE",
	                  "mapping file, or the name of an installed one "
	                  "(required)" },
	[OPT_OUT] = { "out", 'o', "DIR",
	              "write DIR/<key>.<format extension> per dossier "
	              "(default: one dossier to standard output)" },
	[OPT_TO] = { "to", 't', "FORMAT[,FORMAT...]",
	             "output formats (default europass-xml); "
	             "'lob2europass convert --help' lists them" },
	[OPT_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                       "look up mapping names here first" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	                "print errors only, no warnings or summary" },
	[OPT_HELP] = { "help", 'h', NULL, "show this help and exit" },
	{ NULL, 0, NULL, NULL }
};

static void print_formats(FILE *f)
{
	l2e_format fmt;

	for (fmt = (l2e_format)1; l2e_format_name(fmt);
	     fmt = (l2e_format)(fmt + 1))
		fprintf(f, "  %-16s -> <key>%s\n", l2e_format_name(fmt),
		        l2e_format_extension(fmt));
}

#define MAX_FORMATS 8

/* "europass-xml,europass-json" into formats; -1 after a message. */
static int parse_formats(l2e_format formats[MAX_FORMATS], size_t *n,
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
		if (len == 0 || len >= sizeof(name) || *n == MAX_FORMATS) {
			fprintf(stderr, "lob2europass convert: bad --to '%s'\n",
			        list);
			return -1;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (l2e_format_from_name(&fmt, name) < 0) {
			fprintf(stderr,
			        "lob2europass convert: unknown format "
			        "'%s'; the formats are:\n",
			        name);
			print_formats(stderr);
			return -1;
		}
		for (i = 0; i < *n && formats[i] != fmt; i++)
			;
		if (i == *n)
			formats[(*n)++] = fmt;
		p += len + (comma ? 1 : 0);
	}
	if (!*n) {
		fprintf(stderr, "lob2europass convert: --to names no format\n");
		return -1;
	}
	return 0;
}

static void print_help(void)
{
	fputs(
	    "Usage: lob2europass convert --mapping FILE [--out DIR] "
	    "INPUT...\n"
	    "\n"
	    "Read school exports (INPUT, or - for standard input), map every\n"
	    "student dossier through the mapping file and write Europass\n"
	    "documents. Students without consent are skipped; a dossier that\n"
	    "cannot be converted is reported and the others are still "
	    "written.\n"
	    "National identifiers (BSN, onderwijsnummer, ECK iD) are never\n"
	    "written, whatever the mapping says.\n"
	    "\n"
	    "Options:\n",
	    stdout);
	cli_print_options(stdout, options);
	fputs("\nFormats:\n", stdout);
	print_formats(stdout);
	fputs("\n"
	      "Messages go to standard error as FILE:LINE:COL: severity: "
	      "text.\n"
	      "Set SOURCE_DATE_EPOCH for a fixed document date when the "
	      "mapping\n"
	      "gives none, so that reruns give identical files.\n"
	      "Exit status: 0 ok, 1 some dossier rejected, 2 usage, 3 "
	      "unreadable\n"
	      "input, 4 bad mapping, 5 I/O error, 6 internal error.\n"
	      "\n"
	      "Example:\n"
	      "  lob2europass convert -m mappings/our-school.json -o out "
	      "export.json\n",
	      stdout);
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * A mapping given by name (no '/', no ".json") is looked up in
 * --mappings-dir, then each folder of L2E_MAPPINGS_PATH, then the
 * installed data folder.
 */
static const char *find_mapping(const char *arg, const char *dir, char *buf,
                                size_t size)
{
	const char *path_env = getenv("L2E_MAPPINGS_PATH");
	char list[4096];
	char *save = NULL, *part;

	if (strchr(arg, '/') || file_exists(arg))
		return arg;
	if (dir) {
		snprintf(buf, size, "%s/%s.json", dir, arg);
		if (file_exists(buf))
			return buf;
	}
	if (path_env && strlen(path_env) < sizeof(list)) {
		strcpy(list, path_env);
		for (part = strtok_r(list, ":", &save); part;
		     part = strtok_r(NULL, ":", &save)) {
			snprintf(buf, size, "%s/%s.json", part, arg);
			if (file_exists(buf))
				return buf;
		}
	}
	snprintf(buf, size, "%s/mappings/%s.json", L2E_DATADIR, arg);
	return file_exists(buf) ? buf : arg;
}

typedef struct run {
	l2e_ctx *ctx;
	const l2e_mapping *map;
	l2e_format formats[MAX_FORMATS];
	size_t n_formats;
	const char *out_dir;
	int is_quiet;
	keyset names;
	size_t n_ok, n_skipped, n_rejected;
	int rc;          /* worst exit code so far */
	l2e_buf pending; /* stdout mode: the one document */
	size_t n_pending;
} run;

static void worsen(run *r, int rc)
{
	/* higher codes are worse, except that usage errors stand alone */
	if (rc > r->rc)
		r->rc = rc;
}

static void print_diag(const run *r, const l2e_dossier *d, const l2e_diag *g)
{
	const char *key = l2e_dossier_key(d);

	if (r->is_quiet && g->severity != L2E_SEVERITY_ERROR)
		return;
	cli_print_place(stderr, g->file, g->line, g->column);
	fprintf(stderr, ": %s: %s",
	        g->severity == L2E_SEVERITY_ERROR ? "error" : "warning",
	        g->message);
	if (key)
		fprintf(stderr, " (dossier %s)", l2e_dossier_file_stem(d));
	fputc('\n', stderr);
}

static void emit_format(run *r, const l2e_dossier *d, l2e_format fmt)
{
	l2e_buf doc = L2E_BUF_INIT;
	char name[256], why[256];

	if (l2e_dossier_write(&doc, r->ctx, d, fmt) < 0) {
		cli_print_error(r->ctx);
		worsen(r, EXIT_INTERNAL);
		goto done;
	}
	if (!r->out_dir) {
		if (r->n_pending++ == 0) {
			r->pending = doc;
			doc.ptr = NULL;
		}
		goto done;
	}
	snprintf(name, sizeof(name), "%s%s", l2e_dossier_file_stem(d),
	         l2e_format_extension(fmt));
	if (output_write_atomic(r->out_dir, name, doc.ptr, doc.len, why) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		worsen(r, EXIT_IO);
	}
done:
	l2e_buf_dispose(&doc);
}

static void emit(run *r, l2e_dossier *d, const char *path)
{
	const char *stem = l2e_dossier_file_stem(d);
	size_t i;
	int added;

	added = keyset_add(&r->names, stem);
	if (added < 0) {
		fputs("lob2europass: out of memory\n", stderr);
		worsen(r, EXIT_INTERNAL);
		return;
	}
	if (added == 0) {
		fprintf(stderr,
		        "%s: error: a dossier with key %s was "
		        "converted before in this run; this one is not "
		        "written\n",
		        path, stem);
		r->n_rejected++;
		worsen(r, EXIT_REJECTED);
		return;
	}
	r->n_ok++;
	for (i = 0; i < r->n_formats; i++)
		emit_format(r, d, r->formats[i]);
}

static void convert_input(run *r, const char *path)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	size_t i;
	int error;

	if ((error = l2e_input_open(&in, r->ctx, r->map, path)) < 0) {
		cli_print_error(r->ctx);
		worsen(r, cli_exit_for(error));
		return;
	}
	for (;;) {
		if ((error = l2e_input_next(&d, in)) < 0) {
			cli_print_error(r->ctx);
			worsen(r, cli_exit_for(error));
			break;
		}
		if (!d)
			break;
		for (i = 0; i < l2e_dossier_diag_count(d); i++)
			print_diag(r, d, l2e_dossier_diag(d, i));
		switch (l2e_dossier_status_get(d)) {
		case L2E_DOSSIER_OK:
			emit(r, d, strcmp(path, "-") ? path : "<stdin>");
			break;
		case L2E_DOSSIER_SKIPPED: r->n_skipped++; break;
		case L2E_DOSSIER_REJECTED:
			r->n_rejected++;
			worsen(r, EXIT_REJECTED);
			break;
		}
		l2e_dossier_free(d);
	}
	l2e_input_free(in);
}

int cmd_convert(int argc, char **argv)
{
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT;
	l2e_mapping *map = NULL;
	char **positional = NULL;
	char path_buf[4096];
	const char *mapping_path, *sde;
	cli_args args;
	run r;
	int i;

	memset(&r, 0, sizeof(r));
	positional = calloc((size_t)argc + 1, sizeof(*positional));
	if (!positional)
		return EXIT_INTERNAL;
	if (cli_parse(&args, argc, argv, options, "convert", positional) < 0) {
		free(positional);
		return EXIT_USAGE;
	}
	if (args.values[OPT_HELP]) {
		print_help();
		free(positional);
		return EXIT_OK;
	}
	r.rc = EXIT_OK;
	r.formats[0] = L2E_FORMAT_EUROPASS_XML;
	r.n_formats = 1;
	r.out_dir = args.values[OPT_OUT];
	r.is_quiet = args.values[OPT_QUIET] != NULL;
	if (!args.values[OPT_MAPPING] || args.n_positional == 0) {
		fputs(!args.values[OPT_MAPPING]
		          ? "lob2europass convert: --mapping FILE is required\n"
		          : "lob2europass convert: no INPUT given\n",
		      stderr);
		fputs("Try 'lob2europass convert --help'.\n", stderr);
		free(positional);
		return EXIT_USAGE;
	}
	if (args.values[OPT_TO] &&
	    parse_formats(r.formats, &r.n_formats, args.values[OPT_TO]) < 0) {
		free(positional);
		return EXIT_USAGE;
	}
	if (!args.values[OPT_OUT] && r.n_formats > 1) {
		fputs("lob2europass convert: several formats need --out DIR\n",
		      stderr);
		free(positional);
		return EXIT_USAGE;
	}
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end = NULL;

		errno = 0;
		opts.document_time = strtoll(sde, &end, 10);
		if (errno || *end || opts.document_time <= 0) {
			fputs(
			    "lob2europass convert: SOURCE_DATE_EPOCH must be a "
			    "positive number of seconds\n",
			    stderr);
			free(positional);
			return EXIT_USAGE;
		}
	}
	if (l2e_ctx_new(&r.ctx, &opts) < 0) {
		free(positional);
		return EXIT_INTERNAL;
	}
	r.out_dir = args.values[OPT_OUT];
	if (r.out_dir && output_prepare_dir(r.out_dir) < 0) {
		fprintf(stderr, "lob2europass: %s: %s\n", r.out_dir,
		        strerror(errno));
		r.rc = EXIT_IO;
		goto done;
	}
	mapping_path = find_mapping(args.values[OPT_MAPPING],
	                            args.values[OPT_MAPPINGS_DIR], path_buf,
	                            sizeof(path_buf));
	if (l2e_mapping_load(&map, r.ctx, mapping_path) < 0) {
		cli_print_error(r.ctx);
		r.rc = EXIT_MAPPING;
		goto done;
	}
	r.map = map;
	for (i = 0; i < args.n_positional; i++)
		convert_input(&r, args.positional[i]);

	if (!r.out_dir && r.n_pending > 1) {
		fprintf(stderr,
		        "lob2europass: %zu dossiers converted; standard "
		        "output takes one: use --out DIR\n",
		        r.n_pending);
		r.rc = EXIT_USAGE;
	} else if (!r.out_dir && r.n_pending == 1) {
		fwrite(r.pending.ptr, 1, r.pending.len, stdout);
	}
	if (!r.is_quiet)
		fprintf(stderr,
		        "lob2europass: %zu converted, %zu skipped, "
		        "%zu rejected\n",
		        r.n_ok, r.n_skipped, r.n_rejected);
done:
	l2e_buf_dispose(&r.pending);
	keyset_dispose(&r.names);
	l2e_mapping_free(map);
	l2e_ctx_free(r.ctx);
	free(positional);
	return r.rc;
}
