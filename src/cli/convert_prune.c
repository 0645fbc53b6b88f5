/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_prune.c - --prune and --dry-run in a conversion run (see
 * cmd_convert.h and, for what is ours and why it is safe, prune.h).
 *
 * A run with --prune notes what became of every dossier, and at the
 * end, before SHA256SUMS: which documents of earlier runs it left
 * behind, whether the input looks whole enough to remove them, and the
 * owned list with all of them still in it. After SHA256SUMS is in
 * place each one is taken back at the --deliver target (DELETE) and
 * then removed from the folder, and reported with its reason. A dry
 * run does all the looking and none of the writing: it prints the plan.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_convert.h"
#include "i18n.h"
#include "json_line.h"

enum { PLAN_WRITE, PLAN_CHANGE, PLAN_KEEP, PLAN_REMOVE, PLAN_STALE };

int convert_prune_open(convert_run *r)
{
	if (!r->o->prune && !r->o->dry_run)
		return 0;
	if (prune_open(&r->prune, r->o->out_dir) < 0) {
		prune_dispose(&r->prune);
		cli_err("%s", "lob2europass: out of memory\n");
		return EXIT_INTERNAL;
	}
	r->has_prune = 1;
	return 0;
}

int convert_prune_note(convert_run *r, const batch_result *res, int has_failed)
{
	prune_fate fate;

	if (!r->has_prune)
		return 0;
	switch (res->status) {
	case BATCH_OK:
	case BATCH_UNCHANGED:
		fate = has_failed ? PRUNE_FAILED : PRUNE_PRODUCED;
		break;
	case BATCH_SKIPPED: fate = PRUNE_SKIPPED; break;
	case BATCH_REJECTED: fate = PRUNE_FAILED; break;
	case BATCH_ERROR:
		r->n_unread++; /* a page, a file or a dossier unread */
		fate = PRUNE_FAILED;
		break;
	default: return 0;
	}
	if (res->stem && prune_note(&r->prune, res->stem, fate) < 0)
		return EXIT_INTERNAL;
	return 0;
}

/* Documents left behind that a prune would remove. */
static size_t n_removable(const prune *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->n_left; i++)
		n += p->left[i].reason != PRUNE_KEEP_FAILED;
	return n;
}

/*
 * Why the input does not look whole, into `why` ("" when it does);
 * 1 when not even --force-prune may prune (a run that failed).
 */
static int incomplete(const convert_run *r, char *why, size_t size)
{
	size_t produced = r->t.converted + r->t.unchanged;
	long last = r->prune.last_dossiers >= 0 ? r->prune.last_dossiers
	                                        : (long)r->state.n_old;

	why[0] = '\0';
	if (r->rc > EXIT_REJECTED && r->rc != EXIT_INPUT) {
		snprintf(why, size, "%s",
		         _("the run failed (see above), so it may not have "
		           "written every document it made"));
		return 1;
	}
	if (r->n_unread || r->rc == EXIT_INPUT)
		snprintf(why, size, "%s",
		         _("part of the input could not be read (see above), "
		           "so a student missing from this run may still be in "
		           "the export"));
	else if (r->is_stopped)
		snprintf(why, size, "%s",
		         _("the run stopped early (--max-errors or "
		           "--fail-fast) and did not read the whole export"));
	else if (last > 0 && (double)produced * 100.0 <
	                         (double)r->o->prune_min_share * (double)last)
		snprintf(why, size,
		         P_("this run made documents for %zu dossier, %ld %% "
		            "of the last run's %ld (--prune-min-share %ld), so "
		            "the export may be incomplete",
		            "this run made documents for %zu dossiers, %ld %% "
		            "of the last run's %ld (--prune-min-share %ld), so "
		            "the export may be incomplete",
		            produced),
		         produced,
		         (long)((double)produced * 100.0 / (double)last), last,
		         r->o->prune_min_share);
	return 0;
}

int convert_prune_begin(convert_run *r)
{
	const convert_opts *o = r->o;
	long reference = r->prune.last_dossiers >= 0 ? r->prune.last_dossiers
	                                             : (long)r->state.n_old;
	char why[512];
	int rc = 0, is_hard;

	r->may_prune = 0;
	if (prune_plan(&r->prune, &r->manifest) < 0) {
		cli_err("%s", "lob2europass: out of memory\n");
		return EXIT_INTERNAL;
	}
	if (!o->prune)
		return 0; /* a dry run without --prune: only the plan */
	is_hard = incomplete(r, why, sizeof(why));
	if (why[0] && n_removable(&r->prune) && (is_hard || !o->force_prune)) {
		convert_say(r, "error", o->out_dir,
		            is_hard ? _("not pruning: %s")
		                    : _("not pruning: %s; check the export, "
		                        "or run again with --force-prune"),
		            why);
		rc = EXIT_INPUT;
	} else if (why[0] && n_removable(&r->prune)) {
		convert_say(r, "warning", o->out_dir,
		            _("pruning although %s (--force-prune)"), why);
		r->may_prune = 1;
	} else {
		r->may_prune = !is_hard;
	}
	/* the share is of the last run that pruned (or could have): a
	 * refused run does not lower it for the next night */
	if (r->may_prune)
		reference = (long)(r->t.converted + r->t.unchanged);
	if (o->dry_run)
		return rc;
	/* every document left behind stays ours until it is removed: a
	 * run killed after SHA256SUMS is renamed still finds them here */
	if (prune_save(&r->prune, &r->manifest, reference) < 0) {
		cli_err(_("lob2europass: %s/%s: cannot write: %s; nothing "
		          "removed\n"),
		        o->out_dir, PRUNE_OWNED_NAME, strerror(errno));
		r->may_prune = 0;
		rc = EXIT_IO;
	}
	return rc;
}

