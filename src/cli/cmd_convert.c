/*
 * cmd_convert.c - lob2europass convert: exports in, Europass documents out.
 *
 * Options and the run's policy live here; the parallel pipeline is
 * batch.c, files are written by output.c, reports by report.c.
 */
#include <errno.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "batch.h"
#include "cli.h"
#include "commands.h"
#include "deliver.h"
#include "json_line.h"
#include "keyset.h"
#include "manifest.h"
#include "opts.h"
#include "output.h"
#include "progress.h"
#include "report.h"
#include "state.h"

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

/* Another run holds the output folder (sysexits' EX_TEMPFAIL). */
#define EXIT_LOCKED 75

enum {
	OPT_MAPPING,
	OPT_OUT,
	OPT_TO,
	OPT_JOBS,
	OPT_REPORT,
	OPT_REPORT_CSV,
	OPT_FAIL_FAST,
	OPT_MAX_ERRORS,
	OPT_SKIP_UNCHANGED,
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
	OPT_HELP
};

static const cli_opt options[] = {
	[OPT_MAPPING] = { "mapping", 'm', "FILE",
	                  "mapping file, or the name of an installed one "
	                  "(required)" },
	[OPT_OUT] = { "out", 'o', "DIR|-",
	              "write DIR/<key>.<format extension> per dossier; '-' "
	              "writes one JSON line per document to standard output "
	              "(default: one dossier to standard output)" },
	[OPT_TO] = { "to", 't', "FORMAT[,FORMAT...]",
	             "output formats (default europass-xml); see Formats "
	             "below" },
	[OPT_JOBS] = { "jobs", 'j', "N",
	               "convert on N threads (default: the number of "
	               "processors); the output is the same for any N" },
	[OPT_REPORT] = { "report", 0, "FILE",
	                 "write a JSON report: every dossier's status, files "
	                 "and findings, and totals" },
	[OPT_REPORT_CSV] = { "report-csv", 0, "FILE",
	                     "write the report as CSV, safe to open in a "
	                     "spreadsheet" },
	[OPT_FAIL_FAST] = { "fail-fast", 0, NULL,
	                    "stop at the first dossier that fails" },
	[OPT_MAX_ERRORS] = { "max-errors", 0, "N",
	                     "stop after N failed dossiers" },
	[OPT_SKIP_UNCHANGED] = { "skip-unchanged", 0, NULL,
	                         "with --out DIR: skip dossiers whose input, "
	                         "mapping and tool version did not change "
	                         "since the last run" },
	[OPT_LOG_FORMAT] = { "log-format", 0, "text|json",
	                     "messages on standard error as text (default) or "
	                     "one JSON object per line" },
	[OPT_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                       "look up mapping names here first" },
	[OPT_AUTH_FILE] = { "auth-file", 0, "FILE",
	                    "credentials for https:// inputs: one line "
	                    "\"bearer TOKEN\" or \"basic USER:PASSWORD\" "
	                    "(default: $LOB2EUROPASS_AUTH)" },
	[OPT_ALLOW_HTTP] = { "allow-http", 0, NULL,
	                     "also allow plain http:// (for tests on this "
	                     "machine; never for real data)" },
	[OPT_CACERT] = { "cacert", 0, "FILE",
	                 "also trust this CA certificate (PEM), e.g. a "
	                 "school's own" },
	[OPT_TIMEOUT] = { "timeout", 0, "SECONDS",
	                  "give up a request after this long (default 300)" },
	[OPT_RETRIES] = { "retries", 0, "N",
	                  "retry a failed request N times (default 3; 0: "
	                  "never)" },
	[OPT_DELIVER] = { "deliver", 0, "URL",
	                  "with --out DIR: also send each document to URL; "
	                  "{file} in URL becomes its file name" },
	[OPT_DELIVER_METHOD] = { "deliver-method", 0, "post|put",
	                         "how to send documents (default post)" },
	[OPT_DELIVER_AUTH_FILE] = { "deliver-auth-file", 0, "FILE",
	                            "credentials for --deliver, as for "
	                            "--auth-file (default: "
	                            "$LOB2EUROPASS_DELIVER_AUTH)" },
	[OPT_SIGN_KEY] = { "sign-key", 0, "KEY.pem",
	                   "with --out DIR: sign DIR/SHA256SUMS into "
	                   "DIR/SHA256SUMS.sig (Ed25519 or RSA key)" },
	[OPT_DOCUMENT_DATE] = { "document-date", 0, "DATE",
	                        "document date when the mapping gives none: "
	                        "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, or 'now' "
	                        "(default: $SOURCE_DATE_EPOCH, else "
	                        "1970-01-01T00:00:00Z)" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	                "print errors only: no warnings, progress or summary" },
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
	fputs("Usage: lob2europass convert --mapping FILE [--out DIR|-] "
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
	      "Options:\n",
	      stdout);
	cli_print_options(stdout, options);
	fputs("\nFormats:\n", stdout);
	print_formats(stdout);
	fputs("\n"
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
	      "      https://sis.example.nl/api/students\n",
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

typedef enum out_mode { OUT_ONE, OUT_DIR, OUT_NDJSON } out_mode;

typedef struct run {
	out_mode mode;
	const char *out_dir;
	l2e_format formats[BATCH_MAX_FORMATS];
	size_t n_formats;
	int is_quiet;
	int is_json_log;
	long max_errors; /* 0: no limit */
	batch *batch;
	keyset names;
	report report;
	run_state state;
	int has_state;
	progress progress;
	report_totals t;
	int rc;          /* worst exit code so far */
	l2e_buf pending; /* OUT_ONE: the one document */
	size_t n_pending;
	l2e_ctx *ctx;      /* the main thread's */
	manifest manifest; /* OUT_DIR: SHA256SUMS */
	deliver deliver;   /* --deliver */
	int has_deliver;
	l2e_signer *signer; /* --sign-key */
} run;

/* What went wrong with a converted dossier's documents, for the report. */
typedef struct doc_failures {
	batch_diag diags[BATCH_MAX_FORMATS];
	char messages[BATCH_MAX_FORMATS][768];
	size_t n;
} doc_failures;

static void doc_failed(run *r, doc_failures *f, const batch_result *res,
                       const char *why)
{
	batch_diag *d = &f->diags[f->n];

	snprintf(f->messages[f->n], sizeof(f->messages[0]), "%s", why);
	memset(d, 0, sizeof(*d));
	d->severity = L2E_SEVERITY_ERROR;
	d->message = f->messages[f->n];
	d->file = (char *)res->input;
	f->n++;
	progress_clear(&r->progress);
	fprintf(stderr, "lob2europass: %s\n", why);
}

static void worsen(run *r, int rc)
{
	if (rc > r->rc)
		r->rc = rc;
}

static void log_line(run *r, const char *level, const batch_diag *d,
                     const char *dossier)
{
	json_line l = JSON_LINE_INIT;

	if (!r->is_json_log) {
		cli_print_place(stderr, d->file, d->line, d->column);
		fprintf(stderr, ": %s: %s", level, d->message);
		if (dossier)
			fprintf(stderr, " (dossier %s)", dossier);
		fputc('\n', stderr);
		return;
	}
	json_line_raw(&l, "{\"level\":");
	json_line_str(&l, level);
	json_line_opt_str(&l, "message", d->message);
	json_line_opt_str(&l, "file", d->file);
	json_line_opt_uint(&l, "line", d->line);
	json_line_opt_uint(&l, "column", d->column);
	json_line_opt_str(&l, "field", d->field);
	json_line_opt_str(&l, "dossier", dossier);
	json_line_raw(&l, "}");
	if (!l.is_failed)
		fprintf(stderr, "%s\n", l.ptr);
	json_line_dispose(&l);
}

static void print_findings(run *r, const batch_result *res)
{
	size_t i;

	for (i = 0; i < res->n_diags; i++) {
		const batch_diag *d = &res->diags[i];
		int is_error = d->severity == L2E_SEVERITY_ERROR;

		if (r->is_quiet && !is_error)
			continue;
		log_line(r, is_error ? "error" : "warning", d, res->stem);
	}
}

/*
 * A dossier that gave no document, as a JSON line on standard output
 * (--out -); the documents themselves are made into lines by batch.c.
 */
static void ndjson_line(const batch_result *res)
{
	json_line l = JSON_LINE_INIT;
	size_t i;

	json_line_raw(&l, "{\"key\":");
	json_line_str(&l, res->key);
	json_line_opt_str(&l, "status",
	                  res->status == BATCH_SKIPPED     ? "skipped"
	                  : res->status == BATCH_UNCHANGED ? "unchanged"
	                  : res->status == BATCH_REJECTED  ? "rejected"
	                                                   : "error");
	json_line_raw(&l, ",\"findings\":[");
	for (i = 0; i < res->n_diags; i++) {
		const batch_diag *d = &res->diags[i];

		json_line_raw(&l, i ? ",{\"severity\":" : "{\"severity\":");
		json_line_str(&l, d->severity == L2E_SEVERITY_ERROR
		                      ? "error"
		                      : "warning");
		json_line_opt_str(&l, "message", d->message);
		json_line_opt_str(&l, "file", d->file);
		json_line_opt_uint(&l, "line", d->line);
		json_line_raw(&l, "}");
	}
	json_line_raw(&l, "]}");
	if (!l.is_failed)
		printf("%s\n", l.ptr);
	json_line_dispose(&l);
}

static void buf_copy(l2e_buf *dst, const l2e_buf *src)
{
	dst->ptr = malloc(src->len + 1);
	if (!dst->ptr)
		return;
	memcpy(dst->ptr, src->ptr ? src->ptr : "", src->len);
	dst->ptr[src->len] = '\0';
	dst->len = src->len;
	dst->cap = src->len + 1;
}

/* A document on disk: into SHA256SUMS, and sent on with --deliver. */
static void seal_document(run *r, const batch_result *res, l2e_format fmt,
                          const char *name, const l2e_buf *doc,
                          doc_failures *fails)
{
	char sha[L2E_SHA256_HEX_SIZE], why[768];

	if (l2e_sha256_hex(sha, r->ctx, doc->ptr, doc->len) < 0 ||
	    manifest_add(&r->manifest, name, sha) < 0) {
		snprintf(why, sizeof(why), "%s: cannot note it in %s", name,
		         MANIFEST_NAME);
		doc_failed(r, fails, res, why);
		worsen(r, EXIT_INTERNAL);
		return;
	}
	if (r->has_deliver &&
	    deliver_document(&r->deliver, name, fmt, doc->ptr, doc->len, sha,
	                     why, sizeof(why)) < 0) {
		doc_failed(r, fails, res, why);
		worsen(r, EXIT_REJECTED);
	}
}

/* Write a converted dossier's documents; fill the names written. */
static int write_documents(run *r, const batch_result *res, char **written,
                           size_t *n_written, doc_failures *fails)
{
	char name[256], why[256];
	size_t i;

	for (i = 0; i < r->n_formats; i++) {
		const l2e_buf *doc = &res->docs[i];

		if (r->mode == OUT_NDJSON) { /* already a JSON line */
			fwrite(doc->ptr, 1, doc->len, stdout);
			continue;
		}
		if (r->mode == OUT_ONE) {
			if (r->n_pending++ == 0)
				buf_copy(&r->pending, doc);
			continue;
		}
		snprintf(name, sizeof(name), "%s%s", res->stem,
		         l2e_format_extension(r->formats[i]));
		if (output_write_atomic(r->out_dir, name, doc->ptr, doc->len,
		                        why) < 0) {
			doc_failed(r, fails, res, why);
			worsen(r, EXIT_IO);
			continue;
		}
		written[(*n_written)++] = strdup(name);
		seal_document(r, res, r->formats[i], name, doc, fails);
	}
	return fails->n == 0;
}

/* Documents kept from the last run (--skip-unchanged) stay listed. */
static void note_unchanged(run *r, const batch_result *res)
{
	char name[256], path[4096], sha[L2E_SHA256_HEX_SIZE];
	size_t i;

	for (i = 0; r->mode == OUT_DIR && i < r->n_formats; i++) {
		snprintf(name, sizeof(name), "%s%s", res->stem,
		         l2e_format_extension(r->formats[i]));
		snprintf(path, sizeof(path), "%s/%s", r->out_dir, name);
		if (l2e_sha256_file_hex(sha, r->ctx, path) < 0 ||
		    manifest_add(&r->manifest, name, sha) < 0) {
			progress_clear(&r->progress);
			fprintf(stderr,
			        "lob2europass: %s: cannot note it in %s\n",
			        path, MANIFEST_NAME);
			worsen(r, EXIT_IO);
		}
	}
}

/* The report entry of a dossier whose documents failed on the way. */
static void report_failed(run *r, const batch_result *res,
                          const doc_failures *fails, char **written,
                          size_t n_written)
{
	batch_result copy = *res;
	batch_diag *all = malloc((res->n_diags + fails->n) * sizeof(*all));

	if (!all) {
		report_add(&r->report, res, (const char *const *)written,
		           n_written);
		return;
	}
	if (res->n_diags)
		memcpy(all, res->diags, res->n_diags * sizeof(*all));
	memcpy(all + res->n_diags, fails->diags, fails->n * sizeof(*all));
	copy.diags = all;
	copy.n_diags = res->n_diags + fails->n;
	copy.status = BATCH_ERROR;
	report_add(&r->report, &copy, (const char *const *)written, n_written);
	free(all);
}

static void count_failure(run *r)
{
	size_t failed = r->t.rejected + r->t.errors;

	if (r->max_errors > 0 && failed >= (size_t)r->max_errors) {
		if (!r->is_quiet)
			fprintf(stderr,
			        "lob2europass: stopping after %zu failed "
			        "dossier%s\n",
			        failed, failed == 1 ? "" : "s");
		batch_stop(r->batch);
	}
}

/* Called in input order for every dossier and input error. */
static void emit(const batch_result *res, void *payload)
{
	run *r = payload;
	char *written[BATCH_MAX_FORMATS];
	size_t n_written = 0, i;
	doc_failures fails;
	batch_result dup;
	batch_diag d;
	int added;

	progress_clear(&r->progress);
	print_findings(r, res);
	switch (res->status) {
	case BATCH_OK:
	case BATCH_UNCHANGED:
		added = keyset_add(&r->names, res->stem);
		if (added == 0) {
			/* the same file name twice: the first one stands */
			dup = *res;
			memset(&d, 0, sizeof(d));
			d.severity = L2E_SEVERITY_ERROR;
			d.message =
			    (char *)"a dossier with this key was converted "
			            "before in this run; this one is not "
			            "written";
			d.file = (char *)res->input;
			dup.diags = &d;
			dup.n_diags = 1;
			dup.status = BATCH_REJECTED;
			log_line(r, "error", &d, res->stem);
			r->t.rejected++;
			worsen(r, EXIT_REJECTED);
			report_add(&r->report, &dup, NULL, 0);
			count_failure(r);
			break;
		}
		if (added < 0)
			worsen(r, EXIT_INTERNAL);
		memset(&fails, 0, sizeof(fails));
		if (res->status == BATCH_UNCHANGED) {
			r->t.unchanged++;
			note_unchanged(r, res);
		} else if (write_documents(r, res, written, &n_written,
		                           &fails)) {
			r->t.converted++;
		} else {
			r->t.errors++;
			count_failure(r);
		}
		/* a dossier not fully written or delivered is done again */
		if (r->has_state && res->fingerprint &&
		    (res->status == BATCH_UNCHANGED ||
		     (n_written == r->n_formats && !fails.n)))
			state_note(&r->state, res->stem, res->fingerprint);
		if (fails.n)
			report_failed(r, res, &fails, written, n_written);
		else
			report_add(&r->report, res,
			           (const char *const *)written, n_written);
		for (i = 0; i < n_written; i++)
			free(written[i]);
		break;
	case BATCH_NOTE: break; /* its findings are printed above */
	case BATCH_SKIPPED:
		r->t.skipped++;
		if (r->mode == OUT_NDJSON)
			ndjson_line(res);
		report_add(&r->report, res, NULL, 0);
		break;
	case BATCH_REJECTED:
		r->t.rejected++;
		worsen(r, EXIT_REJECTED);
		if (r->mode == OUT_NDJSON)
			ndjson_line(res);
		report_add(&r->report, res, NULL, 0);
		count_failure(r);
		break;
	case BATCH_ERROR:
		r->t.errors++;
		worsen(r, res->exit_code ? res->exit_code : EXIT_INPUT);
		if (r->mode == OUT_NDJSON)
			ndjson_line(res);
		report_add(&r->report, res, NULL, 0);
		count_failure(r);
		break;
	}
	progress_update(&r->progress,
	                r->t.converted + r->t.unchanged + r->t.skipped +
	                    r->t.rejected + r->t.errors,
	                r->t.rejected + r->t.errors);
}

static int is_dir(const char *path)
{
	struct stat st;

	return strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder of export files: each (regular, not hidden) file, sorted. */
static void add_folder(run *r, l2e_ctx *ctx, const char *dir)
{
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "lob2europass: %s: %s\n", dir, strerror(errno));
		worsen(r, EXIT_INPUT);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char **grown;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!file_exists(path))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof(*grown));
			if (!grown)
				break;
			names = grown;
		}
		if ((names[n] = strdup(path)))
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		batch_add_input(r->batch, ctx, names[i]);
		free(names[i]);
	}
	free(names);
}

