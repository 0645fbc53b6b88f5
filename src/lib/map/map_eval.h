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
	L2E__VERDICT_REJECTED
} l2e__verdict;

/**
 * Map `record` (with `root`, the top of its document) into `profile`,
 * recording findings in `diags`. *key_out is the dossier key, from
 * `profile`'s pool (NULL when the record has none).
 * @return 0 or L2E_ENOMEM; the outcome is in *verdict
 */
int l2e__map_eval(l2e__profile *profile, l2e__diags *diags,
                  const char **key_out, l2e__verdict *verdict,
                  const l2e_mapping *map, const l2e__node *record,
                  const l2e__node *root);

#endif