/* "removed" (or a failure) on standard error, as text or JSON. */
static void log_removal(convert_run *r, const prune_doc *d, const char *stem,
                        const char *failure)
{
	const char *reason = prune_reason_text(d->reason);
	json_line l = JSON_LINE_INIT;

	progress_clear(&r->progress);
	if (!r->o->is_json_log) {
		if (failure)
			fprintf(stderr, "lob2europass: %s\n", failure);
		else if (!r->o->is_quiet)
			fprintf(stderr,
			        _("lob2europass: %s/%s: removed (%s)\n"),
			        r->o->out_dir, d->name, _(reason));
		return;
	}
	if (!failure && r->o->is_quiet)
		return;
	json_line_raw(&l, "{\"level\":");
	json_line_str(&l, failure ? "error" : "info");
	json_line_opt_str(&l, "message", failure ? failure : "removed");
	json_line_opt_str(&l, "status", failure ? "error" : "removed");
	json_line_opt_str(&l, "document", d->name);
	json_line_opt_str(&l, "dossier", stem);
	json_line_opt_str(&l, "reason", reason);
	json_line_raw(&l, "}");
	if (!l.is_failed)
		fprintf(stderr, "%s\n", l.ptr);
	json_line_dispose(&l);
}

/* The report's entry: the document, its dossier and the reason. */
static void report_removal(convert_run *r, const prune_doc *d, char *stem,
                           const char *failure)
{
	batch_result res;
	batch_diag diag;

	memset(&res, 0, sizeof(res));
	memset(&diag, 0, sizeof(diag));
	diag.severity = failure ? L2E_SEVERITY_ERROR : L2E_SEVERITY_WARNING;
	diag.message =
	    (char *)(failure ? failure : prune_reason_text(d->reason));
	res.status = failure ? BATCH_ERROR : BATCH_REMOVED;
	res.key = stem;
	res.stem = stem;
	res.diags = &diag;
	res.n_diags = 1;
	report_add_removal(&r->report, &res, d->name);
}

int convert_prune_finish(convert_run *r)
{
	char why[768], stem[256];
	size_t i, n_removed = 0;
	int rc = 0;

	if (!r->may_prune)
		return 0;
	for (i = 0; i < r->prune.n_left; i++) {
		prune_doc *d = &r->prune.left[i];
		const char *failure = NULL;

		if (d->reason == PRUNE_KEEP_FAILED)
			continue;
		snprintf(stem, sizeof(stem), "%.*s", (int)d->stem_len, d->name);
		/* at the target first: a document that is still there
		 * stays in the folder too, and the next run tries again */
		if (r->has_deliver && deliver_remove(&r->deliver, d->name, why,
		                                     sizeof(why)) < 0) {
			failure = why;
			rc = EXIT_REJECTED;
		} else if (prune_remove(&r->prune, d) < 0) {
			snprintf(why, sizeof(why), "%s/%s: cannot remove: %s",
			         r->o->out_dir, d->name, strerror(errno));
			failure = why;
			rc = EXIT_IO;
		}
		log_removal(r, d, stem, failure);
		report_removal(r, d, stem, failure);
		if (!failure) {
			r->t.removed++;
			n_removed++;
		}
	}
	if (n_removed) {
		prune_sync(&r->prune);
		/* the names of removed documents may stay if this fails:
		 * a name whose file is gone is passed over */
		prune_save(&r->prune, &r->manifest,
		           (long)(r->t.converted + r->t.unchanged));
	}
	return rc;
}

/* ==== --dry-run ==== */

static void plan_line(convert_run *r, int kind, const char *name,
                      const char *note)
{
	static const char *const words[] = { "write", "change", "keep",
		                             "remove", "stale" };

	if (note)
		printf("%-6s %s  (%s)\n", words[kind], name, note);
	else
		printf("%-6s %s\n", words[kind], name);
	r->n_plan[kind]++;
}

void convert_dry_document(convert_run *r, const char *name, const l2e_buf *doc)
{
	int was = prune_compare(r->o->out_dir, name, doc->ptr, doc->len);

	plan_line(r,
	          was == 0   ? PLAN_WRITE
	          : was == 1 ? PLAN_KEEP
	                     : PLAN_CHANGE,
	          name, NULL);
}

void convert_dry_unchanged(convert_run *r, const batch_result *res)
{
	char name[256];
	size_t i;

	for (i = 0; i < r->o->n_formats; i++) {
		snprintf(name, sizeof(name), "%s%s", res->stem,
		         l2e_format_extension(r->o->formats[i]));
		plan_line(r, PLAN_KEEP, name, NULL);
	}
}

int convert_dry_finish(convert_run *r)
{
	char note[128];
	size_t i;
	int rc = convert_prune_begin(r);

	for (i = 0; i < r->prune.n_left; i++) {
		const prune_doc *d = &r->prune.left[i];
		const char *reason = _(prune_reason_text(d->reason));

		if (d->reason == PRUNE_KEEP_FAILED) {
			plan_line(r, PLAN_KEEP, d->name, reason);
		} else if (r->may_prune) {
			plan_line(r, PLAN_REMOVE, d->name, reason);
		} else {
			snprintf(note, sizeof(note), "%s; %s", reason,
			         r->o->prune ? _("not pruning")
			                     : _("--prune removes it"));
			plan_line(r, PLAN_STALE, d->name, note);
		}
	}
	printf(_("dry run: %zu to write, %zu to change, %zu to keep, %zu to "
	         "remove, %zu stale; nothing was written\n"),
	       r->n_plan[PLAN_WRITE], r->n_plan[PLAN_CHANGE],
	       r->n_plan[PLAN_KEEP], r->n_plan[PLAN_REMOVE],
	       r->n_plan[PLAN_STALE]);
	return rc;
}
