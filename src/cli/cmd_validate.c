/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_validate.c - lob2europass validate: is each file a valid Europass
 * document, and if not, where and why.
 *
 * With --jobs N, N threads take files in turn; each has its own context
 * and validator (so its own compiled schemas: validate.h). Every file's
 * output is kept in a buffer and printed in the order the files were
 * given, as soon as it and all before it are done, so the output does
 * not depend on N.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "json_line.h"
#include "i18n.h"
#include "opts.h"
#include "schema_dirs.h"

#define MAX_JOBS 256

enum {
	OPT_SCHEMA_DIR,
	OPT_REQUIRE_SCHEMA,
	OPT_FORMAT,
	OPT_JOBS,
	OPT_NO_UPGRADE,
	OPT_HELP
};

static const cli_opt options[] = {
	[OPT_SCHEMA_DIR] = { "schema-dir", 0, "DIR",
	                     N_("the official Europass schemas "
	                        "(DIR/v3.4.1/xsd/, "
	                        "DIR/v3.4.1/jsonschema/); default: "
	                        "$L2E_SCHEMA_DIR, then the installed ones "
	                        "(lob2europass schemas status)") },
	[OPT_REQUIRE_SCHEMA] = { "require-schema", 0, NULL,
	                         N_("a document the official schema did not "
	                            "check (schemas not installed) fails "
	                            "(exit 1)") },
	[OPT_FORMAT] = { "format", 'f', "text|json",
	                 N_("findings as text lines (default) or one JSON "
	                    "report on standard output") },
	[OPT_JOBS] = { "jobs", 'j', "N",
	               N_("validate on N threads (default 1); the output is "
	                  "the "
	                  "same for any N") },
	/* not yet in po/nl.po: shown in English under LANG=nl */
	[OPT_NO_UPGRADE] = { "no-upgrade", 0, NULL,
	                     "report an older Europass version (v1.0 to "
	                     "v3.3) as such only, instead of also checking "
	                     "it as 'upgrade' would make it" },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command validate_command = {
	.name = "validate",
	.options = options,
	.intro =
	    N_("Usage: lob2europass validate [--schema-dir DIR] "
	       "[--format text|json]\n"
	       "                             [--jobs N] FILE...\n"
	       "\n"
	       "Tell for each FILE (or - for standard input) whether it is a "
	       "valid\n"
	       "Europass document: Europass v3.4 XML or JSON, or the Europass "
	       "CV XML\n"
	       "(Candidate). Older Europass versions are recognised and "
	       "reported.\n"
	       "v3.4 documents are validated against the official schemas when "
	       "they\n"
	       "are found (offline: nothing is fetched); built-in checks "
	       "(structure,\n"
	       "real dates, From <= To, CEFR and EQF levels, Europass country "
	       "and\n"
	       "language codes, national identifiers) run always.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro =
	    N_("\n"
	       "Text output: one line per finding, FILE:LINE:COL: "
	       "error|warning:\n"
	       "message (at XPATH or JSON pointer) [rule], then FILE: "
	       "valid|invalid.\n"
	       "Exit status: 0 all files are valid, 1 a file is invalid, 2 "
	       "usage,\n"
	       "3 a file could not be read, 6 internal error.\n"
	       "\n"
	       "Example:\n"
	       "  lob2europass validate --schema-dir ../shared/europass "
	       "out/*.xml\n"),
};

typedef struct job {
	const char *path;
	l2e_buf out; /* the formatted report */
	char *error; /* when the file could not be validated */
	int rc;      /* EXIT_OK, EXIT_REJECTED, EXIT_INPUT, ... */
	int is_done;
	int is_unchecked; /* no official schema checked it */
} job;

typedef struct run {
	job *jobs;
	size_t n_jobs;
	size_t next; /* the next job to take */
	l2e_report_style style;
	l2e_validate_options vopts;
	int require_schema; /* --require-schema */
	pthread_mutex_t lock;
	pthread_cond_t done;
} run;

typedef struct worker {
	run *r;
	l2e_ctx *ctx;
	l2e_validator *v;
	pthread_t thread;
	int is_started;
} worker;

/* "lob2europass: file:line:col: message", as a string for later. */
static char *error_text(const l2e_ctx *ctx)
{
	const l2e_error *e = l2e_ctx_error(ctx);
	char line[1200];

	if (!e)
		return strdup("lob2europass: unknown error");
	if (e->file && e->line)
		snprintf(line, sizeof(line), "lob2europass: %s:%u: %s", e->file,
		         e->line, e->message);
	else if (e->file)
		snprintf(line, sizeof(line), "lob2europass: %s: %s", e->file,
		         e->message);
	else
		snprintf(line, sizeof(line), "lob2europass: %s", e->message);
	return strdup(line);
}

static void validate_one(worker *w, job *j)
{
	l2e_report *rep = NULL;
	int error;

	error = l2e_validate_file(&rep, w->v, j->path);
	if (error < 0) {
		j->error = error_text(w->ctx);
		j->rc = error == L2E_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
		return;
	}
	if (l2e_report_format(&j->out, rep, w->r->style) < 0) {
		j->error = strdup("lob2europass: out of memory");
		j->rc = EXIT_INTERNAL;
	} else {
		j->rc = l2e_report_is_valid(rep) ? EXIT_OK : EXIT_REJECTED;
		j->is_unchecked =
		    l2e_report_schema_status(rep) == L2E_SCHEMA_SKIPPED;
		if (w->r->require_schema && j->is_unchecked)
			j->rc = EXIT_REJECTED;
	}
	l2e_report_free(rep);
}

static void *work(void *arg)
{
	worker *w = arg;
	run *r = w->r;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		i = r->next < r->n_jobs ? r->next++ : r->n_jobs;
		pthread_mutex_unlock(&r->lock);
		if (i == r->n_jobs)
			break;
		validate_one(w, &r->jobs[i]);
		pthread_mutex_lock(&r->lock);
		r->jobs[i].is_done = 1;
		pthread_cond_broadcast(&r->done);
		pthread_mutex_unlock(&r->lock);
	}
	return NULL;
}

/* A context and a validator; 0, or the exit code after a message. */
static int worker_init(worker *w, run *r, int is_first)
{
	int error;

	memset(w, 0, sizeof(*w));
	w->r = r;
	if (l2e_ctx_new(&w->ctx, NULL) < 0) {
		fputs("lob2europass: out of memory\n", stderr);
		return EXIT_INTERNAL;
	}
	error = l2e_validator_new(&w->v, w->ctx, &r->vopts);
	if (error < 0) {
		if (is_first && error == L2E_ENOTFOUND &&
		    r->vopts.require_schemas) {
			fprintf(stderr,
			        "lob2europass validate: --schema-dir %s: ",
			        r->vopts.schema_dir);
			fprintf(stderr, "%s\n", l2e_ctx_error(w->ctx)->message);
			return EXIT_USAGE;
		}
		if (is_first)
			cli_print_error(w->ctx);
		return error == L2E_ENOMEM ? EXIT_INTERNAL
		                           : cli_exit_for(error);
	}
	return 0;
}

static void worker_dispose(worker *w)
{
	l2e_validator_free(w->v);
	l2e_ctx_free(w->ctx);
	w->v = NULL;
	w->ctx = NULL;
}

/* A JSON string (null for NULL), escaped as everywhere else. */
static void json_string(FILE *f, const char *s)
{
	json_line l = JSON_LINE_INIT;

	json_line_str(&l, s);
	if (!l.is_failed)
		fputs(l.ptr, f);
	json_line_dispose(&l);
}

/* Print job i (text or JSON); count it. */
static void emit(const run *r, const job *j, size_t i, size_t counts[3])
{
	counts[j->rc == EXIT_OK ? 0 : j->rc == EXIT_REJECTED ? 1 : 2]++;
	if (r->style == L2E_REPORT_JSON) {
		fputs(i ? ",\n  " : "\n  ", stdout);
		if (j->error) {
			fputs("{\"file\": ", stdout);
			json_string(stdout, j->path);
			fputs(", \"valid\": false, \"error\": ", stdout);
			json_string(stdout,
			            j->error + strlen("lob2europass: "));
			fputc('}', stdout);
		} else {
			fwrite(j->out.ptr, 1, j->out.len, stdout);
		}
	} else if (!j->error) {
		fwrite(j->out.ptr, 1, j->out.len, stdout);
	}
	if (j->error) {
		fflush(stdout);
		fprintf(stderr, "%s\n", j->error);
	}
}

int cmd_validate(int argc, char **argv)
{
	cli_args args;
	run r;
	worker *workers = NULL;
	size_t n_workers = 1, i, counts[3] = { 0, 0, 0 }, unchecked;
	const char *format, *note = NULL;
	char dir_buf[CLI_PATH_MAX];
	int rc, is_locked = 0;
	long jobs;

	memset(&r, 0, sizeof(r));
	if ((rc = cli_start(&args, argc, argv, &validate_command)) >= 0)
		goto done;
	rc = EXIT_OK;
	format = args.values[OPT_FORMAT] ? args.values[OPT_FORMAT] : "text";
	if (!strcmp(format, "text")) {
		r.style = L2E_REPORT_TEXT;
	} else if (!strcmp(format, "json")) {
		r.style = L2E_REPORT_JSON;
	} else {
		fprintf(stderr,
		        _("lob2europass validate: --format is text or json, "
		          "not '%s'\n"
		          "Try 'lob2europass validate --help'.\n"),
		        format);
		rc = EXIT_USAGE;
		goto done;
	}
	if (args.values[OPT_JOBS] &&
	    cli_number(args.values[OPT_JOBS], 1, MAX_JOBS, &jobs) < 0) {
		fprintf(stderr,
		        _("lob2europass validate: --jobs is a number from 1 to "
		          "%d, not '%s'\n"
		          "Try 'lob2europass validate --help'.\n"),
		        MAX_JOBS, args.values[OPT_JOBS]);
		rc = EXIT_USAGE;
		goto done;
	}
	if (args.values[OPT_JOBS])
		n_workers = (size_t)jobs;
	if (args.n_positional == 0) {
		fputs(_("lob2europass validate: no FILE given\n"
		        "Try 'lob2europass validate --help'.\n"),
		      stderr);
		rc = EXIT_USAGE;
		goto done;
	}

	r.require_schema = args.values[OPT_REQUIRE_SCHEMA] != NULL;
	/* --schema-dir, else $L2E_SCHEMA_DIR, else the installed schemas
	 * (the data folder's, else the user's: schema_dirs.h) */
	r.vopts = (l2e_validate_options)L2E_VALIDATE_OPTIONS_INIT;
	r.vopts.schema_dir = cli_schema_dir(args.values[OPT_SCHEMA_DIR], 0,
	                                    dir_buf, sizeof(dir_buf));
	r.vopts.require_schemas = args.values[OPT_SCHEMA_DIR] != NULL;
	r.vopts.upgrade_older = args.values[OPT_NO_UPGRADE] == NULL;

	r.n_jobs = (size_t)args.n_positional;
	if (n_workers > r.n_jobs)
		n_workers = r.n_jobs;
	r.jobs = calloc(r.n_jobs, sizeof(*r.jobs));
	workers = calloc(n_workers, sizeof(*workers));
	if (!r.jobs || !workers) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	for (i = 0; i < r.n_jobs; i++)
		r.jobs[i].path = args.positional[i];
	/* the first validator tells whether the schemas load, once */
	if ((rc = worker_init(&workers[0], &r, 1)) != 0)
		goto done;
	note = l2e_validator_schema_note(workers[0].v);
	if (note && r.style == L2E_REPORT_TEXT) {
		fprintf(stderr, "lob2europass: warning: %s\n", note);
		fputs(_("lob2europass: 'lob2europass schemas install' installs "
		        "the official schemas\n"),
		      stderr);
	}
	if (r.style == L2E_REPORT_JSON) {
		fputs("{\"schema_note\": ", stdout);
		json_string(stdout, note);
		fputs(",\n \"files\": [", stdout);
	}

	if (n_workers == 1) {
		for (i = 0; i < r.n_jobs; i++) {
			validate_one(&workers[0], &r.jobs[i]);
			emit(&r, &r.jobs[i], i, counts);
			l2e_buf_dispose(&r.jobs[i].out);
		}
	} else {
		pthread_mutex_init(&r.lock, NULL);
		pthread_cond_init(&r.done, NULL);
		is_locked = 1;
		for (i = 1; i < n_workers; i++)
			if (worker_init(&workers[i], &r, 0) != 0)
				worker_dispose(&workers[i]); /* others do it */
		for (i = 0; i < n_workers; i++)
			if (workers[i].v &&
			    pthread_create(&workers[i].thread, NULL, work,
			                   &workers[i]) == 0)
				workers[i].is_started = 1;
		if (!workers[0].is_started) {
			fputs(_("lob2europass: cannot start a thread\n"),
			      stderr);
			work(&workers[0]); /* the others may still run */
		}
		for (i = 0; i < r.n_jobs; i++) {
			pthread_mutex_lock(&r.lock);
			while (!r.jobs[i].is_done)
				pthread_cond_wait(&r.done, &r.lock);
			pthread_mutex_unlock(&r.lock);
			emit(&r, &r.jobs[i], i, counts);
			l2e_buf_dispose(&r.jobs[i].out);
		}
		for (i = 0; i < n_workers; i++)
			if (workers[i].is_started)
				pthread_join(workers[i].thread, NULL);
	}
	for (i = 0; i < r.n_jobs; i++)
		if (r.jobs[i].rc > rc)
			rc = r.jobs[i].rc;
	if (r.style == L2E_REPORT_JSON)
		printf("\n ],\n \"summary\": {\"files\": %zu, \"valid\": %zu, "
		       "\"invalid\": %zu, \"unreadable\": %zu}}\n",
		       r.n_jobs, counts[0], counts[1], counts[2]);
	else if (r.n_jobs > 1)
		fprintf(
		    stderr,
		    _("lob2europass: %zu files: %zu valid, %zu invalid, %zu "
		      "unreadable\n"),
		    r.n_jobs, counts[0], counts[1], counts[2]);
	for (i = 0, unchecked = 0; i < r.n_jobs; i++)
		unchecked += r.jobs[i].is_unchecked ? 1 : 0;
	if (unchecked && r.style == L2E_REPORT_TEXT)
		fprintf(
		    stderr,
		    P_("lob2europass: %zu file checked by the built-in checks "
		       "only, not by the official schemas%s\n",
		       "lob2europass: %zu files checked by the built-in checks "
		       "only, not by the official schemas%s\n",
		       unchecked),
		    unchecked,
		    r.require_schema ? _(" (--require-schema: failed)") : "");
done:
	for (i = 0; workers && i < n_workers; i++)
		worker_dispose(&workers[i]);
	for (i = 0; r.jobs && i < r.n_jobs; i++) {
		l2e_buf_dispose(&r.jobs[i].out);
		free(r.jobs[i].error);
	}
	if (is_locked) {
		pthread_mutex_destroy(&r.lock);
		pthread_cond_destroy(&r.done);
	}
	free(r.jobs);
	free(workers);
	cli_args_dispose(&args);
	return rc;
}