static int state_unchanged(const char *stem, const char *fingerprint,
                           void *payload)
{
	return state_is_unchanged(payload, stem, fingerprint);
}

static long number_arg(const char *s, const char *what, long max)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || !*s || *end || v < 1 || v > max) {
		fprintf(stderr,
		        "lob2europass convert: %s takes a whole number from 1 "
		        "to %ld\n",
		        what, max);
		return -1;
	}
	return v;
}

static int prepare_out_dir(run *r, int *lock_fd)
{
	static const char *exts[BATCH_MAX_FORMATS];
	char formats[256] = "";
	size_t i, len = 0;

	if (output_prepare_dir(r->out_dir) < 0) {
		fprintf(stderr, "lob2europass: %s: %s\n", r->out_dir,
		        strerror(errno));
		return EXIT_IO;
	}
	*lock_fd = output_lock(r->out_dir);
	if (*lock_fd == -2) {
		fprintf(stderr,
		        "lob2europass: %s is in use by another lob2europass "
		        "run (its lock file is %s/.lob2europass.lock); try "
		        "again when it has finished\n",
		        r->out_dir, r->out_dir);
		return EXIT_LOCKED;
	}
	if (*lock_fd < 0) {
		fprintf(stderr, "lob2europass: %s: cannot lock: %s\n",
		        r->out_dir, strerror(errno));
		return EXIT_IO;
	}
	output_clean_stale(r->out_dir);
	for (i = 0; i < r->n_formats; i++) {
		exts[i] = l2e_format_extension(r->formats[i]);
		len += (size_t)snprintf(formats + len, sizeof(formats) - len,
		                        "%s%s", i ? "," : "",
		                        l2e_format_name(r->formats[i]));
	}
	if (state_load(&r->state, r->out_dir, formats, exts, r->n_formats) < 0)
		return EXIT_INTERNAL;
	r->has_state = 1;
	return 0;
}

