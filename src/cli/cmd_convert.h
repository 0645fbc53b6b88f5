/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_convert.h - what the files of `lob2europass convert` share.
 *
 *   cmd_convert.c      the run: context, mapping, output folder, inputs
 *                      into the pipeline (batch.c), the end of the run
 *   convert_options.c  the option table, --help, and the policy: the
 *                      command line read and checked into convert_opts
 *   convert_sinks.c    where each dossier goes, in input order: files,
 *                      JSON lines, standard output, report, run state
 *   convert_prune.c    --prune and --dry-run: each dossier's fate, the
 *                      check that the input looks whole, the removals
 *                      (and their DELETE), the plan of a dry run
 *   convert_seal.c     SHA256SUMS, its signature, --deliver, and the
 *                      credentials of the network clients
 *   convert_inputs.c   files and folders of the command line into the
 *                      pipeline, filtered by what the mapping reads
 *   convert_log.c      messages on standard error: findings, summary
 *   convert_cap.c      findings of one kind capped per input
 *   convert_meta.c     the report's metadata about the run
 *
 *   convert_run.h      the run's state, which they all read and add to
 *
 * Calls go down this list, never up: the run calls all of them, the
 * options know nothing of the run, the sinks call pruning, sealing and
 * logging, pruning calls logging, and sealing and logging call neither.
 */
#ifndef L2E_CLI_CMD_CONVERT_H
#define L2E_CLI_CMD_CONVERT_H

#include <stddef.h>
#include <time.h>

#include <lob2europass/lob2europass.h>

#include "convert_run.h"
#include "opts.h"

/* Another run holds the output folder (sysexits' EX_TEMPFAIL). */
#define EXIT_LOCKED 75

typedef enum out_mode {
	OUT_ONE,    /* no --out: one dossier to standard output */
	OUT_DIR,    /* --out DIR: a file per dossier and format */
	OUT_NDJSON, /* --out -: a JSON line per document */
	OUT_ZIP     /* --out FILE.zip: an entry per document */
} out_mode;

/* The command line, read and checked (convert_options.c). */
struct convert_opts {
	cli_args args;            /* args.positional: the inputs */
	const char *mapping;      /* --mapping: a path or a name */
	const char *mappings_dir; /* --mappings-dir */
	out_mode mode;
	const char *out_dir; /* --out */
	l2e_format formats[BATCH_MAX_FORMATS];
	size_t n_formats;
	int is_quiet;
	int is_json_log;
	long jobs;
	int shard_k, shard_n; /* --shard K/N; 0: all */
	long max_errors;      /* 0: no limit */
	long max_repeats;     /* --max-repeats; 0: show all */
	int skip_unchanged;
	int prune;               /* --prune (or --force-prune) */
	int force_prune;         /* --force-prune */
	long prune_min_share;    /* --prune-min-share, 0 to 100 */
	int dry_run;             /* --dry-run */
	int allow_empty;         /* --allow-empty */
	int no_progress;         /* --no-progress */
	const char *report_json; /* --report */
	const char *report_csv;  /* --report-csv */
	const char *report_html; /* --report-html */
	int report_anonymous;    /* --report-anonymous */
	int csv_excel_nl;        /* --csv-dialect excel-nl (the default) */
	l2e_net_options net;     /* --allow-http, --cacert, --timeout, ... */
	const char *auth_file;
	const char *deliver_url; /* --deliver */
	const char *deliver_method;
	const char *deliver_auth_file;
	const char *sign_key;
	long long document_time; /* --document-date, SOURCE_DATE_EPOCH */
};

/**
 * Read the command line. -1 when the run is to go on, else the exit
 * code (after the help, or after a message). Free with
 * convert_opts_dispose() either way.
 */
int convert_opts_parse(convert_opts *o, int argc, char **argv);

void convert_opts_dispose(convert_opts *o);

/* convert_sinks.c: the batch's emit callback (payload: the run). */
void convert_emit(const batch_result *res, void *payload);

/**
 * Documents the folder writer could not write after all (a full disk):
 * a message each, out of SHA256SUMS and the run state, EXIT_IO.
 */
void convert_take_failures(convert_run *r);

/* convert_seal.c */

/**
 * The --deliver and --sign-key options, checked and opened before
 * anything is converted. 0, or the exit code after a message.
 */
int convert_seal_prepare(convert_run *r, l2e_ctx *ctx);

/** A network client with the credentials in `file` or $`env_name`. */
l2e_net *convert_net_new(l2e_ctx *ctx, const l2e_net_options *base,
                         const char *file, const char *env_name);

