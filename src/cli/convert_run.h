/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_run.h - the state of one `lob2europass convert` run, which
 * every file of the command reads and adds to (see cmd_convert.h).
 *
 * It is data, not a file's behaviour: the run (cmd_convert.c) sets it
 * up, the inputs and sinks report into it, and no file has to call
 * back into the run to make its exit code worse.
 */
#ifndef L2E_CLI_CONVERT_RUN_H
#define L2E_CLI_CONVERT_RUN_H

#include <stddef.h>
#include <time.h>

#include <lob2europass/lob2europass.h>

#include "batch.h"
#include "deliver.h"
#include "keyset.h"
#include "manifest.h"
#include "output.h"
#include "output_zip.h"
#include "progress.h"
#include "prune.h"
#include "report.h"
#include "state.h"

/* The command line, read and checked (cmd_convert.h). */
typedef struct convert_opts convert_opts;

/* Repeated findings per input (convert_cap.c). */
typedef struct convert_cap convert_cap;

/* One conversion run: its options and everything its dossiers touch. */
typedef struct convert_run {
	const convert_opts *o;
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
	l2e_signer *signer;    /* --sign-key */
	output_writer *writer; /* OUT_DIR: the documents' files */
	zip_out *zip;          /* OUT_ZIP */
	convert_cap *cap;      /* --max-repeats */
	const char *mapping_name;
	int is_stopped; /* --max-errors stopped the batch */
	prune prune;    /* --prune, --dry-run: what is ours */
	int has_prune;
	int may_prune;       /* the input looks whole (or --force-prune) */
	size_t n_unread;     /* inputs or dossiers that could not be read */
	size_t n_plan[5];    /* --dry-run: write, change, keep, remove, stale */
	time_t started;      /* for the report's "run" */
	double started_mono; /* seconds, monotonic clock */
} convert_run;

/* The run's exit code is the worst one seen. */
static inline void convert_worsen(convert_run *r, int rc)
{
	if (rc > r->rc)
		r->rc = rc;
}

#endif
