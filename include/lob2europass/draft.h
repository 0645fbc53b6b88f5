/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/draft.h - `mapping init`: draft a mapping from an export.
 *
 * The drafter reads an export (JSON, XML, or a folder of CSV files),
 * finds the student records, the dossier key (never a national
 * identifier) and the lists of each section, and chooses for every
 * profile field the best source by its name (a data file of Dutch and
 * English synonyms) and by the shape of its values. The draft is a
 * mapping with "comment" members that say why and what to check.
 */
#ifndef LOB2EUROPASS_DRAFT_H
#define LOB2EUROPASS_DRAFT_H

#include "common.h"
#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Draft a mapping for the export `inputs` (files of one export, or one
 * folder: a CSV bundle) with the synonyms data file `synonyms`
 * (mappings/init/synonyms.json), and append it (JSON) to `out`.
 * @return 0, L2E_EIO, L2E_ENOTFOUND, L2E_EPARSE, L2E_ELIMIT,
 *         L2E_EMAPPING (a bad synonyms file) or L2E_ENOMEM, with the
 *         error on the context
 */
L2E_API int l2e_mapping_draft(l2e_buf *out, l2e_ctx *ctx,
                              const char *const *inputs, size_t n_inputs,
                              const char *synonyms);

#ifdef __cplusplus
}
#endif

#endif
