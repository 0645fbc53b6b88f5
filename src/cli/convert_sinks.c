/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_sinks.c - where each converted dossier goes, in input order
 * (convert_emit, the batch's callback): a file per format in --out DIR,
 * JSON lines on standard output (--out -) or the one document (no
 * --out), and always the report and the run state (see cmd_convert.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_convert.h"
#include "json_line.h"
#include "output.h"

/* What went wrong with a converted dossier's documents, for the report. */
typedef struct doc_failures {
	batch_diag diags[BATCH_MAX_FORMATS];
	char messages[BATCH_MAX_FORMATS][768];
	size_t n;
} doc_failures;

static void doc_failed(convert_run *r, doc_failures *f, const batch_result *res,
                       const char *why)
{
	batch_diag *d = &f->diags[f->n];

	progress_clear(&r->progress);
	cli_err("lob2europass: %s\n", why);
	/* the report keeps the first few of a dossier's failures (a format
	 * of several documents may fail more often than there are formats) */
	if (f->n == BATCH_MAX_FORMATS)
		return;
	snprintf(f->messages[f->n], sizeof(f->messages[0]), "%s", why);
	memset(d, 0, sizeof(*d));
	d->severity = L2E_SEVERITY_ERROR;
	d->message = f->messages[f->n];
	d->file = (char *)res->input;
	f->n++;
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

/* One document to DIR/name, sealed and delivered when asked. */
static void write_one(convert_run *r, const batch_result *res, size_t f,
                      const char *name, const l2e_buf *doc, char **written,
                      size_t *n_written, doc_failures *fails)
{
	char why[768];
	int rc;

	/* a lost archive: this dossier's first document said why */
	if (r->o->mode == OUT_ZIP && zip_out_failed(r->zip))
		return;
	if (r->o->dry_run) /* the plan's line instead of the file */
		convert_dry_document(r, name, doc);
	else if ((r->o->mode == OUT_ZIP
	              ? zip_out_put(r->zip, name, doc->ptr, doc->len, why)
	              : output_writer_put(r->writer, name, doc->ptr, doc->len,
	                                  why)) < 0) {
		doc_failed(r, fails, res, why);
		convert_worsen(r, EXIT_IO);
		/* the archive is lost: convert no more */
		if (r->o->mode == OUT_ZIP)
			batch_stop(r->batch);
		return;
	}
	written[(*n_written)++] = strdup(name);
	rc = convert_seal_document(r, r->o->formats[f], name, doc, why,
	                           sizeof(why));
	if (rc) {
		doc_failed(r, fails, res, why);
		convert_worsen(r, rc);
	}
}

/* A format of several documents (EDC): STEM.PART.EXT each. */
static void write_parts(convert_run *r, const batch_result *res, size_t f,
                        char **written, size_t *n_written, doc_failures *fails)
{
	char name[256];
	size_t k;
	l2e_buf part;

	for (k = 0; k < res->n_parts[f]; k++) {
		const batch_part *p = &res->parts[f][k];

		snprintf(name, sizeof(name), "%s.%s%s", res->stem, p->name,
		         l2e_format_extension(r->o->formats[f]));
		part.ptr = res->docs[f].ptr + p->offset;
		part.len = p->len;
		part.cap = 0; /* borrowed: never freed or grown */
		write_one(r, res, f, name, &part, written, n_written, fails);
	}
}

/* Write a converted dossier's documents; fill the names written. */
static int write_documents(convert_run *r, const batch_result *res,
                           char **written, size_t *n_written,
                           doc_failures *fails)
{
	char name[256];
	size_t i;

	for (i = 0; i < r->o->n_formats; i++) {
		const l2e_buf *doc = &res->docs[i];

		if (r->o->mode == OUT_NDJSON) { /* already a JSON line */
			fwrite(doc->ptr, 1, doc->len, stdout);
			continue;
		}
		if (r->o->mode == OUT_ONE) {
			if (r->n_pending++ == 0)
				buf_copy(&r->pending, doc);
			continue;
		}
		if (l2e_format_has_parts(r->o->formats[i])) {
			write_parts(r, res, i, written, n_written, fails);
			continue;
		}
		snprintf(name, sizeof(name), "%s%s", res->stem,
		         l2e_format_extension(r->o->formats[i]));
		write_one(r, res, i, name, doc, written, n_written, fails);
	}
	return fails->n == 0;
}

/* The report entry of a dossier whose documents failed on the way. */
static void report_failed(convert_run *r, const batch_result *res,
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

static void count_failure(convert_run *r)
{
	size_t failed = r->t.rejected + r->t.errors;

	if (r->o->max_errors > 0 && failed >= (size_t)r->o->max_errors) {
		if (!r->o->is_quiet)
			cli_log("info",
			        "lob2europass: stopping after %zu failed "
			        "dossier%s\n",
			        failed, failed == 1 ? "" : "s");
		batch_stop(r->batch);
		r->is_stopped = 1; /* --prune: the export was not read whole */
	}
}

/* The same file name twice in one run: the first one stands. */
static void reject_duplicate(convert_run *r, const batch_result *res)
{
	batch_result dup = *res;
	batch_diag d;

	memset(&d, 0, sizeof(d));
	d.severity = L2E_SEVERITY_ERROR;
	d.message = (char *)"a dossier with this key was converted before "
	                    "in this run; this one is not written";
	d.file = (char *)res->input;
	dup.diags = &d;
	dup.n_diags = 1;
	dup.status = BATCH_REJECTED;
	convert_log(r, "error", &d, res->stem);
	r->t.rejected++;
	convert_worsen(r, EXIT_REJECTED);
	report_add(&r->report, &dup, NULL, 0);
	count_failure(r);
}

/* A converted dossier (or one unchanged since the last run). */
static void take_converted(convert_run *r, const batch_result *res)
{
	char **written;
	size_t n_written = 0, n_docs = 0, i;
	doc_failures fails;
	int added = keyset_add(&r->names, res->stem);

	/* one document per format, or as many as a format of parts made */
	for (i = 0; i < r->o->n_formats; i++)
		n_docs += l2e_format_has_parts(r->o->formats[i])
		              ? res->n_parts[i]
		              : 1;
	written = calloc(n_docs + 1, sizeof(*written));
	if (!written) {
		convert_worsen(r, EXIT_INTERNAL);
		return;
	}

	if (added == 0) {
		reject_duplicate(r, res);
		free(written);
		return;
	}
	if (added < 0)
		convert_worsen(r, EXIT_INTERNAL);
	fails.n = 0; /* doc_failed sets what it adds: 6.5 KiB unzeroed */
	if (res->status == BATCH_UNCHANGED) {
		r->t.unchanged++;
		convert_worsen(r, convert_seal_unchanged(r, res));
		if (r->o->dry_run)
			convert_dry_unchanged(r, res);
	} else if (write_documents(r, res, written, &n_written, &fails)) {
		r->t.converted++;
	} else {
		r->t.errors++;
		count_failure(r);
	}
	/* a dossier not fully written or delivered is done again */
	if (r->has_state && res->fingerprint &&
	    (res->status == BATCH_UNCHANGED ||
	     (n_written == n_docs && !fails.n)))
		state_note(&r->state, res->stem, res->fingerprint);
	if (fails.n)
		report_failed(r, res, &fails, written, n_written);
	else
		report_add(&r->report, res, (const char *const *)written,
		           n_written);
	for (i = 0; i < n_written; i++)
		free(written[i]);
	free(written);
}

/* A dossier or an input that gave no document. */
static void take_no_document(convert_run *r, const batch_result *res)
{
	if (r->o->mode == OUT_NDJSON)
		ndjson_line(res);
	report_add(&r->report, res, NULL, 0);
}

/* A document queued to the folder writer that did not make it. */
static void late_failure(const char *name, const char *why, void *payload)
{
	convert_run *r = payload;
	size_t i, len;
	char stem[256];

	progress_clear(&r->progress);
	fprintf(stderr, "lob2europass: %s\n", why);
	convert_worsen(r, EXIT_IO);
	if (!name)
		return;
	manifest_forget(&r->manifest, name);
	for (i = 0; r->has_state && i < r->o->n_formats; i++) {
		const char *ext = l2e_format_extension(r->o->formats[i]);

		len = strlen(name);
		if (len > strlen(ext) && len - strlen(ext) < sizeof(stem) &&
		    !strcmp(name + len - strlen(ext), ext)) {
			memcpy(stem, name, len - strlen(ext));
			stem[len - strlen(ext)] = '\0';
			state_forget(&r->state, stem);
		}
	}
}

void convert_take_failures(convert_run *r)
{
	output_writer_failures(r->writer, late_failure, r);
}

/* Called in input order for every dossier and input error. */
void convert_emit(const batch_result *res, void *payload)
{
	convert_run *r = payload;
	size_t errors = r->t.errors;

	progress_clear(&r->progress);
	convert_take_failures(r);
	convert_log_findings(r, res);
	switch (res->status) {
	case BATCH_OK:
	case BATCH_UNCHANGED: take_converted(r, res); break;
	case BATCH_NOTE: break;    /* its findings are printed above */
	case BATCH_REMOVED: break; /* made at the end, never emitted */
	case BATCH_SKIPPED:
		r->t.skipped++;
		take_no_document(r, res);
		break;
	case BATCH_REJECTED:
		r->t.rejected++;
		convert_worsen(r, EXIT_REJECTED);
		take_no_document(r, res);
		count_failure(r);
		break;
	case BATCH_ERROR:
		r->t.errors++;
		convert_worsen(r, res->exit_code ? res->exit_code : EXIT_INPUT);
		take_no_document(r, res);
		count_failure(r);
		break;
	}
	/* a dossier whose documents failed keeps its old ones (--prune) */
	convert_worsen(r, convert_prune_note(r, res, r->t.errors > errors));
	progress_update(&r->progress,
	                r->t.converted + r->t.unchanged + r->t.skipped +
	                    r->t.rejected + r->t.errors,
	                r->t.rejected + r->t.errors);
}
