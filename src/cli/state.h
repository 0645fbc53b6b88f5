/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * state.h - what an earlier run wrote to an output folder, so that a
 * rerun can skip dossiers whose documents would not change
 * (--skip-unchanged).
 *
 * The file OUT/.lob2europass-state holds "stem fingerprint formats" per
 * line; a dossier is unchanged when its fingerprint (record, mapping,
 * code lists, tool version) and the formats asked for are the same and
 * its files are still there. The file is rewritten atomically at the end
 * of every run.
 */
#ifndef L2E_CLI_STATE_H
#define L2E_CLI_STATE_H

#include <stddef.h>

#include "spool.h"

typedef struct state_entry {
	char *stem;
	char fingerprint[17];
	char *formats;
} state_entry;

typedef struct run_state {
	char *dir;
	char *formats; /* this run's, e.g. "europass-xml,europass-cv" */
	const char *const *exts;
	size_t n_exts;
	state_entry *old; /* sorted by stem */
	size_t n_old;
	/* what old's strings point into: the stems, in blocks, and the
	   few different formats (no malloc per dossier) */
	char **stem_blocks;
	size_t n_stem_blocks, stem_block_used;
	char **old_formats;
	size_t n_old_formats;
	/* written by this run: "stem NUL fingerprint NUL" each, in a
	   temporary file (spool.h), so memory does not grow with the batch */
	spool now;
	char **forgotten; /* stems taken back, left out when saved */
	size_t n_forgotten, cap_forgotten;
} run_state;

int state_load(run_state *s, const char *dir, const char *formats,
               const char *const *exts, size_t n_exts);
/** 1 when the dossier's files are up to date (thread-safe: reads only). */
int state_is_unchanged(const run_state *s, const char *stem,
                       const char *fingerprint);
/** Remember a dossier written (or found unchanged) in this run. */
int state_note(run_state *s, const char *stem, const char *fingerprint);
/**
 * Take back a dossier noted before (its files were not written). A stem
 * is noted once per run (keyset.h sees to it).
 */
void state_forget(run_state *s, const char *stem);
int state_save(run_state *s);
void state_dispose(run_state *s);

#endif
