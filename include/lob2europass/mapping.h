/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/mapping.h - declarative mapping files.
 *
 * A mapping file (JSON) says how one school system's export becomes a
 * learner profile: which records are dossiers, which field is the key,
 * and which source path fills each profile field. The reference is
 * mappings/README.md; the schema is mappings/mapping.schema.json.
 */
#ifndef LOB2EUROPASS_MAPPING_H
#define LOB2EUROPASS_MAPPING_H

#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_mapping l2e_mapping;

/**
 * Load and check a mapping file. Code lists it names are read from the
 * `codelists/` folder beside it.
 * @param[out] out  the mapping; caller frees with l2e_mapping_free()
 * @return 0, L2E_EMAPPING (details with file:line:col on the context),
 *         L2E_EIO, L2E_ELIMIT or L2E_ENOMEM
 */
L2E_API int l2e_mapping_load(l2e_mapping **out, l2e_ctx *ctx, const char *path);

/**
 * Load a mapping from memory. `name` is used in messages; code lists are
 * looked up in `codelist_dir` (NULL: code lists are unavailable).
 */
L2E_API int l2e_mapping_load_memory(l2e_mapping **out, l2e_ctx *ctx,
                                    const char *name, const char *data,
                                    size_t len, const char *codelist_dir);

/**
 * Check a mapping file, reporting every problem to `cb` (not only the
 * first) as a finding with file, line and column. When it is valid,
 * *out is the loaded mapping, as l2e_mapping_load() gives it.
 * @param[out] out  the mapping, or NULL; caller frees with
 *                  l2e_mapping_free()
 * @return 0, L2E_EMAPPING when the mapping has problems, or the error
 *         that kept it from being read (also reported to `cb`)
 */
L2E_API int l2e_mapping_check(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                              l2e_diag_cb cb, void *payload);

L2E_API void l2e_mapping_free(l2e_mapping *map);

/** The mapping's `name`. Borrowed. */
L2E_API const char *l2e_mapping_name(const l2e_mapping *map);

/** The mapping's `description`, or NULL. Borrowed. */
L2E_API const char *l2e_mapping_description(const l2e_mapping *map);

#ifdef __cplusplus
}
#endif

#endif
