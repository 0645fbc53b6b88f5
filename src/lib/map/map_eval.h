/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_eval.h - run a mapping over one record.
 */
#ifndef L2E_MAP_MAP_EVAL_H
#define L2E_MAP_MAP_EVAL_H

#include "map/mapping.h"
#include "model/diag.h"
#include "model/profile.h"

/* Longest dossier key: it becomes a file name (l2e_dossier_file_stem). */
#define L2E__KEY_MAX 64

typedef enum l2e__verdict {
	L2E__VERDICT_OK = 0,
	L2E__VERDICT_SKIPPED,
	L2E__VERDICT_REJECTED,
	L2E__VERDICT_DROPPED /* records_where: no dossier, no message */
} l2e__verdict;

/* The sections without a list (document, person, headline) come first
 * in l2e__sections, with at most this many fields. */
#define L2E__N_SINGLES     3
#define L2E__SINGLE_FIELDS 16

/*
 * What a record's evaluation needs besides the record, and what it
 * tells besides the profile. A merged dossier names the places its
 * single fields came from in a conflict; `include` with merge counts for
 * the dossier when it holds for one of its records, so the record is
 * mapped in full either way.
 */
typedef struct l2e__eval_io {
	size_t n_records; /* in: records in the document (1: no others) */
	l2e__resolver *resolver; /* in: look-up tables; NULL: none */
	struct l2e_trace *trace; /* in: explain's trace; NULL: none */
	int is_included;         /* out: `include` held (or there is none) */
	struct {
		unsigned line, column;
	} places[L2E__N_SINGLES][L2E__SINGLE_FIELDS]; /* out */
} l2e__eval_io;

/**
 * Map `record` (with `root`, the top of its document) into `profile`,
 * recording findings in `diags`. *key_out is the dossier key, from
 * `profile`'s pool (NULL when the record has none). `io` may be NULL.
 * @return 0 or L2E_ENOMEM; the outcome is in *verdict
 */
int l2e__map_eval(l2e__profile *profile, l2e__diags *diags,
                  const char **key_out, l2e__verdict *verdict,
                  const l2e_mapping *map, const l2e__node *record,
                  const l2e__node *root, l2e__eval_io *io);

#endif
