/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prune.h - which documents of an output folder are ours, and which of
 * them a run leaves behind (--prune, --dry-run).
 *
 * Ours are the names the last run's DIR/SHA256SUMS lists and the names
 * DIR/.lob2europass-owned lists. --prune runs write that file: every
 * document lob2europass wrote into the folder and has not removed, and
 * the number of dossiers that the share check (--prune-min-share)
 * compares with. Only names of our formats are taken from either list
 * (a known extension, no '/', no leading '.'), and only regular files
 * are removed: a user's own file in the folder is never in a list, so
 * it is never touched.
 *
 * After a run, the documents left behind are ours less this run's
 * SHA256SUMS, as far as they are still there. Each gets a reason from
 * what the run did with its dossier (prune_note): not in the export,
 * skipped (consent withdrawn), or converted without this document (a
 * format or part no longer asked for). A dossier that failed in this
 * run keeps its documents.
 *
 * Crash safety: the owned list, with every document left behind, is
 * written before SHA256SUMS is renamed into place; the removals come
 * after that, and then the owned list is written again without them. A
 * run killed in between leaves the names in the owned list, and the
 * next run removes them.
 */
#ifndef L2E_CLI_PRUNE_H
#define L2E_CLI_PRUNE_H

#include <stddef.h>

#include "manifest.h"

#define PRUNE_OWNED_NAME ".lob2europass-owned"

/* What this run did with a dossier; the higher one wins for a key
 * seen twice. */
typedef enum prune_fate {
	PRUNE_SKIPPED = 1, /* left out: no consent (dossier.include) */
	PRUNE_PRODUCED,    /* converted, or unchanged since the last run */
	PRUNE_FAILED       /* rejected or not written: its documents stay */
} prune_fate;

typedef enum prune_reason {
	PRUNE_NOT_IN_EXPORT, /* the student is not in the export any more */
	PRUNE_CONSENT,       /* skipped: consent withdrawn */
	PRUNE_FORMAT,        /* converted, but not this format or part */
	PRUNE_KEEP_FAILED    /* not removed: the dossier failed this run */
} prune_reason;

typedef struct prune_doc {
	const char *name; /* borrowed from the prune */
	size_t stem_len;  /* name[0..stem_len): the dossier's file stem */
	prune_reason reason;
	int is_removed;
} prune_doc;

typedef struct prune_stem {
	char *stem;
	int fate;
} prune_stem;

typedef struct prune {
	char *dir;
	char **old; /* ours before this run: sorted, each once */
	size_t n_old, cap_old;
	long last_dossiers; /* from the owned list; -1: not known */
	prune_stem *stems;  /* this run's dossiers */
	size_t n_stems, cap_stems;
	prune_doc *left; /* after prune_plan: ours, not in this run */
	size_t n_left;
} prune;

/**
 * Read what is ours in folder `dir` (it may not exist: nothing is).
 * 0, or -1 out of memory.
 */
int prune_open(prune *p, const char *dir);

/** Note what became of the dossier `stem`. 0, or -1 out of memory. */
int prune_note(prune *p, const char *stem, prune_fate fate);

/**
 * The documents of ours that `now` (this run's SHA256SUMS) does not
 * list and that are still regular files in the folder, sorted by name,
 * each with its reason. 0, or -1 out of memory.
 */
int prune_plan(prune *p, const manifest *now);

/** Remove a left document (gone already is fine). 0, or -1 (errno). */
int prune_remove(prune *p, prune_doc *d);

/** The folder's removals on disk (fsync of the folder). */
void prune_sync(const prune *p);

/**
 * Write the owned list: `now` and the left documents not removed, and
 * `dossiers`. Atomic; 0, or -1 (errno).
 */
int prune_save(const prune *p, const manifest *now, long dossiers);

/** "consent withdrawn", "not in the export any more", ... (English;
 * marked for translation, _() where shown to a person) */
const char *prune_reason_text(prune_reason r);

/**
 * How `len` bytes compare with the file `dir`/`name`: 0 there is none,
 * 1 the same bytes, 2 different.
 */
int prune_compare(const char *dir, const char *name, const char *data,
                  size_t len);

void prune_dispose(prune *p);

#endif
