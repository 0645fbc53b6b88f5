/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dossier.h - one student's converted dossier (l2e_dossier).
 */
#ifndef L2E_CONVERT_DOSSIER_H
#define L2E_CONVERT_DOSSIER_H

#include "lob2europass/convert.h"
#include "map/map_eval.h"
#include "model/diag.h"
#include "model/profile.h"

#define L2E__STEM_MAX 64 /* = L2E__KEY_MAX: keys are never cut */

struct l2e_dossier {
	l2e__pool pool; /* profile, key and finding texts */
	l2e__profile profile;
	l2e__diags diags;
	const char *key;
	char stem[L2E__STEM_MAX + 1];
	l2e_dossier_status status;
	char fingerprint[17]; /* record + mapping + tool version, hex */
	long long document_time;
	l2e__eval_io io;     /* where its single fields came from */
	l2e_dossier **parts; /* merged: the other records' dossiers */
	size_t n_parts;
};

/** A new empty dossier for findings about input `file` (copied). */
l2e_dossier *l2e__dossier_new(const char *file, long long document_time);

/** Make `key` safe as a file name into `stem`. */
void l2e__file_stem(char stem[L2E__STEM_MAX + 1], const char *key);

#endif