static void summary(run *r)
{
	if (r->is_quiet)
		return;
	if (r->is_json_log) {
		fprintf(stderr,
		        "{\"level\":\"info\",\"message\":\"done\","
		        "\"converted\":%zu,\"unchanged\":%zu,\"skipped\":%zu,"
		        "\"rejected\":%zu,\"errors\":%zu}\n",
		        r->t.converted, r->t.unchanged, r->t.skipped,
		        r->t.rejected, r->t.errors);
		return;
	}
	fprintf(stderr, "lob2europass: %zu converted, ", r->t.converted);
	if (r->t.unchanged)
		fprintf(stderr, "%zu unchanged, ", r->t.unchanged);
	fprintf(stderr, "%zu skipped, %zu rejected", r->t.skipped,
	        r->t.rejected);
	if (r->t.errors)
		fprintf(stderr, ", %zu failed (errors above)", r->t.errors);
	fputc('\n', stderr);
}

/* --retries: 0 to 10. */
static int retries_arg(const char *s, unsigned *out)
{
	if (!strcmp(s, "10") || (s[0] >= '0' && s[0] <= '9' && !s[1])) {
		*out = (unsigned)strtoul(s, NULL, 10);
		return 0;
	}
	fputs("lob2europass convert: --retries takes a whole number from 0 "
	      "to 10\n",
	      stderr);
	return -1;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
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
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
		                     31, 31, 30, 31, 30, 31 };
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
	char *end = NULL;

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
		    y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 &&
		    d <= mdays[mo - 1] &&
		    (mo != 2 || d < 29 ||
		     (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) &&
		    h < 24 && mi < 60 && sec < 60) {
			*out = days_from_civil(y, mo, d) * 86400 + h * 3600 +
			       mi * 60 + sec;
			return 0;
		}
		fprintf(stderr,
		        "lob2europass convert: --document-date must be "
		        "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ (UTC, from 1970) or "
		        "'now', not '%s'\n",
		        arg);
		return -1;
	}
	if (sde && *sde) {
		errno = 0;
		*out = strtoll(sde, &end, 10);
		if (errno || *end || *out < 0) {
			fputs("lob2europass convert: SOURCE_DATE_EPOCH must be "
			      "a number of seconds since 1970\n",
			      stderr);
			return -1;
		}
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

/* A client with the credentials in `file` or `env_name`, or NULL. */
static l2e_net *new_net(l2e_ctx *ctx, const l2e_net_options *base,
                        const char *file, const char *env_name)
{
	l2e_net_options o = *base;
	l2e_net *net = NULL;
	char why[512];
	auth a;

	if (auth_load(&a, file, env_name, why, sizeof(why)) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		return NULL;
	}
	o.bearer_token = a.bearer_token;
	o.user = a.user;
	o.password = a.password;
	if (l2e_net_new(&net, ctx, &o) < 0)
		cli_print_error(ctx);
	auth_dispose(&a); /* the client keeps its own copy */
	return net;
}

/* The deliver and sign options, checked before anything is converted. */
static int prepare_sealing(run *r, l2e_ctx *ctx, const cli_args *args,
                           const l2e_net_options *net_opts)
{
	const char *method = args->values[OPT_DELIVER_METHOD];
	l2e_net_options o = *net_opts;
	char why[512];
	auth a;
	int rc;

	if ((args->values[OPT_DELIVER] || args->values[OPT_SIGN_KEY]) &&
	    r->mode != OUT_DIR) {
		fprintf(stderr,
		        "lob2europass convert: --%s needs --out DIR (the "
		        "documents stay on disk)\n",
		        args->values[OPT_DELIVER] ? "deliver" : "sign-key");
		return EXIT_USAGE;
	}
	if ((method || args->values[OPT_DELIVER_AUTH_FILE]) &&
	    !args->values[OPT_DELIVER]) {
		fputs("lob2europass convert: --deliver-method and "
		      "--deliver-auth-file go with --deliver URL\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (args->values[OPT_SIGN_KEY] &&
	    (rc = l2e_signer_load(&r->signer, ctx,
	                          args->values[OPT_SIGN_KEY])) < 0) {
		cli_print_error(ctx);
		return EXIT_USAGE;
	}
	if (!args->values[OPT_DELIVER])
		return 0;
	if (auth_load(&a, args->values[OPT_DELIVER_AUTH_FILE],
	              "LOB2EUROPASS_DELIVER_AUTH", why, sizeof(why)) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		return EXIT_USAGE;
	}
	o.bearer_token = a.bearer_token;
	o.user = a.user;
	o.password = a.password;
	rc = deliver_open(&r->deliver, args->values[OPT_DELIVER],
	                  method ? method : "post", &o, why, sizeof(why));
	auth_dispose(&a);
	if (rc < 0) {
		fprintf(stderr, "lob2europass convert: %s\n", why);
		return EXIT_USAGE;
	}
	r->has_deliver = 1;
	return 0;
}

int cmd_convert(int argc, char **argv)
{
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT;
	l2e_net_options net_opts = L2E_NET_OPTIONS_INIT;
	l2e_mapping *map = NULL;
	l2e_net *net = NULL;
	l2e_ctx *ctx = NULL;
	char **positional = NULL, path_buf[4096], why[256];
	const char *mapping_path, *v;
	batch_config cfg;
	cli_args args;
	run r;
	long jobs;
	int i, lock_fd = -1, rc;

	memset(&r, 0, sizeof(r));
	positional = calloc((size_t)argc + 1, sizeof(*positional));
	if (!positional)
		return EXIT_INTERNAL;
	if (cli_parse(&args, argc, argv, options, "convert", positional) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (args.values[OPT_HELP]) {
		print_help();
		rc = EXIT_OK;
		goto out;
	}
	rc = EXIT_USAGE;
	if (!args.values[OPT_MAPPING] || args.n_positional == 0) {
		fputs(!args.values[OPT_MAPPING]
		          ? "lob2europass convert: --mapping FILE is required\n"
		          : "lob2europass convert: no INPUT given\n",
		      stderr);
		fputs("Try 'lob2europass convert --help'.\n", stderr);
		goto out;
	}
	r.formats[0] = L2E_FORMAT_EUROPASS_XML;
	r.n_formats = 1;
	if (args.values[OPT_TO] &&
	    parse_formats(r.formats, &r.n_formats, args.values[OPT_TO]) < 0)
		goto out;
	r.out_dir = args.values[OPT_OUT];
	r.mode = !r.out_dir                ? OUT_ONE
	         : !strcmp(r.out_dir, "-") ? OUT_NDJSON
	                                   : OUT_DIR;
	if (r.mode == OUT_ONE && r.n_formats > 1) {
		fputs("lob2europass convert: several formats need --out DIR "
		      "or --out -\n",
		      stderr);
		goto out;
	}
	r.is_quiet = args.values[OPT_QUIET] != NULL;
	v = args.values[OPT_LOG_FORMAT];
	if (v && strcmp(v, "text") && strcmp(v, "json")) {
		fputs("lob2europass convert: --log-format is text or json\n",
		      stderr);
		goto out;
	}
	r.is_json_log = v && !strcmp(v, "json");
	jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1)
		jobs = 1;
	if (args.values[OPT_JOBS] &&
	    (jobs = number_arg(args.values[OPT_JOBS], "--jobs", 256)) < 0)
		goto out;
	if (args.values[OPT_MAX_ERRORS] &&
	    (r.max_errors = number_arg(args.values[OPT_MAX_ERRORS],
	                               "--max-errors", 1000000000L)) < 0)
		goto out;
	if (args.values[OPT_FAIL_FAST])
		r.max_errors = 1;
	if (args.values[OPT_SKIP_UNCHANGED] && r.mode != OUT_DIR) {
		fputs(
		    "lob2europass convert: --skip-unchanged needs --out DIR\n",
		    stderr);
		goto out;
	}
	if (net_options(&net_opts, &args) < 0)
		goto out;
	if (document_date(&opts.document_time, args.values[OPT_DOCUMENT_DATE]) <
	    0)
		goto out;
	rc = EXIT_OK;
	if (l2e_ctx_new(&ctx, &opts) < 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	mapping_path = find_mapping(args.values[OPT_MAPPING],
	                            args.values[OPT_MAPPINGS_DIR], path_buf,
	                            sizeof(path_buf));
	if (l2e_mapping_load(&map, ctx, mapping_path) < 0) {
		cli_print_error(ctx);
		rc = EXIT_MAPPING;
		goto out;
	}
	r.ctx = ctx;
	if ((rc = prepare_sealing(&r, ctx, &args, &net_opts)) != 0)
		goto out;
	for (i = 0; i < args.n_positional && !net; i++)
		if (l2e_is_url(args.positional[i]) &&
		    !(net = new_net(ctx, &net_opts, args.values[OPT_AUTH_FILE],
		                    "LOB2EUROPASS_AUTH"))) {
			rc = EXIT_USAGE;
			goto out;
		}
	if (r.mode == OUT_DIR && (rc = prepare_out_dir(&r, &lock_fd)) != 0)
		goto out;
	if (report_open(&r.report, args.values[OPT_REPORT],
	                args.values[OPT_REPORT_CSV], why, sizeof(why)) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		rc = EXIT_IO;
		goto out;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.map = map;
	cfg.opts = l2e_ctx_options_get(ctx);
	cfg.formats = r.formats;
	cfg.n_formats = r.n_formats;
	cfg.jobs = (int)jobs;
	cfg.net = net;
	cfg.as_json_lines = r.mode == OUT_NDJSON;
	cfg.emit = emit;
	cfg.payload = &r;
	if (args.values[OPT_SKIP_UNCHANGED]) {
		cfg.unchanged = state_unchanged;
		cfg.unchanged_payload = &r.state;
	}
	if (batch_start(&r.batch, &cfg) < 0) {
		fputs("lob2europass: cannot start worker threads\n", stderr);
		rc = EXIT_INTERNAL;
		goto out;
	}
	progress_start(&r.progress, !r.is_quiet);
	for (i = 0; i < args.n_positional; i++) {
		const char *in = args.positional[i];

		if (is_dir(in) && !l2e_mapping_reads_folders(map))
			add_folder(&r, ctx, in);
		else
			batch_add_input(r.batch, ctx, in);
	}
	batch_finish(r.batch);
	r.batch = NULL;
	progress_clear(&r.progress);

	if (r.mode == OUT_ONE && r.n_pending > 1) {
		fprintf(stderr,
		        "lob2europass: %zu dossiers converted; standard "
		        "output takes one: use --out DIR or --out -\n",
		        r.n_pending);
		worsen(&r, EXIT_USAGE);
	} else if (r.mode == OUT_ONE && r.n_pending == 1) {
		fwrite(r.pending.ptr, 1, r.pending.len, stdout);
	}
	if (r.mode == OUT_DIR &&
	    manifest_write(&r.manifest, r.out_dir, r.signer, ctx, why) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		worsen(&r, EXIT_IO);
	}
	if (r.has_state && state_save(&r.state) < 0) {
		fprintf(stderr,
		        "lob2europass: %s: cannot save the run state: "
		        "%s\n",
		        r.out_dir, strerror(errno));
		worsen(&r, EXIT_IO);
	}
	r.t.exit_code = r.rc;
	if (report_close(&r.report, &r.t, why, sizeof(why)) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		worsen(&r, EXIT_IO);
	}
	summary(&r);
	rc = r.rc;
out:
	if (r.batch)
		batch_finish(r.batch);
	if (r.report.json || r.report.csv)
		report_close(&r.report, &r.t, why, sizeof(why));
	if (lock_fd >= 0)
		close(lock_fd);
	if (r.has_state)
		state_dispose(&r.state);
	l2e_buf_dispose(&r.pending);
	keyset_dispose(&r.names);
	manifest_dispose(&r.manifest);
	if (r.has_deliver)
		deliver_close(&r.deliver);
	l2e_signer_free(r.signer);
	l2e_net_free(net);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	free(positional);
	return rc;
}