/**
 * A document written to disk as `name`: into SHA256SUMS, and sent on
 * with --deliver. 0, or the exit code it stands for with `why` set.
 */
int convert_seal_document(convert_run *r, l2e_format fmt, const char *name,
                          const l2e_buf *doc, char *why, size_t why_size);

/**
 * A dossier's documents kept from the last run (--skip-unchanged) stay
 * listed in SHA256SUMS. 0, or EXIT_IO after a message.
 */
int convert_seal_unchanged(convert_run *r, const batch_result *res);

/** Write SHA256SUMS (and its signature). 0, or EXIT_IO after a message. */
int convert_seal_finish(convert_run *r);

void convert_seal_dispose(convert_run *r);

/* convert_cap.c */

/** Count findings of a kind per input. 0, or -1 out of memory. */
int convert_cap_new(convert_cap **out, long max);

/**
 * 1 when finding `d` of `res` is to be shown: not more than max of its
 * kind in its input (max 0: all). Counts it either way.
 */
int convert_cap_admit(convert_cap *c, const batch_result *res,
                      const batch_diag *d);

/** Count a result (after its findings) as a dossier of its input. */
void convert_cap_result(convert_cap *c, const batch_result *res);

/**
 * The next kind (from *i, start at 0) shown fewer times than it came:
 * how many more, its input and its first message. 0 after the last.
 */
int convert_cap_hidden(const convert_cap *c, size_t *i, size_t *n_more,
                       const char **input, const char **example);

/**
 * The next input (from *j, start at 0) where most of its dossiers (at
 * least 3) failed with one kind of error: how many, of how many, and
 * that kind's first message. 0 after the last.
 */
int convert_cap_likely(const convert_cap *c, size_t *j, size_t *n_failed,
                       size_t *n_dossiers, const char **input,
                       const char **example);

void convert_cap_free(convert_cap *c);

/* convert_meta.c */

/** Note the start of the run (wall clock and monotonic). */
void convert_meta_start(convert_run *r);

/**
 * The report's "run" object as JSON text (malloc'd; NULL out of
 * memory): tool, version, mapping name, file and SHA-256, the inputs
 * redacted, the start and the duration.
 */
char *convert_meta_json(const convert_run *r, const char *map_path);

/* convert_prune.c */

/** Read what is ours in the output folder. 0, or the exit code. */
int convert_prune_open(convert_run *r);

/**
 * Note what became of a dossier (after convert_emit took it). 0, or
 * EXIT_INTERNAL out of memory.
 */
int convert_prune_note(convert_run *r, const batch_result *res, int has_failed);

/**
 * Before SHA256SUMS: the documents left behind, the check that the
 * input looks whole, and the owned list with all of them still in it.
 * 0, or the exit code (the reason said).
 */
int convert_prune_begin(convert_run *r);

/**
 * After SHA256SUMS is in place: remove (and with --deliver DELETE) the
 * documents left behind, report each one, and write the owned list
 * again. 0, or the exit code of what failed.
 */
int convert_prune_finish(convert_run *r);

/** --dry-run: the line of a document this run makes. */
void convert_dry_document(convert_run *r, const char *name, const l2e_buf *doc);

/** --dry-run: the lines of a dossier unchanged since the last run. */
void convert_dry_unchanged(convert_run *r, const batch_result *res);

/** --dry-run: the documents left behind and the totals (stdout). */
int convert_dry_finish(convert_run *r);

/* convert_inputs.c */

/** The command line's inputs into the batch (folders: see the file). */
void convert_add_inputs(convert_run *r, l2e_ctx *ctx, const l2e_mapping *map);

/* convert_log.c */

/**
 * A message about the run or an input (not a dossier), as
 * "lob2europass: FILE: text" or a JSON line (--log-format json).
 * `file` may be NULL.
 */
void convert_say(convert_run *r, const char *level, const char *file,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** A finding as a text or JSON line (--log-format) on standard error. */
void convert_log(const convert_run *r, const char *level, const batch_diag *d,
                 const char *dossier);

/** A result's findings (errors only with --quiet). */
void convert_log_findings(const convert_run *r, const batch_result *res);

/** At the end: "… N more like this in INPUT" for what the cap held
 * back, and the likely cause when most of an input failed one way. */
void convert_log_repeats(convert_run *r);

/** The totals, unless --quiet. */
void convert_log_summary(const convert_run *r);

#endif
